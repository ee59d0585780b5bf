/**
 * The shared server lost mid-work, end to end: the host reaches PostgreSQL
 * through a relay this test cuts (the server itself keeps running for the
 * others). A save and every screen opened afterwards say the server cannot be
 * reached and nothing was saved — not an internal error, not "no centers
 * registered", not a year the database never held. Skipped without RENKEI_TEST_PG.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import type { PgConnection } from '@core/kernel/db/postgres';
import { useApp } from '@tests/support/app';
import { freshPgDatabase, skipWithoutPg } from '@tests/support/engines';
import { type CuttableRelay, cuttableRelay } from '@tests/support/relay';
import { type ServeProcess, startServeProcess } from '@tests/support/serve';

describe.skipIf(skipWithoutPg())('a shared server that stops while people work', () => {
  const { open, tempDir } = useApp();
  let connection: PgConnection;
  let drop: () => Promise<void>;
  let host: ServeProcess;
  let relay: CuttableRelay;

  beforeAll(async () => {
    ({ connection, drop } = await freshPgDatabase());
    const admin = await Core.open({ connection, workDir: tempDir(), osUser: 'it-admin' });
    try {
      await admin.call('app.demo.load', {});
    } finally {
      await admin.close();
    }
    relay = await cuttableRelay(connection);
    const { port } = relay;
    host = await startServeProcess(
      `postgres://${connection.user}@127.0.0.1:${port}/${connection.database}?sslmode=disable`,
      undefined,
      path.join(tempDir(), 'user-data'),
    );
  }, 300_000);

  afterAll(async () => {
    await host?.stop();
    await relay?.cut();
    await drop?.();
  });

  it('says the server cannot be reached and nothing was saved, on the save and on every list, with no year it never read', async () => {
    const { page } = await open(`${host.url}#/settings`);
    const governor = page.getByLabel('知事の氏名');
    await governor.waitFor();
    const { port } = relay;
    const lost =
      `共有データベースのサーバー（127.0.0.1:${port}/${connection.database}）に接続できません。入力は保存されていません。` +
      'サーバーの管理者に確認し、しばらくしてから再読み込みしてください。';

    await relay.cut();
    await governor.fill('停止中に入力');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContainEqual(expect.stringContaining(lost));
    expect((await page.getByRole('alert').allTextContents()).join('')).not.toContain('予期しないエラー');

    await page.goto(`${host.url}#/masters/centers`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByRole('table', { name: 'センターの一覧' }).textContent())
      .toContain('読み込めなかったため表示できません');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(lost);
    expect(main).not.toContain('センターは登録されていません');
    expect(main).not.toContain('予期しないエラー');
    expect(main).not.toMatch(/平成12年度|年度（/);
  });
});
