/**
 * Search keys that ignore the differences a user should not have to think
 * about: full/half width (ﾆｲｶﾞﾀ = ニイガタ), katakana/hiragana (ニイガタ =
 * にいがた), case, spaces, the dashes of an address (3-11 = ３ー１１ = 3−11),
 * and the ケ of a place name, large or small (駒ヶ根 = 駒ケ根, 一ヵ所 = 一ヶ所).
 */

/** Dashes an IME or a list writes where a hyphen is meant (－ is already '-' once NFKC-folded). */
const DASHES = /[\u2010\u2011\u2012\u2013\u2212]/g;
/** The long-vowel mark between digits is a hyphen (早通北１丁目３ー１１); elsewhere (カーブ) it is kana and stays. */
const LONG_VOWEL_BETWEEN_DIGITS = /(?<=\d)ー(?=\d)/g;
/**
 * The small ヶ and ヵ (ゖ, ゕ), which lists and official names write for the same ケ (駒ヶ根市, 駒ケ根市); folded to ケ, so to
 * け with the rest of the katakana. が (霞が関) is left as it is: it is an ordinary kana everywhere else, and a key that
 * folded it only between kanji would not be found by a query typed up to it.
 */
const SMALL_KE = /[\u3095\u3096\u30f5\u30f6]/g;

/**
 * @example searchKey('ﾆｲｶﾞﾀ') === searchKey('にいがた') // true
 * @example searchKey('３ー１１') // '3-11'
 * @example searchKey('駒ヶ根市') === searchKey('駒ケ根市') // true
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DASHES, '-')
    .replace(LONG_VOWEL_BETWEEN_DIGITS, '-')
    .replace(SMALL_KE, 'ケ')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/** True when every word of `query` is found in one of `fields`. */
export function matchesSearch(query: string, fields: readonly string[]): boolean {
  const words = query
    .split(/[\s\u3000]+/)
    .map(searchKey)
    .filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.map(searchKey);
  return words.every((w) => haystack.some((h) => h.includes(w)));
}
