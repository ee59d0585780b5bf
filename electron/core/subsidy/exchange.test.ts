/**
 * 補助金 by file between the association's own Renkei and the prefecture's:
 * two demo databases, the association's applications taken by the
 * prefecture (same figures on both sides), an amount changed in a yellow
 * cell shown old → new, a decided application refused with nothing written,
 * a locked cell or the hidden sheet changed refused by name, and the
 * prefecture's decision and a 額の確定 taken back by the association.
 */
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Center, CenterRow } from '@shared/contract/masters';
import { formatYen } from '@shared/format';
import { yen } from '@shared/money';
import { engines, type TestEngine } from '@tests/support/engines';
import { readWorkbook, workbookData } from '@tests/support/files';
import { nextYearBudgeted } from '@tests/support/seed';
import type { Core } from '../core';

const FY = 2024;
/** Two demo databases per test: generous on a busy machine. */
const TWO_DATABASES = 240_000;

const operating = (totalCost: number, otherIncome: number, eligibleExpense: number) => ({
  programs: [{ kind: 'operating' as const, code: 'operating', totalCost, otherIncome, eligibleExpense }],
});

/** A demo database with 令和6年度's 要綱 and the center project budgeted for the year, as each side would have it. */
async function side(open: () => Promise<Core>): Promise<Core> {
  const core = await open();
  await core.call('app.demo.load', {});
  await nextYearBudgeted(core);
  return core;
}

/**
 * An association running two centers on both sides: each association of the demo runs one, so the
 * next center is handed to the first one's association in both 台帳 (as one 医師会 may run two).
 */
async function associationWithCenters(...cores: Core[]) {
  const ledger = await cores[0]!.call('masters.centers.list', { fiscalYear: FY });
  const [first, second] = ledger.filter((c) => c.operatorAssociationId !== null && c.role === 'regional') as [CenterRow, CenterRow];
  for (const core of cores)
    await core.call('masters.centers.save', { ...saveOf(second), operatorAssociationId: first.operatorAssociationId });
  return { associationId: first.operatorAssociationId!, centers: [first, second].map((c) => ({ id: c.id, name: c.name })) };
}

const steps = async (core: Core, centerId: number) =>
  (await core.call('subsidy.center', { centerId, fiscalYear: FY })).steps.map((s) => ({
    kind: s.kind,
    datedOn: s.datedOn,
    amount: s.amount,
    orderNo: s.orderNo,
    inputs: s.inputs,
  }));

const upload = (file: { fileName: string; data: string }) => ({ fiscalYear: FY, fileName: file.fileName, data: file.data });

/** The workbook with one cell of a sheet rewritten, as someone editing it in Excel would leave it. */
async function edited(file: { fileName: string; data: string }, sheet: string, address: string, value: ExcelJS.CellValue) {
  const workbook = await readWorkbook(file.data);
  workbook.getWorksheet(sheet)!.getCell(address).value = value;
  return { fileName: file.fileName, data: await workbookData(workbook) };
}

/**
 * One center of an association on the association's and the prefecture's databases, taken as far as a late 実績報告:
 * 交付申請 4,453,000 (the 基準額) decided and paid in full by the prefecture, then a 実績報告 of 4,400,000 − 112,345
 * under 対象経費 4,400,000 (→ 4,287,000), entered before the payment came back, taken by the prefecture. `add` enters
 * a step of the center on one side, `exchange` sends one side's file to the other.
 */
async function paidAndReported(engine: TestEngine) {
  const association = await side(() => engine.open({ osUser: 'jimukyoku' }));
  const prefecture = await side(() => engine.open({ osUser: 'tantou' }));
  const { associationId, centers } = await associationWithCenters(association, prefecture);
  const center = centers[0]!;
  const add = (core: Core, step: Record<string, unknown>) =>
    core.call('subsidy.steps.add', { centerId: center.id, fiscalYear: FY, ...step } as never);
  const exchange = async (from: Core, to: Core, direction: 'applications' | 'decisions') => {
    const file = await from.call(`subsidy.exchange.${direction}.file`, { fiscalYear: FY, associationId });
    return to.call(`subsidy.exchange.${direction}.commit`, { ...upload(file), excludeRows: [] });
  };
  await add(association, { kind: 'application', datedOn: '2024-04-15', inputs: operating(4_600_000, 0, 4_600_000) });
  await exchange(association, prefecture, 'applications');
  await add(prefecture, { kind: 'decision', datedOn: '2024-05-01', orderNo: '新医薬第2001号', amount: 4_453_000 });
  await exchange(prefecture, association, 'decisions');
  await add(prefecture, { kind: 'payment', datedOn: '2024-06-03', orderNo: '', amount: 4_453_000 });
  await add(association, { kind: 'actual_report', datedOn: '2025-06-30', inputs: operating(4_400_000, 112_345, 4_400_000) });
  await exchange(association, prefecture, 'applications');
  return { association, prefecture, associationId, center, add, exchange };
}

