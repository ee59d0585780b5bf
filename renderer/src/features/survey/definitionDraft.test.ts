import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '@shared/survey/definition';
import { CENTER_STAFFING, CLINIC_HOME_CARE } from '@shared/survey/seeds';
import { definitionDraftOf, draftPathOf, moved, newQuestion, readDefinitionDraft, unsavedText, withType } from './definitionDraft';

const centers = surveyDefinitionSchema.parse(CENTER_STAFFING);
const clinic = surveyDefinitionSchema.parse(CLINIC_HOME_CARE);

describe('the 調査票 editor’s draft', () => {
  it('reads back the shipped definitions unchanged, a 小数 column’s hundredths shown as decimals', () => {
    expect(readDefinitionDraft(definitionDraftOf(centers))).toEqual({ definition: centers });
    expect(readDefinitionDraft(definitionDraftOf(clinic))).toEqual({ definition: clinic });
    const staff = definitionDraftOf(centers).questions.find((q) => q.code === 'staff');
    const fte = staff?.type === 'table' ? staff.columns.find((c) => c.code === 'fte') : undefined;
    expect(fte && fte.type === 'decimal' ? [fte.min, fte.max] : null).toEqual(['0.01', '2']);
  });

  it('stores 最小・最大 typed as decimals in hundredths, full-width digits too, and places a bound that is not a number at its box', () => {
    const draft = definitionDraftOf(centers);
    const staff = draft.questions[2]!;
    if (staff.type !== 'table') throw new Error('配置職員 is a table');
    const columns = staff.columns.map((c) => (c.code === 'fte' && c.type === 'decimal' ? { ...c, max: '１．５' } : c));
    const read = readDefinitionDraft({ ...draft, questions: [draft.questions[0]!, draft.questions[1]!, { ...staff, columns }] });
    const fte = 'definition' in read ? read.definition.questions[2] : undefined;
    expect(fte?.type === 'table' ? fte.columns[2] : null).toMatchObject({ code: 'fte', min: 1, max: 150 });

    const added = newQuestion('integer', ['director_post']);
    if (added.type !== 'integer') throw new Error('an integer question was asked for');
    expect(readDefinitionDraft({ ...draft, questions: [{ ...added, min: '1.5', max: '10' }] })).toEqual({
      problems: [{ path: ['questions', 0, 'min'], message: '「1.5」は整数ではありません' }],
    });
  });

  it('gives a new question a free code and, for a choice, two choices to name', () => {
    expect(newQuestion('choice', ['q1', 'staff'])).toMatchObject({
      code: 'q3',
      type: 'choice',
      choices: [
        { code: 'c1', label: '' },
        { code: 'c2', label: '' },
      ],
    });
    expect(newQuestion('decimal', [])).toMatchObject({ code: 'q1', decimals: 2, min: '', max: '' });
  });

  it('moves a question one place, never past either end, and places the core’s refusals on the draft', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(draftPathOf(['definition', 'questions', 3, 'label'])).toEqual(['questions', 3, 'label']);
  });

  it('writes out what was typed for a refused save: the questions changed, a column under its table, bounds as typed', () => {
    const read = definitionDraftOf(centers);
    expect(unsavedText(read, read)).toBe('');
    const staff = read.questions[2]!;
    if (staff.type !== 'table') throw new Error('配置職員 is a table');
    const columns = staff.columns.map((c) => (c.code === 'fte' && c.type === 'decimal' ? { ...c, max: '1.5' } : c));
    const typed = { ...read, name: '人員配置調査', questions: [read.questions[0]!, read.questions[1]!, { ...staff, columns }] };
    expect(unsavedText(typed, read)).toBe(
      [
        '調査名: 人員配置調査',
        '問3（表（行の繰り返し））: 配置職員 ／ 説明: 1人1行で、上の行から詰めて記入してください。 ／ 必須',
        '　列3（小数）: 常勤換算 ／ 説明: 常勤は1.00、週20時間の非常勤は0.50のように小数第2位まで ／ 必須 ／ 最小: 0.01 ／ 最大: 1.5',
      ].join('\n'),
    );
  });

  it('changes a question’s type keeping its code, 見出し, 説明, 必須 and condition, and a choice question’s choices', () => {
    const text = { ...newQuestion('text', []), label: '入退院支援ルールの運用', help: '令和7年4月1日時点', required: true };
    const choice = withType(text, 'choice');
    expect(choice).toEqual({
      code: 'q1',
      label: '入退院支援ルールの運用',
      help: '令和7年4月1日時点',
      required: true,
      when: null,
      type: 'choice',
      choices: [
        { code: 'c1', label: '' },
        { code: 'c2', label: '' },
      ],
    });
    const named = {
      ...choice,
      choices: [
        { code: 'c1', label: '運用している' },
        { code: 'c2', label: '未着手' },
      ],
    } as typeof choice;
    expect(withType(named, 'multi')).toMatchObject({
      type: 'multi',
      maxSelected: null,
      choices: [{ label: '運用している' }, { label: '未着手' }],
    });
    const { code, label, help, required, when } = text;
    expect(withType(named, 'integer')).toEqual({
      code,
      label,
      help,
      required,
      when,
      type: 'integer',
      min: '',
      max: '',
      warnAbove: null,
      unit: '',
    });
  });
});
