/**
 * 基金's formal outputs on the report engine: the 都道府県計画's project list
 * by 区分 with 事業に要する費用の額 in 千円 and a sheet per project, the 事後評価,
 * and the execution status (執行状況)
 * as of a day. Figures are summed in yen and shown rounded down to 千円.
 */
import { RenkeiError } from '@shared/contract';
import {
  FUND_SIDE_LABELS,
  FUND_SIDES,
  type FundProject,
  type FundSide,
  INDICATOR_KIND_LABELS,
  OPERATOR_KIND_LABELS,
} from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYearEnd, formatFiscalYear } from '@shared/fiscal-year';
import { type AmountFigures, figuresOf, type ProjectAmounts } from '@shared/fund/amounts';
import { categoryHeading, type FundCategory } from '@shared/fund/categories';
import { indicatorAchieved } from '@shared/fund/indicators';
import { computeYearView } from '@shared/fund/year';
import { toSenYenFloor, yen } from '@shared/money';
import { formatHundredths } from '@shared/numbers';
import type { ReportBlock, ReportColumn, ReportRow } from '@shared/report/model';
import { formatWareki } from '@shared/wareki';
import type { Db } from '../kernel/db/schema';
import { attachmentHeader, type ReportContext, type ReportDefinition } from '../kernel/report-definition';
import { categories, projects, spending, spentByProject, versionLines, versions } from './read';

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

function period(p: FundProject): string {
  return `${formatFiscalYear(p.startFy)}〜${p.endFy === null ? '' : formatFiscalYear(p.endFy)}`;
}

function operator(p: FundProject): string {
  return p.operatorName || OPERATOR_KIND_LABELS[p.operatorKind];
}

