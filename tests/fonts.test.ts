// The app's fonts (resources/fonts, made by scripts/fonts.mjs) hold every character they are meant to: each character
// of Windows' Shift_JIS, the symbol blocks and the app's own sources that Noto itself has. A label written with a
// character the files lack would print in the system's fallback font; this fails first and says to run the script.
import fs from 'node:fs';
import path from 'node:path';
import fontverter from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { FACES, FONT_DIR, fontCharacters, sourceFontPath } from '../scripts/fonts.mjs';

async function unicodesOf(bytes: Uint8Array): Promise<Set<number>> {
  const ttf = await fontverter.convert(bytes, 'truetype');
  const face = new Face(new Blob(ttf), 0);
  const unicodes = new Set(face.collectUnicodes());
  return unicodes;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(cp)}`;

describe('the app fonts', () => {
  const wanted = fontCharacters();

  it.each(FACES)('$file holds every wanted character its source font has', async (face) => {
    const made = await unicodesOf(fs.readFileSync(path.join(FONT_DIR, face.file)));
    const source = await unicodesOf(fs.readFileSync(sourceFontPath(face)));
    const missing = [...wanted].filter((cp) => source.has(cp) && !made.has(cp));
    expect(missing.map(hex), `run node scripts/fonts.mjs: ${face.file} lacks characters`).toEqual([]);
    // Cut to the set (the source has about 17,000 characters); a character the sources no longer write may stay.
    expect(made.size).toBeLessThan(10_000);
    // JIS level 1 and 2, the NEC and IBM extensions (①, ㈱, 髙, 﨑), kana, full-width forms and the era sign.
    for (const ch of '連携亜腕弌熙①⑳Ⅰ㈱㍻髙﨑ｱ～－〒※㋿') expect(made.has(ch.codePointAt(0)!), hex(ch.codePointAt(0)!)).toBe(true);
    expect(made.size).toBeGreaterThan(8_000);
  });

  it('are the faces the stylesheet declares, one file per face', () => {
    const css = fs.readFileSync(path.join(import.meta.dirname, '../renderer/src/styles/fonts.css'), 'utf8');
    const urls = [...css.matchAll(/url\('[^']*\/resources\/fonts\/([^']+)'\)/g)].map((m) => m[1]);
    expect(urls.sort()).toEqual(FACES.map((face) => face.file).sort());
    expect(fs.readdirSync(FONT_DIR).sort()).toEqual(FACES.map((face) => face.file).sort());
  });
});
