/**
 * A survey definition as its editor holds it — a number question's 最小・最大
 * as the text typed (a 小数 one in decimals, stored as hundredths) — and the
 * way back to the contract's definition, with every bound that is not a
 * number placed at its field. The draft keeps the definition's own shape, so
 * the core's refusals (paths under `definition`) land on the same fields.
 */
import type { FieldIssue, IssuePath } from '@renderer/lib/formErrors';
import { formatHundredths, parseHundredthsText, parseIntegerText } from '@shared/numbers';
import {
  freeCode,
  MAX_ANSWER_NUMBER,
  QUESTION_TYPE_LABELS,
  type Question,
  type ScalarQuestion,
  type SurveyDefinition,
  type TableQuestion,
} from '@shared/survey/definition';

type NumberQuestion = Extract<ScalarQuestion, { type: 'integer' | 'decimal' }>;
type Bounds = { min: string; max: string };

/** A column or question that is not a table, its 最小・最大 as typed when it is a number. */
export type ScalarDraft =
  | Exclude<ScalarQuestion, NumberQuestion>
  | (Omit<Extract<ScalarQuestion, { type: 'integer' }>, 'min' | 'max'> & Bounds)
  | (Omit<Extract<ScalarQuestion, { type: 'decimal' }>, 'min' | 'max'> & Bounds);
export type QuestionDraft = ScalarDraft | (Omit<TableQuestion, 'columns'> & { columns: ScalarDraft[] });
export type DefinitionDraft = Omit<SurveyDefinition, 'questions'> & { questions: QuestionDraft[] };

/** The types a question added in the editor may have (a table's columns are not added here). */
export const NEW_QUESTION_TYPES = ['integer', 'decimal', 'choice', 'multi', 'text', 'date'] as const;
export type NewQuestionType = (typeof NEW_QUESTION_TYPES)[number];

const boundText = (q: NumberQuestion, v: number | null) => (v === null ? '' : q.type === 'decimal' ? formatHundredths(v) : String(v));

function scalarDraftOf(q: ScalarQuestion): ScalarDraft {
  return q.type === 'integer' || q.type === 'decimal' ? { ...q, min: boundText(q, q.min), max: boundText(q, q.max) } : q;
}

/** The editor's text for a saved definition. */
export function definitionDraftOf(def: SurveyDefinition): DefinitionDraft {
  return {
    ...def,
    questions: def.questions.map((q) => (q.type === 'table' ? { ...q, columns: q.columns.map(scalarDraftOf) } : scalarDraftOf(q))),
  };
}

/** A new question of `type`, its code the first free one; a choice question starts with two empty choices. */
export function newQuestion(type: NewQuestionType, taken: readonly string[]): QuestionDraft {
  const common = { code: freeCode('q', taken), label: '', required: false, help: '', when: null };
  switch (type) {
    case 'integer':
      return { ...common, type, min: '', max: '', warnAbove: null, unit: '' };
    case 'decimal':
      return { ...common, type, decimals: 2, min: '', max: '', warnAbove: null, unit: '' };
    case 'choice':
      return { ...common, type, choices: [newChoice([]), newChoice(['c1'])] };
    case 'multi':
      return { ...common, type, choices: [newChoice([]), newChoice(['c1'])], maxSelected: null };
    case 'text':
      return { ...common, type, maxLength: 200 };
    case 'date':
      return { ...common, type, min: null, max: null };
  }
}

/**
 * The question as another type: its code, 見出し, 説明, 必須 and condition kept, the rest of a new question of that type
 * (a choice question's choices kept when it becomes the other kind of choice).
 * @example withType(textQuestion, 'integer') // { code: 'q1', label: '担当部署', type: 'integer', min: '', max: '', … }
 */
export function withType(q: QuestionDraft, type: NewQuestionType): QuestionDraft {
  const kept = { code: q.code, label: q.label, required: q.required, help: q.help, when: q.when };
  const next = { ...newQuestion(type, []), ...kept };
  const choices = q.type === 'choice' || q.type === 'multi' ? q.choices : null;
  return choices && (next.type === 'choice' || next.type === 'multi') ? { ...next, choices } : next;
}

