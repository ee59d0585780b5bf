/**
 * Printing a ReportDoc to PDF. The core does not draw pages itself: a Printer
 * loads the app's print page in a browser engine, hands it the document and
 * prints it — headless Chromium from the CLI and the loopback host
 * (chromium.ts), Electron's printToPDF in the desktop app (electron/main).
 * Both print with the same paper, margins and page-number footer, below.
 */
import crypto from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { RenkeiError } from '@shared/contract';
import type { ReportDoc } from '@shared/report/model';
import { PRINT_MARGINS_MM } from '@shared/report/print';
import { type Printer, printerMissing } from '../kernel/printer';
import type { ChartImage } from './xlsx';

export interface PrintedReport {
  pdf: Buffer;
  pages: number;
  charts: ChartImage[];
}

/** 「1 / 3」 centred in the bottom margin, in the footer template both engines understand. */
export const PRINT_FOOTER_TEMPLATE =
  '<div style="width:100%;text-align:center;font-size:8pt;font-family:sans-serif;color:#000;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';
export const PRINT_HEADER_TEMPLATE = '<div></div>';

const mm = (value: number) => `${value}mm`;
/** The margins as Playwright and Chromium's DevTools take them. */
export const PRINT_MARGINS = {
  top: mm(PRINT_MARGINS_MM.top),
  right: mm(PRINT_MARGINS_MM.right),
  bottom: mm(PRINT_MARGINS_MM.bottom),
  left: mm(PRINT_MARGINS_MM.left),
};

/** A print that has not finished by then is given up, so one stuck page never holds the core. */
export const PRINT_TIMEOUT_MS = 60_000;

/** The print page could not be opened or did not answer: the same words from either printer. */
export function printPageUnavailable(detail: string): RenkeiError {
  return new RenkeiError(
    'unavailable',
    `印刷用の画面を開けませんでした（${detail}）。もう一度お試しください。続く場合は npm run build でアプリを組み立て直してください。`,
  );
}

/** The print page's own (Japanese) message, without the engine's prefix. */
export function printFailed(error: unknown): RenkeiError {
  if (error instanceof RenkeiError) return error;
  return new RenkeiError(
    'internal',
    (error as Error).message.replace(/^[\w.]+: (Error: )?/, '').replace(/^Error invoking remote method '[^']+': (Error: )?/, ''),
  );
}

export async function countPages(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

function pngOf(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** Prints kept per printer, by the document's content: the same figures print the same pages. */
const printed = new WeakMap<Printer, Map<string, Promise<PrintedReport>>>();
/** Enough for the gallery's thumbnails and a few previews; the oldest print is forgotten first. */
const KEPT_PRINTS = 40;

/**
 * Prints one report, or returns the print of a document with exactly the same
 * content made earlier by the same printer. The document holds every figure and
 * date it shows, so a changed figure is a different document and prints anew:
 * coming back to the gallery re-prints only what the data changed.
 */
export function printReport(printer: Printer | null, doc: ReportDoc): Promise<PrintedReport> {
  if (!printer) return Promise.reject(printerMissing());
  let kept = printed.get(printer);
  if (!kept) {
    kept = new Map();
    printed.set(printer, kept);
  }
  const key = crypto.createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  const earlier = kept.get(key);
  if (earlier) {
    kept.delete(key);
    kept.set(key, earlier);
    return earlier;
  }
  const made = printOnce(printer, doc);
  kept.set(key, made);
  made.catch(() => kept.delete(key));
  while (kept.size > KEPT_PRINTS) kept.delete(kept.keys().next().value!);
  return made;
}

/** Prints one report and reads back how many pages it took; gives up (and restarts the printer) after PRINT_TIMEOUT_MS. */
async function printOnce(printer: Printer, doc: ReportDoc): Promise<PrintedReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void printer.close();
      reject(
        new RenkeiError(
          'unavailable',
          `「${doc.title}」の印刷が${PRINT_TIMEOUT_MS / 1000}秒で終わりませんでした。もう一度お試しください。`,
        ),
      );
    }, PRINT_TIMEOUT_MS);
  });
  const { pdf, outcome } = await Promise.race([printer.print(doc), timeout]).finally(() => clearTimeout(timer));
  return {
    pdf,
    pages: await countPages(pdf),
    charts: outcome.charts.map((c) => ({ blockIndex: c.blockIndex, png: pngOf(c.dataUrl) })),
  };
}

/** One PDF of several, in order: the pack's cover followed by each report. */
export async function mergePdfs(parts: readonly Uint8Array[], title: string): Promise<Buffer> {
  const merged = await PDFDocument.create();
  for (const part of parts) {
    const source = await PDFDocument.load(part, { updateMetadata: false });
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  merged.setTitle(title);
  merged.setCreator('Renkei');
  merged.setProducer('Renkei');
  return Buffer.from(await merged.save());
}
