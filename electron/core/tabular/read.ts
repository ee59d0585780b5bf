/**
 * Reading the tables users bring: Excel workbooks (.xlsx) and CSV files as
 * Excel saves them (Shift_JIS/CP932 or UTF-8, with or without BOM). Every
 * import goes through `readTable`, which turns either into the same shape — a
 * header and trimmed text cells, with the row numbers the user sees in Excel —
 * or stops with a Japanese message naming the file, row and column.
 */
import type ExcelJS from 'exceljs';
import { RenkeiError } from '@shared/contract/errors';
import { type IsoDate, isoDate } from '@shared/dates';
import { forbiddenCharProblem } from '@shared/text/controls';
import { searchKey } from '@shared/text/normalize';
import { fromInertText } from './inert';
import { checkWorkbook, tooManyCells, WORKBOOK_LIMITS } from './zip-guard';

export interface TableRow {
  /** 1-based row number in the file or sheet, as Excel shows it. */
  rowNumber: number;
  /** Trimmed text, exactly as many cells as the header has. */
  cells: string[];
}

/**
 * Rows taken one at a time by their place: a table's own array, or a packed
 * table's rows (kernel/jobs/packed-table.ts), each made when asked for.
 */
export interface TableRows {
  readonly length: number;
  at(index: number): TableRow | undefined;
  /** True when no cell holds a character forbiddenCharProblem refuses (known for all the rows at once, see packed-table.ts). */
  readonly clean?: boolean;
}

export interface Table<Rows extends TableRows = TableRow[]> {
  fileName: string;
  format: 'xlsx' | 'csv';
  /** The text encoding of a CSV file; null for a workbook. */
  encoding: 'utf-8' | 'shift_jis' | null;
  sheetName: string | null;
  header: string[];
  headerRowNumber: number;
  /** The visible sheets of a workbook that were looked through for the header row (see ReadOptions.header); null for a CSV. */
  sheetsSearched?: string[] | null;
  /** Data rows below the header; completely empty rows are left out. */
  rows: Rows;
  /** The texts down column A of the workbook's MARK_SHEET, when Renkei wrote it with a mark (writeXlsx); null when it has none. */
  mark?: string[] | null;
  /** A digest of the uploaded file (name and bytes), so a commit can recognise the file its preview checked. */
  digest?: string;
}

let excel: Promise<typeof ExcelJS> | null = null;

/**
 * exceljs for reading, loaded on the first workbook: a CSV never needs it,
 * and loading it cost the reader's thread some 27 MB and a few hundred ms
 * before the national list's first row.
 */
