/**
 * The 台帳's 取り込み screen in Chromium: a file with thousands of error rows, a
 * file chosen again after the 台帳 or the data changed, rows excluded one
 * by one and all at once, and 中止 while a large file's rows are checked.
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

  it('takes only 熊本県’s 50 rows of the national municipality list when asked, the other 1,866 excluded', async () => {
    const national = path.resolve(__dirname, '../../../shared/reference/data/localgovjp/localgovjp-utf8.csv');
    const host = await serve();
    await host.call('masters.prefecture.save', { code: '43', name: '熊本県', version: 0 });
    const { page, problems } = await open(`${host.url}#/masters/import`);
    await page.locator('input[type=file]').setInputFiles(national);
    const counts = page.getByTestId('import-counts');
    await expect.poll(() => counts.textContent()).toBe('新規 1,916変更 0変更なし 0エラー 0');
    const ownOnly = page.getByLabel('熊本県の行だけを取り込む（他の都道府県の 1,866 行は除外）');
    expect(await ownOnly.isChecked()).toBe(false);

    await ownOnly.check();
    await expect.poll(() => counts.textContent()).toBe('新規 50変更 0変更なし 0エラー 0除外（熊本県以外） 1,866');
    await page.getByText('熊本県以外の行 1,866 行は取り込みません（2行目（札幌市）、').waitFor();
    expect(await page.getByLabel('熊本県の行だけを取り込む（他の都道府県の 1,866 行は除外）').isChecked()).toBe(true);
    // A row ticked to leave out stays left out when the other prefectures' rows are taken and left out again.
    await page.getByLabel('1740行目を除外').check();
    await page.getByRole('button', { name: '49 件を取り込む' }).waitFor();
    await ownOnly.uncheck();
    await expect.poll(() => counts.textContent()).toBe('新規 1,916変更 0変更なし 0エラー 0');
    await ownOnly.check();
    await expect.poll(() => counts.textContent()).toBe('新規 50変更 0変更なし 0エラー 0除外（熊本県以外） 1,866');
    expect(await page.getByLabel('1740行目を除外').isChecked()).toBe(true);
    await page.getByRole('button', { name: '49 件を取り込む' }).click();
    await page.getByText('取り込みました（新規 49・更新 0・除外 1,867）').waitFor();
    const taken = await host.call('masters.municipalities.list', {});
    expect(taken.map((m: { code: string }) => m.code.slice(0, 2))).toEqual(Array(49).fill('43'));
    expect(taken.some((m: { name: string }) => m.name === '熊本市')).toBe(false);
    expect(unexpected(problems)).toEqual([]);
  });

  it('stops checking a large file at 中止 and says nothing was written', async () => {
    const file = csvFile('全国.csv', [
      '医療機関コード,名称,所在地',
      // Long enough that its check outlasts a few of the screen's questions about progress on a fast or a busy machine.
      ...Array.from({ length: 240_000 }, (_, i) => `15${String(10_000_000 + i)},医療機関${i},新潟市中央区${i}番地`),
    ]);
    const host = await serve();
    const { page, problems } = await open(`${host.url}#/masters/import`);
    await page.getByLabel('取り込む台帳').selectOption('institutions');
    await page.locator('input[type=file]').setInputFiles(file);
    const progress = page.getByRole('status', { name: '処理の進み具合' });
    await expect.poll(() => progress.textContent(), { timeout: 90_000 }).toMatch(/内容を確かめています…（[1-9]\d*%）/);
    await progress.getByRole('button', { name: '中止' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('中止しました。何も書き込んでいません。');
    expect(await page.getByTestId('import-counts').count()).toBe(0);
    expect(await host.call('masters.institutions.list', {})).toMatchObject({ total: 0 });
    expect(unexpected(problems)).toEqual([]);
  }, 120_000);

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

  it('takes the second of two rows for one code once the first is excluded, and adds the error rows to what is excluded', async () => {
    const file = csvFile('市町村.csv', ['団体コード,市区町村名', '151009,新潟市', '152021,長岡市', '152021,新長岡市', '151008,間違い市']);
    const host = await serve();
    const { page, problems } = await open(`${host.url}#/masters/import`);
    await page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('新規 2変更 0変更なし 0エラー 2');
    const table = page.getByRole('table', { name: '取り込み内容' });
    // An error row says what it is called, as the file writes it.
    expect(await table.locator('tr', { hasText: '151008' }).locator('td').nth(3).textContent()).toBe('間違い市');

    await page.getByLabel('3行目を除外', { exact: true }).check();
    expect(await table.locator('tr', { hasText: '新長岡市' }).textContent()).toContain('3行目を除外したので、この行を取り込みます');
    expect(await page.getByText('除外していないエラーの行が 1 行あります').count()).toBe(1);

    await page.getByRole('button', { name: 'エラーの行をすべて除外' }).click();
    expect(await page.getByLabel('3行目を除外', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('4行目を除外', { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel('5行目を除外', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '2 件を取り込む' }).click();
    await page.getByText('取り込みました（新規 2・更新 0・除外 2）').waitFor();

    await page.goto(`${host.url}#/masters/municipalities`);
    await expect.poll(() => page.getByTestId('municipality-count').textContent()).toBe('2 件');
    expect(await page.getByText('新長岡市').count()).toBe(1);
    expect(unexpected(problems)).toEqual([]);
  });
});
