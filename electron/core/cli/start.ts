/**
 * `renkei`'s first file (dist/core/cli.cjs): small, so it acts before the commands' bundle (dist/core/cli-commands.cjs,
 * 6 MB) is loaded. It keeps V8's compiled code of that bundle between runs (Node's own compile cache from Node 22.1,
 * code-cache.ts before it; in this user's cache folder, never a shared temporary one), which spares every command most of the bundle's
 * compiling; for `report pack` it starts the chart worker at once.
 */
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { packsForCertain, startEarlyChartWorker } from '../report/chart-worker-start';
import { requireWithCodeCache } from './code-cache';
import { holdLessMemory, holdsWholeFile } from './heap';

/** This user's cache folder for the compiled code (Windows: %LOCALAPPDATA%; macOS: ~/Library/Caches; else XDG). */
function compileCacheDir(): string {
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA ?? os.homedir(), 'renkei', 'compile-cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'renkei', 'compile-cache');
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'renkei', 'compile-cache');
}

// Node 22.1+ keeps the compiled code itself; before it, the commands' bundle is loaded through code-cache.ts. A cache
// that cannot be made is no error.
const enableCompileCache = (Module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
try {
  enableCompileCache?.(compileCacheDir());
} catch {
  // Without the cache.
}

const argv = process.argv.slice(2);
if (holdsWholeFile(argv)) holdLessMemory();
// The pack's chart worker loads its code and compiles resvg while the commands' bundle loads and the reports are read.
const chartWorker = packsForCertain(argv) ? startEarlyChartWorker(__dirname) : null;
// Loaded through the compile cache.
const commands = (
  enableCompileCache
    ? require('./cli-commands.cjs')
    : requireWithCodeCache(path.join(__dirname, 'cli-commands.cjs'), compileCacheDir()).exports
) as typeof import('./main');
void commands.run(argv, chartWorker);
