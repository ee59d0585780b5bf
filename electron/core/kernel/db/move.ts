/**
 * Moving a database between the engines. 共有データベースへ移行 copies a file
 * into an empty PostgreSQL database; この PC に写しを作る copies a shared
 * database into a new file. Every table is copied row for row with its ids,
 * in one transaction on the target; before it commits, each table's row count
 * and checksum are compared with the source's, and any difference rolls the
 * whole copy back. The ids' counters continue after the copy (PostgreSQL's
 * identity sequences, SQLite's AUTOINCREMENT), so the next insert works and a
 * deleted id is not handed out again.
 *
 * Not copied: the migration bookkeeping (the target is migrated by the same
 * program), the change journal (元に戻す belongs to the file it was made in),
 * and, into a server, the accounts (the server's own login roles).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { RenkeiError } from '@shared/contract';
import type { MoveResult, MoveTableCheck } from '@shared/contract/backup';
import { removeTemp } from '../backup/files';
import { renameSettled } from '../output';
import { MIGRATION_TABLE } from './identity';
import { openDatabase } from './open';
import type { PostgresEngine } from './postgres';
import type { Db } from './schema';

/** Tables whose rows stay where they were made. */
const NEVER_COPIED = ['journal_change', 'journal_row'];

type Row = Record<string, unknown>;
type Pg = Kysely<Record<string, Row>>;

