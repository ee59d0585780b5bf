/**
 * A whole year at once: every center's subsidy under one 要綱 and the total,
 * and the JSON document `renkei subsidy calc --input` reads (the 要綱 and
 * each center's amounts), with a problem named by its JSON path.
 */
import { z } from 'zod';
import { fiscalYearSchema } from '../contract/common';
import { lazySchema } from '../contract/define';
import { SUBSIDY_CLASSES } from '../masters/model';
import { type Yen, yen } from '../money';
import { allotAreaCaps, type CenterProfile, computeSubsidy, type SubsidyComputation, SubsidyInputError } from './compute';
import { type RulesBasis, type SubsidyInputs, subsidyInputsSchema, subsidyRulesSchema } from './rules';

export interface YearCenter extends CenterProfile {
  inputs: SubsidyInputs;
}

export interface YearComputation {
  centers: (CenterProfile & SubsidyComputation)[];
  total: Yen;
}

/** `centers[3].inputs.programs[0].totalCost` */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

/**
 * Every center's subsidy and their sum. A center the 要綱 does not fit stops
 * the whole computation with a SubsidyInputError whose path starts at it.
 * Where the 要綱 shares an area's ＩＣＴ 上限額, the centers' order in the
 * file is the order of allotment.
 * @example computeYear(rules, centers).total // Σ of each center's 交付額
 */
export function computeYear(rules: RulesBasis, centers: readonly YearCenter[]): YearComputation {
  let total = 0;
  const shares = allotAreaCaps(rules, centers);
  const results = centers.map((center, i) => {
    try {
      const share = shares[i];
      const { programs, total: amount } = computeSubsidy(rules, share ? { ...center, areaShare: share } : center, center.inputs);
      total += amount;
      return { name: center.name, subsidyClass: center.subsidyClass, areaId: center.areaId, programs, total: amount };
    } catch (error) {
      if (error instanceof SubsidyInputError) throw new SubsidyInputError(error.message, ['centers', i, 'inputs', ...error.path]);
      if (error instanceof RangeError) throw new SubsidyInputError(error.message, ['centers', i, 'inputs']);
      throw error;
    }
  });
  return { centers: results, total: yen(total) };
}

/** The input of `renkei subsidy calc --input FILE.json`. */
export const calcFileSchema = lazySchema(() =>
  z
    .object({
      /** Informational: the 年度 the file is for. */
      fiscalYear: fiscalYearSchema.optional(),
      rules: subsidyRulesSchema,
      centers: z
        .array(
          z
            .object({
              name: z.string().trim().min(1, { message: 'センター名を入力してください' }),
              subsidyClass: z.enum(SUBSIDY_CLASSES, { message: `補助区分は ${SUBSIDY_CLASSES.join(' / ')} のいずれかです` }),
              /** The 二次医療圏 whose ＩＣＴ 上限額 (rules.programs[].caps[].areaId) applies; null for none. */
              areaId: z.number().int().positive().nullable().default(null),
              inputs: subsidyInputsSchema,
            })
            .strict(),
        )
        .min(1, { message: 'センターを1つ以上入力してください' }),
    })
    .strict(),
);

export type CalcFile = z.output<typeof calcFileSchema>;
