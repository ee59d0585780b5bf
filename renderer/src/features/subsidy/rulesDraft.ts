/**
 * The 要綱 as the form holds it — every figure as the text typed — and the
 * way back to the contract's SubsidyRules, with every figure that is not a
 * number placed at its field, and every 補助率 that is not a fraction of whole
 * numbers up to 10/10 at its row. The core checks the rest (duplicate 区分)
 * and says so in its own words.
 */

import type { FieldIssue, IssuePath } from '@renderer/lib/formErrors';
import type { IctProgram, IctRow, OperatingProgram, OperatingRow, Rate, SubsidyRules } from '@shared/contract/subsidy';
import { formatNumber } from '@shared/format';
import { SUBSIDY_CLASS_LABELS, SUBSIDY_CLASSES } from '@shared/masters/model';
import { parseCountText, readAmountText } from '@shared/numbers';
import { rateSchema } from '@shared/subsidy/rules';

/** The contract's shape with the named figures held as the text typed (so a new contract field reaches the form). */
type Typed<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };

export type RateDraft = Typed<Rate, keyof Rate>;

export interface OperatingRowDraft extends Omit<OperatingRow, 'baseAmount' | 'rate'> {
  baseAmount: string;
  rate: RateDraft;
}

export interface IctRowDraft extends Omit<IctRow, 'baseAmount' | 'rate'> {
  baseAmount: string;
  rate: RateDraft;
}

export type ProgramDraft =
  | (Omit<OperatingProgram, 'rows'> & { rows: OperatingRowDraft[] })
  /** caps: 二次医療圏 id → 上限額 as typed ('' = no cap for that area). */
  | (Omit<IctProgram, 'rows' | 'caps'> & { rows: IctRowDraft[]; caps: Record<number, string> });

/** fundProjectId '' = no 基金 project linked. */
export type RulesDraft = Omit<Typed<SubsidyRules, 'fundProjectId' | 'roundingUnit'>, 'programs'> & { programs: ProgramDraft[] };

const money = (value: number) => formatNumber(value);
const rateDraft = (rate: Rate): RateDraft => ({ numerator: String(rate.numerator), denominator: String(rate.denominator) });

/**
 * The form's text for a saved 要綱. `standard`: the standard 交付の条件 under the 要綱's 規則, shown as text to edit
 * where the 要綱 keeps none of its own ('' keeps them as stored: a form that does not show them).
 */
