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

  it('folds the dashes of an address into a hyphen, and ー only between digits', () => {
    for (const written of ['3-11', '３ー１１', '3ｰ11', '3‐11', '3−11', '３－１１', '3–11'])
      expect(searchKey(written), written).toBe('3-11');
    expect(searchKey('早通北１丁目３ー１１')).toBe('早通北1丁目3-11');
    expect(searchKey('ホームケアセンター')).toBe('ほーむけあせんたー');
    expect(searchKey('カーブ1ー')).toBe('かーぶ1ー');
    expect(matchesSearch('3-11', ['新潟市北区早通北１丁目３ー１１'])).toBe(true);
  });

  it('reads the small ヶ and ヵ of a place name as ケ, and leaves が and カ alone', () => {
    for (const written of ['駒ヶ根市', '駒ケ根市', '駒ｹ根市', '駒ゖ根市']) expect(searchKey(written), written).toBe(searchKey('駒ヶ根市'));
    expect(searchKey('一ヵ所')).toBe(searchKey('一ヶ所'));
    expect(matchesSearch('駒ケ根', ['長野県立こころの医療センター駒ヶ根'])).toBe(true);
    expect(searchKey('霞が関')).not.toBe(searchKey('霞ヶ関'));
    expect(searchKey('カード')).toBe('かーど');
  });

  it('needs every word of the query', () => {
    expect(matchesSearch('訪問 新潟', ['〇〇訪問診療クリニック', '新潟市'])).toBe(true);
    expect(matchesSearch('訪問 長岡', ['〇〇訪問診療クリニック', '新潟市'])).toBe(false);
  });
});
