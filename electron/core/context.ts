/**
 * What an operation handler receives. Queries read through `db`; mutations get
 * a transaction and an `audit` recorder; commands get the whole core, since
 * they act on the database file itself.
 */
import type { Insertable } from 'kysely';
import type { AuditEntity, OpInput, OpName, OpOutput } from '../../shared/contract';
import type { Database, Db, Trx } from './db/schema';
import type { Core } from './core';
import type { Job } from './jobs/job';

export interface Actor {
  osUser: string;
  displayName: string;
}

export interface AuditRecord {
  entity: AuditEntity;
  entityId: string | number;
  before: unknown;
  after: unknown;
}

/** Runs operations by name, validated as from any caller: the core itself, or a mutation's `ops`. */
export interface OpRunner {
  call<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>>;
}

export interface QueryContext {
  db: Db;
  core: Core;
  /** This operation as a job: progress to report, cancellation to honour in long loops. */
  job: Job;
}

export interface MutationContext {
  db: Trx;
  core: Core;
  /** Who is making the change, as the audit log records them (a step's 入力者). */
  actor: Actor;
  /** Records one change; written to the audit log in the same transaction. */
  audit(record: AuditRecord): void;
  /**
   * Inserts many rows of one shape through one prepared statement, in the
   * same transaction, and returns their ids. For imports of 100,000 rows,
   * where building a query per chunk costs more than the writes.
   */
  bulkInsert<T extends keyof Database & string>(table: T, rows: readonly Insertable<Database[T]>[]): number[];
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
  core: Core;
}
