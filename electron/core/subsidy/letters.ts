/**
 * The subsidy's letters, one per step, for one center or all: first as plain
 * data (`subsidyLetters`, the record a user's own 様式 is filled from too),
 * then laid out as documents for the report engine. Every amount is a step's
 * own or the 第4条 computation the step kept (computeOrRefuse on the step's
 * 要綱), never worked out another way; the prefecture's letters carry the
 * 文書番号 the register issued them. 医師会・事務局 makes the letters its
 * centers submit, for its own centers only.
 */
import { RenkeiError } from '@shared/contract';
import type {
  BudgetStatement,
  DocumentRegisterEntry,
  LetterFigure,
  SubsidyCenter,
  SubsidyLetter,
  SubsidyTaxCredit,
} from '@shared/contract/subsidy';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { SUBSIDY_CLASS_LABELS } from '@shared/masters/model';
import { yen } from '@shared/money';
import type { ReportBlock, ReportColumn, ReportRow } from '@shared/report/model';
import { rateText } from '@shared/subsidy/calc';
import { capLines, type SubsidyComputation } from '@shared/subsidy/compute';
import { conditionLines, isIssuedLetter, LETTER_LABELS, LETTER_STEP, type LetterKind, regulationName } from '@shared/subsidy/letters';
import { deriveState, finalAmount } from '@shared/subsidy/lifecycle';
import type { SubsidyRules } from '@shared/subsidy/rules';
import { formatWareki } from '@shared/wareki';
import { governorLine, type ReportBody, type ReportContext, type SetProgress, submitterLines } from '../kernel/report-definition';
import {
  computeOrRefuse,
  lifecycleSteps,
  noRulesError,
  readRules,
  recipientOf,
  sharedProfile,
  stepRules,
  taxCreditOf,
  yearView,
} from './read';

const yearText = (fy: number) => formatFiscalYear(fy as FiscalYear);
const wareki = (date: string) => formatWareki(date as IsoDate);

/** The 補助区分 as the 要綱's 別表1 row label writes it, else the 台帳's name for it. */
function classLabel(rules: SubsidyRules, center: SubsidyCenter): string {
  for (const p of rules.programs) {
    if (p.kind !== 'operating') continue;
    const row = p.rows.find((r) => r.class === center.subsidyClass);
    if (row) return row.label;
  }
  return SUBSIDY_CLASS_LABELS[center.subsidyClass];
}

/** 収入 and 支出 of a step's amounts, the 補助金 being the 第4条 amount. */
function statementOf(computation: SubsidyComputation, subsidy: number): BudgetStatement {
  let total = 0;
  let otherIncome = 0;
  const expenses: BudgetStatement['expenses'] = [];
  for (const p of computation.programs) {
    total += p.result.totalCost;
    otherIncome += p.result.otherIncome;
    if (p.kind === 'operating') {
      const r = p.result;
      expenses.push({ label: `${p.name}　対象経費`, amount: r.eligibleExpense });
      if (r.totalCost > r.eligibleExpense) expenses.push({ label: `${p.name}　対象外経費`, amount: yen(r.totalCost - r.eligibleExpense) });
      continue;
    }
    let items = 0;
    for (const item of p.result.items) {
      items += item.eligibleExpense;
      expenses.push({ label: `${p.name}　${p.itemLabels[item.item] ?? item.item}`, amount: item.eligibleExpense });
    }
    if (p.result.totalCost > items) expenses.push({ label: `${p.name}　対象外経費`, amount: p.result.totalCost - items });
  }
  return {
    income: { subsidy, otherIncome: yen(otherIncome), ownFunds: yen(Math.max(0, total - subsidy - otherIncome)), total: yen(total) },
    expenses,
    expenseTotal: yen(total),
  };
}

