/**
 * 調査's formal outputs on the report engine: 「人員配置状況調査 集計結果」
 * (the centers' staff by 職種 with n, 勤務形態・役割・採用区分, the directors'
 * posts, each center and each 二次医療圏) and 「在宅医療提供体制に関する実態調査
 * 結果」 (the 集計指標 with 前回比, now against in 5 years, the doctors' age
 * bands per 二次医療圏 and round, the out-of-hours first call and what would
 * help). Each takes a 年度 and reports that year's round of the shipped
 * definition; shares state n and their rounding rule under every table.
 * 「在宅医療推進センター活動実績」 is in activity-reports.ts.
 */
import { RenkeiError } from '@shared/contract';
import type { SurveyAggregateResult, SurveyComparisonResult } from '@shared/contract/survey';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatNumber } from '@shared/format';
import { AREA_KIND_LABELS } from '@shared/masters/model';
import type { ChartBlock, ReportBlock, ReportColumn, ReportRow, TableBlock } from '@shared/report/model';
import {
  type ChoiceAggregate,
  type GroupAggregate,
  MULTI_SHARE_RULE,
  type MultiAggregate,
  type NumberAggregate,
  RATIO_RULE,
  SHARE_RULE,
  type TableAggregate,
} from '@shared/survey/aggregate';
import type { Choice, Question, SurveyDefinition } from '@shared/survey/definition';
import { AGE_BANDS, CENTER_STAFFING_KEY, CLINIC_HOME_CARE_KEY } from '@shared/survey/seeds';
import { formatWareki } from '@shared/wareki';
import type { Db } from '../kernel/db/schema';
import { attachmentHeader, type ReportDefinition } from '../kernel/report-definition';
import { activityReports } from './activity-reports';
import { roundDetail, surveyAggregate, surveyComparison, validResponses } from './read';

/** The area kind the reports group by: the 圏域 of seed 000's figures. */
const AREA_KIND = 'secondary' as const;
const AREA_LABEL = AREA_KIND_LABELS[AREA_KIND];
/** Said once where a report would group by 二次医療圏 and the 台帳 has none: a 「（圏域未設定）」 row would only repeat 全県. */
const NO_AREAS = `${AREA_LABEL}が台帳に未登録のため`;

/**
 * The rounds of a shipped definition that have at least one answer to count (no errors): a round just created, with
 * nothing back yet, has no report to make — offered, its year was ticked in the pack by default and stopped it.
 */
function roundsWithAnswers(db: Db, key: string) {
  return db
    .selectFrom('surveyRound as r')
    .innerJoin('surveyDefinition as d', 'd.id', 'r.definitionId')
    .where('d.key', '=', key)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('surveyAnswer as a').select('a.targetId').whereRef('a.roundId', '=', 'r.id').where('a.errorCount', '=', 0)),
    );
}

async function yearsWithRounds(db: Db, key: string): Promise<number[]> {
  const rows = await roundsWithAnswers(db, key).select('r.fiscalYear').distinct().orderBy('r.fiscalYear', 'desc').execute();
  return rows.map((r) => r.fiscalYear);
}

/**
 * The year's round of a shipped definition that has answers to count (the latest by 基準日 if there are two: a second
 * round still waiting for its answers leaves the year's report on the first); refused when the year has none.
 */
async function roundOfYear(db: Db, key: string, fy: FiscalYear, name: string): Promise<number> {
  const row = await roundsWithAnswers(db, key)
    .select('r.id')
    .where('r.fiscalYear', '=', fy)
    .orderBy('r.referenceDate', 'desc')
    .orderBy('r.id', 'desc')
    .executeTakeFirst();
  if (row) return row.id;
  const anyRound = await db
    .selectFrom('surveyRound as r')
    .innerJoin('surveyDefinition as d', 'd.id', 'r.definitionId')
    .select('r.id')
    .where('d.key', '=', key)
    .where('r.fiscalYear', '=', fy)
    .executeTakeFirst();
  throw new RenkeiError(
    'not_found',
    anyRound
      ? `${formatFiscalYear(fy)}の「${name}」には、集計できる回答（誤りのない回答）がまだありません。回収した調査票を取り込んでから出力してください。`
      : `${formatFiscalYear(fy)}の「${name}」の回がありません。調査の画面で回を作成するか、年度を確かめてください。`,
  );
}

