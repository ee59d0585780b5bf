/**
 * The sections of the app, in sidebar order. The home page counts records per
 * section; each domain that lands adds its tables to its section in the core.
 */
export const SECTIONS = [
  { id: 'masters', label: '台帳', description: '医療圏・市町村・医師会・センター・医療機関' },
  { id: 'fund', label: '基金', description: '地域医療介護総合確保基金の計画と執行' },
  { id: 'subsidy', label: '補助金', description: '在宅医療推進センター整備事業補助金' },
  { id: 'survey', label: '調査', description: '人員配置・在宅医療提供体制の調査' },
  { id: 'meeting', label: '会議・研修', description: '協議の場・運営会議の記録と研修の実施状況' },
  { id: 'report', label: '帳票', description: '厚生局提出資料などの帳票出力' },
  { id: 'audit', label: '監査ログ', description: 'すべての変更の記録' },
  { id: 'settings', label: '設定', description: '表示名・バックアップ・データベース' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/**
 * A section's name as the sidebar shows it.
 * @example sectionLabel('fund') // '基金'
 */
export function sectionLabel(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)!.label;
}

/** The tables outside the 台帳 other than `fund_…`, `subsidy_…` and `survey_…`, each with the tables named after it (`meeting_attendee`). */
const TABLE_SECTIONS: Record<string, SectionId> = {
  meeting: 'meeting',
  training: 'meeting',
  deck: 'report',
  template: 'report',
  setting: 'settings',
  account: 'settings',
  read_only_copy: 'settings',
};

/**
 * The section whose screens show a table's rows, for saying what a change touched (元に戻す asks before a large one).
 * @example tableSection('fund_spending') // 'fund'
 * @example tableSection('meeting_attendee') // 'meeting'
 */
export function tableSection(table: string): SectionId {
  const head = table.split('_')[0]!;
  if (head === 'fund' || head === 'subsidy' || head === 'survey') return head;
  return TABLE_SECTIONS[table] ?? TABLE_SECTIONS[head] ?? 'masters';
}
