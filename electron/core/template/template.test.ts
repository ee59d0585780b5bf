import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { kanjiNumber } from '@shared/template/vocabulary';
import { engines } from '@tests/support/engines';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import { EXAMPLE_TEMPLATE_NAME, exampleTemplate } from './demo';

let demoFile: string | undefined;

/** A 1×1 PNG: a picture for a 様式. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A copy of one demo database loaded once for the file. */
async function demoCore() {
  return Core.open({ dbPath: await demoCopy(), osUser: 'tester' });
}

/** The path of a fresh copy of the demo database. */
async function demoCopy(): Promise<string> {
  if (!demoFile) {
    demoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-template-demo-')), 'demo.sqlite');
    const core = await Core.open({ dbPath: demoFile, osUser: 'tester' });
    await core.call('app.demo.load', {});
    await core.close();
  }
  const dbPath = path.join(tempDir(), 'template.sqlite');
  fs.copyFileSync(demoFile, dbPath);
  return dbPath;
}

afterAll(() => {
  if (demoFile) fs.rmSync(path.dirname(demoFile), { recursive: true, force: true });
});

async function read(data: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** A one-sheet workbook with the given cells, as base64. */
async function workbookOf(cells: Record<string, string>, sheetName = '様式'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const [ref, value] of Object.entries(cells)) sheet.getCell(ref).value = value;
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

async function base64(workbook: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** A list 様式 whose block is row 4 (番号, センター名, 交付決定額), with a header in row 3 and the 合計 in row 5. */
function listWorkbook(): { workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet } {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('一覧');
  sheet.getCell('A1').value = '{{年度}} 交付決定一覧';
  sheet.getRow(3).values = ['番号', 'センター名', '交付決定額'];
  sheet.getCell('A4').value = '{{#各センター}}{{番号}}';
  sheet.getCell('B4').value = '{{センター名}}';
  sheet.getCell('C4').value = '{{交付決定額}}{{/各センター}}';
  sheet.getCell('A5').value = '合計';
  sheet.getCell('C5').value = '{{交付決定額合計}}';
  return { workbook, sheet };
}

const register = (core: Core, name: string, data: string) => core.call('template.register', { name, fileName: `${name}.xlsx`, data });

describe('the demo 交付決定一覧 様式 filled for 令和5年度', () => {
  it('repeats the center row for each of the 17 centers with their decided amounts, and keeps the layout', async () => {
    const core = await demoCore();
    const [example] = await core.call('template.list', {});
    expect(example).toMatchObject({ name: EXAMPLE_TEMPLATE_NAME, version: 1, perCenter: false, disabled: false });

    const file = await core.call('template.fill', { id: example!.id, fiscalYear: 2023 });
    expect(file.fileName).toBe('交付決定一覧（見本）_令和5年度.xlsx');
    const sheet = await read(file.data);
    const year = await core.call('subsidy.year', { fiscalYear: 2023 });
    expect(year.rows).toHaveLength(17);

    // Header cells filled as text.
    expect(sheet.getCell('A1').value).toBe('令和5年度 在宅医療推進センター整備事業補助金 交付決定一覧');
    expect(sheet.getCell('F3').value).toBe('新潟県 福祉保健部 地域医療政策課（デモ）');
    // One row per center from row 6, in the 台帳's order; the amount a number in the template's #,##0.
    for (const [i, row] of year.rows.entries()) {
      const r = 6 + i;
      expect(sheet.getCell(`A${r}`).value).toBe(i + 1);
      expect(sheet.getCell(`B${r}`).value).toBe(row.center.name);
      expect(sheet.getCell(`F${r}`).value).toBe(row.decided);
      expect(sheet.getCell(`F${r}`).numFmt).toBe('#,##0');
      expect(sheet.getCell(`C${r}`).master.address).toBe(`B${r}`);
      expect(sheet.getCell(`H${r}`).border.right?.style).toBe('thin');
      expect(sheet.getCell(`H${r}`).font.name).toBe('ＭＳ 明朝');
    }
    // 佐渡 lowered to 4,100,000 円 by the 変更交付決定 of 令和5年10月13日; つまり widened to 4,703,000 円.
    const sado = year.rows.findIndex((r) => r.center.name.startsWith('佐渡'));
    expect(sheet.getCell(`F${6 + sado}`).value).toBe(4_100_000);
    expect(sheet.getCell(`G${6 + sado}`).value).toBe('令和5年10月13日');
    expect(sheet.getCell(`H${6 + sado}`).value).toBe('新医政第512号（デモ）');
    const tsumari = year.rows.findIndex((r) => r.center.name.startsWith('つまり'));
    expect(sheet.getCell(`F${6 + tsumari}`).value).toBe(4_703_000);
    // The total row moved down below the 17 rows: 84,586,000 − (4,453,000 − 4,100,000) + (4,703,000 − 4,453,000).
    expect(sheet.getCell('A23').value).toBe('合計（17センター）');
    expect(sheet.getCell('E23').master.address).toBe('A23');
    expect(sheet.getCell('F23').value).toBe(84_483_000);
    expect(sheet.getCell('F23').font.bold).toBe(true);
    expect(sheet.getCell('A25').value).toMatch(/^※ 交付決定額は/);
    expect(sheet.getCell('H25').master.address).toBe('A25');
    // The title's font and merge, the header's fill, the page setup: the 様式's own.
    expect(sheet.getCell('A1').font).toMatchObject({ name: 'ＭＳ 明朝', size: 14, bold: true });
    expect(sheet.getCell('H1').master.address).toBe('A1');
    expect(sheet.getCell('B5').fill).toMatchObject({ fgColor: { argb: 'FFD9D9D9' } });
    expect(sheet.getRow(6).height).toBe(20);
    expect(sheet.getRow(22).height).toBe(20);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printArea: 'A1:H25' });
    // No placeholder left anywhere.
    sheet.eachRow((row) => row.eachCell((cell) => expect(String(cell.value ?? '')).not.toContain('{{')));
    await core.close();
  });

  it('fills a per-center 様式 for the center chosen, and asks for one when none is', async () => {
    const core = await demoCore();
    const letter = await register(
      core,
      '通知',
      await workbookOf({
        A1: '{{センター名}} 様',
        A2: '{{漢数字(決定日)}}',
        A3: '交付決定額 金{{金額(交付決定額)}}円',
        A4: '{{千円(交付決定額)}}千円',
      }),
    );
    expect(letter.perCenter).toBe(true);
    const year = await core.call('subsidy.year', { fiscalYear: 2023 });
    const sado = year.rows.find((r) => r.center.name.startsWith('佐渡'))!;
    await expect(core.call('template.fill', { id: letter.id, fiscalYear: 2023 })).rejects.toMatchObject({
      message: expect.stringContaining('センターを選んでください'),
    });
    const sheet = await read((await core.call('template.fill', { id: letter.id, fiscalYear: 2023, centerId: sado.center.id })).data);
    expect(sheet.getCell('A1').value).toBe(`${sado.center.name} 様`);
    expect(sheet.getCell('A2').value).toBe('令和五年十月十三日');
    expect(sheet.getCell('A3').value).toBe('交付決定額 金4,100,000円');
    expect(sheet.getCell('A4').value).toBe('4,100千円');
    await core.close();
  });

  it('puts in the 宛先 and the 文書番号 the register gave the letter of the decision in force', async () => {
    const core = await demoCore();
    await core.call('settings.update', { associationPresidents: { 見附市南蒲原郡医師会: '見附　太郎' } });
    const notice = await register(
      core,
      '独自の交付決定通知書',
      await workbookOf({ A1: '{{文書番号}}', A2: '{{和暦(通知日)}}', A3: '{{宛先}}', A4: '{{医師会名}}（{{センター名}}）' }),
    );
    const year = await core.call('subsidy.year', { fiscalYear: 2023 });
    const center = (prefix: string) => year.rows.find((r) => r.center.name.startsWith(prefix))!.center.id;
    const fill = async (id: number) => read((await core.call('template.fill', { id: notice.id, fiscalYear: 2023, centerId: id })).data);

    // No letter numbered yet: blank, not a number made up.
    let sheet = await fill(center('見附'));
    expect([sheet.getCell('A1').value, sheet.getCell('A2').value]).toEqual([null, null]);
    expect(sheet.getCell('A3').value).toBe('見附市南蒲原郡医師会長　見附　太郎　様');
    expect(sheet.getCell('A4').value).toBe('見附市南蒲原郡医師会（見附市在宅医療推進センター）');

    const issued = await core.call('subsidy.letters.issue', { fiscalYear: 2023, kind: 'decision', date: '2023-05-19' });
    const mitsuke = issued.find((e) => e.centerId === center('見附'))!;
    sheet = await fill(center('見附'));
    expect([sheet.getCell('A1').value, sheet.getCell('A2').value]).toEqual([mitsuke.documentNumber, '令和5年5月19日']);

    // つまり's decision was changed in November: the first letter's number is not the one in force until the change is notified.
    const tsumari = center('つまり');
    expect((await fill(tsumari)).getCell('A1').value).toBeNull();
    const [change] = await core.call('subsidy.letters.issue', {
      fiscalYear: 2023,
      kind: 'change_decision',
      centerIds: [tsumari],
      date: '2023-11-06',
    });
    sheet = await fill(tsumari);
    expect([sheet.getCell('A1').value, sheet.getCell('A2').value]).toEqual([change!.documentNumber, '令和5年11月6日']);
    await core.close();
  });
});

