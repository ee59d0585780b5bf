import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import type { ImportKind } from '@shared/contract';
import { base64, csvOf, readWorkbook, xlsxOf } from '@tests/support/files';
import { newInstitution } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';

async function openCore() {
  return Core.open({ dbPath: path.join(tempDir(), 'io.sqlite'), osUser: 'tester' });
}

async function demoCore() {
  const core = await openCore();
  await core.call('masters.demo.load', {});
  return core;
}

async function firstRow(data: string): Promise<string[]> {
  return ((await readWorkbook(data)).worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
}

const MUNICIPALITIES = base64('団体コード,市区町村名\n151009,新潟市\n152021,長岡市\n152048,三条市\n');

describe('every 台帳 list reads back through its importer unchanged', () => {
  const kinds: [ImportKind, number, 'exact' | 'leading'][] = [
    // 7 二次医療圏 + 7 在宅医療圏 + 13 保健所圏域; the export adds 市町村数 and population columns after the import's.
    ['areas', 27, 'leading'],
    ['associations', 17, 'exact'],
    ['centers', 17, 'exact'],
    // 30 municipalities × (ア)〜(ク), 令和5年度.
    ['linkage', 240, 'exact'],
    ['designations', 8, 'exact'],
  ];
  it.each(kinds)('%s: every demo row is 変更なし, from xlsx and from csv', async (kind, rows, headers) => {
    const core = await demoCore();
    const template = await firstRow((await core.call('masters.import.template', { kind })).data);
    for (const format of ['xlsx', 'csv'] as const) {
      const out = await core.call('masters.export', { kind: kind as 'areas', format });
      if (format === 'xlsx') {
        const written = await firstRow(out.data);
        expect(headers === 'exact' ? written : written.slice(0, template.length)).toEqual(template);
      }
      const preview = await core.call('masters.import.preview', { kind, fileName: out.fileName, data: out.data });
      expect(
        preview.rows.filter((r) => r.status !== 'unchanged'),
        `${kind} ${format}`,
      ).toEqual([]);
      expect(preview.counts, `${kind} ${format}`).toEqual({ new: 0, changed: 0, unchanged: rows, error: 0 });
    }
    await core.close();
  });
});

describe('importing 圏域', () => {
  it('creates nested areas in file order, with members by name or code, and numbers the blank 表示順', async () => {
    const core = await openCore();
    await core.call('masters.import.commit', { kind: 'municipalities', fileName: 'm.csv', data: MUNICIPALITIES });
    const data = await xlsxOf([
      ['圏域の種類', '圏域名', '上位の圏域', '表示順', '構成市町村'],
      ['第三次医療圏', '県央以北', '', '', ''],
      ['二次医療圏', '新潟', '県央以北', 5, '新潟市・三条市'],
      ['在宅医療圏', '新潟北', '新潟', '', '新潟市'],
      ['保険者', '三条市', '', '', '152048'],
      ['保険者', '長岡市', '', '', '長岡市 新潟市'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'areas', fileName: '圏域.xlsx', data });
    expect(preview.counts).toEqual({ new: 5, changed: 0, unchanged: 0, error: 0 });
    expect(await core.call('masters.import.commit', { kind: 'areas', fileName: '圏域.xlsx', data })).toEqual({
      created: 5,
      updated: 0,
      unchanged: 0,
      excluded: 0,
      repeated: 0,
    });

    const areas = await core.call('masters.areas.list', {});
    const find = (kind: string, name: string) => areas.find((a) => a.kind === kind && a.name === name)!;
    expect(find('secondary', '新潟')).toMatchObject({
      parentId: find('tertiary', '県央以北').id,
      sortOrder: 5,
      municipalityCodes: ['151009', '152048'],
    });
    expect(find('home_care', '新潟北')).toMatchObject({ parentId: find('secondary', '新潟').id, municipalityCodes: ['151009'] });
    expect(find('insurer', '長岡市').municipalityCodes).toEqual(['151009', '152021']);
    expect(new Set(areas.map((a) => a.sortOrder)).size).toBe(5);
    expect((await core.call('masters.import.preview', { kind: 'areas', fileName: '圏域.xlsx', data })).counts.unchanged).toBe(5);
    await core.close();
  });

  it('names a municipality the 台帳 does not have, a parent that is not there, and a municipality listed twice for one kind', async () => {
    const core = await openCore();
    await core.call('masters.import.commit', { kind: 'municipalities', fileName: 'm.csv', data: MUNICIPALITIES });
    const data = csvOf([
      ['圏域の種類', '圏域名', '上位の圏域', '構成市町村'],
      ['二次医療圏', '中越', '', '長岡市、魚沼町'],
      ['在宅医療圏', '新潟北', '新潟', '新潟市'],
      ['保健所圏域', '新潟', '', '新潟市、三条市'],
      ['保健所圏域', '三条', '', '三条市'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'areas', fileName: '圏域.csv', data });
    expect(preview.rows.filter((r) => r.status === 'error').map((r) => ({ row: r.rowNumber, errors: r.errors }))).toEqual([
      {
        row: 2,
        errors: [
          { column: 'D', header: '構成市町村', message: '市区町村「魚沼町」は台帳にありません。名前か団体コードを確かめてください' },
        ],
      },
      {
        row: 3,
        errors: [
          {
            column: 'C',
            header: '上位の圏域',
            message: '上位の圏域「新潟」は二次医療圏にありません。先に登録するか、このファイルのより上の行に書いてください',
          },
        ],
      },
      {
        row: 5,
        errors: [
          {
            column: 'D',
            header: '構成市町村',
            message: '「三条市」はこのファイルの保健所圏域「新潟」にも入っています。市町村は種類ごとに1つの圏域にしか入れません',
          },
        ],
      },
    ]);
    const refused = await core.dispatch('masters.import.commit', { kind: 'areas', fileName: '圏域.csv', data });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await core.call('masters.areas.list', {})).toEqual([]);
    await core.close();
  });

  it('says which municipalities move from another area of the same kind, and moves them', async () => {
    const core = await demoCore();
    const data = csvOf([
      ['圏域の種類', '圏域名', '構成市町村'],
      ['二次医療圏', '新潟', '新潟市、五泉市、阿賀野市、阿賀町、胎内市'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'areas', fileName: '圏域.csv', data });
    expect(preview.rows[0]).toMatchObject({
      status: 'changed',
      changes: [{ field: '構成市町村', before: '新潟市、五泉市、阿賀野市、阿賀町', after: '新潟市、五泉市、阿賀野市、胎内市、阿賀町' }],
    });
    expect(preview.notes).toEqual(['次の市町村は同じ種類の別の圏域から移ります: 胎内市（二次医療圏「下越」→「新潟」）']);
    await core.call('masters.import.commit', { kind: 'areas', fileName: '圏域.csv', data });
    const secondary = await core.call('masters.areas.list', { kind: 'secondary' });
    expect(secondary.find((a) => a.name === '下越')!.municipalityCodes).not.toContain('152277');
    expect(secondary.find((a) => a.name === '新潟')!.municipalityCodes).toContain('152277');
    await core.close();
  });
});

describe('importing 医師会', () => {
  it('creates an association covering the municipalities named', async () => {
    const core = await demoCore();
    const data = await xlsxOf([
      ['医師会名', '区分', '対象市町村'],
      ['（テスト）県央西医師会', '郡市医師会', '三条市、152064'],
    ]);
    expect(await core.call('masters.import.commit', { kind: 'associations', fileName: '医師会.xlsx', data })).toMatchObject({
      created: 1,
      updated: 0,
    });
    const created = (await core.call('masters.associations.list', {})).find((a) => a.name === '（テスト）県央西医師会');
    expect(created).toMatchObject({ kind: 'county', municipalityCodes: ['152048', '152064'] });
    await core.close();
  });

  it('reports a name given twice, and a new association without its 区分', async () => {
    const core = await demoCore();
    const data = csvOf([
      ['医師会名', '区分', '対象市町村'],
      ['新潟市医師会', '郡市医師会', '新潟市'],
      ['新潟市医師会', '郡市医師会', '新潟市 佐渡市'],
      ['（テスト）医師会', '', '新潟市'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'associations', fileName: '医師会.csv', data });
    expect(preview.rows.map((r) => [r.rowNumber, r.status, r.errors])).toEqual([
      [2, 'unchanged', []],
      [3, 'error', [{ column: 'A', header: '医師会名', message: '2行目と同じ医師会名（新潟市医師会）で、内容が違います' }]],
      [4, 'error', [{ column: 'B', header: '区分', message: '区分（県医師会・郡市医師会）を入力してください' }]],
    ]);
    await core.close();
  });
  it('asks for the 団体コード of a name two municipalities share, keeps 札幌市 中央区 whole, and writes such a municipality back by its code', async () => {
    const core = await openCore();
    const towns = base64('団体コード,市区町村名\n011002,札幌市\n011011,札幌市 中央区\n011029,札幌市 北区\n132063,府中市\n342084,府中市\n');
    await core.call('masters.import.commit', { kind: 'municipalities', fileName: 'm.csv', data: towns });
    const data = csvOf([
      ['医師会名', '区分', '対象市町村'],
      ['府中医師会', '郡市医師会', '府中市'],
      ['札幌中央北医師会', '郡市医師会', '札幌市 中央区 札幌市 北区'],
      ['札幌府中医師会', '郡市医師会', '342084、札幌市'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'associations', fileName: '医師会.csv', data });
    expect(preview.rows[0]!.errors).toEqual([
      {
        column: 'C',
        header: '対象市町村',
        message: '「府中市」という市区町村は台帳に2つあります（132063、342084）。団体コードで書いてください',
      },
    ]);
    await core.call('masters.import.commit', { kind: 'associations', fileName: '医師会.csv', data, excludeRows: [2] });
    const saved = await core.call('masters.associations.list', {});
    expect(saved.map((a) => [a.name, a.municipalityCodes])).toEqual([
      ['札幌中央北医師会', ['011011', '011029']],
      ['札幌府中医師会', ['011002', '342084']],
    ]);
    const out = await core.call('masters.export', { kind: 'associations', format: 'csv' });
    expect(Buffer.from(out.data, 'base64').toString('utf8')).toContain(
      '札幌中央北医師会,郡市医師会,札幌市 中央区、札幌市 北区\r\n札幌府中医師会,郡市医師会,札幌市、342084',
    );
    expect(
      (await core.call('masters.import.preview', { kind: 'associations', fileName: out.fileName, data: out.data })).counts,
    ).toMatchObject({ unchanged: 2, error: 0 });
    await core.close();
  });
});

describe('importing センター', () => {
  const header = ['センター名', '区分', '運営主体', '病院への委託', '補助区分', '対象市町村', '開始日', '連絡先'];

  it('creates a center run by an association in the 台帳, reading a 和暦 start date', async () => {
    const core = await demoCore();
    const data = await xlsxOf([
      header,
      [
        '（テスト）新潟西在宅医療センター',
        '地域',
        '新潟市医師会',
        '（デモ）西病院',
        'その他郡市医師会',
        '新潟市',
        '令和7年4月1日',
        '025-000-9999',
      ],
    ]);
    expect(await core.call('masters.import.commit', { kind: 'centers', fileName: 'センター.xlsx', data })).toMatchObject({ created: 1 });
    const centers = await core.call('masters.centers.list', { fiscalYear: 2023 });
    expect(centers).toHaveLength(18);
    expect(centers.find((c) => c.name === '（テスト）新潟西在宅医療センター')).toMatchObject({
      role: 'regional',
      operatorName: '新潟市医師会',
      entrustedTo: '（デモ）西病院',
      subsidyClass: 'other_county',
      municipalityCodes: ['151009'],
      startDate: '2025-04-01',
      contact: '025-000-9999',
    });
    await core.close();
  });

  it('refuses an operator that is not a 医師会 in the 台帳, pointing at its cell', async () => {
    const core = await demoCore();
    const data = csvOf([header, ['（テスト）センター', '地域', '新潟西医師会', '', 'その他郡市医師会', '新潟市', '', '']]);
    const preview = await core.call('masters.import.preview', { kind: 'centers', fileName: 'センター.csv', data });
    expect(preview.rows).toMatchObject([
      {
        rowNumber: 2,
        status: 'error',
        errors: [
          {
            column: 'C',
            header: '運営主体',
            message: '医師会「新潟西医師会」は台帳にありません。先に医師会を登録するか、名前を確かめてください',
          },
        ],
      },
    ]);
    await core.close();
  });

  it('shows a changed 委託 as a change of 病院への委託', async () => {
    const core = await demoCore();
    const data = csvOf([
      ['センター名', '病院への委託'],
      ['佐渡市在宅医療推進センター', '（デモ）佐渡病院'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'centers', fileName: 'センター.csv', data });
    expect(preview.rows[0]).toMatchObject({
      status: 'changed',
      changes: [{ field: '病院への委託', before: '（空）', after: '（デモ）佐渡病院' }],
    });
    await core.close();
  });
});

describe('importing 在宅医療・介護連携推進事業', () => {
  const header = ['年度', '団体コード', '市町村名', '事業項目', '実施方法', '委託先センター', '委託先団体', '共同実施の市町村', '備考'];

  it('creates a new year from the ways people write years and items, keeping a municipality’s own item', async () => {
    const core = await demoCore();
    const data = await xlsxOf([
      header,
      ['令和6年度', '151009', '新潟市', '(ア)', '委託', '新潟市医師会在宅医療推進センター', '', '', ''],
      ['R6', '151009', '新潟市', 'イ', '直営', '', '', '', '検討会を年3回'],
      [2024, '151009', '', 'e', '委託', '', '地域包括支援センター（社会福祉法人）', '', ''],
      ['2024年度', '151009', '新潟市', '(ク) 在宅医療・介護連携に関する関係市区町村の連携', '広域', '', '', '長岡市、三条市', ''],
      ['令和6年度', '151009', '新潟市', '独自1', '直営', '', '', '', '市独自の事業'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'linkage', fileName: '連携.xlsx', data });
    expect(preview.counts).toEqual({ new: 5, changed: 0, unchanged: 0, error: 0 });
    expect(preview.notes).toEqual(['次の事業項目は(ア)〜(ク)にないため、市町村独自の項目として取り込みます: 独自1']);
    await core.call('masters.import.commit', { kind: 'linkage', fileName: '連携.xlsx', data });

    const centerId = (await core.call('masters.centers.list', { fiscalYear: 2024 })).find(
      (c) => c.name === '新潟市医師会在宅医療推進センター',
    )!.id;
    // A new year's first save gives its items version 1 (migration 0020); the rest is what the file said.
    const imported = await core.call('masters.linkage.list', { fiscalYear: 2024, municipalityCode: '151009' });
    expect(imported.map((i) => i.version)).toEqual(imported.map(() => 1));
    expect(imported.map(({ version: _v, ...item }) => item)).toEqual([
      { municipalityCode: '151009', fiscalYear: 2024, item: 'a', mode: 'entrusted', centerId, entrustedBody: '', jointWith: [], note: '' },
      {
        municipalityCode: '151009',
        fiscalYear: 2024,
        item: 'b',
        mode: 'direct',
        centerId: null,
        entrustedBody: '',
        jointWith: [],
        note: '検討会を年3回',
      },
      {
        municipalityCode: '151009',
        fiscalYear: 2024,
        item: 'e',
        mode: 'entrusted',
        centerId: null,
        entrustedBody: '地域包括支援センター（社会福祉法人）',
        jointWith: [],
        note: '',
      },
      {
        municipalityCode: '151009',
        fiscalYear: 2024,
        item: 'h',
        mode: 'joint',
        centerId: null,
        entrustedBody: '',
        jointWith: ['152021', '152048'],
        note: '',
      },
      {
        municipalityCode: '151009',
        fiscalYear: 2024,
        item: '独自1',
        mode: 'direct',
        centerId: null,
        entrustedBody: '',
        jointWith: [],
        note: '市独自の事業',
      },
    ]);
    expect(await core.call('masters.linkage.years', {})).toEqual([2024, 2023]);
    await core.close();
  });

  it('changes one item of a municipality-year and keeps the items the file does not name', async () => {
    const core = await demoCore();
    const before = await core.call('masters.linkage.list', { fiscalYear: 2023, municipalityCode: '151009' });
    const data = csvOf([
      ['年度', '団体コード', '事業項目', '実施方法', '委託先センター'],
      ['令和5年度', '151009', '(ア)', '直営', ''],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'linkage', fileName: '連携.csv', data });
    expect(preview.rows[0]).toMatchObject({
      status: 'changed',
      key: '令和5年度 151009 (ア)',
      changes: [
        { field: '実施方法', before: '委託', after: '直営' },
        { field: '委託先センター', before: '新潟市医師会在宅医療推進センター', after: '（空）' },
      ],
    });
    expect(await core.call('masters.import.commit', { kind: 'linkage', fileName: '連携.csv', data })).toMatchObject({
      created: 0,
      updated: 1,
    });
    const after = await core.call('masters.linkage.list', { fiscalYear: 2023, municipalityCode: '151009' });
    expect(after).toHaveLength(8);
    expect(after[0]).toMatchObject({ item: 'a', mode: 'direct', centerId: null });
    // The year's items are saved together: all move to the next version, the ones the file did not name unchanged.
    const unversioned = (items: typeof after) => items.map(({ version: _v, ...item }) => item);
    expect(unversioned(after.slice(1))).toEqual(unversioned(before.slice(1)));
    expect(after.every((i) => i.version === before[0]!.version + 1)).toBe(true);
    await core.close();
  });

  it('refuses 委託 without 委託先, 直営 with one, and a name that is not the code’s', async () => {
    const core = await demoCore();
    const data = csvOf([
      header,
      ['令和6年度', '152021', '長岡市', '(ア)', '委託', '', '', '', ''],
      ['令和6年度', '152021', '長岡市', '(イ)', '直営', '長岡市医療・介護連携推進センター', '', '', ''],
      ['令和6年度', '152021', '三条市', '(ウ)', '直営', '', '', '', ''],
      ['令和6年度', '152021', '長岡市', '(エ)', '広域', '', '', '', ''],
      ['令和6年度', '152021', '長岡市', '(オ)', '委託', '長岡市医療センター', '', '', ''],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'linkage', fileName: '連携.csv', data });
    expect(preview.rows.map((r) => [r.rowNumber, r.errors])).toEqual([
      [2, [{ column: 'G', header: '委託先団体', message: '委託の場合は委託先（センターまたは団体名）を入力してください' }]],
      [
        3,
        [
          {
            column: 'F',
            header: '委託先センター',
            message: '実施方法が「直営」の項目に委託先は書けません。実施方法を「委託」にするか、委託先を空欄にしてください',
          },
        ],
      ],
      [
        4,
        [
          {
            column: 'C',
            header: '市町村名',
            message: '団体コード「152021」は「長岡市」です。市町村名「三条市」と合わないので、どちらかを直してください',
          },
        ],
      ],
      [5, [{ column: 'H', header: '共同実施の市町村', message: '広域の場合は共同で実施する市町村を選んでください' }]],
      [
        6,
        [
          {
            column: 'F',
            header: '委託先センター',
            message: 'センター「長岡市医療センター」は台帳にありません。先にセンターを登録するか、名前を確かめてください',
          },
        ],
      ],
    ]);
    expect(await core.call('masters.linkage.list', { fiscalYear: 2024 })).toEqual([]);
    await core.close();
  });
});

describe('importing 積極的役割を担う医療機関の指定', () => {
  const header = ['医療機関', '在宅医療圏', '指定日', '①', '②', '③', '④', '⑤', '連携している医療機関', '連携している訪問看護事業所'];

  it('designates an institution named as in the 台帳, with its partners', async () => {
    const core = await demoCore();
    const data = await xlsxOf([
      header,
      [
        '□□病院（柏崎市）',
        '中越',
        '令和7年4月1日',
        '○',
        '○',
        '○',
        '',
        '○',
        '☆☆内科クリニック（長岡市）、△△ホームケアクリニック（長岡市）',
        '訪問看護ステーション□□（長岡市）',
      ],
    ]);
    expect(await core.call('masters.import.commit', { kind: 'designations', fileName: '指定.xlsx', data })).toMatchObject({ created: 1 });
    const created = (await core.call('masters.designations.list', {})).find((d) => d.institutionName === '□□病院（柏崎市）');
    expect(created).toMatchObject({
      areaName: '中越',
      designatedOn: '2025-04-01',
      requirements: [true, true, true, false, true],
      partnerInstitutionNames: ['△△ホームケアクリニック（長岡市）', '☆☆内科クリニック（長岡市）'],
      partnerStationNames: ['訪問看護ステーション□□（長岡市）'],
    });
    expect(await core.call('masters.designations.list', { asOf: '2024-04-01' })).toHaveLength(8);
    await core.close();
  });

  it('refuses a row missing ②, naming the requirement as the screen does', async () => {
    const core = await demoCore();
    const data = csvOf([
      header,
      ['□□病院（柏崎市）', '中越', '令和7年4月1日', '○', '', '○', '', '', '', ''],
      ['〇〇訪問看護ステーション（新潟市）', '新潟', '令和7年4月1日', '○', '○', '○', '', '', '', ''],
      ['☆☆内科クリニック（長岡市）', '中越', '令和7年4月1日', '○', '○', '○', '', '', '訪問看護ステーション□□（長岡市）', ''],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'designations', fileName: '指定.csv', data });
    expect(preview.rows.map((r) => [r.rowNumber, r.errors])).toEqual([
      [
        2,
        [
          {
            column: 'E',
            header: '②',
            message: '必須要件「②必要な医療・介護・障害福祉サービスの確保の働きかけ」を満たしていないため指定できません',
          },
        ],
      ],
      [3, [{ column: 'A', header: '医療機関', message: '訪問看護ステーションは「積極的役割を担う医療機関」に指定できません' }]],
      [
        4,
        [
          {
            column: 'I',
            header: '連携している医療機関',
            message:
              '「訪問看護ステーション□□（長岡市）」は訪問看護ステーションです。連携している医療機関には病院・診療所を書き、訪問看護ステーションは「連携している訪問看護事業所」に書いてください',
          },
        ],
      ],
    ]);
    await core.close();
  });

  it('keeps the requirements of a designation when the file has no requirement columns', async () => {
    const core = await demoCore();
    const data = csvOf([
      ['医療機関', '在宅医療圏', '連携している訪問看護事業所'],
      ['☆☆病院（新潟市）', '新潟', ''],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'designations', fileName: '指定.csv', data });
    expect(preview.rows[0]).toMatchObject({
      status: 'changed',
      changes: [{ field: '連携している訪問看護事業所', before: '〇〇訪問看護ステーション（新潟市）', after: '（空）' }],
    });
    await core.call('masters.import.commit', { kind: 'designations', fileName: '指定.csv', data });
    const row = (await core.call('masters.designations.list', {})).find((d) => d.institutionName === '☆☆病院（新潟市）');
    expect(row).toMatchObject({ requirements: [true, true, true, true, true], partnerStationIds: [], designatedOn: '2024-04-01' });
    await core.close();
  });

  it('writes an institution that shares its name and has no code as 「名称（市区町村名）」, and reads it back', async () => {
    const core = await demoCore();
    const twin = newInstitution('☆☆病院（新潟市）', { kind: 'hospital', municipalityCode: '152021', address: '長岡市' });
    await core.call('masters.institutions.save', twin);
    const out = await core.call('masters.export', { kind: 'designations', format: 'csv' });
    expect(Buffer.from(out.data, 'base64').toString('utf8')).toContain('☆☆病院（新潟市）（新潟市）');
    const again = { kind: 'designations' as const, fileName: out.fileName, data: out.data };
    const preview = await core.call('masters.import.preview', again);
    expect(preview.counts).toMatchObject({ new: 0, changed: 0, error: 0 });

    // A third of that name in 新潟市 and without a code: the cell says which records clash and what to do.
    await core.call('masters.institutions.save', { ...twin, municipalityCode: '151009', address: '新潟市中央区' });
    const clash = await core.call('masters.import.preview', again);
    expect(clash.rows.find((r) => r.status === 'error')?.errors.map((e) => e.message)).toContain(
      '「☆☆病院(新潟市)(新潟市)」に当たる医療機関が台帳に2件あります（コードなし・新潟市・新潟県新潟市（デモ）／コードなし・新潟市・新潟市中央区）。名称と市区町村では区別できません。台帳で医療機関コードを入れてから、コードで書いてください',
    );
    await core.close();
  });
});