const PLAN_COLUMNS: ReportColumn[] = [
  { key: 'number', header: '事業番号', format: 'text', width: 8 },
  { key: 'name', header: '事業名', format: 'text', width: 30 },
  { key: 'operator', header: '事業主体', format: 'text', width: 16 },
  { key: 'period', header: '期間', format: 'text', width: 14 },
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

/** Rows by 区分 in the list's order, a 小計 after each and the 合計 last, summed in yen. */
function planRows(cats: readonly FundCategory[], lines: { project: FundProject; amounts: ProjectAmounts }[]): ReportRow[] {
  const rows: ReportRow[] = [];
  const add = (total: Record<string, number>, f: AmountFigures) => {
    for (const [k, v] of Object.entries(figureCells(f))) total[k] = (total[k] ?? 0) + v;
  };
  const grand: Record<string, number> = {};
  for (const category of cats) {
    const inCategory = lines.filter((l) => l.project.categoryCode === category.code);
    if (inCategory.length === 0) continue;
    const subtotal: Record<string, number> = {};
    rows.push({ kind: 'subtotal', cells: { number: category.code, name: categoryHeading(category) } });
    for (const { project, amounts } of inCategory) {
      const f = figuresOf(amounts);
      add(subtotal, f);
      add(grand, f);
      rows.push({
        kind: 'data',
        cells: { number: project.number, name: project.name, operator: operator(project), period: period(project), ...figureCells(f) },
      });
    }
    rows.push({ kind: 'subtotal', cells: { name: `区分${category.code} 小計`, ...subtotal } });
  }
  rows.push({ kind: 'total', cells: { name: '合計', ...grand } });
  return rows;
}

/** A project's indicators: 基準値 and 目標値 as planned, with 実績値 and 達成 once evaluated. */
function indicatorTable(project: FundProject, withActual: boolean): ReportBlock {
  const columns: ReportColumn[] = [
    { key: 'kind', header: '種類', format: 'text', width: 14 },
    { key: 'label', header: '指標', format: 'text', width: withActual ? 36 : 50 },
    { key: 'unit', header: '単位', format: 'text', width: 6, align: 'center' },
    { key: 'baseline', header: '基準値', format: 'text', width: 8, align: 'right' },
    { key: 'target', header: '目標値', format: 'text', width: 8, align: 'right' },
  ];
  if (withActual) {
    columns.push(
      { key: 'actual', header: '実績値', format: 'text', width: 8, align: 'right' },
      { key: 'achieved', header: '達成', format: 'mark', width: 5 },
    );
  }
  return {
    type: 'table',
    caption: '指標',
    columns,
    rows:
      project.indicators.length > 0
        ? project.indicators.map((i) => ({
            kind: 'data' as const,
            cells: {
              kind: INDICATOR_KIND_LABELS[i.kind],
              label: i.label,
              unit: i.unit,
              baseline: formatHundredths(i.baseline),
              target: formatHundredths(i.target),
              ...(withActual ? { actual: formatHundredths(i.actual), achieved: indicatorAchieved(i) } : {}),
            },
          }))
        : [{ kind: 'data' as const, cells: { label: '（指標の登録なし）' } }],
    ...(withActual ? { notes: ['達成：実績値が目標値に届いたもの（減らす目標は、実績値が目標値以下のもの）に○。'] } : {}),
  };
}

/**
 * One project's sheet of the 都道府県計画, on its own page: 事業名, 区分,
 * 事業主体, 期間, 内容, 指標, and 事業に要する費用の額 in 千円.
 */
function planSheet(project: FundProject, amounts: ProjectAmounts, category: FundCategory | undefined): ReportBlock[] {
  return [
    { type: 'heading', text: `${project.number}　${project.name}`, pageBreakBefore: true },
    {
      type: 'table',
      columns: [
        { key: 'item', header: '項目', format: 'text', width: 16 },
        { key: 'value', header: '内容', format: 'text', width: 84 },
      ],
      rows: (
        [
          ['事業名', project.name],
          ['事業の区分', category ? categoryHeading(category) : `区分${project.categoryCode}`],
          ['事業の実施主体', operator(project)],
          ['事業の期間', period(project)],
          ['事業の内容', project.content || '（未記入）'],
        ] as const
      ).map(([item, value]) => ({ kind: 'data' as const, cells: { item, value } })),
    },
    indicatorTable(project, false),
    {
      type: 'table',
      caption: '事業に要する費用の額',
      columns: PLAN_COLUMNS.filter((c) => c.format === 'thousandYen'),
      rows: [{ kind: 'data', cells: figureCells(figuresOf(amounts)) }],
    },
  ];
}

type Plan = NonNullable<Awaited<ReturnType<typeof planAsOf>>>;

/**
 * The blocks for each side (医療分, 介護分) that has a plan on the day, each
 * after a heading, a side after the first on a new page; refused when neither has.
 */
async function blocksBySide(
  ctx: ReportContext,
  fy: FiscalYear,
  date: IsoDate,
  noPlan: string,
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
  if (blocks.length === 0) throw new RenkeiError('not_found', noPlan);
  return blocks;
}

export const fundReports: Record<string, ReportDefinition> = {
  'fund.plan': {
    title: '都道府県計画 事業一覧（地域医療介護総合確保基金）',
    section: 'fund',
    description:
      '年度の計画の事業を区分ごとに並べ、事業に要する費用の額（総事業費・基金充当額〈国・都道府県〉・その他・公民の別）を千円単位で示した一覧と、事業ごとの個票（事業名・区分・事業主体・期間・内容・指標・費用の額）',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '基準日',
    fiscalYears: yearsWithPlans,
    async build(ctx, { fy, date }) {
      const noPlan = `${formatFiscalYear(fy!)}の基金の計画（予算の版）がありません。基金の画面で当初予算を作成してください。`;
      const blocks = await blocksBySide(ctx, fy!, date, noPlan, async (side, plan, cats) => [
        { type: 'heading', text: `${FUND_SIDE_LABELS[side]}（${plan.version.label}：${plan.version.reason || '理由なし'}）` },
        {
          type: 'table',
          columns: PLAN_COLUMNS,
          rows: planRows(cats, plan.lines),
          notes: ['基金充当額の国と都道府県の別は、国＝基金充当額×2/3（円未満切り捨て）、都道府県＝残り。手入力で変えた事業はその額。'],
        },
        ...plan.lines.flatMap(({ project, amounts }) =>
          planSheet(
            project,
            amounts,
            cats.find((c) => c.code === project.categoryCode),
          ),
        ),
      ]);
      return {
        title: '都道府県計画 事業一覧',
        subtitle: `${formatFiscalYear(fy!)} 地域医療介護総合確保基金`,
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
      const noBudget = `${formatFiscalYear(fy!)}の基金の予算が、${formatWareki(date)}の時点でまだありません。年度と基準日を確かめてください。`;
      const blocks = await blocksBySide(ctx, fy!, date, noBudget, async (side, plan, cats) => {
        const entries = (await spending(ctx.db, side, fy!))
          .filter((s) => s.spentOn <= date)
          .map((s) => ({ projectId: s.projectId, amount: yen(s.amount) }));
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
    description: '年度の計画の事業ごとに、アウトプット・アウトカム指標の目標と実績、予算と執行、担当課の評価を並べたもの',
    orientation: 'portrait',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: yearsWithPlans,
    async build(ctx, { fy, date }) {
      const end = fiscalYearEnd(fy!);
      const noPlan = `${formatFiscalYear(fy!)}の基金の計画（予算の版）がありません。年度を確かめてください。`;
      const blocks = await blocksBySide(ctx, fy!, end, noPlan, async (side, plan, cats) => {
        const spent = new Map((await spentByProject(ctx.db, side, fy!)).map((s) => [s.projectId, s.amount]));
        const evaluations = new Map(
          (await ctx.db.selectFrom('fundEvaluation').selectAll().where('fiscalYear', '=', fy!).execute()).map((e) => [
            e.projectId,
            e.assessment,
          ]),
        );
        const order = new Map(cats.map((c, i) => [c.code, i]));
        const lines = [...plan.lines].sort((a, b) => (order.get(a.project.categoryCode) ?? 99) - (order.get(b.project.categoryCode) ?? 99));
        const out: ReportBlock[] = [{ type: 'heading', text: `${FUND_SIDE_LABELS[side]}（予算：${plan.version.label}）` }];
        for (const [n, { project, amounts }] of lines.entries()) {
          const budget = figuresOf(amounts).totalCost;
          const used = spent.get(project.id) ?? yen(0);
          out.push(
            {
              type: 'heading',
              text: `${project.number}　${project.name}（区分${project.categoryCode}・${operator(project)}）`,
              ...(n > 0 ? { pageBreakBefore: true } : {}),
            },
            ...(project.content ? [{ type: 'paragraph' as const, text: project.content }] : []),
            {
              type: 'figures',
              items: [
                { label: '予算（総事業費）', value: budget, format: 'thousandYen', unit: '千円' },
                { label: '執行額', value: used, format: 'thousandYen', unit: '千円' },
                { label: '執行率', value: { numerator: used, denominator: budget }, format: 'percent' },
              ],
            },
            indicatorTable(project, true),
            { type: 'heading', text: '事後評価' },
            { type: 'paragraph', text: evaluations.get(project.id) || '（未記入）' },
          );
        }
        return out;
      });
      return { title: '地域医療介護総合確保基金 事後評価', subtitle: formatFiscalYear(fy!), header: attachmentHeader(ctx, date), blocks };
    },
  },
};
