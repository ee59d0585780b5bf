/**
 * `--start`: from the start (Chromium's launch) until the home screen's data is
 * painted, as an officer waits for it — on a real database (the demo plus the
 * real national list of insured institutions, ../shared/reference/data), in a
 * Chromium started fresh for each repeat (its own new profile, so nothing is
 * cached), timed inside the page: the home figures in the DOM, then the next
 * frame. The browser starts first, then the host and the first tab at once,
 * as the desktop app starts its core and opens its window once Electron is
 * ready. Split into the browser's launch, the host's start, the tab and the page;
 * and what the first screen downloaded (JS and CSS as served and raw, fonts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '@tests/support/chromium';
import { CLI, startServeProcess } from '@tests/support/serve';
import { realList } from './imports';

type Line = (label: string, value: string) => void;

const REPEATS = 5;
/**
 * What the home screen shows once its data came: the year's cards (基金・補助金・調査・日付; on today's date the
 * demo's years are past, so they say what the year still lacks), the database's file and its last backup.
 */
const DATA_PAINTED = ['.home-grid', '[data-testid="db-path"]', '[data-testid="last-backup"]'];
/**
 * What the page logs once the home data is painted. The run waits for this message, not with page.waitForFunction:
 * that evaluates Playwright's own ~300 KB script in the page as the page starts (13–50 ms of its main thread, in the
 * middle of what is timed), which no officer's window runs.
 */
const PAINTED_SIGNAL = 'renkei-bench: painted';
/** How long after the paint the page may go on fetching (lazy chunks, fonts) before the downloads are counted. */
const SETTLE_MS = 1500;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const figure = (values: number[]) => {
  // A repeat whose fonts had not all settled by the end of its wait has no figure for them.
  const known = values.filter((v) => !Number.isNaN(v));
  const missing = values.length - known.length;
  return `min ${Math.min(...known).toFixed(0)} / median ${median(known).toFixed(0)} ms${missing ? ` (${missing} of ${values.length} unsettled)` : ''}`;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
/** Wall-clock milliseconds, comparable with the page's performance.timeOrigin + now(). */
const wallNow = () => performance.timeOrigin + performance.now();

interface Download {
  name: string;
  /** Body bytes on the wire (compressed if the host compressed it). */
  encoded: number;
  /** Body bytes once decoded. */
  decoded: number;
  /** Finished (ms since the page's time origin). */
  end: number;
}

interface Repeat {
  /** The browser's own start (ms after the first step). */
  launch: number;
  /** After the browser's start: the host process to listening, the first tab (the window) opened. */
  host: number;
  tab: number;
  page: number;
  total: number;
  /** Every font face settled, after the paint or before it (ms after the start). */
  fonts: number;
  /** The app's code running on the page, taking clicks and keys (ms after the start). */
  live: number;
  downloads: Download[];
  paintedAt: number;
  /** The core operations the page called before its data was painted. */
  calls: string[];
}

/**
 * In the page before its own scripts: the moment the home data is painted (then logged as `signal`), and the operations
 * called until then.
 */
function paintProbe({ selectors, signal }: { selectors: string[]; signal: string }): void {
  const w = window as unknown as { __painted?: number; __fonts?: number; __live?: number; __calls: string[] };
  w.__calls = [];
  // The app's code running on the page (AppRoot marks it): a home the host drew is painted before, and takes no click until then.
  const live = new MutationObserver(() => {
    if (document.documentElement?.dataset.live === undefined) return;
    live.disconnect();
    w.__live = performance.now();
  });
  // The document, not its element: this runs before the page has one.
  live.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-live'] });
  const fetchOriginal = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/api/') && w.__painted === undefined) w.__calls.push(decodeURIComponent(url.split('/api/')[1]!));
    return fetchOriginal(input, init);
  };
  const shown = () => selectors.every((s) => document.querySelector(s) !== null);
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        w.__painted = performance.now();
        console.debug(signal);
        void document.fonts.ready.then(() => (w.__fonts = performance.now()));
      }, 0),
    );
  });
  observer.observe(document, { subtree: true, childList: true });
}

