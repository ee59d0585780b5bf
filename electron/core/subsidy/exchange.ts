/**
 * 補助金 by file between two Renkei that cannot reach each other (the
 * association's secretariat on its own PC, the prefecture on a separated
 * network). The association sends the year's 交付申請・変更交付申請・実績報告 of
 * its centers as one workbook; the prefecture sends back every step of those
 * centers: its 交付決定・変更交付決定・額の確定 and the money moved (概算払・返還・
 * 追加交付), without which the association would read a refund it owes as an
 * additional payment owed to it. Each workbook is signed
 * like a survey form: a hidden sheet holds the year, the association, its
 * centers, each row's step and the text of every locked cell, under a keyed
 * digest, so an edit outside the yellow cells is found and named by its cell.
 * The receiving side previews each center (new, changed with its fields old →
 * new, unchanged, or refused and why) and writes all of it or nothing, each
 * step through the same checks as the center's screen.
 */
import ExcelJS from 'exceljs';
import type { FileOut, ImportPreview, ImportResult, ImportRowResult, ImportStatus } from '@shared/contract';
import { RenkeiError } from '@shared/contract';
import { ASSOCIATION_STEP_KINDS } from '@shared/contract/permissions';
import type { SubsidyStepRecord } from '@shared/contract/subsidy';
import type { IsoDate } from '@shared/dates';
import { dateRangeProblem, type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { yen } from '@shared/money';
import { computeSubsidy, SubsidyInputError, spendingProblem } from '@shared/subsidy/compute';
import { type LifecycleStep, STEP_KIND_LABELS, type StepKind, stepProblem } from '@shared/subsidy/lifecycle';
import type { ProgramInput, SubsidyInputs, SubsidyRules } from '@shared/subsidy/rules';
import { searchKey } from '@shared/text/normalize';
import { formatWareki } from '@shared/wareki';
import type { MutationContext } from '../kernel/context';
import type { Reader } from '../kernel/db/schema';
import { cellValue, type SheetCells, type WorkbookCells } from '../tabular/cells';
import { CellError, parseDate, parseFlag, parseYen } from '../tabular/fields';
import { columnLetter, excelSerialToIsoDate, numberText } from '../tabular/read';
import { keyedDigest, keyedDigestMatches } from '../tabular/signature';
import { DEFAULT_FONT, HEADER_FILL, workbookBytes, XLSX_MIME } from '../tabular/write';
import { centerSteps, lifecycleSteps, readRules, subsidyCenters } from './read';
import { addStep, deleteLastStep, NO_OVERRIDE } from './write';

/** Which way a workbook goes: the association's applications to the prefecture, or the prefecture's decisions back. */
export type ExchangeDirection = 'applications' | 'decisions';

const FORMATS: Record<ExchangeDirection, string> = {
  applications: 'renkei.subsidy.applications/1',
  decisions: 'renkei.subsidy.decisions/1',
};
const SHEETS: Record<ExchangeDirection, string> = { applications: '申請・報告', decisions: '決定・確定' };
const FILE_WORDS: Record<ExchangeDirection, string> = {
  applications: '医師会から県へ送る申請・報告のファイル',
  decisions: '県から医師会へ返す決定・確定のファイル',
};
/** veryHidden: the format, the digest and the payload, as in a survey form. */
const ID_SHEET = '_renkei';
/**
 * The digest's key. The two databases share no secret, so it is the same in
 * every Renkei: it finds any edit made in Excel outside the yellow cells (the
 * locked cells' texts are signed), not a forger who rebuilds the payload.
 */
const EXCHANGE_KEY = 'renkei.subsidy.exchange';
/** Excel holds at most 32,767 characters in a cell; the payload is cut into pieces below that. */
const PIECE = 30_000;
const TITLE_ROW = 1;
const NOTE_ROW = 2;
const HEADER_ROW = 4;
const FIRST_ROW = 5;
/** Locked cells named in a refusal; the rest are counted. */
const SHOWN_CELLS = 3;

const APPLICATION_KINDS: readonly StepKind[] = ASSOCIATION_STEP_KINDS;
const DECISION_KINDS: readonly StepKind[] = ['decision', 'change_decision', 'settlement'];
/** The money the prefecture moves: without it the association's 支払済 would be 0 and a 返還 would read as 追加交付. */
const MONEY_KINDS: readonly StepKind[] = ['payment', 'refund', 'additional'];
/** The steps a decisions workbook carries: the center's whole year as the prefecture holds it. */
const EXCHANGED_KINDS: readonly StepKind[] = [...APPLICATION_KINDS, ...DECISION_KINDS, ...MONEY_KINDS];
/** What a step's number is: the 指令番号 of a decision, else the 文書番号 (of a payment, say). */
const numberWord = (kind: StepKind) => (DECISION_KINDS.includes(kind) ? '指令番号' : '文書番号');

/** A step as a workbook carries it. */
interface Step {
  kind: StepKind;
  datedOn: IsoDate;
  orderNo: string;
  amount: number;
  inputs: SubsidyInputs | null;
  reason: string;
  override: boolean;
  overrideReason: string;
}

interface ProgramShape {
  code: string;
  name: string;
  kind: 'operating' | 'ict';
  items: { item: string; label: string }[];
}

/** What the hidden sheet holds, signed. */
interface Payload {
  format: string;
  fiscalYear: number;
  association: string;
  centers: string[];
  programs: ProgramShape[];
  /** The amount columns: which program's which field. */
  columns: { col: number; key: string; header: string }[];
  /** Each data row: its center and the step it shows (null on a center's row without steps). */
  rows: { row: number; center: string; step: Step | null }[];
  /** The text of every locked cell of the data sheet by address (A1): what the receiving side checks. */
  locked: Record<string, string>;
}

// ---------------------------------------------------------------- cells

/** A cell's value as the text it shows, for comparing locked cells and parsing the yellow ones. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return cellText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  return '';
}

const addressOf = (row: number, col: number) => `${columnLetter(col - 1)}${row}`;

// ---------------------------------------------------------------- the programs as columns

function programsOf(rules: SubsidyRules | null): ProgramShape[] {
  return (rules?.programs ?? []).map((p) => ({
    code: p.code,
    name: p.name,
    kind: p.kind,
    items: p.kind === 'ict' ? p.rows.map((r) => ({ item: r.item, label: r.label })) : [],
  }));
}

/** Each program's fields in column order, with their headers, as the import template names them. */
function fieldsOf(programs: readonly ProgramShape[]): { key: string; header: string }[] {
  return programs.flatMap((p) => [
    { key: `${p.code}.totalCost`, header: `${p.name} 総事業費` },
    { key: `${p.code}.otherIncome`, header: `${p.name} 寄付金その他の収入額` },
    ...(p.kind === 'operating'
      ? [{ key: `${p.code}.eligibleExpense`, header: `${p.name} 対象経費の支出額` }]
      : [
          { key: `${p.code}.firstYear`, header: `${p.name} 初年度` },
          ...p.items.map((i) => ({ key: `${p.code}.item.${i.item}`, header: `${p.name} ${i.label} 対象経費` })),
        ]),
  ]);
}

/** A step's inputs as cells by field key (amounts as numbers, 初年度 as ○). */
function cellsOfInputs(inputs: SubsidyInputs | null): Map<string, number | string> {
  const cells = new Map<string, number | string>();
  for (const p of inputs?.programs ?? []) {
    cells.set(`${p.code}.totalCost`, p.totalCost);
    cells.set(`${p.code}.otherIncome`, p.otherIncome);
    if (p.kind === 'operating') cells.set(`${p.code}.eligibleExpense`, p.eligibleExpense);
    else {
      if (p.firstYear) cells.set(`${p.code}.firstYear`, '○');
      for (const i of p.items) cells.set(`${p.code}.item.${i.item}`, i.eligibleExpense);
    }
  }
  return cells;
}

/** The programs a row has any amount for, as a step's inputs (as the import of applications reads them). */
function inputsOfCells(programs: readonly ProgramShape[], value: (key: string) => number | boolean | null): SubsidyInputs {
  const amount = (key: string) => value(key) as number | null;
  const out: ProgramInput[] = [];
  for (const p of programs) {
    const base = { code: p.code, totalCost: amount(`${p.code}.totalCost`) ?? 0, otherIncome: amount(`${p.code}.otherIncome`) ?? 0 };
    if (p.kind === 'operating') {
      const eligible = amount(`${p.code}.eligibleExpense`);
      if (amount(`${p.code}.totalCost`) == null && eligible == null) continue;
      out.push({ kind: 'operating', ...base, eligibleExpense: eligible ?? 0 });
    } else {
      const items = p.items.flatMap((i) => {
        const v = amount(`${p.code}.item.${i.item}`);
        return v == null ? [] : [{ item: i.item, eligibleExpense: v }];
      });
      if (amount(`${p.code}.totalCost`) == null && items.length === 0) continue;
      out.push({ kind: 'ict', ...base, firstYear: (value(`${p.code}.firstYear`) as boolean | null) ?? false, items });
    }
  }
  return { programs: out };
}

// ---------------------------------------------------------------- writing

interface AssociationCenters {
  association: { id: number; name: string };
  centers: { id: number; name: string }[];
}

async function associationCenters(db: Reader, associationId: number): Promise<AssociationCenters> {
  const association = await db.selectFrom('medicalAssociation').select(['id', 'name']).where('id', '=', associationId).executeTakeFirst();
  if (!association) throw new RenkeiError('not_found', '医師会が見つかりません。医師会を選び直してください。', { path: ['associationId'] });
  const centers = await db
    .selectFrom('center')
    .select(['id', 'name'])
    .where('operatorAssociationId', '=', associationId)
    .orderBy('id')
    .execute();
  if (centers.length === 0) {
    throw new RenkeiError(
      'not_found',
      `「${association.name}」が運営するセンターが台帳にありません。台帳のセンターの運営主体を確かめてください。`,
      { path: ['associationId'] },
    );
  }
  return { association, centers };
}

const toStepOut = (s: SubsidyStepRecord): Step => ({
  kind: s.kind,
  datedOn: s.datedOn as IsoDate,
  orderNo: s.orderNo,
  amount: s.amount,
  inputs: s.inputs,
  reason: s.reason,
  override: s.override,
  overrideReason: s.overrideReason,
});

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

/**
 * The year's workbook for an association's centers: the applications it
 * sends, or the decisions sent back to it.
 * @example await exchangeFile(db, 'applications', 2023, associationId)
 */
export async function exchangeFile(
  db: Reader,
  direction: ExchangeDirection,
  fiscalYear: FiscalYear,
  associationId: number,
): Promise<FileOut> {
  const { association, centers } = await associationCenters(db, associationId);
  const programs = programsOf(await readRules(db, fiscalYear));
  const kinds = direction === 'applications' ? APPLICATION_KINDS : EXCHANGED_KINDS;
  const year = formatFiscalYear(fiscalYear);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Renkei';
  const sheet = workbook.addWorksheet(SHEETS[direction], { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }] });
  const locked: Record<string, string> = {};
  const put = (row: number, col: number, value: string | number | null, editable = false): ExcelJS.Cell => {
    const cell = sheet.getCell(row, col);
    cell.value = value;
    cell.font = DEFAULT_FONT;
    if (editable) {
      cell.fill = YELLOW;
      cell.border = THIN;
      cell.protection = { locked: false };
    } else if (value !== null && value !== '') locked[addressOf(row, col)] = cellText(value);
    if (typeof value === 'number') cell.numFmt = '#,##0';
    return cell;
  };

  const lead =
    direction === 'applications' ? ['センター', '手続き', '日付'] : ['センター', '手続き', '日付', '指令番号・文書番号', '金額', '理由'];
  const fields = fieldsOf(programs);
  const columns = fields.map((f, i) => ({ ...f, col: lead.length + 1 + i }));
  put(TITLE_ROW, 1, `${year}　在宅医療推進センター整備事業補助金　${SHEETS[direction]}（${association.name}）`).font = {
    ...DEFAULT_FONT,
    bold: true,
    size: 14,
  };
  put(
    NOTE_ROW,
    1,
    direction === 'applications'
      ? '県の Renkei で取り込むファイルです。直すときは黄色のセル（日付と金額）だけを書き換えてください。ほかのセルを変えたファイルは取り込めません。'
      : '医師会の Renkei で取り込むファイルです。書き換えずにそのまま取り込んでください。',
  );
  [...lead, ...fields.map((f) => f.header)].forEach((header, i) => {
    const cell = put(HEADER_ROW, i + 1, header);
    cell.font = { ...DEFAULT_FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  sheet.getRow(HEADER_ROW).height = 45;
  sheet.getColumn(1).width = 36;
  sheet.getColumn(2).width = 16;
  sheet.getColumn(3).width = 13;
  for (let col = 4; col <= lead.length + fields.length; col += 1) sheet.getColumn(col).width = 18;

  const rows: Payload['rows'] = [];
  let row = FIRST_ROW;
  for (const center of centers) {
    const steps = (await centerSteps(db, center.id, fiscalYear)).filter((s) => kinds.includes(s.kind)).map(toStepOut);
    if (steps.length === 0) {
      put(row, 1, center.name);
      put(row, 2, direction === 'applications' ? '（申請・報告なし）' : '（手続きなし）');
      rows.push({ row: row++, center: center.name, step: null });
      continue;
    }
    for (const step of steps) {
      const editable = direction === 'applications';
      put(row, 1, center.name);
      put(row, 2, STEP_KIND_LABELS[step.kind]);
      put(row, 3, step.datedOn, editable);
      if (direction === 'decisions') {
        put(row, 4, step.orderNo);
        put(row, 5, step.amount);
        put(row, 6, step.reason);
      }
      const cells = cellsOfInputs(step.inputs);
      for (const c of columns) put(row, c.col, cells.get(c.key) ?? null, editable && step.inputs !== null);
      rows.push({ row: row++, center: center.name, step });
    }
  }

  const payload: Payload = {
    format: FORMATS[direction],
    fiscalYear,
    association: association.name,
    centers: centers.map((c) => c.name),
    programs,
    columns,
    rows,
    locked,
  };
  const json = JSON.stringify(payload);
  const hidden = workbook.addWorksheet(ID_SHEET, { state: 'veryHidden' });
  hidden.getCell(1, 1).value = FORMATS[direction];
  hidden.getCell(2, 1).value = keyedDigest(EXCHANGE_KEY, json);
  for (let i = 0; i * PIECE < json.length; i += 1) hidden.getCell(3 + i, 1).value = json.slice(i * PIECE, (i + 1) * PIECE);
  await sheet.protect('', PROTECTION);
  const suffix = direction === 'applications' ? '県へ送る申請・報告' : '医師会へ返す決定';
  return {
    fileName: `${year}_補助金_${suffix}_${association.name}.xlsx`,
    mimeType: XLSX_MIME,
    data: (await workbookBytes(workbook)).toString('base64'),
  };
}

// ---------------------------------------------------------------- reading

/** The file's payload once its digest and every locked cell are checked, with the data sheet. */
function openFile(
  book: WorkbookCells,
  fileName: string,
  direction: ExchangeDirection,
  fiscalYear: FiscalYear,
): { payload: Payload; sheet: SheetCells } {
  const refuse = (message: string): never => {
    throw new RenkeiError('validation', message);
  };
  const resend =
    direction === 'applications'
      ? '医師会の Renkei で「県へ送る申請・報告（Excel）」から書き出し直してもらってください。'
      : '県の Renkei で「医師会へ返す決定（Excel）」から書き出し直してもらってください。';
  if (book.kind === 'refused') return refuse(book.refusal);
  if (book.kind === 'unreadable') {
    return refuse(`「${fileName}」は Excel ブック（.xlsx）として読めません。${FILE_WORDS[direction]}を選んでください。`);
  }
  const hidden = book.sheets.find((s) => s.name === ID_SHEET);
  const format = hidden ? cellText(cellValue(hidden, 1, 1)) : '';
  const other = (Object.keys(FORMATS) as ExchangeDirection[]).find((d) => d !== direction && FORMATS[d] === format);
  if (other) return refuse(`「${fileName}」は${FILE_WORDS[other]}です。ここで取り込めるのは${FILE_WORDS[direction]}です。`);
  if (!hidden || format !== FORMATS[direction]) {
    return refuse(`「${fileName}」は Renkei で書き出した${FILE_WORDS[direction]}ではありません。${resend}`);
  }
  let json = '';
  for (let row = 3; row <= hidden.rowCount; row += 1) json += cellText(cellValue(hidden, row, 1));
  const digest = cellText(cellValue(hidden, 2, 1))
    .trim()
    .toLowerCase();
  const tampered = `「${fileName}」は隠しシート「${ID_SHEET}」（ファイルを見分けるための情報）が書き換えられているため取り込めません。${resend}`;
  if (!keyedDigestMatches(EXCHANGE_KEY, json, digest)) return refuse(tampered);
  const payload = JSON.parse(json) as Payload;
  if (payload.fiscalYear !== fiscalYear) {
    return refuse(
      `「${fileName}」は${formatFiscalYear(payload.fiscalYear as FiscalYear)}のファイルです。${formatFiscalYear(payload.fiscalYear as FiscalYear)}の補助金の画面で取り込んでください。`,
    );
  }
  const sheet = book.sheets.find((s) => s.name === SHEETS[direction]);
  if (!sheet)
    return refuse(`「${fileName}」にシート「${SHEETS[direction]}」がありません。シートの名前を変えずに取り込んでください。${resend}`);
  const moved = Object.entries(payload.locked)
    .map(([address, text]) => {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(address)!;
      const col = [...letters!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return { address, text, found: cellText(cellValue(sheet, Number(digits), col)) };
    })
    .filter((c) => c.found !== c.text);
  if (moved.length > 0) {
    const shown = moved
      .slice(0, SHOWN_CELLS)
      .map((c) => `シート「${sheet.name}」のセル ${c.address} は「${c.text}」のはずが${c.found ? `「${c.found}」` : '空欄'}`);
    const more = moved.length > SHOWN_CELLS ? ` ほか${moved.length - SHOWN_CELLS}か所` : '';
    return refuse(`「${fileName}」は黄色のセルのほかが書き換えられているため取り込めません（${shown.join('、')}${more}）。${resend}`);
  }
  return { payload, sheet };
}

/** The row's step as its yellow cells now say, or the cell errors. */
function readApplicationRow(
  payload: Payload,
  sheet: SheetCells,
  row: Payload['rows'][number],
): { step: Step; errors: ImportRowResult['errors'] } {
  const step = row.step!;
  const errors: ImportRowResult['errors'] = [];
  const text = (col: number) => {
    const value = cellValue(sheet, row.row, col);
    if (typeof value === 'number' && col === 3) {
      try {
        return excelSerialToIsoDate(value);
      } catch {
        // Not a day Excel can hold: the parser below says so in the user's words.
      }
    }
    return cellText(value).trim();
  };
  const parse = <T>(col: number, header: string, read: (cell: string) => T): T | null => {
    try {
      return read(text(col));
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      errors.push({ column: columnLetter(col - 1), header, message: `${row.row}行目 ${error.message}` });
      return null;
    }
  };
  const datedOn = parse(3, '日付', parseDate);
  if (step.inputs === null) return { step: { ...step, datedOn: datedOn ?? step.datedOn }, errors };
  const values = new Map<string, number | boolean | null>();
  for (const c of payload.columns) {
    values.set(
      c.key,
      parse(c.col, c.header, (cell) => {
        if (c.key.endsWith('.firstYear')) return cell === '' ? null : parseFlag(cell);
        return cell === '' ? null : parseYen(cell);
      }),
    );
  }
  const inputs = inputsOfCells(payload.programs, (key) => values.get(key) ?? null);
  return { step: { ...step, datedOn: datedOn ?? step.datedOn, inputs }, errors };
}

// ---------------------------------------------------------------- comparing

const canonical = (inputs: SubsidyInputs | null) => JSON.stringify(inputs ?? null);

function sameStep(a: Step, b: Step): boolean {
  const same = a.kind === b.kind && a.datedOn === b.datedOn && canonical(a.inputs) === canonical(b.inputs);
  return same && (APPLICATION_KINDS.includes(a.kind) || (a.amount === b.amount && a.orderNo === b.orderNo));
}

const stepName = (s: Pick<Step, 'kind' | 'datedOn'>) => `${STEP_KIND_LABELS[s.kind]}（${formatWareki(s.datedOn)}）`;

/** A step's fields by name, as the preview shows them. */
function fieldTexts(step: Step, programs: readonly ProgramShape[], amount: number | null): Map<string, string> {
  const out = new Map<string, string>([['日付', formatWareki(step.datedOn)]]);
  if (!APPLICATION_KINDS.includes(step.kind)) out.set(numberWord(step.kind), step.orderNo);
  if (amount !== null) out.set('金額', formatYen(yen(amount)));
  const cells = cellsOfInputs(step.inputs);
  for (const f of fieldsOf(programs)) {
    const v = cells.get(f.key);
    if (v !== undefined) out.set(f.header, typeof v === 'number' ? formatYen(yen(v)) : v);
  }
  return out;
}

/** old → new for each field that differs; a step only in the file has '' before each field. */
function changesOf(
  before: { step: Step; amount: number } | null,
  after: { step: Step; amount: number },
  programs: readonly ProgramShape[],
): ImportRowResult['changes'] {
  const label = before ? stepName(before.step) : `${stepName(after.step)}（追加）`;
  const old = before ? fieldTexts(before.step, programs, before.amount) : new Map<string, string>();
  const now = fieldTexts(after.step, programs, after.amount);
  return (
    [...new Set([...old.keys(), ...now.keys()])]
      // A field blank on both sides (a 概算払 without a 文書番号) is no change, though only the new step has it.
      .filter((k) => (old.get(k) ?? '') !== (now.get(k) ?? ''))
      .map((k) => ({ field: `${label} ${k}`, before: old.get(k) ?? '', after: now.get(k) ?? '' }))
  );
}

// ---------------------------------------------------------------- the plan of an import

interface CenterPlan {
  row: ImportRowResult;
  centerId: number | null;
  /** The center's last steps, latest first, taken back before the file's are added. */
  remove: number[];
  add: Step[];
  /**
   * The steps of `add` written as recorded, which the 対象経費 rule (a rule of entry) does not refuse: every step of a
   * decisions file, the prefecture's own record, and a step of an applications file this database already holds.
   */
  recorded: ReadonlySet<Step>;
}

interface Plan {
  association: string;
  centers: CenterPlan[];
}

/**
 * Where (indexes of `file`, searched from `from`) the association's steps
 * past the common part come again, in order, when all of them do: the
 * prefecture recorded something before them (a 概算払 before the 実績報告 it
 * received later, or — from a file of an earlier Renkei that left the money
 * out — before a 額の確定 the association already holds), so they are taken
 * back and written again in the prefecture's order, nothing of theirs lost.
 * Null when any of them is not in the file.
 */
function interleaved(mine: readonly SubsidyStepRecord[], file: readonly Step[], from: number): Set<number> | null {
  const at = new Set<number>();
  let i = from;
  for (const step of mine) {
    while (i < file.length && !sameStep(toStepOut(step), file[i]!)) i += 1;
    if (i === file.length) return null;
    at.add(i);
    i += 1;
  }
  return at;
}

async function fileAssociation(db: Reader, payload: Payload, fileName: string) {
  const key = searchKey(payload.association);
  const found = (await db.selectFrom('medicalAssociation').select(['id', 'name']).execute()).find((a) => searchKey(a.name) === key);
  if (!found) {
    throw new RenkeiError(
      'validation',
      `「${fileName}」の医師会「${payload.association}」が台帳にありません。台帳の医師会の名前を合わせてから取り込んでください。`,
    );
  }
  return found;
}

/**
 * Each center of the file against this database, without writing: what
 * would be added or replaced, and why a center cannot be taken.
 */
async function planImport(
  db: Reader,
  direction: ExchangeDirection,
  fiscalYear: FiscalYear,
  fileName: string,
  book: WorkbookCells,
): Promise<Plan> {
  const { payload, sheet } = openFile(book, fileName, direction, fiscalYear);
  const association = await fileAssociation(db, payload, fileName);
  const rules = await readRules(db, fiscalYear);
  if (!rules) {
    throw new RenkeiError(
      'not_found',
      `${formatFiscalYear(fiscalYear)}の補助金の要綱がありません。先に要綱を作成してから取り込んでください。`,
    );
  }
  const programs = programsOf(rules);
  const ledger = await db.selectFrom('center').select(['id', 'name', 'operatorAssociationId']).execute();
  const subsidy = await subsidyCenters(db);
  const associations = new Map((await db.selectFrom('medicalAssociation').select(['id', 'name']).execute()).map((a) => [a.id, a.name]));

  const plans: CenterPlan[] = [];
  for (const name of payload.centers) {
    const fileRows = payload.rows.filter((r) => r.center === name);
    const row: ImportRowResult = { rowNumber: fileRows[0]!.row, status: 'unchanged', key: '', label: name, changes: [], errors: [] };
    const plan: CenterPlan = { row, centerId: null, remove: [], add: [], recorded: new Set() };
    plans.push(plan);
    const error = (message: string, column = 'A', header = 'センター') => row.errors.push({ column, header, message });
    const found = ledger.find((c) => searchKey(c.name) === searchKey(name));
    if (!found) {
      error(`「${name}」は台帳のセンターにありません。台帳にセンターを登録するか、名前を合わせてから取り込んでください。`);
      continue;
    }
    row.key = found.name;
    if (found.operatorAssociationId !== association.id) {
      const actual = found.operatorAssociationId === null ? '運営する医師会なし' : `「${associations.get(found.operatorAssociationId)}」`;
      error(`「${name}」は台帳では${actual}のセンターで、「${association.name}」のセンターではありません。`);
      continue;
    }
    plan.centerId = found.id;
    const center = subsidy.find((c) => c.id === found.id)!;

    let fileSteps: Step[] = [];
    for (const r of fileRows) {
      if (!r.step) continue;
      if (direction === 'decisions') fileSteps.push(r.step);
      else {
        const read = readApplicationRow(payload, sheet, r);
        row.errors.push(...read.errors);
        fileSteps.push(read.step);
      }
    }
    if (row.errors.length > 0) continue;
    const held = await centerSteps(db, found.id, fiscalYear);
    const compared = direction === 'applications' ? APPLICATION_KINDS : EXCHANGED_KINDS;
    const mine = held.filter((s) => compared.includes(s.kind));
    fileSteps = fileSteps.filter((s) => compared.includes(s.kind));
    let same = 0;
    while (same < mine.length && same < fileSteps.length && sameStep(toStepOut(mine[same]!), fileSteps[same]!)) same += 1;
    // The association's own steps past the prefecture's that the file holds too, later in it (say, after a 概算払).
    const moved = same < mine.length && direction === 'decisions' ? interleaved(mine.slice(same), fileSteps, same) : null;

    if (moved) {
      plan.remove = mine
        .slice(same)
        .map((s) => s.id)
        .reverse();
    } else if (same < mine.length) {
      const differing = mine[same]!;
      if (direction === 'decisions') {
        error(
          `この Renkei の${stepName(toStepOut(differing))}が県の記録と違います（またはまだ県へ送っていません）。先に「県へ送る申請・報告（Excel）」で県へ送り、県で取り込んでから決定を取り込んでください。`,
          'B',
          '手続き',
        );
        continue;
      }
      if (same >= fileSteps.length) {
        // The last step can be taken back on the center's screen: a center withdrawing before the decision.
        const label = STEP_KIND_LABELS[differing.kind];
        const withdrawn =
          held.at(-1)!.id === differing.id
            ? `${label}が取り下げられたのなら、県でこのセンターの画面を開き、手続きの履歴のその${label}を「削除…」で取り消してください。`
            : '';
        error(
          `県の記録にある${stepName(toStepOut(differing))}がファイルにありません。取り込みでは県の記録を取り消せません。${withdrawn}`,
          'B',
          '手続き',
        );
        continue;
      }
      const later = held[held.findIndex((s) => s.id === differing.id) + 1];
      if (later) {
        error(
          `県ではすでに${stepName(toStepOut(later))}を記録しているため、${stepName(toStepOut(differing))}は取り込みで変えられません。変えるときは変更交付申請として送ってもらってください。`,
          'B',
          '手続き',
        );
        continue;
      }
      plan.remove = [differing.id];
    }
    plan.add = fileSteps.slice(same);
    plan.recorded = new Set(
      direction === 'decisions' ? plan.add : plan.add.filter((step) => held.some((h) => sameStep(toStepOut(h), step))),
    );

    // The steps as the center's screen would take them, one after another, without writing.
    const sequence: LifecycleStep[] = lifecycleSteps(held.slice(0, held.length - plan.remove.length));
    for (const [i, step] of plan.add.entries()) {
      let amount = step.amount;
      if (APPLICATION_KINDS.includes(step.kind)) {
        try {
          const inputs = step.inputs ?? { programs: [] };
          // Only figures entered anew: a step kept before the 対象経費 rule still computes as recorded.
          const spending = plan.recorded.has(step) ? null : spendingProblem(rules, center, inputs);
          if (spending) throw spending;
          amount = computeSubsidy(rules, center, inputs).total;
        } catch (e) {
          if (!(e instanceof SubsidyInputError || e instanceof RangeError)) throw e;
          error(`${stepName(step)}: ${e.message}`, 'B', '手続き');
          break;
        }
      }
      const problem =
        dateRangeProblem(fiscalYear, 'subsidyStep', step.datedOn, '日付') ??
        stepProblem(sequence, { kind: step.kind, datedOn: step.datedOn, amount: yen(amount) });
      if (problem) {
        error(`${stepName(step)}: ${problem}`, 'B', '手続き');
        break;
      }
      const replaced = i === 0 && plan.remove.length > 0 && !moved ? toStepOut(mine[same]!) : null;
      const before = replaced ? { step: replaced, amount: mine[same]!.amount } : null;
      // A step of the association's own, only taken back and written again after the prefecture's: no change.
      if (!moved?.has(same + i)) row.changes.push(...changesOf(before, { step: { ...step, amount }, amount }, programs));
      sequence.push({ kind: step.kind, datedOn: step.datedOn, amount: yen(amount) });
    }
    if (row.errors.length > 0) continue;
    row.status = plan.add.length === 0 ? 'unchanged' : held.length === 0 ? 'new' : 'changed';
  }
  for (const p of plans) if (p.row.errors.length > 0) p.row.status = 'error';
  return { association: association.name, centers: plans };
}

const NOTES: Record<ExchangeDirection, string> = {
  applications: 'まだ決定していない申請・報告は、ファイルの金額で差し替えます。決定の済んだ申請は変えられません。',
  decisions: '県の交付決定・変更交付決定・額の確定と概算払・返還・追加交付を、このデータベースのセンターに記録します。',
};
/** A file taken before (or chosen twice): said at once, since the preview's rows all read 「変更なし」. */
const RECORDED: Record<ExchangeDirection, string> = {
  applications: 'このファイルの申請・報告は、すべてこのデータベースに記録済みです。取り込むものはありません。',
  decisions: 'このファイルの決定・確定と概算払・返還・追加交付は、すべてこのデータベースに記録済みです。取り込むものはありません。',
};

/**
 * The preview of an exchange workbook: one row per center of the file.
 * @example await previewExchange(db, 'applications', 2023, '令和5年度_補助金_県へ送る申請・報告_佐渡医師会.xlsx', book)
 */
export async function previewExchange(
  db: Reader,
  direction: ExchangeDirection,
  fiscalYear: FiscalYear,
  fileName: string,
  book: WorkbookCells,
): Promise<ImportPreview> {
  const plan = await planImport(db, direction, fiscalYear, fileName, book);
  const counts: Record<ImportStatus, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  for (const c of plan.centers) counts[c.row.status] += 1;
  return {
    kind: `subsidy.exchange.${direction}`,
    fileName,
    source: `Excel（シート「${SHEETS[direction]}」・${plan.association}）`,
    counts,
    rows: plan.centers.map((c) => c.row),
    errorRows: plan.centers.filter((c) => c.row.status === 'error').map((c) => c.row.rowNumber),
    totalRows: plan.centers.length,
    notes: [counts.new + counts.changed + counts.error === 0 ? RECORDED[direction] : NOTES[direction]],
  };
}

/**
 * Writes every center of the file but the excluded rows, all or nothing:
 * refused while any other center is refused; each step through the checks
 * of the center's screen, and one record of the import in the audit log.
 */
export async function commitExchange(
  ctx: MutationContext,
  direction: ExchangeDirection,
  input: { fiscalYear: FiscalYear; fileName: string; excludeRows: readonly number[] },
  book: WorkbookCells,
): Promise<ImportResult> {
  const { db, audit, actor, core } = ctx;
  const plan = await planImport(db, direction, input.fiscalYear, input.fileName, book);
  const excluded = new Set(input.excludeRows);
  const taken = plan.centers.filter((c) => !excluded.has(c.row.rowNumber));
  const refused = taken.filter((c) => c.row.status === 'error');
  if (refused.length > 0) {
    const names = refused.map((c) => `「${c.row.label}」（${c.row.errors[0]!.message}）`).join('、');
    throw new RenkeiError(
      'refused',
      `取り込めないセンターがあるため、何も取り込んでいません: ${names}。ファイルを直すか、そのセンターを除外してください。`,
    );
  }
  const step = { db, audit, actor, now: core.clock() };
  for (const c of taken) {
    for (const id of c.remove) await deleteLastStep(db, { id, ...NO_OVERRIDE }, audit);
    for (const s of c.add) {
      try {
        await addStep(
          step,
          {
            centerId: c.centerId!,
            fiscalYear: input.fiscalYear,
            kind: s.kind,
            datedOn: s.datedOn,
            orderNo: APPLICATION_KINDS.includes(s.kind) ? '' : s.orderNo,
            amount: APPLICATION_KINDS.includes(s.kind) ? null : s.amount,
            inputs: s.kind === 'settlement' ? null : s.inputs,
            reason: s.reason,
            override: s.override,
            overrideReason: s.overrideReason,
          },
          { recorded: c.recorded.has(s) },
        );
      } catch (error) {
        if (error instanceof RenkeiError) {
          throw new RenkeiError(error.code, `「${c.row.label}」の${stepName(s)}: ${error.message}（何も取り込んでいません）`);
        }
        throw error;
      }
    }
  }
  const count = (status: ImportStatus) => taken.filter((c) => c.row.status === status).length;
  const result: ImportResult = {
    created: count('new'),
    updated: count('changed'),
    unchanged: count('unchanged'),
    excluded: plan.centers.length - taken.length,
    repeated: 0,
  };
  // A file taken before changes nothing, so it leaves no entry in the log (as the 台帳's imports).
  if (result.created + result.updated === 0) return result;
  audit({
    entity: 'subsidy_exchange',
    entityId: input.fiscalYear,
    before: null,
    after: {
      file: input.fileName,
      direction: FILE_WORDS[direction],
      association: plan.association,
      centers: taken.filter((c) => c.row.status !== 'unchanged').map((c) => c.row.label),
      ...result,
    },
  });
  return result;
}
