/**
 * Reading the fund: projects with indicators, versions as the shared
 * BudgetVersion, the year by 区分, spending, evaluations, the plan's
 * narrative with its 区域 and the balance; and
 * what other domains read of it (a project's name, its budget in a year).
 */

import type { Selectable } from 'kysely';
import { RenkeiError } from '@shared/contract';
import type {
  FundBalanceResult,
  FundEvaluation,
  FundPlanText,
  FundProject,
  FundProjectHistory,
  FundSide,
  FundSpending,
  FundVersionSummary,
  FundYearResult,
} from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { allowedDates, type FiscalYear, fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { figuresOf, type ProjectAmounts } from '@shared/fund/amounts';
import { type BalanceYearInput, checkBalance, rollForward } from '@shared/fund/balance';
import { type FundCategory, sortCategories } from '@shared/fund/categories';
import { EMPTY_PLAN_SECTIONS, type PlanSections } from '@shared/fund/plan-text';
import { type BudgetVersion, compareVersions, type VersionKind } from '@shared/fund/versions';
import { computeYearView } from '@shared/fund/year';
import { type Yen, yen } from '@shared/money';
import type { FundBudgetAmountTable, FundEvaluationTable, Reader } from '../kernel/db/schema';

export async function categories(db: Reader): Promise<FundCategory[]> {
  return sortCategories(await db.selectFrom('fundCategory').selectAll().execute());
}

export async function projects(db: Reader, side: FundSide): Promise<FundProject[]> {
  const rows = await db.selectFrom('fundProject').selectAll().where('side', '=', side).orderBy('number').execute();
  const indicators = await db
    .selectFrom('fundIndicator')
    .selectAll()
    .where('projectId', 'in', rows.length > 0 ? rows.map((r) => r.id) : [0])
    .orderBy('sortOrder')
    .execute();
  return rows.map((r) => ({
    ...r,
    side: r.side as FundSide,
    operatorKind: r.operatorKind as FundProject['operatorKind'],
    periodStart: r.periodStart as IsoDate | null,
    periodEnd: r.periodEnd as IsoDate | null,
    indicators: indicators
      .filter((i) => i.projectId === r.id)
      .map((i) => ({
        kind: i.kind as 'output' | 'outcome',
        label: i.label,
        unit: i.unit,
        baseline: i.baselineHundredths,
        target: i.targetHundredths,
        actual: i.actualHundredths,
        baselineOn: i.baselineOn as IsoDate | null,
        targetOn: i.targetOn as IsoDate | null,
      })),
  }));
}

export async function projectById(db: Reader, id: number): Promise<FundProject> {
  const row = await db.selectFrom('fundProject').select('side').where('id', '=', id).executeTakeFirst();
  const found = row && (await projects(db, row.side as FundSide)).find((p) => p.id === id);
  if (!found) throw new RenkeiError('not_found', `事業（番号 ${id}）が見つかりません。一覧を開き直してください。`);
  return found;
}

export async function versions(db: Reader, side: FundSide, year: number): Promise<FundVersionSummary[]> {
  const rows = await db
    .selectFrom('fundBudgetVersion')
    .selectAll()
    .where('side', '=', side)
    .where('fiscalYear', '=', year)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, side: r.side as FundSide, kind: r.kind as VersionKind }));
}

export async function versionSummary(db: Reader, id: number): Promise<FundVersionSummary> {
  const row = await db.selectFrom('fundBudgetVersion').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', '予算の版が見つかりません。画面を開き直してください。');
  return { ...row, side: row.side as FundSide, kind: row.kind as VersionKind };
}

/** A version's lines, with whether each 国/県 split was set by hand. */
export async function versionLines(db: Reader, versionId: number) {
  const rows = await db.selectFrom('fundBudgetAmount').selectAll().where('versionId', '=', versionId).orderBy('projectId').execute();
  return rows.map(lineOf);
}

function lineOf(r: Selectable<FundBudgetAmountTable>) {
  return {
    projectId: r.projectId,
    splitOverride: r.splitOverride === 1,
    version: r.version,
    amounts: {
      fundAmount: yen(r.fundAmount),
      national: yen(r.national),
      prefectural: yen(r.prefectural),
      otherAmount: yen(r.otherAmount),
      publicAmount: yen(r.publicAmount),
      privateAmount: yen(r.privateAmount),
      entrustedAmount: yen(r.entrustedAmount),
    } satisfies ProjectAmounts,
  };
}

