/**
 * The demo prefecture's 補助金 for 令和5年度 through the same operations the
 * screens use: the 交付要綱 with the R5 基準額 of seed 000 (6,973,000 /
 * 4,453,000 / 5,778,000 円, 10/10) and its ＩＣＴ 種目, drawing on the 基金's
 * 在宅医療推進センター整備事業, and every center carried to a believable point
 * of the year: all applied and decided at their 基準額 (84,586,000 円 in all),
 * most paid in two advances, one decision lowered and one widened to ＩＣＴ by
 * a change, and a few settled after their 実績報告, with a refund.
 */
import type { OpInput } from '@shared/contract';
import { floorToUnit, yen } from '@shared/money';
import type { SubsidyRules } from '@shared/subsidy/rules';
import type { OpRunner } from '../kernel/context';

const FY = 2023;

/**
 * Seed 000 gives the R5 運営事業 基準額 and the ＩＣＴ 補助率 (システム構築費 10/10 in the
 * first year only, タブレット端末購入費 1/2) but no ＩＣＴ 基準額, 対象経費 wording or
 * 上限額: those below are made up for the demo and marked so.
 */
export function r5Rules(fundProjectId: number | null, areaIds: readonly number[]): SubsidyRules {
  const tenTenths = { numerator: 10, denominator: 10 };
  const covered = '（デモ）センターの運営に要する人件費、報償費、旅費、需用費、役務費、委託料、使用料及び賃借料';
  return {
    title: '新潟県在宅医療推進センター整備事業補助金交付要綱',
    fundProjectId,
    roundingUnit: 1000,
    conditions: '',
    regulationName: '',
    // （デモ）The seed's excerpt ends at 第4条; the article asking for the 仕入控除税額報告書 is made up.
    taxCreditArticle: '第9条（デモ）',
    programs: [
      {
        kind: 'operating',
        code: 'operating',
        name: '在宅医療推進センター運営事業',
        rows: [
          {
            class: 'large_county',
            label: '郡市医師会（新潟市・長岡市・上越医師会）',
            baseAmount: 6_973_000,
            coveredExpenses: covered,
            rate: tenTenths,
          },
          { class: 'other_county', label: '郡市医師会（上記以外）', baseAmount: 4_453_000, coveredExpenses: covered, rate: tenTenths },
          { class: 'prefectural', label: '県医師会', baseAmount: 5_778_000, coveredExpenses: covered, rate: tenTenths },
        ],
      },
      {
        kind: 'ict',
        code: 'ict',
        name: 'ＩＣＴ連携システム整備事業',
        rows: [
          {
            item: 'system',
            label: 'ＩＣＴシステム構築費',
            baseAmount: 3_000_000,
            coveredExpenses: '（デモ）多職種連携システムの構築に要する委託料',
            rate: tenTenths,
            firstYearOnly: true,
          },
          {
            item: 'tablet',
            label: 'タブレット端末購入費',
            baseAmount: 500_000,
            coveredExpenses: '（デモ）連携システムで使うタブレット端末の購入費',
            rate: { numerator: 1, denominator: 2 },
            firstYearOnly: false,
          },
        ],
        // （デモ）上限額: 3,000,000 円 for every 二次医療圏.
        caps: areaIds.map((areaId) => ({ areaId, cap: 3_000_000 })),
        capScope: 'center',
      },
    ],
  };
}

const operating = (totalCost: number, otherIncome: number, eligibleExpense: number) => ({
  programs: [{ kind: 'operating' as const, code: 'operating', totalCost, otherIncome, eligibleExpense }],
});

/** Centers by the start of their name, for the few whose year differs from the rest. */
const SADO = '佐渡市';
const TSUMARI = 'つまり';
const SETTLED: Record<string, ReturnType<typeof operating>> = {
  // 4,210,500 spent: 4,210,000 after 1,000円未満切り捨て, 243,000 of the advances returned.
  '燕・弥彦': operating(4_380_500, 60_000, 4_210_500),
  // 4,398,765 spent: 4,398,000, so 55,000 to return (not yet returned).
  見附市: operating(4_500_000, 0, 4_398_765),
  // Spent beyond the 基準額: 確定額 = 決定額, nothing to return.
  新潟県医師会: operating(6_400_000, 120_000, 6_100_000),
};
const REPORTED_ONLY = '三条市';
const ONE_ADVANCE = ['村上', '糸魚川'];

