/**
 * Changing the subsidy, each change in the audit log: a year's 要綱 (saved
 * whole, or started as a copy of another year's), and a center's steps —
 * added after the life-cycle's checks, or the latest one taken back. Each
 * change keeps the center's one row of 基金 spending in step in the same
 * transaction, and any change that raises the year's decided total (a
 * decision, an undo, relinking the 基金 project) is held to the project's
 * budget unless overridden, with its own reason, on purpose.
 */
import type { z } from 'zod';
import { operations, RenkeiError } from '@shared/contract';
import type { Role } from '@shared/contract/accounts';
import { refusalFor } from '@shared/contract/permissions';
import type { SubsidyCenterResult, SubsidyRulesRecord, stepAddSchema, taxCreditSaveSchema } from '@shared/contract/subsidy';
import type { IsoDate } from '@shared/dates';
import { dateRangeProblem, type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { type Yen, yen } from '@shared/money';
import {
  budgetProblem,
  decisionProblem,
  deriveState,
  finalAmount,
  kindProblem,
  overBudget,
  STEP_KIND_LABELS,
  type StepKind,
  stepProblem,
} from '@shared/subsidy/lifecycle';
import type { SubsidyInputs, SubsidyRules } from '@shared/subsidy/rules';
import { formatWareki } from '@shared/wareki';
import { bookSpending, projectRef } from '../fund';
import type { Actor, AuditRecord, MutationContext } from '../kernel/context';
import type { Trx } from '../kernel/db/schema';
import { claimVersion, firstSave } from '../kernel/versions';
import {
  areaView,
  centerResult,
  centerSteps,
  computeOrRefuse,
  computingTerms,
  fundBudget,
  lifecycleSteps,
  readRules,
  readRulesRevision,
  refuseSpending,
  rulesRecord,
  sharedProfile,
  simulationBasis,
  snapshotOf,
  subsidyCenter,
  subsidyCenters,
  taxCreditOf,
  toStep,
  yearSteps,
  yearView,
} from './read';

type Audit = (record: AuditRecord) => void;

const yearText = (fy: number) => formatFiscalYear(fy as FiscalYear);

/** What subsidy_rules.rules_json holds besides the columns: the part the formulas read. */
async function checkFundProject(db: Trx, id: number | null): Promise<void> {
  if (id === null) return;
  if (!(await projectRef(db, id)))
    throw new RenkeiError('validation', '財源の基金の事業が見つかりません。基金の事業から選び直してください。', {
      path: ['fundProjectId'],
    });
}

async function checkAreas(db: Trx, rules: SubsidyRules): Promise<void> {
  const areas = new Set((await db.selectFrom('area').select('id').where('kind', '=', 'secondary').execute()).map((a) => a.id));
  rules.programs.forEach((p, i) => {
    if (p.kind !== 'ict') return;
    p.caps.forEach((c, j) => {
      if (!areas.has(c.areaId)) {
        throw new RenkeiError(
          'validation',
          `「${p.name}」の上限額の二次医療圏（番号 ${c.areaId}）が台帳にありません。二次医療圏を選び直してください。`,
          {
            path: ['programs', i, 'caps', j, 'areaId'],
          },
        );
      }
    });
  });
}

/** Going beyond the 基金 project's budget on purpose, as the caller asked. */
export interface BudgetOverride {
  override: boolean;
  overrideReason: string;
}

/** For changes that cannot raise a decided amount: an application, an import, a 要綱 copied to a year without steps. */
export const NO_OVERRIDE: BudgetOverride = { override: false, overrideReason: '' };

/** The budget a change went beyond on purpose: stored with a decision, logged for any other change. */
interface Overrun {
  fundProject: { id: number; number: string; name: string };
  budget: number | null;
  decided: number;
  overrideReason: string;
}

/** The year's decided total (each center's latest 交付決定 or 変更決定), with one center's replaced when given. */
async function decidedTotal(db: Trx, fiscalYear: number, replace?: { centerId: number; decided: number }): Promise<Yen> {
  let total = replace?.decided ?? 0;
  for (const [centerId, steps] of await yearSteps(db, fiscalYear)) {
    if (centerId !== replace?.centerId) total += deriveState(lifecycleSteps(steps)).decided ?? 0;
  }
  return yen(total);
}

/**
 * A change that raises the year's decided total to `total`, held to the
 * linked project's budget: refused beyond it unless overridden with its own
 * reason. `because` says what the change is, ahead of the message. Returns
 * the overrun when the budget was exceeded on purpose, null when within.
 */
async function holdToBudget(
  db: Trx,
  fundProjectId: number,
  fiscalYear: number,
  total: Yen,
  asked: BudgetOverride,
  because: string,
): Promise<Overrun | null> {
  const found = await fundBudget(db, fundProjectId, fiscalYear, total);
  if (!found) return null;
  const budget = found.budget === null ? null : yen(found.budget);
  const problem = budgetProblem(total, budget, asked.override, asked.overrideReason);
  if (problem) throw new RenkeiError('refused', `${because}${problem}`, { path: [asked.override ? 'overrideReason' : 'override'] });
  return overBudget(total, budget)
    ? { fundProject: found.fundProject, budget: found.budget, decided: total, overrideReason: asked.overrideReason }
    : null;
}

function logOverrun(audit: Audit, fiscalYear: number, change: string, overrun: Overrun): void {
  audit({ entity: 'subsidy_budget_override', entityId: fiscalYear, before: null, after: { fiscalYear, change, ...overrun } });
}

/**
 * Saves a year's 要綱 whole. A change to its rows, rates, caps or rounding
 * makes a new revision (steps keep the one they were computed under). The
 * year's 基金 spending rows follow the project link; relinking while
 * decisions exist holds them to the new project's budget.
 */
export async function saveRules(
  db: Trx,
  input: SubsidyRules & BudgetOverride & { fiscalYear: number; version?: number },
  audit: Audit,
  now: Date,
): Promise<SubsidyRulesRecord> {
  const { fiscalYear, override, overrideReason, version: expected, ...rules } = input;
  await checkFundProject(db, rules.fundProjectId);
  await checkAreas(db, rules);
  const before = await readRulesRevision(db, fiscalYear);
  if (before) await refuseRemovingUsed(db, fiscalYear, before.rules, rules);
  if (before) {
    const what = `${formatFiscalYear(fiscalYear as FiscalYear)}の補助金の要綱`;
    await claimVersion(
      db,
      { table: 'subsidyRules', key: { fiscalYear }, expected, entity: 'subsidy_rules', entityId: fiscalYear, what },
      now,
    );
  }
  const json = computingTerms(rules);
  let overrun: Overrun | null = null;
  if (before && rules.fundProjectId !== null && rules.fundProjectId !== before.rules.fundProjectId) {
    const total = await decidedTotal(db, fiscalYear);
    if (total > 0) {
      const project = (await projectRef(db, rules.fundProjectId))!;
      overrun = await holdToBudget(
        db,
        rules.fundProjectId,
        fiscalYear,
        total,
        { override, overrideReason },
        `財源を「${project.number} ${project.name}」に変えると、`,
      );
    }
  }
  const unchanged = before !== null && before.rulesJson === json;
  const row = {
    title: rules.title,
    fundProjectId: rules.fundProjectId,
    conditions: rules.conditions,
    regulationName: rules.regulationName,
    taxCreditArticle: rules.taxCreditArticle,
    rulesJson: json,
    revision: before === null ? 1 : unchanged ? before.revision : before.revision + 1,
    savedAt: unchanged ? before.savedAt : now.toISOString(),
  };
  if (before) await db.updateTable('subsidyRules').set(row).where('fiscalYear', '=', fiscalYear).execute();
  // A first save makes version 1, so a screen that read "no 要綱 yet" (version 0) cannot save over it.
  else
    await firstSave(
      db
        .insertInto('subsidyRules')
        .values({ fiscalYear, ...row, version: 1 })
        .execute(),
    );
  // The 財源 by its project's name: the log shows no ids.
  const named = async <T extends { fundProjectId: number | null }>(r: T) => ({
    ...r,
    fundProject: r.fundProjectId === null ? null : await projectRef(db, r.fundProjectId),
  });
  audit({
    entity: 'subsidy_rules',
    entityId: fiscalYear,
    before: before ? await named(before.rules) : null,
    after: await named({ ...rules, revision: row.revision }),
  });
  if (overrun) logOverrun(audit, fiscalYear, '要綱の財源の変更', overrun);
  for (const center of await subsidyCenters(db)) await syncFundSpending(db, center.id, fiscalYear, audit);
  return (await rulesRecord(db, fiscalYear))!;
}

/**
 * Refuses a 要綱 that drops a program some center's latest amounts (実績報告, 変更交付申請 or 交付申請) are
 * entered for: its next decision or 額の確定 would have nothing to compute that program under, and its figures
 * would silently lose the whole center. Earlier steps keep the 要綱 they were computed under.
 */
async function refuseRemovingUsed(db: Trx, fiscalYear: number, before: SubsidyRules, after: SubsidyRules): Promise<void> {
  const removed = before.programs.filter((p) => !after.programs.some((q) => q.code === p.code));
  if (removed.length === 0) return;
  const year = await yearView(db, fiscalYear);
  const problems = removed.flatMap((program) => {
    const users = year.centers.flatMap((center) => {
      const basis = simulationBasis(year.steps.get(center.id) ?? []);
      return basis?.inputs?.programs.some((p) => p.code === program.code) ? [`${center.name}（${STEP_KIND_LABELS[basis.kind]}）`] : [];
    });
    return users.length > 0 ? [`「${program.name}」は${users.join('、')}の金額に入っています`] : [];
  });
  if (problems.length === 0) return;
  throw new RenkeiError(
    'validation',
    `${problems.join('。')}。使われている事業は要綱から削除できません。事業を残したまま保存してください（基準額・補助率などは変えられます）。センターの金額からこの事業を外すときは、先にそのセンターの変更交付申請などで外してください。`,
  );
}

/** A new year's 要綱 as a copy of another's, refused over an existing one. */
export async function copyRules(db: Trx, from: number, to: number, audit: Audit, now: Date): Promise<SubsidyRulesRecord> {
  const source = await readRules(db, from);
  if (!source)
    throw new RenkeiError('not_found', `${yearText(from)}の要綱がありません。写す元の年度を選び直してください。`, { path: ['from'] });
  if (await readRules(db, to)) {
    throw new RenkeiError('conflict', `${yearText(to)}の要綱はすでにあります。変えるときはその年度の要綱を編集してください。`, {
      path: ['to'],
    });
  }
  return saveRules(db, { ...source, ...NO_OVERRIDE, fiscalYear: to }, audit, now);
}

function enteredBy(actor: Actor): string {
  return actor.displayName ? `${actor.displayName}（${actor.osUser}）` : actor.osUser;
}

const NEEDS_INPUTS: readonly StepKind[] = ['application', 'change_application', 'actual_report'];
const DECISIONS: readonly StepKind[] = ['decision', 'change_decision'];
const NEEDS_AMOUNT: readonly StepKind[] = ['decision', 'change_decision', 'payment', 'refund', 'additional'];
/**
 * The steps the 基金 spending rests on (see syncFundSpending): adding or taking back any other leaves it as it is, so
 * the association's own steps never touch 基金's tables, which its login may not read.
 */
const BOOKED: readonly StepKind[] = [...DECISIONS, 'settlement'];

export interface StepContext {
  db: Trx;
  audit: Audit;
  actor: Actor;
  now: Date;
}

/**
 * Adds a step after the life-cycle's checks, in this order: whether a step
 * of its kind may come next, its date against the 年度, then its amounts.
 * Amounts are computed from the inputs under the year's current 要綱, which
 * the step keeps; a decision that differs from the computed amount needs a
 * reason; a decision that raises the year's decided total beyond the 基金
 * project's budget needs an explicit override with its own reason; 額の確定
 * is the formula on the actuals capped at the decided amount. `recorded`: a
 * step an exchange writes as another database recorded it (the prefecture's,
 * or one this database held and takes back), whose amounts a rule of entry
 * newer than it (対象経費 within 総事業費) does not refuse.
 */
export async function addStep(
  ctx: StepContext,
  input: z.output<typeof stepAddSchema>,
  { recorded = false }: { recorded?: boolean } = {},
): Promise<void> {
  const { db } = ctx;
  const center = await subsidyCenter(db, input.centerId);
  await claimSteps(db, center, input.version, ctx.now);
  const current = await readRulesRevision(db, input.fiscalYear);
  if (!current) {
    throw new RenkeiError(
      'validation',
      `${yearText(input.fiscalYear)}の補助金の要綱がありません。先に要綱（基準額・補助率）を作成してください。`,
      { path: ['fiscalYear'] },
    );
  }
  const { rules } = current;
  const steps = await centerSteps(db, center.id, input.fiscalYear);
  const state = deriveState(lifecycleSteps(steps));
  const label = STEP_KIND_LABELS[input.kind];

  const outOfTurn = kindProblem(lifecycleSteps(steps), input.kind);
  if (outOfTurn) throw new RenkeiError('refused', outOfTurn, { path: ['kind'] });
  const badDate = dateRangeProblem(input.fiscalYear, 'subsidyStep', input.datedOn, '日付');
  if (badDate) throw new RenkeiError('validation', badDate, { path: ['datedOn'] });

  if (NEEDS_INPUTS.includes(input.kind) && !input.inputs) {
    throw new RenkeiError('validation', `${label}の金額（総事業費・寄付金その他収入額・対象経費）を入力してください。`, {
      path: ['inputs'],
    });
  }
  if (NEEDS_AMOUNT.includes(input.kind) && input.amount === null) {
    throw new RenkeiError('validation', `${label}の金額を入力してください。`, { path: ['amount'] });
  }
  if (!NEEDS_INPUTS.includes(input.kind) && !DECISIONS.includes(input.kind) && input.inputs) {
    throw new RenkeiError('validation', `${label}には事業ごとの金額を入力しません。`, { path: ['inputs'] });
  }
  if (NEEDS_INPUTS.includes(input.kind) && !recorded) refuseSpending(rules, center, input.inputs!);

  let inputs: SubsidyInputs | null = input.inputs;
  let amount: Yen;
  switch (input.kind) {
    case 'application':
    case 'change_application':
    case 'actual_report': {
      const year = await areaView(db, input.fiscalYear, center, [rules]);
      const computed = computeOrRefuse(rules, sharedProfile(rules, center, inputs, input.kind, year), inputs!).total;
      if (input.amount !== null && input.amount !== computed) {
        throw new RenkeiError(
          'validation',
          `${label}の額は入力した金額から ${formatYen(computed)} と算定されます。金額を確かめてください。`,
          { path: ['amount'] },
        );
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
        const profile = sharedProfile(rules, center, inputs, input.kind, await areaView(db, input.fiscalYear, center, [rules]));
        const problem = decisionProblem(amount, computeOrRefuse(rules, profile, inputs).total, input.reason);
        if (problem) throw new RenkeiError('validation', problem, { path: ['reason'] });
      }
      break;
    }
    case 'settlement': {
      const final = finalAmount(state, yen(state.actual ?? 0));
      amount = input.amount === null ? final : yen(input.amount);
      if (amount > (state.decided ?? 0)) {
        throw new RenkeiError('validation', `確定額は決定額 ${formatYen(yen(state.decided ?? 0))} を超えられません。`, {
          path: ['amount'],
        });
      }
      if (amount !== final && input.reason.trim() === '') {
        throw new RenkeiError(
          'validation',
          `確定額 ${formatYen(amount)} が実績からの算定額 ${formatYen(final)}（決定額が上限）と違います。違う理由を入力するか、確定額を算定額に合わせてください。`,
          { path: ['reason'] },
        );
      }
      break;
    }
    default:
      amount = yen(input.amount!);
  }

  // Past the kind, what stepProblem can still refuse is the date (before the last step's) or the amount.
  const problem = stepProblem(lifecycleSteps(steps), { kind: input.kind, datedOn: input.datedOn, amount });
  if (problem)
    throw new RenkeiError('refused', problem, { path: [steps.length > 0 && input.datedOn < steps.at(-1)!.datedOn ? 'datedOn' : 'amount'] });

  let overrun: Overrun | null = null;
  if (DECISIONS.includes(input.kind)) {
    if (!input.orderNo) throw new RenkeiError('validation', `${label}の指令番号を入力してください。`, { path: ['orderNo'] });
    if (rules.fundProjectId !== null && amount > (state.decided ?? 0)) {
      const total = await decidedTotal(db, input.fiscalYear, { centerId: center.id, decided: amount });
      overrun = await holdToBudget(db, rules.fundProjectId, input.fiscalYear, total, input, '');
    }
  }

  const row = {
    centerId: center.id,
    fiscalYear: input.fiscalYear,
    kind: input.kind,
    datedOn: input.datedOn,
    orderNo: input.orderNo,
    amount,
    inputsJson: inputs ? JSON.stringify(inputs) : null,
    rulesJson: inputs ? JSON.stringify(snapshotOf(current)) : null,
    reason: input.reason,
    override: overrun ? 1 : 0,
    overrideReason: overrun?.overrideReason ?? '',
    enteredBy: enteredBy(ctx.actor),
    createdAt: ctx.now.toISOString(),
  };
  const id = Number((await db.insertInto('subsidyStep').values(row).returning('id').executeTakeFirstOrThrow()).id);
  const after = toStep(await db.selectFrom('subsidyStep').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  ctx.audit({
    entity: 'subsidy_step',
    entityId: id,
    before: null,
    after: {
      ...after,
      center: center.name,
      label,
      ...(inputs ? { rulesRevision: current.revision } : {}),
      ...(overrun ? { budget: overrun.budget, decidedTotal: overrun.decided } : {}),
    },
  });
  if (BOOKED.includes(input.kind)) await syncFundSpending(db, center.id, input.fiscalYear, ctx.audit);
}

/**
 * Takes the center's list of steps for a change: refused when someone added or
 * took back a step since the screen read it (`expected`), so two people
 * entering the same center's 申請 cannot both pass on what they each saw.
 */
async function claimSteps(db: Trx, center: { id: number; name: string }, expected: number | undefined, now: Date): Promise<void> {
  const stepIds = (await db.selectFrom('subsidyStep').select('id').where('centerId', '=', center.id).execute()).map((s) => s.id);
  const what = `センター「${center.name}」の補助金の手続き`;
  const claim = {
    table: 'center',
    column: 'stepsVersion',
    key: { id: center.id },
    expected,
    entity: 'subsidy_step',
    entityId: stepIds,
    what,
  } as const;
  await claimVersion(db, claim, now);
}

/**
 * Undo: the center's latest step of the year, and nothing else. Taking back
 * a step that had lowered the decided amount raises it again, which is held
 * to the 基金 project's budget like a decision.
 */
export async function deleteLastStep(
  db: Trx,
  input: { id: number; version?: number } & BudgetOverride,
  audit: Audit,
  now = new Date(),
): Promise<{ centerId: number; fiscalYear: number }> {
  const { id } = input;
  const row = await db.selectFrom('subsidyStep').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', '手続きの記録が見つかりません。画面を開き直してください。');
  await claimSteps(db, await subsidyCenter(db, row.centerId), input.version, now);
  const steps = await centerSteps(db, row.centerId, row.fiscalYear);
  if (steps.at(-1)!.id !== id) {
    throw new RenkeiError('refused', '削除できるのは最後の手続きだけです。後の手続きから順に削除してください。');
  }
  const label = STEP_KIND_LABELS[row.kind as StepKind];
  const decidedBefore = deriveState(lifecycleSteps(steps)).decided ?? 0;
  const decidedAfter = deriveState(lifecycleSteps(steps.slice(0, -1))).decided ?? 0;
  const rules = await readRules(db, row.fiscalYear);
  let overrun: Overrun | null = null;
  if (rules?.fundProjectId != null && decidedAfter > decidedBefore) {
    const total = await decidedTotal(db, row.fiscalYear, { centerId: row.centerId, decided: decidedAfter });
    overrun = await holdToBudget(
      db,
      rules.fundProjectId,
      row.fiscalYear,
      total,
      input,
      `この${label}を削除すると決定額が ${formatYen(yen(decidedAfter))} に戻り、`,
    );
  }
  await db.deleteFrom('subsidyStep').where('id', '=', id).execute();
  const center = await subsidyCenter(db, row.centerId);
  audit({ entity: 'subsidy_step', entityId: id, before: { ...toStep(row), center: center.name, label }, after: null });
  if (overrun) logOverrun(audit, row.fiscalYear, `${center.name}の${label}の削除`, overrun);
  if (BOOKED.includes(row.kind as StepKind)) await syncFundSpending(db, row.centerId, row.fiscalYear, audit);
  return { centerId: row.centerId, fiscalYear: row.fiscalYear };
}

/**
 * The center's one row of 基金 spending for the year: the 確定額 once
 * settled, else the latest decided amount, numbered as that step; dated on
 * the first 交付決定, when the money was committed, so the fund's execution
 * as of any later day counts it. None before a decision or when the 要綱
 * links no project.
 */
async function syncFundSpending(db: Trx, centerId: number, fiscalYear: number, audit: Audit): Promise<void> {
  const rules = await readRules(db, fiscalYear);
  const steps = await centerSteps(db, centerId, fiscalYear);
  const basis =
    steps.findLast((s) => s.kind === 'settlement') ?? steps.findLast((s) => s.kind === 'decision' || s.kind === 'change_decision');
  const booking =
    rules?.fundProjectId && basis
      ? {
          projectId: rules.fundProjectId,
          fiscalYear,
          spentOn: steps.find((s) => s.kind === 'decision')!.datedOn,
          amount: basis.amount,
          payee: (await subsidyCenter(db, centerId)).name,
          purpose: `${rules.title.replace(/交付要綱$/, '')}（${STEP_KIND_LABELS[basis.kind]}）`,
          voucherNo: basis.orderNo,
        }
      : null;
  await bookSpending(db, { source: 'subsidy', sourceRef: `subsidy:${centerId}:${fiscalYear}` }, booking, audit);
}

/** Adds a step (see addStep) and gives the center as the screen shows it after. */
export async function addCenterStep(
  { db, audit, actor, core }: MutationContext,
  input: z.output<typeof stepAddSchema>,
): Promise<SubsidyCenterResult> {
  await addStep({ db, audit, actor, now: core.clock() }, input);
  return centerResult(db, input.centerId, input.fiscalYear, core.session.role === 'assoc');
}

/** Takes back the center's latest step (see deleteLastStep) and gives the center as the screen shows it after. */
export async function deleteCenterStep(
  db: Trx,
  input: { id: number; version?: number } & BudgetOverride,
  audit: Audit,
  now: Date,
  role: Role = 'pref_staff',
): Promise<SubsidyCenterResult> {
  // Taking a step back is entering it again: 医師会・事務局 takes back its own kinds of step, never a 交付決定 or 額の確定.
  const step = await db.selectFrom('subsidyStep').select('kind').where('id', '=', input.id).executeTakeFirst();
  const refusal = step && refusalFor('subsidy.steps.add', operations['subsidy.steps.deleteLast'].label, role, { kind: step.kind });
  if (refusal) throw new RenkeiError('refused', refusal);
  const { centerId, fiscalYear } = await deleteLastStep(db, input, audit, now);
  return centerResult(db, centerId, fiscalYear, role === 'assoc');
}

/**
 * The 仕入控除税額 a center reports after its tax return: only after the
 * 額の確定 (it is reported on the fixed amount) and only where the year's
 * 要綱 asks for the report. A second save replaces the first.
 */
export async function saveTaxCredit(
  { db, audit, actor, core }: MutationContext,
  input: z.output<typeof taxCreditSaveSchema>,
): Promise<SubsidyCenterResult> {
  const center = await subsidyCenter(db, input.centerId, core.session.role === 'assoc');
  const rules = await readRules(db, input.fiscalYear);
  if (!rules?.taxCreditArticle) {
    throw new RenkeiError(
      'refused',
      `${yearText(input.fiscalYear)}の要綱は仕入控除税額の報告を求めていません。求める場合は、要綱の画面で報告を定める条項を入力してください。`,
      { path: ['fiscalYear'] },
    );
  }
  const steps = await centerSteps(db, center.id, input.fiscalYear);
  const settlement = steps.findLast((s) => s.kind === 'settlement');
  if (!settlement) {
    throw new RenkeiError(
      'refused',
      `「${center.name}」は${yearText(input.fiscalYear)}の額の確定がまだです。額の確定を登録してから仕入控除税額を入力してください。`,
      {
        path: ['centerId'],
      },
    );
  }
  if (input.reportedOn < settlement.datedOn) {
    throw new RenkeiError('validation', `報告日は額の確定の日（${formatWareki(settlement.datedOn as IsoDate)}）以後にしてください。`, {
      path: ['reportedOn'],
    });
  }
  const before = await taxCreditOf(db, center.id, input.fiscalYear);
  const row = {
    reportedOn: input.reportedOn,
    creditAmount: input.creditAmount,
    refundAmount: input.refundAmount,
    enteredBy: actor.displayName || actor.osUser,
    createdAt: core.clock().toISOString(),
  };
  await db
    .insertInto('subsidyTaxCredit')
    .values({ centerId: center.id, fiscalYear: input.fiscalYear, ...row })
    .onConflict((oc) => oc.columns(['centerId', 'fiscalYear']).doUpdateSet(row))
    .execute();
  audit({
    entity: 'subsidy_tax_credit',
    entityId: center.id,
    before,
    after: { center: center.name, fiscalYear: input.fiscalYear, ...row },
  });
  return centerResult(db, center.id, input.fiscalYear, core.session.role === 'assoc');
}
