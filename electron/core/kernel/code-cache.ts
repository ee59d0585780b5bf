/**
 * Loading a large bundle with V8's compiled code kept between runs: what Node 22.8+ does itself
 * (module.enableCompileCache), for the Node before it. The cache is one file per bundle build in this user's cache
 * folder, named by V8's version and the bundle's content, written whole (a temporary file renamed) so a run
 * never reads half of one; V8 ignores one made by another version or with other flags. Compiling the commands'
 * 6 MB bundle goes from about 200 ms to 35 ms.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/**
 * This user's cache folder for compiled code (Windows: %LOCALAPPDATA%; macOS: ~/Library/Caches; else XDG), never a
 * shared temporary one; `apart` names a folder apart: for code compiled under other V8 flags (V8 refuses it otherwise,
 * and each would replace the other's at every run), or kept after other work (the host's: not what a short command ran).
 */
export function compileCacheDir(apart?: string): string {
  const base =
    process.platform === 'win32'
      ? path.join(process.env.LOCALAPPDATA ?? os.homedir(), 'renkei', 'compile-cache')
      : process.platform === 'darwin'
        ? path.join(os.homedir(), 'Library', 'Caches', 'renkei', 'compile-cache')
        : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'renkei', 'compile-cache');
  return apart ? path.join(base, apart) : base;
}

/** What names one bundle's cache files: the bundle, where it is installed, and this V8. */
function cachePrefix(file: string): string {
  const place = crypto.createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 12);
  return `${path.basename(file)}-${place}-${process.versions.v8}-${process.arch}-`;
}

/**
 * The cache file of this source: named by its content's hash, not its size and time, since V8 itself compares only
 * the source's length. When a new one is written, the same bundle's older ones go (not another install's, nor another
 * Node's).
 */
function cacheFileOf(file: string, source: Buffer, dir: string): string {
  return path.join(dir, `${cachePrefix(file)}${crypto.createHash('sha256').update(source).digest('hex').slice(0, 24)}.bin`);
}

/**
 * Where the compiled code of `file` (whose bytes are `source`) is kept in `dir`, and that code if it was kept; none
 * where it cannot be read.
 */
export function keptCodeOf(file: string, source: Buffer, dir: string): { target: string; cachedData?: Buffer } {
  const target = cacheFileOf(file, source, dir);
  try {
    return { target, cachedData: fs.readFileSync(target) };
  } catch {
    return { target };
  }
}

/**
 * Keeps `bytes`, the compiled code of `file`, as `target` (written whole: a temporary file of this thread's own,
 * renamed), and drops the same bundle's older ones and temporary files left a minute ago or more (by a thread ended
 * as it wrote).
 */
export function writeWhole(file: string, target: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Two threads of one process (the core's chart workers) may write the same file at once.
  const temporary = `${target}.${process.pid}.${threadId}.${crypto.randomUUID()}.tmp`;
  try {
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const prefix = cachePrefix(file);
  const aMinuteAgo = Date.now() - 60_000;
  for (const name of fs.readdirSync(path.dirname(target))) {
    if (!name.startsWith(prefix) || name === path.basename(target)) continue;
    const other = path.join(path.dirname(target), name);
    const stale =
      name.endsWith('.bin') || (name.endsWith('.tmp') && (fs.statSync(other, { throwIfNoEntry: false })?.mtimeMs ?? 0) < aMinuteAgo);
    if (stale) fs.rmSync(other, { force: true });
  }
}

/** How a load went: compiled from the kept code, compiled and the code kept for next time, or compiled without a cache. */
export type CodeCacheUse = 'used' | 'made' | 'none';

/** A bundle loaded: its exports, how its code was compiled, and keep(), which keeps the code compiled so far. */
export interface CompiledModule {
  exports: unknown;
  cache: CodeCacheUse;
  /**
   * Keeps the code V8 has compiled of the bundle so far for the next run, once (later calls return the first one's
   * answer): nothing where kept code was used, or where Node keeps it itself.
   */
  keep(): CodeCacheUse;
}

/**
 * `require(file)` through the code cache in `dir`: the module is registered as require would register it, so a later
 * `require(file)` returns the same exports. A cache that cannot be read or written is no error: the bundle is then
 * compiled as usual. Where no kept code was used, the code is kept at once, or with `later` when the caller calls
 * keep(): V8 compiles a function when it first runs, so code kept as the bundle is loaded holds its top level alone,
 * and code kept once the work each run does again has run holds that work's functions too (the loopback host's start:
 * ~50 ms less of a core before its first page, cli/start.ts).
 */
export function requireWithCodeCache(file: string, dir: string, later = false): CompiledModule {
  // require.cache, reached through Module so this also runs where `require` is not defined.
  const loaded = (Module as unknown as { _cache: Record<string, Module | undefined> })._cache;
  const known = loaded[file];
  if (known) return { exports: known.exports, cache: 'none', keep: () => 'none' };
  const source = fs.readFileSync(file);
  const { target, cachedData } = keptCodeOf(file, source, dir);
  const script = new vm.Script(Module.wrap(source.toString('utf8')), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = new Module(file);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  loaded[file] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(
      module.exports,
      module.exports,
      createRequire(file),
      module,
      file,
      path.dirname(file),
    );
  } catch (error) {
    delete loaded[file];
    throw error;
  }
  module.loaded = true;
  if (cachedData && !script.cachedDataRejected) return { exports: module.exports, cache: 'used', keep: () => 'used' };
  let kept: CodeCacheUse | undefined;
  const keep = (): CodeCacheUse => {
    if (kept) return kept;
    try {
      writeWhole(file, target, script.createCachedData());
      kept = 'made';
    } catch {
      // Without the cache next time.
      kept = 'none';
    }
    return kept;
  };
  return { exports: module.exports, cache: later ? 'none' : keep(), keep };
}

/**
 * `require(file)` with V8's compiled code kept between runs, the one way to load a large bundle: by Node's own compile
 * cache where it is on (Node 22.8+, turned on by the CLI: cli/start.ts; it keeps a module's code as it is compiled, so
 * `later` and keep() do nothing there), else through requireWithCodeCache in `dir`.
 */
export function requireCompiled(file: string, dir: string = compileCacheDir(), later = false): CompiledModule {
  const nodeKeeps = (Module as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.();
  return nodeKeeps ? { exports: createRequire(file)(file), cache: 'none', keep: () => 'none' } : requireWithCodeCache(file, dir, later);
}
