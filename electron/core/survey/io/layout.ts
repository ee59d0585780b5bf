/**
 * Where everything sits in a survey form workbook, worked out from the
 * definition alone, so the writer and the reader of returned files agree
 * cell by cell: the answer sheet 「回答」 (one row per question; a multiple
 * choice as one ○ row per option), one sheet per repeating table (one row
 * per entry up to its maximum; a multiple-choice column as one ○ column per
 * option), and the labels beside the answer cells that the reader checks to
 * tell a form whose rows or columns were moved.
 */

import { columnLetter } from '@core/tabular/read';
import { sheetName } from '@core/tabular/write';
import type { SurveyTarget } from '@shared/contract/survey';
import type { Choice, Question, ScalarQuestion, SurveyDefinition, TableQuestion } from '@shared/survey/definition';

export const ANSWER_SHEET = '回答';
export const GUIDE_SHEET = '記入方法';
/** Where the 記入方法 sheet shows its title, which tells the sheet under another name. */
export const GUIDE_TITLE_AT = { row: 1, col: 2 } as const;
/** veryHidden: the identifier, and the choice lists the drop-downs read. */
export const ID_SHEET = '_renkei';

/** What a ○ cell offers in its drop-down. */
export const MARK = '○';

/** The 回答 sheet's columns: 番号, 設問, 回答, 記入のしかた. */
export const NUMBER_COL = 1;
export const LABEL_COL = 2;
export const ANSWER_COL = 3;
export const NOTE_COL = 4;
/** The rows of the 回答 sheet above the questions. */
export const TARGET_NAME_ROW = 4;
export const TARGET_CODE_ROW = 5;
export const TARGET_PLACE_ROW = 6;
/** What the code beside the name is called, by the kind of target. */
export const TARGET_CODE_LABELS = { center: '管理番号', institution: '医療機関コード', municipality: '団体コード' } as const;
export const ANSWER_HEADER_ROW = 8;
export const ANSWER_HEADERS = ['番号', '設問', '回答', '記入のしかた'] as const;
const FIRST_QUESTION_ROW = ANSWER_HEADER_ROW + 1;
/** A table sheet: title, help, header, a note per column, then the entry rows. */
export const TABLE_HEADER_ROW = 3;
export const TABLE_NOTE_ROW = 4;
const TABLE_FIRST_ROW = 5;
/** The hidden sheet's choice lists start in this column (the identifier takes A:B). */
const FIRST_LIST_COL = 4;

export interface CellAt {
  sheet: string;
  /** 1-based, as Excel counts. */
  row: number;
  col: number;
}

/** 'C12' */
export function addressOf(at: Pick<CellAt, 'row' | 'col'>): string {
  return `${columnLetter(at.col - 1)}${at.row}`;
}

/** The code the form shows beside the target's name: its own code, or the number the app keeps it by. */
export function targetCodeText(target: Pick<SurveyTarget, 'id' | 'kind' | 'code'>): string {
  return target.code ?? (target.kind === 'center' ? target.id : `（未登録・管理番号 ${target.id}）`);
}

/** A choice list on the hidden sheet, as a data validation formula. */
export interface ChoiceList {
  col: number;
  labels: string[];
  formula: string;
}

export type SingleQuestion = Exclude<ScalarQuestion, { type: 'multi' }>;
export type MultiQuestion = Extract<ScalarQuestion, { type: 'multi' }>;

export type Slot =
  | { kind: 'single'; question: SingleQuestion; number: number; at: CellAt; list: ChoiceList | null }
  | { kind: 'multi'; question: MultiQuestion; number: number; heading: CellAt; options: { choice: Choice; at: CellAt }[] }
  | { kind: 'table'; question: TableQuestion; number: number; link: CellAt; sheet: string; firstRow: number; columns: TableColumn[] };

/** One column of a table sheet: a column question, or one option of a multiple-choice column. */
export interface TableColumn {
  question: ScalarQuestion;
  col: number;
  /** The option this ○ column stands for; null for a column holding the whole answer. */
  choice: Choice | null;
  list: ChoiceList | null;
}

/** Text the form shows at a place; a returned file must still show it there. */
export interface Label extends CellAt {
  text: string;
}

export interface FormLayout {
  slots: Slot[];
  /** The table sheets' names, in the questions' order. */
  tableSheets: string[];
  lists: ChoiceList[];
  labels: Label[];
}

