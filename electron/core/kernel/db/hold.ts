/**
 * Having a database to ourselves, by SQLite's own locks (no lock file that a
 * crash would leave behind). In WAL mode every open connection keeps a shared
 * lock, so leaving WAL for the rollback journal in EXCLUSIVE locking mode
 * succeeds only when no other connection — in this process or another — has
 * the file open; from then on the lock is ours until released. When the
 * process dies, the OS drops the lock with it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { RenkeiError } from '@shared/contract';

export type JournalMode = 'wal' | 'delete';

/** Milliseconds a connection waits for another's lock before SQLite answers "busy". */
export const BUSY_TIMEOUT_MS = 5000;

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The journal mode a database in this place should use: WAL locally, the rollback journal on a network share. */
export function journalModeFor(network: boolean): JournalMode {
  return network ? 'delete' : 'wal';
}

export interface ExclusiveHold {
  /** Gives the file back to everyone and puts the journal mode back. */
  release(): void;
}

/**
 * Takes the database at `file` for `raw` alone, or throws an `unavailable`
 * error saying another Renkei has it open. `doing` names what needs it
 * (「復元」); `journalMode` is what to return to on release.
 *
 * @example const hold = takeExclusiveHold(raw, file, '復元', 'wal'); try { … } finally { hold.release(); }
 */
export function takeExclusiveHold(raw: BetterSqlite3.Database, file: string, doing: string, journalMode: JournalMode): ExclusiveHold {
  // A short wait lets a reader on a network share finish; in WAL mode an open connection never lets go, so waiting longer is pointless.
  raw.pragma('busy_timeout = 1000');
  raw.pragma('locking_mode = EXCLUSIVE');
  try {
    raw.pragma('journal_mode = DELETE');
    // A write under EXCLUSIVE locking mode keeps the exclusive lock until the mode changes back.
    raw.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    normalLocking(raw);
    if (isBusy(error)) {
      throw new RenkeiError(
        'unavailable',
        `ほかの Renkei（別のウィンドウ、コマンド、別のパソコンを含む）がデータベース「${file}」を開いているため、${doing}できません。` +
          'ほかの Renkei をすべて閉じてから、もう一度お試しください。',
      );
    }
    throw error;
  } finally {
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
  return {
    release: () => {
      normalLocking(raw);
      setJournalMode(raw, journalMode);
    },
  };
}

/**
 * Runs `work` with the database held exclusively (see takeExclusiveHold) and
 * gives it back afterwards, whether `work` succeeded or not.
 */
export async function withExclusiveHold<T>(
  raw: BetterSqlite3.Database,
  file: string,
  doing: string,
  journalMode: JournalMode,
  work: () => Promise<T> | T,
): Promise<T> {
  const hold = takeExclusiveHold(raw, file, doing, journalMode);
  try {
    return await work();
  } finally {
    hold.release();
  }
}

function normalLocking(raw: BetterSqlite3.Database): void {
  raw.pragma('locking_mode = NORMAL');
  // The lock is dropped at the next access, not by the pragma itself.
  raw.prepare('SELECT count(*) FROM sqlite_master').get();
}

/**
 * Sets the journal mode; returns the mode in force afterwards. Another process
 * that opened the file meanwhile may keep it from changing (then the mode it
 * chose stays, and it is the same rule's choice).
 */
export function setJournalMode(raw: BetterSqlite3.Database, mode: JournalMode): string {
  try {
    return String(raw.pragma(`journal_mode = ${mode.toUpperCase()}`, { simple: true }));
  } catch (error) {
    if (!isBusy(error)) throw error;
    return String(raw.pragma('journal_mode', { simple: true }));
  }
}
