/**
 * 基金's formal outputs on the report engine, in the national layout: the
 * 都道府県計画 (its narrative, the project list by 区分 with 事業に要する費用の額
 * in 千円, and a 個票 per project with every field of the national sheet), the
 * 事後評価 per project, and the execution status (執行状況) as of a day. The
 * 区分 is written in the prefecture's notation (設定). Figures are summed in
 * yen and shown rounded down to 千円.
 */
import { RenkeiError } from '@shared/contract';
import {
  FUND_SIDE_LABELS,
  FUND_SIDES,
  type FundPlanText,
  type FundProject,
  type FundSide,
  INDICATOR_KIND_LABELS,
  OPERATOR_KIND_LABELS,
} from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYearEnd, fiscalYearStart, formatFiscalYear } from '@shared/fiscal-year';
import { type AmountFigures, figuresOf, type ProjectAmounts } from '@shared/fund/amounts';
import { type CategoryNotation, categoryCodeText, categoryHeading, type FundCategory } from '@shared/fund/categories';
import { indicatorAchieved } from '@shared/fund/indicators';
import { PLAN_SECTIONS } from '@shared/fund/plan-text';
import { computeYearView } from '@shared/fund/year';
import { toSenYenFloor, yen } from '@shared/money';
import { formatHundredths } from '@shared/numbers';
import type { ReportBlock, ReportColumn, ReportRow } from '@shared/report/model';
import { formatWareki } from '@shared/wareki';
import type { Db } from '../kernel/db/schema';
import { attachmentHeader, type ReportContext, type ReportDefinition } from '../kernel/report-definition';
import { categories, evaluationsOfYear, planText, projects, spending, spentByProject, versionLines, versions } from './read';

async function yearsWithPlans(db: Db): Promise<number[]> {
  return (await db.selectFrom('fundBudgetVersion').select('fiscalYear').distinct().orderBy('fiscalYear', 'desc').execute()).map(
    (r) => r.fiscalYear,
  );
}

/** A side's plan for the year as of a day: the newest version dated on or before it, with its projects. */
async function planAsOf(db: Db, side: FundSide, fy: FiscalYear, date: IsoDate) {
  const version = (await versions(db, side, fy)).filter((v) => v.datedOn <= date).at(-1);
  if (!version) return null;
  const byId = new Map((await projects(db, side)).map((p) => [p.id, p]));
  const lines = (await versionLines(db, version.id))
    .map((l) => ({ ...l, project: byId.get(l.projectId)! }))
    .sort((a, b) => a.project.number.localeCompare(b.project.number, 'ja'));
  return { version, lines };
}

/**
 * Whether the project's stored dates are this 年度's. 事業の期間 and the indicators
 * (their dates and 実績値) are kept once per project, not per 年度: they belong to
 * the 年度 the stored period falls in, and to every 年度 while no period is set.
 */
function datedFor(p: FundProject, fy: FiscalYear): boolean {
  const start = p.periodStart ?? fiscalYearStart(fy);
  const end = p.periodEnd ?? fiscalYearEnd(fy);
  return start <= fiscalYearEnd(fy) && end >= fiscalYearStart(fy);
}

/**
 * 事業の期間 as the national 個票 prints it: 令和5年4月1日～令和6年3月31日; the
 * plan's 年度 where no dates are set, or where those set are another 年度's.
 */
export function periodDates(p: FundProject, fy: FiscalYear): string {
  const own = datedFor(p, fy);
  const start = (own && p.periodStart) || fiscalYearStart(fy);
  const end = (own && p.periodEnd) || fiscalYearEnd(fy);
  return `${formatWareki(start)}～${formatWareki(end)}`;
}

const valueWithUnit = (value: number | null, unit: string) => (value === null ? '—' : `${formatHundredths(value)}${unit}`);
const asOf = (date: IsoDate | null) => (date === null ? '' : `（${formatWareki(date)}）`);

