/**
 * A report's charts as the workbook's pictures, without a browser: each
 * chart's marks (chart-draw, the same the PDF draws) rasterised by resvg in
 * the app's TrueType faces, measured with the PDF writer's metrics so a label
 * sits where it sits on paper. A pack draws them, and writes its workbook, on a
 * worker thread of its own (chart-worker.ts) while it lays out and writes its PDF;
 * a single report's workbook with charts is made the same way (report/render.ts):
 * the built core's own thread never draws them.
 */
import { RenkeiError } from '@shared/contract/errors';
import { chartDrawing, chartSize } from '@shared/report/chart-draw';
import type { Face, Measure } from '@shared/report/drawing';
import type { ChartBlock, ReportDoc } from '@shared/report/model';
import { drawingPng, initDrawingPng, resvgWasmPath } from './chart-png';
import { type ChartWork, type ChartWorkerAnswer, type EarlyChartWorker, startChartWorker, useBaselineWasm } from './chart-worker-start';
import { FaceMetrics, fontDirectory, fontFile } from './direct/fonts';
import { type ChartImage, IMAGE_WIDTH_PX, type WorkbookReport, writeReportWorkbook } from './xlsx';

/**
 * Pixels a point for a chart `width` points wide: twice the pixels the sheet shows it at (16 cm, 605 px at 100 %), so
 * it stays sharp at 200 % display scaling and at ~190 dpi on paper; at most two (a portrait page's 180 mm chart, 1,020
 * px). A landscape page's chart (267 mm) was drawn at two as well, 1,513 px for the 605 it is shown at: 2.5 times the
 * pixels, ~40 % of the pack's drawing spent on pixels nobody sees.
 */
export function pictureScale(width: number): number {
  return Math.min(2, (2 * IMAGE_WIDTH_PX) / width);
}

/**
 * The faces a chart's text is set in (chart-draw sets it all in ゴシック), as resvg reads them: their first files, the
 * app's own text and the common kanji. resvg reads every font it is given for every picture: the two faces charts do
 * not use cost as much again.
 */
const PICTURE_FACES: readonly Face[] = ['sans'];
let fonts: Uint8Array[] | undefined;
const metrics = new Map<Face, FaceMetrics>();
const measure: Measure = (text, face, size) => {
  let m = metrics.get(face);
  if (!m) {
    // A character no face holds is measured as 〓, the PDF's stand-in; the picture leaves it to resvg.
    m = new FaceMetrics(face, () => undefined);
    metrics.set(face, m);
  }
  return m.width(text, size);
};

/** Readies the drawing of pictures on this thread: resvg's WebAssembly (compiled baseline only, see useBaselineWasm) and the face charts are set in. */
export async function prepareChartPictures(wasm?: string): Promise<void> {
  useBaselineWasm();
  await initDrawingPng(wasm);
  fonts ??= PICTURE_FACES.map((face) => fontFile(face, 0).bytes);
}

/** Each chart of the document as a PNG, by its block's index; `wasm` is resvg's file where it is not found beside the code. */
export async function chartPictures(doc: ReportDoc, wasm?: string): Promise<ChartImage[]> {
  const charts = doc.blocks.flatMap((block, blockIndex) => (block.type === 'chart' ? [{ block, blockIndex }] : []));
  if (charts.length === 0) return [];
  await prepareChartPictures(wasm);
  return charts.map(({ block, blockIndex }) => {
    const { width, height } = chartSize(block, doc.orientation);
    const png = drawingPng(chartDrawing(block, width, height, measure), fonts!, pictureScale(width));
    return { blockIndex, png: Buffer.from(png) };
  });
}

/**
 * Draws a small chart and drops it, so that the drawing's code is compiled and resvg has set its first text before the
 * first real picture: for a thread with time to spare, the pack's worker while it waits for the first report.
 */
export async function warmChartPictures(wasm?: string): Promise<void> {
  await prepareChartPictures(wasm);
  const block: ChartBlock = {
    type: 'chart',
    title: '',
    kind: 'bar',
    labels: ['4月', '5月'],
    series: [{ label: '件数', values: [1, 2] }],
    unit: '件',
  };
  const { width, height } = chartSize(block, 'landscape');
  drawingPng(chartDrawing(block, width, height, measure), fonts!, 0.25);
}