/** The 記入方法 sheet's title. */
export function guideTitle(definitionName: string): string {
  return `${definitionName}　記入方法`;
}

/** A question's label as its row or column head shows it. */
export function labelText(q: Question | ScalarQuestion): string {
  return q.required ? `${q.label}（必須）` : q.label;
}

/** A ○ column's head in a table. */
export function optionHeader(q: ScalarQuestion, choice: Choice): string {
  return `${q.label}：${choice.label}`;
}

/**
 * The layout of a definition's form. Pure: the same definition always gives
 * the same cells, which is what lets a returned file be read back.
 * @example formLayout(def).slots[0] // { kind: 'single', question: …, number: 1, at: { sheet: '回答', row: 9, col: 3 }, list: … }
 */
export function formLayout(def: SurveyDefinition): FormLayout {
  const lists: ChoiceList[] = [];
  const listOf = (q: ScalarQuestion): ChoiceList | null => {
    if (q.type !== 'choice') return null;
    const col = FIRST_LIST_COL + lists.length;
    const letter = columnLetter(col - 1);
    const list = { col, labels: q.choices.map((c) => c.label), formula: `'${ID_SHEET}'!$${letter}$1:$${letter}$${q.choices.length}` };
    lists.push(list);
    return list;
  };
  const taken = new Set([ANSWER_SHEET, GUIDE_SHEET, ID_SHEET].map((n) => n.toLowerCase()));
  const slots: Slot[] = [];
  const labels: Label[] = [];
  const tableSheets: string[] = [];
  const label = (sheet: string, row: number, col: number, text: string) => labels.push({ sheet, row, col, text });

  // The heads and the entry numbers too: a column inserted before 回答, or a row inserted into a table, moves them.
  ANSWER_HEADERS.forEach((text, i) => label(ANSWER_SHEET, ANSWER_HEADER_ROW, i + 1, text));
  let row = FIRST_QUESTION_ROW;
  def.questions.forEach((q, i) => {
    const number = i + 1;
    label(ANSWER_SHEET, row, NUMBER_COL, `問${number}`);
    label(ANSWER_SHEET, row, LABEL_COL, labelText(q));
    if (q.type === 'multi') {
      const heading = { sheet: ANSWER_SHEET, row, col: ANSWER_COL };
      const options = q.choices.map((choice, k) => {
        label(ANSWER_SHEET, row + 1 + k, LABEL_COL, choice.label);
        return { choice, at: { sheet: ANSWER_SHEET, row: row + 1 + k, col: ANSWER_COL } };
      });
      slots.push({ kind: 'multi', question: q, number, heading, options });
      row += 1 + q.choices.length;
    } else if (q.type === 'table') {
      const sheet = sheetName(q.label, def.questions.length + tableSheets.length, taken);
      tableSheets.push(sheet);
      const columns: TableColumn[] = [];
      let col = 2;
      label(sheet, TABLE_HEADER_ROW, 1, '番号');
      for (const c of q.columns) {
        if (c.type === 'multi') {
          for (const choice of c.choices) {
            label(sheet, TABLE_HEADER_ROW, col, optionHeader(c, choice));
            columns.push({ question: c, col: col++, choice, list: null });
          }
        } else {
          label(sheet, TABLE_HEADER_ROW, col, labelText(c));
          columns.push({ question: c, col: col++, choice: null, list: listOf(c) });
        }
      }
      for (let k = 0; k < q.maxRows; k += 1) label(sheet, TABLE_FIRST_ROW + k, 1, String(k + 1));
      slots.push({
        kind: 'table',
        question: q,
        number,
        link: { sheet: ANSWER_SHEET, row, col: ANSWER_COL },
        sheet,
        firstRow: TABLE_FIRST_ROW,
        columns,
      });
      row += 1;
    } else {
      slots.push({ kind: 'single', question: q, number, at: { sheet: ANSWER_SHEET, row, col: ANSWER_COL }, list: listOf(q) });
      row += 1;
    }
  });
  return { slots, tableSheets, lists, labels };
}

/** The rows a table sheet offers, first to last. */
export function tableRows(slot: Extract<Slot, { kind: 'table' }>): number[] {
  return Array.from({ length: slot.question.maxRows }, (_, i) => slot.firstRow + i);
}
