/**
 * One target's survey form as an Excel workbook: 「記入方法」 (how to fill
 * it in), 「回答」 with the target's name and code locked at the top and one
 * yellow answer cell per question, a sheet per repeating table, and the
 * veryHidden identifier. Answer cells carry Excel's own checks (drop-downs,
 * number and date ranges, text length); everything else is locked by sheet
 * protection without a password, so a user cannot shift the cells by
 * accident but is never locked out.
 */
import ExcelJS from 'exceljs';
import { A4, DEFAULT_FONT, HEADER_FILL } from '@core/tabular/write';
import type { SurveyTarget } from '@shared/contract/survey';
import type { SurveyFormPrefill } from '@shared/contract/survey-io';
import { type IsoDate, toCalendarDate } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber } from '@shared/format';
import { formatHundredths } from '@shared/numbers';
import type { Answers, ScalarValue, TableRow } from '@shared/survey/answers';
import { formatAnswerText } from '@shared/survey/answers';
import { MAX_ANSWER_NUMBER, type Question, type ScalarQuestion, type SurveyDefinition } from '@shared/survey/definition';
import { displayWidth } from '@shared/text/width';
import { formatWareki } from '@shared/wareki';
import { FORM_FORMAT, type FormIdentity, IDENTITY_ROWS } from './identifier';
import {
  ANSWER_COL,
  ANSWER_HEADER_ROW,
  ANSWER_HEADERS,
  ANSWER_SHEET,
  type CellAt,
  type ChoiceList,
  type FormLayout,
  GUIDE_SHEET,
  guideTitle,
  ID_SHEET,
  LABEL_COL,
  labelText,
  MARK,
  NOTE_COL,
  NUMBER_COL,
  optionHeader,
  type Slot,
  TABLE_HEADER_ROW,
  TABLE_NOTE_ROW,
  TARGET_CODE_LABELS,
  TARGET_CODE_ROW,
  TARGET_NAME_ROW,
  TARGET_PLACE_ROW,
  tableRows,
  targetCodeText,
} from './layout';

export interface FormRound {
  definitionName: string;
  fiscalYear: number;
  referenceDate: string;
  title: string;
}

export interface FormInput {
  definition: SurveyDefinition;
  layout: FormLayout;
  round: FormRound;
  target: SurveyTarget;
  identity: FormIdentity;
  digest: string;
  /** The answers written in beforehand, and where they come from. */
  prefill: { answers: Answers; from: NonNullable<SurveyFormPrefill> } | null;
  /** 問合せ先, from the settings; '' when none is set. */
  contact: string;
}

const ANSWER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
/** The fonts of the fixed cells, by name. */
const FONTS = {
  bold: { ...DEFAULT_FONT, bold: true },
  small: { ...DEFAULT_FONT, size: 9 },
  link: { ...DEFAULT_FONT, color: { argb: 'FF0563C1' }, underline: true },
} satisfies Record<string, Partial<ExcelJS.Font>>;

/** The looks made so far, by name: each made once per process and never changed. */
const looks = new Map<string, Partial<ExcelJS.Style>>();

/**
 * The one style object of the look `name` (made by `make` the first time), shared by every cell that has it: a cell's
 * style is only ever set whole, never a part of it. exceljs registers a cell's style by its object; a cell with an
 * object of its own has its font, fill, border and the rest written out and compared again, which was a fifth of a
 * form's writing.
 */
function look(name: string, make: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  let shared = looks.get(name);
  if (!shared) {
    shared = Object.freeze(make());
    looks.set(name, shared);
  }
  return shared;
}
/** Everything is locked except the answer cells; columns and rows may still be resized. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};
/** Excel's limits on a validation's message. */
const TITLE_MAX = 32;
const MESSAGE_MAX = 255;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A day as Excel reads a date cell: midnight UTC of that day. */
function utcDate(iso: string): Date {
  const { year, month, day } = toCalendarDate(iso as IsoDate);
  return new Date(Date.UTC(year, month - 1, day));
}

