/**
 * The answer form's draft: what the officer has typed, question by question
 * (text as typed, choice codes, checked codes, roster rows), turned into the
 * stored answers with the same cell reader the returned workbooks use, and
 * the place of each problem so it shows next to its field.
 */
import {
  type AnswerProblem,
  type Answers,
  type AnswerValue,
  applies,
  formatAnswerText,
  parseAnswerText,
  type ScalarValue,
  type TableRow,
} from '@shared/survey/answers';
import type { Question, ScalarQuestion, SurveyDefinition, TableQuestion } from '@shared/survey/definition';

/** A choice's code ('' for none), the codes checked, or the text in the box. */
export type CellDraft = string | string[];
export type RowDraft = Record<string, CellDraft>;
export type Draft = Record<string, CellDraft | RowDraft[]>;

/** Where a problem belongs: a question, or one cell of a table. */
export function placeKey(question: string, row: number | null = null, column: string | null = null): string {
  return [question, row ?? '', column ?? ''].join('/');
}

export function problemKey(p: Pick<AnswerProblem, 'question' | 'row' | 'column'>): string {
  return placeKey(p.question, p.row, p.column);
}

function cellDraft(q: ScalarQuestion, value: ScalarValue | null | undefined): CellDraft {
  if (q.type === 'multi') return Array.isArray(value) ? value : [];
  if (q.type === 'choice') return typeof value === 'string' ? value : '';
  return value === null || value === undefined ? '' : formatAnswerText(q, value);
}

export function emptyRow(q: TableQuestion): RowDraft {
  return Object.fromEntries(q.columns.map((c) => [c.code, cellDraft(c, null)]));
}

/** The draft of stored answers (the current ones, last round's, or none); a required roster starts with one empty row. */
export function draftOf(def: SurveyDefinition, answers: Answers | null): Draft {
  const draft: Draft = {};
  for (const q of def.questions) {
    const value = answers?.[q.code];
    if (q.type === 'table') {
      const rows = Array.isArray(value) ? (value as TableRow[]) : [];
      draft[q.code] =
        rows.length > 0 ? rows.map((row) => Object.fromEntries(q.columns.map((c) => [c.code, cellDraft(c, row[c.code])]))) : [emptyRow(q)];
    } else {
      draft[q.code] = cellDraft(q, value as ScalarValue | null | undefined);
    }
  }
  return draft;
}

/** Whether a question is asked, given the choices beside it in the draft (the top level, or the same roster row). */
export function isAsked(q: Question | ScalarQuestion, siblings: Readonly<Record<string, CellDraft | RowDraft[]>>): boolean {
  return applies(q, siblings as Readonly<Record<string, AnswerValue | null>>);
}

function cellValue(q: ScalarQuestion, draft: CellDraft | undefined, key: string, unreadable: Map<string, string>): ScalarValue | null {
  if (q.type === 'multi') return Array.isArray(draft) && draft.length > 0 ? draft : null;
  if (q.type === 'choice') return typeof draft === 'string' && draft !== '' ? draft : null;
  const parsed = parseAnswerText(q, typeof draft === 'string' ? draft : '');
  if (parsed.ok) return parsed.value;
  unreadable.set(key, parsed.message);
  return null;
}

/**
 * The answers to send, and the boxes whose text cannot be read as their
 * type (「abc」 in a number). A question not asked (its condition unmet) is
 * left out, as its box is shown disabled.
 */
export function answersOf(def: SurveyDefinition, draft: Draft): { answers: Answers; unreadable: Map<string, string> } {
  const unreadable = new Map<string, string>();
  const answers: Answers = {};
  for (const q of def.questions) {
    if (!isAsked(q, draft)) continue;
    const value = draft[q.code];
    if (q.type === 'table') {
      const rows = ((value ?? []) as RowDraft[]).map((row, i) => {
        const cells: TableRow = {};
        for (const c of q.columns)
          cells[c.code] = isAsked(c, row) ? cellValue(c, row[c.code], placeKey(q.code, i, c.code), unreadable) : null;
        return cells;
      });
      // The empty rows the form offers at the end are not answers: a required roster left empty is then 未回答.
      while (rows.length > 0 && Object.values(rows.at(-1)!).every((v) => v === null)) rows.pop();
      answers[q.code] = rows;
    } else {
      answers[q.code] = cellValue(q, value as CellDraft | undefined, placeKey(q.code), unreadable);
    }
  }
  return { answers, unreadable };
}
