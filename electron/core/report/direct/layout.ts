/**
 * A ReportDoc laid out on its pages as the print page lays it out (print.css,
 * ReportDocument.tsx): the same faces, sizes, line heights and margins, in
 * points. Each block becomes pieces — a line, a table's row, a whole figure
 * box or chart — and the pieces are put on pages as print.css breaks them: a
 * table only between rows with its head repeated (a row taller than a page in
 * slices of its lines), a heading kept with what follows, figures and charts
 * whole, a table's notes with its last rows.
 */
import { chartDrawing, chartSize } from '@shared/report/chart-draw';
import type { Face, Measure } from '@shared/report/drawing';
import { cellAlign, cellText, columnGroups, FIGURE_FORMATS, fittedWidths, roundingNote, unitLine } from '@shared/report/format';
import type { ChartBlock, FiguresBlock, ReportColumn, ReportDoc, ReportRow, TableBlock } from '@shared/report/model';
import { A4_POINTS, PRINT_MARGINS_MM } from '@shared/report/print';
import { formatWareki } from '@shared/wareki';
import { printable } from './fonts';
import { breakLines, breakText, type Line } from './lines';
import { type PdfPage, type PdfWriter, StructElem, type TextStyle } from './pdf';

export const MM = 72 / 25.4;

const BLACK = '#000000';
/**
 * print.css's 0.5pt borders as Chromium prints them: one device pixel (CSS px, 0.75pt) at the print's scale, in the
 * rows' and boxes' heights too.
 */
const HAIRLINE = 0.75;
const RULE = { colour: BLACK, width: HAIRLINE } as const;
/** print.css: th #e6e6e6, a subtotal row #ececec. */
const HEAD_FILL = '#e6e6e6';
const SUBTOTAL_FILL = '#ececec';

/** A piece of a page: its height, the margins around it, and how it draws itself with its top at `top`. */
interface Piece {
  height: number;
  marginTop: number;
  marginBottom: number;
  /** Kept on the same page as the piece after it (a heading, a table's caption, its last row before its notes). */
  keepWithNext?: boolean;
  /** Starts a new page (pageBreakBefore). */
  breakBefore?: boolean;
  /** A table's head, drawn above the piece (a row) when it starts a page. */
  repeat?: { height: number; draw: (page: PdfPage, top: number) => void };
  /** An outline entry (the title, level 0; a heading, level 1). */
  outline?: { title: string; level: 0 | 1 };
  draw: (page: PdfPage, top: number) => void;
}

interface Placed {
  piece: Piece;
  top: number;
  repeated: boolean;
}

/** A document laid out: its paper, and the pieces on each of its pages. */
export interface LaidDoc {
  doc: ReportDoc;
  width: number;
  height: number;
  pages: Placed[][];
}

/** The baseline of a line of `size` in a line box of `lineHeight` from `top` (CSS: the glyphs' ascent and descent centred). */
function baseline(writer: PdfWriter, face: Face, size: number, top: number, lineHeight: number): number {
  const m = writer.metrics(face);
  return top + (lineHeight - (m.ascent + m.descent) * size) / 2 + m.ascent * size;
}

class Layout {
  readonly pieces: Piece[] = [];
  readonly width: number;
  readonly left = PRINT_MARGINS_MM.left * MM;
  /** The height a page has for the document's pieces, between its top and bottom margins. */
  readonly pageHeight: number;
  /** The document's part of the PDF's structure. */
  readonly sect = new StructElem('Sect');

  constructor(
    readonly writer: PdfWriter,
    readonly doc: ReportDoc,
  ) {
    // .report-doc--portrait { width: 180mm } / --landscape 267mm
    this.width = (doc.orientation === 'portrait' ? 180 : 267) * MM;
    this.pageHeight = paperOf(doc).height - (PRINT_MARGINS_MM.top + PRINT_MARGINS_MM.bottom) * MM;
  }

  /** What `draw` draws on the page, tagged as `elem` under `parent` (the document's section unless given). */
  tag(page: PdfPage, elem: StructElem, draw: () => void, parent: StructElem = this.sect): void {
    this.writer.structure.adopt(this.sect);
    parent.adopt(elem);
    page.tag(elem, draw);
  }

