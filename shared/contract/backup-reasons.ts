/** Why a backup was taken, as the home and the settings name it (apart from the backups' schemas, for the first screen). */
import { formatTimestamp } from '../format';

export const BACKUP_REASONS = ['daily', 'migration', 'manual', 'restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  daily: '毎日の自動',
  migration: '更新前の自動',
  manual: '手動',
  restore: '復元前の自動',
};

/** A backup file's name: `<UTC stamp>-<reason>.sqlite`, the stamp being the instant it was taken. */
const BACKUP_NAME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z]+)\.sqlite$/;

/**
 * When and why a backup was taken, read from its file name; null for a name that is not a backup's.
 * @example backupOfName('20261205T090633176Z-manual.sqlite') // { createdAt: '2026-12-05T09:06:33.176Z', reason: 'manual' }
 */
export function backupOfName(name: string): { createdAt: string; reason: BackupReason } | null {
  const m = BACKUP_NAME.exec(name);
  if (!m || !(BACKUP_REASONS as readonly string[]).includes(m[8]!)) return null;
  return { createdAt: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`, reason: m[8] as BackupReason };
}

/**
 * A backup as the user is told about it — the way the backup list shows it (when, in local time, and why), not by its
 * UTC-stamped file name; a name that is not a backup's, quoted as given.
 * @example backupLabel('20261205T090633176Z-manual.sqlite') // '令和8年12月5日 18:06 の手動バックアップ' (in Japan)
 * @example backupLabel('missing.sqlite') // 'バックアップ「missing.sqlite」'
 */
export function backupLabel(name: string): string {
  const taken = backupOfName(name);
  return taken ? `${formatTimestamp(taken.createdAt)} の${BACKUP_REASON_LABELS[taken.reason]}バックアップ` : `バックアップ「${name}」`;
}
