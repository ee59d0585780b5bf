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
import { type DocPoint, type DocSlice, markedDocument, type PrintJob, singleJob } from '@shared/report/print';
import { cancelledError, type Job } from '../kernel/jobs/job';
import { type Printer, printerMissing } from '../kernel/printer';
import { joinPrints } from './pdf-join';
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

/**
 * Each document's length in a print, read once from the PDF: its page count,
 * and for several documents (a print that only measures) the pages that carry
 * their marks, links to documentMark(i) drawn at each document's top.
 */
export async function documentPages(pdf: Uint8Array, docs: number): Promise<number[]> {
  // One document is the whole PDF: its pages counted from its page tree where it reads, without loading it.
  const structure = docs === 1 ? printedStructure(pdf) : null;
  if (structure) return [structure.pages];
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

/**
 * Whether a print has the documents' pages as counted: as many pages in all,
 * and each document's title (the top level of the print's outline) on the page
 * where its count says it starts — so no two counts that are wrong by as much
 * in opposite directions pass for right.
 */
function printHasPages(pdf: Uint8Array, pages: readonly number[]): boolean {
  const structure = printedStructure(pdf);
  if (!structure || structure.outline.length !== pages.length) return false;
  let start = 0;
  for (const [i, length] of pages.entries()) {
    if (structure.outline[i] !== start) return false;
    start += length;
  }
  return structure.pages === start;
}

/** A page's counts as the printer gave them, if there is one whole count per document; else null. */
function countsOf(pages: unknown, docs: number): number[] | null {
  return Array.isArray(pages) && pages.length === docs && pages.every((n) => Number.isInteger(n) && n > 0) ? pages : null;
}

/** Prints a job and, unless the job gives them, reads back each document's length; gives up (and restarts the printer) after PRINT_TIMEOUT_MS. */
async function printJob(printer: Printer, job: PrintJob, started?: () => void): Promise<PrintedJob> {
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
  const { pdf, outcome } = await Promise.race([printer.print(job, started), timeout]).finally(() => clearTimeout(timer));
  const charts = job.docs.map(() => [] as ChartImage[]);
  for (const c of outcome.charts) charts[c.docIndex]?.push({ blockIndex: c.blockIndex, png: pngOf(c.dataUrl) });
  // A job that only lays out has no PDF: its counts, if the page gave them whole, else none.
  if (job.layoutOnly) return { pdf, pages: countsOf(outcome.pages, job.docs.length) ?? [], charts, starts: outcome.starts };
  return { pdf, pages: job.pages ?? (await documentPages(pdf, job.docs.length)), charts };
}

/**
 * Prints documents whose lengths the print needs (each numbers its own pages;
 * a cover lists where each starts), in one print: the page first lays them out
 * and counts their pages without printing (layoutOnly), `drawn` turns the
 * counts into the documents to print, and the print is checked against them
 * (printHasPages). Should the print ever differ (or the page not count), the
 * lengths are measured in a print (marks on each document's first page,
 * measuresOnly) and the documents printed again.
 * The charts are taken while counting (or measuring).
 */
async function printCounted<T>(
  printer: Printer,
  title: string,
  docs: ReportDoc[],
  drawn: (pages: number[], charts: ChartImage[][]) => { docs: ReportDoc[]; alongside: () => Promise<T> },
  inParts = false,
): Promise<{ printed: PrintedJob; made: T }> {
  const printWith = async ({ pages, charts }: PrintedJob) => {
    const next = drawn(pages, charts);
    // What goes alongside starts once the print is under way (it keeps this thread busy, and the page's answer
    // that lets the print begin needs this thread); at the latest when the print is done.
    let making: Promise<T> | undefined;
    const start = () => {
      making ??= next.alongside();
      // Awaited by the caller; one thrown away, or failing while the print fails, is not an unhandled failure.
      making.catch(() => undefined);
    };
    const printed = await printJob(printer, { title, docs: next.docs, pages, inParts }, start);
    start();
    return { printed: { ...printed, charts }, making: making! };
  };
  const counted = await printJob(printer, { title, docs, pages: null, layoutOnly: true, inParts });
  if (counted.pages.length === docs.length) {
    const first = await printWith(counted);
    if (printHasPages(first.printed.pdf, counted.pages)) return { printed: first.printed, made: await first.making };
  }
  const measured = await printWith(await printJob(printer, { title, docs, pages: null, inParts }));
  return { printed: measured.printed, made: await measured.making };
}

/**
 * The printer as a cancellable job prints with it: a print under way when the
 * job is cancelled is given up at once and the browser closed (it starts again
 * at the next print, as after a print that took too long), so 中止 does not
 * wait for a large print to finish.
 * @example const printed = await printDocuments(cancellable(core.printer, job), title, docs)
 */
export function cancellable(printer: Printer | null, job: Job): Printer | null {
  if (!printer) return null;
  return {
    print: (printing, started) =>
      new Promise((resolve, reject) => {
        if (job.cancelled) return reject(cancelledError());
        const onAbort = () => {
          void printer.close();
          reject(cancelledError());
        };
        job.signal.addEventListener('abort', onAbort, { once: true });
        printer
          .print(printing, started)
          .then(resolve, reject)
          .finally(() => job.signal.removeEventListener('abort', onAbort));
      }),
    close: () => printer.close(),
  };
}

/** Several documents as one PDF, each numbering its own pages (a batch of letters), in one print (printCounted). */
export async function printDocuments(printer: Printer | null, title: string, docs: ReportDoc[]): Promise<PrintedJob> {
  if (!printer) throw printerMissing();
  return (await printCounted(printer, title, docs, () => ({ docs, alongside: async () => null }))).printed;
}

/**
 * How much of a pack the browser lays out at once, in table cells (a chart as
 * 200, any other block as 10). Its memory grows with the pages it lays out
 * (5–7 MB a page of the widest tables): the demo grown 10× (13,270 cells, 96
 * pages) printed whole at 800 MB, grown 50× (44,390 cells, 243 pages) at
 * 1.6 GB. A pack of up to `whole` cells prints whole (fastest: in parts the
 * 10× pack took 4.2 s instead of 3.4); a larger one in parts of about `part`
 * cells, about 40 pages of the widest tables, each counted and printed on its
 * own and the parts joined.
 */
export const PRINT_CELLS = { whole: 16_000, part: 8_000, slicePages: 30 } as const;

/** How a pack is divided for printing (PRINT_CELLS): up to `whole` cells at once, else parts of about `part`, a larger document in slices of at most `slicePages` pages. */
export interface PrintSizes {
  whole: number;
  part: number;
  slicePages: number;
}

function cellsOf(doc: ReportDoc): number {
  return doc.blocks.reduce(
    (sum, block) => sum + (block.type === 'table' ? block.rows.length * block.columns.length : block.type === 'chart' ? 200 : 10),
    0,
  );
}

/** The documents' indexes in parts (PRINT_CELLS), in order, a larger document alone; one part for a pack that prints whole. */
export function printParts(docs: readonly ReportDoc[], cells: PrintSizes = PRINT_CELLS): number[][] {
  const own = docs.map(cellsOf);
  if (own.reduce((sum, n) => sum + n, 0) <= cells.whole) return docs.length === 0 ? [] : [docs.map((_, i) => i)];
  const parts: number[][] = [];
  let held = Number.POSITIVE_INFINITY;
  own.forEach((n, i) => {
    if (held + n > cells.part) {
      parts.push([]);
      held = 0;
    }
    parts.at(-1)!.push(i);
    held += n;
  });
  return parts;
}

function lastHeadingOf(doc: ReportDoc): number {
  return doc.blocks.reduce((at, block, i) => (block.type === 'heading' ? i : at), -1);
}

/** Whether a document is larger than a part and could be cut in slices: a table after its last heading. */
function sliceable(doc: ReportDoc, cells: PrintSizes): boolean {
  const lastHeading = lastHeadingOf(doc);
  return cells.slicePages > 0 && cellsOf(doc) > cells.part && doc.blocks.some((block, i) => block.type === 'table' && i > lastHeading);
}

/**
 * Where to cut a document of `pages` pages into slices of at most `most`: at
 * pages that start inside a table (starts) with no heading after that table
 * (a slice's headings would be outline entries of their own), as late as each
 * slice allows; [] when it prints whole.
 */
export function sliceCuts(doc: ReportDoc, starts: readonly (DocPoint | null)[], most: number): number[] {
  const pages = starts.length;
  if (most <= 0 || pages <= most) return [];
  const lastHeading = lastHeadingOf(doc);
  const cuts: number[] = [];
  let from = 0;
  while (pages - from > most) {
    let cut = -1;
    for (let p = from + most; p > from; p -= 1) {
      const start = starts[p];
      // Not before a total row: its double rule would sit under the table's head, the row before would lose it.
      const block = start ? doc.blocks[start.block] : undefined;
      const total = block?.type === 'table' && block.rows[start!.row]?.kind === 'total';
      if (start && start.block > lastHeading && !total) {
        cut = p;
        break;
      }
    }
    if (cut < 0) break;
    cuts.push(cut);
    from = cut;
  }
  return cuts;
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

/** One document printed alone, numbered 「1 / n」 by the print itself: its PDF, length and charts. */
async function printAlone(
  printer: Printer,
  title: string,
  doc: ReportDoc,
): Promise<{ pdfs: Buffer[]; pages: number; charts: ChartImage[] }> {
  const printed = await printJob(printer, { title, docs: [doc], pages: null, inParts: true });
  return { pdfs: [printed.pdf], pages: printed.pages[0]!, charts: printed.charts[0]! };
}

/**
 * One large document printed in slices of its pages (a part of a large
 * print): counted with where its pages start (PrintJob.pageStarts), cut at
 * such pages (sliceCuts), each slice drawn and printed on its own and checked
 * for its length — numbered as in the whole document. A slice that does not
 * print as counted, or a document with nowhere to cut, is printed alone (printAlone).
 */
async function printSliced(
  printer: Printer,
  title: string,
  doc: ReportDoc,
  most: number,
): Promise<{ pdfs: Buffer[]; pages: number; charts: ChartImage[] }> {
  const counted = await printJob(printer, { title, docs: [doc], pages: null, layoutOnly: true, inParts: true, pageStarts: true });
  const length = counted.pages[0];
  const starts = counted.starts?.[0];
  // Not counted whole, or nowhere to cut (or short enough): printed alone.
  const cuts = length !== undefined && starts?.length === length ? sliceCuts(doc, starts, most) : [];
  if (length === undefined || !starts || cuts.length === 0) return printAlone(printer, title, doc);
  const bounds = [0, ...cuts, length];
  const pdfs: Buffer[] = [];
  for (let k = 0; k + 1 < bounds.length; k += 1) {
    const [start, end] = [bounds[k]!, bounds[k + 1]!];
    const slice: DocSlice = {
      from: start === 0 ? null : starts[start]!,
      to: end === length ? null : starts[end]!,
      firstPage: start + 1,
      of: length,
    };
    const printed = await printJob(printer, { title, docs: [doc], pages: [end - start], slices: [slice], inParts: true });
    // The slice's pages as counted, and the document's title (the outline's one entry) only in the first.
    const structure = printedStructure(printed.pdf);
    if (!structure || structure.pages !== end - start || structure.outline.length !== (start === 0 ? 1 : 0)) {
      return printAlone(printer, title, doc);
    }
    pdfs.push(printed.pdf);
  }
  return { pdfs, pages: length, charts: counted.charts[0]! };
}

/**
 * Several reports behind a cover as one PDF, in one print (printCounted): the
 * cover is counted with as many lines as it will have (its page column is wide
 * enough that the real numbers never wrap, so its length holds), then drawn
 * with the contents' page numbers from the counts, as each document's own page
 * numbers are. What needs only the lengths and the charts (the workbook) is
 * made by `alongside` while the browser draws the print.
 *
 * A pack larger than `cells.whole` (PRINT_CELLS) is printed in parts
 * (printParts): every part but the first is counted and printed on its own
 * (a part of one document only printed, numbered by the print itself),
 * then the first behind the cover, whose contents then know every length, and
 * the prints are joined (pdf-join.ts) and checked against the counts as one.
 */
export async function printBehindCover<T>(
  printer: Printer | null,
  title: string,
  docs: ReportDoc[],
  coverFor: (pages: number[], coverPages: number) => ReportDoc,
  alongside: (cover: ReportDoc, charts: ChartImage[][]) => Promise<T>,
  cells: PrintSizes = PRINT_CELLS,
): Promise<{ cover: ReportDoc; printed: PrintedJob; made: T }> {
  if (!printer) throw printerMissing();
  const parts = printParts(docs, cells);
  let [first = [], ...rest] = parts;
  // A first document to print in slices goes with the others; the cover is then counted and printed alone.
  if (first.length === 1 && sliceable(docs[first[0]!]!, cells)) [first, rest] = [[], [first, ...rest]];
  // Each document's length and charts, known part by part; the cover is counted with every length a page.
  const pages = docs.map(() => 1);
  const charts: ChartImage[][] = docs.map(() => []);
  const later: Buffer[] = [];
  for (const part of rest) {
    const own = part.map((i) => docs[i]!);
    // A document alone numbers its own pages in its print (「1 / n」 from the print itself): nothing to count first.
    if (own.length === 1) {
      // A document larger than a part: counted, then printed in slices of its pages.
      const alone = sliceable(own[0]!, cells)
        ? await printSliced(printer, title, own[0]!, cells.slicePages)
        : await printAlone(printer, title, own[0]!);
      pages[part[0]!] = alone.pages;
      charts[part[0]!] = alone.charts;
      later.push(...alone.pdfs);
      continue;
    }
    const { printed } = await printCounted(printer, title, own, () => ({ docs: own, alongside: async () => null }), true);
    part.forEach((docIndex, k) => {
      pages[docIndex] = printed.pages[k]!;
      charts[docIndex] = printed.charts[k]!;
    });
    later.push(printed.pdf);
  }
  const firstDocs = first.map((i) => docs[i]!);
  const counting = [coverFor(pages, 1), ...firstDocs];
  let cover = counting[0]!;
  const { printed, made } = await printCounted(
    printer,
    title,
    counting,
    (lengths, counted) => {
      const [coverPages, ...own] = lengths as [number, ...number[]];
      first.forEach((docIndex, k) => {
        pages[docIndex] = own[k]!;
        charts[docIndex] = counted[k + 1]!;
      });
      const drawnCover = coverFor(pages, coverPages);
      cover = drawnCover;
      return { docs: [drawnCover, ...firstDocs], alongside: () => alongside(drawnCover, [counted[0]!, ...charts]) };
    },
    rest.length > 0,
  );
  if (later.length === 0) return { cover, printed, made };
  const lengths = [printed.pages[0]!, ...pages];
  const joined = joinPrints([printed.pdf, ...later]);
  // Prints the join cannot read as Chromium writes them (or a join that lost a page) are printed again, whole.
  if (!joined || !printHasPages(joined, lengths))
    return printBehindCover(printer, title, docs, coverFor, alongside, { whole: Number.POSITIVE_INFINITY, part: 0, slicePages: 0 });
  return { cover, printed: { pdf: joined, pages: lengths, charts: [printed.charts[0]!, ...charts] }, made };
}