  /**
   * The height of the pieces at the end kept with what comes next (a heading, a table's caption), with their gaps and
   * the gap to a next piece of `marginTop`: what a page must hold besides that piece.
   */
  keptAbove(marginTop: number): number {
    let height = 0;
    let below = marginTop;
    for (let k = this.pieces.length - 1; k >= 0 && this.pieces[k]!.keepWithNext; k -= 1) {
      const piece = this.pieces[k]!;
      height += piece.height + Math.max(piece.marginBottom, below);
      below = piece.marginTop;
    }
    return height;
  }

  advance(face: Face, size: number): (ch: string) => number {
    const m = this.writer.metrics(face);
    return (ch) => m.glyph(ch).advance * size;
  }

  textWidth(text: string, face: Face, size: number, spacing = 0): number {
    return this.writer.metrics(face).width(text, size) + spacing * [...text].length;
  }

  /** One line of text in a line box: left, centred or right within [x, x + width]. */
  line(
    page: PdfPage,
    text: string | Line,
    x: number,
    width: number,
    top: number,
    lineHeight: number,
    style: TextStyle,
    align: 'left' | 'center' | 'right' = 'left',
  ): void {
    const line = typeof text === 'string' ? null : text;
    const content = line ? line.text : (text as string);
    const w = line ? line.width : this.textWidth(content.replace(/[ \u3000]+$/, ''), style.face, style.size, style.spacing);
    const at = align === 'left' ? x : align === 'center' ? x + (width - w) / 2 : x + width - w;
    page.text(content, at, baseline(this.writer, style.face, style.size, top, lineHeight), style, 0, line?.shifts);
  }

  /** Lines as one piece each (a paragraph, a list), so a page may break between them. */
  linePieces(lines: Line[], lineHeight: number, draw: (page: PdfPage, line: Line, index: number, top: number) => void): Piece[] {
    return lines.map((line, i) => ({ height: lineHeight, marginTop: 0, marginBottom: 0, draw: (page, top) => draw(page, line, i, top) }));
  }

  header(): void {
    const { header } = this.doc;
    const serif: TextStyle = { face: 'serif', size: 10 };
    const lh = 16;
    const advance = this.advance('serif', 10);
    const form = header.formNumber;
    // .report-doc__top: the form number at left, the dateline at right in what is left of the line (gap 2em).
    const datelineWidth = this.width - (form ? this.textWidth(form, 'serif', 10) + 20 : 0);
    const dateline = [
      ...(header.documentNumber ? [header.documentNumber] : []),
      `${formatWareki(header.date)}${header.dateSuffix ?? ''}`,
    ].flatMap((text) => breakLines(text, datelineWidth, advance));
    const topRows = Math.max(form ? 1 : 0, dateline.length);
    this.pieces.push({
      height: topRows * lh,
      marginTop: 0,
      marginBottom: 0,
      draw: (page, top) => {
        if (form) this.tag(page, new StructElem('P'), () => this.line(page, form, this.left, this.width, top, lh, serif));
        this.tag(page, new StructElem('P'), () =>
          dateline.forEach((l, i) => this.line(page, l, this.left, this.width, top + i * lh, lh, serif, 'right')),
        );
      },
    });
    if (header.addressee) {
      const lines = breakLines(header.addressee, this.width, this.advance('serif', 10));
      this.pieces.push({
        height: lines.length * lh,
        // .report-doc__addressee's 1.2em loses to `.report-doc p { margin: 0 }` in print.css: the print has none.
        marginTop: 0,
        marginBottom: 0,
        draw: (page, top) =>
          this.tag(page, new StructElem('P'), () =>
            lines.forEach((l, i) => this.line(page, l, this.left, this.width, top + i * lh, lh, serif)),
          ),
      });
    }
    if (header.submitter && header.submitter.length > 0) {
      const lines = header.submitter.flatMap((text) => breakLines(text, this.width, advance));
      this.pieces.push({
        height: lines.length * lh,
        marginTop: 8,
        marginBottom: 0,
        draw: (page, top) =>
          this.tag(page, new StructElem('P'), () =>
            lines.forEach((l, i) => this.line(page, l, this.left, this.width, top + i * lh, lh, serif, 'right')),
          ),
      });
    }
    // .report-doc__title: ゴシック bold 15pt, line-height 1.5, letter-spacing 0.05em, margin 1.6em 0 0.4em.
    const title: TextStyle = { face: 'sansBold', size: 15, spacing: 0.75 };
    const titleLines = breakLines(this.doc.title, this.width, this.advance('sansBold', 15), 0, 0.75);
    this.pieces.push({
      height: titleLines.length * 22.5,
      marginTop: 24,
      marginBottom: 6,
      keepWithNext: true,
      outline: { title: this.doc.title, level: 0 },
      draw: (page, top) =>
        this.tag(page, new StructElem('H1'), () =>
          titleLines.forEach((l, i) => this.line(page, l, this.left, this.width, top + i * 22.5, 22.5, title, 'center')),
        ),
    });
    if (this.doc.subtitle) {
      const sub: TextStyle = { face: 'serif', size: 11 };
      const subLines = breakLines(this.doc.subtitle, this.width, this.advance('serif', 11));
      this.pieces.push({
        height: subLines.length * 17.6,
        marginTop: 0,
        marginBottom: 4.4,
        keepWithNext: true,
        draw: (page, top) =>
          this.tag(page, new StructElem('P'), () =>
            subLines.forEach((l, i) => this.line(page, l, this.left, this.width, top + i * 17.6, 17.6, sub, 'center')),
          ),
      });
    }
  }

