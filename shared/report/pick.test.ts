import { describe, expect, it } from 'vitest';
import type { ReportInfo } from '../contract/report';
import { reportsWithData } from './pick';

const info = (name: string, needsFiscalYear: boolean, fiscalYears: number[], internal = false) =>
  ({ name, needsFiscalYear, fiscalYears, ...(internal ? { internal } : {}) }) as ReportInfo;

describe('the default pick of a pack', () => {
  it('takes the formal documents not tied to a 年度 and the yearly ones with data for it, in catalog order', () => {
    const reports = [
      info('summary', false, [], true),
      info('masters.areas', false, []),
      info('fund.plan', true, [2023, 2022]),
      info('survey.clinics', true, [2022, 2020]),
      info('subsidy.year', true, [2023]),
    ];
    expect(reportsWithData(reports, 2023)).toEqual(['masters.areas', 'fund.plan', 'subsidy.year']);
    expect(reportsWithData(reports, 2022)).toEqual(['masters.areas', 'fund.plan', 'survey.clinics']);
    expect(reportsWithData(reports, 2019)).toEqual(['masters.areas']);
  });
});
