import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { startCoreChild } from '@tests/support/core-child';
import { tempDir } from '@tests/support/tmp';
import { beginImmediate, busyRefusal, type WriteWait } from './dialect';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The names of the 圏域 in the file, read with a fresh connection. */
function savedNames(file: string): Set<string> {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return new Set(raw.prepare('SELECT name FROM area').pluck().all() as string[]);
  } finally {
    raw.close();
  }
}

describe('two processes on one database file', () => {
  it('three processes saving at once: no save fails, and every confirmed save is in the file', { timeout: 120_000 }, async () => {
    const file = path.join(tempDir(), 'shared.sqlite');
    await (await Core.open({ dbPath: file })).close();

    const children = ['a', 'b', 'c'].map((tag) => startCoreChild('save', file, '150', tag));
    const outputs = await Promise.all(children.map((c) => c.finished));

    const failed = outputs
      .flat()
      .filter((l) => l.failed)
      .map((l) => l.failed);
    expect(failed).toEqual([]);
    const confirmed = outputs
      .flat()
      .filter((l) => l.saved)
      .map((l) => l.name!);
    expect(confirmed).toHaveLength(450);
    const names = savedNames(file);
    expect(confirmed.filter((n) => !names.has(n))).toEqual([]);
  });

  it('refuses to restore while another process has the file open, and loses none of its saves', { timeout: 120_000 }, async () => {
    const file = path.join(tempDir(), 'live.sqlite');
    const core = await Core.open({ dbPath: file });
    const backup = await core.call('backup.create', {});

    const saver = startCoreChild('save', file, '200', 'live');
    await saver.waitFor((l) => l.saved !== undefined);
    const refused = await core.dispatch('backup.restore', { name: backup.name });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('ほかの Renkei') } });
    const lines = await saver.finished;

    expect(lines.filter((l) => l.failed)).toEqual([]);
    const confirmed = lines.filter((l) => l.saved).map((l) => l.name!);
    expect(confirmed).toHaveLength(200);
    const names = savedNames(file);
    expect(confirmed.filter((n) => !names.has(n))).toEqual([]);
    // Our own connection sees them too: nothing was swapped under it, and it still saves.
    expect((await core.call('masters.areas.list', {})).length).toBe(200);
    await core.call('masters.areas.save', { kind: 'secondary', name: '断ったあと', parentId: null, sortOrder: 0 });
    await core.close();
    expect(savedNames(file).has('断ったあと')).toBe(true);
  });

  it('a restore run from a second process is refused while the first holds the file open', { timeout: 60_000 }, async () => {
    const file = path.join(tempDir(), 'held.sqlite');
    const first = await Core.open({ dbPath: file });
    await first.call('settings.update', { displayName: '最初の値' });
    const backup = await first.call('backup.create', {});
    await first.call('settings.update', { displayName: '確定した値' });

    const second = await Core.open({ dbPath: file });
    const result = await second.dispatch('backup.restore', { name: backup.name });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await second.close();

    await first.call('settings.update', { displayName: 'その後の値' });
    expect((await first.call('settings.get', {})).displayName).toBe('その後の値');
    await first.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare("SELECT value FROM setting WHERE key = 'displayName'").pluck().get()).toBe('"その後の値"');
    raw.close();
  });

  it("a save waits for another connection's long write instead of failing", async () => {
    const file = path.join(tempDir(), 'long.sqlite');
    const core = await Core.open({ dbPath: file });
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO area (kind, name, parent_id, sort_order) VALUES ('secondary', '長い取り込み', NULL, 0)").run();
    const saving = core.dispatch('masters.areas.save', { kind: 'secondary', name: '待った保存', parentId: null, sortOrder: 0 });
    // The other write ends only after the save has been tried a few times (it gives the event loop back between tries).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    other.exec('COMMIT');
    other.close();
    expect(await saving).toMatchObject({ ok: true });
    expect(savedNames(file)).toEqual(new Set(['長い取り込み', '待った保存']));
    await core.close();
  });

  it('answers how long a save has waited for another connection’s write while it waits, and null once it is through', async () => {
    const file = path.join(tempDir(), 'waiting.sqlite');
    const core = await Core.open({ dbPath: file });
    await core.call('masters.areas.save', { kind: 'secondary', name: '待たずに保存', parentId: null, sortOrder: 0 });
    expect(await core.call('app.writeWait', {})).toBeNull();

    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    const saving = core.dispatch('masters.areas.save', { kind: 'secondary', name: '待った保存', parentId: null, sortOrder: 0 });
    // Asked while the save holds the core's queue: answered at once, from what the save itself knows.
    await expect.poll(() => core.call('app.writeWait', {}), { timeout: 5_000 }).not.toBeNull();
    const first = await core.call('app.writeWait', {});
    await sleep(600);
    const later = await core.call('app.writeWait', {});
    expect(later!.waitedMs).toBeGreaterThanOrEqual(first!.waitedMs + 500);

    other.exec('COMMIT');
    other.close();
    expect(await saving).toMatchObject({ ok: true });
    expect(await core.call('app.writeWait', {})).toBeNull();
    expect(savedNames(file)).toEqual(new Set(['待たずに保存', '待った保存']));
    await core.close();
  });

  it('marks since when it waits for the lock, and clears the mark once it has it or gives up', async () => {
    const file = path.join(tempDir(), 'mark.sqlite');
    await (await Core.open({ dbPath: file })).close();
    const holder = new BetterSqlite3(file);
    const waiter = new BetterSqlite3(file);
    const wait: WriteWait = { since: null };
    holder.exec('BEGIN IMMEDIATE');
    const before = Date.now();
    const begun = beginImmediate(waiter, 60_000, wait);
    await sleep(150);
    expect(wait.since).toBeGreaterThanOrEqual(before);
    expect(wait.since).toBeLessThanOrEqual(before + 100);
    holder.exec('COMMIT');
    await begun;
    expect(wait.since).toBeNull();
    waiter.exec('COMMIT');

    holder.exec('BEGIN IMMEDIATE');
    await expect(beginImmediate(waiter, 200, wait)).rejects.toMatchObject({ code: 'unavailable' });
    expect(wait.since).toBeNull();
    holder.exec('COMMIT');
    holder.close();
    waiter.close();
  });

  it('gives up on a write lock held past the wait with a message saying what to do', async () => {
    const file = path.join(tempDir(), 'stuck.sqlite');
    await (await Core.open({ dbPath: file })).close();
    const holder = new BetterSqlite3(file);
    const waiter = new BetterSqlite3(file);
    holder.exec('BEGIN IMMEDIATE');
    await expect(beginImmediate(waiter, 200)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('もう一度保存してください'),
    });
    holder.exec('COMMIT');
    await beginImmediate(waiter, 200);
    waiter.exec('COMMIT');
    holder.close();
    waiter.close();
  });

  it('turns a lock SQLite gave up waiting for into a Japanese wait-and-retry refusal, not an internal error', async () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    await (await Core.open({ dbPath: file })).close();
    const holder = new BetterSqlite3(file);
    const other = new BetterSqlite3(file, { timeout: 0 });
    holder.exec('BEGIN IMMEDIATE');
    let thrown: unknown;
    try {
      other.exec('BEGIN IMMEDIATE');
    } catch (error) {
      thrown = error;
    }
    expect(busyRefusal(thrown)).toMatchObject({ code: 'unavailable', message: expect.stringContaining('しばらく待ってから') });
    expect(busyRefusal(new Error('something else'))).toBeNull();
    holder.exec('COMMIT');
    holder.close();
    other.close();
  });
});
