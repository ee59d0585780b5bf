/**
 * One center's subsidy under a fiscal year's 交付要綱: picks the 別表 row of
 * the center's 補助区分, each 種目's 基準額 and rate (in the 要綱's row
 * order, which breaks ties in the ＩＣＴ allotment), and the 上限額 of its
 * 二次医療圏 — or says why none applies — then runs the 第4条 formulas of
 * calc.ts program by program and keeps every column they return.
 */
import { formatYen } from '../format';
import { fraction } from '../fraction';
import { SUBSIDY_CLASS_LABELS, type SubsidyClass } from '../masters/model';
import { type Yen, yen } from '../money';
import { type IctResult, ictSubsidy, type OperatingResult, operatingSubsidy } from './calc';
import type { CapScope, IctProgram, OperatingProgram, ProgramInput, Rate, RulesBasis, SubsidyInputs } from './rules';

/** What the 要綱 needs to know of a center: its 補助区分 (台帳) and its 二次医療圏. */
export interface CenterProfile {
  name: string;
  subsidyClass: SubsidyClass;
  /** The 二次医療圏 whose ＩＣＴ 上限額 applies; null when none does (the 県医師会's center). */
  areaId: number | null;
  /** The 二次医療圏's name, for the note when it has no 上限額. */
  areaName?: string | null;
  /** Where a 要綱 shares the ＩＣＴ 上限額 by area: what the centers before this one took of it (allotAreaCaps). */
  areaShare?: AreaShare;
}

/** A center's place in its area's shared ＩＣＴ 上限額. */
export interface AreaShare {
  /** How many centers of the area share the 上限額. */
  centers: number;
  /** ＩＣＴ program code → the yen of its 上限額 the centers earlier in the order took. */
  taken: Record<string, number>;
}

export interface OperatingComputation {
  kind: 'operating';
  code: string;
  name: string;
  /** The 別表1 区分 the 基準額 came from. */
  rowLabel: string;
  coveredExpenses: string;
  result: OperatingResult;
  amount: Yen;
}

export interface IctComputation {
  kind: 'ict';
  code: string;
  name: string;
  /** 種目 code → its name in the 要綱. */
  itemLabels: Record<string, string>;
  areaId: number | null;
  result: IctResult;
  /** Why result.cap is null, for the sheet to print (「上限額の定めなし（…）」); null when a 上限額 applies. */
  capNote: string | null;
  /** Which reading of the 上限額 the 要綱 takes. */
  capScope: CapScope;
  /** The area's whole 上限額 and what centers before this one took of it (shared reading); result.cap is what was left. */
  areaCap: { cap: Yen; takenBefore: Yen; centers: number } | null;
  /** The line the documents print: 「ICT上限の適用：二次医療圏単位（3センターで按分、センター番号順）」. */
  capScopeNote: string;
  amount: Yen;
}

export type ProgramComputation = OperatingComputation | IctComputation;

export interface SubsidyComputation {
  programs: ProgramComputation[];
  /** 交付（所要）額: the sum of the programs, each already rounded (第4条 柱書). */
  total: Yen;
}

/** A rules or inputs problem, with where it is, for a Japanese message naming the center and the field. */
export class SubsidyInputError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = 'SubsidyInputError';
  }
}

const rateOf = (rate: Rate) => fraction(rate.numerator, rate.denominator);

interface IctTable {
  rows: Map<string, { baseAmount: Yen; rate: ReturnType<typeof rateOf>; firstYearOnly: boolean; label: string; order: number }>;
  labels: Record<string, string>;
}

/** Each ＩＣＴ program's 種目 by code, built once per 要綱 document: a year computes the same rows for every center. */
const ictTables = new WeakMap<IctProgram, IctTable>();

