/**
 * The next step of a center's year: only the kinds its derived status allows,
 * each with its own fields — the amounts of an application, change or
 * actuals with their calculation as they are typed; a decision's 指令番号 and
 * amount, prefilled with the computed one, with the reason and the 基金
 * budget override it may need; a payment; 額の確定 with the final amount and
 * the refund or additional payment it leads to; a refund or an additional
 * payment. Every wrong field — found by the form or refused by the core — is
 * shown next to it at once, and the first one is brought into view.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { DateField } from '@renderer/components/DateField';
import { Field, FieldErrors, FormErrorNotice, useFocusFirstError } from '@renderer/components/Field';
import { useToast } from '@renderer/components/Toast';
import { type FieldIssue, issuesOf, messageAt } from '@renderer/lib/formErrors';
import type { OpError, OpInput } from '@shared/contract';
import { refusalFor } from '@shared/contract/permissions';
import { STEP_KIND_LABELS, type StepKind, type SubsidyCenterResult, type SubsidyInputs } from '@shared/contract/subsidy';
import { isoDateOfLocal } from '@shared/dates';
import { allowedDates, type FiscalYear, fiscalYearStart, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber, formatYen } from '@shared/format';
import { yen } from '@shared/money';
import { readAmountText } from '@shared/numbers';
import { finalAmount, overBudget, suggestedStepDate } from '@shared/subsidy/lifecycle';
import { AmountsFields } from './AmountsFields';
import { BudgetOverride, NO_OVERRIDE, type OverrideValue } from './BudgetOverride';
import { CalcSheet, type SheetColumn, sheetColumn } from './CalcSheet';
import { formPathOf, type InputsDraft, inputsDraftOf, readInputsDraft } from './inputsDraft';
import { STEP_AMOUNT_LABELS, yenOrDash } from './labels';

/**
 * The kind offered first among those allowed: the usual next step — 額の確定
 * once the actuals are in, else another advance while one is possible — and a
 * change last.
 */
const PREFERRED: StepKind[] = [
  'application',
  'decision',
  'change_decision',
  'settlement',
  'refund',
  'additional',
  'payment',
  'actual_report',
  'change_application',
];
const WITH_INPUTS: readonly StepKind[] = ['application', 'change_application', 'actual_report'];
const DECISIONS: readonly StepKind[] = ['decision', 'change_decision'];
/** Fields the forms show, where the core's message for them goes. */
const FIELDS = ['datedOn', 'orderNo', 'amount', 'reason', 'override', 'overrideReason'] as const;

/** The amounts a new application, change or actuals start from: the latest ones entered. */
function startingInputs(result: SubsidyCenterResult): SubsidyInputs | null {
  return result.steps.findLast((s) => s.inputs !== null && WITH_INPUTS.includes(s.kind))?.inputs ?? null;
}

function DraftCalculation({
  result,
  inputs,
  compareWith,
}: {
  result: SubsidyCenterResult;
  inputs: SubsidyInputs;
  compareWith: SheetColumn | null;
}) {
  const calc = useQuery(
    'subsidy.calculate',
    { centerId: result.center.id, fiscalYear: result.fiscalYear, inputs },
    { keepPreviousWhileLoading: true },
  );
  if (calc.error) {
    return (
      <div className="notice notice--error" role="alert">
        {calc.error.message}
      </div>
    );
  }
  if (!calc.data) return <p className="muted">算定しています…</p>;
  const draft: SheetColumn = { key: 'draft', label: '入力中の金額', computation: calc.data };
  return (
    <div className="subsidy-preview">
      <p className="subsidy-preview__total" data-testid="draft-total">
        この金額による算定額 <strong>{formatYen(calc.data.total)}</strong>
      </p>
      <CalcSheet columns={compareWith ? [compareWith, draft] : [draft]} rules={result.rules} label="入力中の金額の算定" />
    </div>
  );
}

