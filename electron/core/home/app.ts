/** The home page summary and opening another database file. */
import { sql } from 'kysely';
import type { HomeSummary } from '../../../shared/contract';
import { SECTIONS, type SectionId } from '../../../shared/sections';
import type { Core } from '../core';
import type { Db } from '../db/schema';
import { handlers } from '../handlers';
import { listBackups } from '../backup/files';
import { loadDemo } from '../demo/load';

/**
 * The tables whose rows count as a section's records. Each domain adds its
 * own tables here when it lands.
 */
const SECTION_TABLES: Record<SectionId, readonly string[]> = {
  masters: ['municipality', 'area', 'medical_association', 'center', 'institution', 'designation'],
  fund: ['fund_project', 'fund_budget_version', 'fund_spending'],
  subsidy: ['subsidy_rules', 'subsidy_step'],
  survey: ['survey_round', 'survey_answer'],
  report: [],
  audit: ['audit_log'],
  settings: ['setting'],
};

async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The home page's figures; also the engine's sample report (report.ts). */
export async function homeSummary(db: Db, core: Core): Promise<HomeSummary> {
  const sections = [];
  for (const { id } of SECTIONS) {
    let records = 0;
    for (const table of SECTION_TABLES[id]) records += await countRows(db, table);
    sections.push({ section: id, records });
  }
  return {
    appVersion: core.appVersion,
    database: core.databaseInfo(),
    lastBackup: listBackups(core.dbPath)[0] ?? null,
    sections,
  };
}

export const homeHandlers = handlers({
  'app.summary': async (_input, { db, core }) => homeSummary(db, core),
  'app.demo.load': async (_input, { ops }) => loadDemo(ops),
  'database.open': async (input, { core }) => {
    await core.switchTo(input.path);
    return core.databaseInfo();
  },
});
