/**
 * A survey definition: who answers it (centers, institutions or
 * municipalities of the 台帳) and its questions, each with a code, a Japanese
 * label, a type, whether it is required, its range or choices, and help text;
 * plus the 集計指標 a round's results headline (e.g. doctors doing home visits
 * = the sum of the age bands). Stored values never hold a float: a decimal
 * answer is kept as integer hundredths (0.75 → 75), so its min/max/warnAbove
 * are hundredths too.
 */
import { z } from 'zod';
import { isoDateSchema } from '../contract/common';
import { lazySchema } from '../contract/define';
import { INSTITUTION_KINDS } from '../masters/model';

export const SURVEY_TARGET_KINDS = ['center', 'institution', 'municipality'] as const;
export type SurveyTargetKind = (typeof SURVEY_TARGET_KINDS)[number];
export const SURVEY_TARGET_KIND_LABELS: Record<SurveyTargetKind, string> = {
  center: 'センター',
  institution: '医療機関',
  municipality: '市町村',
};

export const QUESTION_TYPES = ['integer', 'decimal', 'choice', 'multi', 'text', 'date', 'table'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  integer: '整数',
  decimal: '小数',
  choice: '選択（1つ）',
  multi: '選択（複数）',
  text: '文字',
  date: '日付',
  table: '表（行の繰り返し）',
};

/** Largest integer (or hundredths) an answer may hold; keeps every sum a safe integer. */
export const MAX_ANSWER_NUMBER = 1_000_000_000;

const codeSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, {
      message: 'コードは英小文字で始まる英小文字・数字・_ の40文字以内で入力してください（例: staff_roster）',
    }),
);
const labelSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, { message: '設問の見出しを入力してください' })
    .max(200, { message: '設問の見出しは200文字以内で入力してください' }),
);
const bound = lazySchema(() => z.number().int().min(-MAX_ANSWER_NUMBER).max(MAX_ANSWER_NUMBER).nullable().default(null));

export const choiceSchema = lazySchema(() =>
  z
    .object({
      code: codeSchema,
      label: z
        .string()
        .trim()
        .min(1, { message: '選択肢の表示名を入力してください' })
        .max(100, { message: '選択肢の表示名は100文字以内で入力してください' }),
    })
    .strict(),
);

/** Asked only when a sibling choice question (top level, or the same table row) holds one of `in`. */
export const whenSchema = lazySchema(() =>
  z.object({ question: codeSchema, in: z.array(codeSchema).min(1, { message: '条件の選択肢を1つ以上選んでください' }) }).strict(),
);

/** Above this the answer is accepted with a warning (e.g. 常勤換算 over one person's 1.00). */
export const warnAboveSchema = lazySchema(() =>
  z.object({ value: z.number().int(), reason: z.string().trim().max(200).default('') }).strict(),
);

const common = {
  code: codeSchema,
  label: labelSchema,
  required: lazySchema(() => z.boolean().default(false)),
  help: lazySchema(() => z.string().trim().max(400, { message: '説明は400文字以内で入力してください' }).default('')),
  when: lazySchema(() => whenSchema.nullable().default(null)),
};

const integerSchema = lazySchema(() =>
  z
    .object({
      ...common,
      type: z.literal('integer'),
      min: bound,
      max: bound,
      warnAbove: warnAboveSchema.nullable().default(null),
      unit: z.string().trim().max(10).default(''),
    })
    .strict(),
);
const decimalSchema = lazySchema(() =>
  z
    .object({
      ...common,
      type: z.literal('decimal'),
      /** Places the answer may have (1 or 2); stored as hundredths either way. */
      decimals: z.union([z.literal(1), z.literal(2)]).default(2),
      /** Hundredths. */
      min: bound,
      /** Hundredths. */
      max: bound,
      /** `value` in hundredths. */
      warnAbove: warnAboveSchema.nullable().default(null),
      unit: z.string().trim().max(10).default(''),
    })
    .strict(),
);
const choiceQuestionSchema = lazySchema(() =>
  z.object({ ...common, type: z.literal('choice'), choices: z.array(choiceSchema).max(50) }).strict(),
);
const multiSchema = lazySchema(() =>
  z
    .object({
      ...common,
      type: z.literal('multi'),
      choices: z.array(choiceSchema).max(50),
      maxSelected: z.number().int().min(1).nullable().default(null),
    })
    .strict(),
);
const textSchema = lazySchema(() =>
  z.object({ ...common, type: z.literal('text'), maxLength: z.number().int().min(1).max(4000).default(200) }).strict(),
);
const dateSchema = lazySchema(() =>
  z
    .object({
      ...common,
      type: z.literal('date'),
      min: isoDateSchema.nullable().default(null),
      max: isoDateSchema.nullable().default(null),
    })
    .strict(),
);

