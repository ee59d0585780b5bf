/**
 * A report's chart block as a drawing, for a PDF written without a browser:
 * laid out as the printed chart's Chart.js configuration lays it out
 * (renderer/src/features/report/print/ReportChart.tsx) — its box, legend under
 * the chart, the unit above an upright value axis or under one lying across,
 * whole-number ticks in steps of 1, 2 or 5 × 10ⁿ, a 100% scale for the 帯グラフ,
 * and the same patterns and dashes — with every length in points.
 */
import { formatNumber } from '../format';
import { fillColour, lineStyle, type Outline, type PointStyle, PT_PER_PX, patternMarks, rectOutline, sectorOutline } from './chart-style';
import type { Colour, Drawing, Mark, Measure, Stroke } from './drawing';
import type { ChartBlock, Orientation } from './model';

const PX = PT_PER_PX;
const PX_PER_MM = 96 / 25.4;

/** The canvas in millimetres: the printable width (A4 less 15 mm margins each side), and a height at which two charts share a page. */
const CANVAS_MM: Record<Orientation, { width: number; height: number }> = {
  portrait: { width: 180, height: 100 },
  landscape: { width: 267, height: 80 },
};
/** The most a chart may take of a page's height, with its heading still above it. */
const MAX_HEIGHT_MM: Record<Orientation, number> = { portrait: 230, landscape: 165 };

/** The canvas's CSS pixels (whole, as the canvas element's attributes) in points. */
const mmToPt = (mm: number) => Math.floor(mm * PX_PER_MM) * PX;

/**
 * A chart's box on the printed page in points, for most charts: portrait 510 × 282.75, landscape 756.75 × 226.5
 * (180 × 100 mm and 267 × 80 mm as whole CSS pixels). Bars lying across may be taller: see chartSize.
 */
export const CHART_SIZE_PT: Record<Orientation, { width: number; height: number }> = {
  portrait: { width: mmToPt(CANVAS_MM.portrait.width), height: mmToPt(CANVAS_MM.portrait.height) },
  landscape: { width: mmToPt(CANVAS_MM.landscape.width), height: mmToPt(CANVAS_MM.landscape.height) },
};

/** The tallest a chart's box may be, in points (portrait 651.75, landscape 467.25). */
export const CHART_MAX_HEIGHT_PT: Record<Orientation, number> = {
  portrait: mmToPt(MAX_HEIGHT_MM.portrait),
  landscape: mmToPt(MAX_HEIGHT_MM.landscape),
};

/**
 * The chart's canvas in millimetres as the print sizes it (ReportChart): the page's usual size, but bars lying across
 * get height for each bar (3.5 mm each, 8 mm for a 帯グラフ's), or a long list of them turns into hairlines whose
 * patterns cannot be told apart.
 */
export function chartCanvasMm(block: ChartBlock, orientation: Orientation): { width: number; height: number } {
  const base = CANVAS_MM[orientation];
  const perBarMm = block.kind === 'horizontalBar' ? 3.5 : block.kind === 'stackedBar100' ? 8 : 0;
  const bars = block.kind === 'horizontalBar' ? block.labels.length * block.series.length : block.labels.length;
  return { width: base.width, height: Math.min(Math.max(base.height, 30 + bars * perBarMm), MAX_HEIGHT_MM[orientation]) };
}

/**
 * The chart's box in points as the print gives it: the canvas's whole CSS pixels.
 * @example chartSize({ kind: 'bar', ... }, 'landscape') // { width: 756.75, height: 226.5 }
 */
export function chartSize(block: ChartBlock, orientation: Orientation): { width: number; height: number } {
  const mm = chartCanvasMm(block, orientation);
  return { width: mmToPt(mm.width), height: mmToPt(mm.height) };
}

const TEXT: Colour = '#000000';
const GRID: Stroke = { colour: '#c8c8c8', width: PX };
const AXIS: Stroke = { colour: '#222222', width: PX };
const EDGE: Stroke = { colour: '#222222', width: 0.8 * PX };