/** A number bound as the form shows it, with the unit, in the words of the core's own messages. */
function bound(q: ScalarQuestion, value: number): string {
  if (q.type === 'decimal') return `${formatHundredths(value)}${q.unit}`;
  return `${formatNumber(value)}${q.type === 'integer' ? q.unit : ''}`;
}

function rangeText(q: ScalarQuestion): string {
  if (q.type === 'integer' || q.type === 'decimal') {
    if (q.min !== null && q.max !== null) return `${bound(q, q.min)}〜${bound(q, q.max)}`;
    if (q.min !== null) return `${bound(q, q.min)}以上`;
    if (q.max !== null) return `${bound(q, q.max)}以下`;
  }
  if (q.type === 'date') {
    return [q.min && `${formatWareki(q.min as IsoDate)}以降`, q.max && `${formatWareki(q.max as IsoDate)}以前`].filter(Boolean).join('、');
  }
  return '';
}

/** How to fill a question in, as the 記入のしかた column and the cell's prompt say it. */
function howTo(q: Question | ScalarQuestion): string {
  const range = rangeText(q as ScalarQuestion);
  switch (q.type) {
    case 'integer':
      return `整数${range ? `（${range}）` : ''}`;
    case 'decimal':
      return `小数第${q.decimals}位まで${range ? `（${range}）` : ''}`;
    case 'choice':
      return '▼の一覧から選択';
    case 'multi':
      return `当てはまるものすべてに「${MARK}」（▼から選択）${q.maxSelected !== null ? `。${q.maxSelected}つまで` : ''}`;
    case 'text':
      return `${formatNumber(q.maxLength)}文字以内`;
    case 'date':
      return `日付（例: 2025/4/1）${range ? `。${range}` : ''}`;
    case 'table':
      return `1行に1件、上の行から詰めて記入（最大${q.maxRows}行）`;
  }
}

/** 「問1で「両方」「訪問のみ」の場合に回答」 for a conditional question; '' otherwise. */
function condition(
  q: Question | ScalarQuestion,
  siblings: readonly (Question | ScalarQuestion)[],
  numberOf: (code: string) => string,
): string {
  if (!q.when) return '';
  const on = siblings.find((s) => s.code === q.when!.question);
  const labels =
    on && 'choices' in on
      ? on.choices
          .filter((c) => q.when!.in.includes(c.code))
          .map((c) => `「${c.label}」`)
          .join('')
      : '';
  return `${numberOf(q.when.question)}で${labels}の場合に回答`;
}

function noteText(
  q: Question | ScalarQuestion,
  siblings: readonly (Question | ScalarQuestion)[],
  numberOf: (code: string) => string,
): string {
  return [howTo(q), condition(q, siblings, numberOf), q.help].filter(Boolean).join('。\n');
}

/** Excel's check on an answer cell; the message says what is allowed, in the question's words. */
function validationOf(q: ScalarQuestion, list: ChoiceList | null, note: string): ExcelJS.DataValidation | null {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: clip(q.label, TITLE_MAX),
    showInputMessage: note !== '',
    promptTitle: clip(q.label, TITLE_MAX),
    prompt: clip(note, MESSAGE_MAX),
  };
  const error = (text: string) => clip(`「${q.label}」は${text}で入力してください。`, MESSAGE_MAX);
  switch (q.type) {
    case 'integer': {
      const range = rangeText(q);
      return {
        ...common,
        type: 'whole',
        operator: 'between',
        formulae: [q.min ?? -MAX_ANSWER_NUMBER, q.max ?? MAX_ANSWER_NUMBER],
        error: error(`${range ? `${range}の` : ''}整数`),
      };
    }
    case 'decimal': {
      const range = rangeText(q);
      const min = (q.min ?? -MAX_ANSWER_NUMBER) / 100;
      const max = (q.max ?? MAX_ANSWER_NUMBER) / 100;
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [min, max],
        error: error(`${range ? `${range}の` : ''}小数第${q.decimals}位までの数`),
      };
    }
    case 'choice':
      return {
        ...common,
        type: 'list',
        formulae: [list!.formula],
        error: clip(`「${q.label}」は▼の一覧から選んでください（${q.choices.map((c) => c.label).join('・')}）。`, MESSAGE_MAX),
      };
    case 'multi':
      return {
        ...common,
        type: 'list',
        formulae: [`"${MARK}"`],
        error: clip(`当てはまる場合は「${MARK}」を選び、当てはまらない場合は空欄にしてください。`, MESSAGE_MAX),
      };
    case 'text':
      return {
        ...common,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [q.maxLength],
        error: error(`${formatNumber(q.maxLength)}文字以内`),
      };
    case 'date': {
      const range = rangeText(q);
      return {
        ...common,
        type: 'date',
        operator: 'between',
        formulae: [utcDate(q.min ?? '1900-01-01'), utcDate(q.max ?? '2099-12-31')],
        error: error(`${range ? `${range}の` : '正しい'}日付`),
      };
    }
  }
}

