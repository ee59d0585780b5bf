/**
 * A table packed for the trip from the reader worker to the core: its cells
 * as pieces of one string (where each starts, how long it is), and its row
 * numbers, in typed arrays that are handed over rather than copied. Cloned as
 * it was, the national list was 97,000 objects and 485,000 strings serialised
 * in the worker and built again in the core, with both copies alive at the
 * peak of an import. A CSV file is packed as it is read: its cells point into
 * the file's own decoded text, so the worker holds no string per cell and no
 * second copy of the text (the national list's worker peaked ~100 MiB higher).
 */
import type { RowSink, Table, TableRow } from '@core/tabular/read';

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

  /** Exactly the values pushed, in a buffer of their own. */
  take(): Int32Array<ArrayBuffer> {
    return this.values.slice(0, this.length);
  }
}

/**
 * Packs rows as the reader gives them (a RowSink): a cell that is a piece of
 * the text it was given is kept as where it stands; any other cell (one that
 * was quoted, a workbook's) is added after that text.
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
    cells.forEach((cell, c) => {
      const from = at?.[c] ?? -1;
      if (cell === '' || (from >= 0 && this.source.startsWith(cell, from))) {
        this.starts.push(cell === '' ? 0 : from);
      } else {
        this.starts.push(this.source.length + this.extraLength);
        this.extra.push(cell);
        this.extraLength += cell.length;
      }
      this.lengths.push(cell.length);
    });
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

/** The table again, on the core's side. */
export function unpackTable({ rowNumbers, widths, starts, lengths, text, ...rest }: PackedTable): Table {
  const rows: TableRow[] = new Array(rowNumbers.length);
  let cell = 0;
  for (let i = 0; i < rowNumbers.length; i += 1) {
    const cells: string[] = new Array(widths[i]!);
    for (let c = 0; c < cells.length; c += 1) {
      const start = starts[cell]!;
      cells[c] = text.slice(start, start + lengths[cell]!);
      cell += 1;
    }
    rows[i] = { rowNumber: rowNumbers[i]!, cells };
  }
  return { ...rest, rows };
}
