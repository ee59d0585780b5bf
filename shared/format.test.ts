import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber, formatRate } from './format';

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
});
