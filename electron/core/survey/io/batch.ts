/**
 * Returned forms in a batch: the preview (each file matched to its target
 * by its hidden identifier, read and checked, with what it would replace)
 * and the commit, which saves each file with no error whole, through the
 * core's answer writer (source 'file', the file's name kept, the answer
 * replaced moved to the history), all in one write. The workbooks' cells are
 * read beforehand, off the queue, on the workers (jobs/uploads.ts); the
 * commit that follows its preview of the very same files over unchanged data
 * takes the preview's reading instead of reading them again.
 */

import crypto from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { CoreServices, MutationContext } from '@core/kernel/context';
import { dataVersion } from '@core/kernel/db/engine';
import type { Db, Reader } from '@core/kernel/db/schema';
import type { Job } from '@core/kernel/jobs/job';
import type { UploadedFile } from '@core/kernel/jobs/offload';
import type { WorkbookCells } from '@core/tabular/cells';
import { RenkeiError } from '@shared/contract';
import type { AnswerSource, SurveyTarget } from '@shared/contract/survey';
import type { SurveyFilePreview, SurveyFileStatus, SurveyFilesCommitResult, SurveyFilesPreview } from '@shared/contract/survey-io';
import { SURVEY_FILE_STATUSES } from '@shared/contract/survey-io';
import { formatTimestamp } from '@shared/format';
import type { Answers } from '@shared/survey/answers';
import { parseDefinition, roundRow, targets, tracker } from '../read';
import { replaceAnswersFromFiles } from '../write';
import { roundTokens } from './identifier';
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

function sameAsSaved(saved: NonNullable<SurveyFilePreview['replaces']>): string {
  const when = formatTimestamp(saved.savedAt);
  return saved.source === 'file'
    ? `この回答は取り込み済みと同じ内容です（${when}に${saved.fileName ? `「${saved.fileName}」から` : ''}取り込み）。取り込み直す必要はありません。`
    : `この回答は、いまの回答（${when}に画面で入力）と同じ内容です。取り込む必要はありません。`;
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
  const forms: RoundForms = { db, round, definition, layout: formLayout(definition), tokens: await roundTokens(db, round.id) };
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
  const current = new Map<string, Answers>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('surveyAnswer')
      .select(['targetId', 'savedAt', 'source', 'fileName', 'errorCount', 'answers'])
      .where('roundId', '=', round.id)
      .where('targetId', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      replaced.set(r.targetId, {
        savedAt: r.savedAt,
        source: r.source as AnswerSource,
        fileName: r.fileName,
        withErrors: r.errorCount > 0,
      });
      current.set(r.targetId, JSON.parse(r.answers) as Answers);
    }
  }
  const readable = outcomes.map((o, i) => ({ o, i })).filter(({ o }) => o.kind === 'read');
  return outcomes.map((outcome, i) => {
    const targetId = ours(outcome);
    const sameTargetAs =
      outcome.kind === 'read' && targetId !== null
        ? readable.filter((t) => t.i !== i && t.o.identity?.targetId === targetId).map((t) => files[t.i]!.fileName)
        : [];
    const replaces = targetId !== null ? (replaced.get(targetId) ?? null) : null;
    const status = statusOf(outcome);
    // A form sent again as it was taken (or as typed on the screen): saving it would change nothing but the history.
    const unchanged =
      outcome.kind === 'read' &&
      status !== 'errors' &&
      replaces !== null &&
      !replaces.withErrors &&
      isDeepStrictEqual(current.get(targetId!), outcome.check.answers);
    const preview: SurveyFilePreview = {
      fileName: files[i]!.fileName,
      status: unchanged ? 'unchanged' : status,
      refusal: outcome.kind === 'refused' ? outcome.refusal : unchanged ? sameAsSaved(replaces!) : null,
      target: targetId !== null ? (byId.get(targetId) ?? null) : null,
      answers: outcome.kind === 'read' ? outcome.check.answers : null,
      errors: outcome.kind === 'read' ? outcome.errors : outcome.problems,
      warnings: outcome.kind === 'read' ? outcome.warnings : [],
      replaces,
      sameTargetAs,
    };
    return { preview, outcome };
  });
}

