import { describe, expect, it } from 'vitest';
import { JOINED_TEXTS, searchKeysOfJoined } from '@shared/text/normalize';
import { ahead, warmAhead } from './ahead';
import { Job } from './job';

/** 60 chunks of 200 texts each, in the forms searchKey() folds (full-width, katakana, 髙, ヶ). */
const chunks = Array.from({ length: 60 }, (_, k) =>
  Array.from({ length: 200 }, (_, i) => `髙ヶ原クリニック　第${k}−${i}　ＡＢＣ`).join(JOINED_TEXTS),
);
const folded = chunks.map(searchKeysOfJoined);

/** Takes every chunk in order, letting the worker run between them as the inserts do; waits first for it to be up. */
async function takeAll(task: string): Promise<{ results: string[]; worked: number }> {
  const keys = ahead(task, chunks.length, (k) => chunks[k]!, searchKeysOfJoined, new Job(null));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const results: string[] = [];
  for (let k = 0; k < chunks.length; k += 1) {
    results.push(keys.take(k));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { results, worked: keys.worked() };
}

describe('work done ahead on a worker thread', () => {
  it('gives each chunk in order what the function gives, most of them folded by the worker', async () => {
    const { results, worked } = await takeAll('searchKeys');
    expect(results).toEqual(folded);
    expect(results[3]!.split(JOINED_TEXTS)[7]).toBe('高け原くりにっく第3-7abc');
    expect(worked).toBeGreaterThan(chunks.length / 2);
  });

  it('folds every chunk here when the worker cannot do the work', async () => {
    const { results, worked } = await takeAll('no such task');
    expect(results).toEqual(folded);
    expect(worked).toBe(0);
  });

  it('takes the worker started early, so it folds every chunk but the first', async () => {
    warmAhead('searchKeys');
    // Up meanwhile, as during a preview's checks.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const some = chunks.slice(0, 20);
    const keys = ahead('searchKeys', some.length, (k) => some[k]!, searchKeysOfJoined, new Job(null));
    const results: string[] = [];
    for (let k = 0; k < some.length; k += 1) {
      results.push(keys.take(k));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(results).toEqual(folded.slice(0, 20));
    // Chunk 0 is always the caller's (nothing could be back before it is taken); chunk 1 went with it, to a worker
    // already up — a worker started by ahead() is not up then, and chunk 1 would be the caller's too.
    expect(keys.worked()).toBe(some.length - 1);
  });
});
