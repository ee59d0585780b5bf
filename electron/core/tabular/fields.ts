/**
 * Reading one cell as the value a column wants, the way users type it in
 * Excel: ○/はい/1 for yes, 1,234 or １２３４ for numbers, 2025-04-01, 2025/4/1,
 * 令和7年4月1日, R7.4.1 or an Excel date serial for dates. A failure throws CellError
 * with a message for the user.
 */
import type { IsoDate } from '@shared/dates';
import { FISCAL_YEAR_RANGE, type FiscalYear, isFiscalYear } from '@shared/fiscal-year';
import { localGovCodeMessage, localGovCodeProblem, localGovCodeReadings } from '@shared/lgcode';
import { type Yen, yen } from '@shared/money';
import { parseAmountText, parseCountText, parseHundredthsText } from '@shared/numbers';
import { parseDateText, parseFiscalYearWareki } from '@shared/wareki';
import { excelSerialToIsoDate } from './read';

export class CellError extends Error {}

const YES = new Set(['○', '〇', '◯', '有', 'あり', 'はい', '1', 'true', 'yes', 'y', '該当', '●']);
const NO = new Set(['', '×', '✕', '無', 'なし', 'いいえ', '0', 'false', 'no', 'n', '-', '－', '非該当']);

export function parseFlag(cell: string): boolean {
  // An empty cell (or a column the file does not have, on every row of a 100,000-row list) is no.
  if (cell === '') return false;
  const v = cell.normalize('NFKC').trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  throw new CellError(`「${cell}」は はい/いいえ として読めません（○・1・はい、または空欄・×・0）`);
}

/** Whole number ≥ 0; `null` for an empty cell. */
export function parseCount(cell: string, max = 50_000_000): number | null {
  return asCellError(() => parseCountText(cell, max));
}

/** A decimal with up to two places, as an integer of hundredths (726.45 → 72645). */
export function parseHundredths(cell: string): number | null {
  return asCellError(() => parseHundredthsText(cell));
}

/** Whole yen ≥ 0 (1,234,567, １２３４５６７円 or 85,419千円); 0 for an empty cell. */
export function parseYen(cell: string): Yen {
  return yen(asCellError(() => parseAmountText(cell)) ?? 0);
}

/**
 * A 年度 as 令和5年度, R5, 2023, 2023年度 or 平成31年度 (= 令和元年度), within the
 * years Renkei holds (shared/fiscal-year.ts); `null` for an empty cell.
 */
export function parseFiscalYearCell(cell: string): FiscalYear | null {
  if (cell.trim() === '') return null;
  let year: number;
  try {
    year = parseFiscalYearWareki(cell);
  } catch {
    throw new CellError(`「${cell}」は年度として読めません（例: 令和5年度、R5、2023）`);
  }
  if (!isFiscalYear(year))
    throw new CellError(`「${cell}」は扱える年度（${FISCAL_YEAR_RANGE.first}〜${FISCAL_YEAR_RANGE.last}年度）の外です`);
  return year;
}

function asCellError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new CellError((error as Error).message);
  }
}

export function parseDate(cell: string): IsoDate {
  const v = cell.normalize('NFKC').trim();
  try {
    // Excel stores dates as day serials; a cell typed as a number shows up as one.
    if (/^\d{5}$/.test(v)) return excelSerialToIsoDate(Number(v));
    return parseDateText(v);
  } catch (error) {
    throw new CellError(
      `「${cell}」は日付として読めません（例: 2025-04-01、令和7年4月1日）${error instanceof RangeError && /存在しない|始まる前/.test(error.message) ? `: ${error.message}` : ''}`,
    );
  }
}

/**
 * A 団体コード: six digits with the check digit, or five — the 総務省 form without
 * it (15202 → 152021). Five digits can also be a code whose leading 0 Excel
 * dropped when it opened a CSV (11002 → 011002): that reading is taken only when
 * it alone fits the 台帳's 都道府県 (`prefectureCode`, two digits); a value
 * the 都道府県 does not decide between is refused, naming both readings.
 * @example parseLocalGovCode('15202', '15') // '152021' (長岡市), not '015202'
 * @example parseLocalGovCode('11002', '01') // '011002' (札幌市)
 */
export function parseLocalGovCode(cell: string, prefectureCode: string | null = null): string {
  const v = cell.normalize('NFKC').trim();
  if (/^\d{5}$/.test(v)) {
    const readings = localGovCodeReadings(v);
    if (readings.length === 1) return readings[0]!;
    const fitting = readings.filter((code) => code.startsWith(prefectureCode ?? '-'));
    if (fitting.length === 1) return fitting[0]!;
    if (readings.length > 1) {
      const [short, dropped] = readings;
      throw new CellError(
        `団体コード「${cell}」は「${short}」（検査数字のない5桁）とも「${dropped}」（先頭の0が落ちた6桁）とも読めます。6桁の団体コードで書いてください${prefectureCode ? '' : '（ホーム画面で都道府県を設定すると、その都道府県のコードとして読みます）'}`,
      );
    }
  }
  const problem = localGovCodeProblem(v);
  if (problem) throw new CellError(localGovCodeMessage(v, problem));
  return v;
}

export function parseText(cell: string, max: number): string {
  const v = cell.trim();
  if (v.length > max) throw new CellError(`${max}文字を超えています（${v.length}文字）`);
  return v;
}

/** One of the given labels (exact after NFKC), returning its code. */
export function parseChoice<T extends string>(cell: string, labels: Record<T, string>, aliases: Record<string, T> = {}): T {
  const v = cell.normalize('NFKC').trim();
  for (const [code, label] of Object.entries(labels) as [T, string][]) if (label === v || code === v) return code;
  if (v in aliases) return aliases[v]!;
  throw new CellError(`「${cell}」は選べません（${Object.values(labels).join('・')}のいずれか）`);
}
