import { describe, expect, it } from 'vitest';
import type { Table } from '@core/tabular/read';
import { packTable, unpackTable } from './packed-table';

describe('a table packed for the trip from the reader worker', () => {
  it('comes back cell for cell: empty cells, rows of other widths, characters outside the BMP, gaps in row numbers', () => {
    const table: Table = {
      fileName: '一覧.csv',
      format: 'csv',
      encoding: 'utf-8',
      sheetName: null,
      header: ['コード', '名称', '所在地'],
      headerRowNumber: 1,
      rows: [
        { rowNumber: 2, cells: ['1510000001', '𠮷野家クリニック', '新潟市中央区１－２'] },
        { rowNumber: 5, cells: ['', '', ''] },
        { rowNumber: 6, cells: ['1510000002', '"引用",\n改行', ''] },
        { rowNumber: 7, cells: [] },
      ],
      digest: 'abc',
    };
    const { packed, transfer } = packTable(table);
    expect(transfer).toHaveLength(3);
    expect(unpackTable(structuredClone(packed))).toEqual(table);
    expect(unpackTable(packTable({ ...table, rows: [] }).packed)).toEqual({ ...table, rows: [] });
  });
});
