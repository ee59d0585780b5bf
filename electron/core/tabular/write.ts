/**
 * Writing tables for users to open in Excel: formatted workbooks (.xlsx) ready
 * to filter and print, and CSV files Excel opens without garbling Japanese.
 * Both read back through `readTable` to the same header and values.
 */
import ExcelJS, { type PaperSize } from 'exceljs';
import { displayWidth } from '@shared/text/width';
import { inertText } from './inert';
import { MARK_SHEET, numberText } from './read';
import { deflateStoredZip } from './zip-deflate';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A workbook's bytes, its parts deflated natively (zip-deflate.ts): every workbook the app writes goes through here
 * but the survey forms, written by the thousand and left stored (form.ts).
 * @example fs.writeFileSync('一覧.xlsx', await workbookBytes(workbook));
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return deflateStoredZip(Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } })));
}

export interface ColumnSpec {
  /** The property of each row this column shows. */
  key: string;
  header: string;
  /** In Excel's units (about one half-width character); estimated from the content when absent. */
  width?: number;
  /** An Excel number format, e.g. '#,##0'. */
  numFmt?: string;
  align?: 'left' | 'right' | 'center';
}

export interface SheetSpec {
  /** Made valid for Excel when it is not (see `sheetName`). */
  name: string;
  /** An optional title row above the header. */
  title?: string;
  columns: ColumnSpec[];
  rows: Record<string, string | number | boolean | Date | null | undefined>[];
}

type CellInput = SheetSpec['rows'][number][string];

export const A4 = 9 as PaperSize;
/** A date-time cell's format, as Japanese Excel shows one: 2026/12/05 18:06. */
export const DATE_TIME_FORMAT = 'yyyy/mm/dd hh:mm';

/**
 * An instant as a date-time cell holds it: the local wall-clock time. Excel has no time zones and exceljs writes a
 * Date's UTC fields, so the local fields are moved there.
 * @example { at: cellDateTime(new Date('2026-12-05T09:06:00Z')) } // shows 2026/12/05 18:06 in Japan
 */
export function cellDateTime(instant: Date): Date {
  return new Date(
    Date.UTC(instant.getFullYear(), instant.getMonth(), instant.getDate(), instant.getHours(), instant.getMinutes(), instant.getSeconds()),
  );
}
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** About how many half-width characters fit across portrait A4 at Excel's default font and margins. */
const PORTRAIT_WIDTH = 90;
/** Made at the first figure written: the first Intl object of a process starts ICU (~11 ms of every command's start). */
let groupedFormat: Intl.NumberFormat | undefined;

function groupedText(value: number): string {
  groupedFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  return groupedFormat.format(value);
}
/**
 * The workbook's default font as exceljs writes it (font 0, Excel's own default
 * face), spelled out in bold cells: a font entry with only <b/> leaves the face
 * and size to each program's guess.
 */
export const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, scheme: 'minor', size: 11 };
/** The grey behind header cells. */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };

/**
 * A workbook with one formatted sheet per spec: a bold grey header row with a
 * filter, frozen so it stays in view, number formats and alignment per column,
 * and A4 printing one page wide with the header repeated on every page.
 * With `mark`, the texts are kept in a hidden sheet (MARK_SHEET) that
 * readTable gives back: where the file came from, for the import to check.
 *
 * @example
 * const xlsx = await writeXlsx([{
 *   name: '交付決定',
 *   title: '令和6年度 交付決定一覧',
 *   columns: [{ key: 'name', header: '事業者名' }, { key: 'amount', header: '交付決定額（円）', numFmt: '#,##0', align: 'right' }],
 *   rows: [{ name: '○○医師会', amount: 1200000 }],
 * }]);
 */
