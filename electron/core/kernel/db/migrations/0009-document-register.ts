/**
 * The 文書番号 register the prefecture keeps: per fiscal year a prefix
 * (新医薬第) and the next number, and one row per number issued — to which
 * letter, which center, on which day. A number once issued stays issued: the
 * tables end in `_register`, which the change journal leaves alone, so an undo
 * never hands a number out again. Also the standard 交付の条件 of each year's
 * 要綱, printed on its 交付決定通知書.
 */
import { type Kysely, sql } from 'kysely';
import { generatedId } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_series_register')
    .addColumn('fiscal_year', 'integer', (c) => c.primaryKey())
    // 「新医薬第」: the number and 「号」 follow it.
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('next_number', 'integer', (c) => c.notNull().check(sql`next_number >= 1`))
    .execute();

  await db.schema
    .createTable('document_register')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    // The whole 文書番号 as printed: 新医薬第123号.
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    // decision, change_decision, settlement, refund_order, additional_notice (shared/subsidy/letters.ts).
    .addColumn('letter_kind', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('addressee', 'text', (c) => c.notNull())
    // Plain ids, no foreign keys: the register outlives an undone step or a center removed from the 台帳.
    .addColumn('center_id', 'integer', (c) => c.notNull())
    .addColumn('step_id', 'integer', (c) => c.notNull())
    // 返還期限 of a 返還命令書; null for other letters.
    .addColumn('due_on', 'text')
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_register_number', ['fiscal_year', 'number'])
    .execute();
  await db.schema.createIndex('document_register_letter').on('document_register').columns(['letter_kind', 'step_id']).execute();

  // Blank = the standard conditions the program ships (shared/subsidy/letters.ts).
  await db.schema
    .alterTable('subsidy_rules')
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subsidy_rules').dropColumn('conditions').execute();
  await db.schema.dropTable('document_register').execute();
  await db.schema.dropTable('document_series_register').execute();
}
