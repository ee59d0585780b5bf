/**
 * No lost updates: two people (two cores on one database — a PostgreSQL
 * database, or one file) read the same fund project; the first saves, the
 * second's save of what they read is refused with who changed it and when,
 * and succeeds after reloading.
 */
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { engines, freshPgDatabase } from '@tests/support/engines';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

/** Two cores on one database of the engine, both closed (and the database dropped) when the test ends. */
async function twoCores(engine: 'sqlite' | 'postgres'): Promise<[Core, Core]> {
  if (engine === 'sqlite') {
    const dbPath = path.join(tempDir(), 'shared.sqlite');
    const a = await Core.open({ dbPath, osUser: 'yamada' });
    const b = await Core.open({ dbPath, osUser: 'tanaka' });
    onTestFinished(async () => {
      await b.close();
      await a.close();
    });
    return [a, b];
  }
  const { connection, drop } = await freshPgDatabase();
  const a = await Core.open({ connection, workDir: tempDir() });
  const b = await Core.open({ connection, workDir: tempDir() });
  onTestFinished(async () => {
    await b.close();
    await a.close();
    await drop();
  });
  return [a, b];
}

describe('optimistic concurrency', () => {
  for (const { name } of engines()) {
    it(`refuses a save over another person's newer change, naming who and when (${name})`, async () => {
      const [yamada, tanaka] = await twoCores(name);
      await yamada.call('settings.update', { displayName: '山田' });
      const created = await yamada.call('fund.projects.save', {
        side: 'medical',
        number: 'Ⅴ-9',
        name: '（架空）訪問診療の研修',
        categoryCode: 'Ⅴ',
        operatorKind: 'prefecture',
        startFy: 2024,
      });
      expect(created.version).toBe(0);
      // Both read the project.
      const readByYamada = (await yamada.call('fund.projects.list', { side: 'medical' })).find((p) => p.id === created.id)!;
      const readByTanaka = (await tanaka.call('fund.projects.list', { side: 'medical' })).find((p) => p.id === created.id)!;
      expect(readByTanaka.version).toBe(0);

      const saved = await yamada.call('fund.projects.save', { ...readByYamada, content: '山田の書いた内容' });
      expect(saved.version).toBe(1);
      const { entries } = await yamada.call('audit.list', { entity: 'fund_project', entityId: String(created.id) });
      const at = new Date(entries[0]!.at);
      const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

      const stale = tanaka.call('fund.projects.save', { ...readByTanaka, content: '田中の書いた内容' });
      await expect(stale).rejects.toMatchObject({
        code: 'conflict',
        path: ['version'],
        message: `基金事業「（架空）訪問診療の研修」は、他の人（山田）が ${time} に変更しました。今の入力は保存していません。再読み込みしてください。`,
      });
      // Nothing of the stale save was written; after a reload the save goes through.
      const reloaded = (await tanaka.call('fund.projects.list', { side: 'medical' })).find((p) => p.id === created.id)!;
      expect(reloaded).toMatchObject({ content: '山田の書いた内容', version: 1 });
      expect(await tanaka.call('fund.projects.save', { ...reloaded, content: '田中の書いた内容' })).toMatchObject({ version: 2 });
      // The version is bookkeeping, not a change the log shows.
      const last = (await tanaka.call('audit.list', { entity: 'fund_project', entityId: String(created.id) })).entries[0]!;
      expect(last.after).not.toHaveProperty('version');
    });
  }
});
