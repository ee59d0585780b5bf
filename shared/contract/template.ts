/**
 * 独自様式: a prefecture's own workbook registered with placeholders, listed
 * with its versions, filled from Renkei's data for a 年度 (and a center), and
 * taken out of use. The placeholder language is shared/template/vocabulary.ts.
 * Files travel as base64.
 */
import { z } from 'zod';
import type { TemplateField, TemplateFunction } from '../template/vocabulary';
import { emptyInput, type FileOut, fiscalYearSchema } from './common';
import { fileData, lazySchema, mutation, query } from './define';

/** One placeholder as found in a registered workbook: where, and as written. */
export interface TemplatePlaceholderUse {
  sheet: string;
  cell: string;
  text: string;
}

export interface TemplateVersionInfo {
  version: number;
  fileName: string;
  byteSize: number;
  note: string;
  createdAt: string;
  createdBy: string;
}

export interface TemplateSummary {
  id: number;
  name: string;
  disabled: boolean;
  /** The newest version's details. */
  version: number;
  fileName: string;
  /** True when center items stand outside a 各センター block: filled for one center at a time. */
  perCenter: boolean;
  placeholders: TemplatePlaceholderUse[];
  /** Every version, newest first. */
  versions: TemplateVersionInfo[];
}

export interface TemplateVocabulary {
  fields: TemplateField[];
  functions: TemplateFunction[];
  block: string;
}

/** A registered workbook is at most about 5 MB (a 様式 is a few sheets of layout, not data). */
const MAX_TEMPLATE_BASE64 = 7_000_000;
const id = lazySchema(() => z.number().int().positive());

export const templateOperations = {
  /** The placeholders a 様式 may use, and their formats: what the app lists and README.md documents. */
  'template.vocabulary': query<TemplateVocabulary>('差し込み項目の一覧')(() => emptyInput),
  /** Every registered 様式 with its versions and the placeholders its newest version uses. */
  'template.list': query<TemplateSummary[]>('独自様式の一覧')(() => emptyInput),
  /**
   * Registers a workbook under a name: a new name is version 1, a name already
   * registered gets its next version. Refused, naming the sheet and cell, when
   * a placeholder is unknown or a block does not open and close in order.
   */
  'template.register': mutation<TemplateSummary>('独自様式の登録')(() =>
    z
      .object({
        name: z
          .string()
          .trim()
          .min(1, { message: '様式の名前を入力してください' })
          .max(60, { message: '様式の名前は60文字以内で入力してください' }),
        fileName: z.string().trim().min(1, { message: 'ファイル名がありません' }).max(260),
        data: fileData(
          z
            .string()
            .min(1, { message: 'ファイルが空です' })
            .max(MAX_TEMPLATE_BASE64, { message: '様式のファイルは約5MBまでです。画像などを小さくしてから登録してください' }),
        ),
        note: z.string().trim().max(200, { message: 'メモは200文字以内で入力してください' }).default(''),
      })
      .strict(),
  ),
  /** Takes a 様式 out of the list of those that can be filled, or puts it back; its versions stay. */
  'template.setDisabled': mutation<TemplateSummary>('独自様式の使用停止・再開')(() => z.object({ id, disabled: z.boolean() }).strict()),
  /** The 様式 (its newest version unless one is named) filled for a 年度, and for one center when it is a per-center 様式. */
  'template.fill': query<FileOut>('独自様式への差し込み')(() =>
    z.object({ id, version: id.optional(), fiscalYear: fiscalYearSchema, centerId: id.optional() }).strict(),
  ),
  /** The example 様式 (交付決定一覧) to start from. */
  'template.example': query<FileOut>('独自様式の見本')(() => emptyInput),
};
