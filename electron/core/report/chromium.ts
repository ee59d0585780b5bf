/**
 * The Printer for the CLI and the loopback host: a headless Chromium (the
 * system's Chromium, Chrome or Edge — never a downloaded one) driven through
 * its DevTools pipe (devtools.ts). It starts on the first print and keeps one
 * page on the print route for the next ones; the core's one-at-a-time queue
 * means it never prints two documents at once.
 */

import { RenkeiError } from '@shared/contract';
import { PRINT_HOOK, PRINT_MARGINS_INCHES, PRINT_PAGE, PRINT_VIEWPORT, type PrintJob, type PrintOutcome } from '@shared/report/print';
import { launchPrintingBrowser } from '../kernel/browser/browser';
import type { DevToolsPipe } from '../kernel/browser/devtools';
import type { Printer } from '../kernel/printer';
import { printerMissing } from '../kernel/printer';
import { printFailed, printPageUnavailable } from './printer';

const HOOK_WAIT_MS = 20_000;
/** From how many pages a job that only counted leaves enough to collect before its print. */
const COLLECT_AFTER_COUNTING = 100;

interface EvaluateResult {
  result: { value?: unknown };
  exceptionDetails?: { text: string; exception?: { description?: string; value?: unknown } };
}

/** A page of the browser, attached through its own DevTools session. */
interface PrintTab {
  browser: DevToolsPipe;
  session: string;
  targetId: string;
}

/** Runs an expression in the page and waits for its promise; the page's error comes back with its own (Japanese) message. */
async function evaluate(tab: PrintTab, expression: string): Promise<unknown> {
  const answer = await tab.browser.send<EvaluateResult>(
    'Runtime.evaluate',
    { expression, awaitPromise: true, returnByValue: true },
    tab.session,
  );
  if (answer.exceptionDetails) {
    const { exception, text } = answer.exceptionDetails;
    const said = exception?.description ?? (exception?.value === undefined ? text : String(exception.value));
    throw new Error(said.split(/\n\s+at /)[0]);
  }
  return answer.result.value;
}

/** The page's PDF, read from the stream Chromium writes it to rather than as one message. */
async function printToPdf(tab: PrintTab): Promise<Buffer> {
  const { stream } = await tab.browser.send<{ stream: string }>(
    'Page.printToPDF',
    {
      // The paper (A4, each document in its orientation) and the page numbers are the print page's @page rules.
      preferCSSPageSize: true,
      printBackground: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      marginTop: PRINT_MARGINS_INCHES.top,
      marginRight: PRINT_MARGINS_INCHES.right,
      marginBottom: PRINT_MARGINS_INCHES.bottom,
      marginLeft: PRINT_MARGINS_INCHES.left,
      transferMode: 'ReturnAsStream',
    },
    tab.session,
  );
  const chunks: Buffer[] = [];
  for (;;) {
    const read = await tab.browser.send<{ data: string; base64Encoded?: boolean; eof: boolean }>(
      'IO.read',
      { handle: stream, size: 4 << 20 },
      tab.session,
    );
    chunks.push(Buffer.from(read.data, read.base64Encoded ? 'base64' : 'utf8'));
    if (read.eof) break;
  }
  await tab.browser.send('IO.close', { handle: stream }, tab.session);
  return Buffer.concat(chunks);
}

export class ChromiumPrinter implements Printer {
  private browser: Promise<DevToolsPipe> | null = null;
  private page: Promise<PrintTab> | null = null;
  /** The pages the last job counted, when it only counted (its print comes next); else 0. */
  private counted = 0;

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

  async print(job: PrintJob, started?: () => void): Promise<{ pdf: Buffer; outcome: PrintOutcome }> {
    const page = this.printPage();
    const tab = await page;
    try {
      // What the last job's drawing left (its elements, styles and layout, a pack's worth) is collected before the
      // next is drawn: without it a grown pack's page held twice the memory through its second print (976 → 402 MB).
      // Not after counting a short job, whose print follows: the collection took 100 ms of a 64-page pack to free
      // 20-60 MB (the 243-page pack's count left 220 MB, and is collected).
      const counted = this.counted;
      this.counted = 0;
      if (counted === 0 || counted >= COLLECT_AFTER_COUNTING) await tab.browser.send('HeapProfiler.collectGarbage', {}, tab.session);
      // The job goes as JSON text inside the expression, parsed by the page.
      const outcome = (await evaluate(
        tab,
        `window[${JSON.stringify(PRINT_HOOK)}](JSON.parse(${JSON.stringify(JSON.stringify(job))}))`,
      )) as PrintOutcome;
      // A job that only lays out is answered without a print.
      if (job.layoutOnly) {
        this.counted = (outcome.pages ?? []).reduce((sum, pages) => sum + pages, 0);
        return { pdf: Buffer.alloc(0), outcome };
      }
      // Asked for (its request written to the pipe) before the caller's work alongside takes this thread.
      const printing = printToPdf(tab);
      // Awaited below; should `started` throw, the print's own failure is not an unhandled one.
      printing.catch(() => undefined);
      started?.();
      const pdf = await printing;
      return { pdf, outcome };
    } catch (error) {
      // A page that failed once is not trusted for the next document (unless a later print already opened another).
      if (this.page === page) this.page = null;
      tab.browser.send('Target.closeTarget', { targetId: tab.targetId }).catch(() => undefined);
      throw printFailed(error);
    }
  }

