import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packsForCertain, startEarlyChartWorker } from './chart-worker-start';

describe('the pack’s chart worker started before the commands load', () => {
  it('is started for `report … pack` only, read from the words alone', () => {
    expect(packsForCertain(['report', 'pack'])).toBe(true);
    expect(packsForCertain(['report', '--db', 'a.sqlite', 'pack', '--fy', '2023'])).toBe(true);
    expect(packsForCertain(['report', '--db=a.sqlite', 'pack'])).toBe(true);
    // `pack` as an option's value, another report, help, another command: no worker.
    expect(packsForCertain(['report', '--db', 'pack', 'summary'])).toBe(false);
    expect(packsForCertain(['report', 'summary', '--format', 'pdf'])).toBe(false);
    expect(packsForCertain(['report', 'list'])).toBe(false);
    expect(packsForCertain(['report', 'pack', '--help'])).toBe(false);
    expect(packsForCertain(['import', 'pack'])).toBe(false);
    expect(packsForCertain([])).toBe(false);
  });

  it('is not started without its bundle; one that fails keeps its failure for the pack rather than throwing it here', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-early-'));
    try {
      expect(startEarlyChartWorker(dir)).toBeNull();
      // A worker that fails before the pack asks for it (a damaged install): with no listener of its own, its error
      // would be thrown on this thread and end the CLI with a stack trace.
      fs.writeFileSync(path.join(dir, 'chart-worker.cjs'), "throw new Error('壊れています');");
      const early = startEarlyChartWorker(dir)!;
      expect(early.work).toEqual({ fontDir: path.join(dir, 'fonts'), wasm: path.join(dir, 'resvg.wasm') });
      await new Promise((resolve) => early.worker.once('exit', resolve));
      expect(early.failure?.message).toBe('壊れています');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
