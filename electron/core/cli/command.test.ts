/** The CLI's option readers, with what people type into them. */
import { describe, expect, it } from 'vitest';
import { rowNumbersOption } from './command';

describe('--exclude row numbers', () => {
  it('reads full-width digits, 、 between them, spaces and ranges', () => {
    expect(rowNumbersOption('3,４,6', 'exclude')).toEqual([3, 4, 6]);
    expect(rowNumbersOption('３、４、６', 'exclude')).toEqual([3, 4, 6]);
    expect(rowNumbersOption('2, 5-7 ,10～11', 'exclude')).toEqual([2, 5, 6, 7, 10, 11]);
    expect(rowNumbersOption(undefined, 'exclude')).toEqual([]);
  });

  it('refuses what is not a row number, naming it', () => {
    expect(() => rowNumbersOption('3,abc', 'exclude')).toThrow('--exclude の「abc」は行番号ではありません');
    expect(() => rowNumbersOption('3.5', 'exclude')).toThrow('--exclude の「3.5」は行番号ではありません');
    expect(() => rowNumbersOption('0', 'exclude')).toThrow('「0」は行番号ではありません');
    expect(() => rowNumbersOption('7-3', 'exclude')).toThrow('「7-3」は行番号ではありません');
  });
});
