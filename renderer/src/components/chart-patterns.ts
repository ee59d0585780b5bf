/**
 * How chart series are told apart on paper: a fill pattern over a colour for
 * bars and pie slices, a dash and a marker for lines. Prefectural offices
 * print in black and white more often than not, so colour alone never carries
 * the difference; the palette is Okabe–Ito, safe for colour-blind readers.
 */
import {
  DASHES,
  FILL_COLOURS,
  LINE_COLOURS,
  MARK_COLOUR,
  MARK_WIDTH_PX,
  PATTERN_COUNT,
  POINTS,
  type PointStyle,
  TILE_PX,
} from '@shared/report/chart-style';

type Marks = (ctx: CanvasRenderingContext2D) => void;

function lines(...segments: [number, number, number, number][]): Marks {
  return (ctx) => {
    ctx.beginPath();
    for (const [x1, y1, x2, y2] of segments) {
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
    }
    ctx.stroke();
  };
}

const S = TILE_PX;

/**
 * The marks of each pattern on one tile. Diagonals are drawn through the
 * corners as well as the middle so that neighbouring tiles join up.
 */
const PATTERNS: readonly Marks[] = [
  () => undefined,
  lines([-S, S, S, -S], [0, S, S, 0], [0, 2 * S, 2 * S, 0]),
  (ctx) => {
    ctx.beginPath();
    for (const [x, y] of [
      [S / 4, S / 4],
      [(3 * S) / 4, (3 * S) / 4],
    ] as const) {
      ctx.moveTo(x + 1.1, y);
      ctx.arc(x, y, 1.1, 0, 2 * Math.PI);
    }
    ctx.fill();
  },
  lines([-S, S, S, -S], [0, S, S, 0], [0, 2 * S, 2 * S, 0], [-S, 0, S, 2 * S], [0, 0, S, S], [0, -S, 2 * S, S]),
  lines([0, S / 2, S, S / 2]),
  lines([S / 2, 0, S / 2, S]),
  (ctx) => {
    ctx.beginPath();
    ctx.moveTo(0, (3 * S) / 4);
    ctx.lineTo(S / 2, S / 4);
    ctx.lineTo(S, (3 * S) / 4);
    ctx.stroke();
  },
  lines([-S, 0, S, 2 * S], [0, 0, S, S], [0, -S, 2 * S, S]),
  lines([0, S / 2, S, S / 2], [S / 2, 0, S / 2, S]),
];

/**
 * The fill of the series or slice at `index`: a CanvasPattern whose tile is
 * drawn at `pixelRatio` device pixels per CSS pixel, so it stays sharp on a
 * canvas (or a printed page) of that resolution or less.
 * Patterns and colours cycle with different lengths, so even a long legend
 * does not repeat a pair soon.
 * @example fillPattern(1, 3) // orange with diagonal stripes
 */
export function fillPattern(index: number, pixelRatio: number): CanvasPattern {
  const tile = document.createElement('canvas');
  tile.width = Math.round(S * pixelRatio);
  tile.height = Math.round(S * pixelRatio);
  const ctx = tile.getContext('2d');
  if (!ctx) throw new Error('グラフの塗りつぶし模様を作れませんでした');
  ctx.scale(pixelRatio, pixelRatio);
  ctx.fillStyle = FILL_COLOURS[index % FILL_COLOURS.length]!;
  ctx.fillRect(0, 0, S, S);
  ctx.strokeStyle = MARK_COLOUR;
  ctx.fillStyle = MARK_COLOUR;
  ctx.lineWidth = MARK_WIDTH_PX;
  PATTERNS[index % PATTERN_COUNT]!(ctx);
  const pattern = ctx.createPattern(tile, 'repeat');
  if (!pattern) throw new Error('グラフの塗りつぶし模様を作れませんでした');
  // The tile was drawn `pixelRatio` times larger; the chart's own transform takes it from CSS to device pixels.
  pattern.setTransform(new DOMMatrix().scaleSelf(1 / pixelRatio, 1 / pixelRatio));
  return pattern;
}

/** How the line at `index` is drawn: its colour, dash and marker. */
export function lineStyle(index: number): { colour: string; dash: number[]; point: PointStyle } {
  return {
    colour: LINE_COLOURS[index % LINE_COLOURS.length]!,
    dash: DASHES[index % DASHES.length]!,
    point: POINTS[index % POINTS.length]!,
  };
}
