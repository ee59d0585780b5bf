/**
 * The demo prefecture's 令和5年度 of meetings and trainings, through the
 * same operations the screens use: four 運営会議 (seed 001: 3～4ヶ月に1回)
 * and two 協議の場, members from the demo 台帳's organisations with clearly
 * fictional names (委員A …), agendas from the centers' work in the seeds
 * (活動計画, 相談件数, 入退院支援, ICT連携, 看取り), decisions, and action items
 * of which some stay open and are carried to the next meeting and closed
 * there; and the year's trainings (seed 002: 研修会を年に2回; seed 001's
 * 同行研修 参加者合計93名 gives the scale).
 */
import type { OpInput } from '@shared/contract';
import type { IsoDate } from '@shared/dates';
import { fiscalYearOf } from '@shared/fiscal-year';
import type { Attendance, MemberCategory } from '@shared/meeting/records';
import type { OpRunner } from '../kernel/context';

type Member = { name: string; organization: string; category: MemberCategory; role: string };

/** Who is away at each meeting (by member index): a few absences and proxies, never the chair. */
const AWAY: Record<string, Partial<Record<number, Attendance>>> = {
  'unei-1': { 4: 'absent', 7: 'proxy' },
  'unei-2': { 3: 'proxy', 9: 'absent' },
  'unei-3': { 5: 'absent' },
  'unei-4': { 2: 'absent', 6: 'proxy', 10: 'absent' },
  'kyogi-1': { 6: 'proxy', 8: 'absent' },
  'kyogi-2': { 3: 'absent' },
};

