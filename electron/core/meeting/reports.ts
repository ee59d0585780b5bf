/**
 * 会議・研修's reports: a meeting's 議事録 as a formal document (outline,
 * members present, minutes per agenda item, decisions, action items with
 * those carried in), its 出欠表 with counts per category, and the year's
 * 研修実施状況 with participants per profession and in all.
 */
import { RenkeiError } from '@shared/contract';
import type { MeetingDetail } from '@shared/contract/meeting';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import {
  ACTION_STATUS_LABELS,
  ATTENDANCE_LABELS,
  attendanceCounts,
  isNonMember,
  MEMBER_CATEGORY_LABELS,
  participantsByProfession,
  participantTotal,
  satisfactionOf,
} from '@shared/meeting/records';
import type { ReportBlock, ReportRow } from '@shared/report/model';
import { formatWarekiWithWeekday } from '@shared/wareki';
import { attachmentHeader, type ReportContext, type ReportDefinition } from '../kernel/report-definition';
import { meetingDetail, meetingList, trainings, years } from './read';

/** The meeting asked for, else the 年度's latest; refused when the 年度 has none. */
async function chosenMeeting(ctx: ReportContext, fy: FiscalYear, subject: number | null): Promise<MeetingDetail> {
  if (subject !== null) return meetingDetail(ctx.db, subject);
  const list = await meetingList(ctx.db, { fiscalYear: fy });
  const latest = [...list].sort((a, b) => a.heldOn.localeCompare(b.heldOn)).at(-1);
  if (!latest) {
    throw new RenkeiError(
      'not_found',
      `${formatFiscalYear(fy)}の会議はまだ記録されていません。「会議・研修」で会議を記録してから出力してください。`,
    );
  }
  return meetingDetail(ctx.db, latest.id);
}

/** 「令和5年9月12日（火） 14:00～16:00」 */
function whenText(m: MeetingDetail): string {
  const time = m.startTime ? ` ${m.startTime}～${m.endTime}` : '';
  return `${formatWarekiWithWeekday(m.heldOn)}${time}`;
}

function placeText(m: MeetingDetail): string {
  if (m.online && m.place) return `${m.place}（オンライン併用）`;
  return m.online ? 'オンライン' : m.place;
}

function scopeText(m: MeetingDetail): string {
  const names = [...m.areas.map((a) => a.name), ...m.municipalities.map((x) => x.name)];
  return names.length > 0 ? names.join('、') : '県全域';
}

const dash = (text: string) => text || '―';

function actionRows(m: MeetingDetail): ReportRow[] {
  const row = (no: string, a: MeetingDetail['actionItems'][number], from: string) => ({
    kind: 'data' as const,
    cells: {
      no,
      content: a.content,
      from,
      owner: dash(a.owner),
      dueOn: a.dueOn,
      status: ACTION_STATUS_LABELS[a.status],
    },
  });
  return [
    ...m.carried.map((a, i) => row(`引${i + 1}`, a, a.meetingTitle)),
    ...m.actionItems.map((a, i) => row(String(i + 1), a, '本会議')),
  ];
}

/** The 出席者 of the 議事録: who came, with 事務局・オブザーバー in a table of their own after the members; 「なし」 when none. */
function attendingTable(caption: string, attendees: MeetingDetail['attendees']): ReportBlock {
  const attending = attendees.filter((a) => a.attendance !== 'absent');
  const none = { kind: 'data' as const, cells: { category: '', organization: 'なし', role: '', name: '' } };
  return {
    type: 'table',
    caption,
    columns: [
      { key: 'category', header: '区分', format: 'text', width: 12 },
      { key: 'organization', header: '所属', format: 'text', width: 30 },
      { key: 'role', header: '役職', format: 'text', width: 14 },
      { key: 'name', header: '氏名', format: 'text', width: 24 },
    ],
    rows:
      attending.length > 0
        ? attending.map((a) => ({
            kind: 'data' as const,
            cells: {
              category: MEMBER_CATEGORY_LABELS[a.category],
              organization: dash(a.organization),
              role: dash(a.role),
              name: a.attendance === 'proxy' ? `${a.proxyName || '代理'}（${a.name} 代理）` : a.name,
            },
          }))
        : [none],
  };
}