const NUMBER_FORMATS: Partial<Record<ScalarQuestion['type'], string>> = { integer: '0', date: 'yyyy/m/d', text: '@', choice: '@' };

/** A stored value as the cell holds it: numbers as numbers (hundredths as a decimal), dates as dates, choices by label. */
function cellValue(q: ScalarQuestion, value: ScalarValue | null | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (q.type === 'integer') return value as number;
  if (q.type === 'decimal') return (value as number) / 100;
  if (q.type === 'date') return utcDate(value as string);
  return formatAnswerText(q, value);
}

function answerCell(
  sheet: ExcelJS.Worksheet,
  at: CellAt,
  q: ScalarQuestion,
  list: ChoiceList | null,
  note: string,
  value: ExcelJS.CellValue,
): void {
  const cell = sheet.getCell(at.row, at.col);
  cell.value = value;
  const numFmt = q.type === 'decimal' ? `0.${'0'.repeat(q.decimals)}` : q.type === 'multi' ? undefined : NUMBER_FORMATS[q.type];
  cell.style = look(`answer ${q.type} ${numFmt ?? ''}`, () => ({
    fill: ANSWER_FILL,
    border: THIN,
    protection: { locked: false },
    alignment: q.type === 'multi' ? { vertical: 'middle', horizontal: 'center' } : { vertical: 'middle', wrapText: q.type === 'text' },
    ...(numFmt ? { numFmt } : {}),
  }));
  const validation = validationOf(q, list, note);
  if (validation) cell.dataValidation = validation;
}

function fixedCell(
  sheet: ExcelJS.Worksheet,
  row: number,
  col: number,
  value: ExcelJS.CellValue,
  style: { font?: keyof typeof FONTS; fill?: boolean; centered?: boolean } = {},
): ExcelJS.Cell {
  const cell = sheet.getCell(row, col);
  cell.value = value;
  cell.style = look(`fixed ${style.font ?? ''} ${style.fill === true} ${style.centered === true}`, () => ({
    ...(style.font ? { font: FONTS[style.font] } : {}),
    ...(style.fill ? { fill: HEADER_FILL } : {}),
    border: THIN,
    alignment: style.centered ? { horizontal: 'center' } : { vertical: 'middle', wrapText: true },
  }));
  return cell;
}

/** Lines a text takes in a column of `width` characters. */
function linesOf(text: string, width: number): number {
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / Math.max(1, width - 1))), 0);
}

/** Points a line of a font size takes, with Excel's spacing. */
const lineHeight = (size: number) => Math.ceil(size * 1.4);

/**
 * Row heights for wrapped text: neither Excel nor LibreOffice fits a row to
 * its text when opening a file, so long notes would be cut off.
 */
function fitRows(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow((row) => {
    let height = 0;
    row.eachCell((cell) => {
      if (cell.isMerged || !cell.alignment?.wrapText || typeof cell.value !== 'string' || cell.value === '') return;
      const size = cell.font?.size ?? 11;
      // Column widths count characters of the default 11-point font; a smaller font fits more.
      const width = ((sheet.getColumn(cell.col).width ?? 9) * 11) / size;
      height = Math.max(height, linesOf(cell.value, width) * lineHeight(size));
    });
    if (height > lineHeight(11)) row.height = height;
  });
}