function ictTable(program: IctProgram): IctTable {
  let table = ictTables.get(program);
  if (!table) {
    table = {
      rows: new Map(
        program.rows.map((r, order) => [
          r.item,
          { baseAmount: yen(r.baseAmount), rate: rateOf(r.rate), firstYearOnly: r.firstYearOnly, label: r.label, order },
        ]),
      ),
      labels: Object.freeze(Object.fromEntries(program.rows.map((r) => [r.item, r.label]))),
    };
    ictTables.set(program, table);
  }
  return table;
}

function operating(
  program: OperatingProgram,
  input: Extract<ProgramInput, { kind: 'operating' }>,
  center: CenterProfile,
  unit: number,
  at: number,
): OperatingComputation {
  const row = program.rows.find((r) => r.class === center.subsidyClass);
  if (!row) {
    throw new SubsidyInputError(
      `「${program.name}」に補助区分「${SUBSIDY_CLASS_LABELS[center.subsidyClass]}」の基準額がありません（${center.name}）。要綱の別表に区分を追加してください。`,
      ['programs', at],
    );
  }
  const result = operatingSubsidy({
    totalCost: yen(input.totalCost),
    otherIncome: yen(input.otherIncome),
    eligibleExpense: yen(input.eligibleExpense),
    baseAmount: yen(row.baseAmount),
    rate: rateOf(row.rate),
    roundingUnit: unit,
  });
  return {
    kind: 'operating',
    code: program.code,
    name: program.name,
    rowLabel: row.label,
    coveredExpenses: row.coveredExpenses,
    result,
    amount: result.amount,
  };
}

/** Why no 上限額 applies to the center, or null when one does. */
function capNoteOf(center: CenterProfile, capped: boolean): string | null {
  if (capped) return null;
  if (center.areaId !== null)
    return `上限額の定めなし（二次医療圏「${center.areaName ?? `番号 ${center.areaId}`}」の上限額が要綱にありません）`;
  return center.subsidyClass === 'prefectural'
    ? '上限額の定めなし（県全体を対象とするセンターのため、二次医療圏の上限額は当てません）'
    : '上限額の定めなし（担当する市町村がどの二次医療圏にも属していません）';
}

function ict(
  program: IctProgram,
  input: Extract<ProgramInput, { kind: 'ict' }>,
  center: CenterProfile,
  unit: number,
  at: number,
): IctComputation {
  const table = ictTable(program);
  const seen = new Set<string>();
  let inOrder = true;
  let lastOrder = -1;
  const items = input.items.map((entry, j) => {
    const row = table.rows.get(entry.item);
    if (!row) {
      throw new SubsidyInputError(
        `「${program.name}」に種目「${entry.item}」はありません（${center.name}）。要綱の別表2の種目から選んでください。`,
        ['programs', at, 'items', j, 'item'],
      );
    }
    if (seen.has(entry.item)) {
      throw new SubsidyInputError(
        `「${program.name}」の種目「${row.label}」が2回入力されています（${center.name}）。1つにまとめて合計額を入力してください。`,
        ['programs', at, 'items', j, 'item'],
      );
    }
    seen.add(entry.item);
    inOrder &&= row.order > lastOrder;
    lastOrder = row.order;
    return {
      item: entry.item,
      baseAmount: row.baseAmount,
      eligibleExpense: yen(entry.eligibleExpense),
      rate: row.rate,
      firstYearOnly: row.firstYearOnly,
    };
  });
  if (!inOrder) items.sort((a, b) => table.rows.get(a.item)!.order - table.rows.get(b.item)!.order);
  const cap = center.areaId === null ? undefined : program.caps.find((c) => c.areaId === center.areaId);
  const shared = program.capScope === 'area' && cap !== undefined;
  const takenBefore = yen(shared ? (center.areaShare?.taken[program.code] ?? 0) : 0);
  const result = ictSubsidy({
    totalCost: yen(input.totalCost),
    otherIncome: yen(input.otherIncome),
    items,
    firstYear: input.firstYear,
    cap: cap ? yen(Math.max(0, cap.cap - takenBefore)) : null,
    roundingUnit: unit,
  });
  const centers = center.areaShare?.centers ?? 1;
  return {
    kind: 'ict',
    code: program.code,
    name: program.name,
    itemLabels: table.labels,
    areaId: center.areaId,
    result,
    capNote: capNoteOf(center, cap !== undefined),
    capScope: program.capScope,
    areaCap: shared ? { cap: yen(cap.cap), takenBefore, centers } : null,
    capScopeNote: capScopeNote(program.capScope, centers),
    amount: result.amount,
  };
}