  blocks(): void {
    for (const block of this.doc.blocks) {
      const start = this.pieces.length;
      switch (block.type) {
        case 'heading':
          this.heading(block.text, block.centered ?? false);
          break;
        case 'paragraph':
          this.paragraph(block.text);
          break;
        case 'notes':
          this.notes(block.lines, { face: 'serif', size: 9 }, 13.5, 4 * MM, false);
          break;
        case 'figures':
          this.figures(block);
          break;
        case 'table':
          this.table(block);
          break;
        case 'chart':
          this.chartBlock(block);
          break;
      }
      if (block.pageBreakBefore && this.pieces[start]) this.pieces[start]!.breakBefore = true;
    }
  }

  heading(text: string, centered: boolean): void {
    // .report-doc__heading: 12pt, line-height 1.5, padding-bottom 0.8mm, a 0.5pt rule; centred: 明朝 400, no rule.
    const style: TextStyle = centered ? { face: 'serif', size: 12 } : { face: 'sansBold', size: 12 };
    const lines = breakLines(text, this.width, this.advance(style.face, 12));
    const rule = centered ? 0 : HAIRLINE;
    const textHeight = lines.length * 18;
    this.pieces.push({
      height: textHeight + 0.8 * MM + rule,
      marginTop: 6 * MM,
      marginBottom: 0,
      keepWithNext: true,
      outline: { title: text, level: 1 },
      draw: (page, top) => {
        this.tag(page, new StructElem('H2'), () =>
          lines.forEach((l, i) => this.line(page, l, this.left, this.width, top + i * 18, 18, style, centered ? 'center' : 'left')),
        );
        if (!centered) {
          const y = top + textHeight + 0.8 * MM + HAIRLINE / 2;
          page.line(this.left, y, this.left + this.width, y, RULE);
        }
      },
    });
  }

  paragraph(text: string): void {
    // One <p> a line of the text, each indented 1em, justified but for its last line; 明朝 10pt, line-height 1.6.
    const style: TextStyle = { face: 'serif', size: 10 };
    const advance = this.advance('serif', 10);
    const first = this.pieces.length;
    for (const part of text.split('\n')) {
      const lines = breakLines(part, this.width, advance, 10);
      const elem = new StructElem('P');
      this.pieces.push(
        ...this.linePieces(lines, 16, (page, line, i, top) => {
          const x = this.left + (i === 0 ? 10 : 0);
          const room = this.width - (i === 0 ? 10 : 0);
          const chars = [...line.text.replace(/[ \u3000]+$/, '')].length;
          const last = i === lines.length - 1;
          const spacing = !last && chars > 1 && line.width < room ? (room - line.width) / (chars - 1) : 0;
          this.tag(page, elem, () =>
            page.text(line.text, x, baseline(this.writer, 'serif', 10, top, 16), { ...style, spacing }, 0, line.shifts),
          );
        }),
      );
    }
    if (this.pieces[first]) this.pieces[first]!.marginTop = 4 * MM;
  }

