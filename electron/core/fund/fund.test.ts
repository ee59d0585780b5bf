import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engines } from '@tests/support/engines';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

async function demoCore() {
  const core = await Core.open({ dbPath: path.join(tempDir(), 'fund.sqlite'), osUser: 'tester' });
  await core.call('app.demo.load', {});
  return core;
}

const projectId = async (core: Core, number: string) =>
  (await core.call('fund.projects.list', { side: 'medical' })).find((p) => p.number === number)!.id;

describe('the fund year view', () => {
  it('shows 令和4年度 with the center project at 85,419 千円 (seed 004), split 2/3 : 1/3 on whole yen, fully spent', async () => {
    const core = await demoCore();
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2022 });
    const center = await projectId(core, 'Ⅱ-1');
    expect(year.amounts[center]).toMatchObject({
      fundAmount: 85_419_000,
      national: 56_946_000,
      prefectural: 28_473_000,
      splitOverride: false,
    });
    const group = year.view.groups.find((g) => g.categoryCode === 'Ⅱ')!;
    // Four advances: 21,354,000 × 3 + 21,357,000 = 85,419,000.
    expect(group.subtotal).toMatchObject({
      totalCost: 85_419_000,
      spent: 85_419_000,
      remaining: 0,
      executionRate: { numerator: 85_419_000, denominator: 85_419_000 },
    });
    // 85,419,000 + (120,000,000 + 60,000,000) + 45,000,000.
    expect(year.view.total).toMatchObject({ fundAmount: 250_419_000, otherAmount: 60_000_000, totalCost: 310_419_000 });
    expect(year.view.groups.map((g) => g.categoryCode)).toEqual(['Ⅰ-1', 'Ⅱ', 'Ⅳ']);
    await core.close();
  });

  it('shows 令和5年度 as of its newest version (第1回補正), the center at 84,586,000 円 (seed 000), with subtotals that add up', async () => {
    const core = await demoCore();
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    expect(year.versions.map((v) => v.label)).toEqual(['当初', '第1回補正']);
    expect(year.version?.label).toBe('第1回補正');
    const center = await projectId(core, 'Ⅱ-1');
    // 84,586,000 × 2/3 = 56,390,666.67 → 国 56,390,666, 県 the remaining 28,195,334.
    expect(year.amounts[center]).toMatchObject({ fundAmount: 84_586_000, national: 56_390_666, prefectural: 28_195_334 });
    expect(year.view.total.fundAmount).toBe(84_586_000 + 80_000_000 + 52_800_000 + 30_000_000);
    expect(year.view.groups.reduce((n, g) => n + g.subtotal.fundAmount, 0)).toBe(year.view.total.fundAmount);
    expect(year.view.groups.reduce((n, g) => n + g.subtotal.national + g.subtotal.prefectural, 0)).toBe(year.view.total.fundAmount);
    // The 補助金's 17 centers (subsidy/demo.ts): each center's decided amount, or its 確定額 once settled.
    expect(year.view.groups.find((g) => g.categoryCode === 'Ⅱ')!.subtotal.spent).toBe(84_185_000);

    const initial = await core.call('fund.year', { side: 'medical', fiscalYear: 2023, versionId: year.versions[0]!.id });
    expect(initial.view.total.fundAmount).toBe(84_586_000 + 80_000_000 + 48_000_000);
    await core.close();
  });

  it('names the project, not its database id, when spending lies outside the version shown (QA: 「事業（ID 4）」)', async () => {
    const core = await demoCore();
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    // 当初 has no line for Ⅵ-1, added by 第1回補正, which has 12,500,000円 of spending.
    const initial = await core.call('fund.year', { side: 'medical', fiscalYear: 2023, versionId: year.versions[0]!.id });
    expect(initial.view.problems.map((p) => p.message)).toEqual([
      'この年度の計画にない事業「Ⅵ-1 （架空）勤務医労働時間短縮推進事業」に執行 12,500,000円が記録されています。執行の事業を付け替えるか、事業を計画に加えてください。',
    ]);
    await core.close();
  });

  it('compares 当初 with 第1回補正, listing every changed figure and the project added', async () => {
    const core = await demoCore();
    const { versions } = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const comparison = await core.call('fund.versions.compare', { beforeId: versions[0]!.id, afterId: versions[1]!.id });
    const doctors = await projectId(core, 'Ⅳ-1');
    const hours = await projectId(core, 'Ⅵ-1');
    expect(comparison.changes.filter((c) => c.projectId === doctors).map((c) => [c.field, c.before, c.after, c.difference])).toEqual(
      expect.arrayContaining([
        ['fundAmount', 48_000_000, 52_800_000, 4_800_000],
        ['national', 32_000_000, 35_200_000, 3_200_000],
        ['prefectural', 16_000_000, 17_600_000, 1_600_000],
      ]),
    );
    expect(comparison.added.map((l) => l.projectId)).toEqual([hours]);
    expect(comparison.totalsAfter.fundAmount - comparison.totalsBefore.fundAmount).toBe(4_800_000 + 30_000_000);
    await core.close();
  });

  it('flags spending beyond a project’s budget in the year view', async () => {
    const core = await demoCore();
    const hours = await projectId(core, 'Ⅵ-1');
    await core.call('fund.spending.save', {
      projectId: hours,
      fiscalYear: 2023,
      spentOn: '2024-03-15',
      amount: 30_000_000,
      payee: '（架空）地域医療支援病院',
      purpose: '第2回',
    });
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    // Budget 40,000,000 (基金 30,000,000 + その他 10,000,000); spent 12,500,000 + 30,000,000.
    const row = year.view.groups.flatMap((g) => g.rows).find((r) => r.projectId === hours)!;
    expect(row).toMatchObject({ totalCost: 40_000_000, spent: 42_500_000, remaining: -2_500_000 });
    expect(year.view.problems.find((p) => p.projectId === hours)).toMatchObject({ code: 'overspent' });
    await core.close();
  });
});

