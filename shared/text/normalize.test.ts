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

  it('reads the small ヶ and ヵ of a place name as ケ, and leaves カ alone', () => {
    for (const written of ['駒ヶ根市', '駒ケ根市', '駒ｹ根市', '駒ゖ根市']) expect(searchKey(written), written).toBe(searchKey('駒ヶ根市'));
    expect(searchKey('一ヵ所')).toBe(searchKey('一ヶ所'));
    expect(matchesSearch('駒ケ根', ['長野県立こころの医療センター駒ヶ根'])).toBe(true);
    expect(searchKey('カード')).toBe('かーど');
  });

  it('reads the が (or ガ) of a place name between kanji as ケ, as the national list writes 霞が関, 霞ケ関 and 霞ヶ関', () => {
    for (const written of ['霞が関', '霞ケ関', '霞ヶ関', '霞ガ関']) expect(searchKey(written), written).toBe(searchKey('霞ヶ関'));
    expect(matchesSearch('霞ヶ関', ['財務省診療所', '千代田区霞が関三丁目１番１号'])).toBe(true);
    expect(matchesSearch('霞が関', ['医療法人 霞ケ関眼科クリニック', '川越市霞ケ関東２－１１－１３'])).toBe(true);
    expect(matchesSearch('由比ヶ浜', ['じんの内科クリニック', '鎌倉市由比ガ浜３－１１－３９'])).toBe(true);
    expect(matchesSearch('自由ヶ丘', ['自由が丘整形外科'])).toBe(true);
    // A query typed up to the が, before its next kanji, is read the same way.
    expect(matchesSearch('霞が', ['千代田区霞ケ関'])).toBe(true);
    // Elsewhere が is a kana like any other: がん, a name read in kana (こが内科), ながの, katakana words.
    expect(searchKey('宮城県立がんセンター')).toBe('宮城県立がんせんたー');
    expect(matchesSearch('県立がん', ['宮城県立がんセンター'])).toBe(true);
    expect(searchKey('こが内科')).toBe('こが内科');
    expect(searchKey('ながの小児科')).toBe('ながの小児科');
    expect(searchKey('ひばりが丘')).toBe('ひばりが丘');
    expect(searchKey('ガーデン')).toBe('がーでん');
  });

  it('needs every word of the query', () => {
    expect(matchesSearch('訪問 新潟', ['〇〇訪問診療クリニック', '新潟市'])).toBe(true);
    expect(matchesSearch('訪問 長岡', ['〇〇訪問診療クリニック', '新潟市'])).toBe(false);
  });
});