/** Chart.js's sizes for print, in points: text 10 px, lines of 1.2 em, tick marks 8 px and 3 px from their labels. */
const FONT = 10 * PX;
const LINE = FONT * 1.2;
const PADDING = 4 * PX;
const TICK_LENGTH = 8 * PX;
const TICK_PADDING = 3 * PX;
const LEGEND_PADDING = 14 * PX;
const MAX_BAR = 48 * PX;
/** The baseline of a line of text whose em box is centred on y (canvas textBaseline 'middle'). */
const middle = (y: number) => y + FONT * 0.38;

interface Tick {
  value: number;
  label: string;
}

/** Steps of 1, 2 or 5 × 10ⁿ, whole: the least such step at least `rough` (Chart.js's niceNum, with precision 0). */
function niceStep(rough: number): number {
  let power = 1;
  while (power * 10 <= rough) power *= 10;
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough) return factor * power;
  return 10 * power;
}

/**
 * The value axis's ticks from 0 (or below, for a negative value) to a whole step at or above the largest value, at most
 * `maxTicks` of them, as Chart.js makes them for `beginAtZero` and `precision: 0`: integers, counted in integers.
 * @example valueTicks([1234, 2800], 11).map((t) => t.label) // ['0', '500', '1,000', '1,500', '2,000', '2,500', '3,000']
 */
export function valueTicks(values: number[], maxTicks: number): Tick[] {
  let min = Math.min(0, ...values);
  let max = Math.max(0, ...values);
  if (min === max) max = min + 1;
  const spaces = Math.max(1, maxTicks - 1);
  let step = niceStep((max - min) / spaces);
  const count = Math.ceil(max / step) - Math.floor(min / step);
  if (count > spaces) step = niceStep((count * step) / spaces);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const ticks: Tick[] = [];
  for (let v = min; v <= max; v += step) ticks.push({ value: v, label: formatNumber(v) });
  return ticks;
}

const PERCENT_TICKS: Tick[] = [0, 20, 40, 60, 80, 100].map((v) => ({ value: v, label: `${v}%` }));