describe('refusals', () => {
  it('refuses a 国/県 split that does not add up, naming the difference, and writes nothing', async () => {
    const core = await demoCore();
    const { versions } = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const center = await projectId(core, 'Ⅱ-1');
    const bad = await core.dispatch('fund.amounts.save', {
      versionId: versions[1]!.id,
      lines: [
        {
          projectId: center,
          fundAmount: 84_586_000,
          otherAmount: 0,
          publicAmount: 0,
          privateAmount: 56_390_666,
          entrustedAmount: 0,
          split: { national: 56_390_000, prefectural: 28_195_334 },
        },
      ],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!bad.ok && bad.error.message).toContain('国と県の合計が基金充当額と一致しません（差額 666円）');
    expect((await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).amounts[center]).toMatchObject({ national: 56_390_666 });

    const negative = await core.dispatch('fund.amounts.save', {
      versionId: versions[1]!.id,
      lines: [{ projectId: center, fundAmount: -1, otherAmount: 0, publicAmount: 0, privateAmount: 0, entrustedAmount: 0 }],
    });
    expect(negative).toMatchObject({
      ok: false,
      error: { code: 'validation', message: '基金充当額に負の金額は入力できません。0円以上で入力してください' },
    });
    await core.close();
  });

  it('refuses an amount above 1兆円 naming the field, and adds up amounts at the cap on every screen (QA: two huge その他 broke ホーム and 基金)', async () => {
    const core = await demoCore();
    const { versions, amounts, view } = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const [center, doctors] = [await projectId(core, 'Ⅱ-1'), await projectId(core, 'Ⅳ-1')];
    // The line as it is, with only その他 changed.
    const line = (projectId: number, otherAmount: number) => {
      const { fundAmount, publicAmount, privateAmount, entrustedAmount, version } = amounts[projectId]!;
      return { projectId, fundAmount, otherAmount, publicAmount, privateAmount, entrustedAmount, version };
    };
    const huge = await core.dispatch('fund.amounts.save', { versionId: versions[1]!.id, lines: [line(center, 5_000_000_000_000_000)] });
    expect(huge).toMatchObject({ ok: false, error: { code: 'validation', message: 'その他は1兆円以下で入力してください' } });

    await core.call('fund.amounts.save', {
      versionId: versions[1]!.id,
      lines: [line(center, 1_000_000_000_000), line(doctors, 1_000_000_000_000)],
    });
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    expect(year.view.total.otherAmount).toBe(
      view.total.otherAmount - amounts[center]!.otherAmount - amounts[doctors]!.otherAmount + 2_000_000_000_000,
    );
    await expect(core.call('fund.balance', { side: 'medical' })).resolves.toBeDefined();
    await expect(core.call('app.home', { fiscalYear: 2023 })).resolves.toBeDefined();
    await core.close();
  });

  it('keeps a user’s own 国/県 split when it adds up, and marks it as set by hand', async () => {
    const core = await demoCore();
    const { versions } = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const center = await projectId(core, 'Ⅱ-1');
    await core.call('fund.amounts.save', {
      versionId: versions[1]!.id,
      lines: [
        {
          projectId: center,
          fundAmount: 84_586_000,
          otherAmount: 0,
          publicAmount: 0,
          privateAmount: 56_391_000,
          entrustedAmount: 0,
          split: { national: 56_391_000, prefectural: 28_195_000 },
        },
      ],
    });
    expect((await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).amounts[center]).toMatchObject({
      national: 56_391_000,
      prefectural: 28_195_000,
      splitOverride: true,
    });
    await core.close();
  });

  it('refuses a 流用 that changes the year’s 基金 total, and a first version that is not 当初', async () => {
    const core = await demoCore();
    const transfer = await core.call('fund.versions.create', {
      side: 'medical',
      fiscalYear: 2023,
      kind: 'transfer',
      datedOn: '2024-01-10',
      reason: '執行見込みによる流用',
    });
    expect(transfer.label).toBe('流用');
    const [center, hours] = [await projectId(core, 'Ⅱ-1'), await projectId(core, 'Ⅵ-1')];
    const raise = {
      projectId: hours,
      fundAmount: 31_000_000,
      otherAmount: 10_000_000,
      publicAmount: 0,
      privateAmount: 20_666_666,
      entrustedAmount: 0,
    };
    const moved = await core.dispatch('fund.amounts.save', { versionId: transfer.id, lines: [raise] });
    expect(moved).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!moved.ok && moved.error.message).toContain('流用');
    expect((await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).amounts[hours]).toMatchObject({ fundAmount: 30_000_000 });
    // Moving 1,000,000 from the center to that project in one save keeps the total, and is accepted.
    const lower = {
      projectId: center,
      fundAmount: 83_586_000,
      otherAmount: 0,
      publicAmount: 0,
      privateAmount: 55_724_000,
      entrustedAmount: 0,
    };
    await core.call('fund.amounts.save', { versionId: transfer.id, lines: [raise, lower] });
    const after = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    expect(after.version?.label).toBe('流用');
    expect(after.view.total.fundAmount).toBe(247_386_000);
    expect(after.amounts[hours]).toMatchObject({ fundAmount: 31_000_000 });

    expect(
      await core.dispatch('fund.versions.create', { side: 'medical', fiscalYear: 2024, kind: 'supplementary', datedOn: '2024-09-01' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'その年度の最初の版は「当初」です。先に当初予算を作成してください。' },
    });
    await core.close();
  });

  // The two 事業主体 kinds chosen from the 台帳, held to the same rule.
  const namedOperators = [
    {
      kind: 'association' as const,
      label: '医師会',
      path: 'associationId',
      choose: async (core: Core) => {
        const association = (await core.call('masters.associations.list', {}))[0]!;
        return { associationId: association.id, operatorName: association.name };
      },
    },
    {
      kind: 'municipality' as const,
      label: '市町村',
      path: 'municipalityCode',
      choose: async (core: Core) => {
        const municipality = (await core.call('masters.municipalities.list', {}))[0]!;
        return { municipalityCode: municipality.code, operatorName: municipality.name };
      },
    },
  ];
  for (const operator of namedOperators) {
    it(`refuses a 事業主体 ${operator.label} with no ${operator.label} chosen while the 台帳 has some (QA: the plan printed just 「${operator.label}」)`, async () => {
      const core = await demoCore();
      const project = {
        side: 'medical' as const,
        number: 'Ⅱ-9',
        name: `（架空）${operator.label}の研修事業`,
        categoryCode: 'Ⅱ',
        operatorKind: operator.kind,
        startFy: 2024,
      };
      expect(await core.dispatch('fund.projects.save', project)).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          path: [operator.path],
          message: `事業主体の${operator.label}を選んでください。事業主体の種類が「${operator.label}」のときは、台帳の${operator.label}から選びます。`,
        },
      });
      const chosen = await operator.choose(core);
      expect(await core.call('fund.projects.save', { ...project, ...chosen })).toMatchObject(chosen);
      await core.close();
    });
  }

  it('refuses to delete a project that has spending; deletes one without, with an audit entry', async () => {
    const core = await demoCore();
    const center = await projectId(core, 'Ⅱ-1');
    expect(await core.dispatch('fund.projects.delete', { id: center })).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message:
          '「在宅医療推進センター整備事業」には執行の記録が 21 件あるため削除できません。先に執行の記録を削除するか、事業の終了年度を設定してください。',
      },
    });
    const fresh = await core.call('fund.projects.save', {
      side: 'medical',
      number: 'Ⅴ-9',
      name: '（架空）試しの事業',
      categoryCode: 'Ⅴ',
      operatorKind: 'prefecture',
      startFy: 2024,
    });
    await core.call('fund.projects.delete', { id: fresh.id });
    const log = await core.call('audit.list', { entity: 'fund_project' });
    expect(log.entries[0]).toMatchObject({ operation: 'fund.projects.delete', entityId: String(fresh.id), after: null });
    await core.close();
  });
});

