/**
 * A 様式 workbook read and filled with exceljs: the check made when it is
 * registered (every placeholder known, the 各センター block opened and closed
 * once, in order, and no merged cell across its edge), and the filling — each
 * cell's placeholders replaced, the block's rows copied once per center with
 * their heights, styles and merged cells, the rows below moved down, and the
 * print area stretched to match. Fonts, borders, column widths and the page
 * setup are the workbook's own and stay as they are.
 */
import ExcelJS from 'exceljs';
import { RenkeiError } from '@shared/contract';
import type { TemplatePlaceholderUse } from '@shared/contract/template';
import {
  CENTER_BLOCK,
  formatTemplateValue,
  hasPlaceholder,
  pieceProblem,
  TEMPLATE_FIELD_BY_NAME,
  type TemplatePiece,
  type TemplateValue,
  templatePieces,
} from '@shared/template/vocabulary';

export interface TemplateProblem {
  sheet: string | null;
  cell: string | null;
  message: string;
}

export interface TemplateScan {
  uses: TemplatePlaceholderUse[];
  problems: TemplateProblem[];
  /** Center items outside a block: the 様式 is filled for one center. */
  perCenter: boolean;
}

/** The values to fill: the common ones, one set per center for the block, and the center of a per-center 様式. */
export interface TemplateData {
  common: Record<string, TemplateValue>;
  centers: Record<string, TemplateValue>[];
  center: Record<string, TemplateValue> | null;
}

interface Block {
  start: number;
  end: number;
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** An .xlsx read into exceljs, or refused in Japanese (a .xls or a broken file). */
export async function loadTemplateWorkbook(bytes: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new RenkeiError(
      'validation',
      `「${fileName}」を Excel ブック（.xlsx）として読めません。Excel で開き「Excel ブック（*.xlsx）」として保存し直してから登録してください。`,
    );
  }
  if (workbook.worksheets.length === 0) throw new RenkeiError('validation', `「${fileName}」にシートがありません。`);
  return workbook;
}

/** A cell's text as the user typed it (rich text joined), or null for numbers, dates and formulas. */
function cellText(cell: ExcelJS.Cell): string | null {
  const value = cell.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return null;
}

function eachTextCell(sheet: ExcelJS.Worksheet, visit: (cell: ExcelJS.Cell, row: number, text: string) => void): void {
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell) => {
      // A merged cell's other parts repeat the top-left cell's value; only the top-left one is read.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const text = cellText(cell);
      if (text && hasPlaceholder(text)) visit(cell, rowNumber, text);
    });
  });
}

