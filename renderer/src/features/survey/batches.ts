/**
 * Returned forms sent to the core in batches (requests stay under the loopback host's body limit). Each batch is
 * saved on its own, so when one fails or is stopped the batches before it are saved and the files from it on are
 * not: the screen must say which, and keep those to be taken again.
 */
import type { SurveyFilesCommitResult } from '@shared/contract/survey-io';

export interface Upload {
  fileName: string;
  data: string;
}

/** Requests stay well under the loopback host's body limit: files are sent in batches of about this much base64. */
const BATCH_CHARS = 24 * 1024 * 1024;

export function batches<T extends Upload>(files: readonly T[], limit = BATCH_CHARS): T[][] {
  const out: T[][] = [[]];
  let size = 0;
  for (const f of files) {
    if (size + f.data.length > limit && out.at(-1)!.length > 0) {
      out.push([]);
      size = 0;
    }
    out.at(-1)!.push(f);
    size += f.data.length;
  }
  return out;
}

export interface BatchedCommit {
  saved: SurveyFilesCommitResult['saved'];
  skipped: SurveyFilesCommitResult['skipped'];
  /** The last batch's answer (its tracker is the round's after every batch saved); none when the first failed. */
  last?: SurveyFilesCommitResult;
  /** The files of the batch that failed or was stopped and of every batch after it: none of them is saved. */
  notSent: Upload[];
}

/** Saves the files batch by batch; `send` answers undefined for a batch that failed or was stopped, and the rest wait. */
export async function commitInBatches(
  files: readonly Upload[],
  send: (batch: Upload[]) => Promise<SurveyFilesCommitResult | undefined>,
  limit = BATCH_CHARS,
): Promise<BatchedCommit> {
  const out: BatchedCommit = { saved: [], skipped: [], notSent: [] };
  const all = batches(files, limit);
  for (const [i, batch] of all.entries()) {
    const done = await send(batch);
    if (!done) {
      out.notSent = all.slice(i).flat();
      break;
    }
    out.saved.push(...done.saved);
    out.skipped.push(...done.skipped);
    out.last = done;
  }
  return out;
}
