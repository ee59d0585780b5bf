/**
 * 補助金 figures: a whole year computed under one 要綱 — 1,000 centers, each
 * with the 運営事業 and an ＩＣＴ program of 20 種目 (goal < 20 ms), pure
 * shared code as the 試算 and `renkei subsidy calc` run it; then what a user
 * waits for over the loopback host on the demo grown to 17 / 170 / 850
 * centers: `subsidy.calc` for the year, and one 交付申請 entered at 850.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Core } from '@core/core';
import { SUBSIDY_CLASSES } from '@shared/masters/model';
import type { SubsidyRules } from '@shared/subsidy/rules';
import { computeYear, type YearCenter } from '@shared/subsidy/year';
import { startServeProcess } from '@tests/support/serve';
import { growCenters } from './grow';

const CENTERS = 1_000;
const ITEMS = 20;
const AREAS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function minMedian(values: number[]): string {
  return `${Math.min(...values).toFixed(1)} / ${median(values).toFixed(1)} ms`;
}

/** Centers grown by the bench that are left without steps, so each timed step is a first 交付申請. */
const FRESH = 5;
const FY = 2023;

/**
 * The demo grown to `factor` × 17 centers through the core; every new center
 * but the last FRESH gets its source center's 交付申請 copied in SQLite (as
 * an import would write it), so `subsidy.calc` computes every one.
 */
async function grownDemo(dir: string, factor: number): Promise<{ dbPath: string; centers: number; fresh: number[] }> {
  const dbPath = path.join(dir, `subsidy-${factor}.sqlite`);
  const core = await Core.open({ dbPath });
  await core.call('app.demo.load', {});
  const centers = await growCenters(core, factor);
  await core.close();
  const raw = new BetterSqlite3(dbPath);
  const ids = (raw.prepare('SELECT id FROM center ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const demo = ids.length / factor;
  const copy = raw.prepare(
    `INSERT INTO subsidy_step (center_id, fiscal_year, kind, dated_on, order_no, amount, inputs_json, reason, override, rules_json, entered_by, created_at)
     SELECT ?, fiscal_year, kind, dated_on, order_no, amount, inputs_json, reason, override, rules_json, entered_by, created_at
     FROM subsidy_step WHERE center_id = ? AND fiscal_year = ? AND kind = 'application'`,
  );
  const fresh = ids.slice(ids.length - (factor > 1 ? FRESH : 0));
  raw.transaction(() => {
    for (const [n, id] of ids.entries()) if (n >= demo && !fresh.includes(id)) copy.run(id, ids[n % demo], FY);
  })();
  raw.close();
  return { dbPath, centers, fresh };
}

async function benchSubsidyHost(dir: string, line: (label: string, value: string) => void): Promise<void> {
  for (const factor of [1, 10, 50]) {
    const { dbPath, centers, fresh } = await grownDemo(dir, factor);
    const host = await startServeProcess(dbPath);
    try {
      const calc: number[] = [];
      let computed = 0;
      for (let i = 0; i < 7; i += 1) {
        const t0 = performance.now();
        computed = ((await host.call('subsidy.calc', { fiscalYear: FY })) as { centers: unknown[] }).centers.length;
        calc.push(performance.now() - t0);
      }
      line(`subsidy.calc over the host, ${centers} centers (${computed} with amounts; min / median of 7)`, minMedian(calc));
      if (fresh.length === 0) continue;
      const steps: number[] = [];
      for (const centerId of fresh) {
        const t0 = performance.now();
        await host.call('subsidy.steps.add', {
          centerId,
          fiscalYear: FY,
          kind: 'application',
          datedOn: '2023-04-14',
          inputs: {
            programs: [{ kind: 'operating', code: 'operating', totalCost: 5_000_000, otherIncome: 50_000, eligibleExpense: 4_800_000 }],
          },
        });
        steps.push(performance.now() - t0);
      }
      line(
        `one 交付申請 entered over the host at ${centers} centers (min / median of ${fresh.length})`,
        `${minMedian(steps)}${centers >= 850 ? ' (goal < 20 ms)' : ''}`,
      );
    } finally {
      await host.stop();
    }
  }
}

function rules(): SubsidyRules {
  return {
    title: 'ベンチマーク用要綱',
    fundProjectId: null,
    roundingUnit: 1000,
    conditions: '',
    regulationName: '',
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

export async function benchSubsidy(dir: string, line: (label: string, value: string) => void): Promise<void> {
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
  await benchSubsidyHost(dir, line);
}
