/**
 * Reading the subsidy: a year's 要綱 (checked by the shared schema on the way
 * out) with its revision, the centers of the 台帳 with their 二次医療圏, their
 * steps and the 要綱 each was computed under, the 基金 project's budget the
 * year's decisions are held against (read through fund's face), and the
 * views built on them: the year, a center with its calculation sheets, the
 * 試算 under an edited 要綱 and the year's calculation.
 */

import type { Selectable } from 'kysely';
import { RenkeiError } from '@shared/contract';
import type {
  SubsidyBudget,
  SubsidyCenter,
  SubsidyCenterResult,
  SubsidyRulesRecord,
  SubsidySheet,
  SubsidySimulation,
  SubsidySimulationRow,
  SubsidyStepRecord,
  SubsidyTaxCredit,
  SubsidyYearCalculation,
  SubsidyYearResult,
  SubsidyYearRow,
  SubsidyYearTotals,
} from '@shared/contract/subsidy';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { SubsidyClass } from '@shared/masters/model';
import { yen } from '@shared/money';
import {
  allotAreaCaps,
  baseAmountSubsidy,
  type CenterProfile,
  computeSubsidy,
  type SubsidyComputation,
  SubsidyInputError,
  sharesAreaCap,
  spendingProblem,
} from '@shared/subsidy/compute';
import { deriveState, type LifecycleStep, STEP_KIND_LABELS, type StepKind } from '@shared/subsidy/lifecycle';
import {
  type RulesBasis,
  type RulesSnapshot,
  rulesSnapshotSchema,
  type SubsidyInputs,
  type SubsidyRules,
  subsidyInputsSchema,
  subsidyRulesSchema,
} from '@shared/subsidy/rules';
import { type ProjectUse, projectBudget, projectRef } from '../fund';
import type { Reader, SubsidyStepTable } from '../kernel/db/schema';

function unreadable(fiscalYear: number, what: string, issue: string | undefined): RenkeiError {
  return new RenkeiError(
    'io',
    `${formatFiscalYear(fiscalYear as FiscalYear)}の${what}のデータが読み取れません（${issue ?? ''}）。バックアップから復元してください。`,
  );
}

/**
 * The year's 要綱 with its revision and the stored text of its computing
 * part, or null before one is made. A stored document the schema refuses is
 * reported, never guessed at.
 */
export async function readRulesRevision(
  db: Reader,
  fiscalYear: number,
): Promise<{ rules: SubsidyRules; rulesJson: string; revision: number; savedAt: string; version: number } | null> {
  const row = await db.selectFrom('subsidyRules').selectAll().where('fiscalYear', '=', fiscalYear).executeTakeFirst();
  if (!row) return null;
  const parsed = subsidyRulesSchema.safeParse({
    title: row.title,
    fundProjectId: row.fundProjectId,
    conditions: row.conditions,
    regulationName: row.regulationName,
    taxCreditArticle: row.taxCreditArticle,
    ...(JSON.parse(row.rulesJson) as object),
  });
  if (!parsed.success) throw unreadable(fiscalYear, '補助金の要綱', parsed.error.issues[0]?.message);
  return { rules: parsed.data, rulesJson: row.rulesJson, revision: row.revision, savedAt: row.savedAt, version: row.version };
}

/**
 * The terms the 第4条 calculation reads of a 要綱 (its rows, rates, caps and rounding), as stored: two 要綱 with the same
 * terms compute alike whatever their revisions, so a 基準額 changed and typed back leaves a step computed under the same.
 */
export function computingTerms(rules: RulesBasis): string {
  return JSON.stringify({ roundingUnit: rules.roundingUnit, programs: rules.programs });
}

/** The year's 要綱, or null before one is made. */
export async function readRules(db: Reader, fiscalYear: number): Promise<SubsidyRules | null> {
  return (await readRulesRevision(db, fiscalYear))?.rules ?? null;
}

/** The year's 要綱 as a step computed under it now keeps it. */
export function snapshotOf(current: { rules: SubsidyRules; revision: number; savedAt: string }): RulesSnapshot {
  return {
    revision: current.revision,
    savedAt: current.savedAt,
    roundingUnit: current.rules.roundingUnit,
    programs: current.rules.programs,
  };
}

