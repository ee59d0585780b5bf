/**
 * readTable against the files users bring: the real Shift_JIS and UTF-8 lists
 * of municipalities, CSV as Excel writes it, workbooks with merges, formulas
 * and dates, broken and foreign files, and 100,000-row files.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { RenkeiError } from '@shared/contract';
import { tempDir } from '@tests/support/tmp';
import { columnLetter, excelSerialToIsoDate, numberText, readTable } from './read';

const REFERENCE = path.resolve(__dirname, '../../../../shared/reference/data/localgovjp');
const SJIS_FILE = path.join(REFERENCE, 'localgovjp-20200104-sjis.csv');
const UTF8_FILE = path.join(REFERENCE, 'localgovjp-utf8.csv');

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The error readTable stops with; fails the test if it reads the file instead. */
async function failure(bytes: Uint8Array, fileName: string, options?: { sheet?: string }): Promise<RenkeiError> {
  const outcome = await readTable(bytes, fileName, options).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(RenkeiError);
  expect((outcome as RenkeiError).code).toBe('bad_request');
  return outcome as RenkeiError;
}

/** A workbook built by `fill`, saved to a temp folder as a user's file would be, and its bytes. */
async function workbookFile(fill: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  const file = path.join(tempDir(), 'book.xlsx');
  await workbook.xlsx.writeFile(file);
  return fs.readFileSync(file);
}

/**
 * CP932 bytes of a text. Node has no Shift_JIS encoder, so the table comes
 * from decoding every double-byte code with the decoder under test's sibling.
 */
function encodeCp932(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('shift_jis');
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0xff61 && code <= 0xff9f)
      bytes.push(code - 0xff61 + 0xa1); // half-width katakana
    else bytes.push(...(table.get(ch) ?? []));
  }
  return Uint8Array.from(bytes);
}

