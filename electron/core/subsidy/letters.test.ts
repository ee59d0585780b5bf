/**
 * The subsidy's letters read back: the 文書番号 register (consecutive, never
 * twice, not given back by 元に戻す) on both engines, each letter's fields
 * with the demo's figures, the 精算額調書's lettered columns against figures
 * worked out by hand from the 要綱's 第4条, and a batch as one workbook.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { TableBlock } from '@shared/report/model';
import { standardConditions } from '@shared/subsidy/letters';
import { engines, freshPgDatabase } from '@tests/support/engines';
import { readWorkbook } from '@tests/support/files';
import { newCenter } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core, type CoreOptions } from '../core';
import { MIGRATIONS } from '../kernel/db/migrations';
import { letterBody } from './letters';

const FY = 2023;
/** The demo's (新潟県's) standard 交付の条件, as the letters always worded them. */
const STANDARD_CONDITIONS = standardConditions('新潟県補助金等交付規則');

async function centerId(core: Core, prefix: string) {
  return (await core.call('subsidy.year', { fiscalYear: FY })).rows.find((r) => r.center.name.startsWith(prefix))!.center.id;
}

for (const engine of engines()) {
  describe(`the 文書番号 register (${engine.name})`, () => {
    it('numbers a batch consecutively from the register, keeps a letter its number, and a second batch continues', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const centers = (await core.call('subsidy.year', { fiscalYear: FY })).rows.length;
      const decisions = await core.call('subsidy.letters.issue', { fiscalYear: FY, kind: 'decision', date: '2023-05-19' });
      expect(decisions).toHaveLength(centers);
      expect(decisions.map((e) => e.number)).toEqual(Array.from({ length: centers }, (_, i) => 1001 + i));
      expect(decisions[0]!.documentNumber).toBe('新医薬第1001号');
      expect(decisions.every((e) => e.document === '交付決定通知書' && e.issuedOn === '2023-05-19')).toBe(true);

      // Printing the same letters again takes no new number.
      const again = await core.call('subsidy.letters.issue', { fiscalYear: FY, kind: 'decision', date: '2023-06-01' });
      expect(again.map((e) => e.documentNumber)).toEqual(decisions.map((e) => e.documentNumber));
      expect(again.every((e) => e.issuedOn === '2023-05-19')).toBe(true);

      // 額の確定通知書 dated in 令和6年度 take 令和6年度's numbers, a series the demo sets too, so nothing asks for it first:
      // 令和5年度's register ends with the decisions.
      const settlements = await core.call('subsidy.letters.issue', { fiscalYear: FY, kind: 'settlement', date: '2024-05-17' });
      expect(settlements[0]).toMatchObject({ fiscalYear: FY + 1, subsidyYear: FY, number: 1001, documentNumber: '新医薬第1001号' });
      const register = await core.call('subsidy.register.get', { fiscalYear: FY });
      expect(register.nextNumber).toBe(1001 + centers);
      expect((await core.call('subsidy.register.get', { fiscalYear: FY + 1 })).nextNumber).toBe(1001 + settlements.length);
      const numbers = register.entries.map((e) => e.number);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

      // The next number cannot go back over one issued.
      expect(await core.dispatch('subsidy.register.save', { fiscalYear: FY, prefix: '新医薬第', nextNumber: 1005 })).toMatchObject({
        ok: false,
        error: { code: 'validation', message: expect.stringContaining(`第${1000 + centers}号まで発番済み`) },
      });
      const audit = await core.call('audit.list', { entity: 'document_register', limit: 100 });
      expect(audit.total).toBe(centers + settlements.length);
    });

    it('refuses a letter dated before the step it reports or outside the year, taking no number', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      // 額の確定通知書 are dated in 令和6年度, and numbered from its register.
      await core.call('subsidy.register.save', { fiscalYear: FY + 1, prefix: '新医薬第', nextNumber: 1001 });
      const tsubame = await centerId(core, '燕');
      const settledOn = (await core.call('subsidy.center', { centerId: tsubame, fiscalYear: FY })).steps.findLast(
        (s) => s.kind === 'settlement',
      )!.datedOn;
      expect(settledOn > '2023-01-10').toBe(true);
      const before = await core.call('subsidy.register.get', { fiscalYear: FY + 1 });
      const early = await core.dispatch('subsidy.letters.issue', {
        fiscalYear: FY,
        kind: 'settlement',
        centerIds: [tsubame],
        date: '2023-01-10',
      });
      expect(early).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          path: ['date'],
          message: expect.stringMatching(/^文書の日付: 令和5年1月10日は、この額の確定通知書が通知する額の確定の日付より前です（燕/),
        },
      });
      const late = await core.dispatch('subsidy.letters.issue', {
        fiscalYear: FY,
        kind: 'decision',
        centerIds: [tsubame],
        date: '2031-01-01',
      });
      expect(late).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('令和13年1月1日は令和5年度の補助金の手続きの日付にできません') },
      });
      const after = await core.call('subsidy.register.get', { fiscalYear: FY + 1 });
      expect(after.nextNumber).toBe(before.nextNumber);
      expect(after.entries).toHaveLength(before.entries.length);

      // On the step's own day it is numbered, and dated so.
      const [letter] = await core.call('subsidy.letters.issue', {
        fiscalYear: FY,
        kind: 'settlement',
        centerIds: [tsubame],
        date: settledOn,
      });
      expect(letter).toMatchObject({ documentNumber: `新医薬第${before.nextNumber}号`, issuedOn: settledOn });
    });

    it('refuses a number for a letter a center submits, and a year without a register, saying what to do', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      expect(await core.dispatch('subsidy.letters.issue', { fiscalYear: FY, kind: 'application', date: '2023-04-14' })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('交付申請書はセンターが提出する書類です') },
      });
      // A letter of 令和5年度 dated in May 2025 takes 令和7年度's number, which the demo does not set (only 令和5年度's and 6年度's).
      expect(await core.dispatch('subsidy.letters.issue', { fiscalYear: FY, kind: 'settlement', date: '2025-05-20' })).toMatchObject({
        ok: false,
        error: {
          path: ['date'],
          message: expect.stringMatching(
            /^令和7年度の文書番号の設定がありません。文書の日付（令和7年5月20日）は令和7年度のため、その年度の番号を取ります。補助金の「文書番号台帳」で/,
          ),
        },
      });
      expect((await core.call('subsidy.register.get', { fiscalYear: FY + 2 })).entries).toEqual([]);

      // 燕's 交付決定通知書 numbered in 令和5年度 prints again with a 令和7年度 date; all centers' names the ones that need a number.
      const tsubame = await centerId(core, '燕');
      const decidedOn = (await core.call('subsidy.center', { centerId: tsubame, fiscalYear: FY })).steps.find(
        (s) => s.kind === 'decision',
      )!.datedOn;
      const [numbered] = await core.call('subsidy.letters.issue', {
        fiscalYear: FY,
        kind: 'decision',
        centerIds: [tsubame],
        date: decidedOn,
      });
      const [again] = await core.call('subsidy.letters.issue', {
        fiscalYear: FY,
        kind: 'decision',
        centerIds: [tsubame],
        date: '2025-04-10',
      });
      expect(again).toMatchObject({ documentNumber: numbered!.documentNumber, issuedOn: decidedOn });
      const mixed = await core.dispatch('subsidy.letters.issue', { fiscalYear: FY, kind: 'decision', centerIds: [], date: '2025-04-10' });
      expect(mixed).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/^令和7年度の文書番号の設定がありません（新しく番号を取る文書：[^）]*センター/) },
      });
      expect(mixed.ok ? '' : mixed.error.message).not.toMatch(/番号を取る文書：[^）]*燕/);
      expect((await core.call('subsidy.register.get', { fiscalYear: FY + 2 })).entries).toEqual([]);
    });

    it('numbers a letter in the series of the 年度 it is dated in: a late 令和5年度 letter and a 令和6年度 one never share a number', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const tsubame = await centerId(core, '燕');
      await core.call('subsidy.rules.copy', { from: FY, to: FY + 1 });
      // The same prefix every year, as prefectures keep it; each year's numbers start again.
      await core.call('subsidy.register.save', { fiscalYear: FY + 1, prefix: '新医薬第', nextNumber: 1001 });
      const r5 = await core.call('subsidy.letters.issue', { fiscalYear: FY, kind: 'settlement', centerIds: [tsubame], date: '2024-05-20' });
      // 令和6年度's 交付申請 as 令和5年度's, and its 交付決定.
      const applied = (await core.call('subsidy.center', { centerId: tsubame, fiscalYear: FY })).steps.find(
        (s) => s.kind === 'application',
      )!;
      await core.call('subsidy.steps.add', {
        centerId: tsubame,
        fiscalYear: FY + 1,
        kind: 'application',
        datedOn: '2024-04-12',
        inputs: applied.inputs,
      });
      await core.call('subsidy.steps.add', {
        centerId: tsubame,
        fiscalYear: FY + 1,
        kind: 'decision',
        datedOn: '2024-06-03',
        amount: 4_453_000,
        orderNo: '新医政第1号',
        // The demo keeps no 基金 budget for 令和6年度.
        override: true,
        overrideReason: '予算の議決前のため',
      });
      const r6 = await core.call('subsidy.letters.issue', {
        fiscalYear: FY + 1,
        kind: 'decision',
        centerIds: [tsubame],
        date: '2024-06-03',
      });
      expect([...r5, ...r6].map((e) => [e.fiscalYear, e.subsidyYear, e.documentNumber])).toEqual([
        [FY + 1, FY, '新医薬第1001号'],
        [FY + 1, FY + 1, '新医薬第1002号'],
      ]);
      // 令和5年度's register does not hold the late letter; 令和6年度's holds both, saying which year the late one concerns.
      expect((await core.call('subsidy.register.get', { fiscalYear: FY })).entries.map((e) => e.letterKind)).not.toContain('settlement');
      const doc = await core.call('report.doc', { name: 'subsidy.register', params: { fy: FY + 1, date: '2024-06-30' } });
      const table = doc.blocks.find((b) => b.type === 'table') as TableBlock;
      expect(table.rows.map((r) => [r.cells.number, r.cells.document])).toEqual([
        ['新医薬第1001号', '額の確定通知書（令和5年度分）'],
        ['新医薬第1002号', '交付決定通知書'],
      ]);
      // Each letter prints with its number, read by the subsidy year it concerns.
      const [settlement] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'settlement', centerIds: [tsubame] });
      expect(settlement).toMatchObject({ documentNumber: '新医薬第1001号', date: '2024-05-20' });
      const [decision] = await core.call('subsidy.letters.data', { fiscalYear: FY + 1, kind: 'decision', centerIds: [tsubame] });
      expect(decision).toMatchObject({ documentNumber: '新医薬第1002号', date: '2024-06-03' });
    });
  });
}