/** 「ICT上限の適用：…」 as the 精算書 and the letters print it. */
export function capScopeNote(scope: CapScope, centers: number): string {
  return scope === 'area'
    ? `ICT上限の適用：二次医療圏単位（${centers}センターで按分、センター番号順）`
    : 'ICT上限の適用：センターごと（二次医療圏の上限額を各センターに適用）';
}

/**
 * The lines a document prints under an ＩＣＴ amount: which reading of the
 * 上限額 was used and, when shared, how much of the area's the centers before took.
 * @example capLines(computation) // ['ICT上限の適用：二次医療圏単位（3センターで按分、センター番号順）', '…']
 */
export function capLines(computation: SubsidyComputation): string[] {
  return computation.programs.flatMap((p) => {
    if (p.kind !== 'ict') return [];
    const lines = [p.capScopeNote];
    if (p.areaCap) {
      lines.push(
        `${p.name}：二次医療圏の上限額${formatYen(p.areaCap.cap)}のうち、先のセンターの交付額${formatYen(p.areaCap.takenBefore)}を除いた${formatYen(p.result.cap ?? yen(0))}が上限`,
      );
    }
    return lines;
  });
}

/** Whether any ＩＣＴ program of the 要綱 shares its 上限額 by area. */
export const sharesAreaCap = (rules: RulesBasis) => rules.programs.some((p) => p.kind === 'ict' && p.capScope === 'area');

/**
 * Each center's share of its area's ＩＣＴ 上限額 where the 要綱 reads it per
 * 圏域: the centers, given in the order of allotment (center number), each
 * take min(their computed amount, what is left of the area's 上限額), on
 * the amounts given (a center without any takes nothing). Aligned with the
 * input; all null when no program shares its 上限額 (the per-center reading).
 * @example allotAreaCaps(rules, [a, b, c])[2]?.taken.ict // what a and b took of their area's cap
 */
export function allotAreaCaps(
  rules: RulesBasis,
  centers: readonly (CenterProfile & { inputs: SubsidyInputs | null })[],
): (AreaShare | null)[] {
  if (!sharesAreaCap(rules)) return centers.map(() => null);
  const counts = new Map<number, number>();
  for (const c of centers) if (c.areaId !== null) counts.set(c.areaId, (counts.get(c.areaId) ?? 0) + 1);
  const taken = new Map<string, number>();
  const key = (code: string, areaId: number) => `${code}:${areaId}`;
  return centers.map((center) => {
    if (center.areaId === null) return null;
    const areaId = center.areaId;
    const share: AreaShare = {
      centers: counts.get(areaId)!,
      taken: Object.fromEntries(
        rules.programs.flatMap((p) => (p.kind === 'ict' && p.capScope === 'area' ? [[p.code, taken.get(key(p.code, areaId)) ?? 0]] : [])),
      ),
    };
    if (center.inputs) {
      try {
        for (const p of computeSubsidy(rules, { ...center, areaShare: share }, center.inputs).programs) {
          if (p.kind === 'ict' && p.areaCap) taken.set(key(p.code, areaId), p.areaCap.takenBefore + p.amount);
        }
      } catch (error) {
        // A center the 要綱 does not fit takes nothing; its own sheet names the problem.
        if (!(error instanceof SubsidyInputError || error instanceof RangeError)) throw error;
      }
    }
    return share;
  });
}