  /**
   * A list of lines, each wrapped line hanging under the text after 「※」 (padding-left 1em, text-indent -1em). With
   * `keep` (a table's notes) one piece, on one page, when they fit a page; taller, a line at a time over pages, as the
   * print breaks a break-inside: avoid it cannot keep.
   */
  notes(lines: readonly string[], style: TextStyle, lineHeight: number, marginTop: number, keep: boolean): Piece[] {
    const em = style.size;
    const advance = this.advance(style.face, style.size);
    const broken = lines.flatMap((text) => {
      const elem = new StructElem('P');
      // The first line starts 1em to the left of the others, so it is 1em wider.
      return breakLines(text, this.width - em, advance, -em).map((line, i) => ({ line, hang: i > 0, elem }));
    });
    const whole = keep && broken.length * lineHeight <= this.pageHeight + 0.01;
    const pieces = whole
      ? [
          {
            height: broken.length * lineHeight,
            marginTop: 0,
            marginBottom: 0,
            draw: (page: PdfPage, top: number) =>
              broken.forEach(({ line, hang, elem }, i) =>
                this.tag(page, elem, () =>
                  this.line(page, line, this.left + (hang ? em : 0), this.width, top + i * lineHeight, lineHeight, style),
                ),
              ),
          },
        ]
      : broken.map(({ line, hang, elem }) => ({
          height: lineHeight,
          marginTop: 0,
          marginBottom: 0,
          draw: (page: PdfPage, top: number) =>
            this.tag(page, elem, () => this.line(page, line, this.left + (hang ? em : 0), this.width, top, lineHeight, style)),
        }));
    if (pieces[0]) pieces[0].marginTop = marginTop;
    this.pieces.push(...pieces);
    return pieces;
  }

  figures(block: FiguresBlock): void {
    // .report-doc__figures: boxes in a row, wrapping, gap 3mm; each at least 38mm, padding 1.5mm 3mm 2mm, a 0.5pt frame.
    const gap = 3 * MM;
    const pad = { top: 1.5 * MM, side: 3 * MM, bottom: 2 * MM };
    const items = block.items.map((item) => {
      const value = cellText(item.value, item.format);
      const unit = item.unit && item.value !== null ? item.unit : '';
      const valueWidth = this.textWidth(value, 'sansBold', 16) + (unit ? 0.25 * 9.5 + this.textWidth(unit, 'sans', 9.5) : 0);
      const labelWidth = this.textWidth(item.label, 'sans', 8.5);
      // min-width 38mm includes the padding and frame (global.css: box-sizing: border-box).
      const base = Math.max(38 * MM, Math.max(valueWidth, labelWidth) + 2 * pad.side + 2 * HAIRLINE);
      return { label: item.label, value, unit, valueWidth, base };
    });
    // Flex lines: as many boxes as fit, then each grown by an equal share of what is left.
    const rows: { boxes: typeof items; widths: number[] }[] = [];
    let row: typeof items = [];
    let used = 0;
    for (const item of items) {
      if (row.length > 0 && used + gap + item.base > this.width) {
        rows.push({ boxes: row, widths: [] });
        row = [];
        used = 0;
      }
      used += (row.length > 0 ? gap : 0) + item.base;
      row.push(item);
    }
    if (row.length > 0) rows.push({ boxes: row, widths: [] });
    for (const r of rows) {
      const sum = r.boxes.reduce((s, b) => s + b.base, 0) + gap * (r.boxes.length - 1);
      const share = Math.max(0, this.width - sum) / r.boxes.length;
      r.widths = r.boxes.map((b) => Math.min(this.width, b.base + share));
    }
    const labelLines = (text: string, width: number) => breakLines(text, width, this.advance('sans', 8.5));
    const heights = rows.map((r) =>
      Math.max(
        ...r.boxes.map(
          (b, i) =>
            2 * HAIRLINE + pad.top + labelLines(b.label, r.widths[i]! - 2 * pad.side - 2 * HAIRLINE).length * 11.9 + 20.8 + pad.bottom,
        ),
      ),
    );
    const height = heights.reduce((s, h) => s + h, 0) + gap * (rows.length - 1);
    this.pieces.push({
      height,
      marginTop: 4 * MM,
      marginBottom: 0,
      draw: (page, top) => {
        let y = top;
        rows.forEach((r, k) => {
          let x = this.left;
          r.boxes.forEach((b, i) => {
            const w = r.widths[i]!;
            const h = heights[k]!;
            page.rect(x + HAIRLINE / 2, y + HAIRLINE / 2, w - HAIRLINE, h - HAIRLINE, undefined, RULE);
            const inner = w - 2 * pad.side - 2 * HAIRLINE;
            const labels = labelLines(b.label, inner);
            const boxX = x;
            this.tag(page, new StructElem('P'), () => {
              labels.forEach((l, j) =>
                this.line(page, l, boxX + HAIRLINE + pad.side, inner, y + HAIRLINE + pad.top + j * 11.9, 11.9, { face: 'sans', size: 8.5 }),
              );
              const valueTop = y + HAIRLINE + pad.top + labels.length * 11.9;
              const base = baseline(this.writer, 'sansBold', 16, valueTop, 20.8);
              const right = boxX + w - HAIRLINE - pad.side;
              const unitWidth = b.unit ? this.textWidth(b.unit, 'sans', 9.5) : 0;
              page.text(b.value, right - b.valueWidth, base, { face: 'sansBold', size: 16 });
              if (b.unit) page.text(b.unit, right - unitWidth, base, { face: 'sans', size: 9.5 });
            });
            x += w + gap;
          });
          y += heights[k]! + gap;
        });
      },
    });
  }

