import { describe, expect, it } from 'vitest';
import { yen } from '../money';
import { figuresOf, projectAmounts, sumAmounts, totalCost, validateProjectAmounts } from './amounts';

/** Seed 004, 令和4年度: the center project, 85,419 千円 all from the fund, run by the 医師会 as a 受託事業. */
const center = projectAmounts({
  fundAmount: yen(85_419_000),
  otherAmount: yen(0),
  publicAmount: yen(0),
  privateAmount: yen(56_946_000),
  entrustedAmount: yen(56_946_000),
});

/** A fictional hospital project under Ⅰ-1: 120,000,000 from the fund and 60,000,000 of its own. */
const hospital = projectAmounts({
  fundAmount: yen(120_000_000),
  otherAmount: yen(60_000_000),
  publicAmount: yen(0),
  privateAmount: yen(80_000_000),
  entrustedAmount: yen(0),
});

describe('a project-year’s money', () => {
  it('splits the 基金充当額 by the 2/3 rule unless a split is given', () => {
    expect([center.national, center.prefectural]).toEqual([56_946_000, 28_473_000]);
    const overridden = projectAmounts({
      fundAmount: yen(1_000),
      otherAmount: yen(0),
      publicAmount: yen(667),
      privateAmount: yen(0),
      entrustedAmount: yen(0),
      split: { national: yen(667), prefectural: yen(333) },
    });
    expect([overridden.national, overridden.prefectural]).toEqual([667, 333]);
  });

  it('makes 総事業費 = 基金充当額 + その他', () => {
    expect(totalCost(center)).toBe(85_419_000);
    expect(totalCost(hospital)).toBe(180_000_000);
    expect(figuresOf(hospital)).toEqual({ totalCost: 180_000_000, ...hospital });
  });

  it('sums every field across projects in whole yen', () => {
    expect(sumAmounts([center, hospital])).toEqual({
      totalCost: 265_419_000,
      fundAmount: 205_419_000,
      national: 136_946_000,
      prefectural: 68_473_000,
      otherAmount: 60_000_000,
      publicAmount: 0,
      privateAmount: 136_946_000,
      entrustedAmount: 56_946_000,
    });
    expect(sumAmounts([]).totalCost).toBe(0);
  });

  it('finds nothing wrong with sound amounts', () => {
    expect(validateProjectAmounts(center)).toEqual([]);
    expect(validateProjectAmounts(hospital)).toEqual([]);
  });

  it('names every problem: negative その他, a 国/県 split off by 1,000円, 公/民 no longer matching 国', () => {
    const problems = validateProjectAmounts({ ...center, otherAmount: yen(-5_000), prefectural: yen(28_474_000) });
    expect(problems.map((p) => p.message)).toEqual([
      '国と県の合計が基金充当額と一致しません（差額 1,000円）。合計が 85,419,000円になるよう国または県の額を直してください。',
      '「その他」に負の金額は入力できません（-5,000円）。0円以上で入力してください。',
    ]);
    const shifted = validateProjectAmounts({ ...center, national: yen(56_947_000), prefectural: yen(28_472_000) });
    expect(shifted.map((p) => p.code)).toEqual(['public_private_mismatch']);
  });
});
