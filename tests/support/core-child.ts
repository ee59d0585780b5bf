/**
 * Runs core-child-main.ts in a separate Node process (bundled once per test
 * file with esbuild; better-sqlite3 is found through NODE_PATH), so tests can
 * put two processes on one database file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
let bundled: string | undefined;

afterAll(() => {
  if (bundled) fs.rmSync(path.dirname(bundled), { recursive: true, force: true });
  bundled = undefined;
});

function bundle(): string {
  if (bundled) return bundled;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-child-'));
  const outfile = path.join(dir, 'child.cjs');
  buildSync({
    entryPoints: [path.join(__dirname, 'core-child-main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    external: ['better-sqlite3', 'electron', 'playwright-core'],
  });
  bundled = outfile;
  return outfile;
}

export type ChildLine = { ready?: true; saved?: number; name?: string; failed?: string; done?: true };

export interface CoreChild {
  child: ChildProcess;
  lines: ChildLine[];
  /** Resolves once a line matching `test` has been printed (or rejects when the process ends first). */
  waitFor(test: (line: ChildLine) => boolean): Promise<ChildLine>;
  /** Resolves with every line once the process has ended. */
  finished: Promise<ChildLine[]>;
}

export function startCoreChild(...args: string[]): CoreChild {
  const child = spawn(process.execPath, [bundle(), ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
  });
  const lines: ChildLine[] = [];
  const waiters: { test: (line: ChildLine) => boolean; resolve: (line: ChildLine) => void; reject: (e: Error) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = JSON.parse(buffer.slice(0, newline)) as ChildLine;
      buffer = buffer.slice(newline + 1);
      lines.push(line);
      for (const w of waiters.filter((w) => w.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
      newline = buffer.indexOf('\n');
    }
  });
  const finished = new Promise<ChildLine[]>((resolve, reject) => {
    child.once('exit', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`child ended (${code}) before the awaited line: ${stderr}`));
      if (code === 0) resolve(lines);
      else reject(new Error(`child ended with ${code}: ${stderr}${JSON.stringify(lines.slice(-3))}`));
    });
  });
  finished.catch(() => undefined);
  return {
    child,
    lines,
    finished,
    waitFor: (test) => {
      const seen = lines.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => waiters.push({ test, resolve, reject }));
    },
  };
}
