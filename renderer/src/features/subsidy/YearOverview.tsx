/**
 * The year's overview (#/subsidy/2023): one row per center of the 台帳 with
 * 申請額, 決定額, 支払済, 確定額, 返還額 and 追加交付 and its status, totals
 * that add up to the rows shown, a filter by status, the linked 基金
 * project's budget against the decisions, the import of the year's
 * applications, the files traded with the associations, and the year's formal reports.
 */
import { useState } from 'react';
import { Link, useLocation, useNavigationType, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { type Column, DataTable } from '@renderer/components/DataTable';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { pathLeft, useMover } from '@renderer/components/Navigation';
import { useCan } from '@renderer/components/Permitted';
import type { OpName } from '@shared/contract';
import {
  SUBSIDY_STATUS_LABELS,
  SUBSIDY_STATUSES,
  type SubsidyStatus,
  type SubsidyYearResult,
  type SubsidyYearRow,
  type SubsidyYearTotals,
} from '@shared/contract/subsidy';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber, formatYen } from '@shared/format';
import { SUBSIDY_CLASS_LABELS } from '@shared/masters/model';
import { yen } from '@shared/money';
import { formatWareki } from '@shared/wareki';
import { ApplicationsImport } from './ApplicationsImport';
import { ExchangePanel } from './ExchangePanel';
import { LettersPanel } from './LettersPanel';
import { subsidyPath } from './labels';

type Money = 'applied' | 'decided' | 'paid' | 'final' | 'refundDue' | 'additionalDue';
const MONEY: { key: Money; header: string }[] = [
  { key: 'applied', header: '申請額' },
  { key: 'decided', header: '決定額' },
  { key: 'paid', header: '支払済' },
  { key: 'final', header: '確定額' },
  { key: 'refundDue', header: '返還額' },
  { key: 'additionalDue', header: '追加交付' },
];

/** The year's reports, each with what reading it needs beyond the year (the 文書番号台帳 is the prefecture's). */
const REPORTS: { name: string; label: string; needs?: OpName }[] = [
  { name: 'subsidy.year', label: '交付状況一覧' },
  { name: 'subsidy.decisions', label: '交付決定一覧' },
  { name: 'subsidy.calculation', label: '交付額算定調書' },
  { name: 'subsidy.settlement', label: '精算書' },
  { name: 'subsidy.register', label: '文書番号台帳', needs: 'subsidy.register.get' },
];

const cellText = (n: number | null) => (n === null ? '—' : formatNumber(n));

function sumRows(rows: readonly SubsidyYearRow[]): SubsidyYearTotals {
  const sum = (pick: (r: SubsidyYearRow) => number | null) => rows.reduce((n, r) => n + (pick(r) ?? 0), 0);
  return {
    applied: sum((r) => r.applied),
    decided: sum((r) => r.decided),
    paid: sum((r) => r.paid),
    final: sum((r) => r.final),
    refundDue: sum((r) => r.refundDue),
    refunded: sum((r) => r.refunded),
    additionalDue: sum((r) => r.additionalDue),
    additionalPaid: sum((r) => r.additionalPaid),
  };
}

function BudgetNotice({ year }: { year: SubsidyYearResult }) {
  const budget = year.budget;
  if (!year.rules) return null;
  if (!budget) {
    return (
      <p className="notice subsidy-warning">
        要綱に財源の基金の事業が設定されていません。交付決定を基金の執行として記録するには、「要綱」で基金の事業を選んでください。
      </p>
    );
  }
  const project = `${budget.fundProject.number} ${budget.fundProject.name}`;
  if (budget.budget === null) {
    return (
      <p className="notice subsidy-warning" data-testid="subsidy-budget">
        財源：基金の事業「{project}」— {formatFiscalYear(year.fiscalYear as FiscalYear)}
        の予算がまだありません（基金の画面で予算の版に加えてください）。交付決定の合計 {formatYen(yen(budget.decided))}。
      </p>
    );
  }
  const left = budget.budget - budget.decided;
  return (
    <div className={left >= 0 ? 'notice subsidy-budget' : 'notice subsidy-warning'} data-testid="subsidy-budget">
      <span>
        財源：基金の事業「{project}」（{budget.versionLabel}）
      </span>
      <span>
        予算 <strong>{formatYen(yen(budget.budget))}</strong>
      </span>
      <span>
        交付決定の合計 <strong>{formatYen(yen(budget.decided))}</strong>
      </span>
      <span>
        {left >= 0 ? (
          <>
            予算内（残り <strong>{formatYen(yen(left))}</strong>）
          </>
        ) : (
          <strong>予算を {formatYen(yen(-left))} 超えています</strong>
        )}
      </span>
    </div>
  );
}

