import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates';
import { yen } from '../money';
import {
  budgetProblem,
  decisionProblem,
  deriveState,
  finalAmount,
  kindProblem,
  type LifecycleStep,
  overBudget,
  type StepKind,
  stepProblem,
  suggestedStepDate,
} from './lifecycle';

const step = (kind: StepKind, datedOn: string, amount: number): LifecycleStep => ({ kind, datedOn, amount: yen(amount) });

/** An その他郡市医師会 center of R5: decided at its 基準額 4,453,000, paid in two advances. */
const DECIDED_AND_PAID = [
  step('application', '2023-04-14', 4_453_000),
  step('decision', '2023-05-19', 4_453_000),
  step('payment', '2023-06-30', 2_226_000),
  step('payment', '2023-12-27', 2_227_000),
];

describe('the status, derived from the steps', () => {
  it('goes from 未申請 to 完了, offering only the steps that may come next', () => {
    expect(deriveState([])).toMatchObject({ status: 'none', applied: null, decided: null, paid: 0, nextKinds: ['application'] });
    expect(deriveState(DECIDED_AND_PAID.slice(0, 1))).toMatchObject({ status: 'applied', applied: 4_453_000, nextKinds: ['decision'] });
    expect(deriveState(DECIDED_AND_PAID.slice(0, 3))).toMatchObject({
      status: 'decided',
      paid: 2_226_000,
      nextKinds: ['change_application', 'payment', 'actual_report'],
    });
    const paidInFull = deriveState(DECIDED_AND_PAID);
    expect(paidInFull).toMatchObject({ status: 'decided', paid: 4_453_000, nextKinds: ['change_application', 'actual_report'] });

    const reported = [...DECIDED_AND_PAID, step('actual_report', '2024-04-10', 4_210_000)];
    expect(deriveState(reported)).toMatchObject({ status: 'reported', actual: 4_210_000, final: null, nextKinds: ['settlement'] });
    // 確定額 = min(4,210,000 on the actuals, 4,453,000 decided); refund = 4,453,000 paid − 4,210,000 = 243,000.
    const settled = [...reported, step('settlement', '2024-05-17', finalAmount(deriveState(reported), yen(4_210_000)))];
    expect(deriveState(settled)).toMatchObject({
      status: 'settled',
      final: 4_210_000,
      refundDue: 243_000,
      refunded: 0,
      additionalDue: 0,
      nextKinds: ['refund'],
    });
    expect(deriveState([...settled, step('refund', '2024-06-14', 243_000)])).toMatchObject({
      status: 'closed',
      refunded: 243_000,
      nextKinds: [],
    });
  });

  it('owes an 追加交付 when less was paid than the 確定額, and caps the 確定額 at the decided amount', () => {
    const halfPaid = [...DECIDED_AND_PAID.slice(0, 3), step('actual_report', '2024-04-10', 4_210_000)];
    const final = finalAmount(deriveState(halfPaid), yen(4_210_000));
    expect(deriveState([...halfPaid, step('settlement', '2024-05-17', final)])).toMatchObject({
      final: 4_210_000,
      refundDue: 0,
      additionalDue: 4_210_000 - 2_226_000,
    });
    // Actuals above the decision: the 確定額 stays at 4,453,000.
    expect(finalAmount(deriveState(DECIDED_AND_PAID), yen(4_800_000))).toBe(4_453_000);
  });

  it('follows a change: 変更申請中 until the 変更決定, whose amount then counts as decided', () => {
    const changing = [...DECIDED_AND_PAID.slice(0, 3), step('change_application', '2023-09-29', 4_100_000)];
    expect(deriveState(changing)).toMatchObject({
      status: 'change_applied',
      applied: 4_100_000,
      decided: 4_453_000,
      nextKinds: ['change_decision', 'payment'],
    });
    expect(deriveState([...changing, step('change_decision', '2023-10-13', 4_100_000)])).toMatchObject({
      status: 'decided',
      decided: 4_100_000,
    });
  });
});

describe('steps that do not fit are refused, saying why', () => {
  const refusal = (steps: LifecycleStep[], next: LifecycleStep) => stepProblem(steps, next);

  it('refuses a decision without an application, and a second application', () => {
    expect(refusal([], step('decision', '2023-05-19', 4_453_000))).toContain('交付申請がないため交付決定できません');
    expect(refusal(DECIDED_AND_PAID.slice(0, 1), step('application', '2023-04-20', 4_453_000))).toContain('交付申請はすでにあります');
  });

  it('refuses 額の確定 before the 実績報告, and a 変更決定 without a 変更申請', () => {
    expect(refusal(DECIDED_AND_PAID, step('settlement', '2024-05-17', 4_453_000))).toContain('実績報告の前は額の確定ができません');
    expect(refusal(DECIDED_AND_PAID, step('change_decision', '2023-10-13', 4_100_000))).toContain('変更交付申請がないため');
  });

  it('refuses a payment that would take 支払済 beyond the decided amount, naming what is left', () => {
    const message = refusal(DECIDED_AND_PAID.slice(0, 3), step('payment', '2023-12-27', 2_300_000));
    expect(message).toContain('支払済の額が決定額を超えます（決定額 4,453,000円、支払済 2,226,000円、今回 2,300,000円）');
    expect(message).toContain('2,227,000円 以下');
    expect(refusal(DECIDED_AND_PAID.slice(0, 3), step('payment', '2023-12-27', 2_227_000))).toBeNull();
    expect(refusal(DECIDED_AND_PAID.slice(0, 1), step('payment', '2023-06-30', 1_000))).toContain('交付決定の前は概算払できません');
  });

  it('refuses a refund beyond what is due and a date before the last step', () => {
    const settled = [...DECIDED_AND_PAID, step('actual_report', '2024-04-10', 4_210_000), step('settlement', '2024-05-17', 4_210_000)];
    expect(refusal(settled, step('refund', '2024-06-14', 243_001))).toContain('返還すべき額の残り 243,000円 を超えています');
    expect(refusal(settled, step('additional', '2024-06-14', 1_000))).toContain('追加交付すべき額はありません');
    expect(refusal(DECIDED_AND_PAID, step('actual_report', '2023-12-01', 4_210_000))).toContain(
      '日付が前の手続き「概算払」（令和5年12月27日）より前です',
    );
  });

  it('takes a decision lowered below what was paid (a center that gives up its work), the excess returned after 額の確定', () => {
    const withdrawing = [...DECIDED_AND_PAID, step('change_application', '2024-01-10', 0)];
    expect(refusal(withdrawing, step('change_decision', '2024-01-20', 0))).toBeNull();
    const lowered = [...withdrawing, step('change_decision', '2024-01-20', 0)];
    expect(deriveState(lowered)).toMatchObject({ status: 'decided', decided: 0, paid: 4_453_000 });
    expect(deriveState(lowered).nextKinds).not.toContain('payment');
    const settled = [...lowered, step('actual_report', '2024-04-10', 0), step('settlement', '2024-05-17', 0)];
    expect(deriveState(settled)).toMatchObject({ status: 'settled', final: 0, refundDue: 4_453_000, nextKinds: ['refund'] });
  });
});

