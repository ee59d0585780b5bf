/**
 * What an operation handler receives. Queries read through `db`; mutations get
 * a transaction and an `audit` recorder; commands get the whole core, since
 * they act on the database file itself.
 */
import type { Db, Trx } from './db/schema';
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
}

export interface CommandContext {
  core: Core;
}
