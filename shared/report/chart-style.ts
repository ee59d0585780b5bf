/**
 * How chart series are told apart on paper, as marks: a fill pattern over a
 * colour for bars and pie slices, a dash and a marker for lines. The palette,
 * dashes, markers and tile are the one definition the screens' and the print
 * page's charts draw on their canvas with too (renderer/src/components/chart-patterns.ts);
 * here the patterns are in points and clipped to the shape they fill, so a
 * drawing needs no pattern or clipping of its own.
 */
import type { Colour, Mark, Stroke } from './drawing';

/** Points per CSS pixel: the printed chart is laid out in CSS pixels at 96 per inch. */
export const PT_PER_PX = 0.75;

/** Okabe–Ito hues lightened towards white, so dark marks over them stay visible in colour and in grey. */
export const FILL_COLOURS: readonly Colour[] = ['#a9d8f3', '#f2cd7f', '#7fcfb9', '#f6f0a0', '#80b8d8', '#eaae80', '#e5bbd3', '#d0d0d0'];

/** The full Okabe–Ito hues for lines, yellow left out: too pale for a line on white. */
export const LINE_COLOURS: readonly Colour[] = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

/** Line dashes in CSS pixels, as the canvas sets them. */
export const DASHES: readonly number[][] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4], [4, 2, 1, 2, 1, 2], [1, 3]];

export type PointStyle = 'circle' | 'rect' | 'triangle' | 'rectRot' | 'crossRot' | 'star' | 'cross' | 'rectRounded';
export const POINTS: readonly PointStyle[] = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'cross', 'rectRounded'];

/** The pattern's marks: near-black, 0.9 CSS pixels wide. */
export const MARK_COLOUR: Colour = '#1a1a1a';
export const MARK_WIDTH_PX = 0.9;
const MARK_STROKE: Stroke = { colour: MARK_COLOUR, width: MARK_WIDTH_PX * PT_PER_PX };
/** The pattern's tile in CSS pixels: about 2 mm on paper, fine enough for a narrow bar, coarse enough to survive a copier. */
export const TILE_PX = 8;
const S = TILE_PX * PT_PER_PX;
const DOT_RADIUS = 1.1 * PT_PER_PX;
/** How many fill patterns there are (the first is plain colour); they cycle apart from the colours. */
export const PATTERN_COUNT = 9;

/** A closed outline in points: a bar's four corners, or a pie slice's arc as short chords. */
export type Outline = [number, number][];

/** The colour of the series or slice at `index` (the pattern goes over it). */
export function fillColour(index: number): Colour {
  return FILL_COLOURS[index % FILL_COLOURS.length]!;
}

/** How the line at `index` is drawn: its colour, dash in points, and marker. */
export function lineStyle(index: number): { colour: Colour; dash: number[]; point: PointStyle } {
  return {
    colour: LINE_COLOURS[index % LINE_COLOURS.length]!,
    dash: DASHES[index % DASHES.length]!.map((d) => d * PT_PER_PX),
    point: POINTS[index % POINTS.length]!,
  };
}

/** Even–odd: is the point inside the outline? */
function inside(outline: Outline, x: number, y: number): boolean {
  let within = false;
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [xi, yi] = outline[i]!;
    const [xj, yj] = outline[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}

/** The parts of the segment inside the outline (which may be concave: a slice of more than half the pie). */
function clipSegment(outline: Outline, x1: number, y1: number, x2: number, y2: number): [number, number, number, number][] {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const cuts = [0, 1];
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [ax, ay] = outline[j]!;
    const [bx, by] = outline[i]!;
    const ex = bx - ax;
    const ey = by - ay;
    const denominator = dx * ey - dy * ex;
    if (denominator === 0) continue;
    const t = ((ax - x1) * ey - (ay - y1) * ex) / denominator;
    const u = ((ax - x1) * dy - (ay - y1) * dx) / denominator;
    if (t > 0 && t < 1 && u >= 0 && u <= 1) cuts.push(t);
  }
  cuts.sort((a, b) => a - b);
  const parts: [number, number, number, number][] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!;
    const b = cuts[k + 1]!;
    if (b - a < 1e-9) continue;
    const m = (a + b) / 2;
    if (!inside(outline, x1 + dx * m, y1 + dy * m)) continue;
    const last = parts.at(-1);
    const xa = x1 + dx * a;
    const ya = y1 + dy * a;
    if (last && Math.abs(last[2] - xa) < 1e-9 && Math.abs(last[3] - ya) < 1e-9) {
      last[2] = x1 + dx * b;
      last[3] = y1 + dy * b;
    } else parts.push([xa, ya, x1 + dx * b, y1 + dy * b]);
  }
  return parts;
}

