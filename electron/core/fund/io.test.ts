import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

async function demoCore() {
  const core = await Core.open({ dbPath: path.join(tempDir(), 'fund-import.sqlite'), osUser: 'tester' });
  await core.call('app.demo.load', {});
  return core;
}

/** The version's list as the app writes it out, edited the way an officer would in Excel. */
async function editedWorkbook(core: Core, versionId: number, edit: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const out = await core.call('fund.import.workbook', { side: 'medical', versionId });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(Buffer.from(out.data, 'base64')).buffer);
  edit(book.getWorksheet('事業一覧')!);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

const rowOf = (sheet: ExcelJS.Worksheet, number: string) => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).text === number) found = row;
  });
  return found!;
};

/** The column under a heading of the written list (the list gains columns; tests name them, not their letters). */
const columnOf = (sheet: ExcelJS.Worksheet, header: string) => {
  let found = 0;
  sheet.getRow(1).eachCell((cell, col) => {
    if (cell.text === header) found = col;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
};

/** A row written the way an officer types one: values by heading, the rest left empty. */
const addRowByHeader = (sheet: ExcelJS.Worksheet, values: Record<string, string>) => {
  const row = sheet.addRow([]);
  for (const [header, value] of Object.entries(values)) row.getCell(columnOf(sheet, header)).value = value;
};

async function r5Supplementary(core: Core) {
  return (await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).version!;
}

describe('the project list from a workbook', () => {
  it("gives the 事業主体's example as the 台帳's own prefecture's 医師会, not 新潟県's (QA on a 長野県 台帳)", async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'fund-nagano.sqlite'), osUser: 'tester' });
    await core.call('masters.prefecture.save', { code: '20', name: '長野県', version: 0 });
    const version = await core.call('fund.versions.create', { side: 'medical', fiscalYear: 2026, kind: 'initial', datedOn: '2026-04-01' });
    const out = await core.call('fund.import.workbook', { side: 'medical', versionId: version.id });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(Buffer.from(out.data, 'base64')).buffer);
    const examples: Record<string, string> = {};
    book.getWorksheet('記入方法')!.eachRow((row) => {
      examples[row.getCell(1).text] = row.getCell(3).text;
    });
    expect(examples.事業主体).toBe('長野県医師会');
    await core.close();
  });

  it('writes the version out and reads it back unchanged', async () => {
    const core = await demoCore();
    const version = await r5Supplementary(core);
    const data = await editedWorkbook(core, version.id, () => undefined);
    const preview = await core.call('fund.import.preview', { side: 'medical', versionId: version.id, fileName: '事業一覧.xlsx', data });
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 4, error: 0 });
    await core.close();
  });

  it('changes an amount and adds a project in one commit, 国/県 split by the 2/3 rule and 公/民 by the 事業主体', async () => {
    const core = await demoCore();
    const version = await r5Supplementary(core);
    const data = await editedWorkbook(core, version.id, (sheet) => {
      rowOf(sheet, 'Ⅳ-1').getCell(columnOf(sheet, '基金充当額（円）')).value = 53_000_001;
      addRowByHeader(sheet, {
        事業番号: 'Ⅱ-2',
        事業名: '（架空）訪問看護推進事業',
        区分: '区分Ⅱ',
        事業主体の種類: '市町村',
        事業主体: '新潟市',
        開始年度: '令和5年度',
        事業の内容: '訪問看護の体制整備',
        '基金充当額（円）': '3,000,000',
      });
    });
    const preview = await core.call('fund.import.preview', { side: 'medical', versionId: version.id, fileName: '事業一覧.xlsx', data });
    expect(preview.counts).toEqual({ new: 1, changed: 1, unchanged: 3, error: 0 });
    const changed = preview.rows.find((r) => r.status === 'changed')!;
    // 公 follows the 国 share: the prefecture's own project is 公.
    expect(changed.changes).toEqual([
      { field: '基金充当額', before: '52,800,000円', after: '53,000,001円' },
      { field: '公', before: '35,200,000円', after: '35,333,334円' },
    ]);

    const result = await core.call('fund.import.commit', { side: 'medical', versionId: version.id, fileName: '事業一覧.xlsx', data });
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 3 });
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const projects = await core.call('fund.projects.list', { side: 'medical' });
    const id = (n: string) => projects.find((p) => p.number === n)!.id;
    // 53,000,001 × 2/3 = 35,333,334 (1円未満切り捨て); 県 the remaining 17,666,667.
    expect(year.amounts[id('Ⅳ-1')]).toMatchObject({
      fundAmount: 53_000_001,
      national: 35_333_334,
      prefectural: 17_666_667,
      publicAmount: 35_333_334,
      privateAmount: 0,
    });
    // A municipality's project is 公; 3,000,000 × 2/3 = 2,000,000.
    expect(year.amounts[id('Ⅱ-2')]).toMatchObject({
      fundAmount: 3_000_000,
      national: 2_000_000,
      publicAmount: 2_000_000,
      privateAmount: 0,
    });
    expect(projects.find((p) => p.number === 'Ⅱ-2')).toMatchObject({
      operatorKind: 'municipality',
      municipalityCode: '151009',
      categoryCode: 'Ⅱ',
    });
    // The indicators of an updated project stay.
    expect(projects.find((p) => p.number === 'Ⅳ-1')!.indicators).toHaveLength(2);
    await core.close();
  });

  it('says before 取り込む that a list came from another 版 of the year, and brings its figures in when asked', async () => {
    const core = await demoCore();
    const { versions } = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const initial = versions.find((v) => v.label === '当初')!;
    const newest = await r5Supplementary(core);
    expect(newest.label).toBe('第1回補正');
    const upload = { side: 'medical' as const, versionId: newest.id, fileName: '基金事業一覧_当初.xlsx' };
    const data = await editedWorkbook(core, initial.id, () => undefined);

    const preview = await core.call('fund.import.preview', { ...upload, data });
    expect(preview.caution).toBe(
      'このファイルは令和5年度 当初 の版から書き出したものです（取り込み先：第1回補正）。取り込むと、第1回補正の金額がこのファイルの金額になります。',
    );
    expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 2, error: 0 });
    // Meant: the officer brings 当初's figures back into the newest 版.
    expect(await core.call('fund.import.commit', { ...upload, data })).toMatchObject({ updated: 1, unchanged: 2 });
    const inInitial = await core.call('fund.year', { side: 'medical', fiscalYear: 2023, versionId: initial.id });
    const inNewest = await core.call('fund.year', { side: 'medical', fiscalYear: 2023, versionId: newest.id });
    for (const [id, amounts] of Object.entries(inInitial.amounts))
      expect(inNewest.amounts[Number(id)]?.fundAmount).toBe(amounts.fundAmount);

    // Its own 版's list says nothing.
    const own = await editedWorkbook(core, newest.id, () => undefined);
    expect((await core.call('fund.import.preview', { ...upload, data: own })).caution).toBeUndefined();
    await core.close();
  });

  it('says a list is another 年度’s before 取り込む (last year’s list may start this year’s), refuses the other side, and takes a hand-made one as it is', async () => {
    const core = await demoCore();
    const newest = await r5Supplementary(core);
    const r4 = (await core.call('fund.year', { side: 'medical', fiscalYear: 2022 })).version!;
    const lastYear = await editedWorkbook(core, r4.id, () => undefined);
    const intoR5 = { side: 'medical' as const, versionId: newest.id, fileName: '基金事業一覧_令和4年度.xlsx', data: lastYear };
    expect((await core.call('fund.import.preview', intoR5)).caution).toBe(
      `このファイルは令和4年度 当初 の版から書き出したものです（取り込み先：令和5年度 ${newest.label}）。取り込むと、令和5年度 ${newest.label}の金額がこのファイルの金額になります。`,
    );

    const care = await core.call('fund.versions.create', { side: 'care', fiscalYear: 2023, kind: 'initial', datedOn: '2023-04-01' });
    const medical = await editedWorkbook(core, newest.id, () => undefined);
    await expect(
      core.call('fund.import.preview', { side: 'care', versionId: care.id, fileName: '基金事業一覧.xlsx', data: medical }),
    ).rejects.toMatchObject({
      message: '「基金事業一覧.xlsx」は医療分の事業一覧です。介護分の版には取り込めません。医療分の画面で取り込んでください。',
    });

    // The same rows in a workbook of the officer's own (no mark): read as before, the 年度 not known.
    const handMade = new ExcelJS.Workbook();
    await handMade.xlsx.load(new Uint8Array(Buffer.from(lastYear, 'base64')).buffer);
    handMade.removeWorksheet(handMade.getWorksheet('_renkei')!.id);
    const data = Buffer.from(await handMade.xlsx.writeBuffer()).toString('base64');
    const preview = await core.call('fund.import.preview', { ...intoR5, data });
    expect(preview.caution).toBeUndefined();
    expect(preview.counts.error).toBe(0);
    await core.close();
  });

  it('names the row, column and reason of every bad cell and writes nothing', async () => {
    const core = await demoCore();
    const version = await r5Supplementary(core);
    const data = await editedWorkbook(core, version.id, (sheet) => {
      const row = (values: string[], amounts: Record<string, string>) =>
        addRowByHeader(sheet, {
          ...Object.fromEntries(
            ['事業番号', '事業名', '区分', '事業主体の種類', '事業主体', '開始年度', '終了年度'].map((h, i) => [h, values[i] ?? '']),
          ),
          ...amounts,
        });
      row(['Ⅶ-1', '区分のない事業', 'Ⅶ', '県', '', '令和5年度'], { '基金充当額（円）': '1,000,000' });
      row(['Ⅱ-3', '年度のおかしい事業', 'Ⅱ', '医師会', '（架空）医師会', '来年度', '令和4年度'], { '基金充当額（円）': '-5' });
      row(['Ⅱ-4', '公民の合わない事業', 'Ⅱ', '民間', '（架空）法人', '2023'], {
        '基金充当額（円）': '3,000,000',
        '公（円）': '1,000,000',
        '民（円）': '500,000',
      });
      row(['Ⅱ-5', '医師会を書かない事業', 'Ⅱ', '医師会', '', '令和5年度'], { '基金充当額（円）': '1,000,000' });
      row(['Ⅱ-6', '市町村を書かない事業', 'Ⅱ', '市町村', '', '令和5年度'], { '基金充当額（円）': '1,000,000' });
      row(['Ⅱ-7', '台帳にない市町村の事業', 'Ⅱ', '市町村', '架空村', '令和5年度'], { '基金充当額（円）': '1,000,000' });
    });
    const preview = await core.call('fund.import.preview', { side: 'medical', versionId: version.id, fileName: '事業一覧.xlsx', data });
    expect(preview.counts.error).toBe(6);
    const errors = preview.rows
      .filter((r) => r.status === 'error')
      .map((r) => [r.rowNumber, r.errors.map((e) => `${e.column}:${e.message}`)]);
    expect(errors).toEqual([
      [6, ['C:区分「Ⅶ」は区分の一覧にありません（例: Ⅰ-1、Ⅱ、区分Ⅳ）']],
      [7, ['F:「来年度」は年度として読めません（例: 令和5年度、R5、2023）', 'Y:「-5」はマイナスにはできません（0以上で入力してください）']],
      [8, [expect.stringMatching(/^AA:公と民の合計が基金充当額（国費）と一致しません（差額 500,000円）/)]],
      [9, ['E:事業主体の種類が「医師会」ですが、事業主体が空です。「事業主体」に台帳の医師会の名前を書いてください']],
      [10, ['E:事業主体の種類が「市町村」ですが、事業主体が空です。「事業主体」に台帳の市町村の名前を書いてください']],
      [11, ['E:市町村「架空村」が台帳にありません。台帳の市町村の名前で書いてください']],
    ]);
    const before = await core.call('fund.projects.list', { side: 'medical' });
    await expect(
      core.call('fund.import.commit', { side: 'medical', versionId: version.id, fileName: '事業一覧.xlsx', data }),
    ).rejects.toThrow(/エラーのある行が 6 行あるため取り込めません（6行目: C列「区分」/);
    expect(await core.call('fund.projects.list', { side: 'medical' })).toEqual(before);
    await core.close();
  });

  it('refuses an amount above 1兆円 in its cell, so no year total can grow past what the app can add up', async () => {
    const core = await demoCore();
    const version = await r5Supplementary(core);
    const data = await editedWorkbook(core, version.id, (sheet) => {
      rowOf(sheet, 'Ⅱ-1').getCell(columnOf(sheet, 'その他（円）')).value = '5,000,000,000,000,000';
    });
    const preview = await core.call('fund.import.preview', { side: 'medical', versionId: version.id, fileName: '事業一覧.xlsx', data });
    const bad = preview.rows.filter((r) => r.status === 'error');
    expect(bad.map((r) => r.errors.map((e) => [e.header, e.message]))).toEqual([
      [['その他（円）', '「5,000,000,000,000,000」は1兆円以下で入力してください']],
    ]);
    await core.close();
  });
});
