/** How a 基金充当額 divides between 国 and 都道府県, and between 公 and 民: the rule and its checks. */

import type { OperatorKind } from '../contract/fund';
import { formatYen } from '../format';
import { applyRateFloor, type Fraction, fraction } from '../fraction';
import { type Yen, yen } from '../money';
import { type FundProblem, negativeAmountProblems } from './problems';

/** The fund is financed 国 2/3 : 都道府県 1/3. */
export const NATIONAL_SHARE: Fraction = fraction(2, 3);

export interface FundSplit {
  /** 国 */
  readonly national: Yen;
  /** 都道府県 */
  readonly prefectural: Yen;
}

/**
 * The split rule on whole yen: 国 = floor(基金充当額 × 2/3), 都道府県 = 基金充当額 − 国.
 * The prefecture takes the odd yen, so the two always add up to the amount.
 * @example
 * splitFund(yen(1_000))      // { national: 666, prefectural: 334 }
 * splitFund(yen(85_419_000)) // { national: 56_946_000, prefectural: 28_473_000 }
 * splitFund(yen(1))          // { national: 0, prefectural: 1 }
 * splitFund(yen(2))          // { national: 1, prefectural: 1 }
 */
export function splitFund(fundAmount: Yen, nationalShare: Fraction = NATIONAL_SHARE): FundSplit {
  if (fundAmount < 0) throw new RangeError(`基金充当額に負の金額は使えません: ${fundAmount}`);
  const national = applyRateFloor(fundAmount, nationalShare);
  return { national, prefectural: yen(fundAmount - national) };
}

/**
 * Whether a split is the one the rule gives (false: the user set it by hand).
 * @example isRuleSplit(yen(1_000), { national: yen(667), prefectural: yen(333) }) // false
 */
export function isRuleSplit(fundAmount: Yen, split: FundSplit): boolean {
  if (fundAmount < 0) return false;
  const rule = splitFund(fundAmount);
  return rule.national === split.national && rule.prefectural === split.prefectural;
}

/**
 * Checks a 国/県 split (the rule's or a user's override) against the 基金充当額.
 * Returns the problems found, empty when the split is sound; never throws.
 * @example checkFundSplit(yen(1_000), { national: yen(700), prefectural: yen(334) })[0].message
 * // '国と県の合計が基金充当額と一致しません（差額 34円）。…'
 */
export function checkFundSplit(fundAmount: Yen, split: FundSplit): FundProblem[] {
  const problems = negativeAmountProblems({ fundAmount, national: split.national, prefectural: split.prefectural });
  const difference = split.national + split.prefectural - fundAmount;
  if (difference !== 0) {
    problems.push({
      code: 'split_mismatch',
      fields: ['national', 'prefectural'],
      message: `国と県の合計が基金充当額と一致しません（差額 ${formatYen(yen(Math.abs(difference)))}）。合計が ${formatYen(fundAmount)}になるよう国または県の額を直してください。`,
    });
  }
  return problems;
}

export interface PublicPrivateSplit {
  /** 公 */
  readonly publicAmount: Yen;
  /** 民 */
  readonly privateAmount: Yen;
  /** うち受託事業等 (再掲: a part of 民) */
  readonly entrustedAmount: Yen;
}

/** The 事業主体 whose 基金 is 公: the 県 and the 市町村. A 医師会's or a 民間 body's is 民. */
const PUBLIC_OPERATORS: readonly OperatorKind[] = ['prefecture', 'municipality'];

/**
 * The 公/民 split of a project's 国 share, from the split written (a row of
 * the import, or the line before its 基金充当額 changed): a project wholly 公
 * or wholly 民 keeps to its side as its 国 share changes; with neither, the
 * 事業主体 decides — a project run by the 県 or a 市町村 is 公, any other 民.
 * Both written, they are kept as written, for the check to judge.
 * @example publicPrivateOf(yen(3_333_333), { publicAmount: yen(0), privateAmount: yen(0) }, 'prefecture') // { publicAmount: 3_333_333, privateAmount: 0 }
 */