/**
 * The subsidy of a center for the programs it entered amounts for.
 * @example computeSubsidy(r5Rules, { name: '佐渡市在宅医療推進センター', subsidyClass: 'other_county', areaId: 7 },
 *   { programs: [{ kind: 'operating', code: 'operating', totalCost: 5_000_000, otherIncome: 0, eligibleExpense: 4_600_000 }] }).total // 4_453_000
 */
export function computeSubsidy(rules: RulesBasis, center: CenterProfile, inputs: SubsidyInputs): SubsidyComputation {
  const programs = inputs.programs.map((input, at): ProgramComputation => {
    const program = rules.programs.find((p) => p.code === input.code);
    if (!program)
      throw new SubsidyInputError(`${center.name}の金額に、この要綱にない事業の金額があります。要綱の事業を確かめてください。`, [
        'programs',
        at,
        'code',
      ]);
    if (program.kind !== input.kind) {
      throw new SubsidyInputError(
        `事業「${program.name}」の金額の形が違います（${center.name}）。${program.kind === 'ict' ? '種目ごとの対象経費' : '対象経費の支出額'}を入力してください。`,
        ['programs', at],
      );
    }
    return program.kind === 'operating'
      ? operating(program, input as Extract<ProgramInput, { kind: 'operating' }>, center, rules.roundingUnit, at)
      : ict(program, input as Extract<ProgramInput, { kind: 'ict' }>, center, rules.roundingUnit, at);
  });
  return { programs, total: yen(programs.reduce((sum, p) => sum + p.amount, 0)) };
}

/**
 * Why the amounts cannot be what a center spent: 対象経費 is the part of 総事業費 the 要綱 subsidises (the
 * 精算書's columns), so it is never larger. A larger one is a figure typed wrong — a digit too many, or
 * 総事業費 left blank in a file — that 第4条 would quietly hold to 総事業費 − 寄付金. Asked where amounts
 * are entered, imported or tried, not by computeSubsidy: steps kept before still compute as recorded.
 * @example spendingProblem(r5Rules, center, { programs: [{ kind: 'operating', code: 'operating', totalCost: 0, otherIncome: 0, eligibleExpense: 4_600_000 }] })?.path // ['programs', 0, 'eligibleExpense']
 */
export function spendingProblem(rules: RulesBasis, center: { name: string }, inputs: SubsidyInputs): SubsidyInputError | null {
  for (const [at, input] of inputs.programs.entries()) {
    const program = rules.programs.find((p) => p.code === input.code);
    if (!program) continue;
    const eligible = input.kind === 'operating' ? input.eligibleExpense : input.items.reduce((sum, item) => sum + item.eligibleExpense, 0);
    if (eligible <= input.totalCost) continue;
    const what = input.kind === 'operating' ? '対象経費の支出（予定）額' : '対象経費の支出（予定）額（種目の合計）';
    return new SubsidyInputError(
      `「${program.name}」の${what} ${formatYen(yen(eligible))} が総事業費 ${formatYen(yen(input.totalCost))} を超えています（${center.name}）。` +
        '対象経費は総事業費のうち補助の対象となる経費です。総事業費と対象経費を確かめてください。',
      input.kind === 'operating' ? ['programs', at, 'eligibleExpense'] : ['programs', at, 'totalCost'],
    );
  }
  return null;
}

/**
 * What a center would get if it spent at least the 基準額 of its 区分 in
 * every 運営事業 (the budget's view before any application): 基準額 × 補助率,
 * rounded. ＩＣＴ is by application only (seed 000: 「※申請による」), so it adds nothing.
 */
export function baseAmountSubsidy(rules: RulesBasis, center: CenterProfile): SubsidyComputation {
  const inputs: SubsidyInputs = {
    programs: rules.programs.flatMap((p) => {
      if (p.kind !== 'operating') return [];
      const row = p.rows.find((r) => r.class === center.subsidyClass);
      return row
        ? [{ kind: 'operating' as const, code: p.code, totalCost: row.baseAmount, otherIncome: 0, eligibleExpense: row.baseAmount }]
        : [];
    }),
  };
  return computeSubsidy(rules, center, inputs);
}
