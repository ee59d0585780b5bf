/**
 * 調査 by workbook: a round's forms written out (one .xlsx per target, to a
 * folder or as one zip), and the returned files taken back in a batch — a
 * preview per file first, then the chosen files' answers saved, each file
 * whole or not at all. Files travel as base64.
 */
import { z } from 'zod';
import type { Answers } from '../survey/answers';
import { type FileOut, isoDateSchema } from './common';
import { fileData, lazySchema, mutation, query } from './define';
import type { AnswerSource, SurveyAnswerRecord, SurveyTarget, SurveyTracker } from './survey';

/** What a form was filled in with beforehand: the target's answer in the round before, or its answer already saved in this round. */
export type SurveyFormPrefill = { kind: 'previous'; roundId: number; fiscalYear: number } | { kind: 'current'; savedAt: string } | null;

export interface SurveyFormFile {
  targetId: string;
  targetName: string;
  fileName: string;
  bytes: number;
  prefill: SurveyFormPrefill;
}

export interface SurveyFormsWritten {
  roundId: number;
  /** The folder the forms were written to. */
  dir: string;
  files: (SurveyFormFile & { path: string })[];
  /** The day the targets were marked as sent; null when not marked. */
  sentOn: string | null;
}

export interface SurveyFormsZip {
  roundId: number;
  /** One zip holding every form (file names in Japanese, UTF-8). */
  file: FileOut;
  files: SurveyFormFile[];
  sentOn: string | null;
}

export interface SurveyFormDownload extends FileOut {
  targetId: string;
  prefill: SurveyFormPrefill;
  sentOn: string | null;
}

export const SURVEY_FILE_STATUSES = ['accepted', 'warnings', 'unchanged', 'errors', 'refused'] as const;
export type SurveyFileStatus = (typeof SURVEY_FILE_STATUSES)[number];
export const SURVEY_FILE_STATUS_LABELS: Record<SurveyFileStatus, string> = {
  accepted: '取り込めます',
  warnings: '取り込めます（警告あり）',
  // The target's answer is already this one: taking it would only move the same answer to the history.
  unchanged: 'いまの回答と同じ',
  errors: '誤りがあります',
  refused: '取り込めません',
};

/**
 * A problem in a returned file, at the sheet and cell the user sees
 * ('回答', 'C12'), and at the question (and table row, 0-based, and column)
 * it concerns, as survey.answers.check gives them.
 */
export interface SurveyFileProblem {
  severity: 'error' | 'warning';
  sheet: string | null;
  cell: string | null;
  question: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

export interface SurveyFilePreview {
  fileName: string;
  status: SurveyFileStatus;
  /**
   * Why the whole file cannot be taken (not a workbook, another round, a changed identifier, moved cells), or
   * why it need not be (its answers are the target's answer already); null otherwise.
   */
  refusal: string | null;
  /** The target the file was made for; null when it cannot be told. */
  target: SurveyTarget | null;
  /** The answers as they would be saved; null for a refused file. */
  answers: Answers | null;
  errors: SurveyFileProblem[];
  warnings: SurveyFileProblem[];
  /** The target's answer this file would replace (kept in the history); null when it has none. */
  replaces: { savedAt: string; source: AnswerSource; fileName: string | null; withErrors: boolean } | null;
  /** Other files of the batch made for the same target: only one of them can be taken. */
  sameTargetAs: string[];
}

export interface SurveyFilesPreview {
  roundId: number;
  files: SurveyFilePreview[];
  counts: Record<SurveyFileStatus, number>;
}

export interface SurveyFilesCommitResult {
  roundId: number;
  saved: { fileName: string; target: SurveyTarget; record: SurveyAnswerRecord; replaced: boolean }[];
  /** Files not saved, each with the reason (a refused file, one with errors, or one the same as the answer saved). */
  skipped: { fileName: string; status: SurveyFileStatus; reason: string }[];
  tracker: SurveyTracker;
}

/** The most files one batch takes (a prefecture's clinics). */
export const MAX_SURVEY_FILES = 2000;

const id = lazySchema(() => z.number().int().positive());
const targetId = lazySchema(() => z.string().trim().min(1).max(20));
const fileSchema = lazySchema(() =>
  z
    .object({
      fileName: z.string().trim().min(1, { message: 'ファイル名がありません' }).max(260),
      // An empty file is refused on its own, by name, in the preview (a blanket refusal here stopped a folder of 700
      // forms without saying which one).
      data: fileData(
        z.string().max(20_000_000, { message: '1つのファイルは約15MBまでです。調査票の記入欄以外に大きな内容がないか確かめてください' }),
      ),
    })
    .strict(),
);
const filesSchema = lazySchema(() =>
  z
    .array(fileSchema)
    .min(1, { message: 'ファイルを1つ以上選んでください' })
    .max(MAX_SURVEY_FILES, {
      message: `一度に取り込めるのは${MAX_SURVEY_FILES.toLocaleString('ja-JP')}ファイルまでです。分けて取り込んでください`,
    }),
);
/** Forms written count as sent on this day (today unless given); markSent: false leaves the tracker as it is. */
const sending = { sentOn: lazySchema(() => isoDateSchema.optional()), markSent: lazySchema(() => z.boolean().default(true)) };

export const surveyIoOperations = {
  /**
   * Writes one form per target (all the round's targets unless `targetIds`)
   * into a new folder — `dir`, or 「調査票/<調査名>_<年度>_<日時>」 beside
   * the database — and marks them sent.
   */
  'survey.forms.write': mutation<SurveyFormsWritten>('調査票ファイルの作成')(() =>
    z
      .object({
        roundId: id,
        targetIds: z.array(targetId).min(1, { message: '対象を1つ以上選んでください' }).optional(),
        dir: z.string().trim().min(1).optional(),
        ...sending,
      })
      .strict(),
  ),
  /** The same forms as one zip to download, and marks them sent. */
  'survey.forms.zip': mutation<SurveyFormsZip>('調査票ファイルの一括作成')(() =>
    z
      .object({ roundId: id, targetIds: z.array(targetId).min(1, { message: '対象を1つ以上選んでください' }).optional(), ...sending })
      .strict(),
  ),
  /** One target's form to download, and marks it sent. */
  'survey.forms.file': mutation<SurveyFormDownload>('調査票ファイルの作成')(() => z.object({ roundId: id, targetId, ...sending }).strict()),
  /** Reads returned forms for a round: per file its target, answers, errors and warnings (sheet and cell), or why it is refused. */
  'survey.files.preview': query<SurveyFilesPreview>('返送された調査票の確認')(() => z.object({ roundId: id, files: filesSchema }).strict()),
  /**
   * Saves the answers of the files given (read again, as in the preview):
   * each file with no error replaces its target's answer (the one replaced
   * stays in the history, the new one is marked as from the file by name);
   * refused files and files with errors are skipped and listed. Two files
   * for the same target are refused before anything is saved.
   */
  'survey.files.commit': mutation<SurveyFilesCommitResult>('返送された調査票の取り込み')(() =>
    z.object({ roundId: id, files: filesSchema }).strict(),
  ),
};
