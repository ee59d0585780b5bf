/**
 * 補助金 operations: the 要綱 of each year, the year's overview of every
 * center, a center's steps and calculation sheets, adding and undoing steps,
 * the 試算 under an edited 要綱, and the import of a year's applications.
 */
import { RenkeiError } from '../../../shared/contract';
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
} from '../../../shared/contract/subsidy';
import { baseAmountSubsidy, computeSubsidy, SubsidyInputError, type SubsidyComputation } from '../../../shared/subsidy/compute';
import { deriveState, type StepKind } from '../../../shared/subsidy/lifecycle';
import type { SubsidyInputs, SubsidyRules } from '../../../shared/subsidy/rules';
import { computeYear, type YearCenter } from '../../../shared/subsidy/year';
import { type FiscalYear, formatFiscalYear } from '../../../shared/fiscal-year';
import type { Db, Trx } from '../db/schema';
import { handlers } from '../handlers';
import { commitImport, importTemplate, previewImport } from './io';
import { centerSteps, fundBudget, lifecycleSteps, readRules, rulesRecord, rulesYears, subsidyCenter, subsidyCenters, yearSteps } from './read';
import * as write from './write';

type Reader = Db | Trx;

/** The computation, or why the 要綱 no longer fits the amounts. */
function tryCompute(rules: SubsidyRules, center: SubsidyCenter, inputs: SubsidyInputs): { computation: SubsidyComputation | null; problem: string | null } {
  try {
    return { computation: computeSubsidy(rules, center, inputs), problem: null };
  } catch (error) {
    if (error instanceof SubsidyInputError || error instanceof RangeError) return { computation: null, problem: error.message };
    throw error;
  }
}

function sheetOf(rules: SubsidyRules | null, center: SubsidyCenter, step: SubsidyStepRecord | undefined, inputs?: SubsidyInputs | null): SubsidySheet | null {
  const amounts = inputs ?? step?.inputs;
  if (!rules || !step || !amounts) return null;
  return { stepId: step.id, kind: step.kind, datedOn: step.datedOn, amount: step.amount, ...tryCompute(rules, center, amounts) };
}

export async function centerResult(db: Reader, centerId: number, fiscalYear: number): Promise<SubsidyCenterResult> {
  const center = await subsidyCenter(db, centerId);
  const rules = await readRules(db, fiscalYear);
  const steps = await centerSteps(db, centerId, fiscalYear);
  const last = (...kinds: StepKind[]) => steps.findLast((s) => kinds.includes(s.kind));
  return {
    fiscalYear,
    center,
    rules: await rulesRecord(db, fiscalYear),
    steps,
    state: deriveState(lifecycleSteps(steps)),
    sheets: {
      application: sheetOf(rules, center, last('application')),
      change: sheetOf(rules, center, last('change_application')),
      decision: sheetOf(rules, center, last('decision', 'change_decision')),
      actual: sheetOf(rules, center, last('actual_report')),
    },
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

/** Every center with amounts for the year, computed on its latest ones under the year's 要綱. */
export async function yearCalculation(db: Reader, fiscalYear: number): Promise<SubsidyYearCalculation> {
  const rules = await readRules(db, fiscalYear);
  if (!rules) throw new RenkeiError('not_found', `${formatFiscalYear(fiscalYear as FiscalYear)}の補助金の要綱がありません。先に要綱を作成してください。`);
  const steps = await yearSteps(db, fiscalYear);
  const withAmounts: (YearCenter & { basis: NonNullable<SubsidyYearCalculation['centers'][number]['basis']> })[] = [];
  const withoutAmounts: string[] = [];
  for (const center of await subsidyCenters(db)) {
    const basis = simulationBasis(steps.get(center.id) ?? []);
    if (basis) withAmounts.push({ ...center, inputs: basis.inputs!, basis: basis.kind as 'application' });
    else withoutAmounts.push(center.name);
  }
  let year;
  try {
    year = computeYear(rules, withAmounts);
  } catch (error) {
    if (error instanceof SubsidyInputError) throw new RenkeiError('validation', error.message);
    throw error;
  }
  return { fiscalYear, title: rules.title, centers: year.centers.map((c, i) => ({ ...c, basis: withAmounts[i]!.basis })), total: year.total, withoutAmounts };
}

export const subsidyHandlers = handlers({
  'subsidy.calc': async (input, { db }) => yearCalculation(db, input.fiscalYear),
  'subsidy.rules.years': async (_input, { db }) => rulesYears(db),
  'subsidy.rules.get': async (input, { db }) => rulesRecord(db, input.fiscalYear),
  'subsidy.rules.save': async (input, { db, audit }) => {
    await write.saveRules(db, input, audit);
    return (await rulesRecord(db, input.fiscalYear))!;
  },
  'subsidy.rules.copy': async (input, { db, audit }) => {
    await write.copyRules(db, input.from, input.to, audit);
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
    const { centerId, fiscalYear } = await write.deleteLastStep(db, input.id, audit);
    return centerResult(db, centerId, fiscalYear);
  },
  'subsidy.simulate': async (input, { db }) => simulate(db, input.fiscalYear, input.rules),
  'subsidy.import.template': async (input, { db }) => importTemplate(db, input.fiscalYear),
  'subsidy.import.preview': async (input, { db }) => previewImport(db, input),
  'subsidy.import.commit': async (input, { db, audit, actor, core, bulkInsert }) => commitImport({ db, audit, actor, now: core.clock() }, input, bulkInsert),
});
