/**
 * 補助金 (在宅医療推進センター整備事業補助金): the 交付要綱 of each fiscal year as
 * data, each center's dated steps from 交付申請 to 額の確定 and 返還, the
 * calculation sheets, the 試算 under an edited 要綱, and the import of a
 * year's applications from a workbook. Money is integer yen throughout.
 */
import { z } from 'zod';
import type { SubsidyClass } from '../masters/model';
import type { ReportRow } from '../report/model';
import type { SubsidyComputation } from '../subsidy/compute';
import { LETTER_KINDS, type LetterKind } from '../subsidy/letters';
import { STEP_KINDS, type StepKind, type SubsidyState, type SubsidyStatus } from '../subsidy/lifecycle';
import { type SubsidyInputs, type SubsidyRules, subsidyInputsSchema, subsidyRulesOfYearSchema, subsidyRulesSchema } from '../subsidy/rules';
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

export type { IctComputation, OperatingComputation, ProgramComputation, SubsidyComputation } from '../subsidy/compute';
export type { LetterKind } from '../subsidy/letters';
export {
  ISSUED_LETTERS,
  isIssuedLetter,
  LETTER_KINDS,
  LETTER_LABELS,
  letterSetName,
  regulationName,
  standardConditions,
  suggestedLetterDate,
} from '../subsidy/letters';
export type { StepKind, SubsidyState, SubsidyStatus } from '../subsidy/lifecycle';
export { STEP_KIND_LABELS, STEP_KINDS, SUBSIDY_STATUS_LABELS, SUBSIDY_STATUSES } from '../subsidy/lifecycle';
export type {
  CapScope,
  IctProgram,
  IctRow,
  OperatingProgram,
  OperatingRow,
  ProgramInput,
  ProgramKind,
  Rate,
  SubsidyInputs,
  SubsidyProgram,
  SubsidyRules,
} from '../subsidy/rules';
export {
  CAP_SCOPE_LABELS,
  CAP_SCOPES,
  PROGRAM_KIND_LABELS,
  PROGRAM_KINDS,
  subsidyInputsSchema,
  subsidyRulesOfYearSchema,
  subsidyRulesSchema,
} from '../subsidy/rules';

const id = lazySchema(() => z.number().int().positive());

/**
 * Going beyond the 基金 project's budget on purpose: the choice and its own
 * reason. Needed only when the change would raise the year's decided total
 * above the budget; logged, and stored with a decision only then.
 */
const budgetOverride = {
  override: lazySchema(() => z.boolean().default(false)),
  overrideReason: lazySchema(() => z.string().trim().max(400, { message: '予算を超える理由は400文字以内で入力してください' }).default('')),
};

/** A year's 要綱 as stored, with what the form needs beside it. */
export interface SubsidyRulesRecord extends SubsidyRules {
  fiscalYear: number;
  /** The linked 基金 project, for display; null when none is linked. */
  fundProject: { id: number; number: string; name: string } | null;
  /** The 二次医療圏 of the 台帳, for the ＩＣＴ 上限額 form. */
  areas: { id: number; name: string }[];
  /** Sent back with a save (subsidy.rules.save): a save over someone else's newer change is refused with who changed it when. */
  version: number;
}

/** A center as the subsidy sees it: 補助区分 from the 台帳 and the 二次医療圏 holding most of its municipalities. */
export interface SubsidyCenter {
  id: number;
  name: string;
  subsidyClass: SubsidyClass;
  /** null for the 県医師会's center (the whole prefecture) or when no municipality is in a 二次医療圏. */
  areaId: number | null;
  areaName: string | null;
}

