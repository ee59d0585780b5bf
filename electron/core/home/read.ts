/**
 * The home page's figures: what needs the officer in the 年度 (each domain's
 * figures, read through its own functions) and the database summary.
 */
import { sql } from 'kysely';
import type { AssociationHome, HomeAgenda, HomeSummary, Session } from '@shared/contract';
import { FUND_SIDES } from '@shared/contract/fund';
import type { EarlierYear, OwedMoney, SubsidyWaiting } from '@shared/contract/home';
import type { SubsidyYearResult, SubsidyYearRow } from '@shared/contract/subsidy';
import { isoDateOfLocal } from '@shared/dates';
import { type FiscalYear, fiscalYearEnd, fiscalYearOf } from '@shared/fiscal-year';
import { SECTIONS, type SectionId } from '@shared/sections';
import { SUBSIDY_STATUSES, type SubsidyStatus } from '@shared/subsidy/lifecycle';
import { fundBalance, fundYear } from '../fund';
import { listBackups } from '../kernel/backup/files';
import type { CoreServices } from '../kernel/context';
import type { Db } from '../kernel/db/schema';
import { namesTheOfficer, readSettings } from '../kernel/settings';
import { associations, centerRows, overview } from '../masters';
import { rulesYears, yearResult } from '../subsidy';
import { centerRounds, roundSummaries, roundYears } from '../survey';

/**
 * The tables whose rows count as a section's records. Each domain adds its
 * own tables here when it lands.
 */
const SECTION_TABLES: Record<SectionId, readonly string[]> = {
  masters: ['municipality', 'area', 'medical_association', 'center', 'institution', 'designation'],
  fund: ['fund_project', 'fund_budget_version', 'fund_spending'],
  subsidy: ['subsidy_rules', 'subsidy_step'],
  survey: ['survey_round', 'survey_answer'],
  meeting: ['meeting', 'training'],
  // The 帳票 themselves are made from the other sections' records; what the officer registers here are 独自様式 and 会議資料.
  report: ['template', 'deck'],
  audit: ['audit_log'],
  settings: ['setting'],
};

async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * The home page's figures; also the engine's sample report (reports.ts). The
 * counts per section are the prefecture's (the association reads few of the tables).
 */
export async function homeSummary(db: Db, core: CoreServices): Promise<HomeSummary> {
  const sections = [];
  for (const { id } of core.session.role === 'assoc' ? [] : SECTIONS) {
    let records = 0;
    for (const table of SECTION_TABLES[id]) records += await countRows(db, table);
    sections.push({ section: id, records });
  }
  return {
    appVersion: core.appVersion,
    database: core.databaseInfo(),
    lastBackup: listBackups(core.dbPath)[0] ?? null,
    backupFailure: core.backupFailure(),
    sections,
  };
}

/**
 * The home page's 「いま必要なこと」 for a 年度: 執行率, the centers each
 * waiting for their next step, the survey rounds' responses, dates ahead.
 */
export async function homeAgenda(db: Db, now: Date, asked?: FiscalYear): Promise<HomeAgenda> {
  const today = isoDateOfLocal(now);
  const current = fiscalYearOf(today);
  const fy = asked ?? current;
  const masters = await overview(db);
  const settings = await readSettings(db);

  const fund: HomeAgenda['fund'] = [];
  const planned = new Set<number>();
  for (const side of FUND_SIDES) {
    for (const plan of (await fundBalance(db, side, today)).plans) planned.add(plan.fiscalYear);
    const year = await fundYear(db, side, fy);
    if (!year.version) continue;
    const { totalCost, spent, executionRate } = year.view.total;
    fund.push({ side, versionLabel: year.version.label, totalCost, spent, executionRate });
  }

  const subsidyYear = await yearResult(db, fy);
  const stepped = subsidyYear.rows.filter((r) => r.status !== 'none');
  const subsidy: HomeAgenda['subsidy'] =
    subsidyYear.rules || stepped.length > 0
      ? {
          centers: subsidyYear.rows.length,
          closed: subsidyYear.rows.filter((r) => r.status === 'closed').length,
          waiting: waitingOf(subsidyYear, ['closed']),
        }
      : null;
  const earlier: EarlierYear[] = [];
  for (const y of (await rulesYears(db)).filter((y) => y < fy)) {
    const year = await yearResult(db, y);
    const open = {
      fiscalYear: y,
      waiting: waitingOf(year, ['none', 'settled', 'closed']),
      refunds: owed(year, (r) => r.refundDue - r.refunded),
      additional: owed(year, (r) => r.additionalDue - r.additionalPaid),
    };
    if (open.waiting.length > 0 || open.refunds || open.additional) earlier.push(open);
  }

  const rounds = await roundSummaries(db, { fiscalYear: fy });
  // One line per survey: its newest round of the year (monthly activity has twelve).
  const seen = new Set<number>();
  const surveys = rounds
    .filter((r) => !seen.has(r.definitionId) && seen.add(r.definitionId))
    .map((r) => ({
      roundId: r.id,
      title: r.title,
      returned: r.tracker.returned,
      targets: r.tracker.targets,
      withErrors: r.tracker.withErrors,
      label: r.tracker.label,
    }));

  // Each survey's next 基準日 only (rounds come newest first, so the last one seen is the soonest).
  const next = new Map<number, (typeof rounds)[number]>();
  for (const r of rounds) if (r.referenceDate >= today) next.set(r.definitionId, r);
  const upcoming: HomeAgenda['upcoming'] = [...next.values()].map((r) => ({
    date: r.referenceDate,
    label: `調査基準日（${r.title}）`,
    link: `/survey/rounds/${r.id}`,
  }));
  if (fiscalYearEnd(fy) >= today) upcoming.push({ date: fiscalYearEnd(fy), label: '年度末', link: '/fund' });
  upcoming.sort((a, b) => a.date.localeCompare(b.date));

  const years = new Set<number>([current, ...planned, ...(await rulesYears(db)), ...(await roundYears(db))]);
  return {
    fiscalYear: fy,
    currentFiscalYear: current,
    today,
    years: [...years].sort((a, b) => b - a),
    setup: {
      prefecture: masters.prefecture?.name ?? null,
      regionalBureau: settings.regionalBureau,
      municipalities: masters.counts.municipalities,
      empty: masters.counts.municipalities === 0 && years.size === 1 && fund.length === 0 && subsidy === null && surveys.length === 0,
      demo: !masters.prefecture && !namesTheOfficer(settings),
    },
    fund,
    subsidy,
    earlier,
    surveys,
    upcoming,
  };
}

