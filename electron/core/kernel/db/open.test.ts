import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { tempDir } from '@tests/support/tmp';
import { listBackups } from '../backup/files';
import { RENKEI_APPLICATION_ID } from './identity';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open';

function readOnly<T>(file: string, read: (raw: BetterSqlite3.Database) => T): T {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return read(raw);
  } finally {
    raw.close();
  }
}

describe('opening and migrating a database', () => {
  it('migrates an empty file up to the latest schema, in WAL mode with foreign keys on', async () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const { raw, db, applied } = await openDatabase(file, { create: true });
    expect(applied).toEqual(Object.keys(MIGRATIONS));
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'setting', 'kysely_migration']));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.destroy();
  });

  it('refuses a database written by a newer Renkei and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const first = await openDatabase(file, { create: true });
    first.raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')").run();
    await first.db.destroy();
    const before = fs.readFileSync(file);

    await expect(Core.open({ dbPath: file })).rejects.toMatchObject({
      code: 'newer_database',
      message: expect.stringContaining('新しいバージョンの Renkei'),
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(listBackups(file)).toEqual([]);
  });

  it('backs the file up before applying a new migration to a database with data', async () => {
    const file = path.join(tempDir(), 'upgrade.sqlite');
    const now = () => new Date('2026-04-01T09:00:00Z');
    const v1 = await Core.open({ dbPath: file, now });
    await v1.call('settings.update', { displayName: '移行前' });
    await v1.close();

    const added = {
      ...MIGRATIONS,
      '9000-test-extra': {
        up: async (db: import('kysely').Kysely<unknown>) => {
          await db.schema
            .createTable('test_extra')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .execute();
        },
      },
    };
    const v2 = await Core.open({ dbPath: file, now, migrations: added });
    expect(v2.databaseInfo().schemaVersion).toBe('9000-test-extra');
    await v2.close();

    const migrationBackup = listBackups(file).find((b) => b.reason === 'migration');
    expect(migrationBackup).toBeDefined();
    const copy = new BetterSqlite3(path.join(path.dirname(file), 'upgrade-backups', migrationBackup!.name), { readonly: true });
    expect(copy.prepare('SELECT name FROM kysely_migration').pluck().all()).toEqual(Object.keys(MIGRATIONS));
    expect(copy.prepare("SELECT value FROM setting WHERE key = 'displayName'").pluck().get()).toBe('"移行前"');
    copy.close();
  });

  it('says clearly when the file is not a database', async () => {
    const file = path.join(tempDir(), 'not-a-db.sqlite');
    fs.writeFileSync(file, 'これはデータベースではありません'.repeat(200));
    await expect(Core.open({ dbPath: file })).rejects.toMatchObject({ code: 'io', message: expect.stringContaining(file) });
  });

  it("marks a database it creates as Renkei's (application_id)", async () => {
    const file = path.join(tempDir(), 'stamped.sqlite');
    await (await Core.open({ dbPath: file })).close();
    expect(readOnly(file, (raw) => raw.pragma('application_id', { simple: true }))).toBe(RENKEI_APPLICATION_ID);
    expect(fs.readFileSync(file).readUInt32BE(68)).toBe(0x524e4b45);
  });

  it('accepts a database made by an earlier Renkei (no mark, known migrations) and marks it', async () => {
    const file = path.join(tempDir(), 'earlier.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('settings.update', { displayName: '以前の版' });
    await core.close();
    const raw = new BetterSqlite3(file);
    raw.pragma('application_id = 0');
    raw.close();

    const again = await Core.open({ dbPath: file });
    expect((await again.call('settings.get', {})).displayName).toBe('以前の版');
    await again.close();
    expect(readOnly(file, (r) => r.pragma('application_id', { simple: true }))).toBe(RENKEI_APPLICATION_ID);
  });

  it("refuses another program's SQLite file and never migrates it", async () => {
    const dir = tempDir();
    const foreign = path.join(dir, 'kakeibo.sqlite');
    const raw = new BetterSqlite3(foreign);
    raw.exec("CREATE TABLE expense (day TEXT, yen INTEGER); INSERT INTO expense VALUES ('2026-04-01', 1200)");
    raw.close();
    const before = fs.readFileSync(foreign);
    await expect(Core.open({ dbPath: foreign })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Renkei のデータベースではない'),
    });
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);

    // Marked by another program: refused too, even with no tables.
    const other = path.join(dir, 'other-app.sqlite');
    const marked = new BetterSqlite3(other);
    marked.pragma('application_id = 1234');
    marked.close();
    await expect(Core.open({ dbPath: other })).rejects.toMatchObject({ code: 'refused' });
    expect(readOnly(other, (r) => r.prepare('SELECT count(*) FROM sqlite_master').pluck().get())).toBe(0);

    // A file with Renkei's migration table but a name Renkei never used is not taken for Renkei's.
    const lookalike = path.join(dir, 'lookalike.sqlite');
    const l = new BetterSqlite3(lookalike);
    l.exec(
      "CREATE TABLE kysely_migration (name TEXT PRIMARY KEY, timestamp TEXT); INSERT INTO kysely_migration VALUES ('20240101_init', 'x')",
    );
    l.close();
    await expect(Core.open({ dbPath: lookalike })).rejects.toMatchObject({ code: 'refused' });
  });

  it('still creates a database at a path where there is none', async () => {
    const file = path.join(tempDir(), 'folder', 'fresh.sqlite');
    const core = await Core.open({ dbPath: file });
    expect(core.databaseInfo()).toMatchObject({ path: file, migrations: Object.keys(MIGRATIONS).length, networkLocation: false });
    await core.close();
  });

  it('refuses to migrate while another connection has the file open, and leaves it as it was', async () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    const first = await Core.open({ dbPath: file });
    await first.call('settings.update', { displayName: '使用中' });
    const added = {
      ...MIGRATIONS,
      '9000-test-extra': {
        up: async (db: import('kysely').Kysely<unknown>) => db.schema.createTable('test_extra').addColumn('id', 'integer').execute(),
      },
    };
    await expect(Core.open({ dbPath: file, migrations: added })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('ほかの Renkei'),
    });
    await first.call('settings.update', { displayName: 'まだ保存できる' });
    await first.close();
    expect(readOnly(file, (r) => r.prepare('SELECT name FROM kysely_migration').pluck().all())).toEqual(Object.keys(MIGRATIONS));
  });

  it('on a network share uses the rollback journal instead of WAL, and says so', async () => {
    const file = path.join(tempDir(), 'share.sqlite');
    const core = await Core.open({ dbPath: file, networkLocation: true });
    await core.call('settings.update', { displayName: '共有フォルダー' });
    expect(core.databaseInfo().networkLocation).toBe(true);
    await core.close();
    expect(readOnly(file, (r) => r.pragma('journal_mode', { simple: true }))).toBe('delete');
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    const local = await Core.open({ dbPath: file, networkLocation: false });
    expect((await local.call('settings.get', {})).displayName).toBe('共有フォルダー');
    await local.close();
  });
});
