/**
 * Which charts a round's results get, read from its definition rather than
 * hard-coded per survey: a roster's first choice column as a composition
 * (職種, with n); each 集計指標 that sums parts (医師数 by age band) as 100%
 * stacked bars per area and round; and choice questions sharing the same
 * choices (訪問診療 now and in 5 years) side by side.
 */
import type { ReactElement } from 'react';
import type { SurveyAggregateResult } from '@shared/contract/survey';
import type { GroupAggregate } from '@shared/survey/aggregate';
import type { Indicator, Question } from '@shared/survey/definition';
import { distinctParts } from './labels';
import { columnsOf } from './ResultTables';
import { CompositionChart, type StackedBar, StackedShareChart } from './ShareCharts';

/** A round's results with the name its bars carry (令和4年度). */
export interface LabelledResult {
  label: string;
  result: SurveyAggregateResult;
}

type SumIndicator = Extract<Indicator, { kind: 'sum' }>;

/** Sums of two parts or more that no larger sum holds (医師数, not 60歳代以上の医師数 within it). */
function chartedSums(indicators: readonly Indicator[]): SumIndicator[] {
  const sums = indicators.filter((i): i is SumIndicator => i.kind === 'sum' && i.questions.length >= 2);
  return sums.filter(
    (s) => !sums.some((o) => o !== s && o.questions.length > s.questions.length && s.questions.every((q) => o.questions.includes(q))),
  );
}

/** Top-level choice questions grouped by their list of choices; only groups of two or more. */
function choicePairs(questions: readonly Question[]): Extract<Question, { type: 'choice' }>[][] {
  const bySignature = new Map<string, Extract<Question, { type: 'choice' }>[]>();
  for (const q of questions) {
    if (q.type !== 'choice') continue;
    const key = q.choices.map((c) => c.code).join('|');
    bySignature.set(key, [...(bySignature.get(key) ?? []), q]);
  }
  return [...bySignature.values()].filter((g) => g.length >= 2);
}

export function ResultCharts({ current, previous }: { current: LabelledResult; previous: LabelledResult | null }) {
  const def = current.result.definition;
  // Oldest first, as the rounds are read left to right in a report.
  const rounds = previous ? [previous, current] : [current];
  const charts: ReactElement[] = [];

  for (const q of def.questions) {
    if (q.type !== 'table') continue;
    const col = q.columns.find((c) => c.type === 'choice');
    const whole = current.result.aggregate.whole.questions[q.code];
    const agg = whole?.type === 'table' && col ? whole.columns[col.code] : undefined;
    if (col?.type !== 'choice' || agg?.type !== 'choice') continue;
    charts.push(
      <CompositionChart
        key={`composition-${q.code}`}
        title={`${q.label}の${col.label}の構成`}
        labels={col.choices.map((c) => c.label)}
        counts={agg.counts}
        percents={agg.percents}
        n={agg.n}
        unit="人"
        testId={`survey-chart-${q.code}-${col.code}`}
      />,
    );
  }

  for (const ind of chartedSums(def.indicators)) {
    const labels = ind.questions.map((code) => def.questions.find((q) => q.code === code)?.label ?? code);
    const { head, parts } = distinctParts(labels);
    const columnsByRound = rounds.map((r) => ({ label: r.label, columns: new Map(columnsOf(r.result).map((c) => [c.key, c.group])) }));
    const bar = (name: string, roundLabel: string, group: GroupAggregate | undefined): StackedBar => {
      const value = group?.indicators[ind.code];
      return {
        label: [name, roundLabel],
        n: value?.value ?? 0,
        percents: value?.percents ?? parts.map(() => 0),
        counts: value?.parts ?? parts.map(() => 0),
      };
    };
    const bars = columnsOf(current.result).flatMap((c) => columnsByRound.map((r) => bar(c.name, r.label, r.columns.get(c.key))));
    charts.push(
      <StackedShareChart
        key={`parts-${ind.code}`}
        title={`${head || ind.label}の構成（${current.result.areaKind ? '圏域' : '県全体'}・回ごと）`}
        parts={parts}
        bars={bars}
        unit={ind.unit}
        testId={`survey-chart-${ind.code}`}
        note="各棒は100%。割合は最大剰余法で整数に丸め"
      />,
    );
  }

  for (const group of choicePairs(def.questions)) {
    const { head, parts } = distinctParts(group.map((q) => q.label));
    const bars = group.flatMap((q, i) =>
      rounds.map((r): StackedBar => {
        const a = r.result.aggregate.whole.questions[q.code];
        const choice = a?.type === 'choice' ? a : undefined;
        return {
          label: [parts[i]!, r.label],
          n: choice?.n ?? 0,
          percents: choice?.percents ?? q.choices.map(() => 0),
          counts: choice?.counts ?? q.choices.map(() => 0),
        };
      }),
    );
    charts.push(
      <StackedShareChart
        key={`pair-${group[0]!.code}`}
        title={`${head || group.map((q) => q.label).join('・')}（県全体）`}
        parts={group[0]!.choices.map((c) => c.label)}
        bars={bars}
        unit="件"
        testId={`survey-chart-${group.map((q) => q.code).join('-')}`}
        note="各棒は100%。割合は最大剰余法で整数に丸め"
      />,
    );
  }

  if (charts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="survey-charts-title">
      <div className="card__head">
        <h2 id="survey-charts-title">グラフ</h2>
        <span className="muted">模様と色で区別しています（白黒印刷でも読めます）</span>
      </div>
      <div className="survey-charts">{charts}</div>
    </section>
  );
}