/** A core on one new database of the engine, one at a time: opening another closes the one before. The last is closed, and the database dropped, when the test ends. */
async function reopened(engine: 'sqlite' | 'postgres') {
  const pg = engine === 'postgres' ? await freshPgDatabase() : null;
  const dbPath = path.join(tempDir(), 'register.sqlite');
  let current: Core | undefined;
  onTestFinished(async () => {
    await current?.close();
    await pg?.drop();
  });
  return async (options: Omit<CoreOptions, 'dbPath' | 'connection'> = {}) => {
    await current?.close();
    current = await (pg ? Core.open({ ...options, connection: pg.connection, workDir: tempDir() }) : Core.open({ ...options, dbPath }));
    return current;
  };
}

for (const engine of engines()) {
  describe(`letters numbered before the register kept the subsidy year apart (${engine.name})`, () => {
    it('keep their numbers and their series: a 令和5年度 letter numbered in its own series stays there, and prints with its number', async () => {
      const open = await reopened(engine.name);
      const before = await open({
        osUser: 'tester',
        migrations: Object.fromEntries(Object.entries(MIGRATIONS).filter(([n]) => n < '0032')),
      });
      await before.call('app.demo.load', {});
      const tsubame = await centerId(before, '燕');
      const settlement = (await before.call('subsidy.center', { centerId: tsubame, fiscalYear: FY })).steps.findLast(
        (s) => s.kind === 'settlement',
      )!;
      // As the earlier Renkei numbered it: a 令和5年度 額の確定通知書 dated in 令和6年度, from 令和5年度's series.
      const row = {
        fiscalYear: FY,
        number: 1001,
        documentNumber: '新医薬第1001号',
        issuedOn: '2024-05-20',
        letterKind: 'settlement',
        document: '額の確定通知書',
        addressee: '燕市医師会長　様',
        centerId: tsubame,
        stepId: settlement.id,
        dueOn: null,
        issuedBy: 'tester',
        createdAt: '2024-05-20T00:00:00.000Z',
      };
      await before.database
        .insertInto('documentRegister')
        .values(row as typeof row & { subsidyYear: number })
        .execute();

      const core = await open({ osUser: 'tester' });
      const register = await core.call('subsidy.register.get', { fiscalYear: FY });
      expect(register.entries.map((e) => [e.documentNumber, e.fiscalYear, e.subsidyYear])).toEqual([['新医薬第1001号', FY, FY]]);
      const [letter] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'settlement', centerIds: [tsubame] });
      expect(letter).toMatchObject({ documentNumber: '新医薬第1001号', date: '2024-05-20' });
      // Made again, it keeps its number and date, and asks for no 令和6年度 series (none is set).
      const [again] = await core.call('subsidy.letters.issue', {
        fiscalYear: FY,
        kind: 'settlement',
        centerIds: [tsubame],
        date: '2024-06-10',
      });
      expect(again).toMatchObject({ documentNumber: '新医薬第1001号', issuedOn: '2024-05-20', fiscalYear: FY, subsidyYear: FY });
      expect((await core.call('subsidy.register.get', { fiscalYear: FY + 1 })).entries).toEqual([]);
    });
  });
}

