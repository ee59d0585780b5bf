import { describe, expect, it } from 'vitest';
import type { Core } from '@core/core';
import type { OpInput } from '@shared/contract';
import type { TableBlock } from '@shared/report/model';
import { engines } from '@tests/support/engines';

const NOW = () => new Date('2024-03-29T10:00:00+09:00');

async function bodyId(core: Core, name: string): Promise<number> {
  return (await core.call('meeting.bodies.list', {})).find((b) => b.name === name)!.id;
}

/** The 年度 a date falls in, as the screen files it (a date that is no date keeps its own year). */
const yearOf = (heldOn: string) => {
  const [y, m] = heldOn.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
};

function meeting(body: number, number: number, heldOn: string, extra: Partial<OpInput<'meeting.save'>> = {}): OpInput<'meeting.save'> {
  return {
    bodyId: body,
    number,
    fiscalYear: yearOf(heldOn),
    heldOn,
    startTime: '14:00',
    endTime: '16:00',
    place: '県庁 西回廊講堂',
    ...extra,
  };
}

const tables = (blocks: { type: string }[]) => blocks.filter((b): b is TableBlock => b.type === 'table');

for (const engine of engines()) {
  describe(`会議の対応事項の引継ぎ (${engine.name})`, () => {
    it('carries the open items of meeting 2 to meeting 3 of the same body only, and closing one there closes the original', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const unei = await bodyId(core, '運営会議');
      const kyogi = await bodyId(core, '協議の場');
      await core.call('meeting.save', meeting(unei, 1, '2023-05-16'));
      const second = await core.call(
        'meeting.save',
        meeting(unei, 2, '2023-09-12', {
          actionItems: [
            { content: '入退院支援ルールの改訂案を作る', owner: '事務局', dueOn: '2023-11-30', status: 'open' },
            { content: '相談件数の集計様式を配る', owner: '委員A', status: 'done' },
            { content: '看取りの事例を集める', owner: 'センター', status: 'in_progress' },
          ],
        }),
      );
      expect(second.actionItems.map((a) => a.status)).toEqual(['open', 'done', 'in_progress']);
      const other = await core.call('meeting.save', meeting(kyogi, 1, '2023-10-20'));
      expect(other.carried).toEqual([]);

      const third = await core.call('meeting.save', meeting(unei, 3, '2023-12-05'));
      expect(third.carried.map((a) => [a.content, a.meetingTitle, a.status])).toEqual([
        ['入退院支援ルールの改訂案を作る', '第2回 運営会議', 'open'],
        ['看取りの事例を集める', '第2回 運営会議', 'in_progress'],
      ]);
      expect(await core.call('meeting.nextNumber', { bodyId: unei, heldOn: '2024-02-01' })).toBe(4);
      expect(await core.call('meeting.nextNumber', { bodyId: unei, heldOn: '2024-04-10' })).toBe(1);

      const rule = third.carried[0]!;
      const closed = await core.call('meeting.save', {
        ...meeting(unei, 3, '2023-12-05'),
        id: third.id,
        carried: [{ id: rule.id, status: 'done' }],
      });
      // Still shown at meeting 3, as closed there.
      expect(closed.carried.find((a) => a.id === rule.id)).toMatchObject({ status: 'done', closedAtTitle: '第3回 運営会議' });
      // One record: meeting 2 shows its own item closed, at meeting 3.
      const original = (await core.call('meeting.get', { id: second.id })).actionItems.find((a) => a.id === rule.id)!;
      expect(original).toMatchObject({ status: 'done', closedAtMeetingId: third.id, closedAtTitle: '第3回 運営会議' });
      expect((await core.call('meeting.actions.open', {})).map((a) => a.content)).toEqual(['看取りの事例を集める']);
      // A later meeting no longer carries what was closed.
      const fourth = await core.call('meeting.save', meeting(unei, 4, '2024-02-20'));
      expect(fourth.carried.map((a) => a.content)).toEqual(['看取りの事例を集める']);
      // Meeting 2's list line counts its own open items.
      const list = await core.call('meeting.list', { fiscalYear: 2023 });
      expect(list.map((m) => [m.title, m.openActions])).toEqual([
        ['第1回 協議の場', 0],
        ['第1回 運営会議', 0],
        ['第2回 運営会議', 1],
        ['第3回 運営会議', 0],
        ['第4回 運営会議', 0],
      ]);

      const log = await core.call('audit.list', { entity: 'meeting_action_item' });
      expect(log.entries).toHaveLength(1);
      expect(log.entries[0]).toMatchObject({
        entityId: String(rule.id),
        before: { meeting: '第2回 運営会議', status: '未着手', closedAt: null },
        after: { meeting: '第2回 運営会議', status: '完了', closedAt: '第3回 運営会議' },
      });
      expect((await core.call('audit.list', { entity: 'meeting' })).total).toBe(6);

      // An item of another body cannot be closed here.
      const foreign = await core.call('meeting.save', meeting(kyogi, 2, '2024-01-10', { actionItems: [{ content: '協議の場の宿題' }] }));
      const refused = await core.dispatch('meeting.save', {
        ...meeting(unei, 4, '2024-02-20'),
        id: fourth.id,
        carried: [{ id: foreign.actionItems[0]!.id, status: 'done' }],
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(!refused.ok && refused.error.message).toContain('対応事項「協議の場の宿題」（第2回 協議の場）はこの会議に引き継がれていない');
    });

    it('names the meeting an item was carried from with its 年度 when that is an earlier year, in the editor and the 議事録', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const unei = await bodyId(core, '運営会議');
      await core.call('meeting.save', meeting(unei, 1, '2023-05-16', { actionItems: [{ content: '名簿を直す' }] }));
      await core.call('meeting.save', meeting(unei, 2, '2023-09-12', { actionItems: [{ content: '様式を配る' }] }));
      const next = await core.call('meeting.save', meeting(unei, 1, '2024-05-14', { actionItems: [{ content: '事例を集める' }] }));
      // 「第1回 運営会議」 alone would read as this very meeting.
      expect(next.carried.map((a) => [a.content, a.meetingTitle])).toEqual([
        ['名簿を直す', '令和5年度 第1回 運営会議'],
        ['様式を配る', '令和5年度 第2回 運営会議'],
      ]);
      const minutes = await core.call('report.doc', { name: 'meeting.minutes', params: { fy: 2024, subject: next.id } });
      const actions = tables(minutes.blocks).find((t) => t.caption === '対応事項')!;
      expect(actions.rows.map((r) => [r.cells.content, r.cells.from])).toEqual([
        ['名簿を直す', '令和5年度 第1回 運営会議'],
        ['様式を配る', '令和5年度 第2回 運営会議'],
        ['事例を集める', '本会議'],
      ]);
      // Within one year the title needs no year.
      const second = await core.call('meeting.save', meeting(unei, 2, '2024-09-10'));
      expect(second.carried.map((a) => a.meetingTitle)).toEqual(['令和5年度 第1回 運営会議', '令和5年度 第2回 運営会議', '第1回 運営会議']);
    });

    it('a status set at a later meeting moves the version of the meeting that raised the item, and back, so neither screen saves an old status', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const unei = await bodyId(core, '運営会議');
      const raised = await core.call('meeting.save', meeting(unei, 1, '2023-05-16', { actionItems: [{ content: '名簿を直す' }] }));
      const later = await core.call('meeting.save', meeting(unei, 2, '2023-09-12'));
      // A screen holds each meeting as read; the item is closed at the later one.
      const closed = await core.call('meeting.save', {
        ...meeting(unei, 2, '2023-09-12'),
        id: later.id,
        version: later.version,
        carried: [{ id: raised.actionItems[0]!.id, status: 'done' }],
      });
      const ownStatus = raised.actionItems.map(({ id, content, owner, dueOn, status }) => ({ id, content, owner, dueOn, status }));
      const stale = core.call('meeting.save', {
        ...meeting(unei, 1, '2023-05-16'),
        id: raised.id,
        version: raised.version,
        actionItems: ownStatus,
      });
      await expect(stale).rejects.toMatchObject({ code: 'conflict', path: ['version'] });
      expect((await core.call('meeting.get', { id: raised.id })).actionItems[0]!.status).toBe('done');
      // Reopened at the meeting that raised it: the later meeting's screen, holding the item as closed, must reload.
      const first = await core.call('meeting.get', { id: raised.id });
      await core.call('meeting.save', {
        ...meeting(unei, 1, '2023-05-16'),
        id: raised.id,
        version: first.version,
        actionItems: [{ id: first.actionItems[0]!.id, content: '名簿を直す', status: 'in_progress' }],
      });
      const again = core.call('meeting.save', {
        ...meeting(unei, 2, '2023-09-12'),
        id: later.id,
        version: closed.version,
        place: '別の会場',
      });
      await expect(again).rejects.toMatchObject({ code: 'conflict', path: ['version'] });
    });
    it('a status set at a later meeting moves the version of every meeting between, which shows the item as carried too', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const unei = await bodyId(core, '運営会議');
      const raised = await core.call('meeting.save', meeting(unei, 1, '2023-05-16', { actionItems: [{ content: '名簿を直す' }] }));
      const between = await core.call('meeting.save', meeting(unei, 2, '2023-09-12'));
      const last = await core.call('meeting.save', meeting(unei, 3, '2023-12-05'));
      const item = raised.actionItems[0]!.id;
      expect(between.carried.map((c) => [c.id, c.status])).toEqual([[item, 'open']]);
      await core.call('meeting.save', {
        ...meeting(unei, 3, '2023-12-05'),
        id: last.id,
        version: last.version,
        carried: [{ id: item, status: 'in_progress' }],
      });
      // A screen holding meeting 2 (item 未着手) must not save the old status back.
      const stale = core.call('meeting.save', {
        ...meeting(unei, 2, '2023-09-12'),
        id: between.id,
        version: between.version,
        carried: [{ id: item, status: 'open' }],
      });
      await expect(stale).rejects.toMatchObject({ code: 'conflict', path: ['version'] });
      expect((await core.call('meeting.get', { id: raised.id })).actionItems[0]!.status).toBe('in_progress');
    });
    it('moves a meeting with carried-in items to an earlier date or another body: the items follow, and only a status changed on one it no longer carries is refused, by its content', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const unei = await bodyId(core, '運営会議');
      const bukai = await bodyId(core, '部会');
      await core.call('meeting.save', meeting(unei, 1, '2023-05-16', { actionItems: [{ content: '名簿を直す' }] }));
      await core.call(
        'meeting.save',
        meeting(unei, 2, '2023-09-12', { actionItems: [{ content: '研修の案内を送る', status: 'in_progress' }] }),
      );
      const fourth = await core.call('meeting.save', meeting(unei, 4, '2024-02-20'));
      expect(fourth.carried.map((c) => [c.content, c.status])).toEqual([
        ['名簿を直す', 'open'],
        ['研修の案内を送る', 'in_progress'],
      ]);
      // What the screen sends when only the date was changed: the carried items as it read them.
      const asRead = fourth.carried.map((c) => ({ id: c.id, status: c.status }));
      const moved = await core.call('meeting.save', {
        ...meeting(unei, 4, '2023-06-01'),
        id: fourth.id,
        version: fourth.version,
        carried: asRead,
      });
      expect(moved.heldOn).toBe('2023-06-01');
      expect(moved.carried.map((c) => c.content)).toEqual(['名簿を直す']);
      const toBukai = await core.call('meeting.save', {
        ...meeting(bukai, 4, '2023-06-01'),
        id: fourth.id,
        version: moved.version,
        carried: asRead,
      });
      expect(toBukai).toMatchObject({ bodyName: '部会', carried: [] });
      // No item was touched on the way.
      expect((await core.call('meeting.actions.open', {})).map((a) => [a.content, a.status])).toEqual([
        ['名簿を直す', 'open'],
        ['研修の案内を送る', 'in_progress'],
      ]);
      expect((await core.call('audit.list', { entity: 'meeting_action_item' })).total).toBe(0);

      // A status changed on an item the new body no longer carries in: refused, naming the item, and nothing saved.
      const refused = await core.dispatch('meeting.save', {
        ...meeting(unei, 4, '2023-06-01'),
        id: fourth.id,
        version: toBukai.version,
        carried: [{ id: asRead[1]!.id, status: 'done' }],
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation', path: ['carried', 0, 'status'] } });
      expect(!refused.ok && refused.error.message).toBe(
        '対応事項「研修の案内を送る」（第2回 運営会議）はこの会議に引き継がれていないため、状況を変えられません（同じ会議体のこれより前の会議の、未完了の対応事項だけを変えられます）。開催日と会議体を確かめるか、第2回 運営会議の画面で変えてください。',
      );
      expect((await core.call('meeting.get', { id: fourth.id })).bodyName).toBe('部会');
    });
  });

  describe(`出欠と研修の集計 (${engine.name})`, () => {
    it('counts attendance per category, a 代理 as attending, in the list and the 出欠表', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const saved = await core.call(
        'meeting.save',
        meeting(await bodyId(core, '協議の場'), 1, '2023-07-11', {
          attendees: [
            { name: '委員A', organization: '県医師会', category: 'medical_association', role: '会長', attendance: 'present' },
            { name: '委員B', organization: '新潟市医師会', category: 'medical_association', attendance: 'absent' },
            { name: '委員C', organization: '新潟市', category: 'municipality', attendance: 'proxy', proxyName: '代理D' },
            { name: '委員E', organization: '長岡市', category: 'municipality', attendance: 'present' },
            { name: '委員F', organization: '訪問看護ステーションA', category: 'visiting_nurse', attendance: 'present' },
          ],
        }),
      );
      expect(saved).toMatchObject({ members: 5, attending: 4 });
      const doc = await core.call('report.doc', {
        name: 'meeting.attendance',
        params: { fy: 2023, subject: saved.id, date: '2023-07-12' },
      });
      const [list, byCategory] = tables(doc.blocks);
      expect(list!.rows.map((r) => [r.cells.name, r.cells.attendance, r.cells.note])).toEqual([
        ['委員A', '出席', ''],
        ['委員B', '欠席', ''],
        ['委員C', '代理', '代理：代理D'],
        ['委員E', '出席', ''],
        ['委員F', '出席', ''],
      ]);
      expect(byCategory!.rows.map((r) => Object.values(r.cells))).toEqual([
        ['医師会', 2, 1, 0, 1],
        ['市町村', 2, 1, 1, 0],
        ['訪問看護', 1, 1, 0, 0],
        ['合計', 5, 3, 1, 1],
      ]);
      // Without a meeting named, the 年度's latest.
      expect((await core.call('report.doc', { name: 'meeting.minutes', params: { fy: 2023 } })).subtitle).toBe('第1回 協議の場');
      const none = await core.dispatch('report.doc', { name: 'meeting.minutes', params: { fy: 2022 } });
      expect(none).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: expect.stringContaining('令和4年度の会議はまだ記録されていません') },
      });
    });

    it('keeps the 事務局 and オブザーバー out of the 委員 counted, listing them apart in the 議事録 and the 出欠表', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const saved = await core.call(
        'meeting.save',
        meeting(await bodyId(core, '運営会議'), 4, '2024-03-05', {
          attendees: [
            { name: '委員A', organization: '県医師会', category: 'medical_association', role: '委員長', attendance: 'present' },
            { name: '委員B', organization: '新潟市', category: 'municipality', role: '委員', attendance: 'absent' },
            { name: '委員C', organization: '県医師会', category: 'medical_association', role: '事務局長', attendance: 'present' },
            { name: '職員D', organization: '新潟県 地域医療政策課', category: 'administration', role: ' 事務局 ', attendance: 'present' },
            { name: '職員E', organization: '厚生局', category: 'administration', role: 'ｵﾌﾞｻﾞｰﾊﾞｰ', attendance: 'absent' },
          ],
        }),
      );
      // A quorum counts members: 委員C's 事務局長 is a member's post, the 事務局 itself and an observer are not.
      expect(saved).toMatchObject({ members: 3, attending: 2 });
      expect((await core.call('meeting.list', { fiscalYear: 2023 }))[0]).toMatchObject({ members: 3, attending: 2 });

      const minutes = await core.call('report.doc', { name: 'meeting.minutes', params: { fy: 2023, subject: saved.id } });
      const [outline, present, staff] = tables(minutes.blocks);
      expect(outline!.rows.find((r) => r.cells.item === '出席者')!.cells.value).toBe('2名（委員3名中）　ほか事務局・オブザーバー1名');
      expect(present!.rows.map((r) => r.cells.name)).toEqual(['委員A', '委員C']);
      expect(staff!.caption).toBe('事務局・オブザーバー');
      expect(staff!.rows.map((r) => r.cells.name)).toEqual(['職員D']);

      const attendance = await core.call('report.doc', { name: 'meeting.attendance', params: { fy: 2023, subject: saved.id } });
      const [members, others, byCategory] = tables(attendance.blocks);
      expect(members!.rows.map((r) => r.cells.name)).toEqual(['委員A', '委員B', '委員C']);
      expect(others!.caption).toBe('事務局・オブザーバー（委員数に含めません）');
      expect(others!.rows.map((r) => [r.cells.name, r.cells.attendance])).toEqual([
        ['職員D', '出席'],
        ['職員E', '欠席'],
      ]);
      expect(byCategory!.rows.map((r) => Object.values(r.cells))).toEqual([
        ['医師会', 2, 2, 0, 0],
        ['市町村', 1, 0, 0, 1],
        ['合計', 3, 2, 0, 1],
      ]);
    });

    it('prints 「なし」 under the 議事録’s 出席者 when nobody is recorded, as under 決定事項 and 対応事項', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const saved = await core.call('meeting.save', meeting(await bodyId(core, '協議の場'), 1, '2023-07-11'));
      const minutes = await core.call('report.doc', { name: 'meeting.minutes', params: { fy: 2023, subject: saved.id } });
      const present = tables(minutes.blocks).find((t) => t.caption === '出席者')!;
      expect(present.rows.map((r) => Object.values(r.cells).filter(Boolean))).toEqual([['なし']]);
    });

    it('prints 「なし」 in the 出欠表’s list when nobody is recorded, as the 議事録 does', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const saved = await core.call('meeting.save', meeting(await bodyId(core, '協議の場'), 1, '2023-07-11'));
      const attendance = await core.call('report.doc', { name: 'meeting.attendance', params: { fy: 2023, subject: saved.id } });
      const [members, byCategory] = tables(attendance.blocks);
      expect(members!.rows.map((r) => Object.values(r.cells).filter(Boolean))).toEqual([['なし']]);
      expect(byCategory!.caption).toBe('区分別の出欠');
    });

    it('totals a year of trainings by profession and in all', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const first = await core.call('meeting.trainings.save', {
        title: '在宅医療多職種連携研修会（第1回）',
        kind: '多職種研修',
        fiscalYear: 2023,
        heldOn: '2023-07-22',
        organizer: '県医師会',
        participants: [
          { profession: '医師', count: 12 },
          { profession: '看護師', count: 25 },
          { profession: '介護支援専門員', count: 18 },
        ],
        evaluation: { responses: 48, satisfied: 20, fairlySatisfied: 22, fairlyDissatisfied: 5, dissatisfied: 1 },
      });
      expect(first.total).toBe(55);
      await core.call('meeting.trainings.save', {
        title: '同行研修',
        kind: '同行研修',
        fiscalYear: 2023,
        heldOn: '2024-01-18',
        participants: [
          { profession: '医師', count: 30 },
          { profession: '薬剤師', count: 8 },
        ],
      });
      await core.call('meeting.trainings.save', {
        title: '翌年度の研修',
        kind: '多職種研修',
        fiscalYear: 2024,
        heldOn: '2024-04-05',
        participants: [{ profession: '医師', count: 99 }],
      });
      const doc = await core.call('report.doc', { name: 'meeting.trainings', params: { fy: 2023, date: '2024-03-29' } });
      const [perTraining, perProfession] = tables(doc.blocks);
      expect(perTraining!.rows.map((r) => [r.cells.title, r.cells.total, r.cells.responses])).toEqual([
        ['在宅医療多職種連携研修会（第1回）', 55, 48],
        ['同行研修', 38, null],
        ['合計（2回）', 93, 48],
      ]);
      expect(perTraining!.rows.at(-1)!.cells.satisfaction).toEqual({ numerator: 42, denominator: 48 });
      expect(perProfession!.rows.map((r) => [r.cells.profession, r.cells.count])).toEqual([
        ['医師', 42],
        ['薬剤師', 8],
        ['看護師', 25],
        ['介護支援専門員', 18],
        ['合計', 93],
      ]);
      const log = await core.call('audit.list', { entity: 'training' });
      expect(log.total).toBe(3);
      expect(log.entries.find((e) => e.entityId === String(first.id))!.after).toMatchObject({ total: 55, kind: '多職種研修' });
    });
  });

  describe(`入力の誤り (${engine.name})`, () => {
    it('refuses a wrong date, no body, an empty body name, a 回 taken and too many satisfied answers — in Japanese', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const unei = await bodyId(core, '運営会議');
      const message = async (name: Parameters<Core['dispatch']>[0], input: unknown) => {
        const r = await core.dispatch(name, input);
        expect(r.ok).toBe(false);
        return r.ok ? '' : r.error.message;
      };
      expect(await message('meeting.save', meeting(unei, 1, '2023-02-30'))).toBe('開催日: 存在しない日付（例: 2月30日）');
      // A caller sending the date as typed is shown the forms officers type, not the ISO form stored.
      expect(await message('meeting.save', meeting(unei, 1, 'R5.5.1', { fiscalYear: 2023 }))).toBe(
        '開催日: 日付の形が違います（例: 令和7年4月1日、R7.4.1）',
      );
      expect(await message('meeting.save', { number: 1, fiscalYear: 2023, heldOn: '2023-05-01' })).toBe('会議体を選んでください');
      expect(await message('meeting.save', meeting(999, 1, '2023-05-01'))).toContain('指定された会議体（id 999）はありません');
      expect(await message('meeting.save', meeting(unei, 1, '2023-05-01', { startTime: '25:00' }))).toBe(
        '開始時刻は 14:00 のように24時間制で入力してください',
      );
      expect(
        await message(
          'meeting.save',
          meeting(unei, 1, '2023-05-01', { attendees: [{ name: ' ', category: 'center', attendance: 'present' }] }),
        ),
      ).toBe('氏名を入力してください');
      expect(await message('meeting.bodies.save', { name: '  ' })).toBe('会議体の名前を入力してください');
      expect(await message('meeting.bodies.save', { name: '運営会議' })).toBe(
        '会議体「運営会議」はすでにあります。別の名前にしてください。',
      );
      // A name differing only in full/half width (or spaces) is the same body to whoever reads the list.
      expect(await message('meeting.bodies.save', { name: 'ＷＧ' })).toBe('会議体「WG」はすでにあります。別の名前にしてください。');
      expect(await message('meeting.bodies.save', { name: '運営　会議' })).toBe(
        '会議体「運営会議」はすでにあります。別の名前にしてください。',
      );
      await core.call('meeting.save', meeting(unei, 1, '2023-05-16'));
      expect(await message('meeting.save', meeting(unei, 1, '2024-01-10'))).toBe(
        '運営会議の令和5年度の第1回はすでにあります（令和5年5月16日）。回を変えてください。',
      );
      expect(await message('meeting.bodies.delete', { id: unei })).toBe(
        '会議体「運営会議」には会議が1件記録されているため削除できません。名前を変えるか、先に会議を削除してください。',
      );
      expect(
        await message('meeting.trainings.save', {
          title: '研修',
          kind: '多職種研修',
          fiscalYear: 2023,
          heldOn: '2023-06-01',
          evaluation: { responses: 10, satisfied: 8, fairlySatisfied: 4, fairlyDissatisfied: 0, dissatisfied: 0 },
        }),
      ).toBe('満足・やや満足・やや不満・不満の合計が回答数を超えています。回答数か各欄を直してください');
      // 回答数 without its breakdown would read as nobody satisfied (満足度 0.0%) and pull the year's 満足度 down.
      const responsesOnly = await core.dispatch('meeting.trainings.save', {
        title: '研修',
        kind: '多職種研修',
        fiscalYear: 2023,
        heldOn: '2023-06-01',
        evaluation: { responses: 40, satisfied: 0, fairlySatisfied: 0, fairlyDissatisfied: 0, dissatisfied: 0 },
      });
      expect(responsesOnly).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          path: ['evaluation', 'satisfied'],
          message: '回答数だけでは満足度を出せません。満足・やや満足・やや不満・不満の人数も入力してください',
        },
      });
      expect(await core.call('meeting.trainings.list', { fiscalYear: 2023 })).toEqual([]);
      expect(await message('meeting.trainings.save', { title: '研修', kind: '', fiscalYear: 2023, heldOn: '2023-06-01' })).toBe(
        '研修の種類を入力してください',
      );
    });

    it('refuses a participant count that is no whole number naming the profession, at that profession’s row', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const training = (participants: { profession: string; count: number | null }[]) => ({
        title: '研修',
        kind: '多職種研修',
        fiscalYear: 2023,
        heldOn: '2023-06-01',
        participants: participants as OpInput<'meeting.trainings.save'>['participants'],
      });
      // The screen sends text it cannot read as no number (NaN, carried as null); 1.5 is a number but not a headcount.
      const refused = await core.dispatch(
        'meeting.trainings.save',
        training([
          { profession: '看護師', count: 10 },
          { profession: '医師', count: null },
          { profession: '薬剤師', count: 1.5 },
        ]),
      );
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          issues: [
            { path: ['participants', 1, 'count'], message: '医師の参加者数は整数（例: 12）で入力してください' },
            { path: ['participants', 2, 'count'], message: '薬剤師の参加者数は整数で入力してください' },
          ],
        },
      });
      expect(await core.call('meeting.trainings.list', { fiscalYear: 2023 })).toEqual([]);
      const saved = await core.call('meeting.trainings.save', training([{ profession: '医師', count: 12 }]));
      expect(saved.participants).toEqual([{ profession: '医師', count: 12 }]);
    });

    it('refuses a meeting or training dated outside the 年度 it is recorded in, naming the field and the days allowed', async () => {
      const core = await engine.open({ osUser: 'tester', now: NOW });
      const unei = await bodyId(core, '運営会議');
      // 令和6年4月 typed while filing 令和5年度: the last day of the year is fine, the next day is not.
      expect(await core.dispatch('meeting.save', meeting(unei, 1, '2024-03-31', { fiscalYear: 2023 }))).toMatchObject({ ok: true });
      const late = await core.dispatch('meeting.save', meeting(unei, 2, '2024-04-01', { fiscalYear: 2023 }));
      expect(late).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          path: ['heldOn'],
          message:
            '開催日: 令和6年4月1日は令和5年度の会議の開催日にできません（令和5年4月1日〜令和6年3月31日）。日付か年度を確かめてください。',
        },
      });
      const training = await core.dispatch('meeting.trainings.save', {
        title: '研修',
        kind: '多職種研修',
        fiscalYear: 2023,
        heldOn: '2023-03-31',
      });
      expect(training).toMatchObject({
        ok: false,
        error: {
          path: ['heldOn'],
          message:
            '開催日: 令和5年3月31日は令和5年度の研修の開催日にできません（令和5年4月1日〜令和6年3月31日）。日付か年度を確かめてください。',
        },
      });
      // A year Renkei does not hold is refused as such, not as an internal error.
      expect(await core.dispatch('meeting.save', meeting(unei, 3, '1999-05-01'))).toMatchObject({
        ok: false,
        error: { code: 'validation', path: ['fiscalYear'] },
      });
      expect((await core.call('meeting.list', {})).map((m) => m.heldOn)).toEqual(['2024-03-31']);
    });
  });
}

