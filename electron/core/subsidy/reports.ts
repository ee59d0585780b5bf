/**
 * 補助金's formal outputs on the report engine: the 交付額算定調書 (each
 * center's application, column by column), the 精算書 (each center's actuals
 * against what was decided and paid), the year's table of every center with
 * totals, and the list of decisions with their 指令番号. A per-center report
 * is one document with one page per center, each sheet computed under the
 * 要綱 its step kept.
 */
import { RenkeiError } from '@shared/contract';
import type { SubsidyCenter, SubsidyStepRecord } from '@shared/contract/subsidy';
import { type IsoDate, isoDateOfLocal } from '@shared/dates';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { SUBSIDY_CLASS_LABELS } from '@shared/masters/model';
import { yen } from '@shared/money';
import type { ReportBlock, ReportColumn, ReportRow } from '@shared/report/model';
import { rateText } from '@shared/subsidy/calc';
import { capLines, type SubsidyComputation } from '@shared/subsidy/compute';
import { isIssuedLetter, LETTER_KINDS, LETTER_LABELS, letterSetName } from '@shared/subsidy/letters';
import { deriveState, STEP_KIND_LABELS, STEP_KINDS, type StepKind, SUBSIDY_STATUS_LABELS } from '@shared/subsidy/lifecycle';
import type { RulesBasis, RulesSnapshot } from '@shared/subsidy/rules';
import { formatWareki } from '@shared/wareki';
import type { Db } from '../kernel/db/schema';
import { attachmentHeader, type DocumentSetDefinition, type ReportContext, type ReportDefinition } from '../kernel/report-definition';
import { letterBody, subsidyLetters } from './letters';
import {
  computeOrRefuse,
  computingTerms,
  lifecycleSteps,
  noRulesError,
  readRulesRevision,
  sharedProfile,
  stepRules,
  subsidyCenters,
  yearView,
} from './read';
import { readRegister } from './register';

/** The years with a step of one of the kinds, newest first. */
function yearsWith(...kinds: StepKind[]) {
  return async (db: Db): Promise<number[]> =>
    (
      await db.selectFrom('subsidyStep').select('fiscalYear').distinct().where('kind', 'in', kinds).orderBy('fiscalYear', 'desc').execute()
    ).map((r) => r.fiscalYear);
}

const yearText = (fy: number) => formatFiscalYear(fy as FiscalYear);

/** The year's 要綱 as it is now (with its revision), and each center with its steps (those dated on or before the day, when one is given). */
async function yearAsOf(ctx: ReportContext, fy: number, date: IsoDate | null) {
  const current = await readRulesRevision(ctx.db, fy);
  if (!current) throw noRulesError(fy);
  const year = await yearView(ctx.db, fy);
  const centers = year.centers.map((center) => ({
    center,
    steps: (year.steps.get(center.id) ?? []).filter((s) => date === null || s.datedOn <= date),
  }));
  return {
    rules: current.rules,
    /** The 要綱 as it is now, with its revision: a sheet computed under other terms says which it was. */
    current: { ...current.rules, revision: current.revision },
    centers,
    /** The year as of the date, over which an area's shared ＩＣＴ 上限額 is allotted. */
    year: { centers: year.centers, steps: new Map(centers.map((c) => [c.center.id, c.steps])) },
  };
}

/** The columns of the 所要額調書 / 精算書, in the order of 要綱 第4条; on actuals the spending is no longer 予定. */
const sheetColumns = (actual: boolean): ReportColumn[] => [
  { key: 'name', header: '事業・種目', format: 'text', width: 26 },
  { key: 'totalCost', header: '総事業費', format: 'yen', width: 12 },
  { key: 'otherIncome', header: '寄付金その他収入額', format: 'yen', width: 12 },
  { key: 'netCost', header: '差引額', format: 'yen', width: 12 },
  { key: 'eligibleExpense', header: actual ? '対象経費の支出額' : '対象経費の支出（予定）額', format: 'yen', width: 12 },
  { key: 'baseAmount', header: '基準額', format: 'yen', width: 12 },
  { key: 'selected', header: '選定額', format: 'yen', width: 12 },
  { key: 'basis', header: '補助基本額', format: 'yen', width: 12 },
  { key: 'rate', header: '補助率', format: 'text', width: 9, align: 'center' },
  { key: 'cap', header: '上限額', format: 'yen', width: 11 },
  { key: 'amount', header: '交付（所要）額', format: 'yen', width: 12 },
];

