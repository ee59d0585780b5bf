import { describe, expect, it } from 'vitest';
import { type Answers, checkAnswers, formatAnswerText, parseAnswerText } from './answers';
import { type ScalarQuestion, surveyDefinitionSchema } from './definition';
import { CENTER_STAFFING, CLINIC_HOME_CARE } from './seeds';

const centers = surveyDefinitionSchema.parse(CENTER_STAFFING);
const clinics = surveyDefinitionSchema.parse(CLINIC_HOME_CARE);
const nurse = { job: 'nurse', employment: 'full_time', fte: 100, role: 'coordinator', hire: 'new' };
const clerk = { job: 'clerk', employment: 'part_time', fte: 50, role: 'clerical' };
const doing: Answers = {
  visits_now: 'both',
  visits_in_5_years: 'both',
  doctors_39: 0,
  doctors_40s: 1,
  doctors_50s: 0,
  doctors_60s: 1,
  doctors_70s: 0,
  doctors_80: 0,
};
const column = (code: string) => {
  const staff = centers.questions.find((q) => q.code === 'staff')!;
  return (staff.type === 'table' ? staff.columns.find((c) => c.code === code) : undefined) as ScalarQuestion;
};
const question = (code: string) => clinics.questions.find((q) => q.code === code) as ScalarQuestion;
const errors = (def: typeof centers, answers: Answers) =>
  checkAnswers(def, answers).errors.map((e) => [e.question, e.row, e.column, e.message]);

describe("checking one target's answers", () => {
  it('accepts a complete roster and stores it as given, without trailing blank rows', () => {
    const check = checkAnswers(centers, { director_post: 'chairman', staff: [nurse, clerk, {}, { job: null, qualification: '' }] });
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.answers).toEqual({ director_post: 'chairman', staff: [nurse, clerk] });
  });

  it('names a blank row in the middle of the roster by its row', () => {
    expect(errors(centers, { director_post: 'chairman', staff: [nurse, {}, clerk] })).toEqual([
      ['staff', 1, null, '「配置職員」の2行目が空欄です。上の行から詰めて記入するか、空欄の行を削除してください。'],
    ]);
  });

  it('refuses missing required answers: a question, a roster with no row, a cell of a row, and a question required only when it applies', () => {
    expect(errors(centers, { staff: [] })).toEqual([
      ['director_post', null, null, '「センター長の医師会内役職」が未回答です。回答を入力してください。'],
      ['staff', null, null, '「配置職員」が未回答です。1行以上記入してください。'],
    ]);
    // A roster of untouched rows is no roster.
    expect(errors(centers, { director_post: 'director', staff: [{ job: null }, {}] })).toEqual([
      ['staff', null, null, '「配置職員」が未回答です。1行以上記入してください。'],
    ]);
    expect(errors(centers, { director_post: 'director', staff: [{ ...nurse, fte: null }] })).toEqual([
      ['staff', 0, 'fte', '「配置職員」1行目の「常勤換算」が未回答です。回答を入力してください。'],
    ]);
    const { doctors_60s: _left, ...missingBand } = doing;
    expect(errors(clinics, missingBand)).toEqual([
      ['doctors_60s', null, null, '「訪問診療・往診を担当している医師数（60歳代）」が未回答です。回答を入力してください。'],
    ]);
    expect(errors(clinics, { visits_now: 'none', visits_in_5_years: 'none' })).toEqual([]);
  });

  it('refuses every type out of range or of the wrong kind', () => {
    expect(errors(clinics, { ...doing, doctors_40s: 120 })[0]![3]).toBe(
      '「訪問診療・往診を担当している医師数（40歳代）」は0人以上99人以下で入力してください（入力: 120人）。',
    );
    expect(errors(clinics, { ...doing, doctors_40s: -1 })[0]![3]).toContain('0人以上99人以下');
    expect(errors(clinics, { ...doing, doctors_40s: 1.5 })[0]![3]).toBe(
      '「訪問診療・往診を担当している医師数（40歳代）」は整数で入力してください。',
    );
    expect(errors(clinics, { ...doing, doctors_40s: '2' })[0]![3]).toContain('整数で入力');
    expect(errors(centers, { director_post: 'chairman', staff: [{ ...nurse, fte: 250 }] })[0]).toEqual([
      'staff',
      0,
      'fte',
      '「配置職員」1行目の「常勤換算」は0.01以上2以下で入力してください（入力: 2.5）。',
    ]);
    expect(errors(centers, { director_post: 'chairman', staff: [{ ...nurse, fte: 0.5 }] })[0]![3]).toContain('小数第2位までの数で入力');
    expect(errors(centers, { director_post: 'president', staff: [nurse] })[0]![3]).toBe(
      '「センター長の医師会内役職」の「president」は選択肢にありません。会長・副会長・理事・顧問・病院医師・その他から選んでください。',
    );
    expect(errors(clinics, { ...doing, first_call: ['doctor', 'pharmacist'] })[0]![3]).toContain('「pharmacist」は選択肢にありません');
    expect(errors(centers, { director_post: 'chairman', staff: [{ ...nurse, qualification: 'あ'.repeat(101) }] })[0]![3]).toContain(
      '100文字以内',
    );
    expect(errors(centers, { director_post: 'chairman', staff: [nurse], unknown: 3 })[0]).toEqual([
      'unknown',
      null,
      null,
      '設問「unknown」はこの調査の設問にありません。調査票の版を確かめてください。',
    ]);
  });

  it('checks dates against their range and the calendar, and tables against their row limit', () => {
    const def = surveyDefinitionSchema.parse({
      name: '日付',
      targetKind: 'municipality',
      questions: [
        { code: 'd', label: '開始日', type: 'date', min: '2023-04-01', max: '2024-03-31' },
        { code: 't', label: '会議', type: 'table', maxRows: 2, columns: [{ code: 'n', label: '回', type: 'integer' }] },
      ],
    });
    expect(errors(def, { d: '2023-02-30' })[0]![3]).toContain('正しい日付で入力');
    expect(errors(def, { d: '2024-04-01' })[0]![3]).toBe(
      '「開始日」は令和5年4月1日以降、令和6年3月31日以前の日付で入力してください（入力: 令和6年4月1日）。',
    );
    expect(errors(def, { t: [{ n: 1 }, { n: 2 }, { n: 3 }] })[0]).toEqual(['t', 2, null, '「会議」は2行までです（3行あります）。']);
  });

  it('warns, without refusing, of 常勤換算 above one person and of an answer to a question that does not apply', () => {
    const check = checkAnswers(centers, {
      director_post: 'chairman',
      staff: [
        { ...nurse, fte: 120 },
        { ...clerk, previous_job: '市役所' },
      ],
    });
    expect(check.errors).toEqual([]);
    expect(check.warnings.map((w) => [w.question, w.row, w.column, w.message])).toEqual([
      [
        'staff',
        0,
        'fte',
        '「配置職員」1行目の「常勤換算」が1を超えています（入力: 1.2）。1人の常勤換算は通常1.00以下です。誤りでないか確かめてください。',
      ],
      [
        'staff',
        1,
        'previous_job',
        '「配置職員」2行目の「前職（異動の場合）」は「採用区分」が異動の場合に回答する設問ですが、回答があります。どちらが正しいか確かめてください。',
      ],
    ]);
  });

  it("keeps a multiple choice in the definition's order, once each", () => {
    expect(checkAnswers(clinics, { ...doing, first_call: ['nurse', 'doctor', 'nurse'] }).answers.first_call).toEqual(['doctor', 'nurse']);
  });
});

