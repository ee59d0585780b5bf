/** Words and figures the 補助金 screens share: what a step's amount means, yen or a dash, and the routes of the section. */
import type { StepKind } from '@shared/contract/subsidy';
import { formatYen } from '@shared/format';
import { yen } from '@shared/money';

/** What the amount of a step of each kind is called on the 様式. */
export const STEP_AMOUNT_LABELS: Record<StepKind, string> = {
  application: '申請額',
  decision: '決定額',
  change_application: '変更申請額',
  change_decision: '変更後の決定額',
  payment: '支払額',
  actual_report: '実績による算定額',
  settlement: '確定額',
  refund: '返還額',
  additional: '追加交付額',
};

/** 4,453,000円, or 「—」 where there is no figure yet. */
export function yenOrDash(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : formatYen(yen(amount));
}

/** The section's addresses: #/subsidy/2023, #/subsidy/2023/centers/5, … */
export const subsidyPath = {
  year: (fy: number) => `/subsidy/${fy}`,
  center: (fy: number, centerId: number) => `/subsidy/${fy}/centers/${centerId}`,
  rules: (fy: number) => `/subsidy/${fy}/rules`,
  simulate: (fy: number) => `/subsidy/${fy}/simulate`,
  report: (name: string, fy: number) => `/report/view/${name}?fy=${fy}`,
};
