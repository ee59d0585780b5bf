/**
 * Changing the subsidy, each change in the audit log: a year's 要綱 (saved
 * whole, or started as a copy of another year's), and a center's steps —
 * added after the life-cycle's checks, or the latest one taken back. Each
 * change keeps the center's one row of 基金 spending in step in the same
 * transaction.
 */
import type { z } from 'zod';
import { RenkeiError } from '../../../shared/contract';
import type { stepAddSchema } from '../../../shared/contract/subsidy';
import { type FiscalYear, formatFiscalYear } from '../../../shared/fiscal-year';
import { formatYen } from '../../../shared/format';
import { type Yen, yen } from '../../../shared/money';
import { computeSubsidy, SubsidyInputError } from '../../../shared/subsidy/compute';
import {
  budgetProblem,
  decisionProblem,
  deriveState,
  finalAmount,
  STEP_KIND_LABELS,
  type StepKind,
  stepProblem,
} from '../../../shared/subsidy/lifecycle';
import type { SubsidyInputs, SubsidyRules } from '../../../shared/subsidy/rules';
import type { Actor, AuditRecord } from '../context';
import type { Trx } from '../db/schema';
import { centerSteps, lifecycleSteps, readRules, subsidyCenter, subsidyCenters, toStep, yearSteps, fundBudget } from './read';

type Audit = (record: AuditRecord) => void;

const yearText = (fy: number) => formatFiscalYear(fy as FiscalYear);

/** What subsidy_step.inputs_json / subsidy_rules.rules_json hold besides the columns. */
function rulesJson(rules: SubsidyRules): string {
  return JSON.stringify({ roundingUnit: rules.roundingUnit, programs: rules.programs });
}

async function checkFundProject(db: Trx, id: number | null): Promise<void> {
  if (id === null) return;
  const found = await db.selectFrom('fundProject').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new RenkeiError('validation', '財源の基金の事業が見つかりません。基金の事業から選び直してください。', { path: ['fundProjectId'] });
}

async function checkAreas(db: Trx, rules: SubsidyRules): Promise<void> {
  const areas = new Set((await db.selectFrom('area').select('id').where('kind', '=', 'secondary').execute()).map((a) => a.id));
  rules.programs.forEach((p, i) => {
    if (p.kind !== 'ict') return;
    p.caps.forEach((c, j) => {
      if (!areas.has(c.areaId)) {
        throw new RenkeiError('validation', `「${p.name}」の上限額の二次医療圏（番号 ${c.areaId}）が台帳にありません。二次医療圏を選び直してください。`, {
          path: ['programs', i, 'caps', j, 'areaId'],
        });
      }
    });
  });
}

/** Saves a year's 要綱 whole; the year's 基金 spending rows follow its project link. */
export async function saveRules(db: Trx, input: SubsidyRules & { fiscalYear: number }, audit: Audit): Promise<void> {
  const { fiscalYear, ...rules } = input;
  await checkFundProject(db, rules.fundProjectId);
  await checkAreas(db, rules);
  const before = await readRules(db, fiscalYear);
  const row = { title: rules.title, fundProjectId: rules.fundProjectId, rulesJson: rulesJson(rules) };
  await db
    .insertInto('subsidyRules')
    .values({ fiscalYear, ...row })
    .onConflict((oc) => oc.column('fiscalYear').doUpdateSet(row))
    .execute();
  audit({ entity: 'subsidy_rules', entityId: fiscalYear, before, after: rules });
  for (const center of await subsidyCenters(db)) await syncFundSpending(db, center.id, fiscalYear, audit);
}

/** A new year's 要綱 as a copy of another's, refused over an existing one. */
export async function copyRules(db: Trx, from: number, to: number, audit: Audit): Promise<void> {
  const source = await readRules(db, from);
  if (!source) throw new RenkeiError('not_found', `${yearText(from)}の要綱がありません。写す元の年度を選び直してください。`, { path: ['from'] });
  if (await readRules(db, to)) {
    throw new RenkeiError('conflict', `${yearText(to)}の要綱はすでにあります。変えるときはその年度の要綱を編集してください。`, { path: ['to'] });
  }
  await saveRules(db, { ...source, fiscalYear: to }, audit);
}

function enteredBy(actor: Actor): string {
  return actor.displayName ? `${actor.displayName}（${actor.osUser}）` : actor.osUser;
}

/** The amounts as a RenkeiError naming the field, for a step or a preview. */
export function computeOrRefuse(rules: SubsidyRules, center: Parameters<typeof computeSubsidy>[1], inputs: SubsidyInputs, at: (string | number)[] = ['inputs']) {
  try {
    return computeSubsidy(rules, center, inputs);
  } catch (error) {
    if (error instanceof SubsidyInputError) throw new RenkeiError('validation', error.message, { path: [...at, ...error.path] });
    if (error instanceof RangeError) throw new RenkeiError('validation', `${error.message}。金額を確かめてください。`, { path: at });
    throw error;
  }
}

