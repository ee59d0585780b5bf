/**
 * Changing surveys, each change in the audit log: definitions (a change
 * after answers exist becomes a new version, so old rounds keep theirs),
 * rounds and their targets, and answers — typed in the app or taken from a
 * returned workbook — with the answer replaced kept in the history.
 */
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { RenkeiError } from '@shared/contract';
import {
  type AnswerSource,
  roundTitle,
  type SurveyAnswerRecord,
  type SurveyDefinitionSaveResult,
  type surveyOperations,
} from '@shared/contract/survey';
import type { IsoDate } from '@shared/dates';
import { dateRangeProblem } from '@shared/fiscal-year';
import { type AnswerProblem, type Answers, answerChanges, checkAnswers } from '@shared/survey/answers';
import { builtInLoss, SURVEY_TARGET_KIND_LABELS, type SurveyDefinition } from '@shared/survey/definition';
import type { MutationContext } from '../kernel/context';
import type { Db, SurveyAnswerTable } from '../kernel/db/schema';
import { claimDelete, claimVersion, refuseStale } from '../kernel/versions';
import {
  answerRecord,
  answerVersions,
  currentAnswer,
  definitionDetail,
  definitionSummaries,
  parseDefinition,
  roundDetail,
  roundRow,
  roundTarget,
  targets,
} from './read';

type Input<N extends keyof typeof surveyOperations> = z.output<(typeof surveyOperations)[N]['input']>;
type Ctx = Pick<MutationContext, 'db' | 'audit' | 'core' | 'bulkInsert' | 'actor'>;

/**
 * Who is saving, named as the audit log names them: the signed-in person on a shared database (not the
 * database-wide 表示名 of the settings, which is whoever typed it last), the OS user where no name is set.
 */
function actor(ctx: Ctx): { at: string; by: string } {
  return { at: ctx.core.clock().toISOString(), by: ctx.actor.displayName || ctx.actor.osUser };
}

/**
 * A definition as the audit log keeps it: whole (for whoever must reconstruct it), and named, with its version and
 * its questions' 見出し, which are what a person reads in the log (「設問: 追加 …／削除 …」, 「版: 1 → 2」).
 */
function definitionAudit(version: number, definition: SurveyDefinition) {
  return { name: definition.name, version, questions: definition.questions.map((q) => q.label), definition };
}

const takenName = (name: string) =>
  new RenkeiError('conflict', `調査名「${name}」の調査票はすでにあります。別の調査名にしてください。`, { path: ['definition', 'name'] });

/** Refuses a name another survey has now (its newest 版): the list, the round's drawer and the audit log tell surveys apart by it. */
async function refuseTakenName(db: Ctx['db'], name: string, id: number | undefined): Promise<void> {
  if ((await definitionSummaries(db)).some((d) => d.name === name && d.id !== id)) throw takenName(name);
}

/**
 * Writes a survey's name, which the database keeps unique (migration 0030): a colleague's survey of the name saved at
 * the same moment, unseen by refuseTakenName, is refused in the same words.
 */
async function writeName<T>(name: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') throw takenName(name);
    throw error;
  }
}

