/**
 * File names made from titles, and paths as people paste them: the characters Windows refuses become their
 * full-width look-alikes (「17 / 17」 stays 「17／17」, not 「1717」), and
 * spaces go where Japanese needs none, so a name reads like its title.
 */

const FULL_WIDTH: Readonly<Record<string, string>> = {
  '\\': '＼',
  '/': '／',
  ':': '：',
  '*': '＊',
  '?': '？',
  '"': '”',
  '<': '＜',
  '>': '＞',
  '|': '｜',
};

/**
 * `text` as (part of) a file name: forbidden characters full-width, control
 * characters dropped, a run of spaces dropped beside a full-width character and
 * one 「_」 between two half-width words.
 *
 * @example fileNamePart('令和5年度 17 / 17 センター回答') // '令和5年度17／17センター回答'
 * @example fileNamePart('Renkei  manual') // 'Renkei_manual'
 */
export function fileNamePart(text: string): string {
  return text
    .replace(/[\x00-\x1f\x7f]/g, '')
    .replace(/[\\/:*?"<>|]/g, (c) => FULL_WIDTH[c]!)
    .trim()
    .replace(/[\s\u3000]+/g, (_, at: number, whole: string) => {
      const before = whole[at - 1] ?? '';
      const after = whole[at + _.length] ?? '';
      return /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after) ? '_' : '';
    });
}

/**
 * A path as pasted: without the spaces around it and the quotes Explorer's 「パスのコピー」 puts round it.
 * @example pastedPath('  "C:\\Users\\山田\\県.sqlite" ') // 'C:\\Users\\山田\\県.sqlite'
 */
export function pastedPath(text: string): string {
  const trimmed = text.trim();
  const quoted = /^(["'“”「])(.*)(["'“”」])$/s.exec(trimmed);
  return (quoted ? quoted[2]! : trimmed).trim();
}