export async function loadMeetingDemo(ops: OpRunner): Promise<void> {
  const bodies = await ops.call('meeting.bodies.list', {});
  const bodyId = (name: string) => bodies.find((b) => b.name === name)!.id;
  const orgs = await ops.call('meeting.organizations', {});
  const of = (category: MemberCategory, i: number) => orgs.filter((o) => o.category === category)[i]?.name ?? '';
  const areas = await ops.call('masters.areas.list', { kind: 'secondary' });

  let letter = 0;
  const member = (organization: string, category: MemberCategory, role = '委員'): Member => ({
    name: `委員${String.fromCharCode(65 + letter++)}`,
    organization,
    category,
    role,
  });
  const uneiMembers: Member[] = [
    member(of('medical_association', 0), 'medical_association', '委員長'),
    member(of('center', 0), 'center'),
    member(of('medical_association', 1), 'medical_association'),
    member(of('medical_association', 2), 'medical_association'),
    member(of('center', 1), 'center'),
    member(of('center', 2), 'center'),
    member(of('hospital', 0), 'hospital'),
    member(of('visiting_nurse', 0), 'visiting_nurse'),
    member('新潟県介護支援専門員協会（デモ）', 'care_manager'),
    member(of('municipality', 0), 'municipality'),
    member(of('municipality', 1), 'municipality'),
    member('新潟県 地域医療政策課', 'administration', '事務局'),
  ];
  const kyogiMembers: Member[] = [
    member(of('medical_association', 0), 'medical_association', '会長'),
    member('新潟県歯科医師会（デモ）', 'other'),
    member('新潟県薬剤師会（デモ）', 'other'),
    member('新潟県看護協会（デモ）', 'visiting_nurse'),
    member(of('hospital', 1) || of('hospital', 0), 'hospital'),
    member('新潟県介護支援専門員協会（デモ）', 'care_manager'),
    member(of('municipality', 2), 'municipality'),
    member(of('municipality', 3), 'municipality'),
    member(of('center', 0), 'center'),
    member('新潟県 地域医療政策課', 'administration', '事務局'),
  ];
  const attendees = (members: Member[], key: string) =>
    members.map((m, i) => {
      const attendance = AWAY[key]?.[i] ?? 'present';
      return { ...m, attendance, proxyName: attendance === 'proxy' ? `${m.name}代理` : '' };
    });

  const unei = bodyId('運営会議');
  const kyogi = bodyId('協議の場');
  // Each record in the 年度 of its date, as the screens file it.
  const save = (input: Omit<OpInput<'meeting.save'>, 'fiscalYear'>) =>
    ops.call('meeting.save', { ...input, fiscalYear: fiscalYearOf(input.heldOn as IsoDate) });
  const place = '新潟県医師会館 大会議室（デモ）';

  const u1 = await save({
    bodyId: unei,
    number: 1,
    heldOn: '2023-05-16',
    startTime: '18:30',
    endTime: '20:00',
    place,
    attendees: attendees(uneiMembers, 'unei-1'),
    agenda: [
      {
        title: '令和5年度 在宅医療推進センターの活動計画について',
        minutes:
          '事務局から各センターの活動計画書（案）の取りまとめ結果を説明した。\n委員から、相談件数の集計方法をセンター間でそろえるべきとの意見があった。',
      },
      {
        title: '補助金の交付申請について',
        minutes: '事務局から令和5年度の基準額と交付申請の日程を説明し、了承された。',
      },
    ],
    decisions: [{ text: '令和5年度の活動計画は案のとおりとする。' }, { text: '相談件数の集計様式を統一する。' }],
    actionItems: [
      { content: '相談件数の統一集計様式を作り、各センターに配る', owner: '事務局', dueOn: '2023-07-31', status: 'open' },
      { content: '入退院支援ルールの運用状況を各圏域で確かめる', owner: '委員B', dueOn: '2023-08-25', status: 'open' },
      { content: '交付申請書を期日までに提出する', owner: '各センター', dueOn: '2023-05-31', status: 'done' },
    ],
  });
  const [form, rules] = u1.actionItems;

  const k1 = await save({
    bodyId: kyogi,
    number: 1,
    heldOn: '2023-07-11',
    startTime: '14:00',
    endTime: '16:00',
    place: '新潟県庁 講堂（デモ）',
    online: true,
    attendees: attendees(kyogiMembers, 'kyogi-1'),
    agenda: [
      {
        title: '在宅医療の体制整備に係る圏域の課題について',
        minutes: '各圏域の在宅医療に必要な連携を担う拠点の状況を共有した。\n訪問診療を行う医師の高齢化への対応が課題として挙げられた。',
      },
      { title: '第8次医療計画の在宅医療の指標について', minutes: '事務局から指標の案を説明し、意見を求めた。' },
    ],
    decisions: [{ text: '圏域ごとの課題整理を各センターに依頼する。' }],
    actionItems: [
      { content: '圏域ごとの課題を整理し、次回の協議の場に報告する', owner: '各センター', dueOn: '2023-12-15', status: 'in_progress' },
    ],
  });

  const u2 = await save({
    bodyId: unei,
    number: 2,
    heldOn: '2023-08-29',
    startTime: '18:30',
    endTime: '20:00',
    place,
    areaIds: areas.slice(0, 2).map((a) => a.id),
    attendees: attendees(uneiMembers, 'unei-2'),
    agenda: [
      { title: '第1四半期の相談件数について', minutes: '統一様式による集計結果を報告した。退院支援に関する相談が最も多かった。' },
      { title: 'ICT連携システムの導入状況について', minutes: '2センターでタブレット端末の導入を検討中であることを共有した。' },
    ],
    decisions: [{ text: '相談件数は四半期ごとに運営会議へ報告する。' }],
    actionItems: [
      { content: 'ICT連携システムの利用状況調査の案を作る', owner: '委員E', dueOn: '2023-11-10', status: 'open' },
      { content: '多職種研修会の講師候補を挙げる', owner: '委員C', dueOn: '2023-10-31', status: 'in_progress' },
    ],
    // The form was sent out: closed here. The 入退院支援 check goes on.
    carried: [
      { id: form!.id, status: 'done' },
      { id: rules!.id, status: 'in_progress' },
    ],
  });
  const lecturers = u2.actionItems[1];

  const u3 = await save({
    bodyId: unei,
    number: 3,
    heldOn: '2023-11-21',
    startTime: '18:30',
    endTime: '20:00',
    place,
    attendees: attendees(uneiMembers, 'unei-3'),
    agenda: [
      { title: '第2四半期の相談件数について', minutes: '前年同期と比べて看取りに関する相談が増えていることを共有した。' },
      { title: '多職種研修会（第2回）の企画について', minutes: '看取りをテーマに2月に開催する案が示され、了承された。' },
    ],
    decisions: [{ text: '第2回多職種研修会は看取りをテーマに令和6年2月に開催する。' }],
    actionItems: [{ content: '研修会の案内を市町村と関係団体に送る', owner: '事務局', dueOn: '2024-01-12', status: 'open' }],
    carried: [{ id: lecturers!.id, status: 'done' }],
  });

  await save({
    bodyId: kyogi,
    number: 2,
    heldOn: '2024-01-23',
    startTime: '14:00',
    endTime: '16:00',
    place: '新潟県庁 講堂（デモ）',
    online: true,
    attendees: attendees(kyogiMembers, 'kyogi-2'),
    agenda: [
      {
        title: '圏域ごとの課題の整理結果について',
        minutes: '各センターから課題整理の結果を報告した。\n夜間の急変時対応の体制に差があることが確認された。',
      },
      { title: '令和6年度の取組方針について', minutes: '事務局から方針案を説明し、おおむね了承された。' },
    ],
    decisions: [{ text: '令和6年度は急変時対応の体制づくりを重点とする。' }],
    actionItems: [{ content: '急変時対応の好事例を集める', owner: '事務局', dueOn: '2024-06-30', status: 'open' }],
    carried: [{ id: k1.actionItems[0]!.id, status: 'done' }],
  });

  await save({
    bodyId: unei,
    number: 4,
    heldOn: '2024-02-27',
    startTime: '18:30',
    endTime: '20:00',
    place,
    attendees: attendees(uneiMembers, 'unei-4'),
    agenda: [
      { title: '令和5年度の活動報告（見込み）について', minutes: '各センターの活動状況の報告書（見込み）を取りまとめて報告した。' },
      { title: '令和6年度の活動計画の作成について', minutes: '活動計画書の様式と提出期限を確認した。' },
    ],
    decisions: [{ text: '令和6年度の活動計画書は4月19日までに提出する。' }],
    actionItems: [{ content: '令和6年度の活動計画書を取りまとめる', owner: '事務局', dueOn: '2024-04-26', status: 'open' }],
    // The invitation went out; the ICT survey and the 入退院支援 check stay open into the next year.
    carried: [{ id: u3.actionItems[0]!.id, status: 'done' }],
  });

  const training = (input: Omit<OpInput<'meeting.trainings.save'>, 'fiscalYear'>) =>
    ops.call('meeting.trainings.save', { ...input, fiscalYear: fiscalYearOf(input.heldOn as IsoDate) });
  await training({
    title: '在宅医療コーディネーター研修',
    kind: 'コーディネーター研修',
    heldOn: '2023-06-17',
    organizer: '新潟県医師会在宅医療推進センター',
    target: '各センターのコーディネーター',
    place,
    participants: [
      { profession: '看護師', count: 14 },
      { profession: '保健師', count: 5 },
      { profession: '社会福祉士・MSW', count: 6 },
      { profession: '介護支援専門員', count: 1 },
      { profession: 'その他', count: 3 },
    ],
    evaluation: { responses: 27, satisfied: 15, fairlySatisfied: 10, fairlyDissatisfied: 2, dissatisfied: 0 },
  });
  await training({
    title: '在宅医療多職種連携研修会（第1回）入退院支援',
    kind: '多職種研修',
    heldOn: '2023-09-30',
    organizer: '新潟県医師会',
    target: '医療・介護の多職種',
    place: '新潟県医師会館 大会議室（デモ）・オンライン',
    participants: [
      { profession: '医師', count: 11 },
      { profession: '歯科医師', count: 3 },
      { profession: '薬剤師', count: 9 },
      { profession: '看護師', count: 34 },
      { profession: '介護支援専門員', count: 27 },
      { profession: '社会福祉士・MSW', count: 8 },
      { profession: 'リハビリ職', count: 6 },
      { profession: '行政職員', count: 7 },
    ],
    roster: '参加者名簿は県医師会事務局で保管（デモ）',
    evaluation: { responses: 88, satisfied: 41, fairlySatisfied: 37, fairlyDissatisfied: 8, dissatisfied: 2 },
  });
  await training({
    title: '在宅医同行研修',
    kind: '同行研修',
    heldOn: '2023-10-01',
    organizer: '新潟市医師会',
    target: '在宅医療を始める医師',
    note: '10月から翌年3月まで随時実施。開催日は初回。',
    participants: [
      { profession: '医師', count: 21 },
      { profession: '看護師', count: 4 },
    ],
    evaluation: { responses: 23, satisfied: 18, fairlySatisfied: 5, fairlyDissatisfied: 0, dissatisfied: 0 },
  });
  await training({
    title: '市町村在宅医療・介護連携推進事業 担当者合同研修',
    kind: '市町村合同研修',
    heldOn: '2023-11-08',
    organizer: '新潟県 地域医療政策課',
    target: '市町村の担当職員・センター職員',
    place: '新潟県庁 講堂（デモ）',
    participants: [
      { profession: '行政職員', count: 38 },
      { profession: '保健師', count: 12 },
      { profession: '看護師', count: 9 },
    ],
    evaluation: { responses: 52, satisfied: 20, fairlySatisfied: 25, fairlyDissatisfied: 6, dissatisfied: 1 },
  });
  await training({
    title: '在宅医療多職種連携研修会（第2回）在宅での看取り',
    kind: '多職種研修',
    heldOn: '2024-02-17',
    organizer: '新潟県医師会',
    target: '医療・介護の多職種',
    place: '長岡市医師会館（デモ）・オンライン',
    participants: [
      { profession: '医師', count: 14 },
      { profession: '薬剤師', count: 7 },
      { profession: '看護師', count: 31 },
      { profession: '介護支援専門員', count: 22 },
      { profession: '介護職', count: 12 },
      { profession: '社会福祉士・MSW', count: 5 },
      { profession: '行政職員', count: 2 },
    ],
    roster: '参加者名簿は県医師会事務局で保管（デモ）',
    evaluation: { responses: 79, satisfied: 44, fairlySatisfied: 29, fairlyDissatisfied: 5, dissatisfied: 1 },
  });
}