describe('registering a 様式', () => {
  for (const engine of engines()) {
    it(`refuses unknown placeholders and unclosed or twice-opened blocks, naming sheet and cell (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      const refused = async (cells: Record<string, string>) => {
        const error = await register(core, '誤り', await workbookOf(cells)).catch((e: unknown) => e);
        return (error as Error).message;
      };
      expect(await refused({ B5: '{{センタ名}}' })).toContain(
        'シート「様式」のセル B5: 「{{センタ名}}」の「センタ名」は差し込み項目にありません',
      );
      expect(await refused({ A6: '{{#各センター}}{{センター名}}', H6: '{{交付決定額}}' })).toContain(
        'シート「様式」のセル A6: 「{{#各センター}}」を閉じる「{{/各センター}}」がありません',
      );
      expect(await refused({ A6: '{{#各センター}}', A7: '{{#各センター}}', A8: '{{/各センター}}' })).toContain(
        'シート「様式」のセル A7: 「{{#各センター}}」が二度開かれています（セル A6 の繰り返しが閉じていません）',
      );
      expect(await refused({ C3: '{{/各センター}}' })).toContain('シート「様式」のセル C3: 「{{/各センター}}」の前に');
      expect(await refused({ D2: '{{和暦(交付決定額)}}' })).toContain(
        'セル D2: 「{{和暦(交付決定額)}}」: 「和暦」は「交付決定額」には使えません',
      );
      expect(await refused({ D2: '{{番号}}' })).toContain(
        'セル D2: 「{{番号}}」は「{{#各センター}}」〜「{{/各センター}}」の行の中でだけ使えます',
      );
      expect(await refused({ A1: '{{年度' })).toContain('セル A1: 「{{年度」を閉じる「}}」がありません');
      expect(await refused({ A1: '見出しだけ' })).toContain('差し込み項目（{{センター名}} のような書き込み）が1つもありません');
      expect(await core.call('template.list', {})).toEqual([]);
      await core.close();
    });

    it(`keeps each registration of a name as a new version, in the audit log (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      const first = await register(core, '一覧', (await exampleTemplate()).toString('base64'));
      const second = await core.call('template.register', {
        name: '一覧',
        fileName: '一覧_改.xlsx',
        data: await workbookOf({ A1: '{{年度}}の一覧', A3: '{{#各センター}}{{センター名}}{{/各センター}}' }),
        note: '見出しを変更',
      });
      expect(second.id).toBe(first.id);
      expect(second.version).toBe(2);
      expect(second.versions.map((v) => [v.version, v.fileName, v.note])).toEqual([
        [2, '一覧_改.xlsx', '見出しを変更'],
        [1, '一覧.xlsx', ''],
      ]);
      expect(second.placeholders).toEqual([
        { sheet: '様式', cell: 'A1', text: '{{年度}}' },
        { sheet: '様式', cell: 'A3', text: '{{#各センター}}' },
        { sheet: '様式', cell: 'A3', text: '{{センター名}}' },
        { sheet: '様式', cell: 'A3', text: '{{/各センター}}' },
      ]);
      // Version 1 is still there to fill; on an empty database there is no 補助金 to fill it with, and it says so.
      await expect(core.call('template.fill', { id: first.id, version: 1, fiscalYear: 2023 })).rejects.toMatchObject({
        message: '令和5年度の補助金の要綱がありません。年度を確かめてください。',
      });

      const stopped = await core.call('template.setDisabled', { id: first.id, disabled: true });
      expect(stopped.disabled).toBe(true);
      await expect(core.call('template.fill', { id: first.id, fiscalYear: 2023 })).rejects.toMatchObject({
        message: expect.stringContaining('使用停止中'),
      });

      const { entries } = await core.call('audit.list', { entity: 'template' });
      expect(
        entries.map((e) => [
          e.operation,
          e.before && (e.before as { version?: number }).version,
          (e.after as { version?: number }).version,
        ]),
      ).toEqual([
        ['template.setDisabled', undefined, undefined],
        ['template.register', 1, 2],
        ['template.register', null, 1],
      ]);
      expect((entries[0]!.after as { disabled: boolean }).disabled).toBe(true);
      await core.close();
    });
  }
});

