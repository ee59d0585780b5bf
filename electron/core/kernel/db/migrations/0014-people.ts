/**
 * Shared mode's people and concurrent work: the accounts (one per login role
 * on the PostgreSQL server; the password is the server's, never stored here)
 * and a version on every record a screen edits, so a save over someone
 * else's newer change is refused instead of silently winning.
 */
import type { Kysely } from 'kysely';

/** The records a screen edits and saves whole; each save bumps its version (kernel/versions.ts). More follow as their screens pass it. */
export const VERSIONED_TABLES = ['fund_project'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account')
    // The PostgreSQL login role (session_user), which is how the policies find the person.
    .addColumn('login', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    // pref_staff, pref_viewer or assoc.
    .addColumn('role', 'text', (c) => c.notNull())
    // 医師会・事務局: the 医師会 of 台帳 whose centers they work on.
    .addColumn('association_id', 'integer')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  for (const table of VERSIONED_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
  await db.schema.dropTable('account').execute();
}
