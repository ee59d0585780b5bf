/**
 * 和暦 (Japanese era dates): formatting through Intl's Japanese calendar, and
 * the one reader of dates and 年度 as officers type them (令和7年4月1日, R7.4.1,
 * 7.4.1, 2025/4/1, 令和7年度, R7, 2025), used by the date field, imports and the
 * CLI. Intl cannot parse, so parsing uses the era table below; a test checks
 * that the table agrees with Intl on every era boundary.
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

/**
 * The 和暦 formatter's locale and options, also built by the main page's worker as the page loads (renderer/vite.config.ts)
 * so that ICU has their data before the first screen writes a date.
 */
export const WAREKI_FORMAT = {
  locale: 'ja-JP-u-ca-japanese',
  options: { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
} as const satisfies { locale: string; options: Intl.DateTimeFormatOptions };

/** Made at the first date written: making it (ICU's Japanese calendar) took ~12 ms of every `renkei` command's start. */
let warekiFormat: Intl.DateTimeFormat | undefined;

/**
 * 令和7年4月1日 for 2025-04-01; the first year of an era is 元年.
 * @example formatWareki('2019-05-01' as IsoDate) // '令和元年5月1日'
 */
export function formatWareki(date: IsoDate): string {
  const { year, month, day } = toCalendarDate(date);
  warekiFormat ??= new Intl.DateTimeFormat(WAREKI_FORMAT.locale, WAREKI_FORMAT.options);
  const parts = warekiFormat.formatToParts(new Date(Date.UTC(year, month - 1, day)));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // ICU writes the first year as 元 already in newer versions, as 1 in older ones.
  const yearPart = get('year');
  const eraYear = yearPart === '元' ? 1 : Number(yearPart);
  return `${get('era')}${eraYearText(eraYear)}年${Number(get('month'))}月${Number(get('day'))}日`;
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

/**
 * 令和5年4月1日（土）: the 和暦 date with its day of the week, as a date field
 * shows what it read.
 * @example formatWarekiWithWeekday('2023-04-01' as IsoDate) // '令和5年4月1日（土）'
 */
export function formatWarekiWithWeekday(date: IsoDate): string {
  const { year, month, day } = toCalendarDate(date);
  return `${formatWareki(date)}（${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}）`;
}

const ERA_TOKENS = ERAS.map((e) => `${e.name}|${e.letter}|${e.letter.toLowerCase()}`).join('|');

/** Full-width digits and punctuation to ASCII, the day of the week shown back dropped: ７．４．１（火） → 7.4.1. */
function normalizeDateText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[−‐‑‒–—ー]/g, '-')
    .replace(/\s+/g, '')
    .replace(/\([日月火水木金土](?:曜日?)?\)$/, '');
}

function findEra(token: string): Era {
  const era = ERAS.find((e) => e.name === token || e.letter === token.toUpperCase());
  if (!era) throw new RangeError(`元号「${token}」は使えません`);
  return era;
}

function eraYearOf(token: string): number {
  return token === '元' ? 1 : Number(token);
}

/**
 * The Western year of an era's year. A year past the era's end still counts
 * on, as old forms do: 平成31年5月1日 was printed before the change and means
 * 令和元年5月1日, 平成32年度 means 令和2年度.
 */
function westernYear(era: Era, eraYear: number, text: string): number {
  if (eraYear < 1) throw new RangeError(`「${text}」: 年は1以上で指定してください`);
  return era.start.year + eraYear - 1;
}

const ERA_DATE = new RegExp(`^(${ERA_TOKENS})?(元|\\d{1,2})(?:年|[./-])(\\d{1,2})(?:月|[./-])(\\d{1,2})日?$`);
const WESTERN_DATE = /^(\d{4})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/;
const DATE_EXAMPLES = '例: 令和5年4月1日、R5.4.1、2023-04-01';

/**
 * Reads a date however an officer types it: 令和5年4月1日, R5.4.1, R5/4/1,
 * 2023-04-01, 2023/4/1, 2023年4月1日, full-width forms of all, and 5.4.1 with
 * no era, meaning the era of `reference` (the field's 年度 or today; without
 * one, the newest era). A day before its era began is refused; one after its
 * era ended is read as what it means (平成31年5月1日 → 2019-05-01).
 * @example parseDateText('R5.4.1') // '2023-04-01'
 * @example parseDateText('5.4.1', { reference: '2023-04-01' as IsoDate }) // '2023-04-01'
 */
export function parseDateText(text: string, options: { reference?: IsoDate } = {}): IsoDate {
  try {
    return readDateText(text, options.reference);
  } catch (error) {
    // isoDate names the day in Western digits (2023-2-30); say it as it was typed.
    if (/存在しない日付/.test((error as Error).message)) throw new RangeError(`「${text.trim()}」は存在しない日付です`);
    throw error;
  }
}

function readDateText(text: string, reference: IsoDate | undefined): IsoDate {
  const v = normalizeDateText(text);
  const western = WESTERN_DATE.exec(v);
  if (western) return isoDate(Number(western[1]), Number(western[2]), Number(western[3]));
  const m = ERA_DATE.exec(v);
  if (!m) throw new RangeError(`「${text}」は日付として読めません（${DATE_EXAMPLES}）`);
  const era = m[1] ? findEra(m[1]) : reference ? eraOf(toCalendarDate(reference)) : ERAS[0]!;
  const date = isoDate(westernYear(era, eraYearOf(m[2]!), text), Number(m[3]), Number(m[4]));
  if (compareDates(toCalendarDate(date), era.start) < 0) {
    throw new RangeError(
      `「${text}」は${era.name}が始まる前の日付です（${era.name}元年は${era.start.year}年${era.start.month}月${era.start.day}日から）`,
    );
  }
  return date;
}

/**
 * A 和暦 date only (令和7年4月1日, R7.4.1, 平成31年5月1日): what a form that
 * asks for 和暦 accepts. See {@link parseDateText} for every form.
 */
export function parseWareki(text: string): IsoDate {
  const v = normalizeDateText(text);
  if (!new RegExp(`^(${ERA_TOKENS})`).test(v)) throw new RangeError(`和暦の日付として読めません: 「${text}」（例: 令和7年4月1日）`);
  return parseDateText(text);
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

const FISCAL_YEAR_ERA = new RegExp(`^(${ERA_TOKENS})(元|\\d{1,2})(?:年度?)?$`);
const FISCAL_YEAR_WESTERN = /^(\d{4})(?:年度?)?$/;

/**
 * Reads a 年度 as typed — 令和7年度, R7年度, R7, 令和元年度, 2025, 2025年度,
 * full-width too — into the Western start year (2025). 平成31年度, as older
 * files and budgets name FY2019, is read as 令和元年度.
 * @example parseFiscalYearWareki('平成31年度') // 2019
 */
export function parseFiscalYearWareki(text: string): number {
  const v = normalizeDateText(text);
  const western = FISCAL_YEAR_WESTERN.exec(v);
  if (western) return Number(western[1]);
  const m = FISCAL_YEAR_ERA.exec(v);
  if (!m) throw new RangeError(`年度として読めません: 「${text}」（例: 令和7年度、R7、2025）`);
  return westernYear(findEra(m[1]!), eraYearOf(m[2]!), text);
}