describe('a form cell as text', () => {
  it('reads full-width numbers as hundredths, choices by label, several choices, and 和暦 dates', () => {
    expect(parseAnswerText(column('fte'), '０．７５')).toEqual({ ok: true, value: 75 });
    expect(parseAnswerText(column('fte'), '1')).toEqual({ ok: true, value: 100 });
    expect(parseAnswerText(column('job'), ' 介護支援専門員 ')).toEqual({ ok: true, value: 'care_manager' });
    expect(parseAnswerText(column('job'), 'ＭＳＷ')).toEqual({ ok: true, value: 'msw' });
    expect(parseAnswerText(question('first_call'), '自院看護師、医師')).toEqual({ ok: true, value: ['doctor', 'nurse'] });
    expect(parseAnswerText(question('doctors_39'), '１２')).toEqual({ ok: true, value: 12 });
    expect(parseAnswerText(question('doctors_39'), '')).toEqual({ ok: true, value: null });
    const date = { code: 'd', label: '日付', type: 'date', required: false, help: '', when: null, min: null, max: null } as ScalarQuestion;
    expect(parseAnswerText(date, '令和5年4月1日')).toEqual({ ok: true, value: '2023-04-01' });
    expect(parseAnswerText(date, '2023/4/1')).toEqual({ ok: true, value: '2023-04-01' });
  });

  it('says what is wrong with a cell it cannot read', () => {
    expect(parseAnswerText(question('doctors_39'), '三人')).toEqual({
      ok: false,
      message: '「訪問診療・往診を担当している医師数（39歳以下）」の「三人」: 整数で入力してください。',
    });
    expect(parseAnswerText(column('fte'), '0.755')).toMatchObject({ ok: false });
    expect(parseAnswerText(question('first_call'), '医師、薬剤師')).toMatchObject({
      ok: false,
      message: expect.stringContaining('「薬剤師」は選択肢にありません'),
    });
  });

  it('writes a roster back a line a row, its cells by label in column order, a blank one as ―', () => {
    const staff = centers.questions.find((q) => q.code === 'staff')!;
    expect(formatAnswerText(staff, [nurse, { ...clerk, fte: 60, qualification: '社会福祉士' }])).toBe(
      '1行目 看護師・常勤・1.00・コーディネーター・新規採用・―・―\n2行目 事務職・非常勤・0.60・事務・―・―・社会福祉士',
    );
    expect(formatAnswerText(centers.questions.find((q) => q.code === 'director_post')!, 'director')).toBe('理事');
  });

  it('writes stored values back as the same text', () => {
    for (const [q, value] of [
      [column('fte'), 75],
      [column('job'), 'msw'],
      [question('first_call'), ['doctor', 'nurse']],
      [question('doctors_39'), 3],
    ] as const) {
      expect(parseAnswerText(q, formatAnswerText(q, value as never))).toEqual({ ok: true, value });
    }
  });
});
