/**
 * The ticks of a chart's value axis that counts or sums money: whole numbers
 * with thousands separators, as the tables beside the charts show them.
 */
import { formatNumber } from '@shared/format';

/**
 * Ticks for an axis of whole numbers (yen, 千円, people, facilities).
 * @example { y: { beginAtZero: true, ticks: { ...wholeNumberTicks, color: TEXT } } }
 */
export const wholeNumberTicks = {
  // Without it Chart.js steps by 0.1 over small ranges (a year of zeros spans 0–1), and each tick prints rounded.
  precision: 0,
  callback: (value: string | number) => formatNumber(Number(value)),
};
