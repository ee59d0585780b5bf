/**
 * 集計結果: the round's valid answers for the prefecture and by an area kind
 * of 台帳 — the 集計指標 with 前回比 in figures up top, the charts, then a
 * table per question with n and the rounding rules — and a link to the
 * survey's formal report of the same 年度.
 */
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import type { SurveyComparisonResult } from '@shared/contract/survey';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber } from '@shared/format';
import { AREA_KIND_LABELS, AREA_KINDS, type AreaKind } from '@shared/masters/model';
import { CENTER_STAFFING_KEY, CLINIC_HOME_CARE_KEY } from '@shared/survey/seeds';
import { roundLabel } from './labels';
import { type LabelledResult, ResultCharts } from './ResultCharts';
import { IndicatorTable, type Previous, QuestionTables } from './ResultTables';
import { useRound } from './RoundPage';

function previousOf(comparison: SurveyComparisonResult | undefined): Previous | null {
  if (!comparison?.previous || !comparison.comparison) return null;
  return {
    label: `前回（${formatFiscalYear(fiscalYear(comparison.previous.fiscalYear))}）`,
    questions: new Map(comparison.comparison.questions.map((q) => [q.code, q])),
  };
}

/** The headline figures: each 集計指標 with its n, and 前回 and 前回比 where there is a previous round. */
function IndicatorFigures({ result, comparison }: { result: LabelledResult; comparison: SurveyComparisonResult | undefined }) {
  const whole = result.result.aggregate.whole;
  const indicators = result.result.definition.indicators;
  if (indicators.length === 0) return null;
  return (
    <dl className="survey-indicators">
      {indicators.map((ind) => {
        const value = whole.indicators[ind.code];
        const ratio = comparison?.comparison?.indicators.find((i) => i.code === ind.code)?.whole;
        return (
          <div key={ind.code} className="survey-indicator" data-testid={`survey-indicator-${ind.code}`}>
            <dt>{ind.label}</dt>
            <dd>
              <strong data-field="value">{formatNumber(value?.value ?? 0)}</strong>
              {ind.unit}
              <span className="muted survey-indicator__n">回答 n = {formatNumber(value?.n ?? 0)}</span>
            </dd>
            {ratio && comparison?.previous && (
              <dd className="survey-indicator__ratio">
                前回 {formatNumber(ratio.previous)}
                {ind.unit}・前回比 <strong data-field="ratio">{ratio.text}</strong>
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}

/** The formal report of each shipped survey: the engine makes it per survey and 年度, from the 年度's latest round. */
const REPORT_OF: Record<string, string> = { [CENTER_STAFFING_KEY]: 'survey.staffing', [CLINIC_HOME_CARE_KEY]: 'survey.clinics' };

function SurveyReportLink({ roundId, definitionId, fy }: { roundId: number; definitionId: number; fy: number }) {
  const definition = useQuery('survey.definitions.get', { id: definitionId });
  const rounds = useQuery('survey.rounds.list', { definitionId });
  const reports = useQuery('report.list', {});
  const name = definition.data?.key ? REPORT_OF[definition.data.key] : undefined;
  const report = reports.data?.find((r) => r.name === name && r.fiscalYears.includes(fy));
  // Newest first by 基準日: a round that is not its 年度's latest would get another round's report.
  const latest = rounds.data?.find((r) => r.fiscalYear === fy);
  if (!report || latest?.id !== roundId) return null;
  return (
    <nav className="survey-reports" aria-label="調査の帳票">
      <Link to={`/report/view/${encodeURIComponent(report.name)}?fy=${fy}`} className="button button--secondary button--small">
        帳票「{report.title}」（PDF・Excel）
      </Link>
    </nav>
  );
}

/** The previous round's results by the same area kind, for the charts' bars per round. */
function WithPrevious({
  id,
  areaKind,
  children,
}: {
  id: number;
  areaKind: AreaKind | undefined;
  children(previous: LabelledResult['result'] | undefined): ReactElement;
}) {
  const previous = useQuery('survey.aggregate', { roundId: id, ...(areaKind ? { areaKind } : {}) });
  return children(previous.data);
}

export function ResultsTab() {
  const round = useRound();
  const [areaKind, setAreaKind] = useState<AreaKind | ''>('secondary');
  const input = { roundId: round.id, ...(areaKind ? { areaKind } : {}) };
  const aggregate = useQuery('survey.aggregate', input);
  const compare = useQuery('survey.compare', input);
  const result = aggregate.data;
  const comparison = compare.data;
  const previous = previousOf(comparison);
  const current: LabelledResult | undefined = result && { label: formatFiscalYear(fiscalYear(round.fiscalYear)), result };

  return (
    <div className="stack survey-results">
      <div className="toolbar survey-results__toolbar">
        <Field label="圏域別の集計">
          {(p) => (
            <select {...p} value={areaKind} onChange={(e) => setAreaKind(e.target.value as AreaKind | '')}>
              <option value="">県全体のみ</option>
              {AREA_KINDS.map((k) => (
                <option key={k} value={k}>
                  {AREA_KIND_LABELS[k]}別
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="toolbar__note survey-results__basis" data-testid="survey-results-basis">
          集計の対象: 有効な回答 {formatNumber(round.tracker.valid)} 件
          {round.tracker.withErrors > 0 && `（要確認の ${formatNumber(round.tracker.withErrors)} 件は含めません）`}
          {comparison?.previous
            ? `。前回は ${roundLabel(comparison.previous)} の有効な回答 ${formatNumber(comparison.previous.tracker.valid)} 件`
            : '。前回の回はありません'}
        </p>
        <SurveyReportLink roundId={round.id} definitionId={round.definitionId} fy={round.fiscalYear} />
      </div>
      {result?.noAreas && result.areaKind && (
        <p className="muted" data-testid="survey-results-no-areas">
          {AREA_KIND_LABELS[result.areaKind]}が台帳に未登録のため、県全体のみです。<Link to="/masters/areas">台帳 › 圏域</Link>
          で登録すると、{AREA_KIND_LABELS[result.areaKind]}別にも集計します。
        </p>
      )}
      {aggregate.error && <ErrorNotice error={aggregate.error} />}
      {compare.error && <ErrorNotice error={compare.error} title="前回との比較を読み込めませんでした。" />}
      {!result && !aggregate.error && <p className="muted">集計しています…</p>}
      {result && result.aggregate.whole.respondents === 0 && (
        <p className="notice" data-testid="survey-results-empty">
          この回には集計できる回答（誤りのない回答）がまだありません。「回答状況」で回答を取り込むか入力すると、ここに集計が出ます。
        </p>
      )}
      {result && current && result.aggregate.whole.respondents > 0 && (
        <>
          {result.definition.indicators.length > 0 && (
            <section className="card" aria-labelledby="survey-indicators-title">
              <div className="card__head">
                <h2 id="survey-indicators-title">集計指標</h2>
                {previous && <span className="muted">{result.rules.ratio}</span>}
              </div>
              <IndicatorFigures result={current} comparison={comparison} />
              {result.areaKind && !result.noAreas && <IndicatorTable result={result} comparison={comparison} previous={previous} />}
            </section>
          )}
          {comparison?.previous ? (
            <WithPrevious id={comparison.previous.id} areaKind={areaKind || undefined}>
              {(before) => (
                <ResultCharts
                  current={current}
                  previous={before ? { label: formatFiscalYear(fiscalYear(comparison.previous!.fiscalYear)), result: before } : null}
                />
              )}
            </WithPrevious>
          ) : (
            <ResultCharts current={current} previous={null} />
          )}
          <section className="card survey-tables" aria-labelledby="survey-tables-title">
            <div className="card__head">
              <h2 id="survey-tables-title">設問ごとの集計</h2>
              <span className="muted">件数（割合）。n は割合の分母です</span>
            </div>
            <QuestionTables result={result} previous={previous} />
          </section>
        </>
      )}
    </div>
  );
}
