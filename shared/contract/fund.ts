/**
 * 基金 (地域医療介護総合確保基金): the 区分, projects and their indicators,
 * budget versions with every project's amounts, spending, and the fund's
 * balance year by year. Money is integer yen throughout.
 */
import { z } from 'zod';
import type { AmountFigures, ProjectAmounts } from '../fund/amounts';
import type { BalanceYear } from '../fund/balance';
import type { FundCategory } from '../fund/categories';
import type { PlanSections } from '../fund/plan-text';
import { PLAN_SECTION_KEYS } from '../fund/plan-text';
import type { FundProblem } from '../fund/problems';
import { FUND_SIDES, type FundSide } from '../fund/sides';
import type { VersionComparison, VersionKind } from '../fund/versions';
import type { YearView } from '../fund/year';
import type { Yen } from '../money';
import {
  dateInYear,
  emptyInput,
  type FileOut,
  fileDataSchema,
  fiscalYearSchema,
  type ImportPreview,
  type ImportResult,
  isoDateSchema,
  versionSchema,
  yenAmountSchema,
} from './common';
import { lazySchema, mutation, query } from './define';

export { FUND_SIDE_LABELS, FUND_SIDES, type FundSide } from '../fund/sides';

export const OPERATOR_KINDS = ['prefecture', 'association', 'municipality', 'private'] as const;
export type OperatorKind = (typeof OPERATOR_KINDS)[number];
export const OPERATOR_KIND_LABELS: Record<OperatorKind, string> = {
  prefecture: '県',
  association: '医師会',
  municipality: '市町村',
  private: '民間',
};

