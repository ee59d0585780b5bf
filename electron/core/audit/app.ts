/** The audit log's operations: read a filtered page, the filter's choices, export to Excel. */
import { handlers } from '../kernel/handlers';
import { exportLog } from './io';
import { auditEntities, auditPage, auditPeople } from './read';

export const auditHandlers = handlers({
  'audit.list': async (input, { db }) => auditPage(db, input),
  'audit.entities': async (_input, { db }) => auditEntities(db),
  'audit.people': async (_input, { db }) => auditPeople(db),
  'audit.export': async (input, { db, core }) => exportLog(db, input, core.clock()),
});
