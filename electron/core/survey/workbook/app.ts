/**
 * 調査 by workbook: a round's forms out (a folder, a zip, or one target's
 * form), each marking its targets as sent; and returned files back in a
 * batch, previewed and then committed file by file.
 */
import path from 'node:path';
import { isoDateOfLocal } from '@shared/dates';
import type { SurveyFormFile } from '@shared/contract/survey-files';
import type { MutationContext } from '@core/kernel/context';
import { handlers } from '@core/kernel/handlers';
import { readFirst } from '@core/kernel/jobs/read-first';
import { readUploadedWorkbooks } from '@core/kernel/jobs/uploads';
import { roundRow, roundTarget } from '../read';
import { assertNewFolder, writeFolderAtomic } from '@core/kernel/output';
import { XLSX_MIME } from '@core/tabular/write';
import { commitFiles, previewFiles } from './batch';
import { defaultFormsFolder, type FormFile, roundFileStem, roundForms, ZIP_MIME, zipForms } from './out';

/** Marks the forms' targets as sent (unless asked not to) and returns the day used. */
async function markSent(ctx: MutationContext, roundId: number, files: readonly FormFile[], input: { sentOn?: string; markSent: boolean }): Promise<string | null> {
  if (!input.markSent || files.length === 0) return null;
  const sentOn = input.sentOn ?? isoDateOfLocal(ctx.core.clock());
  await ctx.ops.call('survey.rounds.markSent', { id: roundId, targetIds: files.map((f) => f.targetId), sentOn });
  return sentOn;
}

function listed(f: FormFile): SurveyFormFile {
  return { targetId: f.targetId, targetName: f.targetName, fileName: f.fileName, bytes: f.bytes.length, prefill: f.prefill };
}

export const surveyFileHandlers = handlers({
  'survey.forms.write': async (input, ctx) => {
    // A folder that cannot be written is refused before any form is made.
    if (input.dir) assertNewFolder(path.resolve(input.dir));
    const { round, files } = await roundForms(ctx.db, input.roundId, input.targetIds);
    const dir = path.resolve(input.dir ?? defaultFormsFolder(ctx.core.dbPath, round, isoDateOfLocal(ctx.core.clock())));
    const sentOn = await markSent(ctx, round.id, files, input);
    // Written last: a failure here rolls back the marks, and the folder appears only when whole.
    writeFolderAtomic(dir, files);
    return { roundId: round.id, dir, files: files.map((f) => ({ ...listed(f), path: path.join(dir, f.fileName) })), sentOn };
  },
  'survey.forms.zip': async (input, ctx) => {
    const { round, files } = await roundForms(ctx.db, input.roundId, input.targetIds);
    const zip = await zipForms(files);
    const sentOn = await markSent(ctx, round.id, files, input);
    return { roundId: round.id, file: { fileName: `${roundFileStem(round)}_調査票.zip`, mimeType: ZIP_MIME, data: zip.toString('base64') }, files: files.map(listed), sentOn };
  },
  'survey.forms.file': async (input, ctx) => {
    await roundTarget(ctx.db, await roundRow(ctx.db, input.roundId), input.targetId);
    const { files } = await roundForms(ctx.db, input.roundId, [input.targetId]);
    const form = files[0]!;
    const sentOn = await markSent(ctx, input.roundId, files, input);
    return { fileName: form.fileName, mimeType: XLSX_MIME, data: form.bytes.toString('base64'), targetId: form.targetId, prefill: form.prefill, sentOn };
  },
  'survey.files.preview': readFirst(readUploadedWorkbooks, async (input, { db, job }, books) => previewFiles(db, input.roundId, input.files, books, job)),
  'survey.files.commit': readFirst(readUploadedWorkbooks, async (input, ctx, books) => commitFiles(ctx, input.roundId, input.files, books)),
});
