/**
 * The desktop app's Printer: a hidden window on the app's print page, printed
 * with Electron's printToPDF (Chromium's own PDF printer, the same as the
 * CLI's headless Chromium), with the same paper, margins and footer.
 */

import { BrowserWindow } from 'electron';
import { PRINT_HOOK, PRINT_MARGINS_INCHES, PRINT_PAGE, PRINT_VIEWPORT, type PrintJob, type PrintOutcome } from '@shared/report/print';
import type { Printer } from '../core/kernel/printer';
import { printFailed, printPageUnavailable } from '../core/report/printer';
import { APP_ENTRY_URL } from './navigation';
import { SECURE_WEB_PREFERENCES } from './window-options';

export class ElectronPrinter implements Printer {
  private window: Promise<BrowserWindow> | null = null;

  async close(): Promise<void> {
    const win = await this.window?.catch(() => null);
    this.window = null;
    if (win && !win.isDestroyed()) win.destroy();
  }

  /** The core's one-at-a-time queue means this never runs twice at once. */
  async print(job: PrintJob, started?: () => void): Promise<{ pdf: Buffer; outcome: PrintOutcome }> {
    const win = await this.printWindow();
    try {
      return await this.printOn(win, job, started);
    } catch (error) {
      // A window that failed once is not trusted for the next document.
      await this.close();
      throw printFailed(error);
    }
  }

  private async printOn(win: BrowserWindow, job: PrintJob, started?: () => void): Promise<{ pdf: Buffer; outcome: PrintOutcome }> {
    const outcome = (await win.webContents.executeJavaScript(
      `window[${JSON.stringify(PRINT_HOOK)}](${JSON.stringify(job)})`,
    )) as PrintOutcome;
    // A job that only lays out is answered without a print.
    if (job.layoutOnly) return { pdf: Buffer.alloc(0), outcome };
    // The paper (A4, each document in its orientation) and the page numbers are the print page's @page rules.
    const printing = win.webContents.printToPDF({
      preferCSSPageSize: true,
      margins: {
        top: PRINT_MARGINS_INCHES.top,
        right: PRINT_MARGINS_INCHES.right,
        bottom: PRINT_MARGINS_INCHES.bottom,
        left: PRINT_MARGINS_INCHES.left,
      },
      printBackground: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    // Awaited below; should `started` throw, the print's own failure is not an unhandled one.
    printing.catch(() => undefined);
    started?.();
    return { pdf: await printing, outcome };
  }

  private printWindow(): Promise<BrowserWindow> {
    if (!this.window) {
      this.window = (async () => {
        const win = new BrowserWindow({
          show: false,
          width: 1200,
          height: 1600,
          webPreferences: { ...SECURE_WEB_PREFERENCES, backgroundThrottling: false },
        });
        await win.loadURL(new URL(PRINT_PAGE, APP_ENTRY_URL).toString());
        await emulatePrintViewport(win);
        for (let i = 0; i < 100; i += 1) {
          if (await win.webContents.executeJavaScript(`typeof window[${JSON.stringify(PRINT_HOOK)}] === 'function'`)) return win;
          await new Promise((r) => setTimeout(r, 50));
        }
        win.destroy();
        throw printPageUnavailable('5秒待っても準備ができませんでした');
      })();
      this.window.catch(() => {
        this.window = null;
      });
    }
    return this.window;
  }
}

/**
 * The print window drawn in print media at one device pixel per CSS pixel, as the CLI's Chromium draws it
 * (PRINT_VIEWPORT): a job that only lays out then counts pages as on a display at 100 %, whatever the PC's
 * scaling. Without it (the debugger taken), each print is still checked against its counts.
 */
async function emulatePrintViewport(win: BrowserWindow): Promise<void> {
  try {
    const { debugger: devtools } = win.webContents;
    if (!devtools.isAttached()) devtools.attach();
    await devtools.sendCommand('Emulation.setEmulatedMedia', { media: 'print' });
    await devtools.sendCommand('Emulation.setDeviceMetricsOverride', { ...PRINT_VIEWPORT });
  } catch {
    // Counted as the window draws; the check after each print stands.
  }
}