export function newChoice(taken: readonly string[]) {
  return { code: freeCode('c', taken), label: '' };
}

/** `list` with the item at `from` moved one place up (-1) or down (+1); unchanged at either end. */
export function moved<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

function readBound(q: NumberQuestion | ScalarDraft, text: string, path: IssuePath, problems: FieldIssue[]): number | null {
  try {
    return q.type === 'decimal' ? parseHundredthsText(text) : parseIntegerText(text, MAX_ANSWER_NUMBER);
  } catch (error) {
    problems.push({ path, message: (error as Error).message });
    return null;
  }
}

function readScalar(q: ScalarDraft, path: IssuePath, problems: FieldIssue[]): ScalarQuestion {
  if (q.type !== 'integer' && q.type !== 'decimal') return q;
  return { ...q, min: readBound(q, q.min, [...path, 'min'], problems), max: readBound(q, q.max, [...path, 'max'], problems) };
}

/**
 * The definition to save, or the problems of the bounds typed, each at its field.
 * @example readDefinitionDraft(definitionDraftOf(def)) // { definition: def }
 */
export function readDefinitionDraft(draft: DefinitionDraft): { definition: SurveyDefinition } | { problems: FieldIssue[] } {
  const problems: FieldIssue[] = [];
  const questions = draft.questions.map((q, i): Question => {
    const path = ['questions', i];
    if (q.type !== 'table') return readScalar(q, path, problems);
    return { ...q, columns: q.columns.map((c, k) => readScalar(c, [...path, 'columns', k], problems)) };
  });
  return problems.length > 0 ? { problems } : { definition: { ...draft, questions } };
}

/** Where the editor shows a refusal of `survey.definitions.save`: the definition's own path. */
export function draftPathOf(path: IssuePath): IssuePath {
  return path[0] === 'definition' ? path.slice(1) : path;
}

function questionLine(q: QuestionDraft, heading: string): string {
  const bounds = q.type === 'integer' || q.type === 'decimal' ? q : null;
  return [
    `${heading}（${QUESTION_TYPE_LABELS[q.type]}）: ${q.label}`,
    ...(q.help ? [`説明: ${q.help}`] : []),
    ...(q.required ? ['必須'] : []),
    ...(bounds?.unit ? [`単位: ${bounds.unit}`] : []),
    ...(bounds?.min ? [`最小: ${bounds.min}`] : []),
    ...(bounds?.max ? [`最大: ${bounds.max}`] : []),
    ...(q.type === 'choice' || q.type === 'multi' ? [`選択肢: ${q.choices.map((c) => c.label).join('・')}`] : []),
  ].join(' ／ ');
}

/** The survey a line a question, each with its table's columns under it. */
function outline(draft: DefinitionDraft): string[][] {
  return [
    [`調査名: ${draft.name}`],
    ...(draft.description ? [[`説明: ${draft.description}`]] : []),
    ...draft.questions.map((q, i) => [
      questionLine(q, `問${i + 1}`),
      ...(q.type === 'table' ? q.columns.map((c, k) => `　${questionLine(c, `列${k + 1}`)}`) : []),
    ]),
  ];
}

/**
 * What was typed since the survey was read, a line a question changed (a column changed under its table's line),
 * for copying back after a refused save's 再読み込み has brought in someone else's.
 * @example unsavedText(draft, read) // '問1（整数）: 訪問診療の件数 ／ 単位: 件'
 */
export function unsavedText(draft: DefinitionDraft, read: DefinitionDraft): string {
  const before = new Set(outline(read).flat());
  return outline(draft)
    .flatMap(([line, ...columns]) => {
      const changed = columns.filter((c) => !before.has(c));
      return before.has(line!) && changed.length === 0 ? [] : [line!, ...changed];
    })
    .join('\n');
}
