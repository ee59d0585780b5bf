/**
 * 基金: the 区分 list, projects with their indicators, dated budget versions
 * holding every project's amounts (full snapshots, so any earlier state can
 * be shown and compared), spending entries, and each year's contributions to
 * the fund. Money is integer yen.
 */
import { type Kysely, sql } from 'kysely';
import { DEFAULT_FUND_CATEGORIES } from '@shared/fund/categories';
import { generatedId, yen } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fund_category')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The national 区分 as of this version; the list is the user's to edit afterwards.
  for (const c of DEFAULT_FUND_CATEGORIES) {
    await sql`INSERT INTO fund_category (code, label, sort_order) VALUES (${c.code}, ${c.label}, ${c.sortOrder})`.execute(db);
  }

  await db.schema
    .createTable('fund_project')
    .addColumn('id', 'integer', generatedId(db))
    // 医療分 or 介護分.
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull().references('fund_category.code'))
    // 県, a 医師会, a municipality or a private body; linked to the 台帳 where it is one.
    .addColumn('operator_kind', 'text', (c) => c.notNull())
    .addColumn('operator_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('association_id', 'integer', (c) => c.references('medical_association.id'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipality.code'))
    .addColumn('start_fy', 'integer', (c) => c.notNull())
    .addColumn('end_fy', 'integer')
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('fund_project_number', ['side', 'number'])
    .execute();

  await db.schema
    .createTable('fund_indicator')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('fund_project.id').onDelete('cascade'))
    // アウトプット指標 or アウトカム指標.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    // Hundredths, so 12.5 is 1250 and no float is stored.
    .addColumn('baseline_hundredths', 'integer')
    .addColumn('target_hundredths', 'integer')
    .addColumn('actual_hundredths', 'integer')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('fund_budget_version')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    // 当初, 内示, 補正 or 流用.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('dated_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    // Order within the year: each version replaces the one before it.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addUniqueConstraint('fund_budget_version_seq', ['side', 'fiscal_year', 'seq'])
    .execute();

  await db.schema
    .createTable('fund_budget_amount')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('fund_budget_version.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('fund_project.id'))
    .addColumn('fund_amount', yen(db), (c) => c.notNull().check(sql`fund_amount >= 0`))
    .addColumn('national', yen(db), (c) => c.notNull().check(sql`national >= 0`))
    .addColumn('prefectural', yen(db), (c) => c.notNull().check(sql`prefectural >= 0`))
    .addColumn('other_amount', yen(db), (c) => c.notNull().check(sql`other_amount >= 0`))
    .addColumn('public_amount', yen(db), (c) => c.notNull().check(sql`public_amount >= 0`))
    .addColumn('private_amount', yen(db), (c) => c.notNull().check(sql`private_amount >= 0`))
    .addColumn('entrusted_amount', yen(db), (c) => c.notNull().check(sql`entrusted_amount >= 0`))
    // 1 when the user set the 国/県 split by hand instead of the 2/3 rule.
    .addColumn('split_override', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('fund_budget_amount_pk', ['version_id', 'project_id'])
    .execute();

  await db.schema
    .createTable('fund_spending')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('fund_project.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('spent_on', 'text', (c) => c.notNull())
    .addColumn('amount', yen(db), (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('payee', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('voucher_no', 'text', (c) => c.notNull().defaultTo(''))
    // 'manual', or where a subsidy decision or settlement put it.
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('source_ref', 'text')
    .execute();
  await db.schema.createIndex('fund_spending_project_year').on('fund_spending').columns(['project_id', 'fiscal_year']).execute();

  await db.schema
    .createTable('fund_year')
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    // Set only for the first year kept; later years open with the year before's closing balance.
    .addColumn('opening_balance', yen(db))
    .addColumn('national_contribution', yen(db), (c) => c.notNull().defaultTo(0))
    .addColumn('prefectural_contribution', yen(db), (c) => c.notNull().defaultTo(0))
    .addColumn('investment_income', yen(db), (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('fund_year_pk', ['side', 'fiscal_year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'fund_year',
    'fund_spending',
    'fund_budget_amount',
    'fund_budget_version',
    'fund_indicator',
    'fund_project',
    'fund_category',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