/** The lettered columns of the 精算額調書, each with its formula. */
export const SETTLEMENT_COLUMNS: ReportColumn[] = [
  { key: 'name', header: '事業・種目', format: 'text', width: 22 },
  { key: 'a', header: '(A) 総事業費', format: 'yen', width: 11 },
  { key: 'b', header: '(B) 寄付金その他収入額', format: 'yen', width: 11 },
  { key: 'c', header: '(C) 対象経費の支出額', format: 'yen', width: 11 },
  { key: 'd', header: '(D) 差引額 (A)−(B)', format: 'yen', width: 11 },
  { key: 'e', header: '(E) 基準額', format: 'yen', width: 11 },
  { key: 'f', header: '(F) 選定額 (C)と(E)の少ない方', format: 'yen', width: 11 },
  { key: 'g', header: '(G) 補助基本額 (D)と(F)の少ない方', format: 'yen', width: 11 },
  { key: 'h', header: '(H) 補助率', format: 'text', width: 7, align: 'center' },
  { key: 'i', header: '(I) 精算額 (G)×(H)', format: 'yen', width: 11 },
  { key: 'j', header: '(J) 交付決定額', format: 'yen', width: 11 },
  { key: 'k', header: '(K) 確定額 (I)と(J)の少ない方', format: 'yen', width: 11 },
  { key: 'l', header: '(L) 県補助金受入済額', format: 'yen', width: 11 },
  { key: 'm', header: '(M) 差引過不足額 (L)−(K)', format: 'yen', width: 11 },
];

/** One row per program (a row per ＩＣＴ 種目 above its program's), and the center's total with (J)…(M). */
function settlementRows(computation: SubsidyComputation, decided: number, final: number, paid: number): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const p of computation.programs) {
    if (p.kind === 'operating') {
      const r = p.result;
      rows.push({
        kind: 'data',
        cells: {
          name: p.name,
          a: r.totalCost,
          b: r.otherIncome,
          c: r.eligibleExpense,
          d: r.netCost,
          e: r.baseAmount,
          f: r.selected,
          g: r.basis,
          h: rateText(r.rate),
          i: r.amount,
        },
      });
      continue;
    }
    for (const item of p.result.items) {
      rows.push({
        kind: 'data',
        cells: {
          name: `　${p.itemLabels[item.item] ?? item.item}`,
          c: item.eligibleExpense,
          e: item.baseAmount,
          f: item.selected,
          g: item.allotted,
          h: item.excluded ? '対象外' : rateText(item.appliedRate),
        },
      });
    }
    rows.push({
      kind: 'subtotal',
      cells: {
        name: `${p.name} 計`,
        a: p.result.totalCost,
        b: p.result.otherIncome,
        c: yen(p.result.items.reduce((n, item) => n + item.eligibleExpense, 0)),
        d: p.result.netCost,
        f: p.result.selectedTotal,
        g: p.result.basis,
        h: '種目ごと',
        i: p.result.amount,
      },
    });
  }
  rows.push({
    kind: 'total',
    cells: { name: '合計', i: computation.total, j: decided, k: final, l: paid, m: paid - final },
  });
  return rows;
}

export interface LetterRequest {
  fiscalYear: number;
  kind: LetterKind;
  /** Empty: every center with the step. */
  centerIds: readonly number[];
  /** The register entries to print (the prefecture's letters); others print from the steps. */
  entries?: readonly DocumentRegisterEntry[];
}

/**
 * The centers whose letters the signed-in person may make, null for every one. 医師会・事務局 prints what its
 * centers submit, for the centers its 医師会 runs and no other (all of those when none are named); a letter the
 * prefecture issues is the prefecture's. Checked here as well as by the database's row-level security, so the
 * refusal names the center and who may make its letter rather than finding no step.
 */
async function lettersScope(ctx: ReportContext, kind: LetterKind, centerIds: readonly number[]): Promise<readonly number[] | null> {
  const { session } = ctx.core;
  if (session.role !== 'assoc') return centerIds.length === 0 ? null : centerIds;
  const label = LETTER_LABELS[kind];
  if (isIssuedLetter(kind))
    throw new RenkeiError(
      'refused',
      `${label}は県が発出する文書（文書番号台帳から番号を取ります）のため、県の担当者が作成します。医師会・事務局の役割では作成できません。`,
    );
  const own = (
    await ctx.db
      .selectFrom('center')
      .select('id')
      .where('operatorAssociationId', '=', session.associationId ?? -1)
      .execute()
  ).map((r) => r.id);
  const others = centerIds.filter((id) => !own.includes(id));
  if (others.length > 0)
    throw new RenkeiError(
      'refused',
      `センター（番号 ${others.join('、')}）はほかの医師会の運営のため、その${label}は作成できません。そのセンターを運営する医師会の事務局か、県の担当者が作成します。`,
    );
  return centerIds.length === 0 ? own : centerIds;
}

