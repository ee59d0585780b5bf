/**
 * 補助金 figure: a whole year computed under one 要綱 — 1,000 centers, each
 * with the 運営事業 and an ＩＣＴ program of 20 種目 (goal < 20 ms), pure
 * shared code as the 試算 and `renkei subsidy calc` run it.
 */
import { SUBSIDY_CLASSES } from '@shared/masters/model';
import type { SubsidyRules } from '@shared/subsidy/rules';
import { computeYear, type YearCenter } from '@shared/subsidy/year';

const CENTERS = 1_000;
const ITEMS = 20;
const AREAS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function rules(): SubsidyRules {
  return {
    title: 'ベンチマーク用要綱',
    fundProjectId: null,
    roundingUnit: 1000,
    conditions: '',
    taxCreditArticle: '',
    programs: [
      {
        kind: 'operating',
        code: 'operating',
        name: '運営事業',
        rows: SUBSIDY_CLASSES.map((c, i) => ({
          class: c,
          label: c,
          baseAmount: 4_453_000 + i * 1_260_001,
          coveredExpenses: '',
          rate: { numerator: 10, denominator: 10 },
        })),
      },
      {
        kind: 'ict',
        code: 'ict',
        name: 'ＩＣＴ整備事業',
        rows: Array.from({ length: ITEMS }, (_, i) => ({
          item: `item${i}`,
          label: `種目${i + 1}`,
          baseAmount: 100_000 * (i + 1),
          coveredExpenses: '',
          rate:
            i % 3 === 0
              ? { numerator: 10, denominator: 10 }
              : i % 3 === 1
                ? { numerator: 1, denominator: 2 }
                : { numerator: 2, denominator: 3 },
          firstYearOnly: i % 5 === 0,
        })),
        caps: Array.from({ length: AREAS }, (_, a) => ({ areaId: a + 1, cap: 9_000_000 + a * 1_000_000 })),
        capScope: 'center',
      },
    ],
  };
}

function centers(): YearCenter[] {
  return Array.from({ length: CENTERS }, (_, c) => ({
    name: `センター${c + 1}`,
    subsidyClass: SUBSIDY_CLASSES[c % SUBSIDY_CLASSES.length]!,
    areaId: (c % AREAS) + 1,
    inputs: {
      programs: [
        {
          kind: 'operating',
          code: 'operating',
          totalCost: 5_000_000 + c * 1_003,
          otherIncome: c * 17,
          eligibleExpense: 4_000_000 + c * 2_011,
        },
        {
          kind: 'ict',
          code: 'ict',
          totalCost: 15_000_000 + c * 997,
          otherIncome: c * 101,
          firstYear: c % 2 === 0,
          items: Array.from({ length: ITEMS }, (_, i) => ({ item: `item${i}`, eligibleExpense: 50_001 * (i + 1) + c * 13 })),
        },
      ],
    },
  }));
}

export async function benchSubsidy(_dir: string, line: (label: string, value: string) => void): Promise<void> {
  const r = rules();
  const year = centers();
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 30; i += 1) {
    const t0 = performance.now();
    total = computeYear(r, year).total;
    times.push(performance.now() - t0);
  }
  line(
    `subsidy year computed: ${CENTERS.toLocaleString('en-US')} centers × (運営事業 + ${ITEMS} ＩＣＴ 種目), total ${total.toLocaleString('en-US')} 円 (median of 30)`,
    `${median(times).toFixed(2)} ms (goal < 20 ms)`,
  );
}
