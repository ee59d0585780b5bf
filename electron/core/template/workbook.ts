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
      if (text?.includes('{{')) visit(cell, rowNumber, text);
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

/** Everything wrong with a 様式, by sheet and cell, and the placeholders it uses. */
export function scanTemplate(workbook: ExcelJS.Workbook): TemplateScan {
  const uses: TemplatePlaceholderUse[] = [];
  const problems: TemplateProblem[] = [];
  let perCenter = false;
  for (const sheet of workbook.worksheets) {
    const found = findBlocks(sheet);
    problems.push(...found.problems);
    eachTextCell(sheet, (cell, row, text) => {
      for (const piece of templatePieces(text)) {
        if (piece.type === 'text') continue;
        uses.push({ sheet: sheet.name, cell: cell.address, text: piece.raw });
        if (piece.type === 'broken') {
          problems.push({ sheet: sheet.name, cell: cell.address, message: `「${piece.raw}」を閉じる「}}」がありません` });
        } else if (piece.type === 'value') {
          const problem = pieceProblem(piece, inBlock(found.blocks, row));
          if (problem) problems.push({ sheet: sheet.name, cell: cell.address, message: problem });
          else if (TEMPLATE_FIELD_BY_NAME.get(piece.field)!.scope === 'center' && !inBlock(found.blocks, row)) perCenter = true;
        }
      }
    });
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
  if (uses.length === 0) {
    problems.push({ sheet: null, cell: null, message: '差し込み項目（{{センター名}} のような書き込み）が1つもありません' });
  }
  return { uses, problems, perCenter };
}

/** The problems as one message (the first few, then how many more) and as issues with their sheet and cell. */
export function refusal(problems: readonly TemplateProblem[]): RenkeiError {
  const SHOWN = 5;
  const line = (p: TemplateProblem) => (p.sheet ? `シート「${p.sheet}」のセル ${p.cell}: ${p.message}` : p.message);
  const more = problems.length > SHOWN ? `\nほか ${problems.length - SHOWN} 件` : '';
  return new RenkeiError(
    'validation',
    `この様式は登録できません。直してからもう一度登録してください。\n${problems.slice(0, SHOWN).map(line).join('\n')}${more}`,
    { issues: problems.map((p) => ({ path: p.sheet ? [p.sheet, p.cell!] : [], message: p.message })) },
  );
}

// ---------------------------------------------------------------- filling

type CellValue = ExcelJS.CellValue;

/** A cell's value with its placeholders filled: a lone amount stays a number (the cell's own format shows it). */
function filledValue(value: CellValue, values: Record<string, TemplateValue>): CellValue {
  const text = typeof value === 'string' ? value : value && typeof value === 'object' && 'richText' in value ? null : undefined;
  if (text === undefined) return value;
  const source = text ?? (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  if (!source.includes('{{')) return value;
  const pieces = templatePieces(source).filter(
    (p): p is Exclude<TemplatePiece, { type: 'open' | 'close' }> => p.type !== 'open' && p.type !== 'close',
  );
  const visible = pieces.filter((p) => p.type !== 'text' || p.text.trim() !== '');
  const only = visible.length === 1 && visible[0]!.type === 'value' ? visible[0] : null;
  if (only && only.fn === null) {
    const v = values[only.field]!;
    if (v.kind === 'yen' || v.kind === 'count') return v.value;
  }
  const out = pieces
    .map((p) => (p.type === 'text' ? p.text : p.type === 'broken' ? p.raw : formatTemplateValue(values[p.field]!, p.fn)))
    .join('');
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
