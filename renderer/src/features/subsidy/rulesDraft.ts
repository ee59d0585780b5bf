/**
 * The 要綱 as the form holds it — every figure as the text typed — and the
 * way back to the contract's SubsidyRules, naming the program, row and field
 * of a figure that is not a number. The core checks the rest (rates above
 * 10/10, duplicate 区分) and says so in its own words.
 */
import { type IctProgram, type OperatingProgram, type SubsidyRules } from '../../../../shared/contract/subsidy';
import { formatNumber } from '../../../../shared/format';
import { SUBSIDY_CLASS_LABELS, SUBSIDY_CLASSES, type SubsidyClass } from '../../../../shared/masters/model';
import { parseCountText, readAmountText } from '../../../../shared/numbers';

export interface RateDraft {
  numerator: string;
  denominator: string;
}

export interface OperatingRowDraft {
  class: SubsidyClass;
  label: string;
  baseAmount: string;
  coveredExpenses: string;
  rate: RateDraft;
}

export interface IctRowDraft {
  item: string;
  label: string;
  baseAmount: string;
  coveredExpenses: string;
  rate: RateDraft;
  firstYearOnly: boolean;
}

export type ProgramDraft =
  | { kind: 'operating'; code: string; name: string; rows: OperatingRowDraft[] }
  /** caps: 二次医療圏 id → 上限額 as typed ('' = no cap for that area). */
  | { kind: 'ict'; code: string; name: string; rows: IctRowDraft[]; caps: Record<number, string> };

export interface RulesDraft {
  title: string;
  /** '' = no 基金 project linked. */
  fundProjectId: string;
  roundingUnit: string;
  programs: ProgramDraft[];
}

const money = (value: number) => formatNumber(value);
const rateDraft = (rate: { numerator: number; denominator: number }): RateDraft => ({ numerator: String(rate.numerator), denominator: String(rate.denominator) });

/** The form's text for a saved 要綱. */
export function rulesDraftOf(rules: SubsidyRules): RulesDraft {
  return {
    title: rules.title,
    fundProjectId: rules.fundProjectId === null ? '' : String(rules.fundProjectId),
    roundingUnit: money(rules.roundingUnit),
    programs: rules.programs.map((p): ProgramDraft =>
      p.kind === 'operating'
        ? { kind: 'operating', code: p.code, name: p.name, rows: p.rows.map((r) => ({ ...r, baseAmount: money(r.baseAmount), rate: rateDraft(r.rate) })) }
        : {
            kind: 'ict',
            code: p.code,
            name: p.name,
            rows: p.rows.map((r) => ({ ...r, baseAmount: money(r.baseAmount), rate: rateDraft(r.rate) })),
            caps: Object.fromEntries(p.caps.map((c) => [c.areaId, money(c.cap)])),
          },
    ),
  };
}

/** A program to add to the form: 運営事業 with a row per 補助区分, or ＩＣＴ with one empty 種目. */
export function newProgram(kind: ProgramDraft['kind'], taken: readonly string[]): ProgramDraft {
  const base = kind === 'operating' ? 'operating' : 'ict';
  let code = base;
  for (let n = 2; taken.includes(code); n += 1) code = `${base}${n}`;
  const rate = { numerator: '10', denominator: '10' };
  if (kind === 'operating') {
    return {
      kind,
      code,
      name: '在宅医療推進センター運営事業',
      rows: SUBSIDY_CLASSES.map((c) => ({ class: c, label: SUBSIDY_CLASS_LABELS[c], baseAmount: '', coveredExpenses: '', rate })),
    };
  }
  return { kind, code, name: 'ＩＣＴ連携システム整備事業', rows: [newIctRow([])], caps: {} };
}

export function newIctRow(taken: readonly string[]): IctRowDraft {
  let item = 'item1';
  for (let n = 2; taken.includes(item); n += 1) item = `item${n}`;
  return { item, label: '', baseAmount: '', coveredExpenses: '', rate: { numerator: '1', denominator: '2' }, firstYearOnly: false };
}

