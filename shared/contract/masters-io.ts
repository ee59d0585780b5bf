/**
 * Bringing 台帳 records in from XLSX/CSV (a preview, then an all-or-nothing
 * commit) and taking them out as XLSX/CSV. Files travel as base64.
 */
import { z } from 'zod';
import { type FileOut, fileDataSchema, type ImportPreview, type ImportResult } from './common';
import { lazySchema, mutation, query } from './define';

export const IMPORT_KINDS = [
  'municipalities',
  'populations',
  'institutions',
  'areas',
  'associations',
  'centers',
  'linkage',
  'designations',
] as const;
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

/** Every kind that comes in goes out the same way, so an exported list reads back through its importer. */
export const EXPORT_KINDS = IMPORT_KINDS;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const fileInput = {
  kind: lazySchema(() => z.enum(IMPORT_KINDS)),
  fileName: lazySchema(() => z.string().min(1)),
  data: fileDataSchema,
  /** Take only the rows of the database's own prefecture; the others (a national list's) are left out, counted and named. */
  ownPrefectureOnly: lazySchema(() => z.boolean().default(false)),
};

export const mastersIoOperations = {
  'masters.import.preview': query<ImportPreview>('台帳の取り込みの確認')(() => z.object(fileInput).strict()),
  'masters.import.commit': mutation<ImportResult>('台帳の取り込み')(() =>
    z.object({ ...fileInput, excludeRows: z.array(z.number().int().positive()).default([]) }).strict(),
  ),
  'masters.import.template': query<FileOut>('台帳の取り込み用ひな形')(() => z.object({ kind: z.enum(IMPORT_KINDS) }).strict()),
  'masters.export': query<FileOut>('台帳の書き出し')(() =>
    z.object({ kind: z.enum(EXPORT_KINDS), format: z.enum(['xlsx', 'csv']) }).strict(),
  ),
};
