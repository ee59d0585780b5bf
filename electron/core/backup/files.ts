/**
 * Backup files beside the database: `<name>-backups/<UTC stamp>-<reason>.sqlite`,
 * written with SQLite's online backup API to a temporary name and renamed, so
 * a backup is never half a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { BACKUP_REASONS, type BackupInfo, type BackupReason } from '../../../shared/contract/backup';
import { RenkeiError } from '../../../shared/contract';

const NAME_PATTERN = /^(\d{8}T\d{9}Z)-([a-z]+)\.sqlite$/;

export function backupDirFor(dbPath: string): string {
  const parsed = path.parse(path.resolve(dbPath));
  return path.join(parsed.dir, `${parsed.name}-backups`);
}

function stampOf(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

function instantOfStamp(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

function infoOf(dir: string, name: string): BackupInfo | null {
  const m = NAME_PATTERN.exec(name);
  if (!m || !(BACKUP_REASONS as readonly string[]).includes(m[2]!)) return null;
  const stat = fs.statSync(path.join(dir, name));
  return { name, createdAt: instantOfStamp(m[1]!), reason: m[2] as BackupReason, sizeBytes: stat.size };
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
  if (!NAME_PATTERN.test(name)) throw new RenkeiError('not_found', `バックアップ「${name}」はありません`, { path: ['name'] });
  const file = path.join(backupDirFor(dbPath), name);
  if (!fs.existsSync(file)) throw new RenkeiError('not_found', `バックアップ「${name}」はありません`, { path: ['name'] });
  return file;
}

export async function writeBackup(
  raw: BetterSqlite3.Database,
  dbPath: string,
  reason: BackupReason,
  at: Date,
): Promise<BackupInfo> {
  const dir = backupDirFor(dbPath);
  fs.mkdirSync(dir, { recursive: true });
  let stamp = stampOf(at);
  while (fs.existsSync(path.join(dir, `${stamp}-${reason}.sqlite`))) {
    stamp = stampOf(new Date(Date.parse(instantOfStamp(stamp)) + 1));
  }
  const name = `${stamp}-${reason}.sqlite`;
  const temp = path.join(dir, `.${name}.partial`);
  try {
    await raw.backup(temp);
    fs.renameSync(temp, path.join(dir, name));
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new RenkeiError('io', `バックアップを作成できません（${dir}）: ${(error as Error).message}`);
  }
  return infoOf(dir, name)!;
}

/** Deletes all but the newest `keep` backups. */
export function pruneBackups(dbPath: string, keep: number): void {
  const dir = backupDirFor(dbPath);
  for (const old of listBackups(dbPath).slice(keep)) fs.rmSync(path.join(dir, old.name), { force: true });
}
