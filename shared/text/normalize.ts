/**
 * Search keys that ignore the differences a user should not have to think
 * about: full/half width (ﾆｲｶﾞﾀ = ニイガタ), katakana/hiragana (ニイガタ =
 * にいがた), case and spaces.
 */

/**
 * @example searchKey('ﾆｲｶﾞﾀ') === searchKey('にいがた') // true
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
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
