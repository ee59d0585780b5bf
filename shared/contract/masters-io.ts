/**
 * Bringing 台帳 records in from XLSX/CSV (a preview, then an all-or-nothing
 * commit) and taking them out as XLSX/CSV. Files travel as base64.
 */
import { z } from 'zod';
import { mutation, query } from './define';

export const IMPORT_KINDS = ['municipalities', 'populations', 'institutions', 'areas', 'associations', 'centers', 'linkage', 'designations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  municipalities: '市区町村',
  populations: '人口',
  institutions: '医療機関・訪問看護ステーション',
  areas: '圏域',
  associations: '医師会',
  centers: 'センター',
  linkage: '在宅医療・介護連携推進事業',
  designations: '積極的役割を担う医療機関の指定',
};

export const EXPORT_KINDS = ['municipalities', 'populations', 'institutions', 'areas', 'associations', 'centers', 'linkage', 'designations'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

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
}

export interface ImportPreview {
  /** The 台帳 kind, or another domain's import (e.g. 'fund.projects'). */
  kind: string;
  fileName: string;
  /** 'CSV（Shift_JIS）', 'Excel（シート「Sheet1」）' … */
  source: string;
  counts: Record<ImportStatus, number>;
  /** Every error row, and the others up to a limit; `shown` < total rows when cut. */
  rows: ImportRowResult[];
  totalRows: number;
  /** Things the commit will also do, e.g. create a new area. */
  notes: string[];
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
}

export interface FileOut {
  fileName: string;
  mimeType: string;
  /** base64 */
  data: string;
}

const fileInput = {
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string().min(1),
  data: z.string().min(1, { message: 'ファイルが空です' }),
};

export const mastersIoOperations = {
  'masters.import.preview': query<ImportPreview>('台帳の取り込みの確認')(z.object(fileInput).strict()),
  'masters.import.commit': mutation<ImportResult>('台帳の取り込み')(
    z.object({ ...fileInput, excludeRows: z.array(z.number().int().positive()).default([]) }).strict(),
  ),
  'masters.import.template': query<FileOut>('台帳の取り込み用ひな形')(z.object({ kind: z.enum(IMPORT_KINDS) }).strict()),
  'masters.export': query<FileOut>('台帳の書き出し')(z.object({ kind: z.enum(EXPORT_KINDS), format: z.enum(['xlsx', 'csv']) }).strict()),
};