export function loadExcelJs(): Promise<typeof ExcelJS> {
  excel ??= Promise.all([import('exceljs'), import('exceljs/lib/xlsx/defaultnumformats.js')]).then(([loaded, formats]) => {
    // Japanese Excel saves a date typed as 2024年4月1日 or 令和6年4月1日 with a built-in
    // format id (27–36, 50–58) whose code is not written into the file, and exceljs
    // knows those codes only per locale without using them, so such dates would
    // come back as serial numbers (exceljs/exceljs#2893). Our users' Excel is
    // Japanese: give those ids their ja-JP codes. exceljs builds its table for
    // writing when it loads, so only reading sees this.
    for (const format of Object.values(formats.default)) {
      if (format.f === undefined && format['ja-jp'] !== undefined) format.f = format['ja-jp'];
    }
    return loaded.default;
  });
  return excel;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: an Excel 97–2003 .xls, or an .xlsx saved with a password. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

/**
 * The veryHidden sheet in which Renkei marks a workbook it writes: what the file is and where it came from, read back
 * when the file is brought in again (the user never sees it, and a workbook made by hand has none).
 */
export const MARK_SHEET = '_renkei';

/** What a message names: the file, and the sheet for a workbook. */
interface Source {
  fileName: string;
  sheetName: string | null;
}

/**
 * What an import's header row has: for each required column, the names it goes
 * by (compared as searchKey does). The header is then the first row, among the
 * first HEADER_SEARCH_ROWS rows with text, that has all of them — so a title
 * and blank rows above it are passed over — and, for a workbook without a sheet
 * named, in the first visible sheet that has one (a cover sheet is passed over).
 */
export interface HeaderWanted {
  required: readonly (readonly string[])[];
  /**
   * A list published without a header row (the national list of insured institutions): the names of its columns, and
   * what each cell of a row of it looks like (a RegExp source). A first row of that shape is data, under these names.
   * Sources, not functions: the reader worker is handed this.
   */
  headerless?: { header: readonly string[]; shape: readonly string[] };
}

/** How many rows with text are looked through for the header row. */
export const HEADER_SEARCH_ROWS = 10;

export interface ReadOptions {
  /** The worksheet to read; without it, the first visible one (with the header, when `header` is given). */
  sheet?: string;
  /** What the header row has; without it, the first row with text is the header. */
  header?: HeaderWanted;
  /** Told how far the reading has got (bytes of the workbook unpacked so far, of all). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Takes the data rows as they are read, instead of the table holding them
   * (its `rows` come back empty): the reader worker packs them on the way.
   */
  rows?: RowSink;
}

/**
 * Where read rows go. A CSV file's decoded text is given first; then each
 * row's cells, with where each cell's characters stand in that text when the
 * cell is a piece of it (-1 where not), so the cell need not be kept as a
 * string of its own.
 */
export interface RowSink {
  text(text: string): void;
  row(rowNumber: number, cells: readonly string[], at: readonly number[] | null): void;
}

/**
 * Reads an Excel workbook or a CSV file into a header and text rows. The format
 * is told from the bytes, not the name; a CSV's encoding is detected. A
 * workbook is checked against WORKBOOK_LIMITS before it is unpacked (see
 * zip-guard.ts), and a CSV may hold no more cells than a workbook. Throws a
 * `bad_request` RenkeiError whose message names the file (and the sheet, row
 * and column where it applies).
 *
 * @example
 * const table = await readTable(fs.readFileSync('施設.xlsx'), '施設.xlsx');
 * table.header; // ['施設名', '所在地', …]
 * table.rows[0]; // { rowNumber: 2, cells: ['○○病院', '新潟市中央区…', …] }
 */
export async function readTable(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<Table> {
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes, fileName, options);
  if (startsWith(bytes, OLE_MAGIC)) {
    throw badRequest(
      `「${fileName}」は古い形式の Excel ブック（.xls）か、パスワードで保護されたブックです。` +
        'Excel で開き、パスワードがあれば外して、「Excel ブック（.xlsx）」として保存し直してください',
    );
  }
  return readCsv(bytes, fileName, options.rows, options.header);
}

/**
 * The Excel column letter of a 0-based column index, for messages.
 * @example columnLetter(0) // 'A'
 * @example columnLetter(26) // 'AA'
 */
export function columnLetter(index0: number): string {
  let letters = '';
  for (let n = index0 + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * The date of an Excel serial number (1900 date system), for a date the reader
 * returned as a number because its cell was not formatted as a date. The time
 * of day (the fraction) is dropped. Throws a RangeError for a number that is
 * not a day Excel can show, including 60, Excel's nonexistent 1900-02-29.
 * @example excelSerialToIsoDate(45383) // '2024-04-01'
 */
export function excelSerialToIsoDate(serial: number): IsoDate {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day === 60 || day > 2958465) {
    throw new RangeError(`Excel の日付（シリアル値）として扱えない数です: ${serial}`);
  }
  // Excel counts a 1900-02-29 that never was (kept for Lotus 1-2-3), so from
  // serial 61 on it is one ahead of a plain count of days from 1899-12-31.
  const date = new Date(Date.UTC(1899, 11, 31 + day - (day > 60 ? 1 : 0)));
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Made at the first figure read that needs it: the first Intl object of a process starts ICU (~11 ms of every command's start). */
let fifteenDigits: Intl.NumberFormat | undefined;

/**
 * A number as plain digits, the way Excel shows it in a General cell: no
 * grouping, no exponent, at most 15 significant digits (so a stored
 * 0.30000000000000004 reads 0.3).
 * @example numberText(1234567) // '1234567'
 */
export function numberText(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  fifteenDigits ??= new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
  return fifteenDigits.format(value);
}

// ---------------------------------------------------------------- workbooks

// The whole workbook is loaded rather than streamed. exceljs's streaming reader
// ignores merged cells, and it decodes each chunk of XML on its own, so a
// Japanese character split across two chunks turns into U+FFFD (164 cells of
// a generated 100,000-row × 10-column sheet). On that sheet streaming took
// about 4.5 s and loading about 6 s and some 600 MB more memory: the price of
// correct text and merges.
async function readXlsx(
  bytes: Uint8Array,
  fileName: string,
  { sheet: wanted, header, onProgress, rows: sink }: ReadOptions,
): Promise<Table> {
  const unreadable = () => badRequest(`「${fileName}」は Excel ブック（.xlsx）として読めません（ファイルが壊れているか、別の形式です）`);
  if ((await checkWorkbook(bytes, fileName, { onProgress })) === null) throw unreadable();
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    // A copy, as exceljs's types take an ArrayBuffer of exactly the file.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw unreadable();
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) {
    throw badRequest(`「${fileName}」は zip ファイルで、Excel ブック（.xlsx）ではありません。Excel で保存したファイルを選んでください`);
  }
  // Without a name, a sheet the user can see (a hidden sheet is usually a lookup list, not the data): the first with the
  // header row when the importer says what that has (a cover sheet comes first in many workbooks), else the first.
  const visible = sheets.filter((s) => s.state === 'visible');
  const searched = wanted === undefined && header ? (visible.length > 0 ? visible : [sheets[0]!]) : null;
  const sheet =
    wanted !== undefined
      ? sheets.find((s) => s.name === wanted)
      : searched
        ? sheetWithHeader(searched, header!)
        : (visible[0] ?? sheets[0]!);
  if (sheet === undefined) {
    // Every sheet the user can find in Excel (a hidden one 再表示 shows), not Renkei's own very hidden mark.
    const names = sheets
      .filter((s) => s.state !== 'veryHidden')
      .map((s) => `「${s.name}」`)
      .join('');
    throw badRequest(`「${fileName}」にシート「${wanted}」がありません（このブックのシート: ${names}）`);
  }

  const source: Source = { fileName, sheetName: sheet.name };
  const rows: TableRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    const cells: string[] = [];
    // Cells inside a merge range are of type Merge and give the master cell's value.
    row.eachCell((cell, column) => {
      while (cells.length < column - 1) cells.push('');
      const text = cellText(cell.value);
      if (typeof text !== 'string') throw badRequest(`${at(source, rowNumber, column - 1)}: ${text.problem}`);
      cells.push(text);
    });
    rows.push({ rowNumber, cells });
  });
  const table = tableBuilder(source, { fileName, format: 'xlsx', encoding: null, sheetName: sheet.name }, sink, header);
  for (const row of rows) table.add(row, null);
  return { ...table.finish(), sheetsSearched: searched?.map((s) => s.name) ?? null, mark: markOf(sheets) };
}

/** The texts down column A of the workbook's mark sheet, if it has one. */
function markOf(sheets: readonly ExcelJS.Worksheet[]): string[] | null {
  const sheet = sheets.find((s) => s.name === MARK_SHEET && s.state === 'veryHidden');
  if (!sheet) return null;
  const lines: string[] = [];
  for (let n = 1; n <= sheet.actualRowCount; n++) {
    const text = cellText(sheet.getCell(n, 1).value);
    lines.push(typeof text === 'string' ? text : '');
  }
  return lines;
}

/**
 * The sheet whose first rows hold the header (headerRow), or else the one
 * coming closest, or else the first: only the first rows of each are read.
 */
function sheetWithHeader(sheets: readonly ExcelJS.Worksheet[], wanted: HeaderWanted): ExcelJS.Worksheet {
  let best: { sheet: ExcelJS.Worksheet; found: number } | null = null;
  for (const sheet of sheets) {
    const first: TableRow[] = [];
    for (let n = 1; n <= sheet.actualRowCount && first.length < HEADER_SEARCH_ROWS; n++) {
      const cells: string[] = [];
      sheet.getRow(n).eachCell((cell, column) => {
        while (cells.length < column - 1) cells.push('');
        const text = cellText(cell.value);
        // A cell that cannot be read (a formula without its result on a cover sheet) says nothing of a header.
        cells.push(typeof text === 'string' ? text.trim() : '');
      });
      if (cells.some((cell) => cell !== '')) first.push({ rowNumber: n, cells });
    }
    const row = headerRow(first, wanted);
    if (row?.complete) return sheet;
    if (row && row.found > (best?.found ?? 0)) best = { sheet, found: row.found };
  }
  return best?.sheet ?? sheets[0]!;
}

/** The text of a cell's value, or what keeps it from having one. */
function cellText(value: ExcelJS.CellValue): string | { problem: string } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { problem: '日付として扱えない値です' } : dateText(value);
  }
  if ('error' in value) return { problem: `セルがエラー（${value.error}）になっています。Excel で値を直してから読み込んでください` };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  // exceljs may hold a link's text as rich text, whatever its types say.
  if ('hyperlink' in value) return cellText(value.text);
  if (value.result === undefined) {
    return { problem: '数式の結果がありません（Excel で開いて保存し直すと、結果もファイルに保存されます）' };
  }
  return cellText(value.result);
}

