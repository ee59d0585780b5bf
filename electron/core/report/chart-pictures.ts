/**
 * A report's charts as the workbook's pictures, without a browser: each
 * chart's marks (chart-draw, the same the PDF draws) rasterised by resvg in
 * the app's TrueType faces, measured with the PDF writer's metrics so a label
 * sits where it sits on paper. A pack draws them on a worker thread of their
 * own (chart-worker.ts) while it lays out and writes its PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { chartDrawing, chartSize } from '@shared/report/chart-draw';
import type { Face, Measure } from '@shared/report/drawing';
import type { ReportDoc } from '@shared/report/model';
import { drawingPng, initDrawingPng, resvgWasmPath } from './chart-png';
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

/** What the chart worker is started with: where the fonts and resvg's WebAssembly are. Then it is sent the documents. */
export interface ChartWork {
  fontDir: string;
  wasm: string;
}

/** The chart worker's bundle (dist/core/chart-worker.cjs, beside the core's), read as text so it loads from the packaged app's archive too. */
const WORKER_BUNDLE = 'chart-worker.cjs';

export interface ChartPainter {
  /** Each document's chart pictures ([] for one without charts), in order. */
  draw(docs: readonly ReportDoc[]): Promise<ChartImage[][]>;
  /** Ends the worker (a pack that failed or was cancelled before it asked). */
  end(): void;
}

/**
 * A worker thread that draws documents' chart pictures, started now so that it loads its code, resvg and the face
 * while the documents are still being read (~0.35 s in a new process), and draws while the pack lays out and writes
 * its PDF. Running from the sources, without the bundle, the pictures are drawn on this thread.
 * @example const painter = startChartPainter(); … const pictures = painter.draw(docs);
 */
export function startChartPainter(): ChartPainter {
  const bundle = path.join(__dirname, WORKER_BUNDLE);
  if (!fs.existsSync(bundle)) {
    return {
      async draw(docs) {
        const out: ChartImage[][] = [];
        for (const doc of docs) out.push(await chartPictures(doc));
        return out;
      },
      end: () => undefined,
    };
  }
  const work: ChartWork = { fontDir: fontDirectory(), wasm: resvgWasmPath() };
  const worker = new Worker(fs.readFileSync(bundle, 'utf8'), { eval: true, workerData: work });
  const drawn = new Promise<ChartImage[][]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`グラフの画像を作る処理が途中で終了しました（${code}）`)));
  });
  // Awaited by draw(); failing before it is asked is not an unhandled failure.
  drawn.catch(() => undefined);
  const end = () => void worker.terminate();
  return {
    async draw(docs) {
      const withCharts = docs.filter((doc) => doc.blocks.some((b) => b.type === 'chart'));
      worker.postMessage(withCharts);
      const got = await drawn.finally(end);
      let k = 0;
      return docs.map((doc) =>
        doc.blocks.some((b) => b.type === 'chart') ? got[k++]!.map((c) => ({ blockIndex: c.blockIndex, png: Buffer.from(c.png) })) : [],
      );
    },
    end,
  };
}
