/**
 * Reading one returned form: is it a workbook at all, is it one of ours and
 * unaltered (the hidden identifier and its digest), is it for this round,
 * are its cells where the form put them (the labels beside them), and then
 * every answer cell read back into the answers the core checks — each
 * problem placed at its sheet and cell. A file is never half read: it gives
 * either a refusal or the whole answer with its problems.
 */
import type ExcelJS from 'exceljs';
import type { Reader } from '@core/kernel/db/schema';
import { cellValue, filledCells, type SheetCells, type UnreadableFormat, type WorkbookCells } from '@core/tabular/cells';
import { excelSerialToIsoDate, numberText } from '@core/tabular/read';
import type { SurveyFileProblem } from '@shared/contract/survey-io';
import type { IsoDate } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { placeAfterName } from '@shared/masters/model';
import {
  type AnswerCheck,
  type AnswerProblem,
  type Answers,
  checkAnswers,
  parseAnswerText,
  type ScalarValue,
  type TableRow,
} from '@shared/survey/answers';
import { type ScalarQuestion, SURVEY_TARGET_KIND_LABELS, type SurveyDefinition } from '@shared/survey/definition';
import { forbiddenCharProblem } from '@shared/text/controls';
import { type RoundRow, roundRow, targets } from '../read';
import { digestMatches, FORM_FORMAT, type FormIdentity, IDENTITY_ROWS, targetToken } from './identifier';
import {
  ANSWER_COL,
  ANSWER_HEADER_ROW,
  ANSWER_SHEET,
  addressOf,
  type CellAt,
  type FormLayout,
  GUIDE_SHEET,
  GUIDE_TITLE_AT,
  guideTitle,
  ID_SHEET,
  MARK,
  type Slot,
  TABLE_HEADER_ROW,
  TARGET_CODE_LABELS,
  TARGET_CODE_ROW,
  TARGET_NAME_ROW,
  tableRows,
  targetCodeText,
} from './layout';

export interface ReturnedFile {
  fileName: string;
  bytes: Uint8Array;
  /** Its cells, read beforehand (off the core's queue, see tabular/cells.ts). */
  book: WorkbookCells;
}

export type ReadOutcome =
  | { kind: 'refused'; refusal: string; identity: FormIdentity | null; problems: SurveyFileProblem[] }
  | {
      kind: 'read';
      identity: FormIdentity;
      answers: Answers;
      check: AnswerCheck;
      errors: SurveyFileProblem[];
      warnings: SurveyFileProblem[];
    };

/** What reading a batch for one round needs once. */
export interface RoundForms {
  db: Reader;
  round: RoundRow;
  definition: SurveyDefinition;
  layout: FormLayout;
  /** The round's tokens by target, read once for a batch (roundTokens); without them each file's is read. */
  tokens?: ReadonlyMap<string, string>;
}

/** What people put in a ○ cell when they do not pick it from the list. */
const MARKS = new Set(['○', '〇', '◯', '●', '◎', 'o', '1', 'レ', '✓', '✔', 'true']);
/** Moved labels listed cell by cell under a refusal; the rest are counted (a row inserted near the top moves all below). */
const SHOWN_MISMATCHES = 10;
/** Rows below a table that are looked at for entries past its last row. */
const ROWS_BELOW = 50;

