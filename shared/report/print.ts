/**
 * How a printer (headless Chromium from the CLI and the loopback host,
 * Electron's printToPDF in the desktop app) hands a ReportDoc to the print
 * page and learns that it is drawn. The page at PRINT_ROUTE defines
 * `window[PRINT_HOOK]`; the printer calls it with the document, waits for the
 * promise, then prints the page.
 */
import type { ReportDoc } from './model';

/** The renderer's route that draws one ReportDoc and nothing else. */
export const PRINT_ROUTE = '#/print';

/** The name of the function the print page puts on `window`. */
export const PRINT_HOOK = 'renkeiPrint';

/** A chart as drawn for print, for the workbook's copy of it. */
export interface PrintedChart {
  /** The chart's index in `doc.blocks`. */
  blockIndex: number;
  /** data:image/png;base64,… at print resolution. */
  dataUrl: string;
}

export interface PrintOutcome {
  charts: PrintedChart[];
}

/** What the print page defines: draws the document, resolves once fonts and charts are ready. */
export type PrintHook = (doc: ReportDoc) => Promise<PrintOutcome>;

/** Page margins of every printed report, in millimetres; the footer with 「1 / 3」 sits in the bottom one. */
export const PRINT_MARGINS_MM = { top: 15, right: 15, bottom: 17, left: 15 } as const;

/** A4 in millimetres. */
export const A4_MM = { width: 210, height: 297 } as const;
