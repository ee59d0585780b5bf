/**
 * `renkei`'s first file (dist/core/cli.cjs): small, so it acts before the commands' bundle (dist/core/cli-commands.cjs,
 * 6 MB) is loaded. It keeps V8's compiled code of that bundle between runs (Node's own compile cache from Node 22.1,
 * code-cache.ts before it; in this user's cache folder, never a shared temporary one), which spares every command most of the bundle's
 * compiling; and for a command that prints for certain it starts the browser at once, so Chromium starts while Node
 * loads the commands and opens the database.
 */
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { launchPrintingBrowser } from '../kernel/browser/browser';
import { requireWithCodeCache } from './code-cache';
import { holdLessMemory, holdsWholeFile } from './heap';
import { printsForCertain } from './prints';
import { exitOnSignals } from './signals';

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
const prints = printsForCertain(argv);
// Ctrl+C, kill or a closed terminal ends the command as the printing commands do (exiting ends the browser): set
// before the browser starts, so no signal can come between its start and the handlers.
if (prints) exitOnSignals();
const early = prints ? launchPrintingBrowser() : null;
// Loaded only now: after the browser started, through the compile cache.
const commands = (
  enableCompileCache
    ? require('./cli-commands.cjs')
    : requireWithCodeCache(path.join(__dirname, 'cli-commands.cjs'), compileCacheDir()).exports
) as typeof import('./main');
void commands.run(argv, early);
