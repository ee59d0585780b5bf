/**
 * 調査票を編集 (#/survey/definitions/3/edit): a survey's name and its
 * questions — 見出し, 説明, 必須, 単位, 最小・最大, the choices' names, a
 * table's columns alike — questions added (their codes given by the app),
 * moved with ↑/↓ and deleted, and one no round asks yet given another type;
 * conditions and 集計指標 shown as they are.
 * Saved whole through survey.definitions.save, which makes a new version
 * once a round uses the newest one: the page says so before the save. A save
 * over someone else's newer one is refused; 再読み込み brings theirs in.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, FieldErrors, useFieldError, useFocusFirstError } from '@renderer/components/Field';
import { LeaveGuard } from '@renderer/components/LeaveGuard';
import { Options } from '@renderer/components/Options';
import { PageHeader } from '@renderer/components/PageHeader';
import { ReadOnlyFields } from '@renderer/components/ReadOnly';
import { SaveBar } from '@renderer/components/SaveBar';
import { useSavedDraft } from '@renderer/components/savedDraft';
import { useToast } from '@renderer/components/Toast';
import { type FieldIssue, type IssuePath, issuesOf, unplacedMessages } from '@renderer/lib/formErrors';
import type { SurveyDefinitionDetail } from '@shared/contract/survey';
import {
  builtInLoss,
  type Choice,
  type Indicator,
  QUESTION_TYPE_LABELS,
  type Question,
  questionInUse,
  type SurveyDefinition,
} from '@shared/survey/definition';
import {
  type DefinitionDraft,
  definitionDraftOf,
  draftPathOf,
  moved,
  NEW_QUESTION_TYPES,
  type NewQuestionType,
  newChoice,
  newQuestion,
  type QuestionDraft,
  readDefinitionDraft,
  type ScalarDraft,
  unsavedText,
  withType,
} from './definitionDraft';

const FORM_ID = 'survey-definition-form';

/** The id of a question's (or a table column's) box of the editor, for the cursor to go back to after a move. */
const boxId = (code: string, table?: string) => `survey-question-${table ? `${table}-` : ''}${code}`;

/** A question's condition in words: 「センター長の医師会内役職」が「その他」のとき. */
function conditionText(q: { when: Question['when'] }, level: readonly QuestionDraft[]): string | null {
  if (!q.when) return null;
  const on = level.find((o) => o.code === q.when!.question);
  const choices = on && (on.type === 'choice' || on.type === 'multi') ? on.choices : [];
  const names = q.when.in.map((c) => choices.find((choice) => choice.code === c)?.label ?? c);
  return `「${on?.label ?? q.when.question}」が「${names.join('・')}」のときだけ回答`;
}

function indicatorText(i: Indicator, questions: readonly QuestionDraft[]): string {
  const label = (code: string) => questions.find((q) => q.code === code)?.label ?? code;
  if (i.kind === 'sum') return `${i.questions.map(label).join('＋')} の合計`;
  const on = questions.find((q) => q.code === i.question);
  const choices = on && on.type === 'choice' ? on.choices : [];
  return `「${label(i.question)}」が「${i.choices.map((c) => choices.find((choice) => choice.code === c)?.label ?? c).join('・')}」の数`;
}

