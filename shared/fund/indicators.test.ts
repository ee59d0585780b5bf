import { describe, expect, it } from 'vitest';
import { indicatorAchieved } from './indicators';

describe('whether an indicator met its target', () => {
  it('counts up for outputs and for outcomes that grow, down for outcomes that are to shrink', () => {
    expect(indicatorAchieved({ kind: 'output', baseline: 1700, target: 1700, actual: 1700 })).toBe(true);
    expect(indicatorAchieved({ kind: 'outcome', baseline: 1200, target: 1600, actual: 1200 })).toBe(false);
    // 時間外労働が年960時間を超える医師数: 40 → 20 targeted; 26 reached is not enough, 20 is.
    expect(indicatorAchieved({ kind: 'outcome', baseline: 4000, target: 2000, actual: 2600 })).toBe(false);
    expect(indicatorAchieved({ kind: 'outcome', baseline: 4000, target: 2000, actual: 2000 })).toBe(true);
    expect(indicatorAchieved({ kind: 'output', baseline: null, target: 1000, actual: null })).toBe(false);
  });
});
