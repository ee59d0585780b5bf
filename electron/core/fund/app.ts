/** 基金 operations: projects, the year view by 区分, budget versions and their comparison, spending, and the balance. */
import { FUND_SIDE_LABELS, type FundBalanceResult, type FundSide, type FundYearResult } from '@shared/contract/fund';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { checkBalance, rollForward } from '@shared/fund/balance';
import { compareVersions } from '@shared/fund/versions';
import { computeYearView } from '@shared/fund/year';
import { yen } from '@shared/money';
import type { Db, Trx } from '../kernel/db/schema';
import { handlers } from '../kernel/handlers';
import { readFirst } from '../kernel/jobs/read-first';
import { readUpload } from '../kernel/jobs/uploads';
import { commitImport, importTemplate, previewImport } from '../tabular/import-engine';
import { writeXlsx, XLSX_MIME } from '../tabular/write';
import { fundProjectImport, projectListRows } from './import';
import { budgetVersion, categories, projectById, projectHistory, projects, spending, spentByProject, versionLines, versions, versionSummary } from './read';
import * as write from './write';

/** The year as of a version (the newest unless one is asked for): every project's figures, grouped by 区分. */
export async function fundYear(db: Db | Trx, side: FundSide, year: number, versionId?: number): Promise<FundYearResult> {
  const list = await versions(db, side, year);
  const version = versionId !== undefined ? await versionSummary(db, versionId) : (list.at(-1) ?? null);
  const lines = version ? await versionLines(db, version.id) : [];
  const byId = new Map((await projects(db, side)).map((p) => [p.id, p]));
  const view = computeYearView(
    await categories(db),
    lines.map((l) => ({ id: l.projectId, name: byId.get(l.projectId)?.name ?? '', categoryCode: byId.get(l.projectId)?.categoryCode ?? '', amounts: l.amounts })),
    await spentByProject(db, side, year),
  );
  return { versions: list, version, amounts: Object.fromEntries(lines.map((l) => [l.projectId, { ...l.amounts, splitOverride: l.splitOverride }])), view };
}

/**
 * The balance from the first year entered on: 積立 and 運用益 as entered, 取崩
 * as the 基金充当額 of each year's newest budget version (the plan), so a
 * revision that would draw more than the fund holds is flagged at once.
 */
export async function fundBalance(db: Db | Trx, side: FundSide): Promise<FundBalanceResult> {
  const rows = await db.selectFrom('fundYear').selectAll().where('side', '=', side).orderBy('fiscalYear').execute();
  const planned = await db.selectFrom('fundBudgetVersion').select('fiscalYear').distinct().where('side', '=', side).execute();
  if (rows.length === 0) return { years: [], plans: [], problems: [] };
  const first = rows[0]!.fiscalYear;
  const last = Math.max(...rows.map((r) => r.fiscalYear), ...planned.map((p) => p.fiscalYear));
  const inputs = [];
  const plans = [];
  for (let fy = first; fy <= last; fy += 1) {
    const row = rows.find((r) => r.fiscalYear === fy);
    const { view } = await fundYear(db, side, fy);
    plans.push({ fiscalYear: fy, totalCost: view.total.totalCost, spent: view.total.spent });
    inputs.push({
      fiscalYear: fiscalYear(fy),
      nationalContribution: yen(row?.nationalContribution ?? 0),
      prefecturalContribution: yen(row?.prefecturalContribution ?? 0),
      investmentIncome: yen(row?.investmentIncome ?? 0),
      withdrawal: view.total.fundAmount,
    });
  }
  const years = rollForward(yen(rows[0]!.openingBalance ?? 0), inputs);
  return { years, plans, problems: checkBalance(years) };
}

export const fundHandlers = handlers({
  'fund.categories.list': async (_input, { db }) => categories(db),
  'fund.projects.list': async (input, { db }) => projects(db, input.side),
  'fund.projects.save': async (input, { db, audit }) => write.saveProject(db, input, audit),
  'fund.projects.history': async (input, { db }) => projectHistory(db, input.id),
  'fund.projects.delete': async (input, { db, audit }) => write.deleteProject(db, input.id, audit),
  'fund.year': async (input, { db }) => fundYear(db, input.side, input.fiscalYear, input.versionId),
  'fund.versions.create': async (input, { db, audit }) => write.createVersion(db, input, audit),
  'fund.versions.update': async (input, { db, audit }) => write.updateVersion(db, input, audit),
  'fund.versions.delete': async (input, { db, audit }) => write.deleteVersion(db, input.id, audit),
  'fund.versions.compare': async (input, { db }) => compareVersions(await budgetVersion(db, input.beforeId), await budgetVersion(db, input.afterId)),
  'fund.amounts.save': async (input, { db, audit }) => write.saveAmounts(db, input, audit),
  'fund.spending.list': async (input, { db }) => {
    if (input.projectId !== undefined) await projectById(db, input.projectId);
    return spending(db, input.side, input.fiscalYear, input.projectId);
  },
  'fund.spending.save': async (input, { db, audit }) => write.saveSpending(db, input, audit),
  'fund.spending.delete': async (input, { db, audit }) => write.deleteSpending(db, input.id, audit),
  'fund.balance': async (input, { db }) => fundBalance(db, input.side),
  'fund.evaluation.get': async (input, { db }) => {
    await projectById(db, input.projectId);
    const row = await db.selectFrom('fundEvaluation').selectAll().where('projectId', '=', input.projectId).where('fiscalYear', '=', input.fiscalYear).executeTakeFirst();
    return row ?? { ...input, assessment: '' };
  },
  'fund.evaluation.save': async (input, { db, audit }) => write.saveEvaluation(db, input, audit),
  'fund.import.preview': readFirst(readUpload, async (input, { db }, table) => previewImport(db, fundProjectImport(input.side, input.versionId), table, 'fund.projects')),
  'fund.import.commit': readFirst(readUpload, async (input, { db, audit, bulkInsert }, table) => {
    await write.latestVersion(db, input.versionId);
    return commitImport(db, fundProjectImport(input.side, input.versionId), table, input.excludeRows, audit, bulkInsert);
  }),
  'fund.import.workbook': async (input, { db }) => {
    const version = await versionSummary(db, input.versionId);
    const sheets = importTemplate(fundProjectImport(input.side, input.versionId), '事業一覧', await projectListRows(db, input.side, input.versionId));
    return { fileName: `基金事業一覧_${FUND_SIDE_LABELS[input.side]}_${formatFiscalYear(fiscalYear(version.fiscalYear))}_${version.label}.xlsx`, mimeType: XLSX_MIME, data: (await writeXlsx(sheets)).toString('base64') };
  },
  'fund.years.save': async (input, { db, audit }) => {
    await write.saveFundYear(db, input, audit);
    return fundBalance(db, input.side);
  },
});
