import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { Core } from '@core/core';
import { IMPORT_KINDS } from '@shared/contract';
import { isValidLocalGovCode } from '@shared/lgcode';
import { base64, readWorkbook, workbookData, xlsxOf } from '@tests/support/files';
import { newInstitution } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { NIIGATA } from '../demo/niigata';
import { IMPORT_SPECS } from './kinds';

const REFERENCE = path.resolve(__dirname, '../../../../../shared/reference/data/localgovjp');
const FIXTURES = path.resolve(__dirname, '../../../../tests/fixtures');

async function openCore() {
  return Core.open({ dbPath: path.join(tempDir(), 'io.sqlite'), osUser: 'tester' });
}

describe('importing municipalities', () => {
  it('imports the real national list (UTF-8 with BOM, 1,916 rows) in one go, and finds nothing to change the second time', async () => {
    const core = await openCore();
    const data = base64(fs.readFileSync(path.join(REFERENCE, 'localgovjp-utf8.csv')));
    const input = { kind: 'municipalities' as const, fileName: 'localgovjp-utf8.csv', data };
    const preview = await core.call('masters.import.preview', input);
    expect(preview.source).toBe('CSV（UTF-8）');
    expect(preview.counts).toEqual({ new: 1916, changed: 0, unchanged: 0, error: 0 });
    expect(preview.notes.join()).toContain('次の列は取り込みません: pid、pref、cid、lat、lng、url、phrase');
    expect(await core.call('masters.municipalities.list', {})).toHaveLength(0);

    expect(await core.call('masters.import.commit', input)).toEqual({ created: 1916, updated: 0, unchanged: 0, excluded: 0, repeated: 0 });
    const niigata = (await core.call('masters.municipalities.list', { search: 'にいがたし' })).find((m) => m.code === '151009');
    expect(niigata).toMatchObject({ name: '新潟市', type: '市' });
    expect((await core.call('masters.municipalities.get', { code: '011011' })).row).toMatchObject({ name: '札幌市 中央区', type: '区' });
    expect((await core.call('masters.import.preview', input)).counts).toEqual({ new: 0, changed: 0, unchanged: 1916, error: 0 });
    expect((await core.call('audit.list', { entity: 'municipality', limit: 1 })).total).toBe(1916);
    await core.close();
  });

  it('reads a Shift_JIS (CP932) file without BOM, creating the areas it names', async () => {
    const core = await openCore();
    const data = base64(fs.readFileSync(path.join(FIXTURES, 'niigata-municipalities-cp932.csv')));
    const input = { kind: 'municipalities' as const, fileName: '新潟県市町村.csv', data };
    const preview = await core.call('masters.import.preview', input);
    expect(preview.source).toBe('CSV（Shift_JIS）');
    expect(preview.counts.new).toBe(30);
    expect(preview.notes[0]).toContain('二次医療圏「新潟」');
    await core.call('masters.import.commit', input);
    const areas = await core.call('masters.areas.list', { kind: 'secondary' });
    expect(areas.map((a) => a.name).sort()).toEqual(['上越', '中越', '下越', '佐渡', '新潟', '県央', '魚沼'].sort());
    expect(areas.reduce((n, a) => n + a.municipalityCodes.length, 0)).toBe(30);
    await core.close();
  });

  it('says which file, row and column is wrong, and writes nothing until the rows are fixed or excluded', async () => {
    const core = await openCore();
    const bytes = Buffer.from(fs.readFileSync(path.join(FIXTURES, 'niigata-municipalities-cp932.csv')));
    // ASCII is the same in CP932, so codes can be edited in place: a wrong check digit, and a duplicate.
    const broken = Buffer.from(bytes.toString('latin1').replace('152021', '152020').replace('152048', '151009'), 'latin1');
    const input = { kind: 'municipalities' as const, fileName: '市町村.csv', data: base64(broken) };
    const preview = await core.call('masters.import.preview', input);
    expect(preview.counts).toMatchObject({ new: 28, error: 2 });
    const [checkDigit, duplicate] = preview.rows.filter((r) => r.status === 'error');
    expect(checkDigit).toMatchObject({
      rowNumber: 3,
      errors: [{ column: 'A', header: '団体コード', message: '団体コード「152020」の検査数字が正しくありません（正しくは 152021）' }],
    });
    expect(duplicate!.rowNumber).toBe(4);
    expect(duplicate!.errors[0]!.message).toBe('2行目と同じ団体コード（151009）で、内容が違います');

    const refused = await core.dispatch('masters.import.commit', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    if (!refused.ok) expect(refused.error.message).toContain('エラーのある行が 2 行あるため取り込めません（3行目: A列「団体コード」');
    expect(await core.call('masters.municipalities.list', {})).toHaveLength(0);
    expect((await core.call('masters.areas.list', {})).length).toBe(0);

    const result = await core.call('masters.import.commit', { ...input, excludeRows: [3, 4] });
    expect(result).toEqual({ created: 28, updated: 0, unchanged: 0, excluded: 2, repeated: 0 });
    await core.close();
  });

  it('shows what a changed row changes', async () => {
    const core = await openCore();
    const first = await xlsxOf([
      ['団体コード', '市区町村名', 'よみがな'],
      ['151009', '新潟市', 'にいがたし'],
    ]);
    await core.call('masters.import.commit', { kind: 'municipalities', fileName: 'a.xlsx', data: first });
    const second = await xlsxOf([
      ['団体コード', '市区町村名', 'よみがな', '政令市'],
      ['151009', '新潟市', 'ニイガタシ', '○'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'municipalities', fileName: 'b.xlsx', data: second });
    expect(preview.rows[0]).toMatchObject({
      status: 'changed',
      label: '新潟市',
      changes: [
        { field: 'よみがな', before: 'にいがたし', after: 'ニイガタシ' },
        { field: '政令市', before: '×', after: '○' },
      ],
    });
    await core.close();
  });

  it('leaves a field alone when its column is not in the file', async () => {
    const core = await openCore();
    await core.call('masters.demo.load', {});
    const data = await xlsxOf([
      ['団体コード', '市区町村名', 'よみがな'],
      ['151009', '新潟市', 'にいがたし'],
    ]);
    const preview = await core.call('masters.import.preview', { kind: 'municipalities', fileName: 'names.xlsx', data });
    expect(preview.counts).toMatchObject({ unchanged: 1, changed: 0 });
    await core.call('masters.import.commit', { kind: 'municipalities', fileName: 'names.xlsx', data });
    const [row] = await core.call('masters.municipalities.list', { search: '151009' });
    expect(row).toMatchObject({ designatedCity: true, areas: { secondary: { name: '新潟' } } });
    await core.close();
  });

  it("reads the 総務省 five-digit codes of 新潟県's 30 municipalities as theirs, not as 北海道 codes with a 0 dropped", async () => {
    const core = await openCore();
    const lines = fs
      .readFileSync(path.join(REFERENCE, 'localgovjp-utf8.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    // The cities, towns and villages (not 新潟市's wards), by their five-digit 団体コード (cid) as 総務省 lists them.
    const niigata = lines.map((line) => line.trim().split(',')).filter((cells) => cells[1] === '新潟県' && !cells[3]!.includes(' '));
    expect(niigata).toHaveLength(30);
    const csv = ['団体コード,市区町村名', ...niigata.map((cells) => `${cells[2]},${cells[3]}`)].join('\n');
    const input = { kind: 'municipalities' as const, fileName: '新潟県.csv', data: base64(csv) };

    // Without the 都道府県, 長岡市's 15202 could be 152021 or 北海道's 015202: refused, naming both.
    const unsure = await core.call('masters.import.preview', input);
    expect(unsure.counts.new + unsure.counts.error).toBe(30);
    const nagaoka = unsure.rows.find((r) => r.rowNumber === 3)!;
    expect(nagaoka.errors[0]!.message).toContain('「152021」（検査数字のない5桁）とも「015202」（先頭の0が落ちた6桁）とも読めます');

    await core.call('masters.prefecture.save', { code: '15', name: '新潟県', version: 0 });
    expect((await core.call('masters.import.preview', input)).counts).toEqual({ new: 30, changed: 0, unchanged: 0, error: 0 });
    await core.call('masters.import.commit', input);
    const codes = (await core.call('masters.municipalities.list', {})).map((m) => m.code).sort();
    expect(codes).toEqual(niigata.map((cells) => cells.at(-1)).sort());
    expect(codes.filter((code) => code.startsWith('0'))).toEqual([]);
    await core.close();
  });

  it('refuses a file without the required columns, naming them', async () => {
    const core = await openCore();
    const data = base64(fs.readFileSync(path.join(REFERENCE, 'localgovjp-20200104-sjis.csv')));
    const result = await core.dispatch('masters.import.preview', {
      kind: 'municipalities',
      fileName: 'localgovjp-20200104-sjis.csv',
      data,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('必須の列がありません: 「団体コード」') },
    });
    await core.close();
  });
});

describe('importing populations and institutions', () => {
  it('reads dates as users type them, including an Excel date cell and a serial number', async () => {
    const core = await openCore();
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n151009,新潟市\n152021,長岡市\n152048,三条市\n'),
    });
    const data = await xlsxOf(
      [
        ['団体コード', '基準日', '総人口', '65歳以上人口', '75歳以上人口', '85歳以上人口', '面積（㎢）'],
        ['151009', new Date(Date.UTC(2020, 9, 1)), 789275, 232000, 118000, 42000, 726.45],
        ['152021', '令和2年10月1日', '266,539', '84,000', '44,000', '16,000', ''],
        ['152048', 44105, 95761, 31000, 16000, 6000, ''],
        ['152048', '2021-10-01', 95000, 96000, 16000, 6000, ''],
      ],
      (ws) => {
        ws.getCell('B2').numFmt = 'yyyy/m/d';
      },
    );
    const preview = await core.call('masters.import.preview', { kind: 'populations', fileName: '人口.xlsx', data });
    expect(preview.counts).toEqual({ new: 3, changed: 0, unchanged: 0, error: 1 });
    expect(preview.rows.find((r) => r.status === 'error')).toMatchObject({
      rowNumber: 5,
      errors: [{ column: 'D', message: '65歳以上人口が総人口を超えています' }],
    });
    await core.call('masters.import.commit', { kind: 'populations', fileName: '人口.xlsx', data, excludeRows: [5] });
    const sanjo = await core.call('masters.municipalities.get', { code: '152048' });
    expect(sanjo.populations.map((p) => p.baseDate)).toEqual(['2020-10-01']);
    expect((await core.call('masters.municipalities.get', { code: '151009' })).populations[0]).toMatchObject({
      baseDate: '2020-10-01',
      areaCentiKm2: 72645,
    });
    expect((await core.call('masters.municipalities.get', { code: '152021' })).populations[0]).toMatchObject({
      baseDate: '2020-10-01',
      total: 266539,
    });
    await core.close();
  });

  it('imports the real insured-institution list rows for 新潟県, placing each by its address', async () => {
    const core = await openCore();
    await core.call('masters.demo.load', {});
    const { execFileSync } = await import('node:child_process');
    const zip = path.resolve(__dirname, '../../../../../shared/reference/data/med-inst/all_med_inst_cd-202508.zip');
    const csv = execFileSync('unzip', ['-p', zip], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
    const niigata = csv.split('\n').filter((line) => line.startsWith('15'));
    const data = base64(['医療機関コード,医療機関コード（7桁）,名称,郵便番号,所在地', ...niigata].join('\n'));
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'all_med_inst_cd.csv', data });
    // The real list repeats 16 rows word for word: they are read past, named in a note, not errors to exclude by hand.
    expect(preview.counts).toMatchObject({ new: niigata.length - 16, error: 0 });
    expect(preview.notes.join()).toMatch(/前の行とすべての列が同じ行 16 行は、重ねて取り込まず読み飛ばします（\d+行目、.* ほか 6 行）/);
    expect(preview.notes.join()).toMatch(/行は種別が空欄のため、名称から推定しました/);
    const result = await core.call('masters.import.commit', { kind: 'institutions', fileName: 'all_med_inst_cd.csv', data });
    expect(result).toEqual({ created: niigata.length - 16, updated: 0, unchanged: 0, excluded: 0, repeated: 16 });
    // One audit entry says how many were added and which ids: a copy of each row would outweigh the rows.
    const added = niigata.length - 16;
    const logged = (await core.call('audit.list', { entity: 'institution', limit: 1000 })).entries.filter(
      (e) => e.operation === 'masters.import.commit',
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      operation: 'masters.import.commit',
      entityId: `一括追加 ${added}件`,
      before: null,
      after: { added, ids: expect.stringMatching(/^\d+-\d+$/) },
    });
    const inNiigataCity = await core.call('masters.institutions.list', { search: '新潟市', limit: 1 });
    expect(inNiigataCity.total).toBeGreaterThan(300);
    const placed = await core.call('masters.institutions.list', { search: '', limit: 1000 });
    expect(placed.rows.filter((r) => r.municipalityCode !== null).length / placed.rows.length).toBeGreaterThan(0.95);
    await core.close();
  });

  it('counts a row of a 7-digit code whose address names no municipality of 新潟県 as another prefecture’s, left out by 自県のみ', async () => {
    const core = await openCore();
    await core.call('masters.demo.load', {});
    // Real rows of the national list, as a 厚生局's list gives them: the 7-digit code, an address without the prefecture.
    const input = {
      kind: 'institutions' as const,
      fileName: '関東信越厚生局.csv',
      data: base64(
        [
          '医療機関コード,名称,郵便番号,所在地',
          '0116354,長野県長野保健所,3800936,長野市大字中御所字岡田９８－１',
          '0216147,長野県松本保健所,3900852,松本市大字島立１０２０',
          '2517328,和合へき地診療所,3991611,長野県下伊那郡阿南町和合８９７番地５',
          '0124868,猫山宮尾病院,9501151,新潟市中央区湖南１４番地７',
          // As an officer's own list may write it, with the prefecture.
          '0124876,本町ふるまち耳鼻科,9518068,新潟県新潟市中央区上大川前通６番町１２１２－１',
        ].join('\n'),
      ),
    };
    // 自県のみ: the three 長野県 rows are counted apart as another prefecture's and left out, none of them an error.
    const own = await core.call('masters.import.preview', { ...input, ownPrefectureOnly: true });
    expect(own.counts).toEqual({ new: 2, changed: 0, unchanged: 0, error: 0 });
    expect(own.outside).toEqual({ own: '新潟県', rows: 3, leftOut: true });
    expect(own.notes).toContain(
      '新潟県以外の行 3 行は取り込みません（2行目（長野県長野保健所）、3行目（長野県松本保健所）、4行目（和合へき地診療所））',
    );
    expect(own.notes.join()).not.toMatch(/所在地から市区町村を判定できませんでした/);

    // Without it, a row whose prefecture cannot be told is an error that says how to leave it out.
    const whole = await core.call('masters.import.preview', { ...input, ownPrefectureOnly: false });
    expect(whole.counts).toMatchObject({ new: 3, error: 2 });
    expect(whole.outside).toEqual({ own: '新潟県', rows: 3, leftOut: false });
    const errors = whole.rows.filter((r) => r.status === 'error');
    expect(errors.map((r) => [r.rowNumber, r.errors[0]!.header])).toEqual([
      [2, '所在地'],
      [3, '所在地'],
    ]);
    expect(errors[0]!.errors[0]!.message).toBe(
      '医療機関コード「0116354」は7桁で都道府県番号がなく、所在地「長野市大字中御所字岡田９８－１」は新潟県の市区町村名で始まらないため、他の都道府県の行として数えています。「新潟県の行だけを取り込む」を選べば除外されます。新潟県の医療機関なら「市区町村」の列に市区町村名を書くか、9桁か10桁の医療機関コードにしてください',
    );

    // 「新潟県新潟市…」 is placed in 新潟市.
    expect(await core.call('masters.import.commit', { ...input, ownPrefectureOnly: true })).toMatchObject({ created: 2, excluded: 3 });
    const taken = (await core.call('masters.institutions.list', { search: '', limit: 1000 })).rows.filter((r) => r.code?.length === 7);
    expect(taken.map((r) => [r.code, r.municipalityCode]).sort()).toEqual([
      ['0124868', '151009'],
      ['0124876', '151009'],
    ]);
    await core.close();
  });

  it('tells a repeated row from a different row whose cells hash alike', async () => {
    const core = await openCore();
    // These two rows differ only in their code, and the engine's 32-bit hash of a row's cells is the same for both.
    const row = (code: string) => `${code},テスト医院,新潟市中央区`;
    const data = base64(
      ['医療機関コード,名称,所在地', row('1510179599'), row('1510362382'), row('1510362382'), row('1510179599')].join('\n'),
    );
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'h.csv', data });
    expect(preview.counts).toMatchObject({ new: 2, error: 0 });
    expect(preview.notes.join()).toContain('前の行とすべての列が同じ行 2 行は、重ねて取り込まず読み飛ばします（4行目、5行目）');
    const result = await core.call('masters.import.commit', { kind: 'institutions', fileName: 'h.csv', data });
    expect(result).toEqual({ created: 2, updated: 0, unchanged: 0, excluded: 0, repeated: 2 });
    await core.close();
  });
});

