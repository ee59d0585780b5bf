/**
 * センター活動実績's charts: this 年度 against the previous one, month by month
 * and by who asked / by theme, each series a fill pattern as well as a colour
 * (projectors and black-and-white printouts wash colours out). Each canvas's
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

export interface ActivitySeries {
  label: string;
  values: number[];
}

/** Bars per label, one per series (this 年度, the previous), or stacked parts of one total. */
export function ActivityBarChart({
  title,
  labels,
  series,
  unit,
  horizontal = false,
  stacked = false,
  testId,
}: {
  title: string;
  labels: string[];
  series: ActivitySeries[];
  unit: string;
  horizontal?: boolean;
  stacked?: boolean;
  testId: string;
}) {
  const ratio = window.devicePixelRatio || 1;
  const fills = useMemo(() => series.map((_, i) => fillPattern(i, ratio)), [series, ratio]);
  const summary = series
    .map((s) => `${s.label}: ${labels.map((l, i) => `${l} ${formatNumber(s.values[i] ?? 0)}${unit}`).join('、')}`)
    .join('。');
  const valueAxis = { stacked, beginAtZero: true, ticks: { callback: (v: number | string) => `${formatNumber(Number(v))}` } };
  const labelAxis = { stacked, ticks: { font: { ...FONT, size: 13 } } };
  return (
    <figure className="survey-chart">
      <figcaption>
        {title}
        <span className="muted survey-chart__note">単位: {unit}</span>
      </figcaption>
      <div
        className="survey-chart__canvas"
        style={{ height: horizontal ? `${Math.max(12, labels.length * series.length * 1.3 + 5)}rem` : '18rem' }}
      >
        <Bar
          role="img"
          aria-label={`${title}のグラフ。${summary}`}
          data-testid={testId}
          data={{
            labels,
            datasets: series.map((s, i) => ({
              label: s.label,
              data: s.values,
              backgroundColor: fills[i],
              borderColor: '#222',
              borderWidth: 1,
            })),
          }}
          options={{
            indexAxis: horizontal ? 'y' : 'x',
            maintainAspectRatio: false,
            animation: false,
            plugins: {
              legend: { position: 'top', labels: { font: FONT } },
              tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatNumber(Number(ctx.raw))}${unit}` } },
            },
            scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
          }}
        />
      </div>
    </figure>
  );
}
