/**
 * Calendar dates as ISO strings (YYYY-MM-DD), with no time zone: a 交付決定日
 * is a day on the Japanese calendar, not an instant.
 */

declare const isoDateBrand: unique symbol;
export type IsoDate = string & { readonly [isoDateBrand]: true };

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidCalendarDate({ year, month, day }: CalendarDate): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Builds an ISO date, refusing impossible ones (2025-02-29).
 * @example isoDate(2025, 4, 1) // '2025-04-01'
 */
export function isoDate(year: number, month: number, day: number): IsoDate {
  if (!isValidCalendarDate({ year, month, day })) {
    throw new RangeError(`存在しない日付です: ${year}-${month}-${day}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

export function parseIsoDate(text: string): IsoDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`日付は YYYY-MM-DD の形で指定してください: ${text}`);
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function toCalendarDate(date: IsoDate): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** The local calendar date of an instant (the PC's own time zone). */
export function isoDateOfLocal(instant: Date): IsoDate {
  return isoDate(instant.getFullYear(), instant.getMonth() + 1, instant.getDate());
}