export function publicPrivateOf(
  national: Yen,
  written: { publicAmount: Yen; privateAmount: Yen },
  operatorKind: OperatorKind,
): { publicAmount: Yen; privateAmount: Yen } {
  if (written.publicAmount !== 0 && written.privateAmount !== 0) {
    return { publicAmount: written.publicAmount, privateAmount: written.privateAmount };
  }
  const toPublic = written.publicAmount > 0 || (written.privateAmount === 0 && PUBLIC_OPERATORS.includes(operatorKind));
  return toPublic ? { publicAmount: national, privateAmount: yen(0) } : { publicAmount: yen(0), privateAmount: national };
}

/**
 * A line of both 公 and 民 divided again over a new 国 share, in the proportion it had: 公 rounded down, 民 the rest,
 * so the two make 国 — a project that funds both public and private bodies keeps funding both as its amount changes.
 * @example keepPublicPrivateProportion(yen(3_333_333), { publicAmount: yen(1_000_000), privateAmount: yen(2_000_000) }) // { publicAmount: 1_111_111, privateAmount: 2_222_222 }
 */
export function keepPublicPrivateProportion(
  national: Yen,
  before: { publicAmount: Yen; privateAmount: Yen },
): { publicAmount: Yen; privateAmount: Yen } {
  const publicAmount = applyRateFloor(national, fraction(before.publicAmount, before.publicAmount + before.privateAmount));
  return { publicAmount, privateAmount: yen(national - publicAmount) };
}

/**
 * うち受託事業等 after 民 was divided again: the same part of the new 民 as of the old, rounded down, so it stays
 * within 民 and goes back to what it was when 民 does (halved, then doubled); nothing when there was no 民.
 * @example keepEntrustedProportion(yen(4_000_000), { privateAmount: yen(2_000_000), entrustedAmount: yen(1_000_000) }) // 2_000_000
 */
export function keepEntrustedProportion(privateAmount: Yen, before: { privateAmount: Yen; entrustedAmount: Yen }): Yen {
  if (before.privateAmount <= 0) return yen(0);
  const kept = applyRateFloor(privateAmount, fraction(Math.max(0, before.entrustedAmount), before.privateAmount));
  return yen(Math.min(kept, privateAmount));
}

/**
 * Checks the 公/民 split. The 都道府県計画's form splits the 国費 part of the
 * 基金充当額 ("基金充当額（国費）における公民の別"), so 公 + 民 must equal 国,
 * and うち受託事業等, a part of 民 shown again, may not exceed 民.
 * @example checkPublicPrivateSplit(yen(56_946_000), { publicAmount: yen(0), privateAmount: yen(56_946_000), entrustedAmount: yen(56_946_000) }) // []
 */
export function checkPublicPrivateSplit(national: Yen, split: PublicPrivateSplit): FundProblem[] {
  const problems = negativeAmountProblems({
    publicAmount: split.publicAmount,
    privateAmount: split.privateAmount,
    entrustedAmount: split.entrustedAmount,
  });
  const difference = split.publicAmount + split.privateAmount - national;
  if (difference !== 0) {
    problems.push({
      code: 'public_private_mismatch',
      fields: ['publicAmount', 'privateAmount'],
      message: `公と民の合計が基金充当額（国費）と一致しません（差額 ${formatYen(yen(Math.abs(difference)))}）。合計が国の額 ${formatYen(national)}になるよう公または民の額を直してください。`,
    });
  }
  if (split.entrustedAmount > split.privateAmount) {
    problems.push({
      code: 'entrusted_exceeds_private',
      fields: ['entrustedAmount'],
      message: `うち受託事業等（${formatYen(split.entrustedAmount)}）が民（${formatYen(split.privateAmount)}）を超えています。受託事業等は民の内数で入力してください。`,
    });
  }
  return problems;
}
