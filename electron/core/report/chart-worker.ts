/**
 * The pack's workbook worker (dist/core/chart-worker.cjs, see report/chart-pictures.ts): draws the chart pictures of
 * each report it is sent as it comes, then writes the workbook and posts it back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type PackWorkbookMessage, packWorkbookMaker, prepareChartPictures } from './chart-pictures';
import type { ChartWork } from './chart-worker-start';
import { useFontDirectory } from './direct/fonts';

const work = workerData as ChartWork;
useFontDirectory(work.fontDir);
// Ready before the reports come: resvg compiled and the face read while the pack reads its reports.
void prepareChartPictures(work.wasm);
const maker = packWorkbookMaker(work.wasm);
// Each report is drawn as it comes, in order; the workbook is posted back when asked for. A failure ends the worker
// with it, which the pack reports.
parentPort!.on('message', (message: PackWorkbookMessage) => {
  void maker.take(message).then((bytes) => {
    if (bytes) parentPort!.postMessage(bytes);
  });
});