function minutesBlocks(m: MeetingDetail): ReportBlock[] {
  const counts = attendanceCounts(m.attendees);
  const others = m.attendees.filter(isNonMember);
  const attendingOthers = counts.others.attending > 0 ? `　ほか事務局・オブザーバー${counts.others.attending}名` : '';
  const blocks: ReportBlock[] = [
    {
      type: 'table',
      caption: '開催概要',
      columns: [
        { key: 'item', header: '項目', format: 'text', width: 14 },
        { key: 'value', header: '内容', format: 'text', width: 66 },
      ],
      rows: [
        ['会議', m.title],
        ['日時', whenText(m)],
        ['会場', dash(placeText(m))],
        ['対象地域', scopeText(m)],
        [
          '出席者',
          `${counts.total.attending}名（委員${counts.total.members}名中${counts.total.proxy > 0 ? `、うち代理${counts.total.proxy}名` : ''}）${attendingOthers}`,
        ],
      ].map(([item, value]) => ({ kind: 'data' as const, cells: { item: item!, value: value! } })),
    },
    attendingTable(
      '出席者',
      m.attendees.filter((a) => !isNonMember(a)),
    ),
    ...(counts.others.attending > 0 ? [attendingTable('事務局・オブザーバー', others)] : []),
    { type: 'heading', text: '議事' },
  ];
  if (m.agenda.length === 0) blocks.push({ type: 'paragraph', text: '（議題は記録されていません）' });
  for (const [i, item] of m.agenda.entries()) {
    blocks.push({ type: 'heading', text: `${i + 1}　${item.title}` });
    blocks.push({ type: 'paragraph', text: item.minutes || '（記録なし）' });
  }
  blocks.push({
    type: 'table',
    caption: '決定事項',
    columns: [
      { key: 'no', header: '番号', format: 'text', width: 6, align: 'center' },
      { key: 'text', header: '決定事項', format: 'text', width: 74 },
    ],
    rows:
      m.decisions.length > 0
        ? m.decisions.map((d, i) => ({ kind: 'data' as const, cells: { no: String(i + 1), text: d.text } }))
        : [{ kind: 'data' as const, cells: { no: '', text: 'なし' } }],
  });
  const actions = actionRows(m);
  blocks.push({
    type: 'table',
    caption: '対応事項',
    columns: [
      { key: 'no', header: '番号', format: 'text', width: 6, align: 'center' },
      { key: 'content', header: '内容', format: 'text', width: 32 },
      { key: 'from', header: '提起した会議', format: 'text', width: 20 },
      { key: 'owner', header: '担当', format: 'text', width: 10 },
      { key: 'dueOn', header: '期限', format: 'date', width: 14 },
      { key: 'status', header: '状況', format: 'text', width: 8, align: 'center' },
    ],
    rows:
      actions.length > 0 ? actions : [{ kind: 'data', cells: { no: '', content: 'なし', from: '', owner: '', dueOn: null, status: '' } }],
    notes: m.carried.length > 0 ? ['番号「引」は、同じ会議体のこれまでの会議から引き継いだ未完了の対応事項です。'] : [],
  });
  return blocks;
}

/** The 出欠表's list: numbered rows of one kind of attendee (members, or 事務局・オブザーバー); 「なし」 when none, as in the 議事録. */
function attendanceTable(caption: string, attendees: MeetingDetail['attendees']): ReportBlock {
  const none = {
    kind: 'data' as const,
    cells: { no: null, category: '', organization: 'なし', role: '', name: '', attendance: '', note: '' },
  };
  return {
    type: 'table',
    caption,
    columns: [
      { key: 'no', header: '番号', format: 'count', width: 6 },
      { key: 'category', header: '区分', format: 'text', width: 12 },
      { key: 'organization', header: '所属', format: 'text', width: 28 },
      { key: 'role', header: '役職', format: 'text', width: 12 },
      { key: 'name', header: '氏名', format: 'text', width: 16 },
      { key: 'attendance', header: '出欠', format: 'text', width: 8, align: 'center' },
      { key: 'note', header: '備考', format: 'text', width: 18 },
    ],
    rows:
      attendees.length > 0
        ? attendees.map((a, i) => ({
            kind: 'data' as const,
            cells: {
              no: i + 1,
              category: MEMBER_CATEGORY_LABELS[a.category],
              organization: dash(a.organization),
              role: dash(a.role),
              name: a.name,
              attendance: ATTENDANCE_LABELS[a.attendance],
              note: a.attendance === 'proxy' && a.proxyName ? `代理：${a.proxyName}` : '',
            },
          }))
        : [none],
  };
}

function attendanceBlocks(m: MeetingDetail): ReportBlock[] {
  const counts = attendanceCounts(m.attendees);
  const others = m.attendees.filter(isNonMember);
  return [
    attendanceTable(
      `${m.title}　${whenText(m)}　${dash(placeText(m))}`,
      m.attendees.filter((a) => !isNonMember(a)),
    ),
    ...(others.length > 0 ? [attendanceTable('事務局・オブザーバー（委員数に含めません）', others)] : []),
    {
      type: 'table',
      caption: '区分別の出欠',
      columns: [
        { key: 'category', header: '区分', format: 'text', width: 16 },
        { key: 'members', header: '委員数', format: 'count', width: 10 },
        { key: 'present', header: '出席', format: 'count', width: 10 },
        { key: 'proxy', header: '代理', format: 'count', width: 10 },
        { key: 'absent', header: '欠席', format: 'count', width: 10 },
      ],
      rows: [
        ...counts.byCategory.map((c) => ({
          kind: 'data' as const,
          cells: { category: MEMBER_CATEGORY_LABELS[c.category], members: c.members, present: c.present, proxy: c.proxy, absent: c.absent },
        })),
        {
          kind: 'total' as const,
          cells: {
            category: '合計',
            members: counts.total.members,
            present: counts.total.present,
            proxy: counts.total.proxy,
            absent: counts.total.absent,
          },
        },
      ],
      notes: ['代理は、委員に代わって出席した人数です（出席者数に含めます）。'],
    },
  ];
}

