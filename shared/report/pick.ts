/** Which reports a submission pack takes when the user has not picked any: the formal documents with data for the 年度. */
import type { ReportInfo } from '../contract/report';

/**
 * Every formal document that can be made for `fy`: the ones not tied to a
 * 年度, and the yearly ones whose data covers it — so a default pack never
 * stops on a 年度 a domain has no records for. Internal records (the
 * 「登録状況の概要」) go to the 厚生局 only when picked.
 * @example reportsWithData([{ name: 'masters.areas', needsFiscalYear: false, fiscalYears: [] }, { name: 'fund.plan', needsFiscalYear: true, fiscalYears: [2023] }] as ReportInfo[], 2022) // ['masters.areas']
 */
export function reportsWithData(reports: readonly ReportInfo[], fy: number): string[] {
  return reports.filter((r) => !r.internal && (!r.needsFiscalYear || r.fiscalYears.includes(fy))).map((r) => r.name);
}
