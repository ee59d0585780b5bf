/** The home page's 「いま必要なこと」 on the demo prefecture and on an empty database. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRate } from '@shared/format';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

const open = (now: string) => Core.open({ dbPath: path.join(tempDir(), 'home.sqlite'), osUser: 'tanaka', now: () => new Date(now) });

describe('app.home', () => {
  it('answers for the 年度 containing today: 執行率, centers by their next step, responses, the year end', async () => {
    const core = await open('2023-10-15T01:00:00Z');
    await core.call('app.demo.load', {});
    const home = await core.call('app.home', {});
    expect(home).toMatchObject({ fiscalYear: 2023, currentFiscalYear: 2023, today: '2023-10-15', years: [2023, 2022, 2020] });
    expect(home.setup).toEqual({ prefecture: '新潟県', regionalBureau: '', municipalities: 30, empty: false, demo: false });

    // 令和5年度 医療分, 第1回補正: 総事業費 297,386,000円; 執行 48,000,000 + 12,500,000 (the demo's own spending)
    // + 84,185,000 booked from the 17 centers' subsidies = 144,685,000円.
    expect(home.fund).toEqual([
      {
        side: 'medical',
        versionLabel: '第1回補正',
        totalCost: 297_386_000,
        spent: 144_685_000,
        executionRate: { numerator: 144_685_000, denominator: 297_386_000 },
      },
    ]);
    expect(formatRate(home.fund[0]!.executionRate.numerator, home.fund[0]!.executionRate.denominator)).toBe('48.7%');
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    expect(home.fund[0]!.spent).toBe(year.view.total.spent);

    // 17 centers: 2 完了, 13 decided and waiting for their 実績報告, 1 reported waiting for 額の確定, 1 settled waiting for a refund.
    expect(home.subsidy).toMatchObject({ centers: 17, closed: 2 });
    expect(home.subsidy!.waiting.map((w) => [w.status, w.centers.length])).toEqual([
      ['decided', 13],
      ['reported', 1],
      ['settled', 1],
    ]);
    expect(home.subsidy!.waiting[1]!.centers).toEqual([{ id: 7, name: '三条市地域包括ケア総合推進センター' }]);
    const rows = (await core.call('subsidy.year', { fiscalYear: 2023 })).rows;
    expect(rows.filter((r) => r.status === 'decided').map((r) => r.center.name)).toEqual(
      home.subsidy!.waiting[0]!.centers.map((c) => c.name),
    );

    // One line per survey, its newest round: the centers' monthly activity shows 令和6年3月分 only, not its twelve months.
    expect(home.surveys.map((s) => [s.title, s.label])).toEqual([
      ['令和5年度 センター活動報告書', '0 / 17 回答'],
      ['令和6年3月分 センター活動実績', '15 / 17 回答'],
      ['令和5年度 センター活動計画書', '17 / 17 回答'],
      ['令和5年度 郡市医師会在宅医療推進センター人員配置状況', '16 / 17 回答'],
    ]);
    expect(home.surveys.at(-1)).toEqual({
      roundId: 1,
      title: '令和5年度 郡市医師会在宅医療推進センター人員配置状況',
      returned: 16,
      targets: 17,
      withErrors: 0,
      label: '16 / 17 回答',
    });
    // Each survey's next 基準日 once (the monthly activity's next month, not all that remain), then the year end.
    expect(home.upcoming).toEqual([
      { date: '2023-11-01', label: '調査基準日（令和5年11月分 センター活動実績）', link: '/survey/rounds/26' },
      { date: '2024-03-31', label: '調査基準日（令和5年度 センター活動報告書）', link: '/survey/rounds/31' },
      { date: '2024-03-31', label: '年度末', link: '/fund' },
    ]);

    // Another 年度 on request: 令和4年度 has a plan and a survey but no subsidy. Its spending is
    // 96,000,000 + 43,200,000 + the center project's 85,419,000 (seed 004: R4 85,419 千円) = 224,619,000円.
    const r4 = await core.call('app.home', { fiscalYear: 2022 });
    expect(r4.fund.map((f) => [f.versionLabel, f.totalCost, f.spent])).toEqual([['当初', 310_419_000, 224_619_000]]);
    expect(r4.subsidy).toBeNull();
    // The demo's R4 clinic round: 640 respondents (survey/demo.ts) of the 700 clinics sent to.
    expect(r4.surveys.map((s) => s.label)).toEqual(['17 / 17 回答', '17 / 17 回答', '640 / 700 回答', '0 / 17 回答']);
    expect(r4.upcoming).toEqual([]);
    await core.close();
  }, 120_000);

  it('on a later 年度 lists what earlier years still have open: steps by what they wait for, 返還 not yet paid back', async () => {
    const core = await open('2026-12-06T01:00:00Z');
    await core.call('app.demo.load', {});
    const home = await core.call('app.home', {});
    expect(home.fiscalYear).toBe(2026);
    // 令和5年度: 13 centers without their 実績報告, 三条 without its 額の確定, 見附 owing its 返還 of 55,000 円.
    expect(home.earlier).toHaveLength(1);
    const [r5] = home.earlier;
    expect(r5!.fiscalYear).toBe(2023);
    expect(r5!.waiting.map((w) => [w.status, w.centers.length])).toEqual([
      ['decided', 13],
      ['reported', 1],
    ]);
    expect(r5!.refunds).toEqual({ centers: [{ id: expect.any(Number), name: '見附市在宅医療推進センター' }], amount: 55_000 });
    expect(r5!.additional).toBeNull();
    // The same counts as the year's own home says, where it is the year shown; nothing earlier than the demo's first 要綱.
    const own = await core.call('app.home', { fiscalYear: 2023 as never });
    expect(own.subsidy!.waiting.filter((w) => w.status === 'decided' || w.status === 'reported')).toEqual(r5!.waiting);
    expect(own.earlier).toEqual([]);
    // Paid back in full, the 返還 leaves the list.
    const mitsuke = r5!.refunds!.centers[0]!.id;
    const { version } = await core.call('subsidy.center', { centerId: mitsuke, fiscalYear: 2023 });
    await core.call('subsidy.steps.add', {
      centerId: mitsuke,
      version,
      fiscalYear: 2023,
      kind: 'refund',
      datedOn: '2025-06-30',
      amount: 55_000,
    });
    expect((await core.call('app.home', {})).earlier[0]!.refunds).toBeNull();
    await core.close();
  });

  it('on an empty database says so, with nothing but the year end ahead', async () => {
    const core = await open('2026-11-22T01:00:00Z');
    const home = await core.call('app.home', {});
    expect(home).toEqual({
      fiscalYear: 2026,
      currentFiscalYear: 2026,
      today: '2026-11-22',
      years: [2026],
      setup: { prefecture: null, regionalBureau: '', municipalities: 0, empty: true, demo: true },
      fund: [],
      subsidy: null,
      earlier: [],
      surveys: [],
      upcoming: [{ date: '2027-03-31', label: '年度末', link: '/fund' }],
    });
    await core.close();
  });
});

describe('app.associationHome', () => {
  it('gives a 医師会 its centers with what each entered and received, and the rounds still waiting for its answers', async () => {
    const core = await open('2023-10-15T01:00:00Z');
    await core.call('app.demo.load', {});
    const home = await core.call('app.associationHome', { associationId: 7 });
    expect(home).toMatchObject({ fiscalYear: 2023, today: '2023-10-15', association: { id: 7 }, rules: true });
    // 三条市's one center, as the year's overview has it: applied, decided, its 実績報告 in and waiting for 額の確定.
    const row = (await core.call('subsidy.year', { fiscalYear: 2023 })).rows.find((r) => r.center.id === 7)!;
    expect(home.centers).toEqual([
      {
        id: 7,
        name: '三条市地域包括ケア総合推進センター',
        areaName: row.center.areaName,
        status: 'reported',
        applied: row.applied,
        decided: row.decided,
        decidedOn: row.decidedOn,
        reported: true,
      },
    ]);
    expect(home.centers[0]!.applied).toBeGreaterThan(0);
    // Only the center rounds, each counting this center alone; the year's 活動報告書 still waits for its answer.
    expect(home.surveys.every((s) => s.targets === 1)).toBe(true);
    const report = home.surveys.find((s) => s.title === '令和5年度 センター活動報告書')!;
    expect(report).toMatchObject({ referenceDate: '2024-03-31', missing: [{ id: 7, name: '三条市地域包括ケア総合推進センター' }] });
    expect(home.surveys.filter((s) => s.title.includes('センター活動実績'))).toHaveLength(12);
    // A prefecture person who names no 医師会 gets none.
    expect(await core.call('app.associationHome', {})).toMatchObject({ association: null, centers: [], surveys: [] });
    await core.close();
  });
  it('counts under 帳票 the 独自様式 and 会議資料 the prefecture registered', async () => {
    const core = await open('2023-10-15T01:00:00Z');
    await core.call('app.demo.load', {});
    const templates = await core.call('template.list', {});
    const decks = await core.call('deck.list', {});
    expect(templates.length).toBeGreaterThan(0);
    expect(decks.length).toBeGreaterThan(0);
    const { sections } = await core.call('app.summary', {});
    expect(sections.find((s) => s.section === 'report')?.records).toBe(templates.length + decks.length);
    await core.close();
  });
});

describe('app.demo.load (はじめに › デモデータ（新潟県）を読み込む)', () => {
  it('refuses a database whose prefecture the officer already chose, and leaves it as it was', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'mine.sqlite'), osUser: 'yamada' });
    await core.call('masters.prefecture.save', { code: '01', name: '北海道', version: 0 });
    const result = await core.dispatch('app.demo.load', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('新しいデータベース') } });
    expect((await core.call('app.home', {})).setup).toMatchObject({ prefecture: '北海道', demo: false });
    expect((await core.call('settings.get', {})).organization).toBe('');
    await core.close();
  });

  it('refuses a database whose 氏名・所属 are set, rather than replacing them with the demo’s', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'mine.sqlite'), osUser: 'yamada' });
    await core.call('settings.update', { displayName: '山田 太郎', organization: '北海道 保健福祉部' });
    expect((await core.dispatch('app.demo.load', {})).ok).toBe(false);
    expect((await core.call('settings.get', {})).organization).toBe('北海道 保健福祉部');
    await core.close();
  });

  it('is offered on ホーム only while it would be taken: not once 設定 names the officer, even with no prefecture', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'mine.sqlite'), osUser: 'yamada' });
    expect((await core.call('app.home', {})).setup).toMatchObject({ prefecture: null, empty: true, demo: true });
    await core.call('settings.update', { personInCharge: '在宅医療推進係 山田' });
    expect((await core.call('app.home', {})).setup).toMatchObject({ prefecture: null, empty: true, demo: false });
    expect(await core.dispatch('app.demo.load', {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    await core.close();
  });
});
