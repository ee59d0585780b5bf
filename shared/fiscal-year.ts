/**
 * 年度 (fiscal year), April to March. A FiscalYear is named by the Western
 * year it starts in: FY 2025 = 令和7年度 = 2025-04-01 … 2026-03-31.
 */
import { type IsoDate, isoDate, toCalendarDate } from './dates';
import { formatFiscalYearWareki, parseFiscalYearWareki } from './wareki';

declare const fiscalYearBrand: unique symbol;
export type FiscalYear = number & { readonly [fiscalYearBrand]: true };

export function fiscalYear(startYear: number): FiscalYear {
  if (!Number.isInteger(startYear) || startYear < 1900 || startYear > 2999) {
    throw new RangeError(`年度の年は1900〜2999の整数で指定してください: ${startYear}`);
  }
  return startYear as FiscalYear;
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
