/**
 * The Printer for the CLI and the loopback host: a headless Chromium (the
 * system's Chromium, Chrome or Edge — never a downloaded one) driven by
 * playwright-core. It starts on the first print, keeps one page on the print
 * route for the next ones, and prints one document at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ReportDoc } from '../../../shared/report/model';
import { PRINT_HOOK, PRINT_ROUTE, type PrintHook, type PrintOutcome } from '../../../shared/report/print';
import { PRINT_FOOTER_TEMPLATE, PRINT_HEADER_TEMPLATE, PRINT_MARGINS, type Printer, printerMissing } from './printer';

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
    return [...env, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
  }
  return [...env, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'];
}

export function findBrowser(): string | null {
  return browserCandidates().find((p) => fs.existsSync(p)) ?? null;
}

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class ChromiumPrinter implements Printer {
  private browser: Promise<Browser> | null = null;
  private page: Promise<Page> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** @param appUrl The loopback host's URL, which serves the renderer (and so the print page). */
  constructor(private readonly appUrl: string) {}

  print(doc: ReportDoc): Promise<{ pdf: Buffer; outcome: PrintOutcome }> {
    const run = () => this.printNow(doc);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }

  private async printNow(doc: ReportDoc): Promise<{ pdf: Buffer; outcome: PrintOutcome }> {
    const page = await this.printPage();
    try {
      const outcome = await page.evaluate(
        ([hook, d]) => (window as unknown as Record<string, PrintHook>)[hook]!(d),
        [PRINT_HOOK, doc] as const,
      );
      const pdf = await page.pdf({
        format: 'A4',
        landscape: doc.orientation === 'landscape',
        margin: PRINT_MARGINS,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: PRINT_HEADER_TEMPLATE,
        footerTemplate: PRINT_FOOTER_TEMPLATE,
        tagged: true,
      });
      return { pdf, outcome };
    } catch (error) {
      // A page that failed once is not trusted for the next document.
      this.page = null;
      await page.close().catch(() => undefined);
      throw error;
    }
  }

  private async printPage(): Promise<Page> {
    if (!this.browser) {
      const executablePath = findBrowser();
      if (!executablePath) throw printerMissing();
      const { chromium } = await import('playwright-core');
      this.browser = chromium.launch({ executablePath, args: BROWSER_ARGS });
      this.browser.catch(() => {
        this.browser = null;
      });
    }
    if (!this.page) {
      this.page = (async () => {
        const browser = await this.browser!;
        const context = await browser.newContext({ locale: 'ja-JP' });
        const page = await context.newPage();
        await page.emulateMedia({ media: 'print' });
        await page.goto(new URL(PRINT_ROUTE, this.appUrl).toString());
        await page.waitForFunction((hook) => typeof (window as unknown as Record<string, unknown>)[hook] === 'function', PRINT_HOOK);
        return page;
      })();
      this.page.catch(() => {
        this.page = null;
      });
    }
    return this.page;
  }
}
