/**
 * Writing what the user asked for onto disk so that a failure leaves nothing
 * half-written: a file goes to a temporary name beside it and is renamed; a
 * folder of files (the submission pack) is written as a new folder beside the
 * target and renamed into place. Errors name the place and what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RenkeiError } from '../../shared/contract';

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function cannotWriteFolder(dir: string, error: unknown): RenkeiError {
  return new RenkeiError('io', `フォルダー「${dir}」に書き出せません（${reason(error)}）。書き込める場所を指定してください。`);
}

/** Clean-up after a failed write must not hide the error that caused it. */
function removeQuietly(target: string): void {
  try {
    fs.rmSync(target, { recursive: true, force: true });
  } catch {
    // Nothing usable was left there.
  }
}

export function writeFileAtomic(file: string, bytes: Uint8Array | string): void {
  const temp = `${file}.partial`;
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw new RenkeiError('io', `ファイル「${file}」に書き出せません（${reason(error)}）。書き込める場所とファイル名を指定してください。`);
  }
}

/** Refuses, before any long work starts, a folder that cannot be made, is not empty, or cannot be written. */
export function assertNewFolder(dir: string): void {
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length > 0) {
    throw new RenkeiError('conflict', `フォルダー「${dir}」は空ではありません。前の提出資料を上書きしないよう、新しいフォルダーを指定してください。`);
  }
  let existing = dir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try {
    if (!fs.statSync(existing).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    fs.accessSync(existing, fs.constants.W_OK);
  } catch (error) {
    throw cannotWriteFolder(dir, error);
  }
}

/** Writes the files into a new folder beside `dir`, then renames it to `dir` (which must not exist or be empty). */
export function writeFolderAtomic(dir: string, files: readonly { fileName: string; bytes: Uint8Array }[]): void {
  assertNewFolder(dir);
  const staging = `${dir}.partial`;
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    removeQuietly(staging);
    fs.mkdirSync(staging);
    for (const f of files) fs.writeFileSync(path.join(staging, f.fileName), f.bytes);
    if (fs.existsSync(dir)) fs.rmdirSync(dir);
    fs.renameSync(staging, dir);
  } catch (error) {
    removeQuietly(staging);
    throw cannotWriteFolder(dir, error);
  }
}
