/**
 * Printing ReportDocs to PDF. The core does not draw pages itself: a Printer
 * loads the app's print page in a browser engine, hands it the documents and
 * prints them — headless Chromium from the CLI and the loopback host
 * (chromium.ts), Electron's printToPDF in the desktop app (electron/main).
 * Both print with the same margins, below; the paper and page numbers are the
 * print page's (pageRules).
 */
import crypto from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { RenkeiError } from '@shared/contract';
import type { ReportDoc } from '@shared/report/model';
import { markedDocument, type PrintJob, singleJob } from '@shared/report/print';
import { type Printer, printerMissing } from '../kernel/printer';
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

/**
 * Each document's length in a print, read once from the PDF: its page count,
 * and for several documents (a print that only measures) the pages that carry
 * their marks, links to documentMark(i) drawn at each document's top.
 */
export async function documentPages(pdf: Uint8Array, docs: number): Promise<number[]> {
  const read = await PDFDocument.load(pdf, { updateMetadata: false });
  const total = read.getPageCount();
  if (docs === 1) return [total];
  const starts: (number | undefined)[] = new Array(docs);
  read.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let n = 0; n < (annots?.size() ?? 0); n += 1) {
      const uri = annots!.lookupMaybe(n, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
      const doc = uri instanceof PDFString || uri instanceof PDFHexString ? markedDocument(uri.decodeText()) : null;
      if (doc !== null && doc < docs && starts[doc] === undefined) starts[doc] = i;
    }
  });
  const found = starts.filter((start) => start !== undefined).length;
  if (found !== docs || starts[0] !== 0 || starts.some((start, i) => i > 0 && start! <= starts[i - 1]!)) {
    throw new RenkeiError(
      'internal',
      `印刷した資料の区切りを読み取れませんでした（${docs}件の資料に対して目印${found}件）。もう一度お試しください。`,
    );
  }
  return starts.map((start, i) => (starts[i + 1] ?? total) - start!);
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
  return { pdf, pages: job.pages ?? (await documentPages(pdf, job.docs.length)), charts };
}

/**
 * Several documents as one PDF, each numbering its own pages (a batch of
 * letters): the first print measures their lengths (and takes the charts), the second draws them.
 */
export async function printDocuments(printer: Printer | null, title: string, docs: ReportDoc[]): Promise<PrintedJob> {
  if (!printer) throw printerMissing();
  const measured = await printJob(printer, { title, docs, pages: null });
  const printed = await printJob(printer, { title, docs, pages: measured.pages });
  return { ...printed, charts: measured.charts };
}

/**
 * Several reports behind a cover as one PDF, in two prints of the whole: the
 * first only measures each document's length (measuresOnly: laid out, not
 * painted but for each document's mark, and not tagged), the cover drawn with as many lines as it will have (its page
 * column is wide enough that the real numbers never wrap, so its length
 * holds); the second draws the cover's contents and each document's own page
 * numbers from those lengths. The PDF is the second print as it is. What
 * needs only the lengths and the charts (the workbook) is made by `alongside`
 * while the browser draws the second print.
 */
export async function printBehindCover<T>(
  printer: Printer | null,
  title: string,
  docs: ReportDoc[],
  coverFor: (pages: number[], coverPages: number) => ReportDoc,
  alongside: (cover: ReportDoc, charts: ChartImage[][]) => Promise<T>,
): Promise<{ cover: ReportDoc; printed: PrintedJob; made: T }> {
  if (!printer) throw printerMissing();
  const measured = await printJob(printer, {
    title,
    docs: [
      coverFor(
        docs.map(() => 1),
        1,
      ),
      ...docs,
    ],
    pages: null,
  });
  const [coverPages, ...pages] = measured.pages as [number, ...number[]];
  const cover = coverFor(pages, coverPages);
  const printing = printJob(printer, { title, docs: [cover, ...docs], pages: [coverPages, ...pages] });
  // Awaited below; a failure before then is not an unhandled one.
  printing.catch(() => undefined);
  // The print is asked for before the workbook is made: making it keeps this thread busy for a second or more, and
  // the browser should lay out the second print on the other core meanwhile, not wait for the request.
  await new Promise((resolve) => setImmediate(resolve));
  const [printed, made] = await Promise.all([printing, alongside(cover, measured.charts)]);
  return { cover, printed: { ...printed, charts: measured.charts }, made };
}
