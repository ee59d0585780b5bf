/**
 * センター活動実績 on the survey engine: opening a 年度 (its 12 monthly rounds
 * and the 活動計画書 / 活動報告書 rounds, sent to every center) and the year's
 * summary — per center and per 圏域, by month, with 前年度比.
 */
import { z } from 'zod';
import type { AreaKind } from '../masters/model';
import { AREA_KINDS } from '../masters/model';
import type { ActivityFigures, ActivityYear, YearOnYear } from '../survey/activity';
import { fiscalYearSchema } from './common';
import { mutation, query } from './define';

/** One monthly round of the year as the tracker sees it. */
export interface ActivityMonthStatus {
  /** The round's 基準日, the first of the month. */
  month: string;
  /** 令和5年4月. */
  label: string;
  roundId: number | null;
  targets: number;
  valid: number;
  withErrors: number;
}

export interface ActivityUnit {
  /** A center's id, a 圏域's key ('' for centers in none), or 'prefecture'. */
  key: string;
  name: string;
  /** For a center: its 圏域's name. */
  areaName: string | null;
  current: ActivityYear;
  /** The previous 年度, every month it has (for month-by-month comparisons). */
  previous: ActivityYear;
  /** The previous 年度 over only the months each center reported this 年度: what the 前年度 totals and 前年度比 count. */
  comparable: ActivityFigures;
  /** 相談件数 against the previous 年度's same months (`comparable`). */
  consultations: YearOnYear;
}

export interface ActivitySummary {
  fiscalYear: number;
  areaKind: AreaKind;
  months: ActivityMonthStatus[];
  /** The previous 年度's monthly rounds that exist (0 when there is nothing to compare with). */
  previousRounds: number;
  /** Some of the previous 年度's reports are left out of 前年度比: their center has not reported that month this 年度. */
  sameMonthsOnly: boolean;
  prefecture: ActivityUnit;
  areas: ActivityUnit[];
  centers: ActivityUnit[];
  /** The 年度's 活動計画書 and 活動報告書 rounds, when opened. */
  planRoundId: number | null;
  reportRoundId: number | null;
}

export interface ActivityYearOpened {
  fiscalYear: number;
  /** Rounds made now (those already there are kept). */
  created: number;
  summary: ActivitySummary;
}

export const surveyActivityOperations = {
  /** Makes the 年度's missing monthly rounds (4月…3月) and its 活動計画書 / 活動報告書 rounds, for every center of the 台帳. */
  'survey.activity.openYear': mutation<ActivityYearOpened>('活動実績の年度の開始')(() =>
    z.object({ fiscalYear: fiscalYearSchema }).strict(),
  ),
  'survey.activity.summary': query<ActivitySummary>('活動実績の集計')(() =>
    z.object({ fiscalYear: fiscalYearSchema, areaKind: z.enum(AREA_KINDS).default('secondary') }).strict(),
  ),
};
