/**
 * 「厚生局提出資料一式」: for a 年度, the chosen reports as one PDF (a cover
 * letter with the contents and page numbers, then each report — written by
 * the core itself, report/direct, no browser), one workbook
 * with a sheet per report, and a manifest with each file's SHA-256. The three
 * files are written to a new folder beside the target and renamed into place
 * only when all are written, so a failure leaves no partial pack. As a job it
 * reports each report it makes (「3 / 15 帳票（いま: …）」) and, cancelled,
 * stops before writing anything. Each pack made is recorded in the audit log
 * (what was sent, with each file's SHA-256), which is where the screens learn
 * that a 年度's figures have left the office.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { type PackFile, type PackMade, type PackResult, RenkeiError } from '@shared/contract';
import type { packInputSchema } from '@shared/contract/report';
import { isoDateOfLocal } from '@shared/dates';
import { formatFiscalYear } from '@shared/fiscal-year';
import type { ReportDoc } from '@shared/report/model';
import type { CoreServices } from '../kernel/context';
import type { Db } from '../kernel/db/schema';
import { cancelledError, type Job } from '../kernel/jobs/job';
import { assertNewFolder, writeFolderAtomic } from '../kernel/output';
import { addressee, type ReportContext, reportContext, submitterLines } from '../kernel/report-definition';
import { XLSX_MIME } from '../tabular/write';
import { buildReport } from './build';
import { REPORTS } from './catalog';
import { startWorkbookWorker, type WorkbookWorker } from './chart-pictures';
import { DirectPrint } from './direct';
import { missingCharactersOf, missingWarnings, named } from './missing';

const PDF_MIME = 'application/pdf';
const JSON_MIME = 'application/json';

type PackInput = z.output<typeof packInputSchema>;

interface ContentsEntry {
  name: string;
  title: string;
  firstPage: number;
  pages: number;
}

export const PACK_TITLE = '厚生局提出資料一式';

/** The cover letter (送付状): who sends what to which bureau, and where each report starts. */
function coverDoc(ctx: ReportContext, input: PackInput, date: ReportDoc['header']['date'], contents: ContentsEntry[]): ReportDoc {
  const fyLabel = formatFiscalYear(input.fy);
  return {
    name: 'pack.cover',
    title: `${fyLabel} 提出資料の送付について`,
    orientation: 'portrait',
    params: { fy: input.fy, date },
    header: {
      date,
      ...(input.documentNumber ? { documentNumber: input.documentNumber } : {}),
      addressee: addressee(ctx),
      submitter: submitterLines(ctx),
    },
    blocks: [
      { type: 'paragraph', text: `標記について、${fyLabel}の資料を別添のとおり提出します。` },
      { type: 'heading', text: '提出資料一覧' },
      {
        type: 'table',
        columns: [
          { key: 'no', header: '番号', format: 'count', width: 6, align: 'center' },
          { key: 'title', header: '資料名', format: 'text', width: 56 },
          { key: 'pages', header: 'ページ', format: 'text', width: 12, align: 'center' },
        ],
        rows: contents.map((c, i) => ({
          kind: 'data',
          cells: { no: i + 1, title: c.title, pages: c.pages === 1 ? `${c.firstPage}` : `${c.firstPage}〜${c.firstPage + c.pages - 1}` },
        })),
        notes: ['ページは、この送付状を1ページ目とする通し番号です。各資料の下部のページ番号は資料ごとの番号です。'],
      },
    ],
  };
}

function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

/**
 * The reports a pack cannot make stop it, all named at once among the ticked ones, each with why and what to do;
 * reports that fail for the same reason share it.
 */
function cannotMake(failed: readonly { name: string; error: RenkeiError }[]): never {
  const reasons = new Map<string, string[]>();
  for (const { name, error } of failed)
    reasons.set(error.message, [...(reasons.get(error.message) ?? []), named(REPORTS[name]?.title ?? name)]);
  const said = [...reasons].map(([reason, titles]) => `${titles.join('、')}を作れません: ${reason}`).join('');
  const first = failed[0]!;
  throw new RenkeiError(
    first.error.code,
    `${said}（${failed.length > 1 ? 'これらの帳票' : 'この帳票'}を一式から外すと、ほかの帳票は作れます）`,
    { path: ['reports', first.name], ...(failed.length === 1 && first.error.issues ? { issues: first.error.issues } : {}) },
  );
}

export async function buildPack(db: Db, core: CoreServices, input: PackInput, job: Job): Promise<PackResult> {
  // The workbook is made on a worker thread, started now (or before the CLI's commands loaded) so that it loads its
  // code and resvg while the first reports are read, draws each report's charts as it is read, while this thread
  // reads the next and lays out the PDF, and writes the workbook while this thread writes the PDF.
  const book = startWorkbookWorker();
  try {
    return await packWith(db, core, input, job, book);
  } finally {
    book.end();
  }
}

