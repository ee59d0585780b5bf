/**
 * The type size of a text slide, chosen from its content: the one rule the
 * stage, the presenter view, the editor's preview, the handout's print page
 * and the deck's contract all follow, so a slide that shows whole in one shows
 * whole in all, and one that cannot be shown is not saved.
 */
import { displayWidth } from '../text/width';

/** The ReportDoc name of a slide printed for the handout (its print page sizes a text slide by textSlideType). */
export const DECK_SLIDE_REPORT = 'deck.slide';

/** The stage every slide is drawn on, in its own pixels; a screen or a page shows it scaled. */
export const STAGE = { width: 1920, height: 1080 } as const;

/**
 * A text slide on the stage, in stage pixels and ems: deck.css's .slide, .slide__head, .slide__title and
 * .slide__lines draw with these same numbers (the handout's print page with them scaled to the page).
 */
export const TEXT_SLIDE = {
  padding: { top: 64, right: 96, bottom: 56, left: 96 },
  /** Under the title: its padding and its rule. */
  headRule: 20 + 6,
  /** Between the head and the lines. */
  headGap: 36,
  titleLineHeight: 1.25,
  lineHeight: 1.5,
  /** Between two lines, in ems of the lines' type. */
  lineGapEm: 0.6,
  /** A line's wrapped part starts under its text, after the ■. */
  indentEm: 1.3,
} as const;

/** The lines' type: 48 px at most; 32 px the least a room reads a sentence at (28 px is a table cell's floor). */
export const LINE_PX = { largest: 48, smallest: 32, step: 2 } as const;

export interface TextSlideType {
  /** The lines' type in stage pixels. */
  linePx: number;
  /** The title's, a third larger. */
  titlePx: number;
}

export interface TextSlideFit {
  type: TextSlideType;
  /** Whether the slide shows whole at that size. */
  fits: boolean;
  /** When it does not: the line (1-based, as typed, blank lines counted) from which on it does not fit even at the least size. */
  firstLineOver: number | null;
}

const WIDTH = STAGE.width - TEXT_SLIDE.padding.left - TEXT_SLIDE.padding.right;
const HEIGHT = STAGE.height - TEXT_SLIDE.padding.top - TEXT_SLIDE.padding.bottom;

function typeAt(linePx: number): TextSlideType {
  return { linePx, titlePx: Math.round((linePx * 4) / 3) };
}

/**
 * The rows a text takes at `px` in a box `width` wide: 全角 one em, 半角 half, one 全角 less a row for
 * the line breaking rules (「、」 never starts a row, so a row can end a character early).
 */
function rows(text: string, px: number, width: number): number {
  const perRow = Math.floor(width / (px / 2)) - 2;
  return Math.max(1, Math.ceil(displayWidth(text) / perRow));
}

/** The height of the title and, one after another, of each line (0 for a blank one, which is not shown) at `type`. */
function heights(slide: { title: string; lines: readonly string[] }, { linePx, titlePx }: TextSlideType) {
  const head = rows(slide.title.trim(), titlePx, WIDTH) * titlePx * TEXT_SLIDE.titleLineHeight + TEXT_SLIDE.headRule + TEXT_SLIDE.headGap;
  const lineWidth = WIDTH - TEXT_SLIDE.indentEm * linePx;
  const lines = slide.lines.map((line) => (line.trim() === '' ? 0 : rows(line.trim(), linePx, lineWidth) * linePx * TEXT_SLIDE.lineHeight));
  return { head, lines, gap: TEXT_SLIDE.lineGapEm * linePx };
}

/** How many of the lines (from the first, blank ones included) show whole at `type`. */
function linesShown(slide: { title: string; lines: readonly string[] }, type: TextSlideType): number {
  const { head, lines, gap } = heights(slide, type);
  let used = head;
  let shown = 0;
  for (const [i, height] of lines.entries()) {
    if (height > 0) used += (shown > 0 ? gap : 0) + height;
    if (used > HEIGHT) return i;
    if (height > 0) shown += 1;
  }
  return lines.length;
}

/**
 * The largest type (LINE_PX, in steps) at which the title and every line show whole on the stage; the least
 * when none does, with the line from which on the slide must be split.
 *
 * @example textSlideType({ title: '本日の議題', lines: ['1. 令和6年度の活動計画について'] }).type // { linePx: 48, titlePx: 64 }
 */
export function textSlideType(slide: { title: string; lines: readonly string[] }): TextSlideFit {
  for (let px: number = LINE_PX.largest; px >= LINE_PX.smallest; px -= LINE_PX.step) {
    const type = typeAt(px);
    if (linesShown(slide, type) === slide.lines.length) return { type, fits: true, firstLineOver: null };
  }
  const least = typeAt(LINE_PX.smallest);
  return { type: least, fits: false, firstLineOver: linesShown(slide, least) + 1 };
}

/**
 * What to do about a slide that does not fit, after its subject (「このスライドは」「3枚目のスライドは」); null when it fits.
 *
 * @example tooMuchText(fit) // '文字が多すぎて収まりません。8行目以降を次のスライドに分けてください'
 */
export function tooMuchText(fit: TextSlideFit): string | null {
  return fit.fits ? null : `文字が多すぎて収まりません。${fit.firstLineOver}行目以降を次のスライドに分けてください`;
}
