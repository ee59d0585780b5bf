/** What the core answers at once (never queued, being about what may hold the queue): a job's progress, its cancel, and whether a save waits for another program's write. */
import { handlers } from '../kernel/handlers';

export const jobHandlers = handlers({
  'app.jobs.progress': async (input, { core }) => core.jobs.progress(input.jobId),
  'app.jobs.cancel': async (input, { core }) => ({ cancelled: core.jobs.cancel(input.jobId) }),
  'app.writeWait': async (_input, { core }) => core.writeWait(),
});
