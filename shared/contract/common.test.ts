import { describe, expect, expectTypeOf, it } from 'vitest';
import { type FiscalYear, fiscalYear, formatFiscalYear } from '../fiscal-year';
import { fiscalYearSchema } from './common';
import { operations } from './index';
import { parseInput } from './validate';

describe('the one 年度 of the contract', () => {
  it('gives handlers a branded FiscalYear, the value the user picked', () => {
    const fy = fiscalYearSchema.parse(2023);
    expectTypeOf(fy).toEqualTypeOf<FiscalYear>();
    expect(fy).toBe(2023);
    expect(formatFiscalYear(fy)).toBe('令和5年度');
    const parsed = parseInput(operations['fund.year'], { side: 'medical', fiscalYear: 2100 });
    expectTypeOf(parsed.fiscalYear).toEqualTypeOf<FiscalYear>();
    expect(parsed.fiscalYear).toBe(2100);
  });

  it('refuses a year outside 2000〜2100 with a Japanese sentence, the same range the constructor keeps', () => {
    for (const year of [1999, 2101, 2023.5]) {
      expect(() => parseInput(operations['fund.year'], { side: 'medical', fiscalYear: year })).toThrow(
        '年度は2000〜2100年度の範囲で指定してください',
      );
      expect(() => fiscalYear(year)).toThrow('年度は2000〜2100年度の範囲で指定してください');
    }
    expect(() => parseInput(operations['masters.centers.list'], { fiscalYear: '2023' })).toThrow(
      '年度は2000〜2100年度の範囲で指定してください',
    );
    expect(fiscalYear(2000)).toBe(2000);
  });
});
