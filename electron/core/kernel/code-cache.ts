/**
 * Loading a large bundle with V8's compiled code kept between runs: what Node 22.1+ does itself
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
 * shared temporary one; `flags` names a folder apart for code compiled under other V8 flags (V8 refuses it otherwise,
 * and each would replace the other's at every run).
 */
export function compileCacheDir(flags?: string): string {
  const base =
    process.platform === 'win32'
      ? path.join(process.env.LOCALAPPDATA ?? os.homedir(), 'renkei', 'compile-cache')
      : process.platform === 'darwin'
        ? path.join(os.homedir(), 'Library', 'Caches', 'renkei', 'compile-cache')
        : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'renkei', 'compile-cache');
  return flags ? path.join(base, flags) : base;
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

/**
 * `require(file)` through the code cache in `dir`: the module is registered as require would register it, so a later
 * `require(file)` returns the same exports. A cache that cannot be read or written is no error: the bundle is then
 * compiled as usual.
 */
export function requireWithCodeCache(file: string, dir: string): { exports: unknown; cache: CodeCacheUse } {
  // require.cache, reached through Module so this also runs where `require` is not defined.
  const loaded = (Module as unknown as { _cache: Record<string, Module | undefined> })._cache;
  const known = loaded[file];
  if (known) return { exports: known.exports, cache: 'none' };
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
  if (cachedData && !script.cachedDataRejected) return { exports: module.exports, cache: 'used' };
  try {
    writeWhole(file, target, script.createCachedData());
    return { exports: module.exports, cache: 'made' };
  } catch {
    // Without the cache next time.
    return { exports: module.exports, cache: 'none' };
  }
}

/**
 * `require(file)` with V8's compiled code kept between runs, the one way to load a large bundle: by Node's own compile
 * cache where it is on (Node 22.1+, turned on by the CLI: cli/start.ts), else through requireWithCodeCache in `dir`.
 */
export function requireCompiled(file: string, dir: string = compileCacheDir()): unknown {
  const nodeKeeps = (Module as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.();
  return nodeKeeps ? createRequire(file)(file) : requireWithCodeCache(file, dir).exports;
}
