/** Operations about the open database as a whole: the home summary, opening another file. */
import { z } from 'zod';
import { command, mutation, query } from './define';
import type { SectionId } from '../sections';
import type { BackupInfo } from './backup';
import { emptyInput } from './schemas';

export interface DatabaseInfo {
  path: string;
  sizeBytes: number;
  schemaVersion: string;
  migrations: number;
  /** The file is on a network share: Renkei runs it without WAL (slower, safe), and the user is told once. */
  networkLocation: boolean;
}

export interface SectionCount {
  section: SectionId;
  records: number;
}

export interface HomeSummary {
  appVersion: string;
  database: DatabaseInfo;
  lastBackup: BackupInfo | null;
  sections: SectionCount[];
}

export const appOperations = {
  'app.summary': query<HomeSummary>()(emptyInput),
  /** The whole demo prefecture — 台帳, 基金, 補助金, 調査 — into an empty database, in one transaction. */
  'app.demo.load': mutation<{ prefecture: string }>()(emptyInput),
  'database.open': command<DatabaseInfo>()(
    z.object({ path: z.string().trim().min(1, { message: 'ファイルの場所を入力してください' }) }).strict(),
  ),
};
