import { describe, expect, it } from 'vitest';
import { fileNamePart } from './file-name';

describe('file names made from titles', () => {
  it('keeps 「17 / 17」 readable instead of merging it into 「1717」', () => {
    expect(fileNamePart('令和5年度（基準日 令和8年12月5日） 17 / 17 センター回答')).toBe(
      '令和5年度（基準日令和8年12月5日）17／17センター回答',
    );
  });

  it('turns every character Windows refuses into its full-width look-alike', () => {
    expect(fileNamePart('a\\b/c:d*e?f"g<h>i|j')).toBe('a＼b／c：d＊e？f”g＜h＞i｜j');
  });

  it('drops control characters and keeps one 「_」 between half-width words', () => {
    expect(fileNamePart(' Renkei \t manual\x07 v2 ')).toBe('Renkei_manual_v2');
    expect(fileNamePart('第1回　運営会議')).toBe('第1回運営会議');
  });
});
