import { describe, expect, it } from 'vitest';
import { formatRate } from '../format';
import { yen } from '../money';
import { type ProjectAmounts, projectAmounts } from './amounts';
import { DEFAULT_FUND_CATEGORIES } from './categories';
import { splitFund } from './split';
import { computeYearView, recomputeYearView, type SpendingEntry, type YearProject } from './year';

/** Amounts of a private operator's project, split by the 2/3 rule. */
function privateProject(fundAmount: number, otherAmount: number): ProjectAmounts {
  const { national } = splitFund(yen(fundAmount));
  return projectAmounts({
    fundAmount: yen(fundAmount),
    otherAmount: yen(otherAmount),
    publicAmount: yen(0),
    privateAmount: national,
    entrustedAmount: yen(0),
  });
}

// Given out of order on purpose: the view must group them by 区分 order.
const projects: YearProject[] = [
  { id: 3, name: '訪問看護ステーション支援事業（架空）', categoryCode: 'Ⅱ', amounts: privateProject(10_000_001, 2_000_000) },
  { id: 2, name: '病床機能転換施設整備事業（架空）', categoryCode: 'Ⅰ-1', amounts: privateProject(120_000_000, 60_000_000) },
  { id: 4, name: '医師確保修学資金貸与事業（架空）', categoryCode: 'Ⅳ', amounts: privateProject(30_000_000, 0) },
  { id: 1, name: '在宅医療推進センター整備事業', categoryCode: 'Ⅱ', amounts: privateProject(85_419_000, 0) },
];

const entries: SpendingEntry[] = [
  { projectId: 1, amount: yen(30_000_000) },
  { projectId: 2, amount: yen(100_000_000) },
  { projectId: 4, amount: yen(29_999_999) },
  { projectId: 1, amount: yen(12_345_678) },
  { projectId: 2, amount: yen(80_500_000) },
];

