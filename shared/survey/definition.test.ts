import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeCode, questionInUse, type SurveyDefinitionInput, surveyDefinitionSchema, validateDefinition } from './definition';
import { CENTER_STAFFING, CLINIC_HOME_CARE, SHIPPED_DEFINITIONS } from './seeds';

const SEED_000 = fs.readFileSync(path.resolve(__dirname, '../../../shared/reference/seeds/000_23054420e0c9cff8.txt'), 'utf8');

/** What the operation schema says of a definition: the shape, then validateDefinition's rules. */
const problemsOf = (def: SurveyDefinitionInput) => {
  const result = surveyDefinitionSchema.safeParse(def);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
};
const parsed = (def: SurveyDefinitionInput) => surveyDefinitionSchema.safeParse(def);

describe('the shipped definitions', () => {
  it('are sound, with the roster and the clinic questions of seeds 000 and 002', () => {
    for (const { definition } of SHIPPED_DEFINITIONS) expect(validateDefinition(surveyDefinitionSchema.parse(definition))).toEqual([]);
    const staff = surveyDefinitionSchema.parse(CENTER_STAFFING).questions.find((q) => q.code === 'staff')!;
    expect(staff.type === 'table' && staff.columns.map((c) => c.label)).toEqual([
      '職種',
      '勤務形態',
      '常勤換算',
      '役割',
      '採用区分',
      '前職（異動の場合）',
      '保有資格',
    ]);
    const job = staff.type === 'table' ? staff.columns[0]! : null;
    expect(job && 'choices' in job && job.choices.map((c) => c.label)).toEqual([
      '看護師',
      '保健師',
      '社会福祉士',
      'MSW',
      '介護支援専門員',
      '事務職',
      'PT',
      'その他',
    ]);
  });

  it('copies the eleven options of what would help, word for word from seed 000', () => {
    const helps = surveyDefinitionSchema.parse(CLINIC_HOME_CARE).questions.find((q) => q.code === 'helps')!;
    const labels = helps.type === 'multi' ? helps.choices.map((c) => c.label) : [];
    expect(labels).toHaveLength(11);
    for (const label of labels) expect(SEED_000, label).toContain(label);
    for (const post of ['会長', '副会長', '理事', '顧問', '病院医師']) expect(SEED_000).toContain(post);
    for (const band of ['39歳以下', '40歳代', '50歳代', '60歳代', '70歳代', '80歳以上']) expect(SEED_000).toContain(band);
  });
});

