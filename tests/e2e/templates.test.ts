/**
 * 独自様式 from the 帳票 screen, on the demo prefecture behind the real
 * loopback host: the shipped 交付決定一覧 filled for 令和5年度 and saved, its
 * workbook read back (17 center rows, the layout kept); a 様式 with a wrong
 * placeholder refused naming sheet and cell, its corrected version
 * registered and filled for one center with the register's 文書番号.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

const app = useApp();

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A one-sheet workbook 「通知」 with the given cells. */
async function workbookOf(cells: Record<string, string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('通知');
  for (const [ref, value] of Object.entries(cells)) sheet.getCell(ref).value = value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readSheet(file: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets[0]!;
}

describe('独自様式 on the 帳票 screen', () => {
  it('fills the shipped 様式 for 令和5年度, refuses a wrong placeholder by sheet and cell, and fills a per-center one', async () => {
    const host = await app.serve(app.demoDbPath());
    const { page, problems } = await app.open(`${host.url}#/report/templates`);

    // The placeholder list shows what a cell may name, the register's 文書番号 among them.
    const vocabulary = page.getByRole('table', { name: '差し込み項目', exact: true });
    await vocabulary.getByText('{{文書番号}}', { exact: true }).waitFor();
    await vocabulary.getByText('{{宛先}}', { exact: true }).waitFor();

    const fill = page.getByRole('region', { name: '「交付決定一覧（見本）」に差し込む' });
    await fill.waitFor();
    expect(await fill.getByLabel('年度').inputValue()).toBe('2023');
    const download = page.waitForEvent('download');
    await fill.getByRole('button', { name: 'Excel に差し込んで保存' }).click();
    const listFile = path.join(app.tempDir(), 'list.xlsx');
    await (await download).saveAs(listFile);
    const list = await readSheet(listFile);
    expect(list.getCell('A1').value).toBe('令和5年度 在宅医療推進センター整備事業補助金 交付決定一覧');
    // One row per center from row 6, then the total; the template's merges, fonts and borders come along.
    expect(list.getCell('A6').value).toBe(1);
    expect(list.getCell('A22').value).toBe(17);
    expect(list.getCell('A23').value).toBe('合計（17センター）');
    expect(list.getCell('F23').value).toBe(84_483_000);
    expect(list.getCell('C22').isMerged).toBe(true);
    expect(list.getCell('B22').font?.name).toBe('ＭＳ 明朝');
    expect(list.getCell('F22').border?.bottom?.style).toBe('thin');
    expect(list.getCell('F22').numFmt).toBe('#,##0');

    // A placeholder the vocabulary has not: refused, naming the sheet and the cell.
    const form = page.getByRole('form', { name: '様式を登録' });
    const upload = async (cells: Record<string, string>) => {
      await form
        .getByLabel('ファイル（.xlsx）')
        .setInputFiles({ name: '独自通知.xlsx', mimeType: XLSX_MIME, buffer: await workbookOf(cells) });
      await form.getByRole('button', { name: '登録' }).click();
    };
    await upload({ A1: '{{文書番号}}', A3: '{{宛名}}' });
    const errors = form.getByRole('table', { name: '様式の誤り' });
    await errors.waitFor();
    expect((await errors.locator('tbody tr').first().textContent()) ?? '').toMatch(
      /^通知A3「\{\{宛名\}\}」の「宛名」は差し込み項目にありません/,
    );

    // Corrected: a per-center 様式, filled for 見附 once its 交付決定通知書 has a number from the register.
    await upload({ A1: '{{文書番号}}', A2: '{{和暦(通知日)}}', A3: '{{宛先}}', A4: '交付決定額 金{{金額(交付決定額)}}円' });
    await form.getByRole('status').filter({ hasText: '「独自通知」を第1版として登録しました' }).waitFor();
    // All centers' 交付決定通知書 as a workbook from the subsidy screen: the register numbers them.
    await page.goto(`${host.url}#/subsidy/2023`);
    const letters = page.getByRole('region', { name: '文書を作成' });
    await letters.getByLabel('文書', { exact: true }).selectOption('decision');
    await letters.getByLabel('文書の日付').fill('令和5年5月19日');
    await letters.getByLabel('文書の日付').press('Tab');
    const batch = page.waitForEvent('download', { timeout: 120_000 });
    await letters.getByRole('button', { name: 'Excel で作成' }).click();
    const batchFile = path.join(app.tempDir(), 'decisions.xlsx');
    await (await batch).saveAs(batchFile);
    const decisions = new ExcelJS.Workbook();
    await decisions.xlsx.readFile(batchFile);
    const numberOf = (center: string) => {
      for (const sheet of decisions.worksheets) {
        const values: string[] = [];
        sheet.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
        if (values.includes(center)) return values.find((v) => /^新医薬第\d+号$/.test(v));
      }
      return undefined;
    };
    const mitsukeNumber = numberOf('見附市在宅医療推進センター');
    expect(mitsukeNumber).toMatch(/^新医薬第\d+号$/);

    await page.goto(`${host.url}#/report/templates`);
    await page.getByRole('table', { name: '登録済みの様式' }).getByRole('button', { name: '独自通知' }).click();
    const own = page.getByRole('region', { name: '「独自通知」に差し込む' });
    await own.getByLabel('センター').selectOption({ label: '見附市在宅医療推進センター' });
    const second = page.waitForEvent('download');
    await own.getByRole('button', { name: 'Excel に差し込んで保存' }).click();
    const letterFile = path.join(app.tempDir(), 'letter.xlsx');
    await (await second).saveAs(letterFile);
    const letter = await readSheet(letterFile);
    expect(letter.getCell('A1').value).toBe(mitsukeNumber);
    expect(letter.getCell('A2').value).toBe('令和5年5月19日');
    expect(letter.getCell('A3').value).toBe('見附市南蒲原郡医師会長　様');
    expect(letter.getCell('A4').value).toBe('交付決定額 金4,453,000円');
    expect(fs.statSync(letterFile).size).toBeGreaterThan(0);
    // The one refused registration answers 422; nothing else went wrong on the page.
    expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
  }, 300_000);

  it('fills the version just registered, and refuses a 年度 without a 要綱 in Japanese', async () => {
    const host = await app.serve(app.demoDbPath());
    const { page, problems } = await app.open(`${host.url}#/report/templates`);
    const form = page.getByRole('form', { name: '様式を登録' });
    const register = async (cells: Record<string, string>, version: number) => {
      await form
        .getByLabel('ファイル（.xlsx）')
        .setInputFiles({ name: '版の確認.xlsx', mimeType: XLSX_MIME, buffer: await workbookOf(cells) });
      await form.getByRole('button', { name: '登録' }).click();
      await form
        .getByRole('status')
        .filter({ hasText: `「版の確認」を第${version}版として登録しました` })
        .waitFor();
    };
    await register({ A1: '第1版 {{年度}}', A2: '{{センター数}}' }, 1);
    await page.getByRole('table', { name: '登録済みの様式' }).getByRole('button', { name: '版の確認' }).click();
    const fill = page.getByRole('region', { name: '「版の確認」に差し込む' });
    expect(await fill.getByLabel('版', { exact: true }).inputValue()).toBe('1');

    // A second version registered while the first is on screen: the form now fills it.
    await register({ A1: '第2版 {{年度}}', A2: '{{センター数}}' }, 2);
    await fill.getByRole('table', { name: 'この様式の差し込み項目' }).getByText('差し込み項目（第2版）').waitFor();
    expect(await fill.getByLabel('版', { exact: true }).inputValue()).toBe('2');
    const download = page.waitForEvent('download');
    await fill.getByRole('button', { name: 'Excel に差し込んで保存' }).click();
    const file = path.join(app.tempDir(), 'v2.xlsx');
    await (await download).saveAs(file);
    expect((await readSheet(file)).getCell('A1').value).toBe('第2版 令和5年度');

    // 令和4年度 has no 補助金 要綱 in the demo: refused, as the built-in documents are, not filled blank.
    await fill.getByLabel('年度').selectOption('2022');
    await fill.getByRole('button', { name: 'Excel に差し込んで保存' }).click();
    await fill.getByRole('alert').filter({ hasText: '令和4年度の補助金の要綱がありません。年度を確かめてください。' }).waitFor();
    expect(problems.filter((p) => !p.includes('status of 404'))).toEqual([]);
  }, 300_000);
  it('names a 様式 after the file chosen last, unless the officer typed the name', async () => {
    const host = await app.serve(app.demoDbPath());
    const { page, problems } = await app.open(`${host.url}#/report/templates`);
    await page.setViewportSize({ width: 1366, height: 768 });
    const form = page.getByRole('form', { name: '様式を登録' });
    const file = form.getByLabel('ファイル（.xlsx）');
    const name = form.getByLabel('様式の名前');
    const choose = async (fileName: string, cells: Record<string, string>) =>
      file.setInputFiles({ name: fileName, mimeType: XLSX_MIME, buffer: await workbookOf(cells) });

    // A file refused, then another chosen: the name follows it, so it cannot become a version of the first.
    await choose('独自通知.xlsx', { A3: '{{宛名}}' });
    expect(await name.inputValue()).toBe('独自通知');
    await form.getByRole('button', { name: '登録' }).click();
    await form.getByRole('table', { name: '様式の誤り' }).waitFor();
    await choose('版の確認.xlsx', { A1: '{{年度}}' });
    expect(await name.inputValue()).toBe('版の確認');
    await form.getByRole('button', { name: '登録' }).click();
    await form.getByRole('status').filter({ hasText: '「版の確認」を第1版として登録しました' }).waitFor();
    await page.screenshot({ path: process.env.RENKEI_SHOT ?? '/tmp/templates-name.png' });

    // A name the officer typed stays when another file is chosen.
    await name.fill('独自様式');
    await choose('独自通知.xlsx', { A1: '{{年度}}' });
    expect(await name.inputValue()).toBe('独自様式');
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
  });
});
