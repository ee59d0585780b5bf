/** Reading a yen amount as the user typed it, for every screen that takes money. */

/**
 * What the user typed in a money field, as yen: full-width digits, separators
 * and a trailing 円 are accepted; anything else is NaN (the core says why).
 * @example parseYenText('８４，５８６，０００円') // 84586000
 */
export function parseYenText(text: string): number {
  const plain = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－ー−]/g, '-')
    .replace(/[,，\s]|円$/g, '');
  return /^-?\d+$/.test(plain) ? Number(plain) : Number.NaN;
}
