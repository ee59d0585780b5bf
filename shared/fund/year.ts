/** The year view: projects grouped by 区分 with budget, spending, remainder and execution rate, and totals that add up. */
import { formatYen } from '../format';
import { type Yen, yen } from '../money';
import type { ProjectAmounts } from './amounts';
import { type FundCategory, sortCategories } from './categories';
import type { FundProblem } from './problems';

export interface YearProject {
  readonly id: number;
  /** 事業名, used in flags the user reads. */
  readonly name: string;
  readonly categoryCode: string;
  readonly amounts: ProjectAmounts;
}

export interface SpendingEntry {
  readonly projectId: number;
  readonly amount: Yen;
  /** The project as an officer knows it (事業番号 and name): named when its spending lies outside the year's plan. */
  readonly project?: string;
}

/** An exact share, kept as two yen figures; show it with formatRate(numerator, denominator). */
export interface Ratio {
  readonly numerator: Yen;
  readonly denominator: Yen;
}

export interface YearFigures {
  /** 総事業費 */
  readonly totalCost: Yen;
  /** 基金充当額 */
  readonly fundAmount: Yen;
  /** 基金のうち国 */
  readonly national: Yen;
  /** 基金のうち都道府県 */
  readonly prefectural: Yen;
  /** その他 */
  readonly otherAmount: Yen;
  /** 執行額 */
  readonly spent: Yen;
  /** 残額 = 総事業費 − 執行額 (negative when overspent) */
  readonly remaining: Yen;
  /** 執行率 = 執行額 / 総事業費 */
  readonly executionRate: Ratio;
}

export interface YearRow extends YearFigures {
  readonly projectId: number;
  readonly name: string;
}

export interface YearGroup {
  readonly categoryCode: string;
  /** Undefined when the project's 区分 is not in the list (flagged as `unknown_category`). */
  readonly category: FundCategory | undefined;
  readonly rows: readonly YearRow[];
  readonly subtotal: YearFigures;
}

export interface YearView {
  readonly groups: readonly YearGroup[];
  readonly total: YearFigures;
  /** Overspending per project, spending on a project not in the year, projects under an unknown 区分. */
  readonly problems: readonly FundProblem[];
}

/** Running sums in plain integers; branded as Yen (and range-checked) once at the end. */
interface Accumulator {
  totalCost: number;
  fundAmount: number;
  national: number;
  prefectural: number;
  otherAmount: number;
  spent: number;
}

function emptyAccumulator(): Accumulator {
  return { totalCost: 0, fundAmount: 0, national: 0, prefectural: 0, otherAmount: 0, spent: 0 };
}

function addInto(target: Accumulator, source: Accumulator): void {
  target.totalCost += source.totalCost;
  target.fundAmount += source.fundAmount;
  target.national += source.national;
  target.prefectural += source.prefectural;
  target.otherAmount += source.otherAmount;
  target.spent += source.spent;
}

function toFigures(sum: Accumulator): YearFigures {
  const totalCost = yen(sum.totalCost);
  const spent = yen(sum.spent);
  return {
    totalCost,
    fundAmount: yen(sum.fundAmount),
    national: yen(sum.national),
    prefectural: yen(sum.prefectural),
    otherAmount: yen(sum.otherAmount),
    spent,
    remaining: yen(sum.totalCost - sum.spent),
    executionRate: { numerator: spent, denominator: totalCost },
  };
}

/**
 * Computes the year view in one pass over projects and one over spending
 * (O(projects + entries)). Groups follow the 区分 sort order, groups without
 * projects are left out, and projects keep their input order within a group
 * (pass them sorted by 事業番号). Unknown 区分 come last, in order of first appearance.
 * Subtotals and the total are sums of the rows' whole-yen figures, so they always add up.
 * @example
 * computeYearView(DEFAULT_FUND_CATEGORIES, [{ id: 1, name: 'センター', categoryCode: 'Ⅱ', amounts }], [{ projectId: 1, amount: yen(30_000_000) }])
 *   .total.remaining // 総事業費 − 30,000,000
 */
