/**
 * A ReportDoc as an Excel workbook, one sheet per report, laid out like the
 * printed document (様式番号, date in 和暦, 宛先, title, then the blocks) but
 * with real numbers in the cells so the officer can go on computing with them.
 */
import ExcelJS from 'exceljs';
import { parseIsoDate } from '@shared/dates';
import { formatNumber } from '@shared/format';
import { toSenYenFloor, yen } from '@shared/money';
import { cellAlign, cellText, columnGroups, fittedWidths, isRatio, roundingNote, unitLine } from '@shared/report/format';
import type { CellFormat, CellValue, ChartBlock, FiguresBlock, ReportBlock, ReportDoc, TableBlock } from '@shared/report/model';
import { displayWidth } from '@shared/text/width';
import { formatWareki } from '@shared/wareki';
import { A4, DEFAULT_FONT, HEADER_FILL, sheetName, workbookBytes } from '../tabular/write';

/** A chart as drawn for print, to be placed beside its data. */
export interface ChartImage {
  /** The chart's index in `doc.blocks`. */
  blockIndex: number;
  png: Buffer;
}

export interface WorkbookReport {
  doc: ReportDoc;
  charts: ChartImage[];
  /** Defaults to the title; made valid and unique for Excel either way. */
  sheetName?: string;
}

const BOLD: Partial<ExcelJS.Font> = { ...DEFAULT_FONT, bold: true };
const SUBTOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TOTAL_BOX: Partial<ExcelJS.Borders> = { ...BOX, top: { style: 'double' } };
const GROUPED_INTEGER = '#,##0';

/**
 * Columns nothing else sizes (under a wide chart): a little over Excel's
 * usual width, and not 9, which exceljs takes for its default and leaves out.
 */
const DEFAULT_WIDTH = 10;
/** Pixels per width unit at Excel's default font (Calibri 11), to know how many columns an image covers. */
const PX_PER_WIDTH = 7;
/** A line of 11pt text with a Japanese font, for rows Excel will not size itself (merged, wrapped). */
const LINE_HEIGHT_PT = 18;
/** 16 cm at 96 dpi: a chart as wide as a portrait A4 page's text. */
export const IMAGE_WIDTH_PX = Math.round((16 / 2.54) * 96);
/** Excel's tallest row; a chart sits in one row, so it is never taller than this. */
const MAX_ROW_HEIGHT_PT = 409;
/** Lines of running text in one row: kept under Excel's tallest row, which it prints cut off. */
const MAX_ROW_LINES = Math.floor(400 / LINE_HEIGHT_PT);
const PT_PER_PX = 0.75;

/**
 * A workbook with one sheet per report: the header of a public document, the
 * title, then each block — tables with their grouped heads, unit line and
 * notes; charts as their data and the printed picture — ready for A4, with a
 * lone table's head repeated on every page.
 *
 * @example
 * const xlsx = await writeReportWorkbook([{ doc, charts: [{ blockIndex: 2, png }] }]);
 * fs.writeFileSync('交付決定一覧.xlsx', xlsx);
 */
export async function writeReportWorkbook(reports: readonly WorkbookReport[]): Promise<Buffer> {
  if (reports.length === 0) throw new Error('writeReportWorkbook: a workbook needs at least one report');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Renkei';
  workbook.created = new Date();
  const taken = new Set<string>();
  const styles = new Styles();
  reports.forEach((report, index) => {
    // exceljs quotes the name in the print-area formulas without doubling an apostrophe, so none may remain.
    const wanted = (report.sheetName ?? report.doc.title).replaceAll("'", '’');
    const sheet = workbook.addWorksheet(sheetName(wanted, index, taken, (n) => `（${n}）`));
    new ReportSheet(workbook, sheet, report, styles).write();
  });
  return workbookBytes(workbook);
}

/**
 * Writes a workbook of one empty sheet and drops it, so that exceljs's code is loaded and compiled (~45 ms to load in
 * a new thread, more to run the first time) before the first real workbook: for a thread with time to spare before
 * it writes one, the pack's worker while it waits for the first report with a chart.
 */