describe('institution imports keep what the file does not say', () => {
  it('keeps the 医療機関コード when the file has no code column, and shows a code change when it has one', async () => {
    const core = await openCore();
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n151009,新潟市\n'),
    });
    await core.call(
      'masters.institutions.save',
      newInstitution('A病院', { code: '1510000001', kind: 'hospital', municipalityCode: '151009', beds: 100 }),
    );
    const noCode = { kind: 'institutions' as const, fileName: 'beds.csv', data: base64('名称,市区町村,病床数\nA病院,新潟市,120\n') };
    const preview = await core.call('masters.import.preview', noCode);
    expect(preview.rows[0]).toMatchObject({ status: 'changed', changes: [{ field: '病床数', before: '100', after: '120' }] });
    await core.call('masters.import.commit', noCode);
    const [a] = (await core.call('masters.institutions.list', { search: 'A病院' })).rows;
    expect(a).toMatchObject({ code: '1510000001', beds: 120 });
    await core.close();
  });

  it('counts the rows of other prefectures, and those whose 市区町村 the address does not name, without leaving them out', async () => {
    const core = await openCore();
    await core.call('masters.prefecture.save', { code: '15', name: '新潟県' });
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n151009,新潟市\n'),
    });
    const data = base64(
      [
        '医療機関コード,名称,所在地',
        '010112489,医療法人 愛全病院,札幌市南区川沿１３条２丁目１番３８号',
        '0113420,札幌中央病院,北海道札幌市中央区南９条西１０丁目',
        '151010001,新潟の病院,新潟市中央区川岸町',
        '151010002,どこかの病院,南蒲原郡どこか町１',
      ].join('\n'),
    );
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'all.csv', data });
    expect(preview.counts).toMatchObject({ new: 4, error: 0 });
    expect(preview.notes).toContain(
      '他の都道府県の行 2 行（医療機関コード・市区町村の団体コードの都道府県番号が15以外、所在地が他の都道府県、または7桁の医療機関コードで所在地が新潟県の市区町村名で始まらない）: このまま取り込むと新潟県以外の分も台帳に入ります',
    );
    expect(preview.notes).toContain(
      '1 行は所在地から市区町村を判定できませんでした（5行目（どこかの病院：南蒲原郡どこか町１））。市区町村なしで取り込みます。「市区町村」の列に市区町村名を書けば、その市区町村になります',
    );

    const municipalities = base64(fs.readFileSync(path.join(REFERENCE, 'localgovjp-utf8.csv')));
    const national = await core.call('masters.import.preview', {
      kind: 'municipalities',
      fileName: 'localgovjp-utf8.csv',
      data: municipalities,
    });
    expect(national.notes.find((n) => n.startsWith('他の都道府県'))).toMatch(
      /^他の都道府県の行 1,8\d\d 行（団体コードの都道府県番号が15以外）/,
    );
    await core.close();
  });

  it('takes only the own prefecture’s rows of the national lists when asked, the others left out, named and counted as excluded', async () => {
    const core = await openCore();
    await core.call('masters.prefecture.save', { code: '43', name: '熊本県', version: 0 });
    const national = {
      kind: 'municipalities' as const,
      fileName: 'localgovjp-utf8.csv',
      data: base64(fs.readFileSync(path.join(REFERENCE, 'localgovjp-utf8.csv'))),
    };
    const whole = await core.call('masters.import.preview', national);
    expect(whole.counts).toMatchObject({ new: 1916, error: 0 });
    expect(whole.outside).toEqual({ own: '熊本県', rows: 1866, leftOut: false });
    expect(whole.notes).toContain(
      '他の都道府県の行 1,866 行（団体コードの都道府県番号が43以外）: このまま取り込むと熊本県以外の分も台帳に入ります',
    );

    const own = await core.call('masters.import.preview', { ...national, ownPrefectureOnly: true });
    expect(own.counts).toEqual({ new: 50, changed: 0, unchanged: 0, error: 0 });
    expect(own.outside).toEqual({ own: '熊本県', rows: 1866, leftOut: true });
    expect(own.notes).toContain(
      '熊本県以外の行 1,866 行は取り込みません（2行目（札幌市）、3行目（札幌市 中央区）、4行目（札幌市 北区）、5行目（札幌市 東区）、6行目（札幌市 白石区） ほか 1,861 行）',
    );
    expect(await core.call('masters.import.commit', { ...national, ownPrefectureOnly: true })).toEqual({
      created: 50,
      updated: 0,
      unchanged: 0,
      excluded: 1866,
      repeated: 0,
    });
    const taken = await core.call('masters.municipalities.list', {});
    expect(taken).toHaveLength(50);
    expect(taken.every((m) => m.code.startsWith('43'))).toBe(true);

    // The national list of institutions, as published (no header row): a 7-digit code alone is told by the address.
    const institutions = {
      kind: 'institutions' as const,
      fileName: 'all_med_inst_cd.csv',
      ownPrefectureOnly: true,
      data: base64(
        [
          '010112489,0112489,医療法人 愛全病院,0050813,札幌市南区川沿１３条２丁目１番３８号',
          '430114303,0114303,ピネル記念病院,8620916,熊本市東区佐土原１－８－３３',
          '450110017,0110017,宮崎の医院,8800001,宮崎市橘通西１',
          '430411352,0411352,高橋医院,8640041,荒尾市荒尾４１６０－６',
        ].join('\n'),
      ),
    };
    const clinics = await core.call('masters.import.preview', institutions);
    expect(clinics.counts).toMatchObject({ new: 2, error: 0 });
    expect(clinics.outside).toEqual({ own: '熊本県', rows: 2, leftOut: true });
    expect(clinics.notes).toContain('熊本県以外の行 2 行は取り込みません（1行目（医療法人 愛全病院）、3行目（宮崎の医院））');
    expect(await core.call('masters.import.commit', institutions)).toMatchObject({ created: 2, excluded: 2 });
    const rows = (await core.call('masters.institutions.list', { search: '' })).rows;
    expect(rows.map((r) => r.name).sort()).toEqual(['ピネル記念病院', '高橋医院'].sort());
    await core.close();
  });

  it('tells another prefecture’s row by its 市区町村 団体コード when its 医療機関コード is 7 digits and its 所在地 names no prefecture', async () => {
    const core = await openCore();
    await core.call('masters.prefecture.save', { code: '43', name: '熊本県', version: 0 });
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n431028,熊本市 東区\n'),
    });
    // Rows of all_med_inst_cd.csv (August 2025) with their 7-digit codes, and the 団体コード of localgovjp: 札幌市 中央区 and
    // 熊本市 東区; the 札幌 one once more with the code as Excel writes it back (its leading 0 dropped).
    const institutions = {
      kind: 'institutions' as const,
      fileName: '医療機関.csv',
      ownPrefectureOnly: true,
      data: base64(
        [
          '医療機関コード,名称,市区町村,所在地',
          '0112745,医療法人社団 慈藻会 平松記念病院,011011,札幌市中央区南２２条西１４丁目１番２０号',
          '0114303,ピネル記念病院,431028,熊本市東区佐土原１－８－３３',
          '0112745,医療法人社団 慈藻会 平松記念病院,11011,札幌市中央区南２２条西１４丁目１番２０号',
        ].join('\n'),
      ),
    };
    const preview = await core.call('masters.import.preview', institutions);
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 0 });
    expect(preview.outside).toEqual({ own: '熊本県', rows: 2, leftOut: true });
    expect(preview.notes).toContain(
      '熊本県以外の行 2 行は取り込みません（2行目（医療法人社団 慈藻会 平松記念病院）、4行目（医療法人社団 慈藻会 平松記念病院））',
    );
    expect(await core.call('masters.import.commit', institutions)).toMatchObject({ created: 1, excluded: 2 });
    const rows = (await core.call('masters.institutions.list', { search: '' })).rows;
    expect(rows.map((r) => [r.name, r.municipalityCode])).toEqual([['ピネル記念病院', '431028']]);
    // Without 自県のみ the preview says so, and counts the row among the other prefectures'.
    const whole = await core.call('masters.import.preview', { ...institutions, ownPrefectureOnly: false });
    expect(whole.outside).toEqual({ own: '熊本県', rows: 2, leftOut: false });
    await core.close();
  });

  it('reads the national list as it is published, without a header row: its first row is an institution, not the header', async () => {
    const core = await openCore();
    await core.call('masters.prefecture.save', { code: '43', name: '熊本県', version: 0 });
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n431001,熊本市\n432041,荒尾市\n'),
    });
    // The first rows of 熊本県 in all_med_inst_cd.csv (August 2025), as written there: no header row.
    const data = base64(
      [
        '430114303,0114303,ピネル記念病院,8620916,熊本市東区佐土原１－８－３３',
        '430114949,0114949,東病院,8620963,熊本市南区出仲間５－２－２',
        '430411352,0411352,高橋医院,8640041,荒尾市荒尾４１６０－６',
      ].join('\n'),
    );
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'all_med_inst_cd.csv', data });
    expect(preview.counts).toMatchObject({ new: 3, error: 0 });
    expect(preview.rows.map((r) => [r.rowNumber, r.label])).toEqual([
      [1, 'ピネル記念病院'],
      [2, '東病院'],
      [3, '高橋医院'],
    ]);
    await core.call('masters.import.commit', { kind: 'institutions', fileName: 'all_med_inst_cd.csv', data });
    const rows = (await core.call('masters.institutions.list', { search: '' })).rows;
    expect(rows.map((r) => [r.code, r.name, r.municipalityCode]).sort()).toEqual(
      [
        ['430114303', 'ピネル記念病院', '431001'],
        ['430114949', '東病院', '431001'],
        ['430411352', '高橋医院', '432041'],
      ].sort(),
    );
    // A file of another shape still needs its header.
    const other = await core
      .call('masters.import.preview', { kind: 'institutions', fileName: 'x.csv', data: base64('1,高橋医院,荒尾市\n') })
      .catch((e) => e);
    expect(String(other.message ?? other)).toContain('必須の列がありません: 「名称」');
    await core.close();
  });

  it('places 「駒ケ根市…」 in 駒ヶ根市, and names the rows whose address names no municipality of the 台帳', async () => {
    const core = await openCore();
    await core.call('masters.prefecture.save', { code: '20', name: '長野県', version: 0 });
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n202011,長野市\n202100,駒ヶ根市\n203882,宮田村\n'),
    });
    // Rows of 長野県 in the national list of insured institutions (August 2025), as written there.
    const data = base64(
      [
        '医療機関コード,医療機関コード（7桁）,名称,郵便番号,所在地',
        '201010283,1010283,神戸医院,3994115,駒ケ根市上穂栄町２番３１号',
        '201010358,1010358,よこやま耳鼻咽喉科医院,3994117,駒ケ根市赤穂１４６３２－１',
        '201010374,1010374,高山内科クリニック,3994117,駒ケ根市赤穂１１０３－６',
        '201016025,1016025,長野県立こころの医療センター駒ヶ根,3994101,駒ケ根市下平２９０１',
        '202417446,2417446,医療法人 北原医院,3994301,上伊那郡宮田村１６２',
        '200119564,0119564,クリニックレインボー,3810088,レインボーテラス内 長野市大字吉１８２７－１',
      ].join('\n'),
    );
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'all_med_inst_cd.csv', data });
    expect(preview.counts).toMatchObject({ new: 6, error: 0 });
    expect(preview.notes).toContain('5 行は市区町村を所在地から判定しました');
    expect(preview.notes).toContain(
      '1 行は所在地から市区町村を判定できませんでした（7行目（クリニックレインボー：レインボーテラス内 長野市大字吉１８２７－１））。市区町村なしで取り込みます。「市区町村」の列に市区町村名を書けば、その市区町村になります',
    );
    await core.call('masters.import.commit', { kind: 'institutions', fileName: 'all_med_inst_cd.csv', data });
    const all = (await core.call('masters.institutions.list', {})).rows;
    expect(
      all
        .filter((r) => r.municipalityCode === '202100')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['神戸医院', 'よこやま耳鼻咽喉科医院', '高山内科クリニック', '長野県立こころの医療センター駒ヶ根'].sort());
    // Searched either way, the same four (and the key of the one whose name says 駒ヶ根).
    for (const typed of ['駒ヶ根', '駒ケ根'])
      expect((await core.call('masters.institutions.list', { search: typed })).total, typed).toBe(4);

    // Where the list gives more than a few, the note names the first five and counts the rest.
    const many = base64(['名称,所在地', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `医院${n},どこか町${n}`)].join('\n'));
    const notes = (await core.call('masters.import.preview', { kind: 'institutions', fileName: 'x.csv', data: many })).notes;
    expect(notes.find((n) => n.startsWith('7 行は所在地から'))).toContain(
      '（2行目（医院1：どこか町1）、3行目（医院2：どこか町2）、4行目（医院3：どこか町3）、5行目（医院4：どこか町4）、6行目（医院5：どこか町5） ほか 2 行）',
    );
    await core.close();
  });

  it('guesses a missing 種別 from how the name ends: a hospital’s 附属診療所 is a clinic', async () => {
    const core = await openCore();
    const data = base64(
      '名称,所在地\n南魚沼市民病院附属城内診療所,南魚沼市\n小千谷総合病院 岩沢診療所,小千谷市\n南魚沼市民病院,南魚沼市\n',
    );
    await core.call('masters.import.commit', { kind: 'institutions', fileName: 'kinds.csv', data });
    const listed = await core.call('masters.institutions.list', { search: '' });
    expect(Object.fromEntries(listed.rows.map((r) => [r.name, r.kind]))).toEqual({
      南魚沼市民病院附属城内診療所: 'clinic',
      '小千谷総合病院 岩沢診療所': 'clinic',
      南魚沼市民病院: 'hospital',
    });
    await core.close();
  });

  it('reads a code Excel stripped of its leading zero as the code of the same hospital, not a new one', async () => {
    const core = await openCore();
    const header = '医療機関コード,名称,所在地\n';
    await core.call('masters.import.commit', {
      kind: 'institutions',
      fileName: 'hok.csv',
      data: base64(`${header}010112489,医療法人 愛全病院,札幌市南区川沿１３条２丁目１番３８号\n0110112745,平松記念病院,札幌市中央区\n`),
    });
    // 8 digits is no form of a code: the 9-digit 010112489. 9 digits is one, but the 台帳 has only 0110112745.
    const stripped = base64(
      `${header}10112489,医療法人 愛全病院,札幌市南区川沿１３条２丁目１番３８号\n110112745,平松記念病院,札幌市中央区南\n`,
    );
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'stripped.csv', data: stripped });
    expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 1, error: 0 });
    expect(preview.rows.find((r) => r.status === 'changed')).toMatchObject({ key: '0110112745' });
    expect(preview.notes).toContain(
      '2 行は医療機関コードの先頭の0が落ちていたため補いました（Excel で数値として保存されたコード。例: 10112489 → 010112489）',
    );
    await core.call('masters.import.commit', { kind: 'institutions', fileName: 'stripped.csv', data: stripped });
    const listed = await core.call('masters.institutions.list', { search: '' });
    expect(listed.rows.map((r) => r.code).sort()).toEqual(['010112489', '0110112745']);
    await core.close();
  });

  it('gives a code to the record imported earlier without one, instead of adding the hospital again', async () => {
    const core = await openCore();
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n151009,新潟市\n'),
    });
    const row = '新潟市,新潟市中央区川岸町２丁目１１番地';
    await core.call('masters.import.commit', {
      kind: 'institutions',
      fileName: 'a.csv',
      data: base64(`医療機関コード,名称,市区町村,所在地\n,愛全病院,${row}\n`),
    });
    // Two codes for one code-less record: the first is its code, the second another institution.
    const coded = base64(`医療機関コード,名称,市区町村,所在地\n151010001,愛全病院,${row}\n151010002,愛全病院,${row}\n`);
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'b.csv', data: coded });
    expect(preview.counts).toEqual({ new: 1, changed: 1, unchanged: 0, error: 0 });
    expect(preview.rows[0]).toMatchObject({
      status: 'changed',
      changes: [{ field: '医療機関コード', before: '（空）', after: '151010001' }],
    });
    expect(await core.call('masters.import.commit', { kind: 'institutions', fileName: 'b.csv', data: coded })).toMatchObject({
      created: 1,
      updated: 1,
    });
    const listed = await core.call('masters.institutions.list', { search: '愛全' });
    expect(listed.rows.map((r) => r.code).sort()).toEqual(['151010001', '151010002']);
    await core.close();
  });

  it('reports code-less rows with the same name and municipality but other content, and lets the first be excluded', async () => {
    const core = await openCore();
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n151009,新潟市\n'),
    });
    const twins = base64('名称,市区町村,病床数\nさくら診療所,新潟市,10\nさくら診療所,新潟市,19\n');
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'twins.csv', data: twins });
    expect(preview.rows[1]!.errors[0]).toEqual({
      column: 'A',
      header: '名称',
      message: '2行目と同じ名称と市区町村（さくら診療所、151009）で、内容が違います',
    });
    const result = await core.call('masters.import.commit', { kind: 'institutions', fileName: 'twins.csv', data: twins, excludeRows: [2] });
    expect(result).toEqual({ created: 1, updated: 0, unchanged: 0, excluded: 1, repeated: 0 });
    expect((await core.call('masters.institutions.list', { search: 'さくら' })).rows).toMatchObject([{ beds: 19 }]);
    await core.close();
  });

  it('reads past a row that repeats an earlier one cell for cell, saying which', async () => {
    const core = await openCore();
    await core.call('masters.import.commit', {
      kind: 'municipalities',
      fileName: 'm.csv',
      data: base64('団体コード,市区町村名\n151009,新潟市\n'),
    });
    const twins = base64('名称,市区町村\nさくら診療所,新潟市\nさくら診療所,新潟市\n');
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: 'twins.csv', data: twins });
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 0 });
    expect(preview.notes).toContain('前の行とすべての列が同じ行 1 行は、重ねて取り込まず読み飛ばします（3行目）');
    const result = await core.call('masters.import.commit', { kind: 'institutions', fileName: 'twins.csv', data: twins });
    expect(result).toEqual({ created: 1, updated: 0, unchanged: 0, excluded: 0, repeated: 1 });
    await core.close();
  });
});

