/**
 * One target's answers to a definition version: their stored shape, the
 * check that finds every error (out of range, missing, not a choice, a blank
 * row in the middle of a roster …) and warning (常勤換算 over one person),
 * and reading / writing one answer as the text a form cell holds — the same
 * rules for the app's form and the returned workbooks.
 *
 * Stored values: integer → number; decimal → integer hundredths (0.75 → 75);
 * choice → the choice's code; multi → codes in the definition's order;
 * text → string; date → ISO date; table → rows of column code → value.
 * A missing answer is null (or absent).
 */
import { z } from 'zod';
import { isoDateSchema } from '../contract/common';
import { lazySchema } from '../contract/define';
import { formatNumber } from '../format';
import { fixedHundredths, formatHundredths, parseHundredthsText, parseIntegerText } from '../numbers';
import { formatWareki, parseDateText } from '../wareki';
import {
  MAX_ANSWER_NUMBER,
  type Question,
  type ScalarQuestion,
  type SurveyDefinition,
  type TableQuestion,
  type TotalCheck,
} from './definition';

export type ScalarValue = number | string | string[];
export type TableRow = Record<string, ScalarValue | null>;
export type AnswerValue = ScalarValue | TableRow[];
export type Answers = Record<string, AnswerValue | null>;

const scalarValueSchema = lazySchema(() => z.union([z.number(), z.string(), z.array(z.string())]));
/** The stored shape only; whether the values fit the definition is checkAnswers' work. */
export const answersSchema = lazySchema(() =>
  z.record(z.string(), z.union([scalarValueSchema, z.array(z.record(z.string(), scalarValueSchema.nullable())), z.null()])),
);

export type Severity = 'error' | 'warning';

/**
 * One problem, located so the form and the workbook importer can each point
 * at their own place: `question` is the top-level question's code; for a
 * table, `row` is the 0-based row and `column` the column's code. The message
 * names the question (and 〇行目) in Japanese and says what to do.
 */
export interface AnswerProblem {
  severity: Severity;
  question: string;
  row: number | null;
  column: string | null;
  message: string;
}

export interface AnswerCheck {
  /** The answers as stored: blank values removed, trailing blank table rows dropped, multi codes in the definition's order. */
  answers: Answers;
  errors: AnswerProblem[];
  warnings: AnswerProblem[];
}

export function isBlank(value: AnswerValue | null | undefined): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function rowIsBlank(row: TableRow): boolean {
  return Object.values(row).every((v) => isBlank(v));
}

/** A table whose every row is empty, as a form with untouched rows sends it: no answer. */
function isBlankTable(value: AnswerValue | null | undefined): boolean {
  return (
    Array.isArray(value) &&
    value.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row) && rowIsBlank(row as TableRow))
  );
}

function choiceList(q: { choices: readonly { label: string }[] }): string {
  return q.choices.map((c) => c.label).join('・');
}

/** A number the way the question shows it: hundredths as a decimal, with its unit. */
function shown(q: ScalarQuestion, value: number): string {
  const unit = q.type === 'integer' || q.type === 'decimal' ? q.unit : '';
  return `${q.type === 'decimal' ? formatHundredths(value) : formatNumber(value)}${unit}`;
}

/** Whether a question's `when` holds for the answers beside it (the top level, or one table row). */
export function applies(q: Question | ScalarQuestion, siblings: Readonly<Record<string, AnswerValue | null>>): boolean {
  if (!q.when) return true;
  const on = siblings[q.when.question];
  if (typeof on === 'string') return q.when.in.includes(on);
  if (Array.isArray(on)) return on.some((v) => typeof v === 'string' && q.when!.in.includes(v));
  return false;
}

interface Place {
  question: string;
  row: number | null;
  column: string | null;
  /** 「配置職員」3行目の「常勤換算」 or 「医師数」. */
  name: string;
}

class Collector {
  readonly errors: AnswerProblem[] = [];
  readonly warnings: AnswerProblem[] = [];
  add(severity: Severity, at: Place, message: string): void {
    (severity === 'error' ? this.errors : this.warnings).push({ severity, question: at.question, row: at.row, column: at.column, message });
  }
}

