/** Backup files: a backup that cannot finish ends, within its time, in a clear refusal and leaves no file behind. */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { backupDirFor, listBackups, writeBackup } from './files';

describe('writeBackup', () => {
  it('gives up a backup that another writer keeps restarting, with a Japanese error and no partial file left', async () => {
    const dbPath = path.join(tempDir(), '県.sqlite');
    const raw = new BetterSqlite3(dbPath);
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    // Larger than one step of the backup (100 pages), so a write between two steps makes it start over.
    const insert = raw.prepare('INSERT INTO t (body) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2_000; i += 1) insert.run('x'.repeat(2_000));
    })();
    const other = new BetterSqlite3(dbPath);
    const update = other.prepare('UPDATE t SET body = ? WHERE id = 1');
    let writing = true;
    let n = 0;
    const write = () => {
      if (!writing) return;
      n += 1;
      update.run(`changed ${n}`);
      setImmediate(write);
    };
    setImmediate(write);
    try {
      const started = Date.now();
      await expect(writeBackup(raw, dbPath, 'manual', new Date('2026-12-06T00:00:00Z'), { timeLimitMs: 500 })).rejects.toThrow(
        'バックアップが時間内（1秒）に終わりませんでした。ほかのプログラムがデータベースに書き込み続けているか',
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      writing = false;
      other.close();
      raw.close();
    }
    expect(listBackups(dbPath)).toEqual([]);
    expect(fs.readdirSync(backupDirFor(dbPath))).toEqual([]);
  }, 15_000);

  it('says, as an export does, that another program may hold the backup when Windows keeps refusing its rename', async () => {
    const dbPath = path.join(tempDir(), '県.sqlite');
    const raw = new BetterSqlite3(dbPath);
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    // Held past the wait, as by a scan or a sync that does not let go.
    const rename = async () => {
      throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' });
    };
    try {
      await expect(
        writeBackup(raw, dbPath, 'manual', new Date('2026-12-06T00:00:00Z'), { io: { platform: 'win32', rename, sleep: async () => {} } }),
      ).rejects.toThrow(
        `バックアップを「${backupDirFor(dbPath)}」に作成できません。Excel やウイルス対策ソフトなどのほかのアプリがファイルを開いている可能性があります。` +
          'そのアプリを閉じるか、しばらく待ってから、もう一度お試しください。データベースはそのままです。',
      );
    } finally {
      raw.close();
    }
    expect(fs.readdirSync(backupDirFor(dbPath))).toEqual([]);
  });
});
