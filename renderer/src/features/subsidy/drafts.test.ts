/**
 * The 補助金 forms' text and the contract's values: the demo's R5 要綱 through
 * the 要綱 form and back unchanged, figures typed as officers type them, and
 * the Japanese message naming the program, row and field of one that is not
 * a number.
 */
import { describe, expect, it } from 'vitest';
import { subsidyRulesSchema } from '@shared/contract/subsidy';
import { formPathOf, inputsDraftOf, readInputsDraft } from './inputsDraft';
import { newProgram, placeOf, readRulesDraft, rulesDraftOf } from './rulesDraft';

const tenTenths = { numerator: 10, denominator: 10 };
/** Seed 000's R5 基準額 (別表1) and ＩＣＴ 補助率; the ＩＣＴ 基準額 and 上限額 are the demo's. */
const rules = subsidyRulesSchema.parse({
  title: '新潟県在宅医療推進センター整備事業補助金交付要綱',
  fundProjectId: 1,
  roundingUnit: 1000,
  programs: [
    {
      kind: 'operating',
      code: 'operating',
      name: '在宅医療推進センター運営事業',
      rows: [
        { class: 'large_county', label: '郡市医師会（新潟市・長岡市・上越医師会）', baseAmount: 6_973_000, rate: tenTenths },
        { class: 'other_county', label: '郡市医師会（上記以外）', baseAmount: 4_453_000, rate: tenTenths },
        { class: 'prefectural', label: '県医師会', baseAmount: 5_778_000, rate: tenTenths },
      ],
    },
    {
      kind: 'ict',
      code: 'ict',
      name: 'ＩＣＴ連携システム整備事業',
      rows: [
        { item: 'system', label: 'ＩＣＴシステム構築費', baseAmount: 3_000_000, rate: tenTenths, firstYearOnly: true },
        { item: 'tablet', label: 'タブレット端末購入費', baseAmount: 500_000, rate: { numerator: 1, denominator: 2 } },
      ],
      caps: [{ areaId: 7, cap: 3_000_000 }],
    },
  ],
});

describe('the 要綱 form', () => {
  it('shows the R5 基準額 with separators and gives the same 要綱 back', () => {
    const draft = rulesDraftOf(rules);
    const operating = draft.programs[0]!;
    expect(operating.rows.map((r) => r.baseAmount)).toEqual(['6,973,000', '4,453,000', '5,778,000']);
    expect(draft.programs[1]!.kind === 'ict' && draft.programs[1]!.caps[7]).toBe('3,000,000');
    expect(readRulesDraft(draft)).toEqual({ rules });
  });

  it('takes full-width figures and places every figure that is not a number or negative at its field', () => {
    const draft = rulesDraftOf(rules);
    const operating = draft.programs[0]!;
    if (operating.kind !== 'operating') throw new Error('運営事業 first');
    operating.rows[1]!.baseAmount = '４，５００，０００円';
    const read = readRulesDraft(draft);
    expect('rules' in read && read.rules.programs[0]!.rows[1]!.baseAmount).toBe(4_500_000);

    operating.rows[1]!.baseAmount = '445万';
    operating.rows[1]!.rate.denominator = '';
    operating.rows[2]!.baseAmount = '−5';
    expect(readRulesDraft(draft)).toEqual({
      problems: [
        {
          path: ['programs', 0, 'rows', 1, 'baseAmount'],
          message: '基準額は金額として読めません（例: 84,586,000、８４５８６０００円、85,419千円）',
        },
        { path: ['programs', 0, 'rows', 1, 'rate'], message: '補助率は 1/2 のように整数の分数で入力してください' },
        { path: ['programs', 0, 'rows', 2, 'baseAmount'], message: '基準額はマイナスにはできません（0以上で入力してください）' },
      ],
    });
  });

  it('reads a 補助率 as whole numbers, not yen, and says what a rate is (QA: 「10円」 was taken as 10, 0.5 got a yen message)', () => {
    const draft = rulesDraftOf(rules);
    const ict = draft.programs[1]!;
    const rate = ict.rows[1]!.rate;
    const problemOf = (numerator: string, denominator: string) => {
      Object.assign(rate, { numerator, denominator });
      const read = readRulesDraft(draft);
      return 'problems' in read ? read.problems : read.rules.programs[1]!.rows[1]!.rate;
    };
    const at = ['programs', 1, 'rows', 1, 'rate'];
    const form = [{ path: at, message: '補助率は 1/2 のように整数の分数で入力してください' }];
    expect(problemOf('１', '２')).toEqual({ numerator: 1, denominator: 2 });
    expect(problemOf('10円', '10')).toEqual(form);
    expect(problemOf('10', '10千円')).toEqual(form);
    expect(problemOf('0.5', '1')).toEqual(form);
    expect(problemOf('', '2')).toEqual(form);
    expect(problemOf('10', '0')).toEqual([{ path: at, message: '補助率の分母は1以上にしてください' }]);
    expect(problemOf('11', '10')).toEqual([{ path: at, message: '補助率は10/10（1）以下にしてください' }]);
  });

  it('places the core’s issue on the program and row it names', () => {
    const draft = rulesDraftOf(rules);
    expect(placeOf(['programs', 1, 'rows', 1, 'rate'], draft)).toBe('「ＩＣＴ連携システム整備事業」の種目「タブレット端末購入費」');
    expect(placeOf(['title'], draft)).toBe('');
  });

  it('adds a program under a code not yet taken', () => {
    expect(newProgram('ict', ['operating', 'ict']).code).toBe('ict2');
    const added = newProgram('operating', []);
    expect(added.kind === 'operating' && added.rows.map((r) => r.class)).toEqual(['large_county', 'other_county', 'prefectural']);
  });
});