/** The 要綱 each of the steps was computed under, by step id (steps without amounts have none). */
export async function stepRules(db: Reader, fiscalYear: number, stepIds: readonly number[]): Promise<Map<number, RulesSnapshot>> {
  const found = new Map<number, RulesSnapshot>();
  if (stepIds.length === 0) return found;
  const rows = await db
    .selectFrom('subsidyStep')
    .select(['id', 'rulesJson'])
    .where('id', 'in', stepIds)
    .where('rulesJson', 'is not', null)
    .execute();
  // Most steps of a year keep the same 要綱 text: each distinct text is checked once, within this read.
  const byText = new Map<string, RulesSnapshot>();
  for (const row of rows) {
    let snapshot = byText.get(row.rulesJson!);
    if (!snapshot) {
      const parsed = rulesSnapshotSchema.safeParse(JSON.parse(row.rulesJson!));
      if (!parsed.success) throw unreadable(fiscalYear, '補助金の手続きが算定に使った要綱', parsed.error.issues[0]?.message);
      snapshot = parsed.data;
      byText.set(row.rulesJson!, snapshot);
    }
    found.set(row.id, snapshot);
  }
  return found;
}

/** The refusal of a document for a 年度 the 補助金 has no 要綱 for (a year typed or chosen wrong). */
export function noRulesError(fiscalYear: number): RenkeiError {
  return new RenkeiError('not_found', `${formatFiscalYear(fiscalYear as FiscalYear)}の補助金の要綱がありません。年度を確かめてください。`);
}

export async function rulesYears(db: Reader): Promise<number[]> {
  return (await db.selectFrom('subsidyRules').select('fiscalYear').orderBy('fiscalYear', 'desc').execute()).map((r) => r.fiscalYear);
}

export async function secondaryAreas(db: Reader): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('area').select(['id', 'name']).where('kind', '=', 'secondary').orderBy('sortOrder').orderBy('name').execute();
}

/**
 * The year's 要綱 as a screen shows it. `withFund` false leaves out the linked
 * 基金 project: the 医師会・事務局 may not read 基金 (the database refuses it),
 * and its screens need the 要綱 without it.
 */
export async function rulesRecord(db: Reader, fiscalYear: number, withFund = true): Promise<SubsidyRulesRecord | null> {
  const current = await readRulesRevision(db, fiscalYear);
  if (!current) return null;
  const { rules } = current;
  return {
    fiscalYear,
    ...rules,
    fundProject: rules.fundProjectId === null || !withFund ? null : await projectRef(db, rules.fundProjectId),
    areas: await secondaryAreas(db),
    version: current.version,
  };
}

/**
 * Centers of the 台帳 with their 二次医療圏: the one holding most of its
 * municipalities (a tie goes to the area listed first). The 県医師会's
 * center serves the whole prefecture, so no area's ＩＣＴ 上限額 applies to it.
 * `only` reads those centers without building the others.
 */
async function centersWithAreas(db: Reader, only?: readonly number[]): Promise<SubsidyCenter[]> {
  if (only?.length === 0) return [];
  let centerQuery = db.selectFrom('center').select(['id', 'name', 'subsidyClass']);
  let memberQuery = db
    .selectFrom('centerMember')
    .innerJoin('areaMember', (j) =>
      j.onRef('areaMember.municipalityCode', '=', 'centerMember.municipalityCode').on('areaMember.areaKind', '=', 'secondary'),
    )
    .select(['centerMember.centerId', 'areaMember.areaId']);
  if (only !== undefined) {
    centerQuery = centerQuery.where('id', 'in', only);
    memberQuery = memberQuery.where('centerMember.centerId', 'in', only);
  }
  const centers = await centerQuery.orderBy('role').orderBy('id').execute();
  const areas = await secondaryAreas(db);
  // How many of each center's municipalities lie in each area, counted once.
  const counts = new Map<number, Map<number, number>>();
  for (const m of await memberQuery.execute()) {
    const byArea = counts.get(m.centerId) ?? new Map<number, number>();
    byArea.set(m.areaId, (byArea.get(m.areaId) ?? 0) + 1);
    counts.set(m.centerId, byArea);
  }
  return centers.map((c) => {
    const subsidyClass = c.subsidyClass as SubsidyClass;
    const byArea = counts.get(c.id);
    let best: { id: number; name: string } | null = null;
    let most = 0;
    if (subsidyClass !== 'prefectural' && byArea) {
      for (const area of areas) {
        const n = byArea.get(area.id) ?? 0;
        if (n > most) [best, most] = [area, n];
      }
    }
    return { id: c.id, name: c.name, subsidyClass, areaId: best?.id ?? null, areaName: best?.name ?? null };
  });
}