/**
 * Each center's letter of the kind, as data, in the order of the 台帳. The
 * prefecture's letters are those with a 文書番号 issued (subsidy.letters.issue);
 * the latest number of each center's step is the one printed.
 * @example (await subsidyLetters(ctx, { fiscalYear: 2023, kind: 'decision', centerIds: [] }))[0].figures[0] // { label: '交付決定額', amount: 6973000 }
 */
export async function subsidyLetters(
  ctx: ReportContext,
  request: LetterRequest,
  progress: SetProgress = async () => undefined,
): Promise<SubsidyLetter[]> {
  const { db } = ctx;
  const { fiscalYear, kind } = request;
  const only = await lettersScope(ctx, kind, request.centerIds);
  const rules = await readRules(db, fiscalYear);
  if (!rules) throw noRulesError(fiscalYear);
  const subsidyName = rules.title.replace(/交付要綱$/, '');
  const year = await yearView(db, fiscalYear);
  const { steps } = year;
  const entries =
    request.entries ??
    (isIssuedLetter(kind)
      ? (
          await db
            .selectFrom('documentRegister')
            .selectAll()
            .where('subsidyYear', '=', fiscalYear)
            .where('letterKind', '=', kind)
            .orderBy('number')
            .execute()
        ).map((r) => ({ ...r, letterKind: r.letterKind as LetterKind }))
      : []);
  // Each center that has a letter of the kind: the step it reports, and the 文書番号 the register gave a prefecture's.
  const targets = year.centers.flatMap((center) => {
    if (only !== null && !only.includes(center.id)) return [];
    const step = (steps.get(center.id) ?? []).findLast((s) => s.kind === LETTER_STEP[kind]);
    const entry = step && isIssuedLetter(kind) ? entries.findLast((e) => e.stepId === step.id && e.letterKind === kind) : undefined;
    return step && (entry || !isIssuedLetter(kind)) ? [{ center, step, entry }] : [];
  });
  // A 仕入控除税額報告書 only where the 要綱 asks for it, and once the center has reported its 仕入控除税額.
  const credits = new Map<number, SubsidyTaxCredit>();
  if (kind === 'tax_credit' && rules.taxCreditArticle)
    for (const { center } of targets) {
      const credit = await taxCreditOf(db, center.id, fiscalYear);
      if (credit) credits.set(center.id, credit);
    }
  const made = kind === 'tax_credit' ? targets.filter((t) => credits.has(t.center.id)) : targets;
  const prefectureSender = submitterLines(ctx);
  const governor = governorLine(ctx) || '知事';
  const letters: SubsidyLetter[] = [];
  for (const { center, step, entry } of made) {
    await progress(letters.length, made.length, center.name);
    const own = steps.get(center.id) ?? [];
    const upTo = own.slice(0, own.indexOf(step) + 1);
    const state = deriveState(lifecycleSteps(upTo));
    const recipient = await recipientOf(db, center.id, ctx.settings.associationPresidents);
    const snapshots = await stepRules(db, fiscalYear, [step.id]);
    const snapshot = snapshots.get(step.id);
    const computation =
      step.inputs && snapshot
        ? computeOrRefuse(snapshot, sharedProfile(snapshot, center, step.inputs, step.kind, year), step.inputs)
        : null;
    const report = own.findLast((s) => s.kind === 'actual_report');
    const prefectureLetter = isIssuedLetter(kind);
    const base = {
      kind,
      document: LETTER_LABELS[kind],
      title: `${yearText(fiscalYear)}${subsidyName}${LETTER_LABELS[kind]}`,
      fiscalYear,
      formNumber: kind === 'application' ? '様式第1号' : null,
      documentNumber: entry?.documentNumber ?? (step.orderNo || '第　　　号'),
      date: (entry?.issuedOn ?? step.datedOn) as IsoDate,
      addressee: prefectureLetter ? recipient.addressee : `${governor}　様`,
      sender: prefectureLetter ? prefectureSender : [recipient.sender],
      center,
      subsidyClass: classLabel(rules, center),
      association: recipient.association,
      subsidyName,
      step,
      conditions: [] as string[],
      dueOn: (entry?.dueOn ?? null) as IsoDate | null,
      computation,
      statement: null as BudgetStatement | null,
      settlement: null as ReportRow[] | null,
    };
    const name = `${yearText(fiscalYear)}${subsidyName}`;
    const rulesName = rules.title;
    // The prefecture's own 規則, never another's: the 要綱's name for it, else the 台帳's prefecture's.
    const regulation = regulationName(rules.regulationName, ctx.prefecture?.name ?? null);
    switch (kind) {
      case 'application':
      case 'change_application': {
        const amount = computation?.total ?? step.amount;
        const change = kind === 'change_application';
        letters.push({
          ...base,
          article: `${rulesName}第4条`,
          lead: change
            ? `${yearText(fiscalYear)}において、交付決定を受けた補助事業の内容を下記のとおり変更したいので、補助金の変更交付を申請します。`
            : `${yearText(fiscalYear)}において、下記のとおり事業を実施したいので、${rulesName}第4条の規定により算定した補助金 金${formatYen(yen(amount))}を交付されるよう申請します。`,
          figures: change
            ? [
                { label: '変更前の交付決定額', amount: state.decided },
                { label: '変更後の交付申請額', amount },
              ]
            : [{ label: '交付申請額', amount }],
          statement: computation ? statementOf(computation, amount) : null,
        });
        break;
      }
      case 'decision':
      case 'change_decision': {
        const change = kind === 'change_decision';
        const previous = lifecycleSteps(own.slice(0, own.indexOf(step))).findLast(
          (s) => s.kind === 'decision' || s.kind === 'change_decision',
        );
        const applied = own.findLast((s) => (s.kind === 'application' || s.kind === 'change_application') && s.datedOn <= step.datedOn);
        letters.push({
          ...base,
          article: `${rulesName}第4条`,
          lead: `${applied ? `${wareki(applied.datedOn)}付けで申請のあった` : ''}${name}については、${regulation}及び${rulesName}（以下「要綱」という。）の規定により、下記のとおり${change ? '交付決定額を変更' : '交付することに決定'}したので通知します。`,
          figures: change
            ? [
                { label: '変更前の交付決定額', amount: previous?.amount ?? null },
                { label: '変更後の交付決定額', amount: step.amount },
              ]
            : [{ label: '交付決定額', amount: step.amount }],
          conditions: conditionLines(rules.conditions, regulation),
        });
        break;
      }
      case 'payment': {
        const paidBefore = yen(state.paid - step.amount);
        letters.push({
          ...base,
          article: regulation,
          lead: `${name}について、下記のとおり概算払により交付されるよう請求します。`,
          figures: [
            { label: '交付決定額', amount: state.decided },
            { label: '既受領額', amount: paidBefore },
            { label: '今回請求額', amount: step.amount },
            { label: '残額', amount: state.decided === null ? null : yen(state.decided - state.paid) },
          ],
        });
        break;
      }
      case 'actual_report': {
        const decision = upTo.findLast((s) => s.kind === 'decision' || s.kind === 'change_decision');
        const actual = computation?.total ?? step.amount;
        const decided = state.decided ?? yen(0);
        const final = state.final ?? finalAmount(state, yen(actual));
        letters.push({
          ...base,
          article: `${rulesName}第4条`,
          lead: `${decision ? `${await decisionCitation(ctx, decision)}で交付決定の通知があった` : ''}${name}に係る事業が完了したので、下記のとおり報告します。`,
          figures: [
            { label: '交付決定額', amount: state.decided },
            { label: '精算額', amount: actual },
            { label: '県補助金受入済額', amount: state.paid },
          ],
          statement: computation ? statementOf(computation, final) : null,
          settlement: computation ? settlementRows(computation, decided, final, state.paid) : null,
        });
        break;
      }
      case 'settlement':
      case 'refund_order':
      case 'additional_notice': {
        const lead =
          kind === 'settlement'
            ? `${report ? `${wareki(report.datedOn)}付けで実績報告のあった` : ''}${name}については、要綱第4条の規定により、交付すべき補助金の額を下記のとおり確定したので通知します。`
            : kind === 'refund_order'
              ? `${wareki(step.datedOn)}付けで額を確定した${name}について、既に交付した額が確定額を超えるため、${regulation}の規定により、下記のとおり返還を命じます。`
              : `${wareki(step.datedOn)}付けで額を確定した${name}について、確定額が既に交付した額を超えるため、下記のとおり追加して交付します。`;
        const figures: LetterFigure[] = [
          { label: '交付決定額', amount: state.decided },
          { label: '確定額', amount: state.final },
          { label: '既交付額', amount: state.paid },
        ];
        if (kind === 'refund_order' || (kind === 'settlement' && state.refundDue > 0))
          figures.push({ label: '返還額', amount: state.refundDue });
        if (kind === 'additional_notice' || (kind === 'settlement' && state.additionalDue > 0))
          figures.push({ label: '追加交付額', amount: state.additionalDue });
        letters.push({ ...base, article: `${rulesName}第4条`, lead, figures });
        break;
      }
      case 'tax_credit': {
        const credit = credits.get(center.id)!;
        letters.push({
          ...base,
          date: credit.reportedOn as IsoDate,
          // The center's own number; the step's is the prefecture's 額の確定 order.
          documentNumber: '第　　　号',
          article: `${rulesName}${rules.taxCreditArticle}`,
          lead: `${wareki(step.datedOn)}付けで額の確定を受けた${name}について、${rulesName}${rules.taxCreditArticle}の規定により、消費税及び地方消費税に係る仕入控除税額を下記のとおり報告します。`,
          figures: [
            { label: '補助金額（確定額）', amount: state.final },
            { label: '仕入控除税額', amount: credit.creditAmount },
            { label: '返還相当額', amount: credit.refundAmount },
          ],
        });
        break;
      }
    }
  }
  return letters;
}