/** A date cell's day, with its time of day when it has one. */
function dateText(value: Date): string {
  // exceljs gives the UTC instant of what the cell shows, so the UTC fields are Excel's.
  const iso = new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
  const day = iso.slice(0, 10);
  const time = iso.endsWith(':00.000Z') ? iso.slice(11, 16) : iso.slice(11, 19);
  if (day === '1899-12-30') return time; // serial below 1: a time with no date
  return time === '00:00' ? day : `${day} ${time}`;
}

// ---------------------------------------------------------------- CSV

function readCsv(bytes: Uint8Array, fileName: string, sink?: RowSink, wanted?: HeaderWanted): Table {
  const source: Source = { fileName, sheetName: null };
  const { text, encoding } = decode(bytes, fileName);
  const headerLine = /^.*\S.*$/m.exec(text)?.[0] ?? '';
  // Excel's 「テキスト (タブ区切り)」 uses tabs; a comma anywhere in the header means CSV.
  const delimiter = headerLine.includes('\t') && !headerLine.includes(',') ? '\t' : ',';
  const table = tableBuilder(source, { fileName, format: 'csv', encoding, sheetName: null }, sink, wanted);
  sink?.text(text);
  parseDelimited(text, delimiter, source, table.add);
  return table.finish();
}

function decode(bytes: Uint8Array, fileName: string): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  if (UTF16_BOMS.some((bom) => startsWith(bytes, bom))) {
    throw badRequest(
      `「${fileName}」は UTF-16（Excel の「Unicode テキスト」）で保存されています。` +
        'Excel で開き、「CSV UTF-8 (コンマ区切り)」として保存し直してください',
    );
  }
  // The decoder drops the BOM itself; without one, a strict UTF-8 reading
  // that succeeds is UTF-8 (Shift_JIS text almost never is valid UTF-8).
  const decoded = startsWith(bytes, UTF8_BOM)
    ? { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' as const }
    : (strictDecode(bytes, 'utf-8') ?? strictDecode(bytes, 'shift_jis'));
  // Node's shift_jis is Windows-31J, so CP932's ① and 髙 decode too. Control
  // characters mean a binary file that happened to decode.
  if (decoded === null || /[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(decoded.text)) {
    throw badRequest(
      `「${fileName}」は表として読めません（Excel ブックでも、UTF-8・Shift_JIS の CSV ファイルでもありません）。` +
        'Excel ブック（.xlsx）か CSV ファイルを選んでください',
    );
  }
  return decoded;
}

function strictDecode<E extends 'utf-8' | 'shift_jis'>(bytes: Uint8Array, encoding: E): { text: string; encoding: E } | null {
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    return null;
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * RFC 4180 records, numbered as Excel numbers rows: a line break inside quotes
 * stays in its cell and does not start a new row. CRLF, LF and CR all end a
 * record. Like Excel, text after a closing quote is kept as it is. Each record
 * goes to `visit` as it is read, with where each unquoted cell begins in `text`.
 */
function parseDelimited(text: string, delimiter: ',' | '\t', source: Source, visit: (row: TableRow, at: number[]) => void): void {
  const delimiterCode = delimiter.charCodeAt(0);
  const endOfField = (from: number): number => {
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === delimiterCode || c === CR || c === LF) break;
      i++;
    }
    return i;
  };
  let rowNumber = 1;
  let cells: string[] = [];
  let at: number[] = [];
  let count = 0;
  let i = 0;
  for (;;) {
    let value = '';
    const start = i;
    if (text.charCodeAt(i) === QUOTE) {
      for (let from = i + 1; ; ) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          throw badRequest(
            `「${source.fileName}」の ${rowNumber}行目: 引用符（"）が閉じられていません。ファイルの最後まで探しても閉じる " がありません`,
          );
        }
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== QUOTE) {
          i = close + 1;
          break;
        }
        value += '"';
        from = close + 2;
      }
    }
    const end = endOfField(i);
    cells.push(value + text.slice(i, end));
    at.push(i === start ? start : -1);
    if (++count > WORKBOOK_LIMITS.cells) throw tooManyCells(source.fileName, WORKBOOK_LIMITS);
    i = end;
    if (text.charCodeAt(i) === delimiterCode) {
      i++;
      continue;
    }
    visit({ rowNumber, cells }, at);
    rowNumber += 1;
    cells = [];
    at = [];
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (i >= text.length) return; // a final line break does not start a row
  }
}

