/**
 * Pure work over a long run of chunks done ahead on a worker thread while the
 * core's thread goes on with its own (the national list's search keys, folded
 * on the other core while the core's thread inserts the rows): the chunks go
 * a few at a time, the caller takes each chunk's result in order, and computes
 * a chunk itself whenever the worker has not answered it yet — while the
 * worker starts, when it falls behind, or when it failed. So the results are
 * always those of the caller's own function, and the worker only saves time.
 *
 * The worker is its own small bundle (dist/core/ahead-worker.cjs, entry
 * electron/core/ahead-worker.ts, its side in ahead-task.ts): the readers'
 * bundle (worker.cjs) cost ~55 MiB more at the import's peak, this one ~10.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { AheadData, FromWorker, ToWorker } from './ahead-task';
import type { Job } from './job';
import { workerSource } from './offload';

/** Chunks sent ahead of the one the caller takes: enough to keep the worker busy, few so that little is held. */
const WINDOW = 4;

export interface Ahead<R> {
  /** Chunk k's result, for k = 0, 1, 2, … in order: the worker's if it has answered, else computed here. */
  take(k: number): R;
  /** Ends the worker (also when the caller stopped early). */
  end(): void;
  /** How many chunks taken so far the worker had answered. */
  worked(): number;
}

/** A started worker, its end of the channel and the chunk the caller takes now (shared with the worker). */
interface Started {
  worker: Worker;
  port: MessagePort;
  now: Int32Array;
}

function start(task: string): Started | null {
  let source: string;
  try {
    source = workerSource('ahead-worker');
  } catch {
    // No worker bundle where this core runs from: every chunk is the caller's, as when the worker fails.
    return null;
  }
  const { port1, port2 } = new MessageChannel();
  const taking = new SharedArrayBuffer(4);
  const worker = new Worker(source, {
    eval: true,
    workerData: { task, port: port2, taking } satisfies AheadData,
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: 2 },
  });
  // It never keeps the process alive; a worker that fails or ends leaves every chunk to the caller.
  worker.unref();
  worker.on('error', () => {});
  return { worker, port: port1, now: new Int32Array(taking) };
}

/** How long a worker started early waits to be taken by ahead() before it ends (a preview whose commit never came). */
export const WARM_FOR_MS = 60_000;

const warm = new Map<string, { started: Started; timer: NodeJS.Timeout }>();

/**
 * Starts the worker for `task` now, for an ahead() that will follow (the commit after a preview of a long list): its
 * start — loading its bundle, ~0.1 s — then overlaps the preview's checks instead of delaying the commit's first
 * chunks, which the caller folds itself until the worker is up. Unused, it ends after WARM_FOR_MS.
 * @example if (rows >= AHEAD_FROM_ROWS) warmAhead('searchKeys')
 */
export function warmAhead(task: string): void {
  if (warm.has(task)) return;
  const started = start(task);
  if (!started) return;
  const timer = setTimeout(() => {
    warm.delete(task);
    started.port.close();
    void started.worker.terminate();
  }, WARM_FOR_MS);
  timer.unref();
  warm.set(task, { started, timer });
}

/** The worker warmAhead() started for `task`, taken (once), else a new one. */
function taken(task: string): Started | null {
  const early = warm.get(task);
  if (!early) return start(task);
  warm.delete(task);
  clearTimeout(early.timer);
  return early.started;
}

/**
 * Starts a worker on `task` (registered in ahead-worker.ts) — or takes the one warmAhead() started — for chunks
 * 0 … count − 1, chunk k being `payloadOf(k)`; `local` is the same function on this thread. take() never waits for
 * the worker.
 * @example const keys = ahead('searchKeys', count, (k) => textOf(k), foldAll, job); for (…) use(keys.take(k)); keys.end()
 */
export function ahead<P, R>(task: string, count: number, payloadOf: (k: number) => P, local: (payload: P) => R, job: Job): Ahead<R> {
  const started = taken(task);
  if (!started) return { take: (k) => local(payloadOf(k)), end: () => undefined, worked: () => 0 };
  const { worker, port: port1, now } = started;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    job.signal.removeEventListener('abort', end);
    port1.close();
    void worker.terminate();
  };
  job.signal.addEventListener('abort', end);
  let ready = false;
  /** The next chunk not yet sent. */
  let sent = 0;
  const answered = new Map<number, R>();
  let worked = 0;
  return {
    take(k) {
      if (!ended) {
        Atomics.store(now, 0, k);
        for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
          const message = m.message as FromWorker<R>;
          if ('ready' in message) ready = true;
          else if (message.result !== null && message.k >= k) answered.set(message.k, message.result);
        }
        // From the chunk after this one: the worker's answer to this one could not come back before it is needed.
        if (ready) {
          sent = Math.max(sent, k + 1);
          for (; sent < Math.min(k + 1 + WINDOW, count); sent += 1)
            port1.postMessage({ k: sent, payload: payloadOf(sent) } satisfies ToWorker<P>);
        }
      }
      const result = answered.get(k);
      answered.delete(k);
      if (k + 1 >= count) end();
      if (result === undefined) return local(payloadOf(k));
      worked += 1;
      return result;
    },
    end,
    worked: () => worked,
  };
}