export function computeYearView(
  categories: readonly FundCategory[],
  projects: readonly YearProject[],
  entries: readonly SpendingEntry[],
): YearView {
  const problems: FundProblem[] = [];
  const sums = new Map<number, Accumulator>();
  for (const p of projects) {
    const a = p.amounts;
    sums.set(p.id, {
      totalCost: a.fundAmount + a.otherAmount,
      fundAmount: a.fundAmount,
      national: a.national,
      prefectural: a.prefectural,
      otherAmount: a.otherAmount,
      spent: 0,
    });
  }

  const orphanSpending = new Map<number, { amount: number; project: string | undefined }>();
  for (const e of entries) {
    const sum = sums.get(e.projectId);
    if (sum) sum.spent += e.amount;
    else {
      const orphan = orphanSpending.get(e.projectId);
      orphanSpending.set(e.projectId, { amount: (orphan?.amount ?? 0) + e.amount, project: orphan?.project ?? e.project });
    }
  }
  for (const [projectId, { amount, project }] of orphanSpending) {
    problems.push({
      code: 'unknown_project',
      fields: ['projectId'],
      projectId,
      message: `この年度の計画にない事業${project ? `「${project}」` : `（ID ${projectId}）`}に執行 ${formatYen(yen(amount))}が記録されています。執行の事業を付け替えるか、事業を計画に加えてください。`,
    });
  }

  const byCode = new Map<string, YearProject[]>();
  for (const p of projects) {
    const list = byCode.get(p.categoryCode);
    if (list) list.push(p);
    else byCode.set(p.categoryCode, [p]);
  }

  const known = new Map(categories.map((c) => [c.code, c]));
  const codes = sortCategories(categories)
    .map((c) => c.code)
    .filter((code) => byCode.has(code));
  for (const code of byCode.keys()) {
    if (known.has(code)) continue;
    codes.push(code);
    problems.push({
      code: 'unknown_category',
      fields: ['categoryCode'],
      message: `区分「${code}」は区分の一覧にありません。区分の一覧に加えるか、事業の区分を直してください。`,
    });
  }

  const grand = emptyAccumulator();
  const groups = codes.map((code): YearGroup => {
    const subtotal = emptyAccumulator();
    const rows = (byCode.get(code) ?? []).map((p): YearRow => {
      const sum = sums.get(p.id) ?? emptyAccumulator();
      addInto(subtotal, sum);
      if (sum.spent > sum.totalCost) {
        problems.push({
          code: 'overspent',
          fields: ['spent'],
          projectId: p.id,
          message: `事業「${p.name}」の執行額 ${formatYen(yen(sum.spent))}が総事業費 ${formatYen(yen(sum.totalCost))}を ${formatYen(yen(sum.spent - sum.totalCost))}超えています。執行の記録を確かめるか、補正・流用で予算を見直してください。`,
        });
      }
      return { projectId: p.id, name: p.name, ...toFigures(sum) };
    });
    addInto(grand, subtotal);
    return { categoryCode: code, category: known.get(code), rows, subtotal: toFigures(subtotal) };
  });

  return { groups, total: toFigures(grand), problems };
}

/**
 * The view again with some projects' amounts changed, from the view itself
 * (its rows' 執行額, its groups' 区分) and the amounts it was computed from:
 * what the core's view will be once the change is saved, without a trip to
 * it. Spending on projects outside the year is not in any row: its problems
 * are kept as they were.
 * @example recomputeYearView(year.view, year.amounts, new Map([[1, edited]])).total.fundAmount
 */
export function recomputeYearView(
  view: YearView,
  amounts: Readonly<Record<number, ProjectAmounts>>,
  changed: ReadonlyMap<number, ProjectAmounts>,
): YearView {
  if (changed.size === 0) return view;
  const projects: YearProject[] = [];
  const entries: SpendingEntry[] = [];
  for (const group of view.groups)
    for (const row of group.rows) {
      projects.push({
        id: row.projectId,
        name: row.name,
        categoryCode: group.categoryCode,
        amounts: changed.get(row.projectId) ?? amounts[row.projectId]!,
      });
      entries.push({ projectId: row.projectId, amount: row.spent });
    }
  const categories = view.groups.flatMap((g) => (g.category ? [g.category] : []));
  const next = computeYearView(categories, projects, entries);
  return { ...next, problems: [...view.problems.filter((p) => p.code === 'unknown_project'), ...next.problems] };
}
