/**
 * `npm run bench`: one line per figure. Each domain adds its figures here.
 * Foundation: loopback host start to the first screen's data painted in a
 * fresh Chromium (start.ts), and one operation's round trip through the host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '@tests/support/chromium';
import { startServeProcess } from '@tests/support/serve';
import { benchDeck } from './deck';
import { benchFund } from './fund';
import { benchImports } from './imports';
import { benchMemory } from './memory';
import { benchReports } from './reports';
import { benchShared } from './shared';
import { runSharedChild } from './shared-clients';
import { benchSizes } from './sizes';
import { benchStart } from './start';
import { benchSubsidy } from './subsidy';
import { benchSurvey } from './survey';
import { benchSurveyForms } from './survey-forms';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function line(label: string, value: string): void {
  console.log(`${label}: ${value}`);
}

/**
 * Search over the real national list in the real UI, timed inside the page
 * from the input event to the next frame after the list shows the result (a
 * MutationObserver, then requestAnimationFrame), so the figure is the app's
 * and not the test driver's. Also the list's first open (the core builds its
 * index then) and the first search after an unrelated write (a setting saved).
 */
async function benchSearch(browser: import('playwright-core').Browser, dbPath: string): Promise<void> {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  const count = (db.prepare('SELECT count(*) AS n FROM institution').get() as { n: number }).n.toLocaleString('en-US');
  db.close();
  const host = await startServeProcess(dbPath);
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(host.url);
  await page.getByTestId('db-path').waitFor();
  const opened = performance.now();
  await page.goto(`${host.url}#/masters/institutions`);
  await page.getByTestId('institution-total').filter({ hasText: count }).waitFor();
  const firstOpen = performance.now() - opened;
  const timeSearch = (query: string) =>
    page.evaluate(
      async ([q, all]) => {
        const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
        const total = document.querySelector('[data-testid="institution-total"]')!;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const type = (value: string) => {
          setValue.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
        const until = (done: () => boolean) =>
          new Promise<void>((resolve) => {
            if (done()) return resolve();
            const observer = new MutationObserver(() => {
              if (!done()) return;
              observer.disconnect();
              resolve();
            });
            observer.observe(total, { subtree: true, childList: true, characterData: true });
          });
        const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
        const showsAll = () => total.textContent!.includes(`全 ${all} 件`);
        if (input.value !== '') type('');
        await until(showsAll);
        await painted();
        const t0 = performance.now();
        type(q);
        await until(() => !showsAll());
        await painted();
        return performance.now() - t0;
      },
      [query, count] as const,
    );
  const first = await timeSearch('ｸﾘﾆｯｸ');
  const times: number[] = [];
  for (const query of ['病院', 'さっぽろ', '新潟市中央区', '歯科', '内科 医院', 'こども', '整形外科', 'ｸﾘﾆｯｸ'])
    times.push(await timeSearch(query));
  const afterWrite: number[] = [];
  for (const [i, query] of ['病院', 'こども', '整形外科'].entries()) {
    const saved = await fetch(`${host.url}api/settings.update`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-renkei-token': host.token },
      body: JSON.stringify({ organization: `地域医療政策課 ${i}` }),
    });
    if (!saved.ok) throw new Error(`settings.update: ${saved.status}`);
    afterWrite.push(await timeSearch(query));
  }
  line(
    `institution search over ${count} rows, input to painted list (median of 8)`,
    `${median(times).toFixed(0)} ms (goal < 100 ms; the first one ${first.toFixed(0)} ms)`,
  );
  line(
    'institution search after an unrelated write (median of 3) / first open of the list',
    `${median(afterWrite).toFixed(0)} ms (goal < 50 ms) / ${firstOpen.toFixed(0)} ms (goal < 150 ms)`,
  );
  await page.close();
  await host.stop();
}

async function main(): Promise<void> {
  if (process.argv.includes('--shared-child')) {
    await runSharedChild();
    return;
  }
  if (process.argv.includes('--shared')) {
    const option = (name: string, otherwise: number) => {
      const at = process.argv.indexOf(name);
      return at > 0 ? Number(process.argv[at + 1]) : otherwise;
    };
    await benchShared(option('--seconds', 60), option('--clients', 20));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-bench-'));
  const parts = {
    '--imports': benchImports,
    '--reports': benchReports,
    '--fund': benchFund,
    '--subsidy': benchSubsidy,
    '--survey': benchSurvey,
    '--survey-forms': benchSurveyForms,
    '--deck': benchDeck,
    '--sizes': benchSizes,
    '--start': benchStart,
    '--memory': benchMemory,
  };
  const only = (Object.keys(parts) as (keyof typeof parts)[]).find((flag) => process.argv.includes(flag));
  if (only) {
    await parts[only](dir, line);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  await benchImports(dir, line);
  await benchFund(dir, line);
  await benchSubsidy(dir, line);
  await benchSurvey(dir, line);
  await benchSurveyForms(dir, line);
  await benchReports(dir, line);
  await benchDeck(dir, line);
  await benchSizes(dir, line);
  await benchStart(dir, line);
  await benchMemory(dir, line);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    // The real national list the import benchmark left behind.
    await benchSearch(browser, path.join(dir, 'cli-0.sqlite'));
    const host = await startServeProcess(path.join(dir, 'rt.sqlite'));
    const trips: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const t0 = performance.now();
      const res = await fetch(`${host.url}api/settings.get`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-renkei-token': host.token },
        body: '{}',
      });
      await res.json();
      trips.push(performance.now() - t0);
    }
    console.log(`operation round trip via host, settings.get (median of 200): ${median(trips).toFixed(2)} ms`);
    await host.stop();
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
