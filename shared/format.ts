/**
 * How numbers are shown to users, in one place: yen with separators, 千円,
 * byte sizes and timestamps. Dates in 和暦 live in wareki.ts.
 */

import { isoDateOfLocal } from './dates';
import type { Yen } from './money';
import { toSenYenFloor } from './money';
import { formatWareki } from './wareki';

/** The figures' formatter's locale and options, also built by the main page's worker as the page loads (renderer/vite.config.ts). */
export const GROUPED_FORMAT = {
  locale: 'ja-JP',
  options: { maximumFractionDigits: 0 },
} as const satisfies { locale: string; options: Intl.NumberFormatOptions };

/** Made at the first figure with a fraction: the first ja-JP formatter of a process loads ICU's Japanese data (7–18 ms). */
let groupedFormat: Intl.NumberFormat | undefined;

/**
 * A figure as GROUPED_FORMAT writes it. A whole number (every yen, count and row number) is grouped here by threes,
 * as ja-JP groups it, so `renkei import` does not load ICU's data for the counts in its notes (~18 ms of the national
 * list's check); a fraction, or -0, goes to Intl. grouped() and Intl agree on every whole number (format.test.ts).
 */
function grouped(value: number): string {
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
    const digits = String(Math.abs(value));
    let text = digits.slice(0, ((digits.length - 1) % 3) + 1);
    for (let at = text.length; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`;
    return value < 0 ? `-${text}` : text;
  }
  groupedFormat ??= new Intl.NumberFormat(GROUPED_FORMAT.locale, GROUPED_FORMAT.options);
  return groupedFormat.format(value);
}

/** 84,586,000 */
export function formatNumber(value: number): string {
  return grouped(value);
}

/** 84,586,000円 */
export function formatYen(amount: Yen): string {
  return `${grouped(amount)}円`;
}

/** 84,586千円 (千円未満切り捨て) */
export function formatSenYen(amount: Yen): string {
  return `${grouped(toSenYenFloor(amount))}千円`;
}

/**
 * What an import wrote, as every screen and the CLI say it: 新規 3・更新 1・除外 2
 * (and the rows read past as repeats, when there were any). Some imports
 * replace rather than update (交付申請: 差し替え).
 */
export function formatImportCounts(
  result: { created: number; updated: number; excluded: number; repeated: number },
  updated = '更新',
): string {
  const parts = [`新規 ${grouped(result.created)}`, `${updated} ${grouped(result.updated)}`, `除外 ${grouped(result.excluded)}`];
  if (result.repeated > 0) parts.push(`同じ行の読み飛ばし ${grouped(result.repeated)}`);
  return parts.join('・');
}

/** 1.2 MB — for file sizes on the home page. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** 令和7年11月22日 14:05 — an instant in the PC's local time. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${formatWareki(isoDateOfLocal(d))} ${hh}:${mm}`;
}

/**
 * A share as a percentage rounded half up to `digits` decimals, computed
 * from the integers (no float drift): 232,000 / 789,275 → "29.4%".
 */
export function formatRate(numerator: number, denominator: number, digits = 1): string {
  if (denominator === 0) return '—';
  const negative = numerator < 0 !== denominator < 0 && numerator !== 0;
  const n = BigInt(Math.abs(numerator));
  const d = BigInt(Math.abs(denominator));
  // Half away from zero on the magnitude, so −5/1000 and 5/1000 round alike.
  const scaled = (n * BigInt(10 ** (digits + 2)) * 2n + d) / (d * 2n);
  const text = scaled.toString().padStart(digits + 1, '0');
  const body = digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return `${negative && scaled !== 0n ? '−' : ''}${body}%`;
}