export async function loadSubsidyDemo(ops: OpRunner): Promise<void> {
  const project = (await ops.call('fund.projects.list', { side: 'medical' })).find((p) => p.number === 'Ⅱ-1');
  const areas = await ops.call('masters.areas.list', { kind: 'secondary' });
  const rules = r5Rules(
    project?.id ?? null,
    areas.map((a) => a.id),
  );
  await ops.call('subsidy.rules.save', { fiscalYear: FY, ...rules });
  // The prefecture's 文書番号 series (the numbers are made up for the demo). A letter takes its number from the 年度 it is
  // dated in: the 交付決定通知書 from 令和5年度's, the 額の確定通知書 and 返還命令書 of May 2024 on from 令和6年度's.
  for (const fiscalYear of [FY, FY + 1]) await ops.call('subsidy.register.save', { fiscalYear, prefix: '新医薬第', nextNumber: 1001 });

  const centers = (await ops.call('subsidy.year', { fiscalYear: FY })).rows.map((r) => r.center);
  const base = (c: (typeof centers)[number]) => rules.programs[0]!.rows.find((r) => 'class' in r && r.class === c.subsidyClass)!.baseAmount;
  const is = (c: (typeof centers)[number], prefix: string) => c.name.startsWith(prefix);
  const step = (input: OpInput<'subsidy.steps.add'>) => ops.call('subsidy.steps.add', input);

  // Applied in April with spending planned above the 基準額, decided in May at the computed amount.
  for (const c of centers) {
    await step({
      centerId: c.id,
      fiscalYear: FY,
      kind: 'application',
      datedOn: '2023-04-14',
      inputs: operating(base(c) + 400_000, 50_000, base(c) + 300_000),
    });
  }
  const firstHalf = new Map<number, number>();
  for (const [i, c] of centers.entries()) {
    const decided = await step({
      centerId: c.id,
      fiscalYear: FY,
      kind: 'decision',
      datedOn: '2023-05-19',
      orderNo: `新医政第${301 + i}号（デモ）`,
      amount: base(c),
    });
    firstHalf.set(c.id, floorToUnit(yen(decided.state.decided! / 2), 1000));
  }
  for (const c of centers) {
    await step({ centerId: c.id, fiscalYear: FY, kind: 'payment', datedOn: '2023-06-30', amount: firstHalf.get(c.id)! });
  }

  // 佐渡: a coordinator's post left vacant, so less is spent and the decision is lowered.
  const sado = centers.find((c) => is(c, SADO))!;
  await step({
    centerId: sado.id,
    fiscalYear: FY,
    kind: 'change_application',
    datedOn: '2023-09-29',
    inputs: operating(4_300_000, 100_000, 4_100_000),
    reason: 'コーディネーター1名の欠員による減額',
  });
  await step({
    centerId: sado.id,
    fiscalYear: FY,
    kind: 'change_decision',
    datedOn: '2023-10-13',
    orderNo: '新医政第512号（デモ）',
    amount: 4_100_000,
  });
  // つまり: tablets for the 連携システム added within what 佐渡 left (500,000 × 1/2 = 250,000).
  const tsumari = centers.find((c) => is(c, TSUMARI))!;
  await step({
    centerId: tsumari.id,
    fiscalYear: FY,
    kind: 'change_application',
    datedOn: '2023-10-20',
    inputs: {
      programs: [
        ...operating(base(tsumari) + 400_000, 50_000, base(tsumari) + 300_000).programs,
        {
          kind: 'ict',
          code: 'ict',
          totalCost: 650_000,
          otherIncome: 0,
          firstYear: false,
          items: [{ item: 'tablet', eligibleExpense: 600_000 }],
        },
      ],
    },
    reason: '訪問看護ステーションとの情報共有用タブレット端末の導入',
  });
  await step({
    centerId: tsumari.id,
    fiscalYear: FY,
    kind: 'change_decision',
    datedOn: '2023-11-02',
    orderNo: '新医政第538号（デモ）',
    amount: 4_703_000,
  });

  for (const c of centers) {
    if (ONE_ADVANCE.some((p) => is(c, p))) continue;
    const { state } = await ops.call('subsidy.center', { centerId: c.id, fiscalYear: FY });
    await step({ centerId: c.id, fiscalYear: FY, kind: 'payment', datedOn: '2023-12-27', amount: state.decided! - state.paid });
  }

  // 実績報告 in April 2024; three settled in May, one refund already paid back.
  for (const c of centers) {
    const actuals =
      Object.entries(SETTLED).find(([prefix]) => is(c, prefix))?.[1] ??
      (is(c, REPORTED_ONLY) ? operating(base(c) + 500_000, 40_000, base(c) + 380_000) : null);
    if (!actuals) continue;
    await step({ centerId: c.id, fiscalYear: FY, kind: 'actual_report', datedOn: '2024-04-10', inputs: actuals });
    if (is(c, REPORTED_ONLY)) continue;
    const settled = await step({
      centerId: c.id,
      fiscalYear: FY,
      kind: 'settlement',
      datedOn: '2024-05-17',
      orderNo: `新医政第${801 + c.id}号（デモ）`,
    });
    if (is(c, '燕・弥彦'))
      await step({ centerId: c.id, fiscalYear: FY, kind: 'refund', datedOn: '2024-06-14', amount: settled.state.refundDue });
  }
}
