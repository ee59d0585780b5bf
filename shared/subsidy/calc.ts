/**
 * The center subsidy of 新潟県在宅医療推進センター整備事業補助金交付要綱 第4条,
 * exactly: integer yen, rates as fractions, and every intermediate column
 * kept so a screen or a 所要額調書 can show how each yen was reached.
 *
 * (1) 運営事業: 選定額 = min(基準額, 対象経費の支出額); 補助基本額 = min(選定額,
 *     総事業費 − 寄付金その他収入額); 交付額 = 補助基本額 × 補助率, 1,000円未満切り捨て.
 * (2) ＩＣＴ連携システム整備事業: per 種目 min(基準額, 対象経費); their sum against
 *     (総事業費 − 寄付金…); each 種目's rate applied; capped at the area's 上限額;
 *     1,000円未満切り捨て.
 * The total is the sum of the programs' rounded amounts (第4条 柱書).
 *
 * 第4条(2) does not say how a 補助基本額 smaller than Σ選定額 is split among
 * 種目 of different rates. This reading — for the prefecture to confirm —
 * allots it to the 種目 in descending order of rate, each up to its 選定額
 * (equal rates in the 要綱's row order), so the shortfall falls on the
 * lowest rate first. Any split by weight (e.g. in proportion to 選定額) lets
 * a low-rate 種目 take basis from a high-rate one, so that spending more on
 * it lowers the subsidy. A 種目 whose rate is 0 this year (システム構築費
 * after the first year) is 対象外: its 選定額 is 0, so it takes no basis.
 */
import { compareFractions, type Fraction, formatFraction, fraction } from '../fraction';
import { floorToUnit, type Yen, yen } from '../money';

/** 第4条: each program's amount is rounded down to whole 1,000 円 before the programs are summed. */
export const ROUNDING_UNIT = 1000;

export interface CostBasis {
  /** 総事業費 */
  totalCost: Yen;
  /** 寄付金その他収入額 */
  otherIncome: Yen;
}

export interface OperatingInput extends CostBasis {
  /** 対象経費の支出（予定）額 */
  eligibleExpense: Yen;
  /** 基準額 (別表1 第2欄, by the center's class) */
  baseAmount: Yen;
  /** 補助率 (別表1 第4欄) */
  rate: Fraction;
  /** 第4条's 1,000円未満切り捨て unless a 要綱 says otherwise. */
  roundingUnit?: number;
}

/** The columns of the 所要額調書 for one program. */
export interface OperatingResult {
  totalCost: Yen;
  otherIncome: Yen;
  /** 差引額 = 総事業費 − 寄付金その他収入額, never below 0 (donations beyond the cost leave nothing to subsidise). */
  netCost: Yen;
  eligibleExpense: Yen;
  baseAmount: Yen;
  /** 選定額 */
  selected: Yen;
  /** 補助基本額 */
  basis: Yen;
  rate: Fraction;
  /** 交付（所要）額, after 1,000円未満切り捨て */
  amount: Yen;
}

function netCostOf({ totalCost, otherIncome }: CostBasis): Yen {
  return yen(Math.max(0, totalCost - otherIncome));
}

function assertNonNegative(name: string, value: Yen): void {
  if (value < 0) throw new RangeError(`${name} に負の金額は入力できません: ${value}`);
}

/** A first-year-only 種目 after its first year. */
const NO_RATE = fraction(0, 1);

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** BigInt floor of a non-negative rational. */
function floorRational(numerator: bigint, denominator: bigint): Yen {
  return yen(Number(numerator / denominator));
}

/**
 * Higher rate first. Rates of the 要綱 are small fractions, so the cross
 * products are compared as plain numbers while they stay exact; a year of
 * 1,000 centers × 20 種目 sorts 20,000 rates, where BigInt would cost more
 * than the rest of the formula.
 */
function byRateDescending(a: Fraction, b: Fraction): number {
  const lhs = b.numerator * a.denominator;
  const rhs = a.numerator * b.denominator;
  return Number.isSafeInteger(lhs) && Number.isSafeInteger(rhs) ? lhs - rhs : compareFractions(b, a);
}

/**
 * 第4条(1). Every intermediate column is returned.
 * @example operatingSubsidy({ totalCost: yen(5_000_000), otherIncome: yen(0), eligibleExpense: yen(4_600_000), baseAmount: yen(4_453_000), rate: fraction(10, 10) }).amount // 4_453_000
 */
export function operatingSubsidy(input: OperatingInput): OperatingResult {
  assertNonNegative('総事業費', input.totalCost);
  assertNonNegative('寄付金その他収入額', input.otherIncome);
  assertNonNegative('対象経費の支出額', input.eligibleExpense);
  assertNonNegative('基準額', input.baseAmount);
  const netCost = netCostOf(input);
  const selected = yen(Math.min(input.baseAmount, input.eligibleExpense));
  const basis = yen(Math.min(selected, netCost));
  const raw = floorRational(BigInt(basis) * BigInt(input.rate.numerator), BigInt(input.rate.denominator));
  return {
    totalCost: input.totalCost,
    otherIncome: input.otherIncome,
    netCost,
    eligibleExpense: input.eligibleExpense,
    baseAmount: input.baseAmount,
    selected,
    basis,
    rate: input.rate,
    amount: floorToUnit(raw, input.roundingUnit ?? ROUNDING_UNIT),
  };
}

