/** Backups of the database file (SQLite online backup) and restoring one. */
import { z } from 'zod';
import type { BackupReason } from './backup-reasons';
import { emptyInput } from './common';
import { command, lazySchema, query } from './define';

export { BACKUP_REASON_LABELS, BACKUP_REASONS, type BackupReason, backupLabel, backupOfName } from './backup-reasons';

export interface BackupInfo {
  name: string;
  /** ISO instant (UTC). */
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
}

/** One table of a move between engines: its rows and checksum on each side (a difference rolls the move back). */
export interface MoveTableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  same: boolean;
}

export interface MoveResult {
  /** Where the data went: postgres://… or the new file. */
  target: string;
  tables: MoveTableCheck[];
  /** Tables not copied (the change journal; into a server, the accounts). */
  leftOut: string[];
}

const PORT_MESSAGE = 'ポートは 1〜65535 の整数にしてください';

/** A shared database to move into; the password is used for this once and never stored (absent: PGPASSWORD / .pgpass). */
export const sharedTargetSchema = lazySchema(() =>
  z
    .object({
      host: z.string().trim().min(1, { message: 'サーバー名を入力してください' }),
      port: z
        .number({ message: PORT_MESSAGE })
        .int({ message: PORT_MESSAGE })
        .min(1, { message: PORT_MESSAGE })
        .max(65535, { message: PORT_MESSAGE })
        .optional(),
      database: z.string().trim().min(1, { message: 'データベース名を入力してください' }),
      user: z.string().trim().min(1, { message: 'ユーザー名を入力してください' }),
      password: z.string().optional(),
      /** TLS; absent: on, except for a server on this machine. */
      ssl: z.boolean().optional(),
    })
    .strict(),
);

export const backupOperations = {
  'backup.list': query<BackupInfo[]>('バックアップの一覧')(() => emptyInput),
  'backup.create': command<BackupInfo>('バックアップの作成')(() => emptyInput),
  'backup.restore': command<{ restored: BackupInfo; safetyBackup: BackupInfo }>('バックアップから復元')(() =>
    z.object({ name: z.string().min(1, { message: '復元するバックアップを選んでください' }) }).strict(),
  ),
  'backup.moveToShared': command<MoveResult>('共有データベースへ移行')(() => sharedTargetSchema),
  'backup.copyToFile': command<MoveResult & { sizeBytes: number }>('この PC に写しを作る')(() =>
    z.object({ path: z.string().trim().min(1, { message: '保存先のファイルを指定してください' }) }).strict(),
  ),
};
