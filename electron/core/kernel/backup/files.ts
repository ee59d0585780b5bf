/**
 * Backup files beside the database: `<name>-backups/<UTC stamp>-<reason>.sqlite`,
 * written with SQLite's online backup API to a temporary name and renamed, so
 * a backup is never half a file. Temporary files carry the host and process
 * that made them, so two processes never share one and the leftovers of a
 * killed process are recognised and removed at the next start.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { RenkeiError } from '@shared/contract';
import { type BackupInfo, type BackupReason, backupLabel, backupOfName } from '@shared/contract/backup';
import { heldFileAdvice, processAlive, type RenameIo, renameSettled } from '../output';

/**
 * The folder of a database's backups: `県-backups` beside `県.sqlite` (and beside a file without extension); a file of
 * another extension has its own, `県.db-backups`, so `県.sqlite` and `県.db` in one folder never list, skip or prune
 * each other's backups. A `.db` file alone whose backups were written to `県-backups` before has that folder renamed to
 * its own the first time it is asked for, so the answer never changes later when a `県.sqlite` appears beside it.
 */
export function backupDirFor(dbPath: string): string {
  const parsed = path.parse(path.resolve(dbPath));
  const plain = path.join(parsed.dir, `${parsed.name}-backups`);
  if (parsed.ext === '' || parsed.ext.toLowerCase() === '.sqlite') return plain;
  const own = path.join(parsed.dir, `${parsed.base}-backups`);
  if (!fs.existsSync(own) && fs.existsSync(plain) && !fs.existsSync(path.join(parsed.dir, `${parsed.name}.sqlite`))) {
    try {
      fs.renameSync(plain, own);
    } catch {
      return plain;
    }
  }
  return own;
}

/**
 * Refuses to open one of the backups as the database: opening it would migrate it, back it up into itself and let
 * it be edited, so the restore point would quietly stop being what was backed up.
 */
export function refuseBackupAsDatabase(file: string): void {
  const name = path.basename(file);
  if (!path.basename(path.dirname(path.resolve(file))).endsWith('-backups') || !backupOfName(name)) return;
  throw new RenkeiError(
    'refused',
    `「${name}」は Renkei のバックアップのため、開いて編集することはできません（開くとバックアップそのものが変わってしまいます）。` +
      'この時点のデータに戻すには、元のデータベースを開いて 設定 › バックアップから復元 で復元してください。' +
      '中身を見るだけなら、バックアップのフォルダの外にコピーしてから、そのコピーを開いてください。',
    { path: ['path'] },
  );
}

function stampOf(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

function infoOf(dir: string, name: string): BackupInfo | null {
  const taken = backupOfName(name);
  if (!taken) return null;
  const stat = fs.statSync(path.join(dir, name));
  return { name, ...taken, sizeBytes: stat.size };
}

/** Newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupDirFor(dbPath);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => infoOf(dir, name))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.name.localeCompare(a.name));
}

export function backupPath(dbPath: string, name: string): string {
  const file = path.join(backupDirFor(dbPath), name);
  if (!backupOfName(name) || !fs.existsSync(file))
    throw new RenkeiError('not_found', `${backupLabel(name)}はありません（削除されたか、名前が違います）。現在のデータはそのままです。`, {
      path: ['name'],
    });
  return file;
}

/** Why a file could not be written there, in the officer's words with what to do: the disk full, or no right to write. */
function whyNotWritten(error: unknown, platform: NodeJS.Platform): string {
  const held = heldFileAdvice(error, platform);
  if (held) return `。${held}`;
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'ENOSPC' || code === 'SQLITE_FULL')
    return ': ディスクの空き容量が足りません。不要なファイルを削除して空きを作ってから、もう一度作成してください。';
  if (['EACCES', 'EPERM', 'EROFS'].includes(code) || /^SQLITE_(READONLY|CANTOPEN)/.test(code))
    return ': フォルダーが読み取り専用か、書き込む権限がありません。フォルダーの権限を確かめてください。';
  if (['ENOENT', 'ENOTDIR', 'EEXIST'].includes(code))
    return ': フォルダーが見つからないか、同じ名前のファイルがあります。フォルダーがあるか（ネットワーク上の場所なら、つながっているか）を確かめてください。';
  return `（${(error as Error).message}）。`;
}

/**
 * How long a backup may take. SQLite starts a backup over whenever another connection writes the database between two
 * of its steps, so a process writing without pause would keep it going for ever; ten minutes copy a database far larger
 * than a prefecture's, even from a network drive.
 */
export const BACKUP_TIME_LIMIT_MS = 10 * 60_000;

class BackupTimedOut extends Error {}

