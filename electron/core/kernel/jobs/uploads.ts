/**
 * The reading steps of the operations that take users' files (see
 * read-first.ts): a file as the renderer sends it (base64), read on a worker
 * thread — into a table for the imports, into cells for returned forms.
 */

import crypto from 'node:crypto';
import { tooManyCellsIn, type WorkbookCells } from '@core/tabular/cells';
import type { HeaderWanted, Table, TableRows } from '@core/tabular/read';
import { RenkeiError } from '@shared/contract';
import type { Job } from './job';
import { inWorker, inWorkers, type UploadedFile } from './offload';
import { readPacked, unpackTable } from './packed-table';

let tablesHere = false;

/**
 * The file last digested where files are read here (readUploadsHere): `renkei import` digests its file for the preview
 * and again for the commit, from the same text it holds throughout, so keeping it costs nothing, and decoding and
 * hashing the national list's 10 MB again was ~12 ms of the commit. Elsewhere nothing is kept: a core that serves a
 * window would hold a preview's file until the next one.
 */
let lastDigest: { fileName: string; data: string; digest: string } | null = null;

/**
 * What identifies an uploaded file (its name and bytes) without reading it as a table; refuses an empty one. Of its
 * bytes, decoded here unless given (`bytes`, when the caller decodes them anyway): hashing the base64 text went through
 * a UTF-8 copy of it (the national list's 14 MB: 17 ms, against 6 to decode and 6 to hash the bytes).
 */
export function uploadDigest({ fileName, data }: UploadedFile, bytes?: Uint8Array): string {
  if (Buffer.byteLength(data, 'base64') === 0) throw new RenkeiError('bad_request', `「${fileName}」は空のファイルです`);
  if (lastDigest?.fileName === fileName && lastDigest.data === data) return lastDigest.digest;
  const digest = crypto
    .createHash('sha256')
    .update(fileName)
    .update('\u0000')
    .update(bytes ?? Buffer.from(data, 'base64'))
    .digest('hex');
  if (tablesHere) lastDigest = { fileName, data, digest };
  return digest;
}

/**
 * From now on, an import's file is read on this thread, not a worker's: for a
 * process that runs one import and serves nothing else (`renkei import`), where
 * no window or other operation waits on its thread. The worker cost more than
 * it spared there — loading its 3 MB of code, then packing the rows across
 * and unpacking them: 0.2–0.8 s of the national list's import, and ~10 MiB.
 */
export function readUploadsHere(): void {
  tablesHere = true;
}

/** One import's file read into rows (readTable), kept packed; its header row found by what `header` says it has. */
export async function readUpload(file: UploadedFile, job: Job, header?: HeaderWanted): Promise<Table<TableRows>> {
  const decoded = Buffer.from(file.data, 'base64');
  const digest = uploadDigest(file, decoded);
  if (tablesHere) return { ...unpackTable((await readPacked(decoded, file.fileName, { header })).packed), digest };
  // Its own buffer, to hand over to the worker: a small Buffer shares Node's pool (a large one is copied only if not
  // alone in its buffer: the national list's 10 MB were copied for nothing).
  const alone = decoded.byteOffset === 0 && decoded.buffer.byteLength === decoded.byteLength;
  const bytes = alone ? new Uint8Array(decoded.buffer as ArrayBuffer) : new Uint8Array(decoded);
  return { ...(await inWorker({ task: 'table', fileName: file.fileName, bytes, header }, job)), digest };
}

/**
 * A batch of workbooks read into their cells, one outcome per file
 * (readWorkbookCells), split across the workers (a folder of 2,000 returned
 * forms is read on both cores); the batch's cells count together.
 */
export async function readUploadedWorkbooks({ files }: { files: readonly UploadedFile[] }, job: Job): Promise<WorkbookCells[]> {
  const parts = await inWorkers(files, (part) => ({ task: 'workbooks', files: part }), job);
  const tooMany = tooManyCellsIn(
    files,
    parts.flatMap((p) => p.cells),
  );
  if (tooMany) throw tooMany;
  return parts.flatMap((p) => p.books);
}
