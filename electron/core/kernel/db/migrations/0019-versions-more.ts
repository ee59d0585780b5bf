/**
 * A version on the rest of the records a screen edits and saves (0018 gave
 * the masters, 基金 and 補助金 theirs): meetings with what is saved with them,
 * the bodies that meet, trainings, decks, the 事後評価 and the year's 文書番号
 * series. The 県計画（本文） needs none: each save is a new numbered version
 * already, and a save names the one it was based on.
 */
import type { Kysely } from 'kysely';

/** The records a screen edits and saves; each save bumps its version (kernel/versions.ts). */
export const VERSIONED_TABLES = ['meeting_body', 'meeting', 'training', 'deck', 'fund_evaluation', 'document_series_register'] as const;

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