  table(block: TableBlock): void {
    const { columns, rows } = block;
    const widths = fittedWidths(columns, rows);
    const total = widths.reduce((s, w) => s + w, 0);
    const colWidths = widths.map((w) => (w / total) * this.width);
    const colX = colWidths.map((_, i) => this.left + colWidths.slice(0, i).reduce((s, w) => s + w, 0));
    const padX = 1.2 * MM;
    const padY = 0.45 * MM;
    const lh = 8.5 * 1.3;
    const sans = this.advance('sans', 8.5);
    const bold = this.advance('sansBold', 8.5);
    const cellLines = (text: string, width: number, advance: (ch: string) => number, figure: boolean): Line[] =>
      figure
        ? text.split('\n').map((t) => ({ text: t, width: [...t].reduce((s, ch) => s + advance(ch), 0) }))
        : breakText(text, width, advance);
    const cellHeight = (lines: number) => lines * lh + 2 * padY + HAIRLINE;
    const table = new StructElem('Table');
    /** A cell's lines, tagged as `cell` in `row` (none for the head repeated on a later page: an artifact). */
    const drawCell = (
      page: PdfPage,
      lines: Line[],
      x: number,
      top: number,
      width: number,
      height: number,
      face: Face,
      align: 'left' | 'center' | 'right',
      tag: { row: StructElem; cell: StructElem } | null,
    ) => {
      const textTop = top + (height - lines.length * lh) / 2;
      const draw = () =>
        lines.forEach((l, i) => this.line(page, l, x + padX, width - 2 * padX, textTop + i * lh, lh, { face, size: 8.5 }, align));
      if (!tag) return draw();
      this.sect.adopt(table);
      table.adopt(tag.row);
      this.tag(page, tag.cell, draw, tag.row);
    };

    // The head: one row, or two with the groups' cells above their columns (a column of no group spans both).
    const runs = columnGroups(columns);
    const grouped = columns.some((c) => c.group);
    const index = new Map(columns.map((c, i) => [c, i]));
    const headLines = columns.map((c, i) => breakText(c.header, colWidths[i]! - 2 * padX, sans));
    const groupCells = runs
      .filter((r) => r.group !== null)
      .map((r) => {
        const first = index.get(r.columns[0]!)!;
        const width = r.columns.reduce((s, c) => s + colWidths[index.get(c)!]!, 0);
        return { x: colX[first]!, width, lines: breakText(r.group!, width - 2 * padX, sans) };
      });
    let head1 = 0;
    let head2 = 0;
    if (grouped) {
      head1 = Math.max(0, ...groupCells.map((g) => cellHeight(g.lines.length)));
      head2 = Math.max(0, ...columns.map((c, i) => (c.group ? cellHeight(headLines[i]!.length) : 0)));
      const spanning = Math.max(0, ...columns.map((c, i) => (c.group ? 0 : cellHeight(headLines[i]!.length))));
      if (spanning > head1 + head2) head2 = spanning - head1;
    } else head1 = Math.max(0, ...headLines.map((l) => cellHeight(l.length)));
    const headHeight = head1 + head2;
    // The head's rows as the print's <thead> has them: a column of no group in the first row (spanning both), a group's
    // columns in the second; tagged where the table starts only.
    const headRows = [new StructElem('TR'), new StructElem('TR')] as const;
    const headCells = columns.map(() => new StructElem('TH'));
    const groupHeads = groupCells.map(() => new StructElem('TH'));
    const drawHead = (page: PdfPage, top: number, repeated: boolean) => {
      if (!repeated) {
        this.sect.adopt(table);
        table.adopt(headRows[0]);
        let g = 0;
        for (const run of runs) {
          if (run.group === null) for (const c of run.columns) headRows[0].adopt(headCells[index.get(c)!]!);
          else headRows[0].adopt(groupHeads[g++]!);
        }
        if (grouped) {
          table.adopt(headRows[1]);
          columns.forEach((c, i) => c.group && headRows[1].adopt(headCells[i]!));
        }
      }
      columns.forEach((c, i) => {
        const spans = !grouped || !c.group;
        const y = spans ? top : top + head1;
        const h = spans ? headHeight : head2;
        page.rect(colX[i]!, y, colWidths[i]!, h, HEAD_FILL, RULE);
        const row = headRows[spans ? 0 : 1];
        drawCell(page, headLines[i]!, colX[i]!, y, colWidths[i]!, h, 'sans', 'center', repeated ? null : { row, cell: headCells[i]! });
      });
      groupCells.forEach((g, k) => {
        page.rect(g.x, top, g.width, head1, HEAD_FILL, RULE);
        drawCell(page, g.lines, g.x, top, g.width, head1, 'sans', 'center', repeated ? null : { row: headRows[0], cell: groupHeads[k]! });
      });
    };

    /**
     * A row as one piece, or, when it is taller than a page under the table's head, as slices of its cells' lines a
     * page each (the print breaks inside it then: each cell's lines go on from the top of the next page's slice).
     */
    const rowPieces = (row: ReportRow, firstRoom: number): Piece[] => {
      const strong = row.kind !== 'data';
      const face: Face = strong ? 'sansBold' : 'sans';
      const cells = columns.map((c: ReportColumn, i) =>
        cellLines(
          cellText(row.cells[c.key] ?? null, c.format),
          colWidths[i]! - 2 * padX,
          strong ? bold : sans,
          FIGURE_FORMATS.has(c.format),
        ),
      );
      const tr = new StructElem('TR');
      const tds = columns.map(() => new StructElem('TD'));
      const piece = (lines: Line[][], first: boolean, sliced: boolean): Piece => {
        const height = Math.max(...lines.map((l) => cellHeight(l.length)));
        return {
          height,
          marginTop: 0,
          marginBottom: 0,
          draw: (page, top) => {
            columns.forEach((c, i) => {
              page.rect(colX[i]!, top, colWidths[i]!, height, row.kind === 'subtotal' ? SUBTOTAL_FILL : undefined, RULE);
              // A slice's cells start at its top; a whole row's are centred in it (vertical-align: middle).
              const cellLinesHeight = sliced ? cellHeight(lines[i]!.length) : height;
              drawCell(page, lines[i]!, colX[i]!, top, colWidths[i]!, cellLinesHeight, face, cellAlign(c), { row: tr, cell: tds[i]! });
            });
            if (row.kind === 'total' && first) {
              // border-top: 2pt double as Chromium prints it: 2pt is 2.67 CSS px, set on whole pixels as 2, too few for
              // a double — one solid 1.5pt rule, centred on the row's top, out to the outer borders' outer edges.
              page.rect(this.left - HAIRLINE / 2, top - 0.75, this.width + HAIRLINE, 1.5, BLACK);
            }
          },
        };
      };
      const room = this.pageHeight - headHeight;
      if (Math.max(...cells.map((l) => cellHeight(l.length))) <= room + 0.01) return [piece(cells, true, false)];
      const linesIn = (height: number) => Math.max(1, Math.floor((height - 2 * padY - HAIRLINE + 0.01) / lh));
      const perPage = linesIn(room);
      // The first slice leaves room for what is kept with it above (the caption, a heading), so they start a page together.
      const first = linesIn(firstRoom);
      const longest = Math.max(...cells.map((l) => l.length));
      const starts = [0];
      for (let at = first; at < longest; at += perPage) starts.push(at);
      return starts.map((start, k) =>
        piece(
          cells.map((l) => l.slice(start, starts[k + 1] ?? longest)),
          k === 0,
          true,
        ),
      );
    };

    const unit = unitLine(columns);
    const rounding = roundingNote(columns);
    const notes = [...(block.notes ?? []), ...(rounding ? [rounding] : [])];
    let marginTop = 4 * MM;
    if (block.caption || unit) {
      // .report-doc__table-head: 9pt, line-height 1.4, the caption bold at left and the unit line at right.
      const unitWidth = unit ? this.textWidth(unit, 'sans', 9) : 0;
      const captionLines = block.caption
        ? breakLines(block.caption, this.width - (unit ? unitWidth + 18 : 0), this.advance('sansBold', 9))
        : [];
      const lines = Math.max(1, captionLines.length);
      this.pieces.push({
        height: lines * 12.6,
        marginTop,
        marginBottom: 1 * MM,
        keepWithNext: true,
        draw: (page, top) => {
          this.sect.adopt(table);
          this.tag(
            page,
            new StructElem('Caption'),
            () => {
              captionLines.forEach((l, i) =>
                this.line(page, l, this.left, this.width, top + i * 12.6, 12.6, { face: 'sansBold', size: 9 }),
              );
              // align-items: flex-end: the unit line beside the caption's last line.
              if (unit) this.line(page, unit, this.left, this.width, top + (lines - 1) * 12.6, 12.6, { face: 'sans', size: 9 }, 'right');
            },
            table,
          );
        },
      });
      marginTop = 0;
    }
    const repeat = { height: headHeight, draw: (page: PdfPage, top: number) => drawHead(page, top, true) };
    if (rows.length === 0) {
      this.pieces.push({ height: headHeight, marginTop, marginBottom: 0, draw: (page, top) => drawHead(page, top, false) });
    } else {
      const room = this.pageHeight - headHeight;
      const firstRoom = room - this.keptAbove(marginTop);
      rows
        .flatMap((row, i) => rowPieces(row, i === 0 ? firstRoom : room))
        .forEach((piece, i) => {
          if (i === 0) {
            const drawRow = piece.draw;
            const rowHeight = piece.height;
            this.pieces.push({
              ...piece,
              height: headHeight + rowHeight,
              marginTop,
              draw: (page, top) => {
                drawHead(page, top, false);
                drawRow(page, top + headHeight);
              },
            });
          } else this.pieces.push({ ...piece, repeat });
        });
    }
    if (notes.length > 0) {
      this.pieces.at(-1)!.keepWithNext = true;
      this.notes(notes, { face: 'sans', size: 8 }, 12, 1 * MM, true);
    }
  }

