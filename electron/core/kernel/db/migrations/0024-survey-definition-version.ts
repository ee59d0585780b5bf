/**
 * A version on a survey's definition (the 調査票 its editor saves whole): an
 * edit in place while no round uses the newest 版 leaves the 版's number as it
 * was, so two people editing one 調査票 could not tell each other's save from
 * their own. Each save now bumps the survey's version (kernel/versions.ts,
 * survey/write.ts saveDefinition).
 */
import type { Kysely } from 'kysely';

/** The records a screen edits and saves; each save bumps its version (kernel/versions.ts). */
export const VERSIONED_TABLES = ['survey_definition'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
}
