import path from 'node:path';
import Database from 'better-sqlite3';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { OpInput } from '@shared/contract';
import type { TableBlock } from '@shared/report/model';
import { engines } from '@tests/support/engines';
import { readWorkbook } from '@tests/support/files';
import { nextYearBudgeted } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

async function demoCore() {
  const core = await Core.open({ dbPath: path.join(tempDir(), 'subsidy.sqlite'), osUser: 'tester' });
  await core.call('app.demo.load', {});
  return core;
}

const operating = (totalCost: number, otherIncome: number, eligibleExpense: number) => ({
  programs: [{ kind: 'operating' as const, code: 'operating', totalCost, otherIncome, eligibleExpense }],
});

async function centerId(core: Core, prefix: string) {
  return (await core.call('subsidy.year', { fiscalYear: 2023 })).rows.find((r) => r.center.name.startsWith(prefix))!.center.id;
}

async function auditCount(core: Core) {
  return (await core.call('audit.list', { limit: 1 })).total;
}

async function subsidySpending(core: Core, fiscalYear: number) {
  return (await core.call('fund.spending.list', { side: 'medical', fiscalYear })).filter((s) => s.source === 'subsidy');
}

/** The demo with 令和6年度 budgeted, and 佐渡 applied (対象経費 4,500,000) and decided at its 基準額 4,453,000. */
async function sadoDecided() {
  const core = await demoCore();
  await nextYearBudgeted(core);
  const sado = await centerId(core, '佐渡市');
  const add = (input: Omit<OpInput<'subsidy.steps.add'>, 'centerId' | 'fiscalYear'>) =>
    core.call('subsidy.steps.add', { centerId: sado, fiscalYear: 2024, ...input });
  await add({ kind: 'application', datedOn: '2024-04-12', inputs: operating(4_600_000, 100_000, 4_500_000) });
  const decided = await add({ kind: 'decision', datedOn: '2024-05-17', orderNo: '新医政第101号', amount: 4_453_000 });
  return { core, sado, decided };
}

describe('the demo year (令和5年度, seed 000)', () => {
  it('applies the R5 基準額 to the 17 centers: 3 × 6,973,000 + 13 × 4,453,000 + 5,778,000 = 84,586,000 円', async () => {
    const core = await demoCore();
    const year = await core.call('subsidy.year', { fiscalYear: 2023 });
    const classes = year.rows.map((r) => r.center.subsidyClass);
    expect([
      classes.filter((c) => c === 'large_county').length,
      classes.filter((c) => c === 'other_county').length,
      classes.filter((c) => c === 'prefectural').length,
    ]).toEqual([3, 13, 1]);
    let applied = 0;
    for (const row of year.rows) {
      const { steps, sheets } = await core.call('subsidy.center', { centerId: row.center.id, fiscalYear: 2023 });
      applied += steps.find((s) => s.kind === 'application')!.amount;
      const program = sheets.application!.computation!.programs[0]!;
      expect(program.kind === 'operating' && program.result.selected).toBe(program.kind === 'operating' && program.result.baseAmount);
    }
    expect(applied).toBe(84_586_000);
    const rules = await core.call('subsidy.rules.get', { fiscalYear: 2023 });
    expect(rules).toMatchObject({
      title: '新潟県在宅医療推進センター整備事業補助金交付要綱',
      fundProject: { number: 'Ⅱ-1' },
      roundingUnit: 1000,
    });
    expect(rules!.areas).toHaveLength(7);
    await core.close();
  });

  it('shows every center with its figures and status, the totals, and the 基金 budget they are held against', async () => {
    const core = await demoCore();
    const year = await core.call('subsidy.year', { fiscalYear: 2023 });
    // 84,586,000 − 353,000 (佐渡's change) + 250,000 (つまり's tablets) = 84,483,000.
    expect(year.totals).toEqual({
      applied: 84_483_000,
      decided: 84_483_000,
      paid: 80_029_000,
      final: 4_210_000 + 4_398_000 + 5_778_000,
      refundDue: 243_000 + 55_000,
      refunded: 243_000,
      additionalDue: 0,
      additionalPaid: 0,
    });
    expect(year.budget).toEqual({
      fundProject: expect.objectContaining({ number: 'Ⅱ-1' }),
      budget: 84_586_000,
      versionLabel: '第1回補正',
      decided: 84_483_000,
    });
    const byName = (prefix: string) => year.rows.find((r) => r.center.name.startsWith(prefix))!;
    expect(byName('燕・弥彦')).toMatchObject({ status: 'closed', final: 4_210_000, refundDue: 243_000, refunded: 243_000 });
    expect(byName('見附市')).toMatchObject({ status: 'settled', final: 4_398_000, refundDue: 55_000, refunded: 0 });
    expect(byName('佐渡市')).toMatchObject({
      status: 'decided',
      decided: 4_100_000,
      orderNo: '新医政第512号（デモ）',
      decidedOn: '2023-10-13',
    });
    expect(byName('新潟県医師会').center).toMatchObject({ subsidyClass: 'prefectural', areaId: null });
    // 新発田北蒲原: 3 of its 4 municipalities are in 下越, 阿賀野市 in 新潟.
    expect(byName('しばた').center.areaName).toBe('下越');

    // Each center is one row of the fund project's spending: the 確定額 once settled, else the latest decision.
    const spending = await subsidySpending(core, 2023);
    expect(spending).toHaveLength(17);
    expect(spending.reduce((n, s) => n + s.amount, 0)).toBe(84_483_000 - 243_000 - 55_000);
    const fund = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    expect(fund.view.groups.find((g) => g.categoryCode === 'Ⅱ')!.subtotal.spent).toBe(84_185_000);
    await core.close();
  });

  it('leaves the 精算書’s 確定額 and 返還額 blank for a center reported but not yet settled (三条市), not 0円', async () => {
    const core = await demoCore();
    const doc = await core.call('report.doc', { name: 'subsidy.settlement', params: { fy: 2023, date: '2024-06-30' } });
    const figures = (center: string) => {
      const at = doc.blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith(center));
      const block = doc.blocks.slice(at).find((b) => b.type === 'figures')!;
      return block.type === 'figures' ? Object.fromEntries(block.items.map((i) => [i.label, i.value])) : {};
    };
    expect(figures('三条市')).toEqual({
      決定額: 4_453_000,
      実績による算定額: 4_453_000,
      確定額: null,
      支払済額: 4_453_000,
      返還額: null,
    });
    // 燕・弥彦, settled: its refund as before.
    expect(figures('燕・弥彦')).toMatchObject({ 確定額: 4_210_000, 返還額: 243_000 });
    await core.close();
  });
});

