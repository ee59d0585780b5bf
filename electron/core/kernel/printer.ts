/**
 * The printer port: what turns a ReportDoc into PDF. The kernel holds one and
 * closes it with the core; the report domain prints through it
 * (report/printer.ts); each host plugs in its own (headless Chromium for the
 * CLI and the loopback host, Electron's printToPDF in the desktop app).
 */
import { RenkeiError } from '@shared/contract';
import type { PrintJob, PrintOutcome } from '@shared/report/print';

export interface Printer {
  /**
   * Draws the job's documents on the print page and prints them on A4 as one PDF, with its outline (a bookmark per
   * 見出し); a job that only lays out (layoutOnly) is not printed: its PDF is empty, its outcome has the lengths.
   * `started` is called once the page has drawn the job and its print is under way (at once where the print runs
   * on another thread than the caller's): work meant to run alongside the print starts then, not while the page's
   * answer still waits for the caller's thread.
   */
  print(job: PrintJob, started?: () => void): Promise<{ pdf: Buffer; outcome: PrintOutcome }>;
  close(): Promise<void>;
}

export function printerMissing(): RenkeiError {
  return new RenkeiError(
    'unavailable',
    'PDF を作るためのブラウザー（Chromium・Google Chrome・Microsoft Edge のいずれか）が見つかりません。インストールするか、Excel 形式で出力してください。',
  );
}

/**
 * One printer for many cores (the loopback host people sign in to: a core per
 * person, one browser for all). Each core gets its own lease. Prints run one
 * at a time across the leases — the printer draws one document at a time, as
 * a single core's queue guarantees on its own. A lease closed while its print
 * is running (the print took too long) restarts the printer; a lease closed
 * otherwise (its person signed out) leaves it to the others.
 */
export class SharedPrinter {
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly printer: Printer) {}

  lease(): Printer {
    let printing = false;
    return {
      print: (job, started) => {
        const run = this.turn.then(async () => {
          printing = true;
          try {
            return await this.printer.print(job, started);
          } finally {
            printing = false;
          }
        });
        this.turn = run.catch(() => undefined);
        return run;
      },
      close: async () => {
        if (printing) await this.printer.close();
      },
    };
  }

  /** Closes the printer itself, when the host stops. */
  close(): Promise<void> {
    return this.printer.close();
  }
}
