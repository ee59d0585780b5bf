import { describe, expect, it } from 'vitest';
import { isoDate } from '../dates';
import { fiscalYear } from '../fiscal-year';
import { yen } from '../money';
import { type ProjectAmounts, projectAmounts } from './amounts';
import { DEFAULT_FUND_CATEGORIES } from './categories';
import { splitFund } from './split';
import {
  type BudgetVersion,
  budgetAsOf,
  checkTransfer,
  checkVersion,
  compareVersions,
  lockedVersionProblem,
  newVersionProblem,
  nextVersionLabel,
  type VersionHead,
  type VersionKind,
  type VersionLine,
  versionOrderProblem,
  versionReasonProblem,
} from './versions';
import { computeYearView } from './year';

const R5 = fiscalYear(2023);

function amounts(fundAmount: number, otherAmount: number, sector: 'public' | 'private', entrusted = false): ProjectAmounts {
  const { national } = splitFund(yen(fundAmount));
  return projectAmounts({
    fundAmount: yen(fundAmount),
    otherAmount: yen(otherAmount),
    publicAmount: sector === 'public' ? national : yen(0),
    privateAmount: sector === 'private' ? national : yen(0),
    entrustedAmount: entrusted ? national : yen(0),
  });
}

function version(id: number, kind: VersionKind, date: string, reason: string, lines: Record<number, ProjectAmounts>): BudgetVersion {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const list: VersionLine[] = Object.entries(lines).map(([projectId, a]) => ({ projectId: Number(projectId), amounts: a }));
  return { id, fiscalYear: R5, kind, date: isoDate(y, m, d), reason, lines: list };
}

// 1: the center (Ⅱ, seed 000 R5 基準額計), 2: a fictional hospital (Ⅰ-1), 3: a fictional 県 project (Ⅳ), 4: a fictional one added by the 補正 (Ⅱ).
const CATEGORY: Record<number, string> = { 1: 'Ⅱ', 2: 'Ⅰ-1', 3: 'Ⅳ', 4: 'Ⅱ' };
const initial = version(1, 'initial', '2023-04-01', '令和5年度当初予算', {
  1: amounts(84_586_000, 0, 'private', true),
  2: amounts(60_000_000, 30_000_000, 'private'),
  3: amounts(15_000_000, 0, 'public'),
});
const allocation = version(2, 'allocation', '2023-07-14', '国の内示額に合わせて減額', {
  ...mapOf(initial),
  2: amounts(54_000_000, 30_000_000, 'private'),
});
const supplementary = version(3, 'supplementary', '2023-09-26', '9月補正予算: 訪問看護の事業を追加し、医師確保の事業を中止', {
  1: amounts(84_586_000, 0, 'private', true),
  2: amounts(54_000_000, 30_000_000, 'private'),
  4: amounts(9_000_000, 1_000_000, 'private'),
});
const transfer = version(4, 'transfer', '2023-12-01', '病院の事業の不用額をセンターへ流用', {
  1: amounts(86_586_000, 0, 'private', true),
  2: amounts(52_000_000, 30_000_000, 'private'),
  4: amounts(9_000_000, 1_000_000, 'private'),
});
const versions = [initial, allocation, supplementary, transfer];

function mapOf(v: BudgetVersion): Record<number, ProjectAmounts> {
  return Object.fromEntries(v.lines.map((l) => [l.projectId, l.amounts]));
}

describe('budget versions of a year', () => {
  it('numbers 補正 in turn and names the other kinds', () => {
    expect(nextVersionLabel([initial, allocation], 'supplementary')).toBe('第1回補正');
    expect(nextVersionLabel([initial, allocation, supplementary], 'supplementary')).toBe('第2回補正');
    expect(nextVersionLabel([], 'initial')).toBe('当初');
    expect(nextVersionLabel(versions, 'transfer')).toBe('流用');
  });

  it('finds the version in force on a date', () => {
    expect(budgetAsOf(versions, isoDate(2023, 3, 31))).toBeUndefined();
    expect(budgetAsOf(versions, isoDate(2023, 6, 30))?.id).toBe(1);
    expect(budgetAsOf(versions, isoDate(2023, 7, 14))?.id).toBe(2);
    expect(budgetAsOf(versions, isoDate(2024, 3, 31))?.id).toBe(4);
  });

  it('compares 当初 with 第1回補正: every changed figure, projects added and removed, totals', () => {
    const diff = compareVersions(initial, supplementary);
    expect(diff.changes).toEqual([
      { projectId: 2, field: 'totalCost', before: 90_000_000, after: 84_000_000, difference: -6_000_000 },
      { projectId: 2, field: 'fundAmount', before: 60_000_000, after: 54_000_000, difference: -6_000_000 },
      { projectId: 2, field: 'national', before: 40_000_000, after: 36_000_000, difference: -4_000_000 },
      { projectId: 2, field: 'prefectural', before: 20_000_000, after: 18_000_000, difference: -2_000_000 },
      { projectId: 2, field: 'privateAmount', before: 40_000_000, after: 36_000_000, difference: -4_000_000 },
    ]);
    expect(diff.added.map((l) => l.projectId)).toEqual([4]);
    expect(diff.removed.map((l) => [l.projectId, l.amounts.fundAmount])).toEqual([[3, 15_000_000]]);
    expect(diff.totalsBefore).toEqual({
      totalCost: 189_586_000,
      fundAmount: 159_586_000,
      national: 106_390_666,
      prefectural: 53_195_334,
      otherAmount: 30_000_000,
      publicAmount: 10_000_000,
      privateAmount: 96_390_666,
      entrustedAmount: 56_390_666,
    });
    expect(diff.totalsAfter).toEqual({
      totalCost: 178_586_000,
      fundAmount: 147_586_000,
      national: 98_390_666,
      prefectural: 49_195_334,
      otherAmount: 31_000_000,
      publicAmount: 0,
      privateAmount: 98_390_666,
      entrustedAmount: 56_390_666,
    });
  });

  it('finds nothing changed between a version and itself', () => {
    const same = compareVersions(transfer, transfer);
    expect([same.changes, same.added, same.removed]).toEqual([[], [], []]);
  });

  it('recomputes the 区分 subtotals after the 補正', () => {
    const view = (v: BudgetVersion) =>
      computeYearView(
        DEFAULT_FUND_CATEGORIES,
        v.lines.map((l) => ({ id: l.projectId, name: `事業${l.projectId}`, categoryCode: CATEGORY[l.projectId]!, amounts: l.amounts })),
        [
          { projectId: 1, amount: yen(40_000_000) },
          { projectId: 4, amount: yen(2_500_000) },
        ],
      );
    const before = view(initial);
    expect(before.groups.map((g) => [g.categoryCode, g.subtotal.totalCost])).toEqual([
      ['Ⅰ-1', 90_000_000],
      ['Ⅱ', 84_586_000],
      ['Ⅳ', 15_000_000],
    ]);
    // Spending on project 4 before it is in the plan is flagged, not counted.
    expect(before.total.spent).toBe(40_000_000);
    expect(before.problems.map((p) => p.code)).toEqual(['unknown_project']);

    const after = view(supplementary);
    expect(after.groups.map((g) => g.categoryCode)).toEqual(['Ⅰ-1', 'Ⅱ']);
    expect(after.groups[1]?.subtotal).toEqual({
      totalCost: 94_586_000,
      fundAmount: 93_586_000,
      national: 62_390_666,
      prefectural: 31_195_334,
      otherAmount: 1_000_000,
      spent: 42_500_000,
      remaining: 52_086_000,
      executionRate: { numerator: 42_500_000, denominator: 94_586_000 },
    });
    expect(after.total.totalCost).toBe(178_586_000);
    expect(after.total.remaining).toBe(178_586_000 - 42_500_000);
  });
});