function refuseEmpty(result: SurveyAggregateResult): void {
  if (result.aggregate.whole.respondents === 0) {
    throw new RenkeiError(
      'not_found',
      `${formatFiscalYear(fiscalYear(result.round.fiscalYear))}の「${result.round.definitionName}」には、集計できる回答（誤りのない回答）がまだありません。`,
    );
  }
}

const yearOf = (fy: number) => formatFiscalYear(fiscalYear(fy));

/** 「令和5年度（基準日 令和5年4月1日）」 */
function roundLabel(round: { fiscalYear: number; referenceDate: string }): string {
  return `${yearOf(round.fiscalYear)}（基準日 ${formatWareki(round.referenceDate as IsoDate)}）`;
}

function questionOf(def: SurveyDefinition, code: string): Question {
  const q = def.questions.find((x) => x.code === code);
  if (!q) throw new RenkeiError('not_found', `調査の設問「${code}」がありません。調査の定義を確かめてください。`);
  return q;
}

function choicesOf(q: Question): Choice[] {
  return 'choices' in q ? q.choices : [];
}

/** 「n = 41」 */
const nText = (n: number) => `n = ${formatNumber(n)}`;

const COUNT = (key: string, header: string, group?: string): ReportColumn => ({
  key,
  header,
  format: 'count',
  width: 9,
  ...(group ? { group } : {}),
});
const SHARE = (key: string, group?: string): ReportColumn => ({
  key,
  header: '割合（％）',
  format: 'count',
  width: 9,
  ...(group ? { group } : {}),
});
const RATE = (key: string, header: string, group?: string): ReportColumn => ({
  key,
  header,
  format: 'percent',
  width: 9,
  ...(group ? { group } : {}),
});
const RATIO = (key: string): ReportColumn => ({ key, header: '前回比', format: 'text', width: 8, align: 'right' });

/** One choice question's counts and whole percents (largest remainder), with 前回 and 前回比 when there is a previous round. */
function choiceTable(
  caption: string,
  head: string,
  choices: readonly Choice[],
  now: ChoiceAggregate,
  before: { counts: Map<string, { previous: number; text: string }>; n: number } | null,
): TableBlock {
  const columns: ReportColumn[] = [{ key: 'label', header: head, format: 'text', width: 30 }, COUNT('count', '件数'), SHARE('share')];
  if (before) columns.push(COUNT('previous', '前回'), RATIO('ratio'));
  const rows: ReportRow[] = choices.map((c, i) => ({
    kind: 'data',
    cells: {
      label: c.label,
      count: now.counts[i]!,
      share: now.percents[i]!,
      ...(before ? { previous: before.counts.get(c.code)?.previous ?? 0, ratio: before.counts.get(c.code)?.text ?? '—' } : {}),
    },
  }));
  rows.push({
    kind: 'total',
    cells: { label: `計（${nText(now.n)}）`, count: now.n, share: now.n > 0 ? 100 : 0, ...(before ? { previous: before.n } : {}) },
  });
  return { type: 'table', caption, columns, rows, notes: [SHARE_RULE] };
}

/** A multiple choice of the previous round, matched by choice code: its respondents, counts and shares in tenths of a percent. */
interface PreviousMulti {
  n: number;
  counts: Map<string, number>;
  tenths: Map<string, number>;
}

function previousMulti(previous: SurveyAggregateResult | null, code: string): PreviousMulti | null {
  const q = previous?.definition.questions.find((x) => x.code === code);
  const a = previous?.aggregate.whole.questions[code];
  if (!q || !a || a.type !== 'multi') return null;
  const choices = choicesOf(q);
  return {
    n: a.n,
    counts: new Map(choices.map((c, i) => [c.code, a.counts[i]!])),
    tenths: new Map(choices.map((c, i) => [c.code, a.percentTenths[i]!])),
  };
}

