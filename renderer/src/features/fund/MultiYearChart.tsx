/**
 * The fund over the years: each 年度's planned 総事業費 (newest version), its
 * spending and the fund's closing balance as lines, told apart by dash and
 * marker as well as colour so a black-and-white printout still reads.
 */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { Line } from 'react-chartjs-2';
import { wholeNumberTicks } from '@renderer/components/chart-axis';
import { lineStyle } from '@renderer/components/chart-patterns';
import '@renderer/components/chart-fonts';
import type { FundBalanceResult } from '@shared/contract/fund';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { Yen } from '@shared/money';
import { amountIn, formatAmount, type MoneyUnit, UNIT_LABELS } from './money';

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const FONT = { family: "'Noto Sans JP', sans-serif" };

export function MultiYearChart({ balance, unit }: { balance: FundBalanceResult; unit: MoneyUnit }) {
  const labels = balance.plans.map((p) => formatFiscalYear(fiscalYear(p.fiscalYear)));
  const series = [
    { label: '総事業費（計画）', values: balance.plans.map((p) => p.totalCost) },
    { label: '執行額', values: balance.plans.map((p) => p.spent) },
    {
      label: '基金の期末残高',
      values: balance.plans.map((p) => balance.years.find((y) => y.fiscalYear === p.fiscalYear)?.closing ?? (0 as Yen)),
    },
  ];
  const value = (amount: Yen) => amountIn(amount, unit);
  const summary = labels
    .map((label, i) => `${label}: ${series.map((s) => `${s.label} ${formatAmount(s.values[i]!, unit)}${UNIT_LABELS[unit]}`).join('、')}`)
    .join('。');
  return (
    <section className="card" aria-labelledby="fund-years-chart-title">
      <div className="card__head">
        <h2 id="fund-years-chart-title">年度ごとの推移</h2>
        <span className="muted">単位: {UNIT_LABELS[unit]}</span>
      </div>
      <div className="fund-chart">
        <Line
          aria-label={`年度ごとの総事業費・執行額・基金残高のグラフ。${summary}`}
          role="img"
          data-testid="fund-years-chart"
          data={{
            labels,
            datasets: series.map((s, i) => {
              const style = lineStyle(i);
              return {
                label: s.label,
                data: s.values.map(value),
                borderColor: style.colour,
                backgroundColor: style.colour,
                borderDash: style.dash,
                pointStyle: style.point,
                pointRadius: 5,
                borderWidth: 2,
              };
            }),
          }}
          options={{
            maintainAspectRatio: false,
            animation: false,
            plugins: {
              legend: { position: 'top', labels: { font: FONT, usePointStyle: true } },
              tooltip: {
                callbacks: {
                  label: (ctx) =>
                    `${ctx.dataset.label}: ${formatAmount(series[ctx.datasetIndex]!.values[ctx.dataIndex]!, unit)}${UNIT_LABELS[unit]}`,
                },
              },
            },
            scales: {
              x: { ticks: { font: FONT } },
              y: { beginAtZero: true, ticks: wholeNumberTicks },
            },
          }}
        />
      </div>
    </section>
  );
}
