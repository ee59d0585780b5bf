/**
 * The small worker bundle of kernel/jobs/ahead.ts (dist/core/ahead-worker.cjs): pure work on text that the core's
 * thread has done ahead on the other core, each task by name. A composition root, as it knows whose tasks these are.
 */
import { searchKeysOfJoined } from '@shared/text/normalize';
import { serveAhead } from './kernel/jobs/ahead-task';

serveAhead({ searchKeys: searchKeysOfJoined });
