/**
 * Numbers as people type them in Japan: full-width digits, 12,345 or １２，３４５.
 * Used by the file importer and by forms, so both read the same text the same way.
 */

function digitsOf(text: string): string {
  return text.normalize('NFKC').replace(/[,，\s]/g, '');
}

/**
 * A whole number ≥ 0, or null for empty text.
 * @example parseCountText('１２，３４５') // 12345
 */
export function parseCountText(text: string, max = 50_000_000): number | null {
  const v = digitsOf(text);
  if (v === '') return null;
  if (!/^\d+$/.test(v)) throw new RangeError(`「${text}」は0以上の整数ではありません`);
  const n = Number(v);
  if (n > max) throw new RangeError(`「${text}」は大きすぎます（${max.toLocaleString('ja-JP')} まで）`);
  return n;
}

/**
 * A decimal with up to two places as integer hundredths, read from the text
 * so no float rounding creeps in ("37.58" → 3758, where 37.58 × 100 is 3757.99…).
 */
export function parseHundredthsText(text: string): number | null {
  const v = digitsOf(text);
  if (v === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(v);
  if (!m) throw new RangeError(`「${text}」は小数第2位までの0以上の数ではありません`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
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
  const fraction = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ''}`;
}
