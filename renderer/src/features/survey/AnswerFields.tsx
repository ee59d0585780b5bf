/**
 * The answer form's fields, one per question type: radio buttons for one
 * choice, checkboxes for several, number and text boxes, a date, and the
 * repeating roster as a table whose rows are added and removed. Each field
 * shows its errors (red) and warnings (orange) beside it, and is disabled
 * while its condition (「その他の場合」) is not met.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { DateField } from '@renderer/components/DateField';
import { formatNumber } from '@shared/format';
import { formatHundredths } from '@shared/numbers';
import { parseAnswerText } from '@shared/survey/answers';
import type { Question, ScalarQuestion, TableQuestion } from '@shared/survey/definition';
import { type CellDraft, emptyRow, isAsked, placeKey, type RowDraft } from './draft';

/** The messages to show at one place: errors first. */
export interface Messages {
  errors: string[];
  warnings: string[];
}

export type MessagesAt = (key: string) => Messages;

function MessageList({ messages, id }: { messages: Messages; id?: string }) {
  if (messages.errors.length === 0 && messages.warnings.length === 0) return null;
  return (
    <div className="survey-messages" id={id}>
      {messages.errors.map((m) => (
        <span key={m} className="field__error" role="alert">
          {m}
        </span>
      ))}
      {messages.warnings.map((m) => (
        <span key={m} className="survey-warning">
          注意: {m}
        </span>
      ))}
    </div>
  );
}

/** 「（「センター長の医師会内役職」が その他 の場合）」: why a field is disabled. */
function conditionText(q: Question | ScalarQuestion, siblings: readonly (Question | ScalarQuestion)[]): string {
  if (!q.when) return '';
  const on = siblings.find((s) => s.code === q.when!.question);
  const labels = on && 'choices' in on ? on.choices.filter((c) => q.when!.in.includes(c.code)).map((c) => c.label) : q.when.in;
  return `「${on?.label ?? q.when.question}」が${labels.join('・')}の場合に回答`;
}

function Legend({ q }: { q: Question }) {
  return (
    <>
      {q.label}
      {q.required && <span className="survey-required">必須</span>}
    </>
  );
}

/** One box for a scalar answer, as a form field or a roster cell (`label` is then its accessible name). */
function ScalarBox({
  q,
  value,
  disabled,
  invalid,
  label,
  unit = true,
  onChange,
  ...aria
}: {
  q: ScalarQuestion;
  value: CellDraft;
  disabled: boolean;
  invalid: boolean;
  label?: string;
  /** Show a number's unit after its box (not where the unit heads a row of boxes). */
  unit?: boolean;
  onChange(value: CellDraft): void;
  id?: string;
  'aria-describedby'?: string;
}) {
  const common = { ...aria, disabled, 'aria-invalid': invalid, ...(label ? { 'aria-label': label } : {}) };
  switch (q.type) {
    case 'choice':
      return (
        <select {...common} value={value as string} onChange={(e) => onChange(e.target.value)}>
          <option value="">{label ? '（選択）' : q.required ? '（選んでください）' : '（未回答）'}</option>
          {q.choices.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      );
    case 'multi':
      return (
        <span className="survey-checks" role="group" aria-label={label}>
          {q.choices.map((c) => (
            <label key={c.code} className="check">
              <input
                type="checkbox"
                disabled={disabled}
                checked={(value as string[]).includes(c.code)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...(value as string[]), c.code] : (value as string[]).filter((v) => v !== c.code))
                }
              />
              {c.label}
            </label>
          ))}
        </span>
      );
    case 'integer':
    case 'decimal':
      return (
        <span className="survey-number">
          <input
            {...common}
            inputMode={q.type === 'integer' ? 'numeric' : 'decimal'}
            value={value as string}
            onChange={(e) => onChange(e.target.value)}
          />
          {unit && q.unit && <span>{q.unit}</span>}
        </span>
      );
    case 'date':
      return <DateField {...common} value={value as string} onChange={onChange} />;
    case 'text':
      return q.maxLength > 200 ? (
        <textarea {...common} rows={3} value={value as string} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} value={value as string} onChange={(e) => onChange(e.target.value)} />
      );
  }
}

/** A hint under a label: the question's help, its range, and its condition. */
function hintOf(q: ScalarQuestion, asked: boolean, siblings: readonly (Question | ScalarQuestion)[]): string {
  const parts = [q.help];
  if (q.type === 'decimal') parts.push(`小数第${q.decimals}位まで`);
  if (q.type === 'multi') parts.push(q.maxSelected ? `${q.maxSelected}つまで選べます` : '当てはまるものをすべて選んでください');
  if (!asked) parts.push(conditionText(q, siblings));
  return sentences(parts);
}

