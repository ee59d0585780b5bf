/**
 * The monthly センター活動実績 no longer starts a form from the month before (its definition says
 * carryOver: false): its stored versions, written before definitions said so, are told the same, so a
 * database made earlier sends blank monthly forms too. Other definitions keep carrying their answers over.
 */
import { type Kysely, sql } from 'kysely';
import { ACTIVITY_MONTHLY_KEY } from '@shared/survey/activity';

async function setCarryOver(db: Kysely<unknown>, carryOver: boolean): Promise<void> {
  const { rows } = await sql<{ id: number; body: string }>`
    SELECT v.id, v.body FROM survey_definition_version v JOIN survey_definition d ON d.id = v.definition_id
    WHERE d.key = ${ACTIVITY_MONTHLY_KEY}`.execute(db);
  for (const r of rows) {
    const body = { ...(JSON.parse(r.body) as Record<string, unknown>), carryOver };
    await sql`UPDATE survey_definition_version SET body = ${JSON.stringify(body)} WHERE id = ${r.id}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await setCarryOver(db, false);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setCarryOver(db, true);
}
