import { describe, expect, it } from 'vitest';
import { oneQuestion, type Question } from './question';

describe('one question at a time', () => {
  it('answers a question still waiting as cancelled when asked again, and shows only the newer one', async () => {
    const shown: (Question<string> | undefined)[] = [];
    const ask = oneQuestion<string>((q) => shown.push(q));
    const move = ask('move');
    const load = ask('import');
    // The move is not made: the officer was asked about the import after it.
    await expect(move).resolves.toBe(false);
    expect(shown.at(-1)?.what).toBe('import');
    shown.at(-1)!.answer(true);
    await expect(load).resolves.toBe(true);
    expect(shown.at(-1)).toBeUndefined();
  });

  it('takes only the first answer of a question', async () => {
    let current: Question<string> | undefined;
    const ask = oneQuestion<string>((q) => {
      current = q;
    });
    const move = ask('move');
    const answer = current!.answer;
    answer(false);
    answer(true);
    await expect(move).resolves.toBe(false);
  });
});
