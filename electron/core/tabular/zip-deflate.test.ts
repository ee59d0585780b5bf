/**
 * deflateStoredZip: a workbook written stored comes out deflated by zlib, as small as exceljs's own, and opens
 * as the same workbook — in exceljs, in our reader, and in `unzip -t`, which checks every part's CRC.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { readTable } from './read';
import { workbookBytes } from './write';
import { deflateStoredZip } from './zip-deflate';
import { zipEntries } from './zip-guard';

/** A sheet of the demo's kind: 300 centers with their names, places and amounts. */
function workbook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('交付決定一覧');
  sheet.addRow(['センター', '市町村', '交付決定額（円）']);
  for (let i = 1; i <= 300; i += 1) sheet.addRow([`在宅医療推進センター 第${i}`, i % 2 ? '新潟市' : '長岡市', 1_234_000 + i]);
  return book;
}

describe('a stored workbook deflated natively', () => {
  it('is deflated part by part, as small as exceljs deflates it, and reads back the same', async () => {
    const stored = Buffer.from(await workbook().xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
    const own = Buffer.from(await workbook().xlsx.writeBuffer());
    const bytes = deflateStoredZip(stored);
    expect(zipEntries(stored)!.every((e) => e.method === 0)).toBe(true);
    expect(zipEntries(bytes)!.map((e) => [e.name, e.method])).toEqual(zipEntries(stored)!.map((e) => [e.name, 8]));
    expect(bytes.length).toBeLessThan(stored.length / 3);
    expect(bytes.length).toBeLessThan(own.length * 1.1);

    const table = await readTable(bytes, '交付決定一覧.xlsx');
    expect(table.header).toEqual(['センター', '市町村', '交付決定額（円）']);
    expect(table.rows.length).toBe(300);
    expect(table.rows.at(299)!.cells).toEqual(['在宅医療推進センター 第300', '長岡市', '1234300']);

    const dir = tempDir('zip-deflate');
    const file = path.join(dir, 'book.xlsx');
    fs.writeFileSync(file, bytes);
    const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(test.stdout).toContain('No errors detected');
  });

  it('is what workbookBytes gives for every workbook the app writes', async () => {
    const bytes = await workbookBytes(workbook());
    expect(zipEntries(bytes)!.every((e) => e.method === 8)).toBe(true);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(again.getWorksheet('交付決定一覧')!.getCell('C301').value).toBe(1_234_300);
  });
});