describe('a center through the life-cycle (令和6年度)', () => {
  it('applies, decides with a reason, pays, reports, settles and refunds, the fund spending row following each step', async () => {
    const core = await demoCore();
    await nextYearBudgeted(core);
    const sado = await centerId(core, '佐渡市');
    const add = (input: Omit<OpInput<'subsidy.steps.add'>, 'centerId' | 'fiscalYear'>) =>
      core.call('subsidy.steps.add', { centerId: sado, fiscalYear: 2024, ...input });

    // 選定額 = min(4,453,000, 4,500,000); 補助基本額 = min(4,453,000, 4,600,000 − 100,000).
    const applied = await add({ kind: 'application', datedOn: '2024-04-12', inputs: operating(4_600_000, 100_000, 4_500_000) });
    expect(applied.state).toMatchObject({ status: 'applied', applied: 4_453_000 });
    expect(applied.steps[0]!.enteredBy).toBe('デモ 担当者（tester）');
    // The demo's own steps carry the name its first step set, inside the same operation.
    expect((await core.call('subsidy.center', { centerId: sado, fiscalYear: 2023 })).steps[0]!.enteredBy).toBe('デモ 担当者（tester）');

    await expect(add({ kind: 'decision', datedOn: '2024-05-17', orderNo: '新医政第101号', amount: 4_400_000 })).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('決定額 4,400,000円 が算定額 4,453,000円 と違います'),
    });
    await expect(
      add({ kind: 'decision', datedOn: '2024-05-17', amount: 4_400_000, reason: '前年度の執行状況による' }),
    ).rejects.toMatchObject({ message: '交付決定の指令番号を入力してください。' });
    const decided = await add({
      kind: 'decision',
      datedOn: '2024-05-17',
      orderNo: '新医政第101号',
      amount: 4_400_000,
      reason: '前年度の執行状況による',
    });
    expect(decided.state).toMatchObject({ status: 'decided', decided: 4_400_000 });
    expect(decided.sheets.decision).toMatchObject({ amount: 4_400_000, computation: { total: 4_453_000 } });
    expect(await subsidySpending(core, 2024)).toEqual([
      expect.objectContaining({
        amount: 4_400_000,
        spentOn: '2024-05-17',
        payee: '佐渡市在宅医療推進センター',
        purpose: '新潟県在宅医療推進センター整備事業補助金（交付決定）',
        voucherNo: '新医政第101号',
      }),
    ]);

    await add({ kind: 'payment', datedOn: '2024-06-28', amount: 2_200_000 });
    await expect(add({ kind: 'payment', datedOn: '2024-12-27', amount: 2_300_000 })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('2,200,000円 以下にしてください'),
    });
    await add({ kind: 'payment', datedOn: '2024-12-27', amount: 2_200_000 });
    await expect(add({ kind: 'settlement', datedOn: '2025-05-16' })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('実績報告の前は額の確定ができません'),
    });

    // 4,123,456 spent → 4,123,000; 確定額 = min(4,123,000, 4,400,000); refund = 4,400,000 paid − 4,123,000.
    const reported = await add({ kind: 'actual_report', datedOn: '2025-04-10', inputs: operating(4_200_000, 0, 4_123_456) });
    expect(reported.state).toMatchObject({ status: 'reported', actual: 4_123_000 });
    expect(reported.sheets.actual!.computation!.programs[0]).toMatchObject({
      result: { selected: 4_123_456, basis: 4_123_456, amount: 4_123_000 },
    });
    const settled = await add({ kind: 'settlement', datedOn: '2025-05-16', orderNo: '新医政第901号' });
    expect(settled.state).toMatchObject({
      status: 'settled',
      final: 4_123_000,
      paid: 4_400_000,
      refundDue: 277_000,
      additionalDue: 0,
      nextKinds: ['refund'],
    });
    expect(await subsidySpending(core, 2024)).toEqual([
      expect.objectContaining({
        amount: 4_123_000,
        spentOn: '2024-05-17',
        voucherNo: '新医政第901号',
        purpose: '新潟県在宅医療推進センター整備事業補助金（額の確定）',
        fiscalYear: 2024,
      }),
    ]);
    const closed = await add({ kind: 'refund', datedOn: '2025-06-13', amount: 277_000 });
    expect(closed.state).toMatchObject({ status: 'closed', refunded: 277_000, nextKinds: [] });

    // Undo: only the latest step, each audited; the spending row goes back to the decision.
    await expect(core.call('subsidy.steps.deleteLast', { id: closed.steps[0]!.id })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('最後の手続きだけ'),
    });
    await core.call('subsidy.steps.deleteLast', { id: closed.steps.at(-1)!.id });
    const unsettled = await core.call('subsidy.steps.deleteLast', { id: closed.steps.at(-2)!.id });
    expect(unsettled.state.status).toBe('reported');
    expect((await subsidySpending(core, 2024))[0]).toMatchObject({
      amount: 4_400_000,
      purpose: '新潟県在宅医療推進センター整備事業補助金（交付決定）',
    });
    const log = await core.call('audit.list', { entity: 'subsidy_step', limit: 100 });
    expect(log.entries.filter((e) => e.operation === 'subsidy.steps.deleteLast' && e.after === null)).toHaveLength(2);
    await core.close();
  });

  it('says a step is out of turn before anything about its amount, and keeps dates to the 年度 (review findings 4, 5)', async () => {
    const core = await demoCore();
    await nextYearBudgeted(core);
    const sado = await centerId(core, '佐渡市');
    const add = (input: Omit<OpInput<'subsidy.steps.add'>, 'centerId' | 'fiscalYear'>) =>
      core.call('subsidy.steps.add', { centerId: sado, fiscalYear: 2024, ...input });
    await expect(
      add({ kind: 'application', datedOn: '2027-04-01', inputs: operating(4_600_000, 100_000, 4_500_000) }),
    ).rejects.toMatchObject({
      code: 'validation',
      path: ['datedOn'],
      message:
        '日付: 令和9年4月1日は令和6年度の補助金の手続きの日付にできません（令和5年4月1日〜令和9年3月31日）。日付か年度を確かめてください。',
    });
    await add({ kind: 'application', datedOn: '2024-03-22', inputs: operating(4_600_000, 100_000, 4_500_000) });
    await expect(add({ kind: 'settlement', datedOn: '2025-05-16', amount: 4_000_000 })).rejects.toMatchObject({
      code: 'refused',
      path: ['kind'],
      message: '実績報告の前は額の確定ができません。先に実績報告を入力してください。',
    });
    await core.close();
  });

  it('takes the spending row back with the 交付決定 it came from', async () => {
    const { core, sado, decided } = await sadoDecided();
    expect(await subsidySpending(core, 2024)).toEqual([expect.objectContaining({ amount: 4_453_000, voucherNo: '新医政第101号' })]);
    const booked = (await core.call('audit.list', { entity: 'fund_spending', limit: 1 })).entries[0]!;
    expect(booked).toMatchObject({
      operation: 'subsidy.steps.add',
      before: null,
      after: expect.objectContaining({ amount: 4_453_000, source: 'subsidy', sourceRef: `subsidy:${sado}:2024` }),
    });
    const undone = await core.call('subsidy.steps.deleteLast', { id: decided.steps.at(-1)!.id });
    expect(undone.state.status).toBe('applied');
    expect(await subsidySpending(core, 2024)).toEqual([]);
    const log = (await core.call('audit.list', { entity: 'fund_spending', limit: 1 })).entries[0]!;
    expect(log).toMatchObject({
      operation: 'subsidy.steps.deleteLast',
      after: null,
      before: expect.objectContaining({ amount: 4_453_000, source: 'subsidy' }),
    });
    await core.close();
  });

  it('settles at an entered amount only with a reason, and pays what is still due as 追加交付', async () => {
    const core = await demoCore();
    await nextYearBudgeted(core);
    const mitsuke = await centerId(core, '見附市');
    const add = (input: Omit<OpInput<'subsidy.steps.add'>, 'centerId' | 'fiscalYear'>) =>
      core.call('subsidy.steps.add', { centerId: mitsuke, fiscalYear: 2024, ...input });
    await add({ kind: 'application', datedOn: '2024-04-12', inputs: operating(4_600_000, 0, 4_500_000) });
    await add({ kind: 'decision', datedOn: '2024-05-17', orderNo: '新医政第102号', amount: 4_453_000 });
    await add({ kind: 'payment', datedOn: '2024-06-28', amount: 2_000_000 });
    // 4,321,999 spent → 4,321,000 on the actuals.
    await add({ kind: 'actual_report', datedOn: '2025-04-10', inputs: operating(4_400_000, 0, 4_321_999) });
    await expect(add({ kind: 'settlement', datedOn: '2025-05-16', orderNo: '新医政第902号', amount: 4_300_000 })).rejects.toMatchObject({
      code: 'validation',
      path: ['reason'],
      message: expect.stringContaining('確定額 4,300,000円 が実績からの算定額 4,321,000円（決定額が上限）と違います'),
    });
    await expect(
      add({ kind: 'settlement', datedOn: '2025-05-16', orderNo: '新医政第902号', amount: 4_500_000, reason: '上乗せ' }),
    ).rejects.toMatchObject({ message: '確定額は決定額 4,453,000円 を超えられません。' });
    const settled = await add({
      kind: 'settlement',
      datedOn: '2025-05-16',
      orderNo: '新医政第902号',
      amount: 4_300_000,
      reason: '対象外経費21,999円を除く',
    });
    expect(settled.steps.at(-1)).toMatchObject({ kind: 'settlement', amount: 4_300_000, reason: '対象外経費21,999円を除く' });
    expect(settled.state).toMatchObject({
      status: 'settled',
      final: 4_300_000,
      paid: 2_000_000,
      refundDue: 0,
      additionalDue: 2_300_000,
      nextKinds: ['additional'],
    });
    await expect(add({ kind: 'additional', datedOn: '2025-06-13', amount: 2_300_001 })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('追加交付すべき額の残り 2,300,000円 を超えています'),
    });
    const closed = await add({ kind: 'additional', datedOn: '2025-06-13', amount: 2_300_000 });
    expect(closed.state).toMatchObject({ status: 'closed', additionalPaid: 2_300_000, nextKinds: [] });
    expect(await subsidySpending(core, 2024)).toEqual([
      expect.objectContaining({
        amount: 4_300_000,
        voucherNo: '新医政第902号',
        purpose: '新潟県在宅医療推進センター整備事業補助金（額の確定）',
      }),
    ]);
    await core.close();
  });

  it('refuses the same 種目 entered twice, naming it (review finding 2)', async () => {
    const core = await demoCore();
    await nextYearBudgeted(core);
    const tsumari = await centerId(core, 'つまり');
    const tablets = [
      { item: 'tablet', eligibleExpense: 500_000 },
      { item: 'tablet', eligibleExpense: 500_000 },
    ];
    await expect(
      core.call('subsidy.steps.add', {
        centerId: tsumari,
        fiscalYear: 2024,
        kind: 'application',
        datedOn: '2024-04-12',
        inputs: { programs: [{ kind: 'ict', code: 'ict', totalCost: 1_000_000, otherIncome: 0, firstYear: false, items: tablets }] },
      }),
    ).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('種目「tablet」の対象経費が2回入力されています') });
    expect((await core.call('subsidy.center', { centerId: tsumari, fiscalYear: 2024 })).steps).toEqual([]);
    await core.close();
  });

  it('keeps each sheet under the 要綱 its step was computed under when the 要綱 is edited later (review finding 10)', async () => {
    const { core, sado } = await sadoDecided();
    const mitsuke = await centerId(core, '見附市');
    await core.call('subsidy.steps.add', {
      centerId: mitsuke,
      fiscalYear: 2024,
      kind: 'application',
      datedOn: '2024-04-12',
      inputs: operating(4_600_000, 0, 4_500_000),
    });

    const {
      fiscalYear: _fy,
      fundProject: _project,
      areas: _areas,
      ...rules
    } = (await core.call('subsidy.rules.get', { fiscalYear: 2024 }))!;
    const lowered = structuredClone(rules);
    (lowered.programs[0]!.rows as { class: string; baseAmount: number }[]).find((r) => r.class === 'other_county')!.baseAmount = 4_000_000;
    await core.call('subsidy.rules.save', { fiscalYear: 2024, ...lowered });

    const after = await core.call('subsidy.center', { centerId: sado, fiscalYear: 2024 });
    expect(after.sheets.application).toMatchObject({
      amount: 4_453_000,
      computation: { total: 4_453_000 },
      computedUnder: { revision: 1, current: false },
    });
    expect(after.sheets.decision).toMatchObject({
      amount: 4_453_000,
      computation: { total: 4_453_000 },
      computedUnder: { revision: 1, current: false },
    });
    // A new step is computed under the 要綱 as it is now.
    const changed = await core.call('subsidy.steps.add', {
      centerId: sado,
      fiscalYear: 2024,
      kind: 'change_application',
      datedOn: '2024-09-30',
      inputs: operating(4_600_000, 100_000, 4_500_000),
    });
    expect(changed.state.applied).toBe(4_000_000);
    expect(changed.sheets.change).toMatchObject({ computation: { total: 4_000_000 }, computedUnder: { revision: 2, current: true } });
    // The 交付額算定調書 prints 見附's application as entered, and says which 要綱 it was computed under.
    const doc = await core.call('report.doc', { name: 'subsidy.calculation', params: { fy: 2024, date: '2024-10-31' } });
    const at = doc.blocks.findIndex((b) => b.type === 'heading' && 'text' in b && b.text.startsWith('見附市'));
    const table = doc.blocks[at + 2] as TableBlock;
    expect(table.rows.at(-1)!.cells).toMatchObject({ name: '合計', amount: 4_453_000 });
    expect(table.notes!.at(-1)).toMatch(
      /^この算定は、手続きの時点の要綱（第1版、令和\d+年\d+月\d+日保存）によります。現在の要綱は第2版です。$/,
    );
    // Saving the same 要綱 again (as read after the first save) makes no new revision.
    const { version } = (await core.call('subsidy.rules.get', { fiscalYear: 2024 }))!;
    await core.call('subsidy.rules.save', { fiscalYear: 2024, ...lowered, version });
    expect((await core.call('subsidy.center', { centerId: sado, fiscalYear: 2024 })).sheets.change!.computedUnder).toMatchObject({
      revision: 2,
      current: true,
    });
    await core.close();
  });

  it('says a step was computed under another 要綱 only when its terms differ, not when the 要綱 was saved back as it was', async () => {
    const core = await demoCore();
    const sado = await centerId(core, '佐渡市');
    const {
      fiscalYear: _fy,
      fundProject: _project,
      areas: _areas,
      version,
      ...rules
    } = (await core.call('subsidy.rules.get', {
      fiscalYear: 2023,
    }))!;
    const lowered = structuredClone(rules);
    const row = (lowered.programs[0]!.rows as { class: string; baseAmount: number }[]).find((r) => r.class === 'other_county')!;
    row.baseAmount -= 1_000;
    const changed = await core.call('subsidy.rules.save', { fiscalYear: 2023, ...lowered, version });
    expect((await core.call('subsidy.center', { centerId: sado, fiscalYear: 2023 })).sheets.application!.computedUnder.current).toBe(false);
    // The 基準額 typed back as it was: the step's figures are the 要綱's again, whatever the revision count says.
    await core.call('subsidy.rules.save', { fiscalYear: 2023, ...rules, version: changed.version });
    const sheets = (await core.call('subsidy.center', { centerId: sado, fiscalYear: 2023 })).sheets;
    expect(sheets.application!.computedUnder).toMatchObject({ revision: 1, current: true });
    const doc = await core.call('report.doc', { name: 'subsidy.calculation', params: { fy: 2023, date: '2024-03-31' } });
    const notes = doc.blocks.flatMap((b) => (b.type === 'table' ? (b.notes ?? []) : []));
    expect(notes.filter((n) => n.includes('手続きの時点の要綱'))).toEqual([]);
    await core.close();
  });

  it('prints why no 上限額 applies on the 交付額算定調書, and marks a 種目 対象外 after its first year (review findings 1, 3)', async () => {
    const core = await demoCore();
    await nextYearBudgeted(core);
    const prefectural = await centerId(core, '新潟県医師会');
    const applied = await core.call('subsidy.steps.add', {
      centerId: prefectural,
      fiscalYear: 2024,
      kind: 'application',
      datedOn: '2024-04-12',
      inputs: {
        programs: [
          {
            kind: 'ict',
            code: 'ict',
            totalCost: 4_000_000,
            otherIncome: 0,
            firstYear: false,
            items: [
              { item: 'system', eligibleExpense: 3_000_000 },
              { item: 'tablet', eligibleExpense: 1_000_000 },
            ],
          },
        ],
      },
    });
    const ict = applied.sheets.application!.computation!.programs[0]!;
    expect(ict.kind === 'ict' && [ict.result.cap, ict.capNote]).toEqual([
      null,
      '上限額の定めなし（県全体を対象とするセンターのため、二次医療圏の上限額は当てません）',
    ]);
    // タブレット 500,000 (its 基準額) × 1/2; the システム構築費 is 対象外 in a later year.
    expect(applied.state.applied).toBe(250_000);
    const doc = await core.call('report.doc', { name: 'subsidy.calculation', params: { fy: 2024, date: '2024-04-30' } });
    const table = doc.blocks.find((b) => b.type === 'table') as TableBlock;
    expect(table.notes).toContain(
      'ＩＣＴ連携システム整備事業：上限額の定めなし（県全体を対象とするセンターのため、二次医療圏の上限額は当てません）',
    );
    expect(table.rows.map((r) => [r.cells.name, r.cells.selected ?? null, r.cells.basis ?? null, r.cells.rate ?? null])).toEqual([
      ['　ＩＣＴシステム構築費', 0, 0, '対象外（初年度のみ10/10）'],
      ['　タブレット端末購入費', 500_000, 500_000, '1/2'],
      ['ＩＣＴ連携システム整備事業 計', 500_000, 500_000, '種目ごと'],
      ['合計', null, null, null],
    ]);
    await core.close();
  });

  it("keeps manual edits off the subsidy's spending rows", async () => {
    const core = await demoCore();
    const [row] = await subsidySpending(core, 2023);
    const { id, source: _source, ...fields } = row!;
    await expect(core.call('fund.spending.save', { id, ...fields, amount: 1 })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('補助金の画面で変更してください'),
    });
    await expect(core.call('fund.spending.delete', { id })).rejects.toMatchObject({ code: 'refused' });
    expect((await subsidySpending(core, 2023)).find((s) => s.id === id)).toEqual(row);

    // A project a 要綱 draws on stays, even before any decision is booked on it.
    const fresh = await core.call('fund.projects.save', {
      side: 'medical',
      number: 'Ⅱ-9',
      name: '（架空）新しい財源',
      categoryCode: 'Ⅱ',
      operatorKind: 'prefecture',
      startFy: 2024,
    });
    const copied = await core.call('subsidy.rules.copy', { from: 2023, to: 2024 });
    const { fiscalYear: _year, fundProject: _project, areas: _areas, ...rules } = copied;
    await core.call('subsidy.rules.save', { fiscalYear: 2024, ...rules, fundProjectId: fresh.id });
    await expect(core.call('fund.projects.delete', { id: fresh.id })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('補助金の要綱（令和6年度）の財源になっている'),
    });
    // So does the year's 当初 budget of the side the 要綱 draws on; the other side's goes.
    const initial = { fiscalYear: 2024, kind: 'initial', datedOn: '2024-04-01', reason: '令和6年度当初予算' } as const;
    const medical = await core.call('fund.versions.create', { side: 'medical', ...initial });
    await expect(core.call('fund.versions.delete', { id: medical.id })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining(`補助金の要綱「${rules.title}」がこの年度の基金事業を財源にしています。`),
    });
    const care = await core.call('fund.versions.create', { side: 'care', ...initial });
    await expect(core.call('fund.versions.delete', { id: care.id })).resolves.toEqual({ id: care.id });
    await expect(core.call('subsidy.rules.copy', { from: 2023, to: 2024 })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('令和6年度の要綱はすでにあります'),
    });
    await core.close();
  });
});