/**
 * アウトカム指標 as the national sheet writes it: 名前　現状値（時点）→ 目標値（時点），
 * one line each; without the 時点 when they are another 年度's.
 */
function outcomeText(p: FundProject, fy: FiscalYear): string {
  const dated = datedFor(p, fy);
  const lines = p.indicators
    .filter((i) => i.kind === 'outcome')
    .map(
      (i) =>
        `${i.label}　現状値 ${valueWithUnit(i.baseline, i.unit)}${dated ? asOf(i.baselineOn) : ''} → 目標値 ${valueWithUnit(i.target, i.unit)}${dated ? asOf(i.targetOn) : ''}`,
    );
  return lines.join('／') || '（未記入）';
}

function outputText(p: FundProject): string {
  const lines = p.indicators.filter((i) => i.kind === 'output').map((i) => `${i.label}　${valueWithUnit(i.target, i.unit)}`);
  return lines.join('／') || '（未記入）';
}

const orBlank = (text: string) => text || '（未記入）';

function categoryText(project: FundProject, category: FundCategory | undefined, notation: CategoryNotation): string {
  return category ? categoryHeading(category, notation) : `区分${categoryCodeText(project.categoryCode, notation)}`;
}

const ITEM_COLUMNS: ReportColumn[] = [
  { key: 'item', header: '項目', format: 'text', width: 22 },
  { key: 'value', header: '内容', format: 'text', width: 78 },
];

const itemRows = (items: readonly (readonly [string, string])[]): ReportRow[] =>
  items.map(([item, value]) => ({ kind: 'data' as const, cells: { item, value } }));

/**
 * 事業に要する費用の額 in the national sheet's lines: 総事業費 (A+B+C), 基金 国 (A)・
 * 都道府県 (B)・計 (A+B), その他 (C), and the 国費's 公民の別 (公, 民, うち受託事業等).
 */
function costTable(f: AmountFigures, caption = '事業に要する費用の額'): ReportBlock {
  const line = (group: string, item: string, amount: number): ReportRow => ({ kind: 'data', cells: { group, item, amount } });
  return {
    type: 'table',
    caption,
    columns: [
      { key: 'group', header: '区分', format: 'text', width: 34 },
      { key: 'item', header: '内訳', format: 'text', width: 30 },
      { key: 'amount', header: '金額', format: 'thousandYen', width: 16 },
    ],
    rows: [
      line('金額', '総事業費（Ａ＋Ｂ＋Ｃ）', f.totalCost),
      line('基金', '国（Ａ）', f.national),
      line('', '都道府県（Ｂ）', f.prefectural),
      line('', '計（Ａ＋Ｂ）', f.fundAmount),
      line('その他（Ｃ）', '', f.otherAmount),
      line('基金充当額（国費）における公民の別', '公', f.publicAmount),
      line('', '民', f.privateAmount),
      line('', 'うち受託事業等（再掲）', f.entrustedAmount),
    ],
  };
}

function operator(p: FundProject): string {
  return p.operatorName || OPERATOR_KIND_LABELS[p.operatorKind];
}

const PLAN_COLUMNS: ReportColumn[] = [
  { key: 'number', header: '事業番号', format: 'text', width: 8 },
  { key: 'name', header: '事業名', format: 'text', width: 28 },
  { key: 'operator', header: '事業主体', format: 'text', width: 15 },
  { key: 'period', header: '事業の期間', format: 'text', width: 17 },
  { key: 'totalCost', header: '総事業費', format: 'thousandYen', width: 10 },
  { key: 'fundAmount', header: '計', group: '基金充当額', format: 'thousandYen', width: 10 },
  { key: 'national', header: '国', group: '基金充当額', format: 'thousandYen', width: 10 },
  { key: 'prefectural', header: '都道府県', group: '基金充当額', format: 'thousandYen', width: 10 },
  { key: 'otherAmount', header: 'その他', format: 'thousandYen', width: 10 },
  { key: 'publicAmount', header: '公', group: '国費の公民の別', format: 'thousandYen', width: 9 },
  { key: 'privateAmount', header: '民', group: '国費の公民の別', format: 'thousandYen', width: 9 },
  { key: 'entrustedAmount', header: 'うち受託事業等', group: '国費の公民の別', format: 'thousandYen', width: 9 },
];

