/**
 * A value axis of whole numbers as Chart.js lays it out, with a stand-in for the canvas (only text widths matter
 * to the ticks): a year whose figures are all 0 yet (a new plan) must not read 「1, 1, 1, 0, 0」 up the side.
 */
import { BarController, BarElement, BasicPlatform, CategoryScale, Chart, LinearScale } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { wholeNumberTicks } from './chart-axis';

Chart.register(BarController, BarElement, CategoryScale, LinearScale);

function tickLabels(values: number[]): string[] {
  const canvas = { width: 800, height: 300, style: {} } as unknown as HTMLCanvasElement;
  const context = new Proxy(
    {},
    {
      get: (_target, key) => (key === 'canvas' ? canvas : key === 'measureText' ? (s: string) => ({ width: s.length * 6 }) : () => {}),
      set: () => true,
    },
  );
  Object.assign(canvas, { getContext: () => context });
  const chart = new Chart(canvas, {
    type: 'bar',
    platform: BasicPlatform,
    data: { labels: values.map((_, i) => `区分${i + 1}`), datasets: [{ data: values }] },
    options: { animation: false, responsive: false, scales: { y: { beginAtZero: true, ticks: wholeNumberTicks } } },
  });
  const labels = chart.scales.y!.ticks.map((t) => String(t.label));
  chart.destroy();
  return labels;
}

describe('wholeNumberTicks', () => {
  it('gives a year of zeros one 0 and one 1, each once', () => {
    expect(tickLabels([0, 0])).toEqual(['0', '1']);
  });

  it('steps by whole numbers over small figures, never showing a figure twice', () => {
    const labels = tickLabels([0, 3]);
    expect(labels).toEqual(['0', '1', '2', '3']);
  });

  it('keeps the separators of large figures', () => {
    expect(tickLabels([84_586_000])).toContain('80,000,000');
  });
});
