/**
 * A report's charts as the workbook's pictures, without a browser: each
 * chart's marks (chart-draw, the same the PDF draws) rasterised by resvg in
 * the app's TrueType faces, measured with the PDF writer's metrics so a label
 * sits where it sits on paper. A pack draws them on a worker thread of their
 * own (chart-worker.ts) while it lays out and writes its PDF.
 */
import v8 from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { chartDrawing, chartSize } from '@shared/report/chart-draw';
import type { Face, Measure } from '@shared/report/drawing';
import type { ReportDoc } from '@shared/report/model';
import { drawingPng, initDrawingPng, resvgWasmPath } from './chart-png';
import { startChartWorker } from './chart-worker-start';
import { FaceMetrics, fontDirectory, fontFile } from './direct/fonts';
import type { ChartImage } from './xlsx';

/** Two pixels a point: a 180 mm chart 1020 pixels wide, sharp on the sheet's 16 cm. */
const PIXELS_PER_POINT = 2;

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

/**
 * Readies the drawing of pictures on this thread: resvg's WebAssembly compiled by V8's baseline compiler only, never
 * again optimised (by default each function is re-compiled optimised once it runs hot, on threads that take the other
 * core from the PDF's writing: 13 charts in a new process took 1.5 s by default, 0.78 s with
 * --no-wasm-dynamic-tiering, 0.42 s this way; read by V8 when the module is compiled, and only resvg's WebAssembly
 * runs in the core), and the face charts are set in.
 */
export async function prepareChartPictures(wasm?: string): Promise<void> {
  v8.setFlagsFromString('--liftoff-only');
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
    const png = drawingPng(chartDrawing(block, width, height, measure), fonts!, PIXELS_PER_POINT);
    return { blockIndex, png: Buffer.from(png) };
  });
}

export interface ChartPainter {
  /** Gives the painter a document: one with charts is drawn at once, while the next are read and laid out. */
  add(doc: ReportDoc): void;
  /** Each document's chart pictures ([] for one without charts), in the order they were added. */
  pictures(): Promise<ChartImage[][]>;
  /** Ends the worker (a pack that failed or was cancelled before it asked). */
  end(): void;
}

let offered: Worker | null = null;

/** A worker started before the commands loaded (cli/start.ts for `report pack`), for the next painter to take. */
export function offerChartWorker(worker: Worker | null): void {
  offered = worker;
}

const hasCharts = (doc: ReportDoc) => doc.blocks.some((b) => b.type === 'chart');

/**
 * A worker thread that draws documents' chart pictures as they are added, started now (or taken as offered) so that
 * it loads its code, resvg and the face while the first documents are still being read, and draws while the pack
 * reads the others and lays out and writes its PDF. Running from the sources, without the bundle, the pictures are
 * drawn on this thread when asked for.
 * @example const painter = startChartPainter(); for (const doc of docs) painter.add(doc); … await painter.pictures();
 */
export function startChartPainter(): ChartPainter {
  const taken = offered;
  offered = null;
  const worker = taken ?? startChartWorker(__dirname, { fontDir: fontDirectory(), wasm: resvgWasmPath() });
  const drawn: Promise<ChartImage[]>[] = [];
  if (!worker) {
    const docs: ReportDoc[] = [];
    return {
      add: (doc) => void docs.push(doc),
      async pictures() {
        const out: ChartImage[][] = [];
        for (const doc of docs) out.push(await chartPictures(doc));
        return out;
      },
      end: () => undefined,
    };
  }
  // Held from now on: the pack waits for what it draws.
  worker.ref();
  // The worker answers each document it was sent, in order.
  const waiting: { resolve: (pictures: ChartImage[]) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (got: ChartImage[]) =>
    waiting.shift()?.resolve(got.map((c) => ({ blockIndex: c.blockIndex, png: Buffer.from(c.png) }))),
  );
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`グラフの画像を作る処理が途中で終了しました（${code}）`)));
  return {
    add(doc) {
      if (!hasCharts(doc)) {
        drawn.push(Promise.resolve([]));
        return;
      }
      const pictures = new Promise<ChartImage[]>((resolve, reject) => {
        if (failure) reject(failure);
        else waiting.push({ resolve, reject });
      });
      // Awaited by pictures(); failing before it is asked is not an unhandled failure.
      pictures.catch(() => undefined);
      drawn.push(pictures);
      if (!failure) worker.postMessage(doc);
    },
    pictures: () => Promise.all(drawn),
    end: () => void worker.terminate(),
  };
}