/** Hint parts as sentences, each ended once with 。 whether or not it came with one. */
function sentences(parts: readonly string[]): string {
  return parts
    .filter(Boolean)
    .map((p) => p.replace(/。$/, ''))
    .join('。');
}

export function ScalarField({
  q,
  siblings,
  value,
  asked,
  messages,
  onChange,
}: {
  q: ScalarQuestion;
  siblings: readonly Question[];
  value: CellDraft;
  asked: boolean;
  messages: Messages;
  onChange(value: CellDraft): void;
}) {
  const id = useId();
  const hint = hintOf(q, asked, siblings);
  const invalid = messages.errors.length > 0;
  if (q.type === 'choice' || q.type === 'multi') {
    const chosen = q.type === 'choice' ? [value as string] : (value as string[]);
    const set = (code: string, on: boolean) =>
      onChange(q.type === 'choice' ? (on ? code : '') : on ? [...chosen, code] : chosen.filter((c) => c !== code));
    return (
      <fieldset
        className={`survey-field survey-choices${invalid ? ' survey-field--invalid' : ''}`}
        disabled={!asked}
        aria-describedby={`${id}-hint ${id}-messages`}
      >
        <legend>
          <Legend q={q} />
        </legend>
        {hint && (
          <span className="field__hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        <div className="survey-choices__options">
          {q.choices.map((c) => (
            <label key={c.code} className="check">
              <input
                type={q.type === 'choice' ? 'radio' : 'checkbox'}
                name={`${id}-${q.code}`}
                checked={chosen.includes(c.code)}
                onChange={(e) => set(c.code, e.target.checked)}
              />
              {c.label}
            </label>
          ))}
          {q.type === 'choice' && !q.required && (
            <label className="check survey-choices__none">
              <input type="radio" name={`${id}-${q.code}`} checked={value === ''} onChange={() => onChange('')} />
              未回答
            </label>
          )}
        </div>
        <MessageList messages={messages} id={`${id}-messages`} />
      </fieldset>
    );
  }
  return (
    <div className={`field survey-field${invalid ? ' survey-field--invalid' : ''}`}>
      <label htmlFor={id}>
        <Legend q={q} />
      </label>
      {hint && (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <ScalarBox
        q={q}
        id={id}
        aria-describedby={`${id}-hint ${id}-messages`}
        value={value}
        disabled={!asked}
        invalid={invalid}
        onChange={onChange}
      />
      <MessageList messages={messages} id={`${id}-messages`} />
    </div>
  );
}

export type NumberQuestion = Extract<ScalarQuestion, { type: 'integer' | 'decimal' }>;

/**
 * Number questions that differ only in a bracketed tail (医師数（39歳以下）…
 * （80歳以上）) as one row of small boxes under their shared head, with the
 * total of what is typed — how the paper form asks them.
 */
export function NumberGroupField({
  head,
  parts,
  questions,
  siblings,
  values,
  asked,
  messagesAt,
  onChange,
}: {
  head: string;
  parts: string[];
  questions: NumberQuestion[];
  siblings: readonly Question[];
  values: string[];
  asked: boolean;
  messagesAt(q: NumberQuestion): Messages;
  onChange(q: NumberQuestion, value: string): void;
}) {
  const id = useId();
  const first = questions[0]!;
  const all = questions.map(messagesAt);
  const merged = { errors: all.flatMap((m) => m.errors), warnings: all.flatMap((m) => m.warnings) };
  const read = questions.map((q, i) => parseAnswerText(q, values[i] ?? ''));
  const total = read.every((r) => r.ok) ? read.reduce((sum, r) => sum + (r.ok && typeof r.value === 'number' ? r.value : 0), 0) : null;
  return (
    <fieldset
      className={`survey-field survey-number-group${merged.errors.length > 0 ? ' survey-field--invalid' : ''}`}
      disabled={!asked}
      aria-describedby={`${id}-hint ${id}-messages`}
    >
      <legend>
        {head}
        {first.unit && `（${first.unit}）`}
        {first.required && <span className="survey-required">必須</span>}
      </legend>
      <span className="field__hint" id={`${id}-hint`}>
        {hintOf(first, asked, siblings)}
      </span>
      <div className="survey-number-group__boxes">
        {questions.map((q, i) => (
          <label key={q.code} className="survey-number-group__box">
            <span>{parts[i]}</span>
            <ScalarBox
              q={q}
              unit={false}
              value={values[i] ?? ''}
              disabled={!asked}
              invalid={all[i]!.errors.length > 0}
              onChange={(v) => onChange(q, v as string)}
            />
          </label>
        ))}
        <span className="survey-number-group__total" aria-live="polite">
          計 {total === null ? '—' : first.type === 'decimal' ? formatHundredths(total) : formatNumber(total)}
          {first.unit}
        </span>
      </div>
      <MessageList messages={merged} id={`${id}-messages`} />
    </fieldset>
  );
}

/** The repeating table (the staff roster): one row per person, rows added up to the question's limit and removed anywhere. */
export function RosterField({
  q,
  rows,
  asked,
  messagesAt,
  onChange,
  onRemoveRow,
}: {
  q: TableQuestion;
  rows: RowDraft[];
  asked: boolean;
  messagesAt: MessagesAt;
  onChange(rows: RowDraft[], changed: string): void;
  onRemoveRow(index: number): void;
}) {
  const id = useId();
  const tableRef = useRef<HTMLTableElement>(null);
  /** After 「行を追加」 the typing goes on in the new row's first box. */
  const [focusRow, setFocusRow] = useState<number>();
  useEffect(() => {
    if (focusRow === undefined) return;
    tableRef.current
      ?.querySelectorAll('tbody tr:not(.survey-roster__problems)')
      [focusRow]?.querySelector<HTMLElement>('select, input')
      ?.focus();
    setFocusRow(undefined);
  }, [focusRow]);
  const whole = messagesAt(placeKey(q.code));
  const addRow = () => {
    onChange([...rows, emptyRow(q)], placeKey(q.code));
    setFocusRow(rows.length);
  };
  const setCell = (i: number, column: string, value: CellDraft) =>
    onChange(
      rows.map((row, k) => (k === i ? { ...row, [column]: value } : row)),
      placeKey(q.code, i, column),
    );
  const rowMessages = (i: number): Messages => {
    const all = [messagesAt(placeKey(q.code, i)), ...q.columns.map((c) => messagesAt(placeKey(q.code, i, c.code)))];
    return { errors: all.flatMap((m) => m.errors), warnings: all.flatMap((m) => m.warnings) };
  };
  return (
    <fieldset
      className={`survey-field survey-roster${whole.errors.length > 0 ? ' survey-field--invalid' : ''}`}
      disabled={!asked}
      aria-describedby={`${id}-hint`}
    >
      <legend>
        <Legend q={q} />
      </legend>
      <span className="field__hint" id={`${id}-hint`}>
        {sentences([q.help, `${formatNumber(q.maxRows)}行まで`])}
      </span>
      <div className="table-wrap">
        <table className="table survey-roster__table" aria-label={q.label} ref={tableRef}>
          <thead>
            <tr>
              <th className="num">行</th>
              {q.columns.map((c) => (
                <th key={c.code} title={c.help || undefined}>
                  {c.label}
                  {c.required && <span className="survey-required survey-required--mark">＊</span>}
                </th>
              ))}
              <th>
                <span className="sr-only">行の操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const messages = rowMessages(i);
              return (
                <RosterRow key={i} problems={messages} span={q.columns.length + 2}>
                  <td className="num">{i + 1}</td>
                  {q.columns.map((c) => {
                    const asked = isAsked(c, row);
                    const cell = messagesAt(placeKey(q.code, i, c.code));
                    return (
                      <td key={c.code} className={`survey-roster__cell survey-roster__cell--${c.type}`}>
                        <ScalarBox
                          q={c}
                          label={`${i + 1}行目の${c.label}`}
                          value={asked ? (row[c.code] ?? '') : c.type === 'multi' ? [] : ''}
                          disabled={!asked}
                          invalid={cell.errors.length > 0}
                          onChange={(v) => setCell(i, c.code, v)}
                        />
                      </td>
                    );
                  })}
                  <td>
                    <button
                      data-edit="association"
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`${i + 1}行目を削除`}
                      onClick={() => onRemoveRow(i)}
                    >
                      削除
                    </button>
                  </td>
                </RosterRow>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions survey-roster__foot">
        <button
          data-edit="association"
          type="button"
          className="button button--secondary button--small"
          disabled={rows.length >= q.maxRows}
          onClick={addRow}
        >
          ＋ 行を追加
        </button>
        <span className="muted">
          {formatNumber(rows.length)} / {formatNumber(q.maxRows)} 行。最後の空欄の行は保存されません。
        </span>
      </div>
      <MessageList messages={whole} />
    </fieldset>
  );
}

function RosterRow({ problems, span, children }: { problems: Messages; span: number; children: ReactNode }) {
  const bad = problems.errors.length > 0;
  return (
    <>
      <tr className={bad ? 'survey-roster__row--invalid' : undefined}>{children}</tr>
      {(bad || problems.warnings.length > 0) && (
        <tr className="survey-roster__problems">
          <td colSpan={span}>
            <MessageList messages={problems} />
          </td>
        </tr>
      )}
    </>
  );
}
