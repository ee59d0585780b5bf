/**
 * Exact fractions for rates (補助率 10/10, 1/2, the fund's 国 2/3 : 県 1/3).
 * Numerator and denominator are integers kept in lowest terms; applying a rate
 * to yen goes through BigInt so the product never loses precision.
 */
import { type Yen, yen } from './money';

export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * A fraction in lowest terms with a positive denominator.
 * @example fraction(10, 10) // { numerator: 1, denominator: 1 }
 */
export function fraction(numerator: number, denominator: number): Fraction {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError(`率は整数の分数で指定してください: ${numerator}/${denominator}`);
  }
  if (denominator === 0) throw new RangeError('率の分母に 0 は使えません');
  const sign = denominator < 0 ? -1 : 1;
  const g = gcd(numerator, denominator) || 1;
  return Object.freeze({ numerator: (sign * numerator) / g, denominator: (sign * denominator) / g });
}

/** Parses "2/3", "10/10" or "1". */
export function parseFraction(text: string): Fraction {
  const m = /^\s*(-?\d+)\s*(?:\/\s*(\d+))?\s*$/.exec(text);
  if (!m) throw new RangeError(`率は「2/3」のような分数で入力してください: ${text}`);
  return fraction(Number(m[1]), m[2] === undefined ? 1 : Number(m[2]));
}

export function formatFraction(rate: Fraction): string {
  return rate.denominator === 1 ? String(rate.numerator) : `${rate.numerator}/${rate.denominator}`;
}

export function fractionEquals(a: Fraction, b: Fraction): boolean {
  return a.numerator === b.numerator && a.denominator === b.denominator;
}

/** a < b → negative, a = b → 0, a > b → positive. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const lhs = BigInt(a.numerator) * BigInt(b.denominator);
  const rhs = BigInt(b.numerator) * BigInt(a.denominator);
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

/**
 * amount × rate, rounded down to whole yen (toward −∞).
 * @example applyRateFloor(yen(1_000_001), fraction(2, 3)) // 666_667
 */
export function applyRateFloor(amount: Yen, rate: Fraction): Yen {
  const product = BigInt(amount) * BigInt(rate.numerator);
  const den = BigInt(rate.denominator);
  let quotient = product / den;
  if (product % den !== 0n && product < 0n) quotient -= 1n;
  return yen(Number(quotient));
}
