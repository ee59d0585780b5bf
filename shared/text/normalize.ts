/**
 * Search keys that ignore the differences a user should not have to think
 * about: full/half width (ﾆｲｶﾞﾀ = ニイガタ), katakana/hiragana (ニイガタ =
 * にいがた), case, spaces, the dashes of an address (3-11 = ３ー１１ = 3−11),
 * the ケ of a place name, large or small or written が (駒ヶ根 = 駒ケ根, 一ヵ所 = 一ヶ所, 霞が関 = 霞ヶ関), and the old and
 * variant forms of kanji a name is written with (髙田 = 高田; the list is kanji-variants.ts).
 */
import { KANJI_VARIANTS } from './kanji-variants';

/** Dashes an IME or a list writes where a hyphen is meant (－ is already '-' once NFKC-folded). */
const DASHES = /[\u2010\u2011\u2012\u2013\u2212]/g;
/** The long-vowel mark between digits is a hyphen (早通北１丁目３ー１１); elsewhere (カーブ) it is kana and stays. */
const LONG_VOWEL_BETWEEN_DIGITS = /(?<=\d)ー(?=\d)/g;
/**
 * The small ヶ and ヵ (ゖ, ゕ), which lists and official names write for the same ケ (駒ヶ根市, 駒ケ根市); folded to ケ, so to
 * け with the rest of the katakana.
 */
const SMALL_KE = /[\u3095\u3096\u30f5\u30f6]/g;
/**
 * The same particle of a place name written が or ガ (霞が関, 霞ケ関, 霞ヶ関): read as け (ケ, once the katakana
 * are folded) where a kanji is on both sides — in the national list all of its 1,051 such が and ガ are place names —
 * or where the word ends after it (a query's last が is left out first: searchWords). After a kana it stays: こが内科 and
 * まつなが内科 are names read in kana, and a が before a kana is the が of がん (県立がんセンター).
 */
const PLACE_GA = /(?<=\p{Script=Han})が(?=\p{Script=Han}|\s|$)/gu;

/** Any of the old and variant forms of kanji (髙 …). */
const KANJI_VARIANT = new RegExp(`[${[...KANJI_VARIANTS.keys()].join('')}]`, 'gu');

/**
 * @example searchKey('ﾆｲｶﾞﾀ') === searchKey('にいがた') // true
 * @example searchKey('３ー１１') // '3-11'
 * @example searchKey('駒ヶ根市') === searchKey('駒ケ根市') // true
 * @example searchKey('霞が関') === searchKey('霞ヶ関') // true
 * @example searchKey('髙田') === searchKey('高田') // true
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(KANJI_VARIANT, (c) => KANJI_VARIANTS.get(c)!)
    .replace(DASHES, '-')
    .replace(LONG_VOWEL_BETWEEN_DIGITS, '-')
    .replace(SMALL_KE, 'ケ')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(PLACE_GA, 'け')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/**
 * A が or ガ ending a word typed after a kanji: the place's particle (霞が → 霞が関, 霞ケ関) or the start of a word (県立が →
 * 県立がんセンター) — which, the next character says. Until then it is left out, so the list does not empty while typing.
 */
const OPEN_GA = /(?<=\p{Script=Han})[がガ]$/u;

/** The words a search asks for, folded as the keys are; each must be somewhere in what it matches. */
export function searchWords(query: string): string[] {
  return query
    .split(/[\s\u3000]+/)
    .map((word) => searchKey(word.replace(OPEN_GA, '')))
    .filter((word) => word !== '');
}

/** True when every word of `query` is found in one of `fields`. */
export function matchesSearch(query: string, fields: readonly string[]): boolean {
  const words = searchWords(query);
  if (words.length === 0) return true;
  const haystack = fields.map(searchKey);
  return words.every((w) => haystack.some((h) => h.includes(w)));
}

/** What separates the texts searchKeysOfJoined() folds (a character no cell can hold: forbiddenText refuses it). */
export const JOINED_TEXTS = '\u0000';

/**
 * searchKey() of each text of `joined` (texts joined by JOINED_TEXTS), joined the same way: a chunk of the national
 * list's texts goes to a worker thread and back as one string, not as a thousand (each a cost to copy).
 * @example searchKeysOfJoined('ア\u0000Ｂ') // 'あ\u0000b'
 */
export function searchKeysOfJoined(joined: string): string {
  return joined.split(JOINED_TEXTS).map(searchKey).join(JOINED_TEXTS);
}
