import { describe, expect, it } from 'vitest';
import type { IsoDate } from './dates';
import { fiscalYear, fiscalYearEnd, fiscalYearOf, fiscalYearStart, formatFiscalYear, isInFiscalYear, parseFiscalYear } from './fiscal-year';
import { isoDate, parseIsoDate } from './dates';

const d = (s: string) => s as IsoDate;

describe('年度 arithmetic (April–March)', () => {
  it('puts 2026-03-31 in 令和7年度 and 2026-04-01 in 令和8年度', () => {
    expect(fiscalYearOf(d('2026-03-31'))).toBe(2025);
    expect(formatFiscalYear(fiscalYearOf(d('2026-03-31')))).toBe('令和7年度');
    expect(fiscalYearOf(d('2026-04-01'))).toBe(2026);
    expect(fiscalYearOf(d('2025-04-01'))).toBe(2025);
    expect(fiscalYearOf(d('2025-01-15'))).toBe(2024);
  });

  it('gives the first and last day of 令和7年度', () => {
    const fy = parseFiscalYear('令和7年度');
    expect(fiscalYearStart(fy)).toBe('2025-04-01');
    expect(fiscalYearEnd(fy)).toBe('2026-03-31');
    expect(isInFiscalYear(d('2026-03-31'), fy)).toBe(true);
    expect(isInFiscalYear(d('2025-03-31'), fy)).toBe(false);
  });

  it('refuses impossible years and dates', () => {
    expect(() => fiscalYear(2025.5)).toThrow();
    expect(() => isoDate(2025, 2, 29)).toThrow('存在しない日付');
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(() => parseIsoDate('2025/04/01')).toThrow('YYYY-MM-DD');
  });
});