export async function warmWorkbookWriter(): Promise<void> {
  const doc: ReportDoc = {
    name: 'warm',
    title: 'warm',
    orientation: 'portrait',
    header: { date: parseIsoDate('2024-04-01') },
    blocks: [],
    params: {},
  };
  await writeReportWorkbook([{ doc, charts: [] }]);
}

interface PlacedImage {
  id: number;
  width: number;
  height: number;
}

/**
 * A workbook's cell styles, one object per kind of cell: exceljs remembers a style by its object, so a style built
 * for each cell was compared in full, font, fill and border, every time (most of writing the pack's workbook). A
 * cell given one of these is never changed through its setters (cell.font = …), which would change every cell that
 * shares it.
 */
class Styles {
  private readonly made = new Map<string, Partial<ExcelJS.Style>>();

  of(key: string, make: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
    let style = this.made.get(key);
    if (!style) {
      style = make();
      this.made.set(key, style);
    }
    return style;
  }
}

/** Writes one report down a sheet, keeping the next free row. */
class ReportSheet {
  private row = 1;
  private readonly widths: number[];
  private readonly images = new Map<number, PlacedImage>();
  /**
   * Each table's head. Only a sheet's one table has its head frozen on screen
   * and repeated on paper: above a different table it would mislabel the columns.
   */
  private readonly heads: { first: number; last: number }[] = [];

  constructor(
    workbook: ExcelJS.Workbook,
    private readonly sheet: ExcelJS.Worksheet,
    private readonly report: WorkbookReport,
    private readonly styles: Styles,
  ) {
    for (const chart of report.charts) {
      if (report.doc.blocks[chart.blockIndex]?.type !== 'chart') {
        throw new Error(`writeReportWorkbook: an image for block ${chart.blockIndex}, which is not a chart`);
      }
      const size = imageSize(chart.png);
      // exceljs types its buffer as an ArrayBuffer look-alike; at run time it hands a Node Buffer to the zip as is.
      const id = workbook.addImage({ buffer: chart.png as unknown as ArrayBuffer, extension: 'png' });
      this.images.set(chart.blockIndex, { id, ...size });
    }
    this.widths = this.planWidths();
  }

  /** The last used column: the header's right-hand lines and the merged rows end here. */
  private get right(): number {
    return this.widths.length;
  }

  write(): void {
    const { doc } = this.report;
    this.header();
    doc.blocks.forEach((block, index) => {
      if (block.pageBreakBefore && this.row > 1) this.sheet.getRow(this.row - 1).addPageBreak();
      this.block(block, index);
    });
    this.widths.forEach((width, index) => {
      this.sheet.getColumn(index + 1).width = width;
    });
    this.pageSetup();
  }

  /**
   * Widths per column: a table column's own width, a figure column's widened
   * to its widest figure (the widest over the sheet's tables), fitted text for figures and chart data, and enough
   * columns for a chart's picture to lie within the print area.
   */
  private planWidths(): number[] {
    const widths: number[] = [];
    const widen = (index: number, width: number) => {
      widths[index] = Math.max(widths[index] ?? 0, width);
    };
    this.report.doc.blocks.forEach((block, index) => {
      if (block.type === 'table') fittedWidths(block.columns, block.rows).forEach((width, k) => widen(k, width));
      if (block.type === 'figures') {
        widen(0, fitWidth(block.items.map((item) => item.label)));
        widen(1, fitWidth(block.items.map((item) => cellText(item.value, item.format))));
        widen(2, fitWidth(block.items.map(figureUnit)));
      }
      if (block.type === 'chart') {
        widen(0, fitWidth(block.labels));
        block.series.forEach((series, k) =>
          widen(k + 1, fitWidth([seriesHeader(series.label, block.unit), ...series.values.map(formatNumber)])),
        );
        const image = this.images.get(index);
        if (image) {
          let covered = 0;
          for (let k = 0; covered < image.width; k++) {
            widen(k, DEFAULT_WIDTH);
            covered += widths[k]! * PX_PER_WIDTH;
          }
        }
      }
    });
    // Two columns at least: the header has something at left (様式番号, 宛先) and at right (the date).
    while (widths.length < 2) widths.push(DEFAULT_WIDTH);
    return Array.from(widths, (width) => width ?? DEFAULT_WIDTH);
  }

