/**
 * The 消費税及び地方消費税に係る仕入控除税額報告書 on both engines: entered
 * per center after its 額の確定, only where the 要綱 names the article
 * asking for it, and read back as the letter with the demo's figures.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '@tests/support/engines';
import { letterBody } from './letters';

const FY = 2023;

for (const engine of engines()) {
  describe(`the 仕入控除税額報告書 (${engine.name})`, () => {
    it('is entered after the 額の確定, refused before it, and prints 確定額, 仕入控除税額 and 返還相当額 with the article', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const rows = (await core.call('subsidy.year', { fiscalYear: FY })).rows;
      const settled = rows.find((r) => r.center.name.startsWith('燕・弥彦'))!;
      const open = rows.find((r) => r.final === null)!;
      expect(settled.final).not.toBeNull();

      await expect(
        core.call('subsidy.taxCredit.save', {
          centerId: open.center.id,
          fiscalYear: FY,
          reportedOn: '2024-06-30',
          creditAmount: 10_000,
          refundAmount: 10_000,
        }),
      ).rejects.toMatchObject({ message: expect.stringContaining('額の確定を登録してから仕入控除税額を入力してください') });
      await expect(
        core.call('subsidy.taxCredit.save', {
          centerId: settled.center.id,
          fiscalYear: FY,
          reportedOn: '2024-06-30',
          creditAmount: 10_000,
          refundAmount: 12_000,
        }),
      ).rejects.toMatchObject({ message: expect.stringContaining('返還相当額は仕入控除税額以下') });

      const saved = await core.call('subsidy.taxCredit.save', {
        centerId: settled.center.id,
        fiscalYear: FY,
        reportedOn: '2024-06-28',
        creditAmount: 312_345,
        refundAmount: 298_000,
      });
      expect(saved.taxCredit).toMatchObject({ reportedOn: '2024-06-28', creditAmount: 312_345, refundAmount: 298_000 });
      expect((await core.call('audit.list', { entity: 'subsidy_tax_credit', limit: 5 })).total).toBe(1);

      const letters = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'tax_credit', centerIds: [] });
      expect(letters).toHaveLength(1);
      const [letter] = letters;
      expect(letter).toMatchObject({
        document: '消費税及び地方消費税に係る仕入控除税額報告書',
        date: '2024-06-28',
        article: '新潟県在宅医療推進センター整備事業補助金交付要綱第9条（デモ）',
        addressee: expect.stringContaining('知事'),
        documentNumber: '第　　　号',
      });
      expect(letter!.figures).toEqual([
        { label: '補助金額（確定額）', amount: settled.final },
        { label: '仕入控除税額', amount: 312_345 },
        { label: '返還相当額', amount: 298_000 },
      ]);
      const text = JSON.stringify(letterBody(letter!).blocks);
      expect(text).toContain(`2　仕入控除税額　金312,345円`);
      expect(text).toContain(`3　返還相当額　金298,000円`);

      // A 要綱 that does not ask for the report refuses the entry.
      const rules = (await core.call('subsidy.rules.get', { fiscalYear: FY }))!;
      const { fundProject: _p, areas: _a, ...editable } = rules;
      await core.call('subsidy.rules.save', { ...editable, taxCreditArticle: '' });
      await expect(
        core.call('subsidy.taxCredit.save', {
          centerId: settled.center.id,
          fiscalYear: FY,
          reportedOn: '2024-06-30',
          creditAmount: 1,
          refundAmount: 1,
        }),
      ).rejects.toMatchObject({ message: expect.stringContaining('仕入控除税額の報告を求めていません') });
      expect(await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'tax_credit', centerIds: [] })).toEqual([]);
    });
  });
}
