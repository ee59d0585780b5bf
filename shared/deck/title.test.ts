import { describe, expect, it } from 'vitest';
import { deckInputSchema } from '../contract/deck';
import { deckTitleFor } from './title';

describe('a new deck’s name for its meeting', () => {
  it('names the meeting with its 年度, as the meeting pages name one of another year, and 資料', () => {
    expect(deckTitleFor({ title: '第1回 運営会議', fiscalYear: 2026 })).toBe('令和8年度 第1回 運営会議 資料');
    expect(deckTitleFor({ title: '第4回 運営会議', fiscalYear: 2023 })).toBe('令和5年度 第4回 運営会議 資料');
  });

  it('stays a name the deck can be saved with when the body’s name is long', () => {
    for (const length of [44, 50, 55, 60]) {
      const title = deckTitleFor({ title: `第12回 ${'会'.repeat(length)}`, fiscalYear: 2023 });
      expect(title.startsWith('第12回') || title.startsWith('令和5年度 第12回')).toBe(true);
      expect(deckInputSchema.safeParse({ title, slides: [], version: undefined }).success).toBe(true);
    }
  });
});