/**
 * 「令和5年5月19日付け新医薬第1001号」: the 交付決定 a center's report answers, as the letter it
 * received cites it — the register's number and date once the letter was numbered, else the step's own.
 * 医師会・事務局 cites the step's 指令番号, as its own Renkei does with the decisions it takes in by file:
 * the register is the prefecture's, and its login is granted none of it.
 */
async function decisionCitation({ db, core }: ReportContext, decision: { id: number; datedOn: string; orderNo: string }): Promise<string> {
  const entry =
    core.session.role === 'assoc'
      ? undefined
      : await db
          .selectFrom('documentRegister')
          .select(['documentNumber', 'issuedOn'])
          .where('stepId', '=', decision.id)
          .where('letterKind', 'in', ['decision', 'change_decision'])
          .orderBy('number', 'desc')
          .executeTakeFirst();
  return entry ? `${wareki(entry.issuedOn)}付け${entry.documentNumber}` : `${wareki(decision.datedOn)}付け${decision.orderNo}`;
}

function figureLines(letter: SubsidyLetter): string[] {
  const lines = letter.figures.map((f, i) => `${i + 1}　${f.label}　${f.amount === null ? '―' : `金${formatYen(yen(f.amount))}`}`);
  if (letter.dueOn) lines.push(`${lines.length + 1}　返還期限　${wareki(letter.dueOn)}`);
  return lines;
}