/** Checks one scalar value; returns it as stored (or null when unusable). */
function checkScalar(q: ScalarQuestion, value: AnswerValue, at: Place, out: Collector): ScalarValue | null {
  const error = (message: string) => {
    out.add('error', at, message);
    return null;
  };
  switch (q.type) {
    case 'integer':
    case 'decimal': {
      const decimal = q.type === 'decimal';
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        return error(decimal ? `${at.name}は小数第${q.decimals}位までの数で入力してください。` : `${at.name}は整数で入力してください。`);
      }
      if (decimal && q.decimals === 1 && value % 10 !== 0)
        return error(`${at.name}は小数第1位までで入力してください（入力: ${formatHundredths(value)}）。`);
      const min = q.min ?? -MAX_ANSWER_NUMBER;
      const max = q.max ?? MAX_ANSWER_NUMBER;
      if (value < min || value > max) {
        const range =
          q.min !== null && q.max !== null
            ? `${shown(q, q.min)}以上${shown(q, q.max)}以下`
            : q.min !== null
              ? `${shown(q, q.min)}以上`
              : `${shown(q, max)}以下`;
        return error(`${at.name}は${range}で入力してください（入力: ${shown(q, value)}）。`);
      }
      if (q.warnAbove && value > q.warnAbove.value) {
        out.add(
          'warning',
          at,
          `${at.name}が${shown(q, q.warnAbove.value)}を超えています（入力: ${shown(q, value)}）。${q.warnAbove.reason ? `${q.warnAbove.reason}。` : ''}誤りでないか確かめてください。`,
        );
      }
      return value;
    }
    case 'choice': {
      if (typeof value !== 'string' || !q.choices.some((c) => c.code === value)) {
        return error(`${at.name}の「${String(value)}」は選択肢にありません。${choiceList(q)}から選んでください。`);
      }
      return value;
    }
    case 'multi': {
      const values = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) return error(`${at.name}は選択肢から選んでください。`);
      const unknown = (values as string[]).filter((v) => !q.choices.some((c) => c.code === v));
      if (unknown.length > 0)
        return error(`${at.name}の「${unknown.join('・')}」は選択肢にありません。${choiceList(q)}から選んでください。`);
      const chosen = q.choices.filter((c) => (values as string[]).includes(c.code)).map((c) => c.code);
      if (q.maxSelected !== null && chosen.length > q.maxSelected)
        return error(`${at.name}は${q.maxSelected}つまで選べます（${chosen.length}つ選ばれています）。`);
      return chosen;
    }
    case 'text': {
      if (typeof value !== 'string') return error(`${at.name}は文字で入力してください。`);
      const text = value.trim();
      if (text.length > q.maxLength)
        return error(`${at.name}は${formatNumber(q.maxLength)}文字以内で入力してください（${formatNumber(text.length)}文字あります）。`);
      return text;
    }
    case 'date': {
      const parsed = typeof value === 'string' ? isoDateSchema.safeParse(value) : null;
      if (!parsed?.success) return error(`${at.name}は正しい日付で入力してください（例: 2025-04-01 または 令和7年4月1日）。`);
      if ((q.min !== null && parsed.data < q.min) || (q.max !== null && parsed.data > q.max)) {
        const range = [q.min && `${formatWareki(q.min)}以降`, q.max && `${formatWareki(q.max)}以前`].filter(Boolean).join('、');
        return error(`${at.name}は${range}の日付で入力してください（入力: ${formatWareki(parsed.data)}）。`);
      }
      return parsed.data;
    }
  }
}

/** Checks a level's questions (the top level, or one table row) and returns the stored values. */
function checkLevel(
  questions: readonly (Question | ScalarQuestion)[],
  given: Readonly<Record<string, AnswerValue | null>>,
  place: (q: Question | ScalarQuestion) => Place,
  unknownPlace: (code: string) => Place,
  out: Collector,
): Record<string, AnswerValue> {
  const stored: Record<string, AnswerValue> = {};
  for (const code of Object.keys(given)) {
    if (!questions.some((q) => q.code === code) && !isBlank(given[code]))
      out.add('error', unknownPlace(code), `設問「${code}」はこの調査の設問にありません。調査票の版を確かめてください。`);
  }
  for (const q of questions) {
    const value = given[q.code];
    const at = place(q);
    const needed = applies(q, given);
    if (isBlank(value) || (q.type === 'table' && isBlankTable(value))) {
      if (q.required && needed && q.type !== 'table') out.add('error', at, `${at.name}が未回答です。回答を入力してください。`);
      if (q.required && needed && q.type === 'table') out.add('error', at, `${at.name}が未回答です。1行以上記入してください。`);
      continue;
    }
    if (!needed) {
      const on = questions.find((o) => o.code === q.when!.question);
      const labels =
        on && 'choices' in on
          ? on.choices
              .filter((c) => q.when!.in.includes(c.code))
              .map((c) => c.label)
              .join('・')
          : q.when!.in.join('・');
      out.add(
        'warning',
        at,
        `${at.name}は「${on?.label ?? q.when!.question}」が${labels}の場合に回答する設問ですが、回答があります。どちらが正しいか確かめてください。`,
      );
    }
    const checked = q.type === 'table' ? checkTable(q, value!, at, out) : checkScalar(q, value!, at, out);
    if (checked !== null && !isBlank(checked)) stored[q.code] = checked;
  }
  return stored;
}

