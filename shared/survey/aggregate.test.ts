import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateRound, compareRounds, formatRatio, largestRemainder } from './aggregate';
import type { Answers } from './answers';
import { surveyDefinitionSchema } from './definition';
import { CENTER_STAFFING, CLINIC_HOME_CARE } from './seeds';

const centers = surveyDefinitionSchema.parse(CENTER_STAFFING);
const clinics = surveyDefinitionSchema.parse(CLINIC_HOME_CARE);

describe('whole percentages by largest remainder', () => {
  it("reproduces seed 000's staff composition from n = 41: 14/5/6/1/15 → 34/12/15/2/37", () => {
    // Exact shares 34.15, 12.20, 14.63, 2.44, 36.59: floors add to 98; the two largest remainders (.63, .59) take the 2 left.
    expect(largestRemainder([14, 5, 6, 1, 15])).toEqual([34, 12, 15, 2, 37]);
  });

  it('gives a tied remainder to the earlier choice: 3/4/4/1/5 of 17 → 18/24/23/6/29', () => {
    // 副会長 and 理事 both hold 23.53 (remainder 9/17); the one listed first takes the last unit. (Seed 000 prints 23/24: its chart does not say how it rounded.)
    expect(largestRemainder([3, 4, 4, 1, 5])).toEqual([18, 24, 23, 6, 29]);
    expect(largestRemainder([1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainder([1, 1, 1, 1, 1, 1, 1])).toEqual([15, 15, 14, 14, 14, 14, 14]);
    expect(largestRemainder([2, 1, 1, 2])).toEqual([33, 17, 17, 33]);
    expect(largestRemainder([1, 1, 1, 1, 1, 1])).toEqual([17, 17, 17, 17, 16, 16]);
  });

  it('handles nothing counted, one choice taking all, and tenths of a percent', () => {
    expect(largestRemainder([0, 0, 0])).toEqual([0, 0, 0]);
    expect(largestRemainder([0, 7, 0])).toEqual([0, 100, 0]);
    expect(largestRemainder([])).toEqual([]);
    // 1/3 each in tenths: 333.3 → 334, 333, 333.
    expect(largestRemainder([1, 1, 1], 1000)).toEqual([334, 333, 333]);
    expect(() => largestRemainder([1, -1])).toThrow(RangeError);
  });

  it('always adds up to the total, each part within one unit of its exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 100_000 }), { minLength: 1, maxLength: 12 }), (counts) => {
        const n = counts.reduce((a, b) => a + b, 0);
        const parts = largestRemainder(counts);
        if (n === 0) return parts.every((p) => p === 0);
        return (
          parts.reduce((a, b) => a + b, 0) === 100 && parts.every((p, i) => p * n >= counts[i]! * 100 - n && p * n <= counts[i]! * 100 + n)
        );
      }),
    );
  });
});

describe('前回比', () => {
  it('shows 312 against 376 as 0.83 (seed 000), rounded half up to two decimals', () => {
    expect(formatRatio(312, 376)).toBe('0.83');
    expect(formatRatio(1, 200)).toBe('0.01');
    expect(formatRatio(1, 201)).toBe('0.00');
    expect(formatRatio(262, 332)).toBe('0.79');
    expect(formatRatio(5, 0)).toBe('—');
  });
});

const clinic = (visits: string, bands: number[], extra: Answers = {}): Answers => ({
  visits_now: visits,
  visits_in_5_years: visits,
  ...(visits === 'none'
    ? {}
    : Object.fromEntries(
        ['doctors_39', 'doctors_40s', 'doctors_50s', 'doctors_60s', 'doctors_70s', 'doctors_80'].map((c, i) => [c, bands[i] ?? 0]),
      )),
  ...extra,
});

