import { describe, expect, it } from 'vitest';
import { matchesSearch, searchKey } from './normalize';

describe('search that ignores width and kana', () => {
  it('finds 新潟市 by ﾆｲｶﾞﾀ, にいがた, ニイガタ and 新潟', () => {
    const fields = ['新潟市', 'にいがたし'];
    for (const query of ['ﾆｲｶﾞﾀ', 'にいがた', 'ニイガタ', '新潟', ' 新潟 市 ']) expect(matchesSearch(query, fields), query).toBe(true);
    expect(matchesSearch('ながおか', fields)).toBe(false);
  });

  it('folds full-width letters and digits and case', () => {
    expect(searchKey('ＡＢＣ１２３')).toBe('abc123');
    expect(searchKey('ｶﾞｯｺｳ')).toBe('がっこう');
  });

  it('needs every word of the query', () => {
    expect(matchesSearch('訪問 新潟', ['〇〇訪問診療クリニック', '新潟市'])).toBe(true);
    expect(matchesSearch('訪問 長岡', ['〇〇訪問診療クリニック', '新潟市'])).toBe(false);
  });
});
