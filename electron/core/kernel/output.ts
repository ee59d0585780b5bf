/**
 * Writing what the user asked for onto disk so that a failure leaves nothing
 * half-written: a file goes to a temporary name beside it and is renamed; a
 * folder of files (the submission pack) is written as a new folder beside the
 * target and renamed into place. Errors name the place and what to do.
 *
 * The temporary names are unique and carry Renkei's mark, so nothing of the
 * user's is ever written over or deleted: a user's 「提出資料.partial」 is just
 * another folder. A staging folder left by a process that was killed is
 * removed the next time a folder is written beside it, and only when its
 * marker file says it is ours and its process is gone.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RenkeiError } from '@shared/contract';

/** Part of every temporary name, and the name of the marker file inside a staging folder. */
const STAGING_MARK = 'renkei-partial';
/** A staging folder this old is stale even if a process of its id runs (the id was reused). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function cannotWriteFolder(dir: string, error: unknown): RenkeiError {
  return new RenkeiError('io', `フォルダー「${dir}」に書き出せません（${reason(error)}）。書き込める場所を指定してください。`);
}

/** The errors Windows gives a rename while another program has the file open for a moment. */
const HELD = new Set(['EPERM', 'EACCES', 'EBUSY']);
/**
 * How long a held file is waited for: what an antivirus scan of a file just written takes. A workbook left open in
 * Excel is held for good, and the officer is told so after this rather than kept waiting.
 */
const HELD_WAIT_MS = 2_500;

/** Whether `error` is a rename refused on Windows because another program holds the file. */
function heldOnWindows(error: unknown, platform: NodeJS.Platform): boolean {
  return platform === 'win32' && HELD.has(String((error as NodeJS.ErrnoException).code));
}

/** The waits between tries of a held rename, a little longer each time, HELD_WAIT_MS in all. */
function* heldWaits(): Generator<number> {
  let waited = 0;
  for (let delay = 50; waited < HELD_WAIT_MS; delay = Math.min(delay * 2, 500)) {
    yield delay;
    waited += delay;
  }
}

export interface RenameIo {
  platform?: NodeJS.Platform;
  rename?: (from: string, to: string) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A rename, tried again on Windows while the file is held: antivirus software (Defender on every office PC) opens a
 * file just written to scan it, and a rename meanwhile fails with EPERM, EACCES or EBUSY for a moment — a backup, a
 * pack or an export would be refused although nothing is wrong (npm's graceful-fs waits the same way). It waits on
 * timers, so the core answers other operations meanwhile. Elsewhere, and for any other error, it fails at once.
 */
export async function renameSettled(from: string, to: string, io: RenameIo = {}): Promise<void> {
  const {
    platform = process.platform,
    rename = fs.promises.rename,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  } = io;
  const waits = heldWaits();
  for (;;) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const wait = waits.next();
      if (wait.done || !heldOnWindows(error, platform)) throw error;
      await sleep(wait.value);
    }
  }
}

/**
 * renameSettled for the Electron shell's machine config, written as a window closes, when nothing would wait for a
 * promise: it waits on the shell's thread, never the core's.
 */
function renameSettledSync(from: string, to: string): void {
  const waits = heldWaits();
  for (;;) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (error) {
      const wait = waits.next();
      if (wait.done || !heldOnWindows(error, process.platform)) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait.value);
    }
  }
}

/**
 * What the officer is told when Windows kept refusing a rename past renameSettled's wait (another program holds the
 * file), or null for any other error: the same words for an export, a backup and a meeting copy.
 */
export function heldFileAdvice(error: unknown, platform: NodeJS.Platform = process.platform): string | null {
  return heldOnWindows(error, platform)
    ? 'Excel やウイルス対策ソフトなどのほかのアプリがファイルを開いている可能性があります。そのアプリを閉じるか、しばらく待ってから、もう一度お試しください。'
    : null;
}

