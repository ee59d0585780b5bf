/**
 * Printing a ReportDoc through the app's print page, for what is still printed
 * by a browser engine (a deck's pages); reports, the pack and letter sets are
 * written by the core itself (report/direct). A Printer loads the print page,
 * hands it the document and prints it — headless Chromium from the CLI and the
 * loopback host (chromium.ts), Electron's printToPDF in the desktop app
 * (electron/main). Both print with the same margins; the paper and page
 * numbers are the print page's (pageRules).
 */
import crypto from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { RenkeiError } from '@shared/contract';
import type { ReportDoc } from '@shared/report/model';
import { type DocPoint, type PrintJob, singleJob } from '@shared/report/print';
import { type Printer, printerMissing } from '../kernel/printer';
import { printedStructure } from './pdf-read';
import type { ChartImage } from './xlsx';

export interface PrintedReport {
  pdf: Buffer;
  pages: number;
  charts: ChartImage[];
}

/** A print job's PDF with each document's length and chart pictures, in the job's order. */
export interface PrintedJob {
  pdf: Buffer;
  pages: number[];
  charts: ChartImage[][];
  /** For a job that only counted and asked (PrintJob.pageStarts): where each document's pages start inside a table. */
  starts?: (DocPoint | null)[][];
}

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

/** A print's length in pages: counted from its page tree where it reads, without loading it. */
async function pageCount(pdf: Uint8Array): Promise<number> {
  return printedStructure(pdf)?.pages ?? (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
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

/** Prints one report (from the gallery, a preview, a single PDF), numbered 「1 / n」 by the print. */
async function printOnce(printer: Printer, doc: ReportDoc): Promise<PrintedReport> {
  const printed = await printJob(printer, singleJob(doc));
  return { pdf: printed.pdf, pages: printed.pages[0]!, charts: printed.charts[0]! };
}

/** A page's counts as the printer gave them, if there is one whole count per document; else null. */
function countsOf(pages: unknown, docs: number): number[] | null {
  return Array.isArray(pages) && pages.length === docs && pages.every((n) => Number.isInteger(n) && n > 0) ? pages : null;
}

/** Prints a job and, unless the job gives them, reads back each document's length; gives up (and restarts the printer) after PRINT_TIMEOUT_MS. */
async function printJob(printer: Printer, job: PrintJob): Promise<PrintedJob> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void printer.close();
      reject(
        new RenkeiError(
          'unavailable',
          `「${job.title}」の印刷が${PRINT_TIMEOUT_MS / 1000}秒で終わりませんでした。もう一度お試しください。`,
        ),
      );
    }, PRINT_TIMEOUT_MS);
  });
  const { pdf, outcome } = await Promise.race([printer.print(job), timeout]).finally(() => clearTimeout(timer));
  const charts = job.docs.map(() => [] as ChartImage[]);
  for (const c of outcome.charts) charts[c.docIndex]?.push({ blockIndex: c.blockIndex, png: pngOf(c.dataUrl) });
  // A job that only lays out has no PDF: its counts, if the page gave them whole, else none.
  if (job.layoutOnly) return { pdf, pages: countsOf(outcome.pages, job.docs.length) ?? [], charts, starts: outcome.starts };
  return { pdf, pages: job.pages ?? [await pageCount(pdf)], charts };
}

/**
 * Where each page of a document would start inside a table (null: a page that does not start with a table's row),
 * counted without printing: for a document shown a page at a time, each page on its own (a deck's slide in a handout).
 */
export async function tablePageStarts(printer: Printer | null, doc: ReportDoc): Promise<(DocPoint | null)[]> {
  if (!printer) throw printerMissing();
  const counted = await printJob(printer, { title: doc.title, docs: [doc], pages: null, layoutOnly: true, pageStarts: true });
  return counted.starts?.[0] ?? [];
}
