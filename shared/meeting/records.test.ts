import { describe, expect, it } from 'vitest';
import { formatRate } from '../format';
import { satisfactionOf } from './records';

const shown = (evaluation: Parameters<typeof satisfactionOf>[0]) => {
  const rate = satisfactionOf(evaluation);
  return rate ? formatRate(rate.numerator, rate.denominator) : '―';
};

describe('a training’s 満足度', () => {
  it('is 満足 and やや満足 over the answers, to one decimal rounded half up from the integers', () => {
    // The demo's 多職種研修: 15 + 10 of 27.
    expect(satisfactionOf({ responses: 27, satisfied: 15, fairlySatisfied: 10 })).toEqual({ numerator: 25, denominator: 27 });
    expect(shown({ responses: 27, satisfied: 15, fairlySatisfied: 10 })).toBe('92.6%');
    expect(shown({ responses: 3, satisfied: 1, fairlySatisfied: 1 })).toBe('66.7%');
    // Exactly half at the second decimal (6.25%) goes up.
    expect(shown({ responses: 16, satisfied: 1, fairlySatisfied: 0 })).toBe('6.3%');
    expect(shown({ responses: 20, satisfied: 15, fairlySatisfied: 0 })).toBe('75.0%');
    expect(shown({ responses: 8, satisfied: 8, fairlySatisfied: 0 })).toBe('100.0%');
  });

  it('is not there without answers', () => {
    expect(satisfactionOf(null)).toBeNull();
    expect(satisfactionOf({ responses: 0, satisfied: 0, fairlySatisfied: 0 })).toBeNull();
    expect(shown(null)).toBe('―');
  });
});
