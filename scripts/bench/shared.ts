/**
 * `npm run bench -- --shared`: clients editing the same 基金 line at once
 * (each its own Core, so its own connection), each reading then saving with
 * the version it read, for `--seconds N` (60 by default) against the
 * PostgreSQL server of RENKEI_TEST_PG (a throwaway database). Counts accepted
 * saves and conflicts (each must carry the conflict message), checks no update
 * was lost (the final line is the last accepted save), p50/p95 save latency.
 */

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Core } from '@core/core';
import { parsePgUrl } from '@core/kernel/db/postgres';

/** A throwaway database on the server of RENKEI_TEST_PG (as tests/support/engines.ts makes them). */
async function throwawayDatabase() {
  const url = process.env.RENKEI_TEST_PG;
  if (!url) throw new Error('RENKEI_TEST_PG is not set (postgres://user@host:port/db of a server to bench against).');
  const admin = parsePgUrl(url);
  const database = `renkei_bench_${crypto.randomBytes(6).toString('hex')}`;
  const run = async (text: string) => {
    const client = new pg.Client({ ...admin, ssl: admin.ssl ?? false });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${database} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  return { connection: { ...admin, database }, drop: () => run(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

const CONFLICT = /は、他の人.*変更しました。今の入力は保存していません。再読み込みしてください。$/;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export async function benchShared(seconds: number, clients = 20): Promise<void> {
  const { connection, drop } = await throwawayDatabase();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-shared-'));
  const seed = await Core.open({ connection, workDir: work });
  try {
    await seed.call('app.demo.load', {});
    const year = await seed.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const versionId = year.version!.id;
    const projectId = Number(Object.keys(year.amounts)[0]);
    const cores = await Promise.all(Array.from({ length: clients }, () => Core.open({ connection, workDir: work })));
    const latencies: number[] = [];
    let accepted = 0;
    let conflicts = 0;
    let badConflicts = 0;
    let lastAccepted = { version: -1, otherAmount: 0 };
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      cores.map(async (core, i) => {
        let n = 0;
        while (Date.now() < end) {
          const line = (await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).amounts[projectId]!;
          n += 1;
          const otherAmount = (i + 1) * 1_000_000 + n;
          const started = performance.now();
          try {
            const { splitOverride: _s, version, national: _n, prefectural: _p, ...amounts } = line;
            const [saved] = await core.call('fund.amounts.save', { versionId, lines: [{ ...amounts, projectId, otherAmount, version }] });
            accepted += 1;
            // Accepted saves are ordered by the version each made; the last of them must be what stays.
            if (saved!.version > lastAccepted.version) lastAccepted = { version: saved!.version, otherAmount };
          } catch (error) {
            const e = error as { code?: string; message?: string };
            if (e.code === 'conflict') {
              conflicts += 1;
              if (!CONFLICT.test(e.message ?? '')) badConflicts += 1;
            } else throw error;
          }
          latencies.push(performance.now() - started);
        }
      }),
    );
    const final = (await seed.call('fund.year', { side: 'medical', fiscalYear: 2023 })).amounts[projectId]!;
    const lost = accepted > 0 && final.otherAmount !== lastAccepted.otherAmount ? 1 : 0;
    console.log(`shared PostgreSQL, ${clients} clients, ${seconds}s, one 基金 line:`);
    console.log(`  accepted saves: ${accepted}; conflicts: ${conflicts} (without the message: ${badConflicts}); lost updates: ${lost}`);
    console.log(`  save latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`);
    for (const core of cores) await core.close();
  } finally {
    await seed.close();
    await drop();
  }
}