/** Each label's series as shares of the label's total, in percent; a label whose values are all zero stays at zero. */
function percentages(block: ChartBlock): number[][] {
  const totals = block.labels.map((_, i) => block.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  return block.series.map((s) => s.values.map((v, i) => (totals[i] ? (v / totals[i]!) * 100 : 0)));
}

function text(x: number, y: number, content: string, align: 'left' | 'center' | 'right' = 'left', rotate?: number): Mark {
  return { kind: 'text', x, y, text: content, face: 'sans', size: FONT, colour: TEXT, align, ...(rotate ? { rotate } : {}) };
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface LegendItem {
  label: string;
  index: number;
}

/**
 * The legend under the chart, centred, in rows as wide as the box allows (Chart.js's legend at 'bottom'): a patterned
 * box 26 × 13 px for bars and slices, the line's marker for lines. Returns its height and draws it at the box's foot.
 */
function legend(items: LegendItem[], area: Box, lines: boolean, measure: Measure, marks: Mark[]): number {
  if (items.length === 0) return 0;
  const boxWidth = (lines ? 8 : 26) * PX;
  const boxHeight = (lines ? 8 : 13) * PX;
  const itemHeight = Math.max(FONT, boxHeight);
  const lineHeight = itemHeight + LEGEND_PADDING;
  const maxWidth = area.right - area.left;
  // An item wider than a whole row ends in an ellipsis (Chart.js would run it off the canvas).
  const labels = items.map((item) => shortened(item.label, maxWidth - 2 * LEGEND_PADDING - boxWidth - FONT / 2, measure));
  const widths = labels.map((label) => boxWidth + FONT / 2 + measure(label, 'sans', FONT));
  const rows: number[][] = [];
  let rowWidth = 0;
  widths.forEach((w, i) => {
    if (i === 0 || rowWidth + w + 2 * LEGEND_PADDING > maxWidth) {
      rows.push([]);
      rowWidth = 0;
    }
    rows.at(-1)!.push(i);
    rowWidth += w + LEGEND_PADDING;
  });
  const height = rows.length * lineHeight + 10 * PX;
  const top = area.bottom - height;
  rows.forEach((row, r) => {
    const lineWidth = row.reduce((sum, i) => sum + widths[i]! + LEGEND_PADDING, 0);
    let x = (area.left + LEGEND_PADDING + area.right - lineWidth) / 2;
    const y = top + LEGEND_PADDING + r * lineHeight;
    for (const i of row) {
      const item = items[i]!;
      if (lines) {
        const style = lineStyle(item.index);
        marks.push(...pointMarks(style.point, x + boxWidth / 2, y + FONT / 2, (boxHeight * Math.SQRT2) / 2, style.colour, 2 * PX));
      } else {
        const boxTop = y + Math.max((FONT - boxHeight) / 2, 0);
        marks.push(...patternedRect(item.index, x, boxTop, boxWidth, boxHeight));
      }
      marks.push(text(x + boxWidth + FONT / 2, middle(y + itemHeight / 2), labels[i]!));
      x += widths[i]! + LEGEND_PADDING;
    }
  });
  return height;
}

/** A filled, patterned rectangle; its edge on every side, or all but `skip` (the bar's base, as Chart.js's borderSkipped). */
function patternedRect(
  index: number,
  x: number,
  y: number,
  width: number,
  height: number,
  skip?: 'left' | 'bottom' | 'right' | 'top',
): Mark[] {
  const outline = rectOutline(x, y, width, height);
  const marks: Mark[] = [{ kind: 'rect', x, y, width, height, fill: fillColour(index) }, ...patternMarks(index, outline)];
  if (!skip) {
    marks.push({ kind: 'rect', x, y, width, height, stroke: EDGE });
    return marks;
  }
  // The outline from the corner after the skipped side round to the corner before it.
  const start = { top: 1, right: 2, bottom: 3, left: 0 }[skip];
  const points = [0, 1, 2, 3].map((k) => outline[(start + k) % 4]!);
  marks.push({ kind: 'path', points, stroke: EDGE });
  return marks;
}

/** A line's point marker, as Chart.js's drawPoint draws each style at `radius`. */
function pointMarks(style: PointStyle, x: number, y: number, radius: number, colour: Colour, width: number): Mark[] {
  const stroke: Stroke = { colour, width };
  const polygon = (angles: number[], r: number): Mark => ({
    kind: 'path',
    points: angles.map((a) => [x + r * Math.sin(a), y - r * Math.cos(a)]),
    closed: true,
    fill: colour,
    stroke,
  });
  const cross = (rotation: number): Mark[] =>
    [0, Math.PI / 2].map((a) => ({
      kind: 'line' as const,
      x1: x + radius * Math.sin(a + rotation),
      y1: y - radius * Math.cos(a + rotation),
      x2: x - radius * Math.sin(a + rotation),
      y2: y + radius * Math.cos(a + rotation),
      stroke,
    }));
  const half = Math.SQRT1_2 * radius;
  switch (style) {
    case 'circle':
      return [{ kind: 'sector', cx: x, cy: y, r: radius, from: 0, to: 2 * Math.PI, fill: colour, stroke }];
    case 'rect':
    case 'rectRounded':
      return [{ kind: 'rect', x: x - half, y: y - half, width: 2 * half, height: 2 * half, fill: colour, stroke }];
    case 'triangle':
      return [polygon([0, (2 * Math.PI) / 3, (4 * Math.PI) / 3], radius)];
    case 'rectRot':
      return [polygon([0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2], radius)];
    case 'cross':
      return cross(0);
    case 'crossRot':
      return cross(Math.PI / 4);
    case 'star':
      return [...cross(0), ...cross(Math.PI / 4)];
  }
}

/** Where `value` lies along an axis from `start` (its min) to `end` (its max). */
function scale(ticks: Tick[], start: number, end: number) {
  const min = ticks[0]!.value;
  const max = ticks.at(-1)!.value;
  return (value: number) => start + ((value - min) / (max - min)) * (end - start);
}

/**
 * Labels along an axis lying across, one every `every`: every label when they fit side by side (with 6 px between),
 * otherwise as few skipped as keeps them apart — what Chart.js's autoSkip does to a value axis.
 */
function thinned(widths: number[], spacing: number): number {
  const widest = Math.max(0, ...widths);
  return Math.max(1, Math.ceil((widest + 6 * PX) / spacing));
}

/** Where a line may break after a character: Japanese punctuation, a space, a slash. */
const BREAK_AFTER = /[、。・／/\s）)]/;

/**
 * The label in lines at most `maxWidth` wide, broken after punctuation where it can be and between any two characters
 * where it cannot (Japanese has no spaces to break at).
 * @example wrapLabel('在宅医療を行う歯科診療所／歯科医療連携室との連携', 150, measure) // ['在宅医療を行う歯科診療所／', '歯科医療連携室との連携']
 */
export function wrapLabel(label: string, maxWidth: number, measure: Measure): string[] {
  const chars = [...label];
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start + 1;
    while (end < chars.length && measure(chars.slice(start, end + 1).join(''), 'sans', FONT) <= maxWidth) end++;
    if (end < chars.length) {
      // Back to the last break-friendly character in the line's second half, if there is one.
      for (let k = end; k > start + (end - start) / 2; k--) {
        if (BREAK_AFTER.test(chars[k - 1]!)) {
          end = k;
          break;
        }
      }
    }
    lines.push(chars.slice(start, end).join('').trim());
    start = end;
  }
  return lines;
}