async function packWith(db: Db, core: CoreServices, input: PackInput, job: Job, book: WorkbookWorker): Promise<PackResult> {
  const now = core.clock();
  const dir = path.resolve(input.outDir ?? path.join(path.dirname(core.dbPath), '提出資料', `${formatFiscalYear(input.fy)}_${stamp(now)}`));
  assertNewFolder(dir);
  const ctx = await reportContext(db, core);
  const date = input.date ?? isoDateOfLocal(now);
  const fyLabel = formatFiscalYear(input.fy);
  const docs: ReportDoc[] = [];
  const total = input.reports.length;
  // Every report is read even after one fails, so the officer learns at once all the ticks to take off.
  const failed: { name: string; error: RenkeiError }[] = [];
  for (const [i, name] of input.reports.entries()) {
    // The print, one step and the longest, counts as the last of the bar's.
    job.report(`${i + 1} / ${total} 帳票（いま: ${REPORTS[name]?.title ?? name}）`, i, total + 1);
    try {
      const doc = await buildReport(ctx, name, { fy: input.fy, date }, now);
      docs.push(doc);
      book.add(doc);
    } catch (error) {
      if (!(error instanceof RenkeiError)) throw error;
      failed.push({ name, error });
    }
    // Between reports a request to cancel is answered.
    await new Promise((resolve) => setImmediate(resolve));
    job.throwIfCancelled();
  }
  if (failed.length > 0) cannotMake(failed);
  job.report(`${total} / ${total} 帳票（いま: 表紙と目次をつけて PDF・Excel にまとめています）`, total, total + 1);

  // The contents need each report's length and the cover's own (one page unless the list is long): each report is
  // laid out first, then the cover from their lengths (again, should its own length differ), then all are written.
  const contentsOf = (pages: number[], coverPages: number): ContentsEntry[] => {
    let next = coverPages + 1;
    return docs.map((doc, i) => {
      const entry = { name: doc.name, title: doc.subtitle ? `${doc.title} ${doc.subtitle}` : doc.title, firstPage: next, pages: pages[i]! };
      next += entry.pages;
      return entry;
    });
  };
  const base = `${PACK_TITLE}_${fyLabel}`;
  const print = new DirectPrint();
  // Laid out and written a report at a time, the thread answering between them (中止, the other screens' calls): the
  // whole pack in one go held it for ~1 s.
  const between = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    job.throwIfCancelled();
  };
  const pages: number[] = [];
  for (const doc of docs) {
    pages.push(print.add(doc));
    await between();
  }
  let coverPages = 1;
  let cover = coverDoc(ctx, input, date, contentsOf(pages, coverPages));
  for (let laid = print.addFirst(cover); laid !== coverPages; laid = print.addFirst(cover)) {
    print.dropFirst();
    coverPages = laid;
    cover = coverDoc(ctx, input, date, contentsOf(pages, coverPages));
  }
  job.throwIfCancelled();
  // The workbook is written on the worker while this thread writes the PDF.
  const workbook = book.write([{ doc: cover, charts: [], sheetName: '送付状' }]);
  // Awaited below; failing meanwhile is not an unhandled failure.
  workbook.catch(() => undefined);
  const { pdf, missing } = await print.write(`${fyLabel} ${PACK_TITLE}`, between);
  const missingCharacters = missingCharactersOf(missing);
  const contents = contentsOf(pages, coverPages);
  // 中止 while the worker still writes ends the wait; the worker is ended with the pack.
  job.throwIfCancelled();
  const xlsx = await Promise.race([
    workbook,
    new Promise<never>((_, reject) => job.signal.addEventListener('abort', () => reject(cancelledError()), { once: true })),
  ]);
  const outputs = [
    { fileName: `${base}.pdf`, bytes: pdf, mimeType: PDF_MIME },
    { fileName: `${base}.xlsx`, bytes: xlsx, mimeType: XLSX_MIME },
  ];
  const info = core.databaseInfo();
  const manifest = {
    title: PACK_TITLE,
    fiscalYear: input.fy,
    fiscalYearLabel: fyLabel,
    date,
    documentNumber: input.documentNumber ?? null,
    createdAt: now.toISOString(),
    app: { name: 'Renkei', version: core.appVersion },
    database: { path: info.path, schemaVersion: info.schemaVersion },
    reports: contents.map((c, i) => ({ ...c, params: docs[i]!.params })),
    missingCharacters,
    files: outputs.map((o) => ({ fileName: o.fileName, sha256: sha256(o.bytes), bytes: o.bytes.length })),
  };
  const all = [
    ...outputs,
    { fileName: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), mimeType: JSON_MIME },
  ];
  // The last moment to stop: the folder is written at once, whole, below.
  job.throwIfCancelled();
  await writeFolderAtomic(dir, all);
  const files: PackFile[] = all.map((f) => ({
    fileName: f.fileName,
    path: path.join(dir, f.fileName),
    sha256: sha256(f.bytes),
    bytes: f.bytes.length,
  }));
  // Made and recorded, or neither: a folder the log cannot name (a role not granted the entry, the server lost) is taken back.
  await recordedOrRemoved(dir, () =>
    core.recordOutput('report.pack', {
      entity: 'pack',
      entityId: String(input.fy),
      before: null,
      after: {
        name: `${fyLabel} ${PACK_TITLE}`,
        fiscalYear: input.fy,
        date,
        documentNumber: input.documentNumber ?? null,
        folder: dir,
        reports: contents.map((c) => c.title),
        files: files.map((f) => `${f.fileName} ${f.sha256}`),
      },
    }),
  );
  return {
    dir,
    files,
    contents,
    missingCharacters,
    warnings: missingWarnings(missing),
    downloads: all.map((f) => ({ fileName: f.fileName, mimeType: f.mimeType, data: f.bytes.toString('base64') })),
  };
}

/** Runs `record`; when it fails, the folder just written (new: writeFolderAtomic wrote it whole) goes, and the failure is said. */
async function recordedOrRemoved(dir: string, record: () => Promise<void>): Promise<void> {
  try {
    await record();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The packs made for a 年度, newest first, from the audit log's head alone (the association may read no more of it). */
export async function packsMade(db: Db, fy: number): Promise<PackMade[]> {
  const rows = await db
    .selectFrom('auditLog')
    .select(['at', 'displayName', 'osUser'])
    .where('operation', '=', 'report.pack')
    .where('entity', '=', 'pack')
    .where('entityId', '=', String(fy))
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ madeAt: r.at, madeBy: r.displayName || r.osUser }));
}
