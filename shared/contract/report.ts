/**
 * 帳票: the report engine's operations — the list of reports, one report as
 * PDF or XLSX, and the 厚生局提出資料一式 (submission pack) written to a folder.
 */
import { z } from 'zod';
import type { IsoDate } from '../dates';
import type { Orientation, ReportDoc } from '../report/model';
import type { SectionId } from '../sections';
import { emptyInput, type FileOut, fiscalYearSchema, isoDateSchema } from './common';
import { lazySchema, query } from './define';

export interface ReportInfo {
  name: string;
  title: string;
  section: SectionId;
  description: string;
  orientation: Orientation;
  /** The report is for one 年度 and needs `fy`. */
  needsFiscalYear: boolean;
  /** What `date` means for it: the day the document is dated, or the day a list is as of. */
  dateMeaning: '作成日' | '基準日';
  /** For a yearly report, the 年度 that have data, newest first (the screens offer the newest). */
  fiscalYears: number[];
  /**
   * For a list as of a day (基準日) that may have nothing to list: the first day it has rows for, or null when it has
   * none on any day (no 指定 registered yet). Absent for a report that always has something.
   */
  dataSince?: IsoDate | null;
  /** An internal record, not a formal document: a submission pack leaves it out unless picked. */
  internal?: boolean;
}

export const reportParamsSchema = lazySchema(() =>
  z
    .object({
      /** 年度 by its starting year: 2025 = 令和7年度. */
      fy: fiscalYearSchema.optional(),
      /** Defaults to today. */
      date: isoDateSchema.optional(),
      /** The one record a report is about (a meeting for its 議事録), by id; reports of a whole year ignore it. */
      subject: z.number().int().positive().optional(),
    })
    .strict(),
);

export type ReportParams = z.output<typeof reportParamsSchema>;

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport extends FileOut {
  /** Pages of the PDF; null for a workbook. */
  pages: number | null;
  /** Characters the app's fonts lack, printed as 〓 in the PDF; empty when none, and for a workbook (Excel draws them). */
  missingCharacters: string[];
  /** One line each: where the PDF prints a character as 〓 and what to change, as a pack says it. */
  warnings: string[];
}

export interface PackFile {
  fileName: string;
  /** Where it was written. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface PackResult {
  dir: string;
  files: PackFile[];
  /** The reports in the pack, with the PDF pages each takes (after the cover). */
  contents: { name: string; title: string; firstPage: number; pages: number }[];
  /** Characters the app's fonts lack, printed as 〓 in the PDF (a rare 人名漢字 typed into a name); empty when none. */
  missingCharacters: string[];
  /** What the officer should know before sending it, one line each: the report whose PDF prints a character as 〓. */
  warnings: string[];
  /** The same files, to save from a browser. */
  downloads: FileOut[];
}

/** A 提出資料一式 made for a 年度, as the audit log keeps it. */
export interface PackMade {
  /** ISO instant it was made. */
  madeAt: string;
  /** Who made it, as the audit log names them. */
  madeBy: string;
}

export const packInputSchema = lazySchema(() =>
  z
    .object({
      fy: fiscalYearSchema,
      reports: z.array(z.string().min(1)).min(1, { message: '帳票を1つ以上選んでください' }),
      date: isoDateSchema.optional(),
      documentNumber: z.string().trim().max(40, { message: '文書番号は40文字以内で入力してください' }).optional(),
      /** Defaults to a dated folder under 「提出資料」 beside the database file. */
      outDir: z.string().trim().min(1).optional(),
    })
    .strict(),
);

export const reportOperations = {
  'report.list': query<ReportInfo[]>('帳票の一覧')(() => emptyInput),
  /** The document itself, as data: for tests, and for a screen that shows its figures. */
  'report.doc': query<ReportDoc>('帳票の表示')(() =>
    z.object({ name: z.string().min(1), params: reportParamsSchema.default({}) }).strict(),
  ),
  'report.render': query<RenderedReport>('帳票の出力')(() =>
    z.object({ name: z.string().min(1), params: reportParamsSchema.default({}), format: z.enum(REPORT_FORMATS) }).strict(),
  ),
  /**
   * A set of letters (one per center) as one PDF or one workbook with a sheet
   * per letter, each with its own header; reports its progress as a job.
   */
  'report.set': query<RenderedReport>('文書の作成')(() =>
    z
      .object({
        name: z.string().min(1),
        fy: fiscalYearSchema,
        /** Empty: every center with the letter. */
        centerIds: z.array(z.number().int().positive()).max(500).default([]),
        format: z.enum(REPORT_FORMATS),
      })
      .strict(),
  ),
  /**
   * Reads the database and writes files beside it, never into its data: a query to the core. What it made is
   * recorded in the audit log (年度, 作成日, 文書番号, each file's SHA-256), which 元に戻す never offers.
   */
  'report.pack': query<PackResult>('提出資料一式の出力')(() => packInputSchema),
  /**
   * The 提出資料一式 made for a 年度, newest first: the screens where that year's figures are changed say that what
   * was sent would now differ.
   */
  'report.packs': query<PackMade[]>('提出資料一式の作成記録')(() => z.object({ fy: fiscalYearSchema }).strict()),
};
