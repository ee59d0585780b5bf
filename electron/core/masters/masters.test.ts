import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engines } from '@tests/support/engines';
import { newInstitution } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

async function openCore() {
  return Core.open({ dbPath: path.join(tempDir(), 'm.sqlite'), osUser: 'tester' });
}

async function seedSmall(core: Core) {
  const area = await core.call('masters.areas.save', { kind: 'secondary', name: '新潟', parentId: null, sortOrder: 1 });
  const niigata = await core.call('masters.municipalities.save', {
    code: '151009',
    name: '新潟市',
    kana: 'にいがたし',
    type: '市',
    designatedCity: true,
    coreCity: false,
    areas: { secondary: area.id },
    isNew: true,
  });
  await core.call('masters.municipalities.save', {
    code: '152021',
    name: '長岡市',
    kana: 'ながおかし',
    type: '市',
    designatedCity: false,
    coreCity: true,
    areas: {},
    isNew: true,
  });
  return { area, niigata };
}

describe('台帳 records', () => {
  it('refuses a municipality code with a wrong check digit, naming the right one', async () => {
    const core = await openCore();
    const result = await core.dispatch('masters.municipalities.save', {
      code: '151008',
      name: '新潟市',
      kana: '',
      type: '市',
      designatedCity: true,
      coreCity: false,
      areas: {},
      isNew: true,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'validation', path: ['code'], message: '団体コード「151008」の検査数字が正しくありません（正しくは 151009）' },
    });
    await core.close();
  });

  it('refuses a second municipality with the same code', async () => {
    const core = await openCore();
    await seedSmall(core);
    const again = await core.dispatch('masters.municipalities.save', {
      code: '151009',
      name: '別の市',
      kana: '',
      type: '市',
      designatedCity: false,
      coreCity: false,
      areas: {},
      isNew: true,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('すでに「新潟市」') } });
    await core.close();
  });

  it('finds 新潟市 by ﾆｲｶﾞﾀ, にいがた and 新潟, and filters by area', async () => {
    const core = await openCore();
    const { area } = await seedSmall(core);
    for (const search of ['ﾆｲｶﾞﾀ', 'にいがた', '新潟', '151009']) {
      expect(
        (await core.call('masters.municipalities.list', { search })).map((m) => m.name),
        search,
      ).toEqual(['新潟市']);
    }
    expect((await core.call('masters.municipalities.list', { areaId: area.id })).map((m) => m.code)).toEqual(['151009']);
    expect((await core.call('masters.municipalities.list', {})).length).toBe(2);
    await core.close();
  });

  it('keeps several population figures per municipality and sums the latest per area', async () => {
    const core = await openCore();
    const { area } = await seedSmall(core);
    await core.call('masters.populations.save', {
      municipalityCode: '151009',
      baseDate: '2015-10-01',
      total: 810_157,
      age65: 218_000,
      age75: 110_000,
      age85: 38_000,
      areaCentiKm2: 72_645,
    });
    await core.call('masters.populations.save', {
      municipalityCode: '151009',
      baseDate: '2020-10-01',
      total: 789_275,
      age65: 232_000,
      age75: 118_000,
      age85: 42_000,
      areaCentiKm2: 72_645,
    });
    const detail = await core.call('masters.municipalities.get', { code: '151009' });
    expect(detail.populations.map((p) => p.baseDate)).toEqual(['2020-10-01', '2015-10-01']);
    expect(detail.row.population?.total).toBe(789_275);
    const [summary] = await core.call('masters.areas.list', { kind: 'secondary' });
    expect(summary).toMatchObject({ id: area.id, municipalityCodes: ['151009'], totals: { total: 789_275, age65: 232_000 }, missing: 0 });
    const bad = await core.dispatch('masters.populations.save', {
      municipalityCode: '151009',
      baseDate: '2021-10-01',
      total: 100,
      age65: 200,
      age75: 0,
      age85: 0,
      areaCentiKm2: null,
    });
    expect(bad).toMatchObject({ ok: false, error: { path: ['age65'], message: '65歳以上人口が総人口を超えています' } });
    await core.close();
  });

  it('refuses to delete what is referenced, saying what refers to it', async () => {
    const core = await openCore();
    const { area } = await seedSmall(core);
    await core.call(
      'masters.institutions.save',
      newInstitution('〇〇訪問診療クリニック', { municipalityCode: '151009', homeCareSupport: true }),
    );
    const refused = await core.dispatch('masters.municipalities.delete', { code: '151009' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    if (!refused.ok) {
      expect(refused.error.message).toContain('医療機関 1件（〇〇訪問診療クリニック）');
      expect(refused.error.message).toContain('圏域 1件（新潟）');
    }
    const areaRefused = await core.dispatch('masters.areas.delete', { id: area.id });
    expect(areaRefused).toMatchObject({ ok: false, error: { message: expect.stringContaining('構成市町村 1件（新潟市）') } });
    await core.call('masters.municipalities.delete', { code: '152021' });
    expect((await core.call('masters.municipalities.list', {})).map((m) => m.code)).toEqual(['151009']);
    await core.close();
  });

  it('refuses a designation missing a required requirement, naming it', async () => {
    const core = await openCore();
    await seedSmall(core);
    const home = await core.call('masters.areas.save', { kind: 'home_care', name: '新潟', parentId: null, sortOrder: 1 });
    const clinic = await core.call(
      'masters.institutions.save',
      newInstitution('△△ホームケアクリニック', { municipalityCode: '151009', homeCareSupport: true, enhanced: true }),
    );
    const station = await core.call(
      'masters.institutions.save',
      newInstitution('〇〇訪問看護ステーション', { kind: 'nursing_station', municipalityCode: '151009' }),
    );
    const base = {
      institutionId: clinic.id,
      areaId: home.id,
      designatedOn: '2024-04-01',
      partnerInstitutionIds: [],
      partnerStationIds: [station.id],
    };
    const missing = await core.dispatch('masters.designations.save', { ...base, requirements: [true, false, true, false, false] });
    expect(missing).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        message: '必須要件「②必要な医療・介護・障害福祉サービスの確保の働きかけ」を満たしていないため指定できません',
      },
    });
    const saved = await core.call('masters.designations.save', { ...base, requirements: [true, true, true, false, true] });
    const [row] = await core.call('masters.designations.list', {});
    expect(row).toMatchObject({
      id: saved.id,
      institutionName: '△△ホームケアクリニック',
      areaName: '新潟',
      partnerStationNames: ['〇〇訪問看護ステーション'],
    });
    const stationAsPartner = await core.dispatch('masters.designations.save', {
      ...base,
      partnerInstitutionIds: [station.id],
      requirements: [true, true, true, false, false],
    });
    expect(stationAsPartner).toMatchObject({ ok: false, error: { path: ['partnerInstitutionIds'] } });
    await core.close();
  });

  it('searches institutions ignoring width and kana, and pages them', async () => {
    const core = await openCore();
    await seedSmall(core);
    for (let i = 0; i < 30; i += 1) {
      await core.call(
        'masters.institutions.save',
        newInstitution(`${i % 2 === 0 ? 'ひまわり' : 'サクラ'}クリニック${i}`, {
          code: String(1_000_000 + i),
          municipalityCode: i < 10 ? '151009' : '152021',
        }),
      );
    }
    const sakura = await core.call('masters.institutions.list', { search: 'ｻｸﾗ', limit: 5 });
    expect(sakura.total).toBe(15);
    expect(sakura.rows).toHaveLength(5);
    expect((await core.call('masters.institutions.list', { search: 'ヒマワリ 新潟' })).total).toBe(5);
    expect((await core.call('masters.institutions.list', { search: '100%' })).total).toBe(0);
    const dup = await core.dispatch('masters.institutions.save', newInstitution('重複', { code: '1000000' }));
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', path: ['code'] } });
    await core.close();
  });

  it("finds institutions by their municipality's new name after a rename", async () => {
    const core = await openCore();
    await seedSmall(core);
    await core.call('masters.institutions.save', newInstitution('〇〇医院', { municipalityCode: '152021' }));
    expect((await core.call('masters.institutions.list', { search: '長岡' })).total).toBe(1);
    await core.call('masters.municipalities.save', {
      code: '152021',
      name: '新長岡市',
      kana: 'しんながおかし',
      type: '市',
      designatedCity: false,
      coreCity: true,
      areas: {},
      isNew: false,
    });
    expect((await core.call('masters.institutions.list', { search: '新長岡' })).total).toBe(1);
    await core.close();
  });

  it('searches what is stored after writes to other records and after an undo', async () => {
    const core = await openCore();
    await seedSmall(core);
    const first = await core.call('masters.institutions.save', newInstitution('〇〇医院', { municipalityCode: '152021' }));
    expect((await core.call('masters.institutions.list', { search: '〇〇' })).total).toBe(1);
    await core.call('settings.update', { displayName: '田中 一郎' });
    expect((await core.call('masters.institutions.list', { search: '〇〇' })).total).toBe(1);
    // Undo the settings change, then the institution: the list forgets it.
    await core.call('app.undo', {});
    await core.call('app.undo', {});
    expect((await core.call('masters.institutions.list', { search: '〇〇' })).total).toBe(0);
    await core.call('app.redo', {});
    expect((await core.call('masters.institutions.list', { search: '〇〇' })).rows.map((i) => i.id)).toEqual([first.id]);
    await core.close();
  });

  it('records every change in the audit log with before and after', async () => {
    const core = await openCore();
    await seedSmall(core);
    await core.call('masters.municipalities.save', {
      code: '152021',
      name: '長岡市',
      kana: 'ながおかし',
      type: '市',
      designatedCity: false,
      coreCity: false,
      areas: {},
      isNew: false,
    });
    const [latest] = (await core.call('audit.list', { entity: 'municipality' })).entries;
    expect(latest).toMatchObject({
      operation: 'masters.municipalities.save',
      entityId: '152021',
      before: { coreCity: true },
      after: { coreCity: false },
    });
    await core.close();
  });

  it('logs an institution’s flags as they were and are, so an unchanged flag is no change', async () => {
    const core = await openCore();
    await seedSmall(core);
    const input = newInstitution('愛全病院', { kind: 'hospital', municipalityCode: '151009', homeCareSupport: true, beds: 120 });
    const saved = await core.call('masters.institutions.save', input);
    await core.call('masters.institutions.save', { ...input, id: saved.id, version: saved.version, beds: 150 });
    const [latest] = (await core.call('audit.list', { entity: 'institution' })).entries;
    expect(latest!.before).toMatchObject({ homeCareSupport: true, enhanced: false, beds: 120 });
    expect(latest!.after).toMatchObject({ homeCareSupport: true, enhanced: false, beds: 150 });
    await core.close();
  });
});

