/**
 * Numbers as people type them in Japan — the one reader behind every form,
 * grid cell, import and the CLI: full-width digits (８４５８６０００),
 * separators (84,586,000 / ８４，５８６，０００), a trailing 円 or 千円 on money,
 * and the 公会計 minus signs △ and ▲ beside −, －, -.
 */
import { amountTooLargeMessage, MAX_AMOUNT_YEN } from './money';

/** Every way a minus sign arrives: 公会計's △/▲, ASCII, full-width, the math minus, dashes an IME gives. */
const MINUS = /^[-−－‐‑‒–—ー△▲]/;

interface Reading {
  negative: boolean;
  integer: string;
  fraction: string;
  /** The unit written after the number, if any. */
  unit: '円' | '千円' | null;
}

/**
 * The parts of a typed number, or null for empty text; 'bad' when it is not a
 * number at all. Grouping commas and spaces are dropped wherever they are.
 */
function read(text: string): Reading | null | 'bad' {
  // An IME in Japanese mode types 、 for a comma and 。 for a point.
  let v = text
    .normalize('NFKC')
    .replace(/[,，、\s]/g, '')
    .replace(/。/g, '.');
  if (v === '') return null;
  const negative = MINUS.test(v);
  if (negative) v = v.slice(1);
  v = v.replace(/^[¥￥]/, '');
  const unit = v.endsWith('千円') ? '千円' : v.endsWith('円') ? '円' : null;
  if (unit) v = v.slice(0, -unit.length);
  const m = /^(\d+)(?:\.(\d*))?$/.exec(v);
  if (!m) return 'bad';
  return { negative, integer: m[1]!, fraction: m[2] ?? '', unit };
}

function groupedMax(max: number): string {
  return max.toLocaleString('ja-JP');
}

function withoutCounter(text: string, counters: readonly string[]): string {
  const t = text.normalize('NFKC').trim();
  const counter = counters.find((c) => t.endsWith(c));
  return counter ? t.slice(0, -counter.length) : t;
}

/** What to say when a negative figure is typed where none can be. */
function notNegative(text: string, label: string | undefined): RangeError {
  return new RangeError(`${label ? `${label}は` : `「${text}」は`}マイナスにはできません（0以上で入力してください）`);
}

/**
 * A whole number ≥ 0, or null for empty text. A `counter` word written after
 * the number (病床数 typed as 「１２０床」; people as 「15名」 or 「15人」) is read as part of it.
 * @example parseCountText('１２，３４５') // 12345
 * @example parseCountText('１２０床', 5000, '床') // 120
 * @example parseCountText('15人', undefined, ['名', '人']) // 15
 */
export function parseCountText(text: string, max = 50_000_000, counter?: string | readonly string[]): number | null {
  const r = read(counter ? withoutCounter(text, typeof counter === 'string' ? [counter] : counter) : text);
  if (r === null) return null;
  if (r === 'bad' || r.unit !== null || r.fraction !== '') throw new RangeError(`「${text}」は0以上の整数ではありません`);
  if (r.negative) throw notNegative(text, undefined);
  const n = Number(r.integer);
  if (n > max) throw new RangeError(`「${text}」は大きすぎます（${groupedMax(max)} まで）`);
  return n;
}

/**
 * A whole number that may be negative (a survey answer, a difference), or
 * null for empty text.
 * @example parseIntegerText('△1,000') // -1000
 */
export function parseIntegerText(text: string, max = Number.MAX_SAFE_INTEGER): number | null {
  const r = read(text);
  if (r === null) return null;
  if (r === 'bad' || r.unit !== null || r.fraction !== '') throw new RangeError(`「${text}」は整数ではありません`);
  const n = Number(r.integer);
  if (n > max) throw new RangeError(`「${text}」は大きすぎます（${groupedMax(max)} まで）`);
  return r.negative ? -n : n;
}

/**
 * A decimal with up to two places as integer hundredths, read from the text
 * so no float rounding creeps in ("37.58" → 3758, where 37.58 × 100 is 3757.99…).
 */
