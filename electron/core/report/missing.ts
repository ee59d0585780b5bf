/**
 * What an officer is told of characters a PDF of the core's prints as 〓 (none of the app's fonts holds them): the pack,
 * a single report and a set of letters say it in the same words.
 */
import { REPORTS } from './catalog';
import type { MissingCharacters } from './direct';

/**
 * Where the entries a report prints are changed: a meeting's records (its 議事録's text, its members' names) on the
 * 会議・研修 screens, the others' names in the 台帳, and on every report the sender, 担当者 and addressee in 設定.
 */
function whereToChange(name: string): string {
  return REPORTS[name]?.section === 'meeting'
    ? '会議・研修の記録はその画面、提出者・担当者・宛先は設定画面、名称は台帳'
    : '提出者・担当者・宛先は設定画面、名称は台帳';
}

/** A report's title in 「」, unless it opens with its own (「在宅医療…」一覧（…）): never 「「. */
export function named(title: string): string {
  return title.startsWith('「') ? title : `「${title}」`;
}

/** A text that holds a character, cut to 40 characters around the first of `characters` it holds. */
function around(text: string, characters: readonly string[]): string {
  const chars = [...text];
  if (chars.length <= 40) return text;
  const at = chars.findIndex((ch) => characters.includes(ch));
  const from = Math.max(0, Math.min(at - 15, chars.length - 40));
  return `${from > 0 ? '…' : ''}${chars.slice(from, from + 40).join('')}${from + 40 < chars.length ? '…' : ''}`;
}

/**
 * What an officer is told of a report whose PDF prints characters as 〓: which, on which pages of the PDF, in which of
 * its texts (so the entry can be found and changed), and what to do.
 * (The example's character is one of the private use area, which no font holds: a real one here would be put in the fonts.)
 * @example missingWarning({ title: '提出資料の送付について', characters: ['\u{E000}'], pages: [1], texts: ['（担当：\u{E000}田）'], name: 'cover' })
 * // '「提出資料の送付について」の PDF 1ページ目、「（担当：\u{E000}田）」の「\u{E000}」は、…'
 */
function missingWarning(m: MissingCharacters): string {
  const pages = m.pages.length > 3 ? `${m.pages.slice(0, 3).join('・')}ページ目ほか` : `${m.pages.join('・')}ページ目`;
  const shown = m.texts.slice(0, 2).map((t) => `「${around(t, m.characters)}」`);
  const where = shown.length > 0 ? `、${shown.join('、')}${m.texts.length > 2 ? `ほか${m.texts.length - 2}か所` : ''}` : '';
  const chars = m.characters.map((ch) => `「${ch}」`).join('');
  return `${named(m.title)}の PDF ${pages}${where}の${chars}は、アプリのフォントにない字のため 〓 と印刷されています。元の入力（${whereToChange(m.name)}）でこの字を一般的な字体かかなに置き換えてから、もう一度作成してください。`;
}

/**
 * The warnings of a PDF's documents, one a paragraph. The documents of one title (a set's letters, one a center) are
 * one warning, with all their pages and texts: seventeen letters holding the 知事's name are one paragraph, not seventeen.
 */
export function missingWarnings(missing: readonly MissingCharacters[]): string[] {
  const merged = new Map<string, MissingCharacters>();
  for (const m of missing) {
    const seen = merged.get(m.title);
    const union = <T>(a: readonly T[], b: readonly T[]) => [...new Set([...a, ...b])];
    merged.set(
      m.title,
      seen
        ? {
            ...seen,
            characters: union(seen.characters, m.characters),
            pages: union(seen.pages, m.pages),
            texts: union(seen.texts, m.texts),
          }
        : m,
    );
  }
  return [...merged.values()].map(missingWarning);
}

/** The characters printed as 〓, each once, in the order first met. */
export function missingCharactersOf(missing: readonly MissingCharacters[]): string[] {
  return [...new Set(missing.flatMap((m) => m.characters))];
}
