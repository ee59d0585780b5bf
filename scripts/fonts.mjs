// Makes the app's font files (resources/fonts/*.woff2) and the stylesheet that
// declares them (renderer/src/styles/fonts.css) from the Noto Sans JP and Noto
// Serif JP TrueType files of Google Fonts (devDependencies), each face cut down
// to the characters a Japanese office writes: every character of Windows'
// Shift_JIS (JIS X 0208 with the NEC and IBM extensions — what Excel and every
// 公文書 on a Windows PC can hold), every kanji of JIS X 0213 (all 常用 and
// 人名用漢字, 剝 𠮟 鷗 𩸽 among them), ASCII, Latin-1, the punctuation, symbol,
// kana and full-width blocks, and every character the app's own sources use.
//
// Two files per face, not @fontsource's 120 slices each (Chromium laid a page
// out against dozens of slice downloads): the app's own text (every character
// but the kanji, and the kanji its sources write: ~285 KB), and the other kanji
// (`-more`, ~1.4 MB), which the stylesheet gives the kanji blocks, so a page
// fetches and decodes it only when it draws such a kanji (an institution's
// name). One file per face took ~170 ms of decoding on each of two threads
// right after the first screen, in the middle of the list's first open. A
// character outside the set (a rare 人名漢字) is drawn by the system's Japanese
// font (the CSS lists it next) — a kanji once the `-more` file has been looked in.
//
// Each file has a TrueType twin (`.ttf`, the same characters) for the core's PDF writer (electron/core/report/direct),
// which reads the glyphs' outlines and widths itself and copies the ones a page draws into the PDF: a WOFF2 file
// would have to be decompressed (brotli in JavaScript, ~170 ms) before every print.
//
// Run `node scripts/fonts.mjs` after changing the set or the source packages;
// the files are committed, so neither a build nor a Windows build machine
// needs the 100 MB of source fonts. tests/fonts.test.ts checks the committed
// files hold every character of the set that the source fonts hold, and the
// stylesheet's ranges.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FONT_DIR = path.join(root, 'resources', 'fonts');

/** The faces the app ships: its family and weight, its files (the app's own text, the other kanji), its source TrueType file. */
export const FACES = [
  {
    family: 'Noto Sans JP',
    weight: 400,
    file: 'noto-sans-jp-400.woff2',
    more: 'noto-sans-jp-400-more.woff2',
    source: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  },
  {
    family: 'Noto Sans JP',
    weight: 700,
    file: 'noto-sans-jp-700.woff2',
    more: 'noto-sans-jp-700-more.woff2',
    source: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
  },
  {
    family: 'Noto Serif JP',
    weight: 400,
    file: 'noto-serif-jp-400.woff2',
    more: 'noto-serif-jp-400-more.woff2',
    source: '@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf',
  },
];

/** A font file's TrueType twin, for the PDF writer: noto-sans-jp-400.woff2 → noto-sans-jp-400.ttf. */
export const ttfOf = (file) => file.replace(/\.woff2$/, '.ttf');

/** The stylesheet declaring the faces, written with them. */
export const FONT_CSS = path.join(root, 'renderer', 'src', 'styles', 'fonts.css');

/** The source packages, for the notices file (their OFL licence travels with the fonts made from them). */
export const FONT_SOURCE_PACKAGES = ['@expo-google-fonts/noto-sans-jp', '@expo-google-fonts/noto-serif-jp'];

/** Unicode blocks kept whole (as far as the font has them): punctuation, symbols, kana, full-width forms. */
const BLOCKS = [
  [0x0020, 0x007e], // ASCII
  [0x00a0, 0x00ff], // Latin-1
  [0x2000, 0x206f], // general punctuation
  [0x2100, 0x214f], // letterlike symbols (№ ℃ ℡)
  [0x2150, 0x218f], // number forms (Ⅰ ⅰ)
  [0x2190, 0x21ff], // arrows
  [0x2200, 0x22ff], // mathematical operators
  [0x2300, 0x23ff], // technical symbols
  [0x2460, 0x24ff], // enclosed alphanumerics (① ⑳)
  [0x2500, 0x257f], // box drawing
  [0x2580, 0x259f], // block elements
  [0x25a0, 0x25ff], // geometric shapes (■ △ ○)
  [0x2600, 0x26ff], // miscellaneous symbols (☆ ♪)
  [0x2700, 0x27bf], // dingbats (✓ ✔)
  [0x3000, 0x303f], // CJK symbols and punctuation
  [0x3040, 0x30ff], // hiragana, katakana
  [0x31f0, 0x31ff], // katakana phonetic extensions
  [0x3200, 0x32ff], // enclosed CJK (㈱ ㊤ ㋿)
  [0x3300, 0x33ff], // CJK compatibility (㍻ ㎡)
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xffef], // half-width and full-width forms
];