function bounds(outline: Outline) {
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

type Segment = [number, number, number, number];

/** Lines x·a + y·b = k·S (a, b in {-1, 0, 1}) across the outline's bounds, as the tiles join them up. */
function family(outline: Outline, a: number, b: number, offset: number): Segment[] {
  const { x0, y0, x1, y1 } = bounds(outline);
  const corners = [x0 * a + y0 * b, x1 * a + y0 * b, x0 * a + y1 * b, x1 * a + y1 * b];
  const first = Math.floor((Math.min(...corners) - offset) / S);
  const last = Math.ceil((Math.max(...corners) - offset) / S);
  const segments: Segment[] = [];
  for (let k = first; k <= last; k++) {
    const c = k * S + offset;
    if (b === 0) segments.push([c * a, y0, c * a, y1]);
    else if (a === 0) segments.push([x0, c * b, x1, c * b]);
    // Along y: x = (c - b·y) / a.
    else segments.push([(c - b * y0) / a, y0, (c - b * y1) / a, y1]);
  }
  return segments;
}

/** The pattern's strokes, unclipped, over the outline's bounds; the pattern is anchored at the drawing's top-left as the canvas's is. */
function patternSegments(pattern: number, outline: Outline): Segment[] {
  switch (pattern) {
    case 1:
      return family(outline, 1, 1, 0);
    case 3:
      return [...family(outline, 1, 1, 0), ...family(outline, 1, -1, 0)];
    case 4:
      return family(outline, 0, 1, S / 2);
    case 5:
      return family(outline, 1, 0, S / 2);
    case 6: {
      const { x0, y0, x1, y1 } = bounds(outline);
      const segments: Segment[] = [];
      for (let j = Math.floor(y0 / S); j * S < y1; j++) {
        for (let i = Math.floor(x0 / S); i * S < x1; i++) {
          const x = i * S;
          const y = j * S;
          segments.push([x, y + (3 * S) / 4, x + S / 2, y + S / 4], [x + S / 2, y + S / 4, x + S, y + (3 * S) / 4]);
        }
      }
      return segments;
    }
    case 7:
      return family(outline, 1, -1, 0);
    case 8:
      return [...family(outline, 0, 1, S / 2), ...family(outline, 1, 0, S / 2)];
    default:
      return [];
  }
}

/**
 * The pattern of the series or slice at `index` inside `outline`: its strokes
 * (or dots), to be drawn over the shape filled with fillColour(index).
 * @example patternMarks(1, rectOutline(0, 0, 30, 60)) // diagonal stripes
 */
export function patternMarks(index: number, outline: Outline): Mark[] {
  const marks: Mark[] = [];
  const pattern = index % PATTERN_COUNT;
  if (pattern === 2) {
    const { x0, y0, x1, y1 } = bounds(outline);
    for (let j = Math.floor(y0 / S); j * S < y1; j++) {
      for (let i = Math.floor(x0 / S); i * S < x1; i++) {
        for (const [dx, dy] of [
          [S / 4, S / 4],
          [(3 * S) / 4, (3 * S) / 4],
        ] as const) {
          const cx = i * S + dx;
          const cy = j * S + dy;
          if (inside(outline, cx, cy)) marks.push({ kind: 'sector', cx, cy, r: DOT_RADIUS, from: 0, to: 2 * Math.PI, fill: MARK_COLOUR });
        }
      }
    }
    return marks;
  }
  for (const [x1, y1, x2, y2] of patternSegments(pattern, outline)) {
    for (const [a, b, c, d] of clipSegment(outline, x1, y1, x2, y2))
      marks.push({ kind: 'line', x1: a, y1: b, x2: c, y2: d, stroke: MARK_STROKE });
  }
  return marks;
}

/** A rectangle's outline. */
export function rectOutline(x: number, y: number, width: number, height: number): Outline {
  return [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
}

/** A pie slice's outline (angles clockwise from 12 o'clock), its arc as chords of at most 2°. */
export function sectorOutline(cx: number, cy: number, r: number, from: number, to: number): Outline {
  const steps = Math.max(1, Math.ceil((to - from) / (Math.PI / 90)));
  const outline: Outline = [];
  if (to - from < 2 * Math.PI - 1e-9) outline.push([cx, cy]);
  for (let k = 0; k <= steps; k++) {
    const a = from + ((to - from) * k) / steps;
    outline.push([cx + r * Math.sin(a), cy - r * Math.cos(a)]);
  }
  return outline;
}