export interface SubsidyStepRecord {
  id: number;
  centerId: number;
  fiscalYear: number;
  kind: StepKind;
  /** IsoDate. */
  datedOn: string;
  /** 指令番号 (交付決定・変更決定・額の確定), or the file's reference. */
  orderNo: string;
  /** 申請額・決定額・支払額・実績額・確定額・返還額・追加交付額, by kind. */
  amount: number;
  /** The amounts of an application, a change or the actuals; for a decision, those it rests on. */
  inputs: SubsidyInputs | null;
  /** Why a decided (or final) amount differs from the computed one; a note on an application. */
  reason: string;
  /** The decision took the year's decided total beyond the 基金 project's budget, on purpose (false when it stayed within). */
  override: boolean;
  /** Why the budget was exceeded; '' unless override. */
  overrideReason: string;
  /** Who entered it: the display name (OS user). */
  enteredBy: string;
  /** ISO instant. */
  createdAt: string;
}

/**
 * One column of a center's sheet: the figures a step's amounts give under the
 * 要綱 the step was computed under (kept with the step), so an edit of the
 * 要綱 afterwards changes no column already entered.
 */
export interface SubsidySheet {
  stepId: number;
  kind: StepKind;
  datedOn: string;
  /** The step's own amount (a decided amount may differ from the computed one, with a reason). */
  amount: number;
  /** null when the amounts could not be computed (see problem). */
  computation: SubsidyComputation | null;
  /** Why the amounts could not be computed under the step's 要綱. */
  problem: string | null;
  /**
   * The revision of the year's 要綱 the column was computed under (each save
   * that changes a row, rate, cap or the rounding makes a new one), when it
   * was saved, and whether it is still the year's current 要綱.
   */
  computedUnder: { revision: number; savedAt: string; current: boolean };
}

/** A center's 仕入控除税額 of a year, as it reports it after its tax return. */
export interface SubsidyTaxCredit {
  /** IsoDate: the 報告書's date. */
  reportedOn: string;
  /** 仕入控除税額 */
  creditAmount: number;
  /** 返還相当額: the part of the 仕入控除税額 the subsidy paid for. */
  refundAmount: number;
  enteredBy: string;
}

export interface SubsidyCenterResult {
  fiscalYear: number;
  center: SubsidyCenter;
  rules: SubsidyRulesRecord | null;
  steps: SubsidyStepRecord[];
  /** The 仕入控除税額 reported for the year; null until entered. */
  taxCredit: SubsidyTaxCredit | null;
  /** The version of the center's list of steps, sent back with a step added or taken back. */
  version: number;
  state: SubsidyState;
  /** The calculation sheet side by side; a column is null until its step exists. */
  sheets: {
    application: SubsidySheet | null;
    /** The latest 変更交付申請. */
    change: SubsidySheet | null;
    /** The latest 交付決定 or 変更交付決定, on the amounts it rests on. */
    decision: SubsidySheet | null;
    actual: SubsidySheet | null;
  };
}

export interface SubsidyYearRow {
  center: SubsidyCenter;
  status: SubsidyStatus;
  applied: number | null;
  decided: number | null;
  paid: number;
  final: number | null;
  refundDue: number;
  refunded: number;
  additionalDue: number;
  additionalPaid: number;
  /** The latest 交付決定 or 変更交付決定's 指令番号 and date. */
  orderNo: string;
  decidedOn: string | null;
  /** The date of the latest step. */
  lastStepOn: string | null;
  /** Each step's kind and date, in order: what a letter's date may not come before. */
  steps: { kind: StepKind; datedOn: string }[];
}

export interface SubsidyYearTotals {
  applied: number;
  decided: number;
  paid: number;
  final: number;
  refundDue: number;
  refunded: number;
  additionalDue: number;
  additionalPaid: number;
}

export interface SubsidyBudget {
  fundProject: { id: number; number: string; name: string };
  /** 総事業費 (基金充当額 + その他) of the project in the year's newest budget version; null when it has none. */
  budget: number | null;
  versionLabel: string | null;
  /** Σ latest decided amounts of the year. */
  decided: number;
}

