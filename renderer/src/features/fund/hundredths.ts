/** Indicator values (基準値・目標値・実績値) as the drawer shows them: stored as integer hundredths, typed and shown as decimals. */

/**
 * Hundredths as a decimal without trailing zeros; '' for none.
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
