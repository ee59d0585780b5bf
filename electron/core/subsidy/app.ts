/**
 * 補助金 operations: the 要綱 of each year, the year's overview of every
 * center, a center's steps and calculation sheets, adding and undoing steps,
 * the 試算 under an edited 要綱, and the import of a year's applications.
 */
import { RenkeiError } from '@shared/contract';
import type {
  SubsidyCenter,
  SubsidyCenterResult,
  SubsidySheet,
  SubsidySimulation,
  SubsidySimulationRow,
  SubsidyStepRecord,
  SubsidyYearCalculation,
  SubsidyYearResult,
  SubsidyYearRow,
  SubsidyYearTotals,
} from '@shared/contract/subsidy';
import { baseAmountSubsidy, computeSubsidy, SubsidyInputError, type SubsidyComputation } from '@shared/subsidy/compute';
import { deriveState, type StepKind } from '@shared/subsidy/lifecycle';
import type { RulesBasis, RulesSnapshot, SubsidyInputs, SubsidyRules } from '@shared/subsidy/rules';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { Reader } from '../kernel/db/schema';
import { handlers } from '../kernel/handlers';
import { readFirst } from '../kernel/jobs/read-first';
import { readUpload } from '../kernel/jobs/uploads';
import { commitImport, importTemplate, previewImport } from './io';
import { centerSteps, fundBudget, lifecycleSteps, readRules, readRulesRevision, rulesRecord, rulesYears, stepRules, subsidyCenter, subsidyCenters, yearSteps } from './read';
import * as write from './write';


/** The computation, or why the 要綱 does not fit the amounts. */
function tryCompute(rules: RulesBasis, center: SubsidyCenter, inputs: SubsidyInputs): { computation: SubsidyComputation | null; problem: string | null } {
  try {
    return { computation: computeSubsidy(rules, center, inputs), problem: null };
  } catch (error) {
    if (error instanceof SubsidyInputError || error instanceof RangeError) return { computation: null, problem: error.message };
    throw error;
  }
}

/** A step's column, computed under the 要綱 the step kept; null until the step exists. */
function sheetOf(center: SubsidyCenter, step: SubsidyStepRecord | undefined, snapshots: Map<number, RulesSnapshot>, currentRevision: number | null): SubsidySheet | null {
  const snapshot = step && snapshots.get(step.id);
  if (!step?.inputs || !snapshot) return null;
  return {
    stepId: step.id,
    kind: step.kind,
    datedOn: step.datedOn,
    amount: step.amount,
    ...tryCompute(snapshot, center, step.inputs),
    computedUnder: { revision: snapshot.revision, savedAt: snapshot.savedAt, current: snapshot.revision === currentRevision },
  };
}

export async function centerResult(db: Reader, centerId: number, fiscalYear: number): Promise<SubsidyCenterResult> {
  const center = await subsidyCenter(db, centerId);
  const current = await readRulesRevision(db, fiscalYear);
  const steps = await centerSteps(db, centerId, fiscalYear);
  const last = (...kinds: StepKind[]) => steps.findLast((s) => kinds.includes(s.kind));
  const shown = [last('application'), last('change_application'), last('decision', 'change_decision'), last('actual_report')];
  const snapshots = await stepRules(db, fiscalYear, shown.flatMap((s) => (s ? [s.id] : [])));
  const sheet = (step: SubsidyStepRecord | undefined) => sheetOf(center, step, snapshots, current?.revision ?? null);
  return {
    fiscalYear,
    center,
    rules: await rulesRecord(db, fiscalYear),
    steps,
    state: deriveState(lifecycleSteps(steps)),
    sheets: { application: sheet(shown[0]), change: sheet(shown[1]), decision: sheet(shown[2]), actual: sheet(shown[3]) },
  };
}

const ZERO_TOTALS: SubsidyYearTotals = { applied: 0, decided: 0, paid: 0, final: 0, refundDue: 0, refunded: 0, additionalDue: 0, additionalPaid: 0 };

export async function yearResult(db: Reader, fiscalYear: number): Promise<SubsidyYearResult> {
  const rules = await rulesRecord(db, fiscalYear);
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
    };
  });
  const totals = { ...ZERO_TOTALS };
  for (const row of rows) {
    for (const key of Object.keys(totals) as (keyof SubsidyYearTotals)[]) totals[key] += row[key] ?? 0;
  }
  return { fiscalYear, rules, rows, totals, budget: rules ? await fundBudget(db, rules.fundProjectId, fiscalYear, totals.decided) : null };
}

/** The amounts a center's figures rest on for a 試算: its latest actuals, change or application. */
function simulationBasis(steps: readonly SubsidyStepRecord[]) {
  return steps.findLast((s) => s.inputs !== null && (s.kind === 'actual_report' || s.kind === 'change_application' || s.kind === 'application'));
}

/**
 * Every center under the edited 要綱 against the saved one, on the same
 * amounts: its latest actuals, change or application, or the 基準額 of its
 * 区分 when it has none yet. Reads only.
 */
