/**
 * The import engine every 台帳 kind shares: match the file's headers to the
 * kind's columns, parse every cell, build each record, compare it with the
 * database, and report every row as new / changed / unchanged / error with
 * the file, row and column of each problem. Commit re-reads the same file
 * and applies it in the caller's transaction, refusing any unexcluded error.
 */
import { RenkeiError } from '@shared/contract';
import type { ImportCellError, ImportPreview, ImportResult, ImportRowResult, ImportStatus } from '@shared/contract/common';
import { formatNumber } from '@shared/format';
import { forbiddenCharProblem } from '@shared/text/controls';
import { searchKey } from '@shared/text/normalize';
import type { AuditRecord, CoreServices, MutationContext } from '../kernel/context';
import { dataVersion } from '../kernel/db/engine';
import type { Db, Reader, Trx } from '../kernel/db/schema';
import type { Job } from '../kernel/jobs/job';
import type { UploadedFile } from '../kernel/jobs/offload';
import { readUpload, uploadDigest } from '../kernel/jobs/uploads';
import { CellError } from './fields';
import { columnLetter, HEADER_SEARCH_ROWS, type HeaderWanted, type Table, type TableRows } from './read';
import type { SheetSpec } from './write';

/** The prefecture a template is made for (the 台帳's), whose places its examples name; null before one is chosen. */
export type TemplatePrefecture = { code: string; name: string } | null;

export interface ImportColumn<Ctx> {
  key: string;
  header: string;
  aliases?: readonly string[];
  required?: boolean;
  /** Shown in the template's 記入方法 sheet; one that names a place is the prefecture's own, or neutral (〇〇市). */
  example: string | ((prefecture: TemplatePrefecture) => string);
  width?: number;
  parse(cell: string, ctx: Ctx): unknown;
}

/** A rule across several cells broke; `column` names the cell to point at. */
export class RowError extends Error {
  constructor(
    message: string,
    readonly column?: string,
  ) {
    super(message);
  }
}

export interface Staged<R extends object> {
  rowNumber: number;
  record: R;
  before: R | undefined;
}

export interface ImportKindSpec<R extends object, Ctx> {
  label: string;
  columns: readonly ImportColumn<Ctx>[];
  /** Loads what rows are checked against (existing records, references). */
  prepare(db: Reader, table: Table<TableRows>): Promise<Ctx>;
  /** The record a row's parsed cells make; `rowNumber` is the row's in the file, for a note that names rows. */
  build(cells: Record<string, unknown>, ctx: Ctx, rowNumber: number): R;
  /** What identifies a record: the key compared, and how a duplicate is reported (label, column, shown value). */
  key(record: R): { key: string; label: string; column: string; shown: string };
  display(record: R): string;
  existing(record: R, ctx: Ctx): R | undefined;
  /**
   * Fields compared to decide changed/unchanged, with how to show them, and
   * the column each comes from (when it is not the field's own name): a
   * column missing from the file leaves its field as it was.
   */
  fields: readonly { key: keyof R & string; label: string; column?: string; show?: (value: R[keyof R]) => string }[];
  apply(
    db: Trx,
    staged: Staged<R>[],
    ctx: Ctx,
    audit: (r: AuditRecord) => void,
    bulkInsert: MutationContext['bulkInsert'],
    job: Job,
  ): Promise<void>;
  /**
   * A row the user left as the template gave it (e.g. only the pre-filled
   * name), by its cell texts per column key: skipped, not an error.
   */
  unfilled?(cells: Readonly<Record<string, string>>): boolean;
  /** The column whose cell, as written, names an error row in the preview; `name` by default. */
  nameColumn?: string;
  /** A published list of this kind that has no header row: its columns' names and each cell's shape (HeaderWanted). */
  headerless?: HeaderWanted['headerless'];
  /** Rows that are not the 台帳's own: another prefecture's, in a national list that holds them all. */
  outside?: OutsideRule<Ctx>;
  notes?(staged: Staged<R>[], ctx: Ctx): string[];
  /** Readies what the commit of these checked rows will need, while the preview is read (a worker for a long list). */
  checked?(staged: readonly Staged<R>[]): void;
}

/**
 * How a kind tells a row that is not the 台帳's own, from its cells as written (before they are read, so that a row
 * left out costs nothing and none of its cells can stop the import): every preview counts them; an import asked to
 * take only its own leaves them out as it leaves out excluded rows, and names the first of them.
 */
