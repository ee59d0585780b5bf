/**
 * 補助金: each fiscal year's 交付要綱 (its programs and 別表 as one JSON
 * document, checked by the shared schema whenever it is read or written) and
 * each center's dated steps from 交付申請 to 返還, each step with the 要綱 it
 * was computed under. The status is derived from the steps, never stored.
 * Money is integer yen.
 */
import { type Kysely, sql } from 'kysely';
import { generatedId, yen } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subsidy_rules')
    .addColumn('fiscal_year', 'integer', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    // The 基金 project whose spending the decisions become.
    .addColumn('fund_project_id', 'integer', (c) => c.references('fund_project.id'))
    // { roundingUnit, programs }: see shared/subsidy/rules.ts.
    .addColumn('rules_json', 'text', (c) => c.notNull())
    // Counts the saves that changed rules_json; a step's snapshot names the revision it was computed under.
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subsidy_step')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    // application, decision, change_application, change_decision, payment, actual_report, settlement, refund, additional.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dated_on', 'text', (c) => c.notNull())
    // 指令番号.
    .addColumn('order_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount', yen(db), (c) => c.notNull().check(sql`amount >= 0`))
    // The amounts per program the step rests on (shared/subsidy/rules.ts subsidyInputsSchema), or null.
    .addColumn('inputs_json', 'text')
    // Why a decided or final amount differs from the computed one.
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    // 1 only when a decision took the year's decided total beyond the 基金 project's budget, on purpose, with its own reason.
    .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('override_reason', 'text', (c) => c.notNull().defaultTo(''))
    // The 要綱 the step's amounts were computed under ({ revision, savedAt, roundingUnit, programs }), so a later edit of
    // the 要綱 changes no sheet already entered; present exactly when inputs_json is.
    .addColumn('rules_json', 'text')
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('subsidy_step_rules_with_inputs', sql`(inputs_json IS NULL) = (rules_json IS NULL)`)
    .addCheckConstraint('subsidy_step_override_reason', sql`override = 1 OR override_reason = ''`)
    .execute();
  await db.schema.createIndex('subsidy_step_center_year').on('subsidy_step').columns(['center_id', 'fiscal_year', 'id']).execute();
  await db.schema.createIndex('subsidy_step_year').on('subsidy_step').columns(['fiscal_year']).execute();
  // Each center has one row of 基金 spending per year (source_ref 'subsidy:<center>:<year>'), kept by the subsidy's writes.
  await db.schema
    .createIndex('fund_spending_subsidy_ref')
    .unique()
    .on('fund_spending')
    .columns(['source', 'source_ref'])
    .where(sql.ref('source'), '=', 'subsidy')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('fund_spending_subsidy_ref').execute();
  await db.schema.dropTable('subsidy_step').execute();
  await db.schema.dropTable('subsidy_rules').execute();
}
