/**
 * `renkei`'s first file (dist/core/cli.cjs): small, so it acts before the commands' bundle (dist/core/cli-commands.cjs,
 * 6 MB) is loaded. It keeps V8's compiled code of that bundle between runs (Node's own compile cache from Node 22.8,
 * code-cache.ts before it; in this user's cache folder, never a shared temporary one), which spares every command most of the bundle's
 * compiling; for `report pack` it starts the chart worker at once.
 */
import Module from 'node:module';
import path from 'node:path';
import { compileCacheDir, requireCompiled } from '../kernel/code-cache';
import { packsForCertain, startEarlyChartWorker, useBaselineWasm } from '../report/chart-worker-start';
import { holdLessMemory, holdsWholeFile } from './heap';

const argv = process.argv.slice(2);
const packs = packsForCertain(argv);
const wholeFile = holdsWholeFile(argv);
const serves = argv[0] === 'serve';
// The V8 flags a pack (useBaselineWasm) and an import (holdLessMemory) set, set before anything is compiled, and their
// compiled code kept apart: V8 refuses code kept under other flags (and each command would replace the other's).
if (packs) useBaselineWasm();
if (wholeFile) holdLessMemory();
// The host's in a folder of its own, kept once its start is done (below).
const cacheDir = compileCacheDir(packs ? 'baseline-wasm' : wholeFile ? 'less-memory' : serves ? 'serve' : undefined);
// Node 22.8+ keeps the compiled code itself (as each module is compiled: its top level); before it, the commands' bundle
// is loaded through code-cache.ts. A cache that cannot be made is no error.
const enableCompileCache = (Module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
try {
  enableCompileCache?.(cacheDir);
} catch {
  // Without the cache.
}
// The pack's chart worker loads its code and compiles resvg while the commands' bundle loads and the reports are read.
const chartWorker = packs ? startEarlyChartWorker(__dirname) : null;
// Loaded through the compile cache. The host's code is kept once its start is done (serve.ts: its first page answered),
// so its next start compiles from the kept code what it runs again, not only the bundle's top level; a `serve` that
// fails or only prints its help keeps nothing. Any other command's is kept as it is loaded: kept after its work, it
// could hold code compiled under a flag set meanwhile (a workbook's chart worker), which the next command would refuse.
const commands = requireCompiled(path.join(__dirname, 'cli-commands.cjs'), cacheDir, serves);
void (commands.exports as typeof import('./main')).run(argv, chartWorker, commands.keep);
