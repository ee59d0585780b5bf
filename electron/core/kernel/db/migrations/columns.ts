/**
 * The column types that differ between the engines, for the migrations. The
 * SQLite side is exactly what every database file in the field was created
 * with; PostgreSQL gets the type that holds the same values:
 * - yen: `bigint` (a prefecture's 医療分 alone is 2,900,000,000 円, past a
 *   4-byte integer), read back as a JS number while exact (db/postgres.ts);
 * - generated ids: an identity column (SQLite's INTEGER PRIMARY KEY
 *   AUTOINCREMENT). BY DEFAULT rather than ALWAYS, so copying a database with
 *   its ids keeps them (then the sequence is moved past them).
 * Everything else is common: text for dates and JSON, integer 0/1 for flags,
 * so the queries are the same on both.
 */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { engineKindOf } from '../engine';

/** The type of a column holding integer yen. */
export function yen(db: Kysely<unknown>): 'integer' | 'bigint' {
  return engineKindOf(db) === 'postgres' ? 'bigint' : 'integer';
}

/** An `id` primary key the database numbers (AUTOINCREMENT on SQLite: a deleted id is never handed out again). */
export function generatedId(db: Kysely<unknown>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return engineKindOf(db) === 'postgres' ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey().autoIncrement();
}

/** An `id` primary key the database numbers, where reuse of a deleted id does not matter (SQLite's rowid). */
export function rowId(db: Kysely<unknown>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return engineKindOf(db) === 'postgres' ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey();
}
