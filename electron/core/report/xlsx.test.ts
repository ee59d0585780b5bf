/**
 * writeReportWorkbook, read back with exceljs as Excel would open it: the
 * public-document header, grouped table heads, numbers Excel can sum (千円
 * rounded down, not re-rounded), 和暦 dates, the chart's data and picture,
 * frozen head and A4 printing, and sheet names Excel accepts.
 */
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '@shared/dates';
import { MARK, roundingNote } from '@shared/report/format';
import type { ReportDoc } from '@shared/report/model';
import { writeReportWorkbook } from './xlsx';

const TITLE = '令和7年度 在宅医療・介護連携推進事業 交付決定一覧';

/** A 40×20 PNG, as the print page would hand over a chart (at a much higher resolution). */
function chartPng(width = 40, height = 20): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(0xff);
  return PNG.sync.write(png);
}

function doc(overrides: Partial<ReportDoc> = {}): ReportDoc {
  return {
    name: 'subsidy.decisions',
    title: TITLE,
    subtitle: '（令和7年4月1日現在）',
    orientation: 'landscape',
    header: {
      formNumber: '様式第1号',
      documentNumber: '新医薬第123号',
      date: '2025-04-01' as IsoDate,
      dateSuffix: '現在',
      addressee: '関東信越厚生局長 殿',
      submitter: ['新潟県知事', '花角 英世'],
    },
    blocks: [
      { type: 'heading', text: '1 交付決定の状況' },
      { type: 'paragraph', text: '県内の在宅医療・介護連携推進事業について、交付決定の状況を次のとおり報告します。' },
      {
        type: 'figures',
        items: [
          { label: '交付決定件数', value: 41, format: 'count', unit: '件' },
          { label: '申請額', value: 85_419_999, format: 'thousandYen' },
        ],
      },
      {
        type: 'table',
        caption: '（1）事業者別',
        columns: [
          { key: 'name', header: '事業者名', format: 'text', width: 30 },
          { key: 'decided', header: '交付決定日', format: 'date', width: 16 },
          { key: 'applied', header: '申請額', group: '金額', format: 'thousandYen', width: 12 },
          { key: 'granted', header: '交付決定額', group: '金額', format: 'yen', width: 14 },
          { key: 'share', header: '構成比', format: 'percent', width: 8 },
          { key: 'reported', header: '実績報告', format: 'mark', width: 8 },
        ],
        rows: [
          {
            kind: 'data',
            cells: {
              name: '新潟市医師会',
              decided: '2025-04-01',
              applied: 85_419_999,
              granted: 84_586_000,
              share: { numerator: 10, denominator: 41 },
              reported: true,
            },
          },
          {
            kind: 'data',
            cells: {
              name: '長岡市医師会',
              decided: '2025-05-20',
              applied: 1_000_500,
              granted: 1_000_000,
              share: { numerator: 31, denominator: 41 },
              reported: false,
            },
          },
          { kind: 'subtotal', cells: { name: '小計', applied: 86_420_499, granted: 85_586_000 } },
          { kind: 'total', cells: { name: '合計', applied: 86_420_499, granted: 85_586_000 } },
        ],
        notes: ['交付決定日順に掲載しています。'],
      },
      {
        type: 'chart',
        title: '事業者別 交付決定件数',
        kind: 'bar',
        labels: ['新潟市医師会', '長岡市医師会'],
        series: [{ label: '件数', values: [10, 31] }],
        unit: '件',
      },
      {
        type: 'table',
        pageBreakBefore: true,
        caption: '（2）圏域別',
        columns: [
          { key: 'area', header: '二次医療圏', format: 'text', width: 40 },
          { key: 'count', header: '件数', format: 'count', width: 8 },
        ],
        rows: [{ kind: 'data', cells: { area: '新潟', count: 41 } }],
      },
      { type: 'notes', lines: ['出典：新潟県福祉保健部調べ'] },
    ],
    params: { fy: 2025 },
    ...overrides,
  };
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook;
}

/** The first cell (top to bottom, left to right) holding exactly `text`: a merged range's master. */
function find(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= sheet.columnCount; c++) if (row.getCell(c).value === text) return row.getCell(c);
  }
  throw new Error(`「${text}」 is not on the sheet`);
}

async function written(): Promise<ExcelJS.Worksheet> {
  const workbook = await load(await writeReportWorkbook([{ doc: doc(), charts: [{ blockIndex: 4, png: chartPng() }] }]));
  expect(workbook.creator).toBe('Renkei');
  return workbook.worksheets[0]!;
}

