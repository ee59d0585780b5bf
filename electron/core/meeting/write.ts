/**
 * Saving and deleting bodies, meetings and trainings, each change recorded
 * for the audit log. A meeting is saved whole (its members, agenda, decisions
 * and own action items replaced in one go); the items it carries in from the
 * body's earlier meetings are updated in place, so closing one here closes
 * the original record. A save names the version of the record it was based
 * on and is refused over a newer one (kernel/versions.ts); a meeting's version
 * also moves when another meeting changes an action item it shows.
 */
import type { z } from 'zod';
import { RenkeiError } from '@shared/contract';
import type { bodySaveSchema, MeetingBody, MeetingDetail, meetingSaveSchema, Training, trainingSaveSchema } from '@shared/contract/meeting';
import type { IsoDate } from '@shared/dates';
import { dateRangeProblem, type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { ACTION_STATUS_LABELS } from '@shared/meeting/records';
import { searchKey } from '@shared/text/normalize';
import { formatWareki } from '@shared/wareki';
import type { AuditRecord } from '../kernel/context';
import type { Trx } from '../kernel/db/schema';
import { claimDelete, claimVersion } from '../kernel/versions';
import { actionItemsById, bodies, carriedItems, meetingDetail, meetingTitle, trainings } from './read';

type Audit = (record: AuditRecord) => void;
type MeetingInput = z.output<typeof meetingSaveSchema>;

/** The contract refuses a date outside the 年度 already; checked again for callers that do not come through it. */
function inYear(fy: FiscalYear, entry: 'meeting' | 'training', heldOn: IsoDate): void {
  const problem = dateRangeProblem(fy, entry, heldOn, '開催日');
  if (problem) throw new RenkeiError('validation', problem, { path: ['heldOn'] });
}

function bodyNotFound(id: number): never {
  throw new RenkeiError('not_found', `会議体（id ${id}）が見つかりません。一覧を開き直してください。`);
}

export async function saveBody(db: Trx, input: z.output<typeof bodySaveSchema>, audit: Audit, now: Date): Promise<MeetingBody> {
  const all = await bodies(db);
  const before = input.id !== undefined ? (all.find((b) => b.id === input.id) ?? bodyNotFound(input.id)) : null;
  // 「WG」 and 「ＷＧ」 would be two bodies nobody can tell apart in a list or a report.
  const same = all.find((b) => searchKey(b.name) === searchKey(input.name) && b.id !== input.id);
  if (same) {
    throw new RenkeiError('validation', `会議体「${same.name}」はすでにあります。別の名前にしてください。`, { path: ['name'] });
  }
  const sortOrder = input.sortOrder ?? before?.sortOrder ?? Math.max(0, ...all.map((b) => b.sortOrder)) + 10;
  let id: number;
  if (before) {
    id = before.id;
    const what = `会議体「${before.name}」`;
    await claimVersion(db, { table: 'meetingBody', key: { id }, expected: input.version, entity: 'meeting_body', entityId: id, what }, now);
    await db.updateTable('meetingBody').set({ name: input.name, sortOrder }).where('id', '=', id).execute();
  } else {
    id = Number((await db.insertInto('meetingBody').values({ name: input.name, sortOrder }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const after = (await bodies(db)).find((b) => b.id === id)!;
  audit({
    entity: 'meeting_body',
    entityId: id,
    before: before && { name: before.name, sortOrder: before.sortOrder },
    after: { name: after.name, sortOrder: after.sortOrder },
  });
  return after;
}

export async function deleteBody(db: Trx, id: number, audit: Audit): Promise<null> {
  const body = (await bodies(db)).find((b) => b.id === id) ?? bodyNotFound(id);
  if (body.meetings > 0) {
    throw new RenkeiError(
      'conflict',
      `会議体「${body.name}」には会議が${body.meetings}件記録されているため削除できません。名前を変えるか、先に会議を削除してください。`,
    );
  }
  await db.deleteFrom('meetingBody').where('id', '=', id).execute();
  audit({ entity: 'meeting_body', entityId: id, before: { name: body.name, sortOrder: body.sortOrder }, after: null });
  return null;
}

/** What the audit log keeps of a meeting: everything the form holds, in words a reader knows. */
function meetingSnapshot(m: MeetingDetail) {
  return {
    title: meetingTitle(m.number, m.bodyName),
    body: m.bodyName,
    number: m.number,
    heldOn: m.heldOn,
    startTime: m.startTime,
    endTime: m.endTime,
    place: m.place,
    online: m.online,
    areaIds: m.areas.map((a) => a.name),
    municipalityCodes: m.municipalities.map((x) => x.name),
    attendees: m.attendees,
    agenda: m.agenda,
    decisions: m.decisions.map((d) => d.text),
    actionItems: m.actionItems.map((a) => ({ content: a.content, owner: a.owner, dueOn: a.dueOn, status: a.status })),
  };
}

function actionSnapshot(a: { content: string; status: string; meetingTitle: string; closedAtTitle: string | null }) {
  return {
    meeting: a.meetingTitle,
    content: a.content,
    status: ACTION_STATUS_LABELS[a.status as keyof typeof ACTION_STATUS_LABELS],
    closedAt: a.closedAtTitle,
  };
}

async function deleteChildren(db: Trx, meetingId: number): Promise<void> {
  await db.deleteFrom('meetingScope').where('meetingId', '=', meetingId).execute();
  await db.deleteFrom('meetingAttendee').where('meetingId', '=', meetingId).execute();
  await db.deleteFrom('meetingAgendaItem').where('meetingId', '=', meetingId).execute();
  await db.deleteFrom('meetingDecision').where('meetingId', '=', meetingId).execute();
}

export async function saveMeeting(db: Trx, input: MeetingInput, audit: Audit, now: Date): Promise<MeetingDetail> {
  const before = input.id !== undefined ? await meetingDetail(db, input.id) : null;
  const body = (await bodies(db)).find((b) => b.id === input.bodyId) ?? bodyNotFound(input.bodyId);
  const fiscalYear = input.fiscalYear;
  inYear(fiscalYear, 'meeting', input.heldOn);
  const clash = await db
    .selectFrom('meeting')
    .select(['id', 'heldOn'])
    .where('bodyId', '=', input.bodyId)
    .where('fiscalYear', '=', fiscalYear)
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (clash && clash.id !== input.id) {
    throw new RenkeiError(
      'validation',
      `${body.name}の${formatFiscalYear(fiscalYear)}の第${input.number}回はすでにあります（${formatWareki(clash.heldOn as IsoDate)}）。回を変えてください。`,
      { path: ['number'] },
    );
  }
  const row = {
    bodyId: input.bodyId,
    fiscalYear,
    number: input.number,
    heldOn: input.heldOn,
    startTime: input.startTime,
    endTime: input.endTime,
    place: input.place,
    online: input.online ? 1 : 0,
  };
  let id: number;
  if (before) {
    id = before.id;
    const what = `会議「${before.title}」`;
    await claimVersion(db, { table: 'meeting', key: { id }, expected: input.version, entity: 'meeting', entityId: id, what }, now);
    await db.updateTable('meeting').set(row).where('id', '=', id).execute();
    await deleteChildren(db, id);
  } else {
    id = Number((await db.insertInto('meeting').values(row).returning('id').executeTakeFirstOrThrow()).id);
  }

  const scope = [
    ...[...new Set(input.areaIds)].map((areaId) => ({ meetingId: id, areaId, municipalityCode: null })),
    ...[...new Set(input.municipalityCodes)].map((code) => ({ meetingId: id, areaId: null, municipalityCode: code })),
  ];
  if (scope.length > 0) await db.insertInto('meetingScope').values(scope).execute();
  if (input.attendees.length > 0)
    await db
      .insertInto('meetingAttendee')
      .values(input.attendees.map((a, seq) => ({ meetingId: id, seq, ...a, proxyName: a.attendance === 'proxy' ? a.proxyName : '' })))
      .execute();
  if (input.agenda.length > 0)
    await db
      .insertInto('meetingAgendaItem')
      .values(input.agenda.map((a, seq) => ({ meetingId: id, seq, ...a })))
      .execute();
  if (input.decisions.length > 0)
    await db
      .insertInto('meetingDecision')
      .values(input.decisions.map((d, seq) => ({ meetingId: id, seq, text: d.text })))
      .execute();
  await saveOwnActions(db, id, input.actionItems);
  await saveCarried(db, { id, bodyId: input.bodyId, heldOn: input.heldOn, number: input.number }, input.carried, audit, now);

  const after = await meetingDetail(db, id);
  if (before && JSON.stringify(actionsShown(before.actionItems)) !== JSON.stringify(actionsShown(after.actionItems)))
    await touchLaterMeetings(db, after);
  audit({ entity: 'meeting', entityId: id, before: before && meetingSnapshot(before), after: meetingSnapshot(after) });
  return after;
}

function actionsShown(items: MeetingDetail['actionItems']) {
  return items.map((a) => [a.id, a.content, a.owner, a.dueOn, a.status]);
}

/**
 * The body's later meetings show this one's open items as carried: their versions move, so a screen holding one
 * of them cannot save back an item's status it read before this change.
 */
async function touchLaterMeetings(db: Trx, meeting: { id: number; bodyId: number; heldOn: string; number: number }): Promise<void> {
  await db
    .updateTable('meeting')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('bodyId', '=', meeting.bodyId)
    .where('id', '<>', meeting.id)
    .where((eb) =>
      eb.or([eb('heldOn', '>', meeting.heldOn), eb.and([eb('heldOn', '=', meeting.heldOn), eb('number', '>', meeting.number)])]),
    )
    .execute();
}

/** The meeting's own items: those kept stay the same rows (an item closed at a later meeting keeps where it was closed). */
async function saveOwnActions(db: Trx, meetingId: number, items: MeetingInput['actionItems']): Promise<void> {
  const existing = await db
    .selectFrom('meetingActionItem')
    .select(['id', 'status', 'closedMeetingId'])
    .where('meetingId', '=', meetingId)
    .execute();
  for (const item of items) {
    if (item.id !== undefined && !existing.some((e) => e.id === item.id)) {
      throw new RenkeiError('validation', `対応事項「${item.content}」はこの会議のものではありません。画面を開き直してください。`, {
        path: ['actionItems', items.indexOf(item), 'content'],
      });
    }
  }
  const kept = new Set(items.map((i) => i.id).filter((i) => i !== undefined));
  const dropped = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
  if (dropped.length > 0) await db.deleteFrom('meetingActionItem').where('id', 'in', dropped).execute();
  for (const [seq, item] of items.entries()) {
    const values = { meetingId, seq, content: item.content, owner: item.owner, dueOn: item.dueOn, status: item.status };
    if (item.id === undefined) {
      await db
        .insertInto('meetingActionItem')
        .values({ ...values, closedMeetingId: null })
        .execute();
      continue;
    }
    const was = existing.find((e) => e.id === item.id)!;
    const closedMeetingId = item.status === 'done' && was.status === 'done' ? was.closedMeetingId : null;
    await db
      .updateTable('meetingActionItem')
      .set({ ...values, closedMeetingId })
      .where('id', '=', item.id)
      .execute();
  }
}

/**
 * Items carried in from the body's earlier meetings: their status set here; 完了 closes them at this meeting.
 * An item the screen showed that the meeting's new date or body no longer carries in is left as it is, unless its
 * status was changed here: that change is refused, as this meeting can no longer close it.
 */
async function saveCarried(
  db: Trx,
  meeting: { id: number; bodyId: number; heldOn: string; number: number },
  updates: MeetingInput['carried'],
  audit: Audit,
  now: Date,
): Promise<void> {
  if (updates.length === 0) return;
  const carried = await carriedItems(db, meeting);
  const notCarried = await actionItemsById(
    db,
    updates.map((u) => u.id).filter((id) => !carried.some((c) => c.id === id)),
  );
  for (const [i, update] of updates.entries()) {
    const item = carried.find((c) => c.id === update.id);
    if (!item) {
      const elsewhere = notCarried.find((c) => c.id === update.id);
      if (elsewhere?.status === update.status) continue;
      throw new RenkeiError(
        'validation',
        elsewhere
          ? `対応事項「${elsewhere.content}」（${elsewhere.meetingTitle}）はこの会議に引き継がれていないため、状況を変えられません（同じ会議体のこれより前の会議の、未完了の対応事項だけを変えられます）。開催日と会議体を確かめるか、${elsewhere.meetingTitle}の画面で変えてください。`
          : '状況を変えた対応事項が見つかりません（ほかの画面で削除された可能性があります）。画面を開き直してください。',
        { path: ['carried', i, 'status'] },
      );
    }
    if (item.status === update.status) continue;
    const closedMeetingId = update.status === 'done' ? meeting.id : null;
    await db.updateTable('meetingActionItem').set({ status: update.status, closedMeetingId }).where('id', '=', item.id).execute();
    // The meeting that raised the item shows its status: a screen holding that meeting must not save the old one back.
    const raisedAt = { table: 'meeting', key: { id: item.meetingId }, entity: 'meeting', entityId: item.meetingId } as const;
    await claimVersion(db, { ...raisedAt, expected: undefined, what: `会議「${item.meetingTitle}」` }, now);
    // So do the body's meetings after it (this one among them): each shows the item as carried.
    const raising = await db
      .selectFrom('meeting')
      .select(['id', 'bodyId', 'heldOn', 'number'])
      .where('id', '=', item.meetingId)
      .executeTakeFirstOrThrow();
    await touchLaterMeetings(db, raising);
    const closedAtTitle = closedMeetingId === null ? null : await titleOf(db, meeting.id);
    audit({
      entity: 'meeting_action_item',
      entityId: item.id,
      before: actionSnapshot(item),
      after: actionSnapshot({ ...item, status: update.status, closedAtTitle }),
    });
  }
}

async function titleOf(db: Trx, meetingId: number): Promise<string> {
  const m = await db
    .selectFrom('meeting')
    .innerJoin('meetingBody', 'meetingBody.id', 'meeting.bodyId')
    .select(['meeting.number', 'meetingBody.name'])
    .where('meeting.id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return meetingTitle(m.number, m.name);
}

export async function deleteMeeting(db: Trx, id: number, audit: Audit, expected?: number, now = new Date()): Promise<null> {
  const before = await meetingDetail(db, id);
  const what = `会議「${before.title}」`;
  await claimDelete(db, { table: 'meeting', key: { id }, expected, entity: 'meeting', entityId: id, what }, now);
  // Items of earlier meetings closed here stay 完了; only the record of where they were closed goes.
  await db.updateTable('meetingActionItem').set({ closedMeetingId: null }).where('closedMeetingId', '=', id).execute();
  await db.deleteFrom('meetingActionItem').where('meetingId', '=', id).execute();
  await deleteChildren(db, id);
  await db.deleteFrom('meeting').where('id', '=', id).execute();
  audit({ entity: 'meeting', entityId: id, before: meetingSnapshot(before), after: null });
  return null;
}

function trainingSnapshot(t: Training) {
  const { id: _id, fiscalYear: _fy, version: _version, ...rest } = t;
  return rest;
}

function trainingNotFound(id: number): never {
  throw new RenkeiError('not_found', `研修（id ${id}）が見つかりません。一覧を開き直してください。`);
}

export async function saveTraining(db: Trx, input: z.output<typeof trainingSaveSchema>, audit: Audit, now: Date): Promise<Training> {
  inYear(input.fiscalYear, 'training', input.heldOn);
  const before = input.id !== undefined ? ((await trainings(db, undefined, input.id))[0] ?? trainingNotFound(input.id)) : null;
  const row = {
    title: input.title,
    kind: input.kind,
    heldOn: input.heldOn,
    fiscalYear: input.fiscalYear,
    organizer: input.organizer,
    target: input.target,
    place: input.place,
    roster: input.roster,
    evaluationJson: input.evaluation ? JSON.stringify(input.evaluation) : null,
    note: input.note,
  };
  let id: number;
  if (before) {
    id = before.id;
    const what = `研修「${before.title}」`;
    await claimVersion(db, { table: 'training', key: { id }, expected: input.version, entity: 'training', entityId: id, what }, now);
    await db.updateTable('training').set(row).where('id', '=', id).execute();
    await db.deleteFrom('trainingParticipant').where('trainingId', '=', id).execute();
  } else {
    id = Number((await db.insertInto('training').values(row).returning('id').executeTakeFirstOrThrow()).id);
  }
  if (input.participants.length > 0)
    await db
      .insertInto('trainingParticipant')
      .values(input.participants.map((p, seq) => ({ trainingId: id, seq, profession: p.profession, count: p.count })))
      .execute();
  const after = (await trainings(db, undefined, id))[0]!;
  audit({ entity: 'training', entityId: id, before: before && trainingSnapshot(before), after: trainingSnapshot(after) });
  return after;
}

export async function deleteTraining(db: Trx, id: number, audit: Audit, expected?: number, now = new Date()): Promise<null> {
  const before = (await trainings(db, undefined, id))[0] ?? trainingNotFound(id);
  const what = `研修「${before.title}」`;
  await claimDelete(db, { table: 'training', key: { id }, expected, entity: 'training', entityId: id, what }, now);
  await db.deleteFrom('trainingParticipant').where('trainingId', '=', id).execute();
  await db.deleteFrom('training').where('id', '=', id).execute();
  audit({ entity: 'training', entityId: id, before: trainingSnapshot(before), after: null });
  return null;
}