// ---------------------------------------------------------------- both

/**
 * Which of the first rows with text is the header: the first with every
 * required column (`complete`), else the one with the most of them, else the
 * first. `found` counts its required columns. Null for no rows.
 */
export function headerRow(
  rows: readonly TableRow[],
  wanted: HeaderWanted | undefined,
): { index: number; complete: boolean; found: number } | null {
  if (rows.length === 0) return null;
  if (!wanted) return { index: 0, complete: true, found: 0 };
  const required = wanted.required.map((names) => new Set(names.map(searchKey)));
  let best = { index: 0, complete: false, found: 0 };
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const keys = new Set(rows[index]!.cells.map(searchKey));
    const found = required.filter((names) => [...names].some((name) => keys.has(name))).length;
    if (found === required.length) return { index, complete: true, found };
    if (found > best.found) best = { index, complete: false, found };
  }
  return best;
}

/** Whether a row's cells are as many as `shape` says (blank ones at the end aside) and each matches its pattern. */
function hasShape(cells: readonly string[], shape: readonly string[]): boolean {
  let width = cells.length;
  while (cells[width - 1] === '') width--;
  return width === shape.length && shape.every((pattern, i) => new RegExp(pattern).test(cells[i]!));
}

/**
 * The header is the first row with any text, or the one `wanted` finds among
 * the first rows with text (headerRow; the rows above it are passed over);
 * empty header cells at its end are dropped, and data rows are cut or padded
 * to its width — refusing to drop a value that has no header above it. Rows
 * are added one at a time, each with where its cells stand in a CSV file's
 * text (null for a workbook), and go to `sink` when there is one.
 */