/** Text in UTF-8 or Shift_JIS (a CSV saved by Excel), judged from its start. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      // Streaming, so a character cut at the end of the sample is not taken for bad bytes.
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, 4096), { stream: true });
      return !/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(text);
    } catch {
      // Not this encoding; try the next.
    }
  }
  return false;
}

/** Why bytes that exceljs cannot open are not a form, in the user's words. */
function whyUnreadable(file: ReturnedFile, format: UnreadableFormat): string {
  if (format === 'encrypted') {
    return `「${file.fileName}」はパスワードを付けて保存されたブックのため読めません。パスワードがわかれば Excel で開き、「ファイル」→「情報」→「ブックの保護」→「パスワードを使用して暗号化」でパスワードを消して保存してから取り込んでください。わからなければ、パスワードを付けずに保存し直して返送してもらってください。`;
  }
  if (format === 'legacy') {
    return `「${file.fileName}」は古い形式の Excel ブック（.xls）のため読めません。Excel で開き、「名前を付けて保存」で「Excel ブック（.xlsx）」を選んで保存し直してから取り込んでください。`;
  }
  if (file.bytes.length === 0) return `「${file.fileName}」は空のファイルです。記入した調査票（.xlsx）を選んでください。`;
  if (looksLikeText(file.bytes)) {
    return `「${file.fileName}」は Excel ブック（.xlsx）ではなく、CSV などの文字のファイルです（名前だけ .xlsx に変えたものは読み込めません）。お送りした調査票に記入し、Excel ブックのまま保存して返送してもらってください。`;
  }
  return `「${file.fileName}」は Excel ブック（.xlsx）として読めません（ファイルが壊れているか、Excel 以外の形式です）。Excel で開けるか確かめ、「Excel ブック（.xlsx）」として保存し直してから取り込んでください。開けなければ、調査票を送り直して記入してもらってください。`;
}

function refused(refusal: string, identity: FormIdentity | null = null, problems: SurveyFileProblem[] = []): ReadOutcome {
  return { kind: 'refused', refusal, identity, problems };
}

function problemAt(
  severity: 'error' | 'warning',
  at: CellAt | null,
  place: Pick<AnswerProblem, 'question' | 'row' | 'column'> | null,
  message: string,
): SurveyFileProblem {
  return {
    severity,
    sheet: at?.sheet ?? null,
    cell: at ? addressOf(at) : null,
    question: place?.question ?? null,
    row: place?.row ?? null,
    column: place?.column ?? null,
    message,
  };
}

/** Text a record may hold, as every import checks it (shared/text/controls.ts). */
function checkedText(text: string): { text: string } | { problem: string } {
  const problem = forbiddenCharProblem(text);
  return problem === null ? { text } : { problem: `${problem}。Excel でその文字を消してから読み込み直してください。` };
}

/** A cell's value as plain text, or what keeps it from having one. */
function plain(value: ExcelJS.CellValue): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return checkedText(value);
  if (typeof value === 'number') return { text: numberText(value) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    // A large number in a date-formatted cell reads as an Invalid Date.
    return Number.isNaN(value.getTime())
      ? { problem: '日付として読めない値です。日付か数字を入力し直してください。' }
      : { text: value.toISOString().slice(0, 10) };
  }
  if ('error' in value) return { problem: `セルがエラー（${value.error}）になっています。正しい値を入力してください。` };
  if ('richText' in value) return checkedText(value.richText.map((run) => run.text).join(''));
  if ('hyperlink' in value) return plain(value.text);
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined
      ? { problem: '数式の結果がありません。Excel で開いて保存し直すか、数式でなく値を入力してください。' }
      : plain(value.result as ExcelJS.CellValue);
  }
  return { text: '' };
}

type CellRead = { ok: true; value: ScalarValue | null } | { ok: false; message: string };

/** One answer cell as the question's stored value: numbers and dates as Excel holds them, text through the same parser as the app's form. */
function readCell(q: ScalarQuestion, value: ExcelJS.CellValue): CellRead {
  if (q.type === 'date' && value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { ok: false, message: `「${q.label}」は正しい日付で入力してください。` }
      : { ok: true, value: value.toISOString().slice(0, 10) as IsoDate };
  }
  if (q.type === 'date' && typeof value === 'number') {
    try {
      return { ok: true, value: excelSerialToIsoDate(value) };
    } catch {
      return { ok: false, message: `「${q.label}」の「${numberText(value)}」は日付として読めません（例: 2025/4/1）。` };
    }
  }
  const text = plain(value);
  if ('problem' in text) return { ok: false, message: `「${q.label}」の${text.problem}` };
  return parseAnswerText(q, text.text);
}

