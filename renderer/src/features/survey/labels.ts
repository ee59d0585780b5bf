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
 * A label cut into the head it shares with its group and its own part:
 * 「相談件数（相談者別）: 本人・家族」 → 「相談件数（相談者別）」「本人・家族」,
 * 「医師数（39歳以下）」 → 「医師数」「39歳以下」. A label with neither a colon nor a
 * bracketed tail has no head.
 */
export function labelParts(label: string): { head: string; part: string } {
  const colon = /[:：]\s*/.exec(label);
  if (colon && colon.index > 0) return { head: label.slice(0, colon.index), part: label.slice(colon.index + colon[0].length) };
  const tail = /[（(]([^（()）]+)[）)]$/.exec(label);
  if (tail && tail.index > 0) return { head: label.slice(0, tail.index), part: tail[1]! };
  return { head: '', part: label };
}

/**
 * Labels of one group, cut to their own parts:
 * 「医師数（39歳以下）」「医師数（40歳代）」 → head 「医師数」, parts 「39歳以下」「40歳代」.
 * Labels with no shared head come back whole.
 */
export function distinctParts(labels: readonly string[]): { head: string; parts: string[] } {
  const cut = labels.map(labelParts);
  const head = cut[0]?.head ?? '';
  if (labels.length < 2 || !head || cut.some((c) => c.head !== head)) return { head: '', parts: [...labels] };
  return { head, parts: cut.map((c) => c.part) };
}
