import { describe, expect, it } from 'vitest';
import { JOINED_TEXTS, searchKeysOfJoined } from '@shared/text/normalize';
import { ahead } from './ahead';
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
});
