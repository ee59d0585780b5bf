import { describe, expect, it } from 'vitest';
import type { SurveyFilesCommitResult } from '@shared/contract/survey-io';
import { batches, commitInBatches, type Upload } from './batches';

const file = (n: number): Upload => ({ fileName: `form-${n}.xlsx`, data: 'x'.repeat(10) });
const answer = (batch: Upload[]) =>
  ({
    saved: batch.map((f) => ({ fileName: f.fileName })),
    skipped: [],
    tracker: { label: '回収 3 / 5' },
  }) as unknown as SurveyFilesCommitResult;

describe('returned forms saved in batches', () => {
  it('splits by size and never leaves a batch empty', () => {
    expect(batches([file(1), file(2), file(3)], 25).map((b) => b.map((f) => f.fileName))).toEqual([
      ['form-1.xlsx', 'form-2.xlsx'],
      ['form-3.xlsx'],
    ]);
    expect(batches([file(1)], 5)).toHaveLength(1);
  });

  it('tells the files of a stopped batch and after it as not sent, the ones before as saved', async () => {
    const files = [1, 2, 3, 4, 5].map(file);
    let calls = 0;
    const outcome = await commitInBatches(files, async (batch) => (++calls === 2 ? undefined : answer(batch)), 25);
    expect(calls).toBe(2);
    expect(outcome.saved.map((s) => s.fileName)).toEqual(['form-1.xlsx', 'form-2.xlsx']);
    expect(outcome.notSent.map((f) => f.fileName)).toEqual(['form-3.xlsx', 'form-4.xlsx', 'form-5.xlsx']);
    expect(outcome.last?.tracker.label).toBe('回収 3 / 5');
  });

  it('sends nothing after a first batch that failed, and has no answer to show', async () => {
    const outcome = await commitInBatches([file(1), file(2)], async () => undefined, 15);
    expect(outcome.last).toBeUndefined();
    expect(outcome.notSent).toHaveLength(2);
  });
});
