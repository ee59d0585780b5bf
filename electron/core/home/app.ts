/** The home page's operations: its figures and opening another database file. */
import { handlers } from '../kernel/handlers';
import { associationHome, homeAgenda, homeSummary } from './read';
import { openDatabase } from './write';

export const homeHandlers = handlers({
  'app.summary': async (_input, { db, core }) => homeSummary(db, core),
  'app.home': async (input, { db, core }) => homeAgenda(db, core.clock(), input.fiscalYear),
  'app.associationHome': async (input, { db, core }) => associationHome(db, core.clock(), core.session, input),
  'database.open': async (input, { core }) => openDatabase(core, input.path, input.create),
});
