/**
 * Every domain's handlers in one map. Adding a domain = one folder with an
 * app.ts and one line here; the type below fails to compile if an operation
 * of the contract has no handler.
 */
import type { OpName } from '../../shared/contract';
import { auditHandlers } from './audit/app';
import { backupHandlers } from './backup/app';
import type { HandlerMap } from './handlers';
import { fundHandlers } from './fund/app';
import { historyHandlers } from './history/app';
import { homeHandlers } from './home/app';
import { jobHandlers } from './jobs/app';
import { mastersHandlers } from './masters/app';
import { mastersIoHandlers } from './masters/io/app';
import { reportHandlers } from './report/app';
import { settingsHandlers } from './settings/app';
import { surveyHandlers } from './survey/app';
import { surveyFileHandlers } from './survey/workbook/app';
import { subsidyHandlers } from './subsidy/app';

export const registry: HandlerMap<OpName> = {
  ...homeHandlers,
  ...jobHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...historyHandlers,
  ...backupHandlers,
  ...mastersHandlers,
  ...mastersIoHandlers,
  ...reportHandlers,
  ...fundHandlers,
  ...subsidyHandlers,
  ...surveyHandlers,
  ...surveyFileHandlers,
};
