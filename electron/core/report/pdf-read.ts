/**
 * What a print says about its own pages, read from the PDF's structure
 * without loading the whole file: its cross-reference table gives where each
 * object is, so only the catalog, the page tree and the outline are read —
 * milliseconds, where loading a 243-page pack with pdf-lib took 1.7 s.
 * Chromium writes these objects as plain text (a classic xref table, the
 * dictionaries uncompressed); a PDF that is not written so reads as null, and
 * the caller falls back to what does not need it.
 */

/** The print's pages and, for each top-level entry of its outline (each document's title, its <h1>), the page it points to. */
export interface PrintedStructure {
  pages: number;
  outline: number[];
}

/** Past the literal string that opens at `at` (its "("): nested parentheses balanced, escaped characters skipped. */
export function stringEnd(text: string, at: number): number {
  let depth = 1;
  let j = at + 1;
  for (; j < text.length && depth > 0; j += 1) {
    const d = text[j];
    if (d === '\\') j += 1;
    else if (d === '(') depth += 1;
    else if (d === ')') depth -= 1;
  }
  return j;
}

/**
 * Where the first of the `stops` stands as a word of its own outside any literal string, from `from` on; null when
 * none comes. `strings` collects the literal strings met on the way (from, to: past the closing parenthesis).
 */
function stopOf(text: string, from: number, stops: readonly string[], strings?: [number, number][]): number | null {
  const firsts = new Set(stops.map((word) => word[0]));
  for (let i = from; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '(') {
      const j = stringEnd(text, i);
      strings?.push([i, j]);
      i = j - 1;
    } else if (firsts.has(c)) {
      const stop = stops.find((word) => text.startsWith(word, i));
      // A keyword of its own: after white space or the end of a value, before white space or a delimiter (not a
      // part of a name such as /Noto-stream).
      if (stop && /[\s)>\]}]/.test(text[i - 1] ?? ' ') && /[\s()<>[\]{}/%]/.test(text[i + stop.length] ?? ' ')) return i;
    }
  }
  return null;
}

/**
 * The text from `from` up to the first of the `stops` that stands as a word of its own outside any string, with
 * the literal strings blanked out (so nothing a title says is read as a key or an end), as long as the text it
 * stands for; null when none comes.
 */
export function textUntil(text: string, from: number, stops: readonly string[]): string | null {
  const strings: [number, number][] = [];
  const end = stopOf(text, from, stops, strings);
  if (end === null) return null;
  let out = '';
  let at = from;
  for (const [start, stop] of strings) {
    out += text.slice(at, start) + ' '.repeat(stop - start);
    at = stop;
  }
  return out + text.slice(at, end);
}

/** A cross-reference section: objects first…first+count-1, each entry 20 bytes from `at`. */
interface Section {
  first: number;
  count: number;
  at: number;
}

export class PdfText {
  private constructor(
    /** The file, one character per byte (latin1). */
    readonly text: string,
    private readonly sections: Section[],
    readonly root: number,
    /** The trailer's dictionary (strings blanked). */
    readonly trailer: string,
    /** Where the cross-reference table starts: the end of the last object. */
    readonly xref: number,
  ) {}

  static read(pdf: Uint8Array): PdfText | null {
    let text: string;
    try {
      text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
    } catch {
      // Longer than a string can be.
      return null;
    }
    const at = text.lastIndexOf('startxref');
    const xref = at < 0 ? Number.NaN : Number(/^startxref\s+(\d+)/.exec(text.slice(at, at + 40))?.[1]);
    if (!Number.isInteger(xref) || !text.startsWith('xref', xref)) return null;
    // Sections of "first count" then count entries of exactly 20 bytes ("offset generation n|f" and an end of line),
    // read only where an object is looked up; the trailer follows the last.
    const sections: Section[] = [];
    const header = /\s*(\d+) (\d+)[ \t]*(?:\r\n|\r|\n)/y;
    let trailerAt = xref + 4;
    header.lastIndex = trailerAt;
    for (let found = header.exec(text); found; found = header.exec(text)) {
      const section = { first: Number(found[1]), count: Number(found[2]), at: header.lastIndex };
      sections.push(section);
      trailerAt = section.at + section.count * 20;
      header.lastIndex = trailerAt;
    }
    if (sections.length === 0 || !/^\s*trailer/.test(text.slice(trailerAt, trailerAt + 20))) return null;
    const trailer = textUntil(text, trailerAt, ['startxref']);
    if (trailer === null) return null;
    // An updated PDF (a /Prev table) has objects in more than one table: not what Chromium writes.
    const root = ref(trailer, 'Root');
    if (root === null || /\/Prev\b/.test(trailer)) return null;
    return new PdfText(text, sections, root, trailer, xref);
  }

