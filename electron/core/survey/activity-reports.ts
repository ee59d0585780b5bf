/**
 * 「在宅医療推進センター活動実績（令和5年度）」 on the report engine: the year's
 * 相談件数 by who asked and by theme with 前年度比, the months, each 二次医療圏
 * and each center, from the monthly rounds' valid answers. Ratios stay exact
 * fractions until the page shows them (one decimal, rounded half up).
 */

import { RenkeiError } from '@shared/contract';
import type { ActivitySummary, ActivityUnit } from '@shared/contract/survey-activity';
import { type FiscalYear, fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { ReportBlock, ReportColumn, ReportRow } from '@shared/report/model';
import { ACTIVITY_SAME_MONTHS_NOTE, ACTIVITY_SOURCES, ACTIVITY_THEMES, previousYearLabel, type YearOnYear } from '@shared/survey/activity';
import { attachmentHeader, type ReportDefinition } from '../kernel/report-definition';
import { activitySummary, activityYears } from './activity';

const TITLE = '在宅医療推進センター活動実績';
const RATIO_NOTE = '前年度比は今年度 ÷ 前年度を百分率で小数第1位まで（四捨五入）。前年度の実績がない場合は「—」。';

const count = (key: string, header: string, width = 8, group?: string): ReportColumn => ({
  key,
  header,
  format: 'count',
  width,
  ...(group ? { group } : {}),
});

function ratioCells(yoy: YearOnYear): ReportRow['cells'] {
  return {
    previous: yoy.previous,
    difference: yoy.difference,
    ratio: yoy.ratio ? { numerator: yoy.ratio.numerator, denominator: yoy.ratio.denominator } : null,
  };
}

const yoyColumns: ReportColumn[] = [
  count('current', '今年度', 9, '相談件数'),
  count('previous', '前年度', 9, '相談件数'),
  count('difference', '増減', 8, '相談件数'),
  { key: 'ratio', header: '前年度比', group: '相談件数', format: 'percent', width: 9 },
];

/** One row per unit: 相談件数 by who asked and by theme, meetings, training, 看取り, 前年度比. */
function unitTable(caption: string, first: string, units: ActivityUnit[], whole: ActivityUnit, ratioNotes: string[]): ReportBlock {
  const columns: ReportColumn[] = [
    { key: 'name', header: first, format: 'text', width: 26 },
    ...ACTIVITY_SOURCES.map((s, i) => count(`s${i}`, s.label, 7, '相談者別')),
    ...ACTIVITY_THEMES.map((t, i) => count(`t${i}`, t.label, 7, '相談内容別')),
    count('meetings', '会議', 6, '開催回数'),
    count('trainings', '研修', 6, '開催回数'),
    count('homeDeaths', '在宅看取り数', 8),
    ...yoyColumns,
  ];
  const row = (u: ActivityUnit, kind: ReportRow['kind']): ReportRow => {
    const t = u.current.total;
    return {
      kind,
      cells: {
        name: u.name,
        ...Object.fromEntries(t.bySource.map((v, i) => [`s${i}`, v])),
        ...Object.fromEntries(t.byTheme.map((v, i) => [`t${i}`, v])),
        meetings: t.meetings,
        trainings: t.trainings,
        homeDeaths: t.homeDeathReports > 0 ? t.homeDeaths : null,
        current: t.consultations,
        ...ratioCells(u.consultations),
      },
    };
  };
  return {
    type: 'table',
    caption,
    columns,
    rows: [...units.map((u) => row(u, 'data')), row({ ...whole, name: '合計' }, 'total')],
    notes: [
      '相談件数は相談者別・相談内容別のどちらで数えても同じ合計です（各月の報告で検算済み）。',
      '在宅看取り数は報告のあった月の合計です。報告のないセンターは空欄。',
      ...ratioNotes,
    ],
  };
}

export function activityBlocks(summary: ActivitySummary): ReportBlock[] {
  const fy = fiscalYear(summary.fiscalYear);
  const before = formatFiscalYear(fiscalYear(fy - 1));
  const beforeSame = previousYearLabel(fy, summary.sameMonthsOnly);
  const now = formatFiscalYear(fy);
  const p = summary.prefecture;
  const ratioNotes = summary.sameMonthsOnly ? [RATIO_NOTE, ACTIVITY_SAME_MONTHS_NOTE] : [RATIO_NOTE];
  const blocks: ReportBlock[] = [];
  blocks.push({
    type: 'figures',
    items: [
      { label: '相談件数', value: p.current.total.consultations, format: 'count', unit: '件' },
      { label: beforeSame, value: p.consultations.previous, format: 'count', unit: '件' },
      { label: '前年度比', value: p.consultations.ratio ? { ...p.consultations.ratio } : null, format: 'percent' },
      { label: '会議の開催', value: p.current.total.meetings, format: 'count', unit: '回' },
      { label: '研修の開催', value: p.current.total.trainings, format: 'count', unit: '回' },
      { label: '在宅看取り数（報告分）', value: p.current.total.homeDeaths, format: 'count', unit: '人' },
    ],
  });
  const source = (u: ActivityUnit) => u.current.total.bySource;
  blocks.push({ type: 'heading', text: '相談者別・相談内容別の相談件数（全センター）' });
  const split = (labels: readonly { label: string }[], now: number[], then: number[]): ReportRow[] =>
    labels.map((l, i) => ({
      kind: 'data',
      cells: {
        name: l.label,
        current: now[i]!,
        previous: then[i]!,
        difference: now[i]! - then[i]!,
        ratio: then[i] ? { numerator: now[i]!, denominator: then[i]! } : null,
      },
    }));
  const total: ReportRow = {
    kind: 'total',
    cells: { name: '合計', current: p.current.total.consultations, ...ratioCells(p.consultations) },
  };
  blocks.push({
    type: 'table',
    caption: '相談者別',
    columns: [{ key: 'name', header: '相談者', format: 'text', width: 16 }, ...yoyColumns],
    rows: [...split(ACTIVITY_SOURCES, source(p), p.comparable.bySource), total],
  });
  blocks.push({
    type: 'table',
    caption: '相談内容別',
    columns: [{ key: 'name', header: '相談内容', format: 'text', width: 16 }, ...yoyColumns],
    rows: [...split(ACTIVITY_THEMES, p.current.total.byTheme, p.comparable.byTheme), total],
    notes: ratioNotes,
  });
  blocks.push({
    type: 'chart',
    title: '相談者別の相談件数（前年度との比較）',
    kind: 'horizontalBar',
    labels: ACTIVITY_SOURCES.map((s) => s.label),
    series: [
      { label: now, values: source(p) },
      { label: beforeSame, values: p.comparable.bySource },
    ],
    unit: '件',
  });
  blocks.push({
    type: 'chart',
    title: '相談内容別の相談件数（前年度との比較）',
    kind: 'horizontalBar',
    labels: ACTIVITY_THEMES.map((t) => t.label),
    series: [
      { label: now, values: p.current.total.byTheme },
      { label: beforeSame, values: p.comparable.byTheme },
    ],
    unit: '件',
  });

  blocks.push({ type: 'heading', text: '月別の相談件数（全センター）', pageBreakBefore: true });
  const monthLabels = summary.months.map((m) => m.label.replace(/^令和\d+年/, ''));
  blocks.push({
    type: 'table',
    columns: [
      { key: 'month', header: '月', format: 'text', width: 12 },
      { key: 'reports', header: '報告', format: 'text', width: 9 },
      ...ACTIVITY_SOURCES.map((s, i) => count(`s${i}`, s.label, 7, '相談者別')),
      count('current', '今年度', 8, '相談件数'),
      count('previous', '前年度', 8, '相談件数'),
    ],
    rows: summary.months.map((m, i) => ({
      kind: 'data',
      cells: {
        month: m.label,
        reports: m.roundId === null ? '—' : `${m.valid} / ${m.targets}`,
        ...Object.fromEntries(p.current.months[i]!.bySource.map((v, k) => [`s${k}`, v])),
        current: p.current.months[i]!.consultations,
        previous: p.previous.months[i]!.consultations,
      },
    })),
    notes: ['報告は誤りのない報告の数 / 送付先のセンター数。集計は誤りのない報告だけ。'],
  });
  blocks.push({
    type: 'chart',
    title: '月別の相談件数',
    kind: 'line',
    labels: monthLabels,
    series: [
      { label: now, values: p.current.months.map((m) => m.consultations) },
      { label: before, values: p.previous.months.map((m) => m.consultations) },
    ],
    unit: '件',
  });
  blocks.push({
    type: 'chart',
    title: '月別・相談内容別の相談件数',
    kind: 'stackedBar',
    labels: monthLabels,
    series: ACTIVITY_THEMES.map((t, i) => ({ label: t.label, values: p.current.months.map((m) => m.byTheme[i]!) })),
    unit: '件',
  });

  blocks.push({ type: 'heading', text: '二次医療圏別', pageBreakBefore: true });
  blocks.push(unitTable('二次医療圏別（センターは担当市町村の多い圏域に数えます）', '二次医療圏', summary.areas, p, ratioNotes));
  blocks.push({
    type: 'chart',
    title: '二次医療圏別の相談件数（前年度との比較）',
    kind: 'horizontalBar',
    labels: summary.areas.map((a) => a.name),
    series: [
      { label: now, values: summary.areas.map((a) => a.current.total.consultations) },
      { label: beforeSame, values: summary.areas.map((a) => a.consultations.previous) },
    ],
    unit: '件',
  });
  blocks.push({ type: 'heading', text: 'センター別', pageBreakBefore: true });
  blocks.push(unitTable('センター別', 'センター', summary.centers, p, ratioNotes));
  return blocks;
}

async function summaryWithData(db: Parameters<typeof activitySummary>[0], fy: FiscalYear): Promise<ActivitySummary> {
  const summary = await activitySummary(db, fy);
  if (summary.prefecture.current.total.reports === 0)
    throw new RenkeiError(
      'not_found',
      `${formatFiscalYear(fy)}の「センター活動実績（月次）」には、集計できる報告（誤りのない回答）がまだありません。調査の画面の「センター活動実績」で年度を開始し、報告を取り込んでください。`,
    );
  return summary;
}

export const activityReports: Record<string, ReportDefinition> = {
  'survey.activity': {
    title: TITLE,
    section: 'survey',
    description:
      '年度のセンター活動実績（月次報告）の集計：相談者別・相談内容別の相談件数と前年度比、月別の推移、二次医療圏別・センター別の相談件数・会議・研修・在宅看取り数',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: (db) => activityYears(db),
    async build(ctx, { fy, date }) {
      const summary = await summaryWithData(ctx.db, fy!);
      const reported = summary.months.filter((m) => m.roundId !== null);
      return {
        title: `${TITLE}（${formatFiscalYear(fy!)}）`,
        subtitle: `月次報告 ${reported.length}か月分（${reported[0]?.label ?? ''}〜${reported.at(-1)?.label ?? ''}）・${summary.centers.length}センター`,
        header: attachmentHeader(ctx, date),
        blocks: activityBlocks(summary),
      };
    },
  },
};