function TotalsRow({ label, totals, testId }: { label: string; totals: SubsidyYearTotals; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row" colSpan={2}>
        {label}
      </th>
      {MONEY.map((m) => (
        <td key={m.key} className="num" data-field={m.key}>
          {formatNumber(totals[m.key])}
        </td>
      ))}
    </tr>
  );
}

/** How a center's page is reached from the list: the list's filter rides along, for its 「一覧へ」 link to bring back. */
export interface FromYearList {
  listSearch: string;
}

/** What the 「一覧へ」 link of a center's page hands the list: the center to choose again. */
export interface BackToYearList {
  centerId: number;
}

/** The center whose page of the 年度 `path` is, if it is one. */
function centerOfPath(path: string | null, fy: number): number | undefined {
  const id = Number(/\/centers\/(\d+)$/.exec(path ?? '')?.[1]);
  return id > 0 && subsidyPath.center(fy, id) === path ? id : undefined;
}

function isStatus(value: string | null): value is SubsidyStatus {
  return (SUBSIDY_STATUSES as readonly string[]).includes(value ?? '');
}

export function YearOverview() {
  const fy = Number(useParams().fy) as FiscalYear;
  const mover = useMover();
  const year = useQuery('subsidy.year', { fiscalYear: fy });
  // The filter lives in the address (?status=…), so a return to the list — Back, or the center's 「一覧へ」 — keeps it.
  const [search, setSearch] = useSearchParams();
  const statusParam = search.get('status');
  const status: SubsidyStatus | '' = isStatus(statusParam) ? statusParam : '';
  const setStatus = (next: SubsidyStatus | '') => setSearch(next === '' ? {} : { status: next }, { replace: true });
  const location = useLocation();
  // The center to choose again: the one whose 「一覧へ」 link was followed, or by the browser's Back (which says
  // nothing, nor keeps its entry's state from counting again) the one whose page was just left — none when Back
  // comes from another section.
  const [left] = useState(pathLeft);
  const focusKey = useNavigationType() === 'POP' ? centerOfPath(left, fy) : (location.state as BackToYearList | null)?.centerId;
  const openCenter = (centerId: number) => {
    mover.go(subsidyPath.center(fy, centerId), { state: { listSearch: location.search } satisfies FromYearList });
  };
  const [importing, setImporting] = useState(false);
  const [exchanging, setExchanging] = useState(false);
  // The secretariat is not offered what only the prefecture may do: imports, the exchange files, letters, 基金.
  const can = useCan();
  const data = year.data;
  const rows = (data?.rows ?? []).filter((r) => status === '' || r.status === status);
  const counts = new Map<SubsidyStatus, number>();
  for (const r of data?.rows ?? []) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);

  const columns: Column<SubsidyYearRow>[] = [
    {
      key: 'name',
      header: 'センター',
      width: '17rem',
      sortValue: (r) => r.center.name,
      cell: (r) => (
        <>
          <Link
            to={subsidyPath.center(fy, r.center.id)}
            state={{ listSearch: location.search } satisfies FromYearList}
            onClick={(e) => e.stopPropagation()}
            className="subsidy-center-link"
          >
            {r.center.name}
          </Link>
          <span className="subsidy-sub">
            {SUBSIDY_CLASS_LABELS[r.center.subsidyClass]}
            {r.center.areaName ? `・${r.center.areaName}` : ''}
          </span>
        </>
      ),
    },
    {
      key: 'status',
      header: '状況',
      nowrap: true,
      sortValue: (r) => SUBSIDY_STATUSES.indexOf(r.status),
      cell: (r) => (
        <>
          <span className="badge subsidy-status" data-status={r.status}>
            {SUBSIDY_STATUS_LABELS[r.status]}
          </span>
          {r.lastStepOn && <span className="subsidy-sub">{formatWareki(r.lastStepOn as IsoDate)}</span>}
        </>
      ),
    },
    ...MONEY.map(
      (m): Column<SubsidyYearRow> => ({
        key: m.key,
        header: m.header,
        numeric: true,
        sortValue: (r) => r[m.key] ?? -1,
        cell: (r) => (
          <>
            <span data-field={m.key}>
              {m.key === 'final' || m.key === 'applied' || m.key === 'decided' ? cellText(r[m.key]) : formatNumber(r[m.key])}
            </span>
            {m.key === 'refundDue' && r.refunded > 0 && <span className="subsidy-sub">うち返還済 {formatNumber(r.refunded)}</span>}
            {m.key === 'additionalDue' && r.additionalPaid > 0 && (
              <span className="subsidy-sub">うち交付済 {formatNumber(r.additionalPaid)}</span>
            )}
          </>
        ),
      }),
    ),
  ];

  return (
    <div className="stack subsidy-year">
      {year.error && <ErrorNotice error={year.error} />}
      {data && !data.rules && (
        <div className="notice">
          {formatFiscalYear(fy)}の要綱はまだありません。
          <Link data-edit to={subsidyPath.rules(fy)}>
            「要綱」で作成する（前年度の写しから始められます）
          </Link>
        </div>
      )}
      {data && can('fund.year') && <BudgetNotice year={data} />}
      <div className="toolbar subsidy-toolbar">
        <Field label="状況で絞り込む">
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.target.value as SubsidyStatus | '')}>
              <option value="">すべて（{formatNumber(data?.rows.length ?? 0)}）</option>
              {SUBSIDY_STATUSES.filter((s) => counts.has(s)).map((s) => (
                <option key={s} value={s}>
                  {SUBSIDY_STATUS_LABELS[s]}（{counts.get(s)}）
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="subsidy-toolbar__actions">
          {can('subsidy.import.preview') && (
            <button
              data-edit
              type="button"
              className="button button--secondary"
              aria-expanded={importing}
              disabled={!data?.rules}
              onClick={() => setImporting((i) => !i)}
            >
              申請を Excel で取り込む
            </button>
          )}
          {can('subsidy.exchange.decisions.file') && (
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={exchanging}
              disabled={!data?.rules}
              onClick={() => setExchanging((e) => !e)}
            >
              医師会とのファイルのやり取り
            </button>
          )}
        </div>
      </div>
      {importing && <ApplicationsImport fiscalYear={fy} onDone={() => setImporting(false)} />}
      {exchanging && <ExchangePanel fiscalYear={fy} onClose={() => setExchanging(false)} />}
      {data && (
        <DataTable
          label={`${formatFiscalYear(fy)}のセンター別交付状況`}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.center.id}
          onActivate={(r) => openCenter(r.center.id)}
          focusKey={focusKey}
          empty={status === '' ? '台帳にセンターがありません。' : 'この状況のセンターはありません。'}
          footer={
            <>
              <TotalsRow
                label={
                  status === '' ? `合計（${formatNumber(rows.length)}センター）` : `表示中の合計（${formatNumber(rows.length)}センター）`
                }
                totals={status === '' ? data.totals : sumRows(rows)}
                testId="subsidy-total"
              />
              {status !== '' && (
                <TotalsRow
                  label={`年度の合計（${formatNumber(data.rows.length)}センター）`}
                  totals={data.totals}
                  testId="subsidy-year-total"
                />
              )}
            </>
          }
        />
      )}
      {data && (
        <p className="muted subsidy-note">
          金額の単位は円。申請額・決定額は最新の変更後、返還額・追加交付は額の確定による支払済との差額です。行を選んで
          Enter（またはセンター名）でそのセンターの算定と手続きを開きます。
        </p>
      )}
      {data?.rules && <LettersPanel fiscalYear={fy} steps={data.rows.flatMap((r) => r.steps)} />}
      <div className="subsidy-reports" role="group" aria-label="帳票">
        <span className="muted">帳票:</span>
        {REPORTS.filter((r) => !r.needs || can(r.needs)).map((r) => (
          <Link key={r.name} className="button button--secondary button--small" to={subsidyPath.report(r.name, fy)}>
            {r.label}
          </Link>
        ))}
      </div>
    </div>
  );
}