interface Shape {
  /** Tables to copy, parents before the tables that reference them. */
  tables: string[];
  columns: Map<string, string[]>;
  /** Tables whose id PostgreSQL numbers (an identity column). */
  identity: Set<string>;
  leftOut: string[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables and their columns as the (migrated) PostgreSQL side has them; both sides run the same migrations. */
async function shapeOf(pg: Pg, skip: readonly string[]): Promise<Shape> {
  const all = (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(pg)).rows
    .map((r) => r.name)
    .filter((t) => !t.startsWith(MIGRATION_TABLE));
  const leftOut = all.filter((t) => skip.includes(t)).sort();
  const names = all.filter((t) => !skip.includes(t));
  const columns = new Map<string, string[]>(names.map((t) => [t, []]));
  const identity = new Set<string>();
  const { rows } = await sql<{ table: string; column: string; identity: string }>`
    SELECT table_name AS table, column_name AS column, is_identity AS identity FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(pg);
  for (const r of rows) {
    columns.get(r.table)?.push(r.column);
    if (r.identity === 'YES' && r.column === 'id') identity.add(r.table);
  }
  const links = (
    await sql<{ child: string; parent: string }>`
      SELECT (SELECT relname FROM pg_class WHERE oid = c.conrelid) AS child, (SELECT relname FROM pg_class WHERE oid = c.confrelid) AS parent
      FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`.execute(pg)
  ).rows.filter((l) => l.child !== l.parent && columns.has(l.child) && columns.has(l.parent));
  // Parents first (Kahn's order, ties by name so every run copies in the same order).
  const tables: string[] = [];
  const waiting = new Set(names);
  while (waiting.size > 0) {
    const ready = [...waiting].filter((t) => !links.some((l) => l.child === t && waiting.has(l.parent))).sort();
    if (ready.length === 0) throw new Error(`move: the references between ${[...waiting].join(', ')} form a cycle`);
    for (const t of ready) {
      tables.push(t);
      waiting.delete(t);
    }
  }
  return { tables, columns, identity, leftOut };
}

/** One value as the checksum reads it: the same text on both engines (a yen amount is a number on one and a bigint read back on the other). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '\u0000';
  if (Buffer.isBuffer(value)) return `\u0001${value.toString('hex')}`;
  return String(value);
}

/** Count and SHA-256 of a table's rows, independent of their order (row order is not part of a table). */
function summarise(rows: readonly Row[], columns: readonly string[]): { rows: number; checksum: string } {
  const lines = rows.map((r) => columns.map((c) => cell(r[c])).join('\u001f')).sort();
  const hash = crypto.createHash('sha256');
  for (const line of lines) hash.update(`${line}\u001e`);
  return { rows: rows.length, checksum: hash.digest('hex').slice(0, 16) };
}

function orderBy(columns: readonly string[]): string {
  // By id, so a row that references another of its table comes after it.
  return columns.includes('id') ? ' ORDER BY id' : '';
}

function readSqlite(raw: BetterSqlite3.Database, table: string, columns: readonly string[]): Row[] {
  return raw.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}${orderBy(columns)}`).all() as Row[];
}

async function readPg(pg: Pg, table: string, columns: readonly string[]): Promise<Row[]> {
  return (await sql<Row>`${sql.raw(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}${orderBy(columns)}`)}`.execute(pg)).rows;
}

/** The highest id SQLite's AUTOINCREMENT has handed out for a table (deleted rows included), or 0. */
function sqliteCounter(raw: BetterSqlite3.Database, table: string): number {
  const hasSequence = raw.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get();
  if (!hasSequence) return 0;
  const row = raw.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table) as { seq: number } | undefined;
  return row?.seq ?? 0;
}

function check(table: string, source: { rows: number; checksum: string }, target: { rows: number; checksum: string }): MoveTableCheck {
  return {
    table,
    sourceRows: source.rows,
    targetRows: target.rows,
    sourceChecksum: source.checksum,
    targetChecksum: target.checksum,
    same: source.rows === target.rows && source.checksum === target.checksum,
  };
}

function mismatch(checks: readonly MoveTableCheck[], where: string): RenkeiError {
  const bad = checks.filter((c) => !c.same).map((c) => `${c.table}（${c.sourceRows} 行 → ${c.targetRows} 行）`);
  return new RenkeiError(
    'internal',
    `${where}への写しが元と一致しなかったため、取り消しました（${bad.join('、')}）。元のデータベースは変わっていません。`,
  );
}

/** Rows per INSERT, under PostgreSQL's 65,535 parameters. */
const MAX_PARAMETERS = 30_000;

/**
 * 共有データベースへ移行: copies the file behind `raw` into the PostgreSQL
 * database `target` (opened and migrated, with no data yet). One transaction
 * on the server; the file is read under SQLite's write lock, so nothing
 * changes it meanwhile.
 */
export async function copyFileToServer(raw: BetterSqlite3.Database, target: PostgresEngine): Promise<MoveResult> {
  const pg = target.db.withoutPlugins() as unknown as Pg;
  const [{ entries, people }] = (
    await sql<{
      entries: number;
      people: number;
    }>`SELECT (SELECT count(*) FROM audit_log) AS entries, (SELECT count(*) FROM account) AS people`.execute(pg)
  ).rows as [{ entries: number; people: number }];
  if (entries > 0 || people > 0)
    throw new RenkeiError(
      'refused',
      `共有データベース「${target.location}」にはすでにデータ（記録 ${entries} 件、利用者 ${people} 人）があるため、移行しません。中身は変えていません。` +
        '移行先には、何も入っていない新しいデータベースを用意してください（利用者の登録は移行のあとに行います）。',
    );
  const shape = await shapeOf(pg, [...NEVER_COPIED, 'account']);
  raw.exec('BEGIN IMMEDIATE');
  try {
    return await pg.transaction().execute(async (trx) => {
      // What the migrations put in (the lists they seed) gives way to the file's own rows; children go first.
      for (const table of [...shape.tables].reverse()) await sql.raw(`DELETE FROM ${quote(table)}`).execute(trx);
      const checks: MoveTableCheck[] = [];
      for (const table of shape.tables) {
        const columns = shape.columns.get(table)!;
        const rows = readSqlite(raw, table, columns);
        const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
        for (let from = 0; from < rows.length; from += chunk)
          await trx
            .insertInto(table)
            .values(rows.slice(from, from + chunk))
            .execute();
        if (shape.identity.has(table)) {
          const high = Math.max(sqliteCounter(raw, table), ...rows.map((r) => Number(r.id)), 0);
          // The next id continues past every id the file ever handed out.
          await sql`SELECT setval(pg_get_serial_sequence(${quote(table)}, 'id'), ${Math.max(high, 1)}, ${high > 0})`.execute(trx);
        }
        checks.push(check(table, summarise(rows, columns), summarise(await readPg(trx, table, columns), columns)));
      }
      if (checks.some((c) => !c.same)) throw mismatch(checks, '共有データベース');
      return { target: target.location, tables: checks, leftOut: shape.leftOut };
    });
  } finally {
    raw.exec('ROLLBACK');
  }
}

/** A copy is written only to a new file: whatever is at `file` (another Renkei database, say) is never overwritten. */
export function refuseExisting(file: string): void {
  if (fs.existsSync(file))
    throw new RenkeiError('validation', `「${file}」はすでにあります。上書きはしません。別のファイル名を指定してください。`, {
      path: ['path'],
    });
}

/**
 * この PC に写しを作る: writes the PostgreSQL database `source` into a new
 * Renkei file at `target` (refused if a file is there). The server is read in
 * one repeatable-read transaction (a consistent picture while others work);
 * the file is written beside its final name and renamed into place only when
 * every table matched.
 */
export async function copyServerToFile(
  source: Db,
  target: string,
  options: { nativeBinding?: string } = {},
): Promise<MoveResult & { sizeBytes: number }> {
  const file = path.resolve(target);
  if (!fs.existsSync(path.dirname(file)))
    throw new RenkeiError('io', `保存先のフォルダー「${path.dirname(file)}」がありません。フォルダーを確かめてください。`, {
      path: ['path'],
    });
  refuseExisting(file);
  const temp = `${file}.${crypto.randomBytes(4).toString('hex')}.partial`;
  try {
    const opened = await openDatabase(temp, { ...options, create: true });
    const { raw } = opened;
    let result: MoveResult;
    try {
      result = await (source.withoutPlugins() as unknown as Pg)
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (pg) => {
          const shape = await shapeOf(pg, NEVER_COPIED);
          raw.exec('BEGIN IMMEDIATE');
          try {
            for (const table of [...shape.tables].reverse()) raw.exec(`DELETE FROM ${quote(table)}`);
            const checks: MoveTableCheck[] = [];
            for (const table of shape.tables) {
              const columns = shape.columns.get(table)!;
              const rows = await readPg(pg, table, columns);
              const insert = raw.prepare(
                `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
              );
              for (const row of rows) insert.run(columns.map((c) => row[c] ?? null));
              if (shape.identity.has(table)) await continueCounter(pg, raw, table);
              checks.push(check(table, summarise(rows, columns), summarise(readSqlite(raw, table, columns), columns)));
            }
            if (checks.some((c) => !c.same)) throw mismatch(checks, 'この PC のファイル');
            raw.exec('COMMIT');
            return { target: file, tables: checks, leftOut: shape.leftOut };
          } catch (error) {
            if (raw.inTransaction) raw.exec('ROLLBACK');
            throw error;
          }
        });
      // One file to carry: no WAL beside it.
      raw.pragma('journal_mode = DELETE');
    } finally {
      await opened.db.destroy();
    }
    await renameSettled(temp, file);
    return { ...result, sizeBytes: fs.statSync(file).size };
  } catch (error) {
    removeTemp(temp);
    if (error instanceof RenkeiError) throw error;
    throw new RenkeiError('io', `写しを「${file}」に書き出せません: ${(error as Error).message}`, { path: ['path'] });
  }
}

/** SQLite's AUTOINCREMENT counter of `table` set to where the server's sequence is (ids deleted on the server stay unused). */
async function continueCounter(pg: Pg, raw: BetterSqlite3.Database, table: string): Promise<void> {
  const autoincrement = raw.prepare(`SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE '%AUTOINCREMENT%'`).get(table);
  if (!autoincrement) return;
  // pg_sequence_last_value needs only USAGE (what 県・担当 has), where reading the sequence as a table needs SELECT; null: never used.
  const { rows } = await sql<{
    high: number | null;
  }>`SELECT pg_sequence_last_value(pg_get_serial_sequence(${quote(table)}, 'id')::regclass) AS high`.execute(pg);
  const high = Math.max(rows[0]!.high ?? 0, sqliteCounter(raw, table));
  if (high <= 0) return;
  raw.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(table);
  raw.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, BigInt(high));
}