/** The label cut to `maxWidth` with an ellipsis, when it is wider. */
function shortened(label: string, maxWidth: number, measure: Measure): string {
  if (measure(label, 'sans', FONT) <= maxWidth) return label;
  const chars = [...label];
  let keep = chars.length;
  while (keep > 1 && measure(`${chars.slice(0, keep).join('')}…`, 'sans', FONT) > maxWidth) keep--;
  return `${chars.slice(0, keep).join('')}…`;
}

/**
 * A category axis lying across under the chart: its labels level when each fits its band, turned as much as needed
 * (at most 50°, as Chart.js's maxRotation) when not, and every second or third left out only when even turned they
 * would touch. Chart.js turns them less when the longest would then take more than half the chart's height; here such
 * a label ends in an ellipsis instead. Returns the rotation (degrees) and which labels are shown.
 */
function categoryLayout(widths: number[], band: number): { rotation: number; every: number } {
  const widest = Math.max(0, ...widths);
  if (widest + 6 * PX <= band) return { rotation: 0, every: 1 };
  const needed = Math.asin(Math.min(1, (LINE + 6 * PX) / band));
  const rotation = Math.min(50, (needed * 180) / Math.PI);
  // A hair's tolerance: turned by exactly the angle that fits, a label is one line's height (and the gap) from the next.
  const every = Math.max(1, Math.ceil((LINE + 6 * PX) / (band * Math.sin((rotation * Math.PI) / 180)) - 1e-9));
  return { rotation, every };
}

