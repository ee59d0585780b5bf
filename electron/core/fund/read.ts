/** Reading the fund: projects with indicators, versions as the shared BudgetVersion, spending, and the balance rows. */
import { RenkeiError } from '@shared/contract';
import type { FundProject, FundProjectHistory, FundSide, FundSpending, FundVersionSummary } from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { fiscalYear } from '@shared/fiscal-year';
import { figuresOf, type ProjectAmounts } from '@shared/fund/amounts';
import { type FundCategory, sortCategories } from '@shared/fund/categories';
import type { BudgetVersion, VersionKind } from '@shared/fund/versions';
import { type Yen, yen } from '@shared/money';
import type { Selectable } from 'kysely';
import type { FundBudgetAmountTable, Reader } from '../kernel/db/schema';


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
    indicators: indicators
      .filter((i) => i.projectId === r.id)
      .map((i) => ({ kind: i.kind as 'output' | 'outcome', label: i.label, unit: i.unit, baseline: i.baselineHundredths, target: i.targetHundredths, actual: i.actualHundredths })),
  }));
}

export async function projectById(db: Reader, id: number): Promise<FundProject> {
  const row = await db.selectFrom('fundProject').select('side').where('id', '=', id).executeTakeFirst();
  const found = row && (await projects(db, row.side as FundSide)).find((p) => p.id === id);
  if (!found) throw new RenkeiError('not_found', `事業（番号 ${id}）が見つかりません。一覧を開き直してください。`);
  return found;
}

export async function versions(db: Reader, side: FundSide, year: number): Promise<FundVersionSummary[]> {
  const rows = await db.selectFrom('fundBudgetVersion').selectAll().where('side', '=', side).where('fiscalYear', '=', year).orderBy('seq').execute();
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

/** Each project's spending in the year, summed in SQLite: what the year view needs, in one row per project. */
export async function spentByProject(db: Reader, side: FundSide, year: number): Promise<{ projectId: number; amount: Yen }[]> {
  const rows = await db
    .selectFrom('fundSpending')
    .innerJoin('fundProject', 'fundProject.id', 'fundSpending.projectId')
    .select(['fundSpending.projectId as projectId', (eb) => eb.fn.sum<number>('fundSpending.amount').as('amount')])
    .where('fundProject.side', '=', side)
    .where('fundSpending.fiscalYear', '=', year)
    .groupBy('fundSpending.projectId')
    .execute();
  return rows.map((r) => ({ projectId: r.projectId, amount: yen(Number(r.amount)) }));
}

/** Every version of every year that has one, with the project's line in each (or none) and the year's spending. */
export async function projectHistory(db: Reader, projectId: number): Promise<FundProjectHistory> {
  const project = await projectById(db, projectId);
  const allVersions = await db.selectFrom('fundBudgetVersion').selectAll().where('side', '=', project.side).orderBy('fiscalYear').orderBy('seq').execute();
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
    const year = years.get(v.fiscalYear) ?? { fiscalYear: v.fiscalYear, versions: [], spent: yen(Number(spent.find((s) => s.fiscalYear === v.fiscalYear)?.amount ?? 0)) };
    years.set(v.fiscalYear, year);
    const line = lines.get(v.id);
    year.versions.push({ id: v.id, label: v.label, datedOn: v.datedOn, amounts: line ? figuresOf(line) : null });
  }
  return { years: [...years.values()].filter((y) => y.versions.some((v) => v.amounts) || y.spent > 0) };
}
