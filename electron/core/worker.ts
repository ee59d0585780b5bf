/**
 * The worker thread's bundle (dist/core/worker.cjs, see kernel/jobs/offload.ts):
 * the kernel's readers of users' files, and the domains' CPU-heavy tasks on
 * bytes by name. A composition root, as it knows the domains that offload work.
 */
import { serveWorker } from './kernel/jobs/worker';
import { writeFormsTask } from './survey/io/form-task';

serveWorker({ 'survey.forms': writeFormsTask });