describe('export and templates', () => {
  it('writes every list so that it reads back through the importer unchanged', async () => {
    const core = await openCore();
    await core.call('masters.demo.load', {});
    for (const format of ['xlsx', 'csv'] as const) {
      const out = await core.call('masters.export', { kind: 'municipalities', format });
      expect(out.fileName).toBe(`市区町村.${format}`);
      const preview = await core.call('masters.import.preview', { kind: 'municipalities', fileName: out.fileName, data: out.data });
      expect(preview.counts, format).toEqual({ new: 0, changed: 0, unchanged: 30, error: 0 });
    }
    const institutions = await core.call('masters.export', { kind: 'institutions', format: 'xlsx' });
    const back = await core.call('masters.import.preview', {
      kind: 'institutions',
      fileName: institutions.fileName,
      data: institutions.data,
    });
    expect(back.counts.error).toBe(0);
    expect(back.counts.new + back.counts.changed).toBe(0);
    const overview = await core.call('masters.overview', {});
    const expected = { areas: overview.counts.areas, centers: 17, designations: overview.counts.designations, populations: 30 };
    for (const [kind, rows] of Object.entries(expected) as [keyof typeof expected, number][]) {
      const out = await core.call('masters.export', { kind, format: 'xlsx' });
      const wb = await readWorkbook(out.data);
      expect(wb.worksheets[0]!.actualRowCount, kind).toBe(1 + rows);
    }
    const centers = await core.call('masters.export', { kind: 'centers', format: 'csv' });
    const text = Buffer.from(centers.data, 'base64').toString('utf8');
    expect(text).toContain('新潟県医師会在宅医療推進センター,基幹,新潟県医師会');
    await core.close();
  });

  it('gives a template whose first sheet imports as an empty file, with how to fill it on the second', async () => {
    const core = await openCore();
    const template = await core.call('masters.import.template', { kind: 'institutions' });
    const wb = await readWorkbook(template.data);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['医療機関・訪問看護ステーション', '記入方法']);
    expect(wb.worksheets[0]!.getRow(1).values).toContain('名称');
    // The code column is text, so Excel keeps the leading zero of 北海道's 010112489.
    expect(wb.worksheets[0]!.getColumn(1).numFmt).toBe('@');
    expect(wb.worksheets[0]!.getCell('A1').value).toBe('医療機関コード');
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: template.fileName, data: template.data });
    expect(preview.totalRows).toBe(0);
    await core.close();
  });

  it("gives examples of the 台帳's own prefecture, or neutral ones before it is chosen, never 新潟県's places (QA on a 長野県 台帳)", async () => {
    const niigata = [
      '新潟',
      ...NIIGATA.municipalities.map((m) => m.name),
      ...NIIGATA.areas.map((a) => a.name),
      ...NIIGATA.associations.map((a) => a.name),
      ...NIIGATA.centers.map((c) => c.name),
    ];
    /** The 記入方法 sheet's 記入例 by header, of every kind. */
    const examples = async (core: Core) => {
      const all: { kind: string; header: string; example: string }[] = [];
      for (const kind of IMPORT_KINDS) {
        const wb = await readWorkbook((await core.call('masters.import.template', { kind })).data);
        wb.getWorksheet('記入方法')!.eachRow((row, n) => {
          if (n > 1) all.push({ kind, header: String(row.getCell(1).value), example: String(row.getCell(3).value ?? '') });
        });
      }
      return all;
    };
    const core = await openCore();
    const before = await examples(core);
    await core.call('masters.prefecture.save', { code: '20', name: '長野県', version: 0 });
    const nagano = await examples(core);
    for (const { kind, header, example } of [...before, ...nagano]) {
      expect(
        niigata.filter((name) => example.includes(name)),
        `${kind} ${header}: ${example}`,
      ).toEqual([]);
      expect(example, `${kind} ${header}`).not.toMatch(/^15\d{4}|025-/);
    }
    const codes = nagano.filter((e) => e.header === '団体コード');
    expect(codes.map((e) => e.kind)).toEqual(['municipalities', 'populations', 'linkage']);
    for (const { example } of codes) expect(example.startsWith('20') && isValidLocalGovCode(example), example).toBe(true);
    expect(nagano.find((e) => e.kind === 'institutions' && e.header === '医療機関コード')?.example).toMatch(/^20\d{8}$/);
    await core.close();
  });
});

