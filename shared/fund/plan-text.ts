/**
 * The narrative sections of the 都道府県計画 (医療介護総合確保促進法に基づく計画)
 * in the order and under the headings of the national layout. The officer
 * writes them once and revises them each 年度; the 区域 table under
 * 「医療介護総合確保区域の設定」 comes from the 台帳, not from this text.
 */

export const PLAN_SECTION_KEYS = [
  'position',
  'significance',
  'projects',
  'areas',
  'goals',
  'period',
  'evaluationMethod',
  'implementation',
] as const;
export type PlanSectionKey = (typeof PLAN_SECTION_KEYS)[number];
export type PlanSections = Record<PlanSectionKey, string>;

/** Each section under its chapter, as printed: chapter heading, then the section's own. */
export const PLAN_SECTIONS: readonly { key: PlanSectionKey; chapter: string; heading: string }[] = [
  { key: 'position', chapter: '１．計画の基本的事項', heading: '(1) 計画の基本的な考え方　①位置づけ' },
  { key: 'significance', chapter: '１．計画の基本的事項', heading: '(1) 計画の基本的な考え方　②意義' },
  { key: 'projects', chapter: '１．計画の基本的事項', heading: '(1) 計画の基本的な考え方　③実施する事業' },
  { key: 'areas', chapter: '１．計画の基本的事項', heading: '(2) 都道府県医療介護総合確保区域の設定' },
  { key: 'goals', chapter: '１．計画の基本的事項', heading: '(3) 計画の目標の設定等' },
  { key: 'period', chapter: '１．計画の基本的事項', heading: '(4) 計画期間' },
  { key: 'evaluationMethod', chapter: '２．事業の評価方法', heading: '事業の評価方法' },
  { key: 'implementation', chapter: '３．計画に基づき実施する事業', heading: '実施する事業' },
];

export const EMPTY_PLAN_SECTIONS: PlanSections = Object.freeze(Object.fromEntries(PLAN_SECTION_KEYS.map((k) => [k, ''])) as PlanSections);
