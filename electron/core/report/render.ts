/** One report rendered to a file for the user: PDF or XLSX, named from its title, subtitle, 年度 and date. */
import { type OpParsedInput, type RenderedReport, RenkeiError } from '@shared/contract';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { ReportDoc } from '@shared/report/model';
import { fileNamePart } from '@shared/text/file-name';
import type { CoreServices } from '../kernel/context';
import type { Db } from '../kernel/db/schema';
import type { Job } from '../kernel/jobs/job';
import { reportContext, withName } from '../kernel/report-definition';
import { XLSX_MIME } from '../tabular/write';
import { buildReportFor } from './build';
import { DOCUMENT_SETS } from './catalog';
import { startWorkbookWorker } from './chart-pictures';
import { writeDocumentsPdf } from './direct';
import { missingCharactersOf, missingWarnings } from './missing';
import { writeReportWorkbook } from './xlsx';

type RenderInput = OpParsedInput<'report.render'>;

/** 「在宅医療・介護連携推進事業の実施状況_令和5年度_2026-11-22.pdf」 */
function fileNameOf(doc: ReportDoc, extension: string): string {
  const parts = [doc.title.replace(/[「」]/g, ''), ...(doc.subtitle ? [doc.subtitle.replace(/[＜＞]/g, '')] : [])];
  // The 年度 once: many titles or subtitles already name it (「令和5年度新潟県計画」).
  const year = typeof doc.params.fy === 'number' ? formatFiscalYear(fiscalYear(doc.params.fy)) : null;
  if (year && !parts.some((part) => part.includes(year))) parts.push(year);
  parts.push(String(doc.params.date));
  return `${parts.map(fileNamePart).join('_')}.${extension}`;
}

/** One report as a file: its PDF written by the core (report/direct, as in a pack), or a workbook with each chart's picture beside its data. */
export async function renderReport(db: Db, core: CoreServices, input: RenderInput): Promise<RenderedReport> {
  const doc = await buildReportFor(db, core, input.name, input.params);
  if (input.format === 'pdf') {
    const written = await writeDocumentsPdf([doc]);
    return {
      fileName: fileNameOf(doc, 'pdf'),
      mimeType: 'application/pdf',
      data: written.pdf.toString('base64'),
      pages: written.pages[0]!,
      missingCharacters: missingCharactersOf(written.missing),
      warnings: missingWarnings(written.missing),
    };
  }
  return {
    fileName: fileNameOf(doc, 'xlsx'),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: (await reportWorkbook(doc)).toString('base64'),
    pages: null,
    missingCharacters: [],
    warnings: [],
  };
}

/**
 * One report's workbook: with charts, made as a pack's is, on the worker that draws their pictures (the core's own
 * thread, which every other call waits for, never draws them); without, written here at once, no worker to start.
 */
async function reportWorkbook(doc: ReportDoc): Promise<Buffer> {
  if (!doc.blocks.some((block) => block.type === 'chart')) return writeReportWorkbook([{ doc, charts: [] }]);
  const book = startWorkbookWorker();
  try {
    book.add(doc);
    return await book.write([]);
  } finally {
    book.end();
  }
}

type SetInput = OpParsedInput<'report.set'>;

/**
 * A set of letters as one file: one PDF of them all written by the core
 * (report/direct, as a report's and the pack's), each letter with its own
 * header and page numbers, or a workbook with a sheet per letter. As a job it
 * reports each letter it makes (「3 / 17 通（いま: …センター）」) and,
 * cancelled, stops and hands back no file.
 */
export async function renderSet(db: Db, core: CoreServices, input: SetInput, job: Job): Promise<RenderedReport> {
  const definition = DOCUMENT_SETS[input.name];
  if (!definition) throw new RenkeiError('not_found', `「${input.name}」という文書はありません。`);
  job.report(`${definition.title}を作成しています`);
  // The file, one step and the longest, counts as the last of the bar's.
  const bodies = await definition.build(
    await reportContext(db, core),
    { fy: fiscalYear(input.fy), centerIds: input.centerIds },
    async (done, total, addressee) => {
      job.report(`${done + 1} / ${total} 通（いま: ${addressee}）`, done, total + 1);
      await job.checkpoint();
    },
  );
  job.throwIfCancelled();
  const date = bodies[0]!.header.date;
  const docs: ReportDoc[] = bodies.map((body) =>
    withName(input.name, body, { fy: input.fy, date: body.header.date }, definition.orientation),
  );
  const title = `${formatFiscalYear(fiscalYear(input.fy))}${definition.title}（${docs.length}件）`;
  const fileName = `${fileNamePart(title.replace(/[（）]/g, ''))}_${date}`;
  const count = docs.length;
  job.report(`${count} / ${count} 通（いま: ${input.format === 'pdf' ? 'PDF' : 'Excel'} にまとめています）`, count, count + 1);
  if (input.format === 'xlsx') {
    const xlsx = await writeReportWorkbook(docs.map((doc) => ({ doc, charts: [], sheetName: doc.subtitle ?? doc.title })));
    job.throwIfCancelled();
    return {
      fileName: `${fileName}.xlsx`,
      mimeType: XLSX_MIME,
      data: xlsx.toString('base64'),
      pages: null,
      missingCharacters: [],
      warnings: [],
    };
  }
  // A letter at a time, the thread answering between them (the progress, 中止).
  const written = await writeDocumentsPdf(docs, title, async () => {
    await new Promise((resolve) => setImmediate(resolve));
    job.throwIfCancelled();
  });
  // Cancelled as the PDF was written: still no file.
  job.throwIfCancelled();
  const pages = written.pages.reduce((sum, n) => sum + n, 0);
  return {
    fileName: `${fileName}.pdf`,
    mimeType: 'application/pdf',
    data: written.pdf.toString('base64'),
    pages,
    missingCharacters: missingCharactersOf(written.missing),
    warnings: missingWarnings(written.missing),
  };
}
