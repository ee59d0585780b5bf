/**
 * The report domain's public face (the registry takes its operations from app.ts): the
 * catalog (the CLI's list), headless Chromium as the printer the CLI and the
 * loopback host plug in, and printing one document. What a report is — for a
 * domain writing its own — is the kernel's (kernel/report-definition.ts), so
 * no domain's reports import this face, which reads them all. The Electron
 * shell takes only the print templates, straight from report/printer.ts, so
 * its bundle does not carry the core.
 */

export { BROWSER_ARGS, findBrowser } from '../kernel/browser/browser';
export { definitionOf, reportInfos } from './build';
export { DOCUMENT_SETS, REPORTS } from './catalog';
export { offerChartWorker } from './chart-pictures';
export type { EarlyChartWorker } from './chart-worker-start';
export { ChromiumPrinter } from './chromium';
export { printReport, tablePageStarts } from './printer';
