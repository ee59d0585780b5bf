/**
 * Decks for review meetings (a title, the meeting it belongs to, ordered
 * slides) and the mark a read-only meeting copy carries inside it. The
 * meeting is an id without a foreign key: the meetings table lands separately
 * and is linked when both are in.
 */
import type { Kysely } from 'kysely';
import { generatedId } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deck')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('deck_slide')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('deck_id', 'integer', (c) => c.notNull().references('deck.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // 'text' (title + lines) or 'block' (a report block from live figures).
    .addColumn('kind', 'text', (c) => c.notNull())
    // The slide's content as JSON: { title, lines } or { block, fiscalYear }.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('deck_slide_order').on('deck_slide').columns(['deck_id', 'position']).execute();

  // One row in a meeting copy (deck/io.ts writes it), none in a working database: its presence makes the kernel refuse changes.
  await db.schema
    .createTable('read_only_copy')
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // JSON array of what was left out: 'institution_answers'.
    .addColumn('left_out', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('read_only_copy').execute();
  await db.schema.dropTable('deck_slide').execute();
  await db.schema.dropTable('deck').execute();
}