describe('a 様式 whose 各センター rows are copied', () => {
  const refusedWith = async (core: Core, workbook: ExcelJS.Workbook) =>
    ((await register(core, '誤り', await base64(workbook)).catch((e: unknown) => e)) as Error).message;

  it('refuses formulas on or below the block and formulas reaching into it, pointing to the total items', async () => {
    const core = await demoCore();
    let { workbook, sheet } = listWorkbook();
    sheet.getCell('D4').value = { formula: 'C4*2' } as ExcelJS.CellFormulaValue;
    sheet.getCell('C6').value = { formula: 'SUM(C4:C4)' } as ExcelJS.CellFormulaValue;
    let message = await refusedWith(core, workbook);
    expect(message).toContain(
      'シート「一覧」のセル D4: 計算式（=C4*2）は「{{#各センター}}」の行（4行目）から下には置けません（このシートにほか 1 か所）',
    );
    expect(message).toContain('合計は {{交付決定額合計}}・{{申請額合計}}・{{確定額合計}}');

    // A formula filled down (Excel writes it once, as shared) is refused the same way, not with an English error.
    ({ workbook, sheet } = listWorkbook());
    sheet.getCell('D4').value = { formula: 'C4*2', shareType: 'shared', ref: 'D4:D6', result: 0 } as ExcelJS.CellFormulaValue;
    sheet.getCell('D5').value = { sharedFormula: 'D4', result: 0 } as ExcelJS.CellSharedFormulaValue;
    sheet.getCell('D6').value = { sharedFormula: 'D4', result: 0 } as ExcelJS.CellSharedFormulaValue;
    message = await refusedWith(core, workbook);
    expect(message).toContain(
      'シート「一覧」のセル D4: 計算式（=C4*2）は「{{#各センター}}」の行（4行目）から下には置けません（このシートにほか 2 か所）',
    );

    // Above the block, a formula adding up the center rows, here or on another sheet, would miss the rows added.
    ({ workbook, sheet } = listWorkbook());
    sheet.getCell('D1').value = { formula: 'SUM(C4:C20)' } as ExcelJS.CellFormulaValue;
    workbook.addWorksheet('集計').getCell('A1').value = { formula: "'一覧'!C5*2" } as ExcelJS.CellFormulaValue;
    message = await refusedWith(core, workbook);
    expect(message).toContain(
      'シート「一覧」のセル D1: 計算式（=SUM(C4:C20)）がシート「一覧」の「{{#各センター}}」の行（4行目）から下を参照しています',
    );
    expect(message).toContain(
      "シート「集計」のセル A1: 計算式（='一覧'!C5*2）がシート「一覧」の「{{#各センター}}」の行（4行目）から下を参照しています",
    );

    // Formatting, validation, names and pictures that cannot follow the rows.
    ({ workbook, sheet } = listWorkbook());
    sheet.addConditionalFormatting({
      ref: 'C4:C5',
      rules: [{ type: 'cellIs', operator: 'greaterThan', priority: 1, formulae: ['0'], style: { font: { bold: true } } }],
    });
    sheet.getCell('B5').dataValidation = { type: 'list', allowBlank: true, formulae: ['"可,否"'] };
    workbook.definedNames.add("'一覧'!$C$5", '合計額');
    sheet.addImage(workbook.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), {
      tl: { col: 4, row: 3 },
      ext: { width: 40, height: 20 },
    });
    message = await refusedWith(core, workbook);
    expect(message).toContain('セル C4:C5: 条件付き書式が「{{#各センター}}」の行（4行目）から下にかかっています');
    expect(message).toContain('セル B5: 入力規則（データの入力規則）が「{{#各センター}}」の行（4行目）から下にかかっています');
    expect(message).toContain('セル C5: 名前「合計額」が「{{#各センター}}」の行（4行目）から下を指しています');
    expect(message).toContain('セル E4: 図（画像）が「{{#各センター}}」〜「{{/各センター}}」の行に重なっています');
    expect(await core.call('template.list', {})).toHaveLength(1);
    await core.close();
  });

  it('keeps formulas above the block, and moves a picture below it down with the rows', async () => {
    const core = await demoCore();
    const { workbook, sheet } = listWorkbook();
    sheet.getCell('D3').value = { formula: 'LEN(C3)' } as ExcelJS.CellFormulaValue;
    sheet.addImage(workbook.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), {
      tl: { col: 1, row: 6 },
      ext: { width: 40, height: 20 },
    });
    const template = await register(core, '一覧', await base64(workbook));
    const filled = await read((await core.call('template.fill', { id: template.id, fiscalYear: 2023 })).data);
    expect(filled.getCell('D3').value).toMatchObject({ formula: 'LEN(C3)' });
    // 17 centers from row 4: the 合計 of row 5 is now row 21, the picture of row 7 row 23.
    expect(filled.getCell('C21').value).toBe(84_483_000);
    expect(filled.getImages().map((i) => i.range.tl.nativeRow + 1)).toEqual([23]);
    await core.close();
  });

  it('refuses, in Japanese, to fill a version registered before formulas over the block were refused', async () => {
    const dbPath = await demoCopy();
    let core = await Core.open({ dbPath, osUser: 'tester' });
    const template = await register(core, '一覧', await base64(listWorkbook().workbook));
    await core.close();
    const { workbook, sheet } = listWorkbook();
    sheet.getCell('D4').value = { formula: 'C4*2', shareType: 'shared', ref: 'D4:D5', result: 0 } as ExcelJS.CellFormulaValue;
    sheet.getCell('D5').value = { sharedFormula: 'D4', result: 0 } as ExcelJS.CellSharedFormulaValue;
    const db = new BetterSqlite3(dbPath);
    db.prepare('UPDATE template_version SET content = ? WHERE template_id = ?').run(await base64(workbook), template.id);
    db.close();
    core = await Core.open({ dbPath, osUser: 'tester' });
    await expect(core.call('template.fill', { id: template.id, fiscalYear: 2023 })).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(
        /^様式「一覧」の第1版には差し込めません。様式を直し、同じ名前で登録し直してから（新しい版になります）差し込んでください。\nシート「一覧」のセル D4: 計算式（=C4\*2）は/,
      ),
    });
    await core.close();
  });
});

