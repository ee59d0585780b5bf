/**
 * 基金 operations, one line each: projects, the year view by 区分, budget
 * versions and their comparison, spending, evaluations, the plan's narrative, the project list's
 * workbook and the balance. `uses` are the other domains that draw on fund
 * projects (given by the composition root), asked before a delete.
 */
import { isoDateOfLocal } from '@shared/dates';
import { handlers } from '../kernel/handlers';
import { readFirst } from '../kernel/jobs/read-first';
import { commitProjects, previewProjects, projectWorkbook, readProjectUpload } from './io';
import {
  categories,
  compareBudgetVersions,
  evaluation,
  fundBalance,
  fundYear,
  planText,
  projectHistory,
  projects,
  spendingList,
} from './read';
import * as write from './write';

export function fundHandlers(uses: readonly write.ProjectUse[]) {
  return handlers({
    'fund.categories.list': async (_input, { db }) => categories(db),
    'fund.projects.list': async (input, { db }) => projects(db, input.side),
    'fund.projects.save': async (input, { db, audit, core }) => write.saveProject(db, input, audit, core.clock()),
    'fund.projects.history': async (input, { db }) => projectHistory(db, input.id),
    'fund.projects.delete': async (input, { db, audit, core }) =>
      write.deleteProject(db, input.id, audit, uses, input.version, core.clock()),
    'fund.year': async (input, { db }) => fundYear(db, input.side, input.fiscalYear, input.versionId),
    'fund.versions.create': async (input, { db, audit }) => write.createVersion(db, input, audit),
    'fund.versions.update': async (input, { db, audit, core }) => write.updateVersion(db, input, audit, core.clock()),
    'fund.versions.delete': async (input, { db, audit }) => write.deleteVersion(db, input.id, audit, uses),
    'fund.versions.compare': async (input, { db }) => compareBudgetVersions(db, input.beforeId, input.afterId),
    'fund.amounts.save': async (input, { db, audit, core }) => write.saveAmounts(db, input, audit, core.clock()),
    'fund.spending.list': async (input, { db }) => spendingList(db, input),
    'fund.spending.save': async (input, { db, audit, core }) => write.saveSpending(db, input, audit, core.clock()),
    'fund.spending.delete': async (input, { db, audit, core }) => write.deleteSpending(db, input.id, audit, input.version, core.clock()),
    'fund.balance': async (input, { db, core }) => fundBalance(db, input.side, isoDateOfLocal(core.clock())),
    'fund.evaluation.get': async (input, { db }) => evaluation(db, input.projectId, input.fiscalYear),
    'fund.evaluation.save': async (input, { db, audit, core }) => write.saveEvaluation(db, input, audit, core.clock()),
    'fund.planText.get': async (input, { db }) => planText(db, input.fiscalYear, input.version),
    'fund.planText.save': async (input, { db, audit, actor, core }) => write.savePlanText(db, input, audit, actor, core.clock()),
    'fund.import.preview': readFirst(readProjectUpload, async (input, ctx, table) => previewProjects(ctx, input, table)),
    'fund.import.commit': readFirst(readProjectUpload, async (input, ctx, table) => commitProjects(ctx, input, table)),
    'fund.import.workbook': async (input, { db }) => projectWorkbook(db, input),
    'fund.years.save': async (input, { db, audit, core }) => write.saveFundYear(db, input, audit, core.clock()),
    'fund.years.delete': async (input, { db, audit, core }) => write.deleteFundYear(db, input, audit, core.clock()),
  });
}
