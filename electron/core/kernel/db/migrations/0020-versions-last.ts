/**
 * A version on the last records a screen edits and saves without one: the
 * 都道府県 (its one row) and the 連携推進事業 items. A municipality's items of
 * a year are saved together, so they share one version: each save writes the
 * new one on every item (kernel/versions.ts, masters/write.ts saveLinkage).
 */
import type { Kysely } from 'kysely';

/** The records a screen edits and saves; each save bumps its version (kernel/versions.ts). */
export const VERSIONED_TABLES = ['prefecture', 'linkage_item'] as const;

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
