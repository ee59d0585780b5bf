import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tmp';
import { Core } from '../core';
import { backupDirFor, listBackups } from './files';

describe('backups', () => {
  it('restores a backup: the data comes back, the state before the restore is kept, and the log says so', async () => {
    const file = path.join(tempDir(), 'r.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { displayName: '復元される値' });
    const saved = await core.call('backup.create', {});
    await core.call('settings.update', { displayName: '後から変えた値' });

    const result = await core.call('backup.restore', { name: saved.name });
    expect(result.restored.name).toBe(saved.name);
    expect(result.safetyBackup.reason).toBe('restore');
    expect((await core.call('settings.get', {})).displayName).toBe('復元される値');
    const [latest] = (await core.call('audit.list', {})).entries;
    expect(latest).toMatchObject({ operation: 'backup.restore', entity: 'database', after: { restoredFrom: saved.name } });

    // The safety backup holds the overwritten state, so the restore can itself be undone.
    await core.call('backup.restore', { name: result.safetyBackup.name });
    expect((await core.call('settings.get', {})).displayName).toBe('後から変えた値');
    await core.close();
    expect(fs.existsSync(`${file}.restoring`)).toBe(false);
  });

  it('refuses a backup it cannot open, before touching the current data', async () => {
    const file = path.join(tempDir(), 'r.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { displayName: '現在の値' });
    const newer = await core.call('backup.create', {});
    const newerFile = path.join(backupDirFor(file), newer.name);
    const raw = new BetterSqlite3(newerFile);
    raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-future', '2030-01-01')").run();
    raw.close();
    const broken = await core.call('backup.create', {});
    fs.writeFileSync(path.join(backupDirFor(file), broken.name), 'not a database at all'.repeat(100));

    expect(await core.dispatch('backup.restore', { name: newer.name })).toMatchObject({ ok: false, error: { code: 'newer_database', message: expect.stringContaining('現在のデータはそのままです') } });
    expect(await core.dispatch('backup.restore', { name: broken.name })).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining('壊れている') } });
    expect((await core.call('settings.get', {})).displayName).toBe('現在の値');
    await core.call('settings.update', { displayName: 'まだ使える' });
    await core.close();
    expect(fs.existsSync(`${file}.restoring`)).toBe(false);
  });

  it('refuses to restore a name that is not one of its backups', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'r.sqlite') });
    for (const name of ['missing.sqlite', '../r.sqlite', '20261122T000000000Z-manual.sqlite']) {
      expect(await core.dispatch('backup.restore', { name })).toMatchObject({ ok: false, error: { code: 'not_found', path: ['name'] } });
    }
    await core.close();
  });

  it('takes one daily backup per day on start-up, not on creation', async () => {
    const file = path.join(tempDir(), 'daily.sqlite');
    let now = new Date(2026, 10, 22, 9, 0);
    await (await Core.open({ dbPath: file, now: () => now })).close();
    expect(listBackups(file)).toHaveLength(0);

    now = new Date(2026, 10, 22, 10, 0);
    await (await Core.open({ dbPath: file, now: () => now })).close();
    now = new Date(2026, 10, 22, 17, 0);
    await (await Core.open({ dbPath: file, now: () => now })).close();
    expect(listBackups(file).map((b) => b.reason)).toEqual(['daily']);

    now = new Date(2026, 10, 23, 8, 30);
    await (await Core.open({ dbPath: file, now: () => now })).close();
    expect(listBackups(file).map((b) => b.reason)).toEqual(['daily', 'daily']);
  });

  it('keeps only the newest N backups (the setting)', async () => {
    const file = path.join(tempDir(), 'keep.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { backupKeep: 3 });
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push((await core.call('backup.create', {})).name);
    expect((await core.call('backup.list', {})).map((b) => b.name)).toEqual(made.slice(2).reverse());
    expect(fs.readdirSync(backupDirFor(file)).filter((n) => n.endsWith('.partial'))).toEqual([]);
    await core.close();
  });
});