export const meetingReports: Record<string, ReportDefinition> = {
  'meeting.minutes': {
    title: '議事録',
    section: 'meeting',
    description: '会議の開催概要・出席者・議事・決定事項・対応事項（会議・研修の画面で選んだ会議、指定がなければ年度の最新の会議）',
    orientation: 'portrait',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: (db) => years(db, 'meeting'),
    async build(ctx, { fy, date, subject }) {
      const m = await chosenMeeting(ctx, fy!, subject);
      return { title: '議事録', subtitle: m.title, header: attachmentHeader(ctx, date), blocks: minutesBlocks(m) };
    },
  },
  'meeting.attendance': {
    title: '出欠表',
    section: 'meeting',
    description: '会議の委員ごとの出欠と区分別の出席者数（会議・研修の画面で選んだ会議、指定がなければ年度の最新の会議）',
    orientation: 'portrait',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: (db) => years(db, 'meeting'),
    async build(ctx, { fy, date, subject }) {
      const m = await chosenMeeting(ctx, fy!, subject);
      return { title: '出欠表', subtitle: m.title, header: attachmentHeader(ctx, date), blocks: attendanceBlocks(m) };
    },
  },
  'meeting.trainings': {
    title: '研修実施状況',
    section: 'meeting',
    description: '年度の研修ごとの開催日・種類・参加者数・アンケート結果と、職種別の参加者数',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: (db) => years(db, 'training'),
    async build(ctx, { fy, date }) {
      const list = await trainings(ctx.db, fy!);
      if (list.length === 0) {
        throw new RenkeiError(
          'not_found',
          `${formatFiscalYear(fy!)}の研修はまだ記録されていません。「会議・研修」の研修で記録してから出力してください。`,
        );
      }
      const byProfession = participantsByProfession(list);
      const total = participantTotal(byProfession);
      const responses = list.reduce((s, t) => s + (t.evaluation?.responses ?? 0), 0);
      const satisfied = list.reduce((s, t) => s + (t.evaluation ? t.evaluation.satisfied + t.evaluation.fairlySatisfied : 0), 0);
      return {
        title: '研修実施状況',
        subtitle: formatFiscalYear(fy!),
        header: attachmentHeader(ctx, date),
        blocks: [
          {
            type: 'figures',
            items: [
              { label: '研修の回数', value: list.length, format: 'count', unit: '回' },
              { label: '参加者数（延べ）', value: total, format: 'count', unit: '人' },
              { label: 'アンケート回答数', value: responses, format: 'count', unit: '件' },
            ],
          },
          {
            type: 'table',
            caption: '研修ごとの実施状況',
            columns: [
              { key: 'heldOn', header: '開催日', format: 'date', width: 16 },
              { key: 'title', header: '研修名', format: 'text', width: 34 },
              { key: 'kind', header: '種類', format: 'text', width: 16 },
              { key: 'organizer', header: '主催', format: 'text', width: 18 },
              { key: 'target', header: '対象', format: 'text', width: 22 },
              { key: 'total', header: '参加者数', format: 'count', width: 10 },
              { key: 'responses', header: '回答数', format: 'count', width: 9 },
              { key: 'satisfaction', header: '満足度', format: 'percent', width: 9 },
            ],
            rows: [
              ...list.map((t) => ({
                kind: 'data' as const,
                cells: {
                  heldOn: t.heldOn,
                  title: t.title,
                  kind: t.kind,
                  organizer: dash(t.organizer),
                  target: dash(t.target),
                  total: t.total,
                  responses: t.evaluation?.responses ?? null,
                  satisfaction: satisfactionOf(t.evaluation),
                },
              })),
              {
                kind: 'total' as const,
                cells: {
                  heldOn: null,
                  title: `合計（${list.length}回）`,
                  kind: '',
                  organizer: '',
                  target: '',
                  total,
                  responses,
                  satisfaction: responses > 0 ? { numerator: satisfied, denominator: responses } : null,
                },
              },
            ],
            notes: ['満足度は「満足」「やや満足」の回答の合計を回答数で割ったもの（小数第2位を四捨五入）です。'],
          },
          {
            type: 'table',
            caption: '職種別の参加者数（延べ）',
            columns: [
              { key: 'profession', header: '職種', format: 'text', width: 24 },
              { key: 'count', header: '参加者数', format: 'count', width: 12 },
            ],
            rows: [
              ...byProfession.map((p) => ({ kind: 'data' as const, cells: { profession: p.profession, count: p.count } })),
              { kind: 'total' as const, cells: { profession: '合計', count: total } },
            ],
          },
          {
            type: 'chart',
            title: '職種別の参加者数（延べ）',
            kind: 'horizontalBar',
            labels: byProfession.map((p) => p.profession),
            series: [{ label: '参加者数', values: byProfession.map((p) => p.count) }],
            unit: '人',
          },
        ],
      };
    },
  },
};
