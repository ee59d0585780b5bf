/**
 * What every domain's contract shares: the schemas of the small value types
 * (a date, a 年度, an empty input) and the shapes of files going out and of
 * an import's preview and result. A date's messages are phrases, so
 * validation puts the field's name in front (「開始日: 存在しない日付（例: 2月30日）」).
 */
import { z } from 'zod';
import { type IsoDate, isValidCalendarDate } from '../dates';
import { type DatedEntry, dateRangeProblem, FISCAL_YEAR_RANGE_MESSAGE, type FiscalYear, isFiscalYear } from '../fiscal-year';
import { amountTooLargeMessage, MAX_AMOUNT_YEN } from '../money';
import { fileData, lazySchema } from './define';

function isIsoDateText(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [year, month, day] = s.split('-').map(Number) as [number, number, number];
  return isValidCalendarDate({ year, month, day });
}

export const isoDateSchema = lazySchema(() =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日付の形が違います（例: 令和7年4月1日、R7.4.1）' })
    .refine(isIsoDateText, { message: '存在しない日付（例: 2月30日）' })
    .transform((s) => s as IsoDate),
);

/**
 * A 年度 as its starting Western year, within the one range of
 * shared/fiscal-year.ts; handlers receive it as a FiscalYear.
 * @example fiscalYearSchema.parse(2023) // 2023 as FiscalYear
 */
export const fiscalYearSchema = lazySchema(() =>
  z
    .number({ message: FISCAL_YEAR_RANGE_MESSAGE })
    .refine(isFiscalYear, { message: FISCAL_YEAR_RANGE_MESSAGE })
    .transform((year) => year as FiscalYear),
);

export const emptyInput = lazySchema(() => z.object({}).strict());

/** A file's bytes in base64, as the imports take a file (fileData: its characters are its reader's to check). */
export const fileDataSchema = fileData(lazySchema(() => z.string().min(1, { message: 'ファイルが空です' })));

/**
 * A money field: whole yen from 0 to 1兆円 (MAX_AMOUNT_YEN), each refusal naming the field.
 * @example z.object({ fundAmount: yenAmountSchema('基金充当額') })
 */
export const yenAmountSchema = (label: string) =>
  z
    .number({ message: `${label}は数値で入力してください` })
    .int({ message: `${label}は円単位の整数で入力してください` })
    .min(0, { message: `${label}に負の金額は入力できません。0円以上で入力してください` })
    .max(MAX_AMOUNT_YEN, { message: amountTooLargeMessage(label) });

/**
 * The version of a record as the screen read it, sent back with its save: a
 * save over a newer one is refused with who changed it when (the core's
 * kernel/versions.ts). Left out (the demo, the CLI), the save is not checked.
 */
export const versionSchema = lazySchema(() => z.number().int().min(0).optional());

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
    if (typeof date !== 'string' || !isIsoDateText(date) || !isFiscalYear(fy)) return;
    const problem = dateRangeProblem(fy, entry, date as IsoDate, label);
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
  };
}

/** A file the core made, for the renderer to save or the CLI to write. */
export interface FileOut {
  fileName: string;
  mimeType: string;
  /** base64 */
  data: string;
}

// ---------------------------------------------------------------- imports

export type ImportStatus = 'new' | 'changed' | 'unchanged' | 'error';

export interface ImportCellError {
  /** Excel column letter (A, B, …) or '' when the whole row is at fault. */
  column: string;
  header: string;
  message: string;
}

export interface ImportRowResult {
  rowNumber: number;
  status: ImportStatus;
  /** What identifies the record (e.g. 団体コード 151009). */
  key: string;
  /** How the user knows it (e.g. 新潟市). */
  label: string;
  changes: { field: string; before: string; after: string }[];
  errors: ImportCellError[];
  /**
   * The earlier row with the same key, when this row's one fault is that it says something else about the same
   * record: the row is fine once that earlier row is excluded.
   */
  duplicateOf?: number;
}

export interface ImportPreview {
  /** The 台帳 kind, or another domain's import (e.g. 'fund.projects'). */
  kind: string;
  fileName: string;
  /** 'CSV（Shift_JIS）', 'Excel（シート「Sheet1」）' … */
  source: string;
  counts: Record<ImportStatus, number>;
  /** Error rows and then the others, each up to a limit (some rows without an error always among them); fewer than `totalRows` when cut. */
  rows: ImportRowResult[];
  /** The number of every error row, shown in `rows` or not, so that all of them can be excluded. */
  errorRows: number[];
  totalRows: number;
  /** Things the commit will also do, e.g. create a new area. */
  notes: string[];
  /** What to know about the file as a whole before bringing it in (it was written from another 版), shown above its rows. */
  caution?: string;
  /**
   * Rows not the 台帳's own — another prefecture's, in a national list — when the file has any: whose rows are its own
   * (熊本県), how many are not, and whether they are left out (the import asked to take only its own) or taken in.
   */
  outside?: { own: string; rows: number; leftOut: boolean };
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  /** Rows read past because they repeat an earlier row cell for cell. */
  repeated: number;
}