/** A ○ cell: chosen, not chosen, or something else written in it. */
function readMark(
  q: ScalarQuestion,
  choiceLabel: string,
  value: ExcelJS.CellValue,
): { ok: true; chosen: boolean } | { ok: false; message: string } {
  const text = plain(value);
  if ('problem' in text) return { ok: false, message: `「${q.label}」の「${choiceLabel}」の${text.problem}` };
  const mark = text.text.normalize('NFKC').trim().toLowerCase();
  if (mark === '') return { ok: true, chosen: false };
  if (MARKS.has(mark)) return { ok: true, chosen: true };
  return {
    ok: false,
    message: `「${q.label}」の「${choiceLabel}」の欄には「${MARK}」を入れるか、空欄にしてください（入力: ${text.text.trim()}）。`,
  };
}

function cellTextAt(sheet: SheetCells, at: Pick<CellAt, 'row' | 'col'>): string {
  const text = plain(cellValue(sheet, at.row, at.col));
  return 'text' in text ? text.text.trim() : '';
}

/** The identifier as written on the hidden sheet; null when the sheet is not ours or a value is missing. */
function identityOf(sheet: SheetCells): { identity: FormIdentity; digest: string } | null {
  const value = (key: keyof typeof IDENTITY_ROWS) => cellTextAt(sheet, { row: IDENTITY_ROWS[key], col: 2 });
  if (value('format') !== FORM_FORMAT) return null;
  const roundId = Number(value('roundId'));
  const versionId = Number(value('versionId'));
  const targetId = value('targetId');
  if (!Number.isSafeInteger(roundId) || !Number.isSafeInteger(versionId) || targetId === '') return null;
  return { identity: { roundId, targetId, versionId }, digest: value('digest').toLowerCase() };
}

function roundName(round: RoundRow): string {
  return `「${round.definitionName}」${formatFiscalYear(fiscalYear(round.fiscalYear))}${round.title ? `（${round.title}）` : ''}`;
}

const placeKey = (question: string, row: number | null, column: string | null) => `${question}|${row ?? ''}|${column ?? ''}`;

/** Where a problem of the answers is on the form: its answer cell, a table row's first cell, or a multiple choice's first option. */
function cellOfProblem(layout: FormLayout, p: Pick<AnswerProblem, 'question' | 'row' | 'column'>): CellAt | null {
  const slot = layout.slots.find((s) => s.question.code === p.question);
  if (!slot) return null;
  if (slot.kind === 'single') return slot.at;
  if (slot.kind === 'multi') return slot.options[0]?.at ?? slot.heading;
  const row = slot.firstRow + Math.min(p.row ?? 0, slot.question.maxRows - 1);
  const column = slot.columns.find((c) => c.question.code === p.column) ?? slot.columns[0]!;
  return { sheet: slot.sheet, row, col: column.col };
}