describe('a number once issued is never issued again', () => {
  it('undoing the step a letter was numbered for keeps the number taken; the new letter gets the next one', async () => {
    const [engine] = engines();
    const core = await engine!.open({ osUser: 'tester' });
    await core.call('app.demo.load', {});
    const sanjo = await centerId(core, '三条');
    // The letters are dated in 令和6年度, and numbered from its register.
    await core.call('subsidy.register.save', { fiscalYear: FY + 1, prefix: '新医薬第', nextNumber: 1001 });
    /** 三条's 額の確定 dated `date`, and its letter issued that day. */
    const settled = async (date: string) => {
      await core.call('subsidy.steps.add', { centerId: sanjo, fiscalYear: FY, kind: 'settlement', datedOn: date, orderNo: '' });
      const [letter] = await core.call('subsidy.letters.issue', { fiscalYear: FY, kind: 'settlement', centerIds: [sanjo], date });
      return letter!;
    };
    expect((await settled('2024-05-17')).documentNumber).toBe('新医薬第1001号');

    // 元に戻す takes back the 額の確定 (issuing a number is no change it can reverse).
    const undone = await core.call('app.undo', {});
    expect(undone.operation).toBe('subsidy.steps.add');
    expect((await core.call('subsidy.register.get', { fiscalYear: FY + 1 })).entries.map((e) => e.documentNumber)).toEqual([
      '新医薬第1001号',
    ]);

    expect((await settled('2024-05-20')).documentNumber).toBe('新医薬第1002号');
    const register = await core.call('subsidy.register.get', { fiscalYear: FY + 1 });
    expect(register.entries.map((e) => e.number)).toEqual([1001, 1002]);
    expect(register.nextNumber).toBe(1003);
    // The register printed says which letter is void: its 額の確定 was taken back.
    const doc = await core.call('report.doc', { name: 'subsidy.register', params: { fy: FY + 1, date: '2024-05-31' } });
    const table = doc.blocks.find((b) => b.type === 'table') as TableBlock;
    // In a column of its own, where a reader running down the numbers sees it, not at the end of the letter's name.
    expect(table.columns.map((c) => c.header)).toEqual(['番号', '日付', '文書', '返還期限', '宛先', 'センター', '備考']);
    expect(table.rows.map((r) => [r.cells.number, r.cells.document, r.cells.remark])).toEqual([
      ['新医薬第1001号', '額の確定通知書（令和5年度分）', '取消し'],
      ['新医薬第1002号', '額の確定通知書（令和5年度分）', ''],
    ]);
    expect(table.notes![0]).toMatch(/^発番 2件（うち取消し 1件）。次の番号：新医薬第1003号。/);
  });
});

