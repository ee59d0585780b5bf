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
    const amounts = classes.map(
      (baseAmount) =>
        operatingSubsidy({ totalCost: yen(9_000_000), otherIncome: yen(0), eligibleExpense: yen(8_000_000), baseAmount, rate: TEN_TENTHS })
          .amount,
    );
    expect(sumYen(amounts)).toBe(84_586_000);
  });

  it('keeps every column of the 所要額調書, choosing the smaller amount at each step', () => {
    expect(
      operatingSubsidy({
        totalCost: yen(4_800_000),
        otherIncome: yen(500_000),
        eligibleExpense: yen(4_420_500),
        baseAmount: R5_BASE.other,
        rate: TEN_TENTHS,
      }),
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
    const r = operatingSubsidy({
      totalCost: yen(5_000_000),
      otherIncome: yen(0),
      eligibleExpense: yen(3_210_987),
      baseAmount: R5_BASE.other,
      rate: TEN_TENTHS,
    });
    expect(r.basis).toBe(3_210_987);
    expect(r.amount).toBe(3_210_000);
    const half = operatingSubsidy({
      totalCost: yen(5_000_000),
      otherIncome: yen(0),
      eligibleExpense: yen(3_210_987),
      baseAmount: R5_BASE.other,
      rate: fraction(1, 2),
    });
    expect(half.amount).toBe(1_605_000);
  });

  it('gives nothing when donations exceed the project cost, and refuses negative amounts', () => {
    const r = operatingSubsidy({
      totalCost: yen(1_000_000),
      otherIncome: yen(1_200_000),
      eligibleExpense: yen(900_000),
      baseAmount: R5_BASE.other,
      rate: TEN_TENTHS,
    });
    expect(r).toMatchObject({ netCost: 0, basis: 0, amount: 0 });
    expect(() =>
      operatingSubsidy({ totalCost: yen(-1), otherIncome: yen(0), eligibleExpense: yen(0), baseAmount: R5_BASE.other, rate: TEN_TENTHS }),
    ).toThrow('負の金額');
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
    expect(ictSubsidy({ totalCost: yen(2_700_000), otherIncome: yen(0), items, firstYear: true, cap: yen(2_000_000) }).amount).toBe(
      2_000_000,
    );
  });

  it('pays the システム構築費 in the first year only', () => {
    const later = ictSubsidy({ totalCost: yen(2_700_000), otherIncome: yen(0), items, firstYear: false, cap: null });
    expect(later.items[0]!.appliedRate).toEqual(fraction(0, 1));
    expect(later.amount).toBe(250_000);
  });

  it("allots a smaller 補助基本額 to the higher rate first, keeping each 種目's part", () => {
    // Σ選定額 2,600,000 but only 1,300,000 left after other income: all of it to the 10/10 システム構築費.
    const r = ictSubsidy({ totalCost: yen(2_000_000), otherIncome: yen(700_000), items, firstYear: true, cap: null });
    expect(r.basis).toBe(1_300_000);
    expect(r.items.map((i) => i.allotted)).toEqual([1_300_000, 0]);
    expect(r).toMatchObject({ beforeCap: 1_300_000, amount: 1_300_000 });
    // 2,300,000 left: the システム構築費 takes its 2,100,000, the タブレット the other 200,000 × 1/2.
    const more = ictSubsidy({ totalCost: yen(2_300_000), otherIncome: yen(0), items, firstYear: true, cap: null });
    expect(more.items.map((i) => i.allotted)).toEqual([2_100_000, 200_000]);
    expect(more.amount).toBe(2_200_000);
  });

  it('never pays less for spending more on a lower-rate 種目 (review finding 1)', () => {
    const system = { item: 'system', baseAmount: yen(3_000_000), eligibleExpense: yen(1_000_000), rate: TEN_TENTHS, firstYearOnly: true };
    const tablet = { item: 'tablet', baseAmount: yen(1_000_000), eligibleExpense: yen(1_000_000), rate: fraction(1, 2) };
    const cost = { totalCost: yen(1_000_000), otherIncome: yen(0), cap: null };
    expect(ictSubsidy({ ...cost, items: [system], firstYear: true }).amount).toBe(1_000_000);
    // A proportional split gave 750,000 here.
    expect(ictSubsidy({ ...cost, items: [system, tablet], firstYear: true }).amount).toBe(1_000_000);
    // After year one the システム構築費 is 対象外 and takes nothing from the タブレット: 1,000,000 × 1/2 (not 125,000).
    const later = ictSubsidy({ ...cost, items: [{ ...system, eligibleExpense: yen(3_000_000) }, tablet], firstYear: false });
    expect(later.items[0]).toMatchObject({ excluded: true, selected: 0, allotted: 0 });
    expect(later).toMatchObject({ selectedTotal: 1_000_000, basis: 1_000_000, amount: 500_000 });
  });

  it('gives equal rates their basis in the order the 種目 are listed, and floors the exact sum once', () => {
    const a = { item: 'a', baseAmount: yen(600_000), eligibleExpense: yen(600_000), rate: fraction(1, 2) };
    const b = { item: 'b', baseAmount: yen(600_000), eligibleExpense: yen(600_000), rate: fraction(1, 2) };
    const cost = { totalCost: yen(900_000), otherIncome: yen(0), firstYear: false, cap: null };
    expect(ictSubsidy({ ...cost, items: [a, b] }).items.map((i) => i.allotted)).toEqual([600_000, 300_000]);
    expect(ictSubsidy({ ...cost, items: [b, a] }).items.map((i) => [i.item, i.allotted])).toEqual([
      ['b', 600_000],
      ['a', 300_000],
    ]);
    // 1,001 × 1/2 + 1,001 × 1/2 = 1,001 exactly: one floor of the sum, not 500 + 500.
    const odd = (item: string) => ({ item, baseAmount: yen(1_001), eligibleExpense: yen(1_001), rate: fraction(1, 2) });
    expect(
      ictSubsidy({ totalCost: yen(2_002), otherIncome: yen(0), firstYear: false, cap: null, items: [odd('x'), odd('y')] }),
    ).toMatchObject({ beforeCap: 1_001, amount: 1_000 });
  });
});

describe("a center's total", () => {
  it('sums the programs after each is rounded (第4条 柱書)', () => {
    const result = centerSubsidy({
      operating: {
        totalCost: yen(5_000_000),
        otherIncome: yen(0),
        eligibleExpense: yen(3_210_987),
        baseAmount: R5_BASE.other,
        rate: TEN_TENTHS,
      },
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
