/**
 * 会議・研修: the bodies that meet (an editable list, started with the usual
 * five), their meetings with the 圏域 and municipalities each concerns, its
 * members' attendance, agenda with minutes, decisions and action items, and
 * the trainings held with participants per profession. An action item is
 * one row for its whole life: raised at a meeting, shown at the body's later
 * meetings while open, and closed at one of them (closed_meeting_id).
 */
import { type Kysely, sql } from 'kysely';
import { generatedId } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_body')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The usual five (shared/meeting/records.ts DEFAULT_BODIES as of this migration), so the list is there from the start.
  const bodies = ['協議の場', '運営会議', '部会', 'WG', '拠点と市町村の定例会議'];
  await db
    .insertInto('meeting_body' as never)
    .values(bodies.map((name, i) => ({ name, sort_order: (i + 1) * 10 })) as never)
    .execute();

  await db.schema
    .createTable('meeting')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('body_id', 'integer', (c) => c.notNull().references('meeting_body.id'))
    // The 年度 of held_on, kept for the 回 numbering (unique per body and 年度) and the year's list.
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('held_on', 'text', (c) => c.notNull())
    // 'HH:MM' or ''.
    .addColumn('start_time', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('end_time', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('meeting_body_year_number', ['body_id', 'fiscal_year', 'number'])
    .execute();
  await db.schema.createIndex('meeting_held_on').on('meeting').columns(['body_id', 'held_on']).execute();

  // The 圏域 or municipalities a meeting concerns: exactly one of the two per row.
  await db.schema
    .createTable('meeting_scope')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('area_id', 'integer', (c) => c.references('area.id'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipality.code'))
    .addCheckConstraint('meeting_scope_one', sql`(area_id IS NULL) <> (municipality_code IS NULL)`)
    .execute();
  await db.schema.createIndex('meeting_scope_meeting').on('meeting_scope').column('meeting_id').execute();

  await db.schema
    .createTable('meeting_attendee')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization', 'text', (c) => c.notNull().defaultTo(''))
    // shared/meeting/records.ts MEMBER_CATEGORIES.
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    // present, absent, proxy.
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addColumn('proxy_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('meeting_attendee_meeting').on('meeting_attendee').columns(['meeting_id', 'seq']).execute();

  await db.schema
    .createTable('meeting_agenda_item')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('meeting_agenda_item_meeting').on('meeting_agenda_item').columns(['meeting_id', 'seq']).execute();

  await db.schema
    .createTable('meeting_decision')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_decision_meeting').on('meeting_decision').columns(['meeting_id', 'seq']).execute();

  await db.schema
    .createTable('meeting_action_item')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_on', 'text')
    // open, in_progress, done.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    // The later meeting of the same body at which it was set to done; null while open or when closed at its own meeting.
    .addColumn('closed_meeting_id', 'integer', (c) => c.references('meeting.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('meeting_action_item_meeting').on('meeting_action_item').columns(['meeting_id', 'seq']).execute();
  await db.schema.createIndex('meeting_action_item_status').on('meeting_action_item').columns(['status']).execute();

  await db.schema
    .createTable('training')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('organizer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('roster', 'text', (c) => c.notNull().defaultTo(''))
    // { responses, satisfied, fairlySatisfied, fairlyDissatisfied, dissatisfied } (shared/contract/meeting.ts), or null.
    .addColumn('evaluation_json', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('training_year').on('training').columns(['fiscal_year', 'held_on']).execute();

  await db.schema
    .createTable('training_participant')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('training_id', 'integer', (c) => c.notNull().references('training.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('profession', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
    .execute();
  await db.schema.createIndex('training_participant_training').on('training_participant').columns(['training_id', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'training_participant',
    'training',
    'meeting_action_item',
    'meeting_decision',
    'meeting_agenda_item',
    'meeting_attendee',
    'meeting_scope',
    'meeting',
    'meeting_body',
  ])
    await db.schema.dropTable(table).execute();
}
