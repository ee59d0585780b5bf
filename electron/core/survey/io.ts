/**
 * 調査 by workbook, as the operations call it: a round's forms out (a folder,
 * a zip, or one target's form), each marking its targets as sent; and
 * returned files back in a batch, previewed and then committed file by file.
 * The parts (form layout, writing, reading back) are in io/.
 */
import path from 'node:path';
import type { MutationContext, QueryContext } from '@core/kernel/context';
import type { Job } from '@core/kernel/jobs/job';
import { readUploadedWorkbooks } from '@core/kernel/jobs/uploads';
import { assertNewFolder, writeFolderAtomic } from '@core/kernel/output';
import type { WorkbookCells } from '@core/tabular/cells';
import { XLSX_MIME } from '@core/tabular/write';
import type { OpOutput, OpParsedInput } from '@shared/contract';
import type { SurveyFilesCommitResult, SurveyFilesPreview, SurveyFormFile } from '@shared/contract/survey-io';
import { isoDateOfLocal } from '@shared/dates';
import { commitFiles, previewFiles, readForCommit, type UnreadBatch } from './io/batch';
import { defaultFormsFolder, type FormFile, roundFileStem, roundForms, ZIP_MIME, zipForms } from './io/out';
import { roundRow, roundTarget } from './read';

/** Marks the forms' targets as sent (unless asked not to) and returns the day used. */
async function markSent(
  ctx: MutationContext,
  roundId: number,
  files: readonly FormFile[],
  input: { sentOn?: string; markSent: boolean },
): Promise<string | null> {
  if (!input.markSent || files.length === 0) return null;
  const sentOn = input.sentOn ?? isoDateOfLocal(ctx.core.clock());
  await ctx.ops.call('survey.rounds.markSent', { id: roundId, targetIds: files.map((f) => f.targetId), sentOn });
  return sentOn;
}

function listed(f: FormFile): SurveyFormFile {
  return { targetId: f.targetId, targetName: f.targetName, fileName: f.fileName, bytes: f.bytes.length, prefill: f.prefill };
}

export async function writeForms(
  input: OpParsedInput<'survey.forms.write'>,
  ctx: MutationContext,
): Promise<OpOutput<'survey.forms.write'>> {
  // A folder that cannot be written is refused before any form is made.
  if (input.dir) assertNewFolder(path.resolve(input.dir));
  const { round, files } = await roundForms(ctx.db, input.roundId, input.targetIds, ctx.job);
  const dir = path.resolve(input.dir ?? defaultFormsFolder(ctx.core.dbPath, round, isoDateOfLocal(ctx.core.clock())));
  const sentOn = await markSent(ctx, round.id, files, input);
  // Written last: a failure here rolls back the marks, and the folder appears only when whole.
  await writeFolderAtomic(dir, files);
  return { roundId: round.id, dir, files: files.map((f) => ({ ...listed(f), path: path.join(dir, f.fileName) })), sentOn };
}

export async function zipOfForms(input: OpParsedInput<'survey.forms.zip'>, ctx: MutationContext): Promise<OpOutput<'survey.forms.zip'>> {
  const { round, files } = await roundForms(ctx.db, input.roundId, input.targetIds, ctx.job);
  const zip = await zipForms(files);
  const sentOn = await markSent(ctx, round.id, files, input);
  return {
    roundId: round.id,
    file: { fileName: `${roundFileStem(round)}_調査票.zip`, mimeType: ZIP_MIME, data: zip.toString('base64') },
    files: files.map(listed),
    sentOn,
  };
}

export async function formFile(input: OpParsedInput<'survey.forms.file'>, ctx: MutationContext): Promise<OpOutput<'survey.forms.file'>> {
  await roundTarget(ctx.db, await roundRow(ctx.db, input.roundId), input.targetId);
  const { files } = await roundForms(ctx.db, input.roundId, [input.targetId]);
  const form = files[0]!;
  const sentOn = await markSent(ctx, input.roundId, files, input);
  return {
    fileName: form.fileName,
    mimeType: XLSX_MIME,
    data: form.bytes.toString('base64'),
    targetId: form.targetId,
    prefill: form.prefill,
    sentOn,
  };
}

/** The reading step of a commit (readFirst): nothing read when its preview of the very same files is kept. */
export async function readReturnedForCommit(input: OpParsedInput<'survey.files.commit'>, job: Job): Promise<WorkbookCells[] | UnreadBatch> {
  return readForCommit(input, job, readUploadedWorkbooks);
}

export async function previewReturned(
  input: OpParsedInput<'survey.files.preview'>,
  { db, core, job }: QueryContext,
  books: WorkbookCells[],
): Promise<SurveyFilesPreview> {
  return previewFiles(db, core, input.roundId, input.files, books, job);
}

export async function commitReturned(
  input: OpParsedInput<'survey.files.commit'>,
  ctx: MutationContext,
  books: WorkbookCells[] | UnreadBatch,
): Promise<SurveyFilesCommitResult> {
  return commitFiles(ctx, input.roundId, input.files, books);
}