/** The demo with the national list imported, through the CLI as an officer would make it; one start untimed (its daily backup). */
export async function realDatabase(dir: string): Promise<string> {
  // A folder of its own each time: `npm run bench` makes one for --start and another for --memory in the same run.
  const own = fs.mkdtempSync(path.join(dir, 'real-'));
  const db = path.join(own, 'start.sqlite');
  execFileSync(process.execPath, [CLI, 'init', '--db', db, '--demo'], { stdio: 'ignore' });
  execFileSync(process.execPath, [CLI, 'import', '--db', db, 'institutions', realList(own)], { stdio: 'ignore' });
  const host = await startServeProcess(db, undefined, path.join(own, 'user-data-warm'));
  await host.stop();
  return db;
}

async function once(db: string, dir: string, run: number): Promise<Repeat> {
  const t0 = wallNow();
  // As the desktop app starts: its browser first (Electron's, before app.whenReady()), then its window and its core at
  // once (electron/main/main.ts start()). Here the page is asked for only once the host is up too — later than the
  // desktop's, whose page loads from its own files while the core is still starting.
  // A new browser process with a new, empty profile: nothing of the page cached.
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const launched = wallNow();
  const hostStarting = startServeProcess(db, undefined, path.join(dir, `user-data-${run}`), false).then((host) => ({
    host,
    at: wallNow(),
  }));
  // The window: a new renderer process.
  const pageOpening = browser.newPage({ viewport: { width: 1366, height: 768 } }).then((page) => ({ page, at: wallNow() }));
  const [hostUp, pageUp] = await Promise.allSettled([hostStarting, pageOpening]);
  if (hostUp.status === 'rejected' || pageUp.status === 'rejected') {
    if (hostUp.status === 'fulfilled') await hostUp.value.host.stop();
    await browser.close();
    throw hostUp.status === 'rejected' ? hostUp.reason : (pageUp as PromiseRejectedResult).reason;
  }
  const { host, at: hostReady } = hostUp.value;
  const { page, at: pageReady } = pageUp.value;
  try {
    await page.addInitScript(paintProbe, { selectors: DATA_PAINTED, signal: PAINTED_SIGNAL });
    const painted = page.waitForEvent('console', { predicate: (message) => message.text() === PAINTED_SIGNAL, timeout: 30_000 });
    // A navigation that fails is the error the run reports, not this wait's.
    painted.catch(() => undefined);
    const asked = wallNow();
    await page.goto(host.url, { waitUntil: 'commit' });
    await painted;
    await page.waitForTimeout(SETTLE_MS);
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __painted: number; __fonts?: number; __live?: number; __calls: string[] };
      return {
        origin: performance.timeOrigin,
        painted: w.__painted,
        fonts: w.__fonts ?? Number.NaN,
        live: w.__live ?? Number.NaN,
        calls: w.__calls,
        downloads: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
          name: new URL(r.name).pathname,
          encoded: r.encodedBodySize,
          decoded: r.decodedBodySize,
          end: r.responseEnd,
        })),
      };
    });
    const paintedAt = seen.origin + seen.painted;
    return {
      launch: launched - t0,
      host: hostReady - launched,
      tab: pageReady - launched,
      page: paintedAt - asked,
      total: paintedAt - t0,
      fonts: seen.origin + seen.fonts - t0,
      live: seen.origin + seen.live - t0,
      downloads: seen.downloads,
      paintedAt: seen.painted,
      calls: seen.calls,
    };
  } finally {
    await Promise.allSettled([browser.close(), host.stop()]);
  }
}

/** The size of a served file after gzip, to show what compression would give where the host sends it raw. */
function gzipped(file: string): number {
  return fs.existsSync(file) ? zlib.gzipSync(fs.readFileSync(file)).length : Number.NaN;
}

