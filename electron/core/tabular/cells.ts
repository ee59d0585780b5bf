/**
 * Workbooks read into plain cell values, sheet by sheet: what a reader that
 * looks at cells by address (a returned survey form) needs, in a shape that
 * crosses from a worker thread to the core. Each workbook passes the zip
 * guard first; a batch's cells count against one import's limit together.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './read';
import { checkWorkbook, tooManyCells, WORKBOOK_LIMITS } from './zip-guard';

export interface SheetCells {
  name: string;
  /** The sheet still carries Excel's protection. */
  protected: boolean;
  /** The last row with anything in it. */
  rowCount: number;
  /** Non-empty cells by cellKey(row, column); a merged range's cells all give its first cell's value. */
  cells: Map<number, ExcelJS.CellValue>;
  /** The merged ranges, 1-based and inclusive. */
  merges: CellRange[];
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Bytes no reader here opens: a workbook saved with a password, one in the old .xls format (both compound files), or neither. */
export type UnreadableFormat = 'encrypted' | 'legacy' | 'other';

/** One file of a batch: its sheets, bytes no Excel reader can open, or why it is too large to read. */
export type WorkbookCells =
  | { kind: 'read'; sheets: SheetCells[] }
  | { kind: 'unreadable'; format: UnreadableFormat }
  | { kind: 'refused'; refusal: string };

/** The signature every OLE compound file starts with. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an encrypted .xlsx keeps its package in, as its directory names it (UTF-16LE, anywhere in the file). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** What bytes that are no .xlsx are, so the user is told what to do with them. */
export function unreadableFormat(bytes: Uint8Array): UnreadableFormat {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE)) return 'other';
  return buffer.includes(ENCRYPTED_PACKAGE) ? 'encrypted' : 'legacy';
}

/** Excel has at most 16,384 columns. */
const MAX_COLUMNS = 16_384;
const cellKey = (row: number, column: number) => row * MAX_COLUMNS + column;

/** A cell's value by its 1-based row and column; null when empty. */
export function cellValue(sheet: SheetCells, row: number, column: number): ExcelJS.CellValue {
  return sheet.cells.get(cellKey(row, column)) ?? null;
}

/** Every non-empty cell of a sheet, row by row, left to right. */
export function filledCells(sheet: SheetCells): { row: number; col: number; value: ExcelJS.CellValue }[] {
  return [...sheet.cells]
    .sort(([a], [b]) => a - b)
    .map(([key, value]) => ({ row: Math.floor(key / MAX_COLUMNS), col: key % MAX_COLUMNS, value }));
}

async function readOne(bytes: Uint8Array, fileName: string, cellsBefore: number): Promise<{ read: WorkbookCells; cells: number }> {
  let cells = 0;
  try {
    const checked = await checkWorkbook(bytes, fileName);
    if (checked === null) return { read: { kind: 'unreadable', format: unreadableFormat(bytes) }, cells };
    cells = checked.cells;
  } catch (error) {
    return { read: { kind: 'refused', refusal: (error as Error).message }, cells };
  }
  // Together the files of one batch may hold no more cells than one import.
  if (cellsBefore + cells > WORKBOOK_LIMITS.cells) throw tooManyCells(fileName, WORKBOOK_LIMITS, true);
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    return { read: { kind: 'unreadable', format: unreadableFormat(bytes) }, cells };
  }
  const sheets = workbook.worksheets.map((sheet): SheetCells => {
    const values = new Map<number, ExcelJS.CellValue>();
    sheet.eachRow((row, r) => row.eachCell((cell, c) => values.set(cellKey(r, c), cell.value)));
    // exceljs keeps the <sheetProtection> element it read (not in its types); Excel drops it when protection is removed.
    const isProtected = (sheet as unknown as { sheetProtection: object | null }).sheetProtection != null;
    // exceljs keeps the ranges by their first cell (not in its types either).
    const merges = Object.values((sheet as unknown as { _merges: Record<string, { model: CellRange }> })._merges).map(
      ({ model: { top, left, bottom, right } }) => ({ top, left, bottom, right }),
    );
    return { name: sheet.name, protected: isProtected, rowCount: sheet.rowCount, cells: values, merges };
  });
  return { read: { kind: 'read', sheets }, cells };
}

/**
 * Reads each file's cells; a file too large or not a workbook is reported as
 * such and the others are read. Throws (a RenkeiError) only when the files
 * together hold more cells than one import takes.
 * @example const [form] = await readWorkbookCells([{ fileName: '調査票.xlsx', bytes }])
 */
export async function readWorkbookCells(
  files: readonly { fileName: string; bytes: Uint8Array }[],
  onFile?: (done: number) => void,
  /** Filled with each file's cell count, for a batch read in parts (see tooManyCellsIn). */
  counts?: number[],
): Promise<WorkbookCells[]> {
  const out: WorkbookCells[] = [];
  let cells = 0;
  for (const file of files) {
    const one = await readOne(file.bytes, file.fileName, cells);
    cells += one.cells;
    counts?.push(one.cells);
    out.push(one.read);
    onFile?.(out.length);
  }
  return out;
}

/**
 * The refusal a batch read in parts earns when its files together hold more
 * cells than one import takes (each part was held to the limit alone): the
 * file named is the one past which the batch is over, as readWorkbookCells
 * names it; null when the batch is within the limit.
 */
export function tooManyCellsIn(files: readonly { fileName: string }[], counts: readonly number[]) {
  let cells = 0;
  for (const [i, file] of files.entries()) {
    cells += counts[i] ?? 0;
    if (cells > WORKBOOK_LIMITS.cells) return tooManyCells(file.fileName, WORKBOOK_LIMITS, true);
  }
  return null;
}
