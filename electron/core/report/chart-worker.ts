/**
 * The pack's workbook worker (dist/core/chart-worker.cjs, see report/chart-pictures.ts): draws the chart pictures of
 * each report it is sent as it comes, then writes the workbook and posts it back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeWhole } from '../kernel/code-cache';
import { type WorkbookMessage, warmChartPictures, workbookMaker } from './chart-pictures';
import type { ChartWork, ChartWorkerAnswer, ChartWorkerCode } from './chart-worker-start';
import { useFontDirectory } from './direct/fonts';
import { warmWorkbookWriter } from './xlsx';

const work = workerData as ChartWork & { code?: ChartWorkerCode };
/** Keeps the code V8 compiled this bundle to, for the next pack's worker (see chart-worker-start.ts). */
export function keepCode(compiled: Buffer): void {
  if (!work.code?.target) return;
  try {
    writeWhole(work.code.file, work.code.target, compiled);
  } catch {
    // Compiled again next time.
  }
}
useFontDirectory(work.fontDir);
const answer = (message: ChartWorkerAnswer) => parentPort!.postMessage(message);
// Ready before the reports come: resvg compiled, the face read, a chart drawn and a workbook written (their code
// compiled) while the pack reads its reports. A failure here fails the first report's drawing too, which says so.
warmChartPictures(work.wasm)
  .then(warmWorkbookWriter)
  .catch(() => undefined);
const maker = workbookMaker(work.wasm);
// Each report is drawn as it comes, in order; the workbook is posted back when asked for, or why it could not be made
// (an unhandled failure would leave the pack waiting where a process only warns of one, as Electron's does).
parentPort!.on('message', (message: WorkbookMessage) => {
  maker.take(message).then(
    (bytes) => {
      if (bytes) answer({ bytes });
    },
    (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
  );
});