/** One multiple choice's counts and shares of its respondents (to one decimal), with the previous round's beside them. */
function multiTable(
  caption: string,
  head: string,
  choices: readonly Choice[],
  now: MultiAggregate,
  before: PreviousMulti | null,
): TableBlock {
  const group = `今回（${nText(now.n)}）`;
  const previousGroup = before ? `前回（${nText(before.n)}）` : '';
  const columns: ReportColumn[] = [
    { key: 'label', header: head, format: 'text', width: 36 },
    COUNT('count', '件数', group),
    RATE('share', '割合', group),
  ];
  if (before) columns.push(COUNT('previous', '件数', previousGroup), RATE('previousShare', '割合', previousGroup));
  const rows: ReportRow[] = choices.map((c, i) => {
    const previous = before?.counts.get(c.code) ?? 0;
    return {
      kind: 'data',
      cells: {
        label: c.label,
        count: now.counts[i]!,
        share: { numerator: now.counts[i]!, denominator: now.n },
        ...(before ? { previous, previousShare: { numerator: previous, denominator: before.n } } : {}),
      },
    };
  });
  return { type: 'table', caption, columns, rows, notes: [`n は1つ以上選んだ回答者数。${MULTI_SHARE_RULE}`] };
}

/** The previous round's counts per choice, from the comparison (matched by code). */
function previousCounts(
  comparison: SurveyComparisonResult,
  code: string,
  prefix = '',
): { counts: Map<string, { previous: number; text: string }>; n: number } | null {
  const q = comparison.comparison?.questions.find((x) => x.code === code);
  if (!q) return null;
  const counts = new Map(
    q.counts
      .filter((c) => c.code.startsWith(prefix))
      .map((c) => [c.code.slice(prefix.length), { previous: c.ratio.previous, text: c.ratio.text }]),
  );
  return { counts, n: q.n.previous };
}

function previousNote(comparison: SurveyComparisonResult): string {
  return comparison.previous
    ? `前回は${roundLabel(comparison.previous)}の調査。${RATIO_RULE}。`
    : '前回の調査がないため、前回との比較は示していません。';
}

// ---------------------------------------------------------------- センター人員配置状況調査