/** Every character Windows' Shift_JIS (the WHATWG index, which is Windows-31J) decodes to, user-defined area apart. */
function shiftJisCharacters() {
  const out = new Set();
  const decoder = new TextDecoder('shift_jis', { fatal: true });
  const add = (bytes) => {
    let text;
    try {
      text = decoder.decode(new Uint8Array(bytes));
    } catch {
      return;
    }
    const cp = text.codePointAt(0);
    if ([...text].length === 1 && !(cp >= 0xe000 && cp <= 0xf8ff)) out.add(cp);
  };
  for (let b = 0xa1; b <= 0xdf; b++) add([b]);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    for (let trail = 0x40; trail <= 0xfc; trail++) add([lead, trail]);
  }
  return out;
}

/** The source folders whose text the app shows or prints. */
const SOURCE_DIRS = ['renderer/src', 'shared', 'electron', 'resources'];
const TEXT_FILE = /\.(ts|tsx|css|json|md|csv|txt)$/;
/** Tests beside the sources: what they write is not the app's text (a new kanji in a test made the fonts be made again). */
const TEST_FILE = /\.test\.tsx?$/;
/** Tables of characters looked up in what the user typed, never drawn from there: the old forms of kanji searchKey() folds. */
const LOOKUP_FILES = new Set(['shared/text/kanji-variants.ts']);

/** Every non-ASCII character written in the app's own sources (labels, messages, the demo, the templates' text). */
export function sourceCharacters() {
  const out = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        TEXT_FILE.test(entry.name) &&
        !TEST_FILE.test(entry.name) &&
        !LOOKUP_FILES.has(path.relative(root, full).split(path.sep).join('/'))
      ) {
        for (const ch of fs.readFileSync(full, 'utf8')) {
          const cp = ch.codePointAt(0);
          if (cp > 0x7e) out.add(cp);
        }
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  return out;
}

/**
 * The kanji of JIS X 0213 planes 1 and 2 (scripts/jisx0213-kanji.txt): every 常用漢字 and 人名用漢字 — those of 2010
 * beyond Shift_JIS (剝 頰 塡 𠮟) too — and the names' kanji a register may hold (鷗 𩸽 𪚲), which the PDF writer has
 * no system font to fall back on for.
 */
function jisX0213Kanji() {
  const text = fs.readFileSync(path.join(root, 'scripts', 'jisx0213-kanji.txt'), 'utf8');
  const lines = text.split('\n').filter((line) => !line.startsWith('#'));
  return new Set([...lines.join('')].map((ch) => ch.codePointAt(0)));
}

/** Kanji of names beyond JIS X 0213 that an office meets often enough to carry: 𠮷 (つちよし). */
const NAME_KANJI = ['𠮷'];

