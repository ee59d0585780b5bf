/**
 * A 文書番号 is taken from the series of the 年度 the letter is dated in (prefectural 文書管理 numbers by the year
 * of issue), which for a late letter (an R5 額の確定通知書 dated in May 2024) is not the subsidy's year. So the
 * register keeps, beside the series' year (`fiscal_year`), the subsidy year the letter concerns. Every letter
 * numbered before was numbered in its subsidy year's series: it keeps that number and that series, and so
 * concerns the same year it was numbered in.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The default only fills the rows already there, at once overwritten with their own year; every insert names it.
  await db.schema
    .alterTable('document_register')
    .addColumn('subsidy_year', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE document_register SET subsidy_year = fiscal_year`.execute(db);
  await db.schema.createIndex('document_register_subsidy_year').on('document_register').columns(['subsidy_year', 'letter_kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('document_register_subsidy_year').execute();
  await db.schema.alterTable('document_register').dropColumn('subsidy_year').execute();
}
