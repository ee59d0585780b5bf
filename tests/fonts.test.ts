// The app's fonts (resources/fonts, made by scripts/fonts.mjs) hold every character they are meant to: each character
// of Windows' Shift_JIS, the symbol blocks and the app's own sources that Noto itself has, split in two files a face —
// the app's own text, and the other kanji — as the stylesheet declares them. A label written with a character the
// files lack would print in the system's fallback font, and one the first file lacks would fetch the second on every
// screen; this fails first and says to run the script.
import fs from 'node:fs';
import path from 'node:path';
import fontverter from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { FACES, FONT_CSS, FONT_DIR, fontCharacters, fontCss, sourceFontPath, splitCharacters } from '../scripts/fonts.mjs';

async function unicodesOf(bytes: Uint8Array): Promise<Set<number>> {
  const ttf = await fontverter.convert(bytes, 'truetype');
  const face = new Face(new Blob(ttf), 0);
  const unicodes = new Set(face.collectUnicodes());
  return unicodes;
}

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
    // The labels' kanji and kana in the first; JIS level 1 and 2, the NEC and IBM extensions in one or the other.
    for (const ch of '連携医療機関台帳基金補助金ｱ～－〒※㋿①⑳Ⅰ㈱㍻')
      expect(first.has(ch.codePointAt(0)!), hex(ch.codePointAt(0)!)).toBe(true);
    for (const ch of '亜腕弌熙髙﨑')
      expect(first.has(ch.codePointAt(0)!) || second.has(ch.codePointAt(0)!), hex(ch.codePointAt(0)!)).toBe(true);
    // Cut to the set (the source has about 17,000 characters); the first file the smaller.
    expect(first.size + second.size).toBeLessThan(10_500);
    expect(first.size + second.size).toBeGreaterThan(8_000);
    expect(first.size).toBeLessThan(second.size);
  });

  it('are the faces the stylesheet declares, as the script writes it', () => {
    const css = fs.readFileSync(FONT_CSS, 'utf8');
    expect(css, 'run node scripts/fonts.mjs: renderer/src/styles/fonts.css is not what it writes').toBe(fontCss(common));
    const urls = [...css.matchAll(/url\('[^']*\/resources\/fonts\/([^']+)'\)/g)].map((m) => m[1]);
    const files = FACES.flatMap((face) => [face.more, face.file]);
    expect(urls).toEqual(files);
    expect(fs.readdirSync(FONT_DIR).sort()).toEqual([...files].sort());
    // Each face's first file is declared after its -more file, with the app's own text as its range: tried first.
    expect(css.match(/unicode-range:/g)).toHaveLength(FACES.length);
  });
});
