/**
 * The name of the prefecture's 補助金等交付規則 the letters cite, kept with the
 * 要綱: '' = 「{都道府県}補助金等交付規則」 from the 台帳's prefecture, as most
 * prefectures name theirs; one whose rules go by another name (大阪府補助金交付規則)
 * sets it. Before, every letter cited 新潟県's.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('subsidy_rules')
    .addColumn('regulation_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subsidy_rules').dropColumn('regulation_name').execute();
}
