/**
 * The 消費税及び地方消費税に係る仕入控除税額報告書: whether a year's 要綱 asks
 * for it (the article that does, '' = it does not), and per center and year
 * the 仕入控除税額 and the 返還相当額 the center reports after its tax return.
 */
import type { Kysely } from 'kysely';
import { generatedId, yen } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('subsidy_rules')
    .addColumn('tax_credit_article', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('subsidy_tax_credit')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('credit_amount', yen(db), (c) => c.notNull())
    .addColumn('refund_amount', yen(db), (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('subsidy_tax_credit_center_year', ['center_id', 'fiscal_year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subsidy_tax_credit').execute();
  await db.schema.alterTable('subsidy_rules').dropColumn('tax_credit_article').execute();
}