/** 10分, or 2秒 for a limit under a minute (tests). */
function durationText(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)}分` : `${Math.ceil(ms / 1000)}秒`;
}

/**
 * Writes a backup of the open database under a temporary name and renames it into the backup folder: a backup that
 * fails or does not finish within `timeLimitMs` leaves no file behind.
 */
export async function writeBackup(
  raw: BetterSqlite3.Database,
  dbPath: string,
  reason: BackupReason,
  at: Date,
  { timeLimitMs = BACKUP_TIME_LIMIT_MS, io = {} }: { timeLimitMs?: number; io?: RenameIo } = {},
): Promise<BackupInfo> {
  const dir = backupDirFor(dbPath);
  let temp: string | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    let taken = at;
    while (fs.existsSync(path.join(dir, `${stampOf(taken)}-${reason}.sqlite`))) taken = new Date(taken.getTime() + 1);
    const name = `${stampOf(taken)}-${reason}.sqlite`;
    temp = tempPath(dbPath, name);
    const deadline = performance.now() + timeLimitMs;
    await raw.backup(temp, {
      // Called between steps, answering how many pages the next copies (better-sqlite3's own 100); throwing ends the
      // backup (better-sqlite3 closes it and rejects).
      progress: () => {
        if (performance.now() > deadline) throw new BackupTimedOut();
        return 100;
      },
    });
    await renameSettled(temp, path.join(dir, name), io);
    return infoOf(dir, name)!;
  } catch (error) {
    if (temp) removeTemp(temp);
    if (error instanceof BackupTimedOut)
      throw new RenkeiError(
        'io',
        `バックアップが時間内（${durationText(timeLimitMs)}）に終わりませんでした。ほかのプログラムがデータベースに書き込み続けているか、` +
          `保存先のフォルダー「${dir}」の応答が遅い可能性があります。作りかけのバックアップは削除しました。データベースはそのままです。` +
          'しばらくしてから、もう一度作成してください。',
      );
    throw new RenkeiError(
      'io',
      `バックアップを「${dir}」に作成できません${whyNotWritten(error, io.platform ?? process.platform)}データベースはそのままです。`,
    );
  }
}

/** Deletes all but the newest `keep` backups. */
export function pruneBackups(dbPath: string, keep: number): void {
  const dir = backupDirFor(dbPath);
  for (const old of listBackups(dbPath).slice(keep)) fs.rmSync(path.join(dir, old.name), { force: true });
}

/** This machine's name as it may appear in a file name (letters, digits and `_` only). */
function hostTag(): string {
  return (os.hostname().replace(/[^A-Za-z0-9_]/g, '_') || 'host').slice(0, 32);
}

/** `.<label>.<host>-<pid>-<random>.partial`, plus SQLite's `-journal`/`-wal`/`-shm` beside it. */
const TEMP_PATTERN = /^\..+\.([A-Za-z0-9_]+)-(\d+)-[0-9a-f]{8}\.partial(?:-journal|-wal|-shm)?$/;
/** What Renkei before the host-and-process names left: a backup's `.partial`, a restore's `.restoring` beside the database. */
const OLD_TEMP_PATTERN = /^\.\d{8}T\d{9}Z-[a-z]+\.sqlite\.partial$/;

/** A temporary file in the backup folder that no other process will choose; `label` says what it becomes. */
export function tempPath(dbPath: string, label: string): string {
  const dir = backupDirFor(dbPath);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `.${label}.${hostTag()}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.partial`);
}

/** Removes a temporary file and whatever SQLite kept beside it. */
export function removeTemp(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

const HOUR_MS = 3_600_000;

/**
 * Whether a temporary file may still be in use. By this machine: while its
 * process lives (a week at most, in case the number was reused). By another
 * machine sharing the folder, or by an older Renkei: while it changed lately.
 */
function tempInUse(name: string, modifiedMs: number, nowMs: number): boolean {
  const age = nowMs - modifiedMs;
  const m = TEMP_PATTERN.exec(name);
  if (m && m[1] === hostTag()) return processAlive(Number(m[2])) && age < 7 * 24 * HOUR_MS;
  return age < (m ? 24 : 1) * HOUR_MS;
}

/**
 * Removes what killed backups and restores left: only files named as Renkei
 * names its temporary files, and only those no running process is writing.
 * Returns the paths removed.
 */
export function removeLeftovers(dbPath: string, now = Date.now()): string[] {
  const dir = backupDirFor(dbPath);
  const candidates = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => TEMP_PATTERN.test(n) || OLD_TEMP_PATTERN.test(n))
        .map((n) => path.join(dir, n))
    : [];
  candidates.push(`${path.resolve(dbPath)}.restoring`);
  const removed: string[] = [];
  for (const file of candidates) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || tempInUse(path.basename(file), stat.mtimeMs, now)) continue;
    try {
      fs.rmSync(file);
      removed.push(file);
    } catch {
      // Still open elsewhere (Windows) or already gone: the next start tries again.
    }
  }
  return removed;
}
