/**
 * Returned forms in a batch: the preview (each file matched to its target
 * by its hidden identifier, read and checked, with what it would replace)
 * and the commit, which reads the files again and saves each file with no
 * error whole, through the core's answer writer (source 'file', the file's
 * name kept, the answer replaced moved to the history). The workbooks'
 * cells are read beforehand, off the queue (jobs/uploads.ts).
 */

import type { MutationContext } from '@core/kernel/context';
import type { Db, Reader } from '@core/kernel/db/schema';
import type { Job } from '@core/kernel/jobs/job';
import type { UploadedFile } from '@core/kernel/jobs/offload';
import type { WorkbookCells } from '@core/tabular/cells';
import { RenkeiError } from '@shared/contract';
import type { AnswerSource, SurveyTarget } from '@shared/contract/survey';
import type { SurveyFilePreview, SurveyFileStatus, SurveyFilesCommitResult, SurveyFilesPreview } from '@shared/contract/survey-io';
import { SURVEY_FILE_STATUSES } from '@shared/contract/survey-io';
import { parseDefinition, roundRow, targets, tracker } from '../read';
import { replaceAnswerFromFile } from '../write';
import { formLayout } from './layout';
import { type ReadOutcome, type RoundForms, readReturnedFile } from './returned';

interface ReadFile {
  preview: SurveyFilePreview;
  outcome: ReadOutcome;
}

function statusOf(outcome: ReadOutcome): SurveyFileStatus {
  if (outcome.kind === 'refused') return 'refused';
  return outcome.errors.length > 0 ? 'errors' : outcome.warnings.length > 0 ? 'warnings' : 'accepted';
}

/** One file, whatever is in it: anything the reader did not foresee refuses this file, not the batch. */
async function readOne(forms: RoundForms, file: UploadedFile, book: WorkbookCells): Promise<ReadOutcome> {
  try {
    // Only the start of the bytes is looked at, to say what a file that is no workbook is.
    return await readReturnedFile(forms, { fileName: file.fileName, bytes: Buffer.from(file.data.slice(0, 8192), 'base64'), book });
  } catch (error) {
    return {
      kind: 'refused',
      refusal: `「${file.fileName}」を読めませんでした（${(error as Error).message.split('\n')[0]}）。Excel で開いて保存し直すか、調査票を送り直してください。`,
      identity: null,
      problems: [],
    };
  }
}

/** Reads every file against the round; one file's trouble never stops the others. */
async function readBatch(
  db: Reader,
  roundId: number,
  files: readonly UploadedFile[],
  books: readonly WorkbookCells[],
  job: Job,
): Promise<ReadFile[]> {
  const round = await roundRow(db, roundId);
  const definition = parseDefinition(round.body);
  const forms: RoundForms = { db, round, definition, layout: formLayout(definition) };
  const outcomes: ReadOutcome[] = [];
  for (const [i, file] of files.entries()) {
    job.report('調査票を確かめています', i, files.length);
    await job.checkpoint();
    outcomes.push(await readOne(forms, file, books[i]!));
  }

  const ours = (o: ReadOutcome) => (o.identity && o.identity.roundId === round.id ? o.identity.targetId : null);
  const ids = [...new Set(outcomes.map(ours).filter((t): t is string => t !== null))];
  const byId = new Map<string, SurveyTarget>((await targets(db, round.targetKind, { ids })).map((t) => [t.id, t]));
  const replaced = new Map<string, SurveyFilePreview['replaces']>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('surveyAnswer')
      .select(['targetId', 'savedAt', 'source', 'fileName', 'errorCount'])
      .where('roundId', '=', round.id)
      .where('targetId', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows)
      replaced.set(r.targetId, {
        savedAt: r.savedAt,
        source: r.source as AnswerSource,
        fileName: r.fileName,
        withErrors: r.errorCount > 0,
      });
  }
  const readable = outcomes.map((o, i) => ({ o, i })).filter(({ o }) => o.kind === 'read');
  return outcomes.map((outcome, i) => {
    const targetId = ours(outcome);
    const sameTargetAs =
      outcome.kind === 'read' && targetId !== null
        ? readable.filter((t) => t.i !== i && t.o.identity?.targetId === targetId).map((t) => files[t.i]!.fileName)
        : [];
    const preview: SurveyFilePreview = {
      fileName: files[i]!.fileName,
      status: statusOf(outcome),
      refusal: outcome.kind === 'refused' ? outcome.refusal : null,
      target: targetId !== null ? (byId.get(targetId) ?? null) : null,
      answers: outcome.kind === 'read' ? outcome.check.answers : null,
      errors: outcome.kind === 'read' ? outcome.errors : outcome.problems,
      warnings: outcome.kind === 'read' ? outcome.warnings : [],
      replaces: targetId !== null ? (replaced.get(targetId) ?? null) : null,
      sameTargetAs,
    };
    return { preview, outcome };
  });
}

