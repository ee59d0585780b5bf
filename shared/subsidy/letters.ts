/**
 * The subsidy's letters, one per step of its life-cycle: which step each
 * rests on, whether the prefecture sends it (and so takes its 文書番号 from
 * the register) or a center submits it, and the standard 交付の条件 printed
 * on a 交付決定通知書 when the year's 要綱 keeps none of its own.
 */
import type { IsoDate } from '../dates';
import { type StepKind, suggestedStepDate } from './lifecycle';

export const LETTER_KINDS = [
  'application',
  'decision',
  'change_application',
  'change_decision',
  'payment',
  'actual_report',
  'settlement',
  'refund_order',
  'additional_notice',
  'tax_credit',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_LABELS: Record<LetterKind, string> = {
  application: '交付申請書',
  decision: '交付決定通知書',
  change_application: '変更交付申請書',
  change_decision: '変更交付決定通知書',
  payment: '概算払請求書',
  actual_report: '実績報告書',
  settlement: '額の確定通知書',
  refund_order: '返還命令書',
  additional_notice: '追加交付通知書',
  tax_credit: '消費税及び地方消費税に係る仕入控除税額報告書',
};

/** The step a letter is written from: its latest step of that kind (a 返還命令 and a 追加交付 notice follow the 額の確定). */
export const LETTER_STEP: Record<LetterKind, StepKind> = {
  application: 'application',
  decision: 'decision',
  change_application: 'change_application',
  change_decision: 'change_decision',
  payment: 'payment',
  actual_report: 'actual_report',
  settlement: 'settlement',
  refund_order: 'settlement',
  additional_notice: 'settlement',
  // Reported after the tax return, on the amount fixed by the 額の確定.
  tax_credit: 'settlement',
};

/** Letters the prefecture sends: numbered from its 文書番号 register. The others a center submits under its own number. */
export const ISSUED_LETTERS: readonly LetterKind[] = ['decision', 'change_decision', 'settlement', 'refund_order', 'additional_notice'];

export const isIssuedLetter = (kind: LetterKind) => ISSUED_LETTERS.includes(kind);

/**
 * The name a kind of letter goes by among the report engine's sets (report.set), and back.
 * @example letterSetName('application') // 'subsidy.letter.application'
 */
export const letterSetName = (kind: LetterKind) => `subsidy.letter.${kind}`;

/** @example letterOfSet('subsidy.letter.decision') // 'decision'; letterOfSet('summary') // null */
export function letterOfSet(name: string): LetterKind | null {
  const kind = name.startsWith('subsidy.letter.') ? name.slice('subsidy.letter.'.length) : '';
  return (LETTER_KINDS as readonly string[]).includes(kind) ? (kind as LetterKind) : null;
}

/**
 * The date a letter's form starts with: the day of the step it reports, as a
 * prefecture's letter bears the day it decides (for a batch the latest such
 * day, so no letter comes before its step); with no such step yet, a new
 * step's date.
 * @example suggestedLetterDate(2023, 'settlement', [{ kind: 'settlement', datedOn: '2024-05-17' }], '2026-12-05') // '2024-05-17'
 */
export function suggestedLetterDate(
  fiscalYear: number,
  kind: LetterKind,
  steps: readonly { readonly kind: StepKind; readonly datedOn: string }[],
  today: IsoDate,
): IsoDate {
  const latest = steps
    .filter((s) => s.kind === LETTER_STEP[kind])
    .map((s) => s.datedOn as IsoDate)
    .sort()
    .at(-1);
  return latest ?? suggestedStepDate(fiscalYear, LETTER_STEP[kind], [], today);
}

/** Days from a 返還命令書 to its 返還期限 when the officer names no date. */
export const REFUND_DAYS = 20;

/**
 * The prefecture's 補助金等交付規則 as the letters cite it: the 要綱's own name for it, else the prefecture's name
 * with 補助金等交付規則 (most name theirs so; a prefecture whose rules go by another name, such as
 * 大阪府補助金交付規則, sets it with the 要綱).
 * @example regulationName('', '長野県') // '長野県補助金等交付規則'
 * @example regulationName('大阪府補助金交付規則', '大阪府') // '大阪府補助金交付規則'
 */
export function regulationName(own: string, prefecture: string | null): string {
  return own.trim() || `${prefecture ?? ''}補助金等交付規則`;
}

/**
 * The standard 交付の条件 of a 交付決定通知書 under the prefecture's 規則, one per line, used while the
 * year's 要綱 keeps none of its own (the officer edits them with the 要綱).
 * @example standardConditions('長野県補助金等交付規則').split('\n')[0] // '補助事業は、長野県補助金等交付規則及び交付要綱の…'
 */
export function standardConditions(regulation: string): string {
  return [
    `補助事業は、${regulation}及び交付要綱の定めるところに従い実施すること。`,
    '補助事業の内容又は経費の配分を変更しようとするときは、あらかじめ知事の承認を受けること。',
    '補助事業を中止し、又は廃止しようとするときは、あらかじめ知事の承認を受けること。',
    '補助事業が予定の期間内に完了しない場合又は補助事業の遂行が困難となった場合は、速やかに知事に報告してその指示を受けること。',
    '補助事業が完了したときは、実績報告書を知事に提出すること。',
    '補助事業に係る収入及び支出を明らかにした帳簿を備え、証拠書類とともに補助事業の完了の日の属する年度の終了後5年間保管しておくこと。',
  ].join('\n');
}

/** The conditions a year prints: its own, or the standard ones under `regulation` while it keeps none. */
export function conditionLines(conditions: string, regulation: string): string[] {
  return (conditions.trim() || standardConditions(regulation))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