export function rulesDraftOf(rules: SubsidyRules, standard = ''): RulesDraft {
  return {
    title: rules.title,
    fundProjectId: rules.fundProjectId === null ? '' : String(rules.fundProjectId),
    roundingUnit: money(rules.roundingUnit),
    // A 要綱 keeping none of its own prints the standard ones: shown as text to edit.
    conditions: rules.conditions || standard,
    regulationName: rules.regulationName,
    taxCreditArticle: rules.taxCreditArticle,
    programs: rules.programs.map(
      (p): ProgramDraft =>
        p.kind === 'operating'
          ? {
              kind: 'operating',
              code: p.code,
              name: p.name,
              rows: p.rows.map((r) => ({ ...r, baseAmount: money(r.baseAmount), rate: rateDraft(r.rate) })),
            }
          : {
              kind: 'ict',
              code: p.code,
              name: p.name,
              rows: p.rows.map((r) => ({ ...r, baseAmount: money(r.baseAmount), rate: rateDraft(r.rate) })),
              caps: Object.fromEntries(p.caps.map((c) => [c.areaId, money(c.cap)])),
              capScope: p.capScope,
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
  return { kind, code, name: 'ＩＣＴ連携システム整備事業', rows: [newIctRow([])], caps: {}, capScope: 'center' };
}

export function newIctRow(taken: readonly string[]): IctRowDraft {
  let item = 'item1';
  for (let n = 2; taken.includes(item); n += 1) item = `item${n}`;
  return { item, label: '', baseAmount: '', coveredExpenses: '', rate: { numerator: '1', denominator: '2' }, firstYearOnly: false };
}

/** A 要綱 to start from when the year has none and there is none to copy, with `standard` as its 交付の条件. */
export function emptyRulesDraft(standard: string): RulesDraft {
  return {
    title: '在宅医療推進センター整備事業補助金交付要綱',
    fundProjectId: '',
    roundingUnit: '1,000',
    conditions: standard,
    regulationName: '',
    taxCreditArticle: '',
    programs: [newProgram('operating', [])],
  };
}

export type ReadRules = { rules: SubsidyRules } | { problems: FieldIssue[] };

/** A typed figure as a whole number, or why it cannot be one. */
function wholeOf(text: string, label: string, example: string): number | string {
  const read = readAmountText(text, { label });
  if ('problem' in read) return read.problem;
  if (read.value === null) return `${label}を入力してください（例: ${example}）。`;
  return read.value;
}

const RATE_FORM = '補助率は 1/2 のように整数の分数で入力してください';

/**
 * A 補助率 as two whole numbers — not amounts: 「10円」 or 0.5 is no rate — within what the contract takes
 * (分母 1 or more, at most 10/10), or why not.
 * @example rateOf({ numerator: '1', denominator: '2' }) // { numerator: 1, denominator: 2 }
 */
function rateOf(rate: RateDraft): Rate | string {
  let numerator: number | null;
  let denominator: number | null;
  try {
    numerator = parseCountText(rate.numerator);
    denominator = parseCountText(rate.denominator);
  } catch {
    return RATE_FORM;
  }
  if (numerator === null || denominator === null) return RATE_FORM;
  const checked = rateSchema.safeParse({ numerator, denominator });
  return checked.success ? checked.data : checked.error.issues[0]!.message;
}

/**
 * The contract's 要綱 from the form (交付の条件 that are `standard` kept as none of its own), or every figure that is missing, not a number or negative,
 * each at its place in the form (the contract's path; a 上限額 by ['programs', i, 'caps', area id]).
 * @example readRulesDraft({ ...draft, roundingUnit: '千' }) // { problems: [{ path: ['roundingUnit'], message: '端数処理の単位は数字で…' }] }
 */
export function readRulesDraft(draft: RulesDraft, standard = ''): ReadRules {
  const problems: FieldIssue[] = [];
  const read = (text: string, label: string, example: string, path: IssuePath): number => {
    const value = wholeOf(text, label, example);
    if (typeof value === 'string') problems.push({ path, message: value });
    return typeof value === 'number' ? value : 0;
  };
  const readRate = (rate: RateDraft, path: IssuePath): Rate => {
    const value = rateOf(rate);
    if (typeof value === 'string') problems.push({ path, message: value });
    return typeof value === 'string' ? { numerator: 0, denominator: 1 } : value;
  };
  const rowOf = <R extends OperatingRowDraft | IctRowDraft>(r: R, i: number, j: number) => {
    const at = (...rest: (string | number)[]) => ['programs', i, 'rows', j, ...rest];
    return {
      ...r,
      baseAmount: read(r.baseAmount, '基準額', '4,453,000', at('baseAmount')),
      rate: readRate(r.rate, at('rate')),
    };
  };
  const programs = draft.programs.map((p, i): OperatingProgram | IctProgram => {
    if (p.kind === 'operating') return { kind: 'operating', code: p.code, name: p.name, rows: p.rows.map((r, j) => rowOf(r, i, j)) };
    return {
      kind: 'ict',
      code: p.code,
      name: p.name,
      rows: p.rows.map((r, j) => rowOf(r, i, j)),
      caps: Object.entries(p.caps)
        .filter(([, text]) => text.trim() !== '')
        .map(([areaId, text]) => ({
          areaId: Number(areaId),
          cap: read(text, '上限額', '10,000,000', ['programs', i, 'caps', Number(areaId)]),
        })),
      capScope: p.capScope,
    };
  });
  const roundingUnit = read(draft.roundingUnit, '端数処理の単位', '1,000', ['roundingUnit']);
  if (problems.length > 0) return { problems };
  return {
    rules: {
      title: draft.title,
      fundProjectId: draft.fundProjectId === '' ? null : Number(draft.fundProjectId),
      roundingUnit,
      // The standard text is kept as blank, so a 要綱 that never changed it follows the standard as the program words it.
      conditions: draft.conditions.trim() === standard ? '' : draft.conditions,
      regulationName: draft.regulationName,
      taxCreditArticle: draft.taxCreditArticle,
      programs,
    },
  };
}

/**
 * Where the core's issue lies in the form: a 上限額 is sent as the n-th filled one, shown by its area.
 * @example rulesFormPathOf(['programs', 1, 'caps', 0, 'cap'], draft) // ['programs', 1, 'caps', 12] (the first filled area's id)
 */
export function rulesFormPathOf(path: IssuePath, draft: RulesDraft): IssuePath {
  const program = typeof path[1] === 'number' ? draft.programs[path[1]] : undefined;
  if (path[0] !== 'programs' || path[2] !== 'caps' || typeof path[3] !== 'number' || program?.kind !== 'ict') return path;
  const areaId = Object.entries(program.caps).filter(([, text]) => text.trim() !== '')[path[3]]?.[0];
  return areaId === undefined ? path.slice(0, 3) : ['programs', path[1]!, 'caps', Number(areaId)];
}

/** Every place of the form that shows its own error; an issue elsewhere is shown above the save button. */
export function rulesFieldPaths(draft: RulesDraft): IssuePath[] {
  const paths: IssuePath[] = [['title'], ['fundProjectId'], ['roundingUnit']];
  draft.programs.forEach((p, i) => {
    paths.push(['programs', i, 'name']);
    p.rows.forEach((_, j) =>
      ['class', 'label', 'baseAmount', 'coveredExpenses', 'rate'].forEach((f) => paths.push(['programs', i, 'rows', j, f])),
    );
    if (p.kind === 'ict') Object.keys(p.caps).forEach((areaId) => paths.push(['programs', i, 'caps', Number(areaId)]));
  });
  return paths;
}

const rowName = (program: ProgramDraft, row: OperatingRowDraft | IctRowDraft, j: number) =>
  `「${program.name || `${j + 1}番目の事業`}」の${'class' in row ? `区分「${row.label || SUBSIDY_CLASS_LABELS[row.class]}」` : `種目「${row.label || `${j + 1}行目`}」`}`;

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

/** The figures typed into the form as lines 「事業 区分: 基準額 … 補助率 …」, kept for copying after a save was refused. */
export function rulesDraftLines(draft: RulesDraft): string {
  return [
    `題名: ${draft.title}`,
    `端数処理の単位: ${draft.roundingUnit}`,
    ...draft.programs.flatMap((p) =>
      p.rows.map((r) => `${p.name} ${r.label}: 基準額 ${r.baseAmount} 補助率 ${r.rate.numerator}/${r.rate.denominator}`),
    ),
  ].join('\n');
}