/** Every center of the 台帳 with its 二次医療圏 (see centersWithAreas). */
export async function subsidyCenters(db: Reader): Promise<SubsidyCenter[]> {
  return centersWithAreas(db);
}

/**
 * One center of the 台帳. `asAssociation`: read by 医師会・事務局, whose login
 * the database lets see its own 医師会's centers only — a center it cannot see
 * is another 医師会's.
 */
export async function subsidyCenter(db: Reader, id: number, asAssociation = false): Promise<SubsidyCenter> {
  const [center] = await centersWithAreas(db, [id]);
  if (!center && asAssociation)
    throw new RenkeiError(
      'refused',
      `このセンター（番号 ${id}）はほかの医師会の運営のため表示できません。自分の医師会のセンターは ホーム か 補助金 の一覧から開いてください。`,
    );
  if (!center) throw new RenkeiError('not_found', `センター（番号 ${id}）が台帳にありません。一覧を開き直してください。`);
  return center;
}

/**
 * A step's columns but the 要綱 it kept (rules_json, the whole 要綱's text on
 * every step): stepRules reads that for the steps whose sheets are computed.
 */
const STEP_COLUMNS = [
  'id',
  'centerId',
  'fiscalYear',
  'kind',
  'datedOn',
  'orderNo',
  'amount',
  'inputsJson',
  'reason',
  'override',
  'overrideReason',
  'enteredBy',
  'createdAt',
] as const satisfies readonly (keyof SubsidyStepTable)[];

type StepRow = Omit<Selectable<SubsidyStepTable>, 'rulesJson'>;

export function toStep(r: StepRow): SubsidyStepRecord {
  return {
    id: r.id,
    centerId: r.centerId,
    fiscalYear: r.fiscalYear,
    kind: r.kind as StepKind,
    datedOn: r.datedOn,
    orderNo: r.orderNo,
    amount: r.amount,
    inputs: r.inputsJson === null ? null : (subsidyInputsSchema.parse(JSON.parse(r.inputsJson)) as SubsidyInputs),
    reason: r.reason,
    override: r.override === 1,
    overrideReason: r.overrideReason,
    enteredBy: r.enteredBy,
    createdAt: r.createdAt,
  };
}

/** A center's steps of the year, in the order they were entered. */
export async function centerSteps(db: Reader, centerId: number, fiscalYear: number): Promise<SubsidyStepRecord[]> {
  const rows = await db
    .selectFrom('subsidyStep')
    .select(STEP_COLUMNS)
    .where('centerId', '=', centerId)
    .where('fiscalYear', '=', fiscalYear)
    .orderBy('id')
    .execute();
  return rows.map(toStep);
}

/** Every center's steps of the year (of the `only` centers when given), by center. */
export async function yearSteps(db: Reader, fiscalYear: number, only?: readonly number[]): Promise<Map<number, SubsidyStepRecord[]>> {
  if (only?.length === 0) return new Map();
  let query = db.selectFrom('subsidyStep').select(STEP_COLUMNS).where('fiscalYear', '=', fiscalYear);
  if (only !== undefined) query = query.where('centerId', 'in', only);
  const rows = await query.orderBy('id').execute();
  const byCenter = new Map<number, SubsidyStepRecord[]>();
  for (const r of rows) {
    const list = byCenter.get(r.centerId) ?? [];
    list.push(toStep(r));
    byCenter.set(r.centerId, list);
  }
  return byCenter;
}

export function lifecycleSteps(steps: readonly SubsidyStepRecord[]): LifecycleStep[] {
  return steps.map((s) => ({ kind: s.kind, datedOn: s.datedOn, amount: yen(s.amount) }));
}

/** The linked project's 総事業費 (基金充当額 + その他) in the year's newest budget version. */
export async function fundBudget(
  db: Reader,
  fundProjectId: number | null,
  fiscalYear: number,
  decided: number,
): Promise<SubsidyBudget | null> {
  if (fundProjectId === null) return null;
  const found = await projectBudget(db, fundProjectId, fiscalYear);
  if (!found) return null;
  return { fundProject: found.project, budget: found.budget, versionLabel: found.versionLabel, decided };
}

