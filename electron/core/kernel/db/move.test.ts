/**
 * Moving the demo database both ways: a file into an empty PostgreSQL
 * database (共有データベースへ移行) and that server back into a new file (この
 * PC に写しを作る). Each side is counted independently of the move's own
 * report; after each move a change is saved, which inserts an audit entry, so
 * the ids' counters must have continued past the copied rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshPgDatabase, skipWithoutPg } from '@tests/support/engines';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../../core';
import type { Db } from './schema';

/** Rows per table, read directly (not through the move). */
async function counts(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.raw(`"${t}"`)}`.execute(db);
    out[t] = Number(rows[0]!.n);
  }
  return out;
}

const maxAuditId = async (db: Db) =>
  Number(
    (await db
      .selectFrom('auditLog')
      .select((e) => e.fn.max('id').as('m'))
      .executeTakeFirst())!.m,
  );

describe.skipIf(skipWithoutPg())('moving between a file and a shared database', () => {
  it('copies the demo into PostgreSQL and back, table for table, and both keep working', async () => {
    const dir = tempDir();
    const file = await Core.open({ dbPath: path.join(dir, 'renkei.sqlite'), osUser: 'tanaka' });
    const { connection, drop } = await freshPgDatabase();
    let shared: Core | undefined;
    let copy: Core | undefined;
    try {
      await file.call('app.demo.load', {});
      await file.call('settings.update', { displayName: '田中' });
      const moved = await file.call('backup.moveToShared', { ...connection, port: connection.port ?? 5432, ssl: false });
      expect(moved.target).toContain(connection.database);
      expect(moved.leftOut).toEqual(['account', 'journal_change', 'journal_row']);
      expect(moved.tables.length).toBeGreaterThan(30);
      expect(moved.tables.every((t) => t.same)).toBe(true);
      const tables = moved.tables.map((t) => t.table);
      // The file records the move in its audit log, after the copy was taken.
      const fileCounts = await counts(file.database, tables);
      const lastOnFile = await file.database.selectFrom('auditLog').select('operation').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(lastOnFile.operation).toBe('backup.moveToShared');
      fileCounts.audit_log! -= 1;
      expect(fileCounts.center).toBeGreaterThan(0);
      expect(fileCounts.fund_project).toBeGreaterThan(0);
      expect(Object.fromEntries(moved.tables.map((t) => [t.table, t.targetRows]))).toEqual(fileCounts);

      // Refused the second time: the server is no longer empty.
      await expect(file.call('backup.moveToShared', { ...connection, port: connection.port ?? 5432, ssl: false })).rejects.toThrow(
        /すでにデータ/,
      );

      shared = await Core.open({ connection, workDir: tempDir(), osUser: 'it-admin' });
      expect(await counts(shared.database, tables)).toEqual(fileCounts);
      const centersOnFile = await file.database.selectFrom('center').select(['id', 'name']).orderBy('id').execute();
      expect(await shared.database.selectFrom('center').select(['id', 'name']).orderBy('id').execute()).toEqual(centersOnFile);
      const before = await maxAuditId(shared.database);
      await shared.call('settings.update', { displayName: '共有の田中' });
      expect(await maxAuditId(shared.database)).toBe(before + 1);

      const copyPath = path.join(dir, '写し.sqlite');
      const copied = await shared.call('backup.copyToFile', { path: copyPath });
      expect(copied.tables.every((t) => t.same)).toBe(true);
      expect(copied.leftOut).toEqual(['journal_change', 'journal_row']);
      expect(copied.sizeBytes).toBe(fs.statSync(copyPath).size);
      await expect(shared.call('backup.copyToFile', { path: copyPath })).rejects.toThrow(/すでにあります/);

      // The copy is an ordinary Renkei file: it opens, holds what the server held, and takes a change.
      copy = await Core.open({ dbPath: copyPath, osUser: 'suzuki' });
      const sharedCounts = await counts(shared.database, [...tables, 'account']);
      expect(await counts(copy.database, [...tables, 'account'])).toEqual(sharedCounts);
      expect((await copy.call('settings.get', {})).displayName).toBe('共有の田中');
      const last = await maxAuditId(copy.database);
      await copy.call('settings.update', { displayName: '写しの鈴木' });
      expect(await maxAuditId(copy.database)).toBe(last + 1);
    } finally {
      await copy?.close();
      await shared?.close();
      await file.close();
      await drop();
    }
  }, 300_000);
});
