/** A project's money for one year: 総事業費 = 基金充当額 (国 + 都道府県) + その他, with its 公/民 split. */
import { type Yen, yen } from '../money';
import { type FundProblem, negativeAmountProblems } from './problems';
import { checkFundSplit, checkPublicPrivateSplit, type FundSplit, type PublicPrivateSplit, splitFund } from './split';

/** The figures stored per project per budget version (事業に要する費用の額). */
export interface ProjectAmounts extends FundSplit, PublicPrivateSplit {
  /** 基金充当額 = 国 + 都道府県 */
  readonly fundAmount: Yen;
  /** その他 (e.g. the operator's own funds) */
  readonly otherAmount: Yen;
}

/** The stored figures plus the derived 総事業費. */
export interface AmountFigures extends ProjectAmounts {
  /** 総事業費 = 基金充当額 + その他 */
  readonly totalCost: Yen;
}

export type AmountField = keyof AmountFigures;

/** The order figures are listed in, as in the plan's 事業に要する費用の額. */
export const AMOUNT_FIELDS: readonly AmountField[] = [
  'totalCost',
  'fundAmount',
  'national',
  'prefectural',
  'otherAmount',
  'publicAmount',
  'privateAmount',
  'entrustedAmount',
];

export const ZERO_AMOUNTS: AmountFigures = Object.freeze({
  totalCost: yen(0),
  fundAmount: yen(0),
  national: yen(0),
  prefectural: yen(0),
  otherAmount: yen(0),
  publicAmount: yen(0),
  privateAmount: yen(0),
  entrustedAmount: yen(0),
});

export interface AmountsInput extends PublicPrivateSplit {
  readonly fundAmount: Yen;
  readonly otherAmount: Yen;
  /** A 国/県 split set by hand; without it the 2/3 rule of {@link splitFund} applies. */
  readonly split?: FundSplit;
}

/**
 * Builds a project's amounts, splitting the 基金充当額 by the rule unless overridden.
 * @example projectAmounts({ fundAmount: yen(85_419_000), otherAmount: yen(0), publicAmount: yen(0), privateAmount: yen(56_946_000), entrustedAmount: yen(56_946_000) }).national // 56_946_000
 */
export function projectAmounts(input: AmountsInput): ProjectAmounts {
  const split = input.split ?? splitFund(input.fundAmount);
  return {
    fundAmount: input.fundAmount,
    national: split.national,
    prefectural: split.prefectural,
    otherAmount: input.otherAmount,
    publicAmount: input.publicAmount,
    privateAmount: input.privateAmount,
    entrustedAmount: input.entrustedAmount,
  };
}

/** A line as typed or sent (plain numbers, a hand-set split or none), the yen checked by {@link yen}. */
export interface AmountsLine {
  readonly fundAmount: number;
  readonly otherAmount: number;
  readonly publicAmount: number;
  readonly privateAmount: number;
  readonly entrustedAmount: number;
  readonly split?: { readonly national: number; readonly prefectural: number } | null;
}

/** {@link projectAmounts} of a line as the contract carries it: what the core stores, and what the 基金 table shows while it saves. */
export function lineAmounts(line: AmountsLine): ProjectAmounts {
  return projectAmounts({
    fundAmount: yen(line.fundAmount),
    otherAmount: yen(line.otherAmount),
    publicAmount: yen(line.publicAmount),
    privateAmount: yen(line.privateAmount),
    entrustedAmount: yen(line.entrustedAmount),
    ...(line.split ? { split: { national: yen(line.split.national), prefectural: yen(line.split.prefectural) } } : {}),
  });
}

/**
 * 総事業費 = 基金充当額 + その他.
 * @example totalCost({ ...amounts, fundAmount: yen(120_000_000), otherAmount: yen(60_000_000) }) // 180_000_000
 */
export function totalCost(amounts: ProjectAmounts): Yen {
  return yen(amounts.fundAmount + amounts.otherAmount);
}

/**
 * The figures with 総事業費 added.
 * @example figuresOf(amounts).totalCost // fundAmount + otherAmount
 */
export function figuresOf(amounts: ProjectAmounts): AmountFigures {
  return { totalCost: totalCost(amounts), ...pickAmounts(amounts) };
}

function pickAmounts(a: ProjectAmounts): ProjectAmounts {
  return {
    fundAmount: a.fundAmount,
    national: a.national,
    prefectural: a.prefectural,
    otherAmount: a.otherAmount,
    publicAmount: a.publicAmount,
    privateAmount: a.privateAmount,
    entrustedAmount: a.entrustedAmount,
  };
}

/**
 * Field-by-field sum of many projects' amounts, in whole yen.
 * @example sumAmounts([a, b]).fundAmount // a.fundAmount + b.fundAmount
 */
export function sumAmounts(list: Iterable<ProjectAmounts>): AmountFigures {
  const sum: Record<AmountField, number> = { ...ZERO_AMOUNTS };
  for (const a of list) {
    sum.fundAmount += a.fundAmount;
    sum.national += a.national;
    sum.prefectural += a.prefectural;
    sum.otherAmount += a.otherAmount;
    sum.publicAmount += a.publicAmount;
    sum.privateAmount += a.privateAmount;
    sum.entrustedAmount += a.entrustedAmount;
  }
  sum.totalCost = sum.fundAmount + sum.otherAmount;
  const figures = {} as Record<AmountField, Yen>;
  for (const field of AMOUNT_FIELDS) figures[field] = yen(sum[field]);
  return figures;
}

/**
 * Everything wrong with a project's amounts: negative figures, a 国/県 split
 * that does not add up to the 基金充当額, a 公/民 split that does not add up
 * to 国, うち受託事業等 beyond 民. Empty when sound; never throws.
 * @example validateProjectAmounts({ ...amounts, otherAmount: yen(-5) })[0].code // 'negative_amount'
 */
export function validateProjectAmounts(amounts: ProjectAmounts): FundProblem[] {
  const split = checkFundSplit(amounts.fundAmount, amounts);
  const publicPrivate = checkPublicPrivateSplit(amounts.national, amounts);
  return [...split, ...negativeAmountProblems({ otherAmount: amounts.otherAmount }), ...publicPrivate];
}