  chartBlock(block: ChartBlock): void {
    // The box ReportChart's canvas takes on the print, its marks drawn by chart-draw as Chart.js draws them there.
    const { width, height } = chartSize(block, this.doc.orientation);
    const titleLines = breakLines(block.title, this.width, this.advance('sansBold', 10.5));
    const titleHeight = titleLines.length * 16.8 + 2 * MM;
    const measure: Measure = (text, face, size) => this.textWidth(text, face, size);
    this.pieces.push({
      height: titleHeight + height,
      marginTop: 4 * MM,
      marginBottom: 0,
      draw: (page, top) => {
        // <figure> with its <figcaption>: the chart's title, then its marks, described by the title for a reader.
        const figure = new StructElem('Figure', block.title);
        this.tag(page, new StructElem('Caption'), () =>
          titleLines.forEach((l, i) =>
            this.line(page, l, this.left, this.width, top + i * 16.8, 16.8, { face: 'sansBold', size: 10.5 }, 'center'),
          ),
        );
        const y = top + titleHeight;
        this.tag(page, figure, () => page.drawing(chartDrawing(block, width, height, measure), this.left, y));
      },
    });
  }
}

/** The paper of a document, in points: A4 as the print has it (A4_POINTS). */
export function paperOf(doc: ReportDoc): { width: number; height: number } {
  return doc.orientation === 'portrait'
    ? { width: A4_POINTS.short, height: A4_POINTS.long }
    : { width: A4_POINTS.long, height: A4_POINTS.short };
}

