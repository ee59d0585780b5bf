/**
 * Integer yen: the only money type in Renkei. Amounts are whole yen held in a
 * safe integer; every arithmetic helper refuses anything else, so a float can
 * never slip into a subsidy or a budget.
 */

declare const yenBrand: unique symbol;

/** Whole yen (円). Build one with {@link yen}. */
export type Yen = number & { readonly [yenBrand]: true };

/** Whole thousands of yen (千円), as printed in plan tables. */
declare const senYenBrand: unique symbol;
export type SenYen = number & { readonly [senYenBrand]: true };

/**
 * Checks that `value` is a whole number of yen and brands it.
 * @example yen(84_586_000) // 84586000 as Yen
 */
export function yen(value: number): Yen {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`金額は整数の円で指定してください: ${value}`);
  }
  return value as Yen;
}

export const ZERO_YEN = yen(0);

/**
 * The most any one amount typed, imported or sent may be: 1兆円. Far above any
 * prefecture's fund, and low enough that thousands of lines summed (a year's
 * total, the balance over the years) stay a safe integer.
 */
export const MAX_AMOUNT_YEN = yen(1_000_000_000_000);

/**
 * The refusal of an amount above {@link MAX_AMOUNT_YEN}, naming the field.
 * @example amountTooLargeMessage('その他') // 'その他は1兆円以下で入力してください'
 */
export function amountTooLargeMessage(label: string): string {
  return `${label}は1兆円以下で入力してください`;
}

/** Sum of whole-yen amounts (checked to stay a safe integer). */
export function sumYen(values: readonly Yen[]): Yen {
  let total = 0;
  for (const v of values) total += v;
  return yen(total);
}

export function addYen(a: Yen, b: Yen): Yen {
  return yen(a + b);
}

export function subtractYen(a: Yen, b: Yen): Yen {
  return yen(a - b);
}

export function minYen(...values: Yen[]): Yen {
  if (values.length === 0) throw new RangeError('minYen needs at least one amount');
  return yen(Math.min(...values));
}

/**
 * Rounds a non-negative or negative amount DOWN (toward −∞) to a multiple of
 * `unit` yen — e.g. 1,000円未満切り捨て.
 * @example floorToUnit(yen(4_453_999), 1000) // 4_453_000
 */
export function floorToUnit(amount: Yen, unit: number): Yen {
  if (!Number.isSafeInteger(unit) || unit <= 0) {
    throw new RangeError(`端数処理の単位は正の整数で指定してください: ${unit}`);
  }
  const remainder = ((amount % unit) + unit) % unit;
  return yen(amount - remainder);
}

/**
 * Converts yen to 千円 for plan tables, rounding down (千円未満切り捨て).
 * @example toSenYenFloor(yen(85_419_500)) // 85_419
 */
export function toSenYenFloor(amount: Yen): SenYen {
  return (floorToUnit(amount, 1000) / 1000) as SenYen;
}

export function senYenToYen(amount: SenYen): Yen {
  return yen(amount * 1000);
}
