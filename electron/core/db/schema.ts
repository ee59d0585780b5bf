/**
 * The database schema as Kysely sees it (camelCase here, snake_case in SQLite
 * through CamelCasePlugin). Each domain adds its tables here and a migration.
 */
import type { Generated, Kysely, Transaction } from 'kysely';

export interface SettingTable {
  key: string;
  /** JSON text. */
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** ISO instant (UTC). */
  at: string;
  osUser: string;
  displayName: string;
  operation: string;
  entity: string;
  entityId: string;
  /** JSON text, null when the entity did not exist before. */
  beforeJson: string | null;
  /** JSON text, null when the entity was deleted. */
  afterJson: string | null;
}

export interface Database {
  setting: SettingTable;
  auditLog: AuditLogTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