export async function saveDefinition(ctx: Ctx, input: Input<'survey.definitions.save'>): Promise<SurveyDefinitionSaveResult> {
  const { db, audit } = ctx;
  const { at } = actor(ctx);
  const body = JSON.stringify(input.definition);
  const row = { name: input.definition.name, targetKind: input.definition.targetKind, body, createdAt: at };
  if (input.id === undefined) {
    await refuseTakenName(db, input.definition.name, undefined);
    const { name } = input.definition;
    const id = Number(
      (
        await writeName(
          name,
          db.insertInto('surveyDefinition').values({ key: null, name, createdAt: at }).returning('id').executeTakeFirstOrThrow(),
        )
      ).id,
    );
    await db
      .insertInto('surveyDefinitionVersion')
      .values({ ...row, definitionId: id, version: 1 })
      .execute();
    const after = await definitionDetail(db, id);
    audit({ entity: 'survey_definition', entityId: id, before: null, after: definitionAudit(1, input.definition) });
    return { ...after, newVersion: false };
  }
  const before = await definitionDetail(db, input.id);
  if (JSON.stringify(before.definition) === body) return { ...before, newVersion: false };
  // First, so a save over someone else's newer one is refused as such, not by a check made against what they saved.
  await claimVersion(
    db,
    {
      table: 'surveyDefinition',
      key: { id: input.id },
      expected: input.revision,
      entity: 'survey_definition',
      entityId: input.id,
      what: `調査票「${before.definition.name}」`,
    },
    ctx.core.clock(),
  );
  await refuseTakenName(db, input.definition.name, input.id);
  const lost = before.key === null ? null : builtInLoss(before.definition, input.definition);
  if (lost) throw new RenkeiError('refused', lost, { path: ['definition', 'questions'] });
  const newest = before.versions.at(-1)!;
  const anyRound = before.versions.some((v) => v.rounds > 0);
  if (anyRound && input.definition.targetKind !== before.definition.targetKind) {
    throw new RenkeiError(
      'refused',
      `この調査にはすでに回があるため、対象の種類（${SURVEY_TARGET_KIND_LABELS[before.definition.targetKind]}）は変えられません。別の対象に送る場合は新しい調査として作成してください。`,
      { path: ['definition', 'targetKind'] },
    );
  }
  // Once a round uses the version, its forms may be out and its answers (current or in history) read against it: edit a new one.
  const newVersion = newest.rounds > 0;
  if (input.definition.name !== before.definition.name)
    await writeName(
      input.definition.name,
      db.updateTable('surveyDefinition').set({ name: input.definition.name }).where('id', '=', input.id).execute(),
    );
  if (newVersion) {
    await db
      .insertInto('surveyDefinitionVersion')
      .values({ ...row, definitionId: input.id, version: newest.version + 1 })
      .execute();
  } else {
    await db
      .updateTable('surveyDefinitionVersion')
      .set({ name: row.name, targetKind: row.targetKind, body })
      .where('id', '=', newest.versionId)
      .execute();
  }
  const after = await definitionDetail(db, input.id);
  audit({
    entity: 'survey_definition',
    entityId: input.id,
    before: definitionAudit(before.version, before.definition),
    after: definitionAudit(after.version, after.definition),
  });
  return { ...after, newVersion };
}

/**
 * Deletes a survey of the officer's own that no round uses, with its 版: a round's forms and answers are read against
 * its 版, and Renkei's own 集計 and 帳票 read the surveys it ships.
 */
export async function deleteDefinition(ctx: Ctx, input: Input<'survey.definitions.delete'>): Promise<{ id: number }> {
  const { db, audit } = ctx;
  const before = await definitionDetail(db, input.id);
  const name = before.definition.name;
  if (before.key !== null)
    throw new RenkeiError('refused', `「${name}」は Renkei に組み込まれた調査票です。集計・帳票が使うため削除できません。`);
  const rounds = before.versions.reduce((n, v) => n + v.rounds, 0);
  if (rounds > 0)
    throw new RenkeiError(
      'refused',
      `「${name}」には回が${rounds}件あるため削除できません。回とその回答はこの調査票で読むため、記録として残します。`,
    );
  await claimDelete(
    db,
    {
      table: 'surveyDefinition',
      key: { id: input.id },
      expected: input.revision,
      entity: 'survey_definition',
      entityId: input.id,
      what: `調査票「${name}」`,
    },
    ctx.core.clock(),
  );
  await db.deleteFrom('surveyDefinitionVersion').where('definitionId', '=', input.id).execute();
  await db.deleteFrom('surveyDefinition').where('id', '=', input.id).execute();
  audit({ entity: 'survey_definition', entityId: input.id, before: definitionAudit(before.version, before.definition), after: null });
  return { id: input.id };
}

/**
 * The targets asked for, each a target of the kind in the 台帳 (the error names the ones that are not),
 * with the 台帳's names the audit log records them by.
 */
