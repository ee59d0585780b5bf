import { describe, expect, it } from 'vitest';
import { fraction } from '../fraction';
import { sumYen, yen } from '../money';
import { centerSubsidy, ictSubsidy, operatingSubsidy, rateText } from './calc';

const TEN_TENTHS = fraction(10, 10);

/** Seed 000, 令和5年度 基準額 (別表1): 新潟市・長岡市・上越 6,973,000; the other 13 郡市医師会 4,453,000; 県医師会 5,778,000. */
const R5_BASE = { large: yen(6_973_000), other: yen(4_453_000), prefectural: yen(5_778_000) };

describe('第4条(1) 在宅医療推進センター運営事業', () => {
  it('gives each of the 17 centers its 基準額 when spending exceeds it, 84,586,000 円 in all (seed 000, R5)', () => {
    const classes = [...Array(3).fill(R5_BASE.large), ...Array(13).fill(R5_BASE.other), R5_BASE.prefectural];
    const amounts = classes.map((baseAmount) =>
      operatingSubsidy({ totalCost: yen(9_000_000), otherIncome: yen(0), eligibleExpense: yen(8_000_000), baseAmount, rate: TEN_TENTHS }).amount,
    );
    expect(sumYen(amounts)).toBe(84_586_000);
  });

  it('keeps every column of the 所要額調書, choosing the smaller amount at each step', () => {
    expect(
      operatingSubsidy({ totalCost: yen(4_800_000), otherIncome: yen(500_000), eligibleExpense: yen(4_420_500), baseAmount: R5_BASE.other, rate: TEN_TENTHS }),
    ).toEqual({
      totalCost: 4_800_000,
      otherIncome: 500_000,
      netCost: 4_300_000,
      eligibleExpense: 4_420_500,
      baseAmount: 4_453_000,
      selected: 4_420_500,
      basis: 4_300_000,
      rate: TEN_TENTHS,
      amount: 4_300_000,
    });
  });

  it('rounds down to whole 1,000 円 (1,000円未満切り捨て)', () => {
    const r = operatingSubsidy({ totalCost: yen(5_000_000), otherIncome: yen(0), eligibleExpense: yen(3_210_987), baseAmount: R5_BASE.other, rate: TEN_TENTHS });
    expect(r.basis).toBe(3_210_987);
    expect(r.amount).toBe(3_210_000);
    const half = operatingSubsidy({ totalCost: yen(5_000_000), otherIncome: yen(0), eligibleExpense: yen(3_210_987), baseAmount: R5_BASE.other, rate: fraction(1, 2) });
    expect(half.amount).toBe(1_605_000);
  });

  it('gives nothing when donations exceed the project cost, and refuses negative amounts', () => {
    const r = operatingSubsidy({ totalCost: yen(1_000_000), otherIncome: yen(1_200_000), eligibleExpense: yen(900_000), baseAmount: R5_BASE.other, rate: TEN_TENTHS });
    expect(r).toMatchObject({ netCost: 0, basis: 0, amount: 0 });
    expect(() => operatingSubsidy({ totalCost: yen(-1), otherIncome: yen(0), eligibleExpense: yen(0), baseAmount: R5_BASE.other, rate: TEN_TENTHS })).toThrow('負の金額');
  });
});

describe('第4条(2) ＩＣＴ連携システム整備事業', () => {
  const items = [
    { item: 'ＩＣＴシステム構築費', baseAmount: yen(2_500_000), eligibleExpense: yen(2_100_000), rate: TEN_TENTHS, firstYearOnly: true },
    { item: 'タブレット端末購入費', baseAmount: yen(500_000), eligibleExpense: yen(600_000), rate: fraction(1, 2) },
  ];

  it("selects per 種目, applies each 種目's rate, and caps at the area's 上限額", () => {
    const r = ictSubsidy({ totalCost: yen(2_700_000), otherIncome: yen(0), items, firstYear: true, cap: null });
    expect(r.items.map((i) => i.selected)).toEqual([2_100_000, 500_000]);
    expect(r).toMatchObject({ selectedTotal: 2_600_000, basis: 2_600_000, beforeCap: 2_350_000, amount: 2_350_000 });
    expect(ictSubsidy({ totalCost: yen(2_700_000), otherIncome: yen(0), items, firstYear: true, cap: yen(2_000_000) }).amount).toBe(2_000_000);
  });

  it('pays the システム構築費 in the first year only', () => {
    const later = ictSubsidy({ totalCost: yen(2_700_000), otherIncome: yen(0), items, firstYear: false, cap: null });
    expect(later.items[0]!.appliedRate).toEqual(fraction(0, 1));
    expect(later.amount).toBe(250_000);
  });

  it('shares a smaller 補助基本額 among 種目 in proportion before their rates', () => {
    // Σ選定額 2,600,000 but only 1,300,000 left after other income: each 種目 keeps half.
    const r = ictSubsidy({ totalCost: yen(2_000_000), otherIncome: yen(700_000), items, firstYear: true, cap: null });
    expect(r.basis).toBe(1_300_000);
    expect(r.beforeCap).toBe(1_050_000 + 125_000);
    expect(r.amount).toBe(1_175_000);
  });
});

describe("a center's total", () => {
  it('sums the programs after each is rounded (第4条 柱書)', () => {
    const result = centerSubsidy({
      operating: { totalCost: yen(5_000_000), otherIncome: yen(0), eligibleExpense: yen(3_210_987), baseAmount: R5_BASE.other, rate: TEN_TENTHS },
      ict: {
        totalCost: yen(1_000_999),
        otherIncome: yen(0),
        items: [{ item: 'タブレット端末購入費', baseAmount: yen(2_000_000), eligibleExpense: yen(1_000_999), rate: fraction(1, 2) }],
        firstYear: true,
        cap: null,
      },
    });
    // 3,210,987 → 3,210,000 and 500,499 → 500,000; rounding the sum instead would give 3,711,000.
    expect(result.total).toBe(3_710_000);
    expect(rateText(TEN_TENTHS)).toBe('10/10');
    expect(rateText(fraction(1, 2))).toBe('1/2');
  });
});
