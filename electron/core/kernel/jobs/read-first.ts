/**
 * The one way an operation reads a user's files before its turn: a handler
 * made with `readFirst` has its reading step run by the core off the queue
 * (on a worker thread, see offload.ts), with no database, while other
 * operations go on; then its turn runs with what was read. Called from
 * inside another operation, it reads in place.
 */
import type { Job } from './job';

export type ReadStep<I, P> = (input: I, job: Job) => Promise<P>;

interface ReadsFirst {
  readFirst: ReadStep<never, unknown>;
}

/**
 * @example
 * 'masters.import.preview': readFirst(readUpload, async (input, { db, job }, table) => previewImport(db, …, table, input.kind, job)),
 */
export function readFirst<I, C extends { job: Job }, P, O>(
  read: ReadStep<NoInfer<I>, P>,
  run: (input: I, ctx: C, read: P) => Promise<O>,
): ((input: I, ctx: C) => Promise<O>) & ReadsFirst {
  const handler = async (input: I, ctx: C) => run(input, ctx, ctx.job.ahead ? (ctx.job.ahead.value as P) : await read(input, ctx.job));
  return Object.assign(handler, { readFirst: read as ReadStep<never, unknown> });
}

/** The reading step of a handler made with readFirst; null for any other. */
export function readStepOf(handler: unknown): ReadStep<unknown, unknown> | null {
  return typeof handler === 'function' && 'readFirst' in handler
    ? ((handler as unknown as ReadsFirst).readFirst as ReadStep<unknown, unknown>)
    : null;
}