  /** 様式番号 and 文書番号 / date, 宛先 and 提出者, then the title. */
  private header(): void {
    const { header, title, subtitle } = this.report.doc;
    const dated = `${formatWareki(header.date)}${header.dateSuffix ?? ''}`;
    const rightLines = header.documentNumber ? [header.documentNumber, dated] : [dated];
    if (header.formNumber) this.sheet.getCell(this.row, 1).value = header.formNumber;
    for (const line of rightLines) this.rightText(line);

    if (header.addressee || header.submitter?.length) {
      this.row += 1;
      if (header.addressee) {
        this.sheet.getCell(this.row, 1).value = header.addressee;
        this.row += 1;
      }
      for (const line of header.submitter ?? []) this.rightText(line);
    }

    this.row += 1;
    this.sheet.getRow(this.row).height = 24;
    this.mergedRow(title, { horizontal: 'center', vertical: 'middle' }).font = { ...BOLD, size: 14 };
    if (subtitle) this.mergedRow(subtitle, { horizontal: 'center', vertical: 'middle' });
    this.row += 1;
  }

  private block(block: ReportBlock, index: number): void {
    switch (block.type) {
      case 'heading': {
        if (block.centered) {
          this.mergedRow(block.text, { horizontal: 'center', vertical: 'middle' });
          return;
        }
        const cell = this.sheet.getCell(this.row, 1);
        cell.value = block.text;
        cell.font = { ...BOLD, size: 12 };
        this.row += 1;
        return; // the text under a heading follows it without a gap
      }
      case 'paragraph':
        this.wrappedRow(block.text);
        break;
      case 'figures':
        this.figures(block);
        break;
      case 'table':
        this.table(block);
        break;
      case 'chart':
        this.chart(block, index);
        break;
      case 'notes':
        for (const line of block.lines) this.wrappedRow(line);
        break;
    }
    this.row += 1;
  }

  /** 「医療機関 | 1,234 | 件」 per figure, the value a number Excel can use. */
  private figures(block: FiguresBlock): void {
    for (const item of block.items) {
      const label = this.sheet.getCell(this.row, 1);
      label.value = item.label;
      label.style = this.styles.of('figure label', () => ({ font: BOLD, fill: HEADER_FILL, border: BOX }));
      const value = this.sheet.getCell(this.row, 2);
      const numFmt = setValue(value, item.value, item.format);
      // cellAlign reads only the format (and an explicit align, which figures do not have).
      const horizontal = cellAlign({ key: item.label, header: item.label, format: item.format, width: 0 });
      value.style = this.styles.of(`figure ${numFmt} ${horizontal}`, () => ({
        ...(numFmt ? { numFmt } : {}),
        alignment: { horizontal },
        border: BOX,
      }));
      const unit = figureUnit(item);
      if (unit) this.sheet.getCell(this.row, 3).value = unit;
      this.row += 1;
    }
  }

  private table(block: TableBlock): void {
    const { columns } = block;
    const unit = unitLine(columns);
    if (block.caption || unit) {
      if (block.caption) {
        const caption = this.sheet.getCell(this.row, 1);
        caption.value = block.caption;
        caption.font = BOLD;
      }
      // Beside a one-column table the caption takes column A, so the unit line goes one further.
      if (unit) this.rightText(unit, Math.max(columns.length, 2), false);
      this.row += 1;
    }

    const grouped = columns.some((column) => column.group !== undefined);
    const first = this.row;
    const last = grouped ? first + 1 : first;
    let col = 1;
    for (const run of columnGroups(columns)) {
      if (run.group === null) {
        for (let r = first; r <= last; r++) this.headCell(r, col, run.columns[0]!.header);
        this.merge(first, col, last, col);
        col += 1;
        continue;
      }
      for (let k = 0; k < run.span; k++) {
        this.headCell(first, col + k, run.group);
        this.headCell(last, col + k, run.columns[k]!.header);
      }
      this.merge(first, col, first, col + run.span - 1);
      col += run.span;
    }
    this.heads.push({ first, last });
    this.row = last + 1;

    for (const row of block.rows) {
      columns.forEach((column, k) => {
        const cell = this.sheet.getCell(this.row, k + 1);
        const numFmt = setValue(cell, row.cells[column.key] ?? null, column.format);
        const horizontal = cellAlign(column);
        cell.style = this.styles.of(`cell ${numFmt} ${horizontal} ${row.kind}`, () => ({
          ...(numFmt ? { numFmt } : {}),
          alignment: { horizontal, vertical: 'middle' },
          border: row.kind === 'total' ? TOTAL_BOX : BOX,
          ...(row.kind !== 'data' ? { font: BOLD } : {}),
          ...(row.kind === 'subtotal' ? { fill: SUBTOTAL_FILL } : {}),
        }));
      });
      this.row += 1;
    }

    const notes = [...(block.notes ?? []), roundingNote(columns)].filter((line): line is string => !!line);
    for (const line of notes) this.wrappedRow(line);
  }