/** Bars (stacked or side by side), upright or lying across, and lines: every chart with two axes. */
function cartesian(block: ChartBlock, width: number, height: number, measure: Measure): Drawing {
  const marks: Mark[] = [];
  const share = block.kind === 'stackedBar100';
  const stacked = block.kind === 'stackedBar' || share;
  const across = block.kind === 'horizontalBar' || share;
  const isLine = block.kind === 'line';
  const values = share ? percentages(block) : block.series.map((s) => s.values);
  const frame: Box = { left: PADDING, top: PADDING, right: width - PADDING, bottom: height - PADDING };

  // The unit above an upright value axis, level at the top left (Chart.js's subtitle, align start).
  if (!across && block.unit !== '') {
    marks.push(text(frame.left, middle(frame.top + LINE / 2), `（${block.unit}）`));
    frame.top += LINE + 6 * PX;
  }
  const items = block.series.map((s, index) => ({ label: s.label, index }));
  frame.bottom -= legend(items, frame, isLine, measure, marks);

  const n = block.labels.length;
  const sums = stacked
    ? block.labels.flatMap((_, i) => {
        const column = values.map((v) => v[i] ?? 0);
        return [column.filter((v) => v > 0).reduce((a, b) => a + b, 0), column.filter((v) => v < 0).reduce((a, b) => a + b, 0)];
      })
    : values.flat();
  const tickLimit = (length: number) => Math.min(11, Math.ceil(length / Math.min(40 * PX, across ? Number.POSITIVE_INFINITY : LINE)));
  const ticksFor = (length: number) => (share ? PERCENT_TICKS : valueTicks(sums, tickLimit(length)));
  const labelWidths = block.labels.map((l) => measure(l, 'sans', FONT));

  let area: Box;
  let ticks: Tick[];
  let leftLabels: string[][] = [];
  if (across) {
    // Category labels at the left, the value axis under the chart with its unit below it.
    // Chart.js shows the axis's title only for a unit (a 帯グラフ's is %).
    const unit = share ? '%' : block.unit;
    const unitHeight = unit === '' ? 0 : LINE + 8 * PX;
    const axisHeight = TICK_LENGTH + TICK_PADDING * 2 + LINE + unitHeight;
    // Chart.js gives an axis at the side at most half the chart's width; a label wider than that is set in lines.
    const labelRoom = (frame.right - frame.left) / 2 - TICK_LENGTH - 2 * TICK_PADDING;
    leftLabels = block.labels.map((label) => wrapLabel(label, labelRoom, measure));
    const categoryWidth = TICK_LENGTH + 2 * TICK_PADDING + Math.max(0, ...leftLabels.flat().map((line) => measure(line, 'sans', FONT)));
    ticks = ticksFor(frame.right - frame.left - categoryWidth);
    const lastHalf = measure(ticks.at(-1)!.label, 'sans', FONT) / 2;
    area = {
      left: frame.left + categoryWidth,
      top: frame.top + Math.max(0, LINE / 2 + TICK_PADDING - PADDING),
      right: frame.right - lastHalf - TICK_PADDING,
      bottom: frame.bottom - axisHeight,
    };
    if (unit !== '') marks.push(text((area.left + area.right) / 2, middle(frame.bottom - 4 * PX - LINE / 2), `（${unit}）`, 'center'));
  } else {
    const axisRoom = (frame.bottom - frame.top) / 2 - TICK_LENGTH - 2 * TICK_PADDING;
    const top = frame.top + (frame.top === PADDING ? LINE / 2 + TICK_PADDING - PADDING : 0);
    const valueAxisWidth = (ts: Tick[]) => TICK_LENGTH + 2 * TICK_PADDING + Math.max(...ts.map((t) => measure(t.label, 'sans', FONT)));
    // How long a label turned by `turn` may be before it takes more than half the chart's height.
    const tallest = (turn: number) => (axisRoom - Math.cos(turn) * LINE) / Math.sin(turn);
    let left = frame.left + valueAxisWidth(ticksFor(frame.bottom - frame.top - 3 * LINE));
    let band = 0;
    let layout = { rotation: 0, every: 1 };
    let turn = 0;
    let bottom = frame.bottom;
    // Laid out again while the value axis's labels (known once the height is) or the first turned label need more room.
    for (let round = 0; round < 5; round++) {
      band = (frame.right - left) / Math.max(n, 1);
      layout = categoryLayout(labelWidths, band);
      turn = (layout.rotation * Math.PI) / 180;
      const longest = turn > 0 ? Math.min(Math.max(0, ...labelWidths), tallest(turn)) : 0;
      bottom = frame.bottom - (TICK_LENGTH + 2 * TICK_PADDING + Math.sin(turn) * longest + Math.cos(turn) * LINE);
      ticks = ticksFor(bottom - top);
      // Chart.js pads the chart's left so that the first turned label ends inside the canvas; at most a quarter of it here.
      const first = turn > 0 ? Math.min(labelWidths[0] ?? 0, tallest(turn)) : 0;
      const forFirst = Math.min(
        frame.left + Math.cos(turn) * first + Math.sin(turn) * LINE - band / 2,
        frame.left + (frame.right - frame.left) / 4,
      );
      const needed = Math.max(frame.left + valueAxisWidth(ticks), forFirst);
      if (needed <= left) break;
      // A hundredth of a point over, so that the next round, whose bands are that much narrower, finds it enough.
      left = needed + 0.01;
    }
    // A turned label longer than the room under the chart, or than the room to its left edge, ends in an ellipsis
    // (Chart.js would cut it at the canvas's edge).
    const shown =
      turn > 0
        ? block.labels.map((l, i) =>
            shortened(l, Math.min(tallest(turn), (left + band * (i + 0.5) - frame.left - Math.sin(turn) * LINE) / Math.cos(turn)), measure),
          )
        : block.labels;
    const shownWidths = shown.map((l) => measure(l, 'sans', FONT));
    ticks ??= ticksFor(bottom - top);
    area = { left, top, right: frame.right, bottom };
    categoryAxisAcross(shown, shownWidths, area, layout, marks);
  }

  // Gridlines and the value axis's ticks, then the category axis's edge.
  const along = across ? scale(ticks, area.left, area.right) : scale(ticks, area.bottom, area.top);
  const tickWidths = ticks.map((t) => measure(t.label, 'sans', FONT));
  const every = across ? thinned(tickWidths, (area.right - area.left) / Math.max(1, ticks.length - 1)) : 1;
  ticks.forEach((tick, i) => {
    const p = along(tick.value);
    if (across) {
      marks.push({ kind: 'line', x1: p, y1: area.top, x2: p, y2: area.bottom + TICK_LENGTH, stroke: GRID });
      if (i % every === 0) marks.push(text(p, middle(area.bottom + TICK_LENGTH + TICK_PADDING + LINE / 2), tick.label, 'center'));
    } else {
      marks.push({ kind: 'line', x1: area.left - TICK_LENGTH, y1: p, x2: area.right, y2: p, stroke: GRID });
      marks.push(text(area.left - TICK_LENGTH - TICK_PADDING, middle(p), tick.label, 'right'));
    }
  });
  if (across) categoryAxisLeft(leftLabels, area, marks);

  // The axes' edges at the chart's left and foot, under the data as Chart.js draws its scales before the datasets.
  marks.push(
    { kind: 'line', x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, stroke: AXIS },
    { kind: 'line', x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, stroke: AXIS },
  );

  const band = ((across ? area.bottom - area.top : area.right - area.left) as number) / Math.max(n, 1);
  const centre = (i: number) => (across ? area.top : area.left) + band * (i + 0.5);

  if (isLine) {
    block.series.forEach((s, k) => {
      const style = lineStyle(k);
      const points = s.values.map((v, i) => [centre(i), along(v)] as [number, number]);
      marks.push({
        kind: 'path',
        points,
        stroke: { colour: style.colour, width: 2 * PX, ...(style.dash.length ? { dash: style.dash } : {}) },
      });
      for (const [x, y] of points) marks.push(...pointMarks(style.point, x, y, 4 * PX, style.colour, PX));
    });
  } else {
    const groups = stacked ? 1 : block.series.length;
    const slot = (band * 0.8) / groups;
    const thickness = Math.min(slot * 0.9, MAX_BAR);
    const positive = new Array<number>(n).fill(0);
    const negative = new Array<number>(n).fill(0);
    values.forEach((series, k) => {
      series.forEach((v, i) => {
        if (v === 0) return;
        const base = stacked ? (v > 0 ? positive[i]! : negative[i]!) : 0;
        if (stacked) (v > 0 ? positive : negative)[i] = base + v;
        const from = along(base);
        const to = along(base + v);
        const middleOfSlot = centre(i) - band * 0.4 + slot * ((stacked ? 0 : k) + 0.5);
        const side = middleOfSlot - thickness / 2;
        if (across) {
          marks.push(...patternedRect(k, Math.min(from, to), side, Math.abs(to - from), thickness, v > 0 ? 'left' : 'right'));
        } else {
          marks.push(...patternedRect(k, side, Math.min(from, to), thickness, Math.abs(to - from), v > 0 ? 'bottom' : 'top'));
        }
      });
    });
  }

  return { width, height, marks };
}