describe('workbooks laid out for people', () => {
  it('imports a list after a cover sheet, below a merged title and a blank row', async () => {
    const core = await openCore();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表紙').addRows([['令和7年度 医療機関一覧'], ['作成: 医務課']]);
    const list = wb.addWorksheet('一覧');
    list.addRows([
      ['医療機関一覧（令和7年4月1日現在）'],
      [],
      ['医療機関コード', '名称', '所在地'],
      ['1520000098', 'タイトル付病院', '長岡市1'],
    ]);
    list.mergeCells('A1:C1');
    const input = { kind: 'institutions' as const, fileName: '医療機関一覧.xlsx', data: await workbookData(wb) };
    const preview = await core.call('masters.import.preview', input);
    expect(preview.source).toBe('Excel（シート「一覧」）');
    expect(preview.counts).toMatchObject({ new: 1, error: 0 });
    expect(preview.rows).toMatchObject([{ rowNumber: 4, label: 'タイトル付病院' }]);
    expect(await core.call('masters.import.commit', input)).toMatchObject({ created: 1 });
    await core.close();
  });

  it('says which sheets were looked through, and which row was read as the header, when none has the columns', async () => {
    const core = await openCore();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表紙').addRow(['令和7年度 市町村一覧']);
    wb.addWorksheet('一覧').addRows([['市町村一覧'], ['団体コード', '市町村の名前'], ['152021', '長岡市']]);
    const input = { kind: 'municipalities' as const, fileName: '市町村.xlsx', data: await workbookData(wb) };
    const refused = await core.dispatch('masters.import.preview', input);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        message:
          '「市町村.xlsx」のシート「一覧」の2行目（見出し）に必須の列がありません: 「市区町村名」。見出しの行は、シート「表紙」「一覧」のそれぞれ先頭10行から探しました。テンプレートの見出しに合わせてください。',
      },
    });
    await core.close();
  });
});

