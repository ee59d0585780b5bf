/**
 * The life of one center's subsidy in one fiscal year, as dated steps:
 * 交付申請 → 交付決定 → (変更交付申請 → 変更決定)* → 概算払* → 実績報告 → 額の確定
 * → 返還 or 追加交付. The status and every running figure are derived from the
 * steps here and never stored; a step that does not fit is refused with the
 * reason in Japanese.
 */
import { type IsoDate, isoDate } from '../dates';
import { allowedDates, type FiscalYear, fiscalYearEnd, fiscalYearStart, suggestedDate } from '../fiscal-year';
import { formatYen } from '../format';
import { type Yen, yen } from '../money';
import { formatWareki } from '../wareki';

export const STEP_KINDS = [
  'application',
  'decision',
  'change_application',
  'change_decision',
  'payment',
  'actual_report',
  'settlement',
  'refund',
  'additional',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_KIND_LABELS: Record<StepKind, string> = {
  application: '交付申請',
  decision: '交付決定',
  change_application: '変更交付申請',
  change_decision: '変更交付決定',
  payment: '概算払',
  actual_report: '実績報告',
  settlement: '額の確定',
  refund: '返還',
  additional: '追加交付',
};

export const SUBSIDY_STATUSES = ['none', 'applied', 'decided', 'change_applied', 'reported', 'settled', 'closed'] as const;
export type SubsidyStatus = (typeof SUBSIDY_STATUSES)[number];
export const SUBSIDY_STATUS_LABELS: Record<SubsidyStatus, string> = {
  none: '未申請',
  applied: '申請済（決定前）',
  decided: '交付決定済',
  change_applied: '変更申請中',
  reported: '実績報告済（確定前）',
  settled: '確定済（返還・追加交付待ち）',
  closed: '完了',
};

/** What the life-cycle needs of a step. */
export interface LifecycleStep {
  kind: StepKind;
  /** IsoDate. */
  datedOn: string;
  /** 申請額・決定額・支払額・実績額・確定額・返還額・追加交付額, by kind. */
  amount: Yen;
}

export interface SubsidyState {
  status: SubsidyStatus;
  /** 申請額 of the latest 交付申請 or 変更交付申請. */
  applied: Yen | null;
  /** 決定額 of the latest 交付決定 or 変更交付決定. */
  decided: Yen | null;
  /** Σ 概算払. */
  paid: Yen;
  /** The formula on the 実績報告's actuals, before the cap of the decided amount. */
  actual: Yen | null;
  /** 確定額 = min(the formula on the actuals, 決定額). */
  final: Yen | null;
  /** 返還すべき額 = 支払済 − 確定額, when positive. */
  refundDue: Yen;
  refunded: Yen;
  /** 追加交付すべき額 = 確定額 − 支払済, when positive. */
  additionalDue: Yen;
  additionalPaid: Yen;
  /** The kinds of step that may come next (the screens offer only these). */
  nextKinds: StepKind[];
}

const DECISIONS: readonly StepKind[] = ['decision', 'change_decision'];
const APPLICATIONS: readonly StepKind[] = ['application', 'change_application'];

function sumOf(steps: readonly LifecycleStep[], kind: StepKind): Yen {
  return yen(steps.filter((s) => s.kind === kind).reduce((n, s) => n + s.amount, 0));
}

function lastOf(steps: readonly LifecycleStep[], kinds: readonly StepKind[]): LifecycleStep | undefined {
  return steps.findLast((s) => kinds.includes(s.kind));
}

function statusOf(steps: readonly LifecycleStep[], outstanding: number): SubsidyStatus {
  const has = (kind: StepKind) => steps.some((s) => s.kind === kind);
  if (has('settlement')) return outstanding > 0 ? 'settled' : 'closed';
  if (has('actual_report')) return 'reported';
  if (lastOf(steps, ['decision', 'change_application', 'change_decision'])?.kind === 'change_application') return 'change_applied';
  if (has('decision')) return 'decided';
  if (has('application')) return 'applied';
  return 'none';
}

/**
 * The state after the steps, in the order they were entered.
 * @example deriveState([{ kind: 'application', datedOn: '2023-04-10', amount: yen(4_453_000) }]).status // 'applied'
 */
export function deriveState(steps: readonly LifecycleStep[]): SubsidyState {
  const decided = lastOf(steps, DECISIONS)?.amount ?? null;
  const paid = sumOf(steps, 'payment');
  const final = lastOf(steps, ['settlement'])?.amount ?? null;
  const refundDue = yen(final === null ? 0 : Math.max(0, paid - final));
  const additionalDue = yen(final === null ? 0 : Math.max(0, final - paid));
  const refunded = sumOf(steps, 'refund');
  const additionalPaid = sumOf(steps, 'additional');
  const status = statusOf(steps, refundDue - refunded + (additionalDue - additionalPaid));
  const state: SubsidyState = {
    status,
    applied: lastOf(steps, APPLICATIONS)?.amount ?? null,
    decided,
    paid,
    actual: lastOf(steps, ['actual_report'])?.amount ?? null,
    final,
    refundDue,
    refunded,
    additionalDue,
    additionalPaid,
    nextKinds: [],
  };
  state.nextKinds = STEP_KINDS.filter((kind) => transitionProblem(state, steps, kind) === null);
  return state;
}

/** Why a step of this kind cannot come next, whatever its amount and date; null when it can. */
function transitionProblem(state: SubsidyState, steps: readonly LifecycleStep[], kind: StepKind): string | null {
  const decided = state.decided !== null;
  const reported = steps.some((s) => s.kind === 'actual_report');
  const settled = state.final !== null;
  const pendingChange = state.status === 'change_applied';
  switch (kind) {
    case 'application':
      return steps.length === 0
        ? null
        : 'この年度の交付申請はすでにあります。金額を変えるときは、交付決定の後に変更交付申請を入力してください（決定前なら申請を削除して入力し直せます）。';
    case 'decision':
      if (!steps.some((s) => s.kind === 'application')) return '交付申請がないため交付決定できません。先に交付申請を入力してください。';
      return decided ? 'すでに交付決定があります。決定額を変えるときは、変更交付申請と変更交付決定を入力してください。' : null;
    case 'change_application':
      if (!decided) return '交付決定の前は変更交付申請できません。先に交付決定を入力してください。';
      if (reported) return '実績報告の後は変更交付申請できません。';
      return pendingChange ? '変更交付申請が決定待ちです。先に変更交付決定を入力してください。' : null;
    case 'change_decision':
      return pendingChange ? null : '変更交付申請がないため変更交付決定できません。先に変更交付申請を入力してください。';
    case 'payment':
      if (!decided) return '交付決定の前は概算払できません。先に交付決定を入力してください。';
      if (settled) return '額の確定の後は概算払できません。不足する額は追加交付として入力してください。';
      return state.paid >= state.decided! ? `決定額 ${formatYen(state.decided!)} を全額支払済です。これ以上の概算払はできません。` : null;
    case 'actual_report':
      if (!decided) return '交付決定の前は実績報告できません。先に交付決定を入力してください。';
      if (pendingChange) return '変更交付申請が決定待ちです。先に変更交付決定を入力してください。';
      return reported ? 'この年度の実績報告はすでにあります。直すときは実績報告を削除して入力し直してください。' : null;
    case 'settlement':
      if (!reported) return '実績報告の前は額の確定ができません。先に実績報告を入力してください。';
      return settled ? 'この年度の額の確定はすでにあります。' : null;
    case 'refund':
      if (!settled) return '額の確定の前は返還を入力できません。先に額の確定を入力してください。';
      return state.refundDue - state.refunded > 0 ? null : '返還すべき額はありません。';
    case 'additional':
      if (!settled) return '額の確定の前は追加交付を入力できません。先に額の確定を入力してください。';
      return state.additionalDue - state.additionalPaid > 0 ? null : '追加交付すべき額はありません。';
  }
}

/**
 * Why a step of this kind cannot come next, whatever its date and amount;
 * null when it can. Checked before any amount, so a step out of order is
 * told so rather than about a figure.
 */
export function kindProblem(steps: readonly LifecycleStep[], kind: StepKind): string | null {
  return transitionProblem(deriveState(steps), steps, kind);
}

/** Steps that come after the 年度 has ended. */
const AFTER_THE_YEAR: readonly StepKind[] = ['actual_report', 'settlement', 'refund', 'additional'];

/**
 * The date a new step's form starts with: today when it fits the kind —
 * from the months before the 年度 to its end for an application, decision or
 * payment, after it for 実績報告・額の確定・返還・追加交付 — else the 年度's
 * first day, or for the later steps the first day after it (a closed year
 * being caught up on: the far end of their window, two years on, is no
 * likelier); never before the last step.
 * @example suggestedStepDate(2024, 'application', [], '2026-12-01') // '2024-04-01'
 */
export function suggestedStepDate(
  fiscalYear: number,
  kind: StepKind,
  steps: readonly { readonly datedOn: string }[],
  today: IsoDate,
): IsoDate {
  const fy = fiscalYear as FiscalYear;
  const allowed = allowedDates(fy, 'subsidyStep');
  let date: IsoDate;
  if (AFTER_THE_YEAR.includes(kind)) date = suggestedDate({ from: isoDate(fy + 1, 4, 1), to: allowed.to }, today, 'start');
  else date = today >= allowed.from && today <= fiscalYearEnd(fy) ? today : fiscalYearStart(fy);
  const last = steps.at(-1)?.datedOn as IsoDate | undefined;
  return last !== undefined && last > date ? last : date;
}

/**
 * Why the step cannot be added after the others (its kind, date or amount),
 * in Japanese for the officer; null when it fits.
 */
export function stepProblem(steps: readonly LifecycleStep[], next: LifecycleStep): string | null {
  const state = deriveState(steps);
  const problem = transitionProblem(state, steps, next.kind);
  if (problem) return problem;
  const last = steps.at(-1);
  if (last && next.datedOn < last.datedOn) {
    return `日付が前の手続き「${STEP_KIND_LABELS[last.kind]}」（${formatWareki(last.datedOn as IsoDate)}）より前です。日付を確かめてください。`;
  }
  switch (next.kind) {
    case 'payment': {
      if (next.amount <= 0) return '支払額を入力してください。';
      const left = state.decided! - state.paid;
      return next.amount > left
        ? `支払済の額が決定額を超えます（決定額 ${formatYen(state.decided!)}、支払済 ${formatYen(state.paid)}、今回 ${formatYen(next.amount)}）。今回の支払額を ${formatYen(yen(left))} 以下にしてください。`
        : null;
    }
    // A 変更決定 below what was paid is taken (a center closing mid-year): the excess is returned after 額の確定, whose
    // amount is never more than the decided one. Refusing it left the 変更交付申請 pending for good, and 実績報告 with it.
    case 'refund': {
      const left = yen(state.refundDue - state.refunded);
      if (next.amount <= 0) return '返還額を入力してください。';
      return next.amount > left ? `返還額 ${formatYen(next.amount)} が返還すべき額の残り ${formatYen(left)} を超えています。` : null;
    }
    case 'additional': {
      const left = yen(state.additionalDue - state.additionalPaid);
      if (next.amount <= 0) return '追加交付額を入力してください。';
      return next.amount > left
        ? `追加交付額 ${formatYen(next.amount)} が追加交付すべき額の残り ${formatYen(left)} を超えています。`
        : null;
    }
    default:
      return null;
  }
}

/** 額の確定: the formula on the actuals, never more than the (latest) decided amount. */
export function finalAmount(state: SubsidyState, computedOnActuals: Yen): Yen {
  return yen(Math.min(computedOnActuals, state.decided ?? 0));
}

/** A decided amount may differ from the computed one only with a reason. */
export function decisionProblem(decided: Yen, computed: Yen, reason: string): string | null {
  if (decided === computed || reason.trim() !== '') return null;
  return `決定額 ${formatYen(decided)} が算定額 ${formatYen(computed)} と違います。違う理由を入力するか、決定額を算定額に合わせてください。`;
}

/** The year's decided total is beyond the 基金 project's budget (or the project has none for the year). */
export function overBudget(decidedTotal: Yen, budget: Yen | null): boolean {
  return budget === null || decidedTotal > budget;
}

/**
 * The year's decisions may not exceed the 基金 project's budget unless the
 * officer says so on purpose, with a reason of its own (not the one for a
 * decided amount that differs from the computed one).
 */
export function budgetProblem(decidedTotal: Yen, budget: Yen | null, override: boolean, overrideReason: string): string | null {
  if (!overBudget(decidedTotal, budget)) return null;
  if (override && overrideReason.trim() !== '') return null;
  const what =
    budget === null
      ? '基金の事業にこの年度の予算がありません'
      : `交付決定の合計 ${formatYen(decidedTotal)} が基金の事業の予算（総事業費）${formatYen(budget)} を超えます`;
  return `${what}。予算を超えて決定するときは「予算を超えて決定する」を選び、予算を超える理由を入力してください。`;
}
