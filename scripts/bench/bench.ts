/**
 * `npm run bench`: one line per figure. Each domain adds its figures here.
 * Foundation: loopback host start to first rendered page in Chromium, and
 * one operation's round trip through the host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../../tests/support/chromium';
import { startServeProcess } from '../../tests/support/serve';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-bench-'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
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
