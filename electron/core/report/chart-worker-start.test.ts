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

  it('is not started where its bundle, fonts or WebAssembly are missing (the pack then starts its own and says what is missing)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-early-'));
    try {
      expect(startEarlyChartWorker(dir)).toBeNull();
      fs.writeFileSync(path.join(dir, 'chart-worker.cjs'), '');
      fs.mkdirSync(path.join(dir, 'fonts'));
      expect(startEarlyChartWorker(dir)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
