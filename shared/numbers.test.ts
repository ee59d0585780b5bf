import { describe, expect, it } from 'vitest';
import {
  formatHundredths,
  normalizeDigitsCode,
  parseAmountText,
  parseCountText,
  parseHundredthsText,
  parseIntegerText,
  readAmountText,
} from './numbers';

describe('indicator values in hundredths', () => {
  it('shows them back as typed, without float drift', () => {
    expect(formatHundredths(1250)).toBe('12.5');
    expect(formatHundredths(3758)).toBe('37.58');
    expect(formatHundredths(1700)).toBe('17');
    expect(formatHundredths(5)).toBe('0.05');
    expect(formatHundredths(-5)).toBe('-0.05');
    expect(formatHundredths(null)).toBe('');
    for (const text of ['0', '0.5', '12.5', '37.58', '960', '１２．５']) {
      expect(formatHundredths(parseHundredthsText(text))).toBe(text.normalize('NFKC'));
    }
  });
});

describe('amounts as officers type them', () => {
  it('reads the seed figures however they are typed', () => {
    for (const text of [
      '84586000',
      '84,586,000',
      '８４５８６０００',
      '８４，５８６，０００',
      '84,586,000円',
      '８４，５８６，０００円',
      ' 84 586 000 ',
      '￥84,586,000',
      '84、586、000',
    ]) {
      expect(parseAmountText(text)).toBe(84_586_000);
    }
  });

  it('multiplies 千円 by 1,000 exactly, typed or as the field unit', () => {
    expect(parseAmountText('85,419千円')).toBe(85_419_000);
    expect(parseAmountText('８５，４１９千円')).toBe(85_419_000);
    expect(parseAmountText('85,419', { unit: 'senYen' })).toBe(85_419_000);
    expect(parseAmountText('85,419.5千円')).toBe(85_419_500);
    expect(parseAmountText('0.001千円')).toBe(1);
    // 1.1 × 1000 in floating point is 1100.0000000000002; the digits are exact.
    expect(parseAmountText('1.1', { unit: 'senYen' })).toBe(1_100);
    // A typed 円 wins over the field's 千円.
    expect(parseAmountText('84,586,000円', { unit: 'senYen' })).toBe(84_586_000);
    expect(() => parseAmountText('1.2345千円')).toThrow('小数第3位');
    expect(() => parseAmountText('100.5円')).toThrow('1円未満');
  });

  it('takes amounts up to 1兆円 and refuses more, naming the field, so sums of thousands of lines stay exact', () => {
    expect(parseAmountText('1,000,000,000,000')).toBe(1_000_000_000_000);
    expect(parseAmountText('1,000,000,000千円')).toBe(1_000_000_000_000);
    expect(readAmountText('1,000,000,000,001', { label: 'その他' })).toEqual({ problem: 'その他は1兆円以下で入力してください' });
    expect(() => parseAmountText('5,000,000,000,000,000', { label: 'その他' })).toThrow('その他は1兆円以下で入力してください');
    expect(() => parseAmountText('△1,000,000,000,001', { negative: true })).toThrow('1兆円以下');
  });

  it('reads the 公会計 negatives where negatives are allowed, and says why where not', () => {
    for (const text of ['△1,000', '▲1,000', '−1,000', '－１，０００', '-1000', '△1,000円', 'ー1000']) {
      expect(parseAmountText(text, { negative: true })).toBe(-1_000);
    }
    expect(parseAmountText('△1', { negative: true, unit: 'senYen' })).toBe(-1_000);
    expect(() => parseAmountText('△1,000', { label: '基金充当額' })).toThrow('基金充当額はマイナスにはできません');
    expect(() => parseAmountText('▲1,000')).toThrow('マイナスにはできません');
    expect(() => parseCountText('△3')).toThrow('マイナスにはできません');
  });

  it('says what to type for text that is no amount, and gives null for empty text', () => {
    expect(parseAmountText('')).toBeNull();
    expect(parseAmountText('　')).toBeNull();
    expect(() => parseAmountText('約100万')).toThrow('金額として読めません');
    expect(() => parseAmountText('1e5')).toThrow('金額として読めません');
    expect(() => parseAmountText('99999999999999999')).toThrow('「99999999999999999」は1兆円以下で入力してください');
    expect(readAmountText('abc', { label: 'その他' })).toEqual({ problem: expect.stringContaining('その他は金額として読めません') });
    expect(readAmountText('1,000')).toEqual({ value: 1_000 });
  });

  it('reads counts, signed integers and codes through the same reader', () => {
    expect(parseCountText('１２，３４５')).toBe(12_345);
    expect(() => parseCountText('12円')).toThrow('0以上の整数ではありません');
    expect(parseCountText('１２０床', 5000, '床')).toBe(120);
    // People are counted in 名 or 人, whichever the officer writes.
    expect(parseCountText('15人', undefined, ['名', '人'])).toBe(15);
    expect(parseCountText('１，２００名', undefined, ['名', '人'])).toBe(1200);
    expect(() => parseCountText('15件', undefined, ['名', '人'])).toThrow('0以上の整数ではありません');
    expect(parseCountText('120 床', 5000, '床')).toBe(120);
    expect(() => parseCountText('120床')).toThrow('0以上の整数ではありません');
    expect(() => parseCountText('abc', 5000, '床')).toThrow('0以上の整数ではありません');
    expect(parseIntegerText('△12')).toBe(-12);
    expect(parseIntegerText('１２')).toBe(12);
    expect(parseHundredthsText('１２。５')).toBe(1250);
    expect(normalizeDigitsCode('１５１００９')).toBe('151009');
  });
});
