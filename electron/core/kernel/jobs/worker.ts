/**
 * The worker thread's side of offload.ts: runs each request it is sent, one
 * at a time (pure work on bytes, no database), and posts progress and the
 * result. The kernel's own tasks read users' files; a domain's tasks are
 * registered by name by the bundle's entry (electron/core/worker.ts, built
 * as dist/core/worker.cjs).
 */
import { parentPort } from 'node:worker_threads';
import { readWorkbookCells } from '@core/tabular/cells';
import { RenkeiError } from '@shared/contract/errors';
import type { CountedWorkbooks, WorkerMessage, WorkerRequest } from './offload';
import { readPacked } from './packed-table';

/** What a task posts back, with the buffers to hand over rather than copy. */
export interface TaskResult {
  value: unknown;
  transfer?: ArrayBuffer[];
}

/** A domain's task: its payload in, its result out; `progress` reports into the job that asked. */
export type DomainTask = (payload: never, progress: (label: string, done?: number, total?: number) => void) => Promise<TaskResult>;

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
const progress = (label: string, done = 0, total = 0) => post({ type: 'progress', progress: { label, done, total } });

async function run(request: WorkerRequest, tasks: Readonly<Record<string, DomainTask>>): Promise<TaskResult> {
  if (request.task === 'domain') {
    const task = tasks[request.name];
    if (!task) throw new Error(`worker task ${request.name} is not registered`);
    return task(request.payload as never, progress);
  }
  if (request.task === 'table') {
    progress('ファイルを読み込んでいます');
    // Packed as the rows are read: the table's cells are never all strings of their own here.
    const { packed, transfer } = await readPacked(request.bytes, request.fileName, {
      header: request.header,
      onProgress: (done, total) =>
        done < total ? progress('ファイルを展開して確かめています', done, total) : progress('ファイルを読み込んでいます'),
    });
    return { value: packed, transfer };
  }
  const files = request.files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.data, 'base64') }));
  progress('ファイルを読み込んでいます', 0, files.length);
  const cells: number[] = [];
  // Told every 20 files, not each: a message per file was ~3 % of reading a batch of small forms.
  const books = await readWorkbookCells(
    files,
    (done) => {
      if (done % 20 === 0 || done === files.length) progress('ファイルを読み込んでいます', done, files.length);
    },
    cells,
  );
  return { value: { books, cells } satisfies CountedWorkbooks };
}

/**
 * Serves the requests of offload.ts on this thread, with the domains' tasks by name.
 * @example serveWorker({ 'survey.forms': writeFormsTask })
 */
export function serveWorker(tasks: Readonly<Record<string, DomainTask>>): void {
  parentPort!.on('message', (request: WorkerRequest) => {
    run(request, tasks).then(
      ({ value, transfer }) => post({ type: 'done', value }, transfer),
      (error: unknown) =>
        post({
          type: 'failed',
          error:
            error instanceof RenkeiError
              ? error.toOpError()
              : { code: 'internal', message: error instanceof Error ? error.message : String(error) },
        }),
    );
  });
}