  /** The chart's title, its figures as a table (so they can be checked and reused), and its picture below. */
  private chart(block: ChartBlock, index: number): void {
    const title = this.sheet.getCell(this.row, 1);
    title.value = block.title;
    title.font = BOLD;
    this.row += 1;

    this.headCell(this.row, 1, '');
    block.series.forEach((series, k) => this.headCell(this.row, k + 2, seriesHeader(series.label, block.unit)));
    this.row += 1;
    const formats = block.series.map((series) => (series.values.every(Number.isInteger) ? GROUPED_INTEGER : '#,##0.0##'));
    block.labels.forEach((label, i) => {
      const labelCell = this.sheet.getCell(this.row, 1);
      labelCell.value = label;
      labelCell.style = this.styles.of('chart label', () => ({ border: BOX }));
      block.series.forEach((series, k) => {
        const cell = this.sheet.getCell(this.row, k + 2);
        cell.value = series.values[i] ?? null;
        const numFmt = formats[k]!;
        cell.style = this.styles.of(`chart ${numFmt}`, () => ({ numFmt, alignment: { horizontal: 'right' }, border: BOX }));
      });
      this.row += 1;
    });

    const image = this.images.get(index);
    if (image) {
      // The picture fills one row made as tall as it, so it never overlaps what follows whatever the row font.
      this.sheet.addImage(image.id, { tl: { col: 0, row: this.row - 1 }, ext: { width: image.width, height: image.height } });
      this.sheet.getRow(this.row).height = image.height * PT_PER_PX;
      this.row += 1;
    }
  }

  private headCell(row: number, col: number, text: string): void {
    const cell = this.sheet.getCell(row, col);
    cell.value = text;
    cell.style = this.styles.of('head', () => ({
      font: BOLD,
      fill: HEADER_FILL,
      border: BOX,
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    }));
  }

  /** Right-aligned in `col`: Excel lets right-aligned text run leftwards over empty cells. */
  private rightText(text: string, col = this.right, advance = true): void {
    const cell = this.sheet.getCell(this.row, col);
    cell.value = text;
    cell.alignment = { horizontal: 'right' };
    if (advance) this.row += 1;
  }

  /** A row merged across the sheet's used columns. */
  private mergedRow(text: string, alignment: Partial<ExcelJS.Alignment>): ExcelJS.Cell {
    const cell = this.sheet.getCell(this.row, 1);
    cell.value = text;
    cell.alignment = alignment;
    this.merge(this.row, 1, this.row, this.right);
    this.row += 1;
    return cell;
  }

  /**
   * Running text across the page, a row per paragraph: Excel cuts a row at
   * 409pt, so long minutes in one cell lost their end on paper. A paragraph
   * taller than that goes on over as many rows as it needs. Excel does not
   * size merged rows, so each height is estimated from the text.
   */
  private wrappedRow(text: string): void {
    const across = Math.max(1, this.widths.reduce((sum, width) => sum + width, 0) - 1);
    for (const paragraph of text.split('\n')) {
      for (const piece of rowPieces(paragraph, across * MAX_ROW_LINES)) {
        const row = this.row;
        this.mergedRow(piece, { horizontal: 'left', vertical: 'top', wrapText: true });
        const lines = Math.ceil(displayWidth(piece) / across);
        if (lines > 1) this.sheet.getRow(row).height = lines * LINE_HEIGHT_PT;
      }
    }
  }