describe('budget versions: dates inside the year, only the latest changes (trust finding: a mistyped date wedged a year)', () => {
  it('refuses 令和12年1月15日 for 令和5年度, then fixes and deletes the latest version, audited, leaving older ones read-only', async () => {
    const core = await demoCore();
    const create = (kind: 'allocation' | 'supplementary' | 'transfer', datedOn: string, reason = '') =>
      core.dispatch('fund.versions.create', { side: 'medical', fiscalYear: 2023, kind, datedOn, reason });
    expect(await create('transfer', '2030-01-15', '執行見込みによる流用')).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        path: ['datedOn'],
        message: '日付: 令和12年1月15日は令和5年度の版の日付にできません（令和5年4月1日〜令和6年3月31日）。日付か年度を確かめてください。',
      },
    });
    expect(await create('allocation', '2023-10-02')).toMatchObject({
      ok: false,
      error: { path: ['kind'], message: expect.stringContaining('「第1回補正」の後に内示は追加できません') },
    });
    expect(await create('supplementary', '2023-12-20')).toMatchObject({
      ok: false,
      error: { path: ['reason'], message: expect.stringContaining('補正には理由を入力してください') },
    });

    // 12月補正 typed as 令和6年3月29日: a 流用 of 令和6年1月10日 cannot follow it, until the date is fixed.
    const typo = await core.call('fund.versions.create', {
      side: 'medical',
      fiscalYear: 2023,
      kind: 'supplementary',
      datedOn: '2024-03-29',
      reason: '12月補正',
    });
    expect(await create('transfer', '2024-01-10', '執行見込みによる流用')).toMatchObject({
      ok: false,
      error: {
        path: ['datedOn'],
        message: '日付: 令和6年1月10日は前の版「第2回補正」の日付（令和6年3月29日）より前です。令和6年3月29日以後の日付にしてください。',
      },
    });
    expect(await core.dispatch('fund.versions.update', { id: typo.id, datedOn: '2024-04-01', reason: '12月補正' })).toMatchObject({
      ok: false,
      error: { path: ['datedOn'], message: expect.stringContaining('令和6年4月1日は令和5年度の版の日付にできません') },
    });
    expect(await core.call('fund.versions.update', { id: typo.id, datedOn: '2023-12-20', reason: '12月補正（医師確保）' })).toMatchObject({
      label: '第2回補正',
      datedOn: '2023-12-20',
      reason: '12月補正（医師確保）',
    });
    expect((await create('transfer', '2024-01-10', '執行見込みによる流用')).ok).toBe(true);

    // Older versions are read-only: their date, their amounts, their deletion.
    const [initial, , second, transfer] = (await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).versions;
    const locked =
      '「当初」は過去の版のため変更できません（後に「流用」があります）。直すときは最新の版「流用」を変えるか、新しい版を追加してください。';
    expect(await core.dispatch('fund.versions.update', { id: initial!.id, datedOn: '2023-04-03' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: locked },
    });
    expect(await core.dispatch('fund.versions.delete', { id: initial!.id })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: locked },
    });
    const center = await projectId(core, 'Ⅱ-1');
    const line = { projectId: center, fundAmount: 1, otherAmount: 0, publicAmount: 0, privateAmount: 0, entrustedAmount: 0 };
    expect(await core.dispatch('fund.amounts.save', { versionId: initial!.id, lines: [line] })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: locked },
    });

    // The latest goes, then the one before it becomes the latest and may go too.
    await core.call('fund.versions.delete', { id: transfer!.id });
    await core.call('fund.versions.delete', { id: second!.id });
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    expect(year.versions.map((v) => v.label)).toEqual(['当初', '第1回補正']);
    expect(year.view.total.fundAmount).toBe(84_586_000 + 80_000_000 + 52_800_000 + 30_000_000);
    const log = await core.call('audit.list', { entity: 'fund_budget_version', limit: 20 });
    expect(log.entries.filter((e) => e.operation === 'fund.versions.delete' && e.after === null).map((e) => e.entityId)).toEqual([
      String(second!.id),
      String(transfer!.id),
    ]);
    expect(log.entries.find((e) => e.operation === 'fund.versions.update')).toMatchObject({
      before: { datedOn: '2024-03-29' },
      after: { datedOn: '2023-12-20' },
    });
    await core.close();
  });

  it('keeps a 補正 that added a project with spending, saying so (QA: its 12,500,000円 left the year’s 執行額)', async () => {
    const core = await demoCore();
    const [, first] = (await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).versions;
    expect(await core.dispatch('fund.versions.delete', { id: first!.id })).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message:
          '「第1回補正」は削除できません。「Ⅵ-1 （架空）勤務医労働時間短縮推進事業」はこの版で計画に加わった事業で、執行 12,500,000円が記録されています。削除すると年度の執行額から外れます。先に執行の記録（補助金から記録されたものは補助金の手続き）を削除してください。日付や理由の誤りなら「日付・理由を直す」で直せます。',
      },
    });
    expect((await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).view.total.spent).toBe(144_685_000);
    await core.close();
  });

  it('keeps a 当初 that the year’s spending was recorded against, saying so', async () => {
    const core = await demoCore();
    const r4 = (await core.call('fund.year', { side: 'medical', fiscalYear: 2022 })).versions;
    expect(await core.dispatch('fund.versions.delete', { id: r4[0]!.id })).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        // 4 advances to the center, the 病床 project and the 修学資金 (fund/demo.ts).
        message:
          '「当初」は削除できません。令和4年度には執行の記録が 6 件あり、この当初予算に対して記録されています。先に執行の記録（補助金から記録されたものは補助金の手続き）を削除してください。日付や理由の誤りなら「日付・理由を直す」で直せます。',
      },
    });
    await core.close();
  });

  it('keeps a 補正 whose budget the year’s subsidy decisions fit in, when the version before it would not hold them', async () => {
    const core = await demoCore();
    const center = await projectId(core, 'Ⅱ-1');
    const decided = (await core.call('fund.spending.list', { side: 'medical', fiscalYear: 2023 }))
      .filter((s) => s.source === 'subsidy')
      .reduce((n, s) => n + s.amount, 0);
    const budget = async (versionId: number, fundAmount: number) =>
      core.call('fund.amounts.save', {
        versionId,
        lines: [
          {
            projectId: center,
            fundAmount,
            otherAmount: 0,
            publicAmount: 0,
            privateAmount: Math.floor((fundAmount * 2) / 3),
            entrustedAmount: 0,
          },
        ],
      });
    const lowered = await core.call('fund.versions.create', {
      side: 'medical',
      fiscalYear: 2023,
      kind: 'supplementary',
      datedOn: '2023-12-20',
      reason: '12月補正（減額）',
    });
    await budget(lowered.id, decided - 1_000_000);
    const raised = await core.call('fund.versions.create', {
      side: 'medical',
      fiscalYear: 2023,
      kind: 'supplementary',
      datedOn: '2024-02-20',
      reason: '2月補正（増額）',
    });
    await budget(raised.id, 84_586_000);
    const refused = await core.dispatch('fund.versions.delete', { id: raised.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!refused.ok && refused.error.message).toBe(
      `「第3回補正」は削除できません。「在宅医療推進センター整備事業」の補助金の交付決定（計 ${decided.toLocaleString('ja-JP')}円）がこの版の予算 84,586,000円 に収まるものとして決まっています。` +
        `削除すると前の版「第2回補正」の予算 ${(decided - 1_000_000).toLocaleString('ja-JP')}円 を超えます。先に補助金の画面で決定を見直してください。日付や理由の誤りなら「日付・理由を直す」で直せます。`,
    );
    await core.close();
  });

  it('books spending in the 年度 given, up to the end of its 出納整理期間', async () => {
    const core = await demoCore();
    const hours = await projectId(core, 'Ⅵ-1');
    const spend = (spentOn: string) =>
      core.dispatch('fund.spending.save', { projectId: hours, fiscalYear: 2023, spentOn, amount: 1_000_000 });
    expect(await spend('2026-12-01')).toMatchObject({
      ok: false,
      error: {
        path: ['spentOn'],
        message: '日付: 令和8年12月1日は令和5年度の執行の日付にできません（令和5年4月1日〜令和6年5月31日）。日付か年度を確かめてください。',
      },
    });
    expect(await spend('2024-05-31')).toMatchObject({ ok: true, value: { fiscalYear: 2023, spentOn: '2024-05-31' } });
    await core.close();
  });
});

