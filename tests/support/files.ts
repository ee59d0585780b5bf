/** Files as tests hand them to the core (base64, as a screen sends them) and read back what it writes. */
import ExcelJS from 'exceljs';

/** Bytes or text as base64, as a file picked on a screen reaches the core. */
export const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/**
 * A one-sheet workbook (`Sheet1`) of `rows`, as base64; `edit` may touch the sheet before it is written.
 * @example await xlsxOf([['団体コード', '市区町村名'], ['151009', '新潟市']])
 */
export async function xlsxOf(rows: unknown[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return workbookData(workbook);
}

/** A CSV as Excel saves it (UTF-8 with BOM, CRLF), quoting cells that need it, as base64. */
export function csvOf(rows: string[][]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return base64(`\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`);
}

/** The workbook in a file the core wrote: its base64 `data`, or its bytes. */
export async function readWorkbook(data: string | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(typeof data === 'string' ? Buffer.from(data, 'base64') : data).buffer);
  return workbook;
}

/** A workbook written out again as base64, as someone saving it in Excel and handing it back. */
export async function workbookData(workbook: ExcelJS.Workbook): Promise<string> {
  return base64(new Uint8Array(await workbook.xlsx.writeBuffer()));
}
