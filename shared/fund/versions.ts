/** Budget versions of a year (当初, 内示, 補正, 流用) as full snapshots: the state at a date, comparison, the 流用 rule. */
import type { IsoDate } from '../dates';
import type { FiscalYear } from '../fiscal-year';
import { formatYen } from '../format';
import { type Yen, yen } from '../money';
import { formatWareki } from '../wareki';
import {
  AMOUNT_FIELDS,
  type AmountField,
  type AmountFigures,
  figuresOf,
  type ProjectAmounts,
  sumAmounts,
  validateProjectAmounts,
} from './amounts';
import { type FundProblem, forProject } from './problems';

export type VersionKind = 'initial' | 'allocation' | 'supplementary' | 'transfer';

export const VERSION_KIND_LABELS: Readonly<Record<VersionKind, string>> = {
  initial: '当初',
  allocation: '内示',
  supplementary: '補正',
  transfer: '流用',
};

export interface VersionLine {
  readonly projectId: number;
  readonly amounts: ProjectAmounts;
}

/**
 * A dated revision of a year's budget. It holds every project's amounts in
 * force from its date on — a full snapshot, not the changes — so any state is
 * one version, read as it was saved, and two versions compare directly.
 */
export interface BudgetVersion {
  readonly id: number;
  readonly fiscalYear: FiscalYear;
  readonly kind: VersionKind;
  readonly date: IsoDate;
  readonly reason: string;
  readonly lines: readonly VersionLine[];
}

/**
 * The label for a new version after `existing` (the year's versions in order):
 * 補正 are numbered in turn (第1回補正, 第2回補正 …), the other kinds keep their name.
 * @example nextVersionLabel([当初, 第1回補正], 'supplementary') // '第2回補正'
 */
export function nextVersionLabel(existing: readonly BudgetVersion[], kind: VersionKind): string {
  if (kind !== 'supplementary') return VERSION_KIND_LABELS[kind];
  const round = existing.filter((v) => v.kind === 'supplementary').length + 1;
  return `第${round}回補正`;
}

/**
 * The version in force on `date`: the last one (in the given order) dated on
 * or before it; undefined before the first.
 * @example budgetAsOf([当初 2023-04-01, 第1回補正 2023-09-26], '2023-06-30')?.kind // 'initial'
 */
export function budgetAsOf(versions: readonly BudgetVersion[], date: IsoDate): BudgetVersion | undefined {
  let found: BudgetVersion | undefined;
  for (const v of versions) if (v.date <= date) found = v;
  return found;
}

/**
 * A version's totals over all its projects.
 * @example versionTotals(当初).fundAmount // Σ 基金充当額
 */
export function versionTotals(version: BudgetVersion): AmountFigures {
  return sumAmounts(version.lines.map((l) => l.amounts));
}

export interface FigureChange {
  readonly projectId: number;
  readonly field: AmountField;
  readonly before: Yen;
  readonly after: Yen;
  /** after − before */
  readonly difference: Yen;
}

export interface VersionComparison {
  /** Every figure that differs, for projects in both versions: by project (in `before`'s order), then in {@link AMOUNT_FIELDS} order. */
  readonly changes: readonly FigureChange[];
  /** Projects only in `after`, with their figures. */
  readonly added: readonly VersionLine[];
  /** Projects only in `before`, with their figures. */
  readonly removed: readonly VersionLine[];
  readonly totalsBefore: AmountFigures;
  readonly totalsAfter: AmountFigures;
}

/**
 * Lists every changed figure between two versions (総事業費 included), the
 * projects added and removed, and the totals before and after.
 * @example compareVersions(当初, 第1回補正).changes[0] // { projectId: 2, field: 'totalCost', before: 90_000_000, after: 84_000_000, difference: -6_000_000 }
 */
export function compareVersions(before: BudgetVersion, after: BudgetVersion): VersionComparison {
  const afterById = new Map(after.lines.map((l) => [l.projectId, l]));
  const beforeIds = new Set(before.lines.map((l) => l.projectId));
  const changes: FigureChange[] = [];
  const removed: VersionLine[] = [];
  for (const line of before.lines) {
    const next = afterById.get(line.projectId);
    if (!next) {
      removed.push(line);
      continue;
    }
    const a = figuresOf(line.amounts);
    const b = figuresOf(next.amounts);
    for (const field of AMOUNT_FIELDS) {
      if (a[field] === b[field]) continue;
      changes.push({ projectId: line.projectId, field, before: a[field], after: b[field], difference: yen(b[field] - a[field]) });
    }
  }
  return {
    changes,
    added: after.lines.filter((l) => !beforeIds.has(l.projectId)),
    removed,
    totalsBefore: versionTotals(before),
    totalsAfter: versionTotals(after),
  };
}

