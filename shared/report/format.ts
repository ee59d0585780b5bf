/**
 * How a report cell reads on paper and on screen, in one place for the print
 * page and the workbook: the same ○, 和暦, 千円 and percentages everywhere.
 */
import type { IsoDate } from '../dates';
import { formatNumber, formatRate } from '../format';
import { toSenYenFloor, yen } from '../money';
import { formatHundredths } from '../numbers';
import { displayWidth } from '../text/width';
import { formatWareki } from '../wareki';
import type { CellFormat, CellValue, Ratio, ReportColumn, ReportRow } from './model';

export const MARK = '○';

export function isRatio(value: CellValue): value is Ratio {
  return typeof value === 'object' && value !== null;
}

/** The cell as printed: 「84,586」 in a 千円 column holding 84,586,000 円. */
export function cellText(value: CellValue, format: CellFormat): string {
  if (value === null || value === '') return '';
  switch (format) {
    case 'mark':
      return value === true ? MARK : typeof value === 'string' ? value : '';
    case 'count':
    case 'yen':
      return typeof value === 'number' ? formatNumber(value) : String(value);
    case 'thousandYen':
      return typeof value === 'number' ? formatNumber(toSenYenFloor(yen(value))) : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatWareki(value as IsoDate) : String(value);
    case 'percent':
      return isRatio(value) ? formatRate(value.numerator, value.denominator) : String(value);
    case 'hundredths':
      return typeof value === 'number' ? formatHundredths(value) : String(value);
    case 'text':
      return isRatio(value) ? formatRate(value.numerator, value.denominator) : String(value);
  }
}

/** Formats whose cells are figures: kept on one line and lined up by their digits. */
export const FIGURE_FORMATS: ReadonlySet<CellFormat> = new Set<CellFormat>(['count', 'yen', 'thousandYen', 'percent']);

/**
 * Each column's width, a figure column widened to its widest figure and room
 * for the cell's padding: a figure never wraps, so a total in the billions
 * (交付状況一覧 at 850 centers) would otherwise run into the next cell on
 * paper and show as #### in Excel. Text columns keep the report's width.
 *
 * @example fittedWidths([{ key: 'a', header: '申請額', format: 'yen', width: 10 }], [{ kind: 'total', cells: { a: 4_229_197_000 } }]) // [14]
 */
export function fittedWidths(columns: readonly ReportColumn[], rows: readonly ReportRow[]): number[] {
  return columns.map((column) => {
    if (!FIGURE_FORMATS.has(column.format)) return column.width;
    let widest = 0;
    for (const row of rows) widest = Math.max(widest, displayWidth(cellText(row.cells[column.key] ?? null, column.format)));
    return Math.max(column.width, widest + 1);
  });
}

export function cellAlign(column: ReportColumn): 'left' | 'center' | 'right' {
  if (column.align) return column.align;
  if (column.format === 'mark') return 'center';
  if (column.format === 'text' || column.format === 'date') return 'left';
  return 'right';
}

/**
 * The unit line above a table, from its money columns: 「単位：千円」 with
 * the rounding rule, 「単位：円」, or nothing for a table without money.
 */
export function unitLine(columns: readonly ReportColumn[]): string | null {
  if (columns.some((c) => c.format === 'thousandYen')) return '単位：千円（千円未満切り捨て）';
  if (columns.some((c) => c.format === 'yen')) return '単位：円';
  return null;
}

/** The note a 千円 table needs: its totals are rounded from yen, not summed from rounded figures. */
export function roundingNote(columns: readonly ReportColumn[]): string | null {
  return columns.some((c) => c.format === 'thousandYen')
    ? '金額は円単位で集計してから千円未満を切り捨てているため、内訳の計と合計が一致しない場合があります。'
    : null;
}

/** Header groups for two-row table heads: runs of adjacent columns with the same group. */
export function columnGroups(columns: readonly ReportColumn[]): { group: string | null; span: number; columns: ReportColumn[] }[] {
  const runs: { group: string | null; span: number; columns: ReportColumn[] }[] = [];
  for (const column of columns) {
    const group = column.group ?? null;
    const last = runs.at(-1);
    if (last && group !== null && last.group === group) {
      last.span += 1;
      last.columns.push(column);
    } else runs.push({ group, span: 1, columns: [column] });
  }
  return runs;
}
