import { describe, expect, it } from 'vitest';
import { applyRateFloor, compareFractions, formatFraction, fraction, parseFraction } from './fraction';
import { yen } from './money';

describe('exact rates', () => {
  it('keeps fractions in lowest terms', () => {
    expect(fraction(10, 10)).toEqual({ numerator: 1, denominator: 1 });
    expect(fraction(4, -6)).toEqual({ numerator: -2, denominator: 3 });
    expect(() => fraction(1, 0)).toThrow();
    expect(() => fraction(0.5, 1)).toThrow();
  });

  it('parses what officers type', () => {
    expect(parseFraction('2/3')).toEqual(fraction(2, 3));
    expect(parseFraction(' 10 / 10 ')).toEqual(fraction(1, 1));
    expect(formatFraction(parseFraction('1/2'))).toBe('1/2');
    expect(() => parseFraction('0.5')).toThrow('分数');
  });

  it('applies a rate to yen exactly, rounding down: the 国 2/3 share of awkward amounts', () => {
    expect(applyRateFloor(yen(1_000_001), fraction(2, 3))).toBe(666_667);
    expect(applyRateFloor(yen(100), fraction(2, 3))).toBe(66);
    expect(applyRateFloor(yen(85_419_000), fraction(2, 3))).toBe(56_946_000);
    // Beyond 2^53 / 3 a float product would already be inexact.
    expect(applyRateFloor(yen(9_007_199_254_740_991), fraction(2, 3))).toBe(6_004_799_503_160_660);
    expect(applyRateFloor(yen(-1), fraction(1, 2))).toBe(-1);
  });

  it('compares rates without floating point', () => {
    expect(compareFractions(fraction(1, 2), fraction(2, 3))).toBeLessThan(0);
    expect(compareFractions(fraction(10, 10), fraction(1, 1))).toBe(0);
  });
});
