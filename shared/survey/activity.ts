/**
 * Center activity (活動実績) on the survey engine: the monthly report each
 * 在宅医療推進センター sends (consultations by who asked and by theme, whose
 * totals must agree; meetings and training held; 在宅看取り数 where known), the
 * yearly 活動計画書 and 活動報告書, and the year's summary built from the
 * monthly answers — per center, per 圏域 and for the prefecture, by month and
 * against the previous 年度. Seeds 000–002: 活動計画書と活動状況の報告, 相談件数,
 * 在宅での看取り数. Counts stay integers; the 前年度比 is an exact fraction.
 */
import { type IsoDate, isoDate } from '../dates';
import { type FiscalYear, fiscalYear, formatFiscalYear } from '../fiscal-year';
import { type Fraction, fraction } from '../fraction';
import { formatWareki } from '../wareki';
import type { Answers } from './answers';
import type { SurveyDefinitionInput } from './definition';

export const ACTIVITY_MONTHLY_KEY = 'center_activity_monthly';
export const ACTIVITY_PLAN_KEY = 'center_activity_plan';
export const ACTIVITY_REPORT_KEY = 'center_activity_report';

/** 相談者別: who asked. */
export const ACTIVITY_SOURCES = [
  { code: 'from_family', label: '本人・家族' },
  { code: 'from_hospital', label: '病院' },
  { code: 'from_clinic', label: '診療所' },
  { code: 'from_care_manager', label: 'ケアマネ' },
  { code: 'from_visiting_nurse', label: '訪問看護' },
  { code: 'from_municipality', label: '市町村' },
  { code: 'from_other', label: 'その他' },
] as const;

/** 相談内容別: what it was about. */
export const ACTIVITY_THEMES = [
  { code: 'theme_discharge', label: '退院支援' },
  { code: 'theme_introduction', label: '在宅医療の導入' },
  { code: 'theme_end_of_life', label: '看取り' },
  { code: 'theme_emergency', label: '急変時' },
  { code: 'theme_other', label: 'その他' },
] as const;

const count = (code: string, label: string, unit: string, required = true, help = '') =>
  ({ code, label, type: 'integer', required, min: 0, max: 100_000, unit, help }) as const;

export const ACTIVITY_MONTHLY: SurveyDefinitionInput = {
  name: 'センター活動実績（月次）',
  targetKind: 'center',
  description:
    '在宅医療推進センターの月ごとの活動実績を伺います。相談件数は相談者別と相談内容別の両方に記入し、合計を一致させてください（1件の相談は主な相談者・主な内容の1つに数えます）。',
  questions: [
    ...ACTIVITY_SOURCES.map((s) => count(s.code, `相談件数（相談者別）: ${s.label}`, '件')),
    ...ACTIVITY_THEMES.map((t) => count(t.code, `相談件数（相談内容別）: ${t.label}`, '件')),
    count('meetings_held', '会議の開催回数', '回'),
    count('trainings_held', '研修の開催回数', '回'),
    count('home_deaths', '在宅看取り数（把握している場合）', '人', false, '把握していない場合は空欄にしてください'),
    { code: 'note', label: '特記事項', type: 'text', maxLength: 400 },
  ],
  indicators: [{ kind: 'sum', code: 'consultations', label: '相談件数', unit: '件', questions: ACTIVITY_SOURCES.map((s) => s.code) }],
  checks: [
    {
      kind: 'equalTotals',
      label: '相談件数の検算',
      leftLabel: '相談者別',
      left: ACTIVITY_SOURCES.map((s) => s.code),
      rightLabel: '相談内容別',
      right: ACTIVITY_THEMES.map((t) => t.code),
    },
  ],
  // A month's counts start blank: last month's figures are never this month's.
  carryOver: false,
};

const section = (code: string, label: string, help = '') => ({ code, label, type: 'text', maxLength: 2000, help }) as const;

export const ACTIVITY_PLAN: SurveyDefinitionInput = {
  name: 'センター活動計画書',
  targetKind: 'center',
  description: '年度の初めに、在宅医療推進センターの年間の活動計画を伺います。',
  questions: [
    section('goals', '重点目標'),
    section('consultation', '相談支援の計画'),
    section('meetings', '多職種連携・会議の計画'),
    section('training', '研修の計画'),
    section('outreach', '普及啓発の計画'),
    count('target_consultations', '相談件数の目標（年間）', '件', false),
    count('planned_meetings', '会議の開催予定回数（年間）', '回', false),
    count('planned_trainings', '研修の開催予定回数（年間）', '回', false),
  ],
};

export const ACTIVITY_REPORT: SurveyDefinitionInput = {
  name: 'センター活動報告書',
  targetKind: 'center',
  description: '年度の終わりに、在宅医療推進センターの1年間の活動を伺います。件数は月次の活動実績から集計されます。',
  questions: [
    section('results', '活動の成果'),
    section('issues', '見えてきた課題'),
    section('next_year', '次年度に向けて'),
    count('participants', '研修の参加者数（延べ）', '人', false),
  ],
};

export const ACTIVITY_DEFINITIONS: readonly { key: string; definition: SurveyDefinitionInput }[] = [
  { key: ACTIVITY_MONTHLY_KEY, definition: ACTIVITY_MONTHLY },
  { key: ACTIVITY_PLAN_KEY, definition: ACTIVITY_PLAN },
  { key: ACTIVITY_REPORT_KEY, definition: ACTIVITY_REPORT },
];

