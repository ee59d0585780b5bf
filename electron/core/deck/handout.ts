/**
 * Handouts: the deck's slides, each printed by the report engine as one
 * landscape page (a long table's slide as several, io.ts), laid 1, 2 or 4 to an A4 sheet, with lines for notes if
 * asked and 「1 / 3」 at the foot. The slides are placed as they printed
 * (vector, text still selectable), cut to their printed area; they are
 * printed without the engine's page numbers (ReportDoc.pageNumbers), which
 * the cut would hide from the eye but not from a reader of the text.
 */
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { HandoutLayout } from '@shared/contract/deck';
import { A4_MM } from '@shared/report/print';

const PT_PER_MM = 72 / 25.4;
const pt = (mm: number) => mm * PT_PER_MM;

/** The part of a printed landscape page a slide shows: a little inside the paper's edges, its margins left out. */
const SLIDE_CLIP_MM = { left: 10, right: A4_MM.height - 10, bottom: 15, top: A4_MM.width - 8 };

const SHEET_MARGIN_MM = 12;
const FOOT_MM = 14;
const GAP_MM = 8;

const GRID: Readonly<Record<HandoutLayout, { columns: number; rows: number }>> = {
  1: { columns: 1, rows: 1 },
  2: { columns: 1, rows: 2 },
  4: { columns: 2, rows: 2 },
};

/** A rectangle in millimetres from the sheet's bottom left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A slide's width over its height, as printed (the clipped landscape page). */
const SLIDE_ASPECT = (SLIDE_CLIP_MM.right - SLIDE_CLIP_MM.left) / (SLIDE_CLIP_MM.top - SLIDE_CLIP_MM.bottom);

/** The millimetres between two note lines. */
export const NOTE_LINE_GAP_MM = 8;

/**
 * Where the slide and its note lines go in one cell: the slide at the cell's
 * top, the lines beside it (a wide cell) or under it (a tall one).
 */
export function cellLayout(cell: Box, noteLines: boolean): { slide: Box; notes: Box | null } {
  const fitted = (box: Box): Box => {
    const width = Math.min(box.width, box.height * SLIDE_ASPECT);
    const height = width / SLIDE_ASPECT;
    return { x: box.x + (box.width - width) / 2, y: box.y + box.height - height, width, height };
  };
  if (!noteLines) return { slide: fitted(cell), notes: null };
  if (cell.width / cell.height > 1.2) {
    // A wide cell (2 a sheet): the slide at left, the lines beside it.
    const slide = fitted({ ...cell, width: cell.width * 0.62 });
    const x = cell.x + cell.width * 0.62 + 5;
    return { slide, notes: { x, y: slide.y, width: cell.x + cell.width - x, height: slide.height } };
  }
  // A tall cell (1 or 4 a sheet): the slide in the cell's top part, the lines under it.
  const slide = fitted({ ...cell, y: cell.y + cell.height * 0.45, height: cell.height * 0.55 });
  return { slide, notes: { x: cell.x, y: cell.y, width: cell.width, height: slide.y - cell.y - 4 } };
}

/** The cells of one A4 sheet at `perPage` slides a sheet, in reading order. */
export function sheetCells(perPage: HandoutLayout): Box[] {
  const { columns, rows } = GRID[perPage];
  const area: Box = {
    x: SHEET_MARGIN_MM,
    y: FOOT_MM,
    width: A4_MM.width - 2 * SHEET_MARGIN_MM,
    height: A4_MM.height - SHEET_MARGIN_MM - FOOT_MM,
  };
  const width = (area.width - GAP_MM * (columns - 1)) / columns;
  const height = (area.height - GAP_MM * (rows - 1)) / rows;
  return Array.from({ length: perPage }, (_, place) => {
    const column = place % columns;
    const row = Math.floor(place / columns);
    return { x: area.x + column * (width + GAP_MM), y: area.y + area.height - (row + 1) * height - row * GAP_MM, width, height };
  });
}

/** Sheets needed for `slides` slides at `perPage` a sheet. */
export function handoutSheets(slides: number, perPage: HandoutLayout): number {
  return Math.ceil(slides / perPage);
}

/** What goes in one cell: a page of a slide's print. */
export interface HandoutSlide {
  pdf: Uint8Array;
  /** 0-based. */
  page: number;
}

/**
 * Lays out printed slides (each a page of a PDF) as a handout PDF.
 * @example await layHandout([1, 2, 3, 4, 5].map(() => ({ pdf, page: 0 })), { perPage: 4, noteLines: false, title: '第3回運営会議' }) // 2 sheets
 */
export async function layHandout(
  slides: readonly HandoutSlide[],
  options: { perPage: HandoutLayout; noteLines: boolean; title: string },
): Promise<Buffer> {
  const out = await PDFDocument.create();
  out.setTitle(options.title);
  out.setCreator('Renkei');
  out.setProducer('Renkei');
  const font = await out.embedFont(StandardFonts.Helvetica);
  const clip = SLIDE_CLIP_MM;
  const cells = sheetCells(options.perPage);
  const sheets = handoutSheets(slides.length, options.perPage);
  let sheet = null as ReturnType<PDFDocument['addPage']> | null;
  const loaded = new Map<Uint8Array, Promise<PDFDocument>>();
  for (const [i, { pdf, page }] of slides.entries()) {
    const place = i % options.perPage;
    if (place === 0) {
      sheet = out.addPage([pt(A4_MM.width), pt(A4_MM.height)]);
      const label = `${Math.floor(i / options.perPage) + 1} / ${sheets}`;
      sheet.drawText(label, { x: pt(A4_MM.width / 2) - font.widthOfTextAtSize(label, 9) / 2, y: pt(7), size: 9, font });
    }
    if (!loaded.has(pdf)) loaded.set(pdf, PDFDocument.load(pdf, { updateMetadata: false }));
    const source = await loaded.get(pdf)!;
    const [embedded] = await out.embedPages(
      [source.getPage(page)],
      [{ left: pt(clip.left), right: pt(clip.right), bottom: pt(clip.bottom), top: pt(clip.top) }],
    );
    const { slide, notes } = cellLayout(cells[place]!, options.noteLines);
    sheet!.drawPage(embedded!, { x: pt(slide.x), y: pt(slide.y), width: pt(slide.width), height: pt(slide.height) });
    sheet!.drawRectangle({
      x: pt(slide.x),
      y: pt(slide.y),
      width: pt(slide.width),
      height: pt(slide.height),
      borderColor: rgb(0.45, 0.45, 0.45),
      borderWidth: 0.6,
    });
    if (notes) {
      for (let y = notes.y + notes.height - NOTE_LINE_GAP_MM; y >= notes.y; y -= NOTE_LINE_GAP_MM) {
        sheet!.drawLine({
          start: { x: pt(notes.x), y: pt(y) },
          end: { x: pt(notes.x + notes.width), y: pt(y) },
          thickness: 0.4,
          color: rgb(0.6, 0.6, 0.6),
        });
      }
    }
  }
  return Buffer.from(await out.save());
}
