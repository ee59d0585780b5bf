/**
 * The report domain's public face: its operations for the registry, the
 * catalog for the CLI's list, and the printers each host plugs in (headless
 * Chromium here, Electron's printToPDF in the shell with the same paper and
 * footer). What a report is — for a domain writing its own — is the kernel's
 * (kernel/report-definition.ts), so no domain's reports import this face.
 */
export { reportHandlers } from './app';
export { reportInfos } from './build';
export { REPORTS } from './catalog';
export { BROWSER_ARGS, ChromiumPrinter, findBrowser } from './chromium';
export { PRINT_FOOTER_TEMPLATE, PRINT_HEADER_TEMPLATE, printFailed, printPageUnavailable, printReport } from './printer';
