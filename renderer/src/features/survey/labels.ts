/** How the 調査 screens name rounds, answer states and shares — one place, so every screen says them alike. */
import type { AnswerStatus, SurveyRoundSummary } from '@shared/contract/survey';
import type { IsoDate } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatWareki } from '@shared/wareki';

export const STATUS_LABELS: Record<AnswerStatus, string> = { missing: '未回答', valid: '回答済み', errors: '要確認' };

/** 令和5年度（基準日 令和5年4月1日）. */
export function roundLabel(round: Pick<SurveyRoundSummary, 'fiscalYear' | 'referenceDate'>): string {
  return `${formatFiscalYear(fiscalYear(round.fiscalYear))}（基準日 ${formatWareki(round.referenceDate as IsoDate)}）`;
}

/** A multiple-choice share kept in tenths of a percent (348 → 34.8%). */
export function formatTenths(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** The path of a round's screens. */
export function roundPath(id: number, tab: '' | 'results' = ''): string {
  return `/survey/rounds/${id}${tab ? `/${tab}` : ''}`;
}

/** The path of a survey's 調査票 editor. */
export function definitionEditPath(id: number): string {
  return `/survey/definitions/${id}/edit`;
}

/**
 * Labels that differ only in a bracketed tail, cut to the tail:
 * 「医師数（39歳以下）」「医師数（40歳代）」 → head 「医師数」, parts 「39歳以下」「40歳代」.
 * Labels with no shared head before a bracket come back whole.
 */
export function distinctParts(labels: readonly string[]): { head: string; parts: string[] } {
  if (labels.length < 2) return { head: '', parts: [...labels] };
  let common = labels[0]!;
  for (const label of labels) while (!label.startsWith(common)) common = common.slice(0, -1);
  const cut = Math.max(common.lastIndexOf('（'), common.lastIndexOf('('));
  if (cut <= 0) return { head: '', parts: [...labels] };
  return { head: common.slice(0, cut), parts: labels.map((l) => l.slice(cut + 1).replace(/[）)]$/, '')) };
}
