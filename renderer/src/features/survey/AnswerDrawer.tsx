/**
 * One target's answers typed in the app (a center answering by phone or on
 * paper): every question of the round's version, checked by the core as it
 * is typed — a box's errors show once it has been changed, every error after
 * 「保存する」 — with warnings beside their fields. Answers with errors can
 * be kept as 要確認 (returned, left out of the results) when the officer
 * must ask back. Also: last round's answers to start from, withdrawing an
 * answer, and the answers it replaced.
 */
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { Drawer, DrawerCancel } from '@renderer/components/Drawer';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useToast } from '@renderer/components/Toast';
import type { OpError } from '@shared/contract';
import { ANSWER_SOURCE_LABELS, type SurveyAnswerDetail } from '@shared/contract/survey';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber, formatTimestamp } from '@shared/format';
import { formatAnswerText } from '@shared/survey/answers';
import type { Question } from '@shared/survey/definition';
import { type Messages, NumberGroupField, type NumberQuestion, RosterField, ScalarField } from './AnswerFields';
import { answersOf, type CellDraft, type Draft, draftOf, isAsked, placeKey, problemKey, type RowDraft } from './draft';
import { distinctParts, labelParts } from './labels';

const FORM_ID = 'survey-answer-form';
const NONE: Messages = { errors: [], warnings: [] };

/** The touched places after roster row `index` is removed: the rows below move up one. */
function withoutRow(touched: ReadonlySet<string>, question: string, index: number): Set<string> {
  const next = new Set<string>();
  for (const key of touched) {
    const [q, row, column] = key.split('/');
    if (q !== question || row === '' || Number(row) < index) next.add(key);
    else if (Number(row) > index) next.add(placeKey(q, Number(row) - 1, column || null));
  }
  return next;
}

/**
 * Said over a form with typing when the answer changes under it (a colleague's save or withdrawal, seen live):
 * its save would be refused, so the typing is kept for copying into the answer as it is now.
 */
function changedMeanwhile(detail: SurveyAnswerDetail): OpError {
  const what = detail.current
    ? `ほかの人（${detail.current.savedBy}）が回答を保存しました`
    : `ほかの人（${detail.history[0]!.replacedBy}）が回答を取り下げました`;
  return {
    code: 'conflict',
    path: ['version'],
    message: `この画面を開いたあとに、${what}。今の入力はまだ保存していません。「再読み込み」で今の回答を読み込んでから入力し直してください。`,
  };
}

type Block = { kind: 'one'; question: Question } | { kind: 'numbers'; head: string; parts: string[]; questions: NumberQuestion[] };

/** Runs of number questions asked alike (type, unit, required, help, condition) whose labels share a head become one row of boxes; a new head starts a new row. */
function blocksOf(questions: readonly Question[]): Block[] {
  const alike = (a: NumberQuestion, b: NumberQuestion) =>
    a.type === b.type &&
    a.unit === b.unit &&
    a.required === b.required &&
    a.help === b.help &&
    labelParts(a.label).head === labelParts(b.label).head &&
    JSON.stringify(a.when) === JSON.stringify(b.when);
  const runs: Question[][] = [];
  for (const q of questions) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (
      run &&
      last &&
      (q.type === 'integer' || q.type === 'decimal') &&
      (last.type === 'integer' || last.type === 'decimal') &&
      alike(q, last)
    )
      run.push(q);
    else runs.push([q]);
  }
  return runs.flatMap((run): Block[] => {
    const { head, parts } = distinctParts(run.map((q) => q.label));
    return run.length > 1 && head
      ? [{ kind: 'numbers', head, parts, questions: run as NumberQuestion[] }]
      : run.map((question) => ({ kind: 'one', question }));
  });
}