export interface SubsidyYearResult {
  fiscalYear: number;
  rules: SubsidyRulesRecord | null;
  rows: SubsidyYearRow[];
  totals: SubsidyYearTotals;
  /** The linked 基金 project's budget against the decisions; null when the 要綱 links none. */
  budget: SubsidyBudget | null;
}

export const stepAddSchema = lazySchema(() =>
  z
    .object({
      centerId: id,
      /** SubsidyCenterResult.version as the screen read it. */
      version: versionSchema,
      fiscalYear: fiscalYearSchema,
      kind: z.enum(STEP_KINDS, { message: '手続きの種類を選んでください' }),
      datedOn: isoDateSchema,
      orderNo: z.string().trim().max(60, { message: '指令番号は60文字以内で入力してください' }).default(''),
      /**
       * Required for 交付決定・変更決定 (決定額), 概算払, 返還, 追加交付. Left out for
       * 申請・変更申請・実績報告 (computed from the inputs) and 額の確定 (the formula
       * on the actuals capped at the decided amount); given there, it must match.
       */
      amount: yenAmountSchema('金額').nullable().default(null),
      /** Required for 申請・変更申請・実績報告; for a decision, defaults to the latest application's. */
      inputs: subsidyInputsSchema.nullable().default(null),
      /** Why a decided or final amount differs from the computed one. */
      reason: z.string().trim().max(400, { message: '理由は400文字以内で入力してください' }).default(''),
      ...budgetOverride,
    })
    .strict()
    .superRefine(dateInYear('subsidyStep', 'datedOn', '日付')),
);

export const taxCreditSaveSchema = lazySchema(() =>
  z
    .object({
      centerId: id,
      fiscalYear: fiscalYearSchema,
      reportedOn: isoDateSchema,
      creditAmount: yenAmountSchema('仕入控除税額'),
      refundAmount: yenAmountSchema('返還相当額'),
    })
    .strict()
    .refine((v) => v.refundAmount <= v.creditAmount, {
      message: '返還相当額は仕入控除税額以下にしてください（補助金で賄った分だけを返還します）',
      path: ['refundAmount'],
    }),
);

export interface SubsidySimulationRow {
  center: SubsidyCenter;
  /** Which amounts were computed: the latest 実績報告, 変更申請 or 申請, or the 基準額 when the center has none yet. */
  basis: 'actual_report' | 'change_application' | 'application' | 'base_amount';
  /** null: 算定できません under that 要綱 (see problem). */
  saved: number | null;
  simulated: number | null;
  difference: number | null;
  /** Why the center could not be computed under the edited (or saved) 要綱: a missing 事業, 区分 or 種目. */
  problem: string | null;
}

export interface SubsidySimulation {
  fiscalYear: number;
  rows: SubsidySimulationRow[];
  /** Over the centers computed under both 要綱. */
  totals: { saved: number; simulated: number; difference: number };
  /** The centers left out of the totals because one 要綱 cannot compute them. */
  uncomputed: string[];
}

/** `renkei subsidy calc`: every center's full calculation under the year's 要綱 and the total, as printed JSON. */
export interface SubsidyYearCalculation {
  fiscalYear: number | null;
  title: string;
  centers: (Omit<SubsidyComputation, 'total'> & {
    name: string;
    subsidyClass: SubsidyClass;
    areaId: number | null;
    /** From the database: which step's amounts were computed (the latest 実績報告, 変更交付申請 or 交付申請). */
    basis?: 'actual_report' | 'change_application' | 'application';
    total: number;
  })[];
  total: number;
  /** From the database: centers of the 台帳 with no amounts entered for the year. */
  withoutAmounts?: string[];
}

