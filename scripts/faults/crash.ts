/**
 * Crash guard: kill -9 at a random moment during an import, a run of saves,
 * a backup, a restore and a pack, then start Renkei once more and look:
 * the database passes integrity_check, each operation is all or nothing,
 * every save the host confirmed is there, and nothing is left behind.
 */

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { TOKEN_HEADER } from '@core/host/server';
import { CLI, runRenkei, startServeProcess } from '@tests/support/serve';
import { benchInstitutions, toCsv } from '../bench/institutions';
import { emptyCounts, type FaultCounts } from './counts';
import { type Random, randomSource } from './random';

export interface CrashOptions {
  dir: string;
  /** Kills in all; spread over the five kinds of work. */
  kills: number;
  seed?: number;
}

const SCENARIOS = ['import', 'save', 'backup', 'restore', 'pack'] as const;
type Scenario = (typeof SCENARIOS)[number];

function env(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, RENKEI_USER_DATA: path.join(dir, 'user-data'), CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' };
}

/** Starts `renkei …` and kills it with SIGKILL after `ms`; resolves when it is gone. */
function runAndKill(dir: string, args: string[], ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: env(dir), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

function integrityOk(file: string): boolean {
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('integrity_check', { simple: true }) === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

function count(file: string, sql: string): number {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Files and folders beside `file` (and in its backup folder) that a finished run does not leave. */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (/\.(partial|restoring|tmp)$|\.partial-|\.restoring-|renkei-(pack|tmp)-/i.test(entry.name)) found.push(path.relative(dir, full));
      if (entry.isDirectory() && entry.name !== 'user-data') walk(full);
    }
  };
  walk(dir);
  return found;
}

function chromiumProcesses(): number {
  let n = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (/chrom/i.test(cmd.split('\0')[0] ?? '') && cmd.includes('--headless')) n += 1;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

/** The next start: open the database the way every command does, which cleans what killed runs left. */
function nextStart(dir: string, db: string): void {
  runRenkei(dir, 'audit', '--db', db, '--limit', '1');
}

export async function runCrashes(options: CrashOptions): Promise<FaultCounts> {
  const counts = emptyCounts('crash');
  const random = randomSource(options.seed ?? 7);
  const base = path.join(options.dir, 'crash-base.sqlite');
  const init = runRenkei(options.dir, 'init', '--demo', '--db', base);
  if (init.code !== 0) throw new Error(`init failed: ${init.err}`);
  runRenkei(options.dir, 'backup', '--db', base);
  const csv = path.join(options.dir, 'institutions.csv');
  fs.writeFileSync(csv, toCsv(benchInstitutions(30_000)));
  const chromiumBefore = chromiumProcesses();

  for (let i = 0; i < options.kills; i += 1) {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    const work = path.join(options.dir, `crash-${i}`);
    fs.mkdirSync(work, { recursive: true });
    const db = path.join(work, 'renkei.sqlite');
    fs.copyFileSync(base, db);
    fs.cpSync(`${base.replace(/\.sqlite$/, '')}-backups`, path.join(work, 'renkei-backups'), { recursive: true });
    counts.attempts += 1;
    try {
      const problem = await crashOnce(scenario, work, db, random, counts);
      nextStart(options.dir, db);
      if (!integrityOk(db)) {
        counts.crashes += 1;
        counts.examples.push(`${scenario} #${i}: integrity_check failed`);
      }
      if (problem) counts.examples.push(`${scenario} #${i}: ${problem}`);
      const left = leftovers(work);
      if (left.length > 0) {
        counts.partialWrites += 1;
        counts.examples.push(`${scenario} #${i}: left behind ${left.join(', ')}`);
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  await new Promise((r) => setTimeout(r, 1000));
  const strays = chromiumProcesses() - chromiumBefore;
  if (strays > 0) {
    counts.partialWrites += 1;
    counts.examples.push(`Chromium processes left running after killed packs: ${strays}`);
  }
  return counts;
}

async function crashOnce(scenario: Scenario, work: string, db: string, random: Random, counts: FaultCounts): Promise<string | null> {
  const dir = path.dirname(work);
  switch (scenario) {
    case 'import': {
      const before = count(db, 'SELECT count(*) FROM institution');
      await runAndKill(dir, ['import', '--db', db, 'institutions', path.join(dir, 'institutions.csv')], random.between(300, 4000));
      const after = count(db, 'SELECT count(*) FROM institution');
      if (after !== before && after !== before + 30_000) {
        counts.partialWrites += 1;
        return `institutions ${before} → ${after}: neither none nor all of 30,000`;
      }
      counts.accepted += after === before ? 0 : 1;
      return null;
    }
    case 'save': {
      const serve = await startServeProcess(db);
      const confirmed: string[] = [];
      const stopAt = Date.now() + random.between(200, 2500);
      let n = 0;
      const loop = (async () => {
        while (Date.now() < stopAt) {
          const name = `耐障害${process.pid}-${n++}`;
          try {
            const res = await fetch(`${serve.url}api/masters.areas.save`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', [TOKEN_HEADER]: serve.token },
              body: JSON.stringify({ kind: 'home_care', name, parentId: null, sortOrder: 0 }),
            });
            if (res.ok) confirmed.push(name);
          } catch {
            return;
          }
        }
      })();
      await loop;
      serve.child.kill('SIGKILL');
      await new Promise((r) => serve.child.once('exit', r));
      const names = new Set(
        (() => {
          const conn = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
          try {
            return conn.prepare("SELECT name FROM area WHERE name LIKE '耐障害%'").pluck().all() as string[];
          } finally {
            conn.close();
          }
        })(),
      );
      const lost = confirmed.filter((name) => !names.has(name));
      counts.accepted += confirmed.length;
      if (lost.length > 0) {
        counts.lostConfirmations += lost.length;
        return `${lost.length} of ${confirmed.length} confirmed saves missing`;
      }
      return null;
    }
    case 'backup': {
      await runAndKill(dir, ['backup', '--db', db], random.between(50, 600));
      const backups = path.join(work, 'renkei-backups');
      for (const file of fs.readdirSync(backups).filter((f) => f.endsWith('.sqlite'))) {
        if (!integrityOk(path.join(backups, file))) {
          counts.partialWrites += 1;
          return `backup ${file} is damaged but listed as a backup`;
        }
      }
      return null;
    }
    case 'restore': {
      const name = fs.readdirSync(path.join(work, 'renkei-backups')).find((f) => f.endsWith('.sqlite'));
      if (!name) return 'no backup to restore';
      await runAndKill(dir, ['restore', '--db', db, name], random.between(50, 800));
      return null;
    }
    case 'pack': {
      const out = path.join(work, 'pack');
      await runAndKill(dir, ['report', 'pack', '--db', db, '--fy', '2023', '--out', out], random.between(500, 6000));
      if (fs.existsSync(out)) {
        const manifest = path.join(out, 'manifest.json');
        if (!fs.existsSync(manifest)) {
          counts.partialWrites += 1;
          return 'pack folder exists without its manifest';
        }
        // The manifest as pack.ts writes it: each file by its name, SHA-256 and size.
        const listed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { files?: { fileName: string; sha256: string }[] };
        if (!listed.files?.length) {
          counts.partialWrites += 1;
          return 'pack manifest lists no files';
        }
        const broken = listed.files.filter((f) => {
          const file = path.join(out, f.fileName);
          return !fs.existsSync(file) || crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') !== f.sha256;
        });
        if (broken.length > 0) {
          counts.partialWrites += 1;
          return `pack misses or has a damaged ${broken.map((f) => f.fileName).join(', ')}`;
        }
      }
      return null;
    }
  }
}
