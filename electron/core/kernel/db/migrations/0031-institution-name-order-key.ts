/**
 * The institutions' name order by numbers' value (institutionNameOrder: 「…（30）」 before 「…（302）」, full-width
 * digits as half-width), kept in a column of its own and indexed in place of 0021's index on the name, so the list's
 * first page stays one indexed read. Only names holding a digit differ from their key, so only those are read and
 * written. Compared by code point on both engines, as 0021's index was.
 */
import { type Kysely, sql } from 'kysely';
import { institutionNameOrder } from '@shared/masters/model';
import { engineKindOf } from '../engine';

const DIGITS = [...'0123456789０１２３４５６７８９'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('institution')
    .addColumn('name_order', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`UPDATE institution SET name_order = name`.execute(db);
  const { rows } = await sql<{ id: number; name: string }>`SELECT id, name FROM institution WHERE ${sql.join(
    DIGITS.map((d) => sql`name LIKE ${`%${d}%`}`),
    sql` OR `,
  )}`.execute(db);
  for (const r of rows) {
    const key = institutionNameOrder(r.name);
    if (key !== r.name) await sql`UPDATE institution SET name_order = ${key} WHERE id = ${r.id}`.execute(db);
  }
  await db.schema.dropIndex('institution_name_order').execute();
  const order = engineKindOf(db) === 'postgres' ? sql`name_order COLLATE "C"` : sql`name_order`;
  await sql`CREATE INDEX institution_name_order ON institution (${order}, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('institution_name_order').execute();
  const name = engineKindOf(db) === 'postgres' ? sql`name COLLATE "C"` : sql`name`;
  await sql`CREATE INDEX institution_name_order ON institution (${name}, id)`.execute(db);
  await db.schema.alterTable('institution').dropColumn('name_order').execute();
}
