/**
 * `renkei`'s first file (dist/core/cli.cjs): small, so it acts before the commands' bundle (dist/core/cli-commands.cjs,
 * 6 MB) is loaded. It keeps V8's compiled code of that bundle between runs (Node's own compile cache from Node 22.1,
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
// The host's in a folder of its own: kept once its start is done, its code holds what every start runs again.
const cacheDir = compileCacheDir(packs ? 'baseline-wasm' : wholeFile ? 'less-memory' : serves ? 'serve' : undefined);
// Node 22.1+ keeps the compiled code itself; before it, the commands' bundle is loaded through code-cache.ts. A cache
// that cannot be made is no error.
const enableCompileCache = (Module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
try {
  enableCompileCache?.(cacheDir);
} catch {
  // Without the cache.
}
// The pack's chart worker loads its code and compiles resvg while the commands' bundle loads and the reports are read.
const chartWorker = packs ? startEarlyChartWorker(__dirname) : null;
// Loaded through the compile cache, the code kept once the command's start is done (main.ts run), so the functions it
// ran are compiled from the kept code next time too, not only the bundle's top level.
const commands = requireCompiled(path.join(__dirname, 'cli-commands.cjs'), cacheDir, true);
void (commands.exports as typeof import('./main')).run(argv, chartWorker, commands.keep);
