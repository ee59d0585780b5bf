/**
 * 独自様式's placeholder language, in one place for the core (which checks and
 * fills workbooks) and the app (which lists it): the items a cell may name,
 * the functions that format them, the one repeating block, and how a cell's
 * text is read into pieces. Written in a cell as `{{センター名}}`,
 * `{{和暦(決定日)}}`, and a block's rows between `{{#各センター}}` and
 * `{{/各センター}}`.
 */
import type { IsoDate } from '../dates';
import { formatNumber } from '../format';
import { toSenYenFloor, yen } from '../money';
import { formatWareki } from '../wareki';

/** What an item holds: text as is, integer yen, a count, or a date. */
export type TemplateValueKind = 'text' | 'yen' | 'count' | 'date';

/** Where an item may be written: anywhere (common), or for one center (inside 各センター, or anywhere in a per-center 様式). */
export type TemplateFieldScope = 'common' | 'center';

export interface TemplateField {
  name: string;
  kind: TemplateValueKind;
  scope: TemplateFieldScope;
  description: string;
}

export interface TemplateFunction {
  name: string;
  /** The kinds of item it takes. */
  takes: readonly TemplateValueKind[];
  description: string;
  example: string;
}

/** The one repeating block: one copy of its rows per center of the 補助金, in the 台帳's order. */
export const CENTER_BLOCK = '各センター';

export const TEMPLATE_FIELDS: readonly TemplateField[] = [
  { name: '年度', kind: 'text', scope: 'common', description: '差し込む年度（令和5年度）' },
  { name: '作成日', kind: 'date', scope: 'common', description: '差し込んだ日' },
  { name: '都道府県名', kind: 'text', scope: 'common', description: '台帳の都道府県名' },
  { name: '発信者', kind: 'text', scope: 'common', description: '設定の提出者（未設定なら「○○県知事」）' },
  { name: '担当課', kind: 'text', scope: 'common', description: '設定の所属' },
  { name: '担当者', kind: 'text', scope: 'common', description: '設定の担当者' },
  { name: 'センター数', kind: 'count', scope: 'common', description: '補助金の対象センターの数' },
  { name: '申請額合計', kind: 'yen', scope: 'common', description: '全センターの申請額の合計（円）' },
  { name: '交付決定額合計', kind: 'yen', scope: 'common', description: '全センターの交付決定額（変更決定後）の合計（円）' },
  { name: '確定額合計', kind: 'yen', scope: 'common', description: '全センターの確定額の合計（円）' },
  { name: '番号', kind: 'count', scope: 'center', description: '繰り返しの中での通し番号（1から）' },
  { name: 'センター名', kind: 'text', scope: 'center', description: '在宅医療推進センターの名称' },
  { name: '医師会名', kind: 'text', scope: 'center', description: 'センターを運営する医師会（補助事業者）の名称' },
  { name: '宛先', kind: 'text', scope: 'center', description: '県の文書の宛先（○○医師会長　氏名　様。会長は設定から）' },
  { name: '補助区分', kind: 'text', scope: 'center', description: '要綱の補助区分' },
  { name: '二次医療圏', kind: 'text', scope: 'center', description: 'センターの第二次医療圏（県全域のセンターは空欄）' },
  { name: '状況', kind: 'text', scope: 'center', description: '手続きの進み具合（交付決定済 など）' },
  { name: '申請額', kind: 'yen', scope: 'center', description: '交付申請額（変更申請後）（円）' },
  { name: '交付決定額', kind: 'yen', scope: 'center', description: '交付決定額（変更決定後）（円）' },
  { name: '決定日', kind: 'date', scope: 'center', description: '交付決定（変更決定）の日' },
  { name: '指令番号', kind: 'text', scope: 'center', description: '交付決定（変更決定）の指令番号' },
  {
    name: '文書番号',
    kind: 'text',
    scope: 'center',
    description: '交付決定通知書（変更決定は変更交付決定通知書）に文書番号台帳から取った番号（未発番なら空欄）',
  },
  { name: '通知日', kind: 'date', scope: 'center', description: 'その通知書の日付（未発番なら空欄）' },
  { name: '概算払額', kind: 'yen', scope: 'center', description: '支払済の概算払の合計（円）' },
  { name: '確定額', kind: 'yen', scope: 'center', description: '額の確定での確定額（円）' },
  { name: '返還額', kind: 'yen', scope: 'center', description: '返還を求める額（円）' },
];

export const TEMPLATE_FUNCTIONS: readonly TemplateFunction[] = [
  { name: '和暦', takes: ['date'], description: '日付を和暦で', example: '{{和暦(決定日)}} → 令和5年4月1日' },
  { name: '金額', takes: ['yen', 'count'], description: '3桁区切りの文字で', example: '{{金額(交付決定額)}} → 12,345,000' },
  { name: '千円', takes: ['yen'], description: '千円単位（千円未満切り捨て）の3桁区切りで', example: '{{千円(交付決定額)}} → 12,345' },
  {
    name: '漢数字',
    takes: ['count', 'yen', 'date'],
    description: '数や和暦の日付を漢数字で（縦書きの文書に）',
    example: '{{漢数字(決定日)}} → 令和五年四月一日',
  },
];

