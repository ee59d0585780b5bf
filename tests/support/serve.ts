/**
 * Starts the real loopback host (`renkei serve` from dist/) as a child
 * process on a given database file, and reads its URL and (unless told not
 * to) the page's token the way a browser would.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'core', 'cli.cjs');

/** Runs `renkei` from dist/ to its end, with its settings under `dir`/user-data and the system's Chromium for printing. */
export function runRenkei(dir: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RENKEI_USER_DATA: path.join(dir, 'user-data'), CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

export interface ServeProcess {
  url: string;
  /** The database it serves: the file (or postgres:// URL) given, or on a first start renkei.sqlite in the user-data folder. */
  dbPath: string;
  token: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** One operation through the host's API, as the page asks it: the answer's value; a refusal throws with its message. */
  // biome-ignore lint/suspicious/noExplicitAny: answers of every shape, read as the test expects them (as res.json() gives them).
  call(name: string, input: unknown): Promise<any>;
  stop(): Promise<void>;
}

/**
 * `renkei serve` by default; `entry` runs another script (e.g. scripts/start.mjs) that ends up serving.
 * `dbPath` is a database that is there (serve makes none at a path it is given), or a postgres:// URL, then with
 * `userData` given (there is no file to put it beside); null is a first start: no --db, and serve makes its database,
 * renkei.sqlite in `userData`. `env` is added to the process's environment.
 */
export async function startServeProcess(
  dbPath: string | null,
  entry: string[] = [CLI, 'serve'],
  userData = path.join(path.dirname(dbPath ?? '.'), 'user-data'),
  readToken = true,
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} がありません。npm run build を先に実行してください。`);
  const child = spawn(process.execPath, [...entry, ...(dbPath === null ? [] : ['--db', dbPath]), '--port', '0'], {
    env: { ...process.env, RENKEI_USER_DATA: userData, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve did not start:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
  // The page is asked for its token unless the caller opens it first (it is then the page's first load, answers and all).
  const token = readToken ? /<meta name="renkei-token" content="([0-9a-f]+)">/.exec(await (await fetch(url)).text())?.[1] : '';
  if (token === undefined) throw new Error('served page carries no token');
  return {
    url,
    dbPath: dbPath ?? path.join(userData, 'renkei.sqlite'),
    token,
    child,
    output: () => output,
    call: async (name, input) => {
      if (!token) throw new Error('startServeProcess(…, readToken = false): no token to call with');
      const res = await fetch(`${url}api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-renkei-token': token },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
      return body.value;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
