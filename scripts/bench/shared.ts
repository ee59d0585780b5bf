/**
 * `npm run bench -- --shared [--seconds N]`: twenty clients editing the same
 * fiscal year at once — 基金 amount cells, a center's subsidy steps, survey
 * answers, a third of them each, two records of each kind — for N seconds
 * (60 by default), in two OS processes of ten Cores each (shared-clients.ts):
 * first against the PostgreSQL server of RENKEI_TEST_PG (on this machine
 * only; a throwaway database), then on one SQLite file, for comparison. Per
 * kind and engine: accepted saves, conflicts (each must be the version
 * conflict with its Japanese message), lost updates (accepted saves the final
 * state does not descend from; lost-updates.ts), audit entries against the
 * accepted saves, and p50/p95 save latency. Any lost update, other refusal or
 * audit mismatch fails the run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core } from '@core/core';
import { parsePgUrl } from '@core/kernel/db/postgres';
import { createPgDatabase } from '@tests/support/pg-database';
import { lostUpdates, percentile } from './lost-updates';
import {
  type ChildOrders,
  type ClientResult,
  EDIT_KIND_LABELS,
  EDIT_KINDS,
  type EditKind,
  readRecord,
  type SharedFixture,
} from './shared-clients';

const FISCAL_YEAR = 2023;
/** Records edited per kind: clients of a kind share them, so most saves meet another's change. */
const RECORDS = 2;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The demo's records the clients edit (see SharedFixture). */
async function findFixture(core: Core): Promise<SharedFixture> {
  const fiscalYear = FISCAL_YEAR;
  const year = await core.call('fund.year', { side: 'medical', fiscalYear });
  const projectIds = Object.keys(year.amounts).map(Number).slice(0, RECORDS);
  const centerIds = (await core.call('subsidy.year', { fiscalYear })).rows
    .filter((r) => r.status === 'decided' && r.decided !== null && r.paid < r.decided)
    .map((r) => r.center.id)
    .slice(0, RECORDS);
  const round = (await core.call('survey.rounds.list', {})).find(
    (r) => r.fiscalYear === fiscalYear && r.definitionName === 'センター人員配置状況調査',
  );
  const targetIds = round
    ? (await core.call('survey.rounds.get', { id: round.id })).targets
        .filter((t) => t.status === 'valid')
        .map((t) => t.id)
        .slice(0, RECORDS)
    : [];
  if (!year.version || projectIds.length < RECORDS || centerIds.length < RECORDS || !round || targetIds.length < RECORDS)
    throw new Error(`デモの${FISCAL_YEAR}年度に、編集する基金の行・補助金のセンター・調査の回答が${RECORDS}件ずつありません。`);
  return { fiscalYear, fund: { versionId: year.version.id, projectIds }, subsidy: { centerIds }, survey: { roundId: round.id, targetIds } };
}

/** Audit entries of a kind's records so far (the subsidy's: every step's). */
async function auditCount(core: Core, fixture: SharedFixture, kind: EditKind): Promise<number> {
  const total = async (entity: 'fund_budget_amount' | 'subsidy_step' | 'survey_answer', entityId?: string) =>
    (await core.call('audit.list', { entity, ...(entityId ? { entityId } : {}), limit: 1 })).total;
  let sum = 0;
  if (kind === 'fund') for (const p of fixture.fund.projectIds) sum += await total('fund_budget_amount', `${fixture.fund.versionId}:${p}`);
  if (kind === 'subsidy') sum += await total('subsidy_step');
  if (kind === 'survey') for (const t of fixture.survey.targetIds) sum += await total('survey_answer', `${fixture.survey.roundId}:${t}`);
  return sum;
}

interface KindFigures {
  clients: number;
  accepted: number;
  conflicts: number;
  otherRefusals: number;
  lost: number;
  /** Audit entries written during the run, which must equal the accepted saves. */
  audited: number;
  p50: number;
  p95: number;
}