export interface IctItemInput {
  /** 種目 (別表2 第1欄), e.g. ＩＣＴシステム構築費, タブレット端末購入費 */
  item: string;
  baseAmount: Yen;
  eligibleExpense: Yen;
  rate: Fraction;
  /** The rate applies in the project's first year only (ＩＣＴシステム構築費 10/10); later years get nothing for this 種目. */
  firstYearOnly?: boolean;
}

export interface IctInput extends CostBasis {
  items: IctItemInput[];
  /** This fiscal year is the project's first. */
  firstYear: boolean;
  /** 上限額 for the center's 二次医療圏; null when none is set. */
  cap: Yen | null;
  /** 第4条's 1,000円未満切り捨て unless a 要綱 says otherwise. */
  roundingUnit?: number;
}

export interface IctItemResult extends IctItemInput {
  /** min(基準額, 対象経費); 0 for a 種目 対象外 this year. */
  selected: Yen;
  /** The rate that applied this year (0 for a first-year-only 種目 after year one). */
  appliedRate: Fraction;
  /** 対象外 this year: its applied rate is 0, so it is not selected and takes no basis. */
  excluded: boolean;
  /** This 種目's part of the 補助基本額: allotted by descending rate, each up to its 選定額. */
  allotted: Yen;
}

export interface IctResult {
  totalCost: Yen;
  otherIncome: Yen;
  netCost: Yen;
  items: IctItemResult[];
  /** Σ 選定額 */
  selectedTotal: Yen;
  /** 補助基本額 = min(Σ 選定額, 差引額) */
  basis: Yen;
  /** Σ (each 種目's allotted basis × its rate), before the cap and rounding */
  beforeCap: Yen;
  cap: Yen | null;
  amount: Yen;
}

/**
 * 第4条(2), with the 補助基本額 allotted as the header says. The items keep
 * their order; ties in rate go to the one listed first.
 * @example ictSubsidy({ totalCost: yen(1_000_000), otherIncome: yen(0), firstYear: true, cap: null, items: [
 *   { item: 'system', baseAmount: yen(3_000_000), eligibleExpense: yen(1_000_000), rate: fraction(10, 10), firstYearOnly: true },
 *   { item: 'tablet', baseAmount: yen(1_000_000), eligibleExpense: yen(1_000_000), rate: fraction(1, 2) }] }).amount // 1_000_000
 */
export function ictSubsidy(input: IctInput): IctResult {
  assertNonNegative('総事業費', input.totalCost);
  assertNonNegative('寄付金その他収入額', input.otherIncome);
  const items: IctItemResult[] = input.items.map((item) => {
    assertNonNegative('基準額', item.baseAmount);
    assertNonNegative('対象経費の支出額', item.eligibleExpense);
    const appliedRate = item.firstYearOnly && !input.firstYear ? NO_RATE : item.rate;
    const excluded = appliedRate.numerator === 0;
    // Spelled out rather than spread: a year of 1,000 centers × 20 種目 runs this 20,000 times.
    const { item: code, baseAmount, eligibleExpense, rate, firstYearOnly } = item;
    const selected = excluded ? yen(0) : yen(Math.min(baseAmount, eligibleExpense));
    return {
      item: code,
      baseAmount,
      eligibleExpense,
      rate,
      firstYearOnly: firstYearOnly ?? false,
      selected,
      appliedRate,
      excluded,
      allotted: yen(0),
    };
  });
  const netCost = netCostOf(input);
  const selectedTotal = yen(items.reduce((sum, i) => sum + i.selected, 0));
  const basis = yen(Math.min(selectedTotal, netCost));

  if (basis === selectedTotal) {
    // Nothing falls short (the usual case): each 種目 keeps its whole 選定額, whatever the order.
    for (const i of items) i.allotted = i.selected;
  } else {
    // The sort is stable, so equal rates keep the items' order.
    let left: number = basis;
    for (const i of [...items].sort((a, b) => byRateDescending(a.appliedRate, b.appliedRate))) {
      i.allotted = yen(Math.min(i.selected, left));
      left -= i.allotted;
    }
  }

  // Σ allottedᵢ × rateᵢ, as one exact fraction over the least common denominator of the rates.
  let denominator = 1n;
  for (const i of items) {
    const d = BigInt(i.appliedRate.denominator);
    denominator = (denominator / gcd(denominator, d)) * d;
  }
  let numerator = 0n;
  for (const i of items) {
    numerator += BigInt(i.allotted) * BigInt(i.appliedRate.numerator) * (denominator / BigInt(i.appliedRate.denominator));
  }
  const beforeCap = floorRational(numerator, denominator);
  const capped = input.cap === null ? beforeCap : yen(Math.min(beforeCap, input.cap));
  return {
    totalCost: input.totalCost,
    otherIncome: input.otherIncome,
    netCost,
    items,
    selectedTotal,
    basis,
    beforeCap,
    cap: input.cap,
    amount: floorToUnit(capped, input.roundingUnit ?? ROUNDING_UNIT),
  };
}

/** The subsidy of one center for one year: the programs it applied for and their sum. */
export function centerSubsidy(programs: { operating?: OperatingInput; ict?: IctInput }) {
  const operating = programs.operating ? operatingSubsidy(programs.operating) : null;
  const ict = programs.ict ? ictSubsidy(programs.ict) : null;
  return { operating, ict, total: yen((operating?.amount ?? 0) + (ict?.amount ?? 0)) };
}

/** The 補助率 as subsidy documents print it: a whole rate as 「10/10」, others as the fraction (「1/2」). */
export function rateText(rate: Fraction): string {
  return rate.numerator === rate.denominator ? '10/10' : formatFraction(rate);
}