export const INDICATOR_KINDS = ['output', 'outcome'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = { output: 'アウトプット指標', outcome: 'アウトカム指標' };

export const VERSION_KINDS = ['initial', 'allocation', 'supplementary', 'transfer'] as const satisfies readonly VersionKind[];

const id = lazySchema(() => z.number().int().positive());
const hundredths = lazySchema(() => z.number().int().nullable());
const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}は${max.toLocaleString('ja-JP')}文字以内で入力してください` })
    .default('');

export const indicatorSchema = lazySchema(() =>
  z
    .object({
      kind: z.enum(INDICATOR_KINDS),
      label: z.string().trim().min(1, { message: '指標の名前を入力してください' }).max(200),
      unit: z.string().trim().max(20).default(''),
      /** Hundredths: 12.5 → 1250. */
      baseline: hundredths.default(null),
      target: hundredths.default(null),
      actual: hundredths.default(null),
      /** The day the 現状値 was taken (令和4年10月1日現在), as the national sheet prints it. */
      baselineOn: isoDateSchema.nullable().default(null),
      /** The day the 目標値 is to be reached. */
      targetOn: isoDateSchema.nullable().default(null),
    })
    .strict(),
);

export const projectSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      side: z.enum(FUND_SIDES),
      number: z
        .string()
        .trim()
        .min(1, { message: '事業番号を入力してください' })
        .max(20, { message: '事業番号は20文字以内で入力してください' }),
      name: z
        .string()
        .trim()
        .min(1, { message: '事業名を入力してください' })
        .max(200, { message: '事業名は200文字以内で入力してください' }),
      categoryCode: z.string().min(1, { message: '区分を選んでください' }),
      operatorKind: z.enum(OPERATOR_KINDS),
      operatorName: z.string().trim().max(100).default(''),
      associationId: id.nullable().default(null),
      municipalityCode: z.string().nullable().default(null),
      startFy: fiscalYearSchema,
      endFy: fiscalYearSchema.nullable().default(null),
      content: z.string().trim().max(4000).default(''),
      indicators: z.array(indicatorSchema).max(50).default([]),
      // The national 個票's fields beyond the above.
      goal: text('事業の目標', 2000),
      /** 事業の対象となる医療介護総合確保区域: 県全体, or the 二次医療圏 by name. */
      targetArea: text('事業の対象となる区域', 200),
      needs: text('背景にある医療・介護ニーズ', 4000),
      outcomeOutputLink: text('アウトカムとアウトプットの関連', 2000),
      remarks: text('備考', 2000),
      /** 事業の期間 as dates; both blank, the plan prints its 年度 (4月1日～3月31日). */
      periodStart: isoDateSchema.nullable().default(null),
      periodEnd: isoDateSchema.nullable().default(null),
      /** The version the screen read (from the list); a save over a newer one is refused with who changed it when. */
      version: versionSchema,
    })
    .strict()
    .superRefine((p, ctx) => {
      if (p.periodStart !== null && p.periodEnd !== null && p.periodEnd < p.periodStart)
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: '事業の期間の終了日が開始日より前です。期間を確かめてください。' });
    }),
);

export type FundIndicator = z.output<typeof indicatorSchema>;
export type FundProject = Omit<z.output<typeof projectSaveSchema>, 'id'> & { id: number };

export interface FundVersionSummary {
  id: number;
  side: FundSide;
  fiscalYear: number;
  kind: VersionKind;
  label: string;
  datedOn: string;
  reason: string;
  seq: number;
  /** Sent back with a correction of its date or reason (fund.versions.update). */
  version: number;
}

export interface FundYearResult {
  versions: FundVersionSummary[];
  /** The version shown (the newest unless one was asked for); null before the year's first. */
  version: FundVersionSummary | null;
  /** Each project's amounts in that version, by project id. */
  amounts: Record<number, ProjectAmounts & { splitOverride: boolean; version: number }>;
  view: YearView;
}

export interface FundSpending {
  id: number;
  projectId: number;
  fiscalYear: number;
  spentOn: string;
  amount: number;
  payee: string;
  purpose: string;
  voucherNo: string;
  source: string;
  version: number;
}

export interface FundBalanceResult {
  years: BalanceYear[];
  /** Each year's plan (newest version) and spending, for the multi-year chart. */
  plans: { fiscalYear: number; totalCost: Yen; spent: Yen }[];
  problems: FundProblem[];
  /** The version of each year's 積立・運用益 record by 年度, sent back with its save (absent: not entered yet). */
  yearVersions: Record<number, number>;
}

/** A project's money across 年度 and budget versions, with each year's spending. */
export interface FundProjectHistory {
  years: {
    fiscalYear: number;
    /** Every version of the year in order; `amounts` null where the project had no line. */
    versions: { id: number; label: string; datedOn: string; amounts: AmountFigures | null }[];
    spent: Yen;
  }[];
}

const sideYear = { side: lazySchema(() => z.enum(FUND_SIDES)), fiscalYear: fiscalYearSchema };

const amountLineSchema = lazySchema(() =>
  z
    .object({
      projectId: id,
      fundAmount: yenAmountSchema('基金充当額'),
      otherAmount: yenAmountSchema('その他'),
      publicAmount: yenAmountSchema('公'),
      privateAmount: yenAmountSchema('民'),
      entrustedAmount: yenAmountSchema('うち受託事業等'),
      /** The version of the line as the screen read it (FundYearResult.amounts); absent for a new line. */
      version: versionSchema,
      /** A 国/県 split set by hand; without it 国 = 基金充当額 × 2/3 (rounded down) and 県 the rest. */
      split: z
        .object({ national: yenAmountSchema('国'), prefectural: yenAmountSchema('都道府県') })
        .strict()
        .nullable()
        .default(null),
    })
    .strict(),
);

/** One or more projects' amounts in a version, saved and checked together (a 流用 moves money between two lines at once). */
export const amountsSaveSchema = lazySchema(() =>
  z.object({ versionId: id, lines: z.array(amountLineSchema).min(1, { message: '金額を1件以上入力してください' }).max(1000) }).strict(),
);

/** The 年度 is given, not taken from the date: spending in the 出納整理期間 (4月〜5月) belongs to the year before. */
export const spendingSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      projectId: id,
      fiscalYear: fiscalYearSchema,
      spentOn: isoDateSchema,
      amount: yenAmountSchema('金額'),
      payee: z.string().trim().max(100).default(''),
      purpose: z.string().trim().max(200).default(''),
      voucherNo: z.string().trim().max(40).default(''),
      version: versionSchema,
    })
    .strict()
    .superRefine(dateInYear('fundSpending', 'spentOn', '日付')),
);

export const fundYearSaveSchema = lazySchema(() =>
  z
    .object({
      ...sideYear,
      openingBalance: yenAmountSchema('期首残高').nullable().default(null),
      nationalContribution: yenAmountSchema('積立（国）'),
      prefecturalContribution: yenAmountSchema('積立（都道府県）'),
      investmentIncome: yenAmountSchema('運用益'),
      version: versionSchema,
    })
    .strict(),
);

/** 事後評価 of a project's year in the national layout. */
export const evaluationSaveSchema = lazySchema(() =>
  z
    .object({
      projectId: id,
      fiscalYear: fiscalYearSchema,
      /** 事業の実施状況. */
      implementation: text('事業の実施状況', 4000),
      /** アウトカム指標: 観察できた (true) / 観察できなかった (false), null not yet said. */
      outcomeObserved: z.boolean().nullable().default(null),
      /** The value observed, or why it could not be. */
      outcomeNote: text('観察できた指標の値・観察できなかった理由', 2000),
      /** 代替的な指標 when the outcome could not be observed. */
      alternativeIndicator: text('代替的な指標', 2000),
      /** (1) 事業の有効性. */
      effectiveness: text('事業の有効性', 4000),
      /** (2) 事業の効率性. */
      efficiency: text('事業の効率性', 4000),
      /** その他 (the officer's free assessment). */
      assessment: text('その他', 4000),
      /** The version the screen read (0 before the first save); a save over a newer one is refused. */
      version: versionSchema,
    })
    .strict()
    .superRefine((e, ctx) => {
      if (e.outcomeObserved === false && e.alternativeIndicator === '')
        ctx.addIssue({
          code: 'custom',
          path: ['alternativeIndicator'],
          message: 'アウトカム指標が観察できなかったときは、代替的な指標を入力してください。',
        });
    }),
);

export type FundEvaluation = z.output<typeof evaluationSaveSchema>;

export const planTextSaveSchema = lazySchema(() =>
  z
    .object({
      fiscalYear: fiscalYearSchema,
      /**
       * The newest version when the screen read the text (0 before the first save): a save based on an older
       * one is refused rather than becoming the newest over someone else's.
       */
      version: versionSchema,
      sections: z
        .object(
          Object.fromEntries(PLAN_SECTION_KEYS.map((k) => [k, text('計画の本文', 20000)])) as Record<
            (typeof PLAN_SECTION_KEYS)[number],
            ReturnType<typeof text>
          >,
        )
        .strict(),
    })
    .strict(),
);

/** The plan's narrative of a 年度: the version shown, and every version saved. */
export interface FundPlanText {
  fiscalYear: number;
  /** Null before the first save. */
  current: { version: number; savedAt: string; sections: PlanSections } | null;
  /** Each save, oldest first, with who saved it (the audit log's name for them). */
  versions: { version: number; savedAt: string; savedBy: string }[];
  /** The 二次医療圏 of the 台帳 with their municipalities: the 区域 the plan sets. */
  areas: { name: string; municipalities: string[] }[];
}

const uploadSchema = {
  side: lazySchema(() => z.enum(FUND_SIDES)),
  versionId: id,
  fileName: lazySchema(() => z.string().min(1)),
  data: fileDataSchema,
};

export const fundOperations = {
  'fund.categories.list': query<FundCategory[]>('基金の区分の一覧')(() => emptyInput),
  'fund.projects.list': query<FundProject[]>('基金事業の一覧')(() => z.object({ side: z.enum(FUND_SIDES) }).strict()),
  'fund.projects.save': mutation<FundProject>('基金事業の保存')(() => projectSaveSchema),
  'fund.projects.history': query<FundProjectHistory>('基金事業の経緯')(() => z.object({ id }).strict()),
  'fund.projects.delete': mutation<{ id: number }>('基金事業の削除')(() => z.object({ id, version: versionSchema }).strict()),
  'fund.year': query<FundYearResult>('基金の年度の表示')(() => z.object({ ...sideYear, versionId: id.optional() }).strict()),
  'fund.versions.create': mutation<FundVersionSummary>('基金予算の版の作成')(() =>
    z
      .object({
        ...sideYear,
        kind: z.enum(VERSION_KINDS),
        datedOn: isoDateSchema,
        reason: z.string().trim().max(400).default(''),
      })
      .strict()
      .superRefine(dateInYear('fundVersion', 'datedOn', '日付')),
  ),
  /** Only the year's latest version: its date or reason corrected (older versions are read-only). */
  'fund.versions.update': mutation<FundVersionSummary>('基金予算の版の日付・理由の訂正')(() =>
    z.object({ id, datedOn: isoDateSchema, reason: z.string().trim().max(400).default(''), version: versionSchema }).strict(),
  ),
  /** Only the year's latest version, when nothing relies on it (the refusal says what does). */
  'fund.versions.delete': mutation<{ id: number }>('基金予算の版の削除')(() => z.object({ id }).strict()),
  'fund.versions.compare': query<VersionComparison>('基金予算の版の比較')(() => z.object({ beforeId: id, afterId: id }).strict()),
  'fund.amounts.save': mutation<(ProjectAmounts & { version: number })[]>('基金事業の予算額の保存')(() => amountsSaveSchema),
  'fund.spending.list': query<FundSpending[]>('基金の執行の一覧')(() => z.object({ ...sideYear, projectId: id.optional() }).strict()),
  'fund.spending.save': mutation<FundSpending>('基金の執行の保存')(() => spendingSaveSchema),
  'fund.spending.delete': mutation<{ id: number }>('基金の執行の削除')(() => z.object({ id, version: versionSchema }).strict()),
  'fund.balance': query<FundBalanceResult>('基金の収支の表示')(() => z.object({ side: z.enum(FUND_SIDES) }).strict()),
  /** The project list of a version from a workbook: first the preview of every row, then all of it or nothing. */
  'fund.import.preview': query<ImportPreview>('基金事業の取り込みの確認')(() => z.object(uploadSchema).strict()),
  'fund.import.commit': mutation<ImportResult>('基金事業の取り込み')(() =>
    z.object({ ...uploadSchema, excludeRows: z.array(z.number().int().positive()).default([]) }).strict(),
  ),
  /** The version's project list in the import's columns (a template when the version has none). */
  'fund.import.workbook': query<FileOut>('基金事業一覧の書き出し')(() => z.object({ side: z.enum(FUND_SIDES), versionId: id }).strict()),
  'fund.years.save': mutation<FundBalanceResult>('基金の年度収支の保存')(() => fundYearSaveSchema),
  /** Only the last 年度 entered (the balance carries on from each into the next): one entered by mistake. */
  'fund.years.delete': mutation<FundBalanceResult>('基金の年度収支の削除')(() =>
    z.object({ side: z.enum(FUND_SIDES), fiscalYear: fiscalYearSchema, version: versionSchema }).strict(),
  ),
  /** 事後評価: the officer's assessment of a project's year (blank when none written yet). */
  'fund.evaluation.get': query<FundEvaluation>('基金事業の事後評価の表示')(() =>
    z.object({ projectId: id, fiscalYear: fiscalYearSchema }).strict(),
  ),
  'fund.evaluation.save': mutation<FundEvaluation>('基金事業の事後評価の保存')(() => evaluationSaveSchema),
  /** The 都道府県計画's narrative of a 年度: the newest version unless an earlier one is asked for. */
  'fund.planText.get': query<FundPlanText>('都道府県計画の本文の表示')(() =>
    z.object({ fiscalYear: fiscalYearSchema, version: z.number().int().positive().optional() }).strict(),
  ),
  /** Each save is a new version; earlier ones stay readable. */
  'fund.planText.save': mutation<FundPlanText>('都道府県計画の本文の保存')(() => planTextSaveSchema),
};