describe('CSV files', () => {
  it('reads the real Shift_JIS list of municipalities', async () => {
    const table = await readTable(fs.readFileSync(SJIS_FILE), 'localgovjp-20200104-sjis.csv');
    expect(table).toMatchObject({ format: 'csv', encoding: 'shift_jis', sheetName: null, headerRowNumber: 1 });
    expect(table.header).toEqual(['pid', 'pref', 'cid', 'city', 'citykana', 'lat', 'lng', 'url', 'phrase']);
    expect(table.rows).toHaveLength(1916);
    expect(table.rows.find((row) => row.cells[1] === '新潟県' && row.cells[3] === '新潟市')).toEqual({
      rowNumber: 783,
      cells: [
        '15',
        '新潟県',
        '15100',
        '新潟市',
        'にいがたし',
        '37.91611111',
        '139.0363889',
        'https://www.city.niigata.lg.jp/',
        'みなとまち。みらいまち。新潟市',
      ],
    });
    expect(table.rows.filter((row) => row.cells[1] === '新潟県')).toHaveLength(38);
    // A full-width space inside a cell is kept; only the ends are trimmed.
    expect(table.rows.at(-1)).toEqual({
      rowNumber: 1917,
      cells: [
        '47',
        '沖縄県',
        '47382',
        '与那国町',
        'よなぐにちょう',
        '24.46805556',
        '123.0047222',
        'https://www.town.yonaguni.okinawa.jp/',
        '日本最西端の島 与那国町　健やかな自然・人・生活を育む島 ドゥナン',
      ],
    });
  });

  it('reads the real UTF-8 list with a BOM, doubled quotes included', async () => {
    const table = await readTable(fs.readFileSync(UTF8_FILE), 'localgovjp-utf8.csv');
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8' });
    expect(table.header).toEqual(['pid', 'pref', 'cid', 'city', 'citykana', 'lat', 'lng', 'url', 'phrase', 'lgcode']);
    expect(table.rows).toHaveLength(1916);
    const shobara = table.rows.find((row) => row.cells[3] === '庄原市');
    expect(shobara?.cells[8]).toBe('"げんき"と"やすらぎ"のさとやま文化都市');
    expect(shobara?.cells[9]).toBe('342106');
    expect(table.rows.find((row) => row.cells[3] === '新潟市')).toMatchObject({
      rowNumber: 783,
      cells: expect.arrayContaining(['新潟県', '151009']),
    });
  });

  it('reads CP932 without a BOM, with the characters only Windows adds to Shift_JIS', async () => {
    const text = '施設名,所在地,備考\r\n髙橋クリニック,新潟市中央区①番地,～ﾃｽﾄ－㈱\r\n';
    const bytes = encodeCp932(text);
    expect(new TextDecoder('shift_jis').decode(bytes)).toBe(text);
    const table = await readTable(bytes, '施設.csv');
    expect(table.encoding).toBe('shift_jis');
    expect(table.header).toEqual(['施設名', '所在地', '備考']);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['髙橋クリニック', '新潟市中央区①番地', '～ﾃｽﾄ－㈱'] }]);
  });

  it('reads UTF-8 without a BOM, LF or CR line ends, and tab-separated text', async () => {
    const lf = await readTable(utf8('市町村,人口\n新潟市,789275\n長岡市,266936'), '人口.csv');
    expect(lf).toMatchObject({ encoding: 'utf-8', header: ['市町村', '人口'] });
    expect(lf.rows).toEqual([
      { rowNumber: 2, cells: ['新潟市', '789275'] },
      { rowNumber: 3, cells: ['長岡市', '266936'] },
    ]);
    const cr = await readTable(utf8('市町村,人口\r新潟市,789275\r'), '人口.csv');
    expect(cr.rows).toEqual([{ rowNumber: 2, cells: ['新潟市', '789275'] }]);
    const tabs = await readTable(utf8('市町村\t備考\n新潟市\t政令市, 8区\n'), '人口.txt');
    expect(tabs.header).toEqual(['市町村', '備考']);
    expect(tabs.rows[0]?.cells).toEqual(['新潟市', '政令市, 8区']);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, numbering rows as Excel does', async () => {
    const text = ['名称,住所,備考', '"医療法人 ""さくら"" 会","新潟市中央区, 1-1","複数行の', '備考"', '"",後,""""'].join('\r\n');
    const table = await readTable(utf8(text), '名簿.csv');
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['医療法人 "さくら" 会', '新潟市中央区, 1-1', '複数行の\r\n備考'] },
      { rowNumber: 3, cells: ['', '後', '"'] },
    ]);
  });

  it('skips blank lines and keeps the row numbers of the file; trims spaces, full-width ones too', async () => {
    const text = '\r\n,,\r\n　名前　, 年齢 ,,\r\n山田,30\r\n\r\n ,　\r\n佐藤,41,,\r\n';
    const table = await readTable(utf8(text), '名簿.csv');
    expect(table.headerRowNumber).toBe(3);
    expect(table.header).toEqual(['名前', '年齢']);
    expect(table.rows).toEqual([
      { rowNumber: 4, cells: ['山田', '30'] },
      { rowNumber: 7, cells: ['佐藤', '41'] },
    ]);
  });

  it('pads short rows and refuses a value that has no header, naming row and column', async () => {
    expect((await readTable(utf8('名前,年齢,住所\n山田\n'), '名簿.csv')).rows).toEqual([{ rowNumber: 2, cells: ['山田', '', ''] }]);
    const error = await failure(utf8('名前,年齢\n山田,30\n佐藤,41,,新潟市\n'), '名簿.csv');
    expect(error.message).toBe(
      '「名簿.csv」の 3行目 D列: 見出しのない列に値「新潟市」があります。見出しの行（1行目）に列名を入れるか、この値を消してください',
    );
  });

  it('says which row holds a quote that is never closed', async () => {
    const error = await failure(utf8('名前,備考\n山田,"閉じない\n佐藤,x\n'), '名簿.csv');
    expect(error.message).toContain('「名簿.csv」の 2行目: 引用符（"）が閉じられていません');
  });

  it('refuses an empty file, a file of blank lines, and UTF-16 text', async () => {
    expect((await failure(new Uint8Array(0), '空.csv')).message).toBe('「空.csv」にデータがありません');
    expect((await failure(utf8('\uFEFF\r\n ,\r\n'), '空.csv')).message).toBe('「空.csv」にデータがありません');
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from('名前\r\n', 'utf16le')]);
    expect((await failure(utf16, '名簿.txt')).message).toContain('「名簿.txt」は UTF-16');
  });
});