export const scalarQuestionSchema = lazySchema(() =>
  z.discriminatedUnion('type', [integerSchema, decimalSchema, choiceQuestionSchema, multiSchema, textSchema, dateSchema]),
);

const tableSchema = lazySchema(() =>
  z
    .object({
      ...common,
      type: z.literal('table'),
      columns: z.array(scalarQuestionSchema).min(1, { message: '表には列を1つ以上設けてください' }).max(30),
      /** The form offers this many rows; more are refused. A required table needs at least one. */
      maxRows: z.number().int().min(1).max(500).default(30),
    })
    .strict(),
);

export const questionSchema = lazySchema(() =>
  z.discriminatedUnion('type', [integerSchema, decimalSchema, choiceQuestionSchema, multiSchema, textSchema, dateSchema, tableSchema]),
);

/** 集計指標: a sum of number questions (医師数 = the age bands), or how many answered one of some choices (実施施設数). */
export const indicatorSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('sum'),
        code: codeSchema,
        label: labelSchema,
        unit: z.string().trim().max(10).default(''),
        questions: z.array(codeSchema).min(1),
      })
      .strict(),
    z
      .object({
        kind: z.literal('count'),
        code: codeSchema,
        label: labelSchema,
        unit: z.string().trim().max(10).default(''),
        question: codeSchema,
        choices: z.array(codeSchema).min(1),
      })
      .strict(),
  ]),
);

/**
 * 検算: two groups of integer questions whose totals must agree (相談者別の合計 =
 * 相談内容別の合計). An answer where they differ is an error, placed at the
 * first question of `right`, naming both totals.
 */
export const totalCheckSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('equalTotals'),
      label: labelSchema,
      leftLabel: labelSchema,
      left: z.array(codeSchema).min(1),
      rightLabel: labelSchema,
      right: z.array(codeSchema).min(1),
    })
    .strict(),
);

const definitionShape = lazySchema(() =>
  z
    .object({
      name: z
        .string()
        .trim()
        .min(1, { message: '調査名を入力してください' })
        .max(100, { message: '調査名は100文字以内で入力してください' }),
      targetKind: z.enum(SURVEY_TARGET_KINDS, { message: '対象はセンター・医療機関・市町村のいずれかです' }),
      /** For institutions: which kinds the round goes to by default (e.g. 診療所 only); empty = all. */
      institutionKinds: z.array(z.enum(INSTITUTION_KINDS)).default([]),
      description: z.string().trim().max(2000).default(''),
      questions: z.array(questionSchema).min(1, { message: '設問を1つ以上設けてください' }).max(200),
      indicators: z.array(indicatorSchema).max(30).default([]),
      checks: z.array(totalCheckSchema).max(30).default([]),
      /**
       * Whether a new form starts from the target's answers in the round before: yes for what stays
       * much the same (a staff roster, a clinic's services), no for counts of a period — this month's
       * 相談件数 is never last month's, and a form returned untouched must not pass as an answer.
       */
      carryOver: z.boolean().default(true),
    })
    .strict(),
);

export type Choice = z.output<typeof choiceSchema>;
export type ScalarQuestion = z.output<typeof scalarQuestionSchema>;
export type TableQuestion = z.output<typeof tableSchema>;
export type Question = z.output<typeof questionSchema>;
export type Indicator = z.output<typeof indicatorSchema>;
export type TotalCheck = z.output<typeof totalCheckSchema>;
export type SurveyDefinition = z.output<typeof definitionShape>;
/** A definition as written by hand (defaults may be left out), e.g. the shipped seeds. */
export type SurveyDefinitionInput = z.input<typeof definitionShape>;

