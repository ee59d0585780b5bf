/** Why a backup was taken, as the home and the settings name it (apart from the backups' schemas, for the first screen). */
export const BACKUP_REASONS = ['daily', 'migration', 'manual', 'restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  daily: '毎日の自動',
  migration: '更新前の自動',
  manual: '手動',
  restore: '復元前の自動',
};
