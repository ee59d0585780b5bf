/**
 * What an operation handler receives. Queries read through `db`; mutations get
 * a transaction and an `audit` recorder; both see the kernel only through the
 * small `CoreServices` (clock, file locations, printer, journal, jobs).
 * Commands act on the database file itself, through `CoreControl`.
 */
import type { Insertable } from 'kysely';
import type { AuditEntity, BackupInfo, DatabaseInfo, OpInput, OpName, OpOutput, Session, WriteWait } from '@shared/contract';
import type { BackupReason, MoveResult } from '@shared/contract/backup';
import type { Actor, AuditRecord } from './audit';
import type { PgConnection } from './db/postgres';
import type { Database, Db, Trx } from './db/schema';
import type { Job, JobBoard } from './jobs/job';
import type { ChangeJournal } from './journal';
import type { Printer } from './printer';

/** What the kernel offers every query and mutation. */
export interface CoreServices {
  readonly appVersion: string;
  /** The time now, by the clock the core was given (tests fix it). */
  clock(): Date;
  /** The open database file; its folder holds the backups and default output folders. */
  readonly dbPath: string;
  /** Counts committed mutations, commands and database switches, so an in-memory index can tell it is stale. */
  readonly revision: number;
  /** The revision at which records of these kinds (audit entities) last changed, or a command changed the whole database. */
  revisionOf(...entities: AuditEntity[]): number;
  databaseInfo(): DatabaseInfo;
  /** Why the day's automatic backup could not be made at start-up (the refusal's words), until a backup is made; null when none failed. */
  backupFailure(): string | null;
  /** A save waiting for another program's write to the database (its lock), and for how long; null when none waits. */
  writeWait(): Promise<WriteWait | null>;
  /** Prints reports to PDF; null where no engine is available (then PDF output is refused, saying why). */
  readonly printer: Printer | null;
  /** The open database's change journal (元に戻す / やり直す). */
  readonly journal: ChangeJournal;
  /** Operations running as jobs, to report their progress and cancel them. */
  readonly jobs: JobBoard;
  /** Who is signed in, and in which role (always 県・担当 on a file). */
  readonly session: Session;
  /**
   * Records in the audit log something a query made that left the office (the 提出資料一式): written at once, as
   * a command's entry is, outside any change, so 元に戻す never offers it. Not written into a meeting copy.
   */
  recordOutput(operation: OpName, record: AuditRecord): Promise<void>;
}

/** What a command may do to the database file as a whole. */
export interface CoreControl extends CoreServices {
  backup(reason: BackupReason): Promise<BackupInfo>;
  restore(name: string): Promise<{ restored: BackupInfo; safetyBackup: BackupInfo }>;
  /** Opens another file in place of this database: one that is there, or a new one when `create`. */
  switchTo(file: string, options?: { create?: boolean }): Promise<void>;
  /** 会議用に持ち出す: a read-only copy of the open database at `target`, trimmed on the copy by `trim`. */
  meetingCopy(
    target: string,
    leftOut: string[],
    trim: (copy: Db) => Promise<void>,
  ): Promise<{ path: string; asOf: string; sizeBytes: number }>;
  /** 共有データベースへ移行: the open file copied into an empty PostgreSQL database. */
  moveToShared(connection: PgConnection): Promise<MoveResult>;
  /** この PC に写しを作る: the open shared database copied into a new file. */
  copyToFile(target: string): Promise<MoveResult & { sizeBytes: number }>;
}

export type { Actor, AuditRecord } from './audit';

/** Runs operations by name, validated as from any caller: the core itself, or a mutation's `ops`. */
export interface OpRunner {
  call<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>>;
}

export interface QueryContext {
  db: Db;
  core: CoreServices;
  /** This operation as a job: progress to report, cancellation to honour in long loops. */
  job: Job;
}

export interface MutationContext {
  db: Trx;
  core: CoreServices;
  /** Who is making the change, as the audit log records them (a step's 入力者). */
  actor: Actor;
  /** Records one change; written to the audit log in the same transaction. */
  audit(record: AuditRecord): void;
  /**
   * Inserts many rows of one shape in the same transaction, and returns their
   * ids (of tables with an `id` column). For imports of 100,000 rows: SQLite
   * runs one prepared statement (building a query per chunk cost more than
   * the writes), PostgreSQL multi-row INSERTs (a round trip per row would).
   * The rows may be made as they are taken (a generator), so a long list's
   * rows as written are not all held at once; making them must not write.
   */
  bulkInsert<T extends keyof Database & string>(table: T, rows: Iterable<Insertable<Database[T]>>): Promise<number[]>;
  /**
   * Runs other queries and mutations inside this transaction, their changes
   * audited with this one: an operation built of others (the demo) commits
   * whole or not at all.
   */
  ops: OpRunner;
  /** This operation as a job: progress to report, cancellation to honour in long loops. */
  job: Job;
}

export interface CommandContext {
  core: CoreControl;
}