export interface DefinitionProblem {
  path: (string | number)[];
  message: string;
}

function duplicates(codes: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const c of codes) (seen.has(c) ? repeated : seen).add(c);
  return [...repeated];
}

/** The problems of one level's questions (the top level, or one table's columns). */
function checkQuestions(questions: readonly Question[], at: (string | number)[], where: string): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const code of duplicates(questions.map((q) => q.code))) {
    problems.push({
      path: [...at, questions.findLastIndex((q) => q.code === code), 'code'],
      message: `${where}設問コード「${code}」が重複しています。コードは設問ごとに別にしてください。`,
    });
  }
  const byCode = new Map(questions.map((q) => [q.code, q]));
  questions.forEach((q, i) => {
    const path = [...at, i];
    const name = `${where}「${q.label}」`;
    if (q.type === 'choice' || q.type === 'multi') {
      if (q.choices.length < 2)
        problems.push({ path: [...path, 'choices'], message: `${name}は選択の設問です。選択肢を2つ以上設けてください。` });
      for (const code of duplicates(q.choices.map((c) => c.code)))
        problems.push({ path: [...path, 'choices'], message: `${name}の選択肢コード「${code}」が重複しています。` });
      for (const label of duplicates(q.choices.map((c) => c.label)))
        problems.push({ path: [...path, 'choices'], message: `${name}の選択肢「${label}」が重複しています。` });
      if (q.type === 'multi' && q.maxSelected !== null && q.maxSelected > q.choices.length) {
        problems.push({ path: [...path, 'maxSelected'], message: `${name}の選べる数の上限が選択肢の数を超えています。` });
      }
    }
    if ((q.type === 'integer' || q.type === 'decimal') && q.min !== null && q.max !== null && q.min > q.max) {
      problems.push({ path: [...path, 'max'], message: `${name}の上限が下限より小さくなっています。` });
    }
    if (q.type === 'decimal' && q.decimals === 1 && [q.min, q.max].some((b) => b !== null && b % 10 !== 0)) {
      problems.push({ path: [...path, 'min'], message: `${name}は小数第1位までの設問です。上限・下限も小数第1位までにしてください。` });
    }
    if ((q.type === 'integer' || q.type === 'decimal') && q.warnAbove && q.max !== null && q.warnAbove.value >= q.max) {
      problems.push({
        path: [...path, 'warnAbove'],
        message: `${name}の警告の値が上限以上のため、警告が出ることがありません。上限より小さくしてください。`,
      });
    }
    if (q.type === 'date' && q.min !== null && q.max !== null && q.min > q.max) {
      problems.push({ path: [...path, 'max'], message: `${name}の最も遅い日付が最も早い日付より前です。` });
    }
    if (q.when) {
      const on = byCode.get(q.when.question);
      if (!on || on === q || (on.type !== 'choice' && on.type !== 'multi')) {
        problems.push({
          path: [...path, 'when'],
          message: `${name}の条件の設問「${q.when.question}」は、同じ${where ? '表の列' : '階層の設問'}にある選択の設問ではありません。`,
        });
      } else {
        for (const c of q.when.in.filter((c) => !on.choices.some((choice) => choice.code === c))) {
          problems.push({ path: [...path, 'when'], message: `${name}の条件の選択肢「${c}」は「${on.label}」の選択肢にありません。` });
        }
      }
    }
    if (q.type === 'table') problems.push(...checkQuestions(q.columns, [...path, 'columns'], `表「${q.label}」の列`));
  });
  return problems;
}

/**
 * Everything a definition must satisfy beyond its shape: unique codes at each
 * level, two or more choices for choice types, consistent ranges, conditions
 * on existing choices, and 集計指標 over questions of the right type.
 * @example validateDefinition(def).map((p) => p.message) // [] when it is sound
 */