function downloadsLine(r: Repeat, line: Line): void {
  const renderer = path.resolve(path.dirname(CLI), '..', 'renderer');
  const byKind = (kind: RegExp, before: boolean) => r.downloads.filter((d) => kind.test(d.name) && (!before || d.end <= r.paintedAt));
  const sum = (list: Download[], key: 'encoded' | 'decoded') => list.reduce((n, d) => n + d[key], 0);
  // What the first screen needed came before its paint; the menu's screens' code is loaded after it, in idle time.
  const code = byKind(/\.(js|css)$/, true);
  const gz = code.reduce((n, d) => n + gzipped(path.join(renderer, d.name.replace(/^\//, ''))), 0);
  const js = code.filter((d) => d.name.endsWith('.js'));
  const css = code.filter((d) => d.name.endsWith('.css'));
  line(
    'first screen downloads (by the paint): JS + CSS as served / raw (gzip -6 of the same files)',
    `${kb(sum(code, 'encoded'))} / ${kb(sum(code, 'decoded'))} (${kb(gz)}) — JS ${js.length} files ${kb(sum(js, 'decoded'))} raw, CSS ${css.length} files ${kb(sum(css, 'decoded'))} raw (goal < 400 KB gzipped as served)`,
  );
  const ahead = byKind(/\.(js|css)$/, false).filter((d) => d.end > r.paintedAt);
  line(
    `  then the menu's screens loaded ahead in idle time (${SETTLE_MS / 1000} s after the paint): as served / raw`,
    `${ahead.length} files, ${kb(sum(ahead, 'encoded'))} / ${kb(sum(ahead, 'decoded'))}`,
  );
  const fonts = byKind(/\.woff2?$/, false);
  const fontsBefore = byKind(/\.woff2?$/, true);
  line(
    `first screen downloads: font files (by the paint / ${SETTLE_MS / 1000} s after it)`,
    `${fontsBefore.length} / ${fonts.length} files, ${kb(sum(fontsBefore, 'encoded'))} / ${kb(sum(fonts, 'encoded'))} (goal: only the faces the screen draws)`,
  );
}

export async function benchStart(dir: string, line: Line): Promise<void> {
  const db = await realDatabase(dir);
  const repeats: Repeat[] = [];
  for (let run = 0; run < REPEATS; run += 1) repeats.push(await once(db, dir, run));
  const pick = (key: keyof Repeat) => repeats.map((r) => r[key] as number);
  const mib = (fs.statSync(db).size / 1024 / 1024).toFixed(0);
  line(
    `start (Chromium, then host and tab) → first screen's data painted (demo + national list, ${mib} MiB; fresh Chromium each time), ${REPEATS} repeats`,
    `${figure(pick('total'))} (goal < 800 ms)`,
  );
  line(
    '  of which: Chromium launch / then, side by side, host process to listening and the first tab / page from navigation to data painted',
    `${figure(pick('launch'))} / ${figure(pick('host'))} and ${figure(pick('tab'))} / ${figure(pick('page'))}`,
  );
  line("  the app's code running on it, taking clicks and keys (after the start)", figure(pick('live')));
  line('  every font face settled (after the start)', figure(pick('fonts')));
  const last = repeats.at(-1)!;
  line('  operations called before the paint', last.calls.join(', ') || 'none (the page came with their answers)');
  downloadsLine(last, line);
  // The day's first start takes the daily backup before the host listens: the same file alone in a new folder, with no backup beside it.
  const firsts: Repeat[] = [];
  for (let run = 0; run < 3; run += 1) {
    const alone = path.join(dir, `first-of-day-${run}`);
    fs.mkdirSync(alone);
    fs.copyFileSync(db, path.join(alone, 'start.sqlite'));
    firsts.push(await once(path.join(alone, 'start.sqlite'), alone, run));
  }
  line(
    "  the day's first start (the daily backup taken first), 3 repeats: host spawned to listening / start to data painted",
    `${figure(firsts.map((r) => r.host))} / ${figure(firsts.map((r) => r.total))}`,
  );
}
