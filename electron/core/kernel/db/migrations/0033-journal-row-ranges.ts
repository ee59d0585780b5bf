/**
 * A bulk insert's rows are journaled as runs of consecutive rowids, one journal row a run (`row_id` to
 * `row_id_to`), not one a row: the national list's import wrote 96,488 journal rows (6 MiB, a tenth of its
 * commit's time) to say "these rows were added". A journal row with no `row_id_to` is one row, as before, so the
 * rows already journaled keep their meaning. The partial index finds a change's runs without reading its single
 * rows (the checks of an undo look for a run that holds a rowid).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('journal_row').addColumn('row_id_to', 'integer').execute();
  await sql`CREATE INDEX journal_row_run ON journal_row (change_id, tbl, row_id) WHERE row_id_to IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX journal_row_run`.execute(db);
  await db.schema.alterTable('journal_row').dropColumn('row_id_to').execute();
}