export async function previewFiles(
  db: Db,
  roundId: number,
  files: readonly UploadedFile[],
  books: readonly WorkbookCells[],
  job: Job,
): Promise<SurveyFilesPreview> {
  const read = await readBatch(db, roundId, files, books, job);
  const counts = Object.fromEntries(SURVEY_FILE_STATUSES.map((s) => [s, read.filter((r) => r.preview.status === s).length])) as Record<
    SurveyFileStatus,
    number
  >;
  return { roundId, files: read.map((r) => r.preview), counts };
}

function skipReason(preview: SurveyFilePreview): string {
  if (preview.refusal) return preview.refusal;
  const first = preview.errors[0]!;
  const place = first.sheet && first.cell ? `シート「${first.sheet}」${first.cell}: ` : '';
  return `誤りが${preview.errors.length}件あるため取り込みませんでした（${place}${first.message}${preview.errors.length > 1 ? ' ほか' : ''}）。直した調査票を返送してもらってください。`;
}

export async function commitFiles(
  ctx: Pick<MutationContext, 'db' | 'audit' | 'core' | 'bulkInsert' | 'job'>,
  roundId: number,
  files: readonly UploadedFile[],
  books: readonly WorkbookCells[],
): Promise<SurveyFilesCommitResult> {
  const read = await readBatch(ctx.db, roundId, files, books, ctx.job);
  const taken = read.filter((r) => r.preview.status === 'accepted' || r.preview.status === 'warnings');
  const firstFor = new Map<string, ReadFile>();
  for (const r of taken) {
    const targetId = r.outcome.identity!.targetId;
    const first = firstFor.get(targetId);
    if (first) {
      throw new RenkeiError(
        'validation',
        `「${first.preview.fileName}」と「${r.preview.fileName}」は同じ対象（${r.preview.target?.name ?? targetId}）の調査票です。取り込むファイルをどちらか一方にしてください。何も保存していません。`,
        { path: ['files'] },
      );
    }
    firstFor.set(targetId, r);
  }
  const saved: SurveyFilesCommitResult['saved'] = [];
  for (const [i, { preview, outcome }] of taken.entries()) {
    if (outcome.kind !== 'read') continue;
    ctx.job.report('回答を保存しています', i, taken.length);
    await ctx.job.checkpoint();
    const record = await replaceAnswerFromFile(ctx, {
      roundId,
      targetId: outcome.identity.targetId,
      answers: outcome.answers,
      fileName: preview.fileName,
    });
    saved.push({ fileName: preview.fileName, target: preview.target!, record, replaced: preview.replaces !== null });
  }
  const skipped = read
    .filter((r) => !taken.includes(r))
    .map((r) => ({ fileName: r.preview.fileName, status: r.preview.status, reason: skipReason(r.preview) }));
  return { roundId, saved, skipped, tracker: await tracker(ctx.db, roundId) };
}
