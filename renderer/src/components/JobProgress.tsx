/**
 * A long call (an import reading a large file) as a job the screen can watch
 * and stop: `useJob` names each call it runs with a fresh job id and asks the
 * core how far it has got; JobProgress shows that as a bar with a 中止 button.
 * A cancelled call fails with 「中止しました。何も書き込んでいません。」.
 */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { JOB_CANCELLED_MESSAGE, type JobProgress as Progress } from '@shared/contract';
import type { CallOptions } from '../api/client';
import { useApi } from '../api/hooks';

const POLL_MS = 300;

export interface JobHandle {
  running: boolean;
  progress: Progress | null;
  /** Runs `work` as a job; pass the options to client.call (or useMutation's run). */
  run<T>(work: (options: CallOptions) => Promise<T>): Promise<T>;
  cancel(): void;
}

export function useJob(): JobHandle {
  const { client } = useApi();
  const [jobId, setJobId] = useState<string>();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    const timer = setInterval(() => {
      client.call('app.jobs.progress', { jobId }).then(
        (p) => live && setProgress(p),
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, jobId]);
  const run = useCallback(async <T,>(work: (options: CallOptions) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    setProgress(null);
    setJobId(id);
    try {
      return await work({ jobId: id });
    } finally {
      setJobId(undefined);
      setProgress(null);
    }
  }, []);
  const cancel = useCallback(() => {
    if (jobId) void client.call('app.jobs.cancel', { jobId }).catch(() => undefined);
  }, [client, jobId]);
  return { running: jobId !== undefined, progress, run, cancel };
}

/**
 * The bar and 中止 while the job runs; nothing otherwise. `counted`: the core's labels that count say how far
 * themselves (「3 / 15 帳票（いま: 議事録）」), so they are shown as they are, without 「…（20%）」 after them.
 */
export function JobProgress({ job, label = '読み込んでいます', counted = false }: { job: JobHandle; label?: string; counted?: boolean }) {
  if (!job.running) return null;
  const p = job.progress;
  const known = p !== null && p.total > 0;
  return (
    <div className="job-progress" role="status" aria-label="処理の進み具合">
      <progress max={known ? p.total : undefined} value={known ? p.done : undefined} />
      <span className="job-progress__label">
        {counted && known ? p.label : `${p?.label || label}…${known ? `（${Math.floor((p.done / p.total) * 100)}%）` : ''}`}
      </span>
      <button type="button" className="button button--secondary button--small" onClick={job.cancel}>
        中止
      </button>
    </div>
  );
}

/** Whether a job's call failed by its 中止: no failure, so the screen says it plainly (JobCancelled), not as an error. */
export function wasCancelled(error: { message: string } | null | undefined): boolean {
  return error?.message === JOB_CANCELLED_MESSAGE;
}

/** Where the bar was, in sight of the 中止 just pressed: what was left unmade, and what to do next. */
export function JobCancelled({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}
