import { describe, expect, it } from 'vitest';
import { categoryCodeText, categoryHeading, DEFAULT_FUND_CATEGORIES, sortCategories } from './categories';

describe('the default 区分 list', () => {
  it('holds the seven 区分 in plan order with their official names', () => {
    expect(sortCategories(DEFAULT_FUND_CATEGORIES).map((c) => c.code)).toEqual(['Ⅰ-1', 'Ⅰ-2', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ']);
    expect(DEFAULT_FUND_CATEGORIES.find((c) => c.code === 'Ⅵ')?.label).toBe('勤務医の労働時間短縮に向けた体制の整備に関する事業');
    expect(new Set(DEFAULT_FUND_CATEGORIES.map((c) => c.code)).size).toBe(7);
  });

  it('follows an edited sort order, and the code where orders tie', () => {
    const edited = [
      { code: 'Ⅱ', label: 'b', sortOrder: 5 },
      { code: 'Ⅶ', label: 'new', sortOrder: 1 },
      { code: 'Ⅰ-1', label: 'a', sortOrder: 5 },
    ];
    expect(sortCategories(edited).map((c) => c.code)).toEqual(['Ⅶ', 'Ⅰ-1', 'Ⅱ']);
    expect(edited.map((c) => c.code)).toEqual(['Ⅱ', 'Ⅶ', 'Ⅰ-1']);
  });

  it('heads a group as the plan does', () => {
    expect(categoryHeading(DEFAULT_FUND_CATEGORIES[2]!)).toBe('区分Ⅱ 居宅等における医療の提供に関する事業');
  });
});

describe('the 区分 notation', () => {
  it('writes the national Roman numerals as the prefecture does: Ⅰ-1 or 1-1', () => {
    expect(sortCategories(DEFAULT_FUND_CATEGORIES).map((c) => categoryCodeText(c.code, 'arabic'))).toEqual([
      '1-1',
      '1-2',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(categoryCodeText('Ⅰ-2', 'roman')).toBe('Ⅰ-2');
    expect(categoryCodeText('独自', 'arabic')).toBe('独自');
    expect(categoryHeading(DEFAULT_FUND_CATEGORIES[2]!, 'arabic')).toBe('区分2 居宅等における医療の提供に関する事業');
  });
});
