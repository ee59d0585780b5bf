/**
 * How a printer (headless Chromium from the CLI and the loopback host,
 * Electron's printToPDF in the desktop app) hands ReportDocs to the print
 * page and learns that they are drawn. The page PRINT_PAGE defines
 * `window[PRINT_HOOK]`; the printer calls it with a PrintJob, waits for the
 * promise, then prints the page as one PDF. The page draws the paper size and
 * the page numbers itself (pageRules), so a whole pack prints in one pass;
 * each document's length, which its numbers and a pack's contents need, the
 * page counts beforehand without printing (layoutOnly, layoutRules).
 */
import type { ReportDoc } from './model';

/**
 * The renderer's page that draws ReportDocs and nothing else (print.html beside index.html): its own entry, so a
 * printer loads only the print page's code, not the app's screens and router before it.
 */
export const PRINT_PAGE = 'print.html';

/** The name of the function the print page puts on `window`. */
export const PRINT_HOOK = 'renkeiPrint';

/** A chart as drawn for print, for the workbook's copy of it. */
export interface PrintedChart {
  /** The document's index in `PrintJob.docs`. */
  docIndex: number;
  /** The chart's index in `doc.blocks`. */
  blockIndex: number;
  /** data:image/png;base64,… at print resolution. */
  dataUrl: string;
}

export interface PrintOutcome {
  /** Empty for a job that gives its documents' lengths: the job that counted or measured them took the charts. */
  charts: PrintedChart[];
  /** For a job that only lays out: each document's length in pages, as its print will have it. */
  pages?: number[];
  /** For a job that only lays out and asks (PrintJob.pageStarts): each document's pages' starts, page by page. */
  starts?: (DocPoint | null)[][];
}

/**
 * A row of a document's table (`block`, `row` its index in the table's rows): where a page starts inside the table
 * as the document runs over several, the table's head repeated above it.
 */
export interface DocPoint {
  block: number;
  row: number;
}

/**
 * Documents printed one after another into one PDF, each from a new page and
 * on its own orientation. `pages` is each document's length when it is known
 * from an earlier print: then every document numbers its own pages 「1 / 3」.
 * Without it a lone document numbers its pages all the same.
 */
export interface PrintJob {
  /** The PDF's title. */
  title: string;
  docs: ReportDoc[];
  pages: number[] | null;
  /**
   * Draw and count, do not print: the page lays the documents out on their
   * paper (layoutRules) and answers each one's length (PrintOutcome.pages),
   * with the charts; the printer makes no PDF.
   */
  layoutOnly?: boolean;
  /** With layoutOnly: also answer where each page starts inside a table (PrintOutcome.starts), to show it a page at a time (a deck's slide). */
  pageStarts?: boolean;
}

/** What the print page defines: draws the documents, resolves once fonts and charts are ready. */
export type PrintHook = (job: PrintJob) => Promise<PrintOutcome>;

/** One report alone, numbered 「1 / n」 by the print itself. */
export function singleJob(doc: ReportDoc): PrintJob {
  return { title: doc.title, docs: [doc], pages: null };
}

/** The named page of the job's i-th document (CSS `page`), which carries its paper and its page numbers. */
export function pageName(i: number): string {
  return `renkei-doc-${i}`;
}

const FOOTER = 'font-family: sans-serif; font-size: 8pt; color: #000;';

/**
 * A4 exactly as the printers have always printed it: 'A4' in page.pdf and
 * printToPDF comes out 595.92 × 842.88 pt (8.27 × 11.7 in rounded up by
 * Chromium), while the same 8.27in 11.7in as a CSS @page size rounds down to
 * 594.96 × 841.92 pt. Given in points it prints at the old size, so a page keeps
 * the picture it had before the page set its own paper.
 */
export const A4_POINTS = { short: 595.92, long: 842.88 } as const;
const A4_SIZE = {
  portrait: `${A4_POINTS.short}pt ${A4_POINTS.long}pt`,
  landscape: `${A4_POINTS.long}pt ${A4_POINTS.short}pt`,
} as const;