function checkTable(q: TableQuestion, value: AnswerValue, at: Place, out: Collector): TableRow[] | null {
  if (!Array.isArray(value) || value.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))) {
    out.add('error', at, `${at.name}は表の形で入力してください。`);
    return null;
  }
  const rows = value as TableRow[];
  let last = rows.length - 1;
  while (last >= 0 && rowIsBlank(rows[last]!)) last -= 1;
  const filled = rows.slice(0, last + 1);
  if (filled.length > q.maxRows) {
    out.add('error', { ...at, row: q.maxRows }, `${at.name}は${q.maxRows}行までです（${filled.length}行あります）。`);
  }
  const stored: TableRow[] = [];
  filled.forEach((row, i) => {
    if (rowIsBlank(row)) {
      out.add('error', { ...at, row: i }, `${at.name}の${i + 1}行目が空欄です。上の行から詰めて記入するか、空欄の行を削除してください。`);
      return;
    }
    const cells = checkLevel(
      q.columns,
      row,
      (col) => ({ question: q.code, row: i, column: col.code, name: `「${q.label}」${i + 1}行目の「${col.label}」` }),
      (code) => ({ question: q.code, row: i, column: code, name: `「${q.label}」${i + 1}行目` }),
      out,
    ) as TableRow;
    stored.push(cells);
  });
  return stored;
}

/**
 * Every error and warning of one target's answers against a definition
 * version, and the answers as they would be stored. Errors stop a save (or
 * an import of the file); warnings are shown and accepted.
 * @example checkAnswers(def, { staff: [{ job: 'nurse', … }, {}, { job: 'clerk', … }] }).errors[0]
 *   // { question: 'staff', row: 1, column: null, message: '「配置職員」の2行目が空欄です。…' }
 */
export function checkAnswers(def: SurveyDefinition, given: Readonly<Record<string, AnswerValue | null>>): AnswerCheck {
  const out = new Collector();
  const answers = checkLevel(
    def.questions,
    given,
    (q) => ({ question: q.code, row: null, column: null, name: `「${q.label}」` }),
    (code) => ({ question: code, row: null, column: null, name: `設問「${code}」` }),
    out,
  );
  for (const check of def.checks) checkTotals(def, check, answers, out);
  return { answers, errors: out.errors, warnings: out.warnings };
}

/**
 * One 検算: the two groups' totals, blanks as 0, once any of their questions
 * is answered. Skipped while one of them already has an error, so a typing
 * slip is reported once, at its own cell.
 */
function checkTotals(def: SurveyDefinition, check: TotalCheck, answers: Answers, out: Collector): void {
  const codes = [...check.left, ...check.right];
  if (out.errors.some((e) => codes.includes(e.question))) return;
  if (codes.every((c) => isBlank(answers[c]))) return;
  const total = (side: readonly string[]) =>
    side.reduce((sum, c) => sum + (typeof answers[c] === 'number' ? (answers[c] as number) : 0), 0);
  const left = total(check.left);
  const right = total(check.right);
  if (left === right) return;
  const labels = (side: readonly string[]) => side.map((c) => def.questions.find((q) => q.code === c)?.label ?? c).join('・');
  const first = def.questions.find((q) => q.code === check.right[0]);
  const unit = first && first.type === 'integer' ? first.unit : '';
  out.add(
    'error',
    { question: check.right[0]!, row: null, column: null, name: check.label },
    `${check.label}: ${check.leftLabel}の合計（${formatNumber(left)}${unit}）と${check.rightLabel}の合計（${formatNumber(right)}${unit}）が一致しません（差 ${formatNumber(Math.abs(left - right))}${unit}）。${check.leftLabel}（${labels(check.left)}）と${check.rightLabel}（${labels(check.right)}）を見直してください。`,
  );
}

export type ParsedCell = { ok: true; value: ScalarValue | null } | { ok: false; message: string };

