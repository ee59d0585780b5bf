import { describe, expect, it } from 'vitest';
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

  it('restores the leading zero Excel drops from a code, only when the check digit then holds', () => {
    expect(parseLocalGovCode('11002')).toBe('011002');
    expect(parseLocalGovCode('151009')).toBe('151009');
    expect(parseLocalGovCode('１５１００９')).toBe('151009');
    expect(() => parseLocalGovCode('11003')).toThrow('6桁の数字ではありません');
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
