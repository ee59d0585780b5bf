/**
 * The results as tables an officer can read off and copy: the 集計指標 by
 * area with 前回比; each choice question with its choices down the side and
 * the prefecture, the previous round and the areas across (count and
 * percent, n at the foot); number questions with n, sum and mean; a roster
 * column by column. The rounding rules are printed under each table.
 */
import type { SurveyAggregateResult, SurveyComparisonResult } from '@shared/contract/survey';
import { formatNumber, formatRate } from '@shared/format';
import { fixedHundredths } from '@shared/numbers';
import type {
  ChoiceAggregate,
  GroupAggregate,
  MultiAggregate,
  NumberAggregate,
  QuestionComparison,
  Ratio,
  ScalarAggregate,
} from '@shared/survey/aggregate';
import { largestRemainder } from '@shared/survey/aggregate';
import type { Choice, Question, ScalarQuestion } from '@shared/survey/definition';
import { distinctParts, formatTenths, labelParts } from './labels';

/** The prefecture first, then the areas of the kind chosen, each with its aggregate. */
export interface AreaColumn {
  key: string;
  name: string;
  group: GroupAggregate;
}

export function columnsOf(result: SurveyAggregateResult): AreaColumn[] {
  const byKey = new Map(result.aggregate.groups.map((g) => [g.key, g]));
  return [
    { key: '*', name: '県全体', group: result.aggregate.whole },
    ...result.groups.flatMap((g) => {
      const group = byKey.get(g.key);
      return group ? [{ key: g.key, name: g.name, group }] : [];
    }),
  ];
}

/** The previous round as the tables show it: its name, and the comparison of each question. */
export interface Previous {
  label: string;
  questions: Map<string, QuestionComparison>;
}

function Share({ count, percent }: { count: number; percent: string }) {
  return (
    <>
      {formatNumber(count)}
      <span className="survey-share">（{percent}）</span>
    </>
  );
}

function RatioCell({ ratio }: { ratio: Ratio | undefined }) {
  return <td className="num survey-ratio">{ratio?.text ?? '—'}</td>;
}

