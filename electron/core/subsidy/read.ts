/**
 * Reading the subsidy: a year's 要綱 (checked by the shared schema on the way
 * out) with its revision, the centers of the 台帳 with their 二次医療圏, their
 * steps and the 要綱 each was computed under, and the 基金 project's budget
 * the year's decisions are held against.
 */
import { RenkeiError } from '@shared/contract';
import type { FundSide } from '@shared/contract/fund';
import type { SubsidyBudget, SubsidyCenter, SubsidyRulesRecord, SubsidyStepRecord } from '@shared/contract/subsidy';
import { figuresOf } from '@shared/fund/amounts';
import { formatFiscalYear, type FiscalYear } from '@shared/fiscal-year';
import type { SubsidyClass } from '@shared/masters/model';
import { yen } from '@shared/money';
import type { LifecycleStep, StepKind } from '@shared/subsidy/lifecycle';
import { type RulesSnapshot, rulesSnapshotSchema, type SubsidyInputs, type SubsidyRules, subsidyInputsSchema, subsidyRulesSchema } from '@shared/subsidy/rules';
import type { Selectable } from 'kysely';
import type { Reader, SubsidyStepTable } from '../kernel/db/schema';
import { versionLines, versions } from '../fund/read';


function unreadable(fiscalYear: number, what: string, issue: string | undefined): RenkeiError {
  return new RenkeiError('io', `${formatFiscalYear(fiscalYear as FiscalYear)}の${what}のデータが読み取れません（${issue ?? ''}）。バックアップから復元してください。`);
}

/**
 * The year's 要綱 with its revision and the stored text of its computing
 * part, or null before one is made. A stored document the schema refuses is
 * reported, never guessed at.
 */
export async function readRulesRevision(db: Reader, fiscalYear: number): Promise<{ rules: SubsidyRules; rulesJson: string; revision: number; savedAt: string } | null> {
  const row = await db.selectFrom('subsidyRules').selectAll().where('fiscalYear', '=', fiscalYear).executeTakeFirst();
  if (!row) return null;
  const parsed = subsidyRulesSchema.safeParse({ title: row.title, fundProjectId: row.fundProjectId, ...(JSON.parse(row.rulesJson) as object) });
  if (!parsed.success) throw unreadable(fiscalYear, '補助金の要綱', parsed.error.issues[0]?.message);
  return { rules: parsed.data, rulesJson: row.rulesJson, revision: row.revision, savedAt: row.savedAt };
}

/** The year's 要綱, or null before one is made. */
export async function readRules(db: Reader, fiscalYear: number): Promise<SubsidyRules | null> {
  return (await readRulesRevision(db, fiscalYear))?.rules ?? null;
}

/** The year's 要綱 as a step computed under it now keeps it. */
export function snapshotOf(current: { rules: SubsidyRules; revision: number; savedAt: string }): RulesSnapshot {
  return { revision: current.revision, savedAt: current.savedAt, roundingUnit: current.rules.roundingUnit, programs: current.rules.programs };
}

/** The 要綱 each of the steps was computed under, by step id (steps without amounts have none). */
export async function stepRules(db: Reader, fiscalYear: number, stepIds: readonly number[]): Promise<Map<number, RulesSnapshot>> {
  const found = new Map<number, RulesSnapshot>();
  if (stepIds.length === 0) return found;
  const rows = await db.selectFrom('subsidyStep').select(['id', 'rulesJson']).where('id', 'in', stepIds).where('rulesJson', 'is not', null).execute();
  for (const row of rows) {
    const parsed = rulesSnapshotSchema.safeParse(JSON.parse(row.rulesJson!));
    if (!parsed.success) throw unreadable(fiscalYear, '補助金の手続きが算定に使った要綱', parsed.error.issues[0]?.message);
    found.set(row.id, parsed.data);
  }
  return found;
}

