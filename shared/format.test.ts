import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber, formatRate, formatYen, GROUPED_FORMAT } from './format';
import { yen } from './money';

describe('display formatting', () => {
  it('rounds rates half up from the integers', () => {
    expect(formatRate(232_000, 789_275)).toBe('29.4%');
    expect(formatRate(1, 8, 1)).toBe('12.5%');
    expect(formatRate(1, 16, 1)).toBe('6.3%');
    expect(formatRate(15, 30, 0)).toBe('50%');
    expect(formatRate(1, 0)).toBe('—');
    expect(formatRate(-5, 100, 0)).toBe('−5%');
    expect(formatRate(-1, 100)).toBe('−1.0%');
    expect(formatRate(-1, 1000, 0)).toBe('0%');
  });

  it('groups thousands and sizes files', () => {
    expect(formatNumber(2_900_000_000)).toBe('2,900,000,000');
    expect(formatBytes(45_056)).toBe('44 KB');
    expect(formatBytes(1_572_864)).toBe('1.5 MB');
  });

  it('groups every whole number as ja-JP Intl does, without loading it; fractions and -0 through Intl', () => {
    const intl = new Intl.NumberFormat(GROUPED_FORMAT.locale, GROUPED_FORMAT.options);
    const wholes = [0, 1, 9, 10, 99, 100, 999, 1_000, 9_999, 10_000, 96_488, 100_000, 999_999, 1_000_000, 84_586_000];
    wholes.push(Number.MAX_SAFE_INTEGER, 2 ** 31, 2 ** 32 + 1);
    for (let n = 1; n < 1e15; n = n * 7 + 3) wholes.push(n);
    for (const n of wholes) for (const v of [n, -n]) expect(formatNumber(v)).toBe(intl.format(v));
    for (const v of [-0, 0.5, 1.5, 2.5, -2.5, 1234.4999, 1234.5, 1e21, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY])
      expect(formatNumber(v)).toBe(intl.format(v));
    // R5 基準額 (第4条), as the officer reads it.
    expect(formatYen(yen(84_586_000))).toBe('84,586,000円');
    expect(formatNumber(-1_234_567)).toBe('-1,234,567');
  });
});
