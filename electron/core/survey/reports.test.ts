import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartBlock, FiguresBlock, ReportDoc, TableBlock } from '@shared/report/model';
import { CENTER_STAFFING_KEY } from '@shared/survey/seeds';
import { Core } from '../core';

let core: Core;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-survey-reports-'));

beforeAll(async () => {
  core = await Core.open({ dbPath: path.join(dir, 'reports.sqlite'), osUser: 'tester', now: () => new Date('2026-11-23T10:00:00+09:00') });
  await core.call('app.demo.load', {});
}, 120_000);

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const doc = (name: string, fy: number) => core.call('report.doc', { name, params: { fy, date: '2026-11-23' } });

function table(d: ReportDoc, caption: string): TableBlock {
  const found = d.blocks.find((b): b is TableBlock => b.type === 'table' && b.caption === caption);
  if (!found) throw new Error(`no table ${caption}`);
  return found;
}

/** The table right after a heading that starts with `heading`. */
function tableAfter(d: ReportDoc, heading: string): TableBlock {
  const i = d.blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith(heading));
  return d.blocks.slice(i + 1).find((b): b is TableBlock => b.type === 'table')!;
}

const charts = (d: ReportDoc) => d.blocks.filter((b): b is ChartBlock => b.type === 'chart');

describe('the survey reports in the catalog', () => {
  it('are listed with the 年度 that have a round', async () => {
    const list = await core.call('report.list', {});
    expect(list.find((r) => r.name === 'survey.staffing')).toMatchObject({
      title: '人員配置状況調査 集計結果',
      section: 'survey',
      needsFiscalYear: true,
      fiscalYears: [2023],
    });
    expect(list.find((r) => r.name === 'survey.clinics')).toMatchObject({
      title: '在宅医療提供体制に関する実態調査 結果',
      section: 'survey',
      fiscalYears: [2022, 2020],
    });
  });

  it('refuses a 年度 without a round, saying what to do', async () => {
    expect(await core.dispatch('report.doc', { name: 'survey.clinics', params: { fy: 2021 } })).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message: '令和3年度の「在宅医療提供体制に関する実態調査」の回がありません。調査の画面で回を作成するか、年度を確かめてください。',
      },
    });
  });
});

describe('人員配置状況調査 集計結果', () => {
  it('shows 令和5年度’s staff by 職種 as seed 000 does: 34 / 12 / 15 / 2 / 37 % of n = 41, with the rounding rule', async () => {
    const d = await doc('survey.staffing', 2023);
    expect(d).toMatchObject({
      title: '人員配置状況調査 集計結果',
      subtitle: '令和5年度（基準日 令和5年4月1日） 16 / 17 センター回答',
      orientation: 'landscape',
    });
    const figures = d.blocks.find((b): b is FiguresBlock => b.type === 'figures')!;
    expect(figures.items.map((i) => [i.label, i.value])).toEqual([
      ['対象センター', 17],
      ['回答', 16],
      ['配置職員', 41],
      ['常勤換算の計', 3160],
    ]);
    const jobs = table(d, '職種');
    expect(jobs.rows.map((r) => [r.cells.label, r.cells.count, r.cells.share])).toEqual([
      ['看護師', 14, 34],
      ['保健師', 5, 12],
      ['社会福祉士', 6, 15],
      ['MSW', 0, 0],
      ['介護支援専門員', 1, 2],
      ['事務職', 15, 37],
      ['PT', 0, 0],
      ['その他', 0, 0],
      ['計（n = 41）', 41, 100],
    ]);
    expect(jobs.notes).toEqual([
      'n = 41：回答した16センターの配置職員（1人1行、非常勤を含む）。',
      '割合（％）は n に対する比率を整数に丸め、合計が100％になるよう最大剰余法で調整（端数の大きい順、同じ端数は選択肢の順）',
      '前回の調査がないため、前回との比較は示していません。',
    ]);
    const pie = charts(d)[0]!;
    expect(pie).toMatchObject({
      title: '職種別の構成（n = 41）',
      kind: 'pie',
      labels: ['看護師 34%', '保健師 12%', '社会福祉士 15%', '介護支援専門員 2%', '事務職 37%'],
      series: [{ values: [14, 5, 6, 1, 15] }],
    });

    const posts = table(d, 'センター長の医師会内役職');
    expect(posts.rows.at(-1)!.cells).toMatchObject({ label: '計（n = 16）', count: 16, share: 100 });
    const centers = tableAfter(d, 'センター別の配置職員');
    expect(centers.rows).toHaveLength(17);
    expect(centers.rows.at(-1)!.cells).toMatchObject({ name: '計', nurse: 14, clerk: 15, total: 41, fte: 3160 });
    expect(centers.notes![0]).toBe('未回答：新潟県医師会在宅医療推進センター');
    const areas = tableAfter(d, '二次医療圏別の配置職員');
    expect(areas.rows.filter((r) => r.kind === 'data').reduce((n, r) => n + (r.cells.total as number), 0)).toBe(41);
  });
});

