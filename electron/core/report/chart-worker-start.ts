/**
 * Starting the chart worker (chart-worker.ts, built as dist/core/chart-worker.cjs): kept apart from chart-pictures.ts,
 * with nothing but Node's own modules, so `renkei`'s small first file (cli/start.ts) can start it for `report pack`
 * before the commands' bundle loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The chart worker's bundle, beside the core's. */
export const CHART_WORKER_BUNDLE = 'chart-worker.cjs';

/** What the chart worker is started with: where the fonts and resvg's WebAssembly are. Then it is sent the documents. */
export interface ChartWork {
  fontDir: string;
  wasm: string;
}

/** What the chart worker answers: the workbook, or why it could not make it. */
export type ChartWorkerAnswer = { bytes: Uint8Array } | { error: string };

/**
 * The worker from the bundle in `coreDir`, read as text so it loads from the packaged app's archive too; null where
 * there is no bundle (running from the sources).
 */
export function startChartWorker(coreDir: string, work: ChartWork): Worker | null {
  const bundle = path.join(coreDir, CHART_WORKER_BUNDLE);
  if (!fs.existsSync(bundle)) return null;
  return new Worker(fs.readFileSync(bundle, 'utf8'), { eval: true, workerData: work });
}

/**
 * Whether a `renkei` command line makes a pack for certain, read from the words alone before the commands are loaded:
 * `report … pack`, not its help. A wrong yes costs a worker started and left unused (it holds the process no longer);
 * a wrong no, the worker started later, by the pack, as before.
 */
export function packsForCertain(argv: readonly string[]): boolean {
  if (argv[0] !== 'report' || argv.includes('--help') || argv.includes('-h')) return false;
  // A word after `--option` (not `--option=value`) is that option's value.
  const optionBefore = (before: string | undefined) => before?.startsWith('--') === true && !before.includes('=');
  const first = argv.slice(1).find((word, i, words) => !word.startsWith('-') && !optionBefore(words[i - 1]));
  return first === 'pack';
}

/** A chart worker started before the commands loaded, with the files it was given and how it failed, if it did. */
export interface EarlyChartWorker {
  worker: Worker;
  work: ChartWork;
  failure?: Error;
}

/**
 * The worker for a pack started before the commands load, given the files beside the first file (dist/core); null
 * where there is no bundle. The pack takes it only if its own search finds the same files (and says in Japanese what
 * is missing otherwise), and only if it has not failed meanwhile: a failure is kept here, not thrown on this thread.
 * It does not hold the process: a command that ends without asking for it exits as it would without it.
 */
export function startEarlyChartWorker(coreDir: string): EarlyChartWorker | null {
  const work: ChartWork = { fontDir: path.join(coreDir, 'fonts'), wasm: path.join(coreDir, 'resvg.wasm') };
  const worker = startChartWorker(coreDir, work);
  if (!worker) return null;
  const early: EarlyChartWorker = { worker, work };
  worker.once('error', (error) => {
    early.failure = error;
  });
  worker.unref();
  return early;
}