/**
 * What of the subsidy draws on fund projects: a year's 要綱 names one as its
 * 財源. Fund asks before deleting a project or a year's 当初 version.
 */
export const fundProjectUse: ProjectUse = {
  async ofProject(db, project) {
    const years = await db
      .selectFrom('subsidyRules')
      .select('fiscalYear')
      .where('fundProjectId', '=', project.id)
      .orderBy('fiscalYear')
      .execute();
    if (years.length === 0) return null;
    return `「${project.name}」は補助金の要綱（${years.map((r) => formatFiscalYear(r.fiscalYear as FiscalYear)).join('、')}）の財源になっているため削除できません。先に要綱の財源を外してください。`;
  },
  async ofYear(db, fiscalYear, projectIds) {
    if (projectIds.length === 0) return null;
    const rules = await db
      .selectFrom('subsidyRules')
      .select('title')
      .where('fiscalYear', '=', fiscalYear)
      .where('fundProjectId', 'in', projectIds)
      .executeTakeFirst();
    return rules ? `補助金の要綱「${rules.title}」がこの年度の基金事業を財源にしています。先に要綱の財源を外してください。` : null;
  },
};

/** The 仕入控除税額 a center reported for the year, or null. */
export async function taxCreditOf(db: Reader, centerId: number, fiscalYear: number): Promise<SubsidyTaxCredit | null> {
  const row = await db
    .selectFrom('subsidyTaxCredit')
    .select(['reportedOn', 'creditAmount', 'refundAmount', 'enteredBy'])
    .where('centerId', '=', centerId)
    .where('fiscalYear', '=', fiscalYear)
    .executeTakeFirst();
  return row ? { ...row, creditAmount: Number(row.creditAmount), refundAmount: Number(row.refundAmount) } : null;
}

/** The centers of the 台帳 and their steps of a year: what an area's shared ＩＣＴ 上限額 is allotted over. */
export interface YearView {
  centers: SubsidyCenter[];
  steps: Map<number, SubsidyStepRecord[]>;
}

export async function yearView(db: Reader, fiscalYear: number): Promise<YearView> {
  return { centers: await subsidyCenters(db), steps: await yearSteps(db, fiscalYear) };
}

/**
 * What sharedProfile reads for one center under any of `rules`: the centers
 * of its 二次医療圏 and their steps of the year — none when the center has no
 * area or no 要綱 among them shares an area's ＩＣＴ 上限額, so a step entered
 * at one center reads that center and not the whole 台帳.
 */
export async function areaView(db: Reader, fiscalYear: number, center: SubsidyCenter, rules: readonly RulesBasis[]): Promise<YearView> {
  if (center.areaId === null || !rules.some((r) => sharesAreaCap(r))) return { centers: [], steps: new Map() };
  // A center lies in the area only if one of its municipalities does.
  const near = await db
    .selectFrom('centerMember')
    .innerJoin('areaMember', (j) =>
      j.onRef('areaMember.municipalityCode', '=', 'centerMember.municipalityCode').on('areaMember.areaKind', '=', 'secondary'),
    )
    .select('centerMember.centerId')
    .distinct()
    .where('areaMember.areaId', '=', center.areaId)
    .execute();
  const centers = (
    await centersWithAreas(
      db,
      near.map((r) => r.centerId),
    )
  ).filter((c) => c.areaId === center.areaId);
  return {
    centers,
    steps: await yearSteps(
      db,
      fiscalYear,
      centers.map((c) => c.id),
    ),
  };
}

/** The amounts that stand beside a step's when an area shares the ＩＣＴ 上限額: plans with plans, actuals with actuals. */
function stageKinds(kind: StepKind | 'base_amount'): StepKind[] {
  return kind === 'actual_report' || kind === 'settlement' ? ['actual_report'] : ['change_application', 'application'];
}

/**
 * The center as the 第4条 formulas see it under `rules`: where the 要綱 reads
 * the ＩＣＴ 上限額 per 圏域, with what the centers of its area before it (in
 * center-number order) took of it, each on its latest amounts of the same
 * stage, this center on `inputs`. Under the per-center reading, the center as it is.
 */