function titleRows(sheet: ExcelJS.Worksheet, lines: string[], columns: number): void {
  const width = Array.from({ length: columns }, (_, i) => sheet.getColumn(i + 1).width ?? 9).reduce((a, b) => a + b, 0);
  lines.forEach((text, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = text;
    const size = i === 0 ? 14 : 11;
    cell.style = look(`title ${i === 0}`, () => ({
      font: { ...DEFAULT_FONT, size, bold: i === 0 },
      alignment: { vertical: 'middle', wrapText: true },
    }));
    // Merged once styled: the merged cells take the first one's style (their borders draw the area's edge).
    sheet.mergeCells(i + 1, 1, i + 1, columns);
    sheet.getRow(i + 1).height = linesOf(text, width) * lineHeight(size);
  });
}

function prefillNote(prefill: FormInput['prefill']): string {
  if (!prefill) return `黄色のセルに記入してください。記入のしかたはシート「${GUIDE_SHEET}」にあります。`;
  const from =
    prefill.from.kind === 'previous'
      ? `前回（${formatFiscalYear(fiscalYear(prefill.from.fiscalYear))}）の回答`
      : 'この回ですでにいただいた回答';
  return `${from}を記入してあります。変わったところを書き換え、空欄を埋めてください。`;
}

function writeAnswerSheet(workbook: ExcelJS.Workbook, input: FormInput): void {
  const { definition, layout, round, target, prefill } = input;
  const sheet = workbook.addWorksheet(ANSWER_SHEET, {
    pageSetup: {
      paperSize: A4,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${ANSWER_HEADER_ROW}:${ANSWER_HEADER_ROW}`,
    },
    views: [{ state: 'frozen', ySplit: ANSWER_HEADER_ROW }],
  });
  sheet.columns = [{ width: 7 }, { width: 52 }, { width: 26 }, { width: 46 }];
  titleRows(
    sheet,
    [
      `${round.definitionName}　調査票`,
      `${formatFiscalYear(fiscalYear(round.fiscalYear))}　基準日：${formatWareki(round.referenceDate as IsoDate)}${round.title ? `　${round.title}` : ''}`,
      prefillNote(prefill),
    ],
    4,
  );
  const identity: [number, string, string][] = [
    [TARGET_NAME_ROW, '回答者', target.name],
    [TARGET_CODE_ROW, TARGET_CODE_LABELS[target.kind], targetCodeText(target)],
    [TARGET_PLACE_ROW, '所在地', target.municipalityName ?? ''],
  ];
  for (const [row, label, value] of identity) {
    fixedCell(sheet, row, LABEL_COL, label, { font: 'bold', fill: true });
    fixedCell(sheet, row, ANSWER_COL, value, { fill: true });
    sheet.mergeCells(row, ANSWER_COL, row, NOTE_COL);
  }
  ANSWER_HEADERS.forEach((text, i) => fixedCell(sheet, ANSWER_HEADER_ROW, i + 1, text, { font: 'bold', fill: true }));

  const numberOf = (code: string) => `問${definition.questions.findIndex((q) => q.code === code) + 1}`;
  const given = prefill?.answers ?? {};
  for (const slot of layout.slots) {
    const q = slot.question;
    const note = noteText(q, definition.questions, numberOf);
    const row = slot.kind === 'single' ? slot.at.row : slot.kind === 'multi' ? slot.heading.row : slot.link.row;
    fixedCell(sheet, row, NUMBER_COL, `問${slot.number}`, { font: 'bold' });
    fixedCell(sheet, row, LABEL_COL, labelText(q), { font: 'bold' });
    fixedCell(sheet, row, NOTE_COL, note, { font: 'small' });
    if (slot.kind === 'single') {
      answerCell(sheet, slot.at, slot.question, slot.list, note, cellValue(slot.question, given[q.code] as ScalarValue | undefined));
    } else if (slot.kind === 'multi') {
      fixedCell(sheet, row, ANSWER_COL, `（当てはまるものに「${MARK}」）`, { fill: true });
      const chosen = (given[q.code] as string[] | undefined) ?? [];
      for (const { choice, at } of slot.options) {
        fixedCell(sheet, at.row, NUMBER_COL, '');
        fixedCell(sheet, at.row, LABEL_COL, choice.label);
        fixedCell(sheet, at.row, NOTE_COL, '');
        answerCell(sheet, at, slot.question, null, note, chosen.includes(choice.code) ? MARK : null);
      }
    } else {
      fixedCell(
        sheet,
        row,
        ANSWER_COL,
        { text: `シート「${slot.sheet}」に記入 →`, hyperlink: `#'${slot.sheet}'!A1` },
        { font: 'link', fill: true },
      );
    }
  }
  fitRows(sheet);
}