describe('the fund balance', () => {
  const demoCoreOn = async (now: string) => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'fund.sqlite'), osUser: 'tester', now: () => new Date(now) });
    await core.call('app.demo.load', {});
    return core;
  };

  for (const engine of engines()) {
    it(`takes a closed year’s 取崩 project by project: its spending up to its 基金充当額, else its plan (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const { years, problems } = await core.call('fund.balance', { side: 'medical' });
      // 令和4年度 spent: センター 85,419,000 (all of its 基金充当額), 病床 96,000,000 (of 120,000,000), 医師 43,200,000 (of 45,000,000).
      // 180,000,000 + (120,000,000 + 60,000,000) + 85,000 − 224,619,000; the plan would have drawn 250,419,000.
      expect(years[0]).toMatchObject({
        fiscalYear: 2022,
        opening: 180_000_000,
        withdrawal: 224_619_000,
        withdrawalFrom: 'spending',
        closing: 135_466_000,
      });
      // 令和5年度: センター 84,185,000 (of 84,586,000), 医師 48,000,000 (of 52,800,000), 勤務医 12,500,000 (of 30,000,000);
      // 病床 has no spending entered, so it still draws its plan's 80,000,000, not 0.
      // 135,466,000 + (110,000,000 + 55,000,000) + 92,000 − 224,685,000.
      expect(years[1]).toMatchObject({
        fiscalYear: 2023,
        opening: 135_466_000,
        withdrawal: 224_685_000,
        withdrawalFrom: 'mixed',
        closing: 75_873_000,
      });
      expect(problems).toEqual([]);

      // 病床's spending entered: now every project of 令和5年度 draws its spending (80,000,000 − 50,000,000 less).
      await core.call('fund.spending.save', {
        projectId: await projectId(core, 'Ⅰ-1'),
        fiscalYear: 2023,
        spentOn: '2024-03-15',
        amount: 50_000_000,
      });
      const after = await core.call('fund.balance', { side: 'medical' });
      expect(after.years[1]).toMatchObject({ withdrawal: 194_685_000, withdrawalFrom: 'spending', closing: 105_873_000 });
    });
  }

  it('draws the plan’s 基金充当額 while the year’s 出納整理期間 is still open', async () => {
    const core = await demoCoreOn('2024-05-31T12:00:00+09:00');
    const { years } = await core.call('fund.balance', { side: 'medical' });
    expect(years[0]).toMatchObject({ fiscalYear: 2022, withdrawal: 224_619_000, withdrawalFrom: 'spending', closing: 135_466_000 });
    // 135,466,000 + 165,000,000 + 92,000 − 247,386,000 (the 第1回補正's 基金充当額).
    expect(years[1]).toMatchObject({ fiscalYear: 2023, withdrawal: 247_386_000, withdrawalFrom: 'plan', closing: 53_172_000 });
    await core.close();
  });

  it('deletes the last year entered by mistake, audited and undoable; an earlier year is refused with why', async () => {
    const core = await demoCore();
    await core.call('fund.years.save', {
      side: 'medical',
      fiscalYear: 2030,
      nationalContribution: 1_000_000,
      prefecturalContribution: 500_000,
      investmentIncome: 0,
    });
    const entered = await core.call('fund.balance', { side: 'medical' });
    // 令和6〜11年度 come between, with nothing entered: the 令和12年度 typed for 令和6年度.
    expect(entered.years.map((y) => y.fiscalYear)).toEqual([2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);

    const refused = await core.dispatch('fund.years.delete', { side: 'medical', fiscalYear: 2023, version: entered.yearVersions[2023] });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message:
          '令和5年度の積立・運用益は削除できません。残高は年度から次の年度へ引き継がれ、後の令和12年度まで登録されています。削除するときは後の年度から順に削除するか、この年度の金額を直してください。',
      },
    });

    const after = await core.call('fund.years.delete', { side: 'medical', fiscalYear: 2030, version: entered.yearVersions[2030] });
    expect(after.years.map((y) => y.fiscalYear)).toEqual([2022, 2023]);
    expect(after.years[1]).toMatchObject({ closing: 75_873_000 });
    const [entry] = (await core.call('audit.list', { limit: 1 })).entries;
    expect(entry).toMatchObject({ entity: 'fund_year', entityId: 'medical:2030', after: null });
    expect(entry!.before).toMatchObject({ fiscalYear: 2030, nationalContribution: 1_000_000 });

    expect(await core.call('app.undo', {})).toMatchObject({ operation: 'fund.years.delete' });
    const back = await core.call('fund.balance', { side: 'medical' });
    expect(back.years.at(-1)).toMatchObject({ fiscalYear: 2030, nationalContribution: 1_000_000, prefecturalContribution: 500_000 });
    await core.close();
  });

  it('keeps a planned year whose 積立・運用益 were deleted as not entered, and says so rather than blaming its 積立', async () => {
    const core = await demoCore();
    const { yearVersions } = await core.call('fund.balance', { side: 'medical' });
    const after = await core.call('fund.years.delete', { side: 'medical', fiscalYear: 2023, version: yearVersions[2023] });
    // 令和5年度 has its plan and spending still: its row stays, drawing from 令和4年度's 135,466,000 alone.
    expect(after.years.map((y) => [y.fiscalYear, y.entered])).toEqual([
      [2022, true],
      [2023, false],
    ]);
    expect(after.problems.map((p) => p.message)).toEqual([
      '令和5年度の積立・運用益は登録されていません。取崩 224,685,000円が、期首残高 135,466,000円だけでは 89,219,000円足りません。この年度の積立・運用益を入力してください。',
    ]);
    await core.close();
  });

  it('flags a revision that would draw more than the fund holds, naming the year in 和暦', async () => {
    const core = await demoCoreOn('2023-12-20T12:00:00+09:00');
    const revision = await core.call('fund.versions.create', {
      side: 'medical',
      fiscalYear: 2023,
      kind: 'supplementary',
      datedOn: '2023-12-20',
      reason: '12月補正',
    });
    expect(revision.label).toBe('第2回補正');
    const beds = await projectId(core, 'Ⅰ-1');
    await core.call('fund.amounts.save', {
      versionId: revision.id,
      lines: [
        {
          projectId: beds,
          fundAmount: 140_000_000,
          otherAmount: 40_000_000,
          publicAmount: 0,
          privateAmount: 93_333_333,
          entrustedAmount: 0,
        },
      ],
    });
    const { problems } = await core.call('fund.balance', { side: 'medical' });
    // 取崩 247,386,000 − 80,000,000 + 140,000,000 = 307,386,000 against 135,466,000 + 165,000,000 + 92,000 = 300,558,000.
    expect(problems.map((p) => p.message)).toEqual([
      '令和5年度の取崩 307,386,000円が、取り崩せる額 300,558,000円（期首残高＋積立＋運用益）を 6,828,000円超えています。取崩（事業の基金充当額）を減らすか、積立の額を見直してください。',
    ]);
    await core.close();
  });
  for (const engine of engines()) {
    it(`flags a closed year that drew more than the fund held, saying its 取崩 is the spending to check (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const r5 = async () => (await core.call('fund.balance', { side: 'medical' })).yearVersions[2023];
      // 令和5年度's 積立（国） entered as 0 by mistake: 135,466,000 + 55,000,000 + 92,000 = 190,558,000 could be drawn.
      const saved = await core.call('fund.years.save', {
        side: 'medical',
        fiscalYear: 2023,
        nationalContribution: 0,
        prefecturalContribution: 55_000_000,
        investmentIncome: 92_000,
        version: await r5(),
      });
      // Drawn: the spending of センター, 医師 and 勤務医, and 病床's plan (no spending entered) = 224,685,000.
      expect(saved.problems.map((p) => p.message)).toEqual([
        '令和5年度の取崩 224,685,000円が、取り崩せる額 190,558,000円（期首残高＋積立＋運用益）を 34,127,000円超えています。この年度の取崩は執行額（執行の記録がない事業は基金充当額）です。執行の記録と積立の額を確かめてください。',
      ]);

      // 病床's 50,000,000 entered: every project draws its spending, 194,685,000, still 4,127,000 over.
      await core.call('fund.spending.save', {
        projectId: await projectId(core, 'Ⅰ-1'),
        fiscalYear: 2023,
        spentOn: '2024-03-15',
        amount: 50_000_000,
      });
      const { problems } = await core.call('fund.balance', { side: 'medical' });
      expect(problems.map((p) => p.message)).toEqual([
        '令和5年度の取崩 194,685,000円が、取り崩せる額 190,558,000円（期首残高＋積立＋運用益）を 4,127,000円超えています。この年度の取崩は執行額です。執行の記録と積立の額を確かめてください。',
      ]);
    });
  }
});