/** One row per program, a row per ＩＣＴ 種目 (with its part of the 補助基本額) above its program's, and the total. */
export function sheetRows(computation: SubsidyComputation): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const p of computation.programs) {
    if (p.kind === 'operating') {
      const r = p.result;
      rows.push({
        kind: 'data',
        cells: { name: `${p.name}（${p.rowLabel}）`, ...r, rate: rateText(r.rate), cap: null, amount: r.amount },
      });
      continue;
    }
    const r = p.result;
    for (const item of r.items) {
      const name = `　${p.itemLabels[item.item] ?? item.item}`;
      const rate = item.excluded
        ? item.firstYearOnly
          ? `対象外（初年度のみ${rateText(item.rate)}）`
          : '対象外'
        : rateText(item.appliedRate);
      rows.push({
        kind: 'data',
        cells: {
          name,
          eligibleExpense: item.eligibleExpense,
          baseAmount: item.baseAmount,
          selected: item.selected,
          basis: item.allotted,
          rate,
        },
      });
    }
    rows.push({
      kind: 'subtotal',
      cells: {
        name: `${p.name} 計`,
        totalCost: r.totalCost,
        otherIncome: r.otherIncome,
        netCost: r.netCost,
        selected: r.selectedTotal,
        basis: r.basis,
        rate: '種目ごと',
        cap: r.cap,
        amount: r.amount,
      },
    });
  }
  rows.push({ kind: 'total', cells: { name: '合計', amount: computation.total } });
  return rows;
}

/**
 * The notes under a sheet: how each column is reached, why no 上限額 applies
 * where none does, and which 要綱 the figures were computed under when it is
 * no longer the year's current one.
 */
function sheetNotes(computation: SubsidyComputation, snapshot: RulesSnapshot, current: RulesBasis & { revision: number }): string[] {
  const notes = [
    `交付（所要）額は事業ごとに${formatYen(yen(snapshot.roundingUnit))}未満を切り捨て、その合計（要綱第4条）。差引額＝総事業費−寄付金その他収入額（0円未満は0円）。`,
    '選定額＝基準額と対象経費の支出額の少ない方。補助基本額＝選定額と差引額の少ない方。',
  ];
  if (computation.programs.some((p) => p.kind === 'ict')) {
    notes.push(
      'ＩＣＴは種目の選定額の合計と差引額の少ない方を補助基本額とし、補助率の高い種目から順に（同じ率は要綱の順に）各種目の選定額まで充て、それぞれの補助率を乗じた合計を二次医療圏の上限額までとする。その年度に補助率のない種目（初年度のみの種目の2年目以降）は対象外（選定額0円）。',
    );
  }
  for (const p of computation.programs) if (p.kind === 'ict' && p.capNote) notes.push(`${p.name}：${p.capNote}`);
  notes.push(...capLines(computation));
  if (computingTerms(snapshot) !== computingTerms(current)) {
    notes.push(
      `この算定は、手続きの時点の要綱（第${snapshot.revision}版、${formatWareki(isoDateOfLocal(new Date(snapshot.savedAt)))}保存）によります。現在の要綱は第${current.revision}版です。`,
    );
  }
  return notes;
}

/** The center with its 補助区分 as the 要綱's 別表1 writes it (「郡市医師会（新潟市・長岡市・上越医師会）」) and its 二次医療圏. */
function centerHeading(center: SubsidyCenter, rules: RulesBasis): string {
  const row = rules.programs.flatMap((p) => (p.kind === 'operating' ? p.rows : [])).find((r) => r.class === center.subsidyClass);
  const label = row?.label ?? SUBSIDY_CLASS_LABELS[center.subsidyClass];
  return `${center.name}（${label}${center.areaName ? `・${center.areaName}` : ''}）`;
}