describe('the demo year of meetings and trainings', () => {
  it('holds 4 運営会議 and 2 協議の場 in 令和5年度, with items carried and closed, and 5 trainings', async () => {
    const core = await engines()[0]!.open({ osUser: 'tester', now: NOW });
    await core.call('app.demo.load', {});
    const list = await core.call('meeting.list', { fiscalYear: 2023 });
    expect(list.map((m) => m.title)).toEqual([
      '第1回 協議の場',
      '第2回 協議の場',
      '第1回 運営会議',
      '第2回 運営会議',
      '第3回 運営会議',
      '第4回 運営会議',
    ]);
    expect(list.every((m) => m.members >= 9 && m.attending < m.members)).toBe(true);
    // 第4回 運営会議: 12 rows, one of them the 事務局 (新潟県 地域医療政策課), who is no 委員.
    expect(list[5]).toMatchObject({ members: 11, attending: 9 });
    const fourth = await core.call('meeting.get', { id: list[5]!.id });
    // Still open from 第1回 and 第2回; the invitation of 第3回 closed at 第4回.
    expect(fourth.carried.map((a) => [a.meetingTitle, a.status])).toEqual([
      ['第1回 運営会議', 'in_progress'],
      ['第2回 運営会議', 'open'],
      ['第3回 運営会議', 'done'],
    ]);
    const trainings = await core.call('meeting.trainings.list', { fiscalYear: 2023 });
    expect(trainings.map((t) => t.total)).toEqual([29, 105, 25, 59, 93]);
    const minutes = await core.call('report.doc', { name: 'meeting.minutes', params: { fy: 2023, subject: fourth.id } });
    expect(minutes.subtitle).toBe('第4回 運営会議');
    // The next year's first meeting, no training yet: 議事録 and 出欠表 offer the year, 研修実施状況 does not (a default pack
    // for the year would otherwise stop on it).
    await core.call('meeting.save', meeting(await bodyId(core, '運営会議'), 1, '2024-05-14'));
    const years = new Map((await core.call('report.list', {})).map((r) => [r.name, r.fiscalYears]));
    expect(years.get('meeting.minutes')).toEqual([2024, 2023]);
    expect(years.get('meeting.attendance')).toEqual([2024, 2023]);
    expect(years.get('meeting.trainings')).toEqual([2023]);
    expect(await core.call('meeting.years', {})).toEqual([2024, 2023]);
  }, 120_000);
});
