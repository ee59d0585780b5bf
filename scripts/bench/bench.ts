/**
 * `npm run bench`: one line per figure. Each domain adds its figures here.
 * Foundation: loopback host start to first rendered page in Chromium, and
 * one operation's round trip through the host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { Core } from '@core/core';
import { writeXlsx } from '@core/tabular/write';
import { searchKey } from '@shared/text/normalize';
import { CHROMIUM_ARGS, chromiumPath } from '@tests/support/chromium';
import { startServeProcess } from '@tests/support/serve';
import { benchDeck } from './deck';
import { benchFund } from './fund';
import { benchInstitutions, toCsv } from './institutions';
import { benchReports } from './reports';
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

/** Raw better-sqlite3: one prepared INSERT per row in one transaction, into the same table. */
function rawInsertSeconds(dir: string, rows: ReturnType<typeof benchInstitutions>): number {
  const db = new BetterSqlite3(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE institution (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
    municipality_code TEXT, address TEXT NOT NULL DEFAULT '', home_care_support INTEGER NOT NULL DEFAULT 0, enhanced INTEGER NOT NULL DEFAULT 0,
    beds INTEGER, search_key TEXT NOT NULL DEFAULT '')`);
  const insert = db.prepare('INSERT INTO institution (code, name, kind, address, search_key) VALUES (?, ?, ?, ?, ?)');
  const t0 = performance.now();
  db.transaction(() => {
    for (const r of rows)
      insert.run(r.code, r.name, /病院/.test(r.name) ? 'hospital' : 'clinic', r.address, searchKey(`${r.name} ${r.code} ${r.address}`));
  })();
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}

async function importSeconds(dir: string, name: string, fileName: string, bytes: Buffer): Promise<number> {
  const core = await Core.open({ dbPath: path.join(dir, `${name}.sqlite`) });
  const t0 = performance.now();
  const result = await core.call('masters.import.commit', { kind: 'institutions', fileName, data: bytes.toString('base64') });
  const seconds = (performance.now() - t0) / 1000;
  await core.close();
  if (result.created !== 100_000) throw new Error(`imported ${result.created} rows, expected 100,000`);
  return seconds;
}

/**
 * Search over 100,000 institutions in the real UI, timed inside the page from
 * the input event to the list showing the result (a MutationObserver), so the
 * figure is the app's and not the test driver's. The first search, which
 * builds the core's index, is reported on its own.
 */
async function benchSearch(browser: import('playwright-core').Browser, dbPath: string): Promise<void> {
  const host = await startServeProcess(dbPath);
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(`${host.url}#/masters/institutions`);
  await page.getByTestId('institution-total').filter({ hasText: '100,000' }).waitFor();
  const timeSearch = (query: string) =>
    page.evaluate(async (q) => {
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
      const showsAll = () => total.textContent!.includes('全 100,000 件');
      if (input.value !== '') type('');
      await until(showsAll);
      const t0 = performance.now();
      type(q);
      await until(() => !showsAll());
      return performance.now() - t0;
    }, query);
  const first = await timeSearch('ｸﾘﾆｯｸ');
  const times: number[] = [];
  for (const query of ['病院', 'さっぽろ', '新潟市中央区', 'ﾍﾞﾝﾁ診療所9', '内科 医院', 'こども', '整形外科', 'ｸﾘﾆｯｸ'])
    times.push(await timeSearch(query));
  line(
    'institution search over 100,000 rows, input to rendered list (median of 8)',
    `${median(times).toFixed(0)} ms (goal < 100 ms; first search, building the index: ${first.toFixed(0)} ms)`,
  );
  await page.close();
  await host.stop();
}

async function benchImports(dir: string): Promise<void> {
  const rows = benchInstitutions();
  const raw = rawInsertSeconds(dir, rows);
  line('raw better-sqlite3 insert, 100,000 institutions', `${Math.round(rows.length / raw).toLocaleString('en-US')} rows/s`);
  const csv = await importSeconds(dir, 'csv', 'institutions.csv', toCsv(rows));
  line(
    'import 100,000 institutions from CSV',
    `${Math.round(rows.length / csv).toLocaleString('en-US')} rows/s (${(raw / csv).toFixed(2)} of raw; goal ≥ 0.5)`,
  );
  const xlsx = await writeXlsx([
    {
      name: '医療機関',
      columns: [
        { key: 'code', header: '医療機関コード' },
        { key: 'name', header: '名称' },
        { key: 'address', header: '所在地' },
      ],
      rows: rows.map((r) => ({ ...r })),
    },
  ]);
  const book = await importSeconds(dir, 'xlsx', 'institutions.xlsx', xlsx);
  line(
    'import 100,000 institutions from XLSX',
    `${Math.round(rows.length / book).toLocaleString('en-US')} rows/s (${(raw / book).toFixed(2)} of raw)`,
  );
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-bench-'));
  const parts = {
    '--reports': benchReports,
    '--fund': benchFund,
    '--subsidy': benchSubsidy,
    '--survey': benchSurvey,
    '--survey-forms': benchSurveyForms,
    '--deck': benchDeck,
  };
  const only = (Object.keys(parts) as (keyof typeof parts)[]).find((flag) => process.argv.includes(flag));
  if (only) {
    await parts[only](dir, line);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  await benchImports(dir);
  await benchFund(dir, line);
  await benchSubsidy(dir, line);
  await benchSurvey(dir, line);
  await benchSurveyForms(dir, line);
  await benchReports(dir, line);
  await benchDeck(dir, line);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    await benchSearch(browser, path.join(dir, 'csv.sqlite'));
    const startTimes: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const t0 = performance.now();
      const host = await startServeProcess(path.join(dir, `start-${i}.sqlite`));
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.getByTestId('db-path').waitFor();
      startTimes.push(performance.now() - t0);
      await page.close();
      await host.stop();
    }
    console.log(`host start → first rendered page (median of 3): ${median(startTimes).toFixed(0)} ms`);

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
