/** The year view's two ways of showing money: whole 円, or 千円 rounded down (千円未満切り捨て), as the plan's tables print it. */
import { formatNumber } from '@shared/format';
import { toSenYenFloor, type Yen } from '@shared/money';

export type MoneyUnit = 'yen' | 'sen';

export const UNIT_LABELS: Record<MoneyUnit, string> = { yen: '円', sen: '千円' };

/**
 * A figure for a table cell, without the unit (the table's caption names it).
 * @example formatAmount(yen(84_586_000), 'sen') // '84,586'
 */
export function formatAmount(amount: Yen, unit: MoneyUnit): string {
  return formatNumber(unit === 'sen' ? toSenYenFloor(amount) : amount);
}

/** The unit note under a table: 「単位: 千円（千円未満切り捨て）」. */
export function unitNote(unit: MoneyUnit): string {
  return unit === 'sen' ? '単位: 千円（千円未満切り捨て）' : '単位: 円';
}