/** The cells of a workbook's sheets as text, in order. */
async function workbookText(data: string): Promise<string[]> {
  const workbook = await readWorkbook(data);
  const values: string[] = [];
  for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
  return values;
}

for (const engine of engines()) {
  describe(`what the 要綱 and 設定 put on a letter (${engine.name})`, () => {
    it("the 要綱's edited 交付の条件 are the 交付決定通知書's, audited; standard ones while it keeps none", async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const mitsuke = await centerId(core, '見附');
      await core.call('subsidy.letters.issue', { fiscalYear: FY, kind: 'decision', centerIds: [mitsuke], date: '2023-05-19' });
      const [standard] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'decision', centerIds: [mitsuke] });
      expect(standard!.conditions).toEqual(STANDARD_CONDITIONS.split('\n'));

      const {
        fiscalYear: _fy,
        fundProject: _project,
        areas: _areas,
        ...rules
      } = (await core.call('subsidy.rules.get', { fiscalYear: FY }))!;
      const edited = `${STANDARD_CONDITIONS}\n補助事業の成果を、県が開催する在宅医療推進会議で報告すること。`;
      await core.call('subsidy.rules.save', { fiscalYear: FY, ...rules, conditions: edited });

      const [letter] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'decision', centerIds: [mitsuke] });
      expect(letter!.conditions).toHaveLength(7);
      expect(letter!.conditions[6]).toBe('補助事業の成果を、県が開催する在宅医療推進会議で報告すること。');
      const file = await core.call('report.set', { name: 'subsidy.letter.decision', fy: FY, centerIds: [mitsuke], format: 'xlsx' });
      expect(await workbookText(file.data)).toContain('（7）補助事業の成果を、県が開催する在宅医療推進会議で報告すること。');

      const audit = await core.call('audit.list', { entity: 'subsidy_rules', limit: 10 });
      const change = audit.entries.find((a) => JSON.stringify(a.after).includes('在宅医療推進会議で報告'));
      expect(change).toBeDefined();
    });

    it('the 知事 and each 医師会 会長 of 設定 sign and receive the letters', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const mitsuke = await centerId(core, '見附');
      const [before] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'application', centerIds: [mitsuke] });
      const association = before!.association;
      expect(before!.addressee).toBe('新潟県知事　様');
      expect(before!.sender).toEqual([`${association}　会長`]);

      await core.call('settings.update', { governorName: '花角　英世', associationPresidents: { [association]: '見附　太郎' } });
      const [application] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'application', centerIds: [mitsuke] });
      expect(application!.addressee).toBe('新潟県知事　花角　英世　様');
      expect(application!.sender).toEqual([`${association}　会長　見附　太郎`]);

      await core.call('settings.update', { governorTitle: '新潟県知事職務代理者　新潟県副知事', governorName: '佐久間　豊' });
      const [entry] = await core.call('subsidy.letters.issue', {
        fiscalYear: FY,
        kind: 'decision',
        centerIds: [mitsuke],
        date: '2023-05-19',
      });
      expect(entry!.addressee).toBe(`${association}長　見附　太郎　様`);
      const [decision] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'decision', centerIds: [mitsuke] });
      expect(decision!.addressee).toBe(`${association}長　見附　太郎　様`);
      expect(decision!.sender[0]).toBe('新潟県知事職務代理者　新潟県副知事　佐久間　豊');
      const file = await core.call('report.set', { name: 'subsidy.letter.decision', fy: FY, centerIds: [mitsuke], format: 'xlsx' });
      const text = (await workbookText(file.data)).join('\n');
      expect(text).toContain('見附　太郎');
      expect(text).toContain('新潟県知事職務代理者　新潟県副知事　佐久間　豊');
    });
  });
}

