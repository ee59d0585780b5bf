/**
 * A survey's name (its newest 版's) kept on the survey itself too, under a unique index: the core's
 * check that no other survey has the name cannot see a colleague's save not yet committed, so two
 * 調査票 of one name made at the same moment on a shared database both passed it. A database that
 * already holds such a pair keeps the first survey's name as it is; each later one is renamed
 * 「名前（2）」, 「名前（3）」… (its newest 版 with it), so the list and the audit log tell them apart; a
 * name near the 100-character limit loses its last characters to the number rather than go past it.
 */
import { type Kysely, sql } from 'kysely';

/** The longest name a 調査票 may have (surveyDefinitionSchema): a renamed one stays within it, or every later save of it is refused. */
const NAME_MAX = 100;

/** 「名前（n）」, the name shortened (by whole characters) so that the whole stays within NAME_MAX. */
function numbered(name: string, n: number): string {
  const suffix = `（${n}）`;
  const chars = Array.from(name);
  while (chars.join('').length + suffix.length > NAME_MAX) chars.pop();
  return `${chars.join('').trimEnd()}${suffix}`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('survey_definition')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const { rows } = await sql<{ id: number; versionId: number; name: string; body: string }>`
    SELECT d.id, v.id AS "versionId", v.name, v.body FROM survey_definition d
    JOIN survey_definition_version v ON v.definition_id = d.id
    WHERE v.version = (SELECT max(w.version) FROM survey_definition_version w WHERE w.definition_id = d.id)
    ORDER BY d.id`.execute(db);
  const taken = new Set(rows.map((r) => r.name));
  const seen = new Set<string>();
  for (const r of rows) {
    let name = r.name;
    if (seen.has(name)) {
      let n = 2;
      while (taken.has(numbered(r.name, n))) n++;
      name = numbered(r.name, n);
      taken.add(name);
      const body = { ...(JSON.parse(r.body) as Record<string, unknown>), name };
      await sql`UPDATE survey_definition_version SET name = ${name}, body = ${JSON.stringify(body)} WHERE id = ${r.versionId}`.execute(db);
    }
    seen.add(name);
    await sql`UPDATE survey_definition SET name = ${name} WHERE id = ${r.id}`.execute(db);
  }
  await db.schema.createIndex('survey_definition_name').on('survey_definition').column('name').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('survey_definition_name').execute();
  await db.schema.alterTable('survey_definition').dropColumn('name').execute();
}