/** The category labels under an upright chart, each at its band's middle (turned to end at it when they must be). */
function categoryAxisAcross(labels: string[], widths: number[], area: Box, layout: { rotation: number; every: number }, marks: Mark[]) {
  const band = (area.right - area.left) / Math.max(labels.length, 1);
  const y = area.bottom + TICK_LENGTH + TICK_PADDING;
  labels.forEach((label, i) => {
    if (i % layout.every !== 0 || widths[i] === 0) return;
    const x = area.left + band * (i + 0.5);
    if (layout.rotation === 0) marks.push(text(x, middle(y + LINE / 2), label, 'center'));
    else {
      // As Chart.js turns a label: its end at the tick, moved half a line back along the axis, its middle a half line below.
      const turn = (layout.rotation * Math.PI) / 180;
      const down = LINE / 2 + FONT * 0.38;
      const anchor = x - (LINE / 2) * Math.sin(turn);
      marks.push(text(anchor + down * Math.sin(turn), y + down * Math.cos(turn), label, 'right', layout.rotation));
    }
  });
}

/**
 * The category labels at the left of a chart lying across, right-aligned against the axis, each (in its lines) centred
 * on its band; every second or third only when the bands are too narrow for them.
 */
function categoryAxisLeft(labels: string[][], area: Box, marks: Mark[]) {
  const band = (area.bottom - area.top) / Math.max(labels.length, 1);
  const tallest = Math.max(1, ...labels.map((lines) => lines.length)) * LINE;
  const every = Math.max(1, Math.ceil((tallest + 2 * PX) / band));
  labels.forEach((lines, i) => {
    if (i % every !== 0) return;
    const centre = area.top + band * (i + 0.5);
    lines.forEach((line, j) => {
      marks.push(text(area.left - TICK_LENGTH - TICK_PADDING, middle(centre + (j - (lines.length - 1) / 2) * LINE), line, 'right'));
    });
  });
}