interface EngineFigures {
  engine: string;
  kinds: Record<EditKind, KindFigures>;
  /** A few of the refusals that were not the conflict message. */
  otherMessages: string[];
}

/** A child process running some of the clients (see runSharedChild). */
function startChild(orders: ChildOrders) {
  const child = spawn(process.execPath, [process.argv[1]!, '--shared-child'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let buffer = '';
  const lines: { ready?: true; results?: ClientResult[] }[] = [];
  const listeners: (() => void)[] = [];
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, at)));
      buffer = buffer.slice(at + 1);
      for (const listener of listeners) listener();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const waitFor = <K extends 'ready' | 'results'>(key: K) =>
    new Promise<NonNullable<(typeof lines)[number][K]>>((resolve, reject) => {
      const check = () => {
        const line = lines.find((l) => l[key] !== undefined);
        if (line) resolve(line[key]!);
      };
      listeners.push(check);
      check();
      void exited.then((code) => reject(new Error(`bench child ended (${code}) before ${key}: ${stderr}`)));
    });
  child.stdin.write(`${JSON.stringify(orders)}\n`);
  return {
    ready: waitFor('ready'),
    results: waitFor('results'),
    go: (end: number) => child.stdin.end(`go ${end}\n`),
    exited,
    kill: () => child.kill(),
  };
}

/** Runs the clients on a database already holding the demo, through `seed`, and checks what stayed. */
async function runScenario(
  engine: string,
  open: ChildOrders['open'],
  seed: Core,
  seconds: number,
  clients: number,
  processes: number,
): Promise<EngineFigures> {
  const fixture = await findFixture(seed);
  const refs = Array.from({ length: clients }, (_, client) => ({
    client,
    kind: EDIT_KINDS[client % EDIT_KINDS.length]!,
    record: Math.floor(client / EDIT_KINDS.length) % RECORDS,
  }));
  const records = EDIT_KINDS.flatMap((kind) => Array.from({ length: RECORDS }, (_, record) => ({ kind, record })));
  const initial = await Promise.all(records.map(async (r) => (await readRecord(seed, fixture, r)).marker));
  const auditBefore = await Promise.all(EDIT_KINDS.map((kind) => auditCount(seed, fixture, kind)));
  const children = Array.from({ length: processes }, (_, p) =>
    startChild({ open, fixture, clients: refs.filter((r) => r.client % processes === p) }),
  );
  let results: ClientResult[];
  try {
    await Promise.all(children.map((c) => c.ready));
    const end = Date.now() + seconds * 1000;
    for (const child of children) child.go(end);
    results = (await Promise.all(children.map((c) => c.results))).flat();
    await Promise.all(children.map((c) => c.exited));
  } finally {
    for (const child of children) child.kill();
  }
  const final = await Promise.all(records.map(async (r) => (await readRecord(seed, fixture, r)).marker));
  const auditAfter = await Promise.all(EDIT_KINDS.map((kind) => auditCount(seed, fixture, kind)));
  const kinds = {} as Record<EditKind, KindFigures>;
  for (const [k, kind] of EDIT_KINDS.entries()) {
    const ofKind = results.filter((r) => r.kind === kind);
    let lost = 0;
    for (const [i, r] of records.entries()) {
      if (r.kind !== kind) continue;
      const saves = ofKind.filter((c) => c.record === r.record).flatMap((c) => c.accepted);
      lost += lostUpdates(initial[i]!, saves, final[i]!);
    }
    const latencies = ofKind.flatMap((c) => c.latencies);
    kinds[kind] = {
      clients: ofKind.length,
      accepted: ofKind.reduce((n, c) => n + c.accepted.length, 0),
      conflicts: ofKind.reduce((n, c) => n + c.conflicts, 0),
      otherRefusals: ofKind.reduce((n, c) => n + c.otherRefusalCount, 0),
      lost,
      audited: auditAfter[k]! - auditBefore[k]!,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
    };
  }
  return { engine, kinds, otherMessages: results.flatMap((r) => r.otherRefusals).slice(0, 5) };
}

