import { describe, expect, it } from 'vitest';
import { formatSenYen, formatYen } from './format';
import { floorToUnit, senYenToYen, sumYen, toSenYenFloor, yen } from './money';

describe('integer yen', () => {
  it('refuses anything but a safe whole number', () => {
    expect(() => yen(0.1 + 0.2)).toThrow('整数の円');
    expect(() => yen(Number.NaN)).toThrow();
    expect(() => yen(2 ** 53)).toThrow();
    expect(yen(-5)).toBe(-5);
  });

  it('adds the R5 基準額 of seed 000 to 84,586,000 円: 3 large 郡市医師会, 13 others and the 県医師会', () => {
    const large = Array.from({ length: 3 }, () => yen(6_973_000));
    const others = Array.from({ length: 13 }, () => yen(4_453_000));
    const prefectural = yen(5_778_000);
    expect(sumYen([...large, ...others, prefectural])).toBe(84_586_000);
  });

  it('rounds down to whole 1,000 円 (千円未満切り捨て), toward −∞ for negatives', () => {
    expect(floorToUnit(yen(4_453_999), 1000)).toBe(4_453_000);
    expect(floorToUnit(yen(4_453_000), 1000)).toBe(4_453_000);
    expect(floorToUnit(yen(999), 1000)).toBe(0);
    expect(floorToUnit(yen(-1), 1000)).toBe(-1000);
    expect(() => floorToUnit(yen(1), 0)).toThrow();
  });

  it('shows 千円 rounded down, as plan tables do (seed 004: 85,419 千円)', () => {
    expect(toSenYenFloor(yen(85_419_999))).toBe(85_419);
    expect(senYenToYen(toSenYenFloor(yen(85_419_000)))).toBe(85_419_000);
    expect(formatSenYen(yen(85_419_500))).toBe('85,419千円');
    expect(formatYen(yen(84_586_000))).toBe('84,586,000円');
  });
});
