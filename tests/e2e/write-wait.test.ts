/**
 * A save while another program writes to the same file (another Renkei's import, a `renkei` command, another PC on
 * a shared folder), here a second connection holding SQLite's write lock: the save waits rather than fails, and after
 * a couple of seconds the screen says why and for how long — over the drawer the save was made in. Once the other
 * write ends, the save goes through and the notice goes.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

const { demoDbPath, serve, open } = useApp();

const WAITING =
  /^保存を待っていますほかの Renkei（別のパソコンやコマンド）がデータベースに書き込み中です。終わりしだい保存します（(\d+) 秒待っています）。$/;

describe('a save while another program writes to the database', () => {
  it('says another Renkei is writing and how long the save has waited, then saves once it has finished', async () => {
    const dbPath = demoDbPath();
    const host = await serve(dbPath);
    const { page, problems } = await open(`${host.url}#/masters/municipalities`);
    await page.getByLabel('検索').fill('ながおか');
    await expect.poll(() => page.getByTestId('municipality-count').textContent()).toBe('1 件');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '長岡市（152021）' });
    await expect.poll(() => drawer.getByLabel('よみがな').inputValue()).toContain('ながおか');
    await drawer.getByLabel('よみがな').fill('ながおかし（待った保存）');

    const notice = page.getByTestId('write-wait-notice');
    const secondsShown = async () => Number(WAITING.exec((await notice.textContent()) ?? '')?.[1]);
    const other = new BetterSqlite3(dbPath);
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO area (kind, name, parent_id, sort_order) VALUES ('secondary', 'ほかの書き込み', NULL, 99)").run();
    try {
      const save = drawer.getByRole('button', { name: '保存する' });
      await save.click();
      await expect.poll(() => save.isDisabled()).toBe(true);
      // A save is mostly done at once: nothing is said for its first couple of seconds.
      expect(await notice.count()).toBe(0);

      await notice.waitFor();
      expect(await notice.textContent()).toMatch(WAITING);
      // On top of what is open (the drawer beside it), not hidden under anything.
      expect(
        await notice.evaluate((n) => {
          const box = n.getBoundingClientRect();
          return n.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
        }),
      ).toBe(true);
      const first = await secondsShown();
      expect(first).toBeGreaterThanOrEqual(1);
      await expect.poll(secondsShown).toBeGreaterThan(first);
      expect(await save.isDisabled()).toBe(true);
      other.exec('COMMIT');
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }

    await page.getByText('長岡市を保存しました').waitFor();
    await notice.waitFor({ state: 'detached' });
    await drawer.waitFor({ state: 'detached' });
    expect((await host.call('masters.municipalities.get', { code: '152021' })).row.kana).toBe('ながおかし（待った保存）');
    expect((await host.call('masters.areas.list', {})).map((a: { name: string }) => a.name)).toContain('ほかの書き込み');
    expect(problems).toEqual([]);
  });
});