function stepLine(step: SubsidyStepRecord): string {
  return `${STEP_KIND_LABELS[step.kind]}：${formatWareki(step.datedOn as IsoDate)}${step.orderNo ? `（${step.orderNo}）` : ''}`;
}

export const subsidyReports: Record<string, ReportDefinition> = {
  'subsidy.calculation': {
    title: '在宅医療推進センター整備事業補助金 交付額算定調書',
    section: 'subsidy',
    description: 'センターごとの交付申請の金額を、要綱第4条の順に総事業費から交付所要額まで列ごとに示したもの（1センター1ページ）',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: yearsWith('application'),
    async build(ctx, { fy, date }) {
      const { rules, current, centers, year } = await yearAsOf(ctx, fy!, null);
      const applications = centers.flatMap(({ center, steps }) => {
        const application = steps.findLast((s) => s.kind === 'change_application') ?? steps.findLast((s) => s.kind === 'application');
        return application?.inputs ? [{ center, application, inputs: application.inputs }] : [];
      });
      const snapshots = await stepRules(
        ctx.db,
        fy!,
        applications.map((a) => a.application.id),
      );
      const blocks: ReportBlock[] = [];
      for (const { center, application, inputs } of applications) {
        const snapshot = snapshots.get(application.id)!;
        const computation = computeOrRefuse(snapshot, sharedProfile(snapshot, center, inputs, application.kind, year), inputs);
        blocks.push(
          { type: 'heading', text: centerHeading(center, snapshot), ...(blocks.length > 0 ? { pageBreakBefore: true } : {}) },
          { type: 'paragraph', text: stepLine(application) },
          { type: 'table', columns: sheetColumns(false), rows: sheetRows(computation), notes: sheetNotes(computation, snapshot, current) },
        );
      }
      if (blocks.length === 0) throw new RenkeiError('not_found', `${yearText(fy!)}の交付申請がありません。年度を確かめてください。`);
      return {
        title: '交付額算定調書',
        subtitle: `${yearText(fy!)} ${rules.title.replace(/交付要綱$/, '')}`,
        header: attachmentHeader(ctx, date),
        blocks,
      };
    },
  },
  'subsidy.settlement': {
    title: '在宅医療推進センター整備事業補助金 精算書',
    section: 'subsidy',
    description:
      'センターごとの実績報告の金額を列ごとに算定し、決定額・確定額・支払済額・返還額（追加交付額）と並べたもの（1センター1ページ）',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: yearsWith('actual_report'),
    async build(ctx, { fy, date }) {
      const { rules, current, centers, year } = await yearAsOf(ctx, fy!, null);
      const reported = centers.flatMap(({ center, steps }) => {
        const actual = steps.findLast((s) => s.kind === 'actual_report');
        return actual?.inputs ? [{ center, steps, actual, inputs: actual.inputs }] : [];
      });
      const snapshots = await stepRules(
        ctx.db,
        fy!,
        reported.map((r) => r.actual.id),
      );
      const blocks: ReportBlock[] = [];
      for (const { center, steps, actual, inputs } of reported) {
        const snapshot = snapshots.get(actual.id)!;
        const computation = computeOrRefuse(snapshot, sharedProfile(snapshot, center, inputs, actual.kind, year), inputs);
        const state = deriveState(lifecycleSteps(steps));
        const settlement = steps.findLast((s) => s.kind === 'settlement');
        blocks.push(
          { type: 'heading', text: centerHeading(center, snapshot), ...(blocks.length > 0 ? { pageBreakBefore: true } : {}) },
          { type: 'paragraph', text: [actual, ...(settlement ? [settlement] : [])].map(stepLine).join('　') },
          {
            type: 'figures',
            items: [
              { label: '決定額', value: state.decided, format: 'yen', unit: '円' },
              { label: '実績による算定額', value: state.actual, format: 'yen', unit: '円' },
              { label: '確定額', value: state.final, format: 'yen', unit: '円' },
              { label: '支払済額', value: state.paid, format: 'yen', unit: '円' },
              state.additionalDue > 0
                ? { label: '追加交付額', value: state.additionalDue, format: 'yen', unit: '円' }
                : // Nothing is due either way before 額の確定: blank like the 確定額, not 0円.
                  { label: '返還額', value: state.final === null ? null : state.refundDue, format: 'yen', unit: '円' },
            ],
          },
          {
            type: 'table',
            caption: '実績による算定',
            columns: sheetColumns(true),
            rows: sheetRows(computation),
            notes: [
              ...sheetNotes(computation, snapshot, current),
              '確定額＝実績による算定額と決定額の少ない方。返還額＝支払済額−確定額（正の場合）、追加交付額＝確定額−支払済額（正の場合）。',
              ...(settlement ? [] : ['※ 額の確定の前のため、確定額と返還額は空欄です。']),
              ...(state.refunded > 0 ? [`返還済：${formatYen(state.refunded)}`] : []),
            ],
          },
        );
      }
      if (blocks.length === 0)
        throw new RenkeiError('not_found', `${yearText(fy!)}の実績報告がまだありません。実績報告を入力してから出力してください。`);
      return {
        title: '精算書',
        subtitle: `${yearText(fy!)} ${rules.title.replace(/交付要綱$/, '')}`,
        header: attachmentHeader(ctx, date),
        blocks,
      };
    },
  },
  'subsidy.year': {
    title: '在宅医療推進センター整備事業補助金 交付状況一覧',
    section: 'subsidy',
    description: '基準日までの各センターの申請額・決定額・支払済額・確定額・返還額・追加交付額と状況を、合計とともに示したもの',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '基準日',
    fiscalYears: yearsWith(...STEP_KINDS),
    async build(ctx, { fy, date }) {
      const { rules, centers } = await yearAsOf(ctx, fy!, date);
      const keys = ['applied', 'decided', 'paid', 'final', 'refundDue', 'additionalDue'] as const;
      const totals: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
      const rows: ReportRow[] = centers.map(({ center, steps }) => {
        const state = deriveState(lifecycleSteps(steps));
        for (const k of keys) totals[k]! += state[k] ?? 0;
        return {
          kind: 'data',
          cells: {
            name: center.name,
            class: SUBSIDY_CLASS_LABELS[center.subsidyClass],
            area: center.areaName ?? '',
            // Nothing is due either way before 額の確定: blank, not 0.
            ...Object.fromEntries(
              keys.map((k) => [k, state.final === null && (k === 'refundDue' || k === 'additionalDue') ? null : state[k]]),
            ),
            status: SUBSIDY_STATUS_LABELS[state.status],
          },
        };
      });
      if (centers.every((c) => c.steps.length === 0))
        throw new RenkeiError(
          'not_found',
          `${yearText(fy!)}の補助金の手続きが${formatWareki(date)}までにありません。年度と基準日を確かめてください。`,
        );
      rows.push({ kind: 'total', cells: { name: '合計', ...totals } });
      return {
        title: '交付状況一覧',
        subtitle: `${yearText(fy!)} ${rules.title.replace(/交付要綱$/, '')}`,
        header: attachmentHeader(ctx, date, { dateSuffix: '現在' }),
        blocks: [
          {
            type: 'table',
            columns: [
              // 状況 holds 「確定済（返還・追加交付待ち）」 (14 全角) on one line: its room comes from the amounts (8 digits
              // fit in 10), not from the center's name or 補助区分, which would then wrap and make every row two lines.
              // An amount column is widened to its widest figure (the 合計 row's, fittedWidths); 二次医療圏 (two or three
              // 全角) gives that room back.
              { key: 'name', header: 'センター', format: 'text', width: 36 },
              { key: 'class', header: '補助区分', format: 'text', width: 16 },
              { key: 'area', header: '二次医療圏', format: 'text', width: 8 },
              { key: 'applied', header: '申請額', format: 'yen', width: 10 },
              { key: 'decided', header: '決定額', format: 'yen', width: 10 },
              { key: 'paid', header: '支払済額', format: 'yen', width: 10 },
              { key: 'final', header: '確定額', format: 'yen', width: 10 },
              { key: 'refundDue', header: '返還額', format: 'yen', width: 10 },
              { key: 'additionalDue', header: '追加交付額', format: 'yen', width: 10 },
              { key: 'status', header: '状況', format: 'text', width: 28 },
            ],
            rows,
            notes: ['申請額・決定額は変更後の額。返還額・追加交付額は額の確定による額（返還済・交付済を含む）。'],
          },
        ],
      };
    },
  },
  'subsidy.register': {
    title: '文書番号台帳',
    section: 'subsidy',
    prefectureOnly: true,
    description: '県が発出した補助金の文書（交付決定通知書など）の文書番号を番号順に、日付・文書・宛先とともに並べたもの',
    orientation: 'landscape',
    needsFiscalYear: true,
    dateMeaning: '作成日',
    fiscalYears: async (db) =>
      (await db.selectFrom('documentRegister').select('fiscalYear').distinct().orderBy('fiscalYear', 'desc').execute()).map(
        (r) => r.fiscalYear,
      ),
    async build(ctx, { fy, date }) {
      const register = await readRegister(ctx.db, fy!);
      if (register.entries.length === 0)
        throw new RenkeiError('not_found', `${yearText(fy!)}に発番した文書番号はありません。年度を確かめてください。`);
      const centers = new Map((await subsidyCenters(ctx.db)).map((c) => [c.id, c.name]));
      // A letter whose step was deleted or undone keeps its number (never issued again), so the register says it is void.
      const stepIds = [...new Set(register.entries.map((e) => e.stepId))];
      const live = new Set(
        (await ctx.db.selectFrom('subsidyStep').select('id').where('id', 'in', stepIds).execute()).map((r) => Number(r.id)),
      );
      const withdrawn = register.entries.filter((e) => !live.has(e.stepId)).length;
      return {
        title: '文書番号台帳',
        subtitle: `${yearText(fy!)}（${register.prefix ?? ''}）`,
        header: attachmentHeader(ctx, date),
        blocks: [
          {
            type: 'table',
            // One line to a letter on A4 landscape, each column as wide as its longest text (measured in the PDF, padding
            // included): 「令和6年12月28日」 14, 「変更交付決定通知書（令和5年度分）」 28, 「十日町市中魚沼郡医師会長　様」 24,
            // a center's 20 全角 33, 「取消し」 7. The 返還命令書's 返還期限 has a column of its own: inside 文書 it wrapped
            // mid-date (「（返還期限 令和6年6 / 月9日）」).
            columns: [
              { key: 'number', header: '番号', format: 'text', width: 14 },
              { key: 'issuedOn', header: '日付', format: 'date', width: 14 },
              { key: 'document', header: '文書', format: 'text', width: 29 },
              { key: 'dueOn', header: '返還期限', format: 'date', width: 14 },
              { key: 'addressee', header: '宛先', format: 'text', width: 25 },
              { key: 'center', header: 'センター', format: 'text', width: 35 },
              // A void number is marked where a reader running down the numbers sees it; the note below says why.
              { key: 'remark', header: '備考', format: 'text', width: 7, align: 'center' },
            ],
            rows: register.entries.map((e) => ({
              kind: 'data' as const,
              cells: {
                number: e.documentNumber,
                issuedOn: e.issuedOn,
                document:
                  e.document +
                  // A letter dated after its subsidy year is numbered in the series of the year it is dated in.
                  (e.subsidyYear === e.fiscalYear ? '' : `（${yearText(e.subsidyYear)}分）`),
                dueOn: e.dueOn,
                addressee: e.addressee,
                center: centers.get(e.centerId) ?? `番号 ${e.centerId}（台帳にありません）`,
                remark: live.has(e.stepId) ? '' : '取消し',
              },
            })),
            notes: [
              `発番 ${register.entries.length}件${withdrawn > 0 ? `（うち取消し ${withdrawn}件）` : ''}。次の番号：${register.prefix ?? ''}${register.nextNumber ?? ''}号。一度発番した番号は、元に戻す操作をしても再び使いません。`,
              ...(withdrawn > 0
                ? [
                    '備考の「取消し」は、文書を作成した後に、その文書が通知する手続きが削除された（元に戻した）ものです。番号は欠番として残します。',
                  ]
                : []),
            ],
          },
        ],
      };
    },
  },
  'subsidy.decisions': {
    title: '在宅医療推進センター整備事業補助金 交付決定一覧',
    section: 'subsidy',
    description: '基準日までの交付決定・変更交付決定を日付順に、指令番号・センター・決定額・理由とともに並べたもの',
    orientation: 'portrait',
    needsFiscalYear: true,
    dateMeaning: '基準日',
    fiscalYears: yearsWith('decision', 'change_decision'),
    async build(ctx, { fy, date }) {
      const { rules, centers } = await yearAsOf(ctx, fy!, date);
      const decisions = centers
        .flatMap(({ center, steps }) =>
          steps.filter((s) => s.kind === 'decision' || s.kind === 'change_decision').map((step) => ({ center, step })),
        )
        .sort((a, b) => a.step.datedOn.localeCompare(b.step.datedOn) || a.step.id - b.step.id);
      if (decisions.length === 0)
        throw new RenkeiError(
          'not_found',
          `${yearText(fy!)}の交付決定が${formatWareki(date)}までにありません。年度と基準日を確かめてください。`,
        );
      return {
        title: '交付決定一覧',
        subtitle: `${yearText(fy!)} ${rules.title.replace(/交付要綱$/, '')}`,
        header: attachmentHeader(ctx, date, { dateSuffix: '現在' }),
        blocks: [
          {
            type: 'table',
            columns: [
              { key: 'orderNo', header: '指令番号', format: 'text', width: 20 },
              { key: 'datedOn', header: '決定日', format: 'date', width: 17 },
              { key: 'kind', header: '種類', format: 'text', width: 14 },
              { key: 'center', header: 'センター', format: 'text', width: 36 },
              { key: 'amount', header: '決定額', format: 'yen', width: 12 },
              { key: 'reason', header: '理由', format: 'text', width: 16 },
            ],
            rows: decisions.map(({ center, step }) => ({
              kind: 'data' as const,
              cells: {
                orderNo: step.orderNo,
                datedOn: step.datedOn,
                kind: STEP_KIND_LABELS[step.kind],
                center: center.name,
                amount: step.amount,
                reason: [step.reason, step.override ? `（予算超過を承知で決定：${step.overrideReason}）` : ''].join(''),
              },
            })),
            notes: [
              `各センターの最新の決定額の合計：${formatYen(yen(centers.reduce((n, c) => n + (deriveState(lifecycleSteps(c.steps)).decided ?? 0), 0)))}`,
            ],
          },
        ],
      };
    },
  },
};

/** Each letter of the life-cycle as a set, one document per center: `subsidy.letter.decision` …. */
export const subsidyLetterSets: Record<string, DocumentSetDefinition> = Object.fromEntries(
  LETTER_KINDS.map((kind): [string, DocumentSetDefinition] => [
    letterSetName(kind),
    {
      title: LETTER_LABELS[kind],
      section: 'subsidy',
      orientation: kind === 'actual_report' ? 'landscape' : 'portrait',
      async build(ctx, { fy, centerIds }, progress) {
        const letters = await subsidyLetters(ctx, { fiscalYear: fy, kind, centerIds }, progress);
        if (letters.length === 0) {
          throw new RenkeiError(
            'not_found',
            `${yearText(fy)}の${LETTER_LABELS[kind]}にする手続きがありません${isIssuedLetter(kind) ? '（県の発出文書は、先に文書番号を取ってください）' : ''}。`,
          );
        }
        return letters.map(letterBody);
      },
    },
  ]),
);
