/**
 * The composition root: every domain's handlers in one map, the only place
 * that knows all domains. Adding a domain = one folder and one line here; the
 * type below fails to compile if an operation of the contract has no handler,
 * and an operation registered twice fails at start-up.
 */
import { accountsHandlers } from './accounts/app';
import { auditHandlers } from './audit/app';
import { backupHandlers } from './backup/app';
import { deckHandlers } from './deck/app';
import { demoHandlers } from './demo/app';
import { fundHandlers } from './fund/app';
import { historyHandlers } from './history/app';
import { homeHandlers } from './home/app';
import { jobHandlers } from './jobs/app';
import { composeHandlers, type Registry } from './kernel/handlers';
import { mastersHandlers } from './masters/app';
import { meetingHandlers } from './meeting/app';
import { reportHandlers } from './report/app';
import { settingsHandlers } from './settings/app';
import { fundProjectUse } from './subsidy';
import { subsidyHandlers } from './subsidy/app';
import { surveyHandlers } from './survey/app';
import { templateHandlers } from './template/app';

export const registry: Registry = composeHandlers(
  homeHandlers,
  accountsHandlers,
  jobHandlers,
  settingsHandlers,
  auditHandlers,
  historyHandlers,
  backupHandlers,
  mastersHandlers,
  reportHandlers,
  fundHandlers([fundProjectUse]),
  subsidyHandlers,
  surveyHandlers,
  meetingHandlers,
  templateHandlers,
  deckHandlers,
  demoHandlers,
);