describe('filling a 様式 for a 年度', () => {
  it('refuses a 年度 without a 補助金 要綱, as the built-in documents do, rather than fill it blank', async () => {
    const core = await demoCore();
    const [example] = await core.call('template.list', {});
    await expect(core.call('template.fill', { id: example!.id, fiscalYear: 2022 })).rejects.toMatchObject({
      message: '令和4年度の補助金の要綱がありません。年度を確かめてください。',
    });
    await core.close();
  });
});

describe('placeholders outside the cells, and as the IME types them', () => {
  it('reads ｛｛…｝｝ as {{…}}, fills the page header and footer, and refuses a placeholder in a sheet name', async () => {
    const core = await demoCore();
    expect(
      ((await register(core, '誤り', await workbookOf({ A1: '｛｛センタ名｝｝' })).catch((e: unknown) => e)) as Error).message,
    ).toContain('セル A1: 「｛｛センタ名｝｝」の「センタ名」は差し込み項目にありません');

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('一覧');
    sheet.getCell('A1').value = '｛｛年度｝｝の一覧';
    sheet.getCell('A3').value = '｛｛#各センター｝｝｛｛センター名｝｝｛｛/各センター｝｝';
    sheet.headerFooter.oddHeader = '&L{{年度}}&R{{担当課}}';
    sheet.headerFooter.oddFooter = '&C&P / &N';
    const template = await register(core, '一覧', await base64(workbook));
    expect(template.placeholders.map((p) => [p.cell, p.text])).toContainEqual(['ヘッダー', '{{担当課}}']);
    const filled = await read((await core.call('template.fill', { id: template.id, fiscalYear: 2023 })).data);
    expect(filled.getCell('A1').value).toBe('令和5年度の一覧');
    expect(filled.getCell('A3').value).toBe('新潟県医師会在宅医療推進センター');
    expect(filled.headerFooter.oddHeader).toBe('&L令和5年度&R新潟県 福祉保健部 地域医療政策課（デモ）');
    expect(filled.headerFooter.oddFooter).toBe('&C&P / &N');

    const named = new ExcelJS.Workbook();
    named.addWorksheet('{{年度}}').getCell('A1').value = '{{センター数}}';
    named.worksheets[0]!.headerFooter.oddHeader = '&C{{番号}}';
    const message = ((await register(core, '誤り', await base64(named)).catch((e: unknown) => e)) as Error).message;
    expect(message).toContain('シート「{{年度}}」: シート名には差し込めません');
    expect(message).toContain('シート「{{年度}}」のヘッダー: 「{{番号}}」は「{{#各センター}}」〜「{{/各センター}}」の行の中でだけ使えます');
    await core.close();
  });
});

describe('漢数字', () => {
  it('writes numbers as a formal letter does', () => {
    expect([0, 5, 10, 17, 2023, 10000, 4_100_000, 120_003_000].map(kanjiNumber)).toEqual([
      '〇',
      '五',
      '十',
      '十七',
      '二千二十三',
      '一万',
      '四百十万',
      '一億二千万三千',
    ]);
  });
});
