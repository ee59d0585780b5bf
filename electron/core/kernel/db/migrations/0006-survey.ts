/**
 * 調査: definitions and their versions (each version's questions kept whole as
 * JSON, so an old round reads exactly what it asked), rounds with their
 * targets, each target's current answer and the answers it replaced. The two
 * shipped definitions (seeds 000 and 002) are written as version 1.
 */
import { type Kysely, sql } from 'kysely';
import { surveyDefinitionSchema } from '@shared/survey/definition';
import { SHIPPED_DEFINITIONS } from '@shared/survey/seeds';
import { generatedId } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('survey_definition')
    .addColumn('id', 'integer', generatedId(db))
    // The shipped definitions' fixed key; null for the user's own.
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_definition_version')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('definition_id', 'integer', (c) => c.notNull().references('survey_definition.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    // The whole definition (shared/survey/definition.ts) as JSON; decimals' bounds in hundredths.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_definition_version_no', ['definition_id', 'version'])
    .execute();

  await db.schema
    .createTable('survey_round')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('definition_id', 'integer', (c) => c.notNull().references('survey_definition.id'))
    .addColumn('version_id', 'integer', (c) => c.notNull().references('survey_definition_version.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('reference_date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_round_target')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('survey_round.id').onDelete('cascade'))
    // A center's or institution's id as text, or a municipality's code.
    .addColumn('target_id', 'text', (c) => c.notNull())
    // Random and never sent out: keys the digest in a sent workbook's hidden identifier, so a changed or foreign identifier is refused.
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('survey_round_target_pk', ['round_id', 'target_id'])
    .execute();

  await db.schema
    .createTable('survey_answer')
    .addColumn('round_id', 'integer', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    // Stored values as shared/survey/answers.ts describes: decimals as integer hundredths.
    .addColumn('answers', 'text', (c) => c.notNull())
    // The problems found when saved (JSON arrays of AnswerProblem).
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    // 'form' (typed in the app) or 'file' (a returned workbook).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_answer_pk', ['round_id', 'target_id'])
    .addForeignKeyConstraint('survey_answer_target', ['round_id', 'target_id'], 'survey_round_target', ['round_id', 'target_id'])
    .execute();

  await db.schema
    .createTable('survey_answer_history')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('survey_round.id'))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_answer_history_target').on('survey_answer_history').columns(['round_id', 'target_id']).execute();

  const now = new Date().toISOString();
  for (const { key, definition } of SHIPPED_DEFINITIONS) {
    const def = surveyDefinitionSchema.parse(definition);
    const { rows } = await sql<{
      id: number;
    }>`INSERT INTO survey_definition (key, created_at) VALUES (${key}, ${now}) RETURNING id`.execute(db);
    await sql`INSERT INTO survey_definition_version (definition_id, version, name, target_kind, body, created_at)
      VALUES (${rows[0]!.id}, 1, ${def.name}, ${def.targetKind}, ${JSON.stringify(def)}, ${now})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'survey_answer_history',
    'survey_answer',
    'survey_round_target',
    'survey_round',
    'survey_definition_version',
    'survey_definition',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
