/**
 * Characters no field of Renkei may hold: control characters (NUL, DEL, the
 * other C0 and C1 codes) that hide in a record and break files made from it,
 * and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
 * that make a name read differently from what it is (「医師会」 shown the
 * wrong way round, a file name ending in 「fdp.exe」). Tab and line breaks are
 * ordinary text and stay allowed. The input schemas and every file import
 * use this one check.
 */

const FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Why `text` cannot be stored, as a phrase to follow the field's name (the
 * caller says what to do next), or null when it can.
 *
 * @example forbiddenCharProblem('新潟\u202e市') // '3文字目に見えない制御文字（U+202E）があります'
 */
export function forbiddenCharProblem(text: string): string | null {
  const found = FORBIDDEN.exec(text);
  if (found === null) return null;
  const position = [...text.slice(0, found.index)].length + 1;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `${position}文字目に見えない制御文字（U+${code}）があります`;
}

/** Whether `text` holds any character forbiddenCharProblem refuses: one pass over a whole file's text instead of one per cell. */
export function hasForbiddenChar(text: string): boolean {
  return FORBIDDEN.test(text);
}
