import { describe, expect, it } from 'vitest';
import { type IsoDate, isoDate } from './dates';
import {
  ERAS,
  formatFiscalYearWareki,
  formatWareki,
  formatWarekiWithWeekday,
  parseDateText,
  parseFiscalYearWareki,
  parseWareki,
} from './wareki';

const d = (s: string) => s as IsoDate;

describe('和暦 formatting', () => {
  it('formats 2025-04-01 as 令和7年4月1日', () => {
    expect(formatWareki(d('2025-04-01'))).toBe('令和7年4月1日');
  });

  it('writes the first year of an era as 元年, on both sides of the 2019 change', () => {
    expect(formatWareki(d('2019-04-30'))).toBe('平成31年4月30日');
    expect(formatWareki(d('2019-05-01'))).toBe('令和元年5月1日');
    expect(formatWareki(d('1989-01-07'))).toBe('昭和64年1月7日');
    expect(formatWareki(d('1989-01-08'))).toBe('平成元年1月8日');
  });

  it("uses an era table that agrees with Intl's Japanese calendar on each era's first and previous day", () => {
    for (const era of ERAS.slice(0, 4)) {
      const first = isoDate(era.start.year, era.start.month, era.start.day);
      expect(formatWareki(first)).toBe(`${era.name}元年${era.start.month}月${era.start.day}日`);
      expect(parseWareki(formatWareki(first))).toBe(first);
    }
  });
});

describe('和暦 parsing', () => {
  it('reads the forms officers type', () => {
    expect(parseWareki('令和7年4月1日')).toBe('2025-04-01');
    expect(parseWareki('令和元年5月1日')).toBe('2019-05-01');
    expect(parseWareki('R7.4.1')).toBe('2025-04-01');
    expect(parseWareki('r7/12/31')).toBe('2025-12-31');
    expect(parseWareki('令和７年１０月１日')).toBe('2025-10-01');
    expect(parseWareki('H31.4.30')).toBe('2019-04-30');
  });

  it('reads a day after its era ended as what it means, as on forms printed before the change', () => {
    expect(parseWareki('平成31年5月1日')).toBe('2019-05-01');
    expect(formatWareki(parseWareki('平成31年5月1日'))).toBe('令和元年5月1日');
    expect(parseWareki('H32.1.10')).toBe('2020-01-10');
  });

  it('refuses days that do not exist or lie before the era began', () => {
    expect(() => parseWareki('令和元年4月30日')).toThrow('令和が始まる前');
    expect(() => parseWareki('令和7年2月29日')).toThrow('存在しない日付');
    expect(() => parseWareki('令和0年4月1日')).toThrow();
    expect(() => parseWareki('2025年4月1日')).toThrow('和暦の日付として読めません');
  });
});

describe('年度 names', () => {
  it('names fiscal years by the era in force at their end', () => {
    expect(formatFiscalYearWareki(2025)).toBe('令和7年度');
    expect(formatFiscalYearWareki(2019)).toBe('令和元年度');
    expect(formatFiscalYearWareki(2018)).toBe('平成30年度');
    expect(formatFiscalYearWareki(1988)).toBe('昭和63年度');
    expect(formatFiscalYearWareki(1989)).toBe('平成元年度');
  });

  it('parses 年度 and corrects the name of FY2019', () => {
    expect(parseFiscalYearWareki('令和7年度')).toBe(2025);
    expect(parseFiscalYearWareki('R5年度')).toBe(2023);
    expect(parseFiscalYearWareki('令和元年度')).toBe(2019);
    expect(parseFiscalYearWareki('R5')).toBe(2023);
    expect(parseFiscalYearWareki('ｒ５')).toBe(2023);
    expect(parseFiscalYearWareki('令和５年度')).toBe(2023);
    expect(parseFiscalYearWareki('2023')).toBe(2023);
    expect(parseFiscalYearWareki('２０２３年度')).toBe(2023);
    // Older files and budgets name FY2019 平成31年度.
    expect(parseFiscalYearWareki('平成31年度')).toBe(2019);
    expect(formatFiscalYearWareki(parseFiscalYearWareki('平成31年度'))).toBe('令和元年度');
    expect(() => parseFiscalYearWareki('来年度')).toThrow('年度として読めません');
  });
});

describe('dates as officers type them', () => {
  it('reads every form to the same day', () => {
    const reference = d('2023-06-01');
    for (const text of [
      '令和5年4月1日',
      'R5.4.1',
      'R5/4/1',
      'r5.4.1',
      '5.4.1',
      '2023-04-01',
      '2023/4/1',
      '2023.4.1',
      '2023年4月1日',
      '令和５年４月１日',
      'Ｒ５．４．１',
      '５．４．１',
      '２０２３－０４－０１',
      '２０２３／４／１',
      '令和5年4月1日（土）',
      ' R5 . 4 . 1 ',
    ]) {
      expect(parseDateText(text, { reference })).toBe('2023-04-01');
    }
  });

  it('reads a date with no era in the era of the reference date', () => {
    expect(parseDateText('31.4.1', { reference: d('2019-04-01') })).toBe('2019-04-01');
    expect(parseDateText('元.5.1', { reference: d('2019-06-01') })).toBe('2019-05-01');
    expect(parseDateText('7.4.1')).toBe('2025-04-01');
  });

  it('reads 平成31年5月1日 as 令和元年5月1日 and shows the day of the week', () => {
    expect(formatWarekiWithWeekday(parseDateText('平成31年5月1日'))).toBe('令和元年5月1日（水）');
    expect(formatWarekiWithWeekday(d('2023-04-01'))).toBe('令和5年4月1日（土）');
  });

  it('says what to type for text that is no date', () => {
    expect(() => parseDateText('4月1日')).toThrow('日付として読めません（例: 令和5年4月1日、R5.4.1、2023-04-01）');
    expect(() => parseDateText('R5.2.30')).toThrow('「R5.2.30」は存在しない日付です');
  });
});
