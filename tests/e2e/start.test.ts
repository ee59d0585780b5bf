/**
 * `npm start` where Electron could not be installed (as on this machine):
 * it must say so in Japanese and serve the same app on loopback — on a first
 * start too, making its database in the user-data folder.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, type ServeProcess, startServeProcess } from '../support/serve';

let started: ServeProcess | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await started?.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function electronInstalled(): boolean {
  try {
    const binary = createRequire(path.join(ROOT, 'package.json'))('electron');
    return typeof binary === 'string' && fs.existsSync(binary);
  } catch {
    return false;
  }
}

describe('npm start without Electron', () => {
  it.skipIf(electronInstalled())('explains in Japanese and serves the app on 127.0.0.1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-start-'));
    dirs.push(dir);
    // A first start: no --db, nothing in the user-data folder yet.
    started = await startServeProcess(null, [path.join(ROOT, 'scripts', 'start.mjs')], path.join(dir, 'user-data'));
    expect(started.output()).toContain('デスクトップ版（Electron）はこのPCでは利用できません');
    expect(started.output()).toContain(`データベース: ${path.join(dir, 'user-data', 'renkei.sqlite')}`);
    expect(fs.existsSync(started.dbPath)).toBe(true);
    // npm test built dist/ just before: nothing changed, so the start builds nothing and shows no build tool's noise.
    expect(started.output()).toContain('ビルド済みです（変更はありません）');
    expect(started.output()).not.toMatch(/PLUGIN_TIMINGS|rolldown/);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(started.url);
    const html = await page.text();
    expect(html).toContain('<html lang="ja">');
    // React's production build even when the start was asked from a test (NODE_ENV=test): never its development build.
    expect(html).not.toContain('jsx-dev-runtime');
  });
});