describe('fund reports', () => {
  it('lists the 都道府県計画 by 区分 with subtotals and a total summed in yen', async () => {
    const core = await demoCore();
    const doc = await core.call('report.doc', { name: 'fund.plan', params: { fy: 2023, date: '2024-03-31' } });
    // The plan opens with its 区域 table; the list by 区分 is the table that ends in its 合計.
    const table = doc.blocks.find((b) => b.type === 'table' && b.rows.at(-1)?.cells.name === '合計')!;
    if (table?.type !== 'table') throw new Error('no table');
    const total = table.rows.at(-1)!;
    // 国: 56,390,666 + 53,333,333 + 35,200,000 + 20,000,000, summed before it is shown in 千円 (164,923).
    expect(total.cells).toMatchObject({
      name: '合計',
      fundAmount: 247_386_000,
      national: 164_923_999,
      prefectural: 82_462_001,
      otherAmount: 50_000_000,
      totalCost: 297_386_000,
    });
    expect(table.rows.filter((r) => r.kind === 'subtotal' && String(r.cells.name).endsWith('小計')).map((r) => r.cells.name)).toEqual([
      '区分Ⅰ-1 小計',
      '区分Ⅱ 小計',
      '区分Ⅳ 小計',
      '区分Ⅵ 小計',
    ]);
    // The list by 区分 starts a page under the budget version it shows; then a sheet per project, each on its own page,
    // with its 事業に要する費用の額.
    const sheets = doc.blocks.filter((b) => b.type === 'heading' && b.pageBreakBefore).slice(1);
    expect(doc.blocks.find((b) => b.type === 'heading' && b.pageBreakBefore)).toMatchObject({
      text: '医療分（第1回補正：9月補正：医師の働き方改革への対応）',
    });
    expect(sheets.map((b) => b.type === 'heading' && b.text)).toEqual([
      'Ⅰ-1　（架空）病床機能分化・連携推進施設整備事業',
      'Ⅱ-1　在宅医療推進センター整備事業',
      'Ⅳ-1　（架空）地域医療従事医師確保修学資金貸与事業',
      'Ⅵ-1　（架空）勤務医労働時間短縮推進事業',
    ]);
    const centerCost = doc.blocks.find(
      (b) => b.type === 'table' && b.caption === '事業に要する費用の額' && doc.blocks.indexOf(b) > doc.blocks.indexOf(sheets[1]!),
    );
    // The national sheet's lines, one amount each: 総事業費 (A+B+C), 国 (A), 都道府県 (B), 計 (A+B), その他 (C), 公・民・うち受託.
    expect(centerCost?.type === 'table' && centerCost.rows.map((r) => r.cells.amount)).toEqual([
      84_586_000, 56_390_666, 28_195_334, 84_586_000, 0, 0, 56_390_666, 0,
    ]);
    // As of a day before the 補正, the plan is the 当初 one.
    const initial = await core.call('report.doc', { name: 'fund.plan', params: { fy: 2023, date: '2023-06-30' } });
    expect(initial.blocks.find((b) => b.type === 'heading' && b.pageBreakBefore)).toMatchObject({
      type: 'heading',
      text: '医療分（当初：令和5年度当初予算）',
    });
    expect(await core.dispatch('report.doc', { name: 'fund.plan', params: { fy: 2021 } })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: '令和3年度の基金の計画（予算の版）がありません。基金の画面で当初予算を作成してください。' },
    });
    // Before the 当初予算's day the plan exists, just not yet: said so, as the 執行状況 says it, not「作成してください」.
    const notYet = {
      code: 'not_found',
      message: '令和5年度の基金の予算が、令和5年3月1日の時点でまだありません。年度と基準日を確かめてください。',
    };
    for (const name of ['fund.plan', 'fund.execution']) {
      expect(await core.dispatch('report.doc', { name, params: { fy: 2023, date: '2023-03-01' } })).toMatchObject({
        ok: false,
        error: notYet,
      });
    }
    await core.close();
  });

  it('reports execution as of a day: only spending up to that day, against the budget then in force', async () => {
    const core = await demoCore();
    const doc = await core.call('report.doc', { name: 'fund.execution', params: { fy: 2023, date: '2023-12-31' } });
    const table = doc.blocks.find((b) => b.type === 'table')!;
    if (table.type !== 'table') throw new Error('no table');
    // 84,185,000 (the 補助金, booked from each center's 交付決定 of 2023-05-19) + 48,000,000 + 12,500,000 by 令和5年12月31日.
    expect(table.rows.at(-1)!.cells).toMatchObject({
      totalCost: 297_386_000,
      spent: 144_685_000,
      rate: { numerator: 144_685_000, denominator: 297_386_000 },
    });
    const september = await core.call('report.doc', { name: 'fund.execution', params: { fy: 2023, date: '2023-09-01' } });
    const before = september.blocks.find((b) => b.type === 'table')!;
    if (before.type !== 'table') throw new Error('no table');
    // Before the 補正 of 2023-09-26: the 当初 budget, the 補助金 (84,185,000) and the 修学資金 (48,000,000).
    expect(before.rows.at(-1)!.cells).toMatchObject({ totalCost: 252_586_000, spent: 132_185_000 });
    await core.close();
  });
});