/** The code points the app's fonts are cut to (those a source font lacks are simply not in its file). */
export function fontCharacters(own = sourceCharacters()) {
  const out = new Set([...shiftJisCharacters(), ...jisX0213Kanji(), ...own, ...NAME_KANJI.map((ch) => ch.codePointAt(0))]);
  for (const [from, to] of BLOCKS) for (let cp = from; cp <= to; cp++) out.add(cp);
  // Surrogates and controls are not characters a font draws.
  for (const cp of out) if ((cp >= 0xd800 && cp <= 0xdfff) || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out.delete(cp);
  return out;
}

/** CJK ideographs: the blocks of kanji (the other characters are few and go with the app's own text). */
const KANJI_BLOCKS = [
  [0x3400, 0x4dbf], // extension A
  [0x4e00, 0x9fff], // unified ideographs
  [0xf900, 0xfaff], // compatibility ideographs
  [0x20000, 0x2ffff], // extensions B and on (𠮷)
];

export const isKanji = (cp) => KANJI_BLOCKS.some(([from, to]) => cp >= from && cp <= to);

/**
 * The characters of each face's first file (the app's own text: every character of the set but the kanji, and the
 * kanji the sources write) and of its `-more` file (the other kanji), each in code point order.
 */
export function splitCharacters() {
  const own = sourceCharacters();
  const all = [...fontCharacters(own)].sort((a, b) => a - b);
  return { common: all.filter((cp) => !isKanji(cp) || own.has(cp)), more: all.filter((cp) => isKanji(cp) && !own.has(cp)) };
}

/** Code points (in order) as a CSS unicode-range: runs as ranges. */
export function unicodeRange(codePoints) {
  const hex = (cp) => cp.toString(16).toUpperCase();
  const out = [];
  for (let i = 0; i < codePoints.length; ) {
    let j = i;
    while (j + 1 < codePoints.length && codePoints[j + 1] === codePoints[j] + 1) j += 1;
    out.push(i === j ? `U+${hex(codePoints[i])}` : `U+${hex(codePoints[i])}-${hex(codePoints[j])}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** What a face's `-more` file is declared for: the kanji blocks (it holds kanji only), so no other character fetches it. */
export const MORE_RANGE = KANJI_BLOCKS.map(([from, to]) => `U+${from.toString(16).toUpperCase()}-${to.toString(16).toUpperCase()}`).join(
  ', ',
);

/**
 * The stylesheet, from the characters each face's first file holds (`held`, in FACES' order): each face's `-more`
 * file for the kanji, then its first file for exactly what it holds. Where two faces' ranges overlap the one declared
 * later is tried first (CSS Fonts 4, 4.5), so a kanji of the app's own text is drawn from the first file and never
 * fetches the other; a character neither holds goes to the system's font (a kanji after the `-more` file is loaded).
 */
export function fontCss(held) {
  const face = (family, weight, file, range) =>
    `@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-display: swap;\n  font-weight: ${weight};\n  src: url('../../../resources/fonts/${file}') format('woff2');\n  unicode-range: ${range};\n}\n`;
  return [
    `/*
 * Made by scripts/fonts.mjs (run it again rather than editing): the app's faces from Noto Sans JP and Noto Serif JP
 * (SIL Open Font License), cut to Windows' Shift_JIS, the usual symbols and every character the app itself writes,
 * two files each — the app's own text, and the other kanji (\`-more\`), fetched only by a page that draws one.
 * Declared here once for the screens and the print page. A character outside the files falls back to the system's
 * Japanese font (the generic family after each name).
 */
`,
    ...FACES.flatMap((f, i) => [face(f.family, f.weight, f.more, MORE_RANGE), face(f.family, f.weight, f.file, unicodeRange(held[i]))]),
  ].join('\n');
}

/** The characters a font file holds (its cmap), in code point order. One call at a time: the woff2 decoder's output is a view into its memory, which a second call at once overwrites (three at once gave two empty fonts). */
export async function heldCharacters(bytes) {
  const { default: fontverter } = await import('fontverter');
  const { Blob, Face } = await import('harfbuzzjs');
  const face = new Face(new Blob(await fontverter.convert(bytes, 'truetype')), 0);
  return [...face.collectUnicodes()].sort((a, b) => a - b);
}

export function sourceFontPath(face) {
  return path.join(root, 'node_modules', face.source);
}

async function main() {
  const { default: subsetFont } = await import('subset-font');
  const { common, more } = splitCharacters();
  fs.mkdirSync(FONT_DIR, { recursive: true });
  for (const face of FACES) {
    const source = fs.readFileSync(sourceFontPath(face));
    for (const [file, codePoints] of [
      [face.file, common],
      [face.more, more],
    ]) {
      const started = Date.now();
      const text = String.fromCodePoint(...codePoints);
      const out = await subsetFont(source, text, { targetFormat: 'woff2' });
      fs.writeFileSync(path.join(FONT_DIR, file), out);
      const ttf = await subsetFont(source, text, { targetFormat: 'truetype' });
      fs.writeFileSync(path.join(FONT_DIR, ttfOf(file)), ttf);
      console.log(
        `${file}: ${(out.length / 1e6).toFixed(2)} MB, ${ttfOf(file)}: ${(ttf.length / 1e6).toFixed(2)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  }
  const held = [];
  for (const face of FACES) held.push(await heldCharacters(fs.readFileSync(path.join(FONT_DIR, face.file))));
  fs.writeFileSync(FONT_CSS, fontCss(held));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