/** A pie: slices clockwise from 12 o'clock in the labels' order, as large as the space over the legend allows. */
function pie(block: ChartBlock, width: number, height: number, measure: Measure): Drawing {
  const marks: Mark[] = [];
  const frame: Box = { left: PADDING, top: PADDING, right: width - PADDING, bottom: height - PADDING };
  frame.bottom -= legend(
    block.labels.map((label, index) => ({ label, index })),
    frame,
    false,
    measure,
    marks,
  );
  const cx = (frame.left + frame.right) / 2;
  const cy = (frame.top + frame.bottom) / 2;
  const outer = Math.max(0, (Math.min(frame.right - frame.left, frame.bottom - frame.top) - EDGE.width) / 2);
  // Several series are rings, the first outermost, as Chart.js nests a pie's datasets.
  const rings = Math.max(1, block.series.length);
  block.series.forEach((series, k) => {
    const r = outer - (outer / rings) * k;
    const inner = outer - (outer / rings) * (k + 1);
    const total = series.values.reduce((sum, v) => sum + Math.max(0, v), 0);
    let angle = 0;
    series.values.forEach((v, i) => {
      if (!total || v <= 0) return;
      const to = angle + (v / total) * 2 * Math.PI;
      const outline: Outline =
        inner > 0
          ? [...sectorOutline(cx, cy, r, angle, to).slice(1), ...sectorOutline(cx, cy, inner, angle, to).slice(1).reverse()]
          : sectorOutline(cx, cy, r, angle, to);
      if (inner > 0) marks.push({ kind: 'path', points: outline, closed: true, fill: fillColour(i) });
      else marks.push({ kind: 'sector', cx, cy, r, from: angle, to, fill: fillColour(i) });
      // The edge over the pattern, as chords of 2° (a hundredth of a point from the arc).
      marks.push(...patternMarks(i, outline), { kind: 'path', points: outline, closed: true, stroke: EDGE });
      angle = to;
    });
  });
  return { width, height, marks };
}

/**
 * The chart as marks in a box `width` × `height` points (chartSize gives the printed one), measured with the PDF
 * writer's own metrics so that what fits on the page fits in the drawing.
 * @example chartDrawing(block, CHART_SIZE_PT.landscape.width, CHART_SIZE_PT.landscape.height, measure)
 */
export function chartDrawing(block: ChartBlock, width: number, height: number, measure: Measure): Drawing {
  return block.kind === 'pie' ? pie(block, width, height, measure) : cartesian(block, width, height, measure);
}
