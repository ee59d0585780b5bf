import { describe, expect, it } from 'vitest';
import { nationalListRows } from '@tests/support/reference';
import { CellError, parseCount, parseDate, parseFiscalYearCell, parseFlag, parseHundredths, parseLocalGovCode, parseYen } from './fields';

describe('reading cells as users type them', () => {
  it('reads yes/no the many ways Excel sheets say it', () => {
    for (const yes of ['○', '〇', 'はい', '1', 'TRUE', 'ｙｅｓ']) expect(parseFlag(yes), yes).toBe(true);
    for (const no of ['', '×', 'いいえ', '0', 'false', '－']) expect(parseFlag(no), no).toBe(false);
    expect(() => parseFlag('たぶん')).toThrow(CellError);
  });

  it('reads counts with separators and full-width digits, and refuses decimals and negatives', () => {
    expect(parseCount('１，２３４')).toBe(1234);
    expect(parseCount('266,539')).toBe(266539);
    expect(parseCount('')).toBeNull();
    expect(() => parseCount('12.5')).toThrow('0以上の整数ではありません');
    expect(() => parseCount('-3')).toThrow();
    expect(parseHundredths('726.45')).toBe(72645);
    expect(parseHundredths('726.4')).toBe(72640);
    expect(() => parseHundredths('1.234')).toThrow('小数第2位まで');
  });

  it('reads dates in ISO, slashes, kanji, 和暦 and Excel serials', () => {
    expect(parseDate('2025-04-01')).toBe('2025-04-01');
    expect(parseDate('2025/4/1')).toBe('2025-04-01');
    expect(parseDate('2025年4月1日')).toBe('2025-04-01');
    expect(parseDate('令和7年4月1日')).toBe('2025-04-01');
    expect(parseDate('R7.4.1')).toBe('2025-04-01');
    expect(parseDate('45748')).toBe('2025-04-01');
    expect(parseDate('Ｒ５．４．１')).toBe('2023-04-01');
    // Forms printed before the era change: 平成31年5月1日 is 令和元年5月1日.
    expect(parseDate('平成31年5月1日')).toBe('2019-05-01');
    expect(() => parseDate('2025-02-29')).toThrow('日付として読めません');
  });

  it('reads five digits as the 総務省 code without its check digit, and a dropped leading 0 only where the 都道府県 decides', () => {
    expect(parseLocalGovCode('151009')).toBe('151009');
    expect(parseLocalGovCode('１５１００９')).toBe('151009');
    // 15100 cannot have lost a 0 (015100 fails its check digit): 新潟市 whatever the 都道府県.
    expect(parseLocalGovCode('15100')).toBe('151009');
    expect(parseLocalGovCode('11003')).toBe('110035');
    // 15202 is 長岡市 (152021) and also 015202, a 北海道 code: 新潟県 decides, and so does 北海道.
    expect(parseLocalGovCode('15202', '15')).toBe('152021');
    expect(parseLocalGovCode('15202', '01')).toBe('015202');
    expect(parseLocalGovCode('11002', '01')).toBe('011002');
    expect(parseLocalGovCode('11002', '11')).toBe('110027');
    expect(() => parseLocalGovCode('15202')).toThrow(
      '団体コード「15202」は「152021」（検査数字のない5桁）とも「015202」（先頭の0が落ちた6桁）とも読めます。6桁の団体コードで書いてください（ホーム画面で都道府県を設定すると',
    );
    expect(() => parseLocalGovCode('15202', '13')).toThrow(
      '「152021」（検査数字のない5桁）とも「015202」（先頭の0が落ちた6桁）とも読めます。6桁の団体コードで書いてください',
    );
    expect(() => parseLocalGovCode('1510')).toThrow('6桁の数字ではありません');
  });

  it('reads every code of 新潟県 written as the 総務省 five digits as the same municipality, with 新潟県 set', () => {
    const niigata = nationalListRows().filter((cells) => cells[1] === '新潟県');
    expect(niigata).toHaveLength(38);
    for (const cells of niigata) expect(parseLocalGovCode(cells[2]!, '15'), cells[3]).toBe(cells.at(-1));
  });

  it('reads yen the way the forms do, 千円 included', () => {
    expect(parseYen('８４，５８６，０００')).toBe(84_586_000);
    expect(parseYen('85,419千円')).toBe(85_419_000);
    expect(parseYen('')).toBe(0);
    expect(() => parseYen('△1,000')).toThrow('マイナスにはできません');
  });

  it('reads 年度 as 令和5年度, R5, 2023, and 平成31年度 as 令和元年度', () => {
    for (const text of ['令和5年度', 'R5', 'Ｒ５年度', '2023', '２０２３年度']) expect(parseFiscalYearCell(text), text).toBe(2023);
    expect(parseFiscalYearCell('平成31年度')).toBe(2019);
    expect(parseFiscalYearCell('')).toBeNull();
  });
});