export function parseHundredthsText(text: string): number | null {
  const r = read(text);
  if (r === null) return null;
  if (r === 'bad' || r.unit !== null || r.fraction.length > 2) throw new RangeError(`「${text}」は小数第2位までの0以上の数ではありません`);
  if (r.negative) throw notNegative(text, undefined);
  return Number(r.integer) * 100 + Number(r.fraction.padEnd(2, '0'));
}

/** The unit a money field is typed in: 円, or 千円 as in plan tables. */
export type AmountUnit = 'yen' | 'senYen';

export interface AmountOptions {
  /** What a bare number means; a typed 円 or 千円 always wins. Default 'yen'. */
  unit?: AmountUnit;
  /** Whether △1,000 and −1,000 are allowed. Default false. */
  negative?: boolean;
  /** The field's name, to start messages with (基金充当額). */
  label?: string;
}

/**
 * Whole yen from what a person typed, or null for empty text. 千円 (typed, or
 * the field's unit) multiplies by 1,000 exactly, allowing up to three decimal
 * places (85,419.5千円 = 85,419,500円), up to 1兆円 either way. Throws a RangeError with a Japanese
 * message saying what to type instead.
 * @example parseAmountText('８４，５８６，０００円') // 84586000
 * @example parseAmountText('85,419千円') // 85419000
 * @example parseAmountText('△1,000', { negative: true }) // -1000
 */
export function parseAmountText(text: string, options: AmountOptions = {}): number | null {
  const r = read(text);
  if (r === null) return null;
  const subject = options.label ? `${options.label}は` : `「${text}」は`;
  if (r === 'bad') {
    throw new RangeError(
      `${subject}金額として読めません（例: 84,586,000、８４５８６０００円、85,419千円${options.negative ? '、△1,000' : ''}）`,
    );
  }
  if (r.negative && !options.negative) throw notNegative(text, options.label);
  const thousands = r.unit === '千円' || (r.unit === null && options.unit === 'senYen');
  const places = thousands ? 3 : 0;
  if (r.fraction.replace(/0+$/, '').length > places) {
    throw new RangeError(
      thousands
        ? `${subject}千円の小数第3位（1円）までで入力してください`
        : `${subject}1円単位の整数で入力してください（1円未満は入力できません）`,
    );
  }
  // Digits, not floats: 85,419.5千円 is the string 85419500.
  const digits = `${r.integer}${r.fraction.padEnd(places, '0').slice(0, places)}`.replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  if (value > MAX_AMOUNT_YEN) throw new RangeError(amountTooLargeMessage(options.label ?? `「${text}」`));
  return r.negative && value !== 0 ? -value : value;
}

/**
 * Like {@link parseAmountText}, for forms that report a problem rather than
 * catch one: the amount, or the message to show under the field.
 */
export function readAmountText(text: string, options: AmountOptions = {}): { value: number | null } | { problem: string } {
  try {
    return { value: parseAmountText(text, options) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/**
 * Full-width digits of a code (団体コード, 医療機関コード) as ASCII, spaces and
 * hyphens dropped, so １５１００９ is the code 151009.
 * @example normalizeDigitsCode('１５１００９') // '151009'
 */
export function normalizeDigitsCode(text: string): string {
  return text.normalize('NFKC').replace(/[\s\-−－]/g, '');
}

/**
 * Integer hundredths as a decimal without trailing zeros; '' for none — the
 * way parseHundredthsText's values are shown back.
 * @example formatHundredths(1250) // '12.5'
 * @example formatHundredths(-5) // '-0.05'
 */
export function formatHundredths(value: number | null): string {
  if (value === null) return '';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Integer hundredths with at least `places` decimals, so a column of sums
 * lines up (4.50, 5.00 rather than 4.5, 5).
 * @example fixedHundredths(450, 2) // '4.50'
 */
export function fixedHundredths(value: number, places: number): string {
  const [whole, decimals = ''] = formatHundredths(value).split('.');
  return `${whole}.${decimals.padEnd(places, '0')}`;
}
