/** What can be wrong with the fund's figures: one typed problem shape, with the Japanese message a user reads. */
import type { FiscalYear } from '../fiscal-year';
import { formatYen } from '../format';
import type { Yen } from '../money';

/** Every figure a fund problem can point at (so a screen can highlight the cell). */
export type FundField =
  | 'totalCost'
  | 'fundAmount'
  | 'national'
  | 'prefectural'
  | 'otherAmount'
  | 'publicAmount'
  | 'privateAmount'
  | 'entrustedAmount'
  | 'spent'
  | 'opening'
  | 'nationalContribution'
  | 'prefecturalContribution'
  | 'investmentIncome'
  | 'withdrawal'
  | 'categoryCode'
  | 'projectId';

/** 基金 glossary: field ↔ what the user reads. */
export const FUND_FIELD_LABELS: Readonly<Record<FundField, string>> = {
  totalCost: '総事業費',
  fundAmount: '基金充当額',
  national: '国',
  prefectural: '都道府県',
  otherAmount: 'その他',
  publicAmount: '公',
  privateAmount: '民',
  entrustedAmount: 'うち受託事業等',
  spent: '執行額',
  opening: '期首残高',
  nationalContribution: '積立（国）',
  prefecturalContribution: '積立（都道府県）',
  investmentIncome: '運用益',
  withdrawal: '取崩',
  categoryCode: '区分',
  projectId: '事業',
};

export type FundProblemCode =
  | 'negative_amount'
  | 'split_mismatch'
  | 'public_private_mismatch'
  | 'entrusted_exceeds_private'
  | 'overspent'
  | 'unknown_project'
  | 'unknown_category'
  | 'transfer_changes_total'
  | 'withdrawal_exceeds_balance';

export interface FundProblem {
  readonly code: FundProblemCode;
  /** The figures at fault. */
  readonly fields: readonly FundField[];
  /** For the user, in Japanese, saying what to do next. */
  readonly message: string;
  readonly projectId?: number;
  readonly fiscalYear?: FiscalYear;
}

/**
 * One `negative_amount` problem per negative figure, in the order given.
 * @example negativeAmountProblems({ national: yen(-1) })[0].message // '「国」に負の金額は入力できません（-1円）。0円以上で入力してください。'
 */
export function negativeAmountProblems(figures: Partial<Record<FundField, Yen>>): FundProblem[] {
  const problems: FundProblem[] = [];
  for (const [field, value] of Object.entries(figures) as [FundField, Yen | undefined][]) {
    if (value === undefined || value >= 0) continue;
    problems.push({
      code: 'negative_amount',
      fields: [field],
      message: `「${FUND_FIELD_LABELS[field]}」に負の金額は入力できません（${formatYen(value)}）。0円以上で入力してください。`,
    });
  }
  return problems;
}

/** The same problems, tagged with the project they belong to. */
export function forProject(projectId: number, problems: readonly FundProblem[]): FundProblem[] {
  return problems.map((p) => ({ ...p, projectId }));
}
