/** The parameters a report is made with, as the screens offer them: 年度 and a date, both defaulting to today. */

import { currentFiscalYear } from '@renderer/components/FiscalYearSelect';
import type { ReportInfo, ReportParams } from '@shared/contract';
import { type IsoDate, isoDateOfLocal, parseIsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYear } from '@shared/fiscal-year';

export function today(): IsoDate {
  return isoDateOfLocal(new Date());
}

/** The newest 年度 any of the reports has data for; this 年度 when none has. */
export function defaultFiscalYear(reports: readonly ReportInfo[]): FiscalYear {
  const years = reports.flatMap((r) => r.fiscalYears);
  return years.length > 0 ? fiscalYear(Math.max(...years)) : currentFiscalYear();
}

/** A 年度 from a select's or the address's text; null when it is not one. */
export function parseFiscalYearText(text: string | null): FiscalYear | null {
  if (!text || !/^\d{4}$/.test(text)) return null;
  try {
    return fiscalYear(Number(text));
  } catch {
    return null;
  }
}

/** A date from the address (?date=2025-04-01); null when it is not one. */
export function parseDateText(text: string | null): IsoDate | null {
  if (!text) return null;
  try {
    return parseIsoDate(text);
  } catch {
    return null;
  }
}

/** What to send for `report`: the 年度 only when it takes one. */
export function paramsFor(report: ReportInfo, fy: FiscalYear, date?: IsoDate): ReportParams {
  return { ...(report.needsFiscalYear ? { fy } : {}), ...(date ? { date } : {}) };
}