describe('the letters, read back', () => {
  async function demo() {
    const [engine] = engines();
    const core = await engine!.open({ osUser: 'tester', now: () => new Date('2026-11-22T10:00:00+09:00') });
    await core.call('app.demo.load', {});
    await core.call('settings.update', { governorName: '花角　英世' });
    // The 額の確定・返還 letters are dated in 令和6年度, and numbered from its register.
    await core.call('subsidy.register.save', { fiscalYear: FY + 1, prefix: '新医薬第', nextNumber: 1 });
    return core;
  }

  it('a 交付決定通知書 carries its number, date, 宛先, 発信者, the 要綱 article, the decided amount and the conditions', async () => {
    const core = await demo();
    const mitsuke = await centerId(core, '見附');
    await core.call('subsidy.letters.issue', { fiscalYear: FY, kind: 'decision', date: '2023-05-19' });
    const [letter] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'decision', centerIds: [mitsuke] });
    expect(letter).toMatchObject({
      title: '令和5年度新潟県在宅医療推進センター整備事業補助金交付決定通知書',
      date: '2023-05-19',
      sender: ['新潟県知事　花角　英世', '（担当：在宅医療推進係 デモ 担当者）'],
      article: '新潟県在宅医療推進センター整備事業補助金交付要綱第4条',
      figures: [{ label: '交付決定額', amount: 4_453_000 }],
    });
    expect(letter!.documentNumber).toMatch(/^新医薬第10\d\d号$/);
    expect(letter!.addressee).toMatch(/医師会長　様$/);
    expect(letter!.conditions[0]).toBe('補助事業は、新潟県補助金等交付規則及び交付要綱の定めるところに従い実施すること。');
    expect(letter!.lead).toBe(
      '令和5年4月14日付けで申請のあった令和5年度新潟県在宅医療推進センター整備事業補助金については、新潟県補助金等交付規則及び新潟県在宅医療推進センター整備事業補助金交付要綱（以下「要綱」という。）の規定により、下記のとおり交付することに決定したので通知します。',
    );
    const body = letterBody(letter!);
    expect(body.header).toMatchObject({ documentNumber: letter!.documentNumber, date: '2023-05-19', addressee: letter!.addressee });
    expect(body.blocks.some((b) => b.type === 'notes' && b.lines.includes('1　交付決定額　金4,453,000円'))).toBe(true);
    // 「記」 stands centred on its own line, as letters set it, not as a ruled section heading.
    expect(body.blocks.find((b) => b.type === 'heading' && b.text === '記')).toMatchObject({ centered: true });
  });

  it('the 精算額調書 of 見附市 reproduces 第4条 column by column (hand-computed)', async () => {
    const core = await demo();
    const mitsuke = await centerId(core, '見附');
    const [letter] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'actual_report', centerIds: [mitsuke] });
    // Actuals: 総事業費 4,500,000, 寄付金その他収入額 0, 対象経費の支出額 4,398,765; 基準額 (上記以外の郡市医師会) 4,453,000.
    // (D) = 4,500,000 − 0; (F) = min(4,398,765, 4,453,000) = 4,398,765; (G) = min(4,500,000, 4,398,765) = 4,398,765;
    // (I) = 4,398,765 × 10/10, 1,000円未満切り捨て = 4,398,000; (J) 決定 4,453,000 (基準額, applied above it);
    // (K) = min(4,398,000, 4,453,000) = 4,398,000; (L) 受入済 4,453,000 (two advances); (M) = 4,453,000 − 4,398,000 = 55,000.
    const [program, total] = letter!.settlement!;
    expect(program!.cells).toMatchObject({
      a: 4_500_000,
      b: 0,
      c: 4_398_765,
      d: 4_500_000,
      e: 4_453_000,
      f: 4_398_765,
      g: 4_398_765,
      h: '10/10',
      i: 4_398_000,
    });
    expect(total!.cells).toMatchObject({ i: 4_398_000, j: 4_453_000, k: 4_398_000, l: 4_453_000, m: 55_000 });
    expect(letter!.statement).toEqual({
      income: { subsidy: 4_398_000, otherIncome: 0, ownFunds: 102_000, total: 4_500_000 },
      expenses: [
        { label: '在宅医療推進センター運営事業　対象経費', amount: 4_398_765 },
        { label: '在宅医療推進センター運営事業　対象外経費', amount: 101_235 },
      ],
      expenseTotal: 4_500_000,
    });
    const table = letterBody(letter!).blocks.find((b) => b.type === 'table' && b.columns[1]?.header === '(A) 総事業費') as TableBlock;
    expect(table.columns.map((c) => c.header)).toContain('(D) 差引額 (A)−(B)');
    expect(table.columns.map((c) => c.header)).toContain('(M) 差引過不足額 (L)−(K)');

    // The report answers the 交付決定 (not the application of 4月14日): its 指令番号, then the register's number once the letter went out.
    expect(letter!.lead).toMatch(/^令和5年5月19日付け新医政第316号（デモ）で交付決定の通知があった令和5年度/);
    const [issued] = await core.call('subsidy.letters.issue', {
      fiscalYear: FY,
      kind: 'decision',
      centerIds: [mitsuke],
      date: '2023-05-22',
    });
    const [again] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'actual_report', centerIds: [mitsuke] });
    expect(again!.lead).toMatch(new RegExp(`^令和5年5月22日付け${issued!.documentNumber}で交付決定の通知があった`));
  });

  it('a 返還命令書 names the 返還額 and 返還期限; the 交付申請書 is 様式第1号 with its 収支予算書', async () => {
    const core = await demo();
    const mitsuke = await centerId(core, '見附');
    const [entry] = await core.call('subsidy.letters.issue', {
      fiscalYear: FY,
      kind: 'refund_order',
      centerIds: [mitsuke],
      date: '2024-05-20',
      dueOn: '2024-06-14',
    });
    const [refund] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'refund_order', centerIds: [mitsuke] });
    expect(refund).toMatchObject({ documentNumber: entry!.documentNumber, dueOn: '2024-06-14' });
    expect(refund!.figures).toContainEqual({ label: '返還額', amount: 55_000 });
    expect(refund!.lead).toMatch(
      /^令和6年\d+月\d+日付けで額を確定した令和5年度新潟県在宅医療推進センター整備事業補助金について、既に交付した額が確定額を超えるため、新潟県補助金等交付規則の規定により、下記のとおり返還を命じます。$/,
    );

    const [application] = await core.call('subsidy.letters.data', { fiscalYear: FY, kind: 'application', centerIds: [mitsuke] });
    // Applied: 総事業費 4,853,000, 寄付金その他 50,000, 対象経費 4,753,000 → 4,453,000 (the 基準額).
    expect(application).toMatchObject({ formNumber: '様式第1号', addressee: '新潟県知事　花角　英世　様', date: '2023-04-14' });
    expect(application!.sender[0]).toMatch(/医師会　会長$/);
    expect(application!.statement!.income).toEqual({ subsidy: 4_453_000, otherIncome: 50_000, ownFunds: 350_000, total: 4_853_000 });
  });

  it("all centers' 交付決定通知書 come out as one workbook, a sheet per center, numbered in order", async () => {
    const core = await demo();
    const entries = await core.call('subsidy.letters.issue', { fiscalYear: FY, kind: 'decision', date: '2023-05-19' });
    const file = await core.call('report.set', { name: 'subsidy.letter.decision', fy: FY, format: 'xlsx' });
    expect(file.fileName).toMatch(/^令和5年度交付決定通知書\d+件_2023-05-19\.xlsx$/);
    const workbook = await readWorkbook(file.data);
    expect(workbook.worksheets).toHaveLength(entries.length);
    const numbers = workbook.worksheets.map((sheet) => {
      const values: string[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
      expect(values).toContain('令和5年度新潟県在宅医療推進センター整備事業補助金交付決定通知書');
      const ki: ExcelJS.Cell[] = [];
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value === '記') ki.push(cell);
        }),
      );
      expect(ki[0]!.alignment).toMatchObject({ horizontal: 'center' });
      expect(ki[0]!.isMerged).toBe(true);
      return values.find((v) => /^新医薬第\d+号$/.test(v));
    });
    expect(numbers).toEqual(entries.map((e) => e.documentNumber));
  });
});

