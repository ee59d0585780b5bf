/**
 * The 要綱 of a 年度 (#/subsidy/2023/rules): the form of its programs and 別表
 * rows, saved whole; a year without one starts as a copy of another year's
 * (or empty), and a year's 要綱 can be carried to the next 年度 in one step.
 * The 交付の条件 its 交付決定通知書 print, and the name of the 補助金等交付規則
 * the letters cite, are edited here too.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { OpFailure } from '@renderer/api/client';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, FieldErrors, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { fiscalYearLabel } from '@renderer/components/FiscalYearSelect';
import { LeaveGuard } from '@renderer/components/LeaveGuard';
import { pathNow, useMover } from '@renderer/components/Navigation';
import { ReadOnlyFields } from '@renderer/components/ReadOnly';
import { SaveBar } from '@renderer/components/SaveBar';
import { useSavedDraft } from '@renderer/components/savedDraft';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { type FieldIssue, issuesOf, unplacedMessages } from '@renderer/lib/formErrors';
import type { SubsidyRulesRecord } from '@shared/contract/subsidy';
import { addFiscalYears, type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { regulationName, standardConditions } from '@shared/subsidy/letters';
import { BudgetOverride, NO_OVERRIDE } from './BudgetOverride';
import { subsidyPath } from './labels';
import { RulesEditor } from './RulesEditor';
import {
  emptyRulesDraft,
  placeOf,
  type RulesDraft,
  readRulesDraft,
  rulesDraftLines,
  rulesDraftOf,
  rulesFieldPaths,
  rulesFormPathOf,
} from './rulesDraft';

/** The form's own problems at the last save, else the core's refusal, at the 要綱 editor's places. */
export function rulesIssues(draft: RulesDraft, problems: FieldIssue[] | undefined, error: OpFailure | undefined): FieldIssue[] {
  // A save over someone else's newer 要綱 is told by the conflict notice, at no field.
  if (!problems && isVersionConflict(error?.error)) return [];
  return problems ?? issuesOf(error?.error).map((issue) => ({ ...issue, path: rulesFormPathOf(issue.path, draft) }));
}