/** What was typed into a step's form, as lines 「項目: 値」, kept for copying after the save was refused. */
function unsavedOf(
  kind: StepKind,
  fields: { datedOn: string; orderNo: string; amount: string; reason: string; override: OverrideValue },
  inputs: InputsDraft | null,
) {
  return [
    `${STEP_KIND_LABELS[kind]} 日付: ${fields.datedOn}`,
    `番号: ${fields.orderNo}`,
    ...(inputs
      ? inputs
          .filter((p) => p.included)
          .map(
            (p) =>
              `${p.name}: 総事業費 ${p.totalCost} 寄付金その他の収入 ${p.otherIncome}` +
              (p.kind === 'operating' ? ` 対象経費 ${p.eligibleExpense}` : ` 種目 ${Object.values(p.items).join('・')}`),
          )
      : [`金額: ${fields.amount}`]),
    `理由: ${fields.reason}`,
    ...(fields.override.override ? [`予算を超える理由: ${fields.override.overrideReason}`] : []),
  ].join('\n');
}

function KindForm({
  result,
  kind,
  onDone,
  onConflict,
  typing,
}: {
  result: SubsidyCenterResult;
  kind: StepKind;
  onDone(): void;
  /** The save was refused over someone else's newer step: the page reloads the center, so the form starts afresh. */
  onConflict(error: OpError, unsaved: string): void;
  /** Kept up to date with what was typed (null while untouched or while its own save is underway), for the page to keep. */
  typing: { current: string | null };
}) {
  const { state, sheets, center, fiscalYear } = result;
  // The center's list of steps as this form read it: the save names it, refused when someone added or took back a step since.
  const [version] = useState(result.version);
  const rules = result.rules!;
  const add = useMutation('subsidy.steps.add');
  const toast = useToast();
  const year = useQuery('subsidy.year', { fiscalYear });
  const computedSheet = kind === 'change_decision' ? sheets.change : sheets.application;
  const computed = DECISIONS.includes(kind) ? (computedSheet?.computation?.total ?? null) : null;
  const due =
    kind === 'refund' ? state.refundDue - state.refunded : kind === 'additional' ? state.additionalDue - state.additionalPaid : null;

  const [datedOn, setDatedOn] = useState<string>(() => suggestedStepDate(fiscalYear, kind, result.steps, isoDateOfLocal(new Date())));
  const allowed = allowedDates(fiscalYear as FiscalYear, 'subsidyStep');
  const [orderNo, setOrderNo] = useState('');
  const [amount, setAmount] = useState(() => (computed !== null ? formatNumber(computed) : due !== null ? formatNumber(due) : ''));
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(NO_OVERRIDE);
  const [inputs, setInputs] = useState<InputsDraft>(() => inputsDraftOf(rules, startingInputs(result)));
  /** What the form itself found wrong at the last 記録する, before asking the core. */
  const [problems, setProblems] = useState<FieldIssue[]>();
  const formRef = useRef<HTMLFormElement>(null);

  const read = WITH_INPUTS.includes(kind) ? readInputsDraft(inputs) : null;
  const typed = readAmountText(amount, { label: '金額' });
  const issues =
    problems ??
    issuesOf(isVersionConflict(add.error?.error) ? undefined : add.error?.error).map((issue) => ({
      ...issue,
      path: formPathOf(issue.path, inputs),
    }));
  const messageFor = (field: (typeof FIELDS)[number]) => messageAt(issues, field);
  useFocusFirstError(formRef, problems ?? add.error);
  const unsaved = unsavedOf(kind, { datedOn, orderNo, amount, reason, override }, WITH_INPUTS.includes(kind) ? inputs : null);
  const [untouched] = useState(unsaved);
  useEffect(() => {
    typing.current = unsaved === untouched ? null : unsaved;
  }, [typing, unsaved, untouched]);
  const refused = add.error?.error;
  // Told once by the section (ConflictNotice), which outlives this form: 再読み込み starts the form afresh on the new steps.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new refusal is told, with what was typed when it came.
  useEffect(() => {
    if (isVersionConflict(refused)) onConflict(refused!, unsaved);
  }, [refused]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblems(undefined);
    const base = { centerId: center.id, version, fiscalYear, kind, datedOn, orderNo, reason };
    let input: OpInput<'subsidy.steps.add'>;
    if (read) {
      if ('problems' in read) {
        setProblems(read.problems);
        return;
      }
      input = { ...base, inputs: read.inputs };
    } else if (kind === 'settlement') {
      input = base;
    } else {
      if ('problem' in typed || typed.value === null) {
        setProblems([{ path: ['amount'], message: 'problem' in typed ? typed.problem : '金額を入力してください（例: 2,226,000）。' }]);
        return;
      }
      input = { ...base, amount: typed.value, ...(DECISIONS.includes(kind) ? override : {}) };
    }
    // This form's own step is on its way: the page must not take it for someone else's.
    typing.current = null;
    const saved = await add.run(input);
    if (!saved) typing.current = unsaved === untouched ? null : unsaved;
    if (saved) {
      const step = saved.steps.at(-1)!;
      toast(
        `${center.name}の${STEP_KIND_LABELS[kind]}（${STEP_AMOUNT_LABELS[kind]} ${formatYen(yen(step.amount))}）を記録しました`,
        'success',
      );
      onDone();
    }
  };

  const orderLabel = DECISIONS.includes(kind) || kind === 'settlement' ? '指令番号' : '文書番号（任意）';
  const amountLabel = `${STEP_AMOUNT_LABELS[kind]}（円）`;
  const budget = year.data?.budget;
  const typedValue = 'value' in typed ? typed.value : null;
  const projected = budget && typedValue !== null ? budget.decided - (state.decided ?? 0) + typedValue : null;
  const beyondBudget =
    DECISIONS.includes(kind) &&
    !!budget &&
    projected !== null &&
    overBudget(yen(projected), budget.budget === null ? null : yen(budget.budget));
  const differs = computed !== null && typedValue !== null && typedValue !== computed;
  const final = kind === 'settlement' ? finalAmount(state, yen(state.actual ?? 0)) : null;

  return (
    <form ref={formRef} className="subsidy-step-form" onSubmit={submit} aria-label={`${STEP_KIND_LABELS[kind]}を入力`} noValidate>
      <div className="subsidy-step-form__row">
        <Field label="日付" error={messageFor('datedOn')}>
          {(p) => (
            <DateField
              {...p}
              required
              min={allowed.from}
              max={allowed.to}
              value={datedOn}
              reference={fiscalYearStart(fiscalYear as FiscalYear)}
              onChange={setDatedOn}
            />
          )}
        </Field>
        {kind !== 'actual_report' && (
          <Field
            label={orderLabel}
            hint={DECISIONS.includes(kind) || kind === 'settlement' ? '例: 新医政第301号' : '伝票や通知の番号など'}
            error={messageFor('orderNo')}
          >
            {(p) => <input {...p} value={orderNo} onChange={(e) => setOrderNo(e.target.value)} />}
          </Field>
        )}
        {!WITH_INPUTS.includes(kind) && kind !== 'settlement' && (
          <Field
            label={amountLabel}
            hint={
              kind === 'payment'
                ? `決定額 ${yenOrDash(state.decided)} − 支払済 ${yenOrDash(state.paid)} ＝ 残り ${yenOrDash((state.decided ?? 0) - state.paid)}`
                : computed !== null
                  ? `算定額 ${formatYen(yen(computed))}（${STEP_KIND_LABELS[computedSheet!.kind]}の金額から）`
                  : due !== null
                    ? `${STEP_KIND_LABELS[kind]}すべき額の残り ${formatYen(yen(due))}`
                    : undefined
            }
            error={messageFor('amount')}
          >
            {(p) => (
              <input {...p} className="subsidy-money" inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
            )}
          </Field>
        )}
      </div>

      {kind === 'settlement' && final !== null && (
        <dl className="subsidy-settle" aria-label="額の確定の算定">
          <div>
            <dt>実績による算定額</dt>
            <dd data-testid="settle-actual">{yenOrDash(state.actual)}</dd>
          </div>
          <div>
            <dt>決定額</dt>
            <dd>{yenOrDash(state.decided)}</dd>
          </div>
          <div className="subsidy-settle__key">
            <dt>確定額（少ない方）</dt>
            <dd data-testid="settle-final">{formatYen(final)}</dd>
          </div>
          <div>
            <dt>支払済</dt>
            <dd>{formatYen(yen(state.paid))}</dd>
          </div>
          {state.paid >= final ? (
            <div className="subsidy-settle__key">
              <dt>返還額（支払済 − 確定額）</dt>
              <dd data-testid="settle-refund">{formatYen(yen(state.paid - final))}</dd>
            </div>
          ) : (
            <div className="subsidy-settle__key">
              <dt>追加交付額（確定額 − 支払済）</dt>
              <dd data-testid="settle-additional">{formatYen(yen(final - state.paid))}</dd>
            </div>
          )}
        </dl>
      )}

      {DECISIONS.includes(kind) && budget && (
        <p className={beyondBudget ? 'notice subsidy-warning' : 'muted'} data-testid="decision-budget">
          {budget.budget === null
            ? `財源の基金の事業「${budget.fundProject.number} ${budget.fundProject.name}」に${formatFiscalYear(fiscalYear as FiscalYear)}の予算がありません。`
            : `財源の基金の事業「${budget.fundProject.number} ${budget.fundProject.name}」の予算 ${formatYen(yen(budget.budget))}（${budget.versionLabel ?? ''}）に対し、この決定後の交付決定の合計は ${projected === null ? '—' : formatYen(yen(projected))} です。`}
          {beyondBudget && ' 予算を超えて決定するときは、下の「予算を超えて決定する」を選び、その理由を入力してください。'}
        </p>
      )}
      {kind === 'change_decision' && typedValue !== null && typedValue < state.paid && (
        <p className="notice subsidy-warning" data-testid="decision-below-paid">
          変更後の決定額が支払済の額 {formatYen(yen(state.paid))} を下回ります。差額 {formatYen(yen(state.paid - typedValue))}{' '}
          は、実績報告と額の確定の後に返還として精算します（これ以上の概算払はできません）。
        </p>
      )}
      {DECISIONS.includes(kind) && (beyondBudget || override.override || messageFor('override')) && (
        <BudgetOverride value={override} onChange={setOverride} error={messageFor('override')} reasonError={messageFor('overrideReason')} />
      )}
      {(DECISIONS.includes(kind) || kind === 'change_application') && (
        <Field
          label={kind === 'change_application' ? '変更の理由' : '決定額が算定額と違う理由'}
          hint={
            DECISIONS.includes(kind)
              ? differs
                ? '決定額が算定額と違うため、入力が必要です'
                : '決定額を算定額から変えるときに入力します'
              : undefined
          }
          error={messageFor('reason')}
        >
          {(p) => <textarea {...p} className="subsidy-textarea" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}

      {WITH_INPUTS.includes(kind) && (
        <>
          <FieldErrors issues={issues}>
            <AmountsFields
              rules={rules}
              draft={inputs}
              onChange={setInputs}
              expenseLabel={kind === 'actual_report' ? '対象経費の支出額' : '対象経費の支出予定額'}
            />
          </FieldErrors>
          {read && 'inputs' in read ? (
            <DraftCalculation
              result={result}
              inputs={read.inputs}
              compareWith={
                kind === 'actual_report'
                  ? sheetColumn('decision', sheets.decision ? STEP_KIND_LABELS[sheets.decision.kind] : '交付決定', sheets.decision)
                  : kind === 'change_application'
                    ? sheetColumn('current', '現在の申請', sheets.change ?? sheets.application)
                    : null
              }
            />
          ) : (
            read && <p className="muted">金額の欄がすべて数字で入ると、算定額をここに示します。</p>
          )}
        </>
      )}

      <FormErrorNotice error={issues} fields={[...FIELDS, 'programs']} />
      <div className="actions">
        <button type="submit" className="button" disabled={add.pending}>
          {STEP_KIND_LABELS[kind]}を記録する
        </button>
      </div>
    </form>
  );
}

/**
 * More paid than decided before 額の確定 (a decision lowered below the advances): the excess is returned, but 返還 is
 * only a step once 額の確定 has fixed how much. Said here, since the form offers no 返還 until then.
 */
function RefundLater({ state }: { state: SubsidyCenterResult['state'] }) {
  if (state.final !== null || state.decided === null || state.paid <= state.decided) return null;
  return (
    <p className="notice subsidy-warning" data-testid="subsidy-refund-later">
      支払済の額 {formatYen(yen(state.paid))} が決定額 {formatYen(yen(state.decided))} を {formatYen(yen(state.paid - state.decided))}{' '}
      上回っています。返還は、実績報告と額の確定の後に「返還」として入力できます（返還額は額の確定で決まります）。
    </p>
  );
}

export function StepForm({ result }: { result: SubsidyCenterResult }) {
  const session = useQuery('accounts.session', {});
  const role = session.data?.role;
  // Only the steps the signed-in person may enter (医師会・事務局: 交付申請・変更交付申請・実績報告); the core refuses the rest anyway.
  const next = role ? result.state.nextKinds.filter((kind) => refusalFor('subsidy.steps.add', '', role, { kind }) === null) : [];
  const othersNext = result.state.nextKinds.filter((kind) => !next.includes(kind));
  const [chosen, setChosen] = useState<StepKind | undefined>();
  const { invalidate } = useApi();
  const [conflict, setConflict] = useState<{ error: OpError; unsaved: string; heading?: string }>();
  const kind = chosen && next.includes(chosen) ? chosen : PREFERRED.find((k) => next.includes(k));
  // After a step is saved the form starts afresh on the new state; after 再読み込み too, since the steps' version
  // is the center's across all years and can move with no new step in this year.
  // The version 再読み込み was asked on: when the refetched center comes with another, the form starts on it.
  const [reloadingFrom, setReloadingFrom] = useState<number | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (reloadingFrom !== null && result.version !== reloadingFrom) {
      setReloadingFrom(null);
      setReloads((n) => n + 1);
    }
  }, [reloadingFrom, result.version]);
  const generation = `${result.steps.at(-1)?.id ?? 0}-${reloads}`;
  // What the open form holds typed. A step someone else records meanwhile (a live refresh) would start the form
  // afresh on the next kind and lose it: the form is held as it is, and the notice says who recorded what.
  const typed = useRef<string | null>(null);
  const [held, setHeld] = useState<{ generation: string; kind: StepKind | undefined }>();
  const [seen, setSeen] = useState({ generation, kind });
  if (generation !== seen.generation || kind !== seen.kind) {
    const last = result.steps.at(-1);
    if (generation !== seen.generation && typed.current !== null && !held && !conflict && seen.kind && last) {
      setHeld(seen);
      setConflict({
        heading: 'ほかの人が記録しました。',
        error: {
          code: 'conflict',
          path: ['version'],
          message: `この画面で入力している間に、${last.enteredBy}が${STEP_KIND_LABELS[last.kind]}を記録しました。今の入力は記録していません。「再読み込み」で次の手続きの入力欄にしてから、下の入力を写して入力し直してください。`,
        },
        unsaved: typed.current,
      });
    }
    setSeen({ generation, kind });
  }
  const shown = held ?? { generation, kind };

  return (
    <section aria-labelledby="subsidy-next-title" className="card subsidy-next">
      <h2 id="subsidy-next-title">次の手続き</h2>
      <ConflictNotice
        heading={conflict?.heading}
        error={conflict?.error}
        unsaved={conflict?.unsaved}
        onReload={() => {
          setConflict(undefined);
          setHeld(undefined);
          typed.current = null;
          setChosen(undefined);
          // Start on the version on screen now (a live refresh may have brought it already), and again if the
          // refetch brings a newer one.
          setReloads((n) => n + 1);
          setReloadingFrom(result.version);
          // The center refetched: its steps, their version and what may come next.
          invalidate();
        }}
      />
      {role && <RefundLater state={result.state} />}
      {!role ? null : !result.rules ? (
        <p className="notice">この年度の要綱がないため、手続きを入力できません。先に「要綱」で要綱を作成してください。</p>
      ) : !shown.kind && othersNext.length > 0 ? (
        <p className="muted" data-testid="subsidy-next-others">
          次の手続き（{othersNext.map((k) => STEP_KIND_LABELS[k]).join('・')}）は県の担当者が入力します。
        </p>
      ) : !shown.kind ? (
        <p className="muted">
          この年度の手続きはすべて終わっています（{result.state.status === 'closed' ? '完了' : '入力できる手続きはありません'}）。
        </p>
      ) : (
        <>
          <div className="subsidy-kinds" role="radiogroup" aria-label="手続きの種類">
            {PREFERRED.filter((k) => next.includes(k)).map((k) => (
              <label key={k} className={k === shown.kind ? 'subsidy-kinds__option subsidy-kinds__option--on' : 'subsidy-kinds__option'}>
                <input type="radio" name="subsidy-kind" value={k} checked={k === shown.kind} onChange={() => setChosen(k)} />
                {STEP_KIND_LABELS[k]}
              </label>
            ))}
          </div>
          <KindForm
            key={`${shown.kind}-${shown.generation}`}
            result={result}
            kind={shown.kind}
            onDone={() => setChosen(undefined)}
            onConflict={(error, unsaved) => setConflict({ error, unsaved })}
            typing={typed}
          />
        </>
      )}
    </section>
  );
}
