/** Which reports a submission pack takes when the user has not picked any: those with data for the 年度. */
import type { ReportInfo } from '../contract/report';

/**
 * Every report that can be made for `fy`: the ones not tied to a 年度, and the
 * yearly ones whose data covers it — so a default pack never stops on a
 * 年度 a domain has no records for.
 * @example reportsWithData([{ name: 'summary', needsFiscalYear: false, fiscalYears: [] }, { name: 'fund.plan', needsFiscalYear: true, fiscalYears: [2023] }] as ReportInfo[], 2022) // ['summary']
 */
export function reportsWithData(reports: readonly ReportInfo[], fy: number): string[] {
  return reports.filter((r) => !r.needsFiscalYear || r.fiscalYears.includes(fy)).map((r) => r.name);
}