describe('流用 keeps the year’s 基金充当額', () => {
  it('accepts a 流用 that moves 2,000,000円 from one project to another', () => {
    expect(checkTransfer(supplementary, transfer)).toEqual([]);
    expect(checkVersion(transfer, supplementary)).toEqual([]);
  });

  it('refuses a 流用 that raises the total, saying by how much and what to do', () => {
    const raising = version(5, 'transfer', '2024-01-10', '誤った流用', {
      ...mapOf(supplementary),
      1: amounts(86_586_000, 0, 'private', true),
    });
    expect(checkTransfer(supplementary, raising)).toEqual([
      {
        code: 'transfer_changes_total',
        fields: ['fundAmount'],
        fiscalYear: 2023,
        message:
          '流用の前後で年度の基金充当額の合計が変わっています（流用前 147,586,000円、流用後 149,586,000円、差額 2,000,000円）。流用は事業間の付け替えだけにし、総額を変えるときは補正として登録してください。',
      },
    ]);
  });

  it('lets a 補正 change the total, but still checks each project’s figures', () => {
    expect(checkVersion(supplementary, allocation)).toEqual([]);
    const broken = version(6, 'supplementary', '2024-02-01', '第2回補正', {
      ...mapOf(transfer),
      4: { ...amounts(9_000_000, 1_000_000, 'private'), prefectural: yen(3_000_001) },
    });
    expect(checkVersion(broken, transfer).map((p) => [p.code, p.projectId])).toEqual([['split_mismatch', 4]]);
  });
});

describe('which versions may follow, and which may change (trust finding: a mistyped date wedges a year)', () => {
  const head = (id: number, kind: VersionKind, label: string, datedOn: string): VersionHead => ({ id, kind, label, datedOn });
  const r5 = [head(1, 'initial', '当初', '2023-04-01'), head(2, 'supplementary', '第1回補正', '2023-09-26')];

  it('starts with 当初, once, and takes no 内示 after a 補正', () => {
    expect(newVersionProblem([], 'supplementary')).toBe('その年度の最初の版は「当初」です。先に当初予算を作成してください。');
    expect(newVersionProblem(r5.slice(0, 1), 'allocation')).toBeNull();
    expect(newVersionProblem(r5, 'initial')).toContain('すでに当初予算があります');
    expect(newVersionProblem(r5, 'allocation')).toBe(
      '「第1回補正」の後に内示は追加できません。内示は補正より前の版です。内示で変わる額は補正として登録してください。',
    );
    expect(newVersionProblem(r5, 'transfer')).toBeNull();
  });

  it('asks a 補正 for its reason', () => {
    expect(versionReasonProblem('supplementary', '  ')).toContain('補正には理由を入力してください');
    expect(versionReasonProblem('supplementary', '12月補正')).toBeNull();
    expect(versionReasonProblem('transfer', '')).toBeNull();
  });

  it('keeps a version on or after the one before it, saying that one’s date in 和暦', () => {
    expect(versionOrderProblem('2023-09-26', r5[0])).toBeNull();
    expect(versionOrderProblem('2023-03-31', r5[0])).toBe(
      '日付: 令和5年3月31日は前の版「当初」の日付（令和5年4月1日）より前です。令和5年4月1日以後の日付にしてください。',
    );
  });

  it('lets only the latest version change', () => {
    expect(lockedVersionProblem(r5, 2)).toBeNull();
    expect(lockedVersionProblem(r5, 1)).toBe(
      '「当初」は過去の版のため変更できません（後に「第1回補正」があります）。直すときは最新の版「第1回補正」を変えるか、新しい版を追加してください。',
    );
  });
});
