/**
 * The 都道府県計画 in the national layout: the plan's narrative sections per
 * 年度 (each save a new version, earlier ones kept), the fields of the
 * national 個票 on each project and each indicator, and the 事後評価's fields
 * beside the officer's free assessment.
 */
import type { Kysely } from 'kysely';
import { generatedId } from './columns';

const PROJECT_TEXTS = ['goal', 'target_area', 'needs', 'outcome_output_link', 'remarks'] as const;
const EVALUATION_TEXTS = ['implementation', 'outcome_note', 'alternative_indicator', 'effectiveness', 'efficiency'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fund_plan_text')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    // 1, 2, … per 年度; the highest is the text in force.
    .addColumn('version', 'integer', (c) => c.notNull())
    // JSON text: the sections by key (shared/fund/plan-text.ts).
    .addColumn('sections_json', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fund_plan_text_version', ['fiscal_year', 'version'])
    .execute();

  for (const column of PROJECT_TEXTS) {
    await db.schema
      .alterTable('fund_project')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  // 事業の期間 as the national sheet prints it (令和5年4月1日～令和6年3月31日); blank = the plan's 年度.
  await db.schema.alterTable('fund_project').addColumn('period_start', 'text').execute();
  await db.schema.alterTable('fund_project').addColumn('period_end', 'text').execute();
  // アウトカム指標: 現状値 (令和4年10月) → 目標値 (令和5年10月), each as of a day.
  await db.schema.alterTable('fund_indicator').addColumn('baseline_on', 'text').execute();
  await db.schema.alterTable('fund_indicator').addColumn('target_on', 'text').execute();

  for (const column of EVALUATION_TEXTS) {
    await db.schema
      .alterTable('fund_evaluation')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  // 1 観察できた, 0 観察できなかった, null not yet said.
  await db.schema.alterTable('fund_evaluation').addColumn('outcome_observed', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('fund_evaluation').dropColumn('outcome_observed').execute();
  for (const column of EVALUATION_TEXTS) await db.schema.alterTable('fund_evaluation').dropColumn(column).execute();
  for (const column of ['baseline_on', 'target_on']) await db.schema.alterTable('fund_indicator').dropColumn(column).execute();
  for (const column of [...PROJECT_TEXTS, 'period_start', 'period_end'])
    await db.schema.alterTable('fund_project').dropColumn(column).execute();
  await db.schema.dropTable('fund_plan_text').execute();
}