/** One 文書番号 issued: to which letter, center and step, on which day. */
export interface DocumentRegisterEntry {
  id: number;
  /** The series the number was taken from: the 年度 of the letter's date (文書管理 numbers by the year of issue). */
  fiscalYear: number;
  /** The subsidy year the letter concerns (an R5 額の確定通知書 dated in May 2024 is numbered in R6's series). */
  subsidyYear: number;
  number: number;
  /** As printed: 新医薬第1001号. */
  documentNumber: string;
  /** IsoDate: the letter's date. */
  issuedOn: string;
  letterKind: LetterKind;
  /** The letter's name: 交付決定通知書. */
  document: string;
  addressee: string;
  centerId: number;
  stepId: number;
  /** IsoDate: 返還期限 of a 返還命令書; null for the others. */
  dueOn: string | null;
  issuedBy: string;
  createdAt: string;
}

/** A year's 文書番号 register: the prefix and next number (null until set) and every number issued, in order. */
export interface DocumentRegister {
  fiscalYear: number;
  prefix: string | null;
  nextNumber: number | null;
  /** The series' version (0 before the first save): moves with each save and each issue; sent back with subsidy.register.save. */
  version: number;
  entries: DocumentRegisterEntry[];
}

export const registerSeriesSchema = lazySchema(() =>
  z
    .object({
      fiscalYear: fiscalYearSchema,
      prefix: z
        .string()
        .trim()
        .min(1, { message: '文書番号の頭書き（例：新医薬第）を入力してください' })
        .max(20, { message: '文書番号の頭書きは20文字以内で入力してください' }),
      nextNumber: z
        .number({ message: '次の番号は数値で入力してください' })
        .int({ message: '次の番号は整数で入力してください' })
        .min(1, { message: '次の番号は1以上にしてください' })
        .max(9_999_999, { message: '次の番号が大きすぎます' }),
      version: versionSchema,
    })
    .strict(),
);

export const letterIssueSchema = lazySchema(() =>
  z
    .object({
      fiscalYear: fiscalYearSchema,
      kind: z.enum(LETTER_KINDS, { message: '文書の種類を選んでください' }),
      /** Empty: every center whose steps call for the letter. */
      centerIds: z.array(id).max(500).default([]),
      /** The letters' date: a day a step of the year may bear, and not before the step a letter reports (the core checks that). */
      date: isoDateSchema,
      /** 返還期限 of a 返還命令書; defaults to 20 days after the date. */
      dueOn: isoDateSchema.optional(),
    })
    .strict()
    .superRefine(dateInYear('subsidyStep', 'date', '文書の日付')),
);
export type LetterIssueInput = z.output<typeof letterIssueSchema>;

/** A line of the 記 of a letter: 「交付決定額　金4,453,000円」. */
export interface LetterFigure {
  label: string;
  amount: number | null;
}

/** 収支予算書 / 収支決算書: 収入 (補助金, 寄付金その他, 自己資金) and 支出 by 経費区分. */
export interface BudgetStatement {
  income: { subsidy: number; otherIncome: number; ownFunds: number; total: number };
  expenses: { label: string; amount: number }[];
  expenseTotal: number;
}

/** Everything one letter says, as data. */
export interface SubsidyLetter {
  kind: LetterKind;
  /** 交付決定通知書 */
  document: string;
  /** 令和5年度新潟県在宅医療推進センター整備事業補助金交付決定通知書 */
  title: string;
  fiscalYear: number;
  /** 様式第1号, where the 要綱 names one. */
  formNumber: string | null;
  /** From the register for the prefecture's letters; the step's own reference (or blank) on what a center submits. */
  documentNumber: string;
  /** IsoDate. */
  date: string;
  addressee: string;
  sender: string[];
  /** The 要綱 article (and 規則) the letter rests on. */
  article: string;
  center: SubsidyCenter;
  /** The 補助区分 as the 要綱's 別表1 writes it. */
  subsidyClass: string;
  /** The 医師会 running the center (台帳). */
  association: string;
  /** 新潟県在宅医療推進センター整備事業補助金 */
  subsidyName: string;
  step: SubsidyStepRecord;
  /** The opening sentence. */
  lead: string;
  /** 記: the amounts. */
  figures: LetterFigure[];
  /** 交付の条件, on a 交付決定通知書 and its change. */
  conditions: string[];
  /** 返還期限 of a 返還命令書. */
  /** IsoDate. */
  dueOn: string | null;
  /** The 第4条 computation the step kept (申請, 変更申請, 決定, 実績). */
  computation: SubsidyComputation | null;
  /** 収支予算書 (申請) or 収支決算書 (実績). */
  statement: BudgetStatement | null;
  /** 精算額調書 rows (実績報告). */
  settlement: ReportRow[] | null;
}

