import { describe, expect, it } from 'vitest';
import { fraction } from '../fraction';
import { yen } from '../money';
import { checkFundSplit, checkPublicPrivateSplit, isRuleSplit, publicPrivateOf, splitFund } from './split';

describe('国 2/3 : 都道府県 1/3 on whole yen (国 rounded down, the prefecture the remainder)', () => {
  it.each([
    [1, 0, 1],
    [2, 1, 1],
    [3, 2, 1],
    [1_000, 666, 334],
    // Seed 004, 令和4年度 center project 85,419 千円: divisible by 3, no odd yen.
    [85_419_000, 56_946_000, 28_473_000],
    // Seed 000, 令和5年度 基準額計: 169,172,000 / 3 = 56,390,666.67 → 国 56,390,666, 県 28,195,334.
    [84_586_000, 56_390_666, 28_195_334],
    [0, 0, 0],
  ])('splits %i 円 into 国 %i and 県 %i', (amount, national, prefectural) => {
    const split = splitFund(yen(amount));
    expect(split).toEqual({ national, prefectural });
    expect(split.national + split.prefectural).toBe(amount);
  });

  it('takes another national share when given one (e.g. 10/10)', () => {
    expect(splitFund(yen(1_000), fraction(1, 1))).toEqual({ national: 1_000, prefectural: 0 });
  });

  it('refuses a negative 基金充当額', () => {
    expect(() => splitFund(yen(-1))).toThrow('基金充当額に負の金額は使えません');
  });

  it('tells the rule split from a hand-set one', () => {
    expect(isRuleSplit(yen(1_000), { national: yen(666), prefectural: yen(334) })).toBe(true);
    expect(isRuleSplit(yen(1_000), { national: yen(667), prefectural: yen(333) })).toBe(false);
  });
});

describe('checking a 国/県 override', () => {
  it('accepts an override that adds up, even if it is not the rule', () => {
    expect(checkFundSplit(yen(1_000), { national: yen(667), prefectural: yen(333) })).toEqual([]);
  });

  it('says by how much 国 and 県 miss the 基金充当額', () => {
    const problems = checkFundSplit(yen(85_419_000), { national: yen(56_946_000), prefectural: yen(28_472_000) });
    expect(problems).toEqual([
      {
        code: 'split_mismatch',
        fields: ['national', 'prefectural'],
        message: '国と県の合計が基金充当額と一致しません（差額 1,000円）。合計が 85,419,000円になるよう国または県の額を直してください。',
      },
    ]);
  });

  it('names each negative figure', () => {
    const problems = checkFundSplit(yen(1_000), { national: yen(1_500), prefectural: yen(-500) });
    expect(problems.map((p) => p.code)).toEqual(['negative_amount']);
    expect(problems[0]?.fields).toEqual(['prefectural']);
    expect(problems[0]?.message).toBe('「都道府県」に負の金額は入力できません（-500円）。0円以上で入力してください。');
  });
});

describe('checking 公/民 (of the 国費 part) and うち受託事業等', () => {
  const national = yen(56_946_000);

  it('accepts the center project: all 民, all of it entrusted (新潟県医師会受託事業)', () => {
    expect(checkPublicPrivateSplit(national, { publicAmount: yen(0), privateAmount: national, entrustedAmount: national })).toEqual([]);
  });

  it('refuses 公 + 民 that does not equal 国, with the difference', () => {
    const problems = checkPublicPrivateSplit(national, {
      publicAmount: yen(10_000_000),
      privateAmount: yen(46_940_000),
      entrustedAmount: yen(0),
    });
    expect(problems.map((p) => p.message)).toEqual([
      '公と民の合計が基金充当額（国費）と一致しません（差額 6,000円）。合計が国の額 56,946,000円になるよう公または民の額を直してください。',
    ]);
  });

  it('refuses うち受託事業等 beyond 民', () => {
    const problems = checkPublicPrivateSplit(yen(3_000), {
      publicAmount: yen(1_000),
      privateAmount: yen(2_000),
      entrustedAmount: yen(2_001),
    });
    expect(problems).toEqual([
      {
        code: 'entrusted_exceeds_private',
        fields: ['entrustedAmount'],
        message: 'うち受託事業等（2,001円）が民（2,000円）を超えています。受託事業等は民の内数で入力してください。',
      },
    ]);
  });

  it('flags a negative 公', () => {
    const problems = checkPublicPrivateSplit(yen(0), { publicAmount: yen(-1), privateAmount: yen(1), entrustedAmount: yen(0) });
    expect(problems.map((p) => [p.code, p.fields])).toEqual([['negative_amount', ['publicAmount']]]);
  });
});

describe('公 or 民 by the 事業主体 (README 基金), for the import and the year view alike', () => {
  const none = { publicAmount: yen(0), privateAmount: yen(0) };
  const { national } = splitFund(yen(5_000_000));

  it('puts a 県- or 市町村-run project’s 国 share to 公, a 医師会’s or a 民間 one’s to 民', () => {
    expect(national).toBe(3_333_333);
    expect(publicPrivateOf(national, none, 'prefecture')).toEqual({ publicAmount: 3_333_333, privateAmount: 0 });
    expect(publicPrivateOf(national, none, 'municipality')).toEqual({ publicAmount: 3_333_333, privateAmount: 0 });
    expect(publicPrivateOf(national, none, 'association')).toEqual({ publicAmount: 0, privateAmount: 3_333_333 });
    expect(publicPrivateOf(national, none, 'private')).toEqual({ publicAmount: 0, privateAmount: 3_333_333 });
  });

  it('keeps a project wholly on one side there whoever runs it, and a split of both as written', () => {
    expect(publicPrivateOf(national, { publicAmount: yen(0), privateAmount: yen(2_000_000) }, 'prefecture')).toEqual({
      publicAmount: 0,
      privateAmount: 3_333_333,
    });
    expect(publicPrivateOf(national, { publicAmount: yen(1), privateAmount: yen(0) }, 'private')).toEqual({
      publicAmount: 3_333_333,
      privateAmount: 0,
    });
    expect(publicPrivateOf(national, { publicAmount: yen(1_000_000), privateAmount: yen(2_333_333) }, 'prefecture')).toEqual({
      publicAmount: 1_000_000,
      privateAmount: 2_333_333,
    });
  });
});
