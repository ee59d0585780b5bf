/**
 * The chart worker's bundle (dist/core/chart-worker.cjs, see report/chart-pictures.ts): draws the pictures of the
 * documents it is given, and posts them back once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReportDoc } from '@shared/report/model';
import { type ChartWork, chartPictures, prepareChartPictures } from './chart-pictures';
import { useFontDirectory } from './direct/fonts';

const work = workerData as ChartWork;
useFontDirectory(work.fontDir);
// Ready before the documents come: resvg compiled and the face read while the pack reads its reports.
const ready = prepareChartPictures(work.wasm);
parentPort!.once('message', (docs: ReportDoc[]) => {
  void (async () => {
    await ready;
    const out = [];
    for (const doc of docs) out.push(await chartPictures(doc, work.wasm));
    parentPort!.postMessage(out);
  })();
});