export const TEMPLATE_FIELD_BY_NAME: ReadonlyMap<string, TemplateField> = new Map(TEMPLATE_FIELDS.map((f) => [f.name, f]));
export const TEMPLATE_FUNCTION_BY_NAME: ReadonlyMap<string, TemplateFunction> = new Map(TEMPLATE_FUNCTIONS.map((f) => [f.name, f]));

/** A piece of a cell's text: plain text, a value, or a block's start or end. */
export type TemplatePiece =
  | { type: 'text'; text: string }
  | { type: 'value'; raw: string; field: string; fn: string | null }
  | { type: 'open' | 'close'; raw: string; block: string }
  | { type: 'broken'; raw: string };

// Braces typed with the IME on (｛｛年度｝｝) count as {{年度}}, as full-width parentheses do.
const PLACEHOLDER = /[{｛]{2}([^{}｛｝]*)[}｝]{2}/g;
const OPENING = /[{｛]{2}/;

/** Whether a text holds a placeholder, whole or broken (`{{` or ｛｛). */
export function hasPlaceholder(text: string): boolean {
  return OPENING.test(text);
}

/** Splits a cell's text into its pieces; `{{` without its `}}` is a broken piece. */
export function templatePieces(text: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let at = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > at) pieces.push(...plain(text.slice(at, match.index)));
    pieces.push(pieceOf(match[0], match[1]!));
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push(...plain(text.slice(at)));
  return pieces;
}

function plain(text: string): TemplatePiece[] {
  const start = text.search(OPENING);
  if (start >= 0)
    return [...(start > 0 ? [{ type: 'text' as const, text: text.slice(0, start) }] : []), { type: 'broken', raw: text.slice(start) }];
  return [{ type: 'text', text }];
}

function pieceOf(raw: string, inner: string): TemplatePiece {
  const body = inner.trim().replace(/（/g, '(').replace(/）/g, ')');
  if (body.startsWith('#')) return { type: 'open', raw, block: body.slice(1).trim() };
  if (body.startsWith('/')) return { type: 'close', raw, block: body.slice(1).trim() };
  const call = /^([^()\s]+)\s*\(\s*([^()]+?)\s*\)$/.exec(body);
  return call ? { type: 'value', raw, field: call[2]!, fn: call[1]! } : { type: 'value', raw, field: body, fn: null };
}

/** Why a value piece cannot be filled, or null when it can; `inBlock`: the cell is in a 各センター block's rows. */
export function pieceProblem(piece: Extract<TemplatePiece, { type: 'value' }>, inBlock: boolean): string | null {
  const field = TEMPLATE_FIELD_BY_NAME.get(piece.field);
  if (!field)
    return `「${piece.raw}」の「${piece.field}」は差し込み項目にありません。項目名は「差し込み項目の一覧」のとおりに書いてください`;
  if (field.name === '番号' && !inBlock) {
    return `「${piece.raw}」は「{{#${CENTER_BLOCK}}}」〜「{{/${CENTER_BLOCK}}}」の行の中でだけ使えます`;
  }
  if (piece.fn === null) return null;
  const fn = TEMPLATE_FUNCTION_BY_NAME.get(piece.fn);
  if (!fn) {
    return `「${piece.raw}」の「${piece.fn}」は使える書式にありません（${TEMPLATE_FUNCTIONS.map((f) => f.name).join('・')} のどれか）`;
  }
  if (!fn.takes.includes(field.kind)) return `「${piece.raw}」: 「${fn.name}」は「${field.name}」には使えません（${fn.description}）`;
  return null;
}

/** A value as the template fills it: text, integer yen or a count, a date, or nothing yet (a step not taken). */
export type TemplateValue = { kind: TemplateValueKind; value: string | number | null };

const KANJI_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 十七, 二千二十三, 一億二千三百四十五万 — a non-negative integer as written in a formal letter. */
export function kanjiNumber(value: number): string {
  if (value === 0) return '〇';
  const under10000 = (n: number) => {
    let out = '';
    for (const [unit, mark] of [
      [1000, '千'],
      [100, '百'],
      [10, '十'],
    ] as const) {
      const digit = Math.floor(n / unit) % 10;
      if (digit > 0) out += (digit === 1 ? '' : KANJI_DIGITS[digit]) + mark;
    }
    return n % 10 === 0 ? out : out + KANJI_DIGITS[n % 10];
  };
  let out = '';
  let rest = value;
  for (const [unit, mark] of [
    [1_0000_0000_0000, '兆'],
    [1_0000_0000, '億'],
    [1_0000, '万'],
  ] as const) {
    const part = Math.floor(rest / unit);
    if (part > 0) out += under10000(part) + mark;
    rest %= unit;
  }
  return out + (rest > 0 ? under10000(rest) : '');
}

/** The text a value shows through a function, or, with none, inside other text (amounts with separators, dates in 和暦). */
export function formatTemplateValue(value: TemplateValue, fn: string | null): string {
  if (value.value === null) return '';
  if (value.kind === 'date') {
    const wareki = formatWareki(value.value as IsoDate);
    return fn === '漢数字' ? wareki.replace(/\d+/g, (digits) => kanjiNumber(Number(digits))) : wareki;
  }
  if (typeof value.value === 'number') {
    if (fn === '漢数字') return kanjiNumber(value.value);
    if (fn === '千円') return formatNumber(toSenYenFloor(yen(value.value)));
    return formatNumber(value.value);
  }
  return value.value;
}