function Choices({
  name,
  choices,
  path,
  onChange,
}: {
  name: string;
  choices: Choice[];
  path: IssuePath;
  onChange(choices: Choice[]): void;
}) {
  const whole = useFieldError(path);
  return (
    <fieldset className="survey-editor__choices">
      <legend>選択肢</legend>
      <ol>
        {choices.map((c, k) => (
          <ChoiceRow
            key={c.code}
            name={`${name} 選択肢${k + 1}`}
            choice={c}
            path={[...path, k, 'label']}
            onChange={(label) => onChange(choices.map((o, j) => (j === k ? { ...o, label } : o)))}
            onRemove={() => onChange(choices.filter((_, j) => j !== k))}
          />
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onChange([...choices, newChoice(choices.map((c) => c.code))])}
      >
        ＋ 選択肢を追加
      </button>
      {whole && (
        <span className="field__error" role="alert">
          {whole}
        </span>
      )}
    </fieldset>
  );
}

function ChoiceRow({
  name,
  choice,
  path,
  onChange,
  onRemove,
}: {
  name: string;
  choice: Choice;
  path: IssuePath;
  onChange(label: string): void;
  onRemove(): void;
}) {
  const error = useFieldError(path);
  return (
    <li>
      <input
        aria-label={name}
        aria-invalid={Boolean(error)}
        value={choice.label}
        maxLength={100}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" className="button button--secondary button--small" aria-label={`${name}を削除`} onClick={onRemove}>
        削除
      </button>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}

/** The boxes every question and column has, then those of its type. */
function QuestionFields({
  q,
  name,
  path,
  level,
  onChange,
}: {
  q: QuestionDraft;
  name: string;
  path: IssuePath;
  level: readonly QuestionDraft[];
  onChange(q: QuestionDraft): void;
}) {
  const condition = conditionText(q, level);
  const whenError = useFieldError([...path, 'when']);
  return (
    <div className="survey-editor__fields">
      <div className="survey-editor__wide">
        <Field label="見出し" path={[...path, 'label']}>
          {(p) => <input {...p} data-label value={q.label} maxLength={200} onChange={(e) => onChange({ ...q, label: e.target.value })} />}
        </Field>
      </div>
      <div className="survey-editor__wide">
        <Field label="説明（任意）" hint="調査票の設問の下に表示します" path={[...path, 'help']}>
          {(p) => <input {...p} value={q.help} maxLength={400} onChange={(e) => onChange({ ...q, help: e.target.value })} />}
        </Field>
      </div>
      <label className="check survey-editor__required">
        <input type="checkbox" checked={q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })} />
        必須
      </label>
      {(q.type === 'integer' || q.type === 'decimal') && (
        <>
          <Field label="単位" hint="例: 人、施設" path={[...path, 'unit']}>
            {(p) => <input {...p} value={q.unit} maxLength={10} onChange={(e) => onChange({ ...q, unit: e.target.value })} />}
          </Field>
          <Field label="最小（任意）" hint={q.type === 'decimal' ? '小数第2位まで' : '整数'} path={[...path, 'min']}>
            {(p) => (
              <input {...p} className="num" inputMode="decimal" value={q.min} onChange={(e) => onChange({ ...q, min: e.target.value })} />
            )}
          </Field>
          <Field label="最大（任意）" hint={q.type === 'decimal' ? '小数第2位まで' : '整数'} path={[...path, 'max']}>
            {(p) => (
              <input {...p} className="num" inputMode="decimal" value={q.max} onChange={(e) => onChange({ ...q, max: e.target.value })} />
            )}
          </Field>
        </>
      )}
      {(q.type === 'choice' || q.type === 'multi') && (
        <div className="survey-editor__wide">
          <Choices name={name} choices={q.choices} path={[...path, 'choices']} onChange={(choices) => onChange({ ...q, choices })} />
        </div>
      )}
      {condition && (
        <p className="survey-editor__wide survey-editor__fixed">
          表示条件: {condition}（この画面では変えられません）
          {whenError && (
            <span className="field__error" role="alert">
              {whenError}
            </span>
          )}
        </p>
      )}
    </div>
  );
}

function QuestionCard({
  q,
  index,
  count,
  path,
  level,
  table,
  refusal,
  retypable,
  onChange,
  onMove,
  onDelete,
}: {
  q: QuestionDraft;
  index: number;
  count: number;
  path: IssuePath;
  level: readonly QuestionDraft[];
  /** The table a column belongs to. */
  table?: QuestionDraft;
  refusal: string | null;
  /** Whether the question's type may change: no round asks it, nothing leans on it, not a built-in survey's own. */
  retypable?: boolean;
  onChange(q: QuestionDraft): void;
  onMove?: (by: -1 | 1) => void;
  onDelete?: () => void;
}) {
  const heading = table ? `列${index + 1}` : `問${index + 1}`;
  const name = `${heading}「${q.label || '見出しなし'}」`;
  const newType = q.type !== 'table' && retypable;
  return (
    <li className="survey-editor__question" id={boxId(q.code, table?.code)} aria-label={name}>
      <div className="survey-editor__head">
        <h3>
          {heading} <span className="survey-editor__label">{q.label || '（見出しを入力してください）'}</span>
        </h3>
        {newType ? (
          <select
            className="survey-editor__type"
            aria-label={`${name}の種類`}
            value={q.type}
            onChange={(e) => onChange(withType(q, e.target.value as NewQuestionType))}
          >
            <Options items={NEW_QUESTION_TYPES} value={(t) => t} label={(t) => QUESTION_TYPE_LABELS[t]} />
          </select>
        ) : (
          <span className="badge badge--gray">{QUESTION_TYPE_LABELS[q.type]}</span>
        )}
        {onMove && onDelete && (
          <span className="survey-editor__tools">
            <button
              type="button"
              data-move="up"
              className="button button--secondary button--small"
              aria-label={`${name}を上へ`}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              ↑
            </button>
            <button
              type="button"
              data-move="down"
              className="button button--secondary button--small"
              aria-label={`${name}を下へ`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              ↓
            </button>
            <button type="button" className="button button--secondary button--small" aria-label={`${name}を削除`} onClick={onDelete}>
              削除
            </button>
          </span>
        )}
      </div>
      {refusal && (
        <p className="notice notice--error" role="alert">
          {refusal}
        </p>
      )}
      <QuestionFields q={q} name={name} path={path} level={level} onChange={onChange} />
      {q.type === 'table' && (
        <ol className="survey-editor__columns" aria-label={`${name}の列`}>
          {q.columns.map((c, k) => (
            <QuestionCard
              key={c.code}
              q={c}
              index={k}
              count={q.columns.length}
              path={[...path, 'columns', k]}
              level={q.columns}
              table={q}
              refusal={null}
              onChange={(col) => onChange({ ...q, columns: q.columns.map((o, j) => (j === k ? (col as ScalarDraft) : o)) })}
            />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The paths of every box the editor draws, so a refusal about anything else shows in the notice by the save. */
function shownPaths(draft: DefinitionDraft): IssuePath[] {
  const of = (q: QuestionDraft, path: IssuePath): IssuePath[] => [
    ...['label', 'help', 'unit', 'min', 'max', 'choices', 'when'].map((f) => [...path, f]),
    ...(q.type === 'table' ? q.columns.flatMap((c, k) => of(c, [...path, 'columns', k])) : []),
  ];
  return [['name'], ['description'], ...draft.questions.flatMap((q, i) => of(q, ['questions', i]))];
}

function DefinitionForm({ detail }: { detail: SurveyDefinitionDetail }) {
  // The survey as read, saved or reloaded (its revision goes with the save), and the questions typed over it.
  const form = useSavedDraft(detail, (read) => definitionDraftOf(read.definition));
  const { draft, setDraft, dirty, saved: initial } = form;
  const [problems, setProblems] = useState<FieldIssue[]>();
  const [refusal, setRefusal] = useState<{ code: string; message: string }>();
  const [adding, setAdding] = useState<NewQuestionType>('integer');
  /** Where the cursor goes once the questions are drawn anew (after a move, an addition, a deletion). */
  const focusNext = useRef<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useMutation('survey.definitions.save');
  const { client, invalidate } = useApi();
  const toast = useToast();
  const conflict = isVersionConflict(save.error?.error);
  const issues = problems ?? issuesOf(conflict ? undefined : save.error?.error).map((i) => ({ ...i, path: draftPathOf(i.path) }));
  const unplaced = unplacedMessages(issues, shownPaths(draft));
  const newest = detail.versions.at(-1)!;
  useFocusFirstError(formRef, problems ?? save.error);

  // The survey as read now (after 元に戻す, やり直す or a colleague's save), taken up while nothing is being edited.
  // Revisions only grow: a reading older than what a save put in the form (a reload overtaken by the next save) is not taken.
  const stored = JSON.stringify(detail.definition);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new reading of the survey is followed, with the form as it is then.
  useEffect(() => {
    if (!dirty && detail.revision >= form.record.revision) form.take(detail);
  }, [stored, detail.revision]);

  useEffect(() => {
    if (focusNext.current) document.querySelector<HTMLElement>(focusNext.current)?.focus();
    focusNext.current = null;
  }, [draft]);

  const setQuestions = (questions: QuestionDraft[]) => {
    setRefusal(undefined);
    setDraft({ ...draft, questions });
  };
  const move = (i: number, by: -1 | 1) => {
    const code = draft.questions[i]!.code;
    // At either end the other arrow is the one left to press.
    const edge = i + by === 0 || i + by === draft.questions.length - 1;
    focusNext.current = `#${boxId(code)} [data-move="${edge ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down'}"]`;
    setQuestions(moved(draft.questions, i, by));
  };
  const remove = (i: number) => {
    const q = draft.questions[i]!;
    // A built-in survey's questions feed Renkei's 集計 and 帳票 by code: said here, as the core would refuse the save.
    const builtIn =
      detail.key !== null
        ? builtInLoss(detail.definition, { questions: detail.definition.questions.filter((o) => o.code !== q.code) })
        : null;
    const inUse = builtIn ?? questionInUse(draft, q.code);
    if (inUse) {
      setRefusal({ code: q.code, message: inUse });
      return;
    }
    const next = draft.questions[i + 1] ?? draft.questions[i - 1];
    focusNext.current = next ? `#${boxId(next.code)} [data-label]` : '[data-add]';
    setQuestions(draft.questions.filter((_, j) => j !== i));
  };
  // A round's forms and answers are read against the questions as they were asked: once the survey has a round (of any
  // 版), the questions it has saved keep their type, and so does one a condition or a 集計指標 leans on, or a built-in
  // survey's own (its 集計 and 帳票 read them); a question added since may take another.
  const asked = new Set(
    detail.versions.some((v) => v.rounds > 0) || detail.key !== null ? detail.definition.questions.map((q) => q.code) : [],
  );
  const retypable = (code: string) => !asked.has(code) && questionInUse(draft, code) === null;
  const add = () => {
    const q = newQuestion(
      adding,
      draft.questions.map((o) => o.code),
    );
    focusNext.current = `#${boxId(q.code)} [data-label]`;
    setQuestions([...draft.questions, q]);
  };

  const saveNow = async (definition: SurveyDefinition) => {
    const saved = await form.save((_, from) => save.run({ id: detail.id, definition, revision: from.revision }));
    if (!saved) return;
    toast(
      saved.newVersion ? `調査票を保存しました。第${saved.version}版になりました` : `調査票を保存しました（第${saved.version}版）`,
      'success',
    );
  };
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const read = readDefinitionDraft(draft);
    if ('problems' in read) {
      setProblems(read.problems);
      return;
    }
    setProblems(undefined);
    void saveNow(read.definition);
  };
  const reload = async () => {
    form.take(await client.call('survey.definitions.get', { id: detail.id }));
    setProblems(undefined);
    setRefusal(undefined);
    save.reset();
    // The page's heading and the 版 notice above the form read the survey anew too.
    invalidate();
  };

  return (
    <form id={FORM_ID} ref={formRef} data-save-shortcut onSubmit={submit} aria-label="調査票" className="stack survey-editor">
      <ReadOnlyFields>
        <LeaveGuard dirty={dirty} what="調査票の編集" />
        {newest.rounds > 0 ? (
          <p className="notice" data-testid="survey-editor-version">
            第{newest.version}版にはすでに回があるため、保存すると第{newest.version + 1}版になります。これまでの回と回答は第{newest.version}
            版のまま残ります。
          </p>
        ) : (
          <p className="notice" data-testid="survey-editor-version">
            第{newest.version}版を使う回はまだないため、保存すると第{newest.version}版をそのまま書き換えます。
          </p>
        )}
        <FieldErrors issues={issues}>
          <section className="card" aria-labelledby="survey-editor-survey">
            <h2 id="survey-editor-survey">調査</h2>
            <div className="form-grid">
              <div className="span-2">
                <Field label="調査名" path={['name']}>
                  {(p) => (
                    <input {...p} value={draft.name} maxLength={100} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
                  )}
                </Field>
              </div>
              <div className="span-2">
                <Field label="説明（任意）" hint="調査票の冒頭に表示します" path={['description']}>
                  {(p) => (
                    <textarea
                      {...p}
                      rows={3}
                      value={draft.description}
                      onChange={(e) => setDraft({ ...draft, description: e.target.value })}
                    />
                  )}
                </Field>
              </div>
            </div>
          </section>
          <section className="card" aria-labelledby="survey-editor-questions">
            <h2 id="survey-editor-questions">設問（{draft.questions.length}問）</h2>
            <ol className="survey-editor__list">
              {draft.questions.map((q, i) => (
                <QuestionCard
                  key={q.code}
                  q={q}
                  index={i}
                  count={draft.questions.length}
                  path={['questions', i]}
                  level={draft.questions}
                  refusal={refusal?.code === q.code ? refusal.message : null}
                  retypable={retypable(q.code)}
                  onChange={(next) => setQuestions(draft.questions.map((o, j) => (j === i ? next : o)))}
                  onMove={(by) => move(i, by)}
                  onDelete={() => remove(i)}
                />
              ))}
            </ol>
            <div className="toolbar survey-editor__add">
              <Field label="追加する設問の種類">
                {(p) => (
                  <select {...p} data-add value={adding} onChange={(e) => setAdding(e.target.value as NewQuestionType)}>
                    <Options items={NEW_QUESTION_TYPES} value={(t) => t} label={(t) => QUESTION_TYPE_LABELS[t]} />
                  </select>
                )}
              </Field>
              <button type="button" className="button button--secondary" onClick={add}>
                ＋ 設問を追加
              </button>
            </div>
          </section>
        </FieldErrors>
        {draft.indicators.length > 0 && (
          <section className="card" aria-labelledby="survey-editor-indicators">
            <h2 id="survey-editor-indicators">集計指標</h2>
            <p className="muted">集計結果の冒頭に示す数です。この画面では変えられません。指標が使う設問は削除できません。</p>
            <ul className="survey-editor__indicators">
              {draft.indicators.map((i) => (
                <li key={i.code}>
                  <strong>{i.label}</strong>（{i.unit}）: {indicatorText(i, draft.questions)}
                </li>
              ))}
            </ul>
          </section>
        )}
        {unplaced.length > 0 && (
          <div className="notice notice--error" role="alert">
            <strong>保存できませんでした。</strong> {unplaced.join(' ')}
          </div>
        )}
        <ConflictNotice error={save.error?.error} unsaved={unsavedText(draft, initial)} onReload={reload} />
        <SaveBar
          dirty={dirty}
          onRevert={() => {
            setDraft(initial);
            setProblems(undefined);
            setRefusal(undefined);
            save.reset();
          }}
        >
          <button type="submit" className="button" disabled={save.pending}>
            調査票を保存する
          </button>
        </SaveBar>
      </ReadOnlyFields>
    </form>
  );
}

export function DefinitionEditPage() {
  const id = Number(useParams().definitionId);
  const detail = useQuery('survey.definitions.get', { id });
  const d = detail.data;
  return (
    <>
      <p className="back-link">
        <Link to="/survey">← 調査の一覧</Link>
      </p>
      {detail.error && <ErrorNotice error={detail.error} />}
      {!d && !detail.error && <p className="muted">読み込み中…</p>}
      {d && (
        <>
          <PageHeader title={`調査票を編集: ${d.definition.name}`} lead={`第${d.version}版・設問を直し、追加・並べ替え・削除できます。`} />
          {/* A fresh form per survey; within one the form follows its own saves. */}
          <DefinitionForm key={d.id} detail={d} />
        </>
      )}
    </>
  );
}
