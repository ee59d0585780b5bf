import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tmp';
import { Core } from '../core';
import { listBackups } from '../backup/files';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open';

describe('opening and migrating a database', () => {
  it('migrates an empty file up to the latest schema, in WAL mode with foreign keys on', async () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const { raw, db, applied } = await openDatabase(file);
    expect(applied).toEqual(Object.keys(MIGRATIONS));
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'setting', 'kysely_migration']));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.destroy();
  });

  it('refuses a database written by a newer Renkei and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const first = await openDatabase(file);
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
          await db.schema.createTable('test_extra').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
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
});