describe('a definition that does not hold together', () => {
  const base: SurveyDefinitionInput = { name: '試験', targetKind: 'municipality', questions: [{ code: 'a', label: 'A', type: 'integer' }] };

  it('is refused for duplicate codes, at each level', () => {
    expect(
      problemsOf({
        ...base,
        questions: [
          { code: 'a', label: 'A', type: 'integer' },
          { code: 'a', label: 'B', type: 'text' },
        ],
      }).map((p) => [p.path, p.message]),
    ).toEqual([[['questions', 1, 'code'], '設問コード「a」が重複しています。コードは設問ごとに別にしてください。']]);
    const table = problemsOf({
      ...base,
      questions: [
        {
          code: 't',
          label: '名簿',
          type: 'table',
          columns: [
            { code: 'x', label: 'X', type: 'text' },
            { code: 'x', label: 'Y', type: 'text' },
          ],
        },
      ],
    });
    expect(table[0]).toMatchObject({
      path: ['questions', 0, 'columns', 1, 'code'],
      message: expect.stringContaining('表「名簿」の列設問コード「x」が重複'),
    });
  });

  it('is refused for a choice question with fewer than two choices, or with a repeated choice', () => {
    expect(
      problemsOf({ ...base, questions: [{ code: 'c', label: '区分', type: 'choice', choices: [{ code: 'x', label: 'はい' }] }] })[0]!
        .message,
    ).toBe('「区分」は選択の設問です。選択肢を2つ以上設けてください。');
    expect(
      problemsOf({
        ...base,
        questions: [
          {
            code: 'c',
            label: '区分',
            type: 'multi',
            choices: [
              { code: 'x', label: 'はい' },
              { code: 'x', label: 'いいえ' },
            ],
          },
        ],
      })[0]!.message,
    ).toContain('選択肢コード「x」が重複');
  });

  it('is refused for a range upside down, a warning above the maximum, or hundredths finer than the decimals allowed', () => {
    expect(problemsOf({ ...base, questions: [{ code: 'n', label: '人数', type: 'integer', min: 10, max: 1 }] })[0]!.message).toContain(
      '上限が下限より小さく',
    );
    expect(
      problemsOf({ ...base, questions: [{ code: 'n', label: '人数', type: 'integer', max: 10, warnAbove: { value: 10 } }] })[0]!.message,
    ).toContain('警告の値が上限以上');
    expect(
      problemsOf({ ...base, questions: [{ code: 'd', label: '換算', type: 'decimal', decimals: 1, max: 125 }] })[0]!.message,
    ).toContain('小数第1位まで');
  });

  it('is refused for a condition on a question that is not a choice, or on a choice it does not have', () => {
    const when = (on: string, value: string) =>
      problemsOf({
        ...base,
        questions: [
          {
            code: 'c',
            label: '実施',
            type: 'choice',
            choices: [
              { code: 'yes', label: 'はい' },
              { code: 'no', label: 'いいえ' },
            ],
          },
          { code: 'n', label: '人数', type: 'integer', when: { question: on, in: [value] } },
        ],
      });
    expect(when('c', 'yes')).toEqual([]);
    expect(when('x', 'yes')[0]!.message).toContain('条件の設問「x」');
    expect(when('c', 'maybe')[0]!.message).toBe('「人数」の条件の選択肢「maybe」は「実施」の選択肢にありません。');
  });

  it('is refused for 集計指標 over the wrong kind of question', () => {
    const def = surveyDefinitionSchema.safeParse({
      ...base,
      questions: [
        { code: 'a', label: 'A', type: 'integer' },
        { code: 't', label: 'T', type: 'text' },
      ],
      indicators: [
        { kind: 'sum', code: 'total', label: '合計', questions: ['a', 't'] },
        { kind: 'count', code: 'a', label: '件数', question: 'a', choices: ['x'] },
      ],
    });
    expect(def.success).toBe(false);
    expect(def.error!.issues.map((i) => i.message)).toEqual([
      '集計指標「合計」の「t」は数値の設問ではありません。',
      '集計指標「件数」のコード「a」は設問のコードと同じです。別のコードにしてください。',
      '集計指標「件数」の「a」は選択（1つ）の設問ではありません。',
    ]);
  });

  it('is refused by the operation schema with the field at fault, and a bad code says what a code looks like', () => {
    const bad = parsed({ ...base, questions: [{ code: 'Staff Roster', label: 'A', type: 'integer' }] });
    expect(bad.error!.issues[0]).toMatchObject({ path: ['questions', 0, 'code'], message: expect.stringContaining('英小文字で始まる') });
  });
});

describe('the editor’s helpers', () => {
  const clinic = surveyDefinitionSchema.parse(CLINIC_HOME_CARE);
  const centers = surveyDefinitionSchema.parse(CENTER_STAFFING);

  it('gives a new question or choice the first free code, never one taken', () => {
    expect(freeCode('q', ['staff', 'director_post'])).toBe('q3');
    expect(freeCode('q', ['q1', 'q3', 'q4'])).toBe('q5');
    expect(freeCode('c', ['c1', 'c2'])).toBe('c3');
    expect(freeCode('q', [])).toBe('q1');
  });

  it('refuses to delete a question a condition, a 集計指標 or a 検算 leans on, naming both', () => {
    expect(questionInUse(clinic, 'doctors_70s')).toBe(
      '「訪問診療・往診を担当している医師数（70歳代）」は集計指標「訪問診療や往診を担当している医師」、集計指標「訪問診療や往診を担当している60歳代以上の医師」に使われているため削除できません。集計指標・検算が使う設問は削除できません。',
    );
    expect(questionInUse(centers, 'director_post')).toBe(
      '「センター長の医師会内役職」は設問「センター長の役職（その他の場合）」の表示条件に使われているため削除できません。先に設問「センター長の役職（その他の場合）」を削除してください。',
    );
    expect(questionInUse(centers, 'hire', 'staff')).toBe(
      '「採用区分」は列「前職（異動の場合）」の表示条件に使われているため削除できません。先に列「前職（異動の場合）」を削除してください。',
    );
    expect(questionInUse(clinic, 'helps')).toBeNull();
    expect(questionInUse(centers, 'director_post_other')).toBeNull();
  });
});
