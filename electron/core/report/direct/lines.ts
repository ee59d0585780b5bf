/**
 * Text broken into lines as the print page's CSS breaks and sets it:
 * - line-break: strict and overflow-wrap: anywhere: between any two Japanese characters, but never before 。、）」
 *   and the small kana, never after （「; a run of Latin letters and figures (84,586,000) kept whole unless it is
 *   wider than the line itself, then broken anywhere; but a word may break after a hyphen (a URL's
 *   zaitaku-iryo), never before it, nor before a figure (025-280-5000);
 * - a soft hyphen (U+00AD) prints as nothing;
 * - text-spacing-trim: normal (Chromium's default): a full-width bracket or stop next to another (」「, 。」, 　「, ）　)
 *   set half-width, an opening bracket that starts a wrapped line too, and a closing one that ends a line half-width
 *   when that lets it stay on the line.
 */

/** Characters a line may not start with (JIS X 4051 行頭, as CSS line-break: strict has them). */
const NO_START = new Set(
  '、。，．,.:;：；?!？！‼⁇⁈⁉)）]］}｝〕〉》」』】〙〗〟’”｠»・ー―‐-゠–〜～ゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ%％',
);
/** Characters a line may not end with (行末, JIS X 4051). */
const NO_END = new Set('(（[［{｛〔〈《「『【〘〖〝‘“｟«');
/** Characters of a word that is not broken inside (figures, Latin words, a URL's pieces). */
const WORD = /[A-Za-z0-9,.\-_/:%@'’&+#=?~]/;
/** Whether a word may break between `prev` and `next`: after a hyphen, unless a figure or another hyphen follows (UAX #14 HY). */
const breaksWithin = (prev: string, next: string) => prev === '-' && !/[0-9-]/.test(next);
const SOFT_HYPHEN = '\u00AD';

/** Full-width punctuation whose glyph sits in one half of its em (text-spacing-trim). */
const OPENING = new Set('（「『【〔［｛〈《〘〖');
const CLOSING = new Set('）」』】〕］｝〉》〙〗、。，．');
const MIDDLE = new Set('・：；');
const IDEOGRAPHIC_SPACE = '\u3000';

export interface Line {
  text: string;
  /** Without the spaces at its end, which hang outside the line. */
  width: number;
  /** Points each character is moved left by (a half-width bracket), by code point; absent when none is. */
  shifts?: number[];
}

/** A measure of one character's advance in points. */
export type Advance = (ch: string) => number;

const isSpace = (ch: string) => ch === ' ' || ch === IDEOGRAPHIC_SPACE;

/**
 * Each character's advance, with the half of a bracket's em trimmed where it meets another (trim-adjacent):
 * `start` is trimmed before the character (an opening bracket), `end` after it (a closing one, before another, a
 * middle dot or an ideographic space: Chromium prints 「（確定額）　金」 so).
 */
function measured(chars: readonly string[], step: Advance, advance: Advance): { width: number[]; start: number[]; end: number[] } {
  const width = chars.map(step);
  const start = chars.map(() => 0);
  const end = chars.map(() => 0);
  chars.forEach((ch, i) => {
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if (
      OPENING.has(ch) &&
      prev !== undefined &&
      (OPENING.has(prev) || CLOSING.has(prev) || MIDDLE.has(prev) || prev === IDEOGRAPHIC_SPACE)
    ) {
      start[i] = advance(ch) / 2;
      width[i]! -= start[i]!;
    } else if (CLOSING.has(ch) && next !== undefined && (CLOSING.has(next) || MIDDLE.has(next) || next === IDEOGRAPHIC_SPACE)) {
      end[i] = advance(ch) / 2;
      width[i]! -= end[i]!;
    }
  });
  return { width, start, end };
}

/**
 * One paragraph (no line feeds) in lines of at most `width` points, the first `indent` narrower. `spacing` is added
 * after each character (CSS letter-spacing).
 */
export function breakLines(text: string, width: number, advance: Advance, indent = 0, spacing = 0): Line[] {
  const step: Advance = spacing ? (ch) => advance(ch) + spacing : advance;
  const chars = [...text].filter((ch) => ch !== SOFT_HYPHEN);
  const { width: widths, start, end: trimmedAfter } = measured(chars, step, advance);
  // The unbreakable pieces, as [from, to) over chars: a Latin word or figure whole, any other character alone.
  const units: [number, number][] = [];
  for (let i = 0; i < chars.length; ) {
    let j = i + 1;
    if (WORD.test(chars[i]!)) while (j < chars.length && WORD.test(chars[j]!) && !breaksWithin(chars[j - 1]!, chars[j]!)) j += 1;
    units.push([i, j]);
    i = j;
  }
  const sum = (from: number, to: number) => {
    let w = 0;
    for (let k = from; k < to; k += 1) w += widths[k]!;
    return w;
  };
  const lines: Line[] = [];
  let lineStart = 0;
  let used = 0;
  const room = () => width - (lines.length === 0 ? indent : 0) + 0.01;
  /** The line from lineStart to `end`, its last closing bracket trimmed when `trimEnd` (allow-end). */
  const close = (end: number, trimEnd = false) => {
    let last = end;
    while (last > lineStart && isSpace(chars[last - 1]!)) last -= 1;
    let w = sum(lineStart, last);
    // Each character moved left by what was trimmed before it: its own start, the end of a closing bracket before it.
    const shifts = start.slice(lineStart, end).map((s, k) => s + (k > 0 ? trimmedAfter[lineStart + k - 1]! : 0));
    // A wrapped line's opening bracket is set half-width at its start (space-first).
    if (lines.length > 0 && OPENING.has(chars[lineStart]!) && shifts[0] === 0) {
      shifts[0] = advance(chars[lineStart]!) / 2;
      w -= shifts[0];
    }
    if (trimEnd) w -= advance(chars[last - 1]!) / 2;
    lines.push({ text: chars.slice(lineStart, end).join(''), width: w, ...(shifts.some((s) => s > 0) ? { shifts } : {}) });
    lineStart = end;
    used = 0;
  };
  const startTrim = (at: number) => (lines.length > 0 && OPENING.has(chars[at]!) && start[at] === 0 ? advance(chars[at]!) / 2 : 0);
  for (let u = 0; u < units.length; u += 1) {
    const [from, to] = units[u]!;
    const w = sum(from, to) - (from === lineStart ? startTrim(from) : 0);
    if (used + w <= room() || isSpace(chars[from]!)) {
      used += w;
      continue;
    }
    // allow-end: a closing bracket that fits half-width ends the line, unless what follows may not start the next.
    if (
      to - from === 1 &&
      CLOSING.has(chars[from]!) &&
      from > lineStart &&
      !NO_START.has(chars[to] ?? '') &&
      used + w - advance(chars[from]!) / 2 <= room()
    ) {
      close(to, true);
      continue;
    }
    if (from === lineStart) {
      // A word wider than the line: broken anywhere (overflow-wrap: anywhere).
      for (let k = from; k < to; k += 1) {
        if (k > lineStart && used + widths[k]! > room()) close(k);
        used += widths[k]!;
      }
      continue;
    }
    // Kinsoku: what may not start the next line, or end this one, goes down with it (one piece always stays).
    let back = u;
    while (back - 1 >= 0 && units[back - 1]![0] > lineStart) {
      const first = chars[units[back]![0]]!;
      const last = chars[units[back - 1]![1] - 1]!;
      if (!NO_START.has(first) && !NO_END.has(last)) break;
      back -= 1;
    }
    if (back < u) {
      const first = chars[units[back]![0]]!;
      const last = chars[units[back - 1]![1] - 1]!;
      // No place allowed within the line: broken where it overflowed after all.
      if (NO_START.has(first) || NO_END.has(last)) back = u;
    }
    close(units[back]![0]);
    u = back - 1;
  }
  if (lineStart < chars.length || lines.length === 0) close(chars.length);
  return lines;
}

/** Text with line feeds (kept where they were typed, CSS white-space: pre-line), each paragraph broken into lines. */
export function breakText(text: string, width: number, advance: Advance): Line[] {
  return text.split('\n').flatMap((part) => breakLines(part, width, advance));
}
