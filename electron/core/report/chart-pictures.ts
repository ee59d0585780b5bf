/**
 * A report's charts as the workbook's pictures, without a browser: each
 * chart's marks (chart-draw, the same the PDF draws) rasterised by resvg in
 * the app's TrueType faces, measured with the PDF writer's metrics so a label
 * sits where it sits on paper.
 */
import v8 from 'node:v8';
import { chartDrawing, chartSize } from '@shared/report/chart-draw';
import type { Face, Measure } from '@shared/report/drawing';
import type { ReportDoc } from '@shared/report/model';
import { drawingPng, initDrawingPng } from './chart-png';
import { FACES, FaceMetrics, fontFile } from './direct/fonts';
import type { ChartImage } from './xlsx';

/** Two pixels a point: a 180 mm chart 1020 pixels wide, sharp on the sheet's 16 cm. */
const PIXELS_PER_POINT = 2;

/** The app's faces (their first files: the app's own text and the common kanji), as resvg reads them. */
let fonts: Uint8Array[] | undefined;
const metrics = new Map<Face, FaceMetrics>();
const measure: Measure = (text, face, size) => {
  let m = metrics.get(face);
  if (!m) {
    // A character no face holds is measured as 〓, the PDF's stand-in; the picture leaves it to resvg.
    m = new FaceMetrics(face, new Set());
    metrics.set(face, m);
  }
  return m.width(text, size);
};

/** Each chart of the document as a PNG, by its block's index. */
export async function chartPictures(doc: ReportDoc): Promise<ChartImage[]> {
  const charts = doc.blocks.flatMap((block, blockIndex) => (block.type === 'chart' ? [{ block, blockIndex }] : []));
  if (charts.length === 0) return [];
  // resvg's WebAssembly compiled whole at once rather than function by function as it runs, then again optimised
  // (V8's dynamic tiering): the demo pack's 9 pictures took 1.6 s in a new process that way, 0.7 s this way.
  v8.setFlagsFromString('--no-wasm-dynamic-tiering');
  await initDrawingPng();
  fonts ??= FACES.map((face) => fontFile(face, 0).bytes);
  return charts.map(({ block, blockIndex }) => {
    const { width, height } = chartSize(block, doc.orientation);
    const png = drawingPng(chartDrawing(block, width, height, measure), fonts!, PIXELS_PER_POINT);
    return { blockIndex, png: Buffer.from(png) };
  });
}
