/**
 * The chart worker's bundle (dist/core/chart-worker.cjs, see report/chart-pictures.ts): draws the pictures of the
 * documents it is sent, each as it comes, and posts each one's back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReportDoc } from '@shared/report/model';
import { chartPictures, prepareChartPictures } from './chart-pictures';
import type { ChartWork } from './chart-worker-start';
import { useFontDirectory } from './direct/fonts';

const work = workerData as ChartWork;
useFontDirectory(work.fontDir);
// Ready before the documents come: resvg compiled and the face read while the pack reads its reports.
let drawing = prepareChartPictures(work.wasm);
// Each document is drawn as it comes, in order, and its pictures posted back.
parentPort!.on('message', (doc: ReportDoc) => {
  drawing = drawing.then(async () => {
    parentPort!.postMessage(await chartPictures(doc, work.wasm));
  });
});
