/**
 * `renkei report pack` from dist/ against what could go wrong around it: a
 * user's folder named like the old temporary one survives the pack, and it
 * starts no browser at all (its PDF is the core's own), so none can outlive
 * it. Every wait is bounded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runRenkei } from '../support/serve';

let dir: string;
let db: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-pack-life-'));
  db = path.join(dir, 'demo.sqlite');
  expect(runRenkei(dir, 'init', '--db', db, '--demo').code).toBe(0);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The processes whose parent is `pid` and whose command line mentions Chromium. */
function chromiumChildren(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('chromium')) found.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/** `renkei report pack` of 令和5年度 with 登録状況の概要 alone, dated 2024-04-01, from `database` into `out`, run to its end. */
function packSummary(database: string, out: string) {
  return runRenkei(dir, 'report', '--db', database, 'pack', '--fy', '2023', '--date', '2024-04-01', '--reports', 'summary', '--out', out);
}

function startPack(out: string, chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): ChildProcess {
  return spawn(process.execPath, [CLI, 'report', '--db', db, 'pack', '--fy', '2023', '--date', '2024-04-01', '--out', out], {
    env: { ...process.env, RENKEI_USER_DATA: path.join(dir, 'user-data'), CHROMIUM_PATH: chromium },
    stdio: 'ignore',
  });
}

describe('renkei report pack', () => {
  it("leaves a user's folder named like the old temporary one as it was", () => {
    const victim = path.join(dir, 'victim.partial');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, '下書き.docx'), '消さないで');
    const run = packSummary(db, path.join(dir, 'victim'));
    expect(run.code, run.err).toBe(0);
    expect(fs.readFileSync(path.join(victim, '下書き.docx'), 'utf8')).toBe('消さないで');
    expect(fs.readdirSync(path.join(dir, 'victim'))).toContain('manifest.json');
    expect(fs.readdirSync(dir).filter((name) => name.includes('renkei-partial'))).toEqual([]);
  }, 300_000);

  it('takes the written folder back when the pack cannot be recorded in the audit log: both or neither', () => {
    // A copy whose log refuses the pack's entry, written after the folder (on a shared server: a role not yet granted it).
    const refusing = path.join(dir, 'refusing.sqlite');
    fs.copyFileSync(db, refusing);
    const raw = new BetterSqlite3(refusing);
    raw.exec(
      `CREATE TRIGGER refuse_pack BEFORE INSERT ON audit_log WHEN NEW.operation = 'report.pack' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    raw.close();
    const out = path.join(dir, 'unrecorded');
    const run = packSummary(refusing, out);
    expect(run.code, run.out).not.toBe(0);
    expect(fs.existsSync(out)).toBe(false);
  }, 300_000);

  it('starts no browser: the PDF is written by the core, so no Chromium can outlive the CLI', async () => {
    const out = path.join(dir, 'no-browser');
    // A browser that is not there: the pack is made all the same.
    const cli = startPack(out, '/nonexistent/chromium');
    const exited = new Promise<number | null>((resolve) => cli.on('exit', (c) => resolve(c)));
    let seen = false;
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      if (chromiumChildren(cli.pid!).length > 0) seen = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await exited).toBe(0);
    expect(seen, 'a Chromium child of the CLI').toBe(false);
    expect(fs.readdirSync(out)).toContain('manifest.json');
  }, 120_000);
});