function figureCells(f: AmountFigures) {
  return {
    totalCost: f.totalCost,
    fundAmount: f.fundAmount,
    national: f.national,
    prefectural: f.prefectural,
    otherAmount: f.otherAmount,
    publicAmount: f.publicAmount,
    privateAmount: f.privateAmount,
    entrustedAmount: f.entrustedAmount,
  };
}

/** Rows by 区分 in the list's order, a 小計 after each and the 合計 last, summed in yen; each project's 事業の期間 as its 個票 gives it. */
function planRows(
  fy: FiscalYear,
  cats: readonly FundCategory[],
  lines: { project: FundProject; amounts: ProjectAmounts }[],
  notation: CategoryNotation,
): ReportRow[] {
  const rows: ReportRow[] = [];
  const add = (total: Record<string, number>, f: AmountFigures) => {
    for (const [k, v] of Object.entries(figureCells(f))) total[k] = (total[k] ?? 0) + v;
  };
  const grand: Record<string, number> = {};
  for (const category of cats) {
    const inCategory = lines.filter((l) => l.project.categoryCode === category.code);
    if (inCategory.length === 0) continue;
    const subtotal: Record<string, number> = {};
    rows.push({
      kind: 'subtotal',
      cells: { number: categoryCodeText(category.code, notation), name: categoryHeading(category, notation) },
    });
    for (const { project, amounts } of inCategory) {
      const f = figuresOf(amounts);
      add(subtotal, f);
      add(grand, f);
      rows.push({
        kind: 'data',
        cells: {
          number: project.number,
          name: project.name,
          operator: operator(project),
          period: periodDates(project, fy),
          ...figureCells(f),
        },
      });
    }
    rows.push({ kind: 'subtotal', cells: { name: `区分${categoryCodeText(category.code, notation)} 小計`, ...subtotal } });
  }
  rows.push({ kind: 'total', cells: { name: '合計', ...grand } });
  return rows;
}

/**
 * A project's indicators in its 事後評価: 基準値, 目標値, 実績値 and 達成 — the last
 * two blank in another 年度's, since the one 実績値 kept per indicator is that of
 * the 年度 the project's period is in.
 */
function indicatorTable(project: FundProject, fy: FiscalYear): ReportBlock {
  const actualHere = datedFor(project, fy);
  const notes = ['達成：実績値が目標値に届いたもの（減らす目標は、実績値が目標値以下のもの）に○。'];
  if (!actualHere && project.indicators.length > 0) {
    const stored = [project.periodStart, project.periodEnd].map((d) => (d ? formatWareki(d) : '')).join('～');
    notes.push(
      `実績値は年度ごとではなく指標ごとに一つ記録しており、その値は事業の期間（${stored}）の年度のものです。${formatFiscalYear(fy)}の実績値ではないため空欄にしています。`,
    );
  }
  return {
    type: 'table',
    caption: '指標',
    columns: [
      { key: 'kind', header: '種類', format: 'text', width: 14 },
      { key: 'label', header: '指標', format: 'text', width: 36 },
      { key: 'unit', header: '単位', format: 'text', width: 6, align: 'center' },
      { key: 'baseline', header: '基準値', format: 'hundredths', width: 8 },
      { key: 'target', header: '目標値', format: 'hundredths', width: 8 },
      { key: 'actual', header: '実績値', format: 'hundredths', width: 8 },
      { key: 'achieved', header: '達成', format: 'mark', width: 5 },
    ],
    rows:
      project.indicators.length > 0
        ? project.indicators.map((i) => ({
            kind: 'data' as const,
            cells: {
              kind: INDICATOR_KIND_LABELS[i.kind],
              label: i.label,
              unit: i.unit,
              baseline: i.baseline,
              target: i.target,
              actual: actualHere ? i.actual : null,
              achieved: actualHere && indicatorAchieved(i),
            },
          }))
        : [{ kind: 'data' as const, cells: { label: '（指標の登録なし）' } }],
    notes,
  };
}