for (const engine of engines()) {
  describe(`the association and the prefecture by file (${engine.name})`, () => {
    it(
      'carries applications to the prefecture and the decision back, with the same figures on both sides',
      async () => {
        const association = await side(() => engine.open({ osUser: 'jimukyoku' }));
        const prefecture = await side(() => engine.open({ osUser: 'tantou' }));
        const { associationId, centers } = await associationWithCenters(association, prefecture);
        const [first, second] = centers as [{ id: number; name: string }, { id: number; name: string }];

        // The secretariat enters two applications in its own Renkei and sends the year's file.
        await association.call('subsidy.steps.add', {
          centerId: first.id,
          fiscalYear: FY,
          kind: 'application',
          datedOn: '2024-04-12',
          inputs: operating(5_200_000, 300_000, 4_200_000),
        });
        await association.call('subsidy.steps.add', {
          centerId: second.id,
          fiscalYear: FY,
          kind: 'application',
          datedOn: '2024-04-15',
          inputs: operating(4_800_000, 0, 4_700_000),
        });
        const sent = await association.call('subsidy.exchange.applications.file', { fiscalYear: FY, associationId });
        expect(sent.fileName).toContain('県へ送る申請・報告');

        const preview = await prefecture.call('subsidy.exchange.applications.preview', upload(sent));
        expect(preview.counts).toEqual({ new: 2, changed: 0, unchanged: centers.length - 2, error: 0 });
        const firstRow = preview.rows.find((r) => r.label === first.name)!;
        expect(firstRow.status).toBe('new');
        // The キー column names the 台帳's center, never its internal number.
        expect(preview.rows.map((r) => r.key)).toEqual(preview.rows.map((r) => r.label));
        // 対象経費 4,200,000 against 総事業費 − 寄付金その他 4,900,000 and the 基準額: 4,200,000 円 at 10/10.
        expect(firstRow.changes).toContainEqual({ field: '交付申請（令和6年4月12日）（追加） 金額', before: '', after: '4,200,000円' });

        const auditBefore = (await prefecture.call('audit.list', { limit: 1 })).total;
        const result = await prefecture.call('subsidy.exchange.applications.commit', { ...upload(sent), excludeRows: [] });
        expect(result).toMatchObject({ created: 2, updated: 0, unchanged: centers.length - 2, excluded: 0 });
        expect(await steps(prefecture, first.id)).toEqual(await steps(association, first.id));
        expect(await steps(prefecture, second.id)).toEqual(await steps(association, second.id));
        expect((await steps(prefecture, first.id))[0]!.amount).toBe(4_200_000);
        // Two steps and the import itself, in one entry of the log.
        const log = await prefecture.call('audit.list', { limit: 10 });
        expect(log.total - auditBefore).toBe(3);
        expect(log.entries.map((e) => e.entity)).toContain('subsidy_exchange');

        // The same file again changes nothing.
        expect((await prefecture.call('subsidy.exchange.applications.preview', upload(sent))).counts.unchanged).toBe(centers.length);

        // An amount corrected in a yellow cell (the first center's 対象経費, column F of its row) shows old → new.
        const corrected = await edited(sent, '申請・報告', 'F5', 4_000_000);
        const changed = await prefecture.call('subsidy.exchange.applications.preview', upload(corrected));
        const row = changed.rows.find((r) => r.label === first.name)!;
        expect(row.status).toBe('changed');
        expect(row.changes).toEqual(
          expect.arrayContaining([
            {
              field: '交付申請（令和6年4月12日） 在宅医療推進センター運営事業 対象経費の支出額',
              before: formatYen(yen(4_200_000)),
              after: formatYen(yen(4_000_000)),
            },
            { field: '交付申請（令和6年4月12日） 金額', before: '4,200,000円', after: '4,000,000円' },
          ]),
        );

        // A yellow cell that holds no amount: the center is refused at its cell.
        const typo = await prefecture.call(
          'subsidy.exchange.applications.preview',
          upload(await edited(sent, '申請・報告', 'F5', '四百万円')),
        );
        const typoRow = typo.rows.find((r) => r.label === first.name)!;
        expect(typoRow.status).toBe('error');
        expect(typoRow.errors[0]).toMatchObject({ column: 'F', header: '在宅医療推進センター運営事業 対象経費の支出額' });
        expect(typoRow.errors[0]!.message).toMatch(/^5行目 「四百万円」/);

        // A 対象経費 typed with a digit too many, beyond the 総事業費 5,200,000: the center is refused, named, before any amount.
        const beyond = await prefecture.call(
          'subsidy.exchange.applications.preview',
          upload(await edited(sent, '申請・報告', 'F5', 42_000_000)),
        );
        const beyondRow = beyond.rows.find((r) => r.label === first.name)!;
        expect(beyondRow.status).toBe('error');
        expect(beyondRow.errors[0]!.message).toContain(
          `「在宅医療推進センター運営事業」の対象経費の支出（予定）額 42,000,000円 が総事業費 5,200,000円 を超えています（${first.name}）。`,
        );

        // A locked cell or the hidden identifier changed: refused, naming where.
        const renamed = await edited(sent, '申請・報告', 'A5', '別のセンター');
        await expect(prefecture.call('subsidy.exchange.applications.preview', upload(renamed))).rejects.toThrow(
          /シート「申請・報告」のセル A5 は「.+」のはずが「別のセンター」/,
        );
        const forged = await edited(sent, '_renkei', 'A3', '{}');
        await expect(prefecture.call('subsidy.exchange.applications.preview', upload(forged))).rejects.toThrow(/隠しシート「_renkei」/);
        // A decisions file where applications are expected, and the wrong year.
        await expect(prefecture.call('subsidy.exchange.decisions.preview', upload(sent))).rejects.toThrow(
          /医師会から県へ送る申請・報告のファイルです/,
        );
        await expect(prefecture.call('subsidy.exchange.applications.preview', { ...upload(sent), fiscalYear: 2023 })).rejects.toThrow(
          /令和6年度のファイルです/,
        );

        // The prefecture decides the first center; a file changing its application (and the second's) is refused whole.
        await prefecture.call('subsidy.steps.add', {
          centerId: first.id,
          fiscalYear: FY,
          kind: 'decision',
          datedOn: '2024-05-10',
          orderNo: '新医薬第2001号',
          amount: 4_200_000,
        });
        const both = await edited(corrected, '申請・報告', 'F6', 4_500_000);
        const refused = await prefecture.call('subsidy.exchange.applications.preview', upload(both));
        const refusedRow = refused.rows.find((r) => r.label === first.name)!;
        expect(refusedRow.status).toBe('error');
        expect(refusedRow.errors[0]!.message).toContain('県ではすでに交付決定（令和6年5月10日）を記録しているため');
        expect(refused.rows.find((r) => r.label === second.name)!.status).toBe('changed');
        const before = await steps(prefecture, second.id);
        await expect(prefecture.call('subsidy.exchange.applications.commit', { ...upload(both), excludeRows: [] })).rejects.toThrow(
          /何も取り込んでいません/,
        );
        expect(await steps(prefecture, second.id)).toEqual(before);

        // The decision goes back to the association, which records it as the prefecture did.
        const back = await prefecture.call('subsidy.exchange.decisions.file', { fiscalYear: FY, associationId });
        const taken = await association.call('subsidy.exchange.decisions.preview', upload(back));
        expect(taken.counts).toMatchObject({ changed: 1, error: 0 });
        expect(taken.rows.find((r) => r.label === first.name)!.changes).toContainEqual({
          field: '交付決定（令和6年5月10日）（追加） 指令番号',
          before: '',
          after: '新医薬第2001号',
        });
        await association.call('subsidy.exchange.decisions.commit', { ...upload(back), excludeRows: [] });
        expect(await steps(association, first.id)).toEqual(await steps(prefecture, first.id));
        expect((await association.call('subsidy.center', { centerId: first.id, fiscalYear: FY })).state.decided).toBe(4_200_000);

        // 額の確定 goes back too: 三条市's center reported its 令和5年度 actuals, and the prefecture settles it at the computed amount.
        const sanjo = (await prefecture.call('masters.centers.list', { fiscalYear: 2023 })).find((c) => c.name.startsWith('三条市'))!;
        const settled = await prefecture.call('subsidy.steps.add', {
          centerId: sanjo.id,
          fiscalYear: 2023,
          kind: 'settlement',
          datedOn: '2024-05-24',
          orderNo: '新医薬第2101号',
        });
        const settlement = await prefecture.call('subsidy.exchange.decisions.file', {
          fiscalYear: 2023,
          associationId: sanjo.operatorAssociationId!,
        });
        const settledPreview = await association.call('subsidy.exchange.decisions.preview', { ...upload(settlement), fiscalYear: 2023 });
        expect(settledPreview.rows.find((r) => r.label === sanjo.name)!.changes).toContainEqual({
          field: '額の確定（令和6年5月24日）（追加） 金額',
          before: '',
          after: formatYen(yen(settled.state.final!)),
        });
        await association.call('subsidy.exchange.decisions.commit', { ...upload(settlement), fiscalYear: 2023, excludeRows: [] });
        const there = await association.call('subsidy.center', { centerId: sanjo.id, fiscalYear: 2023 });
        expect(there.state.final).toBe(settled.state.final);
        expect(there.steps.at(-1)).toMatchObject({ kind: 'settlement', orderNo: '新医薬第2101号', amount: settled.state.final });
      },
      TWO_DATABASES,
    );

    it(
      'carries the prefecture’s 概算払 and 返還 back, so the association sees the refund it owes, not an additional payment',
      async () => {
        const { association, prefecture, associationId, center, add, exchange } = await paidAndReported(engine);
        await add(prefecture, { kind: 'settlement', datedOn: '2025-07-25', orderNo: '新医薬第2901号' });
        await add(prefecture, { kind: 'refund', datedOn: '2025-08-20', orderNo: '', amount: 100_000 });
        // The 額の確定 already on the association's side, as a file of an earlier Renkei (without the money) left it.
        await add(association, { kind: 'settlement', datedOn: '2025-07-25', orderNo: '新医薬第2901号' });

        // The decisions back: the association's figures are the prefecture's, the refund still owed 66,000.
        const back = await association.call(
          'subsidy.exchange.decisions.preview',
          upload(await prefecture.call('subsidy.exchange.decisions.file', { fiscalYear: FY, associationId })),
        );
        const row = back.rows.find((r) => r.label === center.name)!;
        expect(row.errors).toEqual([]);
        expect(row.changes).toContainEqual({ field: '概算払（令和6年6月3日）（追加） 金額', before: '', after: '4,453,000円' });
        expect(row.changes.filter((c) => /^(実績報告|額の確定)/.test(c.field))).toEqual([]);
        // A 概算払 without a 文書番号 shows no 「文書番号: → 」 of nothing to nothing.
        expect(row.changes.filter((c) => c.before === '' && c.after === '')).toEqual([]);
        await exchange(prefecture, association, 'decisions');
        const there = await association.call('subsidy.center', { centerId: center.id, fiscalYear: FY });
        expect(there.state).toMatchObject({
          status: 'settled',
          paid: 4_453_000,
          final: 4_287_000,
          refundDue: 166_000,
          refunded: 100_000,
          additionalDue: 0,
        });
        expect(await steps(association, center.id)).toEqual(await steps(prefecture, center.id));
      },
      TWO_DATABASES,
    );

    it(
      'takes back a 実績報告 kept from before the 対象経費 rule as it was recorded, after the prefecture’s 概算払',
      async () => {
        const { association, prefecture, associationId, center, add, exchange } = await paidAndReported(engine);
        // As both databases held it before the rule: 対象経費 4,400,000 beyond 総事業費 4,300,000, held to 4,300,000 − 12,345 → 4,287,000.
        for (const core of [association, prefecture]) {
          await core.database
            .updateTable('subsidyStep')
            .set({ inputsJson: JSON.stringify(operating(4_300_000, 12_345, 4_400_000)) })
            .where('centerId', '=', center.id)
            .where('kind', '=', 'actual_report')
            .execute();
        }
        await add(prefecture, { kind: 'settlement', datedOn: '2025-07-25', orderNo: '新医薬第2901号' });

        // The association's 実績報告 is only taken back and written again after the 概算払: no refusal, no change shown.
        const back = await association.call(
          'subsidy.exchange.decisions.preview',
          upload(await prefecture.call('subsidy.exchange.decisions.file', { fiscalYear: FY, associationId })),
        );
        const row = back.rows.find((r) => r.label === center.name)!;
        expect(row.errors).toEqual([]);
        expect(row.changes.filter((c) => c.field.startsWith('実績報告'))).toEqual([]);
        await exchange(prefecture, association, 'decisions');
        const there = await association.call('subsidy.center', { centerId: center.id, fiscalYear: FY });
        expect(there.state).toMatchObject({ status: 'settled', paid: 4_453_000, final: 4_287_000, refundDue: 166_000 });
        expect(await steps(association, center.id)).toEqual(await steps(prefecture, center.id));
        expect(there.steps.find((s) => s.kind === 'actual_report')!.inputs).toEqual(operating(4_300_000, 12_345, 4_400_000));
      },
      TWO_DATABASES,
    );

    it(
      'records a 交付申請 the prefecture kept from before the 対象経費 rule as decided, the first time the association sees it',
      async () => {
        const association = await side(() => engine.open({ osUser: 'jimukyoku' }));
        const prefecture = await side(() => engine.open({ osUser: 'tantou' }));
        const { associationId, centers } = await associationWithCenters(association, prefecture);
        const center = centers[0]!;
        // Handed in on paper and entered by the prefecture alone, before the rule: 対象経費 4,400,000 beyond 総事業費 4,300,000,
        // held to 4,300,000 − 12,345 → 4,287,000, and decided at that amount.
        await prefecture.call('subsidy.steps.add', {
          centerId: center.id,
          fiscalYear: FY,
          kind: 'application',
          datedOn: '2024-04-15',
          inputs: operating(4_300_000, 12_345, 4_300_000),
        });
        await prefecture.database
          .updateTable('subsidyStep')
          .set({ inputsJson: JSON.stringify(operating(4_300_000, 12_345, 4_400_000)) })
          .where('centerId', '=', center.id)
          .where('kind', '=', 'application')
          .execute();
        await prefecture.call('subsidy.steps.add', {
          centerId: center.id,
          fiscalYear: FY,
          kind: 'decision',
          datedOn: '2024-05-01',
          orderNo: '新医薬第2001号',
          amount: 4_287_000,
        });

        const back = upload(await prefecture.call('subsidy.exchange.decisions.file', { fiscalYear: FY, associationId }));
        const preview = await association.call('subsidy.exchange.decisions.preview', back);
        const row = preview.rows.find((r) => r.label === center.name)!;
        expect(row.errors).toEqual([]);
        expect(row.status).toBe('new');
        expect(row.changes).toContainEqual({ field: '交付申請（令和6年4月15日）（追加） 金額', before: '', after: '4,287,000円' });
        await association.call('subsidy.exchange.decisions.commit', { ...back, excludeRows: [] });
        expect(await steps(association, center.id)).toEqual(await steps(prefecture, center.id));
        const there = await association.call('subsidy.center', { centerId: center.id, fiscalYear: FY });
        expect(there.state.decided).toBe(4_287_000);
        expect(there.steps[0]!.inputs).toEqual(operating(4_300_000, 12_345, 4_400_000));
      },
      TWO_DATABASES,
    );

    it(
      'takes a decisions file imported twice once: the second time says it is all recorded, and writes nothing',
      async () => {
        const { association, prefecture, associationId, center, add } = await paidAndReported(engine);
        await add(prefecture, { kind: 'settlement', datedOn: '2025-07-25', orderNo: '新医薬第2901号' });
        const back = upload(await prefecture.call('subsidy.exchange.decisions.file', { fiscalYear: FY, associationId }));
        await association.call('subsidy.exchange.decisions.commit', { ...back, excludeRows: [] });
        const recorded = await steps(association, center.id);
        expect(recorded.map((s) => s.kind)).toEqual(['application', 'decision', 'payment', 'actual_report', 'settlement']);
        const auditBefore = (await association.call('audit.list', { limit: 1 })).total;

        // The same file again, as a secretariat unsure whether it was taken would choose it.
        const again = await association.call('subsidy.exchange.decisions.preview', back);
        expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: again.rows.length, error: 0 });
        expect(again.rows.flatMap((r) => r.changes)).toEqual([]);
        expect(again.notes).toEqual([
          'このファイルの決定・確定と概算払・返還・追加交付は、すべてこのデータベースに記録済みです。取り込むものはありません。',
        ]);
        const result = await association.call('subsidy.exchange.decisions.commit', { ...back, excludeRows: [] });
        expect(result).toEqual({ created: 0, updated: 0, unchanged: again.rows.length, excluded: 0, repeated: 0 });
        expect(await steps(association, center.id)).toEqual(recorded);
        expect(await steps(association, center.id)).toEqual(await steps(prefecture, center.id));
        // Nothing changed, nothing logged: the log's last import is still the one that recorded the decisions.
        expect((await association.call('audit.list', { limit: 1 })).total).toBe(auditBefore);
      },
      TWO_DATABASES,
    );

    it(
      'tells the prefecture how to take back an application the association withdrew before the decision',
      async () => {
        const association = await side(() => engine.open({ osUser: 'jimukyoku' }));
        const prefecture = await side(() => engine.open({ osUser: 'tantou' }));
        const { associationId, centers } = await associationWithCenters(association, prefecture);
        const center = centers[0]!;
        const applied = await association.call('subsidy.steps.add', {
          centerId: center.id,
          fiscalYear: FY,
          kind: 'application',
          datedOn: '2024-04-15',
          inputs: operating(4_500_000, 0, 4_453_000),
        });
        const file = () => association.call('subsidy.exchange.applications.file', { fiscalYear: FY, associationId });
        await prefecture.call('subsidy.exchange.applications.commit', { ...upload(await file()), excludeRows: [] });
        // The center gives up before the decision: the secretariat deletes its application and sends the year again.
        await association.call('subsidy.steps.deleteLast', {
          id: applied.steps[0]!.id,
          version: applied.version,
          override: false,
          overrideReason: '',
        });
        const preview = await prefecture.call('subsidy.exchange.applications.preview', upload(await file()));
        expect(preview.rows.find((r) => r.label === center.name)!.errors[0]!.message).toBe(
          '県の記録にある交付申請（令和6年4月15日）がファイルにありません。取り込みでは県の記録を取り消せません。交付申請が取り下げられたのなら、県でこのセンターの画面を開き、手続きの履歴のその交付申請を「削除…」で取り消してください。',
        );
      },
      TWO_DATABASES,
    );

    it(
      'refuses a center the prefecture does not know, or one of another association',
      async () => {
        const association = await side(() => engine.open({ osUser: 'jimukyoku' }));
        const prefecture = await side(() => engine.open({ osUser: 'tantou' }));
        const { associationId, centers } = await associationWithCenters(association, prefecture);
        // In the prefecture's 台帳 the first center was renamed, and the second handed to another association.
        const ledger = await prefecture.call('masters.centers.list', { fiscalYear: FY });
        const other = ledger.find((c) => c.operatorAssociationId !== null && c.operatorAssociationId !== associationId)!;
        const [first, second] = centers.map((c) => ledger.find((l) => l.id === c.id)!);
        await prefecture.call('masters.centers.save', { ...saveOf(first!), name: `${first!.name}（改称）` });
        await prefecture.call('masters.centers.save', { ...saveOf(second!), operatorAssociationId: other.operatorAssociationId });

        const sent = await association.call('subsidy.exchange.applications.file', { fiscalYear: FY, associationId });
        const preview = await prefecture.call('subsidy.exchange.applications.preview', upload(sent));
        expect(preview.rows.find((r) => r.label === first!.name)!.errors[0]!.message).toContain('台帳のセンターにありません');
        expect(preview.rows.find((r) => r.label === second!.name)!.errors[0]!.message).toMatch(
          /のセンターで、「.+」のセンターではありません/,
        );
        const auditBefore = (await prefecture.call('audit.list', { limit: 1 })).total;
        await expect(prefecture.call('subsidy.exchange.applications.commit', { ...upload(sent), excludeRows: [] })).rejects.toThrow(
          /取り込めないセンターがあるため/,
        );
        expect((await prefecture.call('audit.list', { limit: 1 })).total).toBe(auditBefore);
      },
      TWO_DATABASES,
    );
  });
}

/** A center of the 台帳 as its save takes it. */
function saveOf({ operatorName: _name, entrustingCodes: _codes, ...center }: CenterRow): Center {
  return center;
}
