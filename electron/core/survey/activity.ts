/**
 * センター活動実績 in the core: a 年度 opened as survey rounds (one per month,
 * plus the 活動計画書 and 活動報告書), and the year's summary read from the
 * monthly rounds' valid answers — per center, per 圏域 of a kind and for all
 * centers, each month and against the previous 年度. Forms out, returned
 * workbooks and the tracker are the survey engine's own.
 */
import { RenkeiError } from '@shared/contract';
import type { ActivityMonthStatus, ActivitySummary, ActivityUnit, ActivityYearOpened } from '@shared/contract/survey-activity';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYear, fiscalYearEnd, fiscalYearStart, formatFiscalYear } from '@shared/fiscal-year';
import type { AreaKind } from '@shared/masters/model';
import {
  ACTIVITY_MONTHLY_KEY,
  ACTIVITY_PLAN_KEY,
  ACTIVITY_REPORT_KEY,
  type ActivityEntry,
  type ActivityYear,
  activityMonths,
  activityRoundTitle,
  emptyYear,
  formatActivityMonth,
  sameMonths,
  summarizeActivity,
  yearOnYear,
} from '@shared/survey/activity';
import type { MutationContext } from '../kernel/context';
import type { Reader } from '../kernel/db/schema';
import { grouping, targets, tracker, validResponses } from './read';

async function definitionIdOf(db: Reader, key: string): Promise<number> {
  const row = await db.selectFrom('surveyDefinition').select('id').where('key', '=', key).executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', '活動実績の調査票が見つかりません。データベースを最新の版に更新してください。');
  return row.id;
}

/** The rounds of a definition in a 年度, by 基準日. */
async function roundsOfYear(db: Reader, key: string, fy: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('surveyRound as r')
    .innerJoin('surveyDefinition as d', 'd.id', 'r.definitionId')
    .select(['r.id', 'r.referenceDate'])
    .where('d.key', '=', key)
    .where('r.fiscalYear', '=', fy)
    .orderBy('r.id')
    .execute();
  return new Map(rows.map((r) => [r.referenceDate, r.id]));
}

export async function openYear(ctx: MutationContext, fy: FiscalYear): Promise<ActivityYearOpened> {
  const wanted: { key: string; referenceDate: IsoDate; title: string }[] = [
    { key: ACTIVITY_PLAN_KEY, referenceDate: fiscalYearStart(fy), title: `${formatFiscalYear(fy)} センター活動計画書` },
    ...activityMonths(fy).map((m) => ({ key: ACTIVITY_MONTHLY_KEY, referenceDate: m, title: activityRoundTitle(m) })),
    { key: ACTIVITY_REPORT_KEY, referenceDate: fiscalYearEnd(fy), title: `${formatFiscalYear(fy)} センター活動報告書` },
  ];
  let created = 0;
  for (const w of wanted) {
    if ((await roundsOfYear(ctx.db, w.key, fy)).has(w.referenceDate)) continue;
    const definitionId = await definitionIdOf(ctx.db, w.key);
    await ctx.ops.call('survey.rounds.create', { definitionId, fiscalYear: fy, referenceDate: w.referenceDate, title: w.title });
    created += 1;
  }
  return { fiscalYear: fy, created, summary: await activitySummary(ctx.db, fy) };
}

/**
 * The valid monthly answers of a 年度, each with its month (0 = April), and
 * the round that stands for each month: the one dated the 1st, else the last
 * made that month (a round made by hand on another day still counts, once).
 */
async function entriesOf(db: Reader, fy: FiscalYear): Promise<{ entries: ActivityEntry[]; rounds: Map<IsoDate, number> }> {
  const all = await roundsOfYear(db, ACTIVITY_MONTHLY_KEY, fy);
  const rounds = new Map<IsoDate, number>();
  const entries: ActivityEntry[] = [];
  for (const [at, month] of activityMonths(fy).entries()) {
    const same = [...all].filter(([date]) => date.slice(0, 7) === month.slice(0, 7));
    const roundId = all.get(month) ?? same.at(-1)?.[1];
    if (roundId === undefined) continue;
    rounds.set(month, roundId);
    for (const r of await validResponses(db, roundId)) entries.push({ targetId: r.targetId, month: at, answers: r.answers });
  }
  return { entries, rounds };
}

