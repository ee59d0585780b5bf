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
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkbookCells } from '@core/tabular/cells';
import type { HeaderWanted, Table, TableRows } from '@core/tabular/read';
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
  | { task: 'table'; fileName: string; bytes: Uint8Array<ArrayBuffer>; header?: HeaderWanted }
  | { task: 'workbooks'; files: readonly UploadedFile[] }
  | DomainRequest;

/**
 * A domain's CPU-heavy work on bytes (no database), run by its name from the
 * tasks the worker's bundle registers (electron/core/worker.ts); the payload
 * and the result are the domain's own.
 */
export interface DomainRequest {
  task: 'domain';
  name: string;
  payload: unknown;
  /** What it works on, in the user's words, for a failure's message (「調査票 1,000 件」). */
  label: string;
  /** About how many bytes it makes or reads: past KEEP_WORKER_UP_TO its worker ends after it, as after a large file. */
  size: number;
}

/** A batch's cells, with how many cells each file holds (a batch split across workers counts them together). */
export interface CountedWorkbooks {
  books: WorkbookCells[];
  cells: number[];
}

type Results = { table: Table<TableRows>; workbooks: CountedWorkbooks; domain: unknown };

/**
 * How many workers a batch is split across: one per core, two at most (each
 * holds the Excel reader and its own heap).
 */
export const WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));

export type WorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; value: unknown }
  | { type: 'failed'; error: OpError };

/** A worker's heap: past it the worker fails alone; the limits of zip-guard.ts keep real files far below. */
const WORKER_HEAP_MB = 3_072;
/**
 * Its young generation, by task: V8's default let the reading of the national
 * list (a CSV, its short-lived strings) grow the process by 25 MiB more at its
 * peak, for no time saved; exceljs writing and reading forms by the thousand
 * (objects that live for one workbook; the domains' task is survey forms)
 * spent 12-15 % of its time collecting them in 8 MiB, 6-8 % in 32.
 */
const WORKER_YOUNG_MB: Record<WorkerRequest['task'], number> = { table: 8, workbooks: 32, domain: 32 };

const sources = new Map<string, string>();

/**
 * A worker's code: the bundle built beside the core (dist/core/worker.cjs, or
 * another entry beside it such as ahead-worker.cjs), read as text so it loads
 * from inside the packaged app's archive too; when running from the TypeScript
 * sources (tests), bundled once on first use.
 */
