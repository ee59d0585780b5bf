import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { machineConfigSettled, readMachineConfig, rememberMachineConfig, resolveDbPath, updateMachineConfig } from './config';

/** A rename that antivirus software holds for its first `times` tries (Windows' EBUSY); `refused()` counts them. */
function heldRename(times: number) {
  let refused = 0;
  const rename = async (from: string, to: string) => {
    if (refused < times) {
      refused += 1;
      throw Object.assign(new Error('held'), { code: 'EBUSY' });
    }
    await fs.promises.rename(from, to);
  };
  return { rename, refused: () => refused };
}

describe('machine configuration', () => {
  it('opens --db first, then the file last opened in the app, then renkei.sqlite in the user-data folder', () => {
    const userData = tempDir();
    expect(resolveDbPath(userData)).toBe(path.join(userData, 'renkei.sqlite'));
    updateMachineConfig(userData, { dbPath: '/data/shared/renkei-2025.sqlite' });
    expect(resolveDbPath(userData)).toBe('/data/shared/renkei-2025.sqlite');
    expect(resolveDbPath(userData, 'other.sqlite')).toBe(path.resolve('other.sqlite'));
  });

  it('keeps the window placement beside the database choice', () => {
    const userData = tempDir();
    updateMachineConfig(userData, { dbPath: '/a.sqlite' });
    updateMachineConfig(userData, { window: { x: 10, y: 20, width: 1200, height: 800, maximized: false } });
    expect(readMachineConfig(userData)).toEqual({
      dbPath: '/a.sqlite',
      window: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
    });
  });

  it('ignores a damaged configuration file instead of failing to start', () => {
    const userData = tempDir();
    fs.writeFileSync(path.join(userData, 'renkei-config.json'), '{ not json');
    expect(readMachineConfig(userData)).toEqual({});
    fs.writeFileSync(path.join(userData, 'renkei-config.json'), JSON.stringify({ window: { width: 'wide' } }));
    expect(resolveDbPath(userData)).toBe(path.join(userData, 'renkei.sqlite'));
  });

  it('remembers the file opened in the loopback host without holding its thread while Windows holds the file', async () => {
    const userData = tempDir();
    updateMachineConfig(userData, { window: { x: 0, y: 0, width: 1200, height: 800, maximized: true } });
    // Antivirus software holds the file just written for its first three renames.
    const { rename, refused } = heldRename(3);
    let turns = 0;
    const ticking = setInterval(() => turns++, 1);
    try {
      const first = rememberMachineConfig(userData, { dbPath: '/data/県 2025.sqlite' }, { platform: 'win32', rename });
      const second = rememberMachineConfig(userData, { dbPath: '/data/県 2026.sqlite' });
      // The host's other work ran while the rename waited.
      expect(turns).toBe(0);
      await first;
      expect(turns).toBeGreaterThan(0);
      await second;
    } finally {
      clearInterval(ticking);
    }
    expect(refused()).toBe(3);
    expect(readMachineConfig(userData)).toEqual({
      dbPath: '/data/県 2026.sqlite',
      window: { x: 0, y: 0, width: 1200, height: 800, maximized: true },
    });
  });

  it('lets the host wait, before it exits, for the write a held rename is still retrying', async () => {
    const userData = tempDir();
    const { rename, refused } = heldRename(2);
    void rememberMachineConfig(userData, { dbPath: '/data/県 2027.sqlite' }, { platform: 'win32', rename });
    await machineConfigSettled();
    expect(refused()).toBe(2);
    expect(readMachineConfig(userData)).toEqual({ dbPath: '/data/県 2027.sqlite' });
  });
});
