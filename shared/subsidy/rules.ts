/**
 * A fiscal year's 交付要綱 as data: its programs (第3条), each with the rows of
 * its 別表 — 区分 (運営事業, by the center's 補助区分) or 種目 (ＩＣＴ) with
 * 基準額, 対象経費 and 補助率 as an exact fraction — the ＩＣＴ 上限額 per
 * 二次医療圏 and the rounding unit of 第4条. Checked by one schema when the
 * officer saves it and again whenever it is read back, as is the snapshot
 * of it each step keeps; and the amounts a center enters against it.
 */
import { z } from 'zod';
import { fiscalYearSchema, yenAmountSchema } from '../contract/common';
import { lazySchema } from '../contract/define';
import { SUBSIDY_CLASS_LABELS, SUBSIDY_CLASSES } from '../masters/model';

export const PROGRAM_KINDS = ['operating', 'ict'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];
export const PROGRAM_KIND_LABELS: Record<ProgramKind, string> = {
  operating: '運営事業（区分ごとの基準額）',
  ict: 'ＩＣＴ整備事業（種目ごとの基準額）',
};

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label}を入力してください` })
    .max(max, { message: `${label}は${max}文字以内で入力してください` });

/** 補助率 as the 要綱 prints it (10/10 stays 10/10); never above 1. */
export const rateSchema = lazySchema(() =>
  z
    .object({
      numerator: z
        .number({ message: '補助率の分子は整数で入力してください' })
        .int({ message: '補助率の分子は整数で入力してください' })
        .min(0, { message: '補助率の分子は0以上にしてください' }),
      denominator: z
        .number({ message: '補助率の分母は整数で入力してください' })
        .int({ message: '補助率の分母は整数で入力してください' })
        .min(1, { message: '補助率の分母は1以上にしてください' }),
    })
    .strict()
    .refine((r) => r.numerator <= r.denominator, { message: '補助率は10/10（1）以下にしてください' }),
);

/** 別表1: one row per 補助区分 (新潟市・長岡市・上越 / other 郡市医師会 / 県医師会). */
export const operatingRowSchema = lazySchema(() =>
  z
    .object({
      class: z.enum(SUBSIDY_CLASSES, { message: '区分は台帳の補助区分から選んでください' }),
      label: text('区分の名前', 100),
      baseAmount: yenAmountSchema('基準額'),
      coveredExpenses: z.string().trim().max(400, { message: '対象経費は400文字以内で入力してください' }).default(''),
      rate: rateSchema,
    })
    .strict(),
);

/** 別表2: one row per 種目. */
export const ictRowSchema = lazySchema(() =>
  z
    .object({
      item: z
        .string()
        .trim()
        .regex(/^[a-z0-9_]{1,30}$/, { message: '種目のコードは半角英小文字・数字・_ の30文字以内で入力してください' }),
      label: text('種目の名前', 100),
      baseAmount: yenAmountSchema('基準額'),
      coveredExpenses: z.string().trim().max(400, { message: '対象経費は400文字以内で入力してください' }).default(''),
      rate: rateSchema,
      /** The rate applies in the project's first year only (ＩＣＴシステム構築費 10/10). */
      firstYearOnly: z.boolean().default(false),
    })
    .strict(),
);

/**
 * How 第4条(2)'s 「二次医療圏単位で別に定める額を交付額の上限とする」 is read:
 * 'center' — each center of the area is held to the whole 上限額 on its own
 * (the reading before the setting existed, so the default); 'area' — the
 * centers of one area share one 上限額, allotted in center-number order,
 * each getting min(its computed amount, what the centers before it left).
 */
export const CAP_SCOPES = ['center', 'area'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];
export const CAP_SCOPE_LABELS: Record<CapScope, string> = {
  center: 'センターごと（各センターに二次医療圏の上限額を適用）',
  area: '二次医療圏単位（圏域のセンターで按分、センター番号順）',
};

/** 上限額 of the ＩＣＴ program for the centers of one 二次医療圏 (台帳 area of kind 'secondary'). */
export const areaCapSchema = lazySchema(() => z.object({ areaId: z.number().int().positive(), cap: yenAmountSchema('上限額') }).strict());

const programCode = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,30}$/, { message: '事業のコードは半角英小文字・数字・_ の30文字以内で入力してください' }),
);

export const programSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z
      .object({ kind: z.literal('operating'), code: programCode, name: text('事業名', 100), rows: z.array(operatingRowSchema).max(20) })
      .strict(),
    z
      .object({
        kind: z.literal('ict'),
        code: programCode,
        name: text('事業名', 100),
        rows: z.array(ictRowSchema).max(100),
        caps: z.array(areaCapSchema).max(200).default([]),
        capScope: z.enum(CAP_SCOPES, { message: '上限額の適用単位を選んでください' }).default('center'),
      })
      .strict(),
  ]),
);

const rulesFields = {
  title: lazySchema(() => text('要綱の名前', 200)),
  /** The 基金 project the subsidy draws on; decisions are booked as its spending. */
  fundProjectId: lazySchema(() => z.number().int().positive().nullable().default(null)),
  /** 第4条: each program's amount rounded down to this many yen before summing. */
  roundingUnit: lazySchema(() => z.number().int().positive({ message: '端数処理の単位は1円以上にしてください' }).default(1000)),
  programs: lazySchema(() => z.array(programSchema).min(1, { message: '補助事業を1つ以上入力してください' }).max(20)),
  /**
   * The prefecture's 補助金等交付規則 as the letters cite it; '' = 「{都道府県}補助金等交付規則」 (shared/subsidy/letters.ts
   * regulationName).
   */
  regulationName: lazySchema(() =>
    z.string().trim().max(60, { message: '補助金等交付規則の名前は60文字以内で入力してください' }).default(''),
  ),
  /** The standard 交付の条件 of the 交付決定通知書, one per line; '' = the program's own (shared/subsidy/letters.ts). */
  conditions: lazySchema(() => z.string().trim().max(4000, { message: '交付の条件は4000文字以内で入力してください' }).default('')),
  /**
   * The article of the 要綱 that asks for the 消費税及び地方消費税に係る仕入控除税額報告書
   * (e.g. 第9条); '' = this 要綱 does not ask for it, and the letter is not offered.
   */
  taxCreditArticle: lazySchema(() =>
    z.string().trim().max(40, { message: '仕入控除税額報告の条項は40文字以内で入力してください' }).default(''),
  ),
};

/** Codes and 区分/種目 must be unique, so an input can name exactly one row. */
function checkUnique(rules: { programs: z.output<typeof programSchema>[] }, ctx: z.RefinementCtx): void {
  const codes = new Set<string>();
  rules.programs.forEach((p, i) => {
    if (codes.has(p.code))
      ctx.addIssue({
        code: 'custom',
        path: ['programs', i, 'code'],
        message: `事業のコード「${p.code}」が重複しています。別のコードにしてください`,
      });
    codes.add(p.code);
    const keys = new Set<string>();
    p.rows.forEach((row, j) => {
      const key = 'class' in row ? row.class : row.item;
      if (keys.has(key)) {
        const what = 'class' in row ? `区分「${SUBSIDY_CLASS_LABELS[row.class]}」` : `種目のコード「${row.item}」`;
        ctx.addIssue({
          code: 'custom',
          path: ['programs', i, 'rows', j],
          message: `「${p.name}」の${what}が重複しています。1行にまとめてください`,
        });
      }
      keys.add(key);
    });
    if (p.kind === 'ict') {
      const areas = new Set<number>();
      p.caps.forEach((c, j) => {
        if (areas.has(c.areaId))
          ctx.addIssue({
            code: 'custom',
            path: ['programs', i, 'caps', j, 'areaId'],
            message: `「${p.name}」の上限額で同じ二次医療圏が2回指定されています`,
          });
        areas.add(c.areaId);
      });
    }
  });
}

export const subsidyRulesSchema = lazySchema(() => z.object(rulesFields).strict().superRefine(checkUnique));

/** The 要綱 with the fiscal year it is for, as subsidy.rules.save takes it. */
export const subsidyRulesOfYearSchema = lazySchema(() =>
  z
    .object({ fiscalYear: fiscalYearSchema, ...rulesFields })
    .strict()
    .superRefine(checkUnique),
);

/**
 * The 要綱 a step was computed under, kept with the step: the computing part
 * (programs, rows, rates, caps, rounding) and which revision of the year's
 * 要綱 it was, saved when.
 */
export const rulesSnapshotSchema = lazySchema(() =>
  z
    .object({
      revision: z.number().int().positive(),
      /** ISO instant the revision was saved. */
      savedAt: z.string(),
      roundingUnit: rulesFields.roundingUnit,
      programs: rulesFields.programs,
    })
    .strict()
    .superRefine(checkUnique),
);

export type SubsidyRules = z.output<typeof subsidyRulesSchema>;
export type RulesSnapshot = z.output<typeof rulesSnapshotSchema>;
/** What the 第4条 formulas need of a 要綱: the current one, an edited copy (試算) or a step's snapshot. */
export type RulesBasis = Pick<SubsidyRules, 'roundingUnit' | 'programs'>;
export type SubsidyProgram = SubsidyRules['programs'][number];
export type OperatingProgram = Extract<SubsidyProgram, { kind: 'operating' }>;
export type IctProgram = Extract<SubsidyProgram, { kind: 'ict' }>;
export type OperatingRow = z.output<typeof operatingRowSchema>;
export type IctRow = z.output<typeof ictRowSchema>;
export type Rate = z.output<typeof rateSchema>;

/**
 * Each 種目 once: two entries of one 種目 would each be held to its 基準額
 * separately, so splitting a purchase in two would double the subsidy.
 */
function refuseRepeatedItems(items: { item: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach(({ item }, j) => {
    if (seen.has(item))
      ctx.addIssue({
        code: 'custom',
        path: [j, 'item'],
        message: `種目「${item}」の対象経費が2回入力されています。1つにまとめて合計額を入力してください`,
      });
    seen.add(item);
  });
}

/**
 * What a center reports for one program: 総事業費 and 寄付金その他収入額,
 * and 対象経費の支出（予定）額 — for the 運営事業 as one amount, for the ＩＣＴ
 * program per 種目 with whether this is the project's first year.
 */
export const programInputSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('operating'),
        code: programCode,
        totalCost: yenAmountSchema('総事業費'),
        otherIncome: yenAmountSchema('寄付金その他収入額'),
        eligibleExpense: yenAmountSchema('対象経費の支出（予定）額'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('ict'),
        code: programCode,
        totalCost: yenAmountSchema('総事業費'),
        otherIncome: yenAmountSchema('寄付金その他収入額'),
        firstYear: z.boolean().default(false),
        items: z
          .array(z.object({ item: z.string().trim().min(1), eligibleExpense: yenAmountSchema('対象経費の支出（予定）額') }).strict())
          .max(100)
          .superRefine(refuseRepeatedItems),
      })
      .strict(),
  ]),
);

/** The amounts of an application, a change, or the actuals: one entry per program applied for. */
export const subsidyInputsSchema = lazySchema(() =>
  z
    .object({ programs: z.array(programInputSchema).max(20) })
    .strict()
    .superRefine((inputs, ctx) => {
      const codes = new Set<string>();
      inputs.programs.forEach((p, i) => {
        if (codes.has(p.code))
          ctx.addIssue({
            code: 'custom',
            path: ['programs', i, 'code'],
            message: `事業「${p.code}」の金額が2回入力されています。1つにまとめてください`,
          });
        codes.add(p.code);
      });
    }),
);

export type ProgramInput = z.output<typeof programInputSchema>;
export type SubsidyInputs = z.output<typeof subsidyInputsSchema>;
