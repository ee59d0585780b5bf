/** The year view's two ways of showing money: whole 円, or 千円 rounded down (千円未満切り捨て), as the plan's tables print it. */
import { formatNumber } from '@shared/format';
import { toSenYenFloor, type Yen } from '@shared/money';
import type { AmountUnit } from '@shared/numbers';

export type MoneyUnit = 'yen' | 'sen';

export const UNIT_LABELS: Record<MoneyUnit, string> = { yen: '円', sen: '千円' };

/** What a bare typed number means in each view (the amount reader's unit): in 千円 view, 85,419 is 85,419千円. */
export const TYPED_UNITS: Record<MoneyUnit, AmountUnit> = { yen: 'yen', sen: 'senYen' };

/**
 * A figure in the view's unit, as a cell shows it: in 千円, rounded down.
 * @example amountIn(yen(84_586_999), 'sen') // 84_586
 */
export function amountIn(amount: Yen, unit: MoneyUnit): number {
  return unit === 'sen' ? toSenYenFloor(amount) : amount;
}

/**
 * A figure for a table cell, without the unit (the table's caption names it).
 * @example formatAmount(yen(84_586_000), 'sen') // '84,586'
 */
export function formatAmount(amount: Yen, unit: MoneyUnit): string {
  return formatNumber(amountIn(amount, unit));
}

/** The unit note under a table: 「単位: 千円（千円未満切り捨て）」. */
export function unitNote(unit: MoneyUnit): string {
  return unit === 'sen' ? '単位: 千円（千円未満切り捨て）' : '単位: 円';
}

/**
 * A figure as a cell shows it for editing: exact, in the view's unit, so
 * saving it unchanged saves the same yen (no 千円 rounding).
 * @example editableAmount(yen(84_586_000), 'sen') // '84,586'
 * @example editableAmount(yen(84_000_002), 'sen') // '84,000.002'
 * @example editableAmount(yen(84_586_000), 'yen') // '84586000'
 */
export function editableAmount(amount: Yen, unit: MoneyUnit): string {
  if (unit === 'yen') return String(amount);
  const yenPart = amount % 1000;
  const fraction = yenPart === 0 ? '' : `.${String(yenPart).padStart(3, '0').replace(/0+$/, '')}`;
  return `${formatNumber((amount - yenPart) / 1000)}${fraction}`;
}
