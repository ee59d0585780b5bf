/**
 * The standing fault guards of `npm run faults`, at a size that fits the test
 * run: each must see real work (attempts) and no crash, partial write, lost
 * confirmation or accepted control character.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBadFiles } from '../../scripts/faults/bad-files';
import { runConcurrency } from '../../scripts/faults/concurrency';
import { type FaultCounts, formatCounts } from '../../scripts/faults/counts';
import { runCrashes } from '../../scripts/faults/crash';
import { runFuzz } from '../../scripts/faults/fuzz';
import { ROOT } from '../support/serve';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-faults-test-'));
const staticDir = path.join(ROOT, 'dist', 'renderer');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function expectClean(counts: FaultCounts): void {
  console.log(formatCounts(counts));
  expect(counts.examples.slice(0, 10)).toEqual([]);
  expect({
    crashes: counts.crashes,
    partialWrites: counts.partialWrites,
    lost: counts.lostConfirmations,
    hostile: counts.acceptedHostileText,
  }).toEqual({
    crashes: 0,
    partialWrites: 0,
    lost: 0,
    hostile: 0,
  });
}

describe('fault guards', () => {
  it('answers generated input to every operation with a result or a clear refusal, and writes nothing when it refuses', async () => {
    const counts = await runFuzz({ dir, staticDir, runsPerOperation: 6 });
    expect(counts.attempts).toBeGreaterThan(400);
    expect(counts.clearErrors).toBeGreaterThan(counts.attempts / 3);
    expectClean(counts);
  }, 300_000);

  it('survives 30 kill -9 during import, save, backup, restore and pack: whole or nothing, nothing confirmed lost, nothing left behind', async () => {
    const counts = await runCrashes({ dir, kills: 30 });
    expect(counts.attempts).toBe(30);
    expect(counts.accepted).toBeGreaterThan(0);
    expectClean(counts);
  }, 600_000);

  it('lets two hosts and the CLI write one file at once without a failed save or a lost one', async () => {
    const counts = await runConcurrency({ dir, seconds: 10 });
    expect(counts.accepted).toBeGreaterThan(50);
    expectClean(counts);
  }, 120_000);

  it('refuses a zip bomb, noise, a CSV named .xlsx clearly and imports formula cells and a large list whole', async () => {
    const counts = await runBadFiles({ dir, staticDir, largeRows: 20_000 });
    expect(counts.attempts).toBe(5);
    expect(counts.clearErrors).toBeGreaterThanOrEqual(3);
    expectClean(counts);
  }, 300_000);
});
