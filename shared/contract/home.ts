/** The home page's operations (core: electron/core/home): its summary and agenda, the demo, opening another database file. */
import { z } from 'zod';
import type { Ratio } from '../fund/year';
import type { SectionId } from '../sections';
import type { SubsidyStatus } from '../subsidy/lifecycle';
import { pastedPath } from '../text/file-name';
import type { BackupInfo } from './backup';
import { emptyInput, fiscalYearSchema } from './common';
import { command, mutation, query } from './define';
import type { FundSide } from './fund';

export interface DatabaseInfo {
  path: string;
  sizeBytes: number;
  schemaVersion: string;
  migrations: number;
  /** The file is on a network share: Renkei runs it without WAL (slower, safe), and the user is told once. */
  networkLocation: boolean;
  /**
   * Set when the file is a read-only meeting copy (会議用に持ち出す): the core
   * refuses every change, and the screens hide editing and say 閲覧専用.
   */
  readOnlyCopy: ReadOnlyCopyInfo | null;
}

export interface ReadOnlyCopyInfo {
  /** IsoDate the data is as of. */
  asOf: string;
  /** ISO instant the copy was taken. */
  takenAt: string;
  /** The file it was taken from (its name). */
  source: string;
  /** What was left out of it: 'institution_answers'. */
  leftOut: string[];
}

export interface SectionCount {
  section: SectionId;
  records: number;
}

export interface HomeSummary {
  appVersion: string;
  database: DatabaseInfo;
  lastBackup: BackupInfo | null;
  /** Why the day's automatic backup failed at start-up, until a backup is made; null when none failed. */
  backupFailure: string | null;
  sections: SectionCount[];
}

/**
 * What needs the officer in a 年度 (the current one by the core's clock
 * unless another is asked for): each domain's figures, read through its own
 * functions, with where to go for each.
 */
export interface HomeAgenda {
  fiscalYear: number;
  /** The 年度 containing today, by the core's clock. */
  currentFiscalYear: number;
  /** IsoDate, by the core's clock. */
  today: string;
  /** 年度 with any 基金 plan, 補助金 要綱 or 調査, and the current one; newest first. */
  years: number[];
  /**
   * What a new database still lacks; all false once the 台帳 and the prefecture are in. `demo`: the demo may still
   * be loaded (neither a prefecture nor 設定's 氏名・所属・担当者 yet), as app.demo.load decides.
   */
  setup: { prefecture: string | null; regionalBureau: string; municipalities: number; empty: boolean; demo: boolean };
  /** 執行率 per side with a plan in the year (執行額 / 総事業費, exact). */
  fund: { side: FundSide; versionLabel: string; totalCost: number; spent: number; executionRate: Ratio }[];
  /** Centers by what they wait for; none when the year has neither a 要綱 nor a step. */
  subsidy: {
    centers: number;
    waiting: SubsidyWaiting[];
    closed: number;
  } | null;
  /**
   * The 年度 before this one whose 補助金 is not done with, newest first; only those with something open. The money
   * still owed either way is in `refunds` and `additional` (a 確定済 center waits for one of them).
   */
  earlier: EarlierYear[];
  /** Each 調査 round of the year: 「31 / 33 回答」. */
  surveys: { roundId: number; title: string; returned: number; targets: number; withErrors: number; label: string }[];
  /** Dated things from today on, soonest first. */
  upcoming: { date: string; label: string; link: string }[];
}

/** The centers of a year in one state, for what they wait for. */
export interface SubsidyWaiting {
  status: Exclude<SubsidyStatus, 'closed'>;
  centers: { id: number; name: string }[];
}

/** What an earlier 年度 still has open: its centers by the step they wait for, and the 返還 and 追加交付 not yet paid. */
export interface EarlierYear {
  fiscalYear: number;
  /** By status, neither 未申請 (no subsidy that year) nor 確定済 (said by the money below). */
  waiting: SubsidyWaiting[];
  /** 返還 ordered and not yet paid back in full: the centers, and the yen still to come back. */
  refunds: OwedMoney | null;
  /** 追加交付 due and not yet paid in full. */
  additional: OwedMoney | null;
}

export interface OwedMoney {
  centers: { id: number; name: string }[];
  /** Yen still owed, summed over the centers. */
  amount: number;
}

/**
 * 医師会・事務局's home: its 医師会's centers (台帳) and, in a 年度, what each
 * has entered of its subsidy steps and which survey rounds still wait for
 * its answers — only what the association may read (no 基金, no 要綱 amounts).
 */
export interface AssociationHome {
  fiscalYear: number;
  currentFiscalYear: number;
  /** IsoDate, by the core's clock. */
  today: string;
  /** 年度 with a 要綱, and the current one; newest first. */
  years: number[];
  /** Null when the person has no 医師会 (a prefecture person who asked for none). */
  association: { id: number; name: string } | null;
  /** The 年度 has a 要綱: its steps can be entered. */
  rules: boolean;
  centers: AssociationCenter[];
  /** The 年度's rounds asking its centers, by 基準日. */
  surveys: AssociationRound[];
}

export interface AssociationCenter {
  id: number;
  name: string;
  areaName: string | null;
  status: SubsidyStatus;
  /** 交付申請額 (the latest application or change); null = not entered. */
  applied: number | null;
  /** 交付決定額 received; null = no decision yet. */
  decided: number | null;
  /** IsoDate of the latest decision. */
  decidedOn: string | null;
  /** 実績報告 entered. */
  reported: boolean;
}

export interface AssociationRound {
  roundId: number;
  title: string;
  /** IsoDate. */
  referenceDate: string;
  /** Of its centers: how many the round asks, and those not yet answered. */
  targets: number;
  missing: { id: number; name: string }[];
}

export const homeOperations = {
  'app.summary': query<HomeSummary>('ホームの集計')(() => emptyInput),
  'app.home': query<HomeAgenda>('ホームの今年度の状況')(() => z.object({ fiscalYear: fiscalYearSchema.optional() }).strict()),
  'app.associationHome': query<AssociationHome>('医師会・事務局のホーム')(() =>
    z.object({ fiscalYear: fiscalYearSchema.optional(), associationId: z.number().int().positive().optional() }).strict(),
  ),
  /** The whole demo prefecture — 台帳, 基金, 補助金, 調査 — into an empty database, in one transaction. */
  'app.demo.load': mutation<{ prefecture: string }>('デモデータの読み込み')(() => emptyInput),
  /** Opens a Renkei file that is there; `create`: 新しいデータベースを作成 (a file not there yet becomes a new database). */
  'database.open': command<DatabaseInfo>('データベースを開く')(() =>
    z
      .object({
        path: z
          .string()
          .transform(pastedPath)
          .pipe(z.string().min(1, { message: 'ファイルの場所を入力してください' })),
        create: z.boolean().optional(),
      })
      .strict(),
  ),
};