describe('a round aggregated', () => {
  const responses = [
    { targetId: '1', answers: clinic('both', [0, 1, 1, 1, 0, 0], { first_call: ['doctor'], helps: ['more_doctors', 'nursing_station'] }) },
    { targetId: '2', answers: clinic('visit_only', [0, 0, 0, 2, 1, 0], { first_call: ['doctor', 'nurse'], helps: ['nursing_station'] }) },
    { targetId: '3', answers: clinic('none', []) },
    { targetId: '4', answers: clinic('call_only', [1, 0, 0, 0, 0, 1]) },
  ];

  it('counts choices with whole percents, multiple choices over those who answered, sums and means, and the 集計指標', () => {
    const { whole } = aggregateRound(clinics, responses);
    expect(whole.respondents).toBe(4);
    expect(whole.questions.visits_now).toEqual({ type: 'choice', n: 4, counts: [1, 1, 1, 1], percents: [25, 25, 25, 25] });
    // n = the 2 who chose something; 2 of 2 chose 医師 → 100.0%, 1 of 2 自院看護師 → 50.0%.
    expect(whole.questions.first_call).toEqual({ type: 'multi', n: 2, counts: [2, 1, 0, 0], percentTenths: [1000, 500, 0, 0] });
    expect(whole.questions.doctors_60s).toEqual({ type: 'integer', n: 3, sum: 3, min: 0, max: 2, meanHundredths: 100 });
    expect(whole.questions.doctors_40s).toMatchObject({ sum: 1, meanHundredths: 33 });
    expect(whole.indicators.clinics_doing).toEqual({ value: 3, n: 4, parts: null, percents: null });
    expect(whole.indicators.doctors).toMatchObject({ value: 8, n: 3, parts: [1, 1, 1, 3, 1, 1] });
    expect(whole.indicators.doctors!.percents!.reduce((a, b) => a + b, 0)).toBe(100);
    expect(whole.indicators.doctors_60_plus!.value).toBe(5);
  });

  it('groups by the map given, in the order given, with empty groups listed and the unassigned last', () => {
    const result = aggregateRound(clinics, responses, {
      groupOf: new Map([
        ['1', 'a'],
        ['2', 'b'],
        ['3', 'a'],
      ]),
      order: ['b', 'a', 'c'],
    });
    expect(result.groups.map((g) => [g.key, g.respondents, g.indicators.doctors!.value])).toEqual([
      ['b', 1, 3],
      ['a', 2, 3],
      ['c', 0, 0],
      ['', 1, 2],
    ]);
    expect(result.groups.find((g) => g.key === 'c')!.questions.visits_now).toEqual({
      type: 'choice',
      n: 0,
      counts: [0, 0, 0, 0],
      percents: [0, 0, 0, 0],
    });
  });

  it("counts a roster's rows by column: jobs over all staff, 常勤換算 summed in hundredths", () => {
    const staff = (rows: [string, number][]) => ({
      director_post: 'chairman',
      staff: rows.map(([job, fte]) => ({ job, employment: 'full_time', fte, role: 'coordinator' })),
    });
    const { whole } = aggregateRound(centers, [
      {
        targetId: '1',
        answers: staff([
          ['nurse', 100],
          ['clerk', 50],
        ]),
      },
      { targetId: '2', answers: staff([['nurse', 75]]) },
      { targetId: '3', answers: { director_post: 'director' } },
    ]);
    const table = whole.questions.staff!;
    expect(table.type === 'table' && [table.n, table.rows]).toEqual([2, 3]);
    expect(table.type === 'table' && table.columns.job).toMatchObject({
      n: 3,
      counts: [2, 0, 0, 0, 0, 1, 0, 0],
      percents: [67, 0, 0, 0, 0, 33, 0, 0],
    });
    expect(table.type === 'table' && table.columns.fte).toEqual({ type: 'decimal', n: 3, sum: 225, min: 50, max: 100, meanHundredths: 75 });
  });

  it('compares with the previous round: 集計指標 per group and choices matched by code', () => {
    const before = aggregateRound(clinics, [...responses, { targetId: '5', answers: clinic('both', [0, 0, 0, 1, 1, 1]) }], {
      groupOf: new Map([['5', 'a']]),
    });
    const now = aggregateRound(clinics, responses, { groupOf: new Map([['1', 'a']]) });
    const comparison = compareRounds({ definition: clinics, aggregate: now }, { definition: clinics, aggregate: before });
    const doctors = comparison.indicators.find((i) => i.code === 'doctors')!;
    expect(doctors.whole).toMatchObject({ current: 8, previous: 11, text: '0.73', ratio: { numerator: 8, denominator: 11 } });
    expect(doctors.groups.a).toMatchObject({ current: 3, previous: 3, text: '1.00' });
    const visits = comparison.questions.find((q) => q.code === 'visits_now')!;
    expect(visits.counts.map((c) => [c.label, c.ratio.current, c.ratio.previous, c.ratio.text])).toEqual([
      ['両方', 1, 2, '0.50'],
      ['訪問のみ', 1, 1, '1.00'],
      ['往診のみ', 1, 1, '1.00'],
      ['行っていない', 1, 1, '1.00'],
    ]);
  });
});
