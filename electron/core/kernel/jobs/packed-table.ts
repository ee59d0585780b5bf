/**
 * A table kept packed: its cells as pieces of one string (where each starts,
 * how long it is), and its row numbers, in typed arrays that are handed over
 * from the reader worker rather than copied. Cloned as it was, the national
 * list was 97,000 objects and 485,000 strings serialised in the worker and
 * built again in the core, with both copies alive at the peak of an import. A
 * CSV file is packed as it is read: its cells point into the file's own
 * decoded text, so no string per cell and no second copy of the text is held
 * (the national list's worker peaked ~100 MiB higher). The importer takes the
 * rows one at a time (PackedRows), so they are never all objects either: as
 * an array of rows the national list was 28 MiB besides its text.
 */
import { type ReadOptions, type RowSink, readTable, type Table, type TableRow, type TableRows } from '@core/tabular/read';
import { hasForbiddenChar } from '@shared/text/controls';

export interface PackedTable extends Omit<Table, 'rows'> {
  /** Each row's number as the user sees it. */
  rowNumbers: Int32Array<ArrayBuffer>;
  /** How many cells each row has. */
  widths: Int32Array<ArrayBuffer>;
  /** Where each cell begins in `text`, row after row. */
  starts: Int32Array<ArrayBuffer>;
  /** Each cell's length in `text`, row after row. */
  lengths: Int32Array<ArrayBuffer>;
  /** Every cell's characters. */
  text: string;
}

/** Int32s appended one at a time, in a buffer that doubles as it fills. */
class Int32List {
  private values = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  /** Exactly the values pushed, in the buffer they were pushed into (a copy was ~5 MiB more at the national list's peak). */
  take(): Int32Array<ArrayBuffer> {
    return this.values.subarray(0, this.length);
  }
}

/**
 * Packs rows as the reader gives them (a RowSink): a cell that is a piece of
 * the text it was given is kept as where it stands (taken from the reader as
 * told: comparing each of the national list's 480,000 cells with the text
 * again was ~10 ms); any other cell (one that was quoted, a workbook's) is
 * added after that text.
 */
export class TablePacker implements RowSink {
  private source = '';
  private readonly extra: string[] = [];
  private extraLength = 0;
  private readonly rowNumbers = new Int32List();
  private readonly widths = new Int32List();
  private readonly starts = new Int32List();
  private readonly lengths = new Int32List();

  text(text: string): void {
    this.source = text;
  }

  row(rowNumber: number, cells: readonly string[], at: readonly number[] | null): void {
    this.rowNumbers.push(rowNumber);
    this.widths.push(cells.length);
    for (let c = 0; c < cells.length; c += 1) {
      const cell = cells[c]!;
      const from = at?.[c] ?? -1;
      if (cell === '' || from >= 0) {
        this.starts.push(cell === '' ? 0 : from);
      } else {
        this.starts.push(this.source.length + this.extraLength);
        this.extra.push(cell);
        this.extraLength += cell.length;
      }
      this.lengths.push(cell.length);
    }
  }

  /** The table read (its rows left empty by the reader) packed with the rows given, and the buffers to hand over. */
  finish({ rows: _rows, ...rest }: Table): { packed: PackedTable; transfer: ArrayBuffer[] } {
    const packed: PackedTable = {
      ...rest,
      rowNumbers: this.rowNumbers.take(),
      widths: this.widths.take(),
      starts: this.starts.take(),
      lengths: this.lengths.take(),
      text: this.source + this.extra.join(''),
    };
    return { packed, transfer: [packed.rowNumbers.buffer, packed.widths.buffer, packed.starts.buffer, packed.lengths.buffer] };
  }
}

/** A table already read, packed for the trip. */
export function packTable(table: Table): { packed: PackedTable; transfer: ArrayBuffer[] } {
  const packer = new TablePacker();
  for (const row of table.rows) packer.row(row.rowNumber, row.cells, null);
  return packer.finish(table);
}

/**
 * A user's file read and packed as it is read (readTable with a TablePacker).
 * @example const { packed, transfer } = await readPacked(bytes, '一覧.csv');
 */
export async function readPacked(
  bytes: Uint8Array,
  fileName: string,
  options: Omit<ReadOptions, 'rows'> = {},
): Promise<{ packed: PackedTable; transfer: ArrayBuffer[] }> {
  const packer = new TablePacker();
  return packer.finish(await readTable(bytes, fileName, { ...options, rows: packer }));
}

/** A packed table's rows, each made (its cells cut from the text) when asked for. */
class PackedRows implements TableRows {
  /** Where each row's first cell is in `starts` and `lengths`. */
  private readonly firsts: Int32Array;
  /** Every cell is a piece of the text, so the whole text is checked once (the national list's cells one by one: 30 ms). */
  readonly clean: boolean;

  constructor(private readonly packed: Omit<PackedTable, keyof Table>) {
    this.clean = !hasForbiddenChar(packed.text);
    this.firsts = new Int32Array(packed.rowNumbers.length);
    for (let i = 1; i < this.firsts.length; i += 1) this.firsts[i] = this.firsts[i - 1]! + packed.widths[i - 1]!;
  }

  get length(): number {
    return this.packed.rowNumbers.length;
  }

  at(index: number): TableRow | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const { rowNumbers, widths, starts, lengths, text } = this.packed;
    const first = this.firsts[index]!;
    const cells: string[] = new Array(widths[index]!);
    for (let c = 0; c < cells.length; c += 1) cells[c] = text.slice(starts[first + c]!, starts[first + c]! + lengths[first + c]!);
    return { rowNumber: rowNumbers[index]!, cells };
  }
}

/** The table again, its rows taken one at a time from the packed cells. */
export function unpackTable({ rowNumbers, widths, starts, lengths, text, ...rest }: PackedTable): Table<TableRows> {
  return { ...rest, rows: new PackedRows({ rowNumbers, widths, starts, lengths, text }) };
}
