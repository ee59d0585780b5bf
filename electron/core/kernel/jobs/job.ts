/**
 * A job: one operation the caller may watch and cancel, by an id it chose.
 * The board holds the running ones, so `app.jobs.progress` and
 * `app.jobs.cancel` find them while the operation itself is still reading in
 * a worker or waiting for its turn in the core's queue.
 */
import { JOB_CANCELLED_MESSAGE, type JobProgress, RenkeiError } from '@shared/contract';

/** How long a checkpoint lets pass before it yields to answer progress and cancel. */
const YIELD_EVERY_MS = 50;

export class Job {
  private lastYield = Date.now();
  progress: JobProgress = { label: '', done: 0, total: 0 };
  /** What the operation read before its turn (see readFirst), once read. */
  ahead: { input: unknown; value: unknown } | null = null;

  constructor(
    readonly id: string | null,
    /** Shared with the operation this one runs inside, so cancelling that one cancels this too. */
    private readonly controller = new AbortController(),
  ) {}

  /** Aborted when the job is cancelled (a worker reading for it is ended). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  cancel(): void {
    this.controller.abort();
  }

  /**
   * For an operation run inside this one: cancelled with it (one shared
   * signal, not a listener per inner operation: the demo runs hundreds),
   * reading its own files. Only the outer job is ever cancelled (the board
   * holds it); cancelling an inner one would end the outer one too.
   */
  inner(): Job {
    return new Job(this.id, this.controller);
  }

  report(label: string, done = 0, total = 0): void {
    this.progress = { label, done, total };
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw cancelledError();
  }

  /**
   * For a long loop on the core's thread: now and then lets the event loop
   * answer progress and cancel, and ends the operation here once cancelled.
   */
  async checkpoint(): Promise<void> {
    if (Date.now() - this.lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.lastYield = Date.now();
    }
    this.throwIfCancelled();
  }
}

export function cancelledError(): RenkeiError {
  return new RenkeiError('refused', JOB_CANCELLED_MESSAGE);
}

/** Cancels asked for before their job arrived are kept for a while (the two requests may cross). */
const EARLY_CANCELS_KEPT = 100;

export class JobBoard {
  private readonly running = new Map<string, Job>();
  private readonly early = new Set<string>();

  /** A job for one operation; an anonymous one when the caller gave no id. */
  start(id: string | undefined): Job {
    const job = new Job(id ?? null);
    if (id === undefined) return job;
    this.running.set(id, job);
    if (this.early.delete(id)) job.cancel();
    return job;
  }

  end(job: Job): void {
    if (job.id !== null && this.running.get(job.id) === job) this.running.delete(job.id);
  }

  progress(id: string): JobProgress | null {
    return this.running.get(id)?.progress ?? null;
  }

  cancel(id: string): boolean {
    const job = this.running.get(id);
    if (!job) {
      this.early.add(id);
      if (this.early.size > EARLY_CANCELS_KEPT) this.early.delete(this.early.values().next().value!);
      return false;
    }
    job.cancel();
    return true;
  }

  cancelAll(): void {
    for (const job of this.running.values()) job.cancel();
  }
}
