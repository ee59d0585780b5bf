/**
 * The worker's side of ahead.ts, with what goes between the two: imports
 * nothing of the core, so that its bundle (dist/core/ahead-worker.cjs) stays
 * small.
 */
import { type MessagePort, workerData } from 'node:worker_threads';

/** What the worker is started with: its task, its port, and the chunk the caller takes now (one Int32 shared). */
export interface AheadData {
  task: string;
  port: MessagePort;
  taking: SharedArrayBuffer;
}

/**
 * Over the port: the worker says it is up, then answers each chunk it is sent — with null for one the caller has
 * already passed, which it skips.
 */
export type ToWorker<P> = { k: number; payload: P };
export type FromWorker<R> = { ready: true } | { k: number; result: R | null };

/**
 * The worker's side (its bundle's entry): runs the task it was started for on each chunk it is sent.
 * @example serveAhead({ searchKeys: (joined: string) => … })
 */
// biome-ignore lint/suspicious/noExplicitAny: each task has its own payload and result; the caller's ahead() names them.
export function serveAhead(tasks: Readonly<Record<string, (payload: any) => unknown>>): void {
  const { task, port, taking } = workerData as AheadData;
  const run = tasks[task];
  if (!run) throw new Error(`ahead task ${task} is not registered`);
  const now = new Int32Array(taking);
  port.on('message', ({ k, payload }: ToWorker<unknown>) => {
    port.postMessage({ k, result: k < Atomics.load(now, 0) ? null : run(payload) } satisfies FromWorker<unknown>);
  });
  port.postMessage({ ready: true } satisfies FromWorker<unknown>);
}