async function staffingBlocks(db: Db, roundId: number): Promise<{ blocks: ReportBlock[]; result: SurveyAggregateResult }> {
  const result = await surveyAggregate(db, roundId, AREA_KIND);
  refuseEmpty(result);
  const comparison = await surveyComparison(db, roundId, AREA_KIND);
  const { definition, aggregate, round } = result;
  const staffQuestion = questionOf(definition, 'staff');
  if (staffQuestion.type !== 'table')
    throw new RenkeiError('not_found', '「配置職員」の設問が表になっていません。調査の定義を確かめてください。');
  const column = (code: string) => staffQuestion.columns.find((c) => c.code === code)!;
  const staff = aggregate.whole.questions.staff as TableAggregate;
  const jobs = staff.columns.job as ChoiceAggregate;
  const jobChoices = choicesOf(column('job'));
  const fte = staff.columns.fte as NumberAggregate;
  const blocks: ReportBlock[] = [];

  blocks.push({
    type: 'figures',
    items: [
      { label: '対象センター', value: round.tracker.targets, format: 'count', unit: 'か所' },
      { label: '回答', value: round.tracker.valid, format: 'count', unit: 'か所' },
      { label: '配置職員', value: staff.rows, format: 'count', unit: '人' },
      { label: '常勤換算の計', value: fte.sum, format: 'hundredths', unit: '人' },
    ],
  });

  blocks.push({ type: 'heading', text: `職種別の配置職員（${nText(jobs.n)}）` });
  blocks.push({
    ...choiceTable('職種', '職種', jobChoices, jobs, previousCounts(comparison, 'staff', 'job:')),
    notes: [
      `${nText(jobs.n)}：回答した${round.tracker.valid}センターの配置職員（1人1行、非常勤を含む）。`,
      SHARE_RULE,
      previousNote(comparison),
    ],
  });
  const shown = jobChoices.map((c, i) => ({ c, count: jobs.counts[i]! })).filter((x) => x.count > 0);
  blocks.push({
    type: 'chart',
    title: `職種別の構成（${nText(jobs.n)}）`,
    kind: 'pie',
    labels: shown.map((x) => `${x.c.label} ${jobs.percents[jobChoices.indexOf(x.c)]}%`),
    series: [{ label: '人数', values: shown.map((x) => x.count) }],
    unit: '人',
  });

  const rows: ReportRow[] = [];
  for (const code of ['employment', 'role', 'hire']) {
    const q = column(code);
    const a = staff.columns[code] as ChoiceAggregate;
    choicesOf(q).forEach((c, i) =>
      rows.push({
        kind: 'data',
        cells: { item: i === 0 ? q.label : '', n: i === 0 ? a.n : null, label: c.label, count: a.counts[i]!, share: a.percents[i]! },
      }),
    );
  }
  blocks.push({ type: 'heading', text: '勤務形態・役割・採用区分' });
  blocks.push({
    type: 'table',
    columns: [
      { key: 'item', header: '項目', format: 'text', width: 16 },
      COUNT('n', 'n'),
      { key: 'label', header: '区分', format: 'text', width: 20 },
      COUNT('count', '人数'),
      SHARE('share'),
    ],
    rows,
    notes: ['n は項目に回答のあった配置職員の数。', SHARE_RULE],
  });

  const post = aggregate.whole.questions.director_post as ChoiceAggregate;
  blocks.push({ type: 'heading', text: `センター長の医師会内役職（${nText(post.n)}）` });
  blocks.push(
    choiceTable(
      'センター長の医師会内役職',
      '役職',
      choicesOf(questionOf(definition, 'director_post')),
      post,
      previousCounts(comparison, 'director_post'),
    ),
  );

  blocks.push({ type: 'heading', text: 'センター別の配置職員', pageBreakBefore: true });
  const responses = new Map((await validResponses(db, roundId)).map((r) => [r.targetId, r.answers]));
  const jobColumns = jobChoices.map((c) => COUNT(c.code, c.label, '職種'));
  const centerRows: ReportRow[] = [];
  for (const target of (await roundDetail(db, roundId)).targets) {
    const answers = responses.get(target.id);
    if (!answers) continue;
    const entries = (answers.staff ?? []) as Record<string, unknown>[];
    const counts = Object.fromEntries(jobChoices.map((c) => [c.code, entries.filter((e) => e.job === c.code).length]));
    const total = entries.reduce((sum, e) => sum + (typeof e.fte === 'number' ? e.fte : 0), 0);
    centerRows.push({ kind: 'data', cells: { name: target.name, ...counts, total: entries.length, fte: total } });
  }
  centerRows.push({
    kind: 'total',
    cells: {
      name: '計',
      ...Object.fromEntries(jobChoices.map((c, i) => [c.code, jobs.counts[i]!])),
      total: staff.rows,
      fte: fte.sum,
    },
  });
  const missing = round.tracker.missing.map((t) => t.name);
  blocks.push({
    type: 'table',
    columns: [
      { key: 'name', header: 'センター', format: 'text', width: 30 },
      ...jobColumns.map((c) => ({ ...c, width: 7 })),
      COUNT('total', '計'),
      { key: 'fte', header: '常勤換算', format: 'hundredths', width: 9 },
    ],
    rows: centerRows,
    notes: [
      missing.length > 0 ? `未回答：${missing.join('、')}` : 'すべてのセンターが回答。',
      '常勤換算は各職員の常勤換算（小数第2位まで）の合計。',
    ],
  });

  if (result.noAreas) {
    blocks.push({ type: 'paragraph', text: `${NO_AREAS}、${AREA_LABEL}別の集計はありません（県全体のみ）。` });
    return { blocks, result };
  }
  blocks.push({ type: 'heading', text: `${AREA_LABEL}別の配置職員` });
  blocks.push({
    type: 'table',
    columns: [
      { key: 'name', header: AREA_LABEL, format: 'text', width: 18 },
      COUNT('centers', 'センター'),
      ...jobColumns.map((c) => ({ ...c, width: 7 })),
      COUNT('total', '計'),
    ],
    rows: [
      ...aggregate.groups.map((g): ReportRow => {
        const t = g.questions.staff as TableAggregate;
        const j = t.columns.job as ChoiceAggregate;
        return {
          kind: 'data',
          cells: {
            name: result.groups.find((x) => x.key === g.key)?.name ?? '',
            centers: g.respondents,
            ...Object.fromEntries(jobChoices.map((c, i) => [c.code, j.counts[i]!])),
            total: t.rows,
          },
        };
      }),
      {
        kind: 'total',
        cells: {
          name: '計',
          centers: aggregate.whole.respondents,
          ...Object.fromEntries(jobChoices.map((c, i) => [c.code, jobs.counts[i]!])),
          total: staff.rows,
        },
      },
    ],
    notes: [`センターの${AREA_LABEL}は、担当する市町村の多くが属する${AREA_LABEL}。`],
  });
  return { blocks, result };
}

