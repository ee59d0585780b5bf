/**
 * A table packed for the trip from the reader worker to the core: its cells
 * as one string with their lengths, and its row numbers, in typed arrays
 * that are handed over rather than copied. Cloned as it was, the national
 * list was 97,000 objects and 485,000 strings serialised in the worker and
 * built again in the core, with both copies alive at the peak of an import.
 */
import type { Table, TableRow } from '@core/tabular/read';

export interface PackedTable extends Omit<Table, 'rows'> {
  /** Each row's number as the user sees it. */
  rowNumbers: Int32Array<ArrayBuffer>;
  /** How many cells each row has. */
  widths: Int32Array<ArrayBuffer>;
  /** Each cell's length in `text`, row after row. */
  lengths: Int32Array<ArrayBuffer>;
  /** Every cell, one after another. */
  text: string;
}

/** The table as the worker posts it, with the buffers to hand over. */
export function packTable({ rows, ...rest }: Table): { packed: PackedTable; transfer: ArrayBuffer[] } {
  const rowNumbers = new Int32Array(rows.length);
  const widths = new Int32Array(rows.length);
  const lengths = new Int32Array(rows.reduce((n, r) => n + r.cells.length, 0));
  const parts: string[] = [];
  let cell = 0;
  rows.forEach((row, i) => {
    rowNumbers[i] = row.rowNumber;
    widths[i] = row.cells.length;
    for (const text of row.cells) {
      lengths[cell] = text.length;
      cell += 1;
      parts.push(text);
    }
  });
  return {
    packed: { ...rest, rowNumbers, widths, lengths, text: parts.join('') },
    transfer: [rowNumbers.buffer, widths.buffer, lengths.buffer],
  };
}

/** The table again, on the core's side. */
export function unpackTable({ rowNumbers, widths, lengths, text, ...rest }: PackedTable): Table {
  const rows: TableRow[] = new Array(rowNumbers.length);
  let at = 0;
  let cell = 0;
  for (let i = 0; i < rowNumbers.length; i += 1) {
    const cells: string[] = new Array(widths[i]!);
    for (let c = 0; c < cells.length; c += 1) {
      const end = at + lengths[cell]!;
      cells[c] = text.slice(at, end);
      at = end;
      cell += 1;
    }
    rows[i] = { rowNumber: rowNumbers[i]!, cells };
  }
  return { ...rest, rows };
}
