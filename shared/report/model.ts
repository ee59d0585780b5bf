/**
 * A report as data: what every formal output is before it becomes a page, a
 * PDF or a workbook. A report definition in the core builds one ReportDoc;
 * the renderer draws it for print (and so for PDF) and the core writes it as
 * XLSX. Money cells hold integer yen; how they are shown (円 or 千円) is the
 * column's format, so the figures are never rounded twice.
 */
import type { IsoDate } from '../dates';

export type Orientation = 'portrait' | 'landscape';

/** A share shown as a percentage, kept as the two integers it comes from. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

export type CellValue = string | number | boolean | Ratio | null;

/**
 * How a column shows its values:
 * - text: as is;
 * - count: an integer with separators (件, 人, 箇所);
 * - yen: integer yen with separators;
 * - thousandYen: integer yen shown in 千円, rounded down (千円未満切り捨て);
 * - mark: true → ○, false → blank;
 * - date: an IsoDate in 和暦 (令和7年4月1日);
 * - percent: a Ratio to one decimal, rounded half up;
 * - hundredths: a decimal held as integer hundredths (常勤換算 240 → 2.4, an indicator's 12.5), as entered.
 */
export type CellFormat = 'text' | 'count' | 'yen' | 'thousandYen' | 'mark' | 'date' | 'percent' | 'hundredths';

export interface ReportColumn {
  key: string;
  header: string;
  /** Columns with the same group, side by side, share a header cell above theirs. */
  group?: string;
  format: CellFormat;
  /** Width in characters (about 1 全角 character = 2); the PDF uses it as a proportion. */
  width: number;
  /** Defaults: numbers right, marks centred, text left. */
  align?: 'left' | 'center' | 'right';
}

export type RowKind = 'data' | 'subtotal' | 'total';

export interface ReportRow {
  kind: RowKind;
  cells: Record<string, CellValue>;
}

export interface TableBlock {
  type: 'table';
  caption?: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Printed under the table. The unit line above it is derived from the columns' formats. */
  notes?: string[];
}

export interface HeadingBlock {
  type: 'heading';
  text: string;
  /** Centred, without the rule under it: the 「記」 of a letter. */
  centered?: boolean;
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
}

/** Key figures in a row of boxes: 「医療機関 1,234 件」. */
export interface FiguresBlock {
  type: 'figures';
  items: { label: string; value: CellValue; format: CellFormat; unit?: string }[];
}

export type ChartKind = 'bar' | 'horizontalBar' | 'stackedBar' | 'stackedBar100' | 'line' | 'pie';

export interface ChartBlock {
  type: 'chart';
  title: string;
  kind: ChartKind;
  labels: string[];
  series: { label: string; values: number[] }[];
  /** The unit of the values, for the axis and the data table: 件, 人, 千円. */
  unit: string;
}

export interface NotesBlock {
  type: 'notes';
  lines: string[];
}

export type ReportBlock = (TableBlock | HeadingBlock | ParagraphBlock | FiguresBlock | ChartBlock | NotesBlock) & {
  /** Starts a new page (the cover's contents, a second table). */
  pageBreakBefore?: boolean;
};

/** The top of a Japanese public document. */
export interface ReportHeader {
  /** 様式番号, printed at top left: 様式第1号. */
  formNumber?: string;
  /** 文書番号, printed at top right above the date: 新医薬第123号. */
  documentNumber?: string;
  /** Printed at top right in 和暦. */
  date: IsoDate;
  /** After the date: 「現在」 for a list as of a day. */
  dateSuffix?: string;
  /** 宛先, at left: 関東信越厚生局長 殿. */
  addressee?: string;
  /** 提出者, at right, one line each: 新潟県知事. */
  submitter?: string[];
}

export interface ReportDoc {
  /** The definition it came from (report.list's name). */
  name: string;
  title: string;
  subtitle?: string;
  orientation: Orientation;
  header: ReportHeader;
  blocks: ReportBlock[];
  /** The parameters it was made with, as written into a pack's manifest. */
  params: Record<string, string | number>;
  /**
   * False for a page printed to be placed inside another (a deck's slide on a handout's sheet, which numbers
   * its sheets): printed without 「1 / n」 at its foot, which the sheet would hide but a reader would still read.
   */
  pageNumbers?: false;
}
