/**
 * The chart worker's bundle (dist/core/chart-worker.cjs, see report/chart-pictures.ts): draws the pictures of the
 * documents it is given, and posts them back once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ChartWork, chartPictures } from './chart-pictures';
import { useFontDirectory } from './direct/fonts';

const work = workerData as ChartWork;
useFontDirectory(work.fontDir);
void (async () => {
  const out = [];
  for (const doc of work.docs) out.push(await chartPictures(doc, work.wasm));
  parentPort!.postMessage(out);
})();