export function sharedProfile(
  rules: RulesBasis,
  center: SubsidyCenter,
  inputs: SubsidyInputs | null,
  kind: StepKind | 'base_amount',
  year: YearView,
): CenterProfile {
  if (center.areaId === null || !sharesAreaCap(rules)) return center;
  const kinds = stageKinds(kind);
  const area = year.centers
    .filter((c) => c.areaId === center.areaId)
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      ...c,
      inputs:
        c.id === center.id
          ? inputs
          : ((year.steps.get(c.id) ?? []).findLast((s) => s.inputs !== null && kinds.includes(s.kind))?.inputs ?? null),
    }));
  const share = allotAreaCaps(rules, area)[area.findIndex((c) => c.id === center.id)];
  return share ? { ...center, areaShare: share } : center;
}

/** The amounts as a RenkeiError naming the field, for a step or a preview. */
export function computeOrRefuse(rules: RulesBasis, center: CenterProfile, inputs: SubsidyInputs, at: (string | number)[] = ['inputs']) {
  try {
    return computeSubsidy(rules, center, inputs);
  } catch (error) {
    if (error instanceof SubsidyInputError) throw new RenkeiError('validation', error.message, { path: [...at, ...error.path] });
    if (error instanceof RangeError) throw new RenkeiError('validation', `${error.message}。金額を確かめてください。`, { path: at });
    throw error;
  }
}

/** Amounts entered or tried that cannot be what a center spent (spendingProblem), as a RenkeiError naming the field. */
export function refuseSpending(rules: RulesBasis, center: { name: string }, inputs: SubsidyInputs, at: (string | number)[] = ['inputs']) {
  const problem = spendingProblem(rules, center, inputs);
  if (problem) throw new RenkeiError('validation', problem.message, { path: [...at, ...problem.path] });
}

/** The computation, or why the 要綱 does not fit the amounts. */
function tryCompute(
  rules: RulesBasis,
  center: CenterProfile,
  inputs: SubsidyInputs,
): { computation: SubsidyComputation | null; problem: string | null } {
  try {
    return { computation: computeSubsidy(rules, center, inputs), problem: null };
  } catch (error) {
    if (error instanceof SubsidyInputError || error instanceof RangeError) return { computation: null, problem: error.message };
    throw error;
  }
}

/** A step's column, computed under the 要綱 the step kept; null until the step exists. */
function sheetOf(
  center: SubsidyCenter,
  step: SubsidyStepRecord | undefined,
  snapshots: Map<number, RulesSnapshot>,
  current: RulesBasis | null,
  year: YearView,
): SubsidySheet | null {
  const snapshot = step && snapshots.get(step.id);
  if (!step?.inputs || !snapshot) return null;
  return {
    stepId: step.id,
    kind: step.kind,
    datedOn: step.datedOn,
    amount: step.amount,
    ...tryCompute(snapshot, sharedProfile(snapshot, center, step.inputs, step.kind, year), step.inputs),
    computedUnder: {
      revision: snapshot.revision,
      savedAt: snapshot.savedAt,
      current: current !== null && computingTerms(snapshot) === computingTerms(current),
    },
  };
}

/** A center's year; `asAssociation` (医師会・事務局): without 基金, and only of its own 医師会 (see subsidyCenter). */
export async function centerResult(db: Reader, centerId: number, fiscalYear: number, asAssociation = false): Promise<SubsidyCenterResult> {
  const center = await subsidyCenter(db, centerId, asAssociation);
  const current = await readRulesRevision(db, fiscalYear);
  const steps = await centerSteps(db, centerId, fiscalYear);
  const last = (...kinds: StepKind[]) => steps.findLast((s) => kinds.includes(s.kind));
  const shown = [last('application'), last('change_application'), last('decision', 'change_decision'), last('actual_report')];
  const snapshots = await stepRules(
    db,
    fiscalYear,
    shown.flatMap((s) => (s ? [s.id] : [])),
  );
  const year = await areaView(db, fiscalYear, center, [...snapshots.values()]);
  const sheet = (step: SubsidyStepRecord | undefined) => sheetOf(center, step, snapshots, current?.rules ?? null, year);
  return {
    fiscalYear,
    center,
    rules: await rulesRecord(db, fiscalYear, !asAssociation),
    steps,
    taxCredit: await taxCreditOf(db, centerId, fiscalYear),
    version: (await db.selectFrom('center').select('stepsVersion').where('id', '=', centerId).executeTakeFirstOrThrow()).stepsVersion,
    state: deriveState(lifecycleSteps(steps)),
    sheets: { application: sheet(shown[0]), change: sheet(shown[1]), decision: sheet(shown[2]), actual: sheet(shown[3]) },
  };
}

