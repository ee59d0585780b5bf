/**
 * A version on every record a screen edits and saves (fund projects had one
 * first, 0014). A center's subsidy steps are only appended or taken back, so
 * what two people race on is the center's list of steps: the center carries a
 * second version for it (a row that always exists, so an undo never removes
 * it and a version never starts again from 0).
 */
import type { Kysely } from 'kysely';

/** The records a screen edits and saves; each save bumps its version (kernel/versions.ts). */
export const VERSIONED_TABLES = [
  'municipality',
  'area',
  'medical_association',
  'center',
  'institution',
  'designation',
  'fund_budget_version',
  'fund_budget_amount',
  'fund_spending',
  'fund_year',
  'subsidy_rules',
  'survey_answer',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema
    .alterTable('center')
    .addColumn('steps_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('center').dropColumn('steps_version').execute();
  for (const table of VERSIONED_TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
}
