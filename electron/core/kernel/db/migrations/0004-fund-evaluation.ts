/** 基金's 事後評価: the officer's own assessment of each project's year, printed beside its indicators and spending. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fund_evaluation')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('fund_project.id').onDelete('cascade'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('assessment', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('fund_evaluation_pk', ['project_id', 'fiscal_year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('fund_evaluation').execute();
}