const importFile = {
  fiscalYear: fiscalYearSchema,
  fileName: lazySchema(() => z.string().min(1)),
  data: fileDataSchema,
};

const exchangeFileInput = lazySchema(() => z.object({ fiscalYear: fiscalYearSchema, associationId: id }).strict());
const exchangeCommitInput = lazySchema(() =>
  z.object({ ...importFile, excludeRows: z.array(z.number().int().positive()).default([]) }).strict(),
);

/**
 * 補助金 by file when the association cannot reach the prefecture's server:
 * the association's 交付申請・変更交付申請・実績報告 of the year as one signed
 * workbook for the prefecture, and the prefecture's 交付決定・変更交付決定・額の
 * 確定 back the same way. The preview has one row per center (new, changed
 * with each field old → new, unchanged, or refused and why: an unknown
 * center, one of another association, a step already decided, a cell outside
 * the yellow ones changed); the commit is all of it or nothing.
 */
const exchangeOperations = {
  'subsidy.exchange.applications.file': query<FileOut>('県へ送る申請・報告の書き出し')(() => exchangeFileInput),
  'subsidy.exchange.applications.preview': query<ImportPreview>('医師会の申請・報告の取り込みの確認')(() => z.object(importFile).strict()),
  'subsidy.exchange.applications.commit': mutation<ImportResult>('医師会の申請・報告の取り込み')(() => exchangeCommitInput),
  'subsidy.exchange.decisions.file': query<FileOut>('医師会へ返す決定の書き出し')(() => exchangeFileInput),
  'subsidy.exchange.decisions.preview': query<ImportPreview>('県の決定の取り込みの確認')(() => z.object(importFile).strict()),
  'subsidy.exchange.decisions.commit': mutation<ImportResult>('県の決定の取り込み')(() => exchangeCommitInput),
};

