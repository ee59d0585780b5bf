/**
 * The Printer for the CLI and the loopback host: a headless Chromium (the
 * system's Chromium, Chrome or Edge — never a downloaded one) driven by
 * playwright-core. It starts on the first print and keeps one page on the
 * print route for the next ones; the core's one-at-a-time queue means it never
 * prints two documents at once.
 */

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RenkeiError } from '@shared/contract';
import { PRINT_HOOK, PRINT_ROUTE, type PrintHook, type PrintJob, type PrintOutcome } from '@shared/report/print';
import type { Printer } from '../kernel/printer';
import { printerMissing } from '../kernel/printer';
import { PRINT_MARGINS, printFailed, printPageUnavailable } from './printer';

/** Where a browser that can print is usually installed, in the order tried. */
function browserCandidates(): string[] {
  const env = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : [];
  if (process.platform === 'win32') {
    const roots = [process.env['PROGRAMFILES(X86)'], process.env.PROGRAMFILES, process.env.LOCALAPPDATA].filter(Boolean) as string[];
    return [
      ...env,
      ...roots.flatMap((root) => [
        path.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ]),
    ];
  }
  if (process.platform === 'darwin') {
    return [
      ...env,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [...env, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'];
}

export function findBrowser(): string | null {
  return browserCandidates().find((p) => fs.existsSync(p)) ?? null;
}

/** Headless and quiet; without the sandbox only as root (a container or CI), where Chromium refuses to start with it. */
export const BROWSER_ARGS = [
  '--headless',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class ChromiumPrinter implements Printer {
  private browser: Promise<Browser> | null = null;
  private page: Promise<Page> | null = null;

  /** @param appUrl The loopback host's URL, which serves the renderer (and so the print page). */
  constructor(private readonly appUrl: string) {}

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }

  /**
   * Starts the browser and opens the print page now, in the background, for a
   * command that will print: the launch and the page load then overlap opening
   * the database and reading the reports. A failure here is kept for the first
   * print to report (it tries again).
   */
  prepare(): void {
    this.printPage().catch(() => undefined);
  }

  async print(job: PrintJob): Promise<{ pdf: Buffer; outcome: PrintOutcome }> {
    const page = await this.printPage();
    try {
      // The job goes as JSON text: playwright's own serialisation walks a large object (the pack's sixty pages) far slower.
      const outcome = await page.evaluate(
        ([hook, text]) => (window as unknown as Record<string, PrintHook>)[hook]!(JSON.parse(text) as PrintJob),
        [PRINT_HOOK, JSON.stringify(job)] as const,
      );
      // The paper (A4, each document in its orientation) and the page numbers are the print page's @page rules.
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        margin: PRINT_MARGINS,
        printBackground: true,
        tagged: true,
        outline: true,
      });
      return { pdf, outcome };
    } catch (error) {
      // A page that failed once is not trusted for the next document.
      this.page = null;
      await page.close().catch(() => undefined);
      throw printFailed(error);
    }
  }

  private async printPage(): Promise<Page> {
    if (!this.browser) {
      const executablePath = findBrowser();
      if (!executablePath) throw printerMissing();
      // Signals are the program's to handle (the CLI exits on them); playwright's own handlers would close the
      // browser and leave the process running. Its exit hook still kills Chromium when the process exits, and
      // Chromium ends by itself when the process dies without one (kill -9), as the pipe it is driven through closes.
      // Set at once, so a print asked for while the browser starts (after prepare) waits for the same one.
      this.browser = import('playwright-core')
        .then(({ chromium }) =>
          chromium.launch({ executablePath, args: BROWSER_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }),
        )
        .then(
          (browser) => {
            // A browser that crashed or was closed is started again at the next print.
            browser.on('disconnected', () => {
              this.browser = null;
              this.page = null;
            });
            return browser;
          },
          (error: unknown) => {
            this.browser = null;
            throw new RenkeiError(
              'unavailable',
              `PDF を作るためのブラウザー（${executablePath}）を起動できませんでした（${(error as Error).message.split('\n')[0]}）。別のブラウザーを使うには環境変数 CHROMIUM_PATH にその場所を指定してください。`,
            );
          },
        );
    }
    if (!this.page) {
      this.page = (async () => {
        const browser = await this.browser!;
        const context = await browser.newContext({ locale: 'ja-JP' });
        const page = await context.newPage();
        await page.emulateMedia({ media: 'print' });
        try {
          await page.goto(new URL(PRINT_ROUTE, this.appUrl).toString());
          await page.waitForFunction((hook) => typeof (window as unknown as Record<string, unknown>)[hook] === 'function', PRINT_HOOK, {
            timeout: 20_000,
          });
        } catch (error) {
          await page.close().catch(() => undefined);
          throw printPageUnavailable((error as Error).message.split('\n')[0]!);
        }
        return page;
      })();
      this.page.catch(() => {
        this.page = null;
      });
    }
    return this.page;
  }
}