  /** Every object the table lists as in use (generation 0), with where each starts in the file. */
  objects(): { n: number; offset: number }[] {
    const found: { n: number; offset: number }[] = [];
    for (const section of this.sections) {
      for (let i = 0; i < section.count; i += 1) {
        const entry = /^(\d{10}) 00000 n/.exec(this.text.slice(section.at + i * 20, section.at + i * 20 + 20));
        if (entry) found.push({ n: section.first + i, offset: Number(entry[1]) });
      }
    }
    return found;
  }

  /** Where object n starts in the file, as the table says; null when it is not in use. */
  private offsetOf(n: number): number | null {
    const section = this.sections.find((s) => n >= s.first && n < s.first + s.count);
    if (!section) return null;
    const entryAt = section.at + (n - section.first) * 20;
    const entry = /^(\d{10}) \d{5} n/.exec(this.text.slice(entryAt, entryAt + 20));
    return entry ? Number(entry[1]) : null;
  }

  /**
   * Where object n's dictionary (or other value) lies, from just after its `n 0 obj` to its stream or its endobj;
   * null when it is not where `offset` (by default the table) says.
   */
  span(n: number, offset = this.offsetOf(n)): { start: number; end: number } | null {
    if (offset === null) return null;
    const head = /\s*(\d+)\s+0\s+obj\b/y;
    head.lastIndex = offset;
    const found = head.exec(this.text);
    if (!found || Number(found[1]) !== n) return null;
    const end = stopOf(this.text, head.lastIndex, ['stream', 'endobj']);
    return end === null ? null : { start: head.lastIndex, end };
  }

  /** Object n's dictionary as text (strings blanked), or null when it is not where the table says. */
  object(n: number): string | null {
    const span = this.span(n);
    return span && textUntil(this.text, span.start, ['stream', 'endobj']);
  }
}

/** The object a key refers to; null without one, or for an object of another generation than 0 (Chromium writes none). */
export function ref(dict: string, key: string): number | null {
  const found = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R\\b`).exec(dict);
  return found && found[2] === '0' ? Number(found[1]) : null;
}

/** The objects an array of references lists, or null if it holds anything else. */
export function refs(list: string): number[] | null {
  const words = list.trim().split(/\s+/).filter(Boolean);
  if (words.length % 3 !== 0) return null;
  const found: number[] = [];
  for (let i = 0; i < words.length; i += 3) {
    if (!/^\d+$/.test(words[i]!) || words[i + 1] !== '0' || words[i + 2] !== 'R') return null;
    found.push(Number(words[i]));
  }
  return found;
}

/** The page objects in the order of the page tree, or null when the tree cannot be walked. */
function pageOrder(pdf: PdfText, node: number, seen: Set<number>, pages: number[]): boolean {
  if (seen.has(node)) return false;
  seen.add(node);
  const dict = pdf.object(node);
  if (dict === null) return false;
  if (/\/Type\s*\/Page(?![A-Za-z])/.test(dict)) {
    pages.push(node);
    return true;
  }
  if (!/\/Type\s*\/Pages(?![A-Za-z])/.test(dict)) return false;
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
  const list = kids ? refs(kids[1]!) : null;
  if (!list) return false;
  return list.every((kid) => pageOrder(pdf, kid, seen, pages));
}

/** The print's page count and its outline's top-level entries' pages; null when the PDF does not read that way. */
export function printedStructure(bytes: Uint8Array): PrintedStructure | null {
  const pdf = PdfText.read(bytes);
  const catalog = pdf?.object(pdf.root);
  if (!pdf || !catalog) return null;
  const tree = ref(catalog, 'Pages');
  const pages: number[] = [];
  if (tree === null || !pageOrder(pdf, tree, new Set(), pages)) return null;
  const index = new Map(pages.map((page, i) => [page, i]));
  const outline: number[] = [];
  const outlines = ref(catalog, 'Outlines');
  const root = outlines === null ? null : pdf.object(outlines);
  if (outlines !== null && root === null) return null;
  const seen = new Set<number>();
  let last: number | null = null;
  for (let item = root === null ? null : ref(root, 'First'); item !== null; ) {
    const entry = seen.has(item) ? null : pdf.object(item);
    // Each entry of the top level, whose parent is the outline itself.
    if (entry === null || ref(entry, 'Parent') !== outlines) return null;
    seen.add(item);
    const target = /\/(?:Dest|D)\s*\[\s*(\d+)\s+0\s+R\b/.exec(entry);
    const page = target ? index.get(Number(target[1])) : undefined;
    if (page === undefined) return null;
    outline.push(page);
    last = item;
    item = ref(entry, 'Next');
  }
  // The chain read to its end: the entry the outline names as its last.
  if (root !== null && last !== ref(root, 'Last')) return null;
  return { pages: pages.length, outline };
}