/** A 要綱 to start from when the year has none and there is none to copy. */
export function emptyRulesDraft(): RulesDraft {
  return { title: '在宅医療推進センター整備事業補助金交付要綱', fundProjectId: '', roundingUnit: '1,000', programs: [newProgram('operating', [])] };
}

export type ReadRules = { rules: SubsidyRules } | { problem: string };

class DraftProblem extends Error {}

function yenOf(text: string, where: string): number {
  const read = readAmountText(text, { label: where });
  if ('problem' in read) throw new DraftProblem(read.problem);
  if (read.value === null) throw new DraftProblem(`${where}を入力してください。`);
  return read.value;
}

function integerOf(text: string, where: string): number {
  let value: number | null;
  try {
    value = parseCountText(text, Number.MAX_SAFE_INTEGER);
  } catch {
    value = null;
  }
  if (value === null) throw new DraftProblem(`${where}は整数で入力してください（例: 10/10 なら分子 10、分母 10）。`);
  return value;
}

function rateOf(rate: RateDraft, where: string) {
  return { numerator: integerOf(rate.numerator, `${where}の補助率の分子`), denominator: integerOf(rate.denominator, `${where}の補助率の分母`) };
}

const rowName = (program: ProgramDraft, row: OperatingRowDraft | IctRowDraft, j: number) =>
  `「${program.name || `${j + 1}番目の事業`}」の${'class' in row ? `区分「${row.label || SUBSIDY_CLASS_LABELS[row.class]}」` : `種目「${row.label || row.item || `${j + 1}行目`}」`}`;

/**
 * The contract's 要綱 from the form, or the first figure that is not a number.
 * @example readRulesDraft({ ...draft, roundingUnit: '千' }) // { problem: '端数処理の単位は円単位の数字で…' }
 */
export function readRulesDraft(draft: RulesDraft): ReadRules {
  try {
    const programs = draft.programs.map((p): OperatingProgram | IctProgram => {
      if (p.kind === 'operating') {
        return {
          kind: 'operating',
          code: p.code,
          name: p.name,
          rows: p.rows.map((r, j) => ({ ...r, baseAmount: yenOf(r.baseAmount, `${rowName(p, r, j)}の基準額`), rate: rateOf(r.rate, rowName(p, r, j)) })),
        };
      }
      return {
        kind: 'ict',
        code: p.code,
        name: p.name,
        rows: p.rows.map((r, j) => ({ ...r, baseAmount: yenOf(r.baseAmount, `${rowName(p, r, j)}の基準額`), rate: rateOf(r.rate, rowName(p, r, j)) })),
        caps: Object.entries(p.caps)
          .filter(([, text]) => text.trim() !== '')
          .map(([areaId, text]) => ({ areaId: Number(areaId), cap: yenOf(text, `「${p.name}」の上限額`) })),
      };
    });
    return {
      rules: {
        title: draft.title,
        fundProjectId: draft.fundProjectId === '' ? null : Number(draft.fundProjectId),
        roundingUnit: yenOf(draft.roundingUnit, '端数処理の単位'),
        programs,
      },
    };
  } catch (error) {
    if (error instanceof DraftProblem) return { problem: error.message };
    throw error;
  }
}

/**
 * Where a problem the core found in the 要綱 lies, in the form's words:
 * ['programs', 1, 'rows', 0, 'baseAmount'] → 「ＩＣＴ連携システム整備事業」の種目「ＩＣＴシステム構築費」.
 */
export function placeOf(path: readonly (string | number)[], draft: RulesDraft): string {
  if (path[0] !== 'programs' || typeof path[1] !== 'number') return '';
  const program = draft.programs[path[1]];
  if (!program) return '';
  if (path[2] === 'rows' && typeof path[3] === 'number') {
    const row = program.rows[path[3]];
    if (row) return rowName(program, row, path[3]);
  }
  return `「${program.name || `${path[1] + 1}番目の事業`}」`;
}
