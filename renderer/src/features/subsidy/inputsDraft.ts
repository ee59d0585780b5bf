/**
 * The amounts of an application, a change or the actuals as the form holds
 * them — one entry per program of the year's 要綱, each figure as typed — and
 * the way back to the contract's SubsidyInputs, with every figure that is
 * missing, not a number or negative placed at its field.
 */

import type { FieldIssue, IssuePath } from '@renderer/lib/formErrors';
import type { ProgramInput, SubsidyInputs, SubsidyRules } from '@shared/contract/subsidy';
import { formatNumber } from '@shared/format';
import { readAmountText } from '@shared/numbers';

export interface InputProgramDraft {
  code: string;
  kind: 'operating' | 'ict';
  name: string;
  /** The center applies for this program (an unticked program is left out). */
  included: boolean;
  totalCost: string;
  otherIncome: string;
  /** 運営事業: 対象経費の支出（予定）額. */
  eligibleExpense: string;
  /** ＩＣＴ: this year is the project's first. */
  firstYear: boolean;
  /** ＩＣＴ: 種目 code → 対象経費 as typed ('' = not applied for). */
  items: Record<string, string>;
}

export type InputsDraft = InputProgramDraft[];

const text = (value: number | undefined) => (value === undefined ? '' : formatNumber(value));

/**
 * The form for the year's programs, filled from earlier amounts when there are
 * some (a change or the actuals start from the latest figures); with none, the
 * first 運営事業 is ticked and the rest left out.
 */
export function inputsDraftOf(rules: SubsidyRules, inputs: SubsidyInputs | null): InputsDraft {
  const firstOperating = rules.programs.find((p) => p.kind === 'operating')?.code;
  return rules.programs.map((program) => {
    const given = inputs?.programs.find((p) => p.code === program.code && p.kind === program.kind);
    const items: Record<string, string> = {};
    if (program.kind === 'ict') {
      for (const row of program.rows) {
        const entry = given?.kind === 'ict' ? given.items.find((i) => i.item === row.item) : undefined;
        items[row.item] = text(entry?.eligibleExpense);
      }
    }
    return {
      code: program.code,
      kind: program.kind,
      name: program.name,
      included: inputs ? given !== undefined : program.code === firstOperating,
      totalCost: text(given?.totalCost),
      otherIncome: text(given?.otherIncome ?? (inputs ? undefined : 0)),
      eligibleExpense: given?.kind === 'operating' ? text(given.eligibleExpense) : '',
      firstYear: given?.kind === 'ict' ? given.firstYear : false,
      items,
    };
  });
}

export type ReadInputs = { inputs: SubsidyInputs } | { problems: FieldIssue[] };

/** A typed figure as yen, or why it cannot be one (each field says its own). */
function yenOf(value: string, label: string): number | string {
  const read = readAmountText(value, { label });
  if ('problem' in read) return read.problem;
  if (read.value === null) return `${label}を入力してください（ない場合は 0）。`;
  return read.value;
}

/**
 * The contract's amounts from the form, or every figure that is missing, not a number or negative,
 * each at its place in the form (['programs', index in the form, field] or […, 'items', 種目]).
 * 種目 left blank are not applied for.
 * @example readInputsDraft([{ code: 'operating', kind: 'operating', included: true, totalCost: '5,000,000', otherIncome: '0', eligibleExpense: '4,800,000', … }])
 * // { inputs: { programs: [{ kind: 'operating', code: 'operating', totalCost: 5000000, otherIncome: 0, eligibleExpense: 4800000 }] } }
 */
export function readInputsDraft(draft: InputsDraft): ReadInputs {
  const problems: FieldIssue[] = [];
  const read = (value: string, label: string, path: IssuePath): number => {
    const amount = yenOf(value, label);
    if (typeof amount === 'string') problems.push({ path, message: amount });
    return typeof amount === 'number' ? amount : 0;
  };
  const programs = draft.flatMap((p, i): ProgramInput[] => {
    if (!p.included) return [];
    const totalCost = read(p.totalCost, '総事業費', ['programs', i, 'totalCost']);
    const otherIncome = read(p.otherIncome, '寄付金その他収入額', ['programs', i, 'otherIncome']);
    if (p.kind === 'operating')
      return [
        {
          kind: 'operating',
          code: p.code,
          totalCost,
          otherIncome,
          eligibleExpense: read(p.eligibleExpense, '対象経費', ['programs', i, 'eligibleExpense']),
        },
      ];
    const items = Object.entries(p.items)
      .filter(([, value]) => value.trim() !== '')
      .map(([item, value]) => ({ item, eligibleExpense: read(value, '対象経費', ['programs', i, 'items', item]) }));
    return [{ kind: 'ict', code: p.code, totalCost, otherIncome, firstYear: p.firstYear, items }];
  });
  if (programs.length === 0) problems.push({ path: ['included'], message: '金額を入力する事業を1つ以上選んでください。' });
  return problems.length > 0 ? { problems } : { inputs: { programs } };
}

/**
 * Where the core's issue about the amounts it was sent lies in the form: the sent programs are the
 * ticked ones, and an ＩＣＴ program's items the filled ones.
 * @example formPathOf(['inputs', 'programs', 0, 'totalCost'], draftWithFirstUnticked) // ['programs', 1, 'totalCost']
 */
export function formPathOf(path: IssuePath, draft: InputsDraft): IssuePath {
  if (path[0] !== 'inputs' || path[1] !== 'programs' || typeof path[2] !== 'number') return path;
  const index = draft.map((p, i) => (p.included ? i : -1)).filter((i) => i >= 0)[path[2]];
  if (index === undefined) return ['programs'];
  const program = draft[index]!;
  if (path[3] === 'items' && typeof path[4] === 'number') {
    const item = Object.entries(program.items).filter(([, value]) => value.trim() !== '')[path[4]]?.[0];
    return item === undefined ? ['programs', index] : ['programs', index, 'items', item];
  }
  return ['programs', index, ...path.slice(3)];
}
