/**
 * Reading surveys: definitions and their versions, rounds with the response
 * tracker, one target's answer with its history and last round's answer,
 * the targets of the 台帳 a kind of survey goes to, and how they fall into
 * the areas of a kind (the grouping of the results), and the results by
 * prefecture and area with 前回比.
 */
import { RenkeiError } from '@shared/contract';
import type {
  AnswerSource,
  AnswerStatus,
  SurveyAggregateResult,
  SurveyAnswerDetail,
  SurveyAnswerRecord,
  SurveyComparisonResult,
  SurveyDefinitionDetail,
  SurveyDefinitionSummary,
  SurveyGroup,
  SurveyRoundDetail,
  SurveyRoundSummary,
  SurveyTarget,
  SurveyTracker,
} from '@shared/contract/survey';
import type { AreaKind, CenterRole, InstitutionKind } from '@shared/masters/model';
import { aggregateRound, compareRounds, MULTI_SHARE_RULE, RATIO_RULE, SHARE_RULE } from '@shared/survey/aggregate';
import { type AnswerCheck, type AnswerProblem, type Answers, checkAnswers } from '@shared/survey/answers';
import { type SurveyDefinition, type SurveyTargetKind, sameQuestion } from '@shared/survey/definition';
import type { Reader, SurveyAnswerTable } from '../kernel/db/schema';

export function parseDefinition(body: string): SurveyDefinition {
  const definition = JSON.parse(body) as Partial<SurveyDefinition> & Omit<SurveyDefinition, 'checks' | 'carryOver'>;
  // Definitions stored before 検算 existed have no `checks`; before 0023, none said whether answers carry over (all did).
  return { ...definition, checks: definition.checks ?? [], carryOver: definition.carryOver ?? true };
}

