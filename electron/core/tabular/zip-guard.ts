/**
 * The gate every user's workbook passes before exceljs sees it. A .xlsx is a
 * zip, and a few MB of zip can unpack to gigabytes (a "zip bomb"), which the
 * Excel reader would build in memory whole. The zip's own table of contents
 * (the central directory) is read first and a workbook over the limits is
 * refused from what it declares; then every part is inflated as a stream with
 * only a running count kept — never the bytes — so a file whose headers lie
 * is refused as soon as it outgrows what it declared, and its cells are
 * counted on the way.
 */
import zlib from 'node:zlib';
import { RenkeiError } from '@shared/contract/errors';
import { formatBytes, formatNumber } from '@shared/format';

export interface WorkbookLimits {
  /** All parts of the workbook, unpacked. */
  totalBytes: number;
  /** One part (a sheet's XML, the shared strings), unpacked. */
  entryBytes: number;
  /** Parts in the zip. */
  entries: number;
  /** Cells over all sheets of one import (a survey batch counts all its files). */
  cells: number;
}

const MB = 1024 * 1024;

/**
 * Room for the national institution list (97,024 rows, ~10 MB as CSV) with
 * 30 columns, and for 2,000 returned survey forms, while a workbook that
 * would take gigabytes of memory is refused. A 100,000 × 30 sheet is about
 * 120 MB of XML and 3,000,000 cells.
 */
export const WORKBOOK_LIMITS: WorkbookLimits = { totalBytes: 300 * MB, entryBytes: 200 * MB, entries: 1_000, cells: 3_000_000 };

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The unpacked size the zip declares (may lie). */
  size: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
  /** Where the entry's record in the central directory starts. */
  centralOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** zip64 marks a size or count too large for the classic fields; no workbook we accept needs it. */
const ZIP64_32 = 0xffffffff;
const ZIP64_16 = 0xffff;

/**
 * The entries a zip declares in its central directory, or null when the bytes
 * have no readable central directory (not a zip, or a damaged one). Sizes of
 * zip64 entries are given as Infinity, so any limit refuses them.
 * @example zipEntries(fs.readFileSync('book.xlsx'))?.map((e) => e.name) // ['[Content_Types].xml', …]
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes, followed by a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === ZIP64_16 || directoryOffset === ZIP64_32)
    return [{ name: '', method: 0, compressedSize: Infinity, size: Infinity, headerOffset: 0, centralOffset: directoryOffset }];
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return null;
    const nameLength = view.getUint16(at + 28, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const zip64 = compressedSize === ZIP64_32 || size === ZIP64_32;
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: zip64 ? Infinity : compressedSize,
      size: zip64 ? Infinity : size,
      headerOffset: view.getUint32(at + 42, true),
      centralOffset: at,
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** A sheet's XML, where the cells are. */
const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;
/** A cell element: <c r="A1" …>, <c>, or an empty <c/>; not <col> or <cfRule>. */
const CELL_OPEN = Buffer.from('<c');
const AFTER_CELL_OPEN = new Set([0x20, 0x3e, 0x2f, 0x09, 0x0a, 0x0d]);

export interface WorkbookCheck {
  /** Cells over all sheets. */
  cells: number;
}

/**
 * Refuses a workbook over the limits, before anything builds it in memory:
 * first from the sizes and count its zip declares, then by inflating each
 * part as a stream and counting (bytes and cells), so a part that unpacks to
 * more than it declares is refused as soon as it passes that. Returns the
 * workbook's cell count. Bytes that are not a readable zip are let through
 * (null), for the reader to say what they are.
 * @example await checkWorkbook(bytes, '施設.xlsx') // { cells: 2_100_000 }
 */
