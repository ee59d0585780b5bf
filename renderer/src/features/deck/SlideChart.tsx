/**
 * A block's chart on the stage: drawn for a room, not for paper — large
 * type, thick edges, and every series or slice with a fill pattern or a dash
 * as well as its colour, since a projector washes colours out.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartData,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
} from 'chart.js';
import { type ReactNode, useMemo } from 'react';
import { Bar, Line, Pie } from 'react-chartjs-2';
import { wholeNumberTicks } from '@renderer/components/chart-axis';
import { fillPattern, lineStyle } from '@renderer/components/chart-patterns';
import '@renderer/components/chart-fonts';
import { formatNumber } from '@shared/format';
import type { ChartBlock } from '@shared/report/model';

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
);

/** Sizes in stage pixels (the stage is 1920 wide and scaled to the window). */
const FONT = { family: "'Noto Sans JP', sans-serif", size: 28 };
const TEXT = '#111';
const EDGE = '#111';
/** Patterns are drawn at this ratio: the stage is scaled, and a projector enlarges again. */
const PATTERN_RATIO = 3;

function percentages(block: ChartBlock): number[][] {
  const totals = block.labels.map((_, i) => block.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  return block.series.map((s) => s.values.map((v, i) => (totals[i] ? (v / totals[i]!) * 100 : 0)));
}

function legend() {
  return { position: 'bottom' as const, labels: { color: TEXT, font: FONT, boxWidth: 56, boxHeight: 28, padding: 28 } };
}

export function SlideChart({ block, height }: { block: ChartBlock; height: number }) {
  const patterns = useMemo(
    () => Array.from({ length: Math.max(block.series.length, block.labels.length) }, (_, i) => fillPattern(i, PATTERN_RATIO)),
    [block],
  );
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    devicePixelRatio: 2,
    plugins: { legend: legend(), tooltip: { enabled: false } },
  };
  const label = `${block.title}（${block.unit}）: ${block.series
    .map((s) => `${s.label} ${s.values.map((v, i) => `${block.labels[i]} ${formatNumber(v)}`).join('、')}`)
    .join('／')}`;
  let chart: ReactNode;
  if (block.kind === 'pie') {
    const data: ChartData<'pie'> = {
      labels: block.labels,
      datasets: block.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: patterns, borderColor: EDGE, borderWidth: 2 })),
    };
    chart = <Pie data={data} options={{ ...common, plugins: { ...common.plugins, legend: { ...legend(), position: 'right' } } }} />;
  } else if (block.kind === 'line') {
    const data: ChartData<'line'> = {
      labels: block.labels,
      datasets: block.series.map((s, i) => {
        const style = lineStyle(i);
        return {
          label: s.label,
          data: s.values,
          borderColor: style.colour,
          backgroundColor: style.colour,
          borderDash: style.dash.map((d) => d * 2.5),
          borderWidth: 5,
          pointStyle: style.point,
          pointRadius: 10,
        };
      }),
    };
    chart = (
      <Line
        data={data}
        options={{
          ...common,
          scales: {
            x: { ticks: { color: TEXT, font: FONT }, grid: { display: false } },
            y: { beginAtZero: true, ticks: { ...wholeNumberTicks, color: TEXT, font: FONT } },
          },
        }}
      />
    );
  } else {
    const share = block.kind === 'stackedBar100';
    const stacked = share || block.kind === 'stackedBar';
    const across = share || block.kind === 'horizontalBar';
    const values = share ? percentages(block) : block.series.map((s) => s.values);
    const data: ChartData<'bar'> = {
      labels: block.labels,
      datasets: block.series.map((s, i) => ({
        label: s.label,
        data: values[i] ?? [],
        backgroundColor: patterns[i],
        borderColor: EDGE,
        borderWidth: 2,
        maxBarThickness: 120,
      })),
    };
    const valueAxis = {
      stacked,
      beginAtZero: true,
      ...(share ? { min: 0, max: 100 } : {}),
      title: { display: true, text: share ? '（%）' : `（${block.unit}）`, color: TEXT, font: FONT },
      ticks: {
        ...wholeNumberTicks,
        color: TEXT,
        font: FONT,
        callback: (v: string | number) => (share ? `${v}%` : formatNumber(Number(v))),
      },
      grid: { color: '#bbb' },
    };
    const categoryAxis = { stacked, ticks: { color: TEXT, font: FONT, autoSkip: false }, grid: { display: false } };
    chart = (
      <Bar
        data={data}
        options={{
          ...common,
          indexAxis: across ? 'y' : 'x',
          scales: across ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        }}
      />
    );
  }
  return (
    <figure className="slide__chart" style={{ height }}>
      <figcaption>{block.title}</figcaption>
      <div className="slide__chart-canvas" role="img" aria-label={label}>
        {chart}
      </div>
    </figure>
  );
}