describe('the 基金 budget', () => {
  it('refuses decisions beyond the project budget unless overridden with a reason of its own, and keeps the override with the step', async () => {
    const core = await demoCore();
    const joetsu = await centerId(core, '上越地域');
    // ＩＣＴシステム構築費 in its first year: 1,000,000 × 10/10 on top of 6,973,000.
    await core.call('subsidy.steps.add', {
      centerId: joetsu,
      fiscalYear: 2023,
      kind: 'change_application',
      datedOn: '2024-01-15',
      inputs: {
        programs: [
          ...operating(7_400_000, 50_000, 7_300_000).programs,
          {
            kind: 'ict',
            code: 'ict',
            totalCost: 1_000_000,
            otherIncome: 0,
            firstYear: true,
            items: [{ item: 'system', eligibleExpense: 1_000_000 }],
          },
        ],
      },
    });
    const change = {
      centerId: joetsu,
      fiscalYear: 2023,
      kind: 'change_decision' as const,
      datedOn: '2024-01-31',
      orderNo: '新医政第640号',
      amount: 7_973_000,
    };
    // 84,483,000 − 6,973,000 + 7,973,000 = 85,483,000 > 84,586,000.
    await expect(core.call('subsidy.steps.add', change)).rejects.toMatchObject({
      code: 'refused',
      path: ['override'],
      message: expect.stringContaining('交付決定の合計 85,483,000円 が基金の事業の予算（総事業費）84,586,000円 を超えます'),
    });
    await expect(core.call('subsidy.steps.add', { ...change, override: true })).rejects.toMatchObject({
      code: 'refused',
      path: ['overrideReason'],
    });
    // The reason for a decided amount that differs from the computed one is not a reason to exceed the budget.
    await expect(core.call('subsidy.steps.add', { ...change, override: true, reason: '2月補正で増額予定' })).rejects.toMatchObject({
      code: 'refused',
      path: ['overrideReason'],
    });
    const before = await auditCount(core);
    const decided = await core.call('subsidy.steps.add', { ...change, override: true, overrideReason: '2月補正で増額予定' });
    expect(decided.state.decided).toBe(7_973_000);
    expect(decided.steps.at(-1)).toMatchObject({ override: true, overrideReason: '2月補正で増額予定', reason: '' });
    const entry = (await core.call('audit.list', { entity: 'subsidy_step', limit: 1 })).entries[0]!;
    expect(entry.after).toMatchObject({
      kind: 'change_decision',
      amount: 7_973_000,
      override: true,
      overrideReason: '2月補正で増額予定',
      budget: 84_586_000,
      decidedTotal: 85_483_000,
    });
    expect(await auditCount(core)).toBe(before + 2); // the step and its spending row
    expect((await core.call('subsidy.year', { fiscalYear: 2023 })).budget).toMatchObject({ budget: 84_586_000, decided: 85_483_000 });
    await core.close();
  });

  it('stores no override for a decision within the budget, even when asked', async () => {
    const core = await demoCore();
    const murakami = await centerId(core, '村上');
    // タブレット 200,000 × 1/2 = 100,000 more: 84,583,000 stays within 84,586,000.
    const applied = await core.call('subsidy.steps.add', {
      centerId: murakami,
      fiscalYear: 2023,
      kind: 'change_application',
      datedOn: '2024-01-15',
      inputs: {
        programs: [
          ...operating(4_853_000, 50_000, 4_753_000).programs,
          {
            kind: 'ict',
            code: 'ict',
            totalCost: 200_000,
            otherIncome: 0,
            firstYear: false,
            items: [{ item: 'tablet', eligibleExpense: 200_000 }],
          },
        ],
      },
    });
    expect(applied.state.applied).toBe(4_553_000);
    const decided = await core.call('subsidy.steps.add', {
      centerId: murakami,
      fiscalYear: 2023,
      kind: 'change_decision',
      datedOn: '2024-01-31',
      orderNo: '新医政第641号',
      amount: 4_553_000,
      override: true,
      overrideReason: '念のため',
    });
    expect(decided.steps.at(-1)).toMatchObject({ override: false, overrideReason: '' });
    expect((await core.call('subsidy.year', { fiscalYear: 2023 })).budget).toMatchObject({ decided: 84_583_000 });
    await core.close();
  });

  it("holds the decisions to a newly linked project's budget: refused, then moved with an override that is logged (review finding 6)", async () => {
    const core = await demoCore();
    const small = await core.call('fund.projects.save', {
      side: 'medical',
      number: 'Ⅱ-9',
      name: '（架空）小さな財源',
      categoryCode: 'Ⅱ',
      operatorKind: 'prefecture',
      startFy: 2023,
    });
    const { version } = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    await core.call('fund.amounts.save', {
      versionId: version!.id,
      lines: [
        { projectId: small.id, fundAmount: 10_000_000, otherAmount: 0, publicAmount: 0, privateAmount: 6_666_666, entrustedAmount: 0 },
      ],
    });
    const {
      fiscalYear: _fy,
      fundProject: _project,
      areas: _areas,
      ...rules
    } = (await core.call('subsidy.rules.get', { fiscalYear: 2023 }))!;
    const relink = { fiscalYear: 2023, ...rules, fundProjectId: small.id };

    await expect(core.call('subsidy.rules.save', relink)).rejects.toMatchObject({
      code: 'refused',
      message:
        '財源を「Ⅱ-9 （架空）小さな財源」に変えると、交付決定の合計 84,483,000円 が基金の事業の予算（総事業費）10,000,000円 を超えます。予算を超えて決定するときは「予算を超えて決定する」を選び、予算を超える理由を入力してください。',
    });
    expect((await core.call('subsidy.rules.get', { fiscalYear: 2023 }))!.fundProject).toMatchObject({ number: 'Ⅱ-1' });
    expect(await subsidySpending(core, 2023)).toHaveLength(17);

    await core.call('subsidy.rules.save', { ...relink, override: true, overrideReason: '財源の組替え（補正予算で措置予定）' });
    const moved = await subsidySpending(core, 2023);
    expect(moved).toHaveLength(17);
    expect(moved.every((s) => s.projectId === small.id)).toBe(true);
    const entry = (await core.call('audit.list', { entity: 'subsidy_budget_override', limit: 1 })).entries[0]!;
    expect(entry.after).toMatchObject({
      change: '要綱の財源の変更',
      fundProject: { number: 'Ⅱ-9' },
      budget: 10_000_000,
      decided: 84_483_000,
      overrideReason: '財源の組替え（補正予算で措置予定）',
    });
    // Only the project changed, so the 要綱 the sheets were computed under is still the current one.
    const sado = await core.call('subsidy.center', { centerId: await centerId(core, '佐渡市'), fiscalYear: 2023 });
    expect(sado.sheets.application!.computedUnder).toMatchObject({ revision: 1, current: true });
    await core.close();
  });

  it('holds an undo that raises a decision again to the budget (review finding 7)', async () => {
    const core = await demoCore();
    const sado = await core.call('subsidy.center', { centerId: await centerId(core, '佐渡市'), fiscalYear: 2023 });
    expect(sado.steps.map((s) => s.kind)).toEqual([
      'application',
      'decision',
      'payment',
      'change_application',
      'change_decision',
      'payment',
    ]);
    await core.call('subsidy.steps.deleteLast', { id: sado.steps[5]!.id });
    // Taking back the 変更決定 puts 佐渡 back at 4,453,000: 84,483,000 + 353,000 = 84,836,000 > 84,586,000.
    const changeDecision = sado.steps[4]!.id;
    await expect(core.call('subsidy.steps.deleteLast', { id: changeDecision })).rejects.toMatchObject({
      code: 'refused',
      message:
        'この変更交付決定を削除すると決定額が 4,453,000円 に戻り、交付決定の合計 84,836,000円 が基金の事業の予算（総事業費）84,586,000円 を超えます。予算を超えて決定するときは「予算を超えて決定する」を選び、予算を超える理由を入力してください。',
    });
    const undone = await core.call('subsidy.steps.deleteLast', {
      id: changeDecision,
      override: true,
      overrideReason: '誤って入力した変更決定の取消し',
    });
    expect(undone.state).toMatchObject({ status: 'change_applied', decided: 4_453_000 });
    expect((await subsidySpending(core, 2023)).find((s) => s.payee.startsWith('佐渡市'))).toMatchObject({
      amount: 4_453_000,
      voucherNo: sado.steps[1]!.orderNo,
    });
    const entry = (await core.call('audit.list', { entity: 'subsidy_budget_override', limit: 1 })).entries[0]!;
    expect(entry.after).toMatchObject({
      change: '佐渡市在宅医療推進センターの変更交付決定の削除',
      budget: 84_586_000,
      decided: 84_836_000,
      overrideReason: '誤って入力した変更決定の取消し',
    });
    await core.close();
  });
});