describe('Excel workbooks', () => {
  it('reads values as the user sees them: merges, formulas, dates, links, rich text, below a header not on row 1', async () => {
    const bytes = await workbookFile((workbook) => {
      const sheet = workbook.addWorksheet('施設一覧');
      sheet.getRow(3).values = ['施設名', '種別', '病床数', '開設日', '登録日（数値）', '病床×2', 'サイト', 'メモ', '　'];
      sheet.getRow(4).values = [
        '  髙橋病院　',
        '病院',
        120,
        new Date(Date.UTC(2024, 3, 1)),
        45383,
        null,
        { text: '公式サイト', hyperlink: 'https://example.jp/' },
      ];
      sheet.getCell('H4').value = { richText: [{ text: '要' }, { font: { bold: true }, text: '確認' }] };
      sheet.getRow(5).values = ['さくら病院', null, 19, new Date(Date.UTC(2024, 9, 15, 9, 30)), 0.1 + 0.2, null, null, true];
      sheet.mergeCells('B4:B5');
      sheet.fillFormula('F4:F5', 'C4*2', [240, 38]);
      sheet.getRow(7).values = ['みなと診療所', '診療所', 0, null, 1234567.5, { formula: 'C7+1', result: 1 }, '合同', null];
      sheet.mergeCells('G7:H7');
      sheet.getCell('D7').value = new Date(Date.UTC(1899, 11, 30, 8, 45));
      sheet.getCell('D7').numFmt = 'h:mm';
    });
    const table = await readTable(bytes, '施設.xlsx');
    expect(table).toMatchObject({ format: 'xlsx', encoding: null, sheetName: '施設一覧', headerRowNumber: 3 });
    expect(table.header).toEqual(['施設名', '種別', '病床数', '開設日', '登録日（数値）', '病床×2', 'サイト', 'メモ']);
    expect(table.rows).toEqual([
      { rowNumber: 4, cells: ['髙橋病院', '病院', '120', '2024-04-01', '45383', '240', '公式サイト', '要確認'] },
      { rowNumber: 5, cells: ['さくら病院', '病院', '19', '2024-10-15 09:30', '0.3', '38', '', 'TRUE'] },
      { rowNumber: 7, cells: ['みなと診療所', '診療所', '0', '08:45', '1234567.5', '1', '合同', '合同'] },
    ]);
    expect(excelSerialToIsoDate(Number(table.rows[0]!.cells[4]))).toBe('2024-04-01');
  });

  it('reads dates Japanese Excel stores with its built-in formats (2024年4月1日, 令和6年4月1日)', async () => {
    const saved = await workbookFile((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.getCell('A1').value = '交付決定日';
      sheet.getCell('A2').value = 45383;
      sheet.getCell('A2').numFmt = 'yyyy"年"m"月"d"日"';
      sheet.getCell('A3').value = 45565;
      sheet.getCell('A3').numFmt = '[$-411]ggge"年"m"月"d"日"';
    });
    // Japanese Excel writes ids 31 and 58 and no format codes for them.
    const zip = await JSZip.loadAsync(saved);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    zip.file(
      'xl/styles.xml',
      styles
        .replace(/<numFmts.*?<\/numFmts>/, '')
        .replaceAll('numFmtId="164"', 'numFmtId="31"')
        .replaceAll('numFmtId="165"', 'numFmtId="58"'),
    );
    const table = await readTable(await zip.generateAsync({ type: 'uint8array' }), '交付.xlsx');
    expect(table.rows.map((row) => row.cells[0])).toEqual(['2024-04-01', '2024-09-30']);
  });

  it('reads the first visible sheet, or the one named, and lists the sheets when the name is wrong', async () => {
    const bytes = await workbookFile((workbook) => {
      workbook.addWorksheet('選択肢', { state: 'hidden' }).addRow(['区分']);
      workbook.addWorksheet('名簿').addRows([['名前'], ['山田']]);
      workbook.addWorksheet('集計').addRow(['合計']);
      workbook.addWorksheet('_renkei', { state: 'veryHidden' }).addRow(['mark']);
    });
    expect((await readTable(bytes, '名簿.xlsx')).sheetName).toBe('名簿');
    expect((await readTable(bytes, '名簿.xlsx', { sheet: '集計' })).header).toEqual(['合計']);
    expect((await failure(bytes, '名簿.xlsx', { sheet: 'Sheet1' })).message).toBe(
      '「名簿.xlsx」にシート「Sheet1」がありません（このブックのシート: 「選択肢」「名簿」「集計」）',
    );
  });

  it('finds the header by the columns an import needs: past a cover sheet, a merged title and a blank row', async () => {
    const header = {
      required: [
        ['医療機関コード', 'コード'],
        ['名称', '医療機関名'],
      ],
    };
    const covered = await workbookFile((workbook) => {
      workbook.addWorksheet('表紙').addRows([['令和7年度 医療機関一覧'], ['作成: 医務課']]);
      workbook
        .addWorksheet('一覧')
        .addRows([
          ['医療機関一覧（令和7年4月1日現在）'],
          [],
          ['医療機関コード', '医療機関名', '所在地'],
          ['1520000098', 'タイトル付病院', '長岡市1'],
        ]);
      workbook.getWorksheet('一覧')!.mergeCells('A1:C1');
    });
    const table = await readTable(covered, '一覧.xlsx', { header });
    expect(table).toMatchObject({ sheetName: '一覧', headerRowNumber: 3, sheetsSearched: ['表紙', '一覧'] });
    expect(table.header).toEqual(['医療機関コード', '医療機関名', '所在地']);
    expect(table.rows).toEqual([{ rowNumber: 4, cells: ['1520000098', 'タイトル付病院', '長岡市1'] }]);
    // Without the columns, the first row of the first visible sheet, as before.
    expect(await readTable(covered, '一覧.xlsx')).toMatchObject({ sheetName: '表紙', headerRowNumber: 1 });

    const titled = utf8('医療機関一覧\n\n作成日,2025-04-01\n医療機関コード,名称\n1520000001,一番診療所\n');
    expect(await readTable(titled, '一覧.csv', { header })).toMatchObject({
      headerRowNumber: 4,
      header: ['医療機関コード', '名称'],
      rows: [{ rowNumber: 5, cells: ['1520000001', '一番診療所'] }],
    });
  });

  it('takes the row closest to the header when none has every column, for the importer to say what is missing', async () => {
    const header = { required: [['医療機関コード'], ['名称']] };
    const bytes = await workbookFile((workbook) => {
      workbook.addWorksheet('表紙').addRow(['令和7年度 医療機関一覧']);
      workbook.addWorksheet('一覧').addRows([['一覧'], ['医療機関コード', '医療機関の名前'], ['1520000001', '一番診療所']]);
    });
    expect(await readTable(bytes, '一覧.xlsx', { header })).toMatchObject({ sheetName: '一覧', headerRowNumber: 2 });
    // A header below the first ten rows with text is not looked for.
    const late = utf8(
      [...Array.from({ length: 10 }, (_, i) => `注意書き${i + 1}`), '医療機関コード,名称', '1520000001,一番診療所'].join('\n'),
    );
    expect(await readTable(late, '一覧.csv', { header })).toMatchObject({ headerRowNumber: 1, header: ['注意書き1'] });
  });

  it('names the cell of an error value, a formula without a result, and a value with no header', async () => {
    const withCell = (address: string, value: ExcelJS.CellValue) =>
      workbookFile((workbook) => {
        const sheet = workbook.addWorksheet('Sheet1');
        sheet.addRow(['施設名', '区分', '病床数', '開設日']);
        sheet.getCell(address).value = value;
      });
    expect((await failure(await withCell('D12', { error: '#N/A' }), '施設.xlsx')).message).toBe(
      '「施設.xlsx」シート「Sheet1」の 12行目 D列: セルがエラー（#N/A）になっています。Excel で値を直してから読み込んでください',
    );
    expect((await failure(await withCell('C3', { formula: '1/0', result: { error: '#DIV/0!' } }), '施設.xlsx')).message).toContain(
      '「施設.xlsx」シート「Sheet1」の 3行目 C列: セルがエラー（#DIV/0!）',
    );
    expect((await failure(await withCell('D12', { formula: 'C12*2' }), '施設.xlsx')).message).toMatch(
      /^「施設\.xlsx」シート「Sheet1」の 12行目 D列: 数式の結果がありません/,
    );
    expect((await failure(await withCell('AA5', '余り'), '施設.xlsx')).message).toMatch(
      /^「施設\.xlsx」シート「Sheet1」の 5行目 AA列: 見出しのない列に値「余り」があります/,
    );
  });

  it('refuses an empty sheet, a zip that is not a workbook, a broken workbook and an old .xls', async () => {
    const empty = await workbookFile((workbook) => workbook.addWorksheet('Sheet1'));
    expect((await failure(empty, '施設.xlsx')).message).toBe('「施設.xlsx」のシート「Sheet1」にデータがありません');

    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const notWorkbook = await zip.generateAsync({ type: 'uint8array' });
    expect((await failure(notWorkbook, '報告.xlsx')).message).toContain(
      '「報告.xlsx」は zip ファイルで、Excel ブック（.xlsx）ではありません',
    );

    const book = await workbookFile((workbook) => workbook.addWorksheet('Sheet1').addRow(['名前']));
    expect((await failure(book.subarray(0, book.length / 2), '施設.xlsx')).message).toBe(
      '「施設.xlsx」は Excel ブック（.xlsx）として読めません（ファイルが壊れているか、別の形式です）',
    );
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await failure(xls, '施設.xls')).message).toContain('「施設.xls」は古い形式の Excel ブック（.xls）か');
  });
});