export function validateDefinition(def: SurveyDefinition): DefinitionProblem[] {
  const problems = checkQuestions(def.questions, ['questions'], '');
  const byCode = new Map(def.questions.map((q) => [q.code, q]));
  for (const code of duplicates(def.indicators.map((i) => i.code))) {
    problems.push({ path: ['indicators'], message: `集計指標のコード「${code}」が重複しています。` });
  }
  def.indicators.forEach((indicator, i) => {
    const name = `集計指標「${indicator.label}」`;
    if (byCode.has(indicator.code))
      problems.push({
        path: ['indicators', i, 'code'],
        message: `${name}のコード「${indicator.code}」は設問のコードと同じです。別のコードにしてください。`,
      });
    if (indicator.kind === 'sum') {
      const types = indicator.questions.map((c) => byCode.get(c)?.type);
      for (const [k, code] of indicator.questions.entries()) {
        if (types[k] !== 'integer' && types[k] !== 'decimal')
          problems.push({ path: ['indicators', i, 'questions'], message: `${name}の「${code}」は数値の設問ではありません。` });
      }
      if (new Set(types.filter((t) => t === 'integer' || t === 'decimal')).size > 1) {
        problems.push({ path: ['indicators', i, 'questions'], message: `${name}は整数と小数の設問を混ぜて合計できません。` });
      }
    } else {
      const q = byCode.get(indicator.question);
      if (q?.type !== 'choice')
        problems.push({
          path: ['indicators', i, 'question'],
          message: `${name}の「${indicator.question}」は選択（1つ）の設問ではありません。`,
        });
      else
        for (const c of indicator.choices.filter((c) => !q.choices.some((choice) => choice.code === c))) {
          problems.push({ path: ['indicators', i, 'choices'], message: `${name}の選択肢「${c}」は「${q.label}」の選択肢にありません。` });
        }
    }
  });
  def.checks.forEach((check, i) => {
    for (const side of ['left', 'right'] as const) {
      for (const code of check[side]) {
        if (byCode.get(code)?.type !== 'integer')
          problems.push({
            path: ['checks', i, side],
            message: `検算「${check.label}」の「${code}」は整数の設問ではありません。整数の設問を選んでください。`,
          });
      }
    }
  });
  return problems;
}