function tableBuilder(
  source: Source,
  about: Pick<Table, 'fileName' | 'format' | 'encoding' | 'sheetName'>,
  sink: RowSink | undefined,
  wanted?: HeaderWanted,
): { add: (row: TableRow, at: readonly number[] | null) => void; finish: () => Table } {
  let header: string[] | null = null;
  let headerRowNumber = 0;
  const rows: TableRow[] = [];
  /** The rows with text while the header is not yet known: a complete header ends the wait, or HEADER_SEARCH_ROWS rows. */
  const waiting: { row: TableRow; raw: TableRow; at: readonly number[] | null }[] = [];
  let partial = false;
  const takeHeader = ({ rowNumber, cells }: TableRow) => {
    let width = cells.length;
    while (cells[width - 1] === '') width--;
    header = cells.slice(0, width);
    // Data cells are checked by the importer, row by row; a header is the file's own.
    header.forEach((cell, column) => {
      const problem = forbiddenCharProblem(cell);
      if (problem !== null)
        throw badRequest(`${at(source, rowNumber, column)}（見出し）: ${problem}。Excel でその文字を消してから読み込み直してください`);
    });
    headerRowNumber = rowNumber;
  };
  /** Settles the header among the rows waiting; the rows after it are data. */
  const settle = (complete: boolean) => {
    const found = headerRow(
      waiting.map((w) => w.row),
      wanted,
    );
    if (found === null || (!complete && !found.complete && waiting.length < HEADER_SEARCH_ROWS)) return;
    const after = waiting.splice(0).slice(found.index);
    takeHeader(after[0]!.row);
    // Without every column wanted the importer refuses the file, saying what the header lacks: a value past its end is
    // not what to tell first.
    partial = !found.complete;
    for (const w of after.slice(1)) data(w.row, w.raw, w.at);
  };
  const add = (raw: TableRow, rawAt: readonly number[] | null) => {
    // trim() also removes the full-width space U+3000; a CSV cell we wrote gets back the text before its ' (see inert.ts).
    // The raw row's own array when no cell changes (most rows), not a second one for each row of a long file.
    let cells = raw.cells;
    let blank = true;
    for (let c = 0; c < raw.cells.length; c++) {
      const cell = raw.cells[c]!;
      const read = about.format === 'csv' ? fromInertText(cell.trim()) : cell.trim();
      if (read !== cell) {
        if (cells === raw.cells) cells = raw.cells.slice();
        cells[c] = read;
      }
      if (read !== '') blank = false;
    }
    if (blank) return;
    if (header === null && waiting.length === 0 && wanted?.headerless && hasShape(cells, wanted.headerless.shape)) {
      takeHeader({ rowNumber: 0, cells: [...wanted.headerless.header] });
      data({ rowNumber: raw.rowNumber, cells }, raw, rawAt);
      return;
    }
    if (header === null) {
      waiting.push({ row: { rowNumber: raw.rowNumber, cells }, raw, at: rawAt });
      settle(false);
      return;
    }
    data({ rowNumber: raw.rowNumber, cells }, raw, rawAt);
  };
  const data = ({ rowNumber, cells }: TableRow, { cells: rawCells }: TableRow, rawAt: readonly number[] | null) => {
    if (header === null) return;
    for (let column = header.length; column < cells.length; column++) {
      if (cells[column] !== '' && !partial) {
        throw badRequest(
          `${at(source, rowNumber, column)}: 見出しのない列に値「${cells[column]}」があります。` +
            `見出しの行（${headerRowNumber}行目）に列名を入れるか、この値を消してください`,
        );
      }
    }
    while (cells.length < header.length) cells.push('');
    cells.length = header.length;
    if (!sink) {
      rows.push({ rowNumber, cells });
      return;
    }
    // A trimmed cell is a piece of its raw cell, so it is found in it; a row none of whose cells changed (nor was padded)
    // stands where its raw cells do.
    const cellsAt =
      rawAt &&
      (cells === rawCells && rawAt.length >= cells.length
        ? rawAt
        : cells.map((cell, c) => {
            const within = rawAt[c] !== undefined && rawAt[c] >= 0 ? rawCells[c]!.indexOf(cell) : -1;
            return within < 0 ? -1 : rawAt[c]! + within;
          }));
    sink.row(rowNumber, cells, cellsAt);
  };
  const finish = (): Table => {
    if (header === null) settle(true);
    if (header === null) {
      const where = source.sheetName === null ? `「${source.fileName}」` : `「${source.fileName}」のシート「${source.sheetName}」`;
      throw badRequest(`${where}にデータがありません`);
    }
    return { ...about, header, headerRowNumber, rows };
  };
  return { add, finish };
}

function at(source: Source, rowNumber: number, index0: number): string {
  const where = source.sheetName === null ? `「${source.fileName}」の` : `「${source.fileName}」シート「${source.sheetName}」の`;
  return `${where} ${rowNumber}行目 ${columnLetter(index0)}列`;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function badRequest(message: string): RenkeiError {
  return new RenkeiError('bad_request', message);
}
