/**
 * Changing the fund, each change in the audit log: projects, budget versions
 * (a new one starts as a copy of the one before), a project's amounts in a
 * version, spending (by hand, or booked by another domain), and the year's
 * contributions. Figures that do not add up are refused with the problems the
 * shared rules name. Fund depends on no other domain: those that draw on its
 * projects tell it so through `ProjectUse`, given by the composition root.
 */
import type { z } from 'zod';
import { RenkeiError } from '@shared/contract';
import {
  type amountsSaveSchema,
  FUND_SIDE_LABELS,
  type FundEvaluation,
  type FundPlanText,
  type FundSide,
  type FundVersionSummary,
  type fundYearSaveSchema,
  OPERATOR_KIND_LABELS,
  type OperatorKind,
  type planTextSaveSchema,
  type projectSaveSchema,
  type spendingSaveSchema,
} from '@shared/contract/fund';
import { type IsoDate, isoDateOfLocal } from '@shared/dates';
import { dateRangeProblem, type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { figuresOf, lineAmounts, type ProjectAmounts } from '@shared/fund/amounts';
import type { FundProblem } from '@shared/fund/problems';
import {
  checkVersion,
  lockedVersionProblem,
  newVersionProblem,
  nextVersionLabel,
  type VersionKind,
  versionOrderProblem,
  versionReasonProblem,
} from '@shared/fund/versions';
import { yen } from '@shared/money';
import type { Actor, AuditRecord } from '../kernel/context';
import type { Trx } from '../kernel/db/schema';
import { claimDelete, claimVersion, firstSave, refuseStale, withoutVersion } from '../kernel/versions';
import { associations } from '../masters';
import {
  budgetVersion,
  categories,
  evaluation,
  fundBalance,
  planText,
  projectById,
  projectRef,
  versionLines,
  versionSummary,
  versions,
} from './read';

type Audit = (record: AuditRecord) => void;

/**
 * Records of another domain that draw on fund projects (補助金's 要綱 name one
 * as their 財源). Each answer is the refusal's reason in Japanese, or null
 * when nothing of the domain relies on what is about to go.
 */
export interface ProjectUse {
  /** Why the project cannot be deleted. */
  ofProject(db: Trx, project: { id: number; name: string }): Promise<string | null>;
  /** Why a year's 当初 version cannot be deleted, given the projects of its side. */
  ofYear(db: Trx, fiscalYear: number, projectIds: readonly number[]): Promise<string | null>;
}

/** Problems from the shared rules, as one refusal that lists them all. */
function refuse(problems: readonly FundProblem[]): never {
  throw new RenkeiError('validation', problems.map((p) => p.message).join('\n'), {
    path: [problems[0]!.fields[0] ?? 'fundAmount'],
    issues: problems.map((p) => ({ path: [...p.fields], message: p.message })),
  });
}

interface LedgerOperator {
  /** The field that picks it. */
  field: 'associationId' | 'municipalityCode';
  /** Whether the 台帳 has any to pick. */
  any(db: Trx): Promise<boolean>;
}
/**
 * The kinds of 事業主体 chosen from the 台帳. The plan prints the chosen one's name as the 事業主体; the kind alone would
 * print just 「医師会」 or 「市町村」. With none of the kind in the 台帳 there is nothing to choose, and the kind is kept as typed.
 */
const LEDGER_OPERATORS: Partial<Record<OperatorKind, LedgerOperator>> = {
  association: { field: 'associationId', any: async (db) => (await associations(db)).length > 0 },
  municipality: {
    field: 'municipalityCode',
    any: async (db) => (await db.selectFrom('municipality').select('code').limit(1).executeTakeFirst()) !== undefined,
  },
};

export async function saveProject(db: Trx, input: z.output<typeof projectSaveSchema>, audit: Audit, now: Date) {
  if (!(await categories(db)).some((c) => c.code === input.categoryCode)) {
    throw new RenkeiError('validation', `区分「${input.categoryCode}」は区分の一覧にありません。一覧から選んでください。`, {
      path: ['categoryCode'],
    });
  }
  if (input.endFy !== null && input.endFy < input.startFy) {
    throw new RenkeiError('validation', '終了年度が開始年度より前です。期間を確かめてください。', { path: ['endFy'] });
  }
  const ledger = LEDGER_OPERATORS[input.operatorKind];
  if (ledger && input[ledger.field] === null && (await ledger.any(db))) {
    const label = OPERATOR_KIND_LABELS[input.operatorKind];
    throw new RenkeiError(
      'validation',
      `事業主体の${label}を選んでください。事業主体の種類が「${label}」のときは、台帳の${label}から選びます。`,
      { path: [ledger.field] },
    );
  }
  const clash = await db
    .selectFrom('fundProject')
    .select(['id', 'name'])
    .where('side', '=', input.side)
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (clash && clash.id !== input.id) {
    throw new RenkeiError('conflict', `事業番号「${input.number}」は「${clash.name}」で使われています。別の番号にしてください。`, {
      path: ['number'],
    });
  }
  const before = input.id ? await projectById(db, input.id) : null;
  const { id: _id, indicators, version, ...row } = input;
  let id = input.id;
  if (id)
    await claimVersion(
      db,
      { table: 'fundProject', key: { id }, expected: version, entity: 'fund_project', entityId: id, what: `基金事業「${before!.name}」` },
      now,
    );
  if (id) await db.updateTable('fundProject').set(row).where('id', '=', id).execute();
  else id = Number((await db.insertInto('fundProject').values(row).returning('id').executeTakeFirstOrThrow()).id);
  await db.deleteFrom('fundIndicator').where('projectId', '=', id).execute();
  for (const [i, indicator] of indicators.entries()) {
    await db
      .insertInto('fundIndicator')
      .values({
        projectId: id,
        kind: indicator.kind,
        label: indicator.label,
        unit: indicator.unit,
        baselineHundredths: indicator.baseline,
        targetHundredths: indicator.target,
        actualHundredths: indicator.actual,
        baselineOn: indicator.baselineOn,
        targetOn: indicator.targetOn,
        sortOrder: i,
      })
      .execute();
  }
  const after = await projectById(db, id);
  audit({ entity: 'fund_project', entityId: id, before: before && withoutVersion(before), after: withoutVersion(after) });
  return after;
}

export async function deleteProject(db: Trx, id: number, audit: Audit, uses: readonly ProjectUse[], expected?: number, now = new Date()) {
  const before = await projectById(db, id);
  const what = `基金事業「${before.name}」`;
  await claimDelete(db, { table: 'fundProject', key: { id }, expected, entity: 'fund_project', entityId: id, what }, now);
  const { n } = await db
    .selectFrom('fundSpending')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('projectId', '=', id)
    .executeTakeFirstOrThrow();
  if (n > 0) {
    throw new RenkeiError(
      'refused',
      `「${before.name}」には執行の記録が ${n} 件あるため削除できません。先に執行の記録を削除するか、事業の終了年度を設定してください。`,
    );
  }
  for (const use of uses) {
    const reason = await use.ofProject(db, before);
    if (reason) throw new RenkeiError('refused', reason);
  }
  const lines = await db.selectFrom('fundBudgetAmount').selectAll().where('projectId', '=', id).execute();
  await db.deleteFrom('fundBudgetAmount').where('projectId', '=', id).execute();
  await db.deleteFrom('fundProject').where('id', '=', id).execute();
  audit({ entity: 'fund_project', entityId: id, before: { ...before, budgetLines: lines }, after: null });
  return { id };
}

/** Why the version's date and reason cannot stand after `previous`, as a refusal on the field. */
function checkVersionFields(
  input: { fiscalYear: number; kind: VersionKind; datedOn: string; reason: string },
  previous: FundVersionSummary | undefined,
): void {
  const badDate =
    dateRangeProblem(input.fiscalYear as FiscalYear, 'fundVersion', input.datedOn as IsoDate, '日付') ??
    versionOrderProblem(input.datedOn, previous);
  if (badDate) throw new RenkeiError('validation', badDate, { path: ['datedOn'] });
  const noReason = versionReasonProblem(input.kind, input.reason);
  if (noReason) throw new RenkeiError('validation', noReason, { path: ['reason'] });
}

/** A new version of the year's budget: the first is 当初, each later one starts as a copy of the one before. */
export async function createVersion(
  db: Trx,
  input: { side: FundSide; fiscalYear: number; kind: VersionKind; datedOn: string; reason: string },
  audit: Audit,
) {
  const existing = await versions(db, input.side, input.fiscalYear);
  const previous = existing.at(-1);
  const wrongKind = newVersionProblem(existing, input.kind);
  if (wrongKind) throw new RenkeiError('validation', wrongKind, { path: ['kind'] });
  checkVersionFields(input, previous);
  const label = nextVersionLabel(await Promise.all(existing.map((v) => budgetVersion(db, v.id))), input.kind);
  const id = Number(
    (
      await db
        .insertInto('fundBudgetVersion')
        .values({ ...input, label, seq: (previous?.seq ?? 0) + 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
  if (previous) {
    const lines = await db.selectFrom('fundBudgetAmount').selectAll().where('versionId', '=', previous.id).execute();
    for (const line of lines)
      await db
        .insertInto('fundBudgetAmount')
        .values({ ...line, versionId: id })
        .execute();
  }
  const after = await versionSummary(db, id);
  audit({ entity: 'fund_budget_version', entityId: id, before: null, after: { ...after, copiedFrom: previous?.label ?? null } });
  return after;
}

/** The version with the year's others, refused unless it is the latest (older ones are read-only). */
export async function latestVersion(
  db: Trx,
  id: number,
): Promise<{ version: FundVersionSummary; previous: FundVersionSummary | undefined }> {
  const version = await versionSummary(db, id);
  const all = await versions(db, version.side, version.fiscalYear);
  const locked = lockedVersionProblem(all, id);
  if (locked) throw new RenkeiError('refused', locked);
  return { version, previous: all.at(-2) };
}

/** Corrects the latest version's date or reason (a typo in either), audited; its kind and label stay. */
export async function updateVersion(
  db: Trx,
  input: { id: number; datedOn: string; reason: string; version?: number },
  audit: Audit,
  now: Date,
) {
  const { version, previous } = await latestVersion(db, input.id);
  checkVersionFields({ ...version, datedOn: input.datedOn, reason: input.reason }, previous);
  const what = `予算の版「${version.fiscalYear}年度 ${version.label}」`;
  const claim = {
    table: 'fundBudgetVersion',
    key: { id: input.id },
    expected: input.version,
    entity: 'fund_budget_version',
    entityId: input.id,
    what,
  } as const;
  await claimVersion(db, claim, now);
  await db.updateTable('fundBudgetVersion').set({ datedOn: input.datedOn, reason: input.reason }).where('id', '=', input.id).execute();
  const after = await versionSummary(db, input.id);
  audit({ entity: 'fund_budget_version', entityId: input.id, before: withoutVersion(version), after: withoutVersion(after) });
  return after;
}

/**
 * What relies on the latest version being there, in Japanese; null when
 * nothing does. The year's 当初 carries its spending and the 補助金 that draw
 * on the year; a later version's budget may be what the subsidy decisions
 * were held to (they would stand over the budget of the version before).
 */
async function versionDependents(
  db: Trx,
  version: FundVersionSummary,
  previous: FundVersionSummary | undefined,
  uses: readonly ProjectUse[],
): Promise<string | null> {
  const sideProjects = db.selectFrom('fundProject').select('id').where('side', '=', version.side);
  if (!previous) {
    const { n } = await db
      .selectFrom('fundSpending')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('fiscalYear', '=', version.fiscalYear)
      .where('projectId', 'in', sideProjects)
      .executeTakeFirstOrThrow();
    if (n > 0)
      return `${formatFiscalYear(version.fiscalYear as FiscalYear)}には執行の記録が ${n} 件あり、この当初予算に対して記録されています。先に執行の記録（補助金から記録されたものは補助金の手続き）を削除してください。`;
    const projectIds = (await sideProjects.execute()).map((p) => p.id);
    for (const use of uses) {
      const reason = await use.ofYear(db, version.fiscalYear, projectIds);
      if (reason) return reason;
    }
    return null;
  }
  // A project this version brought into the plan takes its spending with it: the year's 執行額 would drop unseen.
  const planned = new Set((await versionLines(db, previous.id)).map((l) => l.projectId));
  const added = (await versionLines(db, version.id)).map((l) => l.projectId).filter((id) => !planned.has(id));
  if (added.length > 0) {
    const spent = await db
      .selectFrom('fundSpending')
      .select(['projectId', (eb) => eb.fn.sum<number>('amount').as('amount')])
      .where('fiscalYear', '=', version.fiscalYear)
      .where('projectId', 'in', added)
      .groupBy('projectId')
      .orderBy('projectId')
      .execute();
    const first = spent[0];
    if (first) {
      const project = await projectById(db, first.projectId);
      return `「${project.number} ${project.name}」はこの版で計画に加わった事業で、執行 ${formatYen(yen(Number(first.amount)))}が記録されています。削除すると年度の執行額から外れます。先に執行の記録（補助金から記録されたものは補助金の手続き）を削除してください。`;
    }
  }
  const decided = await db
    .selectFrom('fundSpending')
    .select(['projectId', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('fiscalYear', '=', version.fiscalYear)
    .where('source', '=', 'subsidy')
    .where('projectId', 'in', sideProjects)
    .groupBy('projectId')
    .execute();
  if (decided.length === 0) return null;
  const budgetOf = async (versionId: number) =>
    new Map((await versionLines(db, versionId)).map((l) => [l.projectId, figuresOf(l.amounts).totalCost as number]));
  const now = await budgetOf(version.id);
  const before = await budgetOf(previous.id);
  for (const { projectId, amount } of decided) {
    const total = Number(amount);
    // Relying on this version: within its budget, beyond the one before.
    if (total > (now.get(projectId) ?? 0) || total <= (before.get(projectId) ?? 0)) continue;
    const project = await projectById(db, projectId);
    return `「${project.name}」の補助金の交付決定（計 ${formatYen(yen(total))}）がこの版の予算 ${formatYen(yen(now.get(projectId) ?? 0))} に収まるものとして決まっています。削除すると前の版「${previous.label}」の予算 ${formatYen(yen(before.get(projectId) ?? 0))} を超えます。先に補助金の画面で決定を見直してください。`;
  }
  return null;
}

/** Deletes the latest version of a year (its amounts with it), audited, when nothing relies on it. */
export async function deleteVersion(db: Trx, id: number, audit: Audit, uses: readonly ProjectUse[]) {
  const { version, previous } = await latestVersion(db, id);
  const dependents = await versionDependents(db, version, previous, uses);
  if (dependents)
    throw new RenkeiError(
      'refused',
      `「${version.label}」は削除できません。${dependents}日付や理由の誤りなら「日付・理由を直す」で直せます。`,
    );
  const lines = await db.selectFrom('fundBudgetAmount').selectAll().where('versionId', '=', id).execute();
  await db.deleteFrom('fundBudgetAmount').where('versionId', '=', id).execute();
  await db.deleteFrom('fundBudgetVersion').where('id', '=', id).execute();
  audit({ entity: 'fund_budget_version', entityId: id, before: { ...version, lines }, after: null });
  return { id };
}

/**
 * Projects' amounts in a version, all in one go; the 2/3 rule splits 国/県
 * unless the user set them. Checked together after writing (the transaction
 * undoes it all on a refusal), so a 流用 moves money between two projects at
 * once and must keep the year's 基金 total.
 */
export async function saveAmounts(
  db: Trx,
  input: z.output<typeof amountsSaveSchema>,
  audit: Audit,
  now = new Date(),
): Promise<(ProjectAmounts & { version: number })[]> {
  const { version, previous } = await latestVersion(db, input.versionId);
  const saved: (ProjectAmounts & { version: number })[] = [];
  for (const line of input.lines) {
    const project = await projectById(db, line.projectId);
    if (project.side !== version.side) {
      throw new RenkeiError(
        'validation',
        `「${project.name}」は${FUND_SIDE_LABELS[project.side]}の事業です。${FUND_SIDE_LABELS[project.side]}の版に入力してください。`,
        { path: ['lines'] },
      );
    }
    const amounts = lineAmounts(line);
    const where = { versionId: input.versionId, projectId: line.projectId };
    const before = await db
      .selectFrom('fundBudgetAmount')
      .selectAll()
      .where('versionId', '=', where.versionId)
      .where('projectId', '=', where.projectId)
      .executeTakeFirst();
    const row = { ...amounts, splitOverride: line.split ? 1 : 0 };
    const entityId = `${input.versionId}:${line.projectId}`;
    const what = `「${project.name}」の${version.label}の金額`;
    const lineVersion = before
      ? await claimVersion(
          db,
          { table: 'fundBudgetAmount', key: where, expected: line.version, entity: 'fund_budget_amount', entityId, what },
          now,
        )
      : 0;
    if (before)
      await db
        .updateTable('fundBudgetAmount')
        .set(row)
        .where('versionId', '=', where.versionId)
        .where('projectId', '=', where.projectId)
        .execute();
    else
      await db
        .insertInto('fundBudgetAmount')
        .values({ ...where, ...row })
        .execute();
    // `version` here names the budget version (the audit's words), not the line's concurrency version;
    // both sides carry it and the project's name, so the entry says whose amounts changed in which version.
    const named = { project: project.name, version: `${formatFiscalYear(version.fiscalYear as FiscalYear)} ${version.label}` };
    audit({
      entity: 'fund_budget_amount',
      entityId,
      before: before ? { ...before, ...named } : null,
      after: { ...where, ...named, ...row },
    });
    saved.push({ ...amounts, version: lineVersion });
  }
  const touched = new Set(input.lines.map((l) => l.projectId));
  const problems = checkVersion(await budgetVersion(db, version.id), previous ? await budgetVersion(db, previous.id) : undefined).filter(
    (p) => p.projectId === undefined || touched.has(p.projectId),
  );
  if (problems.length > 0) refuse(problems);
  return saved;
}

/** A row of spending as the audit log keeps it: its project by name (the log shows no ids), without its save counter. */
async function spendingRecord<T extends { projectId: number; version?: number }>(db: Trx, row: T | null | undefined) {
  return row ? { ...withoutVersion(row), fundProject: await projectRef(db, row.projectId) } : null;
}

export async function saveSpending(db: Trx, input: z.output<typeof spendingSaveSchema>, audit: Audit, now: Date) {
  await projectById(db, input.projectId);
  const badDate = dateRangeProblem(input.fiscalYear, 'fundSpending', input.spentOn, '日付');
  if (badDate) throw new RenkeiError('validation', badDate, { path: ['spentOn'] });
  const { version: expected, ...fields } = input;
  const row = { ...fields, source: 'manual' };
  const { id: _id, ...values } = row;
  const before = input.id ? await db.selectFrom('fundSpending').selectAll().where('id', '=', input.id).executeTakeFirst() : undefined;
  if (input.id && !before) throw new RenkeiError('not_found', '執行の記録が見つかりません。画面を開き直してください。');
  if (before && before.source !== 'manual')
    throw new RenkeiError('refused', 'この執行は補助金の交付決定・精算から記録されたものです。補助金の画面で変更してください。');
  let id = input.id;
  if (id) {
    const what = `執行の記録（${before!.spentOn} ${before!.payee || before!.purpose}）`;
    await claimVersion(db, { table: 'fundSpending', key: { id }, expected, entity: 'fund_spending', entityId: id, what }, now);
  }
  if (id) await db.updateTable('fundSpending').set(values).where('id', '=', id).execute();
  else id = Number((await db.insertInto('fundSpending').values(values).returning('id').executeTakeFirstOrThrow()).id);
  const after = await db.selectFrom('fundSpending').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  audit({ entity: 'fund_spending', entityId: id, before: await spendingRecord(db, before), after: await spendingRecord(db, after) });
  const { sourceRef: _ref, ...result } = after;
  return result;
}

export async function deleteSpending(db: Trx, id: number, audit: Audit, expected?: number, now = new Date()) {
  const before = await db.selectFrom('fundSpending').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new RenkeiError('not_found', '執行の記録が見つかりません。画面を開き直してください。');
  if (before.source !== 'manual')
    throw new RenkeiError('refused', 'この執行は補助金の交付決定・精算から記録されたものです。補助金の画面で変更してください。');
  const what = `執行の記録（${before.spentOn} ${before.payee || before.purpose}）`;
  await claimDelete(db, { table: 'fundSpending', key: { id }, expected, entity: 'fund_spending', entityId: id, what }, now);
  await db.deleteFrom('fundSpending').where('id', '=', id).execute();
  audit({ entity: 'fund_spending', entityId: id, before: await spendingRecord(db, before), after: null });
  return { id };
}

/** Saves a year's contributions, audited, and gives the balance they change. */
export async function saveFundYear(db: Trx, input: z.output<typeof fundYearSaveSchema>, audit: Audit, now: Date) {
  const before = await db
    .selectFrom('fundYear')
    .selectAll()
    .where('side', '=', input.side)
    .where('fiscalYear', '=', input.fiscalYear)
    .executeTakeFirst();
  const { version: expected, ...row } = input;
  const entityId = `${input.side}:${input.fiscalYear}`;
  if (before) {
    const what = `${formatFiscalYear(input.fiscalYear as FiscalYear)}の基金の積立・運用益`;
    await claimVersion(
      db,
      { table: 'fundYear', key: { side: input.side, fiscalYear: input.fiscalYear }, expected, entity: 'fund_year', entityId, what },
      now,
    );
    await db.updateTable('fundYear').set(row).where('side', '=', input.side).where('fiscalYear', '=', input.fiscalYear).execute();
  } else {
    // A first save makes version 1, so a screen that read "not entered yet" (version 0) cannot save over it.
    await firstSave(
      db
        .insertInto('fundYear')
        .values({ ...row, version: 1 })
        .execute(),
    );
  }
  audit({ entity: 'fund_year', entityId, before: withoutVersion(before), after: row });
  return fundBalance(db, input.side, isoDateOfLocal(now));
}

/**
 * Deletes a year's 積立・運用益 entered by mistake, audited. Only the last year entered: each year's balance carries
 * into the next, and the first holds the fund's 期首残高, so a year before another would break the chain.
 */
export async function deleteFundYear(
  db: Trx,
  input: { side: FundSide; fiscalYear: FiscalYear; version?: number | undefined },
  audit: Audit,
  now: Date,
) {
  const year = formatFiscalYear(input.fiscalYear);
  const key = { side: input.side, fiscalYear: input.fiscalYear };
  const before = await db
    .selectFrom('fundYear')
    .selectAll()
    .where('side', '=', key.side)
    .where('fiscalYear', '=', key.fiscalYear)
    .executeTakeFirst();
  if (!before) throw new RenkeiError('not_found', `${year}の積立・運用益は登録されていません。画面を開き直してください。`);
  const entityId = `${input.side}:${input.fiscalYear}`;
  const what = `${year}の基金の積立・運用益`;
  await claimDelete(db, { table: 'fundYear', key, expected: input.version, entity: 'fund_year', entityId, what }, now);
  const later = await db
    .selectFrom('fundYear')
    .select('fiscalYear')
    .where('side', '=', input.side)
    .where('fiscalYear', '>', input.fiscalYear)
    .orderBy('fiscalYear', 'desc')
    .executeTakeFirst();
  if (later)
    throw new RenkeiError(
      'refused',
      `${year}の積立・運用益は削除できません。残高は年度から次の年度へ引き継がれ、後の${formatFiscalYear(later.fiscalYear as FiscalYear)}まで登録されています。削除するときは後の年度から順に削除するか、この年度の金額を直してください。`,
    );
  await db.deleteFrom('fundYear').where('side', '=', key.side).where('fiscalYear', '=', key.fiscalYear).execute();
  audit({ entity: 'fund_year', entityId, before: withoutVersion(before), after: null });
  return fundBalance(db, input.side, isoDateOfLocal(now));
}

/**
 * The 事後評価 of a project's year, audited; saving what is already there changes nothing. The first save
 * makes version 1, so of two people writing the first one the second is refused like any stale save.
 */
export async function saveEvaluation(db: Trx, input: FundEvaluation, audit: Audit, now: Date): Promise<FundEvaluation> {
  const current = await evaluation(db, input.projectId, input.fiscalYear);
  const before = withoutVersion(current);
  const { projectId, fiscalYear, version: expected, ...fields } = input;
  const after = { projectId, fiscalYear, ...fields };
  const same = (Object.keys(fields) as (keyof typeof fields)[]).every((k) => before[k] === fields[k]);
  if (same) return current;
  const row = { ...fields, outcomeObserved: input.outcomeObserved === null ? null : input.outcomeObserved ? 1 : 0 };
  const entityId = `${projectId}:${fiscalYear}`;
  let version = 1;
  // Whether the row exists decides, not its version: rows from before migration 0019 have version 0.
  const exists = await db
    .selectFrom('fundEvaluation')
    .select('version')
    .where('projectId', '=', projectId)
    .where('fiscalYear', '=', fiscalYear)
    .executeTakeFirst();
  const what = async () => `基金事業「${(await projectById(db, projectId)).name}」の${formatFiscalYear(fiscalYear)}の事後評価`;
  if (!exists) {
    // A screen that read a saved one (version > 0) whose row is gone since (an undo) must not write it back unseen.
    if (expected !== undefined && expected > 0) await refuseStale(db, { entity: 'fund_evaluation', entityId, what: await what() }, now);
    await firstSave(
      db
        .insertInto('fundEvaluation')
        .values({ projectId, fiscalYear, ...row, version })
        .execute(),
    );
  } else {
    const key = { projectId, fiscalYear };
    version = await claimVersion(
      db,
      { table: 'fundEvaluation', key, expected, entity: 'fund_evaluation', entityId, what: await what() },
      now,
    );
    await db.updateTable('fundEvaluation').set(row).where('projectId', '=', projectId).where('fiscalYear', '=', fiscalYear).execute();
  }
  const fundProject = await projectRef(db, projectId);
  audit({ entity: 'fund_evaluation', entityId, before: { ...before, fundProject }, after: { ...after, fundProject } });
  return { ...after, version };
}

/**
 * The plan's narrative of the year as a new version (the ones before stay), audited; unchanged text is not saved
 * again. A save based on a version other than the newest is refused: it would become the newest over a text the
 * screen never showed. Two saves at once cannot both pass: the second's version number is taken (unique per 年度).
 */
export async function savePlanText(
  db: Trx,
  input: z.output<typeof planTextSaveSchema>,
  audit: Audit,
  actor: Actor,
  now: Date,
): Promise<FundPlanText> {
  const before = await planText(db, input.fiscalYear);
  if (before.current && JSON.stringify(before.current.sections) === JSON.stringify(input.sections)) return before;
  const head = before.current?.version ?? 0;
  if (input.version !== undefined && input.version !== head) {
    const headRow = await db
      .selectFrom('fundPlanText')
      .select('id')
      .where('fiscalYear', '=', input.fiscalYear)
      .where('version', '=', head)
      .executeTakeFirst();
    const what = `${formatFiscalYear(input.fiscalYear)}の計画の本文`;
    await refuseStale(db, { entity: 'fund_plan_text', entityId: headRow ? [headRow.id] : [], what }, now);
  }
  const version = head + 1;
  const id = Number(
    (
      await firstSave(
        db
          .insertInto('fundPlanText')
          .values({ fiscalYear: input.fiscalYear, version, sectionsJson: JSON.stringify(input.sections), savedAt: now.toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow(),
      )
    ).id,
  );
  audit({
    entity: 'fund_plan_text',
    entityId: id,
    before: before.current,
    after: { fiscalYear: input.fiscalYear, version, sections: input.sections },
  });
  // The audit record is written when the transaction ends: the new version's saver is the one saving now.
  const saved = await planText(db, input.fiscalYear);
  return {
    ...saved,
    versions: saved.versions.map((v) => (v.version === version ? { ...v, savedBy: actor.displayName || actor.osUser } : v)),
  };
}

/** A row of spending kept by another domain, as it books it: the money, whom it went to and the voucher. */
export interface SpendingBooking {
  projectId: number;
  fiscalYear: number;
  spentOn: string;
  amount: number;
  payee: string;
  purpose: string;
  voucherNo: string;
}

/**
 * Keeps the one row of spending another domain holds under `sourceRef` as
 * `booking` says (none when null), audited in the caller's transaction like
 * any change of spending. The screens refuse to edit such a row by hand: it
 * changes only where it was booked.
 */
export async function bookSpending(
  db: Trx,
  source: { source: string; sourceRef: string },
  booking: SpendingBooking | null,
  audit: Audit,
): Promise<void> {
  const existing = await db
    .selectFrom('fundSpending')
    .selectAll()
    .where('source', '=', source.source)
    .where('sourceRef', '=', source.sourceRef)
    .executeTakeFirst();
  if (!booking) {
    if (!existing) return;
    await db.deleteFrom('fundSpending').where('id', '=', existing.id).execute();
    audit({ entity: 'fund_spending', entityId: existing.id, before: await spendingRecord(db, existing), after: null });
    return;
  }
  const target = { ...booking, ...source };
  if (existing) {
    const { id: _id, ...current } = existing;
    if (JSON.stringify(current) === JSON.stringify({ ...current, ...target })) return;
    await db.updateTable('fundSpending').set(target).where('id', '=', existing.id).execute();
    audit({
      entity: 'fund_spending',
      entityId: existing.id,
      before: await spendingRecord(db, existing),
      after: await spendingRecord(db, { id: existing.id, ...target }),
    });
    return;
  }
  const id = Number((await db.insertInto('fundSpending').values(target).returning('id').executeTakeFirstOrThrow()).id);
  audit({ entity: 'fund_spending', entityId: id, before: null, after: await spendingRecord(db, { id, ...target }) });
}
