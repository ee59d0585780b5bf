/**
 * 試算 (#/subsidy/2023/simulate): the year's 要綱 copied into a form, and for
 * every center its amount under the saved and the edited 要綱 on the same
 * amounts (its latest actuals, change or application, or the 基準額 before it
 * has applied), the difference and the totals — recomputed as the copy is
 * edited, with nothing saved until the officer says so.
 */
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice } from '@renderer/components/ConflictNotice';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { FieldErrors, useFocusFirstError } from '@renderer/components/Field';
import { useToast } from '@renderer/components/Toast';
import type { SubsidyRules, SubsidySimulation, SubsidySimulationRow } from '@shared/contract/subsidy';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber } from '@shared/format';
import { subsidyPath } from './labels';
import { RulesEditor } from './RulesEditor';
import { RulesUnplaced, rulesIssues } from './RulesPage';
import { type RulesDraft, readRulesDraft, rulesDraftLines, rulesDraftOf } from './rulesDraft';

const BASIS_LABELS: Record<SubsidySimulationRow['basis'], string> = {
  actual_report: '実績報告の金額',
  change_application: '変更交付申請の金額',
  application: '交付申請の金額',
  base_amount: '基準額（申請前）',
};

/** −353,000 / +250,000 / 0 */
function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '0';
}

/** A center one 要綱 cannot compute: said so, never shown as 0. */
const UNCOMPUTED = '算定できません';

/** Why the totals are short of some centers: 「算定できないセンター（つまり医療介護連携センター）は合計に含めていません。」 */
function UncomputedNote({ simulation }: { simulation: SubsidySimulation }) {
  if (simulation.uncomputed.length === 0) return null;
  return (
    <p className="notice notice--error" role="alert">
      算定できないセンター（{simulation.uncomputed.join('、')}
      ）は、保存済の要綱・試算のどちらの合計にも含めていません。理由は表の各センターの欄にあります。
    </p>
  );
}

function Totals({ simulation, saved }: { simulation: SubsidySimulation | undefined; saved: number | undefined }) {
  const t = simulation?.totals;
  return (
    <div className="subsidy-simbar" role="status" aria-label="試算の合計">
      <span>
        保存済の要綱による合計 <strong data-testid="sim-saved">{saved !== undefined ? formatNumber(saved) : '—'}</strong> 円
      </span>
      <span>
        試算の合計 <strong data-testid="sim-simulated">{t ? formatNumber(t.simulated) : '—'}</strong> 円
      </span>
      <span className={t && t.difference !== 0 ? 'subsidy-simbar__diff' : undefined}>
        差額 <strong data-testid="sim-difference">{t ? signed(t.difference) : '—'}</strong> 円
      </span>
    </div>
  );
}

