/** The public reference files tests read, kept beside the repository (shared/reference): where they are, and their rows. */
import fs from 'node:fs';
import path from 'node:path';

/** The real national list of 全国地方公共団体コード (localgovjp, UTF-8 with BOM, 1,916 rows). */
export const NATIONAL_LIST = path.resolve(__dirname, '../../../shared/reference/data/localgovjp/localgovjp-utf8.csv');

/**
 * The national list's rows as cells, its header left out: pid, pref, cid, city, citykana, lat, lng, url, phrase, lgcode.
 * @example nationalListRows().filter((cells) => cells[1] === '新潟県') // 新潟県's 38 rows
 */
export function nationalListRows(): string[][] {
  return fs
    .readFileSync(NATIONAL_LIST, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(','));
}
