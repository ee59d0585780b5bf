/** The fund's balance year by year: closing = opening + 積立 + 運用益 − 取崩, carried into the next year's opening. */
import { type FiscalYear, formatFiscalYear } from '../fiscal-year';
import { formatYen } from '../format';
import { type Yen, yen } from '../money';
import { type FundProblem, negativeAmountProblems } from './problems';

/**
 * What a year's 取崩 is, project by project: once its 出納整理期間 is over, a project with spending entered draws its
 * spending (up to its 基金充当額) and one without draws its plan. `spending`: every project draws its spending; `plan`:
 * every project its plan's 基金充当額 (a year still open, or none entered); `mixed`: some of each.
 */
export type WithdrawalBasis = 'spending' | 'plan' | 'mixed';

export interface BalanceYearInput {
  readonly fiscalYear: FiscalYear;
  /** 積立（国）: the national contribution received */
  readonly nationalContribution: Yen;
  /** 積立（都道府県） */
  readonly prefecturalContribution: Yen;
  /** 運用益 */
  readonly investmentIncome: Yen;
  /** 取崩 (planned or actual spending from the fund) */
  readonly withdrawal: Yen;
  /** Where {@link withdrawal} comes from. */
  readonly withdrawalFrom: WithdrawalBasis;
  /**
   * Whether the year's 積立・運用益 were entered. A year with a plan but none entered (after the last year entered, or
   * between two) counts them as 0: its 取崩 comes from the balance carried in alone, and the screen says 未登録.
   */
  readonly entered: boolean;
}

export interface BalanceYear extends BalanceYearInput {
  /** 期首残高: the year before's closing balance */
  readonly opening: Yen;
  /** 積立 = 国 + 都道府県 */
  readonly contributions: Yen;
  /** What may be drawn this year: opening + 積立 + 運用益 */
  readonly available: Yen;
  /** 期末残高 = available − 取崩 (negative when overdrawn; {@link checkBalance} flags it) */
  readonly closing: Yen;
}

/**
 * Rolls the balance forward over consecutive years (ascending, no gaps).
 * @example
 * rollForward(yen(500_000_000), [{ fiscalYear: fiscalYear(2022), nationalContribution: yen(1_933_333_333),
 *   prefecturalContribution: yen(966_666_667), investmentIncome: yen(123_456), withdrawal: yen(2_850_000_000),
 *   withdrawalFrom: 'plan', entered: true }])[0].closing
 * // 550_123_456
 */
export function rollForward(opening: Yen, years: readonly BalanceYearInput[]): BalanceYear[] {
  let carried: Yen = opening;
  return years.map((year, i): BalanceYear => {
    const previous = years[i - 1];
    if (previous && year.fiscalYear !== previous.fiscalYear + 1) {
      throw new RangeError(
        `基金残高は連続した年度で計算します: ${formatFiscalYear(previous.fiscalYear)}の次が${formatFiscalYear(year.fiscalYear)}になっています`,
      );
    }
    const contributions = yen(year.nationalContribution + year.prefecturalContribution);
    const available = yen(carried + contributions + year.investmentIncome);
    const closing = yen(available - year.withdrawal);
    const row: BalanceYear = { ...year, opening: carried, contributions, available, closing };
    carried = closing;
    return row;
  });
}

/** What to check when a year draws more than the fund holds: its 取崩 as it was taken (a spent year's is not a plan to cut). */
const OVERDRAW_ADVICE: Record<WithdrawalBasis, string> = {
  plan: '取崩（事業の基金充当額）を減らすか、積立の額を見直してください。',
  spending: 'この年度の取崩は執行額です。執行の記録と積立の額を確かめてください。',
  mixed: 'この年度の取崩は執行額（執行の記録がない事業は基金充当額）です。執行の記録と積立の額を確かめてください。',
};

/**
 * Refuses years whose 取崩 exceeds what the fund holds (opening + 積立 + 運用益),
 * naming the year in 和暦, and flags negative figures. Empty when every year is sound.
 * @example checkBalance(rows)[0].message // '令和5年度の取崩 3,300,000,000円が、取り崩せる額 3,250,222,221円（期首残高＋積立＋運用益）を 49,777,779円超えています。…'
 */
export function checkBalance(years: readonly BalanceYear[]): FundProblem[] {
  const problems: FundProblem[] = [];
  years.forEach((year, i) => {
    const inYear = (p: FundProblem): FundProblem => ({
      ...p,
      fiscalYear: year.fiscalYear,
      message: `${formatFiscalYear(year.fiscalYear)}: ${p.message}`,
    });
    problems.push(
      ...negativeAmountProblems({
        // Only the first year's opening is entered; later ones carry an overdraft already refused.
        ...(i === 0 ? { opening: year.opening } : {}),
        nationalContribution: year.nationalContribution,
        prefecturalContribution: year.prefecturalContribution,
        investmentIncome: year.investmentIncome,
        withdrawal: year.withdrawal,
      }).map(inYear),
    );
    if (year.withdrawal > year.available && !year.entered) {
      problems.push({
        code: 'withdrawal_exceeds_balance',
        fields: ['withdrawal'],
        fiscalYear: year.fiscalYear,
        message: `${formatFiscalYear(year.fiscalYear)}の積立・運用益は登録されていません。取崩 ${formatYen(year.withdrawal)}が、期首残高 ${formatYen(year.available)}だけでは ${formatYen(yen(year.withdrawal - year.available))}足りません。この年度の積立・運用益を入力してください。`,
      });
    } else if (year.withdrawal > year.available) {
      problems.push({
        code: 'withdrawal_exceeds_balance',
        fields: ['withdrawal'],
        fiscalYear: year.fiscalYear,
        message: `${formatFiscalYear(year.fiscalYear)}の取崩 ${formatYen(year.withdrawal)}が、取り崩せる額 ${formatYen(year.available)}（期首残高＋積立＋運用益）を ${formatYen(yen(year.withdrawal - year.available))}超えています。${OVERDRAW_ADVICE[year.withdrawalFrom]}`,
      });
    }
  });
  return problems;
}