/** The pieces on pages: a chain of pieces kept together moves to a new page whole if it fits there; a row that starts a page has the table's head above it. */
function paginate(pieces: Piece[], pageHeight: number): Placed[][] {
  const top = PRINT_MARGINS_MM.top * MM;
  const bottom = pageHeight - PRINT_MARGINS_MM.bottom * MM;
  const pages: Placed[][] = [[]];
  let y = top;
  let prevBottom = 0;
  let forced = false;
  const newPage = (isForced: boolean) => {
    if (pages.at(-1)!.length > 0) pages.push([]);
    y = top;
    prevBottom = 0;
    forced = isForced;
  };
  const gapBefore = (piece: Piece) => (pages.at(-1)!.length === 0 ? (forced ? piece.marginTop : 0) : Math.max(prevBottom, piece.marginTop));
  const heightAt = (piece: Piece, empty: boolean) => piece.height + (empty && piece.repeat ? piece.repeat.height : 0);
  for (let i = 0; i < pieces.length; i += 1) {
    const piece = pieces[i]!;
    if (piece.breakBefore) newPage(true);
    // The chain this piece opens: it and the pieces kept with it.
    let j = i;
    while (pieces[j]!.keepWithNext && j + 1 < pieces.length) j += 1;
    if (j > i && pages.at(-1)!.length > 0) {
      let need = gapBefore(piece) + heightAt(piece, false);
      for (let k = i + 1; k <= j; k += 1) need += Math.max(pieces[k - 1]!.marginBottom, pieces[k]!.marginTop) + pieces[k]!.height;
      const fresh = need - gapBefore(piece) + (forced ? 0 : 0);
      if (y + need > bottom + 0.01 && fresh <= bottom - top) newPage(false);
    }
    const empty = pages.at(-1)!.length === 0;
    if (!empty && y + gapBefore(piece) + piece.height > bottom + 0.01) newPage(false);
    const nowEmpty = pages.at(-1)!.length === 0;
    y += gapBefore(piece);
    const repeated = nowEmpty && Boolean(piece.repeat);
    pages.at(-1)!.push({ piece, top: y, repeated });
    y += heightAt(piece, nowEmpty);
    prevBottom = piece.marginBottom;
  }
  return pages;
}