const STATEMENT_COLUMNS: ReportColumn[] = [
  { key: 'label', header: '区分', format: 'text', width: 40 },
  { key: 'amount', header: '金額', format: 'yen', width: 16 },
];

function statementBlocks(letter: SubsidyLetter, caption: string): ReportBlock[] {
  const s = letter.statement;
  if (!s) return [];
  return [
    { type: 'heading', text: caption },
    {
      type: 'table',
      caption: '収入',
      columns: STATEMENT_COLUMNS,
      rows: [
        { kind: 'data', cells: { label: '県補助金', amount: s.income.subsidy } },
        { kind: 'data', cells: { label: '寄付金その他収入', amount: s.income.otherIncome } },
        { kind: 'data', cells: { label: '自己資金', amount: s.income.ownFunds } },
        { kind: 'total', cells: { label: '計', amount: s.income.total } },
      ],
    },
    {
      type: 'table',
      caption: '支出',
      columns: STATEMENT_COLUMNS,
      rows: [
        ...s.expenses.map((e) => ({ kind: 'data' as const, cells: { label: e.label, amount: e.amount } })),
        { kind: 'total', cells: { label: '計', amount: s.expenseTotal } },
      ],
    },
  ];
}

/** 事業計画書 / 事業実績書: the programs, the center's 補助区分 and what each covers. */
function planBlocks(letter: SubsidyLetter, caption: string): ReportBlock[] {
  if (!letter.computation) return [];
  return [
    { type: 'heading', text: caption, pageBreakBefore: true },
    {
      type: 'table',
      columns: [
        { key: 'program', header: '事業名', format: 'text', width: 30 },
        { key: 'content', header: '内容（対象経費）', format: 'text', width: 44 },
        { key: 'cost', header: '総事業費', format: 'yen', width: 14 },
      ],
      rows: letter.computation.programs.map((p) => ({
        kind: 'data' as const,
        cells: {
          program: p.name,
          content:
            p.kind === 'operating'
              ? `${letter.subsidyClass}　${p.coveredExpenses}`
              : p.result.items.map((i) => p.itemLabels[i.item] ?? i.item).join('・'),
          cost: p.result.totalCost,
        },
      })),
      notes: [`実施主体：${letter.association}（${letter.center.name}）`, ...capLines(letter.computation)],
    },
  ];
}