export async function definitionSummaries(db: Reader): Promise<SurveyDefinitionSummary[]> {
  const rows = await db
    .selectFrom('surveyDefinition as d')
    .innerJoin('surveyDefinitionVersion as v', 'v.definitionId', 'd.id')
    .select(['d.id', 'd.key', 'v.name', 'v.targetKind', 'v.version', 'd.version as revision'])
    .where('v.version', '=', (eb) =>
      eb
        .selectFrom('surveyDefinitionVersion as w')
        .select((e) => e.fn.max('w.version').as('m'))
        .whereRef('w.definitionId', '=', 'd.id'),
    )
    .orderBy('d.id')
    .execute();
  const rounds = await db
    .selectFrom('surveyRound')
    .select(['definitionId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('definitionId')
    .execute();
  return rows.map((r) => ({
    ...r,
    targetKind: r.targetKind as SurveyTargetKind,
    rounds: rounds.find((x) => x.definitionId === r.id)?.n ?? 0,
  }));
}

/** A definition as of a version (the newest unless one is asked for), with every version's use. */
export async function definitionDetail(db: Reader, id: number, version?: number): Promise<SurveyDefinitionDetail> {
  const definition = await db.selectFrom('surveyDefinition').selectAll().where('id', '=', id).executeTakeFirst();
  if (!definition) throw new RenkeiError('not_found', '調査が見つかりません。一覧を開き直してください。');
  const versions = await db.selectFrom('surveyDefinitionVersion').selectAll().where('definitionId', '=', id).orderBy('version').execute();
  const shown = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  if (!shown) throw new RenkeiError('not_found', `この調査に第${version}版はありません。`);
  const use = await db
    .selectFrom('surveyRound as r')
    .leftJoin('surveyAnswer as a', 'a.roundId', 'r.id')
    .select([
      'r.versionId',
      (eb) => eb.fn.count<number>('r.id').distinct().as('rounds'),
      (eb) => eb.fn.count<number>('a.targetId').as('answers'),
    ])
    .where('r.definitionId', '=', id)
    .groupBy('r.versionId')
    .execute();
  return {
    id,
    key: definition.key,
    versionId: shown.id,
    version: shown.version,
    revision: definition.version,
    definition: parseDefinition(shown.body),
    versions: versions.map((v) => {
      const u = use.find((x) => x.versionId === v.id);
      return { versionId: v.id, version: v.version, createdAt: v.createdAt, rounds: u?.rounds ?? 0, answers: u?.answers ?? 0 };
    }),
  };
}

export async function roundRow(db: Reader, id: number) {
  const row = await db
    .selectFrom('surveyRound as r')
    .innerJoin('surveyDefinitionVersion as v', 'v.id', 'r.versionId')
    .selectAll('r')
    .select(['v.name as definitionName', 'v.targetKind', 'v.version', 'v.body'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', '調査の回が見つかりません。一覧を開き直してください。');
  return { ...row, targetKind: row.targetKind as SurveyTargetKind };
}

export type RoundRow = Awaited<ReturnType<typeof roundRow>>;

/**
 * The targets of a kind from the 台帳, in its order (centers as listed,
 * institutions by name, municipalities by code); only `ids` when given. An id
 * no longer in the 台帳 is shown by its id, so a round never loses a target.
 */
export async function targets(
  db: Reader,
  kind: SurveyTargetKind,
  options: { institutionKinds?: readonly InstitutionKind[]; ids?: readonly string[] } = {},
): Promise<SurveyTarget[]> {
  const ids = options.ids;
  let found: SurveyTarget[];
  if (kind === 'center') {
    let q = db.selectFrom('center').select(['id', 'name']).orderBy('role').orderBy('id');
    if (ids) q = q.where('id', 'in', ids.length > 0 ? ids.map(Number) : [0]);
    const rows = await q.execute();
    const places = await db
      .selectFrom('centerMember')
      .innerJoin('municipality', 'municipality.code', 'centerMember.municipalityCode')
      .select(['centerMember.centerId', 'municipality.name'])
      .orderBy('centerMember.municipalityCode')
      .execute();
    found = rows.map((r) => ({
      id: String(r.id),
      kind,
      name: r.name,
      code: null,
      municipalityName: places.find((p) => p.centerId === r.id)?.name ?? null,
    }));
  } else if (kind === 'institution') {
    let q = db
      .selectFrom('institution')
      .leftJoin('municipality', 'municipality.code', 'institution.municipalityCode')
      .select(['institution.id', 'institution.name', 'institution.code', 'municipality.name as municipalityName'])
      .orderBy('institution.name')
      .orderBy('institution.id');
    if (options.institutionKinds && options.institutionKinds.length > 0)
      q = q.where('institution.kind', 'in', [...options.institutionKinds]);
    if (ids) q = q.where('institution.id', 'in', ids.length > 0 ? ids.map(Number) : [0]);
    found = (await q.execute()).map((r) => ({ id: String(r.id), kind, name: r.name, code: r.code, municipalityName: r.municipalityName }));
  } else {
    let q = db.selectFrom('municipality').select(['code', 'name']).orderBy('code');
    if (ids) q = q.where('code', 'in', ids.length > 0 ? [...ids] : ['']);
    found = (await q.execute()).map((r) => ({ id: r.code, kind, name: r.name, code: r.code, municipalityName: r.name }));
  }
  if (!ids) return found;
  const known = new Set(found.map((t) => t.id));
  return [
    ...found,
    ...ids
      .filter((id) => !known.has(id))
      .map((id) => ({ id, kind, name: `（台帳にない対象: ${id}）`, code: null, municipalityName: null })),
  ];
}

/** The group of the 基幹 center (and any center covering the whole prefecture): none of the areas, as the prefecture's own tables show it. */
const PREFECTURE_GROUP: SurveyGroup = { key: 'prefecture', name: '県全域（基幹）' };

/**
 * The areas of a kind and which one each target falls in: a municipality's
 * own area, an institution's municipality's, and for a center the area
 * holding most of the municipalities it covers (ties: the area listed first)
 * — except the 基幹 center or one covering every municipality, which is
 * 「県全域（基幹）」: counted in one area it would swell that area's figures.
 * `roundId` says the ids are that round's targets: institutions are then
 * read through the round, not by a list of thousands of ids.
 */
export async function grouping(
  db: Reader,
  kind: SurveyTargetKind,
  areaKind: AreaKind,
  ids: readonly string[],
  roundId?: number,
): Promise<{ groups: SurveyGroup[]; groupOf: Map<string, string>; noAreas: boolean }> {
  const areas = await db
    .selectFrom('area')
    .select(['id', 'name'])
    .where('kind', '=', areaKind)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
  const areaOf = new Map(
    (await db.selectFrom('areaMember').select(['municipalityCode', 'areaId']).where('areaKind', '=', areaKind).execute()).map((m) => [
      m.municipalityCode,
      String(m.areaId),
    ]),
  );
  const groupOf = new Map<string, string>();
  if (kind === 'municipality') {
    for (const id of ids) groupOf.set(id, areaOf.get(id) ?? '');
  } else if (kind === 'institution') {
    const rows =
      roundId !== undefined
        ? await db
            .selectFrom('surveyRoundTarget as t')
            .innerJoin('institution as i', (j) => j.on((eb) => eb('i.id', '=', eb.cast<number>('t.targetId', 'integer'))))
            .select(['i.id', 'i.municipalityCode'])
            .where('t.roundId', '=', roundId)
            .execute()
        : ids.length === 0
          ? []
          : await db.selectFrom('institution').select(['id', 'municipalityCode']).where('id', 'in', ids.map(Number)).execute();
    const place = new Map(rows.map((r) => [String(r.id), r.municipalityCode]));
    for (const id of ids) groupOf.set(id, areaOf.get(place.get(id) ?? '') ?? '');
  } else {
    const members = new Map<string, string[]>();
    for (const m of await db.selectFrom('centerMember').select(['centerId', 'municipalityCode']).execute()) {
      const own = members.get(String(m.centerId)) ?? [];
      own.push(m.municipalityCode);
      members.set(String(m.centerId), own);
    }
    const rank = new Map(areas.map((a, i) => [String(a.id), i]));
    const cores = new Set(
      (
        await db
          .selectFrom('center')
          .select('id')
          .where('role', '=', 'core' satisfies CenterRole)
          .execute()
      ).map((c) => String(c.id)),
    );
    const municipalities = Number(
      (
        await db
          .selectFrom('municipality')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    for (const id of ids) {
      const covered = new Set(members.get(id) ?? []);
      if (cores.has(id) || (municipalities > 0 && covered.size >= municipalities)) {
        groupOf.set(id, PREFECTURE_GROUP.key);
        continue;
      }
      const tally = new Map<string, number>();
      for (const code of members.get(id) ?? []) {
        const area = areaOf.get(code);
        if (area) tally.set(area, (tally.get(area) ?? 0) + 1);
      }
      const best = [...tally].sort((a, b) => b[1] - a[1] || (rank.get(a[0]) ?? 0) - (rank.get(b[0]) ?? 0))[0];
      groupOf.set(id, best?.[0] ?? '');
    }
  }
  const groups: SurveyGroup[] = areas.map((a) => ({ key: String(a.id), name: a.name }));
  if ([...groupOf.values()].includes(PREFECTURE_GROUP.key)) groups.push(PREFECTURE_GROUP);
  if ([...groupOf.values()].includes('')) groups.push({ key: '', name: '（圏域未設定）' });
  return { groups, groupOf, noAreas: areas.length === 0 };
}

/** A round's targets as stored (whether each was sent) and its answers by target. */
async function targetStates(db: Reader, roundId: number) {
  const rows = await db.selectFrom('surveyRoundTarget').select(['targetId', 'sentAt']).where('roundId', '=', roundId).execute();
  const answers = await db
    .selectFrom('surveyAnswer')
    .select(['targetId', 'errorCount', 'warnings', 'savedAt', 'source'])
    .where('roundId', '=', roundId)
    .execute();
  const answered = new Map(answers.map((a) => [a.targetId, a]));
  const statusOf = (targetId: string): AnswerStatus => {
    const a = answered.get(targetId);
    return !a ? 'missing' : a.errorCount > 0 ? 'errors' : 'valid';
  };
  return { rows, answered, statusOf };
}

/** Every target of a round with its answer's state, in the 台帳's order. */
async function roundTargets(db: Reader, round: RoundRow) {
  const { rows, answered, statusOf } = await targetStates(db, round.id);
  const sent = new Map(rows.map((r) => [r.targetId, r.sentAt]));
  return (await targets(db, round.targetKind, { ids: rows.map((r) => r.targetId) })).map((t) => {
    const a = answered.get(t.id);
    return {
      ...t,
      sentAt: sent.get(t.id) ?? null,
      status: statusOf(t.id),
      warnings: a ? (JSON.parse(a.warnings) as unknown[]).length : 0,
      savedAt: a?.savedAt ?? null,
      source: (a?.source ?? null) as AnswerSource | null,
    };
  });
}

/** The tracker of targets in any order; `missing` are the 台帳's records of the missing ones, in its order. */
function trackerOf(list: readonly { sentAt: string | null; status: AnswerStatus }[], missing: readonly SurveyTarget[]): SurveyTracker {
  const returned = list.filter((t) => t.status !== 'missing').length;
  return {
    targets: list.length,
    sent: list.filter((t) => t.sentAt !== null).length,
    returned,
    valid: list.filter((t) => t.status === 'valid').length,
    withErrors: list.filter((t) => t.status === 'errors').length,
    missing: missing.map(({ id, kind, name, code, municipalityName }) => ({ id, kind, name, code, municipalityName })),
    label: `${returned} / ${list.length} 回答`,
  };
}

/** The round's tracker, reading from the 台帳 only the targets still missing (a results screen shows thousands answered). */
async function roundTracker(db: Reader, round: RoundRow): Promise<SurveyTracker> {
  const { rows, statusOf } = await targetStates(db, round.id);
  return trackerFrom(db, round, rows, statusOf);
}

async function trackerFrom(
  db: Reader,
  round: RoundRow,
  rows: readonly { targetId: string; sentAt: string | null }[],
  statusOf: (targetId: string) => AnswerStatus,
): Promise<SurveyTracker> {
  const list = rows.map((r) => ({ targetId: r.targetId, sentAt: r.sentAt, status: statusOf(r.targetId) }));
  const missingIds = list.filter((t) => t.status === 'missing').map((t) => t.targetId);
  return trackerOf(list, missingIds.length === 0 ? [] : await targets(db, round.targetKind, { ids: missingIds }));
}

function summaryOf(round: RoundRow, tracker: SurveyTracker): SurveyRoundSummary {
  return {
    id: round.id,
    definitionId: round.definitionId,
    definitionName: round.definitionName,
    targetKind: round.targetKind,
    versionId: round.versionId,
    version: round.version,
    fiscalYear: round.fiscalYear,
    referenceDate: round.referenceDate,
    title: round.title,
    createdAt: round.createdAt,
    tracker,
  };
}

export async function tracker(db: Reader, roundId: number): Promise<SurveyTracker> {
  return roundTracker(db, await roundRow(db, roundId));
}

export async function roundSummary(db: Reader, id: number): Promise<SurveyRoundSummary> {
  const round = await roundRow(db, id);
  return summaryOf(round, await roundTracker(db, round));
}

export async function roundDetail(db: Reader, id: number): Promise<SurveyRoundDetail> {
  const round = await roundRow(db, id);
  const list = await roundTargets(db, round);
  const missing = list.filter((t) => t.status === 'missing');
  return { ...summaryOf(round, trackerOf(list, missing)), definition: parseDefinition(round.body), targets: list };
}

/** Rounds newest first (by 基準日), optionally of one definition or of one 年度 only. */
export async function roundSummaries(db: Reader, only: { definitionId?: number; fiscalYear?: number } = {}): Promise<SurveyRoundSummary[]> {
  let q = db.selectFrom('surveyRound').select('id').orderBy('referenceDate', 'desc').orderBy('id', 'desc');
  if (only.definitionId !== undefined) q = q.where('definitionId', '=', only.definitionId);
  if (only.fiscalYear !== undefined) q = q.where('fiscalYear', '=', only.fiscalYear);
  const ids = (await q.execute()).map((r) => r.id);
  return Promise.all(ids.map((id) => roundSummary(db, id)));
}

/** The 年度 that have survey rounds. */
export async function roundYears(db: Reader): Promise<number[]> {
  return (await db.selectFrom('surveyRound').select('fiscalYear').distinct().execute()).map((r) => r.fiscalYear);
}

/** The round of the same definition just before this one (by 基準日, then creation). */
export async function previousRound(db: Reader, round: RoundRow): Promise<RoundRow | null> {
  const row = await db
    .selectFrom('surveyRound')
    .select('id')
    .where('definitionId', '=', round.definitionId)
    .where((eb) =>
      eb.or([
        eb('referenceDate', '<', round.referenceDate),
        eb.and([eb('referenceDate', '=', round.referenceDate), eb('id', '<', round.id)]),
      ]),
    )
    .orderBy('referenceDate', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? roundRow(db, row.id) : null;
}

export function answerRecord(
  row: Pick<SurveyAnswerTable, 'answers' | 'errors' | 'warnings' | 'source' | 'fileName' | 'savedAt' | 'savedBy'>,
): SurveyAnswerRecord {
  return {
    answers: JSON.parse(row.answers) as Answers,
    errors: JSON.parse(row.errors) as AnswerProblem[],
    warnings: JSON.parse(row.warnings) as AnswerProblem[],
    source: row.source as AnswerSource,
    fileName: row.fileName,
    savedAt: row.savedAt,
    savedBy: row.savedBy,
  };
}

/**
 * The version of each target's lack of an answer (kernel/versions.ts): twice the number of its answers
 * replaced or withdrawn in the round. A stored answer has the odd number above it (survey/write.ts), so
 * none → answered → replaced → withdrawn → answered again reads 0, 1, 3, 4, 5: never a number seen before.
 */
export async function answerVersions(db: Reader, roundId: number, targetIds: readonly string[]): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (let i = 0; i < targetIds.length; i += 500) {
    const chunk = targetIds.slice(i, i + 500);
    const counted = await db
      .selectFrom('surveyAnswerHistory')
      .select(['targetId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('roundId', '=', roundId)
      .where('targetId', 'in', chunk)
      .groupBy('targetId')
      .execute();
    for (const c of counted) versions.set(c.targetId, 2 * Number(c.n));
  }
  return versions;
}

export async function currentAnswer(db: Reader, roundId: number, targetId: string) {
  return db.selectFrom('surveyAnswer').selectAll().where('roundId', '=', roundId).where('targetId', '=', targetId).executeTakeFirst();
}

/** Checks the target is one of the round's; the error a form or file for another target meets. */
export async function roundTarget(db: Reader, round: RoundRow, targetId: string): Promise<SurveyTarget> {
  const member = await db
    .selectFrom('surveyRoundTarget')
    .select('targetId')
    .where('roundId', '=', round.id)
    .where('targetId', '=', targetId)
    .executeTakeFirst();
  if (!member) {
    throw new RenkeiError(
      'not_found',
      `対象（${targetId}）はこの回（${round.definitionName}）の対象ではありません。回の対象を確かめてください。`,
      { path: ['targetId'] },
    );
  }
  return (await targets(db, round.targetKind, { ids: [targetId] }))[0]!;
}

/**
 * A target's answers in the round before, kept to the questions the two
 * versions ask alike: what a new form is pre-filled with (none for a
 * definition whose answers do not carry over, e.g. a month's counts).
 */
export async function previousAnswers(db: Reader, round: RoundRow, targetId: string): Promise<SurveyAnswerDetail['previous']> {
  return (await previousAnswersOf(db, round, [targetId])).get(targetId) ?? null;
}

/**
 * previousAnswers for many targets at once (a round's forms, pre-filled by
 * the thousand): the round before and its definition read once, its answers
 * in chunks. A target with no answer then is not in the map.
 */
export async function previousAnswersOf(
  db: Reader,
  round: RoundRow,
  targetIds: readonly string[],
): Promise<Map<string, NonNullable<SurveyAnswerDetail['previous']>>> {
  const out = new Map<string, NonNullable<SurveyAnswerDetail['previous']>>();
  const now = parseDefinition(round.body);
  if (!now.carryOver || targetIds.length === 0) return out;
  const previous = await previousRound(db, round);
  if (!previous) return out;
  const then = parseDefinition(previous.body);
  // The questions asked alike, then and now.
  const kept = now.questions.filter((q) => {
    const p = then.questions.find((x) => x.code === q.code);
    return p !== undefined && sameQuestion(p, q);
  });
  for (let i = 0; i < targetIds.length; i += 500) {
    const rows = await db
      .selectFrom('surveyAnswer')
      .select(['targetId', 'answers'])
      .where('roundId', '=', previous.id)
      .where('targetId', 'in', targetIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const old = JSON.parse(row.answers) as Answers;
      const answers: Answers = {};
      for (const q of kept) if (old[q.code] !== undefined) answers[q.code] = old[q.code]!;
      out.set(row.targetId, { roundId: previous.id, fiscalYear: previous.fiscalYear, answers });
    }
  }
  return out;
}

export async function answerDetail(db: Reader, roundId: number, targetId: string): Promise<SurveyAnswerDetail> {
  const round = await roundRow(db, roundId);
  const target = await roundTarget(db, round, targetId);
  const current = await currentAnswer(db, roundId, targetId);
  const history = await db
    .selectFrom('surveyAnswerHistory')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('targetId', '=', targetId)
    .orderBy('id', 'desc')
    .execute();
  return {
    roundId,
    target,
    definition: parseDefinition(round.body),
    current: current ? answerRecord(current) : null,
    version: current ? current.version : ((await answerVersions(db, roundId, [targetId])).get(targetId) ?? 0),
    history: history.map((h) => ({ ...answerRecord(h), replacedAt: h.replacedAt, replacedBy: h.replacedBy })),
    previous: await previousAnswers(db, round, targetId),
  };
}

/** The round's answers that the results count: stored without errors. */
export async function validResponses(db: Reader, roundId: number): Promise<{ targetId: string; answers: Answers }[]> {
  const rows = await db
    .selectFrom('surveyAnswer')
    .select(['targetId', 'answers'])
    .where('roundId', '=', roundId)
    .where('errorCount', '=', 0)
    .execute();
  return rows.map((r) => ({ targetId: r.targetId, answers: JSON.parse(r.answers) as Answers }));
}

/** Answers checked against the round's definition, as the form shows problems before saving. */
export async function checkRoundAnswers(db: Reader, roundId: number, answers: Answers): Promise<AnswerCheck> {
  return checkAnswers(parseDefinition((await roundRow(db, roundId)).body), answers);
}

/**
 * One round's results (its valid answers), grouped by the areas of a kind
 * when one is asked for, with its summary: the round's targets and answers
 * are read once for both (a results screen of 2,000 clinics waits on them).
 */
async function aggregateOf(db: Reader, round: RoundRow, areaKind: AreaKind | undefined) {
  const definition = parseDefinition(round.body);
  const targetRows = await db.selectFrom('surveyRoundTarget').select(['targetId', 'sentAt']).where('roundId', '=', round.id).execute();
  const answerRows = await db
    .selectFrom('surveyAnswer')
    .select(['targetId', 'errorCount', 'answers'])
    .where('roundId', '=', round.id)
    .execute();
  const errorCounts = new Map(answerRows.map((a) => [a.targetId, a.errorCount]));
  const statusOf = (targetId: string): AnswerStatus => {
    const errors = errorCounts.get(targetId);
    return errors === undefined ? 'missing' : errors > 0 ? 'errors' : 'valid';
  };
  const summary = summaryOf(round, await trackerFrom(db, round, targetRows, statusOf));
  const responses = answerRows
    .filter((r) => r.errorCount === 0)
    .map((r) => ({ targetId: r.targetId, answers: JSON.parse(r.answers) as Answers }));
  const whole = { summary, definition, groups: [], aggregate: aggregateRound(definition, responses), noAreas: false };
  if (!areaKind) return whole;
  const ids = targetRows.map((r) => r.targetId);
  const { groups, groupOf, noAreas } = await grouping(db, round.targetKind, areaKind, ids, round.id);
  // With no area of the kind at all, 「（圏域未設定）」 would hold every target and only repeat the prefecture.
  if (noAreas) return { ...whole, noAreas };
  return {
    summary,
    definition,
    groups,
    aggregate: aggregateRound(definition, responses, { groupOf, order: groups.map((g) => g.key) }),
    noAreas,
  };
}

export async function surveyAggregate(db: Reader, roundId: number, areaKind?: AreaKind): Promise<SurveyAggregateResult> {
  const round = await roundRow(db, roundId);
  const { summary, definition, groups, aggregate, noAreas } = await aggregateOf(db, round, areaKind);
  return {
    round: summary,
    definition,
    areaKind: areaKind ?? null,
    noAreas,
    groups,
    aggregate,
    rules: { share: SHARE_RULE, multi: MULTI_SHARE_RULE, ratio: RATIO_RULE },
  };
}

export async function surveyComparison(db: Reader, roundId: number, areaKind?: AreaKind): Promise<SurveyComparisonResult> {
  const round = await roundRow(db, roundId);
  const previous = await previousRound(db, round);
  const current = await aggregateOf(db, round, areaKind);
  const before = previous ? await aggregateOf(db, previous, areaKind) : null;
  const comparison = before ? compareRounds(current, before) : null;
  return {
    current: current.summary,
    previous: before?.summary ?? null,
    groups: current.groups,
    comparison,
    rule: RATIO_RULE,
  };
}

/**
 * The 年度's rounds asking centers that ask any of `centerIds`, by 基準日,
 * each with those centers' answers: how many returned and which are still
 * missing (what a 医師会's secretariat owes; its home).
 */
export async function centerRounds(db: Reader, fiscalYear: number, centerIds: readonly number[]) {
  const wanted = new Set(centerIds.map(String));
  const rounds = await db
    .selectFrom('surveyRound as r')
    .innerJoin('surveyDefinitionVersion as v', 'v.id', 'r.versionId')
    .select(['r.id', 'r.title', 'r.referenceDate'])
    .where('r.fiscalYear', '=', fiscalYear)
    .where('v.targetKind', '=', 'center')
    .orderBy('r.referenceDate')
    .orderBy('r.id')
    .execute();
  const found = [];
  for (const round of rounds) {
    const { rows, statusOf } = await targetStates(db, round.id);
    const mine = rows.filter((r) => wanted.has(r.targetId));
    if (mine.length === 0) continue;
    const missing = mine.filter((r) => statusOf(r.targetId) === 'missing').map((r) => Number(r.targetId));
    found.push({ roundId: round.id, title: round.title, referenceDate: round.referenceDate, targets: mine.length, missing });
  }
  return found;
}
