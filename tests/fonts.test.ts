// The app's fonts (resources/fonts, made by scripts/fonts.mjs) hold every character they are meant to: each character
// of Windows' Shift_JIS, the symbol blocks and the app's own sources that Noto itself has, split in two files a face —
// the app's own text, and the other kanji — as the stylesheet declares them. A label written with a character the
// files lack would print in the system's fallback font, and one the first file lacks would fetch the second on every
// screen; this fails first and says to run the script.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FACES,
  FONT_CSS,
  FONT_DIR,
  fontCharacters,
  fontCss,
  heldCharacters,
  isKanji,
  sourceFontPath,
  splitCharacters,
  ttfOf,
} from '../scripts/fonts.mjs';

const unicodesOf = async (bytes: Uint8Array) => new Set(await heldCharacters(bytes));
/** Whether a unicode-range's text (`U+20-7E, U+A0`) holds `cp`. */
const inRange = (range: string, cp: number) =>
  range.split(', ').some((part) => {
    const [from, to] = part
      .replace('U+', '')
      .split('-')
      .map((h) => Number.parseInt(h, 16));
    return cp >= from! && cp <= (to ?? from!);
  });

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(cp)}`;

describe('the app fonts', () => {
  const wanted = fontCharacters();
  const { common, more } = splitCharacters();

  it.each(FACES)('$file and its -more file hold every wanted character its source font has, each its own half', async (face) => {
    const first = await unicodesOf(fs.readFileSync(path.join(FONT_DIR, face.file)));
    const second = await unicodesOf(fs.readFileSync(path.join(FONT_DIR, face.more)));
    const source = await unicodesOf(fs.readFileSync(sourceFontPath(face)));
    const missing = [...wanted].filter((cp) => source.has(cp) && !first.has(cp) && !second.has(cp));
    expect(missing.map(hex), `run node scripts/fonts.mjs: ${face.file} lacks characters`).toEqual([]);
    // The app's own text is in the first file (what every screen loads), the other kanji only in the second.
    const commonSet = new Set(common);
    expect(common.filter((cp) => source.has(cp) && !first.has(cp)).map(hex), `run node scripts/fonts.mjs: ${face.file}`).toEqual([]);
    expect(more.filter((cp) => source.has(cp) && !second.has(cp)).map(hex), `run node scripts/fonts.mjs: ${face.more}`).toEqual([]);
    expect([...second].filter((cp) => commonSet.has(cp) && cp > 0x7e).map(hex)).toEqual([]);
    // No kanji of the -more half in the first file (every screen would carry it).
    const moreSet = new Set(more);
    expect([...first].filter((cp) => moreSet.has(cp)).map(hex)).toEqual([]);
    // The -more file holds kanji only: the stylesheet declares it for the kanji blocks alone.
    expect([...second].filter((cp) => !isKanji(cp) && cp > 0x20).map(hex)).toEqual([]);
    // The labels' kanji and kana in the first; JIS level 1 and 2, the NEC and IBM extensions in one or the other.
    for (const ch of '連携医療機関台帳基金補助金ｱ～－〒※㋿①⑳Ⅰ㈱㍻')
      expect(first.has(ch.codePointAt(0)!), hex(ch.codePointAt(0)!)).toBe(true);
    // The 常用漢字 of 2010 beyond Shift_JIS and the names' kanji of JIS X 0213, which the PDF has no system font for.
    for (const ch of '亜腕弌熙髙﨑剝頰塡𠮟鷗𩸽𪚲')
      expect(first.has(ch.codePointAt(0)!) || second.has(ch.codePointAt(0)!), hex(ch.codePointAt(0)!)).toBe(true);
    // Cut to the set (the source has about 17,000 characters); the first file the smaller.
    expect(first.size + second.size).toBeLessThan(12_500);
    expect(first.size + second.size).toBeGreaterThan(8_000);
    expect(first.size).toBeLessThan(second.size);
    // The PDF writer's TrueType twins hold the same characters, so a PDF draws what the print page draws.
    expect(await unicodesOf(fs.readFileSync(path.join(FONT_DIR, ttfOf(face.file))))).toEqual(first);
    expect(await unicodesOf(fs.readFileSync(path.join(FONT_DIR, ttfOf(face.more))))).toEqual(second);
  });

  it('are the faces the stylesheet declares: each first file for exactly what it holds, after its -more file for the kanji', async () => {
    const css = fs.readFileSync(FONT_CSS, 'utf8');
    // One at a time (heldCharacters).
    const held: number[][] = [];
    for (const face of FACES) held.push(await heldCharacters(fs.readFileSync(path.join(FONT_DIR, face.file))));
    expect(css, 'run node scripts/fonts.mjs: renderer/src/styles/fonts.css is not what it writes').toBe(fontCss(held));
    const faces = [...css.matchAll(/url\('[^']*\/resources\/fonts\/([^']+)'\) format\('woff2'\);\n {2}unicode-range: ([^;]+);/g)];
    const files = FACES.flatMap((face) => [face.more, face.file]);
    // Declared in this order: of two faces whose ranges overlap, the later is tried first (CSS Fonts 4, 4.5).
    expect(faces.map((m) => m[1])).toEqual(files);
    expect(fs.readdirSync(FONT_DIR).sort()).toEqual([...files, ...files.map(ttfOf)].sort());
    for (const [i, face] of FACES.entries()) {
      // The -more face's range holds its whole file and nothing but kanji: no letter, kana or mark fetches it.
      const moreRange = faces[2 * i]![2]!;
      const second = await heldCharacters(fs.readFileSync(path.join(FONT_DIR, face.more)));
      expect(second.filter((cp) => cp > 0x20 && !inRange(moreRange, cp)).map(hex)).toEqual([]);
      for (const ch of 'Aあア・✕✔ō') expect(inRange(moreRange, ch.codePointAt(0)!), hex(ch.codePointAt(0)!)).toBe(false);
      // Nothing the first file lacks is in its range (it would fetch the -more file in vain, or draw nothing).
      const range = faces[2 * i + 1]![2]!.split(', ').flatMap((part) => {
        const [from, to] = part
          .replace('U+', '')
          .split('-')
          .map((h) => Number.parseInt(h, 16));
        return Array.from({ length: (to ?? from!) - from! + 1 }, (_, k) => from! + k);
      });
      expect(range, face.file).toEqual(held[i]);
      expect(range).toContain('連'.codePointAt(0));
    }
  });
});
