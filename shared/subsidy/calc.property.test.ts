/** Properties the 第4条 formulas must hold for any figures, checked with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRateFloor, compareFractions, type Fraction, fraction } from '../fraction';
import { type Yen, yen } from '../money';
import { type IctInput, ictSubsidy, operatingSubsidy } from './calc';

const amount = fc.integer({ min: 0, max: 2_000_000_000 }).map(yen);
const rate = fc
  .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 }))
  .map(([denominator, n]) => fraction(Math.min(n, denominator), denominator));
const input = fc.record({ totalCost: amount, otherIncome: amount, eligibleExpense: amount, baseAmount: amount, rate });

describe('第4条(1) for any figures', () => {
  it('never exceeds 基準額 × 補助率 nor (総事業費 − 寄付金) × 補助率, and lands on a multiple of 1,000', () => {
    fc.assert(
      fc.property(input, (i) => {
        const { amount: paid } = operatingSubsidy(i);
        expect(paid % 1000).toBe(0);
        expect(paid).toBeGreaterThanOrEqual(0);
        expect(paid).toBeLessThanOrEqual(applyRateFloor(i.baseAmount, i.rate));
        expect(paid).toBeLessThanOrEqual(applyRateFloor(yen(Math.max(0, i.totalCost - i.otherIncome)), i.rate));
      }),
    );
  });

  it('never pays less when more is spent', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 1_000_000_000 }), (i, more) => {
        const higher = yen(i.eligibleExpense + more) as Yen;
        expect(operatingSubsidy({ ...i, eligibleExpense: higher }).amount).toBeGreaterThanOrEqual(operatingSubsidy(i).amount);
      }),
    );
  });
});

/** Up to 6 種目 with distinct codes; a few first-year-only, some of rate 0. */
const ictInput: fc.Arbitrary<IctInput> = fc
  .record({
    totalCost: amount,
    otherIncome: amount,
    firstYear: fc.boolean(),
    cap: fc.option(amount, { nil: null }),
    items: fc.array(fc.record({ baseAmount: amount, eligibleExpense: amount, rate, firstYearOnly: fc.boolean() }), {
      minLength: 1,
      maxLength: 6,
    }),
  })
  .map(({ items, ...rest }) => ({ ...rest, items: items.map((item, i) => ({ ...item, item: `item${i}` })) }));

/** amount ≤ Σ yenᵢ × rateᵢ, exactly (over the product of the denominators). */
function atMost(paid: Yen, terms: readonly (readonly [Yen, Fraction])[]): boolean {
  const denominator = terms.reduce((d, [, r]) => d * BigInt(r.denominator), 1n);
  const bound = terms.reduce((sum, [y, r]) => sum + (BigInt(y) * BigInt(r.numerator) * denominator) / BigInt(r.denominator), 0n);
  return BigInt(paid) * denominator <= bound;
}

describe('第4条(2) ＩＣＴ for any figures', () => {
  it('never exceeds Σ 基準額 × 補助率, nor 差引額 × the highest rate, nor the 上限額, and lands on a multiple of 1,000', () => {
    fc.assert(
      fc.property(ictInput, (i) => {
        const r = ictSubsidy(i);
        expect(r.amount % 1000).toBe(0);
        expect(r.amount).toBeGreaterThanOrEqual(0);
        expect(
          atMost(
            r.amount,
            r.items.map((item) => [item.baseAmount, item.appliedRate] as const),
          ),
        ).toBe(true);
        const highest = r.items.reduce(
          (max, item) => (compareFractions(item.appliedRate, max) > 0 ? item.appliedRate : max),
          fraction(0, 1),
        );
        expect(atMost(r.amount, [[r.netCost, highest]])).toBe(true);
        if (i.cap !== null) expect(r.amount).toBeLessThanOrEqual(i.cap);
        // Every column adds up: the parts never exceed a 種目's 選定額 and together make the 補助基本額.
        for (const item of r.items) expect(item.allotted).toBeLessThanOrEqual(item.selected);
        expect(r.items.reduce((n, item) => n + item.allotted, 0)).toBe(r.basis);
      }),
    );
  });

  it('never pays less when more is spent on any one 種目, whatever its rate', () => {
    fc.assert(
      fc.property(ictInput, fc.nat(), fc.integer({ min: 0, max: 1_000_000_000 }), (i, pick, more) => {
        const k = pick % i.items.length;
        const items = i.items.map((item, j) => (j === k ? { ...item, eligibleExpense: yen(item.eligibleExpense + more) } : item));
        expect(ictSubsidy({ ...i, items }).amount).toBeGreaterThanOrEqual(ictSubsidy(i).amount);
      }),
    );
  });

  it('never pays less when the 総事業費 is higher', () => {
    fc.assert(
      fc.property(ictInput, fc.integer({ min: 0, max: 1_000_000_000 }), (i, more) => {
        expect(ictSubsidy({ ...i, totalCost: yen(i.totalCost + more) }).amount).toBeGreaterThanOrEqual(ictSubsidy(i).amount);
      }),
    );
  });
});
