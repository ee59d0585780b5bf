import { describe, expect, it } from 'vitest';
import type { ReportInfo } from '../contract/report';
import { parseIsoDate } from '../dates';
import { missingData, reportsWithData } from './pick';

const info = (name: string, needsFiscalYear: boolean, fiscalYears: number[], more: Partial<ReportInfo> = {}) =>
  ({ name, needsFiscalYear, fiscalYears, ...more }) as ReportInfo;

describe('the default pick of a pack', () => {
  it('takes the formal documents not tied to a 年度 and the yearly ones with data for it, in catalog order', () => {
    const reports = [
      info('summary', false, [], { internal: true }),
      info('masters.areas', false, []),
      info('fund.plan', true, [2023, 2022]),
      info('survey.clinics', true, [2022, 2020]),
      info('subsidy.year', true, [2023]),
    ];
    expect(reportsWithData(reports, 2023, parseIsoDate('2024-03-31'))).toEqual(['masters.areas', 'fund.plan', 'subsidy.year']);
    expect(reportsWithData(reports, 2022, parseIsoDate('2024-03-31'))).toEqual(['masters.areas', 'fund.plan', 'survey.clinics']);
    expect(reportsWithData(reports, 2019, parseIsoDate('2024-03-31'))).toEqual(['masters.areas']);
  });

  it('leaves out a list as of a day with nothing on the pack’s date, and says why beside it', () => {
    const never = info('masters.designations.byArea', false, [], { dataSince: null });
    const fromApril = info('masters.designations.byFunction', false, [], { dataSince: parseIsoDate('2026-04-01') });
    const reports = [never, fromApril, info('fund.plan', true, [2026])];
    expect(reportsWithData(reports, 2026, parseIsoDate('2026-12-05'))).toEqual(['masters.designations.byFunction', 'fund.plan']);
    expect(reportsWithData(reports, 2025, parseIsoDate('2026-03-31'))).toEqual([]);
    expect(missingData(never, 2026, parseIsoDate('2026-12-05'))).toBe('データなし');
    expect(missingData(fromApril, 2025, parseIsoDate('2026-03-31'))).toBe('この日付のデータなし');
    expect(missingData(fromApril, 2026, parseIsoDate('2026-04-01'))).toBeUndefined();
    expect(missingData(info('fund.plan', true, [2026]), 2025, parseIsoDate('2026-03-31'))).toBe('この年度のデータなし');
  });
});
