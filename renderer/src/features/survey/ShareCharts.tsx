/**
 * The survey's charts, drawn with a fill pattern as well as a colour so a
 * black-and-white printout still reads: a composition as one bar per choice
 * (whole percents, the count and n in the labels), and shares as 100%
 * stacked bars (one bar per 圏域 and round, or per question). Each canvas's
 * label repeats the figures for screen readers.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useMemo } from 'react';
import { Bar } from 'react-chartjs-2';
import { fillPattern } from '@renderer/components/chart-patterns';
import '@renderer/components/chart-fonts';
import { formatNumber } from '@shared/format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const FONT = { family: "'Noto Sans JP', sans-serif" };

function usePatterns(count: number): CanvasPattern[] {
  const ratio = window.devicePixelRatio || 1;
  return useMemo(() => Array.from({ length: count }, (_, i) => fillPattern(i, ratio)), [count, ratio]);
}

/** One bar per choice: its whole percent of n, with the count. */
export function CompositionChart({
  title,
  labels,
  counts,
  percents,
  n,
  unit,
  testId,
}: {
  title: string;
  labels: string[];
  counts: number[];
  percents: number[];
  n: number;
  unit: string;
  testId: string;
}) {
  const fills = usePatterns(labels.length);
  const summary = labels.map((l, i) => `${l} ${percents[i]}%（${formatNumber(counts[i]!)}${unit}）`).join('、');
  return (
    <figure className="survey-chart">
      <figcaption>
        {title}（n = {formatNumber(n)}
        {unit}）
      </figcaption>
      <div className="survey-chart__canvas" style={{ height: `${Math.max(10, labels.length * 2.3 + 3)}rem` }}>
        <Bar
          role="img"
          aria-label={`${title}のグラフ（n = ${formatNumber(n)}${unit}）。${summary}`}
          data-testid={testId}
          data={{
            labels: labels.map((l, i) => `${l}  ${percents[i]}%（${formatNumber(counts[i]!)}）`),
            datasets: [{ label: '割合（％）', data: percents, backgroundColor: fills, borderColor: '#222', borderWidth: 1 }],
          }}
          options={{
            indexAxis: 'y',
            maintainAspectRatio: false,
            animation: false,
            plugins: {
              legend: { display: false },
              tooltip: {
                callbacks: {
                  label: (ctx) => `${percents[ctx.dataIndex]}%（${formatNumber(counts[ctx.dataIndex]!)}${unit} / n = ${formatNumber(n)}）`,
                },
              },
            },
            scales: {
              // Up to the next 10% above the largest share, so small shares still show.
              x: {
                beginAtZero: true,
                max: Math.min(100, Math.ceil((Math.max(0, ...percents) + 5) / 10) * 10),
                ticks: { callback: (v) => `${v}%` },
              },
              y: { ticks: { font: { ...FONT, size: 13 } } },
            },
          }}
        />
      </div>
    </figure>
  );
}

export interface StackedBar {
  /** One line or several (「新潟」「令和4年度」). */
  label: string | string[];
  n: number;
  /** Whole percents per part, adding up to 100 (or all 0 when n is 0). */
  percents: number[];
  counts: number[];
}

/** 100% stacked bars: each bar splits into `parts` by whole percents. */
export function StackedShareChart({
  title,
  parts,
  bars,
  unit,
  testId,
  note,
}: {
  title: string;
  parts: string[];
  bars: StackedBar[];
  unit: string;
  testId: string;
  note?: string;
}) {
  const fills = usePatterns(parts.length);
  const name = (bar: StackedBar) => (Array.isArray(bar.label) ? bar.label.join(' ') : bar.label);
  const summary = bars
    .map((b) => `${name(b)}（n = ${formatNumber(b.n)}${unit}）: ${parts.map((p, i) => `${p} ${b.percents[i]}%`).join('、')}`)
    .join('。');
  return (
    <figure className="survey-chart">
      <figcaption>
        {title}
        {note && <span className="muted survey-chart__note">{note}</span>}
      </figcaption>
      <div className="survey-chart__canvas" style={{ height: `${Math.max(12, bars.length * 2.6 + 6)}rem` }}>
        <Bar
          role="img"
          aria-label={`${title}のグラフ。${summary}`}
          data-testid={testId}
          data={{
            labels: bars.map((b) => {
              const lines = Array.isArray(b.label) ? [...b.label] : [b.label];
              lines[lines.length - 1] = `${lines.at(-1)}（n=${formatNumber(b.n)}）`;
              return lines;
            }),
            datasets: parts.map((p, i) => ({
              label: p,
              data: bars.map((b) => b.percents[i] ?? 0),
              backgroundColor: fills[i],
              borderColor: '#222',
              borderWidth: 1,
            })),
          }}
          options={{
            indexAxis: 'y',
            maintainAspectRatio: false,
            animation: false,
            plugins: {
              legend: { position: 'top', labels: { font: FONT } },
              tooltip: {
                callbacks: {
                  label: (ctx) => {
                    const bar = bars[ctx.dataIndex]!;
                    return `${parts[ctx.datasetIndex]}: ${bar.percents[ctx.datasetIndex]}%（${formatNumber(bar.counts[ctx.datasetIndex] ?? 0)}${unit}）`;
                  },
                },
              },
            },
            scales: {
              x: { stacked: true, beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } },
              y: { stacked: true, ticks: { font: { ...FONT, size: 13 } } },
            },
          }}
        />
      </div>
    </figure>
  );
}