describe('a prefecture other than the demo’s', () => {
  /** A database of `prefecture` made from scratch: one center, an empty 要綱 filled in, and its year up to a 額の確定 below what was paid. */
  async function made(code: string, prefecture: string, regulationName = '') {
    const [engine] = engines();
    const core = await engine!.open({ osUser: 'tester' });
    await core.call('masters.prefecture.save', { code, name: prefecture, version: 0 });
    const center = await core.call('masters.centers.save', newCenter('長野市医師会在宅医療推進センター'));
    const rate = { numerator: 10, denominator: 10 };
    await core.call('subsidy.rules.save', {
      fiscalYear: 2024,
      title: `${prefecture}在宅医療推進センター整備事業補助金交付要綱`,
      fundProjectId: null,
      roundingUnit: 1000,
      conditions: '',
      regulationName,
      taxCreditArticle: '',
      programs: [
        {
          kind: 'operating',
          code: 'operating',
          name: '在宅医療推進センター運営事業',
          rows: [{ class: 'other_county', label: '郡市医師会', baseAmount: 4_000_000, coveredExpenses: '', rate }],
        },
      ],
      version: 0,
    });
    const operating = (eligibleExpense: number) => ({
      programs: [{ kind: 'operating' as const, code: 'operating', totalCost: eligibleExpense, otherIncome: 0, eligibleExpense }],
    });
    const step = (kind: 'application' | 'decision' | 'payment' | 'actual_report' | 'settlement', datedOn: string, more = {}) =>
      core.call('subsidy.steps.add', { centerId: center.id, fiscalYear: 2024, kind, datedOn, ...more });
    await step('application', '2024-04-12', { inputs: operating(4_000_000) });
    await step('decision', '2024-05-10', { amount: 4_000_000, orderNo: '指令第1号' });
    await step('payment', '2024-06-03', { amount: 4_000_000 });
    await step('actual_report', '2025-04-10', { inputs: operating(3_900_000) });
    await step('settlement', '2025-05-09', { orderNo: '指令第2号' });
    // The 返還命令書 is dated in 令和7年度, and numbered from its register.
    for (const fiscalYear of [2024, 2025])
      await core.call('subsidy.register.save', { fiscalYear, prefix: '長医政第', nextNumber: 1001, version: 0 });
    return { core, centerId: center.id };
  }

  it('cites 長野県補助金等交付規則 on the 交付決定通知書 and the 返還命令書, and nothing of 新潟県', async () => {
    const { core, centerId } = await made('20', '長野県');
    for (const [kind, date] of [
      ['decision', '2024-05-10'],
      ['refund_order', '2025-05-09'],
    ] as const) {
      await core.call('subsidy.letters.issue', { fiscalYear: 2024, kind, centerIds: [centerId], date });
      const file = await core.call('report.set', { name: `subsidy.letter.${kind}`, fy: 2024, centerIds: [centerId], format: 'xlsx' });
      const text = (await workbookText(file.data)).join('\n');
      expect(text).toContain('長野県知事');
      expect(text).toContain('長野県補助金等交付規則');
      expect(text).not.toContain('新潟');
    }
    const [decision] = await core.call('subsidy.letters.data', { fiscalYear: 2024, kind: 'decision', centerIds: [centerId] });
    expect(decision!.lead).toContain('については、長野県補助金等交付規則及び長野県在宅医療推進センター整備事業補助金交付要綱');
    expect(decision!.conditions[0]).toBe('補助事業は、長野県補助金等交付規則及び交付要綱の定めるところに従い実施すること。');
    const [refund] = await core.call('subsidy.letters.data', { fiscalYear: 2024, kind: 'refund_order', centerIds: [centerId] });
    expect(refund!.lead).toContain('長野県補助金等交付規則の規定により、下記のとおり返還を命じます。');
    expect(refund!.figures).toContainEqual({ label: '返還額', amount: 100_000 });
    // A 要綱 made before the 規則 had a name of its own keeps none: the prefecture's is derived.
    expect((await core.call('subsidy.rules.get', { fiscalYear: 2024 }))!.regulationName).toBe('');
  });

  it('cites the 規則 by the name the 要綱 gives it where the prefecture’s goes by another', async () => {
    const { core, centerId } = await made('27', '大阪府', '大阪府補助金交付規則');
    await core.call('subsidy.letters.issue', { fiscalYear: 2024, kind: 'decision', centerIds: [centerId], date: '2024-05-10' });
    const [decision] = await core.call('subsidy.letters.data', { fiscalYear: 2024, kind: 'decision', centerIds: [centerId] });
    expect(decision!.lead).toContain('については、大阪府補助金交付規則及び大阪府在宅医療推進センター整備事業補助金交付要綱');
    expect(decision!.conditions[0]).toBe('補助事業は、大阪府補助金交付規則及び交付要綱の定めるところに従い実施すること。');
    expect(decision!.sender[0]).toBe('大阪府知事');
  });
});