function cannotWriteFile(file: string, error: unknown, platform: NodeJS.Platform): RenkeiError {
  const held = heldFileAdvice(error, platform);
  if (held) return new RenkeiError('io', `ファイル「${file}」に書き出せません。${held}`);
  return new RenkeiError('io', `ファイル「${file}」に書き出せません（${reason(error)}）。書き込める場所とファイル名を指定してください。`);
}

/** Clean-up after a failed write must not hide the error that caused it. */
function removeQuietly(target: string): void {
  try {
    fs.rmSync(target, { recursive: true, force: true });
  } catch {
    // Nothing usable was left there.
  }
}

/** A name beside `target` that no user file has: hidden, marked as Renkei's, unique to this write. */
function tempNameBeside(target: string, kind: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${STAGING_MARK}-${kind}-${process.pid}-${crypto.randomBytes(6).toString('hex')}`,
  );
}

export async function writeFileAtomic(file: string, bytes: Uint8Array | string, io: RenameIo = {}): Promise<void> {
  const temp = tempNameBeside(file, 'file');
  try {
    // 'wx': never write through a file that is already there.
    await fs.promises.writeFile(temp, bytes, { flag: 'wx' });
    await renameSettled(temp, file, io);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw cannotWriteFile(file, error, io.platform ?? process.platform);
  }
}

/** writeFileAtomic for the Electron shell's machine config (renameSettledSync says why it waits in place). */
export function writeFileAtomicSync(file: string, bytes: Uint8Array | string): void {
  const temp = tempNameBeside(file, 'file');
  try {
    fs.writeFileSync(temp, bytes, { flag: 'wx' });
    renameSettledSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw cannotWriteFile(file, error, process.platform);
  }
}

/** Whether a process still runs: its temp files are in use, not leftovers. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes staging folders beside `dir` left by a killed process: only ours (by name and marker) and only stale ones. */
function removeStaleStaging(dir: string): void {
  const parent = path.dirname(dir);
  const prefix = `.${path.basename(dir)}.${STAGING_MARK}-folder-`;
  let names: string[];
  try {
    names = fs.readdirSync(parent).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const folder = path.join(parent, name);
    try {
      const marker = JSON.parse(fs.readFileSync(path.join(folder, `.${STAGING_MARK}`), 'utf8')) as { pid?: unknown; startedAt?: unknown };
      const age = Date.now() - Date.parse(String(marker.startedAt));
      const stale = typeof marker.pid !== 'number' || !processAlive(marker.pid) || !(age < STALE_AFTER_MS);
      if (stale) removeQuietly(folder);
    } catch {
      // No readable marker: not recognisably ours, so it stays.
    }
  }
}

/** Refuses, before any long work starts, a folder that cannot be made, is not empty, or cannot be written. */
export function assertNewFolder(dir: string): void {
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length > 0) {
    throw new RenkeiError(
      'conflict',
      `フォルダー「${dir}」は空ではありません。前の提出資料を上書きしないよう、新しいフォルダーを指定してください。`,
    );
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
export async function writeFolderAtomic(dir: string, files: readonly { fileName: string; bytes: Uint8Array }[]): Promise<void> {
  assertNewFolder(dir);
  let staging: string | null = null;
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    removeStaleStaging(dir);
    staging = tempNameBeside(dir, 'folder');
    fs.mkdirSync(staging);
    fs.writeFileSync(path.join(staging, `.${STAGING_MARK}`), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
    for (const f of files) fs.writeFileSync(path.join(staging, f.fileName), f.bytes, { flag: 'wx' });
    fs.rmSync(path.join(staging, `.${STAGING_MARK}`));
    if (fs.existsSync(dir)) fs.rmdirSync(dir);
    await renameSettled(staging, dir);
  } catch (error) {
    if (staging !== null) removeQuietly(staging);
    throw cannotWriteFolder(dir, error);
  }
}
