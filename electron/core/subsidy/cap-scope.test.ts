/**
 * The ＩＣＴ 上限額 read per center or per 二次医療圏, through the database
 * on both engines: 県央's three centers of the demo under each reading,
 * figures worked out by hand from 第4条(2) with the demo's 上限額 of
 * 3,000,000 円; the setting saved with the 要綱 (a new revision, audited)
 * and printed on the 交付額算定調書 and the 交付申請書.
 */
import { describe, expect, it } from 'vitest';
import type { TableBlock } from '@shared/report/model';
import { engines } from '@tests/support/engines';
import { letterBody } from './letters';

const FY = 2024;

/** ＩＣＴ only, first year: システム構築費 at 10/10 and タブレット at 1/2. */
const ict = (system: number, tablet: number) => ({
  programs: [
    {
      kind: 'ict' as const,
      code: 'ict',
      totalCost: system + tablet,
      otherIncome: 0,
      firstYear: true,
      items: [
        { item: 'system', eligibleExpense: system },
        { item: 'tablet', eligibleExpense: tablet },
      ],
    },
  ],
});

for (const engine of engines()) {
  describe(`the ＩＣＴ 上限額 of 県央 (${engine.name})`, () => {
    it('holds each center to the cap by default, shares it in center-number order once the 要綱 says so, and prints the reading', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      await core.call('subsidy.rules.copy', { from: 2023, to: FY });
      const rows = (await core.call('subsidy.year', { fiscalYear: FY })).rows;
      const kenou = rows.filter((r) => r.center.areaName === '県央').map((r) => r.center);
      expect(kenou.map((c) => c.name).sort()).toEqual([
        '三条市地域包括ケア総合推進センター',
        '加茂・田上在宅医療推進センター',
        '燕・弥彦医療・介護センター',
      ]);
      const [first, second, third] = [...kenou].sort((a, b) => a.id - b.id);
      // 2,000,000 + 500,000 × 1/2 = 2,250,000; 500,000; 600,000 — each within 3,000,000 on its own.
      const amounts = new Map([
        [first!.id, ict(2_000_000, 500_000)],
        [second!.id, ict(500_000, 0)],
        [third!.id, ict(600_000, 0)],
      ]);
      const apply = async (centerId: number) =>
        core.call('subsidy.steps.add', {
          centerId,
          fiscalYear: FY,
          kind: 'application',
          datedOn: '2024-04-12',
          inputs: amounts.get(centerId)!,
        });
      for (const c of [first!, second!, third!]) await apply(c.id);
      const applied = async () =>
        Promise.all(
          [first!, second!, third!].map(async (c) => (await core.call('subsidy.center', { centerId: c.id, fiscalYear: FY })).state.applied),
        );
      expect(await applied()).toEqual([2_250_000, 500_000, 600_000]);

      // 試算 per 圏域: 3,000,000 − 2,250,000 − 500,000 leaves 250,000 for the third.
      const rules = (await core.call('subsidy.rules.get', { fiscalYear: FY }))!;
      const shared = { ...rules, programs: rules.programs.map((p) => (p.kind === 'ict' ? { ...p, capScope: 'area' as const } : p)) };
      const { fundProject: _p, areas: _a, fiscalYear: _f, version, ...editable } = shared;
      const simulation = await core.call('subsidy.simulate', { fiscalYear: FY, rules: editable });
      const simulated = [first!, second!, third!].map((c) => simulation.rows.find((r) => r.center.id === c.id)!);
      expect(simulated.map((r) => [r.saved, r.simulated])).toEqual([
        [2_250_000, 2_250_000],
        [500_000, 500_000],
        [600_000, 250_000],
      ]);

      // Saved: a new revision, audited with the reading; the steps already entered keep theirs.
      await core.call('subsidy.rules.save', { fiscalYear: FY, ...editable, version });
      const audit = await core.call('audit.list', { entity: 'subsidy_rules', limit: 1 });
      expect(JSON.stringify(audit.entries[0])).toContain('"capScope":"area"');
      expect(await applied()).toEqual([2_250_000, 500_000, 600_000]);

      // The third center's application entered again under the saved reading.
      await core.call('subsidy.steps.deleteLast', {
        id: (await core.call('subsidy.center', { centerId: third!.id, fiscalYear: FY })).steps.at(-1)!.id,
      });
      const again = await apply(third!.id);
      expect(again.state.applied).toBe(250_000);
      const program = again.sheets.application!.computation!.programs[0]!;
      expect(program.kind === 'ict' && [program.result.beforeCap, program.result.cap, program.areaCap]).toEqual([
        600_000,
        250_000,
        { cap: 3_000_000, takenBefore: 2_750_000, centers: 3 },
      ]);

      const doc = await core.call('report.doc', { name: 'subsidy.calculation', params: { fy: FY, date: '2024-04-30' } });
      const notesOf = (name: string) => {
        const at = doc.blocks.findIndex((b) => b.type === 'heading' && 'text' in b && b.text.startsWith(name));
        return (doc.blocks[at + 2] as TableBlock).notes!;
      };
      expect(notesOf(third!.name)).toContain('ICT上限の適用：二次医療圏単位（3センターで按分、センター番号順）');
      expect(notesOf(third!.name)).toContain(
        'ＩＣＴ連携システム整備事業：二次医療圏の上限額3,000,000円のうち、先のセンターの交付額2,750,000円を除いた250,000円が上限',
      );
      expect(notesOf(first!.name)).toContain('ICT上限の適用：センターごと（二次医療圏の上限額を各センターに適用）');

      const [letter] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'application', centerIds: [third!.id] });
      expect(letter!.figures).toEqual([{ label: '交付申請額', amount: 250_000 }]);
      const printed = JSON.stringify(letterBody(letter!).blocks);
      expect(printed).toContain('ICT上限の適用：二次医療圏単位（3センターで按分、センター番号順）');
    });
  });
}