// ---------------------------------------------------------------- 在宅医療提供体制に関する実態調査

/** Doctors per age band of a group: the band questions' sums, in AGE_BANDS order. */
function bandsOf(group: GroupAggregate): number[] {
  return AGE_BANDS.map((b) => {
    const a = group.questions[b.code];
    return a && a.type === 'integer' ? a.sum : 0;
  });
}

async function clinicBlocks(db: Db, roundId: number): Promise<{ blocks: ReportBlock[]; result: SurveyAggregateResult }> {
  const result = await surveyAggregate(db, roundId, AREA_KIND);
  refuseEmpty(result);
  const comparison = await surveyComparison(db, roundId, AREA_KIND);
  const previous = comparison.previous ? await surveyAggregate(db, comparison.previous.id, AREA_KIND) : null;
  const { definition, aggregate, round } = result;
  const whole = aggregate.whole;
  const indicator = (code: string) => whole.indicators[code]?.value ?? 0;
  const ratioOf = (code: string) => comparison.comparison?.indicators.find((i) => i.code === code)?.whole ?? null;
  const blocks: ReportBlock[] = [];

  const doctorsRatio = ratioOf('doctors');
  blocks.push({
    type: 'figures',
    items: [
      { label: '回答した診療所', value: whole.respondents, format: 'count', unit: `施設（対象 ${formatNumber(round.tracker.targets)}）` },
      { label: '訪問診療や往診を行っている診療所', value: indicator('clinics_doing'), format: 'count', unit: '施設' },
      { label: '訪問診療や往診を担当している医師', value: indicator('doctors'), format: 'count', unit: '人' },
      ...(doctorsRatio ? [{ label: '医師数の前回比', value: doctorsRatio.text, format: 'text' as const }] : []),
    ],
  });

  blocks.push({ type: 'heading', text: '集計指標と前回比' });
  const indicatorRows: ReportRow[] = [
    {
      kind: 'data',
      cells: {
        label: '回答した診療所（n）',
        unit: '施設',
        current: whole.respondents,
        previous: previous?.aggregate.whole.respondents ?? null,
        ratio: comparison.comparison ? (comparison.comparison.questions.find((q) => q.code === 'visits_now')?.n.text ?? '—') : '',
      },
    },
    ...definition.indicators.map((ind): ReportRow => {
      const r = ratioOf(ind.code);
      return {
        kind: 'data',
        cells: { label: ind.label, unit: ind.unit, current: indicator(ind.code), previous: r ? r.previous : null, ratio: r ? r.text : '' },
      };
    }),
  ];
  blocks.push({
    type: 'table',
    columns: [
      { key: 'label', header: '指標', format: 'text', width: 40 },
      { key: 'unit', header: '単位', format: 'text', width: 6, align: 'center' },
      COUNT('current', `今回（${yearOf(round.fiscalYear)}）`),
      COUNT('previous', comparison.previous ? `前回（${yearOf(comparison.previous.fiscalYear)}）` : '前回'),
      RATIO('ratio'),
    ],
    rows: indicatorRows,
    notes: [
      '訪問診療や往診を行っている診療所：現在の実施状況が「両方」「訪問のみ」「往診のみ」の診療所。医師：年代別の担当医師数の合計。',
      previousNote(comparison),
    ],
  });

  const nowQ = questionOf(definition, 'visits_now');
  const laterQ = questionOf(definition, 'visits_in_5_years');
  const now = whole.questions.visits_now as ChoiceAggregate;
  const later = whole.questions.visits_in_5_years as ChoiceAggregate;
  const nowGroup = `現在（${nText(now.n)}）`;
  const laterGroup = `5年後の意向（${nText(later.n)}）`;
  blocks.push({ type: 'heading', text: '訪問診療・往診の実施状況と5年後の意向', pageBreakBefore: true });
  blocks.push({
    type: 'table',
    columns: [
      { key: 'label', header: '区分', format: 'text', width: 20 },
      COUNT('now', '施設数', nowGroup),
      SHARE('nowShare', nowGroup),
      COUNT('later', '施設数', laterGroup),
      SHARE('laterShare', laterGroup),
    ],
    rows: [
      ...choicesOf(nowQ).map((c, i): ReportRow => {
        const j = choicesOf(laterQ).findIndex((x) => x.code === c.code);
        return {
          kind: 'data',
          cells: {
            label: c.label,
            now: now.counts[i]!,
            nowShare: now.percents[i]!,
            later: j >= 0 ? later.counts[j]! : null,
            laterShare: j >= 0 ? later.percents[j]! : null,
          },
        };
      }),
      { kind: 'total', cells: { label: '計', now: now.n, nowShare: 100, later: later.n, laterShare: later.n > 0 ? 100 : 0 } },
    ],
    notes: ['5年後の意向は無回答を除く。', SHARE_RULE],
  });
  blocks.push({
    type: 'chart',
    title: '訪問診療・往診の実施状況：現在と5年後の意向',
    kind: 'stackedBar100',
    labels: [nowGroup, laterGroup],
    series: choicesOf(nowQ).map((c, i) => {
      const j = choicesOf(laterQ).findIndex((x) => x.code === c.code);
      return { label: c.label, values: [now.counts[i]!, j >= 0 ? later.counts[j]! : 0] };
    }),
    unit: '％',
  });

  const byArea = result.noAreas ? '' : `${AREA_LABEL}別・`;
  blocks.push({ type: 'heading', text: `訪問診療・往診を担当している医師の年代（${byArea}前回との比較）`, pageBreakBefore: true });
  const rounds = [
    ...(previous ? [{ fy: previous.round.fiscalYear, agg: previous.aggregate }] : []),
    { fy: round.fiscalYear, agg: aggregate },
  ];
  const bandRows: ReportRow[] = [];
  const labels: string[] = [];
  const series: ChartBlock['series'] = AGE_BANDS.map((b) => ({ label: b.label, values: [] }));
  const addRow = (area: string, fy: number, group: GroupAggregate | undefined, kind: ReportRow['kind']) => {
    const bands = group ? bandsOf(group) : AGE_BANDS.map(() => 0);
    const total = bands.reduce((a, b) => a + b, 0);
    const sixtyPlus = bands.slice(3).reduce((a, b) => a + b, 0);
    bandRows.push({
      kind,
      cells: {
        area,
        fy: yearOf(fy),
        ...Object.fromEntries(AGE_BANDS.map((b, i) => [b.code, bands[i]!])),
        total,
        sixtyPlus: { numerator: sixtyPlus, denominator: total },
      },
    });
    labels.push(`${area} ${yearOf(fy)}（${nText(total)}）`);
    bands.forEach((v, i) => series[i]!.values.push(v));
  };
  for (const g of result.groups) {
    for (const r of rounds)
      addRow(
        g.name,
        r.fy,
        r.agg.groups.find((x) => x.key === g.key),
        'data',
      );
  }
  for (const r of rounds) addRow('全県', r.fy, r.agg.whole, 'total');
  blocks.push({
    type: 'table',
    columns: [
      { key: 'area', header: AREA_LABEL, format: 'text', width: 12 },
      { key: 'fy', header: '年度', format: 'text', width: 10 },
      ...AGE_BANDS.map((b) => ({ ...COUNT(b.code, b.label, '医師数（人）'), width: 8 })),
      COUNT('total', '計'),
      RATE('sixtyPlus', '60歳代以上の割合'),
    ],
    rows: bandRows,
    notes: [
      result.noAreas
        ? '医師数は各診療所が回答した年代別の担当医師数の合計。'
        : `医師数は各診療所が回答した年代別の担当医師数の合計。診療所の${AREA_LABEL}は所在する市町村による。`,
      '60歳代以上の割合は医師数の計に対する比率を小数第1位に四捨五入。',
      ...(result.noAreas ? [`${NO_AREAS}、県全体のみ。`] : []),
    ],
  });
  blocks.push({
    type: 'chart',
    title: `担当医師の年代構成（${byArea}年度別、100％積み上げ）`,
    kind: 'stackedBar100',
    labels,
    series,
    unit: '％',
  });

  const firstCall = whole.questions.first_call as MultiAggregate;
  blocks.push({
    type: 'heading',
    text: `時間外のファーストコールに対応している職員（複数回答、${nText(firstCall.n)}）`,
    pageBreakBefore: true,
  });
  blocks.push(
    multiTable(
      '時間外のファーストコール',
      '職員',
      choicesOf(questionOf(definition, 'first_call')),
      firstCall,
      previousMulti(previous, 'first_call'),
    ),
  );

  const helps = whole.questions.helps as MultiAggregate;
  const helpChoices = choicesOf(questionOf(definition, 'helps'));
  const helpsBefore = previousMulti(previous, 'helps');
  blocks.push({ type: 'heading', text: `訪問診療の提供件数を増やすために必要と思うこと（複数回答、${nText(helps.n)}）` });
  blocks.push(multiTable('必要と思うこと', '項目', helpChoices, helps, helpsBefore));
  blocks.push({
    type: 'chart',
    title: `訪問診療の提供件数を増やすために必要と思うこと（回答者に占める割合）`,
    kind: 'horizontalBar',
    labels: helpChoices.map((c) => c.label),
    series: [
      { label: `${yearOf(round.fiscalYear)}（${nText(helps.n)}）`, values: helps.percentTenths.map((t) => t / 10) },
      ...(helpsBefore && comparison.previous
        ? [
            {
              label: `${yearOf(comparison.previous.fiscalYear)}（${nText(helpsBefore.n)}）`,
              values: helpChoices.map((c) => (helpsBefore.tenths.get(c.code) ?? 0) / 10),
            },
          ]
        : []),
    ],
    unit: '％',
  });
  return { blocks, result };
}

