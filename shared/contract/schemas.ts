/**
 * zod schemas for the small shared value types, reused by every domain. Their
 * messages are phrases, not sentences, so validation puts the field's name in
 * front (「開始日: 存在しない日付（例: 2月30日）」).
 */
import { z } from 'zod';
import { isValidCalendarDate, type IsoDate } from '../dates';
import { type DatedEntry, dateRangeProblem, type FiscalYear } from '../fiscal-year';

function isIsoDateText(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [year, month, day] = s.split('-').map(Number) as [number, number, number];
  return isValidCalendarDate({ year, month, day });
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日付の形が違います（例: 2025-04-01）' })
  .refine(isIsoDateText, { message: '存在しない日付（例: 2月30日）' })
  .transform((s) => s as IsoDate);

export const emptyInput = z.object({}).strict();

/**
 * A refinement for an input holding a 年度 and a date of it: refuses, on the
 * date's field, a date the 年度 does not allow (the core checks again, for
 * callers that do not come through the contract).
 * @example z.object({ fiscalYear, datedOn: isoDateSchema }).superRefine(dateInYear('fundVersion', 'datedOn', '日付'))
 */
export function dateInYear(entry: DatedEntry, field: string, label: string) {
  return (value: { fiscalYear: number }, ctx: z.RefinementCtx) => {
    const date = (value as Record<string, unknown>)[field];
    // zod runs this even when the fields failed their own checks; those issues already say what is wrong.
    const fy = value.fiscalYear;
    if (typeof date !== 'string' || !isIsoDateText(date) || !Number.isInteger(fy) || fy < 1900 || fy > 2999) return;
    const problem = dateRangeProblem(value.fiscalYear as FiscalYear, entry, date as IsoDate, label);
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
  };
}