describe('writeReportWorkbook', () => {
  it('heads the sheet like a public document: 様式番号, 文書番号 and 和暦 date at right, 宛先, 提出者, title', async () => {
    const sheet = await written();
    expect(sheet.name).toBe(TITLE);
    expect(sheet.getCell('A1').value).toBe('様式第1号');
    // Six table columns make F the right-hand edge.
    expect(sheet.getCell('F1').value).toBe('新医薬第123号');
    expect(sheet.getCell('F2').value).toBe('令和7年4月1日現在');
    expect(sheet.getCell('F2').alignment.horizontal).toBe('right');

    const addressee = find(sheet, '関東信越厚生局長 殿');
    expect(addressee.col).toBe(1);
    const submitter = find(sheet, '新潟県知事');
    expect(Number(submitter.row)).toBe(Number(addressee.row) + 1);
    expect(submitter.col).toBe(6);
    expect(sheet.getCell(Number(submitter.row) + 1, 6).value).toBe('花角 英世');

    const title = find(sheet, TITLE);
    expect(title.address).toBe(`A${title.row}`);
    expect(sheet.getCell(Number(title.row), 6).master.address).toBe(title.address);
    expect(title.font).toMatchObject({ bold: true, size: 14 });
    expect(title.alignment.horizontal).toBe('center');
    expect(sheet.getCell(Number(title.row) + 1, 1).value).toBe('（令和7年4月1日現在）');
  });

  it('writes the table with its unit line, a two-row grouped head and numbers Excel can sum', async () => {
    const sheet = await written();
    const caption = find(sheet, '（1）事業者別');
    const c = Number(caption.row);
    expect(sheet.getCell(c, 6).value).toBe('単位：千円（千円未満切り捨て）');

    const [top, head] = [c + 1, c + 2];
    expect(sheet.getCell(top, 1).value).toBe('事業者名');
    expect(sheet.getCell(head, 1).master.address).toBe(`A${top}`);
    expect(sheet.getCell(top, 3).value).toBe('金額');
    expect(sheet.getCell(top, 4).isMerged).toBe(true);
    expect(sheet.getCell(top, 4).master.address).toBe(`C${top}`);
    expect(sheet.getCell(head, 3).value).toBe('申請額');
    expect(sheet.getCell(head, 4).value).toBe('交付決定額');
    expect(sheet.getCell(head, 5).master.address).toBe(`E${top}`);
    expect(sheet.getCell(top, 5).value).toBe('構成比');
    expect(sheet.getCell(top, 3).fill).toMatchObject({ fgColor: { argb: 'FFEEEEEE' } });

    const first = head + 1;
    expect(sheet.getCell(first, 1).value).toBe('新潟市医師会');
    expect(sheet.getCell(first, 2).value).toBe('令和7年4月1日');
    // 85,419,999円 is 85,419千円: rounded down once, from yen.
    expect(sheet.getCell(first, 3).value).toBe(85_419);
    expect(sheet.getCell(first, 3).numFmt).toBe('#,##0');
    expect(sheet.getCell(first, 3).alignment.horizontal).toBe('right');
    expect(sheet.getCell(first, 4).value).toBe(84_586_000);
    expect(sheet.getCell(first, 4).numFmt).toBe('#,##0');
    expect(sheet.getCell(first, 5).value).toBeCloseTo(10 / 41, 12);
    expect(sheet.getCell(first, 5).numFmt).toBe('0.0%');
    expect(sheet.getCell(first, 6).value).toBe(MARK);
    expect(sheet.getCell(first, 6).alignment.horizontal).toBe('center');
    expect(sheet.getCell(first + 1, 2).value).toBe('令和7年5月20日');
    expect(sheet.getCell(first + 1, 3).value).toBe(1_000);
    expect(sheet.getCell(first + 1, 6).value).toBeNull();
    expect(sheet.getCell(first, 1).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });

    const subtotal = first + 2;
    expect(sheet.getCell(subtotal, 1).value).toBe('小計');
    expect(sheet.getCell(subtotal, 3).value).toBe(86_420);
    expect(sheet.getCell(subtotal, 3).font.bold).toBe(true);
    expect(sheet.getCell(subtotal, 3).fill).toMatchObject({ fgColor: { argb: 'FFF2F2F2' } });
    const total = first + 3;
    expect(sheet.getCell(total, 1).value).toBe('合計');
    expect(sheet.getCell(total, 4).value).toBe(85_586_000);
    expect(sheet.getCell(total, 4).font.bold).toBe(true);
    expect(sheet.getCell(total, 4).border.top).toEqual({ style: 'double' });

    expect(sheet.getCell(total + 1, 1).value).toBe('交付決定日順に掲載しています。');
    expect(sheet.getCell(total + 2, 1).value).toBe(roundingNote([{ key: 'a', header: 'a', format: 'thousandYen', width: 1 }]));

    // The widest use of a column over the sheet's tables.
    expect(sheet.getColumn(1).width).toBe(40);
    expect(sheet.getColumn(2).width).toBe(16);
  });

  it('widens a figure column to its widest figure, so a total in the billions shows its digits, not ####', async () => {
    const table = doc().blocks[3]!;
    if (table.type !== 'table') throw new Error('the fixture’s first table moved');
    const big: ReportDoc = {
      ...doc(),
      blocks: [{ ...table, rows: [...table.rows.slice(0, 2), { kind: 'total', cells: { name: '合計', granted: 4_229_197_000 } }] }],
    };
    const sheet = (await load(await writeReportWorkbook([{ doc: big, charts: [] }]))).worksheets[0]!;
    // 「4,229,197,000」 is 13 characters; Excel needs room for them and its cell's padding.
    expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(14);
    // A column whose figures fit keeps the width the report gave it.
    expect(sheet.getColumn(3).width).toBe(12);
  });

  it('freezes and repeats the head of a lone table, and prints on A4 with the title and page numbers', async () => {
    const one = doc();
    one.blocks = one.blocks.filter((block) => block.type !== 'table' || block.caption !== '（2）圏域別');
    const workbook = await load(await writeReportWorkbook([{ doc: one, charts: [{ blockIndex: 4, png: chartPng() }] }]));
    const sheet = workbook.worksheets[0]!;
    const head = Number(find(sheet, '交付決定額').row);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: head });
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${head - 1}:${head}`,
    });
    expect(sheet.pageSetup.margins?.left).toBe(0.6);
    const last = Number(find(sheet, '出典：新潟県福祉保健部調べ').row);
    expect(sheet.pageSetup.printArea).toBe(`A1:F${last}`);
    expect(sheet.headerFooter.oddHeader).toBe(`&C${TITLE}`);
    expect(sheet.headerFooter.oddFooter).toBe('&C&P / &N');
  });

  it('neither freezes nor repeats a head when the sheet has several tables with their own columns', async () => {
    // The first table's 「事業者名｜交付決定日…」 would otherwise stand above the 圏域別 table on its page.
    const sheet = await written();
    expect(sheet.views ?? []).not.toContainEqual(expect.objectContaining({ state: 'frozen' }));
    expect(sheet.pageSetup.printTitlesRow).toBeUndefined();
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
  });

  it('writes the other blocks: heading, paragraph, figures, the chart as data and picture, notes', async () => {
    const sheet = await written();
    expect(find(sheet, '1 交付決定の状況').font.bold).toBe(true);
    const paragraph = find(sheet, '県内の在宅医療・介護連携推進事業について、交付決定の状況を次のとおり報告します。');
    expect(sheet.getCell(Number(paragraph.row), 6).master.address).toBe(paragraph.address);
    expect(paragraph.alignment.wrapText).toBe(true);

    const count = find(sheet, '交付決定件数');
    expect(sheet.getCell(Number(count.row), 2).value).toBe(41);
    expect(sheet.getCell(Number(count.row), 3).value).toBe('件');
    const applied = sheet.getCell(Number(count.row) + 1, 2);
    expect(applied.value).toBe(85_419);
    expect(applied.numFmt).toBe('#,##0');
    expect(sheet.getCell(Number(count.row) + 1, 3).value).toBe('千円');

    const chartTitle = Number(find(sheet, '事業者別 交付決定件数').row);
    expect(sheet.getCell(chartTitle + 1, 2).value).toBe('件数（件）');
    expect(sheet.getCell(chartTitle + 2, 1).value).toBe('新潟市医師会');
    expect(sheet.getCell(chartTitle + 2, 2).value).toBe(10);
    expect(sheet.getCell(chartTitle + 3, 2).value).toBe(31);

    const images = sheet.getImages();
    expect(images).toHaveLength(1);
    // Right under the data table, in column A.
    expect(images[0]!.range.tl.nativeRow).toBe(chartTitle + 3);
    expect(images[0]!.range.tl.nativeCol).toBe(0);
    // 16 cm wide at 96 dpi, keeping the PNG's 2:1; the row is as tall as the picture.
    expect((images[0]!.range as unknown as { ext: { width: number; height: number } }).ext).toEqual({ width: 605, height: 303 });
    expect(sheet.getRow(chartTitle + 4).height).toBeCloseTo(303 * 0.75, 5);
  });

  it('writes long minutes a row per paragraph, a paragraph taller than Excel allows over several rows, none cut off', async () => {
    // 15 paragraphs of 議事録, about 1,900 characters: one cell capped at 409pt printed only the first 12 and a half.
    const paragraphs = Array.from(
      { length: 15 },
      (_, i) => `（${i + 1}）${'委員から、入退院支援ルールの運用状況について意見があった。'.repeat(4)}`,
    );
    const long = '事務局から説明した。'.repeat(300);
    const minutes = doc({
      orientation: 'portrait',
      header: { date: '2025-04-01' as IsoDate },
      blocks: [
        { type: 'heading', text: '1　入退院支援について' },
        { type: 'paragraph', text: paragraphs.join('\n') },
        { type: 'heading', text: '2　長い議事' },
        { type: 'paragraph', text: long },
      ],
    });
    const sheet = (await load(await writeReportWorkbook([{ doc: minutes, charts: [] }]))).worksheets[0]!;
    const textRows = (from: number, to: number) => {
      const rows: { text: string; height: number | undefined }[] = [];
      for (let r = from; r < to; r++) {
        const value = sheet.getCell(r, 1).value;
        if (typeof value === 'string') rows.push({ text: value, height: sheet.getRow(r).height });
      }
      return rows;
    };
    const first = Number(find(sheet, '1　入退院支援について').row);
    const second = Number(find(sheet, '2　長い議事').row);
    expect(textRows(first + 1, second).map((r) => r.text)).toEqual(paragraphs);
    const pieces = textRows(second + 1, sheet.rowCount + 1);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((r) => r.text).join('')).toBe(long);
    for (const row of [...textRows(first + 1, second), ...pieces]) {
      expect(row.height).toBeGreaterThan(18);
      expect(row.height).toBeLessThanOrEqual(400);
    }
  });

  it('widens the print area to a chart picture wider than the data beside it', async () => {
    const chartOnly = doc({
      orientation: 'portrait',
      header: { date: '2025-04-01' as IsoDate },
      blocks: [
        { type: 'chart', title: '件数', kind: 'pie', labels: ['新潟', '佐渡'], series: [{ label: '件数', values: [3, 1] }], unit: '件' },
      ],
    });
    const workbook = await load(await writeReportWorkbook([{ doc: chartOnly, charts: [{ blockIndex: 0, png: chartPng(200, 100) }] }]));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getImages()).toHaveLength(1);
    expect(sheet.pageSetup.orientation).toBe('portrait');
    expect(sheet.views ?? []).not.toContainEqual(expect.objectContaining({ state: 'frozen' }));
    expect(sheet.pageSetup.printTitlesRow).toBeUndefined();
    // 605 px over columns of about 7 px per width unit: more columns than the data's two.
    let covered = 0;
    for (let c = 1; c <= sheet.columnCount; c++) covered += sheet.getColumn(c).width! * 7;
    expect(covered).toBeGreaterThanOrEqual(605);
    expect(covered - sheet.getColumn(sheet.columnCount).width! * 7).toBeLessThan(605);
    expect(sheet.pageSetup.printArea).toMatch(new RegExp(`^A1:${sheet.getColumn(sheet.columnCount).letter}\\d+$`));
    expect(sheet.columnCount).toBeGreaterThan(2);
  });

  it('keeps a tall chart within the tallest row Excel has, in its own proportions', async () => {
    const workbook = await load(await writeReportWorkbook([{ doc: doc(), charts: [{ blockIndex: 4, png: chartPng(100, 100) }] }]));
    const [image] = workbook.worksheets[0]!.getImages();
    // 409 pt is 545 px; 16 cm would make it 605 px tall.
    expect((image!.range as unknown as { ext: { width: number; height: number } }).ext).toEqual({ width: 545, height: 545 });
  });

  it('names sheets as Excel allows: unique, at most 31 characters, no forbidden characters', async () => {
    const long = '令和7年度 在宅医療・介護連携推進事業 交付決定一覧（保健所/市町村別）[参考]';
    const workbook = await load(
      await writeReportWorkbook([
        { doc: doc(), charts: [] },
        { doc: doc(), charts: [] },
        { doc: doc({ title: long }), charts: [] },
        { doc: doc(), charts: [], sheetName: "医師会's 一覧" },
      ]),
    );
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names[0]).toBe(TITLE);
    expect(names[1]).toBe(`${TITLE}（2）`);
    expect(names[2]).toHaveLength(31);
    expect(names[2]).toBe(long.replace('/', '／').replace('[', '［').slice(0, 31));
    expect(names[3]).toBe('医師会’s 一覧');
    for (const name of names) expect(name).not.toMatch(/[[\]:*?/\\]/);
    // The long title still heads its own sheet in full.
    expect(find(workbook.worksheets[2]!, long).value).toBe(long);
  });

  it('refuses a chart image that is not a PNG or not for a chart', async () => {
    await expect(writeReportWorkbook([{ doc: doc(), charts: [{ blockIndex: 4, png: Buffer.from('GIF89a') }] }])).rejects.toThrow(
      /not a PNG/,
    );
    await expect(writeReportWorkbook([{ doc: doc(), charts: [{ blockIndex: 3, png: chartPng() }] }])).rejects.toThrow(/not a chart/);
  });
});
