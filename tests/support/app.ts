/**
 * The end-to-end harness every browser test file uses: Debian's Chromium,
 * the real `renkei serve` on a temporary SQLite file, and clean-up after
 * each test. Call useApp() once at the top of a test file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { type ServeProcess, startServeProcess } from './serve';

export interface OpenPage {
  page: Page;
  /** Page errors and console errors seen so far. */
  problems: string[];
}

export function useApp() {
  let browser: Browser;
  const hosts: ServeProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.stop();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  /** A fresh temporary folder, removed after the test. */
  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-e2e-'));
    dirs.push(dir);
    return dir;
  }

  /** Where a new database may go (nothing made there): for a core the test opens itself before serving it. */
  function newDbPath(): string {
    return path.join(tempDir(), 'renkei.sqlite');
  }

  /**
   * A database holding the demo prefecture (新潟県), made the way a user would (`renkei init --demo`), once per run
   * (demo-template.ts): a copy of it, the test's own.
   */
  function demoDbPath(): string {
    const dbPath = newDbPath();
    fs.copyFileSync(inject('demoDbTemplate'), dbPath);
    return dbPath;
  }

  /** `renkei serve` on the database at `dbPath`; without it, a first start on a new one (its path is the host's dbPath). */
  async function serve(dbPath?: string): Promise<ServeProcess> {
    const host = await startServeProcess(dbPath ?? null, undefined, dbPath ? undefined : path.join(tempDir(), 'user-data'));
    hosts.push(host);
    return host;
  }

  /** A new page at `url`; `before` runs on it first (routes that must be in place before the page asks for anything). */
  async function open(url: string, before?: (page: Page) => Promise<unknown>): Promise<OpenPage> {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await before?.(page);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // A home the host drew shows its heading before the app's code runs on it: the test acts once it does (AppRoot).
    await page.locator('html[data-live]').waitFor({ state: 'attached' });
    return { page, problems };
  }

  return { tempDir, newDbPath, demoDbPath, serve, open };
}

/**
 * From now on, what goes wrong on `page` even for a moment: each answer of the core that is a refusal or a failure
 * (status 400 and up, e.g. `404 /api/meeting.get`) and each alert drawn (an error notice, an error toast, a field's
 * error), however soon it is gone. Returns how to read what was seen so far.
 */
export async function watchFailures(page: Page): Promise<() => Promise<string[]>> {
  const answers: string[] = [];
  page.on('response', (r) => r.status() >= 400 && answers.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __alertsSeen: string[] }).__alertsSeen = seen;
    new MutationObserver(() => {
      for (const alert of document.querySelectorAll('[role="alert"]')) {
        const text = `alert: ${alert.textContent ?? ''}`;
        if (!seen.includes(text)) seen.push(text);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return async () => [...answers, ...(await page.evaluate(() => (window as unknown as { __alertsSeen: string[] }).__alertsSeen))];
}

/**
 * Holds the answer of the next call of `op` (e.g. `meeting.save`), as on a slow shared drive: the call reaches the
 * core at once and is done there, only its answer waits. Later calls pass. Returns the answers held, each a function
 * that lets its answer go.
 */
export async function holdAnswer(page: Page, op: string): Promise<(() => void)[]> {
  const held: (() => void)[] = [];
  let calls = 0;
  await page.route(new RegExp(`/api/${op.replace(/\./g, '\\.')}$`), async (route) => {
    calls += 1;
    if (calls > 1) return route.continue();
    const answer = await route.fetch();
    held.push(() => void route.fulfill({ response: answer }));
  });
  return held;
}
