/** Which reports a submission pack takes when the user has not picked any: the formal documents with data for the 年度 and the day. */
import type { ReportInfo } from '../contract/report';
import type { IsoDate } from '../dates';

/**
 * Why `report` has nothing to show in a pack for `fy` as of `date`, as the
 * pack's list says beside it; undefined when it has.
 * @example missingData({ needsFiscalYear: false, fiscalYears: [], dataSince: null } as ReportInfo, 2026, '2026-12-05') // 'データなし'
 */
export function missingData(report: ReportInfo, fy: number, date: IsoDate): string | undefined {
  if (report.needsFiscalYear) return report.fiscalYears.includes(fy) ? undefined : 'この年度のデータなし';
  if (report.dataSince === undefined) return undefined;
  if (report.dataSince === null) return 'データなし';
  return report.dataSince > date ? 'この日付のデータなし' : undefined;
}

/**
 * Every formal document that can be made for `fy` as of `date`: the yearly
 * ones whose data covers the 年度, the lists as of a day that have rows on
 * it, and the others — so a default pack never stops on a report with
 * nothing to show. Internal records (the 「登録状況の概要」) go to the
 * 厚生局 only when picked.
 * @example reportsWithData([{ name: 'masters.areas', needsFiscalYear: false, fiscalYears: [] }, { name: 'fund.plan', needsFiscalYear: true, fiscalYears: [2023] }] as ReportInfo[], 2022, '2023-03-31') // ['masters.areas']
 */
export function reportsWithData(reports: readonly ReportInfo[], fy: number, date: IsoDate): string[] {
  return reports.filter((r) => !r.internal && missingData(r, fy, date) === undefined).map((r) => r.name);
}