export async function budgetVersion(db: Reader, id: number): Promise<BudgetVersion> {
  const summary = await versionSummary(db, id);
  return {
    id,
    fiscalYear: fiscalYear(summary.fiscalYear),
    kind: summary.kind,
    date: summary.datedOn as IsoDate,
    reason: summary.reason,
    lines: (await versionLines(db, id)).map(({ projectId, amounts }) => ({ projectId, amounts })),
  };
}

export async function spending(db: Reader, side: FundSide, year: number, projectId?: number): Promise<FundSpending[]> {
  let q = db
    .selectFrom('fundSpending')
    .innerJoin('fundProject', 'fundProject.id', 'fundSpending.projectId')
    .selectAll('fundSpending')
    .where('fundProject.side', '=', side)
    .where('fundSpending.fiscalYear', '=', year);
  if (projectId !== undefined) q = q.where('fundSpending.projectId', '=', projectId);
  return (await q.orderBy('fundSpending.spentOn').orderBy('fundSpending.id').execute()).map(({ sourceRef: _ref, ...r }) => r);
}

/** The spending list of the screen: a side's year, or one project's (which must exist). */
export async function spendingList(
  db: Reader,
  input: { side: FundSide; fiscalYear: number; projectId?: number | undefined },
): Promise<FundSpending[]> {
  if (input.projectId !== undefined) await projectById(db, input.projectId);
  return spending(db, input.side, input.fiscalYear, input.projectId);
}

/**
 * Each project's spending in the year, summed in SQLite: what the year view needs, in one row per project, named as
 * the officer knows it (for spending outside the version shown).
 */
export async function spentByProject(
  db: Reader,
  side: FundSide,
  year: number,
): Promise<{ projectId: number; amount: Yen; project: string }[]> {
  const rows = await db
    .selectFrom('fundSpending')
    .innerJoin('fundProject', 'fundProject.id', 'fundSpending.projectId')
    .select([
      'fundSpending.projectId as projectId',
      'fundProject.number as number',
      'fundProject.name as name',
      (eb) => eb.fn.sum<number>('fundSpending.amount').as('amount'),
    ])
    .where('fundProject.side', '=', side)
    .where('fundSpending.fiscalYear', '=', year)
    .groupBy(['fundSpending.projectId', 'fundProject.number', 'fundProject.name'])
    .execute();
  return rows.map((r) => ({ projectId: r.projectId, amount: yen(Number(r.amount)), project: `${r.number} ${r.name}` }));
}

