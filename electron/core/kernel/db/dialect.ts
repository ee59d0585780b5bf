/**
 * Kysely's SQLite dialect with write transactions that take the write lock
 * first (`BEGIN IMMEDIATE`). A DEFERRED transaction that has read and then
 * wants to write fails at once with SQLITE_BUSY_SNAPSHOT when another process
 * wrote meanwhile — the busy timeout cannot help it — so two Renkei processes
 * on one file failed each other's saves. Waiting for the lock happens here,
 * in short steps that leave the event loop free, for as long as another
 * process's longest write may take.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type DatabaseConnection, type Driver, type SqliteDatabase, SqliteDialect, SqliteDriver, type SqliteStatement } from 'kysely';
import { RenkeiError } from '@shared/contract';
import { BUSY_TIMEOUT_MS, isBusy } from './hold';

/** How long a save waits for another process's write before giving up (an import of a whole 台帳 takes well under this). */
export const WRITE_WAIT_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Since when (Date.now()) a write has been waiting for another connection's
 * lock; null while none waits. beginImmediate keeps it, so the screens can be
 * told why a save takes long (app.writeWait) without asking for the lock.
 */
export interface WriteWait {
  since: number | null;
}

/**
 * Starts a write transaction on `raw`, waiting while another connection writes
 * (`wait` says since when meanwhile). Throws an `unavailable` error when the
 * wait runs past `waitMs`.
 *
 * @example const wait: WriteWait = { since: null }; await beginImmediate(raw, WRITE_WAIT_MS, wait);
 */
export async function beginImmediate(
  raw: BetterSqlite3.Database,
  waitMs = WRITE_WAIT_MS,
  wait: WriteWait = { since: null },
): Promise<void> {
  const started = Date.now();
  const deadline = started + waitMs;
  try {
    for (;;) {
      // Each attempt blocks at most briefly; between attempts other work (and the host) runs.
      raw.pragma('busy_timeout = 50');
      try {
        raw.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        wait.since ??= started;
        if (Date.now() >= deadline) {
          throw new RenkeiError(
            'unavailable',
            'ほかの Renkei がデータベースに長く書き込んでいるため、保存できませんでした。しばらく待ってから、もう一度保存してください。',
          );
        }
      } finally {
        raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      await sleep(10 + Math.floor(Math.random() * 40));
    }
  } finally {
    wait.since = null;
  }
}

/** Enough for every query the screens and reports ask (a few hundred shapes); the least recently used goes first. */
export const KEPT_STATEMENTS = 500;

/**
 * `raw` with each query's prepared statement kept by its SQL and used again:
 * Kysely prepares every query it runs, and preparing is a quarter of a home
 * screen's time in the database. A statement still being read (an iteration
 * not finished) is not shared: that query gets one of its own.
 */
export function keepingStatements(raw: BetterSqlite3.Database, limit = KEPT_STATEMENTS): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close() {
      kept.clear();
      raw.close();
    },
    prepare(sql: string): SqliteStatement {
      const known = kept.get(sql);
      if (known && !known.busy) {
        kept.delete(sql);
        kept.set(sql, known);
        return known;
      }
      const statement = raw.prepare(sql);
      if (!known) {
        kept.set(sql, statement);
        if (kept.size > limit) kept.delete(kept.keys().next().value!);
      }
      return statement;
    },
  };
}

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly wait: WriteWait,
  ) {
    super({ database: keepingStatements(raw) });
  }

  override async beginTransaction(_connection: DatabaseConnection): Promise<void> {
    await beginImmediate(this.raw, WRITE_WAIT_MS, this.wait);
  }
}

/**
 * SqliteDialect whose `transaction()` begins IMMEDIATE, and whose statements are prepared once (keepingStatements).
 * `writeWait` says since when a transaction has waited for another connection's write.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly writeWait: WriteWait = { since: null };

  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.raw, this.writeWait);
  }
}

/**
 * SQLite's "the file is busy" (another process holds a lock past the busy
 * timeout) as the user meets it: a wait-and-retry message, not an internal error.
 */
export function busyRefusal(error: unknown): RenkeiError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) return null;
  return new RenkeiError(
    'unavailable',
    'ほかの Renkei がデータベースを使用中のため、今は処理できませんでした。何も変わっていません。しばらく待ってから、もう一度お試しください。',
  );
}