/** A unit's years: this one, the previous, and the previous over this one's reported months (see sameMonths). */
type Years = readonly [current: Map<string, ActivityYear>, previous: Map<string, ActivityYear>, comparable: Map<string, ActivityYear>];

function unit(key: string, name: string, areaName: string | null, [current, previous, comparable]: Years): ActivityUnit {
  const now = current.get(key) ?? emptyYear();
  const same = (comparable.get(key) ?? emptyYear()).total;
  return {
    key,
    name,
    areaName,
    current: now,
    previous: previous.get(key) ?? emptyYear(),
    comparable: same,
    consultations: yearOnYear(now.total.consultations, same.consultations),
  };
}

/**
 * The 年度's activity: every center of the 台帳 (and any other that answered),
 * the 圏域 of `areaKind` (a center falls in the area holding most of its
 * municipalities), all centers together, and the previous 年度 beside each.
 * @example (await activitySummary(db, fiscalYear(2023))).prefecture.consultations // { current: 5123, previous: 4870, difference: 253, ratio: 5123/4870 }
 */
export async function activitySummary(db: Reader, fy: FiscalYear, areaKind: AreaKind = 'secondary'): Promise<ActivitySummary> {
  const now = await entriesOf(db, fy);
  const before = await entriesOf(db, fiscalYear(fy - 1));
  const listed = await targets(db, 'center');
  const ids = [...new Set([...listed.map((t) => t.id), ...now.entries.map((e) => e.targetId), ...before.entries.map((e) => e.targetId)])];
  const centers = await targets(db, 'center', { ids });
  const { groups, groupOf } = await grouping(db, 'center', areaKind, ids);
  const areaName = new Map(groups.map((g) => [g.key, g.name]));

  // Last year is compared center by center over the months each reported this year, then summed for 圏域 and all centers.
  const comparable = sameMonths(before.entries, now.entries);
  const years = (keyOf: (targetId: string) => string): Years =>
    [summarizeActivity(now.entries, keyOf), summarizeActivity(before.entries, keyOf), summarizeActivity(comparable, keyOf)] as const;
  const byCenter = years((id) => id);
  const byArea = years((id) => groupOf.get(id) ?? '');
  const whole = years(() => 'prefecture');

  const months: ActivityMonthStatus[] = [];
  for (const month of activityMonths(fy)) {
    const roundId = now.rounds.get(month) ?? null;
    const t = roundId === null ? null : await tracker(db, roundId);
    months.push({
      month,
      label: formatActivityMonth(month),
      roundId,
      targets: t?.targets ?? 0,
      valid: t?.valid ?? 0,
      withErrors: t?.withErrors ?? 0,
    });
  }
  return {
    fiscalYear: fy,
    areaKind,
    months,
    previousRounds: before.rounds.size,
    sameMonthsOnly: comparable.length < before.entries.length,
    prefecture: unit('prefecture', '全センター', null, whole),
    areas: groups.map((g) => unit(g.key, g.name, null, byArea)),
    centers: centers.map((c) => unit(c.id, c.name, areaName.get(groupOf.get(c.id) ?? '') ?? null, byCenter)),
    planRoundId: (await roundsOfYear(db, ACTIVITY_PLAN_KEY, fy)).get(fiscalYearStart(fy)) ?? null,
    reportRoundId: (await roundsOfYear(db, ACTIVITY_REPORT_KEY, fy)).get(fiscalYearEnd(fy)) ?? null,
  };
}

/** The 年度 with monthly rounds, newest first. */
export async function activityYears(db: Reader): Promise<number[]> {
  const rows = await db
    .selectFrom('surveyRound as r')
    .innerJoin('surveyDefinition as d', 'd.id', 'r.definitionId')
    .select('r.fiscalYear')
    .distinct()
    .where('d.key', '=', ACTIVITY_MONTHLY_KEY)
    .orderBy('r.fiscalYear', 'desc')
    .execute();
  return rows.map((r) => r.fiscalYear);
}
