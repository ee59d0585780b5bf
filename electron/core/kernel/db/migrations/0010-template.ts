/**
 * 独自様式: the prefecture's own workbooks with placeholders, each name with
 * its versions. A version is never changed once written (a new registration
 * of the same name is a new version), so a filled document can always say
 * which workbook it came from. The workbook's bytes are kept as base64 text:
 * the same column on both engines, and the change journal (which records a
 * row as JSON to undo it) can hold text but not a blob.
 */
import type { Kysely } from 'kysely';
import { generatedId } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('template')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    // 1 while the 様式 is not offered for filling (kept with its versions, as the audit log names them).
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('template_version')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('template_id', 'integer', (c) => c.notNull().references('template.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // The .xlsx as registered, base64.
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    // The placeholders found when registered (JSON array of TemplatePlaceholderUse).
    .addColumn('placeholders', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('template_version_no', ['template_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('template_version').execute();
  await db.schema.dropTable('template').execute();
}
