/** The jobs' two operations, answered by the core at once (never queued): how far, and stop. */
import { handlers } from '../kernel/handlers';

export const jobHandlers = handlers({
  'app.jobs.progress': async (input, { core }) => core.jobs.progress(input.jobId),
  'app.jobs.cancel': async (input, { core }) => ({ cancelled: core.jobs.cancel(input.jobId) }),
});
