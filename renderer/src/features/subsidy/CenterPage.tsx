/**
 * One center's subsidy in one 年度 (#/subsidy/2023/centers/5): where it
 * stands, the calculation sheet of its application, change, decision and
 * actuals side by side, the history of its steps with the undo of the latest,
 * and the form for the next step; with links to its formal sheets.
 */
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { STEP_KIND_LABELS, SUBSIDY_STATUS_LABELS, type SubsidyCenterResult } from '@shared/contract/subsidy';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { SUBSIDY_CLASS_LABELS } from '@shared/masters/model';
import { formatWareki } from '@shared/wareki';
import { CalcSheet, type SheetColumn, sheetColumn } from './CalcSheet';
import { LettersPanel } from './LettersPanel';
import { subsidyPath, yenOrDash } from './labels';
import { StepForm } from './StepForm';
import { StepHistory } from './StepHistory';
import type { BackToYearList, FromYearList } from './YearOverview';

function Figures({ result }: { result: SubsidyCenterResult }) {
  const { state, steps } = result;
  const decision = steps.findLast((s) => s.kind === 'decision' || s.kind === 'change_decision');
  const settlement = steps.findLast((s) => s.kind === 'settlement');
  const items: { key: string; label: string; value: string; note?: string }[] = [
    { key: 'applied', label: '申請額', value: yenOrDash(state.applied) },
    {
      key: 'decided',
      label: '決定額',
      value: yenOrDash(state.decided),
      note: decision ? `${decision.orderNo}　${formatWareki(decision.datedOn as IsoDate)}` : undefined,
    },
    { key: 'paid', label: '支払済（概算払）', value: yenOrDash(state.paid) },
    { key: 'actual', label: '実績による算定額', value: yenOrDash(state.actual) },
    {
      key: 'final',
      label: '確定額',
      value: yenOrDash(state.final),
      note: settlement ? `${settlement.orderNo}　${formatWareki(settlement.datedOn as IsoDate)}` : undefined,
    },
    state.additionalDue > 0
      ? {
          key: 'additional',
          label: '追加交付額',
          value: yenOrDash(state.additionalDue),
          note: `うち交付済 ${yenOrDash(state.additionalPaid)}`,
        }
      : {
          key: 'refund',
          label: '返還額',
          value: yenOrDash(state.refundDue),
          note: state.refundDue > 0 ? `うち返還済 ${yenOrDash(state.refunded)}` : undefined,
        },
  ];
  return (
    <dl className="subsidy-figures">
      {items.map((i) => (
        <div key={i.key} className="subsidy-figures__item">
          <dt>{i.label}</dt>
          <dd data-testid={`figure-${i.key}`}>{i.value}</dd>
          {i.note && <dd className="subsidy-figures__note">{i.note}</dd>}
        </div>
      ))}
    </dl>
  );
}

function sheetColumns(result: SubsidyCenterResult): SheetColumn[] {
  const { application, change, decision, actual } = result.sheets;
  return [
    sheetColumn('application', '交付申請', application),
    ...(change ? [sheetColumn('change', '変更交付申請', change)] : []),
    sheetColumn('decision', decision ? STEP_KIND_LABELS[decision.kind] : '交付決定', decision),
    sheetColumn('actual', '実績報告', actual),
  ];
}

export function CenterPage() {
  const params = useParams();
  const fy = Number(params.fy) as FiscalYear;
  const centerId = Number(params.centerId);
  const center = useQuery('subsidy.center', { centerId, fiscalYear: fy });
  const result = center.data;
  const listSearch = (useLocation().state as FromYearList | null)?.listSearch ?? '';

  return (
    <div className="stack subsidy-center">
      <p className="back-link">
        <Link to={`${subsidyPath.year(fy)}${listSearch}`} state={{ centerId } satisfies BackToYearList}>
          ← {formatFiscalYear(fy)}の一覧へ
        </Link>
      </p>
      {center.error && <ErrorNotice error={center.error} />}
      {!result && !center.error && <p className="muted">読み込み中…</p>}
      {result && (
        <>
          <div className="subsidy-center__head">
            <div>
              <h2 data-testid="center-name">{result.center.name}</h2>
              <p className="muted">
                {formatFiscalYear(fy)}　補助区分：{SUBSIDY_CLASS_LABELS[result.center.subsidyClass]}
                {result.center.areaName ? `　二次医療圏：${result.center.areaName}` : '　二次医療圏：なし（県全域）'}
              </p>
            </div>
            <span className="badge subsidy-status" data-testid="center-status" data-status={result.state.status}>
              {SUBSIDY_STATUS_LABELS[result.state.status]}
            </span>
          </div>
          <Figures result={result} />
          <div className="subsidy-reports" role="group" aria-label="帳票">
            <span className="muted">帳票（{formatFiscalYear(fy)}の全センター、1センター1ページ）:</span>
            <Link className="button button--secondary button--small" to={subsidyPath.report('subsidy.calculation', fy)}>
              交付額算定調書を表示
            </Link>
            <Link className="button button--secondary button--small" to={subsidyPath.report('subsidy.settlement', fy)}>
              精算書を表示
            </Link>
          </div>
          <section aria-labelledby="subsidy-sheet-title">
            <h2 id="subsidy-sheet-title" className="subsidy-subhead">
              交付額の算定（要綱第4条）
            </h2>
            {result.rules ? (
              <CalcSheet
                columns={sheetColumns(result)}
                rules={result.rules}
                label="交付額の算定"
                recordedLabel="申請額・決定額・実績額（記録）"
              />
            ) : (
              <p className="notice">{formatFiscalYear(fy)}の要綱がありません。「要綱」で作成すると、ここに算定が表示されます。</p>
            )}
          </section>
          <StepHistory steps={result.steps} version={result.version} />
          <StepForm result={result} />
          {/* The panel offers only the letters the person may make: 医師会・事務局 those its center submits. */}
          {result.rules && <LettersPanel fiscalYear={fy} center={result.center} steps={result.steps} />}
        </>
      )}
    </div>
  );
}
