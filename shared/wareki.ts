/**
 * 和暦 (Japanese era dates): formatting through Intl's Japanese calendar, and
 * parsing of what officers type (令和7年4月1日, 令和元年5月1日, R7.4.1).
 * Intl cannot parse, so parsing uses the era table below; a test checks that
 * the table agrees with Intl on every era boundary.
 */
import { type CalendarDate, type IsoDate, isoDate, toCalendarDate } from './dates';

export interface Era {
  readonly name: string;
  readonly letter: string;
  /** First day of the era. */
  readonly start: CalendarDate;
}

/** Newest first. */
export const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', start: { year: 2019, month: 5, day: 1 } },
  { name: '平成', letter: 'H', start: { year: 1989, month: 1, day: 8 } },
  { name: '昭和', letter: 'S', start: { year: 1926, month: 12, day: 25 } },
  { name: '大正', letter: 'T', start: { year: 1912, month: 7, day: 30 } },
  { name: '明治', letter: 'M', start: { year: 1868, month: 10, day: 23 } },
];

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function eraOf(date: CalendarDate): Era {
  const era = ERAS.find((e) => compareDates(date, e.start) >= 0);
  if (!era) throw new RangeError('明治より前の日付は和暦で表せません');
  return era;
}

function eraYearText(n: number): string {
  return n === 1 ? '元' : String(n);
}

const warekiFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

/**
 * 令和7年4月1日 for 2025-04-01; the first year of an era is 元年.
 * @example formatWareki('2019-05-01' as IsoDate) // '令和元年5月1日'
 */
export function formatWareki(date: IsoDate): string {
  const { year, month, day } = toCalendarDate(date);
  const parts = warekiFormat.formatToParts(new Date(Date.UTC(year, month - 1, day)));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // ICU writes the first year as 元 already in newer versions, as 1 in older ones.
  const yearPart = get('year');
  const eraYear = yearPart === '元' ? 1 : Number(yearPart);
  return `${get('era')}${eraYearText(eraYear)}年${Number(get('month'))}月${Number(get('day'))}日`;
}

const ERA_PATTERN = new RegExp(
  `^\\s*(${ERAS.map((e) => `${e.name}|${e.letter}|${e.letter.toLowerCase()}`).join('|')})\\s*(元|\\d{1,2})\\s*(?:年|[./-])\\s*(\\d{1,2})\\s*(?:月|[./-])\\s*(\\d{1,2})\\s*日?\\s*$`,
);

/** Full-width digits and punctuation to ASCII, so 令和７年４月１日 parses too. */
function toHalfWidth(text: string): string {
  return text.replace(/[０-９．／－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function findEra(token: string): Era {
  const era = ERAS.find((e) => e.name === token || e.letter === token.toUpperCase());
  if (!era) throw new RangeError(`元号「${token}」は使えません`);
  return era;
}

/**
 * Parses 令和7年4月1日, 令和元年5月1日, R7.4.1 or R7/4/1 into an ISO date;
 * refuses dates outside the era (平成31年5月1日 → error: that day is 令和元年).
 */
export function parseWareki(text: string): IsoDate {
  const m = ERA_PATTERN.exec(toHalfWidth(text));
  if (!m) throw new RangeError(`和暦の日付として読めません: 「${text}」（例: 令和7年4月1日）`);
  const era = findEra(m[1]!);
  const eraYear = m[2] === '元' ? 1 : Number(m[2]);
  if (eraYear < 1) throw new RangeError(`「${text}」: 年は1以上で指定してください`);
  const date = isoDate(era.start.year + eraYear - 1, Number(m[3]), Number(m[4]));
  if (eraOf(toCalendarDate(date)) !== era) {
    throw new RangeError(`「${text}」は${era.name}の期間外の日付です`);
  }
  return date;
}

/**
 * The era name and year number for a Western year's fiscal year, named by
 * the era in force at the fiscal year's end — as ministries name FY2019
 * 令和元年度 and FY1988 昭和63年度.
 */
export function fiscalYearEra(startYear: number): { era: Era; eraYear: number } {
  const end: CalendarDate = { year: startYear + 1, month: 3, day: 31 };
  let era = eraOf(end);
  let eraYear = startYear - era.start.year + 1;
  if (eraYear < 1) {
    era = eraOf({ year: startYear, month: 4, day: 1 });
    eraYear = startYear - era.start.year + 1;
  }
  return { era, eraYear };
}

export function formatFiscalYearWareki(startYear: number): string {
  const { era, eraYear } = fiscalYearEra(startYear);
  return `${era.name}${eraYearText(eraYear)}年度`;
}

const ERA_TOKENS = ERAS.map((e) => `${e.name}|${e.letter}|${e.letter.toLowerCase()}`).join('|');
const FISCAL_YEAR_PATTERN = new RegExp(`^\\s*(${ERA_TOKENS})\\s*(元|\\d{1,2})\\s*年度\\s*$`);

/** Parses 令和7年度 / R7年度 / 令和元年度 into the Western start year (2025). */
export function parseFiscalYearWareki(text: string): number {
  const m = FISCAL_YEAR_PATTERN.exec(toHalfWidth(text));
  if (!m) throw new RangeError(`年度として読めません: 「${text}」（例: 令和7年度）`);
  const era = findEra(m[1]!);
  const eraYear = m[2] === '元' ? 1 : Number(m[2]);
  if (eraYear < 1) throw new RangeError(`「${text}」: 年は1以上で指定してください`);
  const startYear = era.start.year + eraYear - 1;
  const named = fiscalYearEra(startYear);
  if (named.era !== era) {
    throw new RangeError(`「${text}」は${formatFiscalYearWareki(startYear)}と書きます`);
  }
  return startYear;
}