/** A definition's shape and its rules, for operation inputs: a bad definition is refused with every problem, each at its field. */
export const surveyDefinitionSchema = lazySchema(() =>
  definitionShape.superRefine((def, ctx) => {
    for (const p of validateDefinition(def)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  }),
);

/**
 * A code not yet taken at its level: `q1`, `q2`… for questions, `c1`… for choices — what the editor gives a new
 * question or choice, so the officer never invents one.
 * @example freeCode('q', ['q1', 'staff']) // 'q3'
 */
export function freeCode(prefix: 'q' | 'c', taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/** What questionInUse reads of a definition: enough of it that an editor's draft (bounds still as typed) will do. */
interface Leaning {
  questions: readonly (LeaningQuestion & { columns?: readonly LeaningQuestion[] })[];
  indicators: readonly Indicator[];
  checks: readonly TotalCheck[];
}
type LeaningQuestion = Pick<Question, 'code' | 'label' | 'when'>;

/**
 * Why a question may not be deleted, or null when nothing leans on it: another question's (or, in a table, another
 * column's) condition, a 集計指標 or a 検算 naming it would no longer hold. `table` is the code of the table a
 * column is deleted from.
 * @example questionInUse(def, 'visits_now') // '「訪問診療や往診を行っているか（現在）」は設問「39歳以下」…の表示条件、集計指標「…」に使われているため削除できません。…'
 */
export function questionInUse(def: Leaning, code: string, table?: string): string | null {
  const level = table === undefined ? def.questions : def.questions.find((q) => q.code === table)?.columns;
  const question = level?.find((q) => q.code === code);
  if (!level || !question) return null;
  const conditioned = level.filter((q) => q.when?.question === code).map((q) => `${table === undefined ? '設問' : '列'}「${q.label}」`);
  // 集計指標 and 検算 are not edited in the app: only a condition's question can be taken out first.
  const fixed =
    table === undefined
      ? [
          ...def.indicators
            .filter((i) => (i.kind === 'sum' ? i.questions.includes(code) : i.question === code))
            .map((i) => `集計指標「${i.label}」`),
          ...def.checks.filter((c) => c.left.includes(code) || c.right.includes(code)).map((c) => `検算「${c.label}」`),
        ]
      : [];
  if (conditioned.length === 0 && fixed.length === 0) return null;
  const uses = [...conditioned.map((q) => `${q}の表示条件`), ...fixed].join('、');
  const next = fixed.length === 0 ? `先に${conditioned.join('、')}を削除してください。` : '集計指標・検算が使う設問は削除できません。';
  return `「${question.label}」は${uses}に使われているため削除できません。${next}`;
}

/**
 * What a new version of a built-in survey (one Renkei ships, with a key: its 集計 and 帳票 read its questions and
 * choices by code) may not lose: each question, its type, its choices and a table's columns stay; 見出し, 説明, 必須,
 * 単位 and new questions or choices are free. The first loss found, in the officer's words, or null.
 * @example builtInLoss(before, { ...before, questions: before.questions.slice(1) }) // '「センター長の医師会内役職」は Renkei の集計・帳票が使う設問のため削除できません。…'
 */
export function builtInLoss(before: { questions: readonly Question[] }, after: { questions: readonly Question[] }): string | null {
  const used = '（Renkei に組み込まれた調査票です。見出し・説明・必須・単位の変更と、設問・選択肢の追加はできます）';
  for (const old of before.questions) {
    const now = after.questions.find((q) => q.code === old.code);
    if (!now) return `「${old.label}」は Renkei の集計・帳票が使う設問のため削除できません${used}。`;
    if (now.type !== old.type) return `「${old.label}」の種類は Renkei の集計・帳票が読むため変えられません${used}。`;
    if ((old.type === 'choice' || old.type === 'multi') && (now.type === 'choice' || now.type === 'multi')) {
      const lost = old.choices.find((c) => !now.choices.some((n) => n.code === c.code));
      if (lost) return `「${old.label}」の選択肢「${lost.label}」は Renkei の集計・帳票が使うため削除できません${used}。`;
    }
    if (old.type === 'table' && now.type === 'table') {
      const lost = builtInLoss({ questions: old.columns as readonly Question[] }, { questions: now.columns as readonly Question[] });
      if (lost) return lost;
    }
  }
  return null;
}

/**
 * Two questions answer alike when their type is the same and a choice answer
 * of one is a choice of the other: what a later version may carry forward
 * from the round before (pre-filled forms, 前回比).
 */
export function sameQuestion(a: Question, b: Question): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'choice' || a.type === 'multi') {
    const codes = new Set((b as typeof a).choices.map((c) => c.code));
    return a.choices.every((c) => codes.has(c.code));
  }
  if (a.type === 'table' && b.type === 'table') {
    return a.columns.every((col) => {
      const other = b.columns.find((c) => c.code === col.code);
      return other !== undefined && sameQuestion(col, other);
    });
  }
  return true;
}

/** How a new survey starts: a copy of a survey (its questions, 集計指標 and 検算), or a blank one. */
export interface DefinitionStart {
  name: string;
  targetKind: SurveyTargetKind;
  /** For institutions: which kinds its rounds go to by default; empty = all. Dropped for other targets. */
  institutionKinds: readonly SurveyDefinition['institutionKinds'][number][];
  /** The survey copied; null for a blank one. */
  from: SurveyDefinition | null;
}

/**
 * A new survey's definition, to save (survey.definitions.save without an id) and then edit: a copy of `from` under its
 * own name and 対象, or one question to write over (a definition needs one).
 * @example startDefinition({ name: '訪問看護ステーション調査', targetKind: 'institution', institutionKinds: ['nursing_station'], from: null }).questions // [{ code: 'q1', label: '設問1', type: 'text', … }]
 */
export function startDefinition(start: DefinitionStart): SurveyDefinition {
  const institutionKinds = start.targetKind === 'institution' ? [...start.institutionKinds] : [];
  const target = { name: start.name, targetKind: start.targetKind, institutionKinds };
  if (start.from) return { ...start.from, ...target };
  return {
    ...target,
    description: '',
    questions: [{ code: 'q1', label: '設問1', type: 'text', required: false, help: '', when: null, maxLength: 200 }],
    indicators: [],
    checks: [],
    carryOver: true,
  };
}