describe('a renamed 医師会', () => {
  it('keeps its 会長 in 設定 (kept by the name the letters print), and 元に戻す takes both back', async () => {
    const core = await openCore();
    const { niigata } = await seedSmall(core);
    const saved = await core.call('masters.associations.save', {
      name: '村上市岩船郡医師会',
      kind: 'county',
      municipalityCodes: [niigata.code],
    });
    await core.call('settings.update', { associationPresidents: { 村上市岩船郡医師会: '岩船 太郎', 他医師会: '他 一郎' } });
    await core.call('masters.associations.save', { ...saved, name: '村上市・岩船郡医師会' });
    expect((await core.call('settings.get', {})).associationPresidents).toEqual({
      '村上市・岩船郡医師会': '岩船 太郎',
      他医師会: '他 一郎',
    });
    await core.call('app.undo', {});
    expect((await core.call('settings.get', {})).associationPresidents).toEqual({ 村上市岩船郡医師会: '岩船 太郎', 他医師会: '他 一郎' });
    await core.close();
  });
});

describe('area members', () => {
  it('moves a municipality from the other area of the same kind, and logs it', async () => {
    const core = await openCore();
    const { area } = await seedSmall(core);
    const chuetsu = await core.call('masters.areas.save', { kind: 'secondary', name: '中越', parentId: null, sortOrder: 2 });
    const result = await core.call('masters.areas.setMembers', { id: chuetsu.id, municipalityCodes: ['151009', '152021'] });
    expect(result.municipalityCodes).toEqual(['151009', '152021']);
    const [niigata] = await core.call('masters.areas.list', { kind: 'secondary' });
    expect(niigata).toMatchObject({ id: area.id, municipalityCodes: [] });
    const [entry] = (await core.call('audit.list', { entity: 'area' })).entries;
    expect(entry).toMatchObject({
      operation: 'masters.areas.setMembers',
      before: { name: '中越', municipalities: [] },
      after: { name: '中越', municipalities: ['新潟市', '長岡市'] },
    });
    expect(await core.dispatch('masters.areas.setMembers', { id: chuetsu.id, municipalityCodes: ['999999'] })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    await core.close();
  });
});

describe('the demo prefecture', () => {
  it('loads 新潟県 through the same writes as the screens, once', async () => {
    const core = await openCore();
    const overview = await core.call('masters.demo.load', {});
    expect(overview.prefecture).toEqual({ code: '15', name: '新潟県', version: 1 });
    expect(overview.counts).toMatchObject({ municipalities: 30, associations: 17, centers: 17 });

    const secondary = await core.call('masters.areas.list', { kind: 'secondary' });
    expect(secondary.map((a) => a.name)).toEqual(['下越', '新潟', '県央', '中越', '魚沼', '上越', '佐渡']);
    expect(secondary.reduce((n, a) => n + a.municipalityCodes.length, 0)).toBe(30);

    const centers = await core.call('masters.centers.list', { fiscalYear: 2023 });
    const entrusting = new Set(centers.flatMap((c) => c.entrustingCodes));
    expect(entrusting.size).toBe(15);
    expect(centers.filter((c) => c.entrustedTo !== '')).toHaveLength(4);

    const designations = await core.call('masters.designations.list', {});
    expect(designations.length).toBeGreaterThan(0);
    expect(designations.every((d) => d.requirements[0] && d.requirements[1] && d.requirements[2])).toBe(true);

    expect((await core.call('audit.list', { entity: 'municipality' })).total).toBe(30);
    expect(await core.dispatch('masters.demo.load', {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    await core.close();
  });
});

describe('the designation list', () => {
  for (const engine of engines()) {
    it(`orders institutions and partners with numbers by the numbers' value, as the institution list does (QA: （30） after （302）) (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      const area = await core.call('masters.areas.save', { kind: 'home_care', name: '新潟', parentId: null, sortOrder: 1 });
      const save = (name: string, kind: 'clinic' | 'nursing_station') =>
        core.call('masters.institutions.save', newInstitution(name, { kind }));
      const names = ['☆☆診療所（302）', '☆☆診療所（30）', '☆☆診療所（３）', '☆☆診療所（１０００）', '☆☆診療所（4）', '☆☆診療所分院'];
      const clinics = [];
      for (const name of names) clinics.push(await save(name, 'clinic'));
      const stations = [];
      for (const name of ['☆☆訪問看護（12）', '☆☆訪問看護（2）', '☆☆訪問看護（１）']) stations.push(await save(name, 'nursing_station'));
      for (const clinic of clinics)
        await core.call('masters.designations.save', {
          institutionId: clinic.id,
          areaId: area.id,
          designatedOn: '2024-04-01',
          requirements: [true, true, true, false, true],
          partnerInstitutionIds: clinics.filter((c) => c.id !== clinic.id).map((c) => c.id),
          partnerStationIds: stations.map((s) => s.id),
        });
      const rows = await core.call('masters.designations.list', {});
      const expected = ['☆☆診療所分院', '☆☆診療所（３）', '☆☆診療所（4）', '☆☆診療所（30）', '☆☆診療所（302）', '☆☆診療所（１０００）'];
      expect(rows.map((r) => r.institutionName)).toEqual(expected);
      expect(rows[0]!.partnerInstitutionNames).toEqual(expected.slice(1));
      expect(rows[0]!.partnerStationNames).toEqual(['☆☆訪問看護（１）', '☆☆訪問看護（2）', '☆☆訪問看護（12）']);
    });
  }
});