/** Problems in the order a person reads the form: sheet by sheet (回答 first), then row by row, left to right. */
function inReadingOrder(layout: FormLayout, problems: SurveyFileProblem[]): SurveyFileProblem[] {
  const sheets = [ANSWER_SHEET, ...layout.tableSheets];
  const key = (p: SurveyFileProblem) => {
    const m = p.cell ? /^([A-Z]+)(\d+)$/.exec(p.cell) : null;
    // A sheet the form does not have after the form's own.
    const sheet = p.sheet === null ? -1 : sheets.indexOf(p.sheet);
    return [sheet === -1 && p.sheet !== null ? sheets.length : sheet, m ? Number(m[2]) : 0, m ? m[1]!.length : 0, m ? m[1]! : ''] as const;
  };
  return problems
    .map((p) => ({ p, k: key(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.k[3].localeCompare(b.k[3]))
    .map(({ p }) => p);
}

/** Entries written below a table's last row (possible once protection is removed): refused rather than dropped unseen. */
function entriesBelow(sheet: SheetCells, slot: Extract<Slot, { kind: 'table' }>): CellAt[] {
  const last = slot.firstRow + slot.question.maxRows - 1;
  const lastCol = slot.columns.at(-1)!.col;
  const found: CellAt[] = [];
  for (let row = last + 1; row <= Math.min(sheet.rowCount, last + ROWS_BELOW); row += 1) {
    for (let col = 1; col <= lastCol; col += 1) if (cellTextAt(sheet, { row, col }) !== '') found.push({ sheet: slot.sheet, row, col });
  }
  return found;
}

/**
 * A sheet of the form the target renamed (Excel's protection of a sheet
 * does not keep its tab's name): the one sheet of a name the form does not
 * use that still shows every label of the form's sheet where the form put
 * it; null when none or more than one does.
 */
function renamedSheet(
  worksheets: readonly SheetCells[],
  formSheets: ReadonlySet<string>,
  layout: FormLayout,
  name: string,
): SheetCells | null {
  const labels = layout.labels.filter((label) => label.sheet === name);
  const found = worksheets.filter((s) => !formSheets.has(s.name) && labels.every((label) => cellTextAt(s, label) === label.text));
  return found.length === 1 ? found[0]! : null;
}

/**
 * The form's 記入方法 sheet: by its name, or else the one sheet of a name the
 * form does not use that shows its title (a tab renamed, say to note that it
 * was read); null when neither. Nothing on it is read.
 */
function guideSheet(
  worksheets: readonly SheetCells[],
  taken: ReadonlySet<string>,
  isGuide: (sheet: SheetCells) => boolean,
): SheetCells | null {
  const named = worksheets.find((s) => s.name === GUIDE_SHEET);
  if (named) return named;
  const found = worksheets.filter((s) => !taken.has(s.name) && isGuide(s));
  return found.length === 1 ? found[0]! : null;
}

/** A sheet of the form as the file holds it: what tells a copy of it, and where the target writes on it. */
interface FormSheet {
  sheet: SheetCells;
  copiedIn: (other: SheetCells) => boolean;
  isAnswer: (at: Pick<CellAt, 'row' | 'col'>) => boolean;
}

/**
 * Where the target writes on a sheet of the form: its answer cells, and on a
 * table sheet everything in the table's columns from its first row down
 * (entries past its last row too, as entriesBelow tells them).
 */
function answerArea(layout: FormLayout, name: string): FormSheet['isAnswer'] {
  const table = layout.slots.find((s): s is Extract<Slot, { kind: 'table' }> => s.kind === 'table' && s.sheet === name);
  if (table) return (at) => at.row >= table.firstRow && at.col >= table.columns[0]!.col && at.col <= table.columns.at(-1)!.col;
  const cells = new Set(answerCells(layout).map(cellKeyOf));
  return (at) => cells.has(cellKeyOf({ sheet: name, ...at }));
}

/** Whether a sheet shows a form sheet's column heads where the form put them, as a copy of that sheet does. */
function showsHeads(layout: FormLayout, name: string, sheet: SheetCells): boolean {
  const row = name === ANSWER_SHEET ? ANSWER_HEADER_ROW : TABLE_HEADER_ROW;
  return layout.labels.filter((l) => l.sheet === name && l.row === row).every((l) => cellTextAt(sheet, l) === l.text);
}

/**
 * Entries on a sheet the form does not have, which are never read. On a copy
 * of a form's sheet, the text it shares with that sheet at the same address
 * (the form's own print, or an answer read there) is no entry. An entry in
 * the copy's answer cells is an answer that would be lost: an error, so the
 * file waits until it is written where it is read. Anything else (a clinic's
 * note) is told as a warning and the file is read.
 */
function entriesOutside(
  sheet: SheetCells,
  copyOf: FormSheet | null,
  formSheets: ReadonlyMap<string, SheetCells>,
): SurveyFileProblem | null {
  const entries = filledCells(sheet)
    .map(({ row, col }) => ({ sheet: sheet.name, row, col, text: cellTextAt(sheet, { row, col }) }))
    .filter((at) => at.text !== '' && (copyOf === null || at.text !== cellTextAt(copyOf.sheet, at)));
  const answers = copyOf ? entries.filter((at) => copyOf.isAnswer(at)) : [];
  const named = answers.length > 0 ? answers : entries;
  if (named.length === 0) return null;
  const first = named[0]!;
  const where = `${addressOf(first)}${named.length > 1 ? ` ほか ${named.length - 1} か所` : ' '}`;
  const names = [...formSheets.values()].map((s) => `「${s.name}」`).join('');
  const writeThere = `シート${names}の黄色のセルに記入して保存してから取り込んでください。`;
  if (answers.length > 0) {
    return problemAt(
      'error',
      first,
      null,
      `シート「${sheet.name}」は調査票にないシート（シート「${copyOf!.sheet.name}」の写し）のため、${where}の記入を読み込めません。回答は、${writeThere}`,
    );
  }
  return problemAt(
    'warning',
    first,
    null,
    `シート「${sheet.name}」は調査票にないシートのため、${where}の記入は読み込みません。回答でなければ（メモなど）このまま取り込めます。回答なら、${writeThere}`,
  );
}

/** Every cell the form has the target write in, as sheet, row and column. */
function answerCells(layout: FormLayout): CellAt[] {
  return layout.slots.flatMap((slot) => {
    if (slot.kind === 'single') return [slot.at];
    if (slot.kind === 'multi') return slot.options.map((o) => o.at);
    return tableRows(slot).flatMap((row) => slot.columns.map((c) => ({ sheet: slot.sheet, row, col: c.col })));
  });
}

const cellKeyOf = (at: CellAt) => `${at.sheet}|${at.row}|${at.col}`;

/**
 * Merged ranges that take in two or more answer cells, by each answer cell
 * in them: Excel keeps only the first cell's value (which every cell of the
 * range then reads as), so none of them can be read as meant. A range that
 * takes in one answer cell (widened over its note) is read as that cell.
 */
function mergedOverAnswers(
  layout: FormLayout,
  sheets: ReadonlyMap<string, SheetCells>,
): Map<string, { range: string; at: CellAt; count: number }> {
  const cells = answerCells(layout);
  const found = new Map<string, { range: string; at: CellAt; count: number }>();
  for (const [name, sheet] of sheets) {
    for (const m of sheet.merges) {
      const inside = cells.filter(
        (at) => at.sheet === name && at.row >= m.top && at.row <= m.bottom && at.col >= m.left && at.col <= m.right,
      );
      if (inside.length < 2) continue;
      const at = { sheet: name, row: m.top, col: m.left };
      const merged = { range: `${addressOf(at)}:${addressOf({ row: m.bottom, col: m.right })}`, at, count: inside.length };
      for (const cell of inside) found.set(cellKeyOf(cell), merged);
    }
  }
  return found;
}

const sameText = (a: string, b: string) => a.normalize('NFKC').replace(/\s/g, '') === b.normalize('NFKC').replace(/\s/g, '');

/**
 * The name and code written at the top of a 回答 sheet whose protection was
 * taken off: another target's there means another target filled in this
 * one's form, and its answers must not be saved as this one's. A cell
 * emptied claims no one and is let be.
 */
async function anotherTarget(db: Reader, round: RoundRow, targetId: string, sheet: SheetCells): Promise<SurveyFileProblem[]> {
  const [target] = await targets(db, round.targetKind, { ids: [targetId] });
  if (!target) return [];
  const kind = SURVEY_TARGET_KIND_LABELS[round.targetKind];
  const place = placeAfterName(target.name, target.municipalityName);
  const sentTo = `「${target.name}」${place ? `（${place}）` : ''}`;
  const cells = [
    { row: TARGET_NAME_ROW, label: '回答者', expected: target.name },
    { row: TARGET_CODE_ROW, label: TARGET_CODE_LABELS[target.kind], expected: targetCodeText(target) },
  ];
  return cells.flatMap(({ row, label, expected }) => {
    const at = { sheet: ANSWER_SHEET, row, col: ANSWER_COL };
    const found = cellTextAt(sheet, at);
    if (found === '' || sameText(found, expected)) return [];
    return [
      problemAt(
        'error',
        at,
        null,
        `${label}が「${found}」に書き換えられています。この調査票は${sentTo}にお送りしたものです。ほかの${kind}が記入したのかもしれません。記入した${kind}に確かめ、その${kind}の調査票に記入し直してもらってください。`,
      ),
    ];
  });
}

/**
 * Reads one returned file against a round. Never throws for what is in the
 * file: everything wrong with it comes back as a refusal or as problems.
 * @example const outcome = await readReturnedFile(forms, { fileName: '調査票.xlsx', bytes })
 */
export async function readReturnedFile(forms: RoundForms, file: ReturnedFile): Promise<ReadOutcome> {
  const { db, round, definition, layout } = forms;
  if (file.book.kind === 'refused') return refused(file.book.refusal);
  if (file.book.kind === 'unreadable') return refused(whyUnreadable(file, file.book.format));
  const worksheets = file.book.sheets;

  const idSheet = worksheets.find((s) => s.name === ID_SHEET);
  const found = idSheet ? identityOf(idSheet) : null;
  if (!idSheet) {
    return refused(
      `「${file.fileName}」は Renkei で作成した調査票ではありません（調査票を見分けるための情報がありません）。お送りした調査票に記入して返送してもらってください。`,
    );
  }
  const tampered = `「${file.fileName}」は調査票を見分けるための情報が書き換えられているか、別のデータベースで作成された調査票です。この対象の調査票を作り直して送り、記入してもらってください。`;
  if (!found) return refused(tampered);
  const { identity, digest } = found;
  const token =
    forms.tokens && identity.roundId === round.id
      ? (forms.tokens.get(identity.targetId) ?? null)
      : await targetToken(db, identity.roundId, identity.targetId);
  if (token === null || !digestMatches(identity, token, digest)) return refused(tampered);
  if (identity.roundId !== round.id) {
    const other = await roundRow(db, identity.roundId);
    // A clinic that fills last year's form in again is common; taking it into that round would replace last year's answer.
    if (other.definitionId === round.definitionId && other.referenceDate < round.referenceDate) {
      return refused(
        `「${file.fileName}」は前の回（${roundName(other)}）の調査票で、この回（${roundName(round)}）のものではありません。前の回の調査票に今回の回答が記入されたのなら、この回の調査票を送って記入し直してもらってください。前の回で取り込むと、${formatFiscalYear(fiscalYear(other.fiscalYear))}の回答が置き換わります。`,
        identity,
      );
    }
    return refused(
      `「${file.fileName}」は${roundName(other)}の調査票で、この回（${roundName(round)}）のものではありません。その回を開いて取り込んでください。`,
      identity,
    );
  }
  if (identity.versionId !== round.versionId) {
    return refused(`「${file.fileName}」は調査票の版がこの回と合いません。この対象の調査票を作り直して送ってください。`, identity);
  }

  const sheets = new Map<string, SheetCells>();
  /** The form's sheets the file holds under another name, by the form's name. */
  const renamed = new Map<string, string>();
  const formSheets = new Set([GUIDE_SHEET, ID_SHEET, ANSWER_SHEET, ...layout.tableSheets]);
  for (const name of [ANSWER_SHEET, ...layout.tableSheets]) {
    const sheet = worksheets.find((s) => s.name === name) ?? renamedSheet(worksheets, formSheets, layout, name);
    if (sheet && sheet.name !== name) renamed.set(name, sheet.name);
    if (!sheet) {
      return refused(
        `「${file.fileName}」にシート「${name}」がありません。シートの名前を変えたり削除したりせず、お送りした調査票に記入してもらってください。`,
        identity,
      );
    }
    sheets.set(name, sheet);
  }
  /** A problem placed on the sheet as the file names it. */
  const asNamed = (p: SurveyFileProblem): SurveyFileProblem =>
    p.sheet && renamed.has(p.sheet) ? { ...p, sheet: renamed.get(p.sheet)! } : p;
  const unprotected = [...sheets.values()].filter((s) => !s.protected).map((s) => `「${s.name}」`);
  const moved = layout.labels
    .map((label) => ({ label, found: cellTextAt(sheets.get(label.sheet)!, label) }))
    .filter(({ label, found: text }) => text !== label.text);
  if (moved.length > 0) {
    // The reason once; each cell that moved in a line of its own, beside the sheet and cell the screen names.
    const protection = unprotected.length > 0 ? `シート${unprotected.join('')}の保護が解除され、` : '';
    const cells = moved
      .slice(0, SHOWN_MISMATCHES)
      .map(({ label, found: text }) => problemAt('error', label, null, `「${label.text}」のはずが${text ? `「${text}」` : '空欄'}です。`));
    if (moved.length > SHOWN_MISMATCHES)
      cells.push(problemAt('error', null, null, `ほか ${moved.length - SHOWN_MISMATCHES} か所も調査票と違います。`));
    return refused(
      `「${file.fileName}」は記入欄の位置が調査票と違うため読み込めません（${protection}行や列の挿入・削除、セルの移動がされています）。お送りした調査票に記入し直してもらうか、元の位置に戻して保存してから取り込んでください。`,
      identity,
      cells.map(asNamed),
    );
  }

  const answerSheet = sheets.get(ANSWER_SHEET)!;
  const someoneElse = answerSheet.protected ? [] : await anotherTarget(db, round, identity.targetId, answerSheet);
  const unreadable: SurveyFileProblem[] = [...someoneElse];
  const answers: Answers = {};
  const failed = new Set<string>();
  const markFailed = (question: string, row: number | null, column: string | null) => {
    failed.add(placeKey(question, row, column));
    // A table row (and the table) left empty by cells that could not be read is not also 「空欄」 or 「未回答」.
    if (row !== null) for (const key of [placeKey(question, row, null), placeKey(question, null, null)]) failed.add(key);
  };
  const fail = (at: CellAt, question: string, row: number | null, column: string | null, message: string) => {
    markFailed(question, row, column);
    unreadable.push(problemAt('error', at, { question, row, column }, message));
  };
  const merged = mergedOverAnswers(layout, sheets);
  const told = new Set<string>();
  /** Whether an answer cell lies in a merge over several: the merge is told once, and none of its cells is read. */
  const inMerge = (at: CellAt, question: string, row: number | null, column: string | null): boolean => {
    const merge = merged.get(cellKeyOf(at));
    if (!merge) return false;
    markFailed(question, row, column);
    if (!told.has(merge.range)) {
      told.add(merge.range);
      unreadable.push(
        problemAt(
          'error',
          merge.at,
          { question, row, column },
          `シート「${sheets.get(merge.at.sheet)!.name}」の ${merge.range} のセルが結合されているため、${merge.count}つの記入欄を読み分けられません。セルの結合を解除し、1つのセルに1つの回答を記入して保存してから取り込んでください。`,
        ),
      );
    }
    return true;
  };
  for (const slot of layout.slots) {
    const code = slot.question.code;
    if (slot.kind === 'single') {
      if (inMerge(slot.at, code, null, null)) continue;
      const read = readCell(slot.question, cellValue(sheets.get(slot.at.sheet)!, slot.at.row, slot.at.col));
      if (!read.ok) fail(slot.at, code, null, null, read.message);
      else if (read.value !== null) answers[code] = read.value;
    } else if (slot.kind === 'multi') {
      const chosen: string[] = [];
      for (const { choice, at } of slot.options) {
        if (inMerge(at, code, null, null)) continue;
        const read = readMark(slot.question, choice.label, cellValue(sheets.get(at.sheet)!, at.row, at.col));
        if (!read.ok) fail(at, code, null, null, read.message);
        else if (read.chosen) chosen.push(choice.code);
      }
      if (chosen.length > 0) answers[code] = chosen;
    } else {
      const sheet = sheets.get(slot.sheet)!;
      const rows: TableRow[] = tableRows(slot).map((row, i) => {
        const entry: TableRow = {};
        for (const column of slot.columns) {
          const c = column.question;
          const at = { sheet: slot.sheet, row, col: column.col };
          if (inMerge(at, code, i, c.code)) continue;
          const value = cellValue(sheet, row, column.col);
          if (column.choice) {
            const read = readMark(c, column.choice.label, value);
            if (!read.ok) fail(at, code, i, c.code, `「${slot.question.label}」${i + 1}行目 ${read.message}`);
            else if (read.chosen) entry[c.code] = [...((entry[c.code] as string[] | undefined) ?? []), column.choice.code];
          } else {
            const read = readCell(c, value);
            if (!read.ok) fail(at, code, i, c.code, `「${slot.question.label}」${i + 1}行目 ${read.message}`);
            else if (read.value !== null) entry[c.code] = read.value;
          }
        }
        return entry;
      });
      if (rows.some((r) => Object.keys(r).length > 0)) answers[code] = rows;
      for (const at of entriesBelow(sheet, slot)) {
        fail(
          at,
          code,
          null,
          null,
          `「${slot.question.label}」は${slot.question.maxRows}行までです。シート「${sheet.name}」の ${addressOf(at)} は表の外のため読み込めません。${slot.question.maxRows}行に収めてください。`,
        );
      }
    }
  }

  // Every other sheet (added, or one of the form's copied) is told by what is typed on it.
  const used = new Set([...formSheets, ...[...sheets.values()].map((sheet) => sheet.name)]);
  const isGuide = (sheet: SheetCells) => cellTextAt(sheet, GUIDE_TITLE_AT) === guideTitle(round.definitionName);
  const guide = guideSheet(worksheets, used, isGuide);
  const originals: FormSheet[] = [...sheets].map(([name, sheet]) => ({
    sheet,
    copiedIn: (other) => showsHeads(layout, name, other),
    isAnswer: answerArea(layout, name),
  }));
  if (guide)
    originals.push({
      sheet: guide,
      copiedIn: isGuide,
      isAnswer: () => false,
    });
  const outside = worksheets
    .filter((sheet) => !used.has(sheet.name) && sheet !== guide)
    .flatMap((sheet) => entriesOutside(sheet, originals.find((o) => o.copiedIn(sheet)) ?? null, sheets) ?? []);
  unreadable.push(...outside.filter((p) => p.severity === 'error'));

  const check = checkAnswers(definition, answers);
  const placed = (p: AnswerProblem) => problemAt(p.severity, cellOfProblem(layout, p), p, p.message);
  // A cell that could not be read already says why; the check would only add 「未回答」 for it.
  const errors = inReadingOrder(layout, [
    ...unreadable,
    ...check.errors.filter((p) => !failed.has(placeKey(p.question, p.row, p.column))).map(placed),
  ]);
  const warnings = inReadingOrder(layout, [...check.warnings.map(placed), ...outside.filter((p) => p.severity === 'warning')]);
  // Read as it is only when it is this target's: another's is not read at all.
  if (unprotected.length > 0 && someoneElse.length === 0) {
    warnings.unshift(
      problemAt(
        'warning',
        null,
        null,
        `シート${unprotected.join('')}の保護が解除されていました。記入欄の位置は調査票のとおりなので、そのまま読み込みます。`,
      ),
    );
  }
  // First, at the sheet as its tab shows it, as every problem after it names it.
  warnings.unshift(
    ...[...renamed].map(([name, now]) => ({
      ...problemAt(
        'warning',
        null,
        null,
        `シート「${name}」の名前が「${now}」に変えられていました。記入欄の位置は調査票のとおりなので、そのまま読み込みます。`,
      ),
      sheet: now,
    })),
  );
  return { kind: 'read', identity, answers, check, errors: errors.map(asNamed), warnings: warnings.map(asNamed) };
}
