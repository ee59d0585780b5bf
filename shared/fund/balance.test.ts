import { describe, expect, it } from 'vitest';
import { fiscalYear } from '../fiscal-year';
import { yen } from '../money';
import { type BalanceYearInput, checkBalance, rollForward } from './balance';
import { splitFund } from './split';

// 令和4年度: Niigata's 医療分 of 2,900,000,000円 (DOMAIN §3) received as 積立, split by the 2/3 rule.
const r4Contributions = splitFund(yen(2_900_000_000));

const years: BalanceYearInput[] = [
  {
    fiscalYear: fiscalYear(2022),
    nationalContribution: r4Contributions.national,
    prefecturalContribution: r4Contributions.prefectural,
    investmentIncome: yen(123_456),
    withdrawal: yen(2_850_000_000),
    withdrawalFrom: 'plan',
    entered: true,
  },
  {
    fiscalYear: fiscalYear(2023),
    nationalContribution: yen(1_800_000_000),
    prefecturalContribution: yen(900_000_000),
    investmentIncome: yen(98_765),
    withdrawal: yen(3_000_000_000),
    withdrawalFrom: 'plan',
    entered: true,
  },
  {
    fiscalYear: fiscalYear(2024),
    nationalContribution: yen(1_600_000_000),
    prefecturalContribution: yen(800_000_000),
    investmentIncome: yen(45_678),
    withdrawal: yen(2_500_000_000),
    withdrawalFrom: 'plan',
    entered: true,
  },
];

describe('the fund balance across years', () => {
  it('rolls forward over three years: closing = opening + 積立 + 運用益 − 取崩, carried into the next opening', () => {
    expect(r4Contributions).toEqual({ national: 1_933_333_333, prefectural: 966_666_667 });
    const rows = rollForward(yen(500_000_000), years);
    expect(rows.map((r) => [r.opening, r.contributions, r.available, r.closing])).toEqual([
      // 500,000,000 + 2,900,000,000 + 123,456 = 3,400,123,456; − 2,850,000,000
      [500_000_000, 2_900_000_000, 3_400_123_456, 550_123_456],
      // 550,123,456 + 2,700,000,000 + 98,765 = 3,250,222,221; − 3,000,000,000
      [550_123_456, 2_700_000_000, 3_250_222_221, 250_222_221],
      // 250,222,221 + 2,400,000,000 + 45,678 = 2,650,267,899; − 2,500,000,000
      [250_222_221, 2_400_000_000, 2_650_267_899, 150_267_899],
    ]);
    expect(checkBalance(rows)).toEqual([]);
  });

  it('refuses a year whose 取崩 exceeds what the fund holds, naming it in 和暦', () => {
    const overdrawn = years.map((y) => (y.fiscalYear === 2023 ? { ...y, withdrawal: yen(3_300_000_000) } : y));
    const rows = rollForward(yen(500_000_000), overdrawn);
    expect(rows[1]?.closing).toBe(-49_777_779);
    // The overdraft carries into 令和6年度's opening, which then cannot cover its own 取崩 either:
    // −49,777,779 + 2,400,000,000 + 45,678 = 2,350,267,899 < 2,500,000,000.
    expect(checkBalance(rows)).toEqual([
      {
        code: 'withdrawal_exceeds_balance',
        fields: ['withdrawal'],
        fiscalYear: 2023,
        message:
          '令和5年度の取崩 3,300,000,000円が、取り崩せる額 3,250,222,221円（期首残高＋積立＋運用益）を 49,777,779円超えています。取崩（事業の基金充当額）を減らすか、積立の額を見直してください。',
      },
      {
        code: 'withdrawal_exceeds_balance',
        fields: ['withdrawal'],
        fiscalYear: 2024,
        message:
          '令和6年度の取崩 2,500,000,000円が、取り崩せる額 2,350,267,899円（期首残高＋積立＋運用益）を 149,732,101円超えています。取崩（事業の基金充当額）を減らすか、積立の額を見直してください。',
      },
    ]);
  });

  it('says a year drawing more than it carried in has no 積立・運用益 entered, rather than asking to check them', () => {
    // 令和5年度 has a plan but its 積立・運用益 are not entered (deleted, or not yet typed): 550,123,456 carried in.
    const rows = rollForward(yen(500_000_000), [
      years[0]!,
      { ...years[1]!, nationalContribution: yen(0), prefecturalContribution: yen(0), investmentIncome: yen(0), entered: false },
    ]);
    expect(checkBalance(rows).map((p) => p.message)).toEqual([
      '令和5年度の積立・運用益は登録されていません。取崩 3,000,000,000円が、期首残高 550,123,456円だけでは 2,449,876,544円足りません。この年度の積立・運用益を入力してください。',
    ]);
  });

  it('allows drawing exactly what the fund holds', () => {
    const rows = rollForward(yen(0), [{ ...years[0]!, withdrawal: yen(2_900_123_456) }]);
    expect(rows[0]?.closing).toBe(0);
    expect(checkBalance(rows)).toEqual([]);
  });

  it('flags a negative figure with its year', () => {
    const rows = rollForward(yen(-1), [{ ...years[0]!, investmentIncome: yen(-10) }]);
    expect(checkBalance(rows).map((p) => p.message)).toEqual([
      '令和4年度: 「期首残高」に負の金額は入力できません（-1円）。0円以上で入力してください。',
      '令和4年度: 「運用益」に負の金額は入力できません（-10円）。0円以上で入力してください。',
    ]);
  });

  it('refuses years that are not consecutive', () => {
    expect(() => rollForward(yen(0), [years[0]!, years[2]!])).toThrow('令和4年度の次が令和6年度になっています');
  });
});
