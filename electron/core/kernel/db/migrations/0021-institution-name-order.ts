/**
 * The institutions in name order (the list's default), as an index: the
 * search index reads them in that order instead of sorting 100,000 names, and
 * the list's first page before that index is built is one indexed read. The
 * order is the names' code points on both engines: SQLite's BINARY, and on
 * PostgreSQL the "C" collation, not the database's (a locale's order would
 * differ between the two).
 */
import { type Kysely, sql } from 'kysely';
import { engineKindOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const name = engineKindOf(db) === 'postgres' ? sql`name COLLATE "C"` : sql`name`;
  await sql`CREATE INDEX institution_name_order ON institution (${name}, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('institution_name_order').execute();
}