/**
 * What a preview read and checked, kept for the commit that usually follows
 * at once: reading 2,000 workbooks again was half of a commit. Valid only for
 * the same round and the very same files (each one's name and bytes, in
 * order), the same database and no write since by anyone (the core's
 * revision and the data version: what a file replaces, its target, its
 * round); used once.
 */
interface Checked {
  key: string;
  digest: string;
  read: ReadFile[];
}

let lastChecked: Checked | null = null;

/** One digest of a batch: every file's name and bytes, in order (an empty file included: it is refused file by file). */
export function batchDigest(files: readonly UploadedFile[]): string {
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(f.fileName).update('\u0000').update(f.data).update('\u0001');
  return hash.digest('hex');
}

async function checkedKey(db: Reader, core: CoreServices, roundId: number, digest: string): Promise<string> {
  return [roundId, digest, core.dbPath, core.revision, await dataVersion(db as Db)].join('\u0000');
}

/** A batch to commit that was not read, because its preview of the very same files is kept; read if that no longer holds. */
export interface UnreadBatch {
  digest: string;
  read(): Promise<WorkbookCells[]>;
}

/**
 * The reading step of a commit: the workbooks are read (on the workers, off
 * the queue) only when no preview of these very files is kept.
 */
export async function readForCommit(
  input: { files: readonly UploadedFile[] },
  job: Job,
  readBooks: (input: { files: readonly UploadedFile[] }, job: Job) => Promise<WorkbookCells[]>,
): Promise<WorkbookCells[] | UnreadBatch> {
  const digest = batchDigest(input.files);
  // A kept preview made stale by a write meanwhile is the one case read in the commit's transaction.
  if (lastChecked?.digest === digest) return { digest, read: () => readBooks(input, job) };
  return readBooks(input, job);
}

export async function previewFiles(
  db: Db,
  core: CoreServices,
  roundId: number,
  files: readonly UploadedFile[],
  books: readonly WorkbookCells[],
  job: Job,
): Promise<SurveyFilesPreview> {
  lastChecked = null;
  const digest = batchDigest(files);
  // Taken before the reading, so a write that lands meanwhile can only make the key stale, never the memo.
  const key = await checkedKey(db, core, roundId, digest);
  const read = await readBatch(db, roundId, files, books, job);
  lastChecked = { key, digest, read };
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
  ctx: Pick<MutationContext, 'db' | 'audit' | 'core' | 'bulkInsert' | 'job' | 'actor'>,
  roundId: number,
  files: readonly UploadedFile[],
  books: readonly WorkbookCells[] | UnreadBatch,
): Promise<SurveyFilesCommitResult> {
  const digest = Array.isArray(books) ? null : (books as UnreadBatch).digest;
  const key = digest !== null ? await checkedKey(ctx.db, ctx.core, roundId, digest) : null;
  const memo = key !== null && lastChecked?.key === key ? lastChecked : null;
  lastChecked = null;
  const read =
    memo?.read ?? (await readBatch(ctx.db, roundId, files, Array.isArray(books) ? books : await (books as UnreadBatch).read(), ctx.job));
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
  ctx.job.report('回答を保存しています', 0, taken.length);
  await ctx.job.checkpoint();
  const records = await replaceAnswersFromFiles(ctx, {
    roundId,
    entries: taken.map(({ preview, outcome }) => ({
      targetId: outcome.identity!.targetId,
      answers: outcome.kind === 'read' ? outcome.answers : {},
      fileName: preview.fileName,
    })),
  });
  const saved: SurveyFilesCommitResult['saved'] = taken.map(({ preview }, i) => ({
    fileName: preview.fileName,
    target: preview.target!,
    record: records[i]!,
    replaced: preview.replaces !== null,
  }));
  const skipped = read
    .filter((r) => !taken.includes(r))
    .map((r) => ({ fileName: r.preview.fileName, status: r.preview.status, reason: skipReason(r.preview) }));
  return { roundId, saved, skipped, tracker: await tracker(ctx.db, roundId) };
}
