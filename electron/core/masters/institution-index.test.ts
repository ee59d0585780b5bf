/** The index's sort in slices orders rows exactly as one Array.prototype.sort would, across runs and merges. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortInSlices } from './institution-index';

describe('sortInSlices', () => {
  it('gives the order of a single sort, for lists shorter and longer than a slice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 3 }), { maxLength: 20_000 }), async (names) => {
        // Names then row number: a total order, as the index's (name, then id).
        const compare = (a: number, b: number) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : a - b);
        const rows = Array.from(names.keys());
        expect(await sortInSlices([...rows], compare)).toEqual([...rows].sort(compare));
      }),
      { numRuns: 25 },
    );
  });

  it('sorts the 100,000 rows of a national list in order', async () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => (i * 7_919) % 100_003);
    const sorted = await sortInSlices(Array.from(keys.keys()), (a, b) => keys[a]! - keys[b]!);
    expect(sorted.map((row) => keys[row])).toEqual([...keys].sort((a, b) => a - b));
  });
});
