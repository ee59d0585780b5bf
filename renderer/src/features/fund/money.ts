/** The year view's two ways of showing money: whole 円, or 千円 rounded down (千円未満切り捨て), as the plan's tables print it. */
import { formatNumber } from '@shared/format';
import { toSenYenFloor, type Yen } from '@shared/money';
import type { AmountUnit } from '@shared/numbers';

export type MoneyUnit = 'yen' | 'sen';

export const UNIT_LABELS: Record<MoneyUnit, string> = { yen: '円', sen: '千円' };

/** What a bare typed number means in each view (the amount reader's unit): in 千円 view, 85,419 is 85,419千円. */
export const TYPED_UNITS: Record<MoneyUnit, AmountUnit> = { yen: 'yen', sen: 'senYen' };

/**
 * A figure in the view's unit, as a cell shows it: in 千円, rounded down.
 * @example amountIn(yen(84_586_999), 'sen') // 84_586
 */
export function amountIn(amount: Yen, unit: MoneyUnit): number {
  return unit === 'sen' ? toSenYenFloor(amount) : amount;
}

/**
 * A figure for a table cell, without the unit (the table's caption names it).
 * @example formatAmount(yen(84_586_000), 'sen') // '84,586'
 */
export function formatAmount(amount: Yen, unit: MoneyUnit): string {
  return formatNumber(amountIn(amount, unit));
}

/** The unit note under a table: 「単位: 千円（千円未満切り捨て）」. */
export function unitNote(unit: MoneyUnit): string {
  return unit === 'sen' ? '単位: 千円（千円未満切り捨て）' : '単位: 円';
}

/**
 * A figure as a cell shows it for editing: exact, in the view's unit, so
 * saving it unchanged saves the same yen (no 千円 rounding).
 * @example editableAmount(yen(84_586_000), 'sen') // '84,586'
 * @example editableAmount(yen(84_000_002), 'sen') // '84,000.002'
 * @example editableAmount(yen(84_586_000), 'yen') // '84586000'
 */
export function editableAmount(amount: Yen, unit: MoneyUnit): string {
  if (unit === 'yen') return String(amount);
  const yenPart = amount % 1000;
  const fraction = yenPart === 0 ? '' : `.${String(yenPart).padStart(3, '0').replace(/0+$/, '')}`;
  return `${formatNumber((amount - yenPart) / 1000)}${fraction}`;
}

/**
 * The smallest figure each fund field plausibly holds in 円. Plans print money in 千円, so an officer may type a
 * 千円 figure bare into a 円 field: 165,000 meant as 165,000千円 is then 165,000円. A bare figure below these (and
 * above 0, which says "none") is far smaller than the field ever holds in practice — a prefecture's yearly 積立
 * and its fund's balance run to hundreds of millions of 円 (新潟県 令和4年度 医療分 2,900,000,000円), a project's
 * 基金充当額 and その他 to millions — while any such figure typed in 千円 without its unit lands below them (a
 * 積立 under 100億円, a project under 10億円). 運用益 may well be small: no floor. A 執行 is a payment for a project
 * (a 補助金, a 委託料, millions) and now and then a small one (a 県 project's 消耗品): its floor is 10万円, and what
 * it says comes only after the entry is added, which a small payment meant as typed can leave be.
 */
export const PLAUSIBLE_YEN_FLOOR = {
  fundYear: 10_000_000,
  projectLine: 1_000_000,
  spending: 100_000,
} as const;

/**
 * Whole 円 read aloud in 万 and 億, as an officer checks a figure's size.
 * @example yenInWords(165_000) // '16万5千円'
 * @example yenInWords(1_234_567) // '123万4,567円'
 */
export function yenInWords(amount: number): string {
  const oku = Math.floor(amount / 100_000_000);
  const man = Math.floor((amount % 100_000_000) / 10_000);
  const rest = amount % 10_000;
  const restText = rest === 0 ? '' : rest % 1000 === 0 ? `${rest / 1000}千` : formatNumber(rest);
  const words = `${oku > 0 ? `${formatNumber(oku)}億` : ''}${man > 0 ? `${man}万` : ''}${restText}`;
  return `${words || '0'}円`;
}