describe('在宅医療提供体制に関する実態調査 結果', () => {
  it('gives 令和4年度’s 262 clinics and 312 doctors against 令和2年度’s 332 and 376: 前回比 0.79 and 0.83', async () => {
    const d = await doc('survey.clinics', 2022);
    expect(d.subtitle).toBe('令和4年度（基準日 令和4年10月1日）（診療所）');
    const figures = d.blocks.find((b): b is FiguresBlock => b.type === 'figures')!;
    expect(figures.items.map((i) => [i.label, i.value])).toEqual([
      ['回答した診療所', 640],
      ['訪問診療や往診を行っている診療所', 262],
      ['訪問診療や往診を担当している医師', 312],
      ['医師数の前回比', '0.83'],
    ]);
    const indicators = tableAfter(d, '集計指標と前回比');
    expect(indicators.columns.map((c) => c.header)).toEqual(['指標', '単位', '今回（令和4年度）', '前回（令和2年度）', '前回比']);
    expect(indicators.rows.map((r) => [r.cells.label, r.cells.current, r.cells.previous, r.cells.ratio])).toEqual([
      ['回答した診療所（n）', 640, 675, '0.95'],
      ['訪問診療や往診を行っている診療所', 262, 332, '0.79'],
      ['訪問診療や往診を担当している医師', 312, 376, '0.83'],
      ['訪問診療や往診を担当している60歳代以上の医師', 223, 251, '0.89'],
    ]);
    expect(indicators.notes![1]).toBe('前回は令和2年度（基準日 令和2年10月1日）の調査。前回比は今回÷前回を小数第2位に四捨五入。');

    const visits = tableAfter(d, '訪問診療・往診の実施状況と5年後の意向');
    expect(visits.rows.map((r) => [r.cells.label, r.cells.now, r.cells.nowShare, r.cells.later, r.cells.laterShare])).toEqual([
      ['両方', 176, 27, 160, 25],
      ['訪問のみ', 30, 5, 34, 5],
      ['往診のみ', 56, 9, 52, 8],
      ['行っていない', 378, 59, 394, 62],
      ['計', 640, 100, 640, 100],
    ]);
    expect(charts(d)[0]).toMatchObject({
      kind: 'stackedBar100',
      labels: ['現在（n = 640）', '5年後の意向（n = 640）'],
      series: [{ label: '両方', values: [176, 160] }, { label: '訪問のみ' }, { label: '往診のみ' }, { label: '行っていない' }],
    });

    const bands = tableAfter(d, '訪問診療・往診を担当している医師の年代');
    const prefecture = bands.rows.filter((r) => r.cells.area === '全県');
    expect(
      prefecture.map((r) => [
        r.cells.fy,
        r.cells.doctors_39,
        r.cells.doctors_40s,
        r.cells.doctors_50s,
        r.cells.doctors_60s,
        r.cells.doctors_70s,
        r.cells.doctors_80,
        r.cells.total,
      ]),
    ).toEqual([
      ['令和2年度', 6, 38, 81, 129, 88, 34, 376],
      ['令和4年度', 4, 27, 58, 112, 79, 32, 312],
    ]);
    expect(prefecture[1]!.cells.sixtyPlus).toEqual({ numerator: 223, denominator: 312 });
    // Seven 二次医療圏 × two rounds, then the prefecture's two rows; each area's rows add up to the prefecture's.
    expect(bands.rows).toHaveLength(16);
    expect(
      bands.rows.filter((r) => r.kind === 'data' && r.cells.fy === '令和4年度').reduce((n, r) => n + (r.cells.total as number), 0),
    ).toBe(312);
    const ageChart = charts(d)[1]!;
    expect(ageChart).toMatchObject({ kind: 'stackedBar100', title: '担当医師の年代構成（二次医療圏別・年度別、100％積み上げ）' });
    expect(ageChart.labels.slice(-2)).toEqual(['全県 令和2年度（n = 376）', '全県 令和4年度（n = 312）']);
    expect(ageChart.series.map((s) => s.values.at(-1))).toEqual([4, 27, 58, 112, 79, 32]);

    const firstCall = table(d, '時間外のファーストコール');
    expect(firstCall.rows[0]!.cells).toEqual({
      label: '医師',
      count: 125,
      share: { numerator: 125, denominator: 138 },
      previous: 144,
      previousShare: { numerator: 144, denominator: 165 },
    });
    expect(firstCall.columns.filter((c) => c.group).map((c) => c.group)).toEqual([
      '今回（n = 138）',
      '今回（n = 138）',
      '前回（n = 165）',
      '前回（n = 165）',
    ]);
    expect(firstCall.notes).toEqual([
      'n は1つ以上選んだ回答者数。複数回答の割合（％）は回答者数 n に対する比率を小数第1位に四捨五入（合計は100％になりません）',
    ]);
  });

  it('reports 令和2年度 on its own: 332 clinics and 376 doctors, with no previous round to compare', async () => {
    const d = await doc('survey.clinics', 2020);
    const indicators = tableAfter(d, '集計指標と前回比');
    expect(indicators.rows.map((r) => [r.cells.label, r.cells.current, r.cells.previous])).toEqual([
      ['回答した診療所（n）', 675, null],
      ['訪問診療や往診を行っている診療所', 332, null],
      ['訪問診療や往診を担当している医師', 376, null],
      ['訪問診療や往診を担当している60歳代以上の医師', 251, null],
    ]);
    expect(indicators.notes![1]).toBe('前回の調査がないため、前回との比較は示していません。');
    const helps = table(d, '必要と思うこと');
    expect(helps.columns.map((c) => c.key)).toEqual(['label', 'count', 'share']);
    expect(helps.rows.map((r) => r.cells.count)).toEqual([216, 211, 146, 11, 36, 222, 200, 162, 116, 156, 51]);
    expect(helps.rows[0]!.cells.share).toEqual({ numerator: 216, denominator: 620 });
  });

  it('writes both reports as workbooks through the report engine', async () => {
    for (const [name, fy] of [
      ['survey.staffing', 2023],
      ['survey.clinics', 2022],
    ] as const) {
      const out = await core.call('report.render', { name, params: { fy, date: '2026-11-23' }, format: 'xlsx' });
      // 「16 / 17」 in the file name stays a count of centers, not 「1617」.
      if (name === 'survey.staffing') expect(out.fileName).toContain('16／17センター回答_2026-11-23.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(Buffer.from(out.data, 'base64')).buffer);
      const sheet = workbook.worksheets[0]!;
      const texts: string[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
      expect(texts.join('\n')).toContain(name === 'survey.staffing' ? '職種別の配置職員（n = 41）' : '訪問診療や往診を担当している医師');
      if (name !== 'survey.staffing') continue;
      // 常勤換算 as numbers Excel can sum (they were the printed text: the bureau's SUM gave 0), shown as printed.
      const cells: ExcelJS.Cell[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
      const at = (c: ExcelJS.Cell) => c.fullAddress;
      const figure = at(cells.find((c) => c.value === '常勤換算の計')!);
      const total = sheet.getCell(figure.row, figure.col + 1);
      expect([total.value, total.numFmt]).toEqual([31.6, '#,##0.0#']);
      const header = at(cells.find((c) => c.value === '常勤換算')!);
      // The 16 centers that answered (under a two-row head), then 計.
      const totalRow = at(cells.find((c) => at(c).col === 1 && at(c).row > header.row && c.value === '計')!).row;
      const fte = Array.from({ length: 17 }, (_, i) => sheet.getCell(totalRow - 16 + i, header.col).value);
      expect(fte.every((v) => typeof v === 'number')).toBe(true);
      expect(fte.at(-1)).toBe(31.6);
      expect((fte.slice(0, -1) as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(31.6, 6);
    }
  });
});

describe('a round with no answers back yet', () => {
  it('offers no year for the report and leaves the year on its answered round', async () => {
    const definitions = await core.call('survey.definitions.list', {});
    const staffing = definitions.find((d) => d.key === CENTER_STAFFING_KEY)!;
    const rounds = [
      await core.call('survey.rounds.create', { definitionId: staffing.id, fiscalYear: 2026, referenceDate: '2026-04-01' }),
      await core.call('survey.rounds.create', { definitionId: staffing.id, fiscalYear: 2023, referenceDate: '2023-10-01' }),
    ];
    try {
      const list = await core.call('report.list', {});
      expect(list.find((r) => r.name === 'survey.staffing')!.fiscalYears).toEqual([2023]);
      // The later round of 令和5年度 has nothing back: the year's report stays on the round answered.
      expect((await doc('survey.staffing', 2023)).subtitle).toBe('令和5年度（基準日 令和5年4月1日） 16 / 17 センター回答');
      await expect(doc('survey.staffing', 2026)).rejects.toThrow(
        '令和8年度の「センター人員配置状況調査」には、集計できる回答（誤りのない回答）がまだありません。回収した調査票を取り込んでから出力してください。',
      );
      await expect(doc('survey.staffing', 2025)).rejects.toThrow('令和7年度の「センター人員配置状況調査」の回がありません。');
    } finally {
      for (const round of rounds) await core.call('survey.rounds.delete', { id: round.id });
    }
  });
});

describe('the 基幹 center in the 二次医療圏 tables', () => {
  it('counts the prefecture-wide 基幹 center in its own row 「県全域（基幹）」, not in the area that sorts first', async () => {
    const definitions = await core.call('survey.definitions.list', {});
    const staffing = definitions.find((d) => d.key === CENTER_STAFFING_KEY)!;
    const summary = (await core.call('survey.rounds.list', { definitionId: staffing.id })).find((r) => r.fiscalYear === 2023)!;
    const round = await core.call('survey.rounds.get', { id: summary.id });
    const hub = round.targets.find((t) => t.name === '新潟県医師会在宅医療推進センター')!;
    const other = round.targets.find((t) => t.status === 'valid')!;
    const copied = (await core.call('survey.answers.get', { roundId: round.id, targetId: other.id })).current!.answers;
    const { version } = await core.call('survey.answers.get', { roundId: round.id, targetId: hub.id });
    const areaTotals = async () =>
      new Map(
        tableAfter(await doc('survey.staffing', 2023), '二次医療圏別の配置職員')
          .rows.filter((r) => r.kind === 'data')
          .map((r) => [r.cells.name, r.cells.total]),
      );
    const before = await areaTotals();
    await core.call('survey.answers.save', { roundId: round.id, targetId: hub.id, answers: copied, version });
    try {
      const after = await areaTotals();
      const hubStaff = (copied.staff as unknown[]).length;
      expect([before.get('県全域（基幹）'), after.get('県全域（基幹）')]).toEqual([0, hubStaff]);
      // Every area keeps its own figures: the hub (all 30 municipalities) is in none of them.
      for (const [name, total] of before) if (name !== '県全域（基幹）') expect(after.get(name), String(name)).toBe(total);
    } finally {
      await core.call('survey.answers.delete', { roundId: round.id, targetId: hub.id });
    }
  });
});

describe('a 台帳 without 二次医療圏', () => {
  it('reports the prefecture only, saying once that no area is registered, with no 「（圏域未設定）」 row repeating it', async () => {
    const bare = await Core.open({
      dbPath: path.join(dir, 'no-areas.sqlite'),
      osUser: 'tester',
      now: () => new Date('2026-11-23T10:00:00+09:00'),
    });
    try {
      await bare.call('app.demo.load', {});
      const staffing = (await bare.call('survey.definitions.list', {})).find((d) => d.key === CENTER_STAFFING_KEY)!;
      const round = (await bare.call('survey.rounds.list', { definitionId: staffing.id })).find((r) => r.fiscalYear === 2023)!;
      // The demo has no 保険者 areas: the 集計 by them is the prefecture's alone.
      const byInsurer = await bare.call('survey.aggregate', { roundId: round.id, areaKind: 'insurer' });
      expect([byInsurer.noAreas, byInsurer.groups, byInsurer.aggregate.groups]).toEqual([true, [], []]);
      expect((await bare.call('survey.aggregate', { roundId: round.id, areaKind: 'secondary' })).noAreas).toBe(false);

      // The demo as a 台帳 before its 二次医療圏 are registered (its 指定 and meetings name them, so they go too).
      const secondary = (await bare.call('masters.areas.list', { kind: 'secondary' })).map((a) => a.id);
      await bare.database.deleteFrom('designation').where('areaId', 'in', secondary).execute();
      await bare.database.deleteFrom('meetingScope').where('areaId', 'in', secondary).execute();
      await bare.database.deleteFrom('areaMember').where('areaId', 'in', secondary).execute();
      await bare.database.updateTable('area').set({ parentId: null }).where('parentId', 'in', secondary).execute();
      await bare.database.deleteFrom('area').where('id', 'in', secondary).execute();
      const bareDoc = (name: string, fy: number) => bare.call('report.doc', { name, params: { fy, date: '2026-11-23' } });
      const texts = (d: ReportDoc) => JSON.stringify(d.blocks);

      const staff = await bareDoc('survey.staffing', 2023);
      expect(texts(staff)).not.toContain('圏域未設定');
      expect(staff.blocks.some((b) => b.type === 'heading' && b.text === '二次医療圏別の配置職員')).toBe(false);
      expect(staff.blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text)).toEqual([
        '二次医療圏が台帳に未登録のため、二次医療圏別の集計はありません（県全体のみ）。',
      ]);

      const clinics = await bareDoc('survey.clinics', 2022);
      expect(texts(clinics)).not.toContain('圏域未設定');
      const bands = tableAfter(clinics, '訪問診療・往診を担当している医師の年代');
      expect(bands.rows.map((r) => [r.cells.area, r.cells.fy, r.cells.total])).toEqual([
        ['全県', '令和2年度', 376],
        ['全県', '令和4年度', 312],
      ]);
      expect(bands.notes).toContain('二次医療圏が台帳に未登録のため、県全体のみ。');
      expect(clinics.blocks.filter((b) => b.type === 'heading' && b.text.startsWith('訪問診療・往診を担当している医師の年代'))).toEqual([
        expect.objectContaining({ text: '訪問診療・往診を担当している医師の年代（前回との比較）' }),
      ]);
      expect(charts(clinics)[1]!.title).toBe('担当医師の年代構成（年度別、100％積み上げ）');
    } finally {
      await bare.close();
    }
  }, 120_000);
});
