/**
 * 設定 › 利用者 and 共有データベースへ移行 on a file: the 利用者 page says that
 * accounts belong to shared mode, and (with a PostgreSQL test server) the
 * settings move the demo file into an empty database and show every table
 * matching.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { freshPgDatabase, TEST_PG_URL } from '../support/engines';

const { demoDbPath, serve, open } = useApp();

describe('利用者 and moving to a shared database', () => {
  it('on a file, the 利用者 page explains that accounts exist in shared mode only', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/settings`);
    await page.getByRole('link', { name: '利用者', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('利用者');
    await expect
      .poll(() => page.getByTestId('accounts-file-mode').textContent())
      .toContain('共有データベース（PostgreSQL）を使うときにあります');
    expect(await page.getByRole('button', { name: '追加して初期パスワードを作る' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it.skipIf(!TEST_PG_URL)(
    'moves the demo file into an empty PostgreSQL database from the settings, every table matching',
    async () => {
      const { connection, drop } = await freshPgDatabase();
      try {
        const host = await serve(demoDbPath());
        const { page, problems } = await open(`${host.url}#/settings`);
        const move = page.getByRole('form', { name: '共有データベースへ移行' });
        await move.getByLabel('サーバー名').fill(connection.host);
        await move.getByLabel('ポート').fill(String(connection.port ?? 5432));
        await move.getByLabel('データベース名').fill(connection.database);
        await move.getByLabel('ユーザー名').fill(connection.user);
        await move.getByRole('button', { name: '移行する' }).click();
        await expect.poll(() => page.getByTestId('move-checks').textContent(), { timeout: 120_000 }).toContain('すべて元と一致しました');
        expect(await page.getByTestId('move-checks').getByText('不一致').count()).toBe(0);
        // Again into the same database: refused, saying why.
        await move.getByRole('button', { name: '移行する' }).click();
        await expect.poll(() => move.getByRole('alert').textContent(), { timeout: 60_000 }).toContain('すでにデータ');
        // The refusal's own HTTP status is the one line the browser logs.
        expect(problems.filter((p) => !p.includes('status of 409'))).toEqual([]);
      } finally {
        await drop();
      }
    },
    240_000,
  );
});
