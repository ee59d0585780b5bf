/**
 * 会議・研修 as the officer counts them: attendance per category of member,
 * a training's participants per profession with their total, and the
 * questionnaire's 満足度. Shared so the screens and the reports count alike.
 */
import type { Ratio } from '../report/model';

/** A training's questionnaire, each count with the word the form and the audit log show it by. */
export const EVALUATION_FIELDS = [
  ['responses', '回答数'],
  ['satisfied', '満足'],
  ['fairlySatisfied', 'やや満足'],
  ['fairlyDissatisfied', 'やや不満'],
  ['dissatisfied', '不満'],
] as const;

export const MEMBER_CATEGORIES = [
  'medical_association',
  'municipality',
  'center',
  'hospital',
  'visiting_nurse',
  'care_manager',
  'administration',
  'other',
] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  medical_association: '医師会',
  municipality: '市町村',
  center: 'センター',
  hospital: '病院',
  visiting_nurse: '訪問看護',
  care_manager: 'ケアマネ',
  administration: '行政',
  other: 'その他',
};

export const ATTENDANCES = ['present', 'absent', 'proxy'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const ATTENDANCE_LABELS: Record<Attendance, string> = { present: '出席', absent: '欠席', proxy: '代理' };

export const ACTION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: '未着手', in_progress: '対応中', done: '完了' };

/** The bodies a new database starts with; the officer edits the list. */
export const DEFAULT_BODIES = ['協議の場', '運営会議', '部会', 'WG', '拠点と市町村の定例会議'] as const;

/** The kinds of 研修 offered first; any other kind typed is kept as written. */
export const DEFAULT_TRAINING_KINDS = ['コーディネーター研修', '多職種研修', '同行研修', '市町村合同研修', '座学研修'] as const;

/** The professions offered first for a training's participants. */
export const DEFAULT_PROFESSIONS = [
  '医師',
  '歯科医師',
  '薬剤師',
  '看護師',
  '保健師',
  '介護支援専門員',
  '社会福祉士・MSW',
  'リハビリ職',
  '介護職',
  '行政職員',
  'その他',
] as const;

export interface AttendanceCount {
  category: MemberCategory;
  /** Members listed. */
  members: number;
  present: number;
  proxy: number;
  absent: number;
}

/**
 * Roles of people at the table who are not members: the secretariat and observers. Roles are free text, so only
 * these words as written (full/half width and surrounding spaces aside) are set apart.
 */
export const NON_MEMBER_ROLES = ['事務局', 'オブザーバー'] as const;

/**
 * True for a 事務局 or オブザーバー row: listed with the meeting, never counted among its 委員 (a quorum counts members).
 * @example isNonMember({ role: ' 事務局 ' }) // true
 * @example isNonMember({ role: '事務局長' }) // false
 */
export function isNonMember(attendee: { role?: string }): boolean {
  return (NON_MEMBER_ROLES as readonly string[]).includes((attendee.role ?? '').normalize('NFKC').trim());
}

/**
 * Members and who came, per category (in the order of MEMBER_CATEGORIES,
 * only those with members) and in all; a 代理 counts as attending. The
 * 事務局 and オブザーバー are left out of both and counted apart in `others`.
 * @example attendanceCounts([{ category: 'center', attendance: 'proxy' }]).total.attending // 1
 * @example attendanceCounts([{ category: 'administration', attendance: 'present', role: '事務局' }]).others // { listed: 1, attending: 1 }
 */
export function attendanceCounts(attendees: readonly { category: MemberCategory; attendance: Attendance; role?: string }[]): {
  byCategory: AttendanceCount[];
  total: Omit<AttendanceCount, 'category'> & { attending: number };
  others: { listed: number; attending: number };
} {
  const members = attendees.filter((a) => !isNonMember(a));
  const others = attendees.filter(isNonMember);
  const byCategory = MEMBER_CATEGORIES.map((category) => {
    const of = members.filter((a) => a.category === category);
    const n = (attendance: Attendance) => of.filter((a) => a.attendance === attendance).length;
    return { category, members: of.length, present: n('present'), proxy: n('proxy'), absent: n('absent') };
  }).filter((c) => c.members > 0);
  const sum = (key: 'members' | 'present' | 'proxy' | 'absent') => byCategory.reduce((s, c) => s + c[key], 0);
  const total = { members: sum('members'), present: sum('present'), proxy: sum('proxy'), absent: sum('absent') };
  return {
    byCategory,
    total: { ...total, attending: total.present + total.proxy },
    others: { listed: others.length, attending: others.filter((a) => a.attendance !== 'absent').length },
  };
}

/**
 * A training's 満足度: its 満足 and やや満足 answers over all its answers, kept as the two integers (formatRate shows
 * it to one decimal, rounded half up); null without answers.
 * @example satisfactionOf({ responses: 27, satisfied: 15, fairlySatisfied: 10 }) // { numerator: 25, denominator: 27 } → 92.6%
 */
export function satisfactionOf(evaluation: { responses: number; satisfied: number; fairlySatisfied: number } | null): Ratio | null {
  if (!evaluation || evaluation.responses === 0) return null;
  return { numerator: evaluation.satisfied + evaluation.fairlySatisfied, denominator: evaluation.responses };
}

/** A training's participants in all: the sum of its counts per profession. */
export function participantTotal(participants: readonly { count: number }[]): number {
  return participants.reduce((s, p) => s + p.count, 0);
}

/**
 * Participants per profession over many trainings (a year's list), professions
 * in the order of DEFAULT_PROFESSIONS, then any other in the order first met.
 */
export function participantsByProfession(
  trainings: readonly { participants: readonly { profession: string; count: number }[] }[],
): { profession: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const p of DEFAULT_PROFESSIONS) totals.set(p, 0);
  for (const t of trainings) for (const p of t.participants) totals.set(p.profession, (totals.get(p.profession) ?? 0) + p.count);
  return [...totals.entries()].filter(([, count]) => count > 0).map(([profession, count]) => ({ profession, count }));
}