describe('what a file is, from its bytes', () => {
  it('reads a CSV named .xlsx as CSV', async () => {
    const table = await readTable(utf8('名前,年齢\n山田,30\n'), '名簿.xlsx');
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', header: ['名前', '年齢'] });
  });

  it('refuses random bytes with a message, never a crash', async () => {
    let seed = 20240401;
    for (let file = 0; file < 20; file++) {
      const bytes = Uint8Array.from({ length: 4096 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed >>> 16;
      });
      expect((await failure(bytes, `garbage${file}.csv`)).message).toContain(`「garbage${file}.csv」は表として読めません`);
    }
    const fakeZip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect((await failure(fakeZip, 'x.xlsx')).message).toContain('として読めません');
  });
});

describe('100,000-row files', () => {
  const ROWS = 100_000;
  const header = ['番号', '施設名', '市町村', '病床数', '種別', '電話', '郵便番号', '住所', '備考', '区分'];
  const row = (i: number) => [
    String(i),
    `施設${i}`,
    `市町村${i % 30}`,
    String(i % 500),
    '病院',
    `025-000-${i}`,
    '950-0000',
    `新潟市中央区${i}番地`,
    i % 7 === 0 ? '' : `備考「${i}」`,
    `区分${i % 3}`,
  ];

  it('reads a 100,000-row CSV', async () => {
    const lines = [header, ...Array.from({ length: ROWS }, (_, i) => row(i + 1))].map((cells) => cells.join(','));
    const table = await readTable(utf8(`\uFEFF${lines.join('\r\n')}\r\n`), '大量.csv');
    expect(table.rows).toHaveLength(ROWS);
    expect(table.rows.at(-1)).toEqual({ rowNumber: ROWS + 1, cells: row(ROWS) });
  });

  it('reads a 100,000-row workbook', { timeout: 120_000 }, async () => {
    const file = path.join(tempDir(), '大量.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(header).commit();
    for (let i = 1; i <= ROWS; i++)
      sheet.addRow(row(i).map((cell, column) => (column === 0 || column === 3 ? Number(cell) : cell))).commit();
    sheet.commit();
    await workbook.commit();

    const table = await readTable(fs.readFileSync(file), '大量.xlsx');
    expect(table.rows).toHaveLength(ROWS);
    expect(table.rows.at(-1)).toEqual({ rowNumber: ROWS + 1, cells: row(ROWS) });
  });
});

describe('helpers', () => {
  it('converts Excel serials, including around the nonexistent 1900-02-29', () => {
    expect(excelSerialToIsoDate(45383)).toBe('2024-04-01');
    expect(excelSerialToIsoDate(45383.75)).toBe('2024-04-01');
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(2958465)).toBe('9999-12-31');
    for (const bad of [0, 60, 2958466, Number.NaN]) expect(() => excelSerialToIsoDate(bad)).toThrow(RangeError);
  });

  it('names columns as Excel does and writes numbers as plain digits', () => {
    expect([0, 3, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual([
      'A',
      'D',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
    // biome-ignore lint/correctness/noPrecisionLoss: the last figure has more digits than a double holds, on purpose.
    expect([1234567, -0, 0.1 + 0.2, 1e21, 1e-7, 123456789.123456789].map(numberText)).toEqual([
      '1234567',
      '0',
      '0.3',
      '1000000000000000000000',
      '0.0000001',
      '123456789.123457',
    ]);
  });
});
