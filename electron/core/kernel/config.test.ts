import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { readMachineConfig, resolveDbPath, updateMachineConfig } from './config';

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
});
