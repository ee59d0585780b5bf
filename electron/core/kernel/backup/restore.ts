/**
 * Putting a backup's content into the open database without replacing the
 * file: the backup is copied aside and checked in full, then — with the
 * database held exclusively — its schema and rows are copied into the live
 * database in one transaction. No file is renamed or deleted under a
 * connection, so nothing another process confirmed can land in a file that
 * is no longer the database, and a failure leaves the data as it was.
 */
import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from 'kysely';
import { RenkeiError } from '@shared/contract';
import { backupLabel } from '@shared/contract/backup';
import { appliedMigrations, identifyDatabase, RENKEI_APPLICATION_ID } from '../db/identity';
import { openRaw } from '../db/open';
import { VERSION_COLUMNS } from '../versions';
import { removeTemp, tempPath } from './files';

/** Copies `source` to a temporary file of this process in the backup folder (so a prune cannot remove it mid-way). */
export function stageBackup(source: string, dbPath: string, name: string): string {
  const staged = tempPath(dbPath, `restore-${name}`);
  try {
    fs.copyFileSync(source, staged);
  } catch (error) {
    removeTemp(staged);
    throw new RenkeiError('io', `${backupLabel(name)}を読めません（${(error as Error).message}）。現在のデータはそのままです。`);
  }
  return staged;
}

/**
 * Refuses, before anything is replaced, a backup that is empty, not Renkei's,
 * damaged (full integrity check) or from a newer Renkei.
 */
export function checkRestorable(
  staged: string,
  name: string,
  nativeBinding: string | undefined,
  migrations: Readonly<Record<string, Migration>>,
): void {
  const kept = '現在のデータはそのままです。';
  if (fs.statSync(staged).size === 0)
    throw new RenkeiError('refused', `${backupLabel(name)}は空（0 バイト）のため復元できません。${kept}別のバックアップを選んでください。`);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = openRaw(staged, nativeBinding);
    // The staged copy is ours alone; the rollback journal keeps SQLite from leaving -wal/-shm beside it.
    db.pragma('journal_mode = DELETE');
    const kind = identifyDatabase(db, migrations);
    if (kind === 'foreign' || kind === 'empty') {
      throw new RenkeiError(
        'refused',
        `${backupLabel(name)}は Renkei のデータベースではないため復元できません。${kept}別のバックアップを選んでください。`,
      );
    }
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(String(integrity));
    const unknown = appliedMigrations(db).filter((m) => !(m in migrations));
    if (unknown.length > 0) {
      throw new RenkeiError(
        'newer_database',
        `${backupLabel(name)}は新しいバージョンの Renkei で作られているため、このバージョンでは復元できません。${kept}`,
      );
    }
  } catch (error) {
    if (error instanceof RenkeiError && error.code !== 'io') throw error;
    throw new RenkeiError('io', `${backupLabel(name)}は壊れているため復元できません。${kept}`);
  } finally {
    db?.close();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  sql: string | null;
}

/** The version columns present in a schema's tables. */
function versionColumns(raw: BetterSqlite3.Database, schema: string): [table: string, column: string][] {
  return [...VERSION_COLUMNS].flatMap(([table, columns]) => {
    const present = new Set((raw.prepare(`PRAGMA ${schema}.table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name));
    return columns.filter((c) => present.has(c)).map((c): [string, string] => [table, c]);
  });
}

/**
 * The highest version the database has handed out: every record's current one, and — since each change adds at
 * most 1 to a record's version — the number of changes, which also covers records deleted since.
 */
function highestVersion(raw: BetterSqlite3.Database): number {
  const current = versionColumns(raw, 'main').map(([table, column]) =>
    Number(
      raw
        .prepare(`SELECT coalesce(max(${quote(column)}), 0) FROM main.${quote(table)}`)
        .pluck()
        .get(),
    ),
  );
  const journaled = raw.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'journal_change'").get()
    ? Number(raw.prepare('SELECT coalesce(max(id), 0) FROM main.journal_change').pluck().get())
    : 0;
  return Math.max(0, journaled, ...current);
}

/**
 * Makes the database on `raw` hold exactly what `source` holds: every table,
 * row, index, trigger and view, the AUTOINCREMENT counters and user_version,
 * in one transaction. The caller holds the database exclusively. `history`:
 * whether the undo journal comes too — not for a restore the user asked for
 * (nothing from before it is undone), but when what was there is put back.
 *
 * Versions are the one exception: every restored record's version is raised above the highest the database had
 * handed out, so a screen still holding a record read before the restore is refused (kernel/versions.ts) instead
 * of saving over what was restored or changed since — the journal's rule for undo, applied to a restore.
 */
export function replaceContent(raw: BetterSqlite3.Database, source: string, { history }: { history: 'keep' | 'drop' }): void {
  raw.pragma('foreign_keys = OFF');
  raw.prepare('ATTACH DATABASE ? AS restore_source').run(source);
  try {
    const objects = (schema: string) =>
      raw
        .prepare(`SELECT type, name, sql FROM ${schema}.sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid`)
        .all() as SchemaObject[];
    const hasTable = (schema: string, name: string) =>
      raw.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
    raw.transaction(() => {
      const floor = highestVersion(raw);
      const current = objects('main');
      for (const type of ['view', 'trigger', 'table'] as const) {
        for (const o of current.filter((x) => x.type === type)) raw.exec(`DROP ${type.toUpperCase()} IF EXISTS main.${quote(o.name)}`);
      }
      const wanted = objects('restore_source').filter((o) => o.sql !== null);
      // Rows go in before the triggers exist, so copying them sets off nothing.
      for (const table of wanted.filter((o) => o.type === 'table')) {
        raw.exec(table.sql!);
        raw.exec(`INSERT INTO main.${quote(table.name)} SELECT * FROM restore_source.${quote(table.name)}`);
      }
      // The backup's undo history is of changes the restore itself has just replaced; undoing one now would
      // take back what the user knows as "before the backup" (kernel.ts marks the restore in the journal).
      if (history === 'drop')
        for (const table of ['journal_row', 'journal_change']) if (hasTable('main', table)) raw.exec(`DELETE FROM main.${table}`);
      for (const [table, column] of versionColumns(raw, 'main'))
        raw.prepare(`UPDATE main.${quote(table)} SET ${quote(column)} = ${quote(column)} + ?`).run(floor + 1);
      if (hasTable('main', 'sqlite_sequence')) {
        raw.exec('DELETE FROM main.sqlite_sequence');
        if (hasTable('restore_source', 'sqlite_sequence'))
          raw.exec('INSERT INTO main.sqlite_sequence SELECT * FROM restore_source.sqlite_sequence');
      }
      for (const type of ['index', 'trigger', 'view'] as const) {
        for (const o of wanted.filter((x) => x.type === type)) raw.exec(o.sql!);
      }
      raw.pragma(`main.user_version = ${Number(raw.pragma('restore_source.user_version', { simple: true }))}`);
      raw.pragma(`main.application_id = ${RENKEI_APPLICATION_ID}`);
    })();
  } finally {
    raw.exec('DETACH DATABASE restore_source');
    raw.pragma('foreign_keys = ON');
  }
}
