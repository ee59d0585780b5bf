/**
 * Reading meetings and trainings into the shapes the contract promises: a
 * year's list by body, one meeting with the action items carried in from the
 * body's earlier meetings, the open items, the trainings of a year. 台帳's
 * names (圏域, municipalities, organisations) come through its public face.
 */
import { RenkeiError } from '@shared/contract';
import type { ActionItem, MeetingBody, MeetingDetail, MeetingSummary, OrganizationChoice, Training } from '@shared/contract/meeting';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYear, fiscalYearOf, formatFiscalYear } from '@shared/fiscal-year';
import { AREA_KIND_LABELS, type AreaKind } from '@shared/masters/model';
import { type ActionStatus, type Attendance, attendanceCounts, type MemberCategory, participantTotal } from '@shared/meeting/records';
import { formatWareki } from '@shared/wareki';
import type { Reader } from '../kernel/db/schema';
import { areaSummaries, associations, centerRows, municipalityRows } from '../masters';

/** 「第3回 運営会議」 */
export function meetingTitle(number: number, bodyName: string): string {
  return `第${number}回 ${bodyName}`;
}

/**
 * A meeting's title as seen from a meeting of `shownYear`: with its 年度 when that differs, since
 * 「第1回 運営会議」 of an earlier year reads as the first meeting of the year shown.
 *
 * @example titleSeenFrom({ number: 1, bodyName: '運営会議', fiscalYear: 2023 }, 2024) // '令和5年度 第1回 運営会議'
 */
function titleSeenFrom(m: { number: number; bodyName: string; fiscalYear: number }, shownYear: number | undefined): string {
  const title = meetingTitle(m.number, m.bodyName);
  return shownYear === undefined || m.fiscalYear === shownYear ? title : `${formatFiscalYear(fiscalYear(m.fiscalYear))} ${title}`;
}