const ZERO_TOTALS: SubsidyYearTotals = {
  applied: 0,
  decided: 0,
  paid: 0,
  final: 0,
  refundDue: 0,
  refunded: 0,
  additionalDue: 0,
  additionalPaid: 0,
};

/** Every center's year; `withFund` false leaves out the 基金 budget (and the 要綱's project) the association may not read. */
export async function yearResult(db: Reader, fiscalYear: number, withFund = true): Promise<SubsidyYearResult> {
  const rules = await rulesRecord(db, fiscalYear, withFund);
  const steps = await yearSteps(db, fiscalYear);
  const rows: SubsidyYearRow[] = (await subsidyCenters(db)).map((center) => {
    const own = steps.get(center.id) ?? [];
    const state = deriveState(lifecycleSteps(own));
    const decision = own.findLast((s) => s.kind === 'decision' || s.kind === 'change_decision');
    return {
      center,
      status: state.status,
      applied: state.applied,
      decided: state.decided,
      paid: state.paid,
      final: state.final,
      refundDue: state.refundDue,
      refunded: state.refunded,
      additionalDue: state.additionalDue,
      additionalPaid: state.additionalPaid,
      orderNo: decision?.orderNo ?? '',
      decidedOn: decision?.datedOn ?? null,
      lastStepOn: own.at(-1)?.datedOn ?? null,
      steps: own.map((s) => ({ kind: s.kind, datedOn: s.datedOn })),
    };
  });
  const totals = { ...ZERO_TOTALS };
  for (const row of rows) {
    for (const key of Object.keys(totals) as (keyof SubsidyYearTotals)[]) totals[key] += row[key] ?? 0;
  }
  return {
    fiscalYear,
    rules,
    rows,
    totals,
    budget: rules && withFund ? await fundBudget(db, rules.fundProjectId, fiscalYear, totals.decided) : null,
  };
}

/**
 * The amounts a center's next figures rest on (a 試算, the next decision or 額の確定): its latest actuals, change
 * or application.
 */
export function simulationBasis(steps: readonly SubsidyStepRecord[]) {
  return steps.findLast(
    (s) => s.inputs !== null && (s.kind === 'actual_report' || s.kind === 'change_application' || s.kind === 'application'),
  );
}

/**
 * Every center under the edited 要綱 against the saved one, on the same
 * amounts: its latest actuals, change or application, or the 基準額 of its
 * 区分 when it has none yet. Reads only.
 */
export async function simulate(db: Reader, fiscalYear: number, edited: SubsidyRules): Promise<SubsidySimulation> {
  const saved = await readRules(db, fiscalYear);
  const year = await yearView(db, fiscalYear);
  const rows: SubsidySimulationRow[] = year.centers.map((center) => {
    const basis = simulationBasis(year.steps.get(center.id) ?? []);
    const run = (rules: SubsidyRules | null): { amount: number | null; problem: string | null } => {
      if (!rules) return { amount: 0, problem: null };
      // A program the center has amounts for and this 要綱 lacks, named as the saved 要綱 names it.
      const missing = basis?.inputs?.programs.find((p) => !rules.programs.some((r) => r.code === p.code));
      if (missing) {
        const name = [saved, edited].flatMap((r) => r?.programs ?? []).find((p) => p.code === missing.code)?.name;
        return {
          amount: null,
          problem: `算定できません：このセンターの${STEP_KIND_LABELS[basis!.kind]}の金額にある事業${name ? `「${name}」` : ''}が、${
            rules === edited
              ? '試算する要綱にありません。事業を削除せずに試算してください（「保存済の要綱に戻す」で戻せます）。'
              : '保存済の要綱にありません。「要綱」でこの事業を戻してください。'
          }`,
        };
      }
      try {
        const profile = sharedProfile(rules, center, basis?.inputs ?? null, basis?.kind ?? 'base_amount', year);
        return {
          amount: (basis ? computeSubsidy(rules, profile, basis.inputs!) : baseAmountSubsidy(rules, profile)).total as number,
          problem: null,
        };
      } catch (error) {
        if (error instanceof SubsidyInputError || error instanceof RangeError)
          return { amount: null, problem: `算定できません：${error.message}` };
        throw error;
      }
    };
    const before = run(saved);
    const after = run(edited);
    return {
      center,
      basis: basis ? (basis.kind as SubsidySimulationRow['basis']) : 'base_amount',
      saved: before.amount,
      simulated: after.amount,
      difference: before.amount === null || after.amount === null ? null : after.amount - before.amount,
      problem: after.problem ?? before.problem,
    };
  });
  // A center that cannot be computed under either 要綱 is left out of all three totals, so they compare like with like.
  const computed = rows.filter((r) => r.difference !== null);
  const sum = (key: 'saved' | 'simulated' | 'difference') => computed.reduce((n, r) => n + r[key]!, 0);
  return {
    fiscalYear,
    rows,
    totals: { saved: sum('saved'), simulated: sum('simulated'), difference: sum('difference') },
    uncomputed: rows.filter((r) => r.difference === null).map((r) => r.center.name),
  };
}