/** One letter as a document: its header, the opening, 記 and whatever the form attaches. */
export function letterBody(letter: SubsidyLetter): ReportBody {
  const blocks: ReportBlock[] = [
    { type: 'paragraph', text: letter.lead },
    { type: 'heading', text: '記', centered: true },
    { type: 'notes', lines: figureLines(letter) },
  ];
  if (letter.conditions.length > 0) {
    blocks.push({ type: 'heading', text: '交付の条件' }, { type: 'notes', lines: letter.conditions.map((c, i) => `（${i + 1}）${c}`) });
  }
  if (letter.kind === 'application' || letter.kind === 'change_application') {
    blocks.push(...planBlocks(letter, '事業計画書'), ...statementBlocks(letter, '収支予算書'));
  }
  if (letter.kind === 'actual_report') {
    blocks.push(...planBlocks(letter, '事業実績書'), ...statementBlocks(letter, '収支決算書'));
    if (letter.settlement) {
      blocks.push(
        { type: 'heading', text: '精算額調書', pageBreakBefore: true },
        {
          type: 'table',
          columns: SETTLEMENT_COLUMNS,
          rows: letter.settlement,
          notes: [
            `(I) は事業ごとに補助基本額に補助率を乗じ、1,000円未満を切り捨てた額（${letter.article}）。(D) は0円未満のとき0円。`,
            '(M) が正の額は返還額、負の額は追加交付額。',
            ...(letter.computation ? capLines(letter.computation) : []),
          ],
        },
      );
    }
  }
  blocks.push({ type: 'notes', lines: [`（根拠：${letter.article}）　${letter.center.name}（${letter.subsidyClass}）`] });
  return {
    title: letter.title,
    subtitle: letter.center.name,
    header: {
      ...(letter.formNumber ? { formNumber: letter.formNumber } : {}),
      documentNumber: letter.documentNumber,
      date: letter.date as IsoDate,
      addressee: letter.addressee,
      submitter: letter.sender,
    },
    blocks,
  };
}