describe('事後評価', () => {
  it('prints each project’s indicators with ○ where met, its budget and spending, and the assessment written for the year', async () => {
    const core = await demoCore();
    const center = await projectId(core, 'Ⅱ-1');
    // The demo's assessment, under その他.
    expect(await core.call('fund.evaluation.get', { projectId: center, fiscalYear: 2022 })).toMatchObject({
      projectId: center,
      fiscalYear: 2022,
      assessment: '',
      outcomeObserved: null,
    });
    expect((await core.call('fund.evaluation.get', { projectId: center, fiscalYear: 2023 })).assessment).toBe(
      '17か所すべてで相談窓口を運営した。',
    );

    const doc = await core.call('report.doc', { name: 'fund.evaluation', params: { fy: 2023, date: '2024-05-31' } });
    const start = doc.blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith('Ⅱ-1　在宅医療推進センター整備事業'));
    const section = doc.blocks.slice(start, start + 12);
    expect(section.find((b) => b.type === 'figures')).toMatchObject({
      items: [{ value: 84_586_000 }, { value: 84_185_000 }, { value: { numerator: 84_185_000, denominator: 84_586_000 } }],
    });
    const table = section.find((b) => b.type === 'table' && b.caption === '指標');
    if (table?.type !== 'table') throw new Error('no indicator table');
    // Held in hundredths (shown 17, 12.5). Output 17 of 17 centres is met; ICT in 12 of the 16 targeted associations is not.
    expect(table.rows.map((r) => [r.cells.target, r.cells.actual, r.cells.achieved])).toEqual([
      [1700, 1700, true],
      [1600, 1200, false],
    ]);

    // A goal to reduce (働き方改革: 40 → 20 doctors over 960 hours) is met only at or under its target: 26 is not.
    const hours = doc.blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith('Ⅵ-1'));
    const hoursTable = doc.blocks.slice(hours).find((b) => b.type === 'table' && b.caption === '指標');
    if (hoursTable?.type !== 'table') throw new Error('no indicator table');
    expect(hoursTable.rows.find((r) => r.cells.kind === 'アウトカム指標')!.cells).toMatchObject({
      baseline: 4000,
      target: 2000,
      actual: 2600,
      achieved: false,
    });
    await core.close();
  });
});

