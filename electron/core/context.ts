/**
 * What an operation handler receives. Queries read through `db`; mutations get
 * a transaction and an `audit` recorder; commands get the whole core, since
 * they act on the database file itself.
 */
import type { Insertable } from 'kysely';
import type { Database, Db, Trx } from './db/schema';
import type { Core } from './core';

export interface Actor {
  osUser: string;
  displayName: string;
}

export interface AuditRecord {
  entity: string;
  entityId: string | number;
  before: unknown;
  after: unknown;
}

export interface QueryContext {
  db: Db;
  core: Core;
}

export interface MutationContext {
  db: Trx;
  core: Core;
  /** Records one change; written to the audit log in the same transaction. */
  audit(record: AuditRecord): void;
  /**
   * Inserts many rows of one shape through one prepared statement, in the
   * same transaction, and returns their ids. For imports of 100,000 rows,
   * where building a query per chunk costs more than the writes.
   */
  bulkInsert<T extends keyof Database & string>(table: T, rows: readonly Insertable<Database[T]>[]): number[];
}

export interface CommandContext {
  core: Core;
}