  /** The page on the print route, opened (and the browser started) if there is none; the same promise while it stands. */
  private printPage(): Promise<PrintTab> {
    if (!this.browser) {
      const start = launchPrintingBrowser();
      if (!start) return Promise.reject(printerMissing());
      const { executablePath, launched } = start;
      // Set at once, so a print asked for while the browser starts (after prepare) waits for the same one.
      const starting = launched.then(
        (browser) => {
          // A browser that crashed or was closed is started again at the next print.
          browser.onClose(() => {
            if (this.browser === starting) {
              this.browser = null;
              this.page = null;
            }
          });
          return browser;
        },
        (error: unknown) => {
          if (this.browser === starting) this.browser = null;
          throw new RenkeiError(
            'unavailable',
            `PDF を作るためのブラウザー（${executablePath}）を起動できませんでした（${(error as Error).message.split('\n')[0]}）。別のブラウザーを使うには環境変数 CHROMIUM_PATH にその場所を指定してください。`,
          );
        },
      );
      this.browser = starting;
    }
    if (!this.page) {
      const browser = this.browser;
      const opening = (async (): Promise<PrintTab> => {
        const pipe = await browser;
        let targetId: string | undefined;
        try {
          // Opened on the print page: it loads while this session attaches and sets the page's emulation (nothing is
          // drawn before the first job, which waits for all of it).
          const url = new URL(PRINT_PAGE, this.appUrl).toString();
          ({ targetId } = await pipe.send<{ targetId: string }>('Target.createTarget', { url }));
          const { sessionId } = await pipe.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
          const tab: PrintTab = { browser: pipe, session: sessionId, targetId };
          await Promise.all([
            pipe.send('Inspector.enable', {}, sessionId),
            pipe.send('Emulation.setEmulatedMedia', { media: 'print' }, sessionId),
            pipe.send('Emulation.setLocaleOverride', { locale: 'ja-JP' }, sessionId),
            pipe.send('Emulation.setDeviceMetricsOverride', PRINT_VIEWPORT, sessionId),
          ]);
          await waitForHook(tab, url);
          return tab;
        } catch (error) {
          if (targetId) pipe.send('Target.closeTarget', { targetId }).catch(() => undefined);
          throw printPageUnavailable((error as Error).message.split('\n')[0]!);
        }
      })();
      this.page = opening;
      opening.catch(() => {
        if (this.page === opening) this.page = null;
      });
    }
    return this.page;
  }
}

/** Waits until the print page has put its hook on `window` (the app's bundle loaded and ran); a page that could not load fails at once. */
async function waitForHook(tab: PrintTab, url: string): Promise<void> {
  const until = Date.now() + HOOK_WAIT_MS;
  const probe = `typeof window[${JSON.stringify(PRINT_HOOK)}] === 'function' || (location.protocol === 'chrome-error:' ? 'failed' : false)`;
  const late = () => new Error(`${HOOK_WAIT_MS / 1000}秒待っても印刷の準備ができませんでした`);
  for (;;) {
    // While the page navigates, its old context may be gone between the question and the answer: ask again.
    // A page stuck in a loop never answers: each question waits only for the time left.
    let timer: NodeJS.Timeout | undefined;
    const left = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(0, until - Date.now()));
    });
    const answer = await Promise.race([evaluate(tab, probe).catch(() => false), left]).finally(() => clearTimeout(timer));
    if (answer === true) return;
    if (answer === 'failed') throw new Error(`${url} を読み込めませんでした`);
    if (answer === 'late' || Date.now() > until) throw late();
    if (tab.browser.closed) throw new Error('ブラウザーが終了しました');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