describe('the year view', () => {
  const view = computeYearView(DEFAULT_FUND_CATEGORIES, projects, entries);

  it('groups projects by 区分 in the list’s order, keeping input order inside a group', () => {
    expect(view.groups.map((g) => [g.categoryCode, g.rows.map((r) => r.projectId)])).toEqual([
      ['Ⅰ-1', [2]],
      ['Ⅱ', [3, 1]],
      ['Ⅳ', [4]],
    ]);
    expect(view.groups[1]?.category?.label).toBe('居宅等における医療の提供に関する事業');
  });

  it('gives each project its 総事業費, 基金 (国/県), その他, 執行額, 残額 and 執行率', () => {
    const center = view.groups[1]?.rows[1];
    expect(center).toEqual({
      projectId: 1,
      name: '在宅医療推進センター整備事業',
      totalCost: 85_419_000,
      fundAmount: 85_419_000,
      national: 56_946_000,
      prefectural: 28_473_000,
      otherAmount: 0,
      spent: 42_345_678,
      remaining: 43_073_322,
      executionRate: { numerator: 42_345_678, denominator: 85_419_000 },
    });
    // 10,000,001 × 2/3 = 6,666,667.33… → 国 6,666,667, 県 3,333,334.
    expect(view.groups[1]?.rows[0]).toMatchObject({
      totalCost: 12_000_001,
      national: 6_666_667,
      prefectural: 3_333_334,
      spent: 0,
      remaining: 12_000_001,
    });
  });

  it('adds subtotals per 区分 and a total that agree to the yen', () => {
    expect(view.groups.map((g) => g.subtotal)).toEqual([
      {
        totalCost: 180_000_000,
        fundAmount: 120_000_000,
        national: 80_000_000,
        prefectural: 40_000_000,
        otherAmount: 60_000_000,
        spent: 180_500_000,
        remaining: -500_000,
        executionRate: { numerator: 180_500_000, denominator: 180_000_000 },
      },
      {
        totalCost: 97_419_001,
        fundAmount: 95_419_001,
        national: 63_612_667,
        prefectural: 31_806_334,
        otherAmount: 2_000_000,
        spent: 42_345_678,
        remaining: 55_073_323,
        executionRate: { numerator: 42_345_678, denominator: 97_419_001 },
      },
      {
        totalCost: 30_000_000,
        fundAmount: 30_000_000,
        national: 20_000_000,
        prefectural: 10_000_000,
        otherAmount: 0,
        spent: 29_999_999,
        remaining: 1,
        executionRate: { numerator: 29_999_999, denominator: 30_000_000 },
      },
    ]);
    expect(view.total).toEqual({
      totalCost: 307_419_001,
      fundAmount: 245_419_001,
      national: 163_612_667,
      prefectural: 81_806_334,
      otherAmount: 62_000_000,
      spent: 252_845_677,
      remaining: 54_573_324,
      executionRate: { numerator: 252_845_677, denominator: 307_419_001 },
    });
    expect(formatRate(view.total.executionRate.numerator, view.total.executionRate.denominator)).toBe('82.2%');
  });

  it('flags spending beyond the 総事業費, naming the project and the excess', () => {
    expect(view.problems).toEqual([
      {
        code: 'overspent',
        fields: ['spent'],
        projectId: 2,
        message:
          '事業「病床機能転換施設整備事業（架空）」の執行額 180,500,000円が総事業費 180,000,000円を 500,000円超えています。執行の記録を確かめるか、補正・流用で予算を見直してください。',
      },
    ]);
  });

  it('flags spending on a project outside the year instead of dropping it silently', () => {
    const orphan = computeYearView(DEFAULT_FUND_CATEGORIES, projects, [
      ...entries,
      { projectId: 99, amount: yen(3_000) },
      { projectId: 99, amount: yen(2_000) },
    ]);
    expect(orphan.total.spent).toBe(252_845_677);
    expect(orphan.problems.map((p) => p.message)).toContain(
      'この年度の計画にない事業（ID 99）に執行 5,000円が記録されています。執行の事業を付け替えるか、事業を計画に加えてください。',
    );
  });

  it('keeps a project under an unknown 区分, last, and says so', () => {
    const odd = computeYearView(
      DEFAULT_FUND_CATEGORIES,
      [...projects, { id: 5, name: '旧区分の事業', categoryCode: 'Ⅸ', amounts: privateProject(3_000, 0) }],
      entries,
    );
    expect(odd.groups.at(-1)).toMatchObject({ categoryCode: 'Ⅸ', category: undefined });
    expect(odd.total.totalCost).toBe(307_422_001);
    expect(odd.problems.map((p) => p.code)).toEqual(['unknown_category', 'overspent']);
    expect(odd.problems[0]?.message).toBe('区分「Ⅸ」は区分の一覧にありません。区分の一覧に加えるか、事業の区分を直してください。');
  });

  it('recomputes 500 projects and 50,000 spending entries to the yen', () => {
    const many: YearProject[] = Array.from({ length: 500 }, (_, i) => ({
      id: i,
      name: `事業${i}`,
      categoryCode: DEFAULT_FUND_CATEGORIES[i % 7]!.code,
      amounts: privateProject(3_000_000 + 3_000 * i, i),
    }));
    const spending: SpendingEntry[] = Array.from({ length: 50_000 }, (_, j) => ({ projectId: j % 500, amount: yen((j % 1000) + 1) }));
    const big = computeYearView(DEFAULT_FUND_CATEGORIES, many, spending);
    // Σ(3,000,000 + 3,000i) over i < 500 = 1,500,000,000 + 3,000 × 124,750; 国 is exactly 2/3 of each.
    // Spending: 50 rounds of 1 + 2 + … + 1,000 = 50 × 500,500.
    expect(big.total).toEqual({
      totalCost: 1_874_374_750,
      fundAmount: 1_874_250_000,
      national: 1_249_500_000,
      prefectural: 624_750_000,
      otherAmount: 124_750,
      spent: 25_025_000,
      remaining: 1_849_349_750,
      executionRate: { numerator: 25_025_000, denominator: 1_874_374_750 },
    });
    expect(big.groups.map((g) => g.rows.length)).toEqual([72, 72, 72, 71, 71, 71, 71]);
    expect(big.problems).toEqual([]);
  });

  it('recomputes the view after an edit from the view itself exactly as from the stored figures', () => {
    // Spending outside the year, a 区分 not in the list and an overspent project: every kind of problem.
    const odd = { id: 5, name: '旧区分の事業', categoryCode: 'Ⅸ', amounts: privateProject(3_000, 0) };
    const spending = [...entries, { projectId: 99, amount: yen(5_000) }, { projectId: 5, amount: yen(4_000) }];
    const before = computeYearView(DEFAULT_FUND_CATEGORIES, [...projects, odd], spending);
    const amounts = Object.fromEntries([...projects, odd].map((p) => [p.id, p.amounts]));
    expect(recomputeYearView(before, amounts, new Map())).toBe(before);

    const edited = new Map([
      [1, privateProject(90_000_000, 1)],
      [5, privateProject(1_000, 7)],
    ]);
    const after = recomputeYearView(before, amounts, edited);
    expect(after).toEqual(
      computeYearView(
        DEFAULT_FUND_CATEGORIES,
        [...projects, odd].map((p) => ({ ...p, amounts: edited.get(p.id) ?? p.amounts })),
        spending,
      ),
    );
    expect(after.total.fundAmount).toBe(before.total.fundAmount + 90_000_000 - 85_419_000 + 1_000 - 3_000);
    expect(after.problems.map((p) => [p.code, p.projectId])).toEqual([
      ['unknown_project', 99],
      ['unknown_category', undefined],
      ['overspent', 2],
      ['overspent', 5],
    ]);
  });
});