describe('the 基金 spending rows', () => {
  it('holds one row per center and year in the database itself (review finding 9)', async () => {
    const core = await demoCore();
    const file = core.dbPath;
    await core.close();
    const raw = new Database(file);
    try {
      const row = raw
        .prepare("SELECT project_id AS projectId, source_ref AS sourceRef FROM fund_spending WHERE source = 'subsidy' LIMIT 1")
        .get() as { projectId: number; sourceRef: string };
      const insert = raw.prepare(
        'INSERT INTO fund_spending (project_id, fiscal_year, spent_on, amount, payee, purpose, voucher_no, source, source_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      expect(() => insert.run(row.projectId, 2023, '2023-05-19', 1, 'x', 'x', '', 'subsidy', row.sourceRef)).toThrow(
        /UNIQUE constraint failed: fund_spending.source, fund_spending.source_ref/,
      );
      // Manual rows have no reference and are not held to it.
      insert.run(row.projectId, 2023, '2023-05-19', 1, 'x', 'x', '', 'manual', null);
      insert.run(row.projectId, 2023, '2023-05-19', 1, 'x', 'x', '', 'manual', null);
    } finally {
      raw.close();
    }
  });
});

describe('試算', () => {
  it('shows every center under an edited 要綱 against the saved one, and writes nothing', async () => {
    const core = await demoCore();
    const saved = (await core.call('subsidy.rules.get', { fiscalYear: 2023 }))!;
    const { fiscalYear: _fy, fundProject: _project, areas: _areas, version: _version, ...rules } = saved;
    const edited = structuredClone(rules);
    const operatingRows = edited.programs[0]!.rows as { class: string; baseAmount: number }[];
    operatingRows.find((r) => r.class === 'other_county')!.baseAmount = 4_500_000;
    const before = await auditCount(core);
    const result = await core.call('subsidy.simulate', { fiscalYear: 2023, rules: edited });
    // 13 その他 centers, less 燕・弥彦 and 見附 (actuals under 4,453,000) and 佐渡 (changed to 4,100,000): 10 × 47,000.
    expect(result.totals).toEqual({ saved: 84_185_000, simulated: 84_185_000 + 470_000, difference: 470_000 });
    expect(result.rows.filter((r) => r.difference === 47_000)).toHaveLength(10);
    expect(result.rows.find((r) => r.center.name.startsWith('三条市'))).toMatchObject({ basis: 'actual_report', difference: 47_000 });
    expect(await auditCount(core)).toBe(before);
    expect(await core.call('subsidy.rules.get', { fiscalYear: 2023 })).toEqual(saved);
    await core.close();
  });
});