/** What the core refused that no field of the editor shows (a program as a whole, a duplicate 区分), each with its place. */
export function RulesUnplaced({ issues, draft, fields = [] }: { issues: FieldIssue[]; draft: RulesDraft; fields?: string[] }) {
  const shown = [...rulesFieldPaths(draft), ...fields.map((f) => [f])];
  const left = issues.filter((issue) => unplacedMessages([issue], shown).length > 0);
  if (left.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert">
      <strong>保存できませんでした。</strong>
      <ul className="subsidy-issues">
        {left.map((issue, i) => (
          <li key={i}>
            {placeOf(issue.path, draft)} {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function NoRules({ fy, years, onStartEmpty }: { fy: FiscalYear; years: number[]; onStartEmpty(): void }) {
  const copy = useMutation('subsidy.rules.copy');
  const toast = useToast();
  useErrorToast(copy.error);
  const [from, setFrom] = useState(() => String(years.find((y) => y < fy) ?? years[0] ?? ''));
  const doCopy = async () => {
    const saved = await copy.run({ from: Number(from), to: fy });
    if (saved)
      toast(
        `${formatFiscalYear(Number(from) as FiscalYear)}の要綱を写して${formatFiscalYear(fy)}の要綱を作りました。金額を確かめてください`,
        'success',
      );
  };
  return (
    <section className="card" aria-labelledby="subsidy-norules-title">
      <h2 id="subsidy-norules-title">{formatFiscalYear(fy)}の要綱はまだありません</h2>
      <p>新しい年度の要綱は、前の年度の要綱を写して始め、基準額や補助率の変わったところだけを直すのが確実です。</p>
      <div className="toolbar" style={{ marginBottom: 0 }}>
        {years.length > 0 && (
          <>
            <Field label="写す元の年度">
              {(p) => (
                <select {...p} value={from} onChange={(e) => setFrom(e.target.value)}>
                  {years.map((y) => (
                    <option key={y} value={y}>
                      {fiscalYearLabel(y as FiscalYear)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button data-edit type="button" className="button" disabled={copy.pending || from === ''} onClick={() => void doCopy()}>
              {formatFiscalYear(Number(from) as FiscalYear)}の要綱を写して始める
            </button>
          </>
        )}
        <button data-edit type="button" className="button button--secondary" onClick={onStartEmpty}>
          空の要綱から作る
        </button>
      </div>
    </section>
  );
}

/** The standard 交付の条件 under the draft's 規則 (its own name for it, else the prefecture's). */
const standardOf = (draft: Pick<RulesDraft, 'regulationName'>, prefecture: string | null) =>
  standardConditions(regulationName(draft.regulationName, prefecture));

/**
 * The 規則 the letters cite and the 交付の条件 the year's 交付決定通知書 print, one per line (the letter numbers them).
 * Conditions still the standard ones follow a new name of the 規則.
 */
function ConditionsCard({ draft, prefecture, onChange }: { draft: RulesDraft; prefecture: string | null; onChange(d: RulesDraft): void }) {
  const standard = standardOf(draft, prefecture);
  const derived = regulationName('', prefecture);
  const setRegulation = (name: string) => {
    const next = { ...draft, regulationName: name };
    onChange(draft.conditions === standard ? { ...next, conditions: standardOf(next, prefecture) } : next);
  };
  return (
    <section className="card" aria-labelledby="subsidy-conditions-title">
      <div className="card__head">
        <h2 id="subsidy-conditions-title">交付規則と交付の条件（通知書に印字）</h2>
        {draft.conditions !== standard && (
          <button
            data-edit
            type="button"
            className="button button--secondary button--small"
            onClick={() => onChange({ ...draft, conditions: standard })}
          >
            標準の条件に戻す
          </button>
        )}
      </div>
      <Field
        label="補助金等交付規則の名前"
        path={['regulationName']}
        hint={`交付決定通知書・返還命令書などの本文に印字します。空欄なら「${derived}」です。県の規則の名前が違うとき（例: 大阪府補助金交付規則）だけ入力してください。`}
      >
        {(p) => (
          <input
            {...p}
            name="regulationName"
            placeholder={derived}
            value={draft.regulationName}
            onChange={(e) => setRegulation(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="条件"
        path={['conditions']}
        hint="1行に1つ書きます。番号（（1）（2）…）は印字のときに付けます。この年度の要綱で交付決定したすべてのセンターの通知書に載ります。空欄にすると標準の条件を印字します。"
      >
        {(p) => (
          <textarea
            {...p}
            name="conditions"
            rows={8}
            className="subsidy-conditions"
            value={draft.conditions}
            onChange={(e) => onChange({ ...draft, conditions: e.target.value })}
          />
        )}
      </Field>
    </section>
  );
}

function RulesForm({
  fy,
  record,
  years,
  prefecture,
}: {
  fy: FiscalYear;
  record: SubsidyRulesRecord | null;
  years: number[];
  /** The 台帳's prefecture, whose 規則 the letters cite unless the 要綱 names another. */
  prefecture: string | null;
}) {
  // The 要綱 as last read or saved (its version goes with the save; none yet: 0), and the form typed over it.
  const form = useSavedDraft(record, (read) =>
    read ? rulesDraftOf(read, standardOf(read, prefecture)) : emptyRulesDraft(standardOf({ regulationName: '' }, prefecture)),
  );
  const { draft, setDraft, dirty } = form;
  // A 要綱 started here exists only once saved: until then it is unsaved, typed in or not, and leaving it asks.
  const isNew = form.record === null;
  const [problems, setProblems] = useState<FieldIssue[]>();
  const formRef = useRef<HTMLFormElement>(null);
  const [override, setOverride] = useState(NO_OVERRIDE);
  const { client, invalidate } = useApi();
  const save = useMutation('subsidy.rules.save');
  const copy = useMutation('subsidy.rules.copy');
  const toast = useToast();
  const mover = useMover();
  useErrorToast(copy.error);
  // A colleague's save (their first 要綱 too) shows at once in a form nobody is typing in; typing in progress stays,
  // and its save then meets the conflict notice.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new reading of the record is followed, with the form as it is then.
  useEffect(() => {
    if (record && record.version !== form.record?.version && !dirty) form.take(record);
  }, [record]);
  // Relinking the 基金 project while decisions exist holds them to the new project's budget.
  const overrideError = fieldError(save.error?.error, 'override');
  const overrideReasonError = fieldError(save.error?.error, 'overrideReason');
  const nextYear = addFiscalYears(fy, 1);
  const issues = rulesIssues(draft, problems, save.error);
  useFocusFirstError(formRef, problems ?? save.error);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const read = readRulesDraft(draft, standardOf(draft, prefecture));
    if ('problems' in read) {
      setProblems(read.problems);
      return;
    }
    setProblems(undefined);
    // 0: read as no 要綱 yet, so a colleague's first 要綱 meanwhile is not overwritten.
    const saved = await form.save((_, from) => save.run({ fiscalYear: fy, ...read.rules, ...override, version: from?.version ?? 0 }));
    if (saved) {
      setOverride(NO_OVERRIDE);
      toast(`${formatFiscalYear(fy)}の要綱を保存しました`, 'success');
    }
  };
  const copyToNext = async () => {
    const from = pathNow();
    const saved = await copy.run({ from: fy, to: nextYear });
    if (saved) {
      toast(`${formatFiscalYear(nextYear)}の要綱を、この要綱の写しで作りました`, 'success');
      mover.goIfStill(from, subsidyPath.rules(nextYear));
    }
  };

  return (
    <form
      id="subsidy-rules-form"
      ref={formRef}
      data-save-shortcut
      onSubmit={submit}
      aria-label={`${formatFiscalYear(fy)}の要綱`}
      className="stack"
    >
      <ReadOnlyFields>
        <LeaveGuard dirty={dirty || isNew} what={`${formatFiscalYear(fy)}の要綱`} />
        {record === null && <p className="notice">空の要綱から作っています。保存するまで記録されません。</p>}
        <FieldErrors issues={issues}>
          <RulesEditor draft={draft} onChange={setDraft} />
          <ConditionsCard draft={draft} prefecture={prefecture} onChange={setDraft} />
        </FieldErrors>
        <RulesUnplaced issues={issues} draft={draft} fields={['override', 'overrideReason', 'conditions', 'regulationName']} />
        <ConflictNotice
          error={save.error?.error}
          unsaved={rulesDraftLines(draft)}
          onReload={async () => {
            const fresh = await client.call('subsidy.rules.get', { fiscalYear: fy });
            // None any more (its first save taken back): what is typed stays, to be saved as the first again.
            form.take(fresh, fresh ? undefined : draft);
            save.reset();
            invalidate();
          }}
        />
        {(overrideError || overrideReasonError || override.override) && (
          <div className="card">
            <BudgetOverride value={override} onChange={setOverride} error={overrideError} reasonError={overrideReasonError} />
          </div>
        )}
        <SaveBar dirty={dirty} isNew={isNew} onRevert={() => setDraft(form.saved)}>
          {record && !years.includes(nextYear) && (
            <button
              data-edit
              type="button"
              className="button button--secondary"
              disabled={copy.pending || dirty}
              onClick={() => void copyToNext()}
              title={dirty ? '先に保存してください' : undefined}
            >
              {formatFiscalYear(nextYear)}の要綱をこの写しで作る
            </button>
          )}
          <button type="submit" className="button" disabled={save.pending}>
            要綱を保存する
          </button>
        </SaveBar>
      </ReadOnlyFields>
    </form>
  );
}

export function RulesPage() {
  const fy = Number(useParams().fy) as FiscalYear;
  const rules = useQuery('subsidy.rules.get', { fiscalYear: fy });
  const years = useQuery('subsidy.rules.years', {});
  const masters = useQuery('masters.overview', {});
  /** The 年度 whose empty 要綱 is being written. */
  const [startEmpty, setStartEmpty] = useState<number>();
  const error = rules.error ?? masters.error;
  if (error) return <ErrorNotice error={error} />;
  if (rules.data === undefined || !years.data || !masters.data) return <p className="muted">読み込み中…</p>;
  if (rules.data === null && startEmpty !== fy)
    return <NoRules key={fy} fy={fy} years={years.data} onStartEmpty={() => setStartEmpty(fy)} />;
  // A fresh form per year, so a copy or another year never shows the last one's figures; within a year the form
  // follows saves itself (a remount on a colleague's first save would throw away what is being typed).
  return <RulesForm key={fy} fy={fy} record={rules.data} years={years.data} prefecture={masters.data.prefecture?.name ?? null} />;
}
