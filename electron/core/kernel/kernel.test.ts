import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@shared/contract';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

async function openCore(now = () => new Date('2026-11-22T01:00:00Z')) {
  return Core.open({ dbPath: path.join(tempDir(), 'core.sqlite'), osUser: 'tanaka', now });
}

describe('the one path every operation takes', () => {
  it('records who changed a setting, when, and the value before and after', async () => {
    const core = await openCore();
    await core.call('settings.update', { displayName: '田中 一郎' });
    await core.call('settings.update', { organization: '地域医療政策課', backupKeep: 30 });

    const { entries, total } = await core.call('audit.list', {});
    expect(total).toBe(2);
    expect(entries[0]).toMatchObject({
      at: '2026-11-22T01:00:00.000Z',
      osUser: 'tanaka',
      displayName: '田中 一郎',
      operation: 'settings.update',
      entity: 'settings',
      entityId: 'organization,backupKeep',
      before: { organization: '', backupKeep: 14 },
      after: { organization: '地域医療政策課', backupKeep: 30 },
    });
    expect(entries[1]).toMatchObject({ displayName: '', before: { displayName: '' }, after: { displayName: '田中 一郎' } });
    expect(await core.call('settings.get', {})).toEqual({
      ...DEFAULT_SETTINGS,
      displayName: '田中 一郎',
      organization: '地域医療政策課',
      backupKeep: 30,
    });
    await core.close();
  });

  it('tells an index of one kind of record whether that kind changed, not whether anything did', async () => {
    const core = await openCore();
    const before = core.revisionOf('institution');
    await core.call('settings.update', { displayName: '田中 一郎' });
    expect(core.revisionOf('institution')).toBe(before);
    expect(core.revisionOf('settings')).toBeGreaterThan(before);
    // A refused mutation wrote nothing, so it moves nothing.
    await core.dispatch('settings.update', { backupKeep: -1 });
    expect(core.revisionOf('institution')).toBe(before);
    const settingsAt = core.revisionOf('settings');
    // Undoing reverses settings entries, so settings moved again.
    await core.call('app.undo', {});
    expect(core.revisionOf('settings')).toBeGreaterThan(settingsAt);
    expect(core.revisionOf('institution')).toBe(before);
    await core.close();
  });

  it('writes no audit entry for an update that changes nothing', async () => {
    const core = await openCore();
    await core.call('settings.update', { backupKeep: 14, density: 'compact' });
    expect((await core.call('audit.list', {})).total).toBe(0);
    await core.close();
  });

  it('refuses bad input with a Japanese message naming the field, and writes nothing', async () => {
    const core = await openCore();
    const result = await core.dispatch('settings.update', { backupKeep: 0 });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'validation', path: ['backupKeep'], message: 'バックアップ保持数は1以上にしてください' }),
    });
    const unknownField = await core.dispatch('settings.update', { colour: 'red' });
    expect(unknownField.ok).toBe(false);
    if (!unknownField.ok) expect(unknownField.error.message).toMatch(/colour/);
    expect((await core.call('settings.get', {})).backupKeep).toBe(14);
    expect((await core.call('audit.list', {})).total).toBe(0);
    await core.close();
  });

  it('answers an unknown operation with a typed error', async () => {
    const core = await openCore();
    expect(await core.dispatch('settings.drop', {})).toEqual({
      ok: false,
      error: { code: 'unknown_operation', message: '「settings.drop」という操作はありません' },
    });
    await core.close();
  });

  it('filters the audit log by entity and by local date', async () => {
    let clock = new Date(2026, 3, 1, 10, 0);
    const core = await openCore(() => clock);
    await core.call('settings.update', { displayName: 'A' });
    clock = new Date(2026, 3, 2, 23, 59);
    await core.call('settings.update', { displayName: 'B' });
    await core.call('backup.create', {});

    expect((await core.call('audit.list', { entity: 'settings' })).total).toBe(2);
    expect((await core.call('audit.list', { entity: 'backup' })).total).toBe(1);
    const day2 = await core.call('audit.list', { from: '2026-04-02', to: '2026-04-02' });
    expect(day2.entries.map((e) => e.operation)).toEqual(['backup.create', 'settings.update']);
    expect((await core.call('audit.list', { to: '2026-04-01' })).entries.map((e) => e.after)).toEqual([{ displayName: 'A' }]);
    expect(await core.call('audit.entities', {})).toEqual(['backup', 'settings']);
    const backwards = await core.dispatch('audit.list', { from: '2026-04-03', to: '2026-04-01' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'validation', path: ['from'] } });
    await core.close();
  });

  it('summarises the database for the home page', async () => {
    const core = await openCore();
    await core.call('settings.update', { displayName: '田中' });
    const summary = await core.call('app.summary', {});
    expect(summary.database.path).toBe(core.dbPath);
    expect(summary.database.sizeBytes).toBeGreaterThan(0);
    expect(summary.lastBackup).toBeNull();
    expect(summary.sections.find((s) => s.section === 'audit')?.records).toBe(1);
    expect(summary.sections.map((s) => s.section)).toEqual([
      'masters',
      'fund',
      'subsidy',
      'survey',
      'meeting',
      'report',
      'audit',
      'settings',
    ]);
    await core.close();
  });

  it('creates another database file when asked (新しいデータベースを作成), and keeps their data apart', async () => {
    const core = await openCore();
    await core.call('settings.update', { displayName: '一つ目' });
    const other = path.join(tempDir(), 'other.sqlite');
    const info = await core.call('database.open', { path: other, create: true });
    expect(info.path).toBe(other);
    expect((await core.call('settings.get', {})).displayName).toBe('');
    expect((await core.dispatch('database.open', { path: '  ' })).ok).toBe(false);
    await core.close();
  });
});

describe('database.open with a path as an officer pastes it', () => {
  it('opens the file when the path comes in double quotes (Explorer › パスのコピー), not a new one under a folder named "', async () => {
    const dir = path.join(tempDir(), '山田 太郎', 'Documents');
    fs.mkdirSync(dir, { recursive: true });
    const mine = path.join(dir, '県.sqlite');
    const first = await Core.open({ dbPath: mine, osUser: 'yamada' });
    await first.call('settings.update', { displayName: '山田' });
    await first.close();

    const core = await openCore();
    const info = await core.call('database.open', { path: ` "${mine}" ` });
    expect(info.path).toBe(mine);
    expect((await core.call('settings.get', {})).displayName).toBe('山田');
    await core.close();
  });

  it('refuses a file that is not there (a typo, a moved folder), makes no folder, and keeps the open database', async () => {
    const root = tempDir();
    const core = await openCore();
    await core.call('settings.update', { displayName: '一つ目' });
    const typo = path.join(root, 'no such folder', '県.db');
    const result = await core.dispatch('database.open', { path: typo });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `ファイルが見つかりません: ${typo}。場所を確かめるか、新しいデータベースを作成してください。` },
    });
    expect(fs.existsSync(path.dirname(typo))).toBe(false);
    expect((await core.call('settings.get', {})).displayName).toBe('一つ目');
    await core.close();
  });

  it('refuses at start a file that has gone unless the start is asked to make it (the first one)', async () => {
    const gone = path.join(tempDir(), 'moved', '県.sqlite');
    await expect(Core.open({ dbPath: gone, create: false })).rejects.toMatchObject({ code: 'not_found' });
    expect(fs.existsSync(path.dirname(gone))).toBe(false);
    const first = await Core.open({ dbPath: gone, create: true });
    expect(first.dbPath).toBe(gone);
    await first.close();
  });
});