/**
 * One project's 個票 of the 都道府県計画, on its own page, with every field of
 * the national sheet in its order; 事業に要する費用の額 in 千円.
 */
function planSheet(
  project: FundProject,
  amounts: ProjectAmounts,
  category: FundCategory | undefined,
  fy: FiscalYear,
  notation: CategoryNotation,
): ReportBlock[] {
  return [
    { type: 'heading', text: `${project.number}　${project.name}`, pageBreakBefore: true },
    {
      type: 'table',
      columns: ITEM_COLUMNS,
      rows: itemRows([
        ['事業の区分', categoryText(project, category, notation)],
        ['事業名', `【No.${project.number}】${project.name}`],
        ['事業の目標', orBlank(project.goal)],
        ['事業の対象となる医療介護総合確保区域', orBlank(project.targetArea)],
        ['事業の実施主体', operator(project)],
        ['事業の期間', periodDates(project, fy)],
        ['背景にある医療・介護ニーズ', orBlank(project.needs)],
        ['アウトカム指標', outcomeText(project, fy)],
        ['事業の内容', orBlank(project.content)],
        ['アウトプット指標', outputText(project)],
        ['アウトカムとアウトプットの関連', orBlank(project.outcomeOutputLink)],
      ]),
    },
    costTable(figuresOf(amounts)),
    { type: 'table', columns: ITEM_COLUMNS, rows: itemRows([['備考', project.remarks || '']]) },
  ];
}

/** The plan's narrative (1. 計画の基本的事項, 2. 事業の評価方法, 3.) with the 区域 of the 台帳 under its section. */
function narrativeBlocks(text: FundPlanText): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  let chapter = '';
  for (const section of PLAN_SECTIONS) {
    if (section.chapter !== chapter) {
      chapter = section.chapter;
      blocks.push({ type: 'heading', text: chapter });
    }
    blocks.push(
      { type: 'heading', text: section.heading },
      { type: 'paragraph', text: text.current?.sections[section.key] || '（未記入）' },
    );
    if (section.key === 'areas' && text.areas.length > 0) {
      blocks.push({
        type: 'table',
        caption: '医療介護総合確保区域（二次医療圏）',
        columns: [
          { key: 'area', header: '区域', format: 'text', width: 14 },
          { key: 'municipalities', header: '構成市町村', format: 'text', width: 86 },
        ],
        rows: text.areas.map((a) => ({ kind: 'data' as const, cells: { area: a.name, municipalities: a.municipalities.join('、') } })),
      });
    }
  }
  return blocks;
}

type Plan = NonNullable<Awaited<ReturnType<typeof planAsOf>>>;

/** Why a 基金 report has nothing to print: no budget version in the 年度 at all, or none yet on the day asked for. */
async function noPlanMessage(db: Db, fy: FiscalYear, date: IsoDate): Promise<string> {
  return (await yearsWithPlans(db)).includes(fy)
    ? `${formatFiscalYear(fy)}の基金の予算が、${formatWareki(date)}の時点でまだありません。年度と基準日を確かめてください。`
    : `${formatFiscalYear(fy)}の基金の計画（予算の版）がありません。基金の画面で当初予算を作成してください。`;
}

/**
 * The blocks for each side (医療分, 介護分) that has a plan on the day, each
 * after a heading, a side after the first on a new page; refused when neither has.
 */
