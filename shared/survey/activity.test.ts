import { describe, expect, it } from 'vitest';
import { fiscalYear } from '../fiscal-year';
import {
  ACTIVITY_DEFINITIONS,
  ACTIVITY_MONTHLY,
  activityMonths,
  previousYearLabel,
  sameMonths,
  summarizeActivity,
  yearOnYear,
} from './activity';
import { checkAnswers } from './answers';
import { surveyDefinitionSchema, validateDefinition } from './definition';

const monthly = surveyDefinitionSchema.parse(ACTIVITY_MONTHLY);

describe('センター活動実績 definitions', () => {
  it('hold together, and a 検算 over a question that is not an integer is refused at the check', () => {
    for (const { definition } of ACTIVITY_DEFINITIONS) expect(validateDefinition(surveyDefinitionSchema.parse(definition))).toEqual([]);
    const bad = { ...monthly, checks: [{ ...monthly.checks[0]!, right: ['note'] }] };
    expect(validateDefinition(bad)).toEqual([
      { path: ['checks', 0, 'right'], message: '検算「相談件数の検算」の「note」は整数の設問ではありません。整数の設問を選んでください。' },
    ]);
  });

  it('reports a difference of totals once, and not while a count itself is wrong', () => {
    const answers = { from_family: 5, theme_discharge: 3, meetings_held: 0, trainings_held: 0 };
    const zeros = Object.fromEntries(monthly.questions.filter((q) => q.type === 'integer').map((q) => [q.code, 0]));
    expect(checkAnswers(monthly, { ...zeros, ...answers }).errors.map((e) => [e.question, e.message.slice(0, 60)])).toEqual([
      [
        'theme_discharge',
        '相談件数の検算: 相談者別の合計（5件）と相談内容別の合計（3件）が一致しません（差 2件）。相談者別（相談件数（相談者',
      ],
    ]);
    expect(checkAnswers(monthly, { ...zeros, ...answers, from_hospital: -1 }).errors.map((e) => e.question)).toEqual(['from_hospital']);
    expect(checkAnswers(monthly, { ...zeros, from_family: 4, theme_other: 4 }).errors).toEqual([]);
  });
});

describe('a year of activity', () => {
  it('runs April to March, sums months per key, and keeps 前年度比 exact', () => {
    expect(activityMonths(fiscalYear(2023)).map((m) => m.slice(0, 7))).toEqual([
      '2023-04',
      '2023-05',
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
    const years = summarizeActivity(
      [
        { targetId: '1', month: 0, answers: { from_family: 2, from_other: 1, theme_discharge: 3, meetings_held: 1, home_deaths: 2 } },
        { targetId: '1', month: 11, answers: { from_clinic: 4, theme_emergency: 4, trainings_held: 1 } },
        { targetId: '2', month: 0, answers: { from_hospital: 6, theme_introduction: 6 } },
      ],
      (id) => (id === '1' ? 'a' : 'b'),
    );
    const a = years.get('a')!;
    expect(a.total).toEqual({
      bySource: [2, 0, 4, 0, 0, 0, 1],
      byTheme: [3, 0, 0, 4, 0],
      consultations: 7,
      meetings: 1,
      trainings: 1,
      homeDeaths: 2,
      homeDeathReports: 1,
      reports: 2,
    });
    expect(a.months.map((m) => m.consultations)).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
    expect(years.get('b')!.total.consultations).toBe(6);
    // 7,451 against 7,172: +279, 7451/7172 (103.89…%), kept whole.
    expect(yearOnYear(7451, 7172)).toEqual({
      current: 7451,
      previous: 7172,
      difference: 279,
      ratio: { numerator: 7451, denominator: 7172 },
    });
    expect(yearOnYear(35, 20).ratio).toEqual({ numerator: 7, denominator: 4 });
    expect(yearOnYear(8, 0).ratio).toBeNull();
  });
});

describe('前年度比 over the same months', () => {
  it('keeps a center’s month of last year only when the center reported that month this year', () => {
    const entry = (targetId: string, month: number) => ({ targetId, month, answers: { from_family: month + 1, theme_other: month + 1 } });
    // Center 1 has not sent 3月 yet; center 2 sent only 4月; center 3 sent nothing this year.
    const now = [entry('1', 0), entry('1', 10), entry('2', 0)];
    const before = [entry('1', 0), entry('1', 10), entry('1', 11), entry('2', 0), entry('2', 1), entry('3', 0)];
    expect(sameMonths(before, now).map((e) => [e.targetId, e.month])).toEqual([
      ['1', 0],
      ['1', 10],
      ['2', 0],
    ]);
    const whole = summarizeActivity(sameMonths(before, now), () => '').get('')!.total.consultations;
    expect(whole).toBe(1 + 11 + 1);
    expect(previousYearLabel(fiscalYear(2023), true)).toBe('令和4年度（同じ月分）');
    expect(previousYearLabel(fiscalYear(2023), false)).toBe('令和4年度');
  });
});