/** A document's pieces put on its pages (not drawn yet: the page numbers need every document's length). */
export function layoutDocument(writer: PdfWriter, given: ReportDoc): LaidDoc {
  // The one place the writer takes text in: what draws nothing is gone before a line is measured or a glyph looked up.
  const doc = printable(given);
  const layout = new Layout(writer, doc);
  layout.header();
  layout.blocks();
  const paper = paperOf(doc);
  return { doc, ...paper, pages: paginate(layout.pieces, paper.height) };
}

/** The page's number at the foot, 「2 / 5」, centred in the bottom margin (pageRules: 8pt). */
export function drawFooter(writer: PdfWriter, page: PdfPage, text: string): void {
  const m = writer.metrics('sans');
  const margin = PRINT_MARGINS_MM.bottom * MM;
  const base = page.height - margin / 2 + ((m.ascent - m.descent) * 8) / 2;
  page.text(text, (page.width - m.width(text, 8)) / 2, base, { face: 'sans', size: 8 });
}

/** Each placed piece drawn on the page (a row that starts it after the table's head). */
export function drawPage(page: PdfPage, placed: readonly Placed[]): void {
  for (const { piece, top, repeated } of placed) {
    if (repeated && piece.repeat) {
      piece.repeat.draw(page, top);
      piece.draw(page, top + piece.repeat.height);
    } else piece.draw(page, top);
  }
}
