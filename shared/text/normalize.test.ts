import { describe, expect, it } from 'vitest';
import { matchesSearch, searchKey, searchWords } from './normalize';

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
    // A query typed up to the が: either word may follow, so the list does not empty on the way to がん.
    expect(matchesSearch('霞が', ['千代田区霞ケ関'])).toBe(true);
    expect(matchesSearch('県立が', ['宮城県立がんセンター'])).toBe(true);
    expect(matchesSearch('国立ガ', ['国立がん研究センター中央病院'])).toBe(true);
    expect(searchWords('県立が 霞が関')).toEqual(['県立', '霞け関']);
    // Elsewhere が is a kana like any other: がん, a name read in kana (こが内科), ながの, katakana words.
    expect(searchKey('宮城県立がんセンター')).toBe('宮城県立がんせんたー');
    expect(matchesSearch('県立がん', ['宮城県立がんセンター'])).toBe(true);
    expect(searchKey('こが内科')).toBe('こが内科');
    expect(searchKey('ながの小児科')).toBe('ながの小児科');
    expect(searchKey('ひばりが丘')).toBe('ひばりが丘');
    expect(searchKey('ガーデン')).toBe('がーでん');
  });

  it('reads the old and variant forms of kanji in names as the forms an IME offers (髙橋 is 高橋, 宮﨑 is 宮崎)', () => {
    // Real rows of the national list of insured institutions.
    expect(matchesSearch('高橋', ['髙橋レディースクリニック', '熊本市北区清水新地６丁目２番６４号'])).toBe(true);
    expect(matchesSearch('高本', ['髙本脳神経外科医院', '上益城郡益城町惣領１３１６'])).toBe(true);
    expect(matchesSearch('宮崎整形', ['医療法人社団 宮﨑整形外科医院'])).toBe(true);
    expect(matchesSearch('渡辺医院', ['渡邊医院'])).toBe(true);
    expect(matchesSearch('渡辺', ['医療法人社団並木会渡邉医院'])).toBe(true);
    expect(matchesSearch('斎藤', ['医療法人社団齋藤医院'])).toBe(true);
    expect(matchesSearch('斉藤', ['齊藤内科'])).toBe(true);
    expect(matchesSearch('吉沢医院', ['医療法人社団 吉澤医院'])).toBe(true);
    expect(matchesSearch('浜田', ['濵田医院'])).toBe(true);
    expect(matchesSearch('一瀬', ['一瀨医院'])).toBe(true);
    expect(matchesSearch('行徳', ['行德整形外科クリニック'])).toBe(true);
    expect(matchesSearch('桜井', ['櫻井内科クリニック'])).toBe(true);
    expect(matchesSearch('西村', ['西邨内科医院'])).toBe(true);
    expect(matchesSearch('竜ケ崎', ['龍ケ崎済生会病院'])).toBe(true);
    // Both sides: the variant typed finds the common form, and a 﨑 written as the compatibility character too.
    expect(matchesSearch('髙橋', ['高橋整形外科'])).toBe(true);
    for (const written of ['宮崎', '宮﨑', '宮嵜', '宮\uFA11']) expect(searchKey(written), written).toBe('宮崎');
    // 埼 is another character (埼玉), not a form of 崎.
    expect(matchesSearch('宮崎', ['宮埼'])).toBe(false);
  });

  it('needs every word of the query', () => {
    expect(matchesSearch('訪問 新潟', ['〇〇訪問診療クリニック', '新潟市'])).toBe(true);
    expect(matchesSearch('訪問 長岡', ['〇〇訪問診療クリニック', '新潟市'])).toBe(false);
  });
});
