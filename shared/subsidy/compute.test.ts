import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SubsidyClass } from '../masters/model';
import { allotAreaCaps, baseAmountSubsidy, type CenterProfile, capLines, computeSubsidy } from './compute';
import { type SubsidyRules, subsidyInputsSchema, subsidyRulesSchema } from './rules';
import { calcFileSchema, computeYear, jsonPath } from './year';

const tenTenths = { numerator: 10, denominator: 10 };

/** Seed 000's R5 要綱 (運営事業 基準額 and ＩＣＴ 補助率); the ＩＣＴ 基準額 and the caps are test values. */
const R5: SubsidyRules = subsidyRulesSchema.parse({
  title: '新潟県在宅医療推進センター整備事業補助金交付要綱',
  programs: [
    {
      kind: 'operating',
      code: 'operating',
      name: '在宅医療推進センター運営事業',
      rows: [
        { class: 'large_county', label: '新潟市・長岡市・上越', baseAmount: 6_973_000, rate: tenTenths },
        { class: 'other_county', label: 'それ以外の郡市医師会', baseAmount: 4_453_000, rate: tenTenths },
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
      caps: [{ areaId: 3, cap: 2_000_000 }],
    },
  ],
});

const center = (subsidyClass: SubsidyClass, areaId: number | null = null): CenterProfile => ({
  name: 'テストセンター',
  subsidyClass,
  areaId,
});
const operating = (totalCost: number, otherIncome: number, eligibleExpense: number) => ({
  programs: [{ kind: 'operating' as const, code: 'operating', totalCost, otherIncome, eligibleExpense }],
});

describe("a center's subsidy under a year's 要綱", () => {
  it('gives the 17 centers of Niigata 84,586,000 円 of 基準額 in R5: 3 × 6,973,000 + 13 × 4,453,000 + 5,778,000 (seed 000)', () => {
    const classes: SubsidyClass[] = [
      ...Array<SubsidyClass>(3).fill('large_county'),
      ...Array<SubsidyClass>(13).fill('other_county'),
      'prefectural',
    ];
    const amounts = classes.map((c) => baseAmountSubsidy(R5, center(c)).total);
    expect(amounts).toEqual([...Array<number>(3).fill(6_973_000), ...Array<number>(13).fill(4_453_000), 5_778_000]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(84_586_000);
  });

  it("takes the 基準額 of the center's 区分 and keeps every column", () => {
    const result = computeSubsidy(R5, center('large_county'), operating(7_500_000, 200_000, 7_100_000));
    expect(result.programs[0]).toMatchObject({
      kind: 'operating',
      rowLabel: '新潟市・長岡市・上越',
      result: {
        totalCost: 7_500_000,
        otherIncome: 200_000,
        netCost: 7_300_000,
        eligibleExpense: 7_100_000,
        baseAmount: 6_973_000,
        selected: 6_973_000,
        basis: 6_973_000,
        amount: 6_973_000,
      },
    });
    expect(result.total).toBe(6_973_000);
  });

  it('handles the edge cases: no spending, donations beyond the cost, exactly 1,000 円, 1/2 on an odd amount', () => {
    expect(computeSubsidy(R5, center('other_county'), operating(0, 0, 0)).total).toBe(0);
    expect(computeSubsidy(R5, center('other_county'), operating(1_000_000, 1_500_000, 900_000)).programs[0]!.result).toMatchObject({
      netCost: 0,
      basis: 0,
      amount: 0,
    });
    expect(computeSubsidy(R5, center('other_county'), operating(1_000, 0, 1_000)).total).toBe(1_000);
    expect(computeSubsidy(R5, center('other_county'), operating(999, 0, 999)).total).toBe(0);
    // タブレット 3,001 × 1/2 = 1,500.5 → 1,500 → 1,000 after 1,000円未満切り捨て.
    const tablet = {
      programs: [
        {
          kind: 'ict' as const,
          code: 'ict',
          totalCost: 3_001,
          otherIncome: 0,
          firstYear: false,
          items: [{ item: 'tablet', eligibleExpense: 3_001 }],
        },
      ],
    };
    expect(computeSubsidy(R5, center('other_county'), tablet).total).toBe(1_000);
  });

  it("caps ＩＣＴ at the center's 二次医療圏 only, and pays the システム構築費 in the first year only", () => {
    const ict = (firstYear: boolean) => ({
      programs: [
        {
          kind: 'ict' as const,
          code: 'ict',
          totalCost: 3_200_000,
          otherIncome: 0,
          firstYear,
          items: [
            { item: 'system', eligibleExpense: 2_400_000 },
            { item: 'tablet', eligibleExpense: 700_000 },
          ],
        },
      ],
    });
    // 2,400,000 × 10/10 + 500,000 × 1/2 = 2,650,000; the 上限額 of area 3 is 2,000,000.
    expect(computeSubsidy(R5, center('other_county', 3), ict(true)).total).toBe(2_000_000);
    expect(computeSubsidy(R5, center('other_county', 5), ict(true)).total).toBe(2_650_000);
    expect(computeSubsidy(R5, center('other_county', 5), ict(false)).total).toBe(250_000);
  });

  it('says why no 上限額 applies: an area the 要綱 sets none for, the 県医師会, or no area at all', () => {
    const ict = {
      programs: [
        {
          kind: 'ict' as const,
          code: 'ict',
          totalCost: 3_200_000,
          otherIncome: 0,
          firstYear: true,
          items: [{ item: 'system', eligibleExpense: 2_400_000 }],
        },
      ],
    };
    const noteOf = (c: CenterProfile) => {
      const p = computeSubsidy(R5, c, ict).programs[0]!;
      return p.kind === 'ict' ? [p.result.cap, p.capNote] : null;
    };
    expect(noteOf(center('other_county', 3))).toEqual([2_000_000, null]);
    expect(noteOf({ ...center('other_county', 5), areaName: '魚沼' })).toEqual([
      null,
      '上限額の定めなし（二次医療圏「魚沼」の上限額が要綱にありません）',
    ]);
    expect(noteOf(center('prefectural'))).toEqual([
      null,
      '上限額の定めなし（県全体を対象とするセンターのため、二次医療圏の上限額は当てません）',
    ]);
    expect(noteOf(center('other_county'))).toEqual([null, '上限額の定めなし（担当する市町村がどの二次医療圏にも属していません）']);
  });

  it("lists the 種目 in the 要綱's order, whatever order they were entered in", () => {
    const entered = {
      programs: [
        {
          kind: 'ict' as const,
          code: 'ict',
          totalCost: 1_000_000,
          otherIncome: 0,
          firstYear: false,
          items: [
            { item: 'tablet', eligibleExpense: 600_000 },
            { item: 'system', eligibleExpense: 900_000 },
          ],
        },
      ],
    };
    const p = computeSubsidy(R5, center('other_county', 3), entered).programs[0]!;
    expect(p.kind === 'ict' && p.result.items.map((i) => [i.item, i.excluded, i.selected, i.allotted])).toEqual([
      ['system', true, 0, 0],
      ['tablet', false, 500_000, 500_000],
    ]);
    expect(p.amount).toBe(250_000);
  });

  it('refuses the same 種目 entered twice, naming it: each entry would be held to the 基準額 on its own (review finding 2)', () => {
    const twice = {
      programs: [
        {
          kind: 'ict' as const,
          code: 'ict',
          totalCost: 2_000_000,
          otherIncome: 0,
          firstYear: false,
          items: [
            { item: 'tablet', eligibleExpense: 500_000 },
            { item: 'tablet', eligibleExpense: 500_000 },
          ],
        },
      ],
    };
    expect(subsidyInputsSchema.safeParse(twice).error?.issues).toEqual([
      expect.objectContaining({
        path: ['programs', 0, 'items', 1, 'item'],
        message: '種目「tablet」の対象経費が2回入力されています。1つにまとめて合計額を入力してください',
      }),
    ]);
    expect(() => computeSubsidy(R5, center('other_county', 3), twice)).toThrow(
      '「ＩＣＴ連携システム整備事業」の種目「タブレット端末購入費」が2回入力されています',
    );
    const sameProgram = { programs: [...operating(1, 0, 1).programs, ...operating(2, 0, 2).programs] };
    expect(subsidyInputsSchema.safeParse(sameProgram).error?.issues[0]).toMatchObject({
      path: ['programs', 1, 'code'],
      message: expect.stringContaining('事業「operating」の金額が2回入力されています'),
    });
  });

  it('refuses amounts the 要綱 has no row for, naming the program, 区分 or 種目', () => {
    const noPrefectural = {
      ...R5,
      programs: [{ ...R5.programs[0]!, rows: R5.programs[0]!.rows.slice(0, 2) } as SubsidyRules['programs'][number]],
    };
    expect(() => computeSubsidy(noPrefectural, center('prefectural'), operating(1, 0, 1))).toThrow(
      '補助区分「県医師会」の基準額がありません',
    );
    // The code is internal: the message never shows it.
    expect(() =>
      computeSubsidy(R5, center('other_county'), { programs: [{ ...operating(1, 0, 1).programs[0]!, code: 'other' }] }),
    ).not.toThrow(/other/);
    expect(() => computeSubsidy(R5, center('other_county'), { programs: [{ ...operating(1, 0, 1).programs[0]!, code: 'other' }] })).toThrow(
      'の金額に、この要綱にない事業の金額があります',
    );
    const robot = {
      programs: [
        {
          kind: 'ict' as const,
          code: 'ict',
          totalCost: 1,
          otherIncome: 0,
          firstYear: false,
          items: [{ item: 'robot', eligibleExpense: 1 }],
        },
      ],
    };
    expect(() => computeSubsidy(R5, center('other_county'), robot)).toThrow('種目「robot」はありません');
  });

  it('refuses a 要綱 with the same 区分 twice, or a rate above 10/10', () => {
    const twice = { ...R5, programs: [{ ...R5.programs[0]!, rows: [R5.programs[0]!.rows[0], R5.programs[0]!.rows[0]] }] };
    expect(subsidyRulesSchema.safeParse(twice).error?.issues[0]?.message).toContain('が重複しています');
    const above = {
      ...R5,
      programs: [{ ...R5.programs[0]!, rows: [{ ...R5.programs[0]!.rows[0]!, rate: { numerator: 11, denominator: 10 } }] }],
    };
    expect(subsidyRulesSchema.safeParse(above).error?.issues[0]?.message).toBe('補助率は10/10（1）以下にしてください');
  });
});

describe('a year from the CLI example (resources/examples/subsidy-calc.json)', () => {
  it('computes every center and the total: 6,973,000 + 6,210,000 + 4,100,000 + 5,778,000 = 23,061,000', () => {
    const file = calcFileSchema.parse(
      JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../resources/examples/subsidy-calc.json'), 'utf8')),
    );
    const year = computeYear(file.rules, file.centers);
    expect(year.centers.map((c) => c.total)).toEqual([6_973_000, 6_210_000, 4_100_000, 5_778_000]);
    expect(year.total).toBe(23_061_000);
    // 燕・弥彦: 運営 4,210,500 → 4,210,000; ＩＣＴ 2,650,000 capped at area 3's 2,000,000.
    expect(year.centers[1]!.programs.map((p) => p.amount)).toEqual([4_210_000, 2_000_000]);
  });

  it('refuses a file with the same 種目 twice for a center, at its JSON path', () => {
    const file = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../resources/examples/subsidy-calc.json'), 'utf8'));
    file.centers[1].inputs.programs[1].items.push({ item: 'tablet', eligibleExpense: 100_000 });
    const issues = calcFileSchema.safeParse(file).error?.issues ?? [];
    expect(issues.map((i) => [jsonPath(i.path), i.message])).toEqual([
      [
        'centers[1].inputs.programs[1].items[2].item',
        '種目「tablet」の対象経費が2回入力されています。1つにまとめて合計額を入力してください',
      ],
    ]);
  });

  it('names a problem by its JSON path', () => {
    expect(jsonPath(['centers', 3, 'inputs', 'programs', 0, 'totalCost'])).toBe('centers[3].inputs.programs[0].totalCost');
    expect(() =>
      computeYear(R5, [{ ...center('other_county'), inputs: { programs: [{ ...operating(1, 0, 1).programs[0]!, code: 'other' }] } }]),
    ).toThrow(expect.objectContaining({ path: ['centers', 0, 'inputs', 'programs', 0, 'code'] }));
  });
});

describe('the ＩＣＴ 上限額 of 第4条(2): per center or shared by the centers of a 二次医療圏', () => {
  /** 県央 (area 3, cap 2,000,000 in R5 above) has three centers; the 県医師会's center has no area. */
  const ict = (system: number, tablet: number) => ({
    kind: 'ict' as const,
    code: 'ict',
    totalCost: system + tablet,
    otherIncome: 0,
    firstYear: true,
    items: [
      { item: 'system', eligibleExpense: system },
      { item: 'tablet', eligibleExpense: tablet },
    ],
  });
  const kenou = [
    // 1,000,000 × 10/10 + 300,000 × 1/2 = 1,150,000
    { name: '燕・弥彦', subsidyClass: 'other_county' as const, areaId: 3, inputs: { programs: [ict(1_000_000, 300_000)] } },
    // 500,000 + 467,000 × 1/2 = 733,500 → 733,000
    { name: '三条', subsidyClass: 'other_county' as const, areaId: 3, inputs: { programs: [ict(500_000, 467_000)] } },
    // 800,000 + 0 = 800,000
    { name: '加茂・田上', subsidyClass: 'other_county' as const, areaId: 3, inputs: { programs: [ict(800_000, 0)] } },
    // 県医師会: no area, so no cap under either reading: 1,200,000 + 250,000 = 1,450,000
    { name: '県医師会', subsidyClass: 'prefectural' as const, areaId: null, inputs: { programs: [ict(1_200_000, 500_000)] } },
  ];
  const shared: SubsidyRules = {
    ...R5,
    programs: R5.programs.map((p) => (p.kind === 'ict' ? { ...p, capScope: 'area' as const } : p)),
  };

  it('reads the 上限額 per center by default: each of 県央 is held to the whole 2,000,000 on its own (the figures before the setting)', () => {
    expect(R5.programs[1]).toMatchObject({ capScope: 'center' });
    const year = computeYear(R5, kenou);
    expect(year.centers.map((c) => c.total)).toEqual([1_150_000, 733_000, 800_000, 1_450_000]);
    expect(year.total).toBe(4_133_000);
    const first = year.centers[0]!.programs[0]!;
    expect(first.kind === 'ict' && [first.result.cap, first.areaCap, first.capScopeNote]).toEqual([
      2_000_000,
      null,
      'ICT上限の適用：センターごと（二次医療圏の上限額を各センターに適用）',
    ]);
  });

  it('shares 県央 2,000,000 among its three centers in order: 1,150,000, then 733,000 of the 850,000 left, then the last 117,000', () => {
    const year = computeYear(shared, kenou);
    // 2,000,000 − 1,150,000 = 850,000 ≥ 733,500 → 733,000; 2,000,000 − 1,883,000 = 117,000 < 800,000 → 117,000.
    expect(year.centers.map((c) => c.total)).toEqual([1_150_000, 733_000, 117_000, 1_450_000]);
    expect(year.total).toBe(3_450_000);
    const [, , last] = year.centers;
    const program = last!.programs[0]!;
    expect(program.kind === 'ict' && [program.result.beforeCap, program.result.cap, program.areaCap]).toEqual([
      800_000,
      117_000,
      { cap: 2_000_000, takenBefore: 1_883_000, centers: 3 },
    ]);
    expect(capLines(last!)).toEqual([
      'ICT上限の適用：二次医療圏単位（3センターで按分、センター番号順）',
      'ＩＣＴ連携システム整備事業：二次医療圏の上限額2,000,000円のうち、先のセンターの交付額1,883,000円を除いた117,000円が上限',
    ]);
    // The order decides who is cut: 加茂・田上 first takes its 800,000 whole, and 三条 (last) gets 50,000.
    const reordered = computeYear(shared, [kenou[2]!, kenou[0]!, kenou[1]!]);
    expect(reordered.centers.map((c) => c.total)).toEqual([800_000, 1_150_000, 50_000]);
  });

  it('gives a center the 上限額 that is left, rounded down to 1,000 円 after the cap, and none once the area has used it all', () => {
    const shares = allotAreaCaps(shared, [...kenou, { ...kenou[1]!, name: '4番目' }]);
    expect(shares.map((s) => s?.taken.ict ?? null)).toEqual([0, 1_150_000, 1_883_000, null, 2_000_000]);
    expect(allotAreaCaps(R5, kenou)).toEqual([null, null, null, null]);
  });
});
