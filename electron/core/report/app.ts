/** 帳票 operations: the list of reports, one report as a document or a file, and the submission pack. */
import { handlers } from '../kernel/handlers';
import { buildReportFor, reportInfos } from './build';
import { buildPack, packsMade } from './pack';
import { renderReport, renderSet } from './render';

export const reportHandlers = handlers({
  'report.list': async (_input, { db, core }) => reportInfos(db, core.session.role),
  'report.doc': async (input, { db, core }) => buildReportFor(db, core, input.name, input.params),
  'report.render': async (input, { db, core }) => renderReport(db, core, input),
  'report.set': async (input, { db, core, job }) => renderSet(db, core, input, job),
  'report.pack': async (input, { db, core, job }) => buildPack(db, core, input, job),
  'report.packs': async (input, { db }) => packsMade(db, input.fy),
});