function decodeRange(ref: string): Range {
  const [from, to = from] = ref.replace(/\$/g, '').split(':') as [string, string?];
  const a = decodeCell(from);
  const b = decodeCell(to);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function decodeCell(ref: string): { row: number; col: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const col = [...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(match[2]), col };
}

function columnLetter(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function mergesOf(sheet: ExcelJS.Worksheet): Range[] {
  return (sheet.model.merges ?? []).map(decodeRange);
}

/** The 各センター blocks' rows, and the problems of their markers. */
function findBlocks(sheet: ExcelJS.Worksheet): { blocks: Block[]; problems: TemplateProblem[] } {
  const blocks: Block[] = [];
  const problems: TemplateProblem[] = [];
  const at = (cell: ExcelJS.Cell, message: string) => problems.push({ sheet: sheet.name, cell: cell.address, message });
  let open: { cell: ExcelJS.Cell; row: number } | null = null;
  eachTextCell(sheet, (cell, row, text) => {
    for (const piece of templatePieces(text)) {
      if (piece.type !== 'open' && piece.type !== 'close') continue;
      if (piece.block !== CENTER_BLOCK) {
        at(cell, `「${piece.raw}」: 繰り返せるのは「{{#${CENTER_BLOCK}}}」〜「{{/${CENTER_BLOCK}}}」だけです`);
      } else if (piece.type === 'open') {
        if (open)
          at(
            cell,
            `「${piece.raw}」が二度開かれています（セル ${open.cell.address} の繰り返しが閉じていません）。繰り返しは入れ子にできません`,
          );
        else open = { cell, row };
      } else if (!open) {
        at(cell, `「${piece.raw}」の前に、繰り返しを始める「{{#${CENTER_BLOCK}}}」がありません`);
      } else {
        blocks.push({ start: open.row, end: row });
        open = null;
      }
    }
  });
  if (open) {
    const { cell } = open as { cell: ExcelJS.Cell };
    at(cell, `「{{#${CENTER_BLOCK}}}」を閉じる「{{/${CENTER_BLOCK}}}」がありません。繰り返す最後の行に書いてください`);
  }
  return { blocks, problems };
}

const inBlock = (blocks: readonly Block[], row: number) => blocks.some((b) => row >= b.start && row <= b.end);

/** The page header and footer texts, by the exceljs key and as the user knows them. */
const HEADER_FOOTER = [
  ['oddHeader', 'ヘッダー'],
  ['oddFooter', 'フッター'],
  ['evenHeader', '偶数ページのヘッダー'],
  ['evenFooter', '偶数ページのフッター'],
  ['firstHeader', '先頭ページのヘッダー'],
  ['firstFooter', '先頭ページのフッター'],
] as const;

const TOTALS_ADVICE =
  '合計は {{交付決定額合計}}・{{申請額合計}}・{{確定額合計}}、数は {{センター数}} などの差し込み項目を使ってください。ほかの計算式は差し込んだあとの Excel で入れてください';

/** A formula's references to cells, rows or columns, with the sheet each points at (null: the formula's own). */
const REFERENCE =
  /(?<![\w.$])(?:('(?:[^']|'')+'|[^\s!'"(),:;=+\-*/&<>^%{}]+)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}|\$?\d+:\$?\d+)(?![\w(!])/g;

function referencedRows(formula: string): { sheet: string | null; bottom: number }[] {
  const outsideStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...outsideStrings.matchAll(REFERENCE)].map((m) => {
    const sheet = m[1] ? m[1].replace(/^'|'$/g, '').replace(/''/g, "'") : null;
    const rows = [...m[2]!.matchAll(/\d+/g)].map(Number);
    // A whole column (C:C) reaches every row.
    return { sheet, bottom: /^\$?[A-Z]+:\$?[A-Z]+$/.test(m[2]!) ? Number.POSITIVE_INFINITY : Math.max(...rows) };
  });
}

function formulaOf(cell: ExcelJS.Cell): string | null {
  if (cell.type !== ExcelJS.ValueType.Formula) return null;
  const value = cell.value as { formula?: string; sharedFormula?: string };
  return value.formula ?? (value.sharedFormula ? sheetFormula(cell, value.sharedFormula) : '');
}

/** A filled-down cell's formula as Excel shows it (exceljs keeps only the first cell's). */
function sheetFormula(cell: ExcelJS.Cell, master: string): string {
  const formula = (cell.worksheet.getCell(master).value as { formula?: string } | null)?.formula;
  return formula ? `${formula}（${master} から下・右へコピーした式）` : '';
}

/**
 * What the copied rows of a 各センター block would leave wrong: a formula on or below the block's
 * first row (it is copied unchanged, so 合計 would still add up the first center), one elsewhere
 * that reaches into those rows, and conditional formatting, data validation, names and pictures
 * over them. Formulas wholly above every block, and pictures below it (moved with the rows), are fine.
 */
function copyProblems(workbook: ExcelJS.Workbook, blocksOf: ReadonlyMap<string, readonly Block[]>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const firstRow = (sheet: string) => blocksOf.get(sheet)?.[0]?.start ?? Number.POSITIVE_INFINITY;
  const blockLine = (sheet: string) => `「{{#${CENTER_BLOCK}}}」の行（${firstRow(sheet)}行目）`;
  for (const sheet of workbook.worksheets) {
    const placed: { cell: string; formula: string }[] = [];
    const reaching: { cell: string; formula: string; target: string }[] = [];
    sheet.eachRow((row, rowNumber) => {
      row.eachCell((cell) => {
        const formula = formulaOf(cell);
        if (formula === null) return;
        if (rowNumber >= firstRow(sheet.name)) {
          placed.push({ cell: cell.address, formula });
          return;
        }
        const target = referencedRows(formula).find((r) => r.bottom >= firstRow(r.sheet ?? sheet.name));
        if (target) reaching.push({ cell: cell.address, formula, target: target.sheet ?? sheet.name });
      });
    });
    const count = (n: number) => (n > 1 ? `（このシートにほか ${n - 1} か所）` : '');
    if (placed.length > 0) {
      problems.push({
        sheet: sheet.name,
        cell: placed[0]!.cell,
        message: `計算式（=${placed[0]!.formula}）は${blockLine(sheet.name)}から下には置けません${count(placed.length)}。センターの数だけ行を増やしても式は元の行を指したままで、合計などが正しくなりません。${TOTALS_ADVICE}`,
      });
    }
    if (reaching.length > 0) {
      const { cell, formula, target } = reaching[0]!;
      problems.push({
        sheet: sheet.name,
        cell,
        message: `計算式（=${formula}）がシート「${target}」の${blockLine(target)}から下を参照しています${count(reaching.length)}。センターの行を増やすと参照がずれます。${TOTALS_ADVICE}`,
      });
    }
    const start = firstRow(sheet.name);
    if (start === Number.POSITIVE_INFINITY) continue;
    const over = (ref: string) => ref.split(/\s+/).some((part) => decodeRange(part.replace(/^range:/, '')).bottom >= start);
    const cannotMove = (what: string, ref: string) =>
      problems.push({
        sheet: sheet.name,
        cell: ref,
        message: `${what}が${blockLine(sheet.name)}から下にかかっています。センターの行を増やしても動かせないため、繰り返しの行より上に限るか、差し込んだあとの Excel で設定してください`,
      });
    // exceljs keeps both on the sheet without declaring them.
    const { conditionalFormattings, dataValidations } = sheet as unknown as {
      conditionalFormattings?: { ref: string }[];
      dataValidations: { model: Record<string, unknown> };
    };
    for (const format of conditionalFormattings ?? []) if (over(format.ref)) cannotMove('条件付き書式', format.ref);
    for (const ref of Object.keys(dataValidations.model))
      if (over(ref)) cannotMove('入力規則（データの入力規則）', ref.replace(/^range:/, ''));
    for (const image of sheet.getImages()) {
      const top = image.range.tl.nativeRow + 1;
      const bottom = image.range.br ? image.range.br.nativeRow + 1 : top;
      if (blocksOf.get(sheet.name)!.some((b) => top <= b.end && bottom >= b.start)) {
        problems.push({
          sheet: sheet.name,
          cell: `${columnLetter(image.range.tl.nativeCol + 1)}${top}`,
          message: `図（画像）が「{{#${CENTER_BLOCK}}}」〜「{{/${CENTER_BLOCK}}}」の行に重なっています。センターごとには写せないため、繰り返しの行の上か下に置いてください`,
        });
      }
    }
  }
  for (const { name, ranges } of workbook.definedNames.model) {
    for (const range of ranges) {
      const [, quoted, bare, ref] = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(range) ?? [];
      const target = (quoted?.replace(/''/g, "'") ?? bare)!;
      if (!ref || !blocksOf.has(target) || !/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(ref)) continue;
      if (decodeRange(ref).bottom >= firstRow(target)) {
        problems.push({
          sheet: target,
          cell: ref.replace(/\$/g, ''),
          message: `名前「${name}」が${blockLine(target)}から下を指しています。センターの行を増やしても動かせないため、名前を削除するか、繰り返しの行より上を指すようにしてください`,
        });
      }
    }
  }
  return problems;
}

/** Everything wrong with a 様式, by sheet and cell, and the placeholders it uses. */
export function scanTemplate(workbook: ExcelJS.Workbook): TemplateScan {
  const uses: TemplatePlaceholderUse[] = [];
  const problems: TemplateProblem[] = [];
  const blocksOf = new Map<string, Block[]>();
  let perCenter = false;
  /** The placeholders of one text (a cell's, or a header's where blocks have no place). */
  const read = (sheet: string, cell: string, text: string, inside: boolean, header: boolean) => {
    for (const piece of templatePieces(text)) {
      if (piece.type === 'text') continue;
      uses.push({ sheet, cell, text: piece.raw });
      if (piece.type === 'broken') {
        problems.push({ sheet, cell, message: `「${piece.raw}」を閉じる「}}」がありません` });
      } else if (piece.type === 'value') {
        const problem = pieceProblem(piece, inside);
        if (problem) problems.push({ sheet, cell, message: problem });
        else if (TEMPLATE_FIELD_BY_NAME.get(piece.field)!.scope === 'center' && !inside) perCenter = true;
      } else if (header) {
        problems.push({
          sheet,
          cell,
          message: `「${piece.raw}」: ヘッダー・フッターでは繰り返しは使えません。繰り返しはセルに書いてください`,
        });
      }
    }
  };
  for (const sheet of workbook.worksheets) {
    const found = findBlocks(sheet);
    problems.push(...found.problems);
    if (found.blocks.length > 0) blocksOf.set(sheet.name, found.blocks);
    if (hasPlaceholder(sheet.name)) {
      problems.push({
        sheet: sheet.name,
        cell: null,
        message: 'シート名には差し込めません。シート名を「{{…}}」のない名前に変えてください（年度などはセルかヘッダーに書けます）',
      });
    }
    eachTextCell(sheet, (cell, row, text) => read(sheet.name, cell.address, text, inBlock(found.blocks, row), false));
    for (const [key, label] of HEADER_FOOTER) {
      const text = sheet.headerFooter?.[key];
      if (text && hasPlaceholder(text)) read(sheet.name, label, text, false, true);
    }
    for (const merge of mergesOf(sheet)) {
      const crossed = found.blocks.find(
        (b) => merge.top <= b.end && merge.bottom >= b.start && (merge.top < b.start || merge.bottom > b.end),
      );
      if (crossed) {
        problems.push({
          sheet: sheet.name,
          cell: `${columnLetter(merge.left)}${merge.top}`,
          message: `結合したセルが繰り返しの行（${crossed.start}〜${crossed.end}行目）の境目をまたいでいます。結合を繰り返しの行の中か外に収めてください`,
        });
      }
    }
  }
  problems.push(...copyProblems(workbook, blocksOf));
  if (uses.length === 0) {
    problems.push({ sheet: null, cell: null, message: '差し込み項目（{{センター名}} のような書き込み）が1つもありません' });
  }
  return { uses, problems, perCenter };
}

/**
 * The problems as one message (the first few, then how many more) and as issues with their sheet and cell;
 * `lead` says what was refused (registering, unless told).
 */
export function refusal(
  problems: readonly TemplateProblem[],
  lead = 'この様式は登録できません。直してからもう一度登録してください。',
): RenkeiError {
  const SHOWN = 5;
  const where = (p: TemplateProblem) =>
    p.cell === null
      ? `シート「${p.sheet}」`
      : /^[A-Z]+\d+/.test(p.cell)
        ? `シート「${p.sheet}」のセル ${p.cell}`
        : `シート「${p.sheet}」の${p.cell}`;
  const line = (p: TemplateProblem) => (p.sheet ? `${where(p)}: ${p.message}` : p.message);
  const more = problems.length > SHOWN ? `\nほか ${problems.length - SHOWN} 件` : '';
  return new RenkeiError('validation', `${lead}\n${problems.slice(0, SHOWN).map(line).join('\n')}${more}`, {
    issues: problems.map((p) => ({ path: p.sheet ? [p.sheet, ...(p.cell ? [p.cell] : [])] : [], message: p.message })),
  });
}

// ---------------------------------------------------------------- filling

type CellValue = ExcelJS.CellValue;

/** A text with its placeholders replaced by their values as text (`escaped` where the text has its own codes). */
function filledText(text: string, values: Record<string, TemplateValue>, escaped = (v: string) => v): string {
  return templatePieces(text)
    .map((p) =>
      p.type === 'text'
        ? p.text
        : p.type === 'broken'
          ? p.raw
          : p.type === 'value'
            ? escaped(formatTemplateValue(values[p.field]!, p.fn))
            : '',
    )
    .join('');
}

/** A cell's value with its placeholders filled: a lone amount stays a number (the cell's own format shows it). */
function filledValue(value: CellValue, values: Record<string, TemplateValue>): CellValue {
  const text = typeof value === 'string' ? value : value && typeof value === 'object' && 'richText' in value ? null : undefined;
  if (text === undefined) return value;
  const source = text ?? (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  if (!hasPlaceholder(source)) return value;
  const pieces = templatePieces(source).filter(
    (p): p is Exclude<TemplatePiece, { type: 'open' | 'close' }> => p.type !== 'open' && p.type !== 'close',
  );
  const visible = pieces.filter((p) => p.type !== 'text' || p.text.trim() !== '');
  const only = visible.length === 1 && visible[0]!.type === 'value' ? visible[0] : null;
  if (only && only.fn === null) {
    const v = values[only.field]!;
    if (v.kind === 'yen' || v.kind === 'count') return v.value;
  }
  const out = filledText(source, values);
  if (out.trim() === '') return null;
  if (text !== null) return out;
  // Rich text keeps its first run's font for the whole filled text.
  const first = (value as ExcelJS.CellRichTextValue).richText[0];
  return { richText: [{ ...(first?.font ? { font: first.font } : {}), text: out }] };
}

interface RowCopy {
  height: number | undefined;
  hidden: boolean;
  cells: { col: number; value: CellValue; style: Partial<ExcelJS.Style> }[];
}

const clone = <T>(value: T): T => structuredClone(value);

function copyRow(sheet: ExcelJS.Worksheet, rowNumber: number): RowCopy {
  const row = sheet.getRow(rowNumber);
  const cells: RowCopy['cells'] = [];
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cells.push({ col, value: clone(cell.value), style: clone(cell.style) });
  });
  return { height: row.height, hidden: row.hidden, cells };
}

