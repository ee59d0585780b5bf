/**
 * 基金 figures: the year view over 500 projects with 10 years of budget
 * versions and 50,000 spending entries — the pure recompute after an edit
 * (goal < 50 ms) and the whole `fund.year` query a screen waits for.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Core } from '@core/core';
import { projectAmounts } from '@shared/fund/amounts';
import { DEFAULT_FUND_CATEGORIES } from '@shared/fund/categories';
import { computeYearView } from '@shared/fund/year';
import { yen } from '@shared/money';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const PROJECTS = 500;
const YEARS = 10;
const ENTRIES = 50_000;

export async function benchFund(dir: string, line: (label: string, value: string) => void): Promise<void> {
  const dbPath = path.join(dir, 'fund.sqlite');
  // The schema through the core; the bulk rows straight into SQLite, as an import would write them.
  await (await Core.open({ dbPath })).close();
  const raw = new BetterSqlite3(dbPath);
  raw.transaction(() => {
    const project = raw.prepare(
      'INSERT INTO fund_project (side, number, name, category_code, operator_kind, start_fy) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const version = raw.prepare(
      'INSERT INTO fund_budget_version (side, fiscal_year, kind, label, dated_on, seq) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const amount = raw.prepare(
      'INSERT INTO fund_budget_amount (version_id, project_id, fund_amount, national, prefectural, other_amount, public_amount, private_amount, entrusted_amount) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0)',
    );
    const spend = raw.prepare('INSERT INTO fund_spending (project_id, fiscal_year, spent_on, amount) VALUES (?, ?, ?, ?)');
    for (let p = 1; p <= PROJECTS; p += 1)
      project.run(
        'medical',
        `P-${String(p).padStart(3, '0')}`,
        `事業${p}`,
        DEFAULT_FUND_CATEGORIES[p % DEFAULT_FUND_CATEGORIES.length]!.code,
        'private',
        2016,
      );
    for (let y = 0; y < YEARS; y += 1) {
      for (const [seq, kind] of (['initial', 'supplementary', 'supplementary'] as const).entries()) {
        const id = Number(version.run('medical', 2016 + y, kind, kind, `${2016 + y}-0${4 + seq * 3}-01`, seq + 1).lastInsertRowid);
        for (let p = 1; p <= PROJECTS; p += 1) {
          const a = projectAmounts({
            fundAmount: yen(1_000_003 * p + seq),
            otherAmount: yen(p * 7),
            publicAmount: yen(0),
            privateAmount: yen(0),
            entrustedAmount: yen(0),
          });
          amount.run(id, p, a.fundAmount, a.national, a.prefectural, a.otherAmount, a.national);
        }
      }
    }
    for (let e = 0; e < ENTRIES; e += 1)
      spend.run(
        (e % PROJECTS) + 1,
        2025,
        `2025-${String((e % 12) + 1).padStart(2, '0')}-15`.replace(/^2025-(0[1-3])/, '2026-$1'),
        1_001 + (e % 97),
      );
  })();
  raw.close();

  const core = await Core.open({ dbPath });
  const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2025 });
  const projects = year.view.groups.flatMap((g) =>
    g.rows.map((r) => ({ id: r.projectId, name: r.name, categoryCode: g.categoryCode, amounts: year.amounts[r.projectId]! })),
  );
  const entries = (await core.call('fund.spending.list', { side: 'medical', fiscalYear: 2025 })).map((s) => ({
    projectId: s.projectId,
    amount: yen(s.amount),
  }));
  const recompute: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const edited = projects.map((p, n) =>
      n === i ? { ...p, amounts: projectAmounts({ ...p.amounts, fundAmount: yen(p.amounts.fundAmount + 1_000) }) } : p,
    );
    const t0 = performance.now();
    computeYearView(DEFAULT_FUND_CATEGORIES, edited, entries);
    recompute.push(performance.now() - t0);
  }
  line(
    `fund year view recompute after an edit (${PROJECTS} projects, ${entries.length.toLocaleString('en-US')} spending entries, median of 30)`,
    `${median(recompute).toFixed(2)} ms (goal < 50 ms)`,
  );
  const query: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const t0 = performance.now();
    await core.call('fund.year', { side: 'medical', fiscalYear: 2025 });
    query.push(performance.now() - t0);
  }
  line(`fund.year query, the same year with ${YEARS * 3} versions kept (median of 10)`, `${median(query).toFixed(0)} ms`);
  await core.close();
}
