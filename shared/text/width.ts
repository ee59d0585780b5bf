/**
 * How wide a text runs, in half-width characters: what an Excel column, a
 * report's column and a slide's line are measured by.
 */

/**
 * Width in half-width characters: full-width ones (kanji, kana, full-width forms) count two.
 *
 * @example displayWidth('第1回 運営会議') // 14
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += code <= 0xff || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return width;
}
