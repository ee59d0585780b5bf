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
 * 区分Ⅱ 居宅等における医療の提供に関する事業 — the heading of a group in plan tables.
 * @example categoryHeading(DEFAULT_FUND_CATEGORIES[2]) // '区分Ⅱ 居宅等における医療の提供に関する事業'
 */
export function categoryHeading(category: FundCategory): string {
  return `区分${category.code} ${category.label}`;
}
