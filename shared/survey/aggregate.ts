/**
 * A round's results: per question the counts (choices, multiple choices with
 * n = respondents who answered), sums and means, and the definition's 集計指標,
 * for the whole prefecture and per group (a map of target → group key the
 * core builds from any area kind of 台帳); whole percentages that add up to
 * 100 (largest remainder), and the comparison with the previous round (前回比
 * as an exact ratio shown to two decimals). Integer arithmetic only.
 */
import { type Fraction, fraction } from '../fraction';
import type { Answers, ScalarValue, TableRow } from './answers';
import type { Question, ScalarQuestion, SurveyDefinition } from './definition';
import { sameQuestion } from './definition';

/** The rounding rule printed under a single-choice or composition table. */
export const SHARE_RULE =
  '割合（％）は n に対する比率を整数に丸め、合計が100％になるよう最大剰余法で調整（端数の大きい順、同じ端数は選択肢の順）';
/** The rounding rule printed under a multiple-choice table. */
export const MULTI_SHARE_RULE = '複数回答の割合（％）は回答者数 n に対する比率を小数第1位に四捨五入（合計は100％になりません）';
/** How 前回比 is shown. */
export const RATIO_RULE = '前回比は今回÷前回を小数第2位に四捨五入';

/**
 * Splits `total` units in proportion to `counts` so the parts are whole and
 * add up to `total` (largest-remainder / Hamilton method): each part is first
 * rounded down, then the units left go one each to the parts with the largest
 * remainders. Ties go to the earlier part (the definition's order), so the
 * result never depends on anything but the counts. All-zero counts give zeros.
 * @example largestRemainder([14, 5, 6, 1, 15]) // [34, 12, 15, 2, 37] (n = 41)
 * @example largestRemainder([1, 1, 1]) // [34, 33, 33]
 */
