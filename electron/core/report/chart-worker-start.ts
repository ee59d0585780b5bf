/**
 * Starting the chart worker (chart-worker.ts, built as dist/core/chart-worker.cjs): kept apart from chart-pictures.ts,
 * with nothing but Node's own modules, so `renkei`'s small first file (cli/start.ts) can start it for `report pack`
 * before the commands' bundle loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { compileCacheDir, keptCodeOf } from '../kernel/code-cache';

/**
 * resvg's WebAssembly compiled by V8's baseline compiler only, never again optimised (by default each function is
 * re-compiled optimised once it runs hot, on threads that take the other core from the PDF's writing: 13 charts in a
 * new process took 1.5 s by default, 0.78 s with --no-wasm-dynamic-tiering, 0.42 s this way; read by V8 when the
 * module is compiled, and only resvg's WebAssembly runs in the core). The flag is the whole process's, and V8 refuses
 * compiled code kept under other flags: a pack sets it before anything is compiled (cli/start.ts), and a worker is
 * started with it set, so its code is always compiled, and kept, under it.
 */
export function useBaselineWasm(): void {
  v8.setFlagsFromString('--liftoff-only');
}

/** The chart worker's bundle, beside the core's. */
export const CHART_WORKER_BUNDLE = 'chart-worker.cjs';

/** What the chart worker is started with: where the fonts and resvg's WebAssembly are. Then it is sent the documents. */
export interface ChartWork {
  fontDir: string;
  wasm: string;
}

/** Its bundle, and V8's code compiled from it at an earlier run (none the first time) and where that is kept. */
export interface ChartWorkerCode {
  file: string;
  source: string;
  cachedData?: Uint8Array;
  target: string;
}

/**
 * The worker's source text: its bundle compiled with V8's kept code (source text run as is cannot use it), which
 * spares the worker compiling the top level of its 2.5 MB at every pack (~30 ms). Without kept code (or refused by
 * V8) the code is taken as compiled, before the bundle runs, and the bundle writes it (keepCode, in chart-worker.ts);
 * a dynamic import() in it would load as require's own do.
 */
const LOADER = `const { workerData } = require('node:worker_threads');
const { file, source, cachedData } = workerData.code;
const vm = require('node:vm');
const script = new vm.Script(require('node:module').wrap(source), {
  filename: file,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const compiled = !cachedData || script.cachedDataRejected ? script.createCachedData() : null;
const loaded = { exports: {} };
script.runInThisContext().call(loaded.exports, loaded.exports, require, loaded, file, require('node:path').dirname(file));
if (compiled) loaded.exports.keepCode(compiled);`;

/** What the chart worker answers: the workbook, or why it could not make it. */
export type ChartWorkerAnswer = { bytes: Uint8Array } | { error: string };

/**
 * The worker from the bundle in `coreDir`, read as text so it loads from the packaged app's archive too; null where
 * there is no bundle (running from the sources).
 */
export function startChartWorker(coreDir: string, work: ChartWork): Worker | null {
  const file = path.join(coreDir, CHART_WORKER_BUNDLE);
  if (!fs.existsSync(file)) return null;
  useBaselineWasm();
  const source = fs.readFileSync(file);
  let kept: { target: string; cachedData?: Buffer } = { target: '' };
  try {
    kept = keptCodeOf(file, source, compileCacheDir());
  } catch {
    // No cache folder (no home directory): compiled, and not kept.
  }
  const code: ChartWorkerCode = { file, source: source.toString('utf8'), ...kept };
  return new Worker(LOADER, { eval: true, workerData: { ...work, code } });
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