/**
 * Every center with amounts for the year, computed on its latest ones under
 * the 要綱 that step was computed under, so the figures are those recorded.
 */
export async function yearCalculation(db: Reader, fiscalYear: number): Promise<SubsidyYearCalculation> {
  const rules = await readRules(db, fiscalYear);
  if (!rules)
    throw new RenkeiError(
      'not_found',
      `${formatFiscalYear(fiscalYear as FiscalYear)}の補助金の要綱がありません。先に要綱を作成してください。`,
    );
  const year = await yearView(db, fiscalYear);
  const bases = year.centers.map((center) => ({ center, basis: simulationBasis(year.steps.get(center.id) ?? []) }));
  const snapshots = await stepRules(
    db,
    fiscalYear,
    bases.flatMap(({ basis }) => (basis ? [basis.id] : [])),
  );
  const centers: SubsidyYearCalculation['centers'] = [];
  for (const { center, basis } of bases) {
    if (!basis) continue;
    const snapshot = snapshots.get(basis.id)!;
    const { programs, total } = computeOrRefuse(snapshot, sharedProfile(snapshot, center, basis.inputs, basis.kind, year), basis.inputs!);
    centers.push({
      name: center.name,
      subsidyClass: center.subsidyClass,
      areaId: center.areaId,
      programs,
      total,
      basis: basis.kind as 'application',
    });
  }
  return {
    fiscalYear,
    title: rules.title,
    centers,
    total: centers.reduce((sum, c) => sum + c.total, 0),
    withoutAmounts: bases.filter(({ basis }) => !basis).map(({ center }) => center.name),
  };
}

/** The amounts a center's inputs give under the year's 要綱, refused with the field when they do not fit. */
export async function calculate(
  db: Reader,
  input: { fiscalYear: number; centerId: number; inputs: SubsidyInputs; kind?: StepKind },
  asAssociation = false,
) {
  const rules = await readRules(db, input.fiscalYear);
  if (!rules) throw new RenkeiError('not_found', 'この年度の補助金の要綱がありません。先に要綱を作成してください。');
  const center = await subsidyCenter(db, input.centerId, asAssociation);
  const kind = input.kind ?? 'application';
  const year = await areaView(db, input.fiscalYear, center, [rules]);
  return computeOrRefuse(rules, sharedProfile(rules, center, input.inputs, kind, year), input.inputs);
}

/**
 * Who a center's letters go to and come from: the 医師会 that runs it (台帳),
 * through its 会長 — 「一般社団法人新潟市医師会長　様」 on the prefecture's
 * letters, 「一般社団法人新潟市医師会　会長」 on what the center submits.
 * A center run by no 医師会 of the 台帳 is written to by its own name.
 */
/**
 * Who runs a center, as its letters name them: the 医師会 of the 台帳 with
 * its 会長's name from 設定 when set (「新潟市医師会長　山田　一郎　様」).
 */
export async function recipientOf(
  db: Reader,
  centerId: number,
  presidents: Readonly<Record<string, string>>,
): Promise<{ association: string; addressee: string; sender: string }> {
  const row = await db
    .selectFrom('center')
    .leftJoin('medicalAssociation', 'medicalAssociation.id', 'center.operatorAssociationId')
    .select(['center.name as center', 'medicalAssociation.name as association'])
    .where('center.id', '=', centerId)
    .executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', `センター（番号 ${centerId}）が台帳にありません。一覧を開き直してください。`);
  const association = row.association ?? row.center;
  const president = presidents[association] ?? '';
  return {
    association,
    addressee: [`${association}長`, president, '様'].filter(Boolean).join('　'),
    sender: [association, '会長', president].filter(Boolean).join('　'),
  };
}
