import { describe, expect, it } from 'vitest';
import type { IsoDate } from './dates';
import { isoDate, parseIsoDate } from './dates';
import {
  allowedDates,
  dateRangeProblem,
  fiscalYear,
  fiscalYearEnd,
  fiscalYearOf,
  fiscalYearStart,
  formatFiscalYear,
  isInFiscalYear,
  parseFiscalYear,
  suggestedDate,
} from './fiscal-year';

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

describe('the days a date of the 年度 may bear', () => {
  const r5 = parseFiscalYear('令和5年度');

  it('keeps a 基金 version inside its year and names the field, the date and the range in 和暦', () => {
    expect(allowedDates(r5, 'fundVersion')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(dateRangeProblem(r5, 'fundVersion', d('2023-09-26'), '日付')).toBeNull();
    expect(dateRangeProblem(r5, 'fundVersion', d('2030-01-15'), '日付')).toBe(
      '日付: 令和12年1月15日は令和5年度の版の日付にできません（令和5年4月1日〜令和6年3月31日）。日付か年度を確かめてください。',
    );
    expect(dateRangeProblem(r5, 'fundVersion', d('2024-04-01'), '日付')).toContain('令和6年4月1日は令和5年度の版の日付にできません');
  });

  it('lets spending of the year run into the 出納整理期間 (to 5月31日)', () => {
    expect(allowedDates(r5, 'fundSpending')).toEqual({ from: '2023-04-01', to: '2024-05-31' });
    expect(dateRangeProblem(r5, 'fundSpending', d('2024-05-31'), '支出日')).toBeNull();
    expect(dateRangeProblem(r5, 'fundSpending', d('2024-06-01'), '支出日')).toBe(
      '支出日: 令和6年6月1日は令和5年度の執行の日付にできません（令和5年4月1日〜令和6年5月31日）。日付か年度を確かめてください。',
    );
  });

  it('lets subsidy steps start a year before and end two years after the year', () => {
    expect(allowedDates(r5, 'subsidyStep')).toEqual({ from: '2022-04-01', to: '2026-03-31' });
    expect(dateRangeProblem(r5, 'subsidyStep', d('2023-03-20'), '日付')).toBeNull();
    expect(dateRangeProblem(r5, 'subsidyStep', d('2026-04-01'), '日付')).toContain(
      '令和8年4月1日は令和5年度の補助金の手続きの日付にできません（令和4年4月1日〜令和8年3月31日）',
    );
  });

  it('keeps a survey round’s 基準日 in its year', () => {
    expect(allowedDates(r5, 'surveyReference')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(dateRangeProblem(r5, 'surveyReference', d('2024-04-01'), '基準日')).toBe(
      '基準日: 令和6年4月1日は令和5年度の調査の基準日にできません（令和5年4月1日〜令和6年3月31日）。日付か年度を確かめてください。',
    );
  });

  it('starts a form on today inside the range, else on the year’s start or the nearer end', () => {
    const range = allowedDates(r5, 'fundVersion');
    expect(suggestedDate(range, d('2023-10-02'), 'nearest')).toBe('2023-10-02');
    expect(suggestedDate(range, d('2026-12-01'), 'nearest')).toBe('2024-03-31');
    expect(suggestedDate(range, d('2026-12-01'), 'start')).toBe('2023-04-01');
    expect(suggestedDate(range, d('2022-12-01'), 'nearest')).toBe('2023-04-01');
  });
});
