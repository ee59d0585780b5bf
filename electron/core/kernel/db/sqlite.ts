/**
 * The SQLite engine (embedded mode, the default): one file opened with
 * better-sqlite3 (see open.ts), audit entries and bulk inserts through
 * prepared statements, `total_changes()` as the write counter, and the change
 * journal's connection-local triggers. The file itself — its identity,
 * backups, restores — is reached through `raw` and `file` by the kernel.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type Insertable, sql } from 'kysely';
import { sqliteAuditWriter } from '../audit';
import { Journal } from '../journal';
import type { Engine } from './engine';
import type { FileIdentity } from './identity';
import { type OpenOptions, openDatabase } from './open';
import type { Database, Trx } from './schema';

export interface SqliteEngine extends Engine {
  readonly kind: 'sqlite';
  readonly raw: BetterSqlite3.Database;
  /** The database file (absolute). */
  readonly file: string;
  /** The file is on a network share, so it runs without WAL. */
  readonly networkLocation: boolean;
  /** Which file was opened, to notice later if another is put in its place. */
  readonly identity: FileIdentity;
  readonly journal: Journal;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Opens (creating and migrating as needed) the database file; `osUser` is whose changes 元に戻す reverses. */
export async function openSqliteEngine(file: string, osUser: string, options: OpenOptions = {}): Promise<SqliteEngine> {
  const opened = await openDatabase(file, options);
  const { raw } = opened;
  const statements = new Map<string, BetterSqlite3.Statement>();
  const journal = new Journal(raw, osUser);
  return {
    kind: 'sqlite',
    db: opened.db,
    raw,
    file,
    location: file,
    applied: opened.applied,
    networkLocation: opened.networkLocation,
    identity: opened.identity,
    journal,
    writeAudit: sqliteAuditWriter(raw),
    writeMark: async (trx: Trx) => {
      const { rows } = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(trx);
      return rows[0]!.n;
    },
    // Runs on the connection the open transaction holds (better-sqlite3 has one). The rows are taken one at a time,
    // all under one pause of the journal's trigger (paused and resumed for each chunk of 1,000, it re-prepared the
    // insert each time), their values bound from one array (one a row was as many arrays to collect).
    bulkInsert: async <T extends keyof Database & string>(_trx: Trx, table: T, rows: Iterable<Insertable<Database[T]>>) => {
      const taken = rows[Symbol.iterator]();
      let next = taken.next();
      if (next.done) return [];
      const columns = Object.keys(next.value);
      const text = `INSERT INTO ${snake(table)} (${columns.map(snake).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      let statement = statements.get(text);
      if (!statement) {
        statement = raw.prepare(text);
        statements.set(text, statement);
      }
      const insert = statement;
      // better-sqlite3 binds the array's values and keeps no reference to it.
      const values: unknown[] = new Array(columns.length);
      return journal.bulkInserted(snake(table), () => {
        const ids: number[] = [];
        for (; !next.done; next = taken.next()) {
          const row = next.value as Record<string, unknown>;
          for (let i = 0; i < columns.length; i += 1) values[i] = row[columns[i]!] ?? null;
          ids.push(Number(insert.run(values).lastInsertRowid));
        }
        return ids;
      });
    },
    writeWaited: async () => {
      const { since } = opened.writeWait;
      return since === null ? null : Date.now() - since;
    },
    close: () => opened.db.destroy(),
  };
}