describe('a file with more error rows than a preview shows', () => {
  it('names every error row, shows some good rows, and commits the good rows once all the errors are excluded', async () => {
    const core = await openCore();
    const good = Array.from({ length: 10 }, (_, i) => `15200000${String(i).padStart(2, '0')},良い診療所${i},長岡市,`);
    const bad = Array.from({ length: 2100 }, (_, i) => `15300${String(i).padStart(5, '0')},悪い病院${i},長岡市,たくさん`);
    const input = {
      kind: 'institutions' as const,
      fileName: 'many-errors.csv',
      data: base64(['医療機関コード,名称,所在地,病床数', ...good, ...bad].join('\n')),
    };
    const preview = await core.call('masters.import.preview', input);
    expect(preview.counts).toEqual({ new: 10, changed: 0, unchanged: 0, error: 2100 });
    expect(preview.errorRows).toHaveLength(2100);
    expect(preview.errorRows.at(-1)).toBe(2111);
    expect(preview.rows.filter((r) => r.status === 'new').map((r) => r.label)).toEqual(good.map((_, i) => `良い診療所${i}`));

    expect(await core.call('masters.import.commit', { ...input, excludeRows: preview.errorRows })).toMatchObject({
      created: 10,
      excluded: 2100,
    });
    expect((await core.call('masters.institutions.list', {})).rows).toHaveLength(10);
    await core.close();
  });
});

