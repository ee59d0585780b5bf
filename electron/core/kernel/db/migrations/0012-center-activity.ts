/**
 * センター活動実績 on the survey engine: the three shipped definitions (the
 * monthly 活動実績 with its 検算 of 相談件数, the yearly 活動計画書 and 活動報告書),
 * written as version 1 the way 0006 writes the first two. No new table: the
 * activity lives in survey rounds and answers.
 */
import { type Kysely, sql } from 'kysely';
import { ACTIVITY_DEFINITIONS } from '@shared/survey/activity';
import { surveyDefinitionSchema } from '@shared/survey/definition';

export async function up(db: Kysely<unknown>): Promise<void> {
  const now = new Date().toISOString();
  for (const { key, definition } of ACTIVITY_DEFINITIONS) {
    const def = surveyDefinitionSchema.parse(definition);
    const { rows } = await sql<{
      id: number;
    }>`INSERT INTO survey_definition (key, created_at) VALUES (${key}, ${now}) RETURNING id`.execute(db);
    await sql`INSERT INTO survey_definition_version (definition_id, version, name, target_kind, body, created_at)
      VALUES (${rows[0]!.id}, 1, ${def.name}, ${def.targetKind}, ${JSON.stringify(def)}, ${now})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { key } of ACTIVITY_DEFINITIONS) {
    await sql`DELETE FROM survey_definition_version WHERE definition_id IN (SELECT id FROM survey_definition WHERE key = ${key})`.execute(
      db,
    );
    await sql`DELETE FROM survey_definition WHERE key = ${key}`.execute(db);
  }
}
