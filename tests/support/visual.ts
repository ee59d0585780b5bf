/**
 * A page of a PDF as a picture, compared with a stored reference: pdftoppm
 * (poppler-utils) draws it, pixelmatch counts the pixels that differ. A
 * layout change moves thousands of pixels; a different timestamp, a few.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const REFERENCE_DIR = path.resolve(__dirname, '..', 'reference', 'reports');

/** Page `page` (1-based) of the PDF at 40 dpi, as a PNG. */
export function pagePng(pdfFile: string, page: number): PNG {
  const prefix = `${pdfFile}-p${page}`;
  const run = spawnSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), '-png', '-singlefile', pdfFile, prefix]);
  if (run.status !== 0) throw new Error(`pdftoppm failed (apt-get install poppler-utils): ${run.stderr?.toString() ?? run.error?.message}`);
  return PNG.sync.read(fs.readFileSync(`${prefix}.png`));
}

export interface VisualDiff {
  /** Share of pixels that differ, 0–1; 1 when the sizes differ. */
  ratio: number;
  reference: string;
}

/**
 * Compares with tests/reference/reports/<name>.png. With RENKEI_UPDATE_REFERENCE=1
 * it writes the reference instead (look at it before committing it).
 */
export function compareWithReference(name: string, actual: PNG): VisualDiff {
  const reference = path.join(REFERENCE_DIR, `${name}.png`);
  if (process.env.RENKEI_UPDATE_REFERENCE === '1') {
    if (process.env.CI) throw new Error('RENKEI_UPDATE_REFERENCE は CI では使えません（参照画像を書き換えると比較になりません）');
    fs.mkdirSync(REFERENCE_DIR, { recursive: true });
    fs.writeFileSync(reference, PNG.sync.write(actual));
  }
  if (!fs.existsSync(reference))
    throw new Error(`参照画像がありません: ${reference}（RENKEI_UPDATE_REFERENCE=1 で作成し、目で確かめてから登録してください）`);
  const expected = PNG.sync.read(fs.readFileSync(reference));
  if (expected.width !== actual.width || expected.height !== actual.height) return { ratio: 1, reference };
  const differing = pixelmatch(expected.data, actual.data, undefined, actual.width, actual.height, { threshold: 0.1 });
  return { ratio: differing / (actual.width * actual.height), reference };
}