export interface OutsideRule<Ctx> {
  /** Whose rows are the 台帳's own, e.g. 熊本県; null when it has none yet (no prefecture chosen): then no row is outside. */
  own(ctx: Ctx): string | null;
  /** Whether a row, by its cells' texts per column key, is outside. */
  is(text: (key: string) => string, ctx: Ctx): boolean;
  /** The preview's note on `count` rows outside that would be taken in, saying how they were told. */
  takenNote(count: number, ctx: Ctx): string;
}

/** What an import's header row has — its required columns, by every name each goes by — for the reader to find that row. */
export function headerOf<Ctx>(columns: readonly ImportColumn<Ctx>[], headerless?: HeaderWanted['headerless']): HeaderWanted {
  return { required: columns.filter((c) => c.required).map((c) => [c.header, ...(c.aliases ?? [])]), headerless };
}

/** A stored record as the importer compares it: its fields without the database id. */
export function withoutId<T extends { id: number }>(found: T | undefined): Omit<T, 'id'> | undefined {
  if (!found) return undefined;
  const { id: _id, ...record } = found;
  return record;
}

/** How many rows a preview shows: error rows first, up to their own limit, then the others. */
const PREVIEW_LIMIT = 500;
const ERRORS_SHOWN = 2000;
/** Rows without an error shown however many errors there are, so that the user sees what would go in. */
const OTHERS_SHOWN = 100;

/** A kind's template workbook: its sheet with the headers (and any rows given), and a sheet explaining each column. */
export function importTemplate<R extends object, Ctx>(
  spec: ImportKindSpec<R, Ctx>,
  sheetName: string,
  rows: SheetSpec['rows'] = [],
  prefecture: TemplatePrefecture = null,
): SheetSpec[] {
  return [
    {
      name: sheetName.slice(0, 31),
      columns: spec.columns.map((c) => ({ key: c.key, header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 4) })),
      rows,
    },
    {
      name: '記入方法',
      columns: [
        { key: 'header', header: '列の見出し', width: 20 },
        { key: 'required', header: '必須', width: 6, align: 'center' },
        { key: 'example', header: '記入例', width: 24 },
        { key: 'aliases', header: '同じ意味で使える見出し', width: 50 },
      ],
      rows: spec.columns.map((c) => ({
        header: c.header,
        required: c.required ? '○' : '',
        example: typeof c.example === 'string' ? c.example : c.example(prefecture),
        aliases: (c.aliases ?? []).join('、'),
      })),
    },
  ];
}

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '○' : '×';
  if (Array.isArray(value)) return value.join('、');
  return String(value);
}

interface Evaluated<R extends object, Ctx> {
  counts: Record<ImportStatus, number>;
  /** Every row with an error: all of them block a commit. */
  errors: ImportRowResult[];
  /**
   * The first rows without an error, as many as a preview can show: a row
   * result kept for each of the national list's 96,000 rows was garbage the
   * size of the list.
   */
  others: ImportRowResult[];
  staged: Staged<R>[];
  notes: string[];
  ctx: Ctx;
  /** Rows that repeat an earlier row cell for cell: read past, neither imported nor an error. */
  repeated: number[];
  /** Rows outside the 台帳's own (OutsideRule), and whether they were left out; null when the kind or the 台帳 has no own. */
  outside: ImportPreview['outside'] | null;
}

/** How many repeated rows a note names before it says 「ほか」. */
const REPEATS_NAMED = 10;
/** How many rows left out as outside a note names (each with its name) before it says 「ほか」. */
const OUTSIDE_NAMED = 5;

/**
 * The first rows a note is about, as named, and how many more there are of `total`.
 * @example rowsNamed(['12行目', '15行目'], 27) // '12行目、15行目 ほか 25 行'
 */
export function rowsNamed(named: readonly string[], total: number): string {
  const more = total > named.length ? ` ほか ${formatNumber(total - named.length)} 行` : '';
  return `${named.join('、')}${more}`;
}

function repeatsNote(repeated: readonly number[]): string {
  const named = repeated.slice(0, REPEATS_NAMED).map((n) => `${n}行目`);
  return `前の行とすべての列が同じ行 ${repeated.length} 行は、重ねて取り込まず読み飛ばします（${rowsNamed(named, repeated.length)}）`;
}