/** Every version of every year that has one, with the project's line in each (or none) and the year's spending. */
export async function projectHistory(db: Reader, projectId: number): Promise<FundProjectHistory> {
  const project = await projectById(db, projectId);
  const allVersions = await db
    .selectFrom('fundBudgetVersion')
    .selectAll()
    .where('side', '=', project.side)
    .orderBy('fiscalYear')
    .orderBy('seq')
    .execute();
  const rows = await db.selectFrom('fundBudgetAmount').selectAll().where('projectId', '=', projectId).execute();
  const lines = new Map(rows.map((r) => [r.versionId, lineOf(r).amounts]));
  const spent = await db
    .selectFrom('fundSpending')
    .select(['fiscalYear', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('projectId', '=', projectId)
    .groupBy('fiscalYear')
    .execute();
  const years = new Map<number, FundProjectHistory['years'][number]>();
  for (const v of allVersions) {
    const year = years.get(v.fiscalYear) ?? {
      fiscalYear: v.fiscalYear,
      versions: [],
      spent: yen(Number(spent.find((s) => s.fiscalYear === v.fiscalYear)?.amount ?? 0)),
    };
    years.set(v.fiscalYear, year);
    const line = lines.get(v.id);
    year.versions.push({ id: v.id, label: v.label, datedOn: v.datedOn, amounts: line ? figuresOf(line) : null });
  }
  return { years: [...years.values()].filter((y) => y.versions.some((v) => v.amounts) || y.spent > 0) };
}

/** Two versions' lines side by side, project by project. */
export async function compareBudgetVersions(db: Reader, beforeId: number, afterId: number) {
  return compareVersions(await budgetVersion(db, beforeId), await budgetVersion(db, afterId));
}

function evaluationOf(row: Selectable<FundEvaluationTable>): FundEvaluation {
  return {
    ...row,
    fiscalYear: row.fiscalYear as FiscalYear,
    outcomeObserved: row.outcomeObserved === null ? null : row.outcomeObserved === 1,
  };
}

/** The project's 事後評価 of the year, empty until one is written. */
export async function evaluation(db: Reader, projectId: number, fy: number): Promise<FundEvaluation> {
  await projectById(db, projectId);
  const row = await db
    .selectFrom('fundEvaluation')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('fiscalYear', '=', fy)
    .executeTakeFirst();
  return row
    ? evaluationOf(row)
    : {
        projectId,
        fiscalYear: fy as FiscalYear,
        implementation: '',
        outcomeObserved: null,
        outcomeNote: '',
        alternativeIndicator: '',
        effectiveness: '',
        efficiency: '',
        assessment: '',
        version: 0,
      };
}

/** Every 事後評価 written for the year, by project id. */
export async function evaluationsOfYear(db: Reader, fy: number): Promise<Map<number, FundEvaluation>> {
  const rows = await db.selectFrom('fundEvaluation').selectAll().where('fiscalYear', '=', fy).execute();
  return new Map(rows.map((r) => [r.projectId, evaluationOf(r)]));
}

/**
 * The 二次医療圏 of the 台帳 with their municipalities by name, in the 台帳's
 * order: the 区域 a 都道府県計画 sets (医療介護総合確保区域).
 */
export async function planAreas(db: Reader): Promise<{ name: string; municipalities: string[] }[]> {
  const areas = await db
    .selectFrom('area')
    .select(['id', 'name'])
    .where('kind', '=', 'secondary')
    .orderBy('sortOrder')
    .orderBy('name')
    .execute();
  const members = await db
    .selectFrom('areaMember')
    .innerJoin('municipality', 'municipality.code', 'areaMember.municipalityCode')
    .select(['areaMember.areaId as areaId', 'municipality.name as name'])
    .orderBy('municipality.code')
    .execute();
  return areas.map((a) => ({ name: a.name, municipalities: members.filter((m) => m.areaId === a.id).map((m) => m.name) }));
}

/** The plan's narrative of the year: the newest version (or the one asked for), the list of all, and the 区域. */
export async function planText(db: Reader, fy: number, version?: number): Promise<FundPlanText> {
  const rows = await db.selectFrom('fundPlanText').selectAll().where('fiscalYear', '=', fy).orderBy('version').execute();
  const shown = version === undefined ? rows.at(-1) : rows.find((r) => r.version === version);
  if (version !== undefined && !shown)
    throw new RenkeiError(
      'not_found',
      `${formatFiscalYear(fy as FiscalYear)}の計画の本文に第${version}版はありません。版の一覧から選んでください。`,
    );
  // Who saved each version: the audit log keeps the person with every save.
  const audits =
    rows.length === 0
      ? []
      : await db
          .selectFrom('auditLog')
          .select(['entityId', 'osUser', 'displayName'])
          .where('entity', '=', 'fund_plan_text')
          .where(
            'entityId',
            'in',
            rows.map((r) => String(r.id)),
          )
          .execute();
  const savers = new Map(audits.map((a) => [a.entityId, a.displayName || a.osUser]));
  return {
    fiscalYear: fy,
    current: shown
      ? {
          version: shown.version,
          savedAt: shown.savedAt,
          sections: { ...EMPTY_PLAN_SECTIONS, ...(JSON.parse(shown.sectionsJson) as Partial<PlanSections>) },
        }
      : null,
    versions: rows.map((r) => ({ version: r.version, savedAt: r.savedAt, savedBy: savers.get(String(r.id)) ?? '' })),
    areas: await planAreas(db),
  };
}

/** The year as of a version (the newest unless one is asked for): every project's figures, grouped by 区分. */
export async function fundYear(db: Reader, side: FundSide, year: number, versionId?: number): Promise<FundYearResult> {
  const list = await versions(db, side, year);
  const version = versionId !== undefined ? await versionSummary(db, versionId) : (list.at(-1) ?? null);
  const lines = version ? await versionLines(db, version.id) : [];
  const byId = new Map((await projects(db, side)).map((p) => [p.id, p]));
  const view = computeYearView(
    await categories(db),
    lines.map((l) => ({
      id: l.projectId,
      name: byId.get(l.projectId)?.name ?? '',
      categoryCode: byId.get(l.projectId)?.categoryCode ?? '',
      amounts: l.amounts,
    })),
    await spentByProject(db, side, year),
  );
  return {
    versions: list,
    version,
    amounts: Object.fromEntries(lines.map((l) => [l.projectId, { ...l.amounts, splitOverride: l.splitOverride, version: l.version }])),
    view,
  };
}

/**
 * The balance from the first year entered on: 積立 and 運用益 as entered, and 取崩 project by project. Once the year
 * is closed — its 出納整理期間 (to 5月31日 after it) over —, a project with spending entered draws what the fund paid
 * of it: its spending up to its 基金充当額 (spending beyond it is paid from その他; counting the fund first never shows
 * more left than there is). A project without spending entered, and every project of a year still open, draws its
 * plan: the 基金充当額 of the year's newest version — so a project not yet settled is not taken as costing the fund
 * nothing (one booked 交付決定 of another project does not close the year for it), and a revision that would draw
 * more than the fund holds is flagged at once.
 */
export async function fundBalance(db: Reader, side: FundSide, today: IsoDate): Promise<FundBalanceResult> {
  const rows = await db.selectFrom('fundYear').selectAll().where('side', '=', side).orderBy('fiscalYear').execute();
  const planned = await db.selectFrom('fundBudgetVersion').select('fiscalYear').distinct().where('side', '=', side).execute();
  if (rows.length === 0) return { years: [], plans: [], problems: [], yearVersions: {} };
  // Entered, not summed above zero: a 額の確定 of 0円 is spending entered (the project drew nothing).
  const entered = new Set(
    (
      await db
        .selectFrom('fundSpending')
        .innerJoin('fundProject', 'fundProject.id', 'fundSpending.projectId')
        .select(['fundSpending.fiscalYear as fiscalYear', 'fundSpending.projectId as projectId'])
        .distinct()
        .where('fundProject.side', '=', side)
        .execute()
    ).map((r) => `${r.fiscalYear}:${r.projectId}`),
  );
  const first = rows[0]!.fiscalYear;
  const last = Math.max(...rows.map((r) => r.fiscalYear), ...planned.map((p) => p.fiscalYear));
  const inputs: BalanceYearInput[] = [];
  const plans: FundBalanceResult['plans'] = [];
  for (let fy = first; fy <= last; fy += 1) {
    const row = rows.find((r) => r.fiscalYear === fy);
    const { view } = await fundYear(db, side, fy);
    const closed = today > allowedDates(fiscalYear(fy), 'fundSpending').to;
    let drawn = 0;
    const bases = new Set<'spending' | 'plan'>();
    for (const r of view.groups.flatMap((g) => g.rows)) {
      const fromSpending = closed && entered.has(`${fy}:${r.projectId}`);
      drawn += fromSpending ? Math.min(r.spent, r.fundAmount) : r.fundAmount;
      // A project the fund pays nothing for draws 0 either way: it says nothing of where the year's 取崩 comes from.
      if (r.fundAmount > 0) bases.add(fromSpending ? 'spending' : 'plan');
    }
    plans.push({ fiscalYear: fy, totalCost: view.total.totalCost, spent: view.total.spent });
    inputs.push({
      fiscalYear: fiscalYear(fy),
      nationalContribution: yen(row?.nationalContribution ?? 0),
      prefecturalContribution: yen(row?.prefecturalContribution ?? 0),
      investmentIncome: yen(row?.investmentIncome ?? 0),
      withdrawal: yen(drawn),
      withdrawalFrom: bases.size === 2 ? 'mixed' : bases.has('spending') ? 'spending' : 'plan',
      entered: row !== undefined,
    });
  }
  const years = rollForward(yen(rows[0]!.openingBalance ?? 0), inputs);
  return { years, plans, problems: checkBalance(years), yearVersions: Object.fromEntries(rows.map((r) => [r.fiscalYear, r.version])) };
}

/** A project as another record names it (its 番号 and name), or null when there is none with the id. */
export async function projectRef(db: Reader, id: number): Promise<{ id: number; number: string; name: string } | null> {
  return (await db.selectFrom('fundProject').select(['id', 'number', 'name']).where('id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * A project's budget in a year: its 総事業費 (基金充当額 + その他) in the year's
 * newest version of its side, null without a line there; null for no project.
 */
export async function projectBudget(
  db: Reader,
  projectId: number,
  year: number,
): Promise<{ project: { id: number; number: string; name: string }; budget: Yen | null; versionLabel: string | null } | null> {
  const row = await db.selectFrom('fundProject').select(['id', 'number', 'name', 'side']).where('id', '=', projectId).executeTakeFirst();
  if (!row) return null;
  const version = (await versions(db, row.side as FundSide, year)).at(-1);
  const line = version ? (await versionLines(db, version.id)).find((l) => l.projectId === row.id) : undefined;
  return {
    project: { id: row.id, number: row.number, name: row.name },
    budget: line ? figuresOf(line.amounts).totalCost : null,
    versionLabel: version?.label ?? null,
  };
}
