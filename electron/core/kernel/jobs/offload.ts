/**
 * Reading users' files on a worker thread, so that parsing a large workbook
 * neither freezes the core's thread nor holds the queue: other operations go
 * on meanwhile, and cancelling a job ends its worker at once. The worker
 * reports progress into the job; a worker that runs out of memory fails its
 * operation, not the app. A worker that finished a small file is kept for the
 * next request (starting one means loading the Excel reader again); one that
 * read a large file ends, so the heap it grew goes back to the system.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkbookCells } from '@core/tabular/cells';
import type { Table } from '@core/tabular/read';
import { type OpError, RenkeiError } from '@shared/contract';
import type { JobProgress } from '@shared/contract/jobs';
import { cancelledError, type Job } from './job';
import { type PackedTable, unpackTable } from './packed-table';

export interface UploadedFile {
  fileName: string;
  /** base64 */
  data: string;
}

/**
 * A table's file goes as bytes whose buffer is handed over (not copied): the
 * national list's 14 MB of base64 was cloned into the worker and decoded there.
 */
export type WorkerRequest =
  | { task: 'table'; fileName: string; bytes: Uint8Array<ArrayBuffer> }
  | { task: 'workbooks'; files: readonly UploadedFile[] };
type Results = { table: Table; workbooks: WorkbookCells[] };

export type WorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; value: unknown }
  | { type: 'failed'; error: OpError };

/** A worker's heap: past it the worker fails alone; the limits of zip-guard.ts keep real files far below. */
const WORKER_HEAP_MB = 3_072;
/**
 * Its young generation: V8's default let the reading of the national list
 * (a CSV, its short-lived strings) grow the process by 25 MiB more at its
 * peak, for no time saved.
 */
const WORKER_YOUNG_MB = 8;

let source: string | undefined;

/**
 * The worker's code: the bundle built beside the core (dist/core/worker.cjs),
 * read as text so it loads from inside the packaged app's archive too; when
 * running from the TypeScript sources (tests), bundled once on first use.
 */
function workerSource(): string {
  if (source !== undefined) return source;
  const built = [path.join(__dirname, 'worker.cjs'), path.join(__dirname, '..', 'core', 'worker.cjs')].find((f) => fs.existsSync(f));
  if (built) {
    source = fs.readFileSync(built, 'utf8');
    return source;
  }
  const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({
    entryPoints: [path.join(__dirname, 'worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  source = out.outputFiles[0]!.text;
  return source;
}

/** Past this much base64 a request's worker is not kept: its heap would outweigh a worker's start (the national list grew it by ~50 MiB). */
const KEEP_WORKER_UP_TO = 2 * 1024 * 1024;

/** A request's size as base64 (what KEEP_WORKER_UP_TO counts). */
function requestSize(request: WorkerRequest): number {
  return request.task === 'table' ? Math.ceil(request.bytes.byteLength / 3) * 4 : request.files.reduce((n, f) => n + f.data.length, 0);
}

function describe(request: WorkerRequest): string {
  return request.task === 'table' ? `「${request.fileName}」` : `選んだ ${request.files.length} ファイル`;
}

/** A worker that finished its request, waiting (unref'd, so it never keeps the process alive). */
let idle: Worker | null = null;

function takeWorker(): Worker {
  const worker =
    idle ??
    new Worker(workerSource(), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
  if (worker !== idle) {
    // A worker ending while idle (out of memory after all) is simply not reused.
    worker.once('exit', () => {
      if (idle === worker) idle = null;
    });
  }
  idle = null;
  worker.ref();
  return worker;
}

function giveBack(worker: Worker): void {
  if (idle !== null) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle = worker;
}

/**
 * Starts a worker now, to wait idle for a file about to come: `renkei import`
 * has it load its code while the core opens the database and takes in the
 * file, on the other core, instead of after.
 */
export function warmReader(): void {
  if (idle === null) giveBack(takeWorker());
}

/**
 * Runs one request on a worker thread for `job`: resolves with what it read,
 * rejects with its RenkeiError, or with the cancellation once the job is
 * cancelled (the worker is ended then and there).
 * @example const table = await inWorker({ task: 'table', fileName, bytes }, job)
 */
export function inWorker<R extends WorkerRequest>(request: R, job: Job): Promise<Results[R['task']]> {
  return new Promise((resolve, reject) => {
    if (job.cancelled) return reject(cancelledError());
    job.report('ファイルを読み込んでいます');
    // Taken first: a transferred buffer is empty on this side once posted.
    const size = requestSize(request);
    const worker = takeWorker();
    let settled = false;
    const settle = (act: () => void, reusable = false) => {
      if (settled) return;
      settled = true;
      job.signal.removeEventListener('abort', onAbort);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable && size <= KEEP_WORKER_UP_TO) giveBack(worker);
      else void worker.terminate();
      act();
    };
    const onAbort = () => settle(() => reject(cancelledError()));
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'progress') job.report(message.progress.label, message.progress.done, message.progress.total);
      else if (message.type === 'done') {
        const value = request.task === 'table' ? unpackTable(message.value as PackedTable) : message.value;
        settle(() => resolve(value as Results[R['task']]), true);
      } else settle(() => reject(new RenkeiError(message.error.code, message.error.message, { path: message.error.path })), true);
    };
    const onError = (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new RenkeiError(
                'bad_request',
                `${describe(request)}は大きすぎて読み込めませんでした。ファイルを分けるか、不要なシートを削除してから保存し直してください。`,
              )
            : error,
        ),
      );
    const onExit = () => settle(() => reject(new Error(`${describe(request)}を読む処理が途中で終了しました`)));
    job.signal.addEventListener('abort', onAbort);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(request, request.task === 'table' ? [request.bytes.buffer] : []);
  });
}
