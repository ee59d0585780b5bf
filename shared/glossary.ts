/**
 * Code names ↔ what the user reads. Entities named in the audit log and field
 * names shown in errors are looked up here, so the Japanese wording lives in
 * one place.
 */
export const ENTITY_LABELS: Record<string, string> = {
  settings: '設定',
  prefecture: '都道府県',
  municipality: '市区町村',
  population: '人口',
  area: '圏域',
  association: '医師会',
  center: 'センター',
  linkage: '在宅医療・介護連携推進事業',
  institution: '医療機関',
  designation: '積極的役割を担う医療機関の指定',
  database: 'データベース',
  backup: 'バックアップ',
};

export const FIELD_LABELS: Record<string, string> = {
  displayName: '表示名',
  organization: '所属',
  backupKeep: 'バックアップ保持数',
  density: '表の行の高さ',
  path: 'ファイルの場所',
  name: '名前',
  from: '開始日',
  to: '終了日',
  entity: '対象',
  createdAt: '作成日時',
  reason: '種類',
  sizeBytes: 'サイズ（バイト）',
  restoredFrom: '復元元',
  backup: '復元前のバックアップ',
  code: 'コード',
  kana: 'よみがな',
  type: '種別',
  kind: '種類',
  designatedCity: '政令指定都市',
  coreCity: '中核市',
  areas: '圏域',
  municipalityCode: '市区町村',
  municipalityCodes: '対象市町村',
  baseDate: '基準日',
  total: '総人口',
  age65: '65歳以上人口',
  age75: '75歳以上人口',
  age85: '85歳以上人口',
  areaCentiKm2: '面積',
  parentId: '上位の圏域',
  movedTo: '移った先の圏域',
  sortOrder: '表示順',
  role: '区分',
  operatorAssociationId: '運営主体',
  entrustedTo: '委託先',
  startDate: '開始日',
  contact: '連絡先',
  subsidyClass: '補助区分',
  address: '所在地',
  homeCareSupport: '在宅療養支援',
  enhanced: '機能強化型',
  beds: '病床数',
  institutionId: '医療機関',
  areaId: '在宅医療圏',
  designatedOn: '指定日',
  requirements: '要件',
  partnerInstitutionIds: '連携している医療機関',
  partnerStationIds: '連携している訪問看護事業所',
  fiscalYear: '年度',
  items: '事業項目',
  mode: '実施方法',
  entrustedBody: '委託先',
  jointWith: '共同実施の市町村',
  note: '備考',
};

export const OPERATION_LABELS: Record<string, string> = {
  'settings.update': '設定の変更',
  'backup.create': 'バックアップの作成',
  'backup.restore': 'バックアップから復元',
  'masters.prefecture.save': '都道府県の保存',
  'masters.municipalities.save': '市区町村の保存',
  'masters.municipalities.delete': '市区町村の削除',
  'masters.populations.save': '人口の保存',
  'masters.populations.delete': '人口の削除',
  'masters.areas.save': '圏域の保存',
  'masters.areas.delete': '圏域の削除',
  'masters.areas.setMembers': '圏域の構成市町村の変更',
  'masters.associations.save': '医師会の保存',
  'masters.associations.delete': '医師会の削除',
  'masters.centers.save': 'センターの保存',
  'masters.centers.delete': 'センターの削除',
  'masters.linkage.save': '連携推進事業の保存',
  'masters.institutions.save': '医療機関の保存',
  'masters.institutions.delete': '医療機関の削除',
  'masters.designations.save': '指定の保存',
  'masters.designations.delete': '指定の削除',
  'masters.demo.load': 'デモデータの読み込み',
  'masters.import.commit': '台帳の取り込み',
};

export function operationLabel(operation: string): string {
  return OPERATION_LABELS[operation] ?? operation;
}

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export function fieldLabel(field: string | number): string {
  return typeof field === 'number' ? `${field + 1}行目` : (FIELD_LABELS[field] ?? field);
}