const NEEDS_INPUTS: readonly StepKind[] = ['application', 'change_application', 'actual_report'];
const NEEDS_AMOUNT: readonly StepKind[] = ['decision', 'change_decision', 'payment', 'refund', 'additional'];

export interface StepContext {
  db: Trx;
  audit: Audit;
  actor: Actor;
  now: Date;
}

/**
 * Adds a step after the life-cycle's checks: amounts are computed from the
 * inputs under the year's 要綱; a decision that differs from the computed
 * amount needs a reason; decisions beyond the 基金 project's budget need an
 * explicit override with a reason; 額の確定 is the formula on the actuals
 * capped at the decided amount.
 */
export async function addStep(ctx: StepContext, input: z.output<typeof stepAddSchema>): Promise<void> {
  const { db } = ctx;
  const center = await subsidyCenter(db, input.centerId);
  const rules = await readRules(db, input.fiscalYear);
  if (!rules) {
    throw new RenkeiError('validation', `${yearText(input.fiscalYear)}の補助金の要綱がありません。先に要綱（基準額・補助率）を作成してください。`, { path: ['fiscalYear'] });
  }
  const steps = await centerSteps(db, center.id, input.fiscalYear);
  const state = deriveState(lifecycleSteps(steps));
  const label = STEP_KIND_LABELS[input.kind];

  if (NEEDS_INPUTS.includes(input.kind) && !input.inputs) {
    throw new RenkeiError('validation', `${label}の金額（総事業費・寄付金その他の収入額・対象経費）を入力してください。`, { path: ['inputs'] });
  }
  if (NEEDS_AMOUNT.includes(input.kind) && input.amount === null) {
    throw new RenkeiError('validation', `${label}の金額を入力してください。`, { path: ['amount'] });
  }
  if (!NEEDS_INPUTS.includes(input.kind) && !['decision', 'change_decision'].includes(input.kind) && input.inputs) {
    throw new RenkeiError('validation', `${label}には事業ごとの金額を入力しません。`, { path: ['inputs'] });
  }

  let inputs: SubsidyInputs | null = input.inputs;
  let amount: Yen;
  switch (input.kind) {
    case 'application':
    case 'change_application':
    case 'actual_report': {
      const computed = computeOrRefuse(rules, center, inputs!).total;
      if (input.amount !== null && input.amount !== computed) {
        throw new RenkeiError('validation', `${label}の額は入力した金額から ${formatYen(computed)} と算定されます。金額を確かめてください。`, { path: ['amount'] });
      }
      amount = computed;
      break;
    }
    case 'decision':
    case 'change_decision': {
      const basis = steps.findLast((s) => s.kind === (input.kind === 'decision' ? 'application' : 'change_application'));
      inputs = inputs ?? basis?.inputs ?? null;
      amount = yen(input.amount!);
      if (inputs) {
        const problem = decisionProblem(amount, computeOrRefuse(rules, center, inputs).total, input.reason);
        if (problem) throw new RenkeiError('validation', problem, { path: ['reason'] });
      }
      break;
    }
    case 'settlement': {
      const final = finalAmount(state, yen(state.actual ?? 0));
      amount = input.amount === null ? final : yen(input.amount);
      if (amount > (state.decided ?? 0)) {
        throw new RenkeiError('validation', `確定額は決定額 ${formatYen(yen(state.decided ?? 0))} を超えられません。`, { path: ['amount'] });
      }
      if (amount !== final && input.reason.trim() === '') {
        throw new RenkeiError('validation', `確定額 ${formatYen(amount)} が実績からの算定額 ${formatYen(final)}（決定額が上限）と違います。違う理由を入力するか、確定額を算定額に合わせてください。`, { path: ['reason'] });
      }
      break;
    }
    default:
      amount = yen(input.amount!);
  }

  const problem = stepProblem(lifecycleSteps(steps), { kind: input.kind, datedOn: input.datedOn, amount });
  if (problem) throw new RenkeiError('refused', problem, { path: [input.kind === 'payment' || input.kind === 'refund' || input.kind === 'additional' ? 'amount' : 'kind'] });

  if (input.kind === 'decision' || input.kind === 'change_decision') {
    if (!input.orderNo) throw new RenkeiError('validation', `${label}の指令番号を入力してください。`, { path: ['orderNo'] });
    await checkBudget(db, rules, input.fiscalYear, center.id, amount, input.override, input.reason);
  }

  const row = {
    centerId: center.id,
    fiscalYear: input.fiscalYear,
    kind: input.kind,
    datedOn: input.datedOn,
    orderNo: input.orderNo,
    amount,
    inputsJson: inputs ? JSON.stringify(inputs) : null,
    reason: input.reason,
    override: input.override ? 1 : 0,
    enteredBy: enteredBy(ctx.actor),
    createdAt: ctx.now.toISOString(),
  };
  const id = Number((await db.insertInto('subsidyStep').values(row).executeTakeFirstOrThrow()).insertId);
  const after = toStep(await db.selectFrom('subsidyStep').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  ctx.audit({ entity: 'subsidy_step', entityId: id, before: null, after: { ...after, center: center.name, label } });
  await syncFundSpending(db, center.id, input.fiscalYear, ctx.audit);
}

/** The sum of the year's latest decided amounts with this center's replaced, against the 基金 project's budget. */
async function checkBudget(db: Trx, rules: SubsidyRules, fiscalYear: number, centerId: number, decided: Yen, override: boolean, reason: string): Promise<void> {
  if (rules.fundProjectId === null) return;
  let total = decided as number;
  for (const [id, steps] of await yearSteps(db, fiscalYear)) {
    if (id !== centerId) total += deriveState(lifecycleSteps(steps)).decided ?? 0;
  }
  const budget = await fundBudget(db, rules.fundProjectId, fiscalYear, total);
  const problem = budgetProblem(yen(total), budget?.budget === null || budget === null ? null : yen(budget.budget), override, reason);
  if (problem) throw new RenkeiError('refused', problem, { path: ['override'] });
}

/** Undo: the center's latest step of the year, and nothing else. */
export async function deleteLastStep(db: Trx, id: number, audit: Audit): Promise<{ centerId: number; fiscalYear: number }> {
  const row = await db.selectFrom('subsidyStep').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', '手続きの記録が見つかりません。画面を開き直してください。');
  const latest = await db.selectFrom('subsidyStep').select('id').where('centerId', '=', row.centerId).where('fiscalYear', '=', row.fiscalYear).orderBy('id', 'desc').executeTakeFirstOrThrow();
  if (latest.id !== id) {
    throw new RenkeiError('refused', '削除できるのは最後の手続きだけです。後の手続きから順に削除してください。');
  }
  await db.deleteFrom('subsidyStep').where('id', '=', id).execute();
  const center = await subsidyCenter(db, row.centerId);
  audit({ entity: 'subsidy_step', entityId: id, before: { ...toStep(row), center: center.name, label: STEP_KIND_LABELS[row.kind as StepKind] }, after: null });
  await syncFundSpending(db, row.centerId, row.fiscalYear, audit);
  return { centerId: row.centerId, fiscalYear: row.fiscalYear };
}

/**
 * The center's one row of 基金 spending for the year: the 確定額 once
 * settled, else the latest decided amount, numbered as that step; dated on
 * the first 交付決定, when the money was committed, so the fund's execution
 * as of any later day counts it. None before a decision or when the 要綱
 * links no project.
 */
export async function syncFundSpending(db: Trx, centerId: number, fiscalYear: number, audit: Audit): Promise<void> {
  const sourceRef = `subsidy:${centerId}:${fiscalYear}`;
  const existing = await db.selectFrom('fundSpending').selectAll().where('source', '=', 'subsidy').where('sourceRef', '=', sourceRef).executeTakeFirst();
  const rules = await readRules(db, fiscalYear);
  const steps = await centerSteps(db, centerId, fiscalYear);
  const basis = steps.findLast((s) => s.kind === 'settlement') ?? steps.findLast((s) => s.kind === 'decision' || s.kind === 'change_decision');
  const target =
    rules?.fundProjectId && basis
      ? {
          projectId: rules.fundProjectId,
          fiscalYear,
          spentOn: steps.find((s) => s.kind === 'decision')!.datedOn,
          amount: basis.amount,
          payee: (await subsidyCenter(db, centerId)).name,
          purpose: `${rules.title.replace(/交付要綱$/, '')}（${STEP_KIND_LABELS[basis.kind]}）`,
          voucherNo: basis.orderNo,
          source: 'subsidy',
          sourceRef,
        }
      : null;
  if (!target) {
    if (!existing) return;
    await db.deleteFrom('fundSpending').where('id', '=', existing.id).execute();
    audit({ entity: 'fund_spending', entityId: existing.id, before: existing, after: null });
    return;
  }
  if (existing) {
    const { id: _id, ...current } = existing;
    if (JSON.stringify(current) === JSON.stringify({ ...current, ...target })) return;
    await db.updateTable('fundSpending').set(target).where('id', '=', existing.id).execute();
    audit({ entity: 'fund_spending', entityId: existing.id, before: existing, after: { id: existing.id, ...target } });
    return;
  }
  const id = Number((await db.insertInto('fundSpending').values(target).executeTakeFirstOrThrow()).insertId);
  audit({ entity: 'fund_spending', entityId: id, before: null, after: { id, ...target } });
}