export const subsidyOperations = {
  /** The fiscal years that have a 要綱, newest first. */
  'subsidy.rules.years': query<number[]>('補助金の要綱の年度一覧')(() => emptyInput),
  /** null when the year has no 要綱 yet (start one with subsidy.rules.copy). */
  'subsidy.rules.get': query<SubsidyRulesRecord | null>('補助金の要綱の表示')(() => z.object({ fiscalYear: fiscalYearSchema }).strict()),
  /** Relinking the 基金 project while decisions exist holds them to the new project's budget (override as for a decision). */
  'subsidy.rules.save': mutation<SubsidyRulesRecord>('補助金の要綱の保存')(() =>
    subsidyRulesOfYearSchema.safeExtend({ ...budgetOverride, version: versionSchema }),
  ),
  /** A new year's 要綱 as a copy of another's. */
  'subsidy.rules.copy': mutation<SubsidyRulesRecord>('補助金の要綱の複写')(() =>
    z.object({ from: fiscalYearSchema, to: fiscalYearSchema }).strict(),
  ),
  /** Every center of the 台帳 with its figures and status for the year, and the totals. */
  'subsidy.year': query<SubsidyYearResult>('補助金の年度一覧')(() => z.object({ fiscalYear: fiscalYearSchema }).strict()),
  'subsidy.center': query<SubsidyCenterResult>('補助金のセンター別の表示')(() =>
    z.object({ centerId: id, fiscalYear: fiscalYearSchema }).strict(),
  ),
  /** The sheet for amounts being typed, before they are saved as a step. */
  'subsidy.calculate': query<SubsidyComputation>('補助金の算定')(() =>
    z.object({ centerId: id, fiscalYear: fiscalYearSchema, inputs: subsidyInputsSchema }).strict(),
  ),
  'subsidy.steps.add': mutation<SubsidyCenterResult>('補助金の手続きの登録')(() => stepAddSchema),
  /** The 仕入控除税額 a center reports after the 額の確定 (where the 要綱 asks for it); a second save replaces the first. */
  'subsidy.taxCredit.save': mutation<SubsidyCenterResult>('仕入控除税額の登録')(() => taxCreditSaveSchema),
  /**
   * Undo: only the center's latest step of the year can be deleted. Deleting
   * one that had lowered a decision raises the decided total again, and is
   * held to the budget (override as for a decision).
   */
  'subsidy.steps.deleteLast': mutation<SubsidyCenterResult>('補助金の手続きの取り消し')(() =>
    z.object({ id, version: versionSchema, ...budgetOverride }).strict(),
  ),
  /** Every center's calculation on its latest amounts (実績報告, 変更交付申請 or 交付申請) under the 要綱 that step was computed under: what `renkei subsidy calc --fy` prints. */
  'subsidy.calc': query<SubsidyYearCalculation>('補助金の一括算定')(() => z.object({ fiscalYear: fiscalYearSchema }).strict()),
  /** 試算: every center under an edited copy of the year's 要綱 against the saved one; writes nothing. */
  'subsidy.simulate': query<SubsidySimulation>('補助金の試算')(() =>
    z.object({ fiscalYear: fiscalYearSchema, rules: subsidyRulesSchema }).strict(),
  ),
  /** The year's 文書番号 register: prefix, next number and every number issued. */
  'subsidy.register.get': query<DocumentRegister>('文書番号台帳の表示')(() => z.object({ fiscalYear: fiscalYearSchema }).strict()),
  /** The year's prefix and next number; the next number cannot go back to one already issued. */
  'subsidy.register.save': mutation<DocumentRegister>('文書番号の設定')(() => registerSeriesSchema),
  /**
   * 文書番号 for the prefecture's letters of one kind, one per center, consecutive
   * from the year's next number; a letter already numbered keeps its number.
   * Numbers are never given back, not even by 元に戻す.
   */
  /** Each center's letter of the kind as data (the prefecture's: those with a 文書番号 issued); what 様式 templates are filled from. */
  'subsidy.letters.data': query<SubsidyLetter[]>('補助金の文書の内容')(() =>
    z.object({ fiscalYear: fiscalYearSchema, kind: z.enum(LETTER_KINDS), centerIds: z.array(id).max(500).default([]) }).strict(),
  ),
  'subsidy.letters.issue': mutation<DocumentRegisterEntry[]>('文書番号の発番')(() => letterIssueSchema),
  /** A workbook with the year's columns and one row per center, to fill in and import. */
  'subsidy.import.template': query<FileOut>('補助金の申請取り込み用ひな形')(() => z.object({ fiscalYear: fiscalYearSchema }).strict()),
  /**
   * Each row of a year's applications: 'new' (a 交付申請 to enter), 'changed'
   * (replaces an application not yet decided), 'unchanged', or 'error' with
   * the row, column and reason. The label carries the computed 申請額.
   */
  'subsidy.import.preview': query<ImportPreview>('補助金の申請の取り込みの確認')(() => z.object(importFile).strict()),
  /** All rows or none; refused while any row not excluded has an error. */
  'subsidy.import.commit': mutation<ImportResult>('補助金の申請の取り込み')(() =>
    z.object({ ...importFile, excludeRows: z.array(z.number().int().positive()).default([]) }).strict(),
  ),
  ...exchangeOperations,
};
