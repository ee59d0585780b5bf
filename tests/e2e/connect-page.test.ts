/**
 * The desktop's 共有データベースに接続 page in Chromium. Electron cannot run
 * here, so the page's only partner — the shell behind window.renkei.shared —
 * is stood in for by a bridge that records what the page sends and answers
 * with the shell's own messages (connectFailure). What the page sent is then
 * read by the shell's own reader (readConnectForm, connectionUrl), so the two
 * sides are checked against each other. The core is not involved.
 */
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFailure } from '../../electron/main/connect-errors';
import { connectionUrl, formFor, readConnectForm, saveConnection } from '../../electron/main/shared-connection';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium';
import { type ServeProcess, startServeProcess } from '../support/serve';
import { tempDir } from '../support/tmp';

const URL = 'postgres://yamada@renkei.pref.example:5432/renkei?sslmode=require';
const keychain = {
  isEncryptionAvailable: () => true,
  encryptString: (t: string) => Buffer.from(t),
  decryptString: (b: Buffer) => b.toString(),
};

describe('the 共有データベースに接続 page', () => {
  let browser: Browser;
  let host: ServeProcess;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    host = await startServeProcess(null, undefined, path.join(tempDir(), 'user-data'));
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
  });

  /** The page with a stand-in shell: `answers` are what 接続する gets, in turn. */
  async function openConnect(state: unknown, answers: unknown[]): Promise<Page> {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 560, height: 900 } });
    await context.addInitScript(
      ([s, a]) => {
        const w = window as unknown as Record<string, unknown>;
        const sent: unknown[] = [];
        w.__sent = sent;
        w.__local = 0;
        w.renkei = {
          call: async () => ({ ok: false, error: { code: 'unavailable', message: '—' } }),
          pickDatabaseFile: async () => null,
          onEditCommand: () => () => undefined,
          // As the preload gives it: the page's client listens from its start (client.ts listeningFromNow).
          onOtherChanges: () => () => undefined,
          shared: {
            state: async () => s,
            connect: async (form: unknown) => {
              sent.push(form);
              return (a as unknown[]).shift();
            },
            openLocal: async () => {
              w.__local = (w.__local as number) + 1;
            },
            cancel: async () => undefined,
          },
        };
      },
      [state, answers] as const,
    );
    const page = await context.newPage();
    await page.goto(`${host.url}#/connect`);
    await page.getByRole('heading', { name: '共有データベースに接続' }).waitFor();
    return page;
  }

  it('says why the last database did not open at start, and offers この PC のデータベース', async () => {
    const saved = saveConnection(URL, 'kept', keychain);
    const reason = connectFailure(URL, { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    const page = await openConnect({ form: formFor(saved), passwordKept: true, canKeepPassword: true, onShared: false, reason }, []);
    const alert = page.getByTestId('connect-failure');
    await expect.poll(() => alert.textContent()).toContain('共有データベースのサーバーに接続できません');
    expect(await alert.textContent()).toContain('この PC のデータベース（ファイル）で続けられます');
    expect(await page.getByLabel('サーバー名').inputValue()).toBe('renkei.pref.example');
    expect(await page.getByLabel('ユーザー名').inputValue()).toBe('yamada');
    expect(await page.getByLabel('パスワード', { exact: true }).inputValue()).toBe('');
    await page.getByRole('button', { name: 'この PC のデータベースを開く' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __local: number }).__local)).toBe(1);
  });

  it('warns when TLS is turned off for a server elsewhere, sends the form the shell reads, and shows a refused password', async () => {
    const page = await openConnect(
      { form: formFor(undefined), passwordKept: false, canKeepPassword: true, onShared: false, reason: null },
      [{ ok: false, failure: connectFailure(URL, { code: '28P01', message: '—' }) }],
    );
    expect(await page.getByLabel('通信を暗号化する（TLS）').isChecked()).toBe(true);
    await page.getByLabel('サーバー名').fill('renkei.pref.example');
    await page.getByLabel('データベース名').fill('renkei');
    await page.getByLabel('ユーザー名').fill('yamada');
    await page.getByLabel('パスワード', { exact: true }).fill('wrong-one');
    await page.getByLabel('通信を暗号化する（TLS）').uncheck();
    await expect.poll(() => page.getByTestId('connect-no-tls').count()).toBe(1);
    expect(await page.getByTestId('connect-no-tls').textContent()).toContain('パスワードとデータが読める形でネットワークを流れます');
    await page.getByLabel('サーバー名').fill('127.0.0.1');
    await expect.poll(() => page.getByTestId('connect-no-tls').count()).toBe(0);
    await page.getByLabel('サーバー名').fill('renkei.pref.example');
    await page.getByLabel('通信を暗号化する（TLS）').check();

    await page.getByRole('button', { name: '接続する' }).click();
    await expect.poll(() => page.getByTestId('connect-failure').textContent()).toContain('ユーザー名またはパスワードが違います');
    const sent = (await page.evaluate(() => (window as unknown as { __sent: unknown[] }).__sent))[0];
    const form = readConnectForm(sent);
    expect(form).toEqual({
      host: 'renkei.pref.example',
      port: '5432',
      database: 'renkei',
      user: 'yamada',
      password: 'wrong-one',
      savePassword: true,
      tls: true,
    });
    expect(connectionUrl(form!)).toBe(URL);
    // The password is cleared and the cursor put back in it for the next try.
    expect(await page.getByLabel('パスワード', { exact: true }).inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
  });
});