function normalized(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** What people write for none in a number cell: 「なし」「該当なし」 or a dash alone. */
const NONE = /^(?:なし|無し|無|該当なし|[-−‐‑‒–—―ー])$/;

/** A number with its question's unit written after it, as the form's hint shows it (「3人」; 名 for 人 too), without the unit. */
function withoutUnit(q: Extract<ScalarQuestion, { type: 'integer' | 'decimal' }>, raw: string): string {
  const text = normalized(raw);
  const units = q.unit ? [q.unit.normalize('NFKC'), ...(q.unit === '人' ? ['名'] : [])] : [];
  const unit = units.find((u) => text.length > u.length && text.endsWith(u));
  return unit ? text.slice(0, -unit.length) : raw;
}

/**
 * Reads what a person typed into one cell (of the form or a returned
 * workbook) as the question's stored value: full-width digits and commas,
 * a number's unit after it (「3人」), choices by label or code, several choices separated by 、 or a line
 * break, dates in 西暦 or 和暦. The range is checkAnswers' work.
 * @example parseAnswerText(fteQuestion, '０．７５') // { ok: true, value: 75 }
 */
export function parseAnswerText(q: ScalarQuestion, text: string): ParsedCell {
  const raw = text.trim();
  if (raw === '') return { ok: true, value: null };
  const fail = (message: string): ParsedCell => ({ ok: false, message: `「${q.label}」の「${raw}」: ${message}` });
  const choiceOf = (part: string) => {
    const key = normalized(part);
    return 'choices' in q ? q.choices.find((c) => normalized(c.label) === key || c.code === key) : undefined;
  };
  switch (q.type) {
    case 'integer': {
      if (NONE.test(normalized(raw))) return fail('数ではありません。該当がなければ 0 を記入してください。');
      try {
        return { ok: true, value: parseIntegerText(withoutUnit(q, raw), 999_999_999_999) ?? 0 };
      } catch {
        return fail('整数で入力してください。');
      }
    }
    case 'decimal': {
      if (NONE.test(normalized(raw))) return fail('数ではありません。該当がなければ 0 を記入してください。');
      try {
        return { ok: true, value: parseHundredthsText(withoutUnit(q, raw)) };
      } catch {
        return fail(`0以上の小数第${q.decimals}位までの数で入力してください。`);
      }
    }
    case 'choice': {
      const choice = choiceOf(raw);
      return choice ? { ok: true, value: choice.code } : fail(`選択肢にありません。${choiceList(q)}から選んでください。`);
    }
    case 'multi': {
      const parts = raw
        .split(/[、,，;；\n]+/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const codes: string[] = [];
      for (const part of parts) {
        const choice = choiceOf(part);
        if (!choice) return fail(`「${part}」は選択肢にありません。${choiceList(q)}から選び、複数のときは「、」で区切ってください。`);
        codes.push(choice.code);
      }
      return { ok: true, value: q.choices.filter((c) => codes.includes(c.code)).map((c) => c.code) };
    }
    case 'text':
      return { ok: true, value: raw };
    case 'date': {
      try {
        return { ok: true, value: parseDateText(raw) };
      } catch (error) {
        return fail(
          /存在しない/.test((error as Error).message)
            ? '存在しない日付です。'
            : '日付として読めません（例: 2025-04-01 または 令和7年4月1日）。',
        );
      }
    }
  }
}

/**
 * A stored value as the text a form cell shows (pre-filling a workbook with
 * the last round's answers, the answer form's boxes): choice labels, decimals
 * from hundredths to the question's places; a roster one line a row, its
 * cells in column order (― for a blank one), for the officer to retype.
 * @example formatAnswerText(fteQuestion, 75) // '0.75'
 * @example formatAnswerText(staffQuestion, [{ job: 'nurse', employment: 'full_time', fte: 100 }]) // '1行目 看護師・常勤・1.00'
 */
export function formatAnswerText(q: Question, value: AnswerValue | null): string {
  if (value === null) return '';
  switch (q.type) {
    case 'table':
      return (value as TableRow[])
        .map((row, i) => `${i + 1}行目 ${q.columns.map((c) => formatAnswerText(c, row[c.code] ?? null) || '―').join('・')}`)
        .join('\n');
    case 'integer':
      return String(value);
    case 'decimal':
      return fixedHundredths(value as number, q.decimals);
    case 'choice':
      return q.choices.find((c) => c.code === value)?.label ?? String(value);
    case 'multi':
      return q.choices
        .filter((c) => (value as string[]).includes(c.code))
        .map((c) => c.label)
        .join('、');
    case 'text':
    case 'date':
      return String(value);
  }
}

/**
 * What changed from one answer to the next, a question a line, for the audit
 * log of an answer replaced: the values as the form shows them, a table by its
 * rows.
 * @example answerChanges(def, { director_post: 'chairman' }, { director_post: 'director' }) // ['センター長の医師会内役職 会長→理事']
 */
export function answerChanges(def: SurveyDefinition, before: Answers, after: Answers): string[] {
  return def.questions.flatMap((q) => {
    const [was, now] = [before[q.code] ?? null, after[q.code] ?? null];
    if (JSON.stringify(was) === JSON.stringify(now)) return [];
    if (q.type === 'table') {
      const rows = (v: AnswerValue | null) => (Array.isArray(v) ? v.length : 0);
      return [rows(was) === rows(now) ? `${q.label}（${rows(now)}行）の内容` : `${q.label} ${rows(was)}行→${rows(now)}行`];
    }
    const text = (v: AnswerValue | null) => formatAnswerText(q, v) || '未回答';
    return [`${q.label} ${text(was)}→${text(now)}`];
  });
}