export function largestRemainder(counts: readonly number[], total = 100): number[] {
  if (counts.some((c) => !Number.isSafeInteger(c) || c < 0)) throw new RangeError('件数は0以上の整数で指定してください');
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return counts.map(() => 0);
  const big = counts.map((c) => BigInt(c) * BigInt(total));
  const parts = big.map((v) => Number(v / BigInt(n)));
  const remainders = big.map((v, i) => ({ i, r: v % BigInt(n) }));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** a / b rounded half up (b > 0, a ≥ 0): the integer maths behind every shown share and mean. */
function divideHalfUp(a: number, b: number): number {
  return Number((2n * BigInt(a) + BigInt(b)) / (2n * BigInt(b)));
}

/**
 * current / previous shown with `digits` decimals, rounded half up; '—' when
 * there is no previous figure.
 * @example formatRatio(312, 376) // '0.83'
 */
export function formatRatio(current: number, previous: number, digits = 2): string {
  if (previous === 0) return '—';
  const negative = current < 0 !== previous < 0 && current !== 0;
  const scaled = divideHalfUp(Math.abs(current) * 10 ** digits, Math.abs(previous));
  const text = String(scaled).padStart(digits + 1, '0');
  return `${negative ? '−' : ''}${digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text}`;
}

export interface ChoiceAggregate {
  type: 'choice';
  /** Answers counted (respondents, or rows for a table column). */
  n: number;
  /** By the definition's choices, in their order. */
  counts: number[];
  /** Whole percents by largest remainder (SHARE_RULE): add up to 100 when n > 0. */
  percents: number[];
}

export interface MultiAggregate {
  type: 'multi';
  /** Respondents who chose at least one option. */
  n: number;
  counts: number[];
  /** Each count / n in tenths of a percent, rounded half up (MULTI_SHARE_RULE): 348 = 34.8%. */
  percentTenths: number[];
}

export interface NumberAggregate {
  type: 'integer' | 'decimal';
  n: number;
  /** For a decimal question, hundredths (as stored). */
  sum: number;
  min: number | null;
  max: number | null;
  /** The mean in hundredths, rounded half up (a decimal's mean too): 1.25 → 125. */
  meanHundredths: number | null;
}

export interface AnsweredAggregate {
  type: 'text' | 'date';
  n: number;
}

export type ScalarAggregate = ChoiceAggregate | MultiAggregate | NumberAggregate | AnsweredAggregate;

export interface TableAggregate {
  type: 'table';
  /** Respondents with at least one row. */
  n: number;
  rows: number;
  /** Each column over all rows (a choice column's n is the rows that answered it). */
  columns: Record<string, ScalarAggregate>;
}

export type QuestionAggregate = ScalarAggregate | TableAggregate;

export interface IndicatorAggregate {
  value: number;
  /** Respondents who answered any of the questions it is built from. */
  n: number;
  /** A sum's parts (each question's sum, in the indicator's order) and their whole percents by largest remainder; null for a count. */
  parts: number[] | null;
  percents: number[] | null;
}

export interface GroupAggregate {
  /** The group key ('' for the targets in no group); the whole prefecture is key '*'. */
  key: string;
  respondents: number;
  questions: Record<string, QuestionAggregate>;
  indicators: Record<string, IndicatorAggregate>;
}

export interface RoundAggregate {
  whole: GroupAggregate;
  /** In `order` (then any other keys as met), the unassigned '' last. */
  groups: GroupAggregate[];
}

export interface Response {
  targetId: string;
  answers: Answers;
}

export interface Grouping {
  /** targetId → group key (e.g. the 二次医療圏's id); targets not in it fall in ''. */
  groupOf: ReadonlyMap<string, string>;
  /** The order groups are listed in (e.g. the areas' sort order); groups with no respondent are listed too. */
  order?: readonly string[];
}

export const WHOLE_KEY = '*';

/** Running totals of one scalar question; arrays are indexed by the choice's position. */
interface ScalarAcc {
  n: number;
  counts: number[];
  sum: number;
  min: number | null;
  max: number | null;
}

type QuestionAcc = { scalar: ScalarAcc } | { table: { n: number; rows: number; columns: ScalarAcc[] } };

interface GroupAcc {
  respondents: number;
  questions: QuestionAcc[];
}

function scalarAcc(q: ScalarQuestion): ScalarAcc {
  return { n: 0, counts: q.type === 'choice' || q.type === 'multi' ? q.choices.map(() => 0) : [], sum: 0, min: null, max: null };
}

function groupAcc(def: SurveyDefinition): GroupAcc {
  return {
    respondents: 0,
    questions: def.questions.map((q) =>
      q.type === 'table' ? { table: { n: 0, rows: 0, columns: q.columns.map(scalarAcc) } } : { scalar: scalarAcc(q) },
    ),
  };
}

/** Adds one stored value; choice positions come from a prepared code → index map. */
function addScalar(
  acc: ScalarAcc,
  q: ScalarQuestion,
  index: ReadonlyMap<string, number> | null,
  value: ScalarValue | TableRow[] | null | undefined,
): void {
  if (value === null || value === undefined) return;
  switch (q.type) {
    case 'integer':
    case 'decimal': {
      const v = value as number;
      acc.n += 1;
      acc.sum += v;
      if (acc.min === null || v < acc.min) acc.min = v;
      if (acc.max === null || v > acc.max) acc.max = v;
      return;
    }
    case 'choice': {
      const i = index!.get(value as string);
      if (i === undefined) return;
      acc.n += 1;
      acc.counts[i]! += 1;
      return;
    }
    case 'multi': {
      const values = value as string[];
      let counted = false;
      for (const v of values) {
        const i = index!.get(v);
        if (i === undefined) continue;
        acc.counts[i]! += 1;
        counted = true;
      }
      if (counted) acc.n += 1;
      return;
    }
    default:
      if (value !== '') acc.n += 1;
  }
}

function mergeScalar(into: ScalarAcc, from: ScalarAcc): void {
  into.n += from.n;
  into.sum += from.sum;
  for (let i = 0; i < from.counts.length; i += 1) into.counts[i]! += from.counts[i]!;
  if (from.min !== null && (into.min === null || from.min < into.min)) into.min = from.min;
  if (from.max !== null && (into.max === null || from.max > into.max)) into.max = from.max;
}

/** Adds one group's running totals to another's (the whole's): every total is a count, a sum, a least or a greatest. */
function mergeGroup(into: { acc: GroupAcc; indicators: number[][] }, from: { acc: GroupAcc; indicators: number[][] }): void {
  into.acc.respondents += from.acc.respondents;
  into.acc.questions.forEach((a, i) => {
    const b = from.acc.questions[i]!;
    if ('scalar' in a && 'scalar' in b) mergeScalar(a.scalar, b.scalar);
    else if ('table' in a && 'table' in b) {
      a.table.n += b.table.n;
      a.table.rows += b.table.rows;
      a.table.columns.forEach((col, c) => mergeScalar(col, b.table.columns[c]!));
    }
  });
  into.indicators.forEach((totals, k) => {
    totals[0]! += from.indicators[k]![0]!;
    totals[1]! += from.indicators[k]![1]!;
  });
}

function finishScalar(q: ScalarQuestion, acc: ScalarAcc): ScalarAggregate {
  switch (q.type) {
    case 'integer':
    case 'decimal':
      return {
        type: q.type,
        n: acc.n,
        sum: acc.sum,
        min: acc.min,
        max: acc.max,
        meanHundredths: acc.n === 0 ? null : Math.sign(acc.sum) * divideHalfUp(Math.abs(acc.sum) * (q.type === 'integer' ? 100 : 1), acc.n),
      };
    case 'choice':
      return { type: 'choice', n: acc.n, counts: acc.counts, percents: largestRemainder(acc.counts) };
    case 'multi':
      return {
        type: 'multi',
        n: acc.n,
        counts: acc.counts,
        percentTenths: acc.counts.map((c) => (acc.n === 0 ? 0 : divideHalfUp(c * 1000, acc.n))),
      };
    default:
      return { type: q.type, n: acc.n };
  }
}

function indexOf(q: ScalarQuestion): ReadonlyMap<string, number> | null {
  return q.type === 'choice' || q.type === 'multi' ? new Map(q.choices.map((c, i) => [c.code, i])) : null;
}

function finishGroup(def: SurveyDefinition, key: string, acc: GroupAcc, indicatorCounts: number[][]): GroupAggregate {
  const questions: Record<string, QuestionAggregate> = {};
  def.questions.forEach((q, i) => {
    const a = acc.questions[i]!;
    if (q.type === 'table' && 'table' in a) {
      const columns: Record<string, ScalarAggregate> = {};
      q.columns.forEach((col, c) => (columns[col.code] = finishScalar(col, a.table.columns[c]!)));
      questions[q.code] = { type: 'table', n: a.table.n, rows: a.table.rows, columns };
    } else if (q.type !== 'table' && 'scalar' in a) {
      questions[q.code] = finishScalar(q, a.scalar);
    }
  });
  const indicators: Record<string, IndicatorAggregate> = {};
  def.indicators.forEach((ind, k) => {
    const [value, n] = indicatorCounts[k]!;
    if (ind.kind === 'sum') {
      const parts = ind.questions.map((code) => {
        const qa = questions[code];
        return qa && (qa.type === 'integer' || qa.type === 'decimal') ? qa.sum : 0;
      });
      indicators[ind.code] = { value: value!, n: n!, parts, percents: parts.every((p) => p >= 0) ? largestRemainder(parts) : null };
    } else {
      indicators[ind.code] = { value: value!, n: n!, parts: null, percents: null };
    }
  });
  return { key, respondents: acc.respondents, questions, indicators };
}

/**
 * Aggregates a round's stored answers (already checked) for the whole
 * prefecture and per group. One pass over the answers; 2,000 clinics × 40
 * answers by 圏域 take a few milliseconds.
 * @example aggregateRound(def, responses, { groupOf: new Map([['12', '3']]) }).whole.indicators.doctors.value // 312
 */
export function aggregateRound(def: SurveyDefinition, responses: readonly Response[], grouping?: Grouping): RoundAggregate {
  const plans = def.questions.map((q) => ({
    q,
    index: q.type === 'table' ? null : indexOf(q),
    columns: q.type === 'table' ? q.columns.map((col) => ({ col, index: indexOf(col) })) : [],
  }));
  const indicatorPlans = def.indicators.map((ind) =>
    ind.kind === 'sum'
      ? { sum: ind.questions, count: null }
      : { sum: null, count: { question: ind.question, choices: new Set(ind.choices) } },
  );
  const groups = new Map<string, { acc: GroupAcc; indicators: number[][] }>();
  const bucket = (key: string) => {
    let g = groups.get(key);
    if (!g) {
      g = { acc: groupAcc(def), indicators: def.indicators.map(() => [0, 0]) };
      groups.set(key, g);
    }
    return g;
  };
  const whole = bucket(WHOLE_KEY);
  for (const key of grouping?.order ?? []) bucket(key);

  const add = (g: { acc: GroupAcc; indicators: number[][] }, answers: Answers) => {
    g.acc.respondents += 1;
    for (let i = 0; i < plans.length; i += 1) {
      const { q, index, columns } = plans[i]!;
      const value = answers[q.code];
      const acc = g.acc.questions[i]!;
      if ('scalar' in acc) {
        addScalar(acc.scalar, q as ScalarQuestion, index, value);
        continue;
      }
      const rows = (value ?? []) as TableRow[];
      if (rows.length === 0) continue;
      acc.table.n += 1;
      acc.table.rows += rows.length;
      for (const row of rows)
        for (let c = 0; c < columns.length; c += 1)
          addScalar(acc.table.columns[c]!, columns[c]!.col, columns[c]!.index, row[columns[c]!.col.code]);
    }
    for (let k = 0; k < indicatorPlans.length; k += 1) {
      const plan = indicatorPlans[k]!;
      const totals = g.indicators[k]!;
      if (plan.sum) {
        let answered = false;
        for (const code of plan.sum) {
          const v = answers[code];
          if (typeof v === 'number') {
            totals[0]! += v;
            answered = true;
          }
        }
        if (answered) totals[1]! += 1;
      } else {
        const v = answers[plan.count!.question];
        if (typeof v === 'string') {
          totals[1]! += 1;
          if (plan.count!.choices.has(v)) totals[0]! += 1;
        }
      }
    }
  };
  if (grouping) {
    // Each answer is added to its group once; the whole is the groups' sum (every answer is in exactly one group).
    for (const { targetId, answers } of responses) add(bucket(grouping.groupOf.get(targetId) ?? ''), answers);
    for (const [key, g] of groups) if (key !== WHOLE_KEY) mergeGroup(whole, g);
  } else {
    for (const { answers } of responses) add(whole, answers);
  }

  const finished = (key: string) => finishGroup(def, key, groups.get(key)!.acc, groups.get(key)!.indicators);
  const order = [...(grouping?.order ?? [])];
  for (const key of groups.keys()) if (key !== WHOLE_KEY && key !== '' && !order.includes(key)) order.push(key);
  if (groups.has('') && !order.includes('')) order.push('');
  return { whole: finished(WHOLE_KEY), groups: grouping ? order.map(finished) : [] };
}

export interface Ratio {
  current: number;
  previous: number;
  /** current / previous in lowest terms; null when the previous figure is 0. */
  ratio: Fraction | null;
  /** '0.83' (RATIO_RULE), or '—'. */
  text: string;
}

export function ratioOf(current: number, previous: number): Ratio {
  return { current, previous, ratio: previous === 0 ? null : fraction(current, previous), text: formatRatio(current, previous) };
}

export interface IndicatorComparison {
  code: string;
  label: string;
  unit: string;
  whole: Ratio;
  /** By group key, for the groups of the current round. */
  groups: Record<string, Ratio>;
}

export interface QuestionComparison {
  code: string;
  label: string;
  type: Question['type'];
  /** Respondents (n) now and before. */
  n: Ratio;
  /** Numbers: the sums; tables: the rows. */
  total: Ratio | null;
  /** Choices and multiple choices (and a table's choice columns, as `column:choice`): each choice's count. */
  counts: { code: string; label: string; ratio: Ratio }[];
}

export interface RoundComparison {
  indicators: IndicatorComparison[];
  /** Questions asked alike in both versions (same code, type and choices); others are left out. */
  questions: QuestionComparison[];
}

export interface AggregatedRound {
  definition: SurveyDefinition;
  aggregate: RoundAggregate;
}

/** Each choice's count now and before, matched by code (a later version may list the choices in another order). */
function countsOf(
  q: ScalarQuestion,
  old: ScalarQuestion | undefined,
  now: ScalarAggregate,
  before: ScalarAggregate | undefined,
  prefix = '',
): QuestionComparison['counts'] {
  if ((q.type !== 'choice' && q.type !== 'multi') || (now.type !== 'choice' && now.type !== 'multi')) return [];
  const oldCodes = old && (old.type === 'choice' || old.type === 'multi') ? old.choices.map((c) => c.code) : [];
  return q.choices.map((c, i) => {
    const j = oldCodes.indexOf(c.code);
    const then = before && (before.type === 'choice' || before.type === 'multi') && j >= 0 ? before.counts[j]! : 0;
    return { code: `${prefix}${c.code}`, label: prefix ? `${q.label}：${c.label}` : c.label, ratio: ratioOf(now.counts[i]!, then) };
  });
}

/**
 * 前回比 of a round against the previous round of the same definition (its
 * own version): every 集計指標 in the whole and per group, and every question
 * the two versions ask alike.
 * @example compareRounds(r4, r2).indicators.find((i) => i.code === 'doctors')!.whole.text // '0.83'
 */
export function compareRounds(current: AggregatedRound, previous: AggregatedRound): RoundComparison {
  const before = previous.aggregate;
  const previousGroups = new Map(before.groups.map((g) => [g.key, g]));
  const indicators = current.definition.indicators
    .filter((ind) => previous.definition.indicators.some((p) => p.code === ind.code && p.kind === ind.kind))
    .map((ind) => ({
      code: ind.code,
      label: ind.label,
      unit: ind.unit,
      whole: ratioOf(current.aggregate.whole.indicators[ind.code]!.value, before.whole.indicators[ind.code]?.value ?? 0),
      groups: Object.fromEntries(
        current.aggregate.groups.map((g) => [
          g.key,
          ratioOf(g.indicators[ind.code]!.value, previousGroups.get(g.key)?.indicators[ind.code]?.value ?? 0),
        ]),
      ),
    }));
  const questions: QuestionComparison[] = [];
  for (const q of current.definition.questions) {
    const old = previous.definition.questions.find((p) => p.code === q.code);
    if (!old || !sameQuestion(q, old) || !sameQuestion(old, q)) continue;
    const now = current.aggregate.whole.questions[q.code]!;
    const then = before.whole.questions[q.code]!;
    const total = (a: QuestionAggregate) => (a.type === 'table' ? a.rows : a.type === 'integer' || a.type === 'decimal' ? a.sum : null);
    const nowTotal = total(now);
    let counts: QuestionComparison['counts'] = [];
    if (q.type === 'table' && old.type === 'table' && now.type === 'table' && then.type === 'table') {
      counts = q.columns.flatMap((col) =>
        countsOf(
          col,
          old.columns.find((c) => c.code === col.code),
          now.columns[col.code]!,
          then.columns[col.code],
          `${col.code}:`,
        ),
      );
    } else if (q.type !== 'table' && old.type !== 'table' && now.type !== 'table' && then.type !== 'table') {
      counts = countsOf(q, old, now, then);
    }
    questions.push({
      code: q.code,
      label: q.label,
      type: q.type,
      n: ratioOf(now.n, then.n),
      total: nowTotal === null ? null : ratioOf(nowTotal, total(then) ?? 0),
      counts,
    });
  }
  return { indicators, questions };
}