function AnswerForm({
  roundId,
  detail,
  onClose,
  opener,
}: {
  roundId: number;
  detail: SurveyAnswerDetail;
  onClose(): void;
  opener: Element | null;
}) {
  const def = detail.definition;
  const [draft, setDraft] = useState<Draft>(() => draftOf(def, detail.current?.answers ?? null));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  // An answer kept as 要確認 opens with its errors showing: they are why it was opened.
  const [attempted, setAttempted] = useState(() => (detail.current?.errors.length ?? 0) > 0);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  /** Anything typed, removed or copied since the form opened. */
  const [dirty, setDirty] = useState(false);
  // The answer's version as the form read it (or at 再読み込み): a save or withdrawal over someone else's newer answer is refused.
  const [version, setVersion] = useState(detail.version);
  // The live answer as last seen: a colleague's change replaces an untouched form, and is said over a typed one.
  const [seen, setSeen] = useState(detail.version);
  // The live answer as it stood when 再読み込み read a newer one: until the screen's own reading catches up, it is older
  // than the form's, not a colleague's change.
  const [passed, setPassed] = useState<SurveyAnswerDetail['version'] | null>(null);
  /** Whether the live answer is one the form has not read: a colleague saved or withdrew since. */
  const changedUnder = detail.version !== version && detail.version !== passed;
  if (detail.version !== seen) {
    setSeen(detail.version);
    if (!dirty && changedUnder) {
      setDraft(draftOf(def, detail.current?.answers ?? null));
      setVersion(detail.version);
      setTouched(new Set());
      setAttempted((detail.current?.errors.length ?? 0) > 0);
    }
  }
  const { client, invalidate } = useApi();
  const save = useMutation('survey.answers.save');
  const withdraw = useMutation('survey.answers.delete');
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const { answers, unreadable } = useMemo(() => answersOf(def, draft), [def, draft]);
  const check = useQuery('survey.answers.check', { roundId, answers }, { keepPreviousWhileLoading: true });
  const errorCount = (check.data?.errors.length ?? 0) + unreadable.size;

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input:not(:disabled), select:not(:disabled), textarea:not(:disabled)')?.focus();
  }, []);

  const byPlace = useMemo(() => {
    const map = new Map<string, Messages>();
    const at = (key: string) => {
      let messages = map.get(key);
      if (!messages) {
        messages = { errors: [], warnings: [] };
        map.set(key, messages);
      }
      return messages;
    };
    for (const p of check.data?.errors ?? []) if (!unreadable.has(problemKey(p))) at(problemKey(p)).errors.push(p.message);
    for (const [key, message] of unreadable) at(key).errors.push(message);
    for (const p of check.data?.warnings ?? []) at(problemKey(p)).warnings.push(p.message);
    return map;
  }, [check.data, unreadable]);

  /** A place's errors show once it (or, for a row, one of its cells) was changed, or after a save was tried; warnings always. */
  const messagesAt = (key: string): Messages => {
    const m = byPlace.get(key) ?? NONE;
    const [q, row] = key.split('/');
    const shown = attempted || touched.has(key) || (row !== '' && [...touched].some((t) => t.startsWith(`${q}/${row}/`)));
    return shown ? m : { errors: [], warnings: m.warnings };
  };

  const change = (code: string, value: CellDraft | RowDraft[], place = placeKey(code)) => {
    // A refusal is about the answers as they were; once they change, the fields' own messages speak.
    save.reset();
    setDirty(true);
    setDraft((d) => ({ ...d, [code]: value }));
    setTouched((t) => new Set(t).add(place));
  };

  const submit = async (e?: FormEvent, incomplete = false) => {
    e?.preventDefault();
    setAttempted(true);
    if (unreadable.size > 0) return;
    const saved = await save.run({ roundId, targetId: detail.target.id, answers, incomplete, version });
    if (saved) {
      const note =
        saved.errors.length > 0
          ? `（誤り ${saved.errors.length} 件を残して要確認）`
          : saved.warnings.length > 0
            ? `（注意 ${saved.warnings.length} 件）`
            : '';
      toast(`${detail.target.name}の回答を保存しました${note}`, 'success');
      onClose();
    }
  };

  const copyPrevious = () => {
    save.reset();
    setDirty(true);
    setDraft(draftOf(def, detail.previous!.answers));
  };

  const doWithdraw = async () => {
    setConfirmWithdraw(false);
    if (await withdraw.run({ roundId, targetId: detail.target.id, version })) {
      toast(`${detail.target.name}の回答を取り下げました（履歴に残ります）`, 'success');
      onClose();
    }
  };

  return (
    <Drawer
      title={`${detail.target.name}の回答`}
      onClose={onClose}
      formId={FORM_ID}
      dirty={dirty}
      className="survey-answer-drawer"
      opener={opener}
      footer={
        <>
          {detail.current && (
            <button
              data-edit="association"
              type="button"
              className="button button--secondary"
              style={{ marginRight: 'auto' }}
              onClick={() => setConfirmWithdraw(true)}
            >
              回答を取り下げる…
            </button>
          )}
          <span className="muted" data-edit="association">
            Ctrl+S で保存
          </span>
          <DrawerCancel onCancel={onClose} />
          {attempted && errorCount > 0 && unreadable.size === 0 && (
            <button
              data-edit="association"
              type="button"
              className="button button--secondary"
              disabled={save.pending}
              onClick={() => void submit(undefined, true)}
            >
              誤りを残して保存（要確認）
            </button>
          )}
          <button type="submit" form={FORM_ID} className="button" disabled={save.pending}>
            保存する
          </button>
        </>
      }
    >
      <div className="survey-answer__meta">
        <span>{detail.target.municipalityName ?? ''}</span>
        {detail.current ? (
          <span>
            保存済み: {formatTimestamp(detail.current.savedAt)}（{ANSWER_SOURCE_LABELS[detail.current.source]}
            {detail.current.fileName ? `: ${detail.current.fileName}` : ''}、{detail.current.savedBy}）
          </span>
        ) : (
          <span className="badge badge--gray">未回答</span>
        )}
        {detail.current && detail.current.errors.length > 0 && (
          <span className="badge badge--error">要確認（誤り {detail.current.errors.length} 件）</span>
        )}
      </div>
      {!detail.current && detail.previous && (
        <div className="notice survey-answer__previous">
          前回（{formatFiscalYear(fiscalYear(detail.previous.fiscalYear))}）の回答があります。
          <button data-edit="association" type="button" className="button button--secondary button--small" onClick={copyPrevious}>
            前回の回答を写す
          </button>
        </div>
      )}
      {def.description && <p className="muted survey-answer__description">{def.description}</p>}
      <ConflictNotice
        {...(isVersionConflict(save.error?.error)
          ? { heading: '保存できませんでした。', error: save.error?.error }
          : isVersionConflict(withdraw.error?.error)
            ? { heading: '取り下げられませんでした。', error: withdraw.error?.error }
            : { heading: 'ほかの人が変更しました。', error: dirty && changedUnder ? changedMeanwhile(detail) : undefined })}
        unsaved={def.questions
          // Only what was typed: not an empty roster or a field left blank.
          .map((q) => ({ q, text: formatAnswerText(q, answers[q.code] ?? null) }))
          .filter(({ text }) => text !== '')
          .map(({ q, text }) => (q.type === 'table' ? `${q.label}:\n${text}` : `${q.label}: ${text}`))
          .join('\n')}
        onReload={async () => {
          const fresh = await client.call('survey.answers.get', { roundId, targetId: detail.target.id });
          setDraft(draftOf(fresh.definition, fresh.current?.answers ?? null));
          setVersion(fresh.version);
          setPassed(detail.version);
          setTouched(new Set());
          setDirty(false);
          save.reset();
          withdraw.reset();
          // The drawer's 保存済み line and history as they are now.
          invalidate();
        }}
      />
      {save.error && !isVersionConflict(save.error.error) && (
        <div className="notice notice--error" role="alert">
          <strong>保存できませんでした。</strong> {save.error.message}
        </div>
      )}
      {withdraw.error && !isVersionConflict(withdraw.error.error) && (
        <ErrorNotice error={withdraw.error} title="取り下げられませんでした。" />
      )}
      {attempted && unreadable.size > 0 && (
        <div className="notice notice--error" role="alert">
          読み取れない入力が {formatNumber(unreadable.size)} 件あります。赤い欄を直してください。
        </div>
      )}
      <form id={FORM_ID} ref={formRef} className="survey-answer__form" onSubmit={(e) => void submit(e)} aria-label="回答" noValidate>
        {blocksOf(def.questions).map((block) => {
          if (block.kind === 'numbers') {
            const first = block.questions[0]!;
            return (
              <NumberGroupField
                key={first.code}
                head={block.head}
                parts={block.parts}
                questions={block.questions}
                siblings={def.questions}
                values={block.questions.map((q) => draft[q.code] as string)}
                asked={isAsked(first, draft)}
                messagesAt={(q) => messagesAt(placeKey(q.code))}
                onChange={(q, v) => change(q.code, v)}
              />
            );
          }
          const q = block.question;
          const asked = isAsked(q, draft);
          if (q.type === 'table') {
            return (
              <RosterField
                key={q.code}
                q={q}
                rows={draft[q.code] as RowDraft[]}
                asked={asked}
                messagesAt={messagesAt}
                onChange={(rows, place) => change(q.code, rows, place)}
                onRemoveRow={(i) => {
                  save.reset();
                  setDirty(true);
                  setDraft((d) => ({ ...d, [q.code]: (d[q.code] as RowDraft[]).filter((_, k) => k !== i) }));
                  setTouched((t) => withoutRow(t, q.code, i));
                }}
              />
            );
          }
          return (
            <ScalarField
              key={q.code}
              q={q}
              siblings={def.questions}
              value={draft[q.code] as CellDraft}
              asked={asked}
              messages={messagesAt(placeKey(q.code))}
              onChange={(v) => change(q.code, v)}
            />
          );
        })}
      </form>
      <p className="muted survey-answer__status" data-testid="survey-answer-status" aria-live="polite">
        {check.data ? (errorCount > 0 ? `誤り ${formatNumber(errorCount)} 件` : '誤りはありません') : '確認中…'}
        {check.data && check.data.warnings.length > 0 && `・注意 ${formatNumber(check.data.warnings.length)} 件`}
      </p>
      {detail.history.length > 0 && (
        <section className="survey-answer__history" aria-labelledby="survey-answer-history">
          <h3 id="survey-answer-history">これまでの回答</h3>
          <ul className="plain-list">
            {detail.history.map((h) => (
              <li key={h.replacedAt + h.savedAt}>
                {formatTimestamp(h.savedAt)} {ANSWER_SOURCE_LABELS[h.source]}
                {h.fileName ? `（${h.fileName}）` : ''}・{h.savedBy} → {formatTimestamp(h.replacedAt)} に{h.replacedBy}が置き換え
                {h.errors.length > 0 && `（誤り ${h.errors.length} 件）`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {confirmWithdraw && (
        <ConfirmDialog
          title={`${detail.target.name}の回答を取り下げますか？`}
          confirmLabel="取り下げる"
          danger
          onConfirm={() => void doWithdraw()}
          onCancel={() => setConfirmWithdraw(false)}
        >
          <p>未回答に戻り、集計から外れます。取り下げた回答は「これまでの回答」に残ります。</p>
        </ConfirmDialog>
      )}
    </Drawer>
  );
}

export function AnswerDrawer({ roundId, targetId, onClose }: { roundId: number; targetId: string; onClose(): void }) {
  const detail = useQuery('survey.answers.get', { roundId, targetId });
  // The row's button that opened it: the form's drawer, drawn once the answers are read, gives the focus back there.
  const [opener] = useState(() => document.activeElement);
  if (!detail.data) {
    return (
      <Drawer title="回答" onClose={onClose} className="survey-answer-drawer" opener={opener}>
        {detail.error ? <ErrorNotice error={detail.error} /> : <p className="muted">読み込み中…</p>}
      </Drawer>
    );
  }
  return <AnswerForm key={`${roundId}:${targetId}`} roundId={roundId} detail={detail.data} onClose={onClose} opener={opener} />;
}
