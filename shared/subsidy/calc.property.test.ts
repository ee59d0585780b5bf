/** Properties the 第4条 formula must hold for any figures, checked with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRateFloor, fraction } from '../fraction';
import { type Yen, yen } from '../money';
import { operatingSubsidy } from './calc';

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
