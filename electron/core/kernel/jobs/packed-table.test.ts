import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable, type Table, type TableRows } from '@core/tabular/read';
import { packTable, TablePacker, unpackTable } from './packed-table';

/** A table whose rows are taken one at a time, with its rows as an array, to compare. */
const withAllRows = ({ rows, ...rest }: Table<TableRows>): Table => ({
  ...rest,
  rows: Array.from({ length: rows.length }, (_, i) => rows.at(i)!),
});

const SJIS_FILE = path.resolve(__dirname, '../../../../../shared/reference/data/localgovjp/localgovjp-20200104-sjis.csv');

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
        { rowNumber: 5, cells: ['1510000002', '"引用",\n改行', ''] },
        { rowNumber: 7, cells: [] },
      ],
      digest: 'abc',
    };
    const { packed, transfer } = packTable(table);
    expect(transfer).toHaveLength(4);
    expect(withAllRows(unpackTable(structuredClone(packed)))).toEqual(table);
    expect(withAllRows(unpackTable(packTable({ ...table, rows: [] }).packed))).toEqual({ ...table, rows: [] });
  });

  it('packed while a CSV file is read, gives back the rows the reader gives: quoted, trimmed, neutralised, padded, Shift_JIS', async () => {
    const csv = [
      '\uFEFFコード,名称,所在地',
      '1510000001, 𠮷野家クリニック ,"新潟市中央区""１－２"""',
      ',,',
      '\'=SUM(A1),\u3000全角の空白\u3000,"改行\n入り"',
      '1510000002,名称だけ',
    ].join('\r\n');
    for (const bytes of [new TextEncoder().encode(csv), fs.readFileSync(SJIS_FILE)]) {
      const table = await readTable(bytes, '一覧.csv');
      const packer = new TablePacker();
      const read = await readTable(bytes, '一覧.csv', { rows: packer });
      expect(read.rows).toEqual([]);
      expect(withAllRows(unpackTable(structuredClone(packer.finish(read).packed)))).toEqual(table);
    }
    expect((await readTable(new TextEncoder().encode(csv), '一覧.csv')).rows).toEqual([
      { rowNumber: 2, cells: ['1510000001', '𠮷野家クリニック', '新潟市中央区"１－２"'] },
      { rowNumber: 4, cells: ['=SUM(A1)', '全角の空白', '改行\n入り'] },
      { rowNumber: 5, cells: ['1510000002', '名称だけ', ''] },
    ]);
  });

  it('knows the whole table is clean of hidden characters, or that a cell may hold one (a quoted cell too)', async () => {
    const read = async (csv: string) => {
      const packer = new TablePacker();
      const table = await readTable(new TextEncoder().encode(csv), '一覧.csv', { rows: packer });
      return unpackTable(packer.finish(table).packed).rows.clean;
    };
    expect(await read('コード,名称\r\n1510000001,"新潟""クリニック"""\r\n')).toBe(true);
    expect(await read('コード,名称\r\n1510000001,新潟\u202eクリニック\r\n')).toBe(false);
    expect(await read('コード,名称\r\n1510000001,"新潟""\u0085クリニック"\r\n')).toBe(false);
  });
});