async function onPostgres(url: string, seconds: number, clients: number, processes: number): Promise<EngineFigures> {
  const host = parsePgUrl(url).host;
  if (!LOOPBACK.has(host)) throw new Error(`The shared bench runs only against a server on this machine (127.0.0.1), not ${host}.`);
  const { connection, drop } = await createPgDatabase(url, 'renkei_bench');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-shared-'));
  try {
    const seed = await Core.open({ connection, workDir });
    try {
      await seed.call('app.demo.load', {});
      return await runScenario('PostgreSQL, one server', { connection, workDir }, seed, seconds, clients, processes);
    } finally {
      await seed.close();
    }
  } finally {
    await drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function onSqlite(seconds: number, clients: number, processes: number): Promise<EngineFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-shared-'));
  const dbPath = path.join(dir, 'shared.sqlite');
  try {
    const seed = await Core.open({ dbPath });
    try {
      await seed.call('app.demo.load', {});
      return await runScenario('SQLite, one file', { dbPath }, seed, seconds, clients, processes);
    } finally {
      await seed.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each kind's figures, one line per engine, the engines under each other. */
function print(runs: EngineFigures[], seconds: number, clients: number, processes: number): boolean {
  const num = (n: number, width = 8) => String(n).padStart(width);
  const ms = (n: number) => n.toFixed(1).padStart(8);
  console.log(
    `shared mode: ${clients} clients in ${processes} processes, ${seconds} s, fiscal year ${FISCAL_YEAR}, ${RECORDS} records per kind`,
  );
  console.log(
    `  ${'engine'.padEnd(24)}${['clients', 'accepted', 'conflict', 'other', 'lost', 'audited', 'p50 ms', 'p95 ms'].map((h) => h.padStart(8)).join(' ')}`,
  );
  let ok = true;
  for (const kind of EDIT_KINDS) {
    console.log(`  ${EDIT_KIND_LABELS[kind]}`);
    for (const run of runs) {
      const f = run.kinds[kind];
      ok &&= f.lost === 0 && f.otherRefusals === 0 && f.audited === f.accepted && f.accepted > 0;
      console.log(
        `  ${`  ${run.engine}`.padEnd(24)}${[num(f.clients), num(f.accepted), num(f.conflicts), num(f.otherRefusals), num(f.lost), num(f.audited), ms(f.p50), ms(f.p95)].join(' ')}`,
      );
    }
  }
  for (const run of runs) for (const message of run.otherMessages) console.log(`  ${run.engine}, refused otherwise: ${message}`);
  console.log(
    ok
      ? '  0 lost updates; every refusal the version conflict with its message; an audit entry per accepted save'
      : '  FAILED: a lost update, a refusal other than the conflict message, an audit count off, or a kind with no accepted save',
  );
  return ok;
}

export async function benchShared(seconds: number, clients = 20, processes = 2): Promise<void> {
  if (!(seconds > 0)) throw new Error('--seconds takes a number of seconds greater than 0.');
  if (!Number.isInteger(clients) || clients < EDIT_KINDS.length)
    throw new Error(`--clients takes a whole number, at least ${EDIT_KINDS.length} (one per kind of edit).`);
  const runs: EngineFigures[] = [];
  const url = process.env.RENKEI_TEST_PG;
  if (url) runs.push(await onPostgres(url, seconds, clients, processes));
  else
    console.log(
      'shared mode on PostgreSQL skipped: RENKEI_TEST_PG is not set (postgres://user@127.0.0.1:port/db of a server to bench against)',
    );
  runs.push(await onSqlite(seconds, clients, processes));
  if (!print(runs, seconds, clients, processes)) process.exitCode = 1;
}