describe('rows excluded', () => {
  it('names each error row, and points a row that repeats a code at the row it repeats, taken once that row is excluded', async () => {
    const core = await openCore();
    const csv = ['団体コード,市区町村名', '151009,新潟市', '152021,長岡市', '152021,新長岡市', '151008,間違い市'].join('\n');
    const input = { kind: 'municipalities' as const, fileName: '市町村.csv', data: base64(csv) };
    const preview = await core.call('masters.import.preview', input);
    expect(preview.rows.filter((r) => r.status === 'error')).toMatchObject([
      { rowNumber: 4, label: '新長岡市', duplicateOf: 3 },
      { rowNumber: 5, label: '間違い市' },
    ]);
    expect(preview.rows.find((r) => r.rowNumber === 5)!.duplicateOf).toBeUndefined();
    expect(await core.call('masters.import.commit', { ...input, excludeRows: [3, 5] })).toMatchObject({ created: 2, excluded: 2 });
    expect((await core.call('masters.municipalities.get', { code: '152021' })).row).toMatchObject({ name: '新長岡市' });
    await core.close();
  });
});

describe('a commit after its preview', () => {
  const list = base64('医療機関コード,名称,所在地\n1310000001,一番診療所,千代田区\n1310000002,二番診療所,千代田区\n');
  const input = { kind: 'institutions' as const, fileName: 'list.csv', data: list };

  it('reuses what the preview checked when nothing changed in between', async () => {
    const core = await openCore();
    const prepare = vi.spyOn(IMPORT_SPECS.institutions, 'prepare');
    try {
      await core.call('masters.import.preview', input);
      expect(await core.call('masters.import.commit', input)).toMatchObject({ created: 2 });
      expect(prepare).toHaveBeenCalledTimes(1);
      // Used once: a second commit of the same file checks again, and finds nothing new.
      expect(await core.call('masters.import.commit', input)).toMatchObject({ created: 0, unchanged: 2 });
      expect(prepare).toHaveBeenCalledTimes(2);
    } finally {
      prepare.mockRestore();
    }
    await core.close();
  });

  it('checks again when anything was written after the preview, or rows were excluded', async () => {
    const core = await openCore();
    const preview = await core.call('masters.import.preview', input);
    expect(preview.counts).toMatchObject({ new: 2 });
    // Someone saves one of the file's institutions by hand meanwhile: the commit must update it, not add it again.
    await core.call('masters.institutions.save', newInstitution('一番診療所（旧）', { code: '1310000001' }));
    expect(await core.call('masters.import.commit', input)).toMatchObject({ created: 1, updated: 1 });
    expect((await core.call('masters.institutions.list', { search: '一番' })).rows).toMatchObject([{ name: '一番診療所' }]);

    await core.call('masters.import.preview', {
      ...input,
      data: base64('医療機関コード,名称\n1310000003,三番診療所\n1310000004,四番診療所\n'),
    });
    const result = await core.call('masters.import.commit', {
      ...input,
      data: base64('医療機関コード,名称\n1310000003,三番診療所\n1310000004,四番診療所\n'),
      excludeRows: [2],
    });
    expect(result).toMatchObject({ created: 1, excluded: 1 });

    // A commit of other bytes than the preview's (same name) reads and checks its own file.
    await core.call('masters.import.preview', { ...input, data: base64('医療機関コード,名称\n1310000005,五番診療所\n') });
    expect(
      await core.call('masters.import.commit', { ...input, data: base64('医療機関コード,名称\n1310000006,六番診療所\n') }),
    ).toMatchObject({
      created: 1,
    });
    expect((await core.call('masters.institutions.list', { search: '番診療所' })).rows.map((r) => r.name).sort()).toEqual(
      ['一番診療所', '二番診療所', '四番診療所', '六番診療所'].sort(),
    );
    await core.close();
  });
});
