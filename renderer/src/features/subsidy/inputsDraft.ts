/**
 * The amounts of an application, a change or the actuals as the form holds
 * them — one entry per program of the year's 要綱, each figure as typed — and
 * the way back to the contract's SubsidyInputs, naming the program and field
 * of a figure that is not a number.
 */
import type { ProgramInput, SubsidyInputs, SubsidyRules } from '../../../../shared/contract/subsidy';
import { formatNumber } from '../../../../shared/format';
import { readAmountText } from '../../../../shared/numbers';

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

export type ReadInputs = { inputs: SubsidyInputs } | { problem: string };

class DraftProblem extends Error {}

function yenOf(value: string, where: string): number {
  const read = readAmountText(value, { label: where });
  if ('problem' in read) throw new DraftProblem(read.problem);
  if (read.value === null) throw new DraftProblem(`${where}を入力してください（ない場合は 0）。`);
  return read.value;
}

/**
 * The contract's amounts from the form, or the first figure that is missing
 * or not a number. 種目 left blank are not applied for.
 * @example readInputsDraft([{ code: 'operating', kind: 'operating', included: true, totalCost: '5,000,000', otherIncome: '0', eligibleExpense: '4,800,000', … }])
 * // { inputs: { programs: [{ kind: 'operating', code: 'operating', totalCost: 5000000, otherIncome: 0, eligibleExpense: 4800000 }] } }
 */
export function readInputsDraft(draft: InputsDraft): ReadInputs {
  try {
    const programs = draft
      .filter((p) => p.included)
      .map((p): ProgramInput => {
        const where = (field: string) => `「${p.name}」の${field}`;
        const totalCost = yenOf(p.totalCost, where('総事業費'));
        const otherIncome = yenOf(p.otherIncome, where('寄付金その他の収入額'));
        if (p.kind === 'operating') return { kind: 'operating', code: p.code, totalCost, otherIncome, eligibleExpense: yenOf(p.eligibleExpense, where('対象経費の支出（予定）額')) };
        const items = Object.entries(p.items)
          .filter(([, value]) => value.trim() !== '')
          .map(([item, value]) => ({ item, eligibleExpense: yenOf(value, where('種目の対象経費')) }));
        return { kind: 'ict', code: p.code, totalCost, otherIncome, firstYear: p.firstYear, items };
      });
    if (programs.length === 0) return { problem: '金額を入力する事業を1つ以上選んでください。' };
    return { inputs: { programs } };
  } catch (error) {
    if (error instanceof DraftProblem) return { problem: error.message };
    throw error;
  }
}
