/** The 区分 of the 地域医療介護総合確保基金: the national list as default data (editable in the app). */

export interface FundCategory {
  /** As printed in the 都道府県計画: Ⅰ-1, Ⅱ … (Roman numeral characters). */
  readonly code: string;
  /** The official name of the 区分. */
  readonly label: string;
  /** Position in lists and plan tables, ascending. */
  readonly sortOrder: number;
}

/** The 区分 as the national guidelines name them; the app copies these into its editable list. */
export const DEFAULT_FUND_CATEGORIES: readonly FundCategory[] = [
  { code: 'Ⅰ-1', label: '地域医療構想の達成に向けた医療機関の施設又は設備の整備に関する事業', sortOrder: 10 },
  { code: 'Ⅰ-2', label: '地域医療構想の達成に向けた病床の機能又は病床数の変更に関する事業', sortOrder: 20 },
  { code: 'Ⅱ', label: '居宅等における医療の提供に関する事業', sortOrder: 30 },
  { code: 'Ⅲ', label: '介護施設等の整備に関する事業', sortOrder: 40 },
  { code: 'Ⅳ', label: '医療従事者の確保に関する事業', sortOrder: 50 },
  { code: 'Ⅴ', label: '介護従事者の確保に関する事業', sortOrder: 60 },
  { code: 'Ⅵ', label: '勤務医の労働時間短縮に向けた体制の整備に関する事業', sortOrder: 70 },
];

/**
 * The list in display order: by sortOrder, then by code so equal orders stay stable.
 * @example sortCategories(DEFAULT_FUND_CATEGORIES)[0].code // 'Ⅰ-1'
 */
export function sortCategories(categories: readonly FundCategory[]): FundCategory[] {
  return [...categories].sort((a, b) => a.sortOrder - b.sortOrder || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * 区分Ⅱ 居宅等における医療の提供に関する事業 — the heading of a group in plan tables, in the prefecture's notation.
 * @example categoryHeading(DEFAULT_FUND_CATEGORIES[2]) // '区分Ⅱ 居宅等における医療の提供に関する事業'
 * @example categoryHeading(DEFAULT_FUND_CATEGORIES[0], 'arabic') // '区分1-1 地域医療構想の達成に向けた医療機関の施設又は設備の整備に関する事業'
 */
export function categoryHeading(category: FundCategory, notation: CategoryNotation = 'roman'): string {
  return `区分${categoryCodeText(category.code, notation)} ${category.label}`;
}

/** How a prefecture writes the 区分 in its plan: Ⅰ-1 (the national list's Roman numerals) or 1-1 (区分1-1). */
export const CATEGORY_NOTATIONS = ['roman', 'arabic'] as const;
export type CategoryNotation = (typeof CATEGORY_NOTATIONS)[number];
export const CATEGORY_NOTATION_LABELS: Record<CategoryNotation, string> = {
  roman: 'ローマ数字（区分Ⅰ-1、区分Ⅱ）',
  arabic: '算用数字（区分1-1、区分2）',
};

const ROMAN_DIGITS: Record<string, string> = { Ⅰ: '1', Ⅱ: '2', Ⅲ: '3', Ⅳ: '4', Ⅴ: '5', Ⅵ: '6', Ⅶ: '7', Ⅷ: '8', Ⅸ: '9', Ⅹ: '10' };

/**
 * A 区分 code in the prefecture's notation; a code that is not a Roman numeral stays as it is.
 * @example categoryCodeText('Ⅰ-1', 'arabic') // '1-1'
 * @example categoryCodeText('Ⅱ', 'roman') // 'Ⅱ'
 */
export function categoryCodeText(code: string, notation: CategoryNotation): string {
  if (notation === 'roman') return code;
  return code.replace(/^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]/, (numeral) => ROMAN_DIGITS[numeral]!);
}