describe('a step is refused for its kind before anything about its figures', () => {
  it('says 額の確定 needs a 実績報告 first, where only an application exists (review finding 4)', () => {
    expect(kindProblem(DECIDED_AND_PAID.slice(0, 1), 'settlement')).toBe(
      '実績報告の前は額の確定ができません。先に実績報告を入力してください。',
    );
    expect(kindProblem(DECIDED_AND_PAID, 'actual_report')).toBeNull();
  });
});

describe('the date a new step starts with', () => {
  const today = (s: string) => s as IsoDate;
  it('is inside the 年度 for an application, even when the form is opened years later (trust finding: mistyped dates)', () => {
    // 令和6年度 opened on 令和8年12月1日: the application starts on 令和6年4月1日, not on today.
    expect(suggestedStepDate(2024, 'application', [], today('2026-12-01'))).toBe('2024-04-01');
    expect(suggestedStepDate(2024, 'application', [], today('2024-03-15'))).toBe('2024-03-15');
    expect(suggestedStepDate(2024, 'decision', [step('application', '2024-04-12', 4_453_000)], today('2026-12-01'))).toBe('2024-04-12');
  });

  it('is after the 年度 for 実績報告 and 額の確定, within the two years they may take', () => {
    expect(suggestedStepDate(2023, 'actual_report', DECIDED_AND_PAID, today('2023-12-27'))).toBe('2024-04-01');
    expect(suggestedStepDate(2023, 'actual_report', DECIDED_AND_PAID, today('2024-04-10'))).toBe('2024-04-10');
  });

  it("starts a closed year's late steps on the first day after the year, not at the far end of their window (QA: 令和5年度 opened on 令和8年12月6日)", () => {
    // The window of 令和5年度's later steps ends on 令和8年3月31日; that day is no likelier than any other and would
    // date the 額の確定 and its letter two years after the 実績報告.
    expect(suggestedStepDate(2023, 'actual_report', DECIDED_AND_PAID, today('2026-12-06'))).toBe('2024-04-01');
    expect(suggestedStepDate(2023, 'settlement', DECIDED_AND_PAID, today('2030-01-15'))).toBe('2024-04-01');
    // Never before the step before it: the 返還 after a 額の確定 of 令和6年5月20日 starts on that day.
    const settled = [...DECIDED_AND_PAID, step('actual_report', '2024-04-25', 4_123_000), step('settlement', '2024-05-20', 4_123_000)];
    expect(suggestedStepDate(2023, 'refund', settled, today('2026-12-06'))).toBe('2024-05-20');
  });
});

describe('decisions', () => {
  it('may differ from the computed amount only with a reason', () => {
    expect(decisionProblem(yen(4_453_000), yen(4_453_000), '')).toBeNull();
    expect(decisionProblem(yen(4_000_000), yen(4_453_000), '')).toContain('決定額 4,000,000円 が算定額 4,453,000円 と違います');
    expect(decisionProblem(yen(4_000_000), yen(4_453_000), '予算の範囲内で減額')).toBeNull();
  });

  it("may not exceed the fund project's budget without an override and a reason", () => {
    expect(budgetProblem(yen(84_586_000), yen(84_586_000), false, '')).toBeNull();
    expect(budgetProblem(yen(84_587_000), yen(84_586_000), false, '')).toBe(
      '交付決定の合計 84,587,000円 が基金の事業の予算（総事業費）84,586,000円 を超えます。予算を超えて決定するときは「予算を超えて決定する」を選び、予算を超える理由を入力してください。',
    );
    expect(budgetProblem(yen(84_587_000), yen(84_586_000), true, '')).not.toBeNull();
    expect(budgetProblem(yen(84_587_000), yen(84_586_000), true, '9月補正で増額予定')).toBeNull();
    expect(budgetProblem(yen(1_000), null, false, '')).toContain('この年度の予算がありません');
    expect([overBudget(yen(84_586_000), yen(84_586_000)), overBudget(yen(84_586_001), yen(84_586_000)), overBudget(yen(0), null)]).toEqual([
      false,
      true,
      true,
    ]);
  });
});