async function checkedTargets(
  ctx: Ctx,
  definition: SurveyDefinition,
  ids: readonly string[] | undefined,
): Promise<{ ids: string[]; names: (ids: readonly string[]) => string[] }> {
  const all = await targets(ctx.db, definition.targetKind, { institutionKinds: ids === undefined ? definition.institutionKinds : [] });
  const byId = new Map(all.map((t) => [t.id, t.name]));
  const names = (of: readonly string[]) => of.map((id) => byId.get(id) ?? `（台帳にない対象: ${id}）`);
  if (ids === undefined) return { ids: all.map((t) => t.id), names };
  const known = new Set(all.map((t) => t.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new RenkeiError(
      'validation',
      `対象「${unknown.slice(0, 5).join('、')}」${unknown.length > 5 ? ` ほか${unknown.length - 5}件` : ''}は台帳の${SURVEY_TARGET_KIND_LABELS[definition.targetKind]}にありません。台帳を確かめてください。`,
      {
        path: ['targetIds'],
      },
    );
  }
  return { ids: [...new Set(ids)], names };
}

function newToken(): string {
  return randomBytes(16).toString('hex');
}

export async function createRound(ctx: Ctx, input: Input<'survey.rounds.create'>) {
  const { db, audit } = ctx;
  const detail = await definitionDetail(db, input.definitionId);
  const fy = input.fiscalYear;
  const badDate = dateRangeProblem(fy, 'surveyReference', input.referenceDate as IsoDate, '基準日');
  if (badDate) throw new RenkeiError('validation', badDate, { path: ['referenceDate'] });
  const clash = await db
    .selectFrom('surveyRound')
    .select('id')
    .where('definitionId', '=', input.definitionId)
    .where('fiscalYear', '=', input.fiscalYear)
    .where('referenceDate', '=', input.referenceDate)
    .executeTakeFirst();
  if (clash)
    throw new RenkeiError('conflict', `「${detail.definition.name}」には同じ年度・基準日の回がすでにあります。その回を開いてください。`, {
      path: ['referenceDate'],
    });
  const { ids, names } = await checkedTargets(ctx, detail.definition, input.targetIds);
  if (ids.length === 0) {
    throw new RenkeiError(
      'validation',
      `送り先の${SURVEY_TARGET_KIND_LABELS[detail.definition.targetKind]}が1件もありません。台帳に登録するか、対象を選んでください。`,
      { path: ['targetIds'] },
    );
  }
  const { at } = actor(ctx);
  const id = Number(
    (
      await db
        .insertInto('surveyRound')
        .values({
          definitionId: input.definitionId,
          versionId: detail.versionId,
          fiscalYear: input.fiscalYear,
          referenceDate: input.referenceDate,
          title: input.title,
          createdAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
  await ctx.bulkInsert(
    'surveyRoundTarget',
    ids.map((targetId) => ({ roundId: id, targetId, token: newToken(), sentAt: null })),
  );
  const { targetIds: _ids, ...fields } = input;
  const name = roundTitle({ title: input.title, definitionName: detail.definition.name, fiscalYear: input.fiscalYear });
  audit({ entity: 'survey_round', entityId: id, before: null, after: { name, ...fields, version: detail.version, targets: names(ids) } });
  return roundDetail(db, id);
}

export async function setTargets(ctx: Ctx, input: Input<'survey.rounds.setTargets'>) {
  const { db, audit } = ctx;
  const round = await roundRow(db, input.id);
  const { ids, names } = await checkedTargets(ctx, parseDefinition(round.body), input.targetIds);
  const existing = (await db.selectFrom('surveyRoundTarget').select('targetId').where('roundId', '=', round.id).execute()).map(
    (r) => r.targetId,
  );
  const removed = existing.filter((t) => !ids.includes(t));
  const answered =
    removed.length > 0
      ? await db.selectFrom('surveyAnswer').select('targetId').where('roundId', '=', round.id).where('targetId', 'in', removed).execute()
      : [];
  if (answered.length > 0) {
    const names = (await targets(db, round.targetKind, { ids: answered.map((a) => a.targetId) })).map((t) => t.name);
    throw new RenkeiError('refused', `「${names.join('」「')}」は回答済みのため、対象から外せません。先に回答を取り下げてください。`, {
      path: ['targetIds'],
    });
  }
  if (removed.length > 0)
    await db.deleteFrom('surveyRoundTarget').where('roundId', '=', round.id).where('targetId', 'in', removed).execute();
  await ctx.bulkInsert(
    'surveyRoundTarget',
    ids.filter((t) => !existing.includes(t)).map((targetId) => ({ roundId: round.id, targetId, token: newToken(), sentAt: null })),
  );
  const name = roundTitle(round);
  audit({ entity: 'survey_round', entityId: round.id, before: { name, targets: names(existing) }, after: { name, targets: names(ids) } });
  return roundDetail(db, round.id);
}

/**
 * Records that forms went out to these targets on a day (the workbook writer
 * calls it for the forms it writes; a paper form is marked from the screen).
 */
export async function markSent(ctx: Ctx, input: Input<'survey.rounds.markSent'>) {
  const { db, audit } = ctx;
  const round = await roundRow(db, input.id);
  const all = await db.selectFrom('surveyRoundTarget').select(['targetId', 'sentAt']).where('roundId', '=', round.id).execute();
  const members = new Set(all.map((r) => r.targetId));
  for (const targetId of input.targetIds) if (!members.has(targetId)) await roundTarget(db, round, targetId);
  const before = all.filter((r) => input.targetIds.includes(r.targetId));
  await db
    .updateTable('surveyRoundTarget')
    .set({ sentAt: input.sentOn })
    .where('roundId', '=', round.id)
    .where('targetId', 'in', input.targetIds)
    .execute();
  // The date each target's form went out, by the target's name: the log shows each one that changed.
  const names = new Map((await targets(db, round.targetKind, { ids: input.targetIds })).map((t) => [t.id, t.name]));
  const sentOn = (dates: (id: string) => string | null) =>
    Object.fromEntries(input.targetIds.map((id) => [names.get(id) ?? id, dates(id)]));
  const was = new Map(before.map((r) => [r.targetId, r.sentAt]));
  const name = roundTitle(round);
  audit({
    entity: 'survey_round',
    entityId: round.id,
    before: { name, sentOn: sentOn((id) => was.get(id) ?? null) },
    after: { name, sentOn: sentOn(() => input.sentOn) },
  });
  return roundDetail(db, round.id);
}

export async function deleteRound(ctx: Ctx, id: number) {
  const { db, audit } = ctx;
  const before = await roundDetail(db, id);
  if (before.tracker.returned > 0) {
    throw new RenkeiError(
      'refused',
      `この回には回答が${before.tracker.returned}件あるため削除できません。回答を取り下げてから削除してください。`,
    );
  }
  const history = await db.selectFrom('surveyAnswerHistory').select('id').where('roundId', '=', id).executeTakeFirst();
  if (history) throw new RenkeiError('refused', 'この回には回答の履歴があるため削除できません。記録として残します。');
  await db.deleteFrom('surveyRoundTarget').where('roundId', '=', id).execute();
  await db.deleteFrom('surveyRound').where('id', '=', id).execute();
  const { definition: _definition, targets: list, tracker: _tracker, ...summary } = before;
  audit({
    entity: 'survey_round',
    entityId: id,
    before: { name: roundTitle(before), ...summary, targets: list.map((t) => t.name) },
    after: null,
  });
  return { id };
}

/** A problem's place as an operation error path: answers › question › row › column. */
export function problemPath(p: AnswerProblem): (string | number)[] {
  return ['answers', p.question, ...(p.row === null ? [] : [p.row]), ...(p.column === null ? [] : [p.column])];
}

interface AnswerEntry {
  targetId: string;
  answers: Answers;
  /** The answer's version as the screen read it (SurveyAnswerDetail.version); absent = not checked. */
  version?: number;
  /** The workbook's file name for source 'file'. */
  fileName?: string | null;
}

interface AnswersWrite {
  roundId: number;
  entries: readonly AnswerEntry[];
  source: AnswerSource;
  /** Store even with errors (要確認): returned, but not valid. */
  incomplete: boolean;
}

/**
 * Saves targets' answers to a round, all or none: each checked against the
 * round's version, the answer it replaces moved to the history, one audit
 * entry each. The round, its targets and the answers replaced are read once,
 * and the rows written through prepared statements, so a batch of hundreds
 * (the demo, a folder of returned files) costs little more than its inserts.
 */
async function writeAnswers(ctx: Ctx, input: AnswersWrite): Promise<SurveyAnswerRecord[]> {
  const { db, audit } = ctx;
  const round = await roundRow(db, input.roundId);
  const definition = parseDefinition(round.body);
  const ids = input.entries.map((e) => e.targetId);
  const seen = new Set<string>();
  const duplicate = ids.find((t) => {
    if (seen.has(t)) return true;
    seen.add(t);
    return false;
  });
  if (duplicate)
    throw new RenkeiError('validation', `同じ対象（${duplicate}）の回答が2つあります。1対象1回答にしてください。`, { path: ['entries'] });
  const members = new Set(
    (await db.selectFrom('surveyRoundTarget').select('targetId').where('roundId', '=', round.id).execute()).map((r) => r.targetId),
  );
  for (const [i, targetId] of ids.entries()) {
    if (members.has(targetId)) continue;
    // The error names the entry at fault when there are several, as the answers' own problems do below.
    await roundTarget(db, round, targetId).catch((error: unknown) => {
      throw error instanceof RenkeiError && ids.length > 1
        ? new RenkeiError(error.code, error.message, { path: ['entries', i, 'targetId'] })
        : error;
    });
  }
  const names = new Map((await targets(db, round.targetKind, { ids })).map((t) => [t.id, t.name]));

  const checks = input.entries.map((e) => checkAnswers(definition, e.answers));
  const failed = checks.flatMap((c, i) => c.errors.map((p) => ({ i, p })));
  if (failed.length > 0 && !input.incomplete) {
    const many = input.entries.length > 1;
    const at = (i: number, p: AnswerProblem) => (many ? ['entries', i, ...problemPath(p)] : problemPath(p));
    const first = failed[0]!;
    throw new RenkeiError(
      'validation',
      `${names.get(ids[first.i]!)}の回答に誤りが${checks[first.i]!.errors.length}件あります。${first.p.message}${failed.length > 1 ? '（ほかの誤りは一覧を見てください）' : ''}`,
      {
        path: at(first.i, first.p),
        issues: failed.map(({ i, p }) => ({ path: at(i, p), message: many ? `${names.get(ids[i]!)}: ${p.message}` : p.message })),
      },
    );
  }

  const { at, by } = actor(ctx);
  const previous = new Map<string, Selectable<SurveyAnswerTable>>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const row of await db
      .selectFrom('surveyAnswer')
      .selectAll()
      .where('roundId', '=', round.id)
      .where('targetId', 'in', chunk)
      .execute())
      previous.set(row.targetId, row);
  }
  // An answer is replaced whole (moved to the history, then written anew), and a target with no answer has a
  // version too (answerVersions): answers take odd numbers, no answer even ones, each above the one before.
  const versions = await answerVersions(db, round.id, ids);
  for (const entry of input.entries) {
    if (entry.version === undefined) continue;
    const what = `${names.get(entry.targetId)}の回答`;
    const entityId = `${round.id}:${entry.targetId}`;
    const claim = {
      table: 'surveyAnswer',
      key: { roundId: round.id, targetId: entry.targetId },
      entity: 'survey_answer',
      entityId,
      what,
    } as const;
    if (previous.has(entry.targetId)) await claimVersion(db, { ...claim, expected: entry.version }, ctx.core.clock());
    // Withdrawn or answered since the screen read it: the claim words who did it.
    else if (entry.version !== (versions.get(entry.targetId) ?? 0)) await refuseStale(db, claim, ctx.core.clock());
  }
  const replaced = [...previous.values()];
  await ctx.bulkInsert(
    'surveyAnswerHistory',
    replaced.map(({ errorCount: _count, version: _version, ...r }) => ({ ...r, replacedAt: at, replacedBy: by })),
  );
  for (let i = 0; i < replaced.length; i += 500) {
    await db
      .deleteFrom('surveyAnswer')
      .where('roundId', '=', round.id)
      .where(
        'targetId',
        'in',
        replaced.slice(i, i + 500).map((r) => r.targetId),
      )
      .execute();
  }
  const rows = input.entries.map((e, i) => ({
    roundId: round.id,
    targetId: e.targetId,
    // A 要確認 answer keeps what was given, wrong values included, so it reopens with the same errors to correct.
    answers: JSON.stringify(checks[i]!.errors.length > 0 ? e.answers : checks[i]!.answers),
    errors: JSON.stringify(checks[i]!.errors),
    warnings: JSON.stringify(checks[i]!.warnings),
    errorCount: checks[i]!.errors.length,
    source: input.source,
    fileName: e.fileName ?? null,
    savedAt: at,
    savedBy: by,
    version: previous.has(e.targetId) ? previous.get(e.targetId)!.version + 2 : (versions.get(e.targetId) ?? 0) + 1,
  }));
  await ctx.bulkInsert('surveyAnswer', rows);
  const roundName = roundTitle(round);
  return rows.map((row) => {
    const before = previous.get(row.targetId);
    const after = answerRecord(row);
    const target = names.get(row.targetId);
    audit({
      entity: 'survey_answer',
      entityId: `${round.id}:${row.targetId}`,
      before: before ? { ...answerRecord(before), target, round: roundName } : null,
      after: {
        ...after,
        target,
        round: roundName,
        ...(before ? { answerChanges: answerChanges(definition, JSON.parse(before.answers) as Answers, after.answers) } : {}),
      },
    });
    return after;
  });
}

export async function saveAnswer(ctx: Ctx, input: Input<'survey.answers.save'>): Promise<SurveyAnswerRecord> {
  const [record] = await writeAnswers(ctx, { roundId: input.roundId, entries: [input], source: 'form', incomplete: input.incomplete });
  return record!;
}

export async function saveAnswers(ctx: Ctx, input: Input<'survey.answers.saveMany'>): Promise<SurveyAnswerRecord[]> {
  return writeAnswers(ctx, { ...input, source: 'form' });
}

/**
 * For the workbook importer, inside its own operation's transaction: a
 * target's answer replaced from a returned file (source 'file'). A file with
 * errors is refused whole (the preview shows them first); warnings are kept
 * with the answer.
 */
export async function replaceAnswerFromFile(
  ctx: Ctx,
  input: { roundId: number; targetId: string; answers: Answers; fileName: string },
): Promise<SurveyAnswerRecord> {
  const [record] = await replaceAnswersFromFiles(ctx, { roundId: input.roundId, entries: [input] });
  return record!;
}

/** replaceAnswerFromFile for a batch of returned files, in one write (one entry per target): records in the entries' order. */
export async function replaceAnswersFromFiles(
  ctx: Ctx,
  input: { roundId: number; entries: readonly { targetId: string; answers: Answers; fileName: string }[] },
): Promise<SurveyAnswerRecord[]> {
  if (input.entries.length === 0) return [];
  return writeAnswers(ctx, { roundId: input.roundId, entries: input.entries, source: 'file', incomplete: false });
}

export async function deleteAnswer(ctx: Ctx, input: Input<'survey.answers.delete'>) {
  const { db, audit } = ctx;
  const round = await roundRow(db, input.roundId);
  const target = await roundTarget(db, round, input.targetId);
  const previous = await currentAnswer(db, round.id, input.targetId);
  const claim = {
    table: 'surveyAnswer',
    key: { roundId: round.id, targetId: input.targetId },
    entity: 'survey_answer',
    entityId: `${round.id}:${input.targetId}`,
    what: `${target.name}の回答`,
    expected: input.version,
    undone: '回答を取り下げていません',
  } as const;
  // Only the answer the screen showed, not one a colleague saved (or withdrew) since: the refusal says who did it.
  if (!previous && input.version !== undefined) await refuseStale(db, claim, ctx.core.clock());
  if (!previous) throw new RenkeiError('not_found', `${target.name}の回答はまだありません。`);
  await claimDelete(db, claim, ctx.core.clock());
  const { at, by } = actor(ctx);
  const { roundId, targetId, answers, errors, warnings, source, fileName, savedAt, savedBy } = previous;
  await db
    .insertInto('surveyAnswerHistory')
    .values({ roundId, targetId, answers, errors, warnings, source, fileName, savedAt, savedBy, replacedAt: at, replacedBy: by })
    .execute();
  await db.deleteFrom('surveyAnswer').where('roundId', '=', round.id).where('targetId', '=', input.targetId).execute();
  audit({
    entity: 'survey_answer',
    entityId: `${round.id}:${input.targetId}`,
    before: { ...answerRecord(previous), target: target.name },
    after: null,
  });
  return { roundId: round.id, targetId: input.targetId };
}

/**
 * Removes every institution's own answers (and their earlier versions) from a
 * meeting copy meant for outside members; runs on the copy, never on the
 * working database, so it is not an operation and writes no audit entry.
 */
export async function leaveOutInstitutionAnswers(copy: Db): Promise<void> {
  const rounds = copy
    .selectFrom('surveyRound as r')
    .innerJoin('surveyDefinitionVersion as v', 'v.id', 'r.versionId')
    .where('v.targetKind', '=', 'institution')
    .select('r.id');
  await copy.deleteFrom('surveyAnswerHistory').where('roundId', 'in', rounds).execute();
  await copy.deleteFrom('surveyAnswer').where('roundId', 'in', rounds).execute();
}
