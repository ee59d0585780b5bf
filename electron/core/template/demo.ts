/**
 * The example 様式 Renkei ships: a 交付決定一覧 laid out the way a prefecture
 * keeps one in Excel — a title, the date and section, a header row, one row
 * per center between {{#各センター}} and {{/各センター}}, a total and a note,
 * in 明朝 with ruled borders and an A4 landscape page setup. The demo
 * registers it, and the app offers it as the file to start from.
 */
import ExcelJS from 'exceljs';
import type { OpRunner } from '../kernel/context';
import { workbookBytes } from '../tabular/write';

export const EXAMPLE_TEMPLATE_NAME = '交付決定一覧（見本）';

const FONT = { name: 'ＭＳ 明朝', size: 10.5 };
const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** The example workbook's bytes. */
export async function exampleTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('交付決定一覧', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printArea: 'A1:H9',
    },
    headerFooter: { oddFooter: '&C&P / &N' },
  });
  sheet.columns = [6, 14, 14, 30, 12, 16, 18, 16].map((width) => ({ width }));
  // A merged cell's other parts take only a style: a value written there would go to its top-left cell.
  const set = (ref: string, value: string | null, style: Partial<ExcelJS.Style> = {}) => {
    const cell = sheet.getCell(ref);
    if (value !== null) cell.value = value;
    cell.style = { font: FONT, alignment: { vertical: 'middle' }, ...style };
  };

  sheet.mergeCells('A1:H1');
  set('A1', '{{年度}} 在宅医療推進センター整備事業補助金 交付決定一覧', {
    font: { ...FONT, size: 14, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  });
  sheet.getRow(1).height = 28;
  sheet.mergeCells('F2:H2');
  set('F2', '{{和暦(作成日)}}現在', { alignment: { horizontal: 'right' } });
  sheet.mergeCells('F3:H3');
  set('F3', '{{担当課}}', { font: { ...FONT, size: 9 }, alignment: { horizontal: 'right' } });

  const header = {
    font: { ...FONT, bold: true },
    border: box,
    alignment: { horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true },
    fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9D9D9' } },
  };
  sheet.mergeCells('B5:C5');
  for (const [ref, text] of [
    ['A5', '番号'],
    ['B5', 'センター名'],
    ['C5', null],
    ['D5', '補助区分'],
    ['E5', '二次医療圏'],
    ['F5', '交付決定額（円）'],
    ['G5', '決定日'],
    ['H5', '指令番号'],
  ] as const) {
    set(ref, text, header);
  }
  sheet.getRow(5).height = 30;

  const body = { border: box, font: FONT };
  sheet.mergeCells('B6:C6');
  set('A6', '{{#各センター}}{{番号}}', { ...body, alignment: { horizontal: 'center', vertical: 'middle' } });
  set('B6', '{{センター名}}', { ...body, alignment: { vertical: 'middle', shrinkToFit: true } });
  set('C6', null, body);
  set('D6', '{{補助区分}}', { ...body, alignment: { vertical: 'middle', shrinkToFit: true } });
  set('E6', '{{二次医療圏}}', body);
  set('F6', '{{交付決定額}}', { ...body, numFmt: '#,##0', alignment: { horizontal: 'right', vertical: 'middle' } });
  set('G6', '{{和暦(決定日)}}', { ...body, alignment: { horizontal: 'center', vertical: 'middle' } });
  set('H6', '{{指令番号}}{{/各センター}}', body);
  sheet.getRow(6).height = 20;

  sheet.mergeCells('A7:E7');
  set('A7', '合計（{{センター数}}センター）', {
    ...body,
    font: { ...FONT, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  });
  for (const ref of ['B7', 'C7', 'D7', 'E7']) set(ref, null, body);
  for (const ref of ['G7', 'H7']) set(ref, '', body);
  set('F7', '{{交付決定額合計}}', {
    ...body,
    font: { ...FONT, bold: true },
    numFmt: '#,##0',
    alignment: { horizontal: 'right', vertical: 'middle' },
  });
  sheet.getRow(7).height = 20;

  sheet.mergeCells('A9:H9');
  set('A9', '※ 交付決定額は、変更交付決定があったセンターは変更後の額。決定日・指令番号は最新の決定のもの。', {
    font: { ...FONT, size: 9 },
  });
  return workbookBytes(workbook);
}

/** Registers the example 様式, as an officer would. */
export async function loadTemplateDemo(ops: OpRunner): Promise<void> {
  const data = (await exampleTemplate()).toString('base64');
  await ops.call('template.register', { name: EXAMPLE_TEMPLATE_NAME, fileName: '見本_交付決定一覧.xlsx', data, note: 'Renkei 同梱の見本' });
}
