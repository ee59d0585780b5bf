/**
 * Budget (総事業費) against spending (執行額) per 区分 for the year shown, as
 * bars with a fill pattern as well as a colour so a black-and-white printout
 * still reads. The canvas's label repeats the figures for screen readers.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useMemo } from 'react';
import { Bar } from 'react-chartjs-2';
import { wholeNumberTicks } from '@renderer/components/chart-axis';
import { fillPattern } from '@renderer/components/chart-patterns';
import '@renderer/components/chart-fonts';
import type { YearView } from '@shared/fund/year';
import type { Yen } from '@shared/money';
import { amountIn, formatAmount, type MoneyUnit, UNIT_LABELS } from './money';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export function BudgetChart({ view, unit }: { view: YearView; unit: MoneyUnit }) {
  const ratio = window.devicePixelRatio || 1;
  const fills = useMemo(() => [fillPattern(0, ratio), fillPattern(1, ratio)], [ratio]);
  const labels = view.groups.map((g) => `区分${g.categoryCode}`);
  const value = (amount: Yen) => amountIn(amount, unit);
  const series = [
    { label: '予算（総事業費）', values: view.groups.map((g) => g.subtotal.totalCost) },
    { label: '執行額', values: view.groups.map((g) => g.subtotal.spent) },
  ];
  const summary = view.groups
    .map(
      (g) =>
        `区分${g.categoryCode}: 予算 ${formatAmount(g.subtotal.totalCost, unit)}${UNIT_LABELS[unit]}、執行 ${formatAmount(g.subtotal.spent, unit)}${UNIT_LABELS[unit]}`,
    )
    .join('。');
  return (
    <section className="card" aria-labelledby="fund-chart-title">
      <div className="card__head">
        <h2 id="fund-chart-title">区分ごとの予算と執行</h2>
        <span className="muted">単位: {UNIT_LABELS[unit]}</span>
      </div>
      <div className="fund-chart">
        <Bar
          aria-label={`区分ごとの予算と執行のグラフ。${summary}`}
          role="img"
          data-testid="fund-chart"
          data={{
            labels,
            datasets: series.map((s, i) => ({
              label: s.label,
              data: s.values.map(value),
              backgroundColor: fills[i],
              borderColor: '#222',
              borderWidth: 1,
            })),
          }}
          options={{
            maintainAspectRatio: false,
            animation: false,
            plugins: {
              legend: { position: 'top', labels: { font: { family: "'Noto Sans JP', sans-serif" } } },
              tooltip: {
                callbacks: {
                  label: (ctx) =>
                    `${ctx.dataset.label}: ${formatAmount(series[ctx.datasetIndex]!.values[ctx.dataIndex]!, unit)}${UNIT_LABELS[unit]}`,
                },
              },
            },
            scales: {
              x: { ticks: { font: { family: "'Noto Sans JP', sans-serif" } } },
              y: { beginAtZero: true, ticks: wholeNumberTicks },
            },
          }}
        />
      </div>
    </section>
  );
}
