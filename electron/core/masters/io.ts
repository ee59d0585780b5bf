/**
 * 台帳 files in and out, as the operations call them: an upload previewed and
 * committed kind by kind (io/kinds/), an import template, and every list
 * written back as XLSX or CSV (io/export.ts).
 */

import type { MutationContext, QueryContext } from '@core/kernel/context';
import type { Reader } from '@core/kernel/db/schema';
import type { Job } from '@core/kernel/jobs/job';
import { readUpload } from '@core/kernel/jobs/uploads';
import { commitImport, headerOf, previewImport, readForCommit, type UnreadTable } from '@core/tabular/import-engine';
import type { Table, TableRows } from '@core/tabular/read';
import { writeXlsx, XLSX_MIME } from '@core/tabular/write';
import { type OpParsedInput, RenkeiError } from '@shared/contract';
import type { FileOut, ImportPreview, ImportResult } from '@shared/contract/common';
import { EXPORT_KINDS, IMPORT_KIND_LABELS } from '@shared/contract/masters-io';
import { exportKind, templateSheets } from './io/export';
import { IMPORT_SPECS } from './io/kinds';
import { homePrefecture } from './io/kinds/prefecture';

/** The reading steps of a 台帳 import: the file read, its header row found by the kind's columns. */
export const readUploadOf = (input: OpParsedInput<'masters.import.preview'>, job: Job) =>
  readUpload(input, job, headerOf(IMPORT_SPECS[input.kind].columns, IMPORT_SPECS[input.kind].headerless));
export const readForCommitOf = (input: OpParsedInput<'masters.import.commit'>, job: Job) =>
  readForCommit(input, job, headerOf(IMPORT_SPECS[input.kind].columns, IMPORT_SPECS[input.kind].headerless));

export async function previewUpload(
  input: OpParsedInput<'masters.import.preview'>,
  { db, core, job }: QueryContext,
  table: Table<TableRows>,
): Promise<ImportPreview> {
  return previewImport(db, IMPORT_SPECS[input.kind], table, input.kind, job, { kind: input.kind, core }, input.ownPrefectureOnly);
}

export async function commitUpload(
  input: OpParsedInput<'masters.import.commit'>,
  { db, core, audit, bulkInsert, job }: MutationContext,
  table: Table<TableRows> | UnreadTable,
): Promise<ImportResult> {
  return commitImport(
    db,
    IMPORT_SPECS[input.kind],
    table,
    input.excludeRows,
    audit,
    bulkInsert,
    job,
    { kind: input.kind, core },
    input.ownPrefectureOnly,
  );
}

export async function templateFile(db: Reader, input: OpParsedInput<'masters.import.template'>): Promise<FileOut> {
  return {
    fileName: `${IMPORT_KIND_LABELS[input.kind]}_取り込み用テンプレート.xlsx`,
    mimeType: XLSX_MIME,
    data: (await writeXlsx(templateSheets(input.kind, await homePrefecture(db)))).toString('base64'),
  };
}

export async function exportFile(db: Reader, input: OpParsedInput<'masters.export'>): Promise<FileOut> {
  if (!(EXPORT_KINDS as readonly string[]).includes(input.kind)) throw new RenkeiError('bad_request', '書き出せない種類です');
  return exportKind(db, input.kind, input.format);
}