export async function rulesYears(db: Reader): Promise<number[]> {
  return (await db.selectFrom('subsidyRules').select('fiscalYear').orderBy('fiscalYear', 'desc').execute()).map((r) => r.fiscalYear);
}

async function fundProjectRef(db: Reader, id: number | null) {
  if (id === null) return null;
  return (await db.selectFrom('fundProject').select(['id', 'number', 'name']).where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function secondaryAreas(db: Reader): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('area').select(['id', 'name']).where('kind', '=', 'secondary').orderBy('sortOrder').orderBy('name').execute();
}

export async function rulesRecord(db: Reader, fiscalYear: number): Promise<SubsidyRulesRecord | null> {
  const rules = await readRules(db, fiscalYear);
  if (!rules) return null;
  return { fiscalYear, ...rules, fundProject: await fundProjectRef(db, rules.fundProjectId), areas: await secondaryAreas(db) };
}

/**
 * Every center of the 台帳 with its 二次医療圏: the one holding most of its
 * municipalities (a tie goes to the area listed first). The 県医師会's
 * center serves the whole prefecture, so no area's ＩＣＴ 上限額 applies to it.
 */
export async function subsidyCenters(db: Reader): Promise<SubsidyCenter[]> {
  const centers = await db.selectFrom('center').select(['id', 'name', 'subsidyClass']).orderBy('role').orderBy('id').execute();
  const areas = await secondaryAreas(db);
  const members = await db
    .selectFrom('centerMember')
    .innerJoin('areaMember', (j) => j.onRef('areaMember.municipalityCode', '=', 'centerMember.municipalityCode').on('areaMember.areaKind', '=', 'secondary'))
    .select(['centerMember.centerId', 'areaMember.areaId'])
    .execute();
  return centers.map((c) => {
    const subsidyClass = c.subsidyClass as SubsidyClass;
    let best: { id: number; name: string } | null = null;
    let most = 0;
    if (subsidyClass !== 'prefectural') {
      for (const area of areas) {
        const n = members.filter((m) => m.centerId === c.id && m.areaId === area.id).length;
        if (n > most) [best, most] = [area, n];
      }
    }
    return { id: c.id, name: c.name, subsidyClass, areaId: best?.id ?? null, areaName: best?.name ?? null };
  });
}

export async function subsidyCenter(db: Reader, id: number): Promise<SubsidyCenter> {
  const center = (await subsidyCenters(db)).find((c) => c.id === id);
  if (!center) throw new RenkeiError('not_found', `センター（番号 ${id}）が台帳にありません。一覧を開き直してください。`);
  return center;
}

export function toStep(r: Selectable<SubsidyStepTable>): SubsidyStepRecord {
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
  const rows = await db.selectFrom('subsidyStep').selectAll().where('centerId', '=', centerId).where('fiscalYear', '=', fiscalYear).orderBy('id').execute();
  return rows.map(toStep);
}

/** Every center's steps of the year, by center. */
export async function yearSteps(db: Reader, fiscalYear: number): Promise<Map<number, SubsidyStepRecord[]>> {
  const rows = await db.selectFrom('subsidyStep').selectAll().where('fiscalYear', '=', fiscalYear).orderBy('id').execute();
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
export async function fundBudget(db: Reader, fundProjectId: number | null, fiscalYear: number, decided: number): Promise<SubsidyBudget | null> {
  if (fundProjectId === null) return null;
  const project = await db.selectFrom('fundProject').select(['id', 'number', 'name', 'side']).where('id', '=', fundProjectId).executeTakeFirst();
  if (!project) return null;
  const version = (await versions(db, project.side as FundSide, fiscalYear)).at(-1);
  const line = version ? (await versionLines(db, version.id)).find((l) => l.projectId === project.id) : undefined;
  return {
    fundProject: { id: project.id, number: project.number, name: project.name },
    budget: line ? figuresOf(line.amounts).totalCost : null,
    versionLabel: version?.label ?? null,
    decided,
  };
}
