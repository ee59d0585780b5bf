/**
 * The worker thread's side of offload.ts: reads the files of each request it
 * is sent, one at a time (pure work on bytes, no database), and posts
 * progress and the result. Built as its own bundle (dist/core/worker.cjs).
 */
import { parentPort } from 'node:worker_threads';
import { readWorkbookCells } from '@core/tabular/cells';
import { readTable } from '@core/tabular/read';
import { RenkeiError } from '@shared/contract/errors';
import type { WorkerMessage, WorkerRequest } from './offload';
import { TablePacker } from './packed-table';

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
const progress = (label: string, done = 0, total = 0) => post({ type: 'progress', progress: { label, done, total } });

async function run(request: WorkerRequest): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> {
  if (request.task === 'table') {
    progress('ファイルを読み込んでいます');
    // Packed as the rows are read: the table's cells are never all strings of their own here.
    const packer = new TablePacker();
    const table = await readTable(request.bytes, request.fileName, {
      onProgress: (done, total) =>
        done < total ? progress('ファイルを展開して確かめています', done, total) : progress('ファイルを読み込んでいます'),
      rows: packer,
    });
    const { packed, transfer } = packer.finish(table);
    return { value: packed, transfer };
  }
  const files = request.files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.data, 'base64') }));
  progress('ファイルを読み込んでいます', 0, files.length);
  return { value: await readWorkbookCells(files, (done) => progress('ファイルを読み込んでいます', done, files.length)) };
}

parentPort!.on('message', (request: WorkerRequest) => {
  run(request).then(
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
