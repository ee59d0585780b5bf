/**
 * Telling a Renkei database from any other file, and this file from one put in
 * its place. A database Renkei creates carries RENKEI_APPLICATION_ID in its
 * header (`PRAGMA application_id`, bytes 68–71); one made by an earlier Renkei
 * carries 0 and is recognised by its `kysely_migration` rows instead.
 */
import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from 'kysely';

/** "RNKE" in ASCII. Never change it: every Renkei database in the field carries it. */
export const RENKEI_APPLICATION_ID = 0x524e4b45;

export const MIGRATION_TABLE = 'kysely_migration';

/**
 * `empty`: no schema at all (a new file); `renkei`: stamped; `earlier-renkei`:
 * from a Renkei before the stamp; `foreign`: some other program's SQLite file.
 */
export type DatabaseKind = 'empty' | 'renkei' | 'earlier-renkei' | 'foreign';

export function appliedMigrations(raw: BetterSqlite3.Database, schema = 'main'): string[] {
  const table = raw.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATION_TABLE);
  if (!table) return [];
  return raw.prepare(`SELECT name FROM ${schema}.${MIGRATION_TABLE} ORDER BY name`).pluck().all() as string[];
}

/** What kind of database `raw` holds (reads the header and the schema, writes nothing). */
export function identifyDatabase(raw: BetterSqlite3.Database, migrations: Readonly<Record<string, Migration>>): DatabaseKind {
  const applicationId = Number(raw.pragma('application_id', { simple: true }));
  if (applicationId === RENKEI_APPLICATION_ID) return 'renkei';
  if (applicationId !== 0) return 'foreign';
  if (Number(raw.prepare('SELECT count(*) FROM sqlite_master').pluck().get()) === 0) return 'empty';
  const applied = appliedMigrations(raw);
  return applied.length > 0 && applied.every((name) => name in migrations) ? 'earlier-renkei' : 'foreign';
}

/** Marks `raw`'s database as Renkei's. */
export function stampRenkei(raw: BetterSqlite3.Database): void {
  raw.pragma(`application_id = ${RENKEI_APPLICATION_ID}`);
}

/** Which file on disk a path names: device and inode (Windows: volume serial and file index). */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

/** The identity of `file` now, or null when there is no file at that path. */
export function fileIdentity(file: string): FileIdentity | null {
  try {
    const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
    return stat ? { dev: stat.dev, ino: stat.ino } : null;
  } catch {
    // A share that went away answers with EIO or EACCES rather than "no such file"; either way there is no file to write to.
    return null;
  }
}

export function sameFile(a: FileIdentity, b: FileIdentity | null): boolean {
  return b !== null && a.dev === b.dev && a.ino === b.ino;
}