/**
 * The print's @page rules: A4 in each document's orientation, and 「1 / 3」
 * centred in the bottom margin (none for a document printed without numbers). A document's own numbers inside one long print
 * come from a counter style that maps the print's page numbers where it
 * starts onto 1, 2, 3… — CSS cannot reset the page counter per document.
 */
export function pageRules(job: PrintJob): string {
  const rules: string[] = [];
  let first = 1;
  job.docs.forEach((doc, i) => {
    const name = pageName(i);
    let footer = '';
    const pages = job.pages?.[i];
    if (doc.pageNumbers === false) {
      // Counted like any other document, so a pack's later documents still number from where they start.
      if (pages !== undefined) first += pages;
    } else if (pages !== undefined) {
      const symbols = Array.from({ length: pages }, (_, n) => `"${n + 1}"`).join(' ');
      rules.push(`@counter-style ${name} { system: fixed ${first}; symbols: ${symbols}; }`);
      footer = `@bottom-center { content: counter(page, ${name}) " / ${pages}"; ${FOOTER} }`;
      first += pages;
    } else if (job.docs.length === 1) {
      footer = `@bottom-center { content: counter(page) " / " counter(pages); ${FOOTER} }`;
    }
    rules.push(`@page ${name} { size: ${A4_SIZE[doc.orientation]}; ${footer} }`);
  });
  return rules.join('\n');
}

/** Page margins of every printed report, in millimetres; the footer with 「1 / 3」 sits in the bottom one. */
export const PRINT_MARGINS_MM = { top: 15, right: 15, bottom: 17, left: 15 } as const;

/**
 * The print page's window while it draws: 1280×720 CSS pixels at one device pixel each, in print media — as
 * both printers set it, so a job that only lays out counts in the same conditions as the print.
 */
export const PRINT_VIEWPORT = { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false } as const;

/** Where a job that only lays out counts its documents' pages (the print page's class while it counts). */
export const LAYOUT_CLASS = 'print-page--layout';

/**
 * How a job that only lays out counts each document's pages without printing:
 * each document becomes a box of columns, each column the printable area of
 * one of its pages (the paper less the margins), filled one after another.
 * Chromium breaks columns with the same fragmentation it breaks pages with
 * (rows kept whole, a heading kept with what follows it, the table head
 * repeated), so the document's fragments are its pages. The printer still
 * checks each print against the counts (report/printer.ts) and measures in a
 * print should they ever differ.
 */
export function layoutRules(): string {
  const across = PRINT_MARGINS_MM.left + PRINT_MARGINS_MM.right;
  const down = PRINT_MARGINS_MM.top + PRINT_MARGINS_MM.bottom;
  const area = (width: number, height: number) =>
    `column-width: calc(${width}pt - ${across}mm); width: calc(${width}pt - ${across}mm); height: calc(${height}pt - ${down}mm);`;
  const doc = `.${LAYOUT_CLASS} .print-page__doc`;
  return [
    `${doc} { column-fill: auto; column-gap: 0; ${area(A4_POINTS.short, A4_POINTS.long)} }`,
    `${doc}[data-orientation='landscape'] { ${area(A4_POINTS.long, A4_POINTS.short)} }`,
    // Inside the columns a page break is a column break.
    `.${LAYOUT_CLASS} .report-doc__block--break { break-before: column; }`,
  ].join('\n');
}

/** The same margins in inches, as both printing engines (Chromium's DevTools, Electron's printToPDF) take them. */
export const PRINT_MARGINS_INCHES = {
  top: PRINT_MARGINS_MM.top / 25.4,
  right: PRINT_MARGINS_MM.right / 25.4,
  bottom: PRINT_MARGINS_MM.bottom / 25.4,
  left: PRINT_MARGINS_MM.left / 25.4,
} as const;

/** A4 in millimetres. */
export const A4_MM = { width: 210, height: 297 } as const;