/**
 * A 32-bit FNV-1a hash of a row's cells, a step taken at each cell's end; rows that hash alike are compared cell by
 * cell. Signed, so that it is a small integer to V8 (an unsigned one past 2³¹ was a number allocated for every row).
 */
function cellsHash(cells: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i += 1) hash = Math.imul(hash ^ cell.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

const sameCells = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((cell, i) => cell === b[i]);

/**
 * Each row's place by the hash of its cells (cellsHash), to find a row written again: an open-addressing table of two
 * typed arrays, probed linearly, where rows whose cells hash alike sit in turn. A Map of 96,000 hashes (and an array for
 * the rare hash two rows share) was a fifth of checking the national list, most of it in lookups and its growing.
 */
class RowsByHash {
  private readonly hashes: Int32Array;
  /** The row's place + 1; 0 is an empty slot. */
  private readonly places: Int32Array;
  private readonly mask: number;

  constructor(rows: number) {
    let size = 16;
    while (size < rows * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.places = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The place of an earlier row with this hash that `same` finds is `cells`' twin, else -1 (and `place` is added). */
  findOrAdd<T>(hash: number, place: number, cells: T, same: (earlier: number, cells: T) => boolean): number {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.places[slot]!;
      if (stored === 0) {
        this.hashes[slot] = hash;
        this.places[slot] = place + 1;
        return -1;
      }
      if (this.hashes[slot] === hash && same(stored - 1, cells)) return stored - 1;
    }
  }
}

/**
 * Rows checked between two checkpoints of the job (a power of two, for a cheap test): the check of the national list
 * holds the core's thread for seconds, and 中止 (and the progress) is answered only when it lets go. A checkpoint yields
 * at most every 50 ms, so this costs a clock reading per 1,024 rows and a few dozen turns of the event loop.
 */
const ROWS_PER_CHECKPOINT = 1024;

async function evaluate<R extends object, Ctx>(
  db: Reader,
  spec: ImportKindSpec<R, Ctx>,
  table: Table<TableRows>,
  job: Job,
  excluded: ReadonlySet<number> = new Set(),
  leaveOutside = false,
): Promise<Evaluated<R, Ctx>> {
  const fileName = table.fileName;
  const headerKeys = table.header.map((h) => searchKey(h));
  const columnIndex = new Map<string, number>();
  const unknownHeaders: string[] = [];
  table.header.forEach((header, i) => {
    const column = spec.columns.find((c) => [c.header, ...(c.aliases ?? [])].some((name) => searchKey(name) === headerKeys[i]));
    if (!column) {
      if (header !== '') unknownHeaders.push(header);
      return;
    }
    if (columnIndex.has(column.key)) {
      throw new RenkeiError(
        'validation',
        `「${fileName}」の見出し「${header}」（${columnLetter(i)}列）は「${column.header}」の列と重複しています`,
      );
    }
    columnIndex.set(column.key, i);
  });
  const missing = spec.columns.filter((c) => c.required && !columnIndex.has(c.key));
  if (missing.length > 0) {
    const sheet = table.sheetName === null ? '' : `シート「${table.sheetName}」の`;
    const searched = table.sheetsSearched ?? [];
    const where =
      searched.length > 1
        ? `見出しの行は、シート${searched.map((s) => `「${s}」`).join('')}のそれぞれ先頭${HEADER_SEARCH_ROWS}行から探しました。`
        : '';
    throw new RenkeiError(
      'validation',
      `「${fileName}」の${sheet}${table.headerRowNumber}行目（見出し）に必須の列がありません: ${missing.map((c) => `「${c.header}」`).join('、')}。${where}テンプレートの見出しに合わせてください。`,
    );
  }

  const ctx = await spec.prepare(db, table);
  const seen = new Map<string, number>();
  // Every row by a hash of its cells as written: a later row with the same cells is a repeat, read past before it is
  // even parsed. (A set of each row's cells joined into one string held a copy of the whole file's text; holding the
  // row itself kept every row made.)
  const written = new RowsByHash(table.rows.length);
  const repeated: number[] = [];
  const counts: Record<ImportStatus, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  const errorRows: ImportRowResult[] = [];
  const others: ImportRowResult[] = [];
  const staged: Staged<R>[] = [];
  const letterOf = (key: string) => {
    const i = columnIndex.get(key);
    return i === undefined ? '' : columnLetter(i);
  };
  const headerOf = (key: string) => spec.columns.find((c) => c.key === key)?.header ?? '';
  // Each column's place in the row, looked up once, not per cell.
  const places = spec.columns.map((c) => columnIndex.get(c.key));
  // A column the file does not have reads as an empty cell on every row: read once when that gives a plain value (an
  // object could be changed through one record and show in all), not on each of the national list's 96,000 rows.
  const absent = spec.columns.map((column, k) => {
    if (places[k] !== undefined || column.required) return null;
    try {
      const value = column.parse('', ctx);
      return value === null || typeof value !== 'object' ? { value } : null;
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      return null;
    }
  });

  // Each row's parsed cells start as a copy of this: one shape for every row's object, so setting a cell is a plain
  // store, not a change of the object's shape for each of its keys (a fifth of checking a row).
  const cellsShape: Record<string, unknown> = Object.fromEntries(spec.columns.map((c) => [c.key, undefined]));
  const nameColumn = spec.nameColumn ?? 'name';
  let unfilled = 0;
  const own = spec.outside?.own(ctx) ?? null;
  let outside = 0;
  const outsideNamed: string[] = [];
  const { rows } = table;
  // A cell as written, by column key ('' where the file lacks the column): asked of a row only on the rarer paths
  // (unfilled, outside, errors), so no function is made per row.
  const textOf = (row: { cells: readonly string[] }, key: string) => {
    const i = columnIndex.get(key);
    return i === undefined ? '' : (row.cells[i] ?? '');
  };
  const repeats = (earlier: number, cells: readonly string[]) => sameCells(rows.at(earlier)!.cells, cells);
  for (let place = 0; place < rows.length; place += 1) {
    if ((place & (ROWS_PER_CHECKPOINT - 1)) === 0) {
      job.report('内容を確かめています', place, rows.length);
      // Cancelled: ends here (a commit's transaction rolls back).
      await job.checkpoint();
    }
    const row = rows.at(place)!;
    // An excluded row takes no part at all, not even as the first of two duplicates.
    if (excluded.has(row.rowNumber)) continue;
    if (spec.unfilled?.(Object.fromEntries(spec.columns.map((c) => [c.key, textOf(row, c.key)])))) {
      unfilled += 1;
      continue;
    }
    if (own !== null && spec.outside!.is((key) => textOf(row, key), ctx)) {
      outside += 1;
      if (leaveOutside) {
        if (outsideNamed.length < OUTSIDE_NAMED) outsideNamed.push(`${row.rowNumber}行目（${textOf(row, nameColumn)}）`);
        continue;
      }
    }
    if (written.findOrAdd(cellsHash(row.cells), place, row.cells, repeats) >= 0) {
      repeated.push(row.rowNumber);
      continue;
    }
    const errors: ImportCellError[] = [];
    const cells: Record<string, unknown> = { ...cellsShape };
    for (let k = 0; k < spec.columns.length; k += 1) {
      const column = spec.columns[k]!;
      const known = absent[k];
      if (known) {
        cells[column.key] = known.value;
        continue;
      }
      const i = places[k];
      const cell = i === undefined ? '' : (row.cells[i] ?? '');
      if (column.required && cell === '') {
        errors.push({ column: letterOf(column.key), header: column.header, message: `「${column.header}」が空です` });
        continue;
      }
      const forbidden = rows.clean ? null : forbiddenCharProblem(cell);
      if (forbidden !== null) {
        errors.push({
          column: letterOf(column.key),
          header: column.header,
          message: `「${column.header}」の${forbidden}。Excel でその文字を消してから読み込み直してください`,
        });
        continue;
      }
      try {
        cells[column.key] = column.parse(cell, ctx);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        errors.push({ column: letterOf(column.key), header: column.header, message: error.message });
      }
    }
    let record: R | undefined;
    let duplicateOf: number | undefined;
    if (errors.length === 0) {
      try {
        record = spec.build(cells, ctx, row.rowNumber);
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        errors.push({
          column: error.column ? letterOf(error.column) : '',
          header: error.column ? headerOf(error.column) : '',
          message: error.message,
        });
      }
    }
    if (record !== undefined) {
      const { key, label, column, shown } = spec.key(record);
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, row.rowNumber);
      else {
        duplicateOf = earlier;
        errors.push({
          column: letterOf(column),
          header: headerOf(column),
          message: `${earlier}行目と同じ${label}（${shown}）で、内容が違います`,
        });
      }
    }

    if (errors.length > 0 || record === undefined) {
      // The first column names the record (団体コード, 事業番号, センター), the name column what it is called: both as
      // written, so the row can be found.
      counts.error += 1;
      errorRows.push({
        rowNumber: row.rowNumber,
        status: 'error',
        key: textOf(row, spec.columns[0]!.key),
        label: textOf(row, nameColumn),
        changes: [],
        errors,
        ...(duplicateOf === undefined ? {} : { duplicateOf }),
      });
      continue;
    }
    const built = record;
    const before = spec.existing(built, ctx);
    if (before) {
      for (const f of spec.fields) if (!columnIndex.has(f.column ?? f.key)) built[f.key] = before[f.key];
    }
    const changes = before
      ? spec.fields
          .filter((f) => JSON.stringify(before[f.key]) !== JSON.stringify(built[f.key]))
          .map((f) => ({ field: f.label, before: (f.show ?? showValue)(before[f.key]), after: (f.show ?? showValue)(built[f.key]) }))
      : [];
    const status: ImportStatus = !before ? 'new' : changes.length > 0 ? 'changed' : 'unchanged';
    counts[status] += 1;
    if (others.length < PREVIEW_LIMIT)
      others.push({ rowNumber: row.rowNumber, status, key: spec.key(built).shown, label: spec.display(built), changes, errors: [] });
    if (status !== 'unchanged') staged.push({ rowNumber: row.rowNumber, record: built, before });
  }

  spec.checked?.(staged);
  const notes = [...(spec.notes?.(staged, ctx) ?? [])];
  if (outside > 0 && own !== null)
    notes.push(
      leaveOutside
        ? `${own}以外の行 ${formatNumber(outside)} 行は取り込みません（${rowsNamed(outsideNamed, outside)}）`
        : spec.outside!.takenNote(outside, ctx),
    );
  if (unfilled > 0) notes.push(`記入のない行 ${unfilled} 行は取り込みません`);
  if (unknownHeaders.length > 0) notes.push(`次の列は取り込みません: ${unknownHeaders.join('、')}`);
  if (repeated.length > 0) notes.push(repeatsNote(repeated));
  return {
    counts,
    errors: errorRows,
    others,
    staged,
    notes,
    ctx,
    repeated,
    outside: own !== null && outside > 0 ? { own, rows: outside, leftOut: leaveOutside } : null,
  };
}

/**
 * What a preview checked, kept for the commit that usually follows at once:
 * checking the national list is most of an import's work, and the commit of
 * the same file over the same data would find exactly the same. Valid only
 * for the same kind and file (its digest), the same database, no write since
 * by anyone (the core's revision and the data version), and no rows excluded
 * since (exclusions change what duplicates are), the rows outside left out or
 * taken alike; used once.
 */
interface Checked {
  key: string;
  digest: string;
  staged: Staged<object>[];
  ctx: unknown;
  blocking: ImportRowResult[];
  unchanged: number;
  repeated: number[];
  leftOut: number;
}

let lastChecked: Checked | null = null;

/** Where a preview or commit runs, so a commit can reuse its preview's checks. */
export interface CheckedIn {
  /** The import's kind, e.g. 'institutions' or 'fund.projects:3'. */
  kind: string;
  core: CoreServices;
}

async function checkedKey(
  db: Reader,
  digest: string | undefined,
  where: CheckedIn | undefined,
  leaveOutside: boolean,
): Promise<string | null> {
  if (!where || !digest) return null;
  return [where.kind, digest, leaveOutside, where.core.dbPath, where.core.revision, await dataVersion(db as Db)].join('\u0000');
}

/** A file to commit that was not read, because its preview's checks of the very same bytes are kept; read if they no longer hold. */
export interface UnreadTable {
  fileName: string;
  digest: string;
  read(): Promise<Table<TableRows>>;
}

/**
 * The reading step of a commit that can use its preview's checks: the file
 * is read only when no preview of these bytes is kept (checked against the
 * database again at the commit's turn; reading the national list again was a
 * third of the commit and held a second copy of its rows).
 */
export async function readForCommit(
  file: UploadedFile & { excludeRows?: readonly number[] },
  job: Job,
  header?: HeaderWanted,
): Promise<Table<TableRows> | UnreadTable> {
  const digest = uploadDigest(file);
  // Rows excluded after the preview are checked again, so the file is read here, off the write queue, not in the
  // commit's transaction; so is a file whose preview is not kept. (A kept preview made stale by a write meanwhile
  // is the one case read in the transaction.)
  if (lastChecked?.digest === digest && !file.excludeRows?.length)
    return { fileName: file.fileName, digest, read: () => readUpload(file, job, header) };
  return readUpload(file, job, header);
}

function sourceOf(table: Table<TableRows>): string {
  if (table.format === 'xlsx') return `Excel（シート「${table.sheetName}」）`;
  return `CSV（${table.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}）`;
}

export async function previewImport<R extends object, Ctx>(
  db: Reader,
  spec: ImportKindSpec<R, Ctx>,
  table: Table<TableRows>,
  kind: string,
  job: Job,
  where?: CheckedIn,
  leaveOutside = false,
): Promise<ImportPreview> {
  lastChecked = null;
  // Taken before the reading, so a write that lands meanwhile can only make the key stale, never the memo.
  const key = await checkedKey(db, table.digest, where, leaveOutside);
  const { counts, errors, others, notes, staged, ctx, repeated, outside } = await evaluate(db, spec, table, job, new Set(), leaveOutside);
  if (key !== null)
    lastChecked = {
      key,
      digest: table.digest!,
      staged: staged as Staged<object>[],
      ctx,
      blocking: errors,
      unchanged: counts.unchanged,
      repeated,
      leftOut: outside?.leftOut ? outside.rows : 0,
    };
  const shownErrors = errors.slice(0, ERRORS_SHOWN);
  const shown = others.slice(0, Math.max(OTHERS_SHOWN, PREVIEW_LIMIT - shownErrors.length));
  return {
    kind,
    fileName: table.fileName,
    source: sourceOf(table),
    counts,
    rows: [...shownErrors, ...shown].sort((a, b) => a.rowNumber - b.rowNumber),
    errorRows: errors.map((r) => r.rowNumber),
    totalRows: counts.new + counts.changed + counts.unchanged + counts.error,
    notes,
    ...(outside ? { outside } : {}),
  };
}

function countExcluded(rows: TableRows, excluded: ReadonlySet<number>): number {
  let count = 0;
  for (let i = 0; i < rows.length; i += 1) if (excluded.has(rows.at(i)!.rowNumber)) count += 1;
  return count;
}

export async function commitImport<R extends object, Ctx>(
  db: Trx,
  spec: ImportKindSpec<R, Ctx>,
  source: Table<TableRows> | UnreadTable,
  excludeRows: readonly number[],
  audit: (r: AuditRecord) => void,
  bulkInsert: MutationContext['bulkInsert'],
  job: Job,
  where?: CheckedIn,
  leaveOutside = false,
): Promise<ImportResult> {
  const excluded = new Set(excludeRows);
  const key = excluded.size === 0 ? await checkedKey(db, source.digest, where, leaveOutside) : null;
  const memo = key !== null && lastChecked?.key === key ? lastChecked : null;
  lastChecked = null;
  const table = memo ? null : 'read' in source ? await source.read() : source;
  const { staged, ctx, blocking, unchanged, repeated, leftOut } = table
    ? await evaluate(db, spec, table, job, excluded, leaveOutside).then((e) => ({
        ...e,
        blocking: e.errors,
        unchanged: e.counts.unchanged,
        leftOut: e.outside?.leftOut ? e.outside.rows : 0,
      }))
    : { ...memo!, staged: memo!.staged as Staged<R>[], ctx: memo!.ctx as Ctx };
  if (blocking.length > 0) {
    const first = blocking[0]!;
    const detail = first.errors
      .map((e) => `${e.column ? `${e.column}列` : ''}${e.header ? `「${e.header}」` : ''} ${e.message}`.trim())
      .join('／');
    throw new RenkeiError(
      'refused',
      `「${source.fileName}」にはエラーのある行が ${blocking.length} 行あるため取り込めません（${first.rowNumber}行目: ${detail}）。ファイルを直すか、その行を除外してください。何も書き込んでいません。`,
    );
  }
  await spec.apply(db, staged, ctx, audit, bulkInsert, job);
  return {
    created: staged.filter((s) => !s.before).length,
    updated: staged.filter((s) => s.before).length,
    unchanged,
    // A kept preview is used only when no row is excluded; the rows outside left out count as excluded.
    excluded: (table ? countExcluded(table.rows, excluded) : 0) + leftOut,
    repeated: repeated.length,
  };
}
