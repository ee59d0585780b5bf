/** Backups of the database file (SQLite online backup) and restoring one. */
import { z } from 'zod';
import { emptyInput } from './common';
import { command, query } from './define';

export const BACKUP_REASONS = ['daily', 'migration', 'manual', 'restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  daily: '毎日の自動',
  migration: '更新前の自動',
  manual: '手動',
  restore: '復元前の自動',
};

export interface BackupInfo {
  name: string;
  /** ISO instant (UTC). */
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
}

export const backupOperations = {
  'backup.list': query<BackupInfo[]>('バックアップの一覧')(emptyInput),
  'backup.create': command<BackupInfo>('バックアップの作成')(emptyInput),
  'backup.restore': command<{ restored: BackupInfo; safetyBackup: BackupInfo }>('バックアップから復元')(
    z.object({ name: z.string().min(1, { message: '復元するバックアップを選んでください' }) }).strict(),
  ),
};
