/**
 * 医師会とのファイルのやり取り in Chromium against the demo prefecture: 佐渡医師会's
 * 令和5年度 申請・報告 written from the year page and read back through the
 * preview (unchanged as sent; an application already decided, changed in its
 * yellow cell, refused with the reason), and the decisions sent back read the
 * same way.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

const { demoDbPath, serve, open } = useApp();

async function downloaded(page: Page, button: string): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return fs.readFileSync(await (await download).path());
}

describe('補助金 by file in Chromium', () => {
  it('sends 佐渡医師会’s applications and the decisions back, each previewed per center', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/subsidy/2023`);
    await page.getByRole('button', { name: '医師会とのファイルのやり取り' }).click();
    const panel = page.getByRole('region', { name: '令和5年度 医師会とのファイルのやり取り' });
    await panel.getByLabel('医師会', { exact: true }).selectOption({ label: '佐渡医師会' });

    const sent = await downloaded(page, '県へ送る申請・報告（Excel）');
    await panel.getByLabel('医師会から届いた申請・報告（県で取り込む）').setInputFiles({
      name: '佐渡_申請・報告.xlsx',
      mimeType: 'application/octet-stream',
      buffer: sent,
    });
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('新規 0変更 0変更なし 1エラー 0');
    expect(await page.getByRole('table', { name: '取り込み内容' }).textContent()).toContain('佐渡市在宅医療推進センター');

    // The 交付申請's 対象経費 (its row is the first, column F) rewritten after the prefecture decided it.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(sent).buffer);
    book.getWorksheet('申請・報告')!.getCell('F5').value = 4_000_000;
    await panel.getByLabel('医師会から届いた申請・報告（県で取り込む）').setInputFiles({
      name: '佐渡_申請・報告_修正.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toBe('新規 0変更 0変更なし 0エラー 1');
    expect(await page.getByRole('table', { name: '取り込み内容' }).textContent()).toContain('県ではすでに交付決定（令和5年5月');

    const back = await downloaded(page, '医師会へ返す決定（Excel）');
    await panel.getByLabel('県から届いた決定（医師会で取り込む）').setInputFiles({
      name: '佐渡_決定.xlsx',
      mimeType: 'application/octet-stream',
      buffer: back,
    });
    await expect.poll(() => page.getByTestId('import-counts').last().textContent()).toBe('新規 0変更 0変更なし 1エラー 0');
    expect(problems).toEqual([]);
  });
});
