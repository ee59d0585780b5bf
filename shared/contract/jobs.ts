/**
 * Long operations (imports of large files) as jobs: the caller names one with
 * a job id of its choosing, passed beside the operation (not in its input),
 * and asks how far it has got or cancels it. And a save that waits for another
 * program's write: for how long. These are answered at once, never queued
 * behind the operation they are about.
 */
import { z } from 'zod';
import { emptyInput } from './common';
import { command, lazySchema, query } from './define';

export interface JobProgress {
  /** What is being done, for the user: 「ファイルを読み込んでいます」. */
  label: string;
  /** How far, of total; total 0 when that cannot be told. */
  done: number;
  total: number;
}

/** The one answer a cancelled operation gives. */
export const JOB_CANCELLED_MESSAGE = '中止しました。何も書き込んでいません。';

const jobInput = lazySchema(() => z.object({ jobId: z.string().min(1).max(100) }).strict());

/** A save of this core waiting for the database's write lock, which another Renkei (another PC, a command) holds. */
export interface WriteWait {
  /** How long it has waited so far, in milliseconds. */
  waitedMs: number;
}

export const jobOperations = {
  /** How far the job has got; null before it starts and after it ends. */
  'app.jobs.progress': query<JobProgress | null>('処理の進み具合の表示')(() => jobInput),
  /** Stops the job; what it was writing is rolled back. False when it has already ended. */
  'app.jobs.cancel': command<{ cancelled: boolean }>('処理の中止')(() => jobInput),
  /** Whether a save is waiting for another program's write (the screen says so once it is taking long); null when none is. */
  'app.writeWait': query<WriteWait | null>('保存の待ち状況の表示')(() => emptyInput),
};