  private merge(top: number, left: number, bottom: number, right: number): void {
    if (top !== bottom || left !== right) this.sheet.mergeCells(top, left, bottom, right);
  }

  private pageSetup(): void {
    const { doc } = this.report;
    const lastRow = Math.max(1, this.row - 2); // the last block is followed by a blank row
    const head = this.heads.length === 1 ? this.heads[0]! : null;
    Object.assign(this.sheet.pageSetup, {
      paperSize: A4,
      orientation: doc.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as the rows need
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printArea: `A1:${this.sheet.getColumn(this.right).letter}${lastRow}`,
      ...(head ? { printTitlesRow: `${head.first}:${head.last}` } : {}),
    } satisfies Partial<ExcelJS.PageSetup>);
    if (head) this.sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: head.last }];
    // & starts a code in Excel's header text; && is a literal ampersand.
    this.sheet.headerFooter.oddHeader = `&C${doc.title.replaceAll('&', '&&')}`;
    this.sheet.headerFooter.oddFooter = '&C&P / &N';
  }
}

/**
 * A cell's value as Excel should hold it: money and counts as numbers with
 * separators (千円 already rounded down, as printed), a share as a fraction
 * shown as a percentage, a decimal (hundredths) as the number it is,
 * everything else as the printed text. Returns the number format the cell's style needs (none for text).
 */
function setValue(cell: ExcelJS.Cell, value: CellValue, format: CellFormat): string | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'number' && (format === 'count' || format === 'yen')) {
    cell.value = value;
    return GROUPED_INTEGER;
  }
  if (typeof value === 'number' && format === 'thousandYen') {
    cell.value = toSenYenFloor(yen(value));
    return GROUPED_INTEGER;
  }
  if (typeof value === 'number' && format === 'hundredths') {
    // Display only, as a share: the integer hundredths are in the report's data; Excel sums what it shows.
    cell.value = value / 100;
    return '#,##0.0#';
  }
  if (format === 'percent' && isRatio(value) && value.denominator !== 0) {
    // Display only: Excel shows a percentage from a number; the integers it comes from are in the report's data.
    cell.value = value.numerator / value.denominator;
    return '0.0%';
  }
  const text = cellText(value, format);
  if (text) cell.value = text;
  return undefined;
}

/** A paragraph cut into pieces of at most `width` half-width characters, whole characters each; an empty one stays one empty row. */
function rowPieces(paragraph: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of paragraph) {
    if (piece && displayWidth(piece) + displayWidth(ch) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  pieces.push(piece);
  return pieces;
}

/** The unit after a figure (none after a blank one); a money figure says which of 円 and 千円 even when the definition left it out. */
function figureUnit(item: FiguresBlock['items'][number]): string {
  if (item.value === null) return '';
  if (item.unit !== undefined) return item.unit;
  if (item.format === 'thousandYen') return '千円';
  if (item.format === 'yen') return '円';
  return '';
}

/** 「件数（件）」: a chart's data table says its unit in each series' head. */
function seriesHeader(label: string, unit: string): string {
  return unit ? `${label}（${unit}）` : label;
}

function fitWidth(texts: readonly string[]): number {
  const widest = Math.max(0, ...texts.map(displayWidth));
  return Math.min(40, Math.max(8, widest + 2));
}

/** The picture's size on the sheet: 16 cm wide, its own proportions, no taller than a row can be. */
function imageSize(png: Buffer): { width: number; height: number } {
  const { width, height } = pngDimensions(png);
  const maxHeight = MAX_ROW_HEIGHT_PT / PT_PER_PX;
  const scale = Math.min(IMAGE_WIDTH_PX / width, maxHeight / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which a PNG must start with right after its signature. */
function pngDimensions(png: Buffer): { width: number; height: number } {
  const valid = png.length >= 24 && PNG_SIGNATURE.every((byte, i) => png[i] === byte) && png.toString('latin1', 12, 16) === 'IHDR';
  const width = valid ? png.readUInt32BE(16) : 0;
  const height = valid ? png.readUInt32BE(20) : 0;
  if (width === 0 || height === 0) throw new Error('writeReportWorkbook: a chart image is not a PNG');
  return { width, height };
}