export async function simulate(db: Reader, fiscalYear: number, edited: SubsidyRules): Promise<SubsidySimulation> {
  const saved = await readRules(db, fiscalYear);
  const steps = await yearSteps(db, fiscalYear);
  const rows: SubsidySimulationRow[] = (await subsidyCenters(db)).map((center) => {
    const basis = simulationBasis(steps.get(center.id) ?? []);
    const run = (rules: SubsidyRules | null) => {
      if (!rules) return { amount: 0, problem: null };
      try {
        return { amount: (basis ? computeSubsidy(rules, center, basis.inputs!) : baseAmountSubsidy(rules, center)).total as number, problem: null };
      } catch (error) {
        if (error instanceof SubsidyInputError || error instanceof RangeError) return { amount: 0, problem: error.message };
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
      difference: after.amount - before.amount,
      problem: after.problem,
    };
  });
  const sum = (key: 'saved' | 'simulated' | 'difference') => rows.reduce((n, r) => n + r[key], 0);
  return { fiscalYear, rows, totals: { saved: sum('saved'), simulated: sum('simulated'), difference: sum('difference') } };
}

/**
 * Every center with amounts for the year, computed on its latest ones under
 * the 要綱 that step was computed under, so the figures are those recorded.
 */
export async function yearCalculation(db: Reader, fiscalYear: number): Promise<SubsidyYearCalculation> {
  const rules = await readRules(db, fiscalYear);
  if (!rules) throw new RenkeiError('not_found', `${formatFiscalYear(fiscalYear as FiscalYear)}の補助金の要綱がありません。先に要綱を作成してください。`);
  const steps = await yearSteps(db, fiscalYear);
  const bases = (await subsidyCenters(db)).map((center) => ({ center, basis: simulationBasis(steps.get(center.id) ?? []) }));
  const snapshots = await stepRules(db, fiscalYear, bases.flatMap(({ basis }) => (basis ? [basis.id] : [])));
  const centers: SubsidyYearCalculation['centers'] = [];
  for (const { center, basis } of bases) {
    if (!basis) continue;
    const { programs, total } = write.computeOrRefuse(snapshots.get(basis.id)!, center, basis.inputs!);
    centers.push({ name: center.name, subsidyClass: center.subsidyClass, areaId: center.areaId, programs, total, basis: basis.kind as 'application' });
  }
  return {
    fiscalYear,
    title: rules.title,
    centers,
    total: centers.reduce((sum, c) => sum + c.total, 0),
    withoutAmounts: bases.filter(({ basis }) => !basis).map(({ center }) => center.name),
  };
}

export const subsidyHandlers = handlers({
  'subsidy.calc': async (input, { db }) => yearCalculation(db, input.fiscalYear),
  'subsidy.rules.years': async (_input, { db }) => rulesYears(db),
  'subsidy.rules.get': async (input, { db }) => rulesRecord(db, input.fiscalYear),
  'subsidy.rules.save': async (input, { db, audit, core }) => {
    await write.saveRules(db, input, audit, core.clock());
    return (await rulesRecord(db, input.fiscalYear))!;
  },
  'subsidy.rules.copy': async (input, { db, audit, core }) => {
    await write.copyRules(db, input.from, input.to, audit, core.clock());
    return (await rulesRecord(db, input.to))!;
  },
  'subsidy.year': async (input, { db }) => yearResult(db, input.fiscalYear),
  'subsidy.center': async (input, { db }) => centerResult(db, input.centerId, input.fiscalYear),
  'subsidy.calculate': async (input, { db }) => {
    const rules = await readRules(db, input.fiscalYear);
    if (!rules) throw new RenkeiError('not_found', 'この年度の補助金の要綱がありません。先に要綱を作成してください。');
    return write.computeOrRefuse(rules, await subsidyCenter(db, input.centerId), input.inputs);
  },
  'subsidy.steps.add': async (input, { db, audit, actor, core }) => {
    await write.addStep({ db, audit, actor, now: core.clock() }, input);
    return centerResult(db, input.centerId, input.fiscalYear);
  },
  'subsidy.steps.deleteLast': async (input, { db, audit }) => {
    const { centerId, fiscalYear } = await write.deleteLastStep(db, input, audit);
    return centerResult(db, centerId, fiscalYear);
  },
  'subsidy.simulate': async (input, { db }) => simulate(db, input.fiscalYear, input.rules),
  'subsidy.import.template': async (input, { db }) => importTemplate(db, input.fiscalYear),
  'subsidy.import.preview': readFirst(readUpload, async (input, { db }, table) => previewImport(db, input.fiscalYear, table)),
  'subsidy.import.commit': readFirst(readUpload, async (input, { db, audit, actor, core, bulkInsert }, table) =>
    commitImport({ db, audit, actor, now: core.clock() }, input, table, bulkInsert),
  ),
});
