/**
 * 基金: the year view of the fund plan — 医療分 or 介護分, a 年度 and one of its
 * budget versions — with the projects by 区分 edited in place, the year's
 * problems, budget against spending per 区分, the comparison of two versions
 * and the fund's balance year by year.
 */
import { useState } from 'react';
import { FUND_SIDE_LABELS, FUND_SIDES, type FundProject, type FundSide } from '../../../../shared/contract/fund';
import type { IsoDate } from '../../../../shared/dates';
import { type FiscalYear, formatFiscalYear } from '../../../../shared/fiscal-year';
import { formatWareki } from '../../../../shared/wareki';
import { OpFailure } from '../../api/client';
import { useApi, useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { FiscalYearSelect } from '../../components/FiscalYearSelect';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { AddToVersion } from './AddToVersion';
import { readAmountText } from '../../../../shared/numbers';
import { editedLine } from './amountLine';
import { BalanceTable } from './BalanceTable';
import { BudgetChart } from './BudgetChart';
import { ComparePanel } from './ComparePanel';
import { type MoneyUnit, UNIT_LABELS, unitNote } from './money';
import { ProjectDrawer } from './ProjectDrawer';
import { ProjectImport } from './ProjectImport';
import { useNewestPlannedYear } from './useNewestPlannedYear';
import { VersionForm } from './VersionForm';
import { type CommitCell, YearTable } from './YearTable';
import { Options } from '../../components/Options';

function Toggle<T extends string>({ legend, name, options, labels, value, onChange }: { legend: string; name: string; options: readonly T[]; labels: Record<T, string>; value: T; onChange(v: T): void }) {
  return (
    <fieldset className="fund-toggle">
      <legend>{legend}</legend>
      <div className="fund-toggle__options">
        {options.map((o) => (
          <label key={o} className={o === value ? 'fund-toggle__option fund-toggle__option--on' : 'fund-toggle__option'}>
            <input type="radio" name={name} value={o} checked={o === value} onChange={() => onChange(o)} />
            {labels[o]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function YearScreen({ initialYear }: { initialYear: FiscalYear }) {
  const [side, setSide] = useState<FundSide>('medical');
  const [fy, setFy] = useState(initialYear);
  const [versionId, setVersionId] = useState<number>();
  const [unit, setUnit] = useState<MoneyUnit>('yen');
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  /** The project in the drawer: null for a new one, undefined when the drawer is closed. */
  const [drawer, setDrawer] = useState<FundProject | null>();
  const { client, invalidate } = useApi();
  const toast = useToast();
  const year = useQuery('fund.year', { side, fiscalYear: fy, ...(versionId !== undefined ? { versionId } : {}) });
  const projects = useQuery('fund.projects.list', { side });
  const numbers = new Map((projects.data ?? []).map((p) => [p.id, p.number]));
  const names = new Map((projects.data ?? []).map((p) => [p.id, p.name]));
  const data = year.data;
  const versions = data?.versions ?? [];

  const choose = (next: { side?: FundSide; fy?: FiscalYear }) => {
    if (next.side) setSide(next.side);
    if (next.fy) setFy(next.fy);
    setVersionId(undefined);
    setAdding(false);
    setImporting(false);
  };

  const commit: CommitCell = async (projectId, field, text) => {
    const current = data?.amounts[projectId];
    if (!data?.version || !current) return undefined;
    const read = readAmountText(text, { label: field === 'fundAmount' ? '基金充当額' : 'その他' });
    if ('problem' in read) return read.problem;
    const value = read.value ?? 0;
    if (value === current[field]) return undefined;
    try {
      await client.call('fund.amounts.save', { versionId: data.version.id, lines: [editedLine(projectId, current, field, value)] });
      invalidate();
      return undefined;
    } catch (e) {
      const message = e instanceof OpFailure ? e.message : String(e);
      toast(message, 'error');
      return message;
    }
  };

  return (
    <div className="fund-page">
      <div className="toolbar fund-toolbar">
        <Toggle legend="基金の区分" name="fund-side" options={FUND_SIDES} labels={FUND_SIDE_LABELS} value={side} onChange={(s) => choose({ side: s })} />
        <Field label="年度">{(p) => <FiscalYearSelect {...p} value={fy} onChange={(y) => choose({ fy: y })} />}</Field>
        <Field label="版">
          {(p) => (
            <select {...p} value={data?.version?.id ?? ''} disabled={versions.length === 0} onChange={(e) => setVersionId(Number(e.target.value))}>
              {versions.length === 0 && <option value="">（まだありません）</option>}
              <Options items={versions} value={(v) => v.id} label={(v) => v.label} />
            </select>
          )}
        </Field>
        <Toggle legend="表示の単位" name="fund-unit" options={['yen', 'sen'] as const} labels={UNIT_LABELS} value={unit} onChange={setUnit} />
        <div className="fund-toolbar__actions">
          <button type="button" className="button button--secondary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
            ＋ 版を追加
          </button>
          <button type="button" className="button button--secondary" aria-expanded={importing} disabled={!data?.version} onClick={() => setImporting((i) => !i)}>
            Excel で取り込む
          </button>
          <button type="button" className="button" onClick={() => setDrawer(null)}>
            ＋ 事業を追加
          </button>
        </div>
      </div>

      {adding && (
        <VersionForm
          side={side}
          fiscalYear={fy}
          hasVersions={versions.length > 0}
          onCreated={() => {
            setVersionId(undefined);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {importing && data?.version && <ProjectImport side={side} fiscalYear={fy} version={data.version} onDone={() => setImporting(false)} />}
      {year.error && <ErrorNotice error={year.error} />}
      {data && !data.version && (
        <div className="notice">
          {FUND_SIDE_LABELS[side]}の{formatFiscalYear(fy)}の計画はまだありません。「版を追加」から当初予算を作成してください。
        </div>
      )}
      {data?.version && (
        <div className="stack">
          <div className="fund-version" data-testid="fund-version">
            <strong>
              {formatFiscalYear(fy)} {data.version.label}
            </strong>
            <span>{formatWareki(data.version.datedOn as IsoDate)}</span>
            {data.version.reason && <span className="muted">{data.version.reason}</span>}
            {data.version.id !== versions.at(-1)?.id && <span className="badge badge--gray">過去の版</span>}
          </div>
          {data.view.problems.length > 0 && (
            <div className="notice fund-problems" role="status" aria-label="確認が必要な点">
              <strong>確認が必要な点が {data.view.problems.length} 件あります</strong>
              <ul>
                {data.view.problems.map((p) => (
                  <li key={p.message}>{p.message}</li>
                ))}
              </ul>
            </div>
          )}
          <div>
            <p className="fund-table-note">
              <span>{unitNote(unit)}</span>
              <span>基金充当額・その他のセルは、選んで数字を入力し Enter で保存します（円単位。Esc で取り消し、↑↓ で行を移動）。国 = 基金充当額 × 2/3（1円未満切り捨て）、県はその残り。</span>
            </p>
            <YearTable view={data.view} numbers={numbers} unit={unit} onCommit={commit} onOpen={(id) => setDrawer(projects.data?.find((p) => p.id === id) ?? null)} />
            <AddToVersion versionId={data.version.id} projects={(projects.data ?? []).filter((p) => !(p.id in data.amounts))} />
          </div>
          <BudgetChart view={data.view} unit={unit} />
          {versions.length >= 2 && <ComparePanel key={`${side}-${fy}-${versions.length}`} versions={versions} names={names} unit={unit} />}
        </div>
      )}
      <div className="fund-balance">
        <BalanceTable key={side} side={side} unit={unit} />
      </div>
      {drawer !== undefined && (
        <ProjectDrawer key={drawer?.id ?? 'new'} project={drawer} side={side} fiscalYear={fy} versionId={data?.version?.id} unit={unit} onClose={() => setDrawer(undefined)} />
      )}
    </div>
  );
}

export function FundPage() {
  const initialYear = useNewestPlannedYear('medical');
  return (
    <>
      <PageHeader title="基金" lead="地域医療介護総合確保基金の計画と執行（事業ごとの予算・版・執行・基金残高）" />
      {initialYear === undefined ? <p className="muted">読み込み中…</p> : <YearScreen initialYear={initialYear} />}
    </>
  );
}
