import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from '@shared/audit-log';
import { formatTimestamp } from '@shared/format';
import { sapporoAssociation } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import { backupDirFor, listBackups, removeLeftovers, tempPath } from '../kernel/backup/files';

describe('backups', () => {
  it('restores a backup: the data comes back, the state before the restore is kept, and the log says so', async () => {
    const file = path.join(tempDir(), 'r.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { displayName: '復元される値' });
    const saved = await core.call('backup.create', {});
    // The backup's own entry names it as the list does: never by its UTC-stamped file name.
    const made = (await core.call('audit.list', {})).entries.find((e) => e.operation === 'backup.create')!;
    expect(describeAuditEntry(made).subject).toBe(`${formatTimestamp(saved.createdAt)} の手動バックアップ`);
    expect(JSON.stringify(describeAuditEntry(made))).not.toContain(saved.name);
    await core.call('settings.update', { displayName: '後から変えた値' });

    const result = await core.call('backup.restore', { name: saved.name });
    expect(result.restored.name).toBe(saved.name);
    expect(result.safetyBackup.reason).toBe('restore');
    expect((await core.call('settings.get', {})).displayName).toBe('復元される値');
    const [latest] = (await core.call('audit.list', {})).entries;
    // Credited to who restored (their 表示名 then), not to the one the restored settings hold.
    expect(latest).toMatchObject({ operation: 'backup.restore', entity: 'database', displayName: '後から変えた値' });
    // Named as the backup list names them, the safety backup (which keeps the later log entries) included.
    expect(describeAuditEntry(latest!)).toEqual({
      kind: 'changed',
      subject: 'r.sqlite',
      fields: [
        { field: 'restoredFrom', label: '復元元', value: `${formatTimestamp(saved.createdAt)} の手動バックアップ` },
        {
          field: 'backup',
          label: '復元前のバックアップ',
          value: `${formatTimestamp(result.safetyBackup.createdAt)} の復元前の自動バックアップ`,
        },
      ],
    });

    // The safety backup holds the overwritten state, so the restore can itself be undone.
    await core.call('backup.restore', { name: result.safetyBackup.name });
    expect((await core.call('settings.get', {})).displayName).toBe('後から変えた値');
    await core.close();
    expect(fs.existsSync(`${file}.restoring`)).toBe(false);
  });

  it('refuses a save from a screen that read the record before a restore, keeping what was saved after it', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'r.sqlite') });
    const { form, association: first } = await sapporoAssociation(core);
    const saved = await core.call('backup.create', {});
    const renamed = await core.call('masters.associations.save', { id: first.id, name: '札幌市医師会B', ...form, version: first.version });
    // Tab 2 reads the record now, and keeps its form open across the restore.
    const stale = renamed;
    await core.call('backup.restore', { name: saved.name });
    const [restored] = await core.call('masters.associations.list', {});
    expect(restored).toMatchObject({ name: '札幌市医師会' });
    const fresh = await core.call('masters.associations.save', {
      id: first.id,
      name: '札幌市医師会（新）',
      ...form,
      version: restored!.version,
    });

    expect(
      await core.dispatch('masters.associations.save', { id: first.id, name: '札幌市医師会B2', ...form, version: stale.version }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(
      await core.dispatch('masters.associations.save', { id: first.id, name: '札幌市医師会0', ...form, version: first.version }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.call('masters.associations.list', {})).toEqual([
      expect.objectContaining({ name: fresh.name, version: fresh.version }),
    ]);
    // Undoing the save made after the restore still works, and gives the record a version of its own.
    await core.call('app.undo', {});
    const [undone] = await core.call('masters.associations.list', {});
    expect(undone).toMatchObject({ name: '札幌市医師会' });
    expect(undone!.version).toBeGreaterThan(fresh.version);
    await core.close();
  });

  it('refuses to open a backup as the database, leaving the backup exactly as it was', async () => {
    const file = path.join(tempDir(), 'r.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { displayName: 'バックアップの時点' });
    const saved = await core.call('backup.create', {});
    const backupFile = path.join(backupDirFor(file), saved.name);
    const bytes = fs.readFileSync(backupFile);
    const refusal = {
      code: 'refused',
      message: expect.stringMatching(
        new RegExp(`「${saved.name}」は Renkei のバックアップのため.*設定 › バックアップから復元.*コピーしてから`),
      ),
    };

    // 設定 › データベースファイル › 開く: refused, and the database open before stays open.
    expect(await core.dispatch('database.open', { path: backupFile })).toMatchObject({ ok: false, error: refusal });
    expect(core.dbPath).toBe(file);
    await core.call('settings.update', { displayName: 'まだ使える' });
    await core.close();
    // --db (and the last-opened file at start-up).
    await expect(Core.open({ dbPath: backupFile })).rejects.toMatchObject(refusal);

    expect(fs.readFileSync(backupFile).equals(bytes)).toBe(true);
    expect(fs.existsSync(backupDirFor(backupFile))).toBe(false);
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

    expect(await core.dispatch('backup.restore', { name: newer.name })).toMatchObject({
      ok: false,
      error: { code: 'newer_database', message: expect.stringContaining('現在のデータはそのままです') },
    });
    expect(await core.dispatch('backup.restore', { name: broken.name })).toMatchObject({
      ok: false,
      error: { code: 'io', message: expect.stringContaining(`${formatTimestamp(broken.createdAt)} の手動バックアップは壊れている`) },
    });
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

  it('says on the home until a backup succeeds that the daily backup failed, and where (QA: nothing told the officer)', async () => {
    const file = path.join(tempDir(), 'daily.sqlite');
    let now = new Date(2026, 10, 22, 9, 0);
    await (await Core.open({ dbPath: file, now: () => now })).close();
    // The backup folder a link to a drive no longer there: nothing can be written.
    fs.symlinkSync(path.join(tempDir(), 'gone', 'backups'), backupDirFor(file));
    now = new Date(2026, 10, 22, 10, 0);
    const logged: unknown[] = [];
    const core = await Core.open({ dbPath: file, now: () => now, logError: (e) => logged.push(e) });
    expect(logged).toHaveLength(1);
    const failure = (await core.call('app.summary', {})).backupFailure;
    expect(failure).toMatch(new RegExp(`^バックアップを「${backupDirFor(file)}」に作成できません: フォルダーが見つからないか`));
    // Still there on the next look; gone once a backup is made.
    expect((await core.call('app.summary', {})).backupFailure).toBe(failure);
    fs.rmSync(backupDirFor(file));
    await core.call('backup.create', {});
    expect((await core.call('app.summary', {})).backupFailure).toBeNull();
    await core.close();
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

  it('keeps 県.sqlite’s and 県.db’s backups apart: neither lists, skips for the day or prunes the other’s', async () => {
    const dir = tempDir();
    const sqlite = path.join(dir, '県.sqlite');
    const db = path.join(dir, '県.db');
    const mine = await Core.open({ dbPath: sqlite });
    const made = [(await mine.call('backup.create', {})).name];
    await new Promise((resolve) => setTimeout(resolve, 5));
    made.push((await mine.call('backup.create', {})).name);
    await mine.close();
    const other = await Core.open({ dbPath: db });
    await other.call('settings.update', { backupKeep: 1 });
    const theirs = (await other.call('backup.create', {})).name;
    expect((await other.call('backup.list', {})).map((b) => b.name)).toEqual([theirs]);
    await other.close();
    expect(backupDirFor(db)).toBe(path.join(dir, '県.db-backups'));
    expect(listBackups(sqlite).map((b) => b.name)).toEqual([...made].reverse());
    // A .db file alone takes the folder its backups were written to before as its own, once: a 古い.sqlite made beside it
    // later starts its own empty list rather than the .db's backups.
    const lone = path.join(tempDir(), '古い.db');
    const older = await Core.open({ dbPath: lone });
    const kept = (await older.call('backup.create', {})).name;
    await older.close();
    fs.renameSync(path.join(path.dirname(lone), '古い.db-backups'), path.join(path.dirname(lone), '古い-backups'));
    expect(backupDirFor(lone)).toBe(path.join(path.dirname(lone), '古い.db-backups'));
    expect(listBackups(lone).map((b) => b.name)).toEqual([kept]);
    const beside = await Core.open({ dbPath: path.join(path.dirname(lone), '古い.sqlite') });
    expect((await beside.call('backup.list', {})).map((b) => b.name)).not.toContain(kept);
    await beside.close();
    expect(listBackups(lone).map((b) => b.name)).toEqual([kept]);
  });

  it("refuses a 0-byte backup and another program's SQLite file, keeping the data", async () => {
    const file = path.join(tempDir(), 'r.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { displayName: '現在の値' });
    const empty = await core.call('backup.create', {});
    fs.writeFileSync(path.join(backupDirFor(file), empty.name), '');
    const foreign = await core.call('backup.create', {});
    const foreignFile = path.join(backupDirFor(file), foreign.name);
    fs.rmSync(foreignFile);
    const other = new BetterSqlite3(foreignFile);
    other.exec('CREATE TABLE note (body TEXT)');
    other.close();

    expect(await core.dispatch('backup.restore', { name: empty.name })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('空（0 バイト）') },
    });
    expect(await core.dispatch('backup.restore', { name: foreign.name })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('Renkei のデータベースではない') },
    });
    expect((await core.call('settings.get', {})).displayName).toBe('現在の値');
    expect((await core.call('settings.get', {})).backupKeep).toBeGreaterThan(0);
    await core.close();
  });

  it('restores in place: the same file, every row and counter back, and what was saved afterwards is in the safety backup', async () => {
    const file = path.join(tempDir(), 'inplace.sqlite');
    const core = await Core.open({ dbPath: file });
    const first = await core.call('masters.areas.save', { kind: 'secondary', name: '北圏域', parentId: null, sortOrder: 1 });
    const saved = await core.call('backup.create', {});
    await core.call('masters.areas.save', { kind: 'secondary', name: '南圏域', parentId: null, sortOrder: 2 });
    const inode = fs.statSync(file).ino;

    const { safetyBackup } = await core.call('backup.restore', { name: saved.name });
    expect(fs.statSync(file).ino).toBe(inode);
    expect((await core.call('masters.areas.list', {})).map((a) => a.name)).toEqual(['北圏域']);
    // AUTOINCREMENT goes on from the backup's counter, and the audit log is the backup's plus the restore.
    const next = await core.call('masters.areas.save', { kind: 'secondary', name: '東圏域', parentId: null, sortOrder: 3 });
    expect(next.id).toBe(first.id + 1);
    const copy = new BetterSqlite3(path.join(backupDirFor(file), safetyBackup.name), { readonly: true });
    expect(copy.prepare('SELECT name FROM area ORDER BY id').pluck().all()).toEqual(['北圏域', '南圏域']);
    copy.close();
    await core.close();
  });

  it('a file deleted behind the core: the save is refused, nothing is written to the deleted file', async () => {
    const file = path.join(tempDir(), 'gone.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { displayName: '消える前' });
    fs.rmSync(file);

    expect(await core.dispatch('settings.update', { displayName: '消えたあと' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('見つかりません') },
    });
    expect(await core.dispatch('backup.create', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(fs.existsSync(file)).toBe(false);
    // A new database made at the same path starts empty: the deleted file's journal is not replayed into it.
    const fresh = await Core.open({ dbPath: file });
    expect((await fresh.call('settings.get', {})).displayName).toBe('');
    await fresh.close();
    await core.close();
  });

  it('a file replaced behind the core: the save is refused once, the new file is opened, and later saves go into it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'swapped.sqlite');
    const other = path.join(dir, 'other.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { displayName: '元のファイル' });
    const replacement = await Core.open({ dbPath: other });
    await replacement.call('settings.update', { displayName: '置き換えたファイル' });
    await replacement.close();
    fs.renameSync(other, file);

    expect(await core.dispatch('settings.update', { displayName: '確かめる前' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('置き換えられていた') },
    });
    expect((await core.call('settings.get', {})).displayName).toBe('置き換えたファイル');
    await core.call('settings.update', { displayName: '確かめたあと' });
    await core.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare("SELECT value FROM setting WHERE key = 'displayName'").pluck().get()).toBe('"確かめたあと"');
    raw.close();
  });

  it('removes what killed backups and restores left, and nothing else', async () => {
    const file = path.join(tempDir(), 'left.sqlite');
    await (await Core.open({ dbPath: file })).close();
    const dir = backupDirFor(file);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const ours = tempPath(file, '20261122T000000000Z-manual.sqlite');
    const byDead = ours.replace(`-${process.pid}-`, `-${dead}-`);
    const deadRestore = tempPath(file, 'restore-20261122T000000000Z-manual.sqlite').replace(`-${process.pid}-`, `-${dead}-`);
    const otherHost = path.join(dir, '.20261122T000000000Z-manual.sqlite.otherpc-4242-0a1b2c3d.partial');
    const oldStyle = path.join(dir, '.20261121T000000000Z-daily.sqlite.partial');
    const oldRestoring = `${file}.restoring`;
    const userFiles = [
      path.join(dir, 'memo.partial'),
      path.join(dir, '.20261122T000000000Z-manual.sqlite.partial.bak'),
      path.join(path.dirname(file), 'left.sqlite.restoring.txt'),
    ];
    for (const f of [ours, byDead, `${byDead}-journal`, deadRestore, otherHost, oldStyle, oldRestoring, ...userFiles])
      fs.writeFileSync(f, 'x'.repeat(1000));
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const f of [oldStyle, oldRestoring, ...userFiles]) fs.utimesSync(f, twoHoursAgo, twoHoursAgo);

    const removed = removeLeftovers(file);
    expect(removed.sort()).toEqual([byDead, `${byDead}-journal`, deadRestore, oldStyle, oldRestoring].sort());
    for (const f of [ours, otherHost, ...userFiles]) expect(fs.existsSync(f)).toBe(true);

    // A day later the other machine's file is taken as abandoned too; the user's files never are.
    expect(removeLeftovers(file, Date.now() + 25 * 3_600_000)).toEqual([otherHost]);
    for (const f of userFiles) expect(fs.existsSync(f)).toBe(true);
    expect(os.hostname()).not.toBe('otherpc');
  });

  it('cleans leftovers at start-up', async () => {
    const file = path.join(tempDir(), 'startup.sqlite');
    await (await Core.open({ dbPath: file })).close();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const left = tempPath(file, '20261122T000000000Z-daily.sqlite').replace(`-${process.pid}-`, `-${dead}-`);
    fs.writeFileSync(left, Buffer.alloc(24_000_000));
    await (await Core.open({ dbPath: file })).close();
    expect(fs.existsSync(left)).toBe(false);
  });
});
