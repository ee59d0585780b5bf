/**
 * センター活動実績: a 年度's monthly reports from the centers (sent and taken
 * back as survey rounds, one per month), summed for all centers, per 圏域 and
 * per center, by month and against the previous 年度, with charts and the
 * formal report. Opening a 年度 makes its monthly rounds and the 活動計画書 /
 * 活動報告書 rounds; each month's forms go out and come back on its round page.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { type Column, DataTable } from '@renderer/components/DataTable';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { currentFiscalYear, FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { PageHeader } from '@renderer/components/PageHeader';
import { useCan } from '@renderer/components/Permitted';
import type { ActivityMonthStatus, ActivitySummary, ActivityUnit } from '@shared/contract/survey-activity';
import { type FiscalYear, fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber, formatRate } from '@shared/format';
import { AREA_KIND_LABELS, AREA_KINDS, type AreaKind } from '@shared/masters/model';
import { ACTIVITY_SAME_MONTHS_NOTE, ACTIVITY_SOURCES, ACTIVITY_THEMES, previousYearLabel, type YearOnYear } from '@shared/survey/activity';
import { ActivityBarChart } from './ActivityCharts';
import { roundPath } from './labels';

const REPORT = 'survey.activity';

function ratioText(yoy: YearOnYear): string {
  return yoy.ratio ? formatRate(yoy.ratio.numerator, yoy.ratio.denominator) : '—';
}

function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}

function unitColumns(first: string, withArea: boolean): Column<ActivityUnit>[] {
  return [
    { key: 'name', header: first, cell: (u) => u.name, sortValue: (u) => u.name },
    ...(withArea ? [{ key: 'area', header: '圏域', nowrap: true, cell: (u: ActivityUnit) => u.areaName ?? '—' }] : []),
    {
      key: 'now',
      header: '相談件数',
      numeric: true,
      sortValue: (u) => u.consultations.current,
      cell: (u) => formatNumber(u.consultations.current),
    },
    { key: 'before', header: '前年度', numeric: true, cell: (u) => formatNumber(u.consultations.previous) },
    {
      key: 'diff',
      header: '増減',
      numeric: true,
      sortValue: (u) => u.consultations.difference,
      cell: (u) => signed(u.consultations.difference),
    },
    { key: 'ratio', header: '前年度比', numeric: true, cell: (u) => ratioText(u.consultations) },
    { key: 'meetings', header: '会議', numeric: true, cell: (u) => formatNumber(u.current.total.meetings) },
    { key: 'trainings', header: '研修', numeric: true, cell: (u) => formatNumber(u.current.total.trainings) },
    {
      key: 'deaths',
      header: '在宅看取り',
      numeric: true,
      cell: (u) => (u.current.total.homeDeathReports > 0 ? formatNumber(u.current.total.homeDeaths) : '—'),
    },
    { key: 'reports', header: '報告', numeric: true, cell: (u) => `${u.current.total.reports}か月` },
  ];
}

const monthColumns: Column<ActivityMonthStatus>[] = [
  {
    key: 'month',
    header: '月',
    nowrap: true,
    cell: (m) => (m.roundId === null ? m.label : <Link to={roundPath(m.roundId)}>{m.label}分</Link>),
  },
  {
    key: 'valid',
    header: '報告',
    numeric: true,
    cell: (m) =>
      m.roundId === null ? (
        '回なし'
      ) : (
        <>
          {m.valid} / {m.targets}
          {m.withErrors > 0 && <span className="badge badge--error survey-round__errors">要確認 {m.withErrors}</span>}
        </>
      ),
  },
];

function Figures({ summary }: { summary: ActivitySummary }) {
  const p = summary.prefecture;
  const items: [string, string][] = [
    ['相談件数', `${formatNumber(p.current.total.consultations)}件`],
    [previousYearLabel(fiscalYear(summary.fiscalYear), summary.sameMonthsOnly), `${formatNumber(p.consultations.previous)}件`],
    ['前年度比', ratioText(p.consultations)],
    ['会議の開催', `${formatNumber(p.current.total.meetings)}回`],
    ['研修の開催', `${formatNumber(p.current.total.trainings)}回`],
    ['在宅看取り数（報告分）', `${formatNumber(p.current.total.homeDeaths)}人`],
  ];
  return (
    <dl className="survey-figures" data-testid="activity-figures">
      {items.map(([label, value]) => (
        <div key={label} className="survey-figure">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Beside every 前年度 that leaves out months this 年度 has no report for. */
