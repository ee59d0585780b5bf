/**
 * 会議・研修: the bodies that meet (協議の場, 運営会議 … an editable list),
 * each meeting with its members' attendance, agenda and minutes, decisions
 * and action items (open ones carry over to the body's next meeting as the
 * same record), and the trainings held with their participants per
 * profession and questionnaire figures.
 */
import { z } from 'zod';
import type { IsoDate } from '../dates';
import {
  ACTION_STATUSES,
  type ActionStatus,
  ATTENDANCES,
  type Attendance,
  MEMBER_CATEGORIES,
  type MemberCategory,
} from '../meeting/records';
import { dateInYear, fiscalYearSchema, isoDateSchema, versionSchema } from './common';
import { lazySchema, mutation, query } from './define';

const id = lazySchema(() => z.number().int().positive());
const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}は${max}文字以内で入力してください` })
    .default('');
const required = (label: string, max: number) =>
  z
    .string({ message: `${label}を入力してください` })
    .trim()
    .min(1, { message: `${label}を入力してください` })
    .max(max, { message: `${label}は${max}文字以内で入力してください` });
const time = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^(|([01]\d|2[0-3]):[0-5]\d)$/, { message: `${label}は 14:00 のように24時間制で入力してください` })
    .default('');
const count = (label: string) =>
  z
    .number({ message: `${label}は整数（例: 12）で入力してください` })
    .int({ message: `${label}は整数で入力してください` })
    .min(0, { message: `${label}は0以上で入力してください` })
    .max(100_000, { message: `${label}が大きすぎます` });

export const bodySaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      name: required('会議体の名前', 60),
      sortOrder: z.number().int().min(0).max(10_000).optional(),
      version: versionSchema,
    })
    .strict(),
);

export const attendeeSchema = lazySchema(() =>
  z
    .object({
      name: required('氏名', 60),
      organization: text('所属', 100),
      category: z.enum(MEMBER_CATEGORIES, { message: '区分を一覧から選んでください' }),
      /** 委員長, 委員, 事務局, オブザーバー … as written. */
      role: text('役職', 40),
      attendance: z.enum(ATTENDANCES, { message: '出欠を 出席・欠席・代理 から選んでください' }),
      /** Who came in the member's place, for a 代理. */
      proxyName: text('代理出席者', 60),
    })
    .strict(),
);

export const actionItemSchema = lazySchema(() =>
  z
    .object({
      /** Present for an item already saved, so it stays the same record. */
      id: id.optional(),
      content: required('対応事項', 400),
      owner: text('担当', 100),
      dueOn: isoDateSchema.nullable().default(null),
      status: z.enum(ACTION_STATUSES, { message: '状況を 未着手・対応中・完了 から選んでください' }).default('open'),
    })
    .strict(),
);

export const meetingSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      bodyId: z.number({ message: '会議体を選んでください' }).int().positive({ message: '会議体を選んでください' }),
      /** 回: 第3回 → 3, counted per body and 年度. */
      number: z
        .number({ message: '回は数字で入力してください（第3回なら 3）' })
        .int({ message: '回は整数で入力してください' })
        .min(1, { message: '回は1以上で入力してください' })
        .max(999, { message: '回は999以下で入力してください' }),
      /** The 年度 it is recorded in; the date must lie in it. */
      fiscalYear: fiscalYearSchema,
      heldOn: isoDateSchema,
      startTime: time('開始時刻'),
      endTime: time('終了時刻'),
      place: text('会場', 200),
      online: z.boolean().default(false),
      /** The 圏域 and municipalities the meeting concerns (none: the whole prefecture). */
      areaIds: z.array(id).max(200).default([]),
      municipalityCodes: z.array(z.string()).max(400).default([]),
      attendees: z.array(attendeeSchema).max(300).default([]),
      agenda: z
        .array(z.object({ title: required('議題', 200), minutes: text('議事の記録', 20_000) }).strict())
        .max(100)
        .default([]),
      decisions: z
        .array(z.object({ text: required('決定事項', 1000) }).strict())
        .max(100)
        .default([]),
      /** The meeting's own action items. */
      actionItems: z.array(actionItemSchema).max(200).default([]),
      /** New statuses for items carried over from the body's earlier meetings; an item set to 完了 is closed at this meeting. */
      carried: z
        .array(z.object({ id, status: z.enum(ACTION_STATUSES, { message: '状況を 未着手・対応中・完了 から選んでください' }) }).strict())
        .max(200)
        .default([]),
      /** The version the screen read (MeetingSummary.version); a save over a newer one is refused. */
      version: versionSchema,
    })
    .strict()
    .refine((m) => !m.startTime || !m.endTime || m.startTime < m.endTime, {
      message: '終了時刻は開始時刻より後にしてください',
      path: ['endTime'],
    })
    .superRefine(dateInYear('meeting', 'heldOn', '開催日')),
);

export const evaluationSchema = lazySchema(() =>
  z
    .object({
      /** 回答数. */
      responses: count('回答数'),
      satisfied: count('満足'),
      fairlySatisfied: count('やや満足'),
      fairlyDissatisfied: count('やや不満'),
      dissatisfied: count('不満'),
    })
    .strict()
    .refine((e) => e.satisfied + e.fairlySatisfied + e.fairlyDissatisfied + e.dissatisfied <= e.responses, {
      message: '満足・やや満足・やや不満・不満の合計が回答数を超えています。回答数か各欄を直してください',
      path: ['responses'],
    })
    // 回答数 alone gives no 満足度: read as 0 satisfied it showed 0.0% and pulled the year's 満足度 down.
    .refine((e) => e.responses === 0 || e.satisfied + e.fairlySatisfied + e.fairlyDissatisfied + e.dissatisfied > 0, {
      message: '回答数だけでは満足度を出せません。満足・やや満足・やや不満・不満の人数も入力してください',
      path: ['satisfied'],
    }),
);

/**
 * A profession's participants. The count is checked once the profession is known, so a
 * refusal names it (「医師の参加者数は整数（例: 12）で入力してください」) at `participants[i].count`.
 */
const participantSchema = lazySchema(() =>
  z
    .object({ profession: required('職種', 40), count: z.custom<number>() })
    .strict()
    .superRefine((p, ctx) => {
      for (const issue of count(`${p.profession}の参加者数`).safeParse(p.count).error?.issues ?? [])
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['count'] });
    }),
);

export const trainingSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      title: required('研修名', 200),
      kind: required('研修の種類', 60),
      /** The 年度 it is recorded in; the date must lie in it. */
      fiscalYear: fiscalYearSchema,
      heldOn: isoDateSchema,
      organizer: text('主催', 100),
      target: text('対象', 200),
      place: text('会場', 200),
      participants: z
        .array(participantSchema)
        .max(50)
        .default([])
        .refine((ps) => new Set(ps.map((p) => p.profession)).size === ps.length, {
          message: '同じ職種が2行あります。1行にまとめてください',
        }),
      /** The participant list, one person a line, where one is kept. */
      roster: text('参加者名簿', 20_000),
      evaluation: evaluationSchema.nullable().default(null),
      note: text('備考', 2000),
      version: versionSchema,
    })
    .strict()
    .superRefine(dateInYear('training', 'heldOn', '開催日')),
);

export interface MeetingBody {
  id: number;
  name: string;
  sortOrder: number;
  /** Meetings recorded for it (a body with meetings cannot be deleted). */
  meetings: number;
  /** Bumped by every save; sent back with meeting.bodies.save. */
  version: number;
}

export type Attendee = z.output<typeof attendeeSchema>;

export interface ActionItem {
  id: number;
  /** The meeting where it was raised. */
  meetingId: number;
  /** That meeting's 年度: where its page is (#/meeting/2023/m/5). */
  meetingFiscalYear: number;
  meetingTitle: string;
  content: string;
  owner: string;
  dueOn: IsoDate | null;
  status: ActionStatus;
  /** The meeting at which it was set to 完了, if it was closed at one. */
  closedAtMeetingId: number | null;
  closedAtTitle: string | null;
}

export interface MeetingSummary {
  id: number;
  bodyId: number;
  bodyName: string;
  fiscalYear: number;
  number: number;
  /** 「第3回 運営会議」 */
  title: string;
  heldOn: IsoDate;
  startTime: string;
  endTime: string;
  place: string;
  online: boolean;
  members: number;
  attending: number;
  agendaCount: number;
  decisionCount: number;
  /** Its own action items not yet 完了. */
  openActions: number;
  /**
   * Bumped by every save of the meeting, and when a later meeting closes or reopens one of its action items;
   * sent back with meeting.save.
   */
  version: number;
}

export interface MeetingDetail extends MeetingSummary {
  areas: { id: number; name: string }[];
  municipalities: { code: string; name: string }[];
  attendees: (Attendee & { attendance: Attendance; category: MemberCategory })[];
  agenda: { title: string; minutes: string }[];
  decisions: { text: string }[];
  actionItems: ActionItem[];
  /** Items of the body's earlier meetings still open, or closed at this one: the same records, shown here. */
  carried: ActionItem[];
}

export interface Training extends Omit<z.output<typeof trainingSaveSchema>, 'id' | 'heldOn' | 'fiscalYear' | 'version'> {
  id: number;
  /** Bumped by every save; sent back with meeting.trainings.save. */
  version: number;
  heldOn: IsoDate;
  fiscalYear: number;
  /** Participants in all (the sum of the counts per profession). */
  total: number;
}

export interface OrganizationChoice {
  name: string;
  category: MemberCategory;
}

export const meetingOperations = {
  'meeting.bodies.list': query<MeetingBody[]>('会議体の一覧')(() => z.object({}).strict()),
  'meeting.bodies.save': mutation<MeetingBody>('会議体の保存')(() => bodySaveSchema),
  'meeting.bodies.delete': mutation<null>('会議体の削除')(() => z.object({ id }).strict()),
  /** 年度 with any meeting or training, newest first. */
  'meeting.years': query<number[]>('会議・研修の年度一覧')(() => z.object({}).strict()),
  'meeting.list': query<MeetingSummary[]>('会議の一覧')(() =>
    z.object({ fiscalYear: z.number().int().optional(), bodyId: id.optional() }).strict(),
  ),
  'meeting.get': query<MeetingDetail>('会議の表示')(() => z.object({ id }).strict()),
  /** The 回 to suggest: one past the body's highest in the date's 年度. */
  'meeting.nextNumber': query<number>('会議の回の候補')(() => z.object({ bodyId: id, heldOn: isoDateSchema }).strict()),
  'meeting.save': mutation<MeetingDetail>('会議の保存')(() => meetingSaveSchema),
  'meeting.delete': mutation<null>('会議の削除')(() => z.object({ id, version: versionSchema }).strict()),
  /** Action items not yet 完了, of every body or one, oldest due first. */
  /** Every body's (or one body's) items not yet 完了, of any year; a meeting of a year other than `fiscalYear` (the page's) is named with its 年度. */
  'meeting.actions.open': query<ActionItem[]>('未完了の対応事項')(() =>
    z.object({ bodyId: id.optional(), fiscalYear: fiscalYearSchema.optional() }).strict(),
  ),
  /** 台帳's organisations to pick a member's 所属 from: 医師会, centers, municipalities, hospitals, 訪問看護. */
  'meeting.organizations': query<OrganizationChoice[]>('所属の候補')(() => z.object({}).strict()),
  'meeting.trainings.list': query<Training[]>('研修の一覧')(() => z.object({ fiscalYear: z.number().int().optional() }).strict()),
  'meeting.trainings.save': mutation<Training>('研修の保存')(() => trainingSaveSchema),
  'meeting.trainings.delete': mutation<null>('研修の削除')(() => z.object({ id, version: versionSchema }).strict()),
};
