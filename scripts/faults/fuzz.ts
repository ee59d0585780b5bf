/**
 * Fuzz guard: every operation of the contract, called through the loopback
 * host with inputs generated from its schema. Counts answers that are not a
 * clear refusal (a 500 or an internal error) and refused mutations that
 * still committed something (seen by a second connection's data_version).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { Core } from '@core/core';
import { startHost, TOKEN_HEADER } from '@core/host/server';
import { type OpName, operations } from '@shared/contract';
import { emptyCounts, type FaultCounts } from './counts';
import { inputArbitrary } from './inputs';

export interface FuzzOptions {
  dir: string;
  staticDir: string;
  runsPerOperation: number;
  seed?: number;
}

/** NUL, DEL, C0/C1 controls other than tab and newlines, and the bidi overrides, as JSON writes them. */
const HOSTILE_TEXT = /\\u000[0-8bcef]|\\u001[0-9a-f]|[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/i;

/** Operations that replace the open database: called only with hostile non-text input. */
const DATABASE_COMMANDS = new Set<OpName>(['database.open', 'backup.restore']);

export async function runFuzz(options: FuzzOptions): Promise<FaultCounts> {
  const counts = emptyCounts('fuzz');
  const dbPath = path.join(options.dir, 'fuzz.sqlite');
  const core = await Core.open({ dbPath, logError: () => undefined });
  await core.call('app.demo.load', {});
  const host = await startHost({ core, staticDir: options.staticDir });
  const observer = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  const dataVersion = () => observer.pragma('data_version', { simple: true }) as number;
  try {
    for (const [name, def] of Object.entries(operations) as [OpName, (typeof operations)[OpName]][]) {
      const hostileOnly = def.kind === 'command' || DATABASE_COMMANDS.has(name);
      const arbitrary = inputArbitrary(def.input).filter((c) => !hostileOnly || !containsText(c.input));
      const runs = name.startsWith('report.') || name.includes('demo') ? Math.min(3, options.runsPerOperation) : options.runsPerOperation;
      for (const fuzzCase of fc.sample(arbitrary, { numRuns: runs, seed: options.seed ?? 20261201 })) {
        counts.attempts += 1;
        const before = dataVersion();
        let status = 0;
        let body: { ok?: boolean; error?: { code?: string; message?: string } } = {};
        try {
          const response = await fetch(`${host.url}api/${name}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
            body: fuzzCase.input === undefined ? '' : JSON.stringify(fuzzCase.input),
          });
          status = response.status;
          body = (await response.json()) as typeof body;
        } catch (error) {
          counts.crashes += 1;
          counts.examples.push(`${name} ${fuzzCase.label}: ${(error as Error).message}`);
          continue;
        }
        if (body.ok) {
          counts.accepted += 1;
          if (def.kind === 'mutation' && HOSTILE_TEXT.test(JSON.stringify(fuzzCase.input ?? null))) {
            counts.acceptedHostileText += 1;
            counts.examples.push(`${name} ${fuzzCase.label}: accepted control or bidi characters`);
          }
          continue;
        }
        if (status >= 500 || body.error?.code === 'internal') {
          counts.crashes += 1;
          counts.examples.push(`${name} ${fuzzCase.label}: ${status} ${body.error?.message ?? ''}`.slice(0, 300));
          continue;
        }
        counts.clearErrors += 1;
        if (def.kind === 'mutation' && dataVersion() !== before) {
          counts.partialWrites += 1;
          counts.examples.push(`${name} ${fuzzCase.label}: refused but wrote`);
        }
      }
    }
  } finally {
    observer.close();
    await host.close();
    await core.close();
    fs.rmSync(dbPath, { force: true });
  }
  return counts;
}

function containsText(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (Array.isArray(value)) return value.some(containsText);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsText);
  return false;
}
