import { describe, expect, it } from 'vitest';
import { cancelledError, Job } from './job';
import { idleWorkers, inWorker } from './offload';

/** A small CSV of the national list's shape, as the worker reads it into a table. */
const csv = () =>
  new Uint8Array(
    new TextEncoder().encode('医療機関コード,名称,所在地\r\n0111234567,☆☆クリニック,新潟市中央区\r\n0111234568,△△病院,長岡市\r\n').buffer,
  ) as Uint8Array<ArrayBuffer>;

const readTable = (job = new Job(null)) => inWorker({ task: 'table', fileName: '一覧.csv', bytes: csv() }, job);

describe('the worker threads that read users’ files', () => {
  it('keeps a worker that answered for the next request, and reads with it the same', async () => {
    const first = await readTable();
    expect(first.header).toEqual(['医療機関コード', '名称', '所在地']);
    expect(first.rows.at(1)).toEqual({ rowNumber: 3, cells: ['0111234568', '△△病院', '長岡市'] });
    const waiting = idleWorkers();
    expect(waiting.length).toBeGreaterThan(0);
    const again = await readTable();
    expect(again.rows.at(0)).toEqual({ rowNumber: 2, cells: ['0111234567', '☆☆クリニック', '新潟市中央区'] });
    // A worker waiting took it: none was started beside them.
    expect(idleWorkers().length).toBe(waiting.length);
    expect(idleWorkers().every((worker) => waiting.includes(worker))).toBe(true);
  });

  it('lets a worker that fails while it waits end alone, without ending this process, and is not given it again', async () => {
    await readTable();
    const failing = idleWorkers().at(-1)!;
    const ended = new Promise((resolve) => failing.once('exit', resolve));
    // What Node does when a worker throws with no request of its: unheard, the 'error' would throw here.
    expect(() => failing.emit('error', new Error('壊れた'))).not.toThrow();
    await failing.terminate();
    await ended;
    expect(idleWorkers()).not.toContain(failing);
    const after = await readTable();
    expect(after.rows.length).toBe(2);
  });

  it('answers a job cancelled while its file is read with the cancellation, and keeps no worker for it', async () => {
    await readTable();
    const before = idleWorkers();
    const job = new Job(null);
    const reading = readTable(job);
    job.cancel();
    await expect(reading).rejects.toThrow(cancelledError().message);
    // The waiting worker it took was ended, not given back, and none was started for it.
    expect(idleWorkers().length).toBe(before.length - 1);
    expect(idleWorkers().every((worker) => before.includes(worker))).toBe(true);
  });
});
