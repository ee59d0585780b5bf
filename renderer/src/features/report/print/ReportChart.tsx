/**
 * A report's chart block drawn with Chart.js for print: a fixed size that
 * fits the page's printable width, three device pixels per CSS pixel, no
 * animation (so it is finished as soon as it is created), and patterns and
 * dashes that still read on a black-and-white printout.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartDataset,
  type ChartOptions,
  type FontSpec,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  SubTitle,
  Title,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { wholeNumberTicks } from '@renderer/components/chart-axis';
import { fillPattern, lineStyle } from '@renderer/components/chart-patterns';
import '@renderer/components/chart-fonts';
import { chartCanvasMm } from '@shared/report/chart-draw';
import type { ChartBlock, Orientation } from '@shared/report/model';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  SubTitle,
  Title,
);

/**
 * Device pixels per CSS pixel of the canvas: about 190 dpi, for the workbook's
 * copy of the chart (the PDF draws it again as lines, see beforeprint below).
 */
const PIXEL_RATIO = 2;
/** The fill patterns' tiles are drawn finer (about 290 dpi): the PDF keeps them as pictures. */
const PATTERN_RATIO = 3;

const PX_PER_MM = 96 / 25.4;

const FAMILY = "'Noto Sans JP', sans-serif";
const TEXT = '#000';
const GRID = '#c8c8c8';
const EDGE = '#222';

function font(size: number, weight: 'normal' | 'bold' = 'normal'): Partial<FontSpec> {
  return { family: FAMILY, size, weight };
}