/** The 基準日 of a 年度's monthly rounds, April first: the first day of each month. */
export function activityMonths(fy: FiscalYear): IsoDate[] {
  return Array.from({ length: 12 }, (_, i) => isoDate(fy + Math.floor((i + 3) / 12), ((i + 3) % 12) + 1, 1));
}

/** 令和5年4月 for a month's 基準日. */
export function formatActivityMonth(month: IsoDate): string {
  return formatWareki(month).replace(/1日$/, '');
}

/** The monthly round's title: 「令和5年4月分 センター活動実績」. */
export function activityRoundTitle(month: IsoDate): string {
  return `${formatActivityMonth(month)}分 センター活動実績`;
}

/** What a center, a 圏域 or the prefecture did in a 年度 (or a month), as integers. */
export interface ActivityFigures {
  /** In ACTIVITY_SOURCES' order. */
  bySource: number[];
  /** In ACTIVITY_THEMES' order. */
  byTheme: number[];
  consultations: number;
  meetings: number;
  trainings: number;
  /** The sum of the reported 在宅看取り数. */
  homeDeaths: number;
  /** How many monthly reports gave a 在宅看取り数 (so a reader knows how partial it is). */
  homeDeathReports: number;
  /** Monthly reports counted (valid answers). */
  reports: number;
}

/** One month's valid answer of a center. */
export interface ActivityEntry {
  targetId: string;
  /** 0 = April … 11 = March. */
  month: number;
  answers: Answers;
}

export function emptyFigures(): ActivityFigures {
  return {
    bySource: ACTIVITY_SOURCES.map(() => 0),
    byTheme: ACTIVITY_THEMES.map(() => 0),
    consultations: 0,
    meetings: 0,
    trainings: 0,
    homeDeaths: 0,
    homeDeathReports: 0,
    reports: 0,
  };
}

const num = (answers: Answers, code: string): number => (typeof answers[code] === 'number' ? (answers[code] as number) : 0);

function add(into: ActivityFigures, answers: Answers): void {
  ACTIVITY_SOURCES.forEach((s, i) => (into.bySource[i]! += num(answers, s.code)));
  ACTIVITY_THEMES.forEach((t, i) => (into.byTheme[i]! += num(answers, t.code)));
  into.consultations += ACTIVITY_SOURCES.reduce((sum, s) => sum + num(answers, s.code), 0);
  into.meetings += num(answers, 'meetings_held');
  into.trainings += num(answers, 'trainings_held');
  if (typeof answers.home_deaths === 'number') {
    into.homeDeaths += answers.home_deaths;
    into.homeDeathReports += 1;
  }
  into.reports += 1;
}

/** A unit's year: its totals and each month's. */
export interface ActivityYear {
  total: ActivityFigures;
  /** 12 entries, April first. */
  months: ActivityFigures[];
}

/** 前年度比 of a count: the difference, and the ratio as an exact fraction (null when last year had none). */
export interface YearOnYear {
  current: number;
  previous: number;
  difference: number;
  ratio: Fraction | null;
}

export function yearOnYear(current: number, previous: number): YearOnYear {
  return { current, previous, difference: current - previous, ratio: previous === 0 ? null : fraction(current, previous) };
}

/**
 * Sums entries into one ActivityYear per key (a center's id, a 圏域's key, or
 * '' for the whole prefecture when `keyOf` returns it).
 * @example summarizeActivity(entries, () => '').get('')!.total.consultations // the prefecture's 相談件数
 */
export function summarizeActivity(entries: readonly ActivityEntry[], keyOf: (targetId: string) => string): Map<string, ActivityYear> {
  const years = new Map<string, ActivityYear>();
  for (const e of entries) {
    const key = keyOf(e.targetId);
    let year = years.get(key);
    if (!year) {
      year = { total: emptyFigures(), months: Array.from({ length: 12 }, emptyFigures) };
      years.set(key, year);
    }
    add(year.total, e.answers);
    add(year.months[e.month]!, e.answers);
  }
  return years;
}

/** Said wherever 前年度 counts only the months reported this 年度 (see sameMonths). */
export const ACTIVITY_SAME_MONTHS_NOTE =
  '前年度は、センターごとに今年度の報告がある月だけを数えて比べています（報告のない月は両年度とも除きます）。';

/**
 * The previous 年度 as a comparison heads it: 「令和4年度（同じ月分）」 when it
 * counts only this 年度's reported months (see sameMonths).
 * @example previousYearLabel(fiscalYear(2023), true) // '令和4年度（同じ月分）'
 */
export function previousYearLabel(fy: FiscalYear, sameMonthsOnly: boolean): string {
  const before = formatFiscalYear(fiscalYear(fy - 1));
  return sameMonthsOnly ? `${before}（同じ月分）` : before;
}

/**
 * The previous 年度's entries a 前年度比 may count: a center's month only when
 * that center reported the same month this 年度, so a month not (yet)
 * reported is left out of both years and the two sums are like for like.
 * @example sameMonths(lastYear, thisYear) // 見附's 11 months of last year, not 12, while its 3月分 is missing
 */
export function sameMonths(previous: readonly ActivityEntry[], current: readonly ActivityEntry[]): ActivityEntry[] {
  const reported = new Set(current.map((e) => `${e.targetId}:${e.month}`));
  return previous.filter((e) => reported.has(`${e.targetId}:${e.month}`));
}

export function emptyYear(): ActivityYear {
  return { total: emptyFigures(), months: Array.from({ length: 12 }, emptyFigures) };
}
