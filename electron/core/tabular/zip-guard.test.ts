/**
 * Zip bombs and other workbooks too large to read, built for real in the
 * test: a sheet of hundreds of MB of repeated bytes deflated to a few KB, in
 * a workbook exceljs wrote, with sizes declared honestly or falsely — each
 * refused with a message naming the file and the limit, before the Excel
 * reader is ever asked to build it. And the large files that must still go
 * in: the national institution list, a 100,000-row table, formulas.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RenkeiError } from '@shared/contract';
import { readTable } from './read';
import { checkWorkbook, WORKBOOK_LIMITS, zipEntries } from './zip-guard';

const MB = 1024 * 1024;

interface Part {
  name: string;
  /** The bytes as stored in the zip (deflated unless method is 0). */
  stored: Buffer;
  method: 0 | 8;
  /** The unpacked size written into the headers — the truth, or a lie. */
  declared: number;
  crc: number;
}

/**
 * `times` copies of `unit`, deflated without ever holding them: each copy is
 * compressed from a fresh state up to a full flush, so the same few bytes
 * repeated are a valid deflate stream of the whole.
 */
function deflatedRepeat(unit: Buffer, times: number): Buffer {
  const block = zlib.deflateRawSync(unit, { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 });
  return Buffer.concat([...Array.from({ length: times }, () => block), zlib.deflateRawSync(Buffer.alloc(0))]);
}