export const surveyReports: Record<string, ReportDefinition> = {
  ...activityReports,
  'survey.staffing': {
    title: '人員配置状況調査 集計結果',
    section: 'survey',
    description:
      '年度のセンター人員配置状況調査の回答を集計したもの：職種別の配置職員と構成比（n と端数処理つき）、勤務形態・役割・採用区分、センター長の役職、センター別・二次医療圏別の配置職員、前回との比較',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: (db) => yearsWithRounds(db, CENTER_STAFFING_KEY),
    async build(ctx, { fy, date }) {
      const roundId = await roundOfYear(ctx.db, CENTER_STAFFING_KEY, fy!, 'センター人員配置状況調査');
      const { blocks, result } = await staffingBlocks(ctx.db, roundId);
      return {
        title: '人員配置状況調査 集計結果',
        subtitle: `${roundLabel(result.round)} ${result.round.tracker.valid} / ${result.round.tracker.targets} センター回答`,
        header: attachmentHeader(ctx, date),
        blocks,
      };
    },
  },
  'survey.clinics': {
    title: '在宅医療提供体制に関する実態調査 結果',
    section: 'survey',
    description:
      '年度の診療所調査の結果：訪問診療・往診を行う診療所と担当医師の数と前回比、現在と5年後の意向、二次医療圏別・年度別の医師の年代、時間外のファーストコール、提供件数を増やすために必要なこと',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: (db) => yearsWithRounds(db, CLINIC_HOME_CARE_KEY),
    async build(ctx, { fy, date }) {
      const roundId = await roundOfYear(ctx.db, CLINIC_HOME_CARE_KEY, fy!, '在宅医療提供体制に関する実態調査');
      const { blocks, result } = await clinicBlocks(ctx.db, roundId);
      return {
        title: '在宅医療提供体制に関する実態調査 結果',
        subtitle: `${roundLabel(result.round)}（診療所）`,
        header: attachmentHeader(ctx, date),
        blocks,
      };
    },
  },
};