export async function bodies(db: Reader): Promise<MeetingBody[]> {
  const rows = await db.selectFrom('meetingBody').selectAll().orderBy('sortOrder').orderBy('id').execute();
  const counts = await db
    .selectFrom('meeting')
    .select(['bodyId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('bodyId')
    .execute();
  return rows.map((r) => ({ ...r, meetings: Number(counts.find((c) => c.bodyId === r.id)?.n ?? 0) }));
}

/** The years with meetings or trainings (the screen's years), or with only those of one `table` (a report's years). */
export async function years(db: Reader, table?: 'meeting' | 'training'): Promise<number[]> {
  const of = async (t: 'meeting' | 'training') =>
    (await db.selectFrom(t).select('fiscalYear').distinct().execute()).map((r) => r.fiscalYear);
  const found = table ? await of(table) : [...(await of('meeting')), ...(await of('training'))];
  return [...new Set(found)].sort((a, b) => b - a);
}

function baseQuery(db: Reader) {
  return db
    .selectFrom('meeting')
    .innerJoin('meetingBody', 'meetingBody.id', 'meeting.bodyId')
    .selectAll('meeting')
    .select('meetingBody.name as bodyName');
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function summaries(db: Reader, rows: readonly MeetingRow[]): Promise<MeetingSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const attendees = await db
    .selectFrom('meetingAttendee')
    .select(['meetingId', 'category', 'attendance', 'role'])
    .where('meetingId', 'in', ids)
    .execute();
  const countOf = async (table: 'meetingAgendaItem' | 'meetingDecision') =>
    db
      .selectFrom(table)
      .select(['meetingId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('meetingId', 'in', ids)
      .groupBy('meetingId')
      .execute();
  const agenda = await countOf('meetingAgendaItem');
  const decisions = await countOf('meetingDecision');
  const open = await db
    .selectFrom('meetingActionItem')
    .select(['meetingId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('meetingId', 'in', ids)
    .where('status', '<>', 'done')
    .groupBy('meetingId')
    .execute();
  const n = (list: { meetingId: number; n: number }[], id: number) => Number(list.find((x) => x.meetingId === id)?.n ?? 0);
  return rows.map((r) => {
    const counts = attendanceCounts(
      attendees
        .filter((a) => a.meetingId === r.id)
        .map((a) => ({ category: a.category as MemberCategory, attendance: a.attendance as Attendance, role: a.role })),
    );
    return {
      id: r.id,
      bodyId: r.bodyId,
      bodyName: r.bodyName,
      fiscalYear: r.fiscalYear,
      number: r.number,
      title: meetingTitle(r.number, r.bodyName),
      heldOn: r.heldOn as IsoDate,
      startTime: r.startTime,
      endTime: r.endTime,
      place: r.place,
      online: r.online === 1,
      members: counts.total.members,
      attending: counts.total.attending,
      agendaCount: n(agenda, r.id),
      decisionCount: n(decisions, r.id),
      openActions: n(open, r.id),
      version: r.version,
    };
  });
}

/** The meetings of a 年度 (or all), by body in the list's order, then by date. */
export async function meetingList(
  db: Reader,
  input: { fiscalYear?: number | undefined; bodyId?: number | undefined },
): Promise<MeetingSummary[]> {
  let q = baseQuery(db).orderBy('meetingBody.sortOrder').orderBy('meetingBody.id').orderBy('meeting.heldOn').orderBy('meeting.number');
  if (input.fiscalYear !== undefined) q = q.where('meeting.fiscalYear', '=', input.fiscalYear);
  if (input.bodyId !== undefined) q = q.where('meeting.bodyId', '=', input.bodyId);
  return summaries(db, await q.execute());
}

async function meetingRow(db: Reader, id: number): Promise<MeetingRow> {
  const row = await baseQuery(db).where('meeting.id', '=', id).executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', `会議（id ${id}）が見つかりません。一覧を開き直してください。`);
  return row;
}

/**
 * Action items as the contract shows them, with the titles of the meetings they were raised and closed at
 * (with their 年度 where it is not `shownYear`, the year of the meeting they are shown at).
 */
async function actionItems(
  db: Reader,
  where: (q: ReturnType<typeof actionQuery>) => ReturnType<typeof actionQuery>,
  shownYear?: number,
): Promise<ActionItem[]> {
  const rows = await where(actionQuery(db)).execute();
  const closedIds = [...new Set(rows.map((r) => r.closedMeetingId).filter((id): id is number => id !== null))];
  const closed = closedIds.length > 0 ? await baseQuery(db).where('meeting.id', 'in', closedIds).execute() : [];
  return rows.map((r) => {
    const at = closed.find((c) => c.id === r.closedMeetingId);
    return {
      id: r.id,
      meetingId: r.meetingId,
      meetingFiscalYear: r.fiscalYear,
      meetingTitle: titleSeenFrom(r, shownYear),
      content: r.content,
      owner: r.owner,
      dueOn: r.dueOn as IsoDate | null,
      status: r.status as ActionStatus,
      closedAtMeetingId: r.closedMeetingId,
      closedAtTitle: at ? titleSeenFrom(at, shownYear) : null,
    };
  });
}

function actionQuery(db: Reader) {
  return db
    .selectFrom('meetingActionItem as a')
    .innerJoin('meeting as m', 'm.id', 'a.meetingId')
    .innerJoin('meetingBody as b', 'b.id', 'm.bodyId')
    .selectAll('a')
    .select(['m.number', 'm.heldOn', 'm.bodyId', 'm.fiscalYear', 'b.name as bodyName'])
    .orderBy('m.heldOn')
    .orderBy('m.id')
    .orderBy('a.seq');
}

/** Action items by id, wherever they were raised: those a screen names that are no longer carried into its meeting. */
export async function actionItemsById(db: Reader, ids: readonly number[]): Promise<ActionItem[]> {
  return ids.length === 0 ? [] : actionItems(db, (q) => q.where('a.id', 'in', ids));
}

/**
 * The items of the body's meetings held before this one that are still not
 * 完了, or were closed at this one: the same rows, so a status set here is the
 * item's status everywhere.
 */
export async function carriedItems(
  db: Reader,
  meeting: { id: number; bodyId: number; heldOn: string; number: number; fiscalYear?: number },
): Promise<ActionItem[]> {
  return actionItems(
    db,
    (q) =>
      q
        .where('m.bodyId', '=', meeting.bodyId)
        .where('m.id', '<>', meeting.id)
        .where((eb) =>
          eb.or([eb('m.heldOn', '<', meeting.heldOn), eb.and([eb('m.heldOn', '=', meeting.heldOn), eb('m.number', '<', meeting.number)])]),
        )
        .where((eb) => eb.or([eb('a.status', '<>', 'done'), eb('a.closedMeetingId', '=', meeting.id)])),
    meeting.fiscalYear,
  );
}

/** Items not yet 完了, of every year; raised at a meeting of a year other than `fiscalYear` (the page's), named with its 年度. */
export async function openActions(
  db: Reader,
  input: { bodyId?: number | undefined; fiscalYear?: number | undefined },
): Promise<ActionItem[]> {
  const items = await actionItems(
    db,
    (q) => {
      const open = q.where('a.status', '<>', 'done');
      return input.bodyId === undefined ? open : open.where('m.bodyId', '=', input.bodyId);
    },
    input.fiscalYear,
  );
  // Soonest due first, undated last; the order of raising within a day.
  return items.sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
}

export async function meetingDetail(db: Reader, id: number): Promise<MeetingDetail> {
  const row = await meetingRow(db, id);
  const [summary] = await summaries(db, [row]);
  const scope = await db.selectFrom('meetingScope').selectAll().where('meetingId', '=', id).orderBy('id').execute();
  const areaIds = scope.map((s) => s.areaId).filter((a): a is number => a !== null);
  const codes = scope.map((s) => s.municipalityCode).filter((c): c is string => c !== null);
  const areas = areaIds.length > 0 ? (await areaSummaries(db)).filter((a) => areaIds.includes(a.id)) : [];
  const municipalities = codes.length > 0 ? await municipalityRows(db, codes) : [];
  const attendees = await db.selectFrom('meetingAttendee').selectAll().where('meetingId', '=', id).orderBy('seq').execute();
  const agenda = await db.selectFrom('meetingAgendaItem').select(['title', 'minutes']).where('meetingId', '=', id).orderBy('seq').execute();
  const decisions = await db.selectFrom('meetingDecision').select(['text']).where('meetingId', '=', id).orderBy('seq').execute();
  return {
    ...summary!,
    areas: areas.map((a) => ({ id: a.id, name: areaName(a.name, a.kind) })),
    municipalities: municipalities.map((m) => ({ code: m.code, name: m.name })),
    attendees: attendees.map((a) => ({
      name: a.name,
      organization: a.organization,
      category: a.category as MemberCategory,
      role: a.role,
      attendance: a.attendance as Attendance,
      proxyName: a.proxyName,
    })),
    agenda,
    decisions,
    actionItems: await actionItems(db, (q) => q.where('a.meetingId', '=', id), row.fiscalYear),
    carried: await carriedItems(db, row),
  };
}

/** 「下越（二次医療圏）」: areas of different kinds may share a name. */
export function areaName(name: string, kind: string): string {
  return `${name}（${AREA_KIND_LABELS[kind as AreaKind] ?? kind}）`;
}

/** One past the body's highest 回 in the 年度 of `heldOn`. */
export async function nextNumber(db: Reader, bodyId: number, heldOn: IsoDate): Promise<number> {
  const row = await db
    .selectFrom('meeting')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('bodyId', '=', bodyId)
    .where('fiscalYear', '=', fiscalYearOf(heldOn))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** 「第3回 運営会議（令和5年9月12日）」: how other domains (a deck) name a meeting. */
export async function meetingRef(
  db: Reader,
  id: number,
): Promise<{ id: number; title: string; heldOn: IsoDate; fiscalYear: FiscalYear } | null> {
  const row = await baseQuery(db).where('meeting.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id,
    title: `${meetingTitle(row.number, row.bodyName)}（${formatWareki(row.heldOn as IsoDate)}）`,
    heldOn: row.heldOn as IsoDate,
    fiscalYear: row.fiscalYear as FiscalYear,
  };
}

/** 台帳's organisations a member may belong to, in the order officers look for them. */
export async function organizations(db: Reader): Promise<OrganizationChoice[]> {
  const choices: OrganizationChoice[] = [];
  for (const a of await associations(db)) choices.push({ name: a.name, category: 'medical_association' });
  // The year only matters for the centers' entrusting municipalities, which a name does not need.
  for (const c of await centerRows(db, 0)) choices.push({ name: c.name, category: 'center' });
  for (const m of await municipalityRows(db)) choices.push({ name: m.name, category: 'municipality' });
  const institutions = await db
    .selectFrom('institution')
    .select(['name', 'kind'])
    .where('kind', 'in', ['hospital', 'nursing_station'])
    .orderBy('kind')
    .orderBy('name')
    .execute();
  for (const i of institutions) choices.push({ name: i.name, category: i.kind === 'hospital' ? 'hospital' : 'visiting_nurse' });
  return choices;
}

export function toTraining(
  r: {
    id: number;
    title: string;
    kind: string;
    heldOn: string;
    fiscalYear: number;
    organizer: string;
    target: string;
    place: string;
    roster: string;
    evaluationJson: string | null;
    note: string;
    version: number;
  },
  participants: readonly { profession: string; count: number }[],
): Training {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    heldOn: r.heldOn as IsoDate,
    fiscalYear: r.fiscalYear,
    organizer: r.organizer,
    target: r.target,
    place: r.place,
    participants: [...participants],
    total: participantTotal(participants),
    roster: r.roster,
    evaluation: r.evaluationJson ? (JSON.parse(r.evaluationJson) as Training['evaluation']) : null,
    note: r.note,
    version: r.version,
  };
}

export async function trainings(db: Reader, fiscalYear?: number, id?: number): Promise<Training[]> {
  let q = db.selectFrom('training').selectAll().orderBy('heldOn').orderBy('id');
  if (fiscalYear !== undefined) q = q.where('fiscalYear', '=', fiscalYear);
  if (id !== undefined) q = q.where('id', '=', id);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const participants = await db
    .selectFrom('trainingParticipant')
    .selectAll()
    .where(
      'trainingId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('seq')
    .execute();
  return rows.map((r) =>
    toTraining(
      r,
      participants.filter((p) => p.trainingId === r.id).map((p) => ({ profession: p.profession, count: p.count })),
    ),
  );
}