export function workerSource(bundle = 'worker'): string {
  const kept = sources.get(bundle);
  if (kept !== undefined) return kept;
  const built = [path.join(__dirname, `${bundle}.cjs`), path.join(__dirname, '..', 'core', `${bundle}.cjs`)].find((f) => fs.existsSync(f));
  if (built) {
    sources.set(bundle, fs.readFileSync(built, 'utf8'));
    return sources.get(bundle)!;
  }
  const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({
    // The bundle's entry is the composition root's (it registers the domains' tasks), beside core.ts.
    entryPoints: [path.join(__dirname, '..', '..', `${bundle}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  sources.set(bundle, out.outputFiles[0]!.text);
  return sources.get(bundle)!;
}

/** Past this much base64 a request's worker is not kept: its heap would outweigh a worker's start (the national list grew it by ~50 MiB). */
const KEEP_WORKER_UP_TO = 2 * 1024 * 1024;

/** A request's size as base64 (what KEEP_WORKER_UP_TO counts). */
function requestSize(request: WorkerRequest): number {
  if (request.task === 'table') return Math.ceil(request.bytes.byteLength / 3) * 4;
  return request.task === 'workbooks' ? request.files.reduce((n, f) => n + f.data.length, 0) : request.size;
}

function describe(request: WorkerRequest): string {
  if (request.task === 'domain') return request.label;
  return request.task === 'table' ? `「${request.fileName}」` : `選んだ ${request.files.length} ファイル`;
}

/** Workers that finished their request, waiting (unref'd, so they never keep the process alive); WORKERS at most. */
const idle: Worker[] = [];
/** Each worker's young generation (WORKER_YOUNG_MB): a request takes an idle worker of its task's size. */
const youngOf = new WeakMap<Worker, number>();

function takeWorker(task: WorkerRequest['task']): Worker {
  const young = WORKER_YOUNG_MB[task];
  const at = idle.findIndex((w) => youngOf.get(w) === young);
  let worker = at >= 0 ? idle.splice(at, 1)[0] : undefined;
  if (!worker) {
    const started = new Worker(workerSource(), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: young },
    });
    youngOf.set(started, young);
    // A worker failing while idle (an error thrown after its answer, out of memory after all) ends, and is simply not
    // reused: its error is heard here for good, since an 'error' event no one listens to would end this process — the
    // loopback host's — with it. (A request's own listener, while it has one, still takes the error as its answer.)
    started.on('error', () => undefined);
    started.once('exit', () => {
      const at = idle.indexOf(started);
      if (at >= 0) idle.splice(at, 1);
    });
    worker = started;
  }
  worker.ref();
  return worker;
}

/** The workers waiting for a request now (for tests). */
export function idleWorkers(): readonly Worker[] {
  return [...idle];
}

function giveBack(worker: Worker): void {
  if (idle.length >= WORKERS) {
    // The one coming back stays; an idle one of the other size goes first (so neither size waits on for good).
    const other = idle.findIndex((w) => youngOf.get(w) !== youngOf.get(worker));
    if (other < 0) {
      void worker.terminate();
      return;
    }
    void idle.splice(other, 1)[0]!.terminate();
  }
  worker.unref();
  idle.push(worker);
}

/**
 * Runs one request on a worker thread for `job`: resolves with what it read,
 * rejects with its RenkeiError, or with the cancellation once the job is
 * cancelled (the worker is ended then and there).
 * @example const table = await inWorker({ task: 'table', fileName, bytes }, job)
 */
export function inWorker<R extends WorkerRequest>(
  request: R,
  job: Job,
  options: { onProgress?: (progress: JobProgress) => void; transfer?: ArrayBuffer[] } = {},
): Promise<Results[R['task']]> {
  const report = options.onProgress ?? ((p: JobProgress) => job.report(p.label, p.done, p.total));
  return new Promise((resolve, reject) => {
    if (job.cancelled) return reject(cancelledError());
    if (!options.onProgress) job.report('ファイルを読み込んでいます');
    // Taken first: a transferred buffer is empty on this side once posted.
    const size = requestSize(request);
    const worker = takeWorker(request.task);
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
      if (message.type === 'progress') report(message.progress);
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
    worker.postMessage(request, request.task === 'table' ? [request.bytes.buffer] : (options.transfer ?? []));
  });
}

/**
 * A batch split across the workers, in order (one request per part, a part
 * per worker; fewer parts for a small batch, as a worker's start is worth it
 * only past `perWorker` items): resolves with each part's result in order.
 * Progress is the parts' counts added up, under their latest label.
 * @example const parts = await inWorkers(files, (part) => ({ task: 'workbooks', files: part }), job)
 */
export function inWorkers<T, R extends WorkerRequest>(
  items: readonly T[],
  request: (part: readonly T[]) => R,
  job: Job,
  perWorker = 50,
): Promise<Results[R['task']][]> {
  const parts = Math.max(1, Math.min(WORKERS, Math.floor(items.length / perWorker)));
  const size = Math.ceil(items.length / parts);
  const done = Array.from({ length: parts }, () => 0);
  return Promise.all(
    done.map((_, k) =>
      inWorker(request(items.slice(k * size, (k + 1) * size)), job, {
        onProgress: (p) => {
          done[k] = p.done;
          job.report(
            p.label,
            done.reduce((a, b) => a + b, 0),
            items.length,
          );
        },
      }),
    ),
  );
}