/**
 * What to say when a figure typed bare (no 円 or 千円 after it) into a 円 field is smaller than the field plausibly
 * holds ({@link PLAUSIBLE_YEN_FLOOR}): the field, the amount, and what to type for 千円 — as it is typed, before it is
 * saved (`'typing'`), once it has been saved (`'saved'`, with how to take it back), or once it has been added to a list
 * as an entry of its own (`'added'`: a 執行, taken back by its row's 削除…, since typing it again adds a second one).
 * Undefined for a figure of a plausible size, 0, or one typed with its unit (円, 千円 or ¥).
 * @example unitSlipWarning('積立（国）', 165_000, '165,000', PLAUSIBLE_YEN_FLOOR.fundYear)
 * // '積立（国）は 165,000円（16万5千円）として保存します。千円単位なら 165,000,000 と入力してください。'
 * @example unitSlipWarning('基金充当額', 850, '850', PLAUSIBLE_YEN_FLOOR.projectLine, 'saved')
 * // '基金充当額を 850円として保存しました。千円単位なら 850,000 と入力し直すか、元に戻す（Ctrl+Z）で戻せます。'
 * @example unitSlipWarning('執行の金額', 1_234, '1,234', PLAUSIBLE_YEN_FLOOR.spending, 'added')
 * // '執行の金額を 1,234円として記録しました。千円単位なら、一覧のこの執行を「削除…」で消してから 1,234,000 と入力し直してください。'
 */
export function unitSlipWarning(
  label: string,
  amount: number,
  typed: string,
  floor: number,
  when: 'typing' | 'saved' | 'added' = 'typing',
): string | undefined {
  if (amount <= 0 || amount >= floor || /¥|円\s*$/.test(typed.normalize('NFKC'))) return undefined;
  const asYen = `${formatNumber(amount)}円${amount >= 10_000 ? `（${yenInWords(amount)}）` : ''}`;
  const asSen = formatNumber(amount * 1000);
  if (when === 'typing') return `${label}は ${asYen}として保存します。千円単位なら ${asSen} と入力してください。`;
  if (when === 'saved')
    return `${label}を ${asYen}として保存しました。千円単位なら ${asSen} と入力し直すか、元に戻す（Ctrl+Z）で戻せます。`;
  return `${label}を ${asYen}として記録しました。千円単位なら、一覧のこの執行を「削除…」で消してから ${asSen} と入力し直してください。`;
}

/**
 * The largest 基金充当額 or その他 a project plausibly holds: 10,000,000,000円 (100億円), more than 新潟県's whole
 * yearly 医療分. A 円 figure typed bare in the 千円 view is read a thousand times larger: any project of 10,000,000円
 * or more typed so lands above it.
 */
export const SEN_YEN_CEILING = 10_000_000_000;

/** A figure typed bare into a 千円 field that was likely meant in 円: how it would be saved, and how to type it in 円. */
export interface SenYenSlip {
  /** The amount as it would be saved, in 千円 and in 億・万: 「85,419,000千円（854億1900万円）」. */
  asSen: string;
  /** The figure typed with 「円」, which saves it in 円: 「85,419,000円」. */
  asYen: string;
}

/**
 * A figure typed bare into a 千円 field that is larger than the field plausibly holds ({@link SEN_YEN_CEILING}): it
 * was likely meant in 円. Undefined for a plausible figure or one typed with its unit.
 * @example senYenSlip(85_419_000_000, '85,419,000', SEN_YEN_CEILING)
 * // { asSen: '85,419,000千円（854億1900万円）', asYen: '85,419,000円' }
 */
export function senYenSlip(amount: number, typed: string, ceiling: number): SenYenSlip | undefined {
  if (amount <= ceiling || /¥|円\s*$/.test(typed.normalize('NFKC'))) return undefined;
  const typedNumber = formatNumber(amount / 1000);
  return { asSen: `${typedNumber}千円（${yenInWords(amount)}）`, asYen: `${typedNumber}円` };
}