describe('the amounts form', () => {
  it('starts with the 運営事業 ticked and every 寄付金 at 0, and reads typed figures', () => {
    const draft = inputsDraftOf(rules, null);
    expect(draft.map((p) => [p.code, p.included, p.otherIncome])).toEqual([
      ['operating', true, '0'],
      ['ict', false, '0'],
    ]);
    draft[0] = { ...draft[0]!, totalCost: '5,000,000', eligibleExpense: '４８０００００' };
    expect(readInputsDraft(draft)).toEqual({
      inputs: { programs: [{ kind: 'operating', code: 'operating', totalCost: 5_000_000, otherIncome: 0, eligibleExpense: 4_800_000 }] },
    });
  });

  it('starts a change from the latest amounts, ＩＣＴ 種目 left blank not applied for', () => {
    const latest = {
      programs: [
        { kind: 'operating' as const, code: 'operating', totalCost: 4_853_000, otherIncome: 50_000, eligibleExpense: 4_753_000 },
        {
          kind: 'ict' as const,
          code: 'ict',
          totalCost: 650_000,
          otherIncome: 0,
          firstYear: false,
          items: [{ item: 'tablet', eligibleExpense: 600_000 }],
        },
      ],
    };
    const draft = inputsDraftOf(rules, latest);
    expect(draft[1]!.items).toEqual({ system: '', tablet: '600,000' });
    expect(readInputsDraft(draft)).toEqual({ inputs: latest });
  });

  it('says every figure that is missing, not a number or negative, at its field', () => {
    const draft = inputsDraftOf(rules, null);
    expect(readInputsDraft(draft)).toEqual({
      problems: [
        { path: ['programs', 0, 'totalCost'], message: '総事業費を入力してください（ない場合は 0）。' },
        { path: ['programs', 0, 'eligibleExpense'], message: '対象経費を入力してください（ない場合は 0）。' },
      ],
    });
    // The officer-UX example: −100 and "abc" are both reported, each once.
    draft[0] = { ...draft[0]!, totalCost: '−100', eligibleExpense: 'abc' };
    expect(readInputsDraft(draft)).toEqual({
      problems: [
        { path: ['programs', 0, 'totalCost'], message: '総事業費はマイナスにはできません（0以上で入力してください）' },
        {
          path: ['programs', 0, 'eligibleExpense'],
          message: '対象経費は金額として読めません（例: 84,586,000、８４５８６０００円、85,419千円）',
        },
      ],
    });
    draft[1] = { ...draft[1]!, included: true, totalCost: '1', otherIncome: '0', items: { system: '', tablet: 'x' } };
    expect(readInputsDraft(draft)).toMatchObject({ problems: [{}, {}, { path: ['programs', 1, 'items', 'tablet'] }] });
    expect(readInputsDraft(draft.map((p) => ({ ...p, included: false })))).toEqual({
      problems: [{ path: ['included'], message: '金額を入力する事業を1つ以上選んでください。' }],
    });
  });

  it('places the core’s issue about the amounts sent on the field of the form it came from', () => {
    const draft = inputsDraftOf(rules, null).map((p) => ({ ...p, included: p.kind === 'ict', items: { system: '', tablet: '600,000' } }));
    // Only the ＩＣＴ program (second in the form) and its filled 種目 (tablet) were sent.
    expect(formPathOf(['inputs', 'programs', 0, 'totalCost'], draft)).toEqual(['programs', 1, 'totalCost']);
    expect(formPathOf(['inputs', 'programs', 0, 'items', 0, 'eligibleExpense'], draft)).toEqual(['programs', 1, 'items', 'tablet']);
    expect(formPathOf(['datedOn'], draft)).toEqual(['datedOn']);
  });
});
