/** 帳票 operations: the list of reports, one report as PDF or XLSX, and the submission pack. */
import { RenkeiError } from '@shared/contract';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { ReportDoc } from '@shared/report/model';
import { handlers } from '../kernel/handlers';
import { buildReportFor, reportInfos } from './build';
import { buildPack } from './pack';
import type { Printer } from '../kernel/printer';
import { printReport } from './printer';
import { type ChartImage, writeReportWorkbook } from './xlsx';

/** 「在宅医療・介護連携推進事業の実施状況_令和5年度_2026-11-22.pdf」 */
function fileNameOf(doc: ReportDoc, extension: string): string {
  const parts = [doc.title.replace(/[「」]/g, ''), ...(doc.subtitle ? [doc.subtitle.replace(/[＜＞]/g, '')] : [])];
  if (typeof doc.params.fy === 'number' && !doc.subtitle?.includes('年度')) parts.push(formatFiscalYear(fiscalYear(doc.params.fy)));
  parts.push(String(doc.params.date));
  return `${parts.join('_').replace(/[\\/:*?"<>|\s]+/g, '')}.${extension}`;
}

/** Each chart's picture for the workbook where a browser can draw it; without one the workbook keeps the charts' data tables only. */
async function chartPictures(printer: Printer | null, doc: ReportDoc): Promise<ChartImage[]> {
  if (!printer || !doc.blocks.some((b) => b.type === 'chart')) return [];
  try {
    return (await printReport(printer, doc)).charts;
  } catch (error) {
    if (error instanceof RenkeiError && error.code === 'unavailable') return [];
    throw error;
  }
}

export const reportHandlers = handlers({
  'report.list': async (_input, { db }) => reportInfos(db),
  'report.doc': async (input, { db, core }) => buildReportFor(db, core, input.name, input.params),
  'report.render': async (input, { db, core }) => {
    const doc = await buildReportFor(db, core, input.name, input.params);
    if (input.format === 'pdf') {
      const printed = await printReport(core.printer, doc);
      return { fileName: fileNameOf(doc, 'pdf'), mimeType: 'application/pdf', data: printed.pdf.toString('base64'), pages: printed.pages };
    }
    const xlsx = await writeReportWorkbook([{ doc, charts: await chartPictures(core.printer, doc) }]);
    return { fileName: fileNameOf(doc, 'xlsx'), mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: xlsx.toString('base64'), pages: null };
  },
  'report.pack': async (input, { db, core }) => buildPack(db, core, input),
});
