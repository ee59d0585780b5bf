import { describe, expect, it } from 'vitest';
import { institutionKindFromName, placeAfterName } from './model';

describe('the 種別 a name implies', () => {
  it('goes by how the name ends, so a hospital’s own clinic is a clinic', () => {
    expect(institutionKindFromName('南魚沼市民病院附属城内診療所')).toBe('clinic');
    expect(institutionKindFromName('小千谷総合病院 岩沢診療所')).toBe('clinic');
    expect(institutionKindFromName('〇〇病院附属クリニック')).toBe('clinic');
    expect(institutionKindFromName('医療法人 愛全病院')).toBe('hospital');
    expect(institutionKindFromName('鑓水医院')).toBe('clinic');
  });

  it('looks past a trailing （…）, and falls back on the words in the name', () => {
    expect(institutionKindFromName('☆☆病院（新潟市）')).toBe('hospital');
    expect(institutionKindFromName('〇〇診療所(佐渡市)')).toBe('clinic');
    expect(institutionKindFromName('独立行政法人国立病院機構 西新潟中央病院')).toBe('hospital');
    expect(institutionKindFromName('独立行政法人国立病院機構 新潟医療センター')).toBe('hospital');
    expect(institutionKindFromName('〇〇病院訪問看護ステーション')).toBe('nursing_station');
    expect(institutionKindFromName('さくら訪問看護ステーション')).toBe('nursing_station');
    expect(institutionKindFromName('ひゃくまち眼科')).toBe('clinic');
  });
});

describe('the municipality written after an institution name', () => {
  it('is written once, also for a name that already ends with it', () => {
    expect(placeAfterName('山田医院', '新潟市')).toBe('新潟市');
    expect(placeAfterName('××在宅クリニック（新発田市）', '新発田市')).toBeNull();
    expect(placeAfterName('新発田市在宅クリニック', '新発田市')).toBe('新発田市');
    expect(placeAfterName('山田医院', null)).toBeNull();
  });
});