function SameMonthsNote({ summary }: { summary: ActivitySummary }) {
  return summary.sameMonthsOnly ? <p className="muted">{ACTIVITY_SAME_MONTHS_NOTE}</p> : null;
}

/** What the charts show: all centers, one 圏域 or one center, by a key that tells the two kinds apart. */
type ChartTarget = 'prefecture' | `area:${string}` | `center:${string}`;

function chartUnit(summary: ActivitySummary, target: ChartTarget): ActivityUnit {
  if (target.startsWith('area:')) return summary.areas.find((a) => `area:${a.key}` === target) ?? summary.prefecture;
  if (target.startsWith('center:')) return summary.centers.find((c) => `center:${c.key}` === target) ?? summary.prefecture;
  return summary.prefecture;
}

function Charts({ summary }: { summary: ActivitySummary }) {
  const [target, setTarget] = useState<ChartTarget>('prefecture');
  const p = chartUnit(summary, target);
  // A 圏域 or center gone with another 圏域の種類 or 年度 shows all centers again.
  const whole = p === summary.prefecture;
  const areaLabel = AREA_KIND_LABELS[summary.areaKind];
  const now = formatFiscalYear(fiscalYear(summary.fiscalYear));
  const before = formatFiscalYear(fiscalYear(summary.fiscalYear - 1));
  const beforeSame = previousYearLabel(fiscalYear(summary.fiscalYear), summary.sameMonthsOnly);
  const months = summary.months.map((m) => m.label.replace(/^令和\d+年/, ''));
  return (
    <section className="card" aria-labelledby="activity-charts-title">
      <div className="card__head">
        <h2 id="activity-charts-title">グラフ（{whole ? '全センター' : p.name}）</h2>
        <span className="muted">模様と色で区別しています（白黒印刷でも読めます）</span>
      </div>
      <div className="toolbar">
        <Field label="グラフの対象">
          {(f) => (
            <select {...f} value={whole ? 'prefecture' : target} onChange={(e) => setTarget(e.target.value as ChartTarget)}>
              <option value="prefecture">全センター</option>
              <optgroup label={areaLabel}>
                {summary.areas.map((a) => (
                  <option key={a.key} value={`area:${a.key}`}>
                    {a.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="センター">
                {summary.centers.map((c) => (
                  <option key={c.key} value={`center:${c.key}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
      </div>
      <div className="survey-charts">
        <ActivityBarChart
          title="月別の相談件数（前年度との比較）"
          labels={months}
          series={[
            { label: now, values: p.current.months.map((m) => m.consultations) },
            { label: before, values: p.previous.months.map((m) => m.consultations) },
          ]}
          unit="件"
          testId="activity-chart-months"
        />
        <ActivityBarChart
          title="月別・相談内容別の相談件数"
          labels={months}
          series={ACTIVITY_THEMES.map((t, i) => ({ label: t.label, values: p.current.months.map((m) => m.byTheme[i]!) }))}
          unit="件"
          stacked
          testId="activity-chart-themes-by-month"
        />
        <ActivityBarChart
          title="相談者別の相談件数"
          labels={ACTIVITY_SOURCES.map((s) => s.label)}
          series={[
            { label: now, values: p.current.total.bySource },
            { label: beforeSame, values: p.comparable.bySource },
          ]}
          unit="件"
          horizontal
          testId="activity-chart-sources"
        />
        <ActivityBarChart
          title="相談内容別の相談件数"
          labels={ACTIVITY_THEMES.map((t) => t.label)}
          series={[
            { label: now, values: p.current.total.byTheme },
            { label: beforeSame, values: p.comparable.byTheme },
          ]}
          unit="件"
          horizontal
          testId="activity-chart-themes"
        />
      </div>
    </section>
  );
}

function Summary({ summary }: { summary: ActivitySummary }) {
  const areaLabel = AREA_KIND_LABELS[summary.areaKind];
  return (
    <div className="stack">
      <section className="card" aria-labelledby="activity-figures-title">
        <div className="card__head">
          <h2 id="activity-figures-title">{formatFiscalYear(fiscalYear(summary.fiscalYear))}の実績（全センター）</h2>
          <span className="muted">誤りのない月次報告だけを集計。前年度比は小数第1位まで四捨五入</span>
        </div>
        <Figures summary={summary} />
        <SameMonthsNote summary={summary} />
      </section>
      <div className="activity-columns">
        <section className="card" aria-labelledby="activity-months-title">
          <h2 id="activity-months-title">月次報告の状況</h2>
          <DataTable label="月次報告の状況" columns={monthColumns} rows={summary.months} rowKey={(m) => m.month} />
          <p className="muted">月を開くと、調査票の送付・返送された調査票の取り込み・未回答のセンターを確かめられます。</p>
          <p className="chips">
            {summary.planRoundId !== null && (
              <Link to={roundPath(summary.planRoundId)} className="button button--secondary button--small">
                活動計画書
              </Link>
            )}
            {summary.reportRoundId !== null && (
              <Link to={roundPath(summary.reportRoundId)} className="button button--secondary button--small">
                活動報告書
              </Link>
            )}
          </p>
        </section>
        <section className="card" aria-labelledby="activity-areas-title">
          <h2 id="activity-areas-title">{areaLabel}別</h2>
          <DataTable
            label={`${areaLabel}別の活動実績`}
            columns={unitColumns(areaLabel, false)}
            rows={summary.areas}
            rowKey={(u) => u.key}
          />
          <SameMonthsNote summary={summary} />
        </section>
      </div>
      <Charts summary={summary} />
      <section className="card" aria-labelledby="activity-centers-title">
        <h2 id="activity-centers-title">センター別</h2>
        <DataTable label="センター別の活動実績" columns={unitColumns('センター', true)} rows={summary.centers} rowKey={(u) => u.key} />
        <SameMonthsNote summary={summary} />
      </section>
    </div>
  );
}

export function ActivityPage() {
  const reports = useQuery('report.list', {});
  const years = reports.data?.find((r) => r.name === REPORT)?.fiscalYears ?? [];
  const [chosen, setChosen] = useState<FiscalYear>();
  const fy = chosen ?? (years[0] !== undefined ? fiscalYear(years[0]) : currentFiscalYear());
  const [areaKind, setAreaKind] = useState<AreaKind>('secondary');
  const summary = useQuery('survey.activity.summary', { fiscalYear: fy, areaKind });
  const can = useCan();
  const open = useMutation('survey.activity.openYear');
  const missing = summary.data?.months.filter((m) => m.roundId === null).length ?? 0;
  const hasReport = years.includes(fy);
  return (
    <>
      <PageHeader
        title="センター活動実績"
        lead="在宅医療推進センターの月次報告（相談件数・会議・研修・在宅看取り数）を調査の回として集め、年度ごとに集計します。"
        actions={
          <>
            {hasReport && (
              <Link to={`/report/view/${REPORT}?fy=${fy}`} className="button button--secondary">
                帳票（PDF・Excel）
              </Link>
            )}
            <Link to="/survey" className="button button--secondary">
              調査の一覧へ
            </Link>
          </>
        }
      />
      <div className="toolbar activity-toolbar">
        <Field label="年度">{(p) => <FiscalYearSelect {...p} value={fy} onChange={setChosen} />}</Field>
        <Field label="圏域の種類">
          {(p) => (
            <select {...p} value={areaKind} onChange={(e) => setAreaKind(e.target.value as AreaKind)}>
              {AREA_KINDS.map((k) => (
                <option key={k} value={k}>
                  {AREA_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {summary.data && missing > 0 && can('survey.activity.openYear') && (
          <button data-edit type="button" className="button" disabled={open.pending} onClick={() => void open.run({ fiscalYear: fy })}>
            {missing === 12 ? `${formatFiscalYear(fy)}を開始（月次の回を作成）` : `足りない${missing}か月の回を作成`}
          </button>
        )}
      </div>
      {open.error && <ErrorNotice error={open.error} />}
      {summary.error && <ErrorNotice error={summary.error} />}
      {!summary.data && !summary.error && <p className="muted">読み込み中…</p>}
      {/* Shown once the 年度 with reports is known, so another 年度's zeros never flash first. */}
      {summary.data && reports.data && <Summary summary={summary.data} />}
    </>
  );
}
