// The PDF writer's fonts as an install has them beside the built core: one of the six files missing stops a print at
// once with which file and what to do (reinstall), in Japanese, rather than failing mid-print in English.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBundled } from '@tests/support/bundled';
import { tempDir } from '@tests/support/tmp';

const root = path.resolve(__dirname, '..', '..', '..', '..');

/** fonts.ts bundled alone into a folder outside the project, as in dist/core, with `files` of resources/fonts beside it in fonts/. */
async function probe(files: string[]): Promise<{ dir: string; out: unknown }> {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'fonts'));
  for (const file of files) fs.symlinkSync(path.join(root, 'resources', 'fonts', file), path.join(dir, 'fonts', file));
  const out = await runBundled(
    dir,
    `import { fontFile } from ${JSON.stringify(path.join(__dirname, 'fonts'))};
try { console.log(JSON.stringify({ glyphs: fontFile('sans', 0).numGlyphs > 0 })); }
catch (error) { console.log(JSON.stringify({ code: error.code, message: error.message })); }`,
  );
  return { dir, out: JSON.parse(out) };
}

const TTF = fs.readdirSync(path.join(root, 'resources', 'fonts')).filter((file) => file.endsWith('.ttf'));

describe('the fonts beside the built core', () => {
  it('are read when all six are there', async () => {
    expect(TTF).toHaveLength(6);
    expect((await probe(TTF)).out).toEqual({ glyphs: true });
  });

  it('one missing (the serif kanji file), stop the first print and name it, saying to reinstall the app', async () => {
    const { dir, out } = await probe(TTF.filter((file) => file !== 'noto-serif-jp-400-more.ttf'));
    expect(out).toEqual({
      code: 'unavailable',
      message: `PDF に使うフォントのファイル（noto-serif-jp-400-more.ttf）が「${path.join(dir, 'fonts')}」に見つからないため、PDF を作れません。アプリが正しく入っていない可能性があります。アプリを入れ直してから、もう一度お試しください。`,
    });
  });

  it('all missing, are said the same way, with no npm hint for an officer', async () => {
    const { out } = await probe([]);
    expect(out).toMatchObject({ code: 'unavailable' });
    expect((out as { message: string }).message).toMatch(/^PDF に使うフォントのファイル（noto-sans-jp-400\.ttf、.*）が見つからないため/);
    expect((out as { message: string }).message).not.toContain('npm');
  });
});
