/**
 * A deck belongs to the meeting it is for: `deck.meeting_id` becomes a
 * foreign key to the meeting (nullable: decks made before, or for no meeting,
 * keep none). A deleted meeting leaves its decks unlinked rather than gone.
 * SQLite cannot add a constraint to a column, so the column is added anew
 * with it, filled from the old one (ids of meetings that no longer exist
 * are dropped) and takes the old one's name.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('deck')
    .addColumn('meeting_ref', 'integer', (c) => c.references('meeting.id').onDelete('set null'))
    .execute();
  await sql`update deck set meeting_ref = meeting_id where meeting_id in (select id from meeting)`.execute(db);
  await db.schema.alterTable('deck').dropColumn('meeting_id').execute();
  await db.schema.alterTable('deck').renameColumn('meeting_ref', 'meeting_id').execute();
  await db.schema.createIndex('deck_meeting').on('deck').column('meeting_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('deck_meeting').execute();
  await db.schema.alterTable('deck').addColumn('meeting_plain', 'integer').execute();
  await sql`update deck set meeting_plain = meeting_id`.execute(db);
  await db.schema.alterTable('deck').dropColumn('meeting_id').execute();
  await db.schema.alterTable('deck').renameColumn('meeting_plain', 'meeting_id').execute();
}