/** A zip written by hand, so its headers say exactly what the test wants. */
function writeZip(parts: readonly Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(part.stored.length, 18);
    local.writeUInt32LE(part.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt32LE(part.crc, 16);
    central.writeUInt32LE(part.stored.length, 20);
    central.writeUInt32LE(part.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.stored);
    centrals.push(central, name);
    offset += 30 + name.length + part.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a workbook exceljs wrote, inflated, to build others from. */
async function workbookParts(sheets: number): Promise<Part[]> {
  const workbook = new ExcelJS.Workbook();
  for (let i = 1; i <= sheets; i++) workbook.addWorksheet(`Sheet${i}`).addRow(['番号', '施設名']);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return zipEntries(bytes)!.map((entry) => {
    const start = entry.headerOffset + 30 + bytes.readUInt16LE(entry.headerOffset + 26) + bytes.readUInt16LE(entry.headerOffset + 28);
    const stored = bytes.subarray(start, start + entry.compressedSize);
    const plain = entry.method === 8 ? zlib.inflateRawSync(stored) : stored;
    return { name: entry.name, stored, method: entry.method as 0 | 8, declared: plain.length, crc: zlib.crc32(plain) };
  });
}

/** A sheet's XML: the opening as exceljs writes it, then `times` × `unit` (declared as `declared`, by default the truth). */
function bombSheet(name: string, unit: string, times: number, declared?: number): Part {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const unitBytes = Buffer.from(unit);
  // The head as its own full-flushed block, then the repeated unit.
  const stored = Buffer.concat([zlib.deflateRawSync(head, { finishFlush: zlib.constants.Z_FULL_FLUSH }), deflatedRepeat(unitBytes, times)]);
  return { name, stored, method: 8, declared: declared ?? head.length + unitBytes.length * times, crc: 0 };
}

/** Spies on exceljs building a workbook, to show the refusal came first. */
function excelReads() {
  return vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RenkeiError);
  expect((error as RenkeiError).code).toBe('bad_request');
  return (error as RenkeiError).message;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('workbooks over the limits', () => {
  it('refuses the 2.4 MB workbook of six 400 MB sheets from its declared sizes, unpacking nothing', async () => {
    const parts = (await workbookParts(6)).map((part) => {
      const sheet = /^xl\/worksheets\/(sheet\d+)\.xml$/.exec(part.name);
      return sheet ? bombSheet(part.name, ' '.repeat(MB), 400) : part;
    });
    const bytes = writeZip(parts);
    expect(bytes.length).toBeLessThan(3 * MB);
    const reads = excelReads();
    const progress = vi.fn();

    const message = await refusal(checkWorkbook(bytes, '施設一覧.xlsx', { onProgress: progress }));
    expect(message).toBe(
      'ファイル「施設一覧.xlsx」は展開すると 2.3 GB になり、取り込める大きさ（300 MB）を超えるため取り込めません。シートを分けるか、不要なシートを削除してから保存し直してください。',
    );
    expect(progress).not.toHaveBeenCalled();
    expect(await refusal(readTable(bytes, '施設一覧.xlsx'))).toBe(message);
    expect(reads).not.toHaveBeenCalled();
  });

  it('refuses one sheet over the per-sheet limit', async () => {
    const parts = (await workbookParts(1)).map((part) =>
      part.name === 'xl/worksheets/sheet1.xml' ? bombSheet(part.name, ' '.repeat(MB), 250) : part,
    );
    const reads = excelReads();
    expect(await refusal(readTable(writeZip(parts), '大きい.xlsx'))).toContain(
      'ファイル「大きい.xlsx」は展開すると1つのシートが 250 MB になり、取り込める大きさ（1シート 200 MB）を超える',
    );
    expect(reads).not.toHaveBeenCalled();
  });

  it('refuses a sheet whose headers lie about its size as soon as it outgrows them, never unpacking it all', async () => {
    // 4 GB of spaces that say they are 1 KB: holding them would be past what a Buffer can be.
    const parts = (await workbookParts(1)).map((part) =>
      part.name === 'xl/worksheets/sheet1.xml' ? bombSheet(part.name, ' '.repeat(MB), 4095, 1024) : part,
    );
    const bytes = writeZip(parts);
    const reads = excelReads();
    const message = await refusal(readTable(bytes, '細工.xlsx'));
    expect(message).toBe(
      'ファイル「細工.xlsx」は中身が記録された大きさと違うため取り込めません（壊れているか、細工されたファイルです）。Excel で開けるなら「Excel ブック（.xlsx）」として保存し直してください。心当たりのないファイルは開かずに削除してください。',
    );
    expect(reads).not.toHaveBeenCalled();
  });

  it('refuses more cells than one import takes, counting them while unpacking', async () => {
    const cells = WORKBOOK_LIMITS.cells + 1000;
    // 1,000 cells per unit: <c r="A1"><v>1</v></c>, as small as a sheet's cell gets.
    const parts = (await workbookParts(1)).map((part) =>
      part.name === 'xl/worksheets/sheet1.xml' ? bombSheet(part.name, '<c r="A1"><v>1</v></c>'.repeat(1000), cells / 1000) : part,
    );
    const reads = excelReads();
    expect(await refusal(readTable(writeZip(parts), 'セル.xlsx'))).toBe(
      'ファイル「セル.xlsx」はセルが 3,000,000 個を超え、一度に取り込める数を超えるため取り込めません。行をいくつかのファイルに分けて取り込むか、不要なシートや列を削除してから保存し直してください。',
    );
    expect(reads).not.toHaveBeenCalled();
  });

  it('refuses a zip of more parts than a workbook has', async () => {
    const parts = await workbookParts(1);
    const extra = Array.from(
      { length: WORKBOOK_LIMITS.entries },
      (_, i): Part => ({ name: `xl/media/image${i}.png`, stored: Buffer.from('x'), method: 0, declared: 1, crc: zlib.crc32('x') }),
    );
    expect(await refusal(readTable(writeZip([...parts, ...extra]), '画像.xlsx'))).toContain(
      `ファイル「画像.xlsx」はブックの中の部品（シート・画像など）が ${(parts.length + extra.length).toLocaleString('en-US')} 個あり、取り込める数（1,000 個）を超える`,
    );
  });

  it('refuses a CSV of more cells than one import takes', async () => {
    const line = `${Array.from({ length: 30 }, (_, i) => i).join(',')}\r\n`;
    const text = line.repeat(WORKBOOK_LIMITS.cells / 30 + 1);
    expect(await refusal(readTable(Buffer.from(text), '大量.csv'))).toContain('ファイル「大量.csv」はセルが 3,000,000 個を超え');
  });
});

describe('files the guard lets through to the reader', () => {
  it('lets a workbook with a formula cell through, its cells counted, and reads the formula result', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('施設');
    sheet.addRow(['番号', '施設名', '病床数', '合計']);
    sheet.addRow([1, '○○病院', 120, { formula: 'A2+C2', result: 121 }]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await checkWorkbook(bytes, '施設.xlsx')).toEqual({ cells: 8 });
    const table = await readTable(bytes, '施設.xlsx');
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['1', '○○病院', '120', '121'] }]);
  });

  it('tells a zip that is not a workbook, a damaged one and a CSV named .xlsx apart', async () => {
    expect(await refusal(readTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), '壊れた.xlsx'))).toContain(
      '「壊れた.xlsx」は Excel ブック（.xlsx）として読めません',
    );
    const csv = await readTable(Buffer.from('番号,施設名\r\n1,○○病院\r\n'), '名前だけ.xlsx');
    expect(csv).toMatchObject({ format: 'csv', header: ['番号', '施設名'], rows: [{ rowNumber: 2, cells: ['1', '○○病院'] }] });
  });

  it('admits the national list of medical institutions (97,024 rows)', async () => {
    const zip = fs.readFileSync(path.resolve(__dirname, '../../../../shared/reference/data/med-inst/all_med_inst_cd-202508.zip'));
    const [entry] = zipEntries(zip)!;
    const start = entry!.headerOffset + 30 + zip.readUInt16LE(entry!.headerOffset + 26) + zip.readUInt16LE(entry!.headerOffset + 28);
    const csv = zlib.inflateRawSync(zip.subarray(start, start + entry!.compressedSize));
    // The file has no header row: the first institution is read as one.
    const table = await readTable(csv, 'all_med_inst_cd.csv');
    expect(table.rows).toHaveLength(97_023);
    expect(table.header[0]).toBe('010112489');
  });
});
