/**
 * The database port: what the kernel needs from a database engine beyond the
 * portable queries Kysely builds. SQLite (one file, embedded) and PostgreSQL
 * (a shared server) each implement it; everything engine-specific — pragmas,
 * prepared statements, change counters, triggers, file backups — lives behind
 * it, in `sqlite.ts` and `postgres.ts`. Domains never see it: they write
 * Kysely queries that run on both.
 */
import { type Insertable, type Kysely, PostgresAdapter, sql } from 'kysely';
import { RenkeiError } from '@shared/contract';
import type { AuditWriter } from '../audit';
import type { ChangeJournal } from '../journal';
import type { Database, Db, Trx } from './schema';

export type EngineKind = 'sqlite' | 'postgres';

export interface Engine {
  readonly kind: EngineKind;
  readonly db: Db;
  /** Names of the migrations applied, oldest first. */
  readonly applied: readonly string[];
  /** Where the data lives, as the user knows it: a file path, or postgres://user@host:port/database. */
  readonly location: string;
  /** The change journal behind 元に戻す / やり直す (refusing where the engine has none yet). */
  readonly journal: ChangeJournal;
  /**
   * A number that grows while the transaction `trx` writes; compared before
   * and after a handler to catch a write without an audit entry.
   */
  writeMark(trx: Trx): Promise<number>;
  /** Writes audit entries on `db` (inside the mutation's transaction, so they commit or roll back with it). */
  readonly writeAudit: AuditWriter;
  /** See MutationContext.bulkInsert. */
  bulkInsert<T extends keyof Database & string>(trx: Trx, table: T, rows: Iterable<Insertable<Database[T]>>): Promise<number[]>;
  /**
   * How long (ms) a write of this engine has been waiting for a lock another
   * connection holds (another Renkei writing), or null while none waits. Asked
   * beside the waiting write, so it never waits for a lock itself.
   */
  writeWaited(): Promise<number | null>;
  close(): Promise<void>;
}

/** Which engine a Kysely instance (or transaction) talks to: migrations and the few engine-aware reads ask this. */
export function engineKindOf(db: Kysely<unknown> | Kysely<Database>): EngineKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * A number that moves whenever anyone — this process or another — has
 * committed a write since it was last read, so an in-memory index can tell it
 * is stale. SQLite: `PRAGMA data_version`. PostgreSQL: the next transaction
 * id, which moves when any transaction that writes begins.
 */
export async function dataVersion(db: Db): Promise<number> {
  if (engineKindOf(db) === 'postgres') {
    const { rows } = await sql<{ v: number }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS v`.execute(db);
    return rows[0]!.v;
  }
  const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  return rows[0]?.data_version ?? 0;
}

/**
 * The refusal for what only a file can do in shared mode (PostgreSQL), naming what was asked and, in `instead`, why
 * and what to do instead (not 「まだ」: none of these is on its way).
 */
export function notInSharedMode(doing: string, instead: string): RenkeiError {
  return new RenkeiError('refused', `共有データベース（PostgreSQL）では、${doing}はできません。${instead}`);
}
