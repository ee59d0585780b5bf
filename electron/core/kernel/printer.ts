/**
 * The printer port: what turns a ReportDoc into PDF. The kernel holds one and
 * closes it with the core; the report domain prints through it
 * (report/printer.ts); each host plugs in its own (headless Chromium for the
 * CLI and the loopback host, Electron's printToPDF in the desktop app).
 */
import { RenkeiError } from '@shared/contract';
import type { PrintJob, PrintOutcome } from '@shared/report/print';

export interface Printer {
  /** Draws the job's documents on the print page and prints them on A4 as one PDF, with its outline (a bookmark per 見出し). */
  print(job: PrintJob): Promise<{ pdf: Buffer; outcome: PrintOutcome }>;
  close(): Promise<void>;
}

export function printerMissing(): RenkeiError {
  return new RenkeiError(
    'unavailable',
    'PDF を作るためのブラウザー（Chromium・Google Chrome・Microsoft Edge のいずれか）が見つかりません。インストールするか、Excel 形式で出力してください。',
  );
}