for (const engine of engines()) {
  describe(`a 要綱 program a center's amounts use (${engine.name})`, () => {
    it('is refused when deleted, naming the program and the centers; in 試算 the center is 算定できません and out of the totals', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const saved = (await core.call('subsidy.rules.get', { fiscalYear: 2023 }))!;
      const { fiscalYear: _fy, fundProject: _project, areas: _areas, version, ...rules } = saved;
      const ict = rules.programs.find((p) => p.kind === 'ict')!;
      const withoutIct = { ...rules, programs: rules.programs.filter((p) => p !== ict) };
      const before = await auditCount(core);

      const refused = await core.dispatch('subsidy.rules.save', { fiscalYear: 2023, ...withoutIct, version });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          message: expect.stringMatching(
            new RegExp(`^「${ict.name}」はつまり医療介護連携センター（[^）]+）の金額に入っています。.*事業を残したまま保存してください`),
          ),
        },
      });
      expect(JSON.stringify(refused)).not.toContain(`「${ict.code}」`);
      expect(await core.call('subsidy.rules.get', { fiscalYear: 2023 })).toEqual(saved);
      expect(await auditCount(core)).toBe(before);

      const simulation = await core.call('subsidy.simulate', { fiscalYear: 2023, rules: withoutIct });
      const tsumari = simulation.rows.find((r) => r.center.name === 'つまり医療介護連携センター')!;
      expect(tsumari).toMatchObject({ saved: 4_703_000, simulated: null, difference: null });
      expect(tsumari.problem).toMatch(new RegExp(`^算定できません：.*事業「${ict.name}」が、試算する要綱にありません`));
      expect(simulation.uncomputed).toEqual(['つまり医療介護連携センター']);
      // The others as before, つまり left out of both totals rather than counted as 0.
      expect(simulation.totals).toEqual({ saved: 84_185_000 - 4_703_000, simulated: 84_185_000 - 4_703_000, difference: 0 });
      await core.close();
    });
  });
}

