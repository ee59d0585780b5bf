/**
 * The change journal behind 元に戻す / やり直す: one row per top-level
 * mutation (who, when, which audit entries it wrote, what undid it) and, for
 * each, the rows it touched as the database saw them before (kernel/journal.ts
 * fills them through connection-local triggers).
 */
import type { Kysely } from 'kysely';
import { generatedId, rowId } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('journal_change')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('os_user', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    // The operation that ran: a domain's mutation, app.undo or app.redo.
    .addColumn('operation', 'text', (c) => c.notNull())
    // The operation the user recognises: for an undo or redo, the one it reverses or re-applies.
    .addColumn('subject', 'text', (c) => c.notNull())
    // 'do', 'undo' or 'redo'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('undo_of', 'integer')
    // For an undo or redo, the change the user first made; changes are compared in the order they were first made.
    .addColumn('origin', 'integer')
    .addColumn('undone_by', 'integer')
    // The audit entries of this change: ids after audit_from up to audit_to.
    .addColumn('audit_from', 'integer', (c) => c.notNull())
    .addColumn('audit_to', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('journal_change_user').on('journal_change').columns(['os_user', 'id']).execute();

  await db.schema
    .createTable('journal_row')
    .addColumn('id', 'integer', rowId(db))
    .addColumn('change_id', 'integer', (c) => c.notNull())
    .addColumn('tbl', 'text', (c) => c.notNull())
    .addColumn('row_id', 'integer', (c) => c.notNull())
    // 'insert', 'update' or 'delete'.
    .addColumn('kind', 'text', (c) => c.notNull())
    // The row before the change as a JSON object of its columns; null for an insert.
    .addColumn('old', 'text')
    .execute();
  await db.schema.createIndex('journal_row_change').on('journal_row').column('change_id').execute();
  await db.schema.createIndex('journal_row_target').on('journal_row').columns(['tbl', 'row_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('journal_row').execute();
  await db.schema.dropTable('journal_change').execute();
}
