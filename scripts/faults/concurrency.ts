/**
 * Concurrency guard: two loopback hosts and the CLI write one database file at
 * once for a while. Every save must succeed (none refused for a busy file) and
 * every confirmed save must be in the file afterwards.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { TOKEN_HEADER } from '@core/host/server';
import { CLI, runRenkei, type ServeProcess, startServeProcess } from '@tests/support/serve';
import { emptyCounts, type FaultCounts } from './counts';

export interface ConcurrencyOptions {
  dir: string;
  seconds: number;
}

async function saveLoop(serve: ServeProcess, tag: string, until: number, counts: FaultCounts): Promise<string[]> {
  const confirmed: string[] = [];
  for (let i = 0; Date.now() < until; i += 1) {
    const name = `並行${tag}-${i}`;
    counts.attempts += 1;
    const res = await fetch(`${serve.url}api/masters.areas.save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: serve.token },
      body: JSON.stringify({ kind: 'home_care', name, parentId: null, sortOrder: 0 }),
    });
    const body = (await res.json()) as { ok: boolean; error?: { message: string } };
    if (body.ok) {
      counts.accepted += 1;
      confirmed.push(name);
    } else {
      counts.crashes += 1;
      if (counts.examples.length < 10) counts.examples.push(`host ${tag}: ${body.error?.message ?? res.status}`);
    }
  }
  return confirmed;
}

function runCli(dir: string, args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, RENKEI_USER_DATA: path.join(dir, 'user-data') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, err }));
  });
}

/** The CLI importing a few new institutions at a time, each run one all-or-nothing save. */
async function cliLoop(dir: string, db: string, until: number, counts: FaultCounts): Promise<string[]> {
  const confirmed: string[] = [];
  for (let run = 0; Date.now() < until; run += 1) {
    const codes = Array.from({ length: 20 }, (_, i) => String(980_000_000 + run * 100 + i));
    const file = path.join(dir, `cli-${run}.csv`);
    fs.writeFileSync(file, ['医療機関コード,名称,所在地', ...codes.map((c) => `${c},並行診療所${c},新潟市`)].join('\r\n'));
    counts.attempts += 1;
    const result = await runCli(dir, ['import', '--db', db, 'institutions', file]);
    if (result.code === 0) {
      counts.accepted += 1;
      confirmed.push(...codes);
    } else {
      counts.crashes += 1;
      if (counts.examples.length < 10) counts.examples.push(`cli: ${result.err.trim().slice(0, 200)}`);
    }
  }
  return confirmed;
}

export async function runConcurrency(options: ConcurrencyOptions): Promise<FaultCounts> {
  const counts = emptyCounts('concurrency');
  const dir = path.join(options.dir, 'concurrency');
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'shared.sqlite');
  const init = runRenkei(dir, 'init', '--demo', '--db', db);
  if (init.code !== 0) throw new Error(`init failed: ${init.err}`);
  const hosts = [await startServeProcess(db), await startServeProcess(db)];
  try {
    const until = Date.now() + options.seconds * 1000;
    const [a, b, cli] = await Promise.all([
      saveLoop(hosts[0]!, 'A', until, counts),
      saveLoop(hosts[1]!, 'B', until, counts),
      cliLoop(dir, db, until, counts),
    ]);
    await Promise.all(hosts.map((h) => h.stop()));
    const conn = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
    try {
      const names = new Set(conn.prepare("SELECT name FROM area WHERE name LIKE '並行%'").pluck().all() as string[]);
      const codes = new Set(conn.prepare("SELECT code FROM institution WHERE code LIKE '98%'").pluck().all() as string[]);
      const lost = [...a, ...b].filter((n) => !names.has(n)).length + cli.filter((c) => !codes.has(c)).length;
      counts.lostConfirmations += lost;
      if (lost > 0) counts.examples.push(`${lost} confirmed saves missing`);
      if (conn.pragma('integrity_check', { simple: true }) !== 'ok') {
        counts.crashes += 1;
        counts.examples.push('integrity_check failed');
      }
    } finally {
      conn.close();
    }
  } finally {
    await Promise.all(hosts.map((h) => h.stop()));
  }
  return counts;
}