/** A year's centers by the step they wait for, in the life-cycle's order, leaving out the states `skipped`. */
function waitingOf(year: SubsidyYearResult, skipped: readonly SubsidyStatus[]): SubsidyWaiting[] {
  return SUBSIDY_STATUSES.flatMap((status) => {
    if (status === 'closed' || skipped.includes(status)) return [];
    const centers = year.rows.filter((r) => r.status === status).map((r) => ({ id: r.center.id, name: r.center.name }));
    return centers.length > 0 ? [{ status, centers }] : [];
  });
}

/** The centers still owing or owed `left` yen (返還 not paid back, 追加交付 not paid), and the sum; null when none. */
function owed(year: SubsidyYearResult, left: (row: SubsidyYearRow) => number): OwedMoney | null {
  const rows = year.rows.filter((r) => left(r) > 0);
  if (rows.length === 0) return null;
  return { centers: rows.map((r) => ({ id: r.center.id, name: r.center.name })), amount: rows.reduce((sum, r) => sum + left(r), 0) };
}

/** Steps after which the 実績報告 is in. */
const REPORTED: readonly SubsidyStatus[] = ['reported', 'settled', 'closed'];

/**
 * 医師会・事務局's home for a 年度: its 医師会's centers with what each has
 * entered (交付申請, 実績報告) and received (交付決定), and the rounds asking
 * them with who has not answered. The association is the signed-in person's;
 * a prefecture person may ask for one (to see what its secretariat sees).
 */
export async function associationHome(
  db: Db,
  now: Date,
  session: Session,
  input: { fiscalYear?: FiscalYear; associationId?: number },
): Promise<AssociationHome> {
  const today = isoDateOfLocal(now);
  const current = fiscalYearOf(today);
  const fy = input.fiscalYear ?? current;
  const associationId = session.role === 'assoc' ? session.associationId : (input.associationId ?? null);
  const association = (await associations(db)).find((a) => a.id === associationId) ?? null;
  const mine = association ? (await centerRows(db, fy)).filter((c) => c.operatorAssociationId === association.id) : [];
  const year = await yearResult(db, fy, false);
  const rowOf = new Map(year.rows.map((r) => [r.center.id, r]));
  const centers = mine.map((c) => {
    const row = rowOf.get(c.id);
    return {
      id: c.id,
      name: c.name,
      areaName: row?.center.areaName ?? null,
      status: row?.status ?? 'none',
      applied: row?.applied ?? null,
      decided: row?.decided ?? null,
      decidedOn: row?.decidedOn ?? null,
      reported: row ? REPORTED.includes(row.status) : false,
    };
  });
  const nameOf = new Map(mine.map((c) => [c.id, c.name]));
  const surveys = (
    await centerRounds(
      db,
      fy,
      mine.map((c) => c.id),
    )
  ).map((r) => ({ ...r, missing: r.missing.map((id) => ({ id, name: nameOf.get(id) ?? String(id) })) }));
  const years = new Set<number>([current, ...(await rulesYears(db))]);
  return {
    fiscalYear: fy,
    currentFiscalYear: current,
    today,
    years: [...years].sort((a, b) => b - a),
    association: association ? { id: association.id, name: association.name } : null,
    rules: year.rules !== null,
    centers,
    surveys,
  };
}