describe("importing a year's applications", () => {
  async function workbook(core: Core, fill: (sheet: ExcelJS.Worksheet, rowOf: (prefix: string) => ExcelJS.Row) => void) {
    const template = await core.call('subsidy.import.template', { fiscalYear: 2024 });
    const wb = await readWorkbook(template.data);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const rowOf = (prefix: string) => {
      for (let r = 2; r <= sheet.rowCount; r += 1) if (String(sheet.getRow(r).getCell(1).value).startsWith(prefix)) return sheet.getRow(r);
      throw new Error(prefix);
    };
    fill(sheet, rowOf);
    // Only the rows filled in are kept, as a user would send them.
    for (let r = sheet.rowCount; r >= 2; r -= 1) if (!sheet.getRow(r).getCell(3).value) sheet.spliceRows(r, 1);
    return { fileName: '令和6年度申請.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), header };
  }

  it('previews every row with the file, row and column of each error, commits all or nothing, and recognises a second import', async () => {
    const core = await demoCore();
    await core.call('subsidy.rules.copy', { from: 2023, to: 2024 });
    const set = (row: ExcelJS.Row, datedOn: string, total: string | number, other: number, eligible: number) => {
      row.getCell(3).value = datedOn;
      row.getCell(4).value = total;
      row.getCell(5).value = other;
      row.getCell(6).value = eligible;
    };
    const bad = await workbook(core, (_sheet, rowOf) => {
      set(rowOf('佐渡市'), '2024-04-12', 4_600_000, 100_000, 4_500_000);
      set(rowOf('見附市'), '2024-04-12', 'たくさん', 0, 4_000_000);
      set(rowOf('村上'), '2027-04-12', 4_600_000, 0, 4_000_000);
    });
    expect(bad.header.slice(1, 7)).toEqual([
      'センター',
      '年度',
      '申請日',
      '在宅医療推進センター運営事業 総事業費',
      '在宅医療推進センター運営事業 寄付金その他の収入額',
      '在宅医療推進センター運営事業 対象経費の支出予定額',
    ]);
    const preview = await core.call('subsidy.import.preview', { fiscalYear: 2024, fileName: bad.fileName, data: bad.data });
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 2 });
    expect(preview.rows.find((r) => r.status === 'new')!.label).toBe('佐渡市在宅医療推進センター（申請額 4,453,000円）');
    expect(preview.rows.find((r) => r.status === 'error' && r.errors[0]!.column === 'D')!.errors[0]).toMatchObject({
      header: '在宅医療推進センター運営事業 総事業費',
    });
    expect(preview.rows.find((r) => r.status === 'error' && r.errors[0]!.column === 'C')!.errors[0]).toMatchObject({
      header: '申請日',
      message:
        '申請日: 令和9年4月12日は令和6年度の補助金の手続きの日付にできません（令和5年4月1日〜令和9年3月31日）。日付か年度を確かめてください。',
    });

    const before = await auditCount(core);
    await expect(core.call('subsidy.import.commit', { fiscalYear: 2024, fileName: bad.fileName, data: bad.data })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('エラーのある行が 2 行あるため取り込めません'),
    });
    expect(await auditCount(core)).toBe(before);
    expect((await core.call('subsidy.year', { fiscalYear: 2024 })).rows.every((r) => r.status === 'none')).toBe(true);

    const good = await workbook(core, (_sheet, rowOf) => {
      set(rowOf('佐渡市'), '2024-04-12', 4_600_000, 100_000, 4_500_000);
      set(rowOf('見附市'), '令和6年4月15日', '4,200,000', 0, 4_000_000);
    });
    expect(await core.call('subsidy.import.commit', { fiscalYear: 2024, fileName: good.fileName, data: good.data })).toMatchObject({
      created: 2,
      updated: 0,
    });
    const year = await core.call('subsidy.year', { fiscalYear: 2024 });
    expect(year.rows.filter((r) => r.status === 'applied').map((r) => [r.center.name, r.applied])).toEqual([
      ['見附市在宅医療推進センター', 4_000_000],
      ['佐渡市在宅医療推進センター', 4_453_000],
    ]);
    const again = await core.call('subsidy.import.preview', { fiscalYear: 2024, fileName: good.fileName, data: good.data });
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2, error: 0 });
    await core.close();
  });

  it('refuses a 対象経費 larger than the 総事業費, typed or imported, naming the center and the field', async () => {
    const core = await demoCore();
    await core.call('subsidy.rules.copy', { from: 2023, to: 2024 });
    const sado = await centerId(core, '佐渡市');
    const said =
      '「在宅医療推進センター運営事業」の対象経費の支出（予定）額 4,600,000円 が総事業費 460,000円 を超えています（佐渡市在宅医療推進センター）。' +
      '対象経費は総事業費のうち補助の対象となる経費です。総事業費と対象経費を確かめてください。';
    // A digit dropped from 総事業費: 第4条 alone would decide 460,000 円 without a word.
    const typed = { centerId: sado, fiscalYear: 2024, inputs: operating(460_000, 0, 4_600_000) };
    const before = await auditCount(core);
    await expect(core.call('subsidy.steps.add', { ...typed, kind: 'application', datedOn: '2024-04-12' })).rejects.toMatchObject({
      code: 'validation',
      message: said,
      path: ['inputs', 'programs', 0, 'eligibleExpense'],
    });
    expect(await auditCount(core)).toBe(before);

    const file = await workbook(core, (_sheet, rowOf) => {
      rowOf('佐渡市').getCell(3).value = '2024-04-12';
      rowOf('佐渡市').getCell(4).value = 460_000;
      rowOf('佐渡市').getCell(6).value = 4_600_000;
      // 総事業費 left blank: read as 0 円, the row would be applied for 0 円.
      rowOf('見附市').getCell(3).value = '2024-04-12';
      rowOf('見附市').getCell(6).value = 4_000_000;
    });
    const preview = await core.call('subsidy.import.preview', { fiscalYear: 2024, fileName: file.fileName, data: file.data });
    expect(preview.counts).toMatchObject({ new: 0, error: 2 });
    expect(preview.rows.map((r) => r.errors.map((e) => [e.header, e.message]))).toEqual([
      [
        [
          '在宅医療推進センター運営事業 総事業費',
          '「見附市在宅医療推進センター」の在宅医療推進センター運営事業の総事業費が空欄です。対象経費を含む事業全体の経費（総事業費）を入力してください',
        ],
      ],
      [['在宅医療推進センター運営事業 対象経費の支出予定額', said.replace(/。$/, '')]],
    ]);
    await core.close();
  });
});