export async function checkWorkbook(
  bytes: Uint8Array,
  fileName: string,
  options: { limits?: WorkbookLimits; cellsBefore?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<WorkbookCheck | null> {
  const limits = options.limits ?? WORKBOOK_LIMITS;
  const entries = zipEntries(bytes);
  if (entries === null) return null;
  if (entries.length > limits.entries) {
    throw tooLarge(
      `ファイル「${fileName}」はブックの中の部品（シート・画像など）が ${formatNumber(entries.length)} 個あり、取り込める数（${formatNumber(limits.entries)} 個）を超えるため取り込めません。不要なシートや画像を削除してから保存し直してください。`,
    );
  }
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  const biggest = entries.reduce((max, e) => Math.max(max, e.size), 0);
  if (declared > limits.totalBytes) throw overTotal(fileName, declared, limits);
  if (biggest > limits.entryBytes) throw overEntry(fileName, biggest, limits);

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cellsBefore = options.cellsBefore ?? 0;
  let cells = 0;
  let done = 0;
  for (const entry of entries) {
    const at = entry.headerOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) return null;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    // A stored part is its own bytes (some writers store rather than deflate); anything else is for exceljs to refuse.
    if (entry.method === 0) {
      if (data.length !== entry.size) throw lying(fileName);
      cells += SHEET_PART.test(entry.name) ? countCells(Buffer.from(data.buffer, data.byteOffset, data.byteLength)) : 0;
      if (cellsBefore + cells > limits.cells) throw tooManyCells(fileName, limits, cellsBefore > 0);
      done += entry.size;
      continue;
    }
    if (entry.method !== 8) continue;
    const counted = await inflateCounting(data, entry.size, SHEET_PART.test(entry.name), limits.cells - cellsBefore - cells);
    if (counted === 'overflow') throw lying(fileName);
    if (counted === 'cells') throw tooManyCells(fileName, limits, cellsBefore > 0);
    if (counted === null) return null;
    cells += counted.cells;
    done += entry.size;
    options.onProgress?.(done, declared);
  }
  return { cells };
}

/** Cells that open before `end` in a piece of a sheet's XML. */
function countCells(text: Buffer, end = text.length - 2): number {
  let cells = 0;
  for (let i = text.indexOf(CELL_OPEN); i >= 0 && i < end; i = text.indexOf(CELL_OPEN, i + 2)) {
    if (AFTER_CELL_OPEN.has(text[i + 2]!)) cells += 1;
  }
  return cells;
}

type Counted = { cells: number } | 'overflow' | 'cells' | null;

/** Inflates one part chunk by chunk, keeping only counts; stops at the first byte past `declared` or the cell past `cellsLeft`. */
function inflateCounting(data: Uint8Array, declared: number, inSheet: boolean, cellsLeft: number): Promise<Counted> {
  return new Promise((resolve) => {
    const inflater = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    let size = 0;
    let cells = 0;
    let carry: Buffer = Buffer.alloc(0);
    const stop = (outcome: Counted) => {
      inflater.removeAllListeners('data');
      inflater.destroy();
      resolve(outcome);
    };
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > declared) return stop('overflow');
      if (!inSheet) return;
      const text = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      // The last two bytes may start a cell the next chunk finishes.
      const end = text.length - 2;
      cells += countCells(text, end);
      if (cells > cellsLeft) return stop('cells');
      carry = text.subarray(Math.max(0, end));
    });
    inflater.on('end', () => resolve(size === declared ? { cells } : 'overflow'));
    inflater.on('error', () => resolve(null));
    inflater.end(data);
  });
}

function tooLarge(message: string): RenkeiError {
  return new RenkeiError('bad_request', message);
}

function overTotal(fileName: string, size: number, limits: WorkbookLimits): RenkeiError {
  return tooLarge(
    `ファイル「${fileName}」は展開すると ${sizeText(size)} になり、取り込める大きさ（${formatBytes(limits.totalBytes)}）を超えるため取り込めません。シートを分けるか、不要なシートを削除してから保存し直してください。`,
  );
}

function overEntry(fileName: string, size: number, limits: WorkbookLimits): RenkeiError {
  return tooLarge(
    `ファイル「${fileName}」は展開すると1つのシートが ${sizeText(size)} になり、取り込める大きさ（1シート ${formatBytes(limits.entryBytes)}）を超えるため取り込めません。シートを分けるか、使っていない行・列を削除してから保存し直してください。`,
  );
}

/** A file (or, in a batch, the files up to it) with more cells than one import takes. */
export function tooManyCells(fileName: string, limits: WorkbookLimits, batch = false): RenkeiError {
  return tooLarge(
    batch
      ? `ファイル「${fileName}」までで、セルの数が一度に取り込める数（${formatNumber(limits.cells)} 個）を超えるため取り込めません。ファイルを何回かに分けて取り込んでください。`
      : `ファイル「${fileName}」はセルが ${formatNumber(limits.cells)} 個を超え、一度に取り込める数を超えるため取り込めません。行をいくつかのファイルに分けて取り込むか、不要なシートや列を削除してから保存し直してください。`,
  );
}

function lying(fileName: string): RenkeiError {
  return tooLarge(
    `ファイル「${fileName}」は中身が記録された大きさと違うため取り込めません（壊れているか、細工されたファイルです）。Excel で開けるなら「Excel ブック（.xlsx）」として保存し直してください。心当たりのないファイルは開かずに削除してください。`,
  );
}

function sizeText(size: number): string {
  return Number.isFinite(size) ? formatBytes(size) : '4 GB 以上';
}
