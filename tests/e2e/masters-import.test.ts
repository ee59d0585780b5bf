/**
 * The 台帳's 取り込み screen in Chromium: a file with thousands of error rows, and a
 * file chosen again after the 台帳 or the data changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

const { tempDir, serve, open } = useApp();

/** The browser logs every refused operation (HTTP 409/422) as a console error; those are expected here. */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of (409|422) /.test(p));

function csvFile(name: string, lines: string[]): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('the 取り込み screen', () => {
  it('excludes every one of 2,100 error rows, shown or not, and imports the 10 good rows it shows', async () => {
    const file = csvFile('many-errors.csv', [
      '医療機関コード,名称,所在地,病床数',
      ...Array.from({ length: 10 }, (_, i) => `15200000${String(i).padStart(2, '0')},良い診療所${i},長岡市,`),
      ...Array.from({ length: 2100 }, (_, i) => `15300${String(i).padStart(5, '0')},悪い病院${i},長岡市,たくさん`),
    ]);
    const host = await serve();
    const { page, problems } = await open(`${host.url}#/masters/import`);
    await page.getByLabel('取り込む台帳').selectOption('institutions');
    await page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('新規 10変更 0変更なし 0エラー 2,100');
    expect(await page.getByRole('alert').first().textContent()).toContain('エラーのある行が 2,100 行あります');
    const table = page.getByRole('table', { name: '取り込み内容' });
    expect(await table.locator('tr', { hasText: '良い診療所9' }).count()).toBe(1);
    expect(
      await page
        .getByText(/全 2,110 行のうち、エラーの行の先頭 2,000 行と、ほかの行すべてを表示しています。表示していないエラーの行 100 行も/)
        .count(),
    ).toBe(1);

    await page.getByRole('button', { name: 'エラーの行をすべて除外' }).click();
    const commit = page.getByRole('button', { name: '10 件を取り込む' });
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();
    await page.getByText('取り込みました（新規 10・更新 0・除外 2,100）').waitFor();
    expect(unexpected(problems)).toEqual([]);
  });

  it('reads the file chosen again as the 台帳 chosen next, and the same file again after a commit', async () => {
    const file = csvFile('医療機関.csv', ['医療機関コード,名称,所在地', '1520000001,一番診療所,長岡市', '1520000002,二番診療所,長岡市']);
    const host = await serve();
    const { page, problems } = await open(`${host.url}#/masters/import`);
    await page.locator('input[type=file]').setInputFiles(file);
    // Read as 市区町村, the file lacks their columns.
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('必須の列がありません');

    await page.getByLabel('取り込む台帳').selectOption('institutions');
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('新規 2変更 0変更なし 0エラー 0');
    await page.getByRole('button', { name: '2 件を取り込む' }).click();
    await page.getByText('取り込みました（新規 2・更新 0・除外 0）').waitFor();
    await expect.poll(() => page.getByTestId('import-counts').count()).toBe(0);

    await page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('新規 0変更 0変更なし 2エラー 0');
    expect(unexpected(problems)).toEqual([]);
  });
});
