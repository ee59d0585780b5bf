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

/**
 * The worker for a pack started before the commands load, with the files found beside the first file (dist/core);
 * null when any is missing there (the pack then starts its own and says what is missing). It does not hold the
 * process: a command that ends without asking for it exits as it would without it.
 */
export function startEarlyChartWorker(coreDir: string): Worker | null {
  const work: ChartWork = { fontDir: path.join(coreDir, 'fonts'), wasm: path.join(coreDir, 'resvg.wasm') };
  if (!fs.existsSync(work.fontDir) || !fs.existsSync(work.wasm)) return null;
  const worker = startChartWorker(coreDir, work);
  worker?.unref();
  return worker;
}
