/**
 * The app's faces for the PDF writer: the TrueType twins of the print page's
 * fonts (resources/fonts, made by scripts/fonts.mjs), read once a process.
 * Each face has two files — the app's own text, and the other kanji (`-more`) —
 * so a character missing from the first is looked for in the second, which is
 * read only when a print needs it (an institution's rare kanji).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { RenkeiError } from '@shared/contract/errors';
import type { Face } from '@shared/report/drawing';
import { TrueType } from './ttf';

/** Each face's two files, as scripts/fonts.mjs names them. */
const FILES: Record<Face, [string, string]> = {
  sans: ['noto-sans-jp-400.ttf', 'noto-sans-jp-400-more.ttf'],
  sansBold: ['noto-sans-jp-700.ttf', 'noto-sans-jp-700-more.ttf'],
  serif: ['noto-serif-jp-400.ttf', 'noto-serif-jp-400-more.ttf'],
};

export const FACES: readonly Face[] = ['sans', 'sansBold', 'serif'];

/**
 * Where the fonts are: beside the bundle (dist/core/fonts, copied there by scripts/build.mjs and packed with the
 * app), or in the sources' resources/fonts when the core runs from them (the tests). All six files or none: a file
 * missing from an install would otherwise fail in the middle of a print, in English.
 */
function fontDir(): string {
  const candidates = [path.join(__dirname, 'fonts')];
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) candidates.push(path.join(dir, 'resources', 'fonts'));
  const names = FACES.flatMap((face) => FILES[face]);
  const missingIn = (dir: string) =>
    names.filter((name) => !fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, `${name}${PACKED}`)));
  const found = candidates.find((dir) => missingIn(dir).length === 0);
  if (found) return found;
  const partial = candidates.find((dir) => missingIn(dir).length < names.length);
  const missing = partial ? missingIn(partial) : names;
  throw new RenkeiError(
    'unavailable',
    `PDF に使うフォントのファイル（${missing.join('、')}）が${partial ? `「${partial}」に` : ''}見つからないため、PDF を作れません。アプリが正しく入っていない可能性があります。アプリを入れ直してから、もう一度お試しください。`,
  );
}

/**
 * Beside the bundle each file is packed in brotli (scripts/build.mjs): 14 MB of TrueType would take the installed app
 * past its 35 MB; unpacked when first read (~30 ms for the largest).
 */
const PACKED = '.br';

/** A font file's bytes, from the file itself (the sources) or from its packed copy (beside the bundle). */
function fontBytes(dir: string, name: string): Buffer {
  const plain = path.join(dir, name);
  return fs.existsSync(plain) ? fs.readFileSync(plain) : zlib.brotliDecompressSync(fs.readFileSync(`${plain}${PACKED}`));
}

let dir: string | undefined;
const files = new Map<string, TrueType>();

/** Where this process reads the fonts from (found once). */
export function fontDirectory(): string {
  dir ??= fontDir();
  return dir;
}

/** Reads the fonts from `found`: a worker thread run from source text cannot find them beside itself. */
export function useFontDirectory(found: string): void {
  dir = found;
}

/** The face's file: 0 its own text, 1 the other kanji. */
export function fontFile(face: Face, part: 0 | 1): TrueType {
  const name = FILES[face][part];
  let font = files.get(name);
  if (!font) {
    font = new TrueType(fontBytes(fontDirectory(), name));
    files.set(name, font);
  }
  return font;
}

/** A character as set: which of the face's files draws it, its glyph there and its advance in ems. */
export interface Glyph {
  part: 0 | 1;
  id: number;
  advance: number;
}

/**
 * Characters that draw nothing and that the fonts do not hold, so would print as 〓: variation selectors (a kanji typed
 * with its IVS), zero-width spaces and joiners, the word joiner, a BOM pasted in, the soft hyphen, and a carriage
 * return left beside a typed line feed.
 */
const INVISIBLE = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u200B-\u200D\u2060\uFEFF\u00AD\r]/gu;

/**
 * A document's text as the PDF prints it: every string it holds without the characters that draw nothing.
 * @example printable({ title: '連\u{E0100}携\r' }) // { title: '連携' }
 */
export function printable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(INVISIBLE, '') as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, printable(v)])) as T;
  return value;
}

/** What is drawn for a character neither file holds: 〓 (ゲタ), as a Japanese typesetter marks a missing character. */
export const GETA = '〓';

/**
 * The glyphs of one face, looked up once per character. A character missing from both files is drawn as 〓 and
 * kept in `missing`, so the print can say which characters it could not draw.
 */
export class FaceMetrics {
  private readonly glyphs = new Map<string, Glyph & { missing?: true }>();

  constructor(
    readonly face: Face,
    /** Told of a character drawn as 〓, each time it is looked up (the print says in which document). */
    private readonly noteMissing: (ch: string) => void,
  ) {}

  glyph(ch: string): Glyph {
    let glyph = this.glyphs.get(ch);
    if (glyph) {
      if (glyph.missing) this.noteMissing(ch);
      return glyph;
    }
    const cp = ch.codePointAt(0)!;
    const first = fontFile(this.face, 0);
    let id = first.glyph(cp);
    if (id !== 0) glyph = { part: 0, id, advance: first.advance(id) / first.unitsPerEm };
    else if (cp >= 0x2e80) {
      // Only the kanji blocks are in the second file: for anything else it is not read at all.
      const more = fontFile(this.face, 1);
      id = more.glyph(cp);
      if (id !== 0) glyph = { part: 1, id, advance: more.advance(id) / more.unitsPerEm };
    }
    if (!glyph) {
      if (ch === '\t') glyph = { part: 0, id: 0, advance: 0 };
      else {
        this.noteMissing(ch);
        glyph = { ...this.glyph(GETA), missing: true };
      }
    }
    this.glyphs.set(ch, glyph);
    return glyph;
  }

  /** Width of `text` in points at `size`. */
  width(text: string, size: number): number {
    let ems = 0;
    for (const ch of text) ems += this.glyph(ch).advance;
    return ems * size;
  }

  /** In ems: the line's content area above and below the baseline (hhea), as CSS centres a line's glyphs in its line box. */
  get ascent(): number {
    const f = fontFile(this.face, 0);
    return f.ascent / f.unitsPerEm;
  }

  get descent(): number {
    const f = fontFile(this.face, 0);
    return f.descent / f.unitsPerEm;
  }
}
