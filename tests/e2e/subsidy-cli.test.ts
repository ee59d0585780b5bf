/**
 * `renkei subsidy calc` from dist/: the README's example file without any
 * database, files with a mistake named by their JSON path (a negative
 * amount, a 種目 entered twice), and the demo year from a database; and the
 * 精算書 exported with the refund read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runRenkei } from '../support/serve';

const EXAMPLE = path.join(ROOT, 'resources', 'examples', 'subsidy-calc.json');
let dir: string;

const renkei = (...args: string[]) => runRenkei(dir, ...args);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-subsidy-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('renkei subsidy calc', () => {
  it('computes the example file without a database: every column per center and the total', () => {
    const run = renkei('subsidy', 'calc', '--input', EXAMPLE);
    expect(run.code, run.err).toBe(0);
    const result = JSON.parse(run.out);
    expect(result.total).toBe(23_061_000);
    expect(result.centers.map((c: { name: string; total: number }) => [c.name, c.total])).toEqual([
      ['新潟市医師会在宅医療推進センター', 6_973_000],
      ['燕・弥彦医療・介護センター', 6_210_000],
      ['佐渡市在宅医療推進センター', 4_100_000],
      ['新潟県医師会在宅医療推進センター', 5_778_000],
    ]);
    const [operating, ict] = result.centers[1].programs;
    expect(operating.result).toEqual({
      totalCost: 4_380_500,
      otherIncome: 60_000,
      netCost: 4_320_500,
      eligibleExpense: 4_210_500,
      baseAmount: 4_453_000,
      selected: 4_210_500,
      basis: 4_210_500,
      rate: { numerator: 1, denominator: 1 },
      amount: 4_210_000,
    });
    expect(ict.result).toMatchObject({
      selectedTotal: 2_900_000,
      basis: 2_900_000,
      beforeCap: 2_650_000,
      cap: 2_000_000,
      amount: 2_000_000,
    });
    expect(ict.capNote).toBeNull();
    // システム構築費 2,400,000 at 10/10, タブレット 500,000 (its 基準額) at 1/2: each 種目's part of the 補助基本額.
    expect(
      ict.result.items.map((i: { item: string; selected: number; allotted: number; excluded: boolean }) => [
        i.item,
        i.selected,
        i.allotted,
        i.excluded,
      ]),
    ).toEqual([
      ['system', 2_400_000, 2_400_000, false],
      ['tablet', 500_000, 500_000, false],
    ]);
    expect(fs.existsSync(path.join(dir, 'user-data'))).toBe(false);
  });

  it('names the file and the JSON path of a mistake, and exits non-zero', () => {
    const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
    example.centers[2].inputs.programs[0].otherIncome = -1;
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(example));
    const run = renkei('subsidy', 'calc', '--input', file);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`「${file}」の centers[2].inputs.programs[0].otherIncome: 寄付金その他収入額に負の金額は入力できません`);
    expect(run.out).toBe('');
  });

  it('refuses the same 種目 twice for a center, naming it and its JSON path', () => {
    const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
    example.centers[1].inputs.programs[1].items.push({ item: 'tablet', eligibleExpense: 300_000 });
    const file = path.join(dir, 'twice.json');
    fs.writeFileSync(file, JSON.stringify(example));
    const run = renkei('subsidy', 'calc', '--input', file);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`「${file}」の centers[1].inputs.programs[1].items[2].item: 種目「tablet」の対象経費が2回入力されています`);
    expect(run.out).toBe('');
  });

  it('computes the demo year from a database, and exports the 精算書 with the refund', async () => {
    const db = path.join(dir, 'demo.sqlite');
    expect(renkei('init', '--db', db, '--demo').code).toBe(0);
    const run = renkei('subsidy', 'calc', '--fy', '2023', '--db', db);
    expect(run.code, run.err).toBe(0);
    const result = JSON.parse(run.out);
    expect(result.centers).toHaveLength(17);
    // On each center's latest amounts: three 実績報告 below the 基準額, 佐渡 changed down, つまり with tablets.
    expect(result.total).toBe(84_586_000 - 243_000 - 55_000 - 353_000 + 250_000);

    const out = path.join(dir, '精算書.xlsx');
    const report = renkei(
      'report',
      '--db',
      db,
      'subsidy.settlement',
      '--fy',
      '2023',
      '--date',
      '2024-06-30',
      '--format',
      'xlsx',
      '--out',
      out,
    );
    expect(report.code, report.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cells: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    // The 補助区分 as the 要綱 words it.
    expect(cells).toContain('燕・弥彦医療・介護センター（郡市医師会（上記以外）・県央）');
    expect(cells).toEqual(expect.arrayContaining([4_210_000, 243_000, 55_000]));
  });
});