function ResultTable({ simulation, fy }: { simulation: SubsidySimulation; fy: FiscalYear }) {
  return (
    <div className="table-wrap">
      <table className="table subsidy-sim" aria-label="センターごとの試算">
        <thead>
          <tr>
            <th>センター</th>
            <th>算定に使った金額</th>
            <th className="num">保存済の要綱</th>
            <th className="num">試算</th>
            <th className="num">差額</th>
          </tr>
        </thead>
        <tbody>
          {simulation.rows.map((r) => (
            <tr key={r.center.id} className={r.difference !== 0 ? 'subsidy-sim__changed' : undefined} data-center={r.center.name}>
              <td>
                <Link to={subsidyPath.center(fy, r.center.id)}>{r.center.name}</Link>
                {r.problem && <span className="field__error subsidy-sub">{r.problem}</span>}
              </td>
              <td>{BASIS_LABELS[r.basis]}</td>
              <td className="num" data-field="saved">
                {r.saved === null ? UNCOMPUTED : formatNumber(r.saved)}
              </td>
              <td className="num" data-field="simulated">
                {r.simulated === null ? UNCOMPUTED : formatNumber(r.simulated)}
              </td>
              <td className="num" data-field="difference">
                {r.difference === null ? '—' : signed(r.difference)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              合計（{formatNumber(simulation.rows.length - simulation.uncomputed.length)}センター
              {simulation.uncomputed.length > 0 && `、算定できない${formatNumber(simulation.uncomputed.length)}センターを除く`}）
            </th>
            <td className="num">{formatNumber(simulation.totals.saved)}</td>
            <td className="num">{formatNumber(simulation.totals.simulated)}</td>
            <td className="num">{signed(simulation.totals.difference)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Simulation({ fy, saved, version: readVersion }: { fy: FiscalYear; saved: SubsidyRules; version: number }) {
  const [draft, setDraft] = useState<RulesDraft>(() => rulesDraftOf(saved));
  // The saved 要綱's version as read (or at 再読み込み): saving the simulated one names it.
  const [version, setVersion] = useState(readVersion);
  const { client } = useApi();
  const [confirming, setConfirming] = useState(false);
  const read = readRulesDraft(draft);
  // The last 要綱 that could be read, so a half-typed figure keeps the last result on screen.
  const [rules, setRules] = useState<SubsidyRules>(saved);
  if ('rules' in read && JSON.stringify(read.rules) !== JSON.stringify(rules)) setRules(read.rules);
  const simulation = useQuery('subsidy.simulate', { fiscalYear: fy, rules }, { keepPreviousWhileLoading: true });
  // The saved 要綱's total does not follow the copy: kept from the last answer, so a copy the core refuses still shows it.
  const [savedTotal, setSavedTotal] = useState<number>();
  if (simulation.data && simulation.data.totals.saved !== savedTotal) setSavedTotal(simulation.data.totals.saved);
  const save = useMutation('subsidy.rules.save');
  const toast = useToast();
  const issues = rulesIssues(draft, 'problems' in read ? read.problems : undefined, save.error);
  const editorRef = useRef<HTMLElement>(null);
  useFocusFirstError(editorRef, save.error);

  const doSave = async () => {
    setConfirming(false);
    if ('problems' in read) {
      toast(
        `要綱の写しに読み取れない欄が ${read.problems.length} か所あるため、保存していません。赤い欄を直してから保存してください。`,
        'error',
      );
      return;
    }
    const done = await save.run({ fiscalYear: fy, ...read.rules, version });
    if (done) setVersion(done.version);
    if (done) toast(`試算した内容で${formatFiscalYear(fy)}の要綱を保存しました`, 'success');
  };

  return (
    <div className="stack subsidy-simulate">
      <p className="muted">
        下の要綱の写しを変えると（基準額・補助率・上限額など）、各センターの額をすぐに計算し直します。試算しているあいだは何も保存されません。
        各センターの金額は、実績報告・変更交付申請・交付申請のうち最新のもの、申請前のセンターは基準額で算定します。
      </p>
      <Totals simulation={simulation.data} saved={savedTotal} />
      {'problems' in read && (
        <div className="notice notice--error" role="alert">
          要綱の写しに読み取れない欄が {read.problems.length}{' '}
          か所あります。赤い欄を直すまで、前の内容での試算を表示しています（保存もできません）。
        </div>
      )}
      {simulation.error && <ErrorNotice error={simulation.error} title="試算できませんでした。" />}
      {simulation.data && <UncomputedNote simulation={simulation.data} />}
      {simulation.data && <ResultTable simulation={simulation.data} fy={fy} />}
      <section aria-labelledby="subsidy-sim-rules" className="stack" ref={editorRef}>
        <h2 id="subsidy-sim-rules" className="subsidy-subhead">
          試算する要綱（{formatFiscalYear(fy)}の要綱の写し）
        </h2>
        <FieldErrors issues={issues}>
          <RulesEditor draft={draft} onChange={setDraft} />
        </FieldErrors>
      </section>
      <RulesUnplaced issues={issues} draft={draft} />
      <ConflictNotice
        error={save.error?.error}
        unsaved={rulesDraftLines(draft)}
        onReload={async () => {
          const fresh = await client.call('subsidy.rules.get', { fiscalYear: fy });
          if (fresh) setDraft(rulesDraftOf(fresh));
          setVersion(fresh?.version ?? version);
          save.reset();
        }}
      />
      <div className="subsidy-savebar">
        <span className="muted">保存済の要綱は変わっていません</span>
        <button data-view type="button" className="button button--secondary" onClick={() => setDraft(rulesDraftOf(saved))}>
          保存済の要綱に戻す
        </button>
        <button
          data-edit
          type="button"
          className="button button--secondary"
          disabled={'problems' in read || save.pending}
          title={'problems' in read ? '赤い欄を直すと保存できます' : undefined}
          onClick={() => setConfirming(true)}
        >
          この内容で要綱を保存…
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`試算した内容で${formatFiscalYear(fy)}の要綱を保存しますか？`}
          confirmLabel="保存する"
          onConfirm={() => void doSave()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            保存すると、これからの申請・決定・確定の算定にこの要綱が使われます（記録済みの金額は変わりません）。試算の合計の差額は{' '}
            {simulation.data ? signed(simulation.data.totals.difference) : '—'} 円です。
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

export function SimulatePage() {
  const fy = Number(useParams().fy) as FiscalYear;
  const rules = useQuery('subsidy.rules.get', { fiscalYear: fy });
  if (rules.error) return <ErrorNotice error={rules.error} />;
  if (rules.data === undefined) return <p className="muted">読み込み中…</p>;
  if (rules.data === null) {
    return (
      <p className="notice">
        {formatFiscalYear(fy)}の要綱がないため試算できません。<Link to={subsidyPath.rules(fy)}>「要綱」で作成してください。</Link>
      </p>
    );
  }
  const { fiscalYear: _fy, fundProject: _project, areas: _areas, version, ...saved } = rules.data;
  return <Simulation key={fy} fy={fy} saved={saved} version={version} />;
}
