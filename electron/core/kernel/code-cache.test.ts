import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';

/**
 * Each load runs in a process of its own, as each `renkei` command does: within one process V8 keeps what it compiled
 * and would never read the cache file at all.
 */
let loader: string;
beforeAll(() => {
  loader = path.join(tempDir(), 'code-cache.cjs');
  buildSync({ entryPoints: [path.join(__dirname, 'code-cache.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: loader });
});

function load(file: string, cache: string): { cache: string; answer: number; again: boolean } {
  const script = `const { requireWithCodeCache } = require(${JSON.stringify(loader)});
const loaded = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)});
process.stdout.write(JSON.stringify({ cache: loaded.cache, answer: loaded.exports.answer, again: require(${JSON.stringify(file)}) === loaded.exports }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/** A bundle of some size that requires a built-in. */
function bundle(dir: string): string {
  const file = path.join(dir, 'commands.cjs');
  const functions = Array.from({ length: 2000 }, (_, i) => `function f${i}(x) { return x * ${i} + path.sep.length; }`).join('\n');
  fs.writeFileSync(file, `const path = require('node:path');\n${functions}\nmodule.exports = { answer: f21(2) };\n`);
  return file;
}

const cacheFiles = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.bin'));

describe('loading the commands through a code cache (Node before 22.8)', () => {
  it('keeps the compiled code at the first run and compiles from it at the next, the module registered as require does', () => {
    const dir = tempDir();
    const cache = path.join(dir, 'cache');
    const file = bundle(dir);
    expect(load(file, cache)).toEqual({ cache: 'made', answer: 43, again: true });
    const [written] = cacheFiles(cache);
    expect(written).toMatch(/^commands\.cjs-/);
    const before = fs.statSync(path.join(cache, written!)).mtimeMs;
    expect(load(file, cache)).toEqual({ cache: 'used', answer: 43, again: true });
    expect(fs.statSync(path.join(cache, written!)).mtimeMs).toBe(before);
  });

  it('compiles as usual past a damaged cache and replaces it; a rebuilt bundle replaces the old build’s file', () => {
    const dir = tempDir();
    const cache = path.join(dir, 'cache');
    const file = bundle(dir);
    load(file, cache);
    const [written] = cacheFiles(cache);
    fs.writeFileSync(path.join(cache, written!), 'not a code cache at all');
    expect(load(file, cache)).toEqual({ cache: 'made', answer: 43, again: true });
    expect(load(file, cache).cache).toBe('used');

    fs.appendFileSync(file, '\n// rebuilt\n');
    expect(load(file, cache).cache).toBe('made');
    expect(cacheFiles(cache)).toHaveLength(1);
    expect(cacheFiles(cache)[0]).not.toBe(written);
    expect(load(file, cache).cache).toBe('used');

    // Another install's bundle of the same name keeps its own file beside this one, and neither takes the other's.
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    const elsewhere = bundle(other);
    expect(load(elsewhere, cache).cache).toBe('made');
    expect(cacheFiles(cache)).toHaveLength(2);
    expect(load(file, cache).cache).toBe('used');
    expect(load(elsewhere, cache).cache).toBe('used');
    expect(fs.readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the code later when asked to, with the functions run meanwhile, which code kept at load leaves out', () => {
    const dir = tempDir();
    const file = bundle(dir);
    fs.appendFileSync(file, `module.exports.all = () => { let s = 0; for (let i = 0; i < 2000; i++) s += eval('f' + i)(1); return s; };\n`);
    const keep = (cache: string, later: boolean) => {
      const script = `const { requireWithCodeCache } = require(${JSON.stringify(loader)});
const loaded = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)}, ${later});
const before = require('node:fs').existsSync(${JSON.stringify(cache)}) ? require('node:fs').readdirSync(${JSON.stringify(cache)}).length : 0;
loaded.exports.all();
process.stdout.write(JSON.stringify({ cache: loaded.cache, before, kept: loaded.keep(), again: loaded.keep() }));`;
      return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    };
    const atLoad = path.join(dir, 'at-load');
    const later = path.join(dir, 'later');
    expect(keep(atLoad, false)).toEqual({ cache: 'made', before: 1, kept: 'made', again: 'made' });
    // Nothing written until keep(), then once.
    expect(keep(later, true)).toEqual({ cache: 'none', before: 0, kept: 'made', again: 'made' });
    const size = (cache: string) => fs.statSync(path.join(cache, cacheFiles(cache)[0]!)).size;
    // The 2,000 functions run before keep() are in its code: V8 compiles each as it first runs.
    expect(size(later)).toBeGreaterThan(size(atLoad) + 2000 * 50);
    expect(load(file, later).cache).toBe('used');
    expect(keep(later, true)).toEqual({ cache: 'used', before: 1, kept: 'used', again: 'used' });
  });

  it('loads without a cache where it cannot keep one', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    expect(load(bundle(dir), path.join(blocker, 'cache'))).toEqual({ cache: 'none', answer: 43, again: true });
  });
});