describe('the demo as one operation', () => {
  it('loads 台帳 and 基金 in one transaction, audited under app.demo.load, and refuses a second time without writing anything', async () => {
    const core = await demoCore();
    const audit = await core.call('audit.list', { limit: 1000 });
    expect(new Set(audit.entries.map((e) => e.operation))).toEqual(new Set(['app.demo.load']));
    expect(audit.entries.some((e) => e.entity === 'fund_project')).toBe(true);
    await core.call('settings.update', { displayName: '別の担当者' });
    const projectsBefore = (await core.call('fund.projects.list', { side: 'medical' })).length;

    // The nested 台帳 load refuses; the settings it had already changed roll back with it.
    await expect(core.call('app.demo.load', {})).rejects.toMatchObject({ code: 'refused' });
    expect((await core.call('settings.get', {})).displayName).toBe('別の担当者');
    expect(await core.call('fund.projects.list', { side: 'medical' })).toHaveLength(projectsBefore);
    await core.close();
  });
});

describe("a project's history", () => {
  it('lists the center project in every version of 令和4・5年度 with its spending, and the years of the multi-year chart', async () => {
    const core = await demoCore();
    const history = await core.call('fund.projects.history', { id: await projectId(core, 'Ⅱ-1') });
    expect(history.years.map((y) => [y.fiscalYear, y.versions.map((v) => [v.label, v.amounts?.totalCost ?? null]), y.spent])).toEqual([
      [2022, [['当初', 85_419_000]], 85_419_000],
      // The 補正 copies every line of 当初 forward; the center's is unchanged. Spent: the 補助金's decisions and 確定額.
      [
        2023,
        [
          ['当初', 84_586_000],
          ['第1回補正', 84_586_000],
        ],
        84_185_000,
      ],
    ]);
    // Ⅵ-1 joined with the 補正: no line in 当初.
    const hours = await core.call('fund.projects.history', { id: await projectId(core, 'Ⅵ-1') });
    expect(hours.years).toEqual([
      {
        fiscalYear: 2023,
        spent: 12_500_000,
        versions: [
          expect.objectContaining({ label: '当初', amounts: null }),
          expect.objectContaining({
            label: '第1回補正',
            amounts: expect.objectContaining({ fundAmount: 30_000_000, totalCost: 40_000_000 }),
          }),
        ],
      },
    ]);

    const balance = await core.call('fund.balance', { side: 'medical' });
    expect(balance.plans).toEqual([
      { fiscalYear: 2022, totalCost: 310_419_000, spent: 85_419_000 + 96_000_000 + 43_200_000 },
      { fiscalYear: 2023, totalCost: 84_586_000 + 120_000_000 + 52_800_000 + 40_000_000, spent: 84_185_000 + 48_000_000 + 12_500_000 },
    ]);
    await core.close();
  });
});
