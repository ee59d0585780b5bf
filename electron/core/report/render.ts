/** One report rendered to a file for the user: PDF or XLSX, named from its title, subtitle, 年度 and date. */
import { type OpParsedInput, type RenderedReport, RenkeiError } from '@shared/contract';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { ReportDoc } from '@shared/report/model';
import type { CoreServices } from '../kernel/context';
import type { Db } from '../kernel/db/schema';
import type { Printer } from '../kernel/printer';
import { buildReportFor } from './build';
import { printReport } from './printer';
import { type ChartImage, writeReportWorkbook } from './xlsx';

type RenderInput = OpParsedInput<'report.render'>;

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

/** One report as a file: PDF through the printer, or a workbook with each chart's picture beside its data. */
export async function renderReport(db: Db, core: CoreServices, input: RenderInput): Promise<RenderedReport> {
  const doc = await buildReportFor(db, core, input.name, input.params);
  if (input.format === 'pdf') {
    const printed = await printReport(core.printer, doc);
    return { fileName: fileNameOf(doc, 'pdf'), mimeType: 'application/pdf', data: printed.pdf.toString('base64'), pages: printed.pages };
  }
  const xlsx = await writeReportWorkbook([{ doc, charts: await chartPictures(core.printer, doc) }]);
  return {
    fileName: fileNameOf(doc, 'xlsx'),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: xlsx.toString('base64'),
    pages: null,
  };
}