/** A choice question (or a roster's choice column): choices down the side, the prefecture, last round and the areas across. */
function ChoiceTable({
  caption,
  choices,
  columns,
  aggregateOf,
  previous,
  counts,
  n,
  testId,
}: {
  caption: string;
  choices: readonly Choice[];
  columns: AreaColumn[];
  aggregateOf(group: GroupAggregate): ChoiceAggregate | MultiAggregate | undefined;
  previous: Previous | null;
  /** 前回比 of each choice's count, in the choices' order. */
  counts: QuestionComparison['counts'] | null;
  /** 前回比 of n. */
  n: Ratio | null;
  testId: string;
}) {
  const whole = aggregateOf(columns[0]!.group);
  const multi = whole?.type === 'multi';
  const percent = (a: ChoiceAggregate | MultiAggregate | undefined, i: number) =>
    !a || a.n === 0 ? '—' : a.type === 'multi' ? formatTenths(a.percentTenths[i]!) : `${a.percents[i]}%`;
  const before = counts?.map((c) => c.ratio.previous) ?? null;
  const beforeN = n?.previous ?? before?.reduce((a, b) => a + b, 0) ?? 0;
  const beforePercents = before && !multi ? largestRemainder(before) : null;
  const beforePercent = (i: number) =>
    beforeN === 0 ? '—' : beforePercents ? `${beforePercents[i]}%` : formatRate(before![i]!, beforeN, 1);
  const compared = previous !== null && counts !== null;
  return (
    <div className="table-wrap survey-result-table">
      <table className="table" aria-label={caption} data-testid={testId}>
        <thead>
          <tr>
            <th>{multi ? '選択肢（複数回答）' : '選択肢'}</th>
            <th className="num">{columns[0]!.name}</th>
            {compared && <th className="num">{previous.label}</th>}
            {compared && <th className="num">前回比</th>}
            {columns.slice(1).map((c) => (
              <th key={c.key} className="num">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {choices.map((choice, i) => (
            <tr key={choice.code} data-choice={choice.code}>
              <th scope="row">{choice.label}</th>
              {columns.slice(0, 1).map((c) => {
                const a = aggregateOf(c.group);
                return (
                  <td key={c.key} className="num survey-result-table__whole" data-column={c.key}>
                    <Share count={a?.counts[i] ?? 0} percent={percent(a, i)} />
                  </td>
                );
              })}
              {compared && (
                <td className="num">
                  <Share count={before![i]!} percent={beforePercent(i)} />
                </td>
              )}
              {compared && <RatioCell ratio={counts[i]?.ratio} />}
              {columns.slice(1).map((c) => {
                const a = aggregateOf(c.group);
                return (
                  <td key={c.key} className="num" data-column={c.key}>
                    <Share count={a?.counts[i] ?? 0} percent={percent(a, i)} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{multi ? 'n（回答者数）' : 'n（計）'}</th>
            <td className="num" data-testid={`${testId}-n`}>
              {formatNumber(whole?.n ?? 0)}
            </td>
            {compared && <td className="num">{formatNumber(beforeN)}</td>}
            {compared && <RatioCell ratio={n ?? undefined} />}
            {columns.slice(1).map((c) => (
              <td key={c.key} className="num">
                {formatNumber(aggregateOf(c.group)?.n ?? 0)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function asNumber(a: ScalarAggregate | undefined): NumberAggregate | undefined {
  return a && (a.type === 'integer' || a.type === 'decimal') ? a : undefined;
}

/** Number questions (or one roster column) down the side: n, sum and mean, last round's sum and 前回比, and each area's sum. */
function NumberTable({
  caption,
  rows,
  columns,
  previous,
  testId,
}: {
  caption: string;
  rows: {
    code: string;
    label: string;
    unit: string;
    places: number;
    of(group: GroupAggregate): NumberAggregate | undefined;
    comparison: QuestionComparison | undefined;
  }[];
  columns: AreaColumn[];
  previous: Previous | null;
  testId: string;
}) {
  const shown = (places: number, value: number | null | undefined) =>
    value === null || value === undefined ? '—' : places > 0 ? fixedHundredths(value, places) : formatNumber(value);
  const compared = previous !== null && rows.some((r) => r.comparison?.total);
  return (
    <div className="table-wrap survey-result-table">
      <table className="table" aria-label={caption} data-testid={testId}>
        <thead>
          <tr>
            <th>設問</th>
            <th className="num">n</th>
            <th className="num">{columns[0]!.name} 合計</th>
            <th className="num">平均</th>
            {compared && <th className="num">{previous.label} 合計</th>}
            {compared && <th className="num">前回比</th>}
            {columns.slice(1).map((c) => (
              <th key={c.key} className="num">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const whole = r.of(columns[0]!.group);
            return (
              <tr key={r.code} data-question={r.code}>
                <th scope="row">
                  {r.label}
                  {r.unit && <span className="muted">（{r.unit}）</span>}
                </th>
                <td className="num">{formatNumber(whole?.n ?? 0)}</td>
                <td className="num survey-result-table__whole">{shown(r.places, whole?.sum)}</td>
                <td className="num">{shown(2, whole?.meanHundredths)}</td>
                {compared && <td className="num">{r.comparison?.total ? shown(r.places, r.comparison.total.previous) : '—'}</td>}
                {compared && <RatioCell ratio={r.comparison?.total ?? undefined} />}
                {columns.slice(1).map((c) => {
                  return (
                    <td key={c.key} className="num">
                      {shown(r.places, r.of(c.group)?.sum ?? 0)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The 集計指標 (施設数, 医師数 …) for the prefecture and each area, now and last round, with 前回比. */
export function IndicatorTable({
  result,
  comparison,
  previous,
}: {
  result: SurveyAggregateResult;
  comparison: SurveyComparisonResult | undefined;
  previous: Previous | null;
}) {
  const columns = columnsOf(result);
  const indicators = result.definition.indicators;
  const compared = (code: string) => (previous ? comparison?.comparison?.indicators.find((i) => i.code === code) : undefined);
  return (
    <div className="table-wrap survey-result-table">
      <table className="table" aria-label="集計指標" data-testid="survey-indicator-table">
        <thead>
          <tr>
            <th rowSpan={2}>区分</th>
            {indicators.map((ind) => (
              <th key={ind.code} colSpan={compared(ind.code) ? 3 : 1} className="survey-result-table__span">
                {ind.label}（{ind.unit || '件'}）
              </th>
            ))}
          </tr>
          <tr>
            {indicators.flatMap((ind) =>
              compared(ind.code)
                ? [
                    <th key={`${ind.code}-now`} className="num">
                      今回
                    </th>,
                    <th key={`${ind.code}-before`} className="num">
                      前回
                    </th>,
                    <th key={`${ind.code}-ratio`} className="num">
                      前回比
                    </th>,
                  ]
                : [
                    <th key={`${ind.code}-now`} className="num">
                      今回
                    </th>,
                  ],
            )}
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.key} className={c.key === '*' ? 'survey-result-table__whole-row' : undefined} data-group={c.key}>
              <th scope="row">{c.name}</th>
              {indicators.flatMap((ind) => {
                const now = c.group.indicators[ind.code];
                const cmp = compared(ind.code);
                const ratio = cmp ? (c.key === '*' ? cmp.whole : cmp.groups[c.key]) : undefined;
                const cells = [
                  <td key={`${ind.code}-now`} className="num" data-field={ind.code}>
                    {formatNumber(now?.value ?? 0)}
                  </td>,
                ];
                if (cmp) {
                  cells.push(
                    <td key={`${ind.code}-before`} className="num">
                      {ratio ? formatNumber(ratio.previous) : '—'}
                    </td>,
                    <RatioCell key={`${ind.code}-ratio`} ratio={ratio} />,
                  );
                }
                return cells;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Consecutive number questions of one type, unit and label head go in one table (the six age bands), the rest one each. */
function blocksOf(questions: readonly Question[]): Question[][] {
  const blocks: Question[][] = [];
  for (const q of questions) {
    const last = blocks.at(-1)?.at(-1);
    const joins =
      last &&
      (q.type === 'integer' || q.type === 'decimal') &&
      last.type === q.type &&
      'unit' in last &&
      last.unit === q.unit &&
      labelParts(last.label).head === labelParts(q.label).head;
    if (joins) blocks.at(-1)!.push(q);
    else blocks.push([q]);
  }
  return blocks;
}

function Rules({ lines }: { lines: string[] }) {
  return (
    <ul className="plain-list survey-rules">
      {lines.map((l) => (
        <li key={l}>※ {l}</li>
      ))}
    </ul>
  );
}

const MEAN_RULE = '平均は n に対する平均を小数第2位に四捨五入';

/** Every question's table, in the definition's order. */
export function QuestionTables({ result, previous }: { result: SurveyAggregateResult; previous: Previous | null }) {
  const columns = columnsOf(result);
  const { share, multi, ratio } = result.rules;
  const withRatio = (lines: string[]) => (previous ? [...lines, ratio] : lines);

  const scalarTable = (
    q: ScalarQuestion,
    of: (g: GroupAggregate) => ScalarAggregate | undefined,
    caption: string,
    comparison: QuestionComparison | undefined,
    prefix: string,
    testId: string,
  ) => {
    if (q.type === 'choice' || q.type === 'multi') {
      const counts = comparison
        ? q.choices.map((c) => comparison.counts.find((x) => x.code === `${prefix}${c.code}`)!).filter(Boolean)
        : null;
      return (
        <>
          <ChoiceTable
            caption={caption}
            choices={q.choices}
            columns={columns}
            aggregateOf={(g) => of(g) as ChoiceAggregate | MultiAggregate | undefined}
            previous={previous}
            counts={counts && counts.length === q.choices.length ? counts : null}
            n={prefix ? null : (comparison?.n ?? null)}
            testId={testId}
          />
          <Rules lines={withRatio([q.type === 'multi' ? multi : share])} />
        </>
      );
    }
    if (q.type === 'integer' || q.type === 'decimal') {
      return (
        <>
          <NumberTable
            caption={caption}
            rows={[
              {
                code: q.code,
                label: q.label,
                unit: q.unit,
                places: q.type === 'decimal' ? q.decimals : 0,
                of: (g) => asNumber(of(g)),
                comparison: prefix ? undefined : comparison,
              },
            ]}
            columns={columns}
            previous={previous}
            testId={testId}
          />
          <Rules lines={withRatio([MEAN_RULE])} />
        </>
      );
    }
    return <p className="muted">記入 {formatNumber(of(columns[0]!.group)?.n ?? 0)} 件（文字・日付の回答は集計しません）</p>;
  };

  return (
    <>
      {blocksOf(result.definition.questions).map((block) => {
        const first = block[0]!;
        if (block.length > 1) {
          const { head, parts } = distinctParts(block.map((q) => q.label));
          return (
            <section key={first.code} className="survey-question" aria-label={head}>
              <h3>{head}</h3>
              <NumberTable
                caption={head}
                rows={block.map((q, i) => ({
                  code: q.code,
                  label: parts[i]!,
                  unit: 'unit' in q ? q.unit : '',
                  places: q.type === 'decimal' ? q.decimals : 0,
                  of: (g: GroupAggregate) => asNumber(g.questions[q.code] as ScalarAggregate | undefined),
                  comparison: previous?.questions.get(q.code),
                }))}
                columns={columns}
                previous={previous}
                testId={`survey-result-${first.code}`}
              />
              <Rules lines={withRatio([MEAN_RULE])} />
            </section>
          );
        }
        const q = first;
        const comparison = previous?.questions.get(q.code);
        if (q.type === 'table') {
          const whole = columns[0]!.group.questions[q.code];
          const rows = whole?.type === 'table' ? whole : undefined;
          return (
            <section key={q.code} className="survey-question" aria-label={q.label}>
              <h3>
                {q.label}
                <span className="muted survey-question__n">
                  回答 {formatNumber(rows?.n ?? 0)} 件・計 {formatNumber(rows?.rows ?? 0)} 行
                  {comparison?.total && `（前回 ${formatNumber(comparison.total.previous)} 行・前回比 ${comparison.total.text}）`}
                </span>
              </h3>
              {q.columns.map((col) => (
                <div key={col.code} className="survey-question__column">
                  <h4>{col.label}</h4>
                  {scalarTable(
                    col,
                    (g) => {
                      const t = g.questions[q.code];
                      return t?.type === 'table' ? t.columns[col.code] : undefined;
                    },
                    `${q.label}の${col.label}`,
                    comparison,
                    `${col.code}:`,
                    `survey-result-${q.code}-${col.code}`,
                  )}
                </div>
              ))}
            </section>
          );
        }
        return (
          <section key={q.code} className="survey-question" aria-label={q.label}>
            <h3>{q.label}</h3>
            {scalarTable(q, (g) => g.questions[q.code] as ScalarAggregate | undefined, q.label, comparison, '', `survey-result-${q.code}`)}
          </section>
        );
      })}
    </>
  );
}
