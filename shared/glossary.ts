/**
 * Code names ↔ what the user reads. Entities named in the audit log and field
 * names shown in errors are looked up here, so the Japanese wording lives in
 * one place.
 */
export const ENTITY_LABELS: Record<string, string> = {
  settings: '設定',
  database: 'データベース',
  backup: 'バックアップ',
};

export const FIELD_LABELS: Record<string, string> = {
  displayName: '表示名',
  organization: '所属',
  backupKeep: 'バックアップ保持数',
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
};

export const OPERATION_LABELS: Record<string, string> = {
  'settings.update': '設定の変更',
  'backup.create': 'バックアップの作成',
  'backup.restore': 'バックアップから復元',
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
