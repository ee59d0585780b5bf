/**
 * Keeping formulas out of the CSV files we write, and reading our own
 * neutralised cells back as they were.
 */

/**
 * Text Excel cannot run: a cell beginning with = + - @, a tab or a carriage
 * return is taken for a formula when Excel opens a CSV file, so
 * `=HYPERLINK(…)` or `+cmd|' /C calc'!A0` from a record would run on the
 * officer's machine. Such text gets a leading ', as OWASP's CSV-injection
 * guidance says; text already starting with ' before one of those gets one
 * more, so `readTable` can take exactly one away and give back what was
 * written. Text that is only a number (-5, +1.5) is no formula and stays.
 *
 * @example inertText('=SUM(A1:A2)') // "'=SUM(A1:A2)"
 */
export function inertText(text: string): string {
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) return text;
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const APOSTROPHE = 0x27;

/** What `inertText` added, taken away again: the cell as it was before writing. */
export function fromInertText(text: string): string {
  // Most cells do not begin with ': told by their first character, not the pattern (read for every cell of a file).
  return text.charCodeAt(0) === APOSTROPHE && /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