/** Each label's series as shares of the label's total, in percent; a label whose values are all zero stays at zero. */
function percentages(block: ChartBlock): number[][] {
  const totals = block.labels.map((_, i) => block.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  return block.series.map((s) => s.values.map((v, i) => (totals[i] ? (v / totals[i]!) * 100 : 0)));
}

function unitTitle(unit: string) {
  return { display: unit !== '', text: `（${unit}）`, color: TEXT, font: font(10) };
}

/**
 * The unit of an upright value axis, written level above its top left as in
 * Japanese statistical charts: Chart.js would turn an axis title on its side.
 */
function unitAbove(unit: string) {
  return {
    display: unit !== '',
    text: `（${unit}）`,
    align: 'start' as const,
    color: TEXT,
    font: font(10),
    padding: { top: 0, bottom: 6 },
  };
}

/** A cartesian axis's options as the chart configuration takes them (every field optional). */
type Axis = NonNullable<NonNullable<ChartOptions<'bar' | 'line'>['scales']>[string]>;

/** Each label sits in the middle of its own band (offset), as bars do, so a line also keeps off the chart's edges. */
function categoryAxis(stacked: boolean): Axis {
  return {
    stacked,
    offset: true,
    grid: { display: false },
    border: { color: EDGE },
    ticks: { color: TEXT, font: font(10), autoSkip: false },
  };
}

/** `unit` is given when the axis lies across; an upright axis has its unit above it (unitAbove). */
function valueAxis(stacked: boolean, unit?: string): Axis {
  return {
    stacked,
    beginAtZero: true,
    title: unitTitle(unit ?? ''),
    grid: { color: GRID },
    border: { color: EDGE },
    ticks: { ...wholeNumberTicks, color: TEXT, font: font(10) },
  };
}

function percentAxis(): Axis {
  return {
    stacked: true,
    min: 0,
    max: 100,
    title: unitTitle('%'),
    grid: { color: GRID },
    border: { color: EDGE },
    ticks: { color: TEXT, font: font(10), stepSize: 20, callback: (v) => `${v}%` },
  };
}

/** The options every kind shares; typed by what they hold, so each kind's configuration accepts them. */
function common(block: ChartBlock, usePointStyle: boolean, unitAboveAxis: boolean) {
  return {
    responsive: false,
    animation: false as const,
    devicePixelRatio: PIXEL_RATIO,
    // Paper does not hover: no listeners, and nothing changes after the first draw.
    events: [] as (keyof HTMLElementEventMap)[],
    layout: { padding: 4 },
    plugins: {
      // The title is printed as text above the canvas (ReportDocument), so it can be found and read in the PDF.
      title: { display: false },
      subtitle: unitAboveAxis ? unitAbove(block.unit) : { display: false },
      legend: {
        position: 'bottom' as const,
        // Boxes wide enough to show a patch of the pattern; a line's marker at the size it has on the line.
        labels: usePointStyle
          ? { color: TEXT, font: font(10), boxWidth: 8, boxHeight: 8, padding: 14, usePointStyle }
          : { color: TEXT, font: font(10), boxWidth: 26, boxHeight: 13, padding: 14 },
      },
    },
  };
}

function barConfig(block: ChartBlock): ChartConfiguration<'bar'> {
  const stacked = block.kind === 'stackedBar' || block.kind === 'stackedBar100';
  const share = block.kind === 'stackedBar100';
  // A 100% stacked bar is drawn across, as the 帯グラフ of Japanese survey reports.
  const across = block.kind === 'horizontalBar' || share;
  const values = share ? percentages(block) : block.series.map((s) => s.values);
  const datasets: ChartDataset<'bar'>[] = block.series.map((s, i) => ({
    label: s.label,
    data: values[i] ?? [],
    backgroundColor: fillPattern(i, PATTERN_RATIO),
    borderColor: EDGE,
    borderWidth: 0.8,
    maxBarThickness: 48,
  }));
  const value = share ? percentAxis() : valueAxis(stacked, across ? block.unit : undefined);
  const category = categoryAxis(stacked);
  return {
    type: 'bar',
    data: { labels: block.labels, datasets },
    options: {
      ...common(block, false, !across),
      indexAxis: across ? 'y' : 'x',
      scales: across ? { x: value, y: category } : { x: category, y: value },
    },
  };
}

function lineConfig(block: ChartBlock): ChartConfiguration<'line'> {
  const datasets: ChartDataset<'line'>[] = block.series.map((s, i) => {
    const style = lineStyle(i);
    return {
      label: s.label,
      data: s.values,
      borderColor: style.colour,
      backgroundColor: style.colour,
      borderDash: style.dash,
      borderWidth: 2,
      pointStyle: style.point,
      pointRadius: 4,
      pointBorderColor: style.colour,
      pointBackgroundColor: style.colour,
    };
  });
  return {
    type: 'line',
    data: { labels: block.labels, datasets },
    options: { ...common(block, true, true), scales: { x: categoryAxis(false), y: valueAxis(false) } },
  };
}

function pieConfig(block: ChartBlock): ChartConfiguration<'pie'> {
  const datasets: ChartDataset<'pie'>[] = block.series.map((s) => ({
    label: s.label,
    data: s.values,
    backgroundColor: block.labels.map((_, i) => fillPattern(i, PATTERN_RATIO)),
    borderColor: EDGE,
    borderWidth: 0.8,
  }));
  return { type: 'pie', data: { labels: block.labels, datasets }, options: common(block, false, false) };
}

function createChart(canvas: HTMLCanvasElement, block: ChartBlock): Chart {
  switch (block.kind) {
    case 'line':
      return new Chart(canvas, lineConfig(block));
    case 'pie':
      return new Chart(canvas, pieConfig(block));
    case 'bar':
    case 'horizontalBar':
    case 'stackedBar':
    case 'stackedBar100':
      return new Chart(canvas, barConfig(block));
  }
}

/** Every character the chart draws, so the font faces covering them can be loaded. */
function chartText(block: ChartBlock): string {
  return [block.title, block.unit, ...block.labels, ...block.series.map((s) => s.label), '0123456789,.%（）'].join('');
}

export function ReportChart({ block, orientation }: { block: ChartBlock; orientation: Orientation }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = chartCanvasMm(block, orientation);

  useEffect(() => {
    if (!canvas.current) return;
    const chart = createChart(canvas.current, block);
    let live = true;
    // A canvas draws with whatever font is loaded at that moment and never
    // redraws by itself; load the faces its text needs, then draw again.
    const text = chartText(block);
    void Promise.all([document.fonts.load(`400 12px ${FAMILY}`, text), document.fonts.load(`700 12px ${FAMILY}`, text)]).then(() => {
      if (live) chart.update('none');
    });
    // Drawn again as the page prints: Chromium records a canvas drawn in
    // beforeprint as drawing commands, so the PDF holds the chart as lines and
    // text (sharp at any zoom, and cheap to print) rather than a large picture.
    const drawForPrint = () => chart.draw();
    window.addEventListener('beforeprint', drawForPrint);
    return () => {
      live = false;
      window.removeEventListener('beforeprint', drawForPrint);
      chart.destroy();
    };
  }, [block, orientation]);

  return (
    <canvas
      ref={canvas}
      className="report-doc__chart-canvas"
      width={Math.floor(size.width * PX_PER_MM)}
      height={Math.floor(size.height * PX_PER_MM)}
      role="img"
      aria-label={block.title}
    />
  );
}
