/**
 * `npm run bench`: one line per figure. Each domain adds its figures here.
 * Foundation: loopback host start to the first screen's data painted in a
 * fresh Chromium (start.ts), and one operation's round trip through the host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '@tests/support/chromium';
import { startServeProcess } from '@tests/support/serve';
import { benchDeck } from './deck';
import { benchFund } from './fund';
import { benchImports } from './imports';
import { benchMemory } from './memory';
import { benchReports } from './reports';
import { benchSearch, searchOver } from './search';
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
    '--search': benchSearch,
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
    await searchOver(browser, path.join(dir, 'cli-0.sqlite'), line);
    // A first start: serve makes its database in the user-data folder.
    const host = await startServeProcess(null, undefined, path.join(dir, 'rt-user-data'));
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