/**
 * A 流用 moves money between projects: the year's total 基金充当額 must stay
 * what it was in the version before. Returns the problem if it changed.
 * @example checkTransfer(当初, 流用で総額が1,000円増えた版)[0].code // 'transfer_changes_total'
 */
export function checkTransfer(previous: BudgetVersion, transfer: BudgetVersion): FundProblem[] {
  const before = versionTotals(previous).fundAmount;
  const after = versionTotals(transfer).fundAmount;
  if (before === after) return [];
  return [
    {
      code: 'transfer_changes_total',
      fields: ['fundAmount'],
      fiscalYear: transfer.fiscalYear,
      message: `流用の前後で年度の基金充当額の合計が変わっています（流用前 ${formatYen(before)}、流用後 ${formatYen(after)}、差額 ${formatYen(yen(Math.abs(after - before)))}）。流用は事業間の付け替えだけにし、総額を変えるときは補正として登録してください。`,
    },
  ];
}

/**
 * Everything wrong with a version about to be saved: each project's amounts
 * and, for a 流用, the year's total against the version before it.
 * @example checkVersion(流用, 当初) // [] when every figure is sound and the total is kept
 */
export function checkVersion(version: BudgetVersion, previous: BudgetVersion | undefined): FundProblem[] {
  const problems = version.lines.flatMap((line) => forProject(line.projectId, validateProjectAmounts(line.amounts)));
  if (version.kind === 'transfer' && previous) problems.push(...checkTransfer(previous, version));
  return problems;
}

/** What the rules below need of a saved version: its id, kind, label and date. */
export interface VersionHead {
  readonly id: number;
  readonly kind: VersionKind;
  readonly label: string;
  readonly datedOn: string;
}

/**
 * Why a version of this kind cannot follow the year's versions (`existing`,
 * in order); null when it can. 当初 comes first and once; a 内示 (the
 * state's allocation) comes before the 補正 that takes it into the budget,
 * never after one.
 * @example newVersionProblem([当初, 第1回補正], 'allocation') // '「第1回補正」の後に内示は追加できません。…'
 */
export function newVersionProblem(existing: readonly VersionHead[], kind: VersionKind): string | null {
  if (existing.length === 0) return kind === 'initial' ? null : 'その年度の最初の版は「当初」です。先に当初予算を作成してください。';
  if (kind === 'initial') return 'この年度にはすでに当初予算があります。内示・補正・流用のいずれかを選んでください。';
  const supplementary = existing.findLast((v) => v.kind === 'supplementary');
  if (kind === 'allocation' && supplementary) {
    return `「${supplementary.label}」の後に内示は追加できません。内示は補正より前の版です。内示で変わる額は補正として登録してください。`;
  }
  return null;
}

/** Why the reason cannot be left as it is; null when it can. A 補正 is a decision of the assembly and says why. */
export function versionReasonProblem(kind: VersionKind, reason: string): string | null {
  return kind === 'supplementary' && reason.trim() === ''
    ? '補正には理由を入力してください（例: 9月補正：医師の働き方改革への対応）。'
    : null;
}

/**
 * Why the version's date cannot come after the version before it and before
 * the one after it (dates order the versions: the budget in force on a day
 * is the last one dated on or before it); null when it fits. The 年度's
 * range is checked apart, by {@link dateRangeProblem}.
 */
export function versionOrderProblem(datedOn: string, previous: VersionHead | undefined): string | null {
  if (!previous || datedOn >= previous.datedOn) return null;
  return `日付: ${formatWareki(datedOn as IsoDate)}は前の版「${previous.label}」の日付（${formatWareki(previous.datedOn as IsoDate)}）より前です。${formatWareki(previous.datedOn as IsoDate)}以後の日付にしてください。`;
}

/**
 * Why a version of the year (`versions`, in order) cannot be changed: only
 * the latest can, so the history officers reported (当初, each 補正) never
 * changes under them; null for the latest.
 * @example lockedVersionProblem([当初, 第1回補正], 当初.id) // '「当初」は過去の版のため変更できません（後に「第1回補正」があります）。…'
 */
export function lockedVersionProblem(versions: readonly VersionHead[], id: number): string | null {
  const latest = versions.at(-1);
  const version = versions.find((v) => v.id === id);
  if (!latest || !version || latest.id === id) return null;
  return `「${version.label}」は過去の版のため変更できません（後に「${latest.label}」があります）。直すときは最新の版「${latest.label}」を変えるか、新しい版を追加してください。`;
}