async function blocksBySide(
  ctx: ReportContext,
  fy: FiscalYear,
  date: IsoDate,
  blocksFor: (side: FundSide, plan: Plan, cats: FundCategory[]) => Promise<ReportBlock[]>,
): Promise<ReportBlock[]> {
  const cats = await categories(ctx.db);
  const blocks: ReportBlock[] = [];
  for (const side of FUND_SIDES) {
    const plan = await planAsOf(ctx.db, side, fy, date);
    if (!plan) continue;
    const [first, ...rest] = await blocksFor(side, plan, cats);
    blocks.push({ ...first!, ...(blocks.length > 0 ? { pageBreakBefore: true } : {}) }, ...rest);
  }
  if (blocks.length === 0) throw new RenkeiError('not_found', await noPlanMessage(ctx.db, fy, date));
  return blocks;
}

export const fundReports: Record<string, ReportDefinition> = {
  'fund.plan': {
    title: '都道府県計画（医療介護総合確保促進法に基づく計画）',
    section: 'fund',
    description:
      '計画の基本的事項・事業の評価方法などの本文（版ごとに保存したものの最新）、区分ごとの事業一覧（事業に要する費用の額を千円単位）と、国の様式の項目をすべて載せた事業ごとの個票',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '基準日',
    fiscalYears: yearsWithPlans,
    async build(ctx, { fy, date }) {
      const notation = ctx.settings.fundCategoryNotation;
      const sides = await blocksBySide(ctx, fy!, date, async (side, plan, cats) => [
        { type: 'heading', text: `${FUND_SIDE_LABELS[side]}（${plan.version.label}：${plan.version.reason || '理由なし'}）` },
        {
          type: 'table',
          columns: PLAN_COLUMNS,
          rows: planRows(fy!, cats, plan.lines, notation),
          notes: ['基金充当額の国と都道府県の別は、国＝基金充当額×2/3（円未満切り捨て）、都道府県＝残り。手入力で変えた事業はその額。'],
        },
        ...plan.lines.flatMap(({ project, amounts }) =>
          planSheet(
            project,
            amounts,
            cats.find((c) => c.code === project.categoryCode),
            fy!,
            notation,
          ),
        ),
      ]);
      const [firstSide, ...rest] = sides;
      const blocks: ReportBlock[] = [...narrativeBlocks(await planText(ctx.db, fy!)), { ...firstSide!, pageBreakBefore: true }, ...rest];
      const prefecture = ctx.prefecture?.name ?? '都道府県';
      return {
        title: `${formatFiscalYear(fy!)} ${prefecture}計画`,
        subtitle: '医療介護総合確保促進法に基づく計画（地域医療介護総合確保基金）',
        header: attachmentHeader(ctx, date, { dateSuffix: '現在' }),
        blocks,
      };
    },
  },
  'fund.execution': {
    title: '地域医療介護総合確保基金 事業の執行状況',
    section: 'fund',
    description: '基準日までの執行額を、その日に有効な予算（当初・補正など）と並べ、区分ごとの小計・合計と執行率を示したもの',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '基準日',
    fiscalYears: yearsWithPlans,
    async build(ctx, { fy, date }) {
      const blocks = await blocksBySide(ctx, fy!, date, async (side, plan, cats) => {
        const named = new Map((await projects(ctx.db, side)).map((p) => [p.id, `${p.number} ${p.name}`]));
        const entries = (await spending(ctx.db, side, fy!))
          .filter((s) => s.spentOn <= date)
          .map((s) => ({ projectId: s.projectId, amount: yen(s.amount), project: named.get(s.projectId) }));
        const view = computeYearView(
          cats,
          plan.lines.map((l) => ({ id: l.projectId, name: l.project.name, categoryCode: l.project.categoryCode, amounts: l.amounts })),
          entries,
        );
        const numbers = new Map(plan.lines.map((l) => [l.projectId, l.project.number]));
        const rate = (f: { executionRate: { numerator: number; denominator: number } }) => f.executionRate;
        const rows: ReportRow[] = [];
        for (const group of view.groups) {
          for (const r of group.rows) {
            rows.push({
              kind: 'data',
              cells: {
                number: numbers.get(r.projectId) ?? '',
                name: r.name,
                totalCost: r.totalCost,
                fundAmount: r.fundAmount,
                spent: r.spent,
                remaining: r.remaining,
                rate: rate(r),
              },
            });
          }
          const heading = group.category ? `区分${group.category.code} 小計` : '区分不明 小計';
          rows.push({
            kind: 'subtotal',
            cells: {
              name: heading,
              totalCost: group.subtotal.totalCost,
              fundAmount: group.subtotal.fundAmount,
              spent: group.subtotal.spent,
              remaining: group.subtotal.remaining,
              rate: rate(group.subtotal),
            },
          });
        }
        rows.push({
          kind: 'total',
          cells: {
            name: '合計',
            totalCost: view.total.totalCost,
            fundAmount: view.total.fundAmount,
            spent: view.total.spent,
            remaining: view.total.remaining,
            rate: rate(view.total),
          },
        });
        return [
          { type: 'heading', text: `${FUND_SIDE_LABELS[side]}（予算：${plan.version.label}）` },
          {
            type: 'figures',
            items: [
              { label: '予算（総事業費）', value: view.total.totalCost, format: 'thousandYen', unit: '千円' },
              { label: '執行額', value: view.total.spent, format: 'thousandYen', unit: '千円' },
              { label: '執行率', value: rate(view.total), format: 'percent' },
            ],
          },
          {
            type: 'table',
            columns: [
              { key: 'number', header: '事業番号', format: 'text', width: 8 },
              { key: 'name', header: '事業名', format: 'text', width: 36 },
              { key: 'totalCost', header: '予算（総事業費）', format: 'thousandYen', width: 12 },
              { key: 'fundAmount', header: 'うち基金充当額', format: 'thousandYen', width: 12 },
              { key: 'spent', header: '執行額', format: 'thousandYen', width: 12 },
              { key: 'remaining', header: '残額', format: 'thousandYen', width: 12 },
              { key: 'rate', header: '執行率', format: 'percent', width: 8 },
            ],
            rows,
            notes: [...view.problems.map((p) => `※ ${p.message}`), '執行率＝執行額÷予算（総事業費）。小数第2位を四捨五入。'],
          },
          {
            type: 'chart',
            title: `区分ごとの予算と執行額（${FUND_SIDE_LABELS[side]}）`,
            kind: 'bar',
            labels: view.groups.map((g) => (g.category ? `区分${g.category.code}` : '区分不明')),
            series: [
              { label: '予算（総事業費）', values: view.groups.map((g) => toSenYenFloor(g.subtotal.totalCost)) },
              { label: '執行額', values: view.groups.map((g) => toSenYenFloor(g.subtotal.spent)) },
            ],
            unit: '千円',
          },
        ];
      });
      return {
        title: '地域医療介護総合確保基金 事業の執行状況',
        subtitle: formatFiscalYear(fy!),
        header: attachmentHeader(ctx, date, { dateSuffix: '現在' }),
        blocks,
      };
    },
  },
  'fund.evaluation': {
    title: '地域医療介護総合確保基金 事後評価',
    section: 'fund',
    description:
      '年度の計画の事業ごとに、国の様式の事後評価（事業の実施状況、アウトカム指標の達成と観察の可否・代替的な指標、事業の有効性・効率性、その他）と、計画額と執行額を並べたもの',
    orientation: 'portrait',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: yearsWithPlans,
    async build(ctx, { fy, date }) {
      const end = fiscalYearEnd(fy!);
      const notation = ctx.settings.fundCategoryNotation;
      const evaluations = await evaluationsOfYear(ctx.db, fy!);
      const blocks = await blocksBySide(ctx, fy!, end, async (side, plan, cats) => {
        const spent = new Map((await spentByProject(ctx.db, side, fy!)).map((s) => [s.projectId, s.amount]));
        const order = new Map(cats.map((c, i) => [c.code, i]));
        const lines = [...plan.lines].sort((a, b) => (order.get(a.project.categoryCode) ?? 99) - (order.get(b.project.categoryCode) ?? 99));
        const out: ReportBlock[] = [{ type: 'heading', text: `${FUND_SIDE_LABELS[side]}（予算：${plan.version.label}）` }];
        for (const [n, { project, amounts }] of lines.entries()) {
          const figures = figuresOf(amounts);
          const used = spent.get(project.id) ?? yen(0);
          const e = evaluations.get(project.id);
          const category = cats.find((c) => c.code === project.categoryCode);
          const observed = e?.outcomeObserved === true ? '観察できた' : e?.outcomeObserved === false ? '観察できなかった' : '（未記入）';
          out.push(
            {
              type: 'heading',
              text: `${project.number}　${project.name}（区分${categoryCodeText(project.categoryCode, notation)}・${operator(project)}）`,
              ...(n > 0 ? { pageBreakBefore: true } : {}),
            },
            {
              type: 'figures',
              items: [
                { label: '計画額（総事業費）', value: figures.totalCost, format: 'thousandYen', unit: '千円' },
                { label: '執行額', value: used, format: 'thousandYen', unit: '千円' },
                { label: '執行率', value: { numerator: used, denominator: figures.totalCost }, format: 'percent' },
              ],
            },
            {
              type: 'table',
              columns: ITEM_COLUMNS,
              rows: itemRows([
                ['事業の区分', categoryText(project, category, notation)],
                ['事業名', `【No.${project.number}】${project.name}`],
                ['事業の実施主体', operator(project)],
                ['事業の期間', periodDates(project, fy!)],
                ['事業の実施状況', orBlank(e?.implementation ?? '')],
                ['アウトカム指標', outcomeText(project, fy!)],
                ['アウトカム指標の観察', observed],
                [e?.outcomeObserved === false ? '観察できなかった理由' : '観察できた指標の値', orBlank(e?.outcomeNote ?? '')],
                ['代替的な指標', e?.alternativeIndicator || (e?.outcomeObserved === false ? '（未記入）' : '―')],
              ]),
            },
            indicatorTable(project, fy!),
            {
              type: 'table',
              caption: '事業に要する費用の額（計画額と執行額）',
              columns: [
                { key: 'item', header: '内訳', format: 'text', width: 40 },
                { key: 'planned', header: '計画額', format: 'thousandYen', width: 16 },
                { key: 'executed', header: '執行額', format: 'thousandYen', width: 16 },
              ],
              rows: [
                { kind: 'data', cells: { item: '総事業費（Ａ＋Ｂ＋Ｃ）', planned: figures.totalCost, executed: used } },
                { kind: 'data', cells: { item: '基金 国（Ａ）', planned: figures.national, executed: null } },
                { kind: 'data', cells: { item: '基金 都道府県（Ｂ）', planned: figures.prefectural, executed: null } },
                { kind: 'data', cells: { item: '基金 計（Ａ＋Ｂ）', planned: figures.fundAmount, executed: null } },
                { kind: 'data', cells: { item: 'その他（Ｃ）', planned: figures.otherAmount, executed: null } },
              ],
              notes: ['執行額は基金の執行として記録された額の合計（財源の内訳は記録していないため総事業費の行のみ）。'],
            },
            // Rows of the sheet as the national 様式 has them, so a page break falls between rows, never after a lone heading.
            {
              type: 'table',
              caption: '事業の有効性・効率性',
              columns: ITEM_COLUMNS,
              rows: itemRows([
                ['(1) 事業の有効性', orBlank(e?.effectiveness ?? '')],
                ['(2) 事業の効率性', orBlank(e?.efficiency ?? '')],
              ]),
            },
            { type: 'table', columns: ITEM_COLUMNS, rows: itemRows([['その他', orBlank(e?.assessment ?? '')]]) },
          );
        }
        return out;
      });
      return { title: '地域医療介護総合確保基金 事後評価', subtitle: formatFiscalYear(fy!), header: attachmentHeader(ctx, date), blocks };
    },
  },
};