/** Fills one sheet: blocks repeated for `centers`, every placeholder replaced, merges and print area moved with the rows. */
function fillSheet(sheet: ExcelJS.Worksheet, data: TemplateData): void {
  const { blocks } = findBlocks(sheet);
  const merges = mergesOf(sheet);
  for (const m of merges) {
    sheet.unMergeCells(m.top, m.left, m.bottom, m.right);
    // Unmerged, the other parts of a merged cell take its value: blank them, as Excel keeps them.
    for (let r = m.top; r <= m.bottom; r += 1) {
      for (let c = m.left; c <= m.right; c += 1) if (r !== m.top || c !== m.left) sheet.getCell(r, c).value = null;
    }
  }
  const lastRow = sheet.rowCount;
  const original = Array.from({ length: lastRow }, (_, i) => copyRow(sheet, i + 1));
  const base = { ...data.common, ...(data.center ?? {}) };

  // The new rows, and where each old row went (a block row: its first copy; below it: moved down).
  const out: { copy: RowCopy; values: Record<string, TemplateValue> }[] = [];
  const movedTo = new Map<number, number>();
  const copiesOf = new Map<Block, number>();
  for (let r = 1; r <= lastRow; ) {
    const block = blocks.find((b) => b.start === r);
    if (!block) {
      movedTo.set(r, out.length + 1);
      out.push({ copy: original[r - 1]!, values: base });
      r += 1;
      continue;
    }
    copiesOf.set(block, out.length + 1);
    data.centers.forEach((center, i) => {
      const values = { ...base, ...center, 番号: { kind: 'count', value: i + 1 } as TemplateValue };
      for (let b = block.start; b <= block.end; b += 1) out.push({ copy: original[b - 1]!, values });
    });
    r = block.end + 1;
  }

  for (let r = 1; r <= Math.max(lastRow, out.length); r += 1) {
    const row = sheet.getRow(r);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.value = null;
      cell.style = {};
    });
    const line = out[r - 1];
    row.height = line?.copy.height as number;
    row.hidden = line?.copy.hidden ?? false;
    if (!line) continue;
    for (const { col, value, style } of line.copy.cells) {
      const cell = row.getCell(col);
      cell.style = clone(style);
      cell.value = filledValue(clone(value), line.values);
    }
  }

  for (const m of merges) {
    const block = blocks.find((b) => m.top >= b.start && m.bottom <= b.end);
    const targets = block
      ? data.centers.map((_, i) => copiesOf.get(block)! + i * (block.end - block.start + 1) + (m.top - block.start))
      : [movedTo.get(m.top)!];
    for (const top of targets) sheet.mergeCellsWithoutStyle(top, m.left, top + (m.bottom - m.top), m.right);
  }

  // Pictures below a block go down with their rows (registration refuses one over a block's rows).
  for (const image of sheet.getImages()) {
    for (const anchor of [image.range.tl, image.range.br]) {
      if (!anchor) continue;
      const row = anchor.nativeRow + 1;
      anchor.nativeRow = (movedTo.get(row) ?? row + out.length - lastRow) - 1;
    }
  }

  for (const [key] of HEADER_FOOTER) {
    const text = sheet.headerFooter?.[key];
    // In a header `&` starts a code (&P: the page number): a value's own & is written &&.
    if (text && hasPlaceholder(text)) sheet.headerFooter[key] = filledText(text, base, (v) => v.replace(/&/g, '&&'));
  }

  const area = sheet.pageSetup.printArea;
  if (area) {
    const grown = out.length - lastRow;
    // Only the area's last row moves: everything the 様式 printed still prints, with the added rows.
    sheet.pageSetup.printArea = area.replace(/(\$?)(\d+)$/, (_, dollar: string, row: string) =>
      Number(row) >= (blocks[0]?.start ?? Infinity) ? `${dollar}${Number(row) + grown}` : `${dollar}${row}`,
    );
  }
}

/** Fills every sheet of the workbook with the data. */
export function fillTemplate(workbook: ExcelJS.Workbook, data: TemplateData): void {
  for (const sheet of workbook.worksheets) fillSheet(sheet, data);
}