export async function writeXlsx(sheets: SheetSpec[], options: { mark?: readonly string[] } = {}): Promise<Buffer> {
  if (sheets.length === 0) throw new Error('writeXlsx: a workbook needs at least one sheet');
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  sheets.forEach((spec, index) => addSheet(workbook, spec, sheetName(spec.name, index, taken)));
  if (options.mark) {
    // Out of the user's sight and reach (Excel's 再表示 does not list it); readTable gives the texts back as the table's mark.
    const marked = workbook.addWorksheet(MARK_SHEET, { state: 'veryHidden' });
    options.mark.forEach((text, i) => {
      marked.getCell(i + 1, 1).value = text;
    });
  }
  return workbookBytes(workbook);
}

/**
 * A CSV file as Excel itself would save it as 「CSV UTF-8」: a BOM (without it,
 * Japanese Excel reads the bytes as Shift_JIS), CRLF line ends, and quotes
 * only around fields holding a comma, quote or line break. Numbers are plain
 * digits and booleans TRUE/FALSE, as `readTable` gives them back. Text that
 * Excel would take for a formula gets a leading ' (see `inertText`).
 */
export function writeCsv(columns: ColumnSpec[], rows: SheetSpec['rows']): Buffer {
  const lines = [
    columns.map((column) => inertText(column.header)),
    ...rows.map((row) => columns.map((column) => csvText(row[column.key]))),
  ];
  const text = lines.map((fields) => fields.map(csvField).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, name: string): void {
  const headerRow = spec.title === undefined ? 1 : 2;
  const widths = spec.columns.map((column) => column.width ?? estimateWidth(column, spec.rows));
  const totalWidth = widths.reduce((sum, width) => sum + width, 0);
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
    pageSetup: {
      paperSize: A4,
      orientation: totalWidth > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as the rows need
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  // Column styles also reach the cells addRow creates below.
  sheet.columns = spec.columns.map((column, index) => ({
    key: column.key,
    width: widths[index],
    style: {
      ...(column.numFmt === undefined ? {} : { numFmt: column.numFmt }),
      ...(column.align === undefined ? {} : { alignment: { horizontal: column.align } }),
    },
  }));

  if (spec.title !== undefined) {
    const title = sheet.getCell(1, 1);
    title.value = spec.title;
    title.font = { ...DEFAULT_FONT, bold: true, size: 14 };
  }
  const header = sheet.getRow(headerRow);
  header.values = spec.columns.map((column) => column.header);
  header.eachCell((cell) => {
    cell.font = { ...DEFAULT_FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: spec.columns.length } };

  for (const row of spec.rows) sheet.addRow(row);
}

/**
 * A sheet name Excel accepts: its forbidden characters []:*?/\ become their
 * full-width twins (which read the same to a Japanese user), no apostrophe at
 * either end, at most 31 characters, and unique regardless of case: a taken
 * name gets `suffix(2)`, `suffix(3)`, … (「 (2)」 unless told).
 */
export function sheetName(wanted: string, index: number, taken: Set<string>, suffix = (n: number) => ` (${n})`): string {
  const cleaned = wanted
    .replace(/[[\]:*?/\\]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))
    .replace(/^'+|'+$/g, '')
    .trim();
  const base = truncate(cleaned, 31) || `Sheet${index + 1}`;
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
    const tail = suffix(n);
    name = truncate(base, 31 - tail.length) + tail;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** At most `max` UTF-16 units (Excel's count), never splitting a character. */
function truncate(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

function estimateWidth(column: ColumnSpec, rows: SheetSpec['rows']): number {
  const grouped = column.numFmt?.includes(',') ?? false;
  let widest = displayWidth(column.header);
  for (const row of rows) {
    const value = row[column.key];
    const text = typeof value === 'number' && grouped ? groupedText(value) : plainText(value);
    widest = Math.max(widest, displayWidth(text));
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
}

function plainText(value: CellInput): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace('T', ' ').replaceAll('-', '/');
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value;
}

function csvText(value: CellInput): string {
  return typeof value === 'string' ? inertText(value) : plainText(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
