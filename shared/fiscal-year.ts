/**
 * 年度 (fiscal year), April to March. A FiscalYear is named by the Western
 * year it starts in: FY 2025 = 令和7年度 = 2025-04-01 … 2026-03-31.
 */
import { type IsoDate, isoDate, toCalendarDate } from './dates';
import { formatFiscalYearWareki, formatWareki, parseFiscalYearWareki } from './wareki';

declare const fiscalYearBrand: unique symbol;
export type FiscalYear = number & { readonly [fiscalYearBrand]: true };

/**
 * The 年度 Renkei holds: 平成12年度 (2000) to 2100. The one range, checked by
 * the contract (shared/contract/common.ts), the import cells and this
 * constructor alike; it is what the forms have always let users type.
 */
export const FISCAL_YEAR_RANGE = { first: 2000, last: 2100 } as const;

/** Why a year is refused; a whole sentence, so validation does not prefix it. */
export const FISCAL_YEAR_RANGE_MESSAGE = `年度は${FISCAL_YEAR_RANGE.first}〜${FISCAL_YEAR_RANGE.last}年度の範囲で指定してください`;

export function isFiscalYear(value: unknown): value is FiscalYear {
  return Number.isInteger(value) && (value as number) >= FISCAL_YEAR_RANGE.first && (value as number) <= FISCAL_YEAR_RANGE.last;
}

/**
 * The 年度 starting in `startYear`; a RangeError outside {@link FISCAL_YEAR_RANGE}.
 * @example fiscalYear(2023) // 令和5年度
 */
export function fiscalYear(startYear: number): FiscalYear {
  if (!isFiscalYear(startYear)) throw new RangeError(`${FISCAL_YEAR_RANGE_MESSAGE}（${startYear}）`);
  return startYear;
}

/**
 * The fiscal year a day belongs to.
 * @example fiscalYearOf('2026-03-31' as IsoDate) // 2025 (令和7年度)
 */
export function fiscalYearOf(date: IsoDate): FiscalYear {
  const { year, month } = toCalendarDate(date);
  return fiscalYear(month >= 4 ? year : year - 1);
}

export function fiscalYearStart(fy: FiscalYear): IsoDate {
  return isoDate(fy, 4, 1);
}

export function fiscalYearEnd(fy: FiscalYear): IsoDate {
  return isoDate(fy + 1, 3, 31);
}

export function isInFiscalYear(date: IsoDate, fy: FiscalYear): boolean {
  return fiscalYearOf(date) === fy;
}

export function addFiscalYears(fy: FiscalYear, n: number): FiscalYear {
  return fiscalYear(fy + n);
}

/** 令和7年度 */
export function formatFiscalYear(fy: FiscalYear): string {
  return formatFiscalYearWareki(fy);
}

export function parseFiscalYear(text: string): FiscalYear {
  return fiscalYear(parseFiscalYearWareki(text));
}

/** The first and last day (both included) a date may bear. */
export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/**
 * What a user-entered date belongs to, each with the days of its 年度 it may
 * bear. A date outside is a typo (令和12年 for 令和2年) or a form left on
 * today for a past year; saved, it would wedge the year, since later entries
 * must not be dated before it. A survey form's sent date is not bound to
 * its round's year: forms of an old round are written and sent today, and
 * sent dates order nothing.
 */
export type DatedEntry = 'fundVersion' | 'fundSpending' | 'subsidyStep' | 'surveyReference' | 'meeting' | 'training';

interface DateRule {
  /** What the date is, in the refusal: 「令和5年度の{what}にできません」. */
  readonly what: string;
  readonly range: (fy: FiscalYear) => DateRange;
}

const DATE_RULES: Readonly<Record<DatedEntry, DateRule>> = {
  // A budget (当初 included: it is in force from 4月1日) and its revisions belong to the year itself.
  fundVersion: { what: '版の日付', range: (fy) => ({ from: fiscalYearStart(fy), to: fiscalYearEnd(fy) }) },
  // Payments of the year may still be made in the 出納整理期間, up to 5月31日 after it.
  fundSpending: { what: '執行の日付', range: (fy) => ({ from: fiscalYearStart(fy), to: isoDate(fy + 1, 5, 31) }) },
  // Applications come before April, 実績報告・額の確定・返還 after March. Plain dates, as the
  // neighbouring years of the first and last 年度 lie outside the range.
  subsidyStep: { what: '補助金の手続きの日付', range: (fy) => ({ from: isoDate(fy - 1, 4, 1), to: isoDate(fy + 3, 3, 31) }) },
  surveyReference: { what: '調査の基準日', range: (fy) => ({ from: fiscalYearStart(fy), to: fiscalYearEnd(fy) }) },
  // A meeting or a training is counted in the year it is held in (its 回 too): a date of another year is a typo.
  meeting: { what: '会議の開催日', range: (fy) => ({ from: fiscalYearStart(fy), to: fiscalYearEnd(fy) }) },
  training: { what: '研修の開催日', range: (fy) => ({ from: fiscalYearStart(fy), to: fiscalYearEnd(fy) }) },
};

/**
 * The days a date of this kind may bear in the 年度.
 * @example allowedDates(fiscalYear(2023), 'fundVersion') // { from: '2023-04-01', to: '2024-03-31' }
 */
export function allowedDates(fy: FiscalYear, entry: DatedEntry): DateRange {
  return DATE_RULES[entry].range(fy);
}

/** 令和5年4月1日〜令和6年3月31日 */
export function formatDateRange(range: DateRange): string {
  return `${formatWareki(range.from)}〜${formatWareki(range.to)}`;
}

/**
 * Why the date cannot be one of this kind in the 年度, naming the field, the
 * date and the days allowed, all in 和暦; null when it can.
 * @example dateRangeProblem(fiscalYear(2023), 'fundVersion', '2030-01-15', '日付')
 * // '日付: 令和12年1月15日は令和5年度の版の日付にできません（令和5年4月1日〜令和6年3月31日）。日付か年度を確かめてください。'
 */
export function dateRangeProblem(fy: FiscalYear, entry: DatedEntry, date: IsoDate, field: string): string | null {
  const range = allowedDates(fy, entry);
  if (date >= range.from && date <= range.to) return null;
  return `${field}: ${formatWareki(date)}は${formatFiscalYear(fy)}の${DATE_RULES[entry].what}にできません（${formatDateRange(range)}）。日付か年度を確かめてください。`;
}

/**
 * The date a form starts with: today when it lies in `range`; else the
 * range's first day when `outside` is 'start' (a 当初予算 of a past year is
 * in force from 4月1日), or the nearer end of the range.
 * @example suggestedDate({ from: '2023-04-01', to: '2024-03-31' }, '2026-12-01', 'nearest') // '2024-03-31'
 */
export function suggestedDate(range: DateRange, today: IsoDate, outside: 'start' | 'nearest'): IsoDate {
  if (today >= range.from && today <= range.to) return today;
  if (outside === 'start' || today < range.from) return range.from;
  return range.to;
}