/** What the workbook's worker is sent: each report as it is read, then the sheets that go before them (the cover). */
export type WorkbookMessage = { doc: ReportDoc } | { write: WorkbookReport[] };

/**
 * A workbook made off the core's thread: each report's chart pictures drawn as the report is read, then, once the
 * sheets before them (a pack's cover) are known, the whole workbook written, while the pack lays out and writes its
 * PDF.
 */
export interface WorkbookWorker {
  /** A report of the workbook, in order: one with charts is drawn at once, while the next are read and laid out. */
  add(doc: ReportDoc): void;
  /** The workbook: `before` (a pack's cover), then each report added with its pictures. */
  write(before: WorkbookReport[]): Promise<Buffer>;
  /** Ends the worker, whether the workbook was written or not (always called, when the pack or report is done). */
  end(): void;
}

let offered: EarlyChartWorker | null = null;

/** A worker started before the commands loaded (cli/start.ts for `report pack`), for the next workbook to take. */
export function offerChartWorker(early: EarlyChartWorker | null): void {
  offered = early;
}

/**
 * The workbook as the worker makes it (chart-worker.ts), or this thread when running from the sources: each report's
 * pictures drawn as it comes, in order, the workbook written when asked. `wasm` is resvg's file where it is not found
 * beside the code.
 */
export function workbookMaker(wasm?: string): { take(message: WorkbookMessage): Promise<Buffer | null> } {
  const reports: WorkbookReport[] = [];
  let last: Promise<unknown> = Promise.resolve();
  return {
    take(message) {
      const done = last.then(async () => {
        if ('doc' in message) {
          reports.push({ doc: message.doc, charts: await chartPictures(message.doc, wasm) });
          return null;
        }
        return writeReportWorkbook([...message.write, ...reports]);
      });
      last = done;
      return done;
    },
  };
}

/** Why the worker could not make the workbook, as the officer reads it. */
function workbookFailed(reason: string): RenkeiError {
  return new RenkeiError(
    'internal',
    `Excel のファイルを作れませんでした（${reason}）。もう一度お試しください。続くときはアプリを入れ直してください。`,
  );
}

/**
 * A worker thread that makes a workbook (workbookMaker), started now (or taken as offered) so that it loads its code,
 * resvg and the face while the first reports are still being read, and draws and writes while the pack reads the
 * others and lays out and writes its PDF. The files it reads are found here first, so one missing is said in
 * Japanese before any worker starts. Running from the sources, without the bundle, it is made on this thread.
 * @example const book = startWorkbookWorker(); for (const doc of docs) book.add(doc); … await book.write([cover]);
 */
export function startWorkbookWorker(): WorkbookWorker {
  const work: ChartWork = { fontDir: fontDirectory(), wasm: resvgWasmPath() };
  const early = offered;
  offered = null;
  const usable = early && !early.failure && early.work.fontDir === work.fontDir && early.work.wasm === work.wasm;
  if (early && !usable) void early.worker.terminate();
  const worker = usable ? early.worker : startChartWorker(__dirname, work);
  if (!worker) {
    const maker = workbookMaker();
    return {
      // Awaited through write(); failing before it is asked is not an unhandled failure.
      add: (doc) => void maker.take({ doc }).catch(() => undefined),
      write: async (before) => (await maker.take({ write: before }))!,
      end: () => undefined,
    };
  }
  // Held from now on: the pack waits for what it makes.
  worker.ref();
  const written = new Promise<Buffer>((resolve, reject) => {
    worker.on('message', (answer: ChartWorkerAnswer) =>
      'error' in answer
        ? reject(workbookFailed(answer.error))
        : resolve(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength)),
    );
    worker.once('error', (error) => reject(workbookFailed(error.message)));
    worker.once('exit', () => reject(workbookFailed('途中で終了しました')));
  });
  // Awaited by write(); failing before it is asked is not an unhandled failure.
  written.catch(() => undefined);
  const send = (message: WorkbookMessage) => worker.postMessage(message);
  return {
    add: (doc) => send({ doc }),
    write(before) {
      send({ write: before });
      return written;
    },
    end: () => void worker.terminate(),
  };
}