function writeTableSheet(workbook: ExcelJS.Workbook, slot: Extract<Slot, { kind: 'table' }>, rows: readonly TableRow[]): void {
  const q = slot.question;
  const width = slot.columns.length + 1;
  const sheet = workbook.addWorksheet(slot.sheet, {
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${TABLE_HEADER_ROW}:${TABLE_NOTE_ROW}`,
    },
    views: [{ state: 'frozen', ySplit: TABLE_NOTE_ROW, xSplit: 1 }],
  });
  sheet.getColumn(1).width = 7;
  for (const column of slot.columns) {
    sheet.getColumn(column.col).width = Math.min(
      30,
      Math.max(12, displayWidth(column.choice ? optionHeader(column.question, column.choice) : labelText(column.question)) + 2),
    );
  }
  titleRows(
    sheet,
    [`問${slot.number}　${labelText(q)}`, `${q.help}（最大${q.maxRows}行。上の行から詰めて、途中に空いた行を挟まないでください）`],
    width,
  );
  fixedCell(sheet, TABLE_HEADER_ROW, 1, '番号', { font: 'bold', fill: true });
  fixedCell(sheet, TABLE_NOTE_ROW, 1, '', { fill: true });
  const numberOf = (code: string) => `「${q.columns.find((c) => c.code === code)?.label ?? code}」`;
  for (const column of slot.columns) {
    const c = column.question;
    const header = column.choice ? optionHeader(c, column.choice) : labelText(c);
    const note = noteText(c, q.columns, numberOf);
    fixedCell(sheet, TABLE_HEADER_ROW, column.col, header, { font: 'bold', fill: true });
    fixedCell(sheet, TABLE_NOTE_ROW, column.col, column.choice ? `「${MARK}」` : note, { font: 'small', fill: true });
    tableRows(slot).forEach((row, i) => {
      const value = rows[i]?.[c.code];
      const shown = column.choice ? (Array.isArray(value) && value.includes(column.choice.code) ? MARK : null) : cellValue(c, value);
      answerCell(sheet, { sheet: slot.sheet, row, col: column.col }, c, column.list, note, shown);
    });
  }
  tableRows(slot).forEach((row, i) => fixedCell(sheet, row, 1, i + 1, { fill: true, centered: true }));
  fitRows(sheet);
}

function writeGuideSheet(workbook: ExcelJS.Workbook, input: FormInput): void {
  const { definition, layout, round } = input;
  const sheet = workbook.addWorksheet(GUIDE_SHEET, {
    pageSetup: { paperSize: A4, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 96;
  const tables = layout.slots.filter((s) => s.kind === 'table');
  const steps = [
    `シート「${ANSWER_SHEET}」${tables.map((s) => `「${s.sheet}」`).join('')}の黄色のセルに記入してください。ほかのセルは書き換えられないよう保護してあります（パスワードはありません）。`,
    '選択肢のある欄は、セルを選ぶと右に ▼ が出ます。一覧から選んでください。一覧にない言葉は入力できません。',
    `複数回答の設問は、当てはまる選択肢の行（表では列）に「${MARK}」を入れてください（▼から選べます）。当てはまらないものは空欄のままにします。`,
    '数は半角・全角のどちらでも構いません。範囲の外の数を入れると Excel が知らせます。',
    '日付は 2025/4/1 のように入力してください（令和7年4月1日 と入力しても構いません）。',
    ...tables.map(
      (s) =>
        `シート「${s.sheet}」は1行に1件、上の行から詰めて記入してください（最大${s.question.maxRows}行）。途中に空いた行を挟まないでください。`,
    ),
    '行や列の挿入・削除、セルの移動、シート名の変更、シートの保護の解除はしないでください。記入欄の位置が変わると、受け取った側で読み込めなくなります。',
    '記入が済んだら上書き保存し、Excel ブック（.xlsx）のまま返送してください。ファイル名は変えても構いません。LibreOffice Calc で記入し「Excel 2007-365」形式で保存したものも読み込めます。',
    '「（必須）」の設問は必ず回答してください。「問○で…の場合に回答」とある設問は、その場合だけ回答してください。',
  ];
  const lines: [string, string][] = [
    ['', guideTitle(round.definitionName)],
    [
      '',
      `${formatFiscalYear(fiscalYear(round.fiscalYear))}　基準日：${formatWareki(round.referenceDate as IsoDate)}（${formatWareki(round.referenceDate as IsoDate)}現在の状況を記入してください）`,
    ],
    ['', definition.description],
    ['', ''],
    ...steps.map((text, i): [string, string] => [`${i + 1}.`, text]),
    ['', ''],
    ['', input.prefill ? prefillNote(input.prefill) : ''],
    ['', input.contact ? `問合せ先：${input.contact}` : ''],
  ];
  lines.forEach(([mark, text], i) => {
    const number = sheet.getCell(i + 1, 1);
    number.value = mark;
    number.style = look('guide number', () => ({ alignment: { vertical: 'top', horizontal: 'right' } }));
    const cell = sheet.getCell(i + 1, 2);
    cell.value = text;
    cell.style = look(`guide ${i === 0}`, () => ({
      alignment: { wrapText: true, vertical: 'top' },
      font: i === 0 ? { ...DEFAULT_FONT, bold: true, size: 14 } : DEFAULT_FONT,
    }));
  });
  fitRows(sheet);
}

function writeIdentifierSheet(workbook: ExcelJS.Workbook, input: FormInput): void {
  const sheet = workbook.addWorksheet(ID_SHEET, { state: 'veryHidden' });
  const values: Record<keyof typeof IDENTITY_ROWS, string> = {
    format: FORM_FORMAT,
    roundId: String(input.identity.roundId),
    targetId: input.identity.targetId,
    versionId: String(input.identity.versionId),
    digest: input.digest,
  };
  for (const [key, row] of Object.entries(IDENTITY_ROWS)) {
    sheet.getCell(row, 1).value = key;
    sheet.getCell(row, 2).value = values[key as keyof typeof IDENTITY_ROWS];
  }
  for (const list of input.layout.lists) list.labels.forEach((label, i) => (sheet.getCell(i + 1, list.col).value = label));
}

/**
 * The workbook of one target's form, as bytes.
 * @example await writeForm({ definition, layout: formLayout(definition), round, target, identity, digest, prefill: null, contact: '' })
 */
export async function writeForm(input: FormInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Renkei';
  workbook.title = `${input.round.definitionName} ${input.target.name}`;
  writeGuideSheet(workbook, input);
  writeAnswerSheet(workbook, input);
  const given = input.prefill?.answers ?? {};
  for (const slot of input.layout.slots)
    if (slot.kind === 'table') writeTableSheet(workbook, slot, (given[slot.question.code] as TableRow[] | undefined) ?? []);
  writeIdentifierSheet(workbook, input);
  // Opens on the answer sheet, with the instructions one tab to the left.
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  for (const sheet of workbook.worksheets) if (sheet.state === 'visible') await sheet.protect('', PROTECTION);
  // Stored, not deflated: exceljs deflates in JavaScript, which took half the time of a form (about 43 KB instead of 13 KB;
  // a round's forms are written by the thousand, and Excel compresses the file again when the target saves it).
  return Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
}
