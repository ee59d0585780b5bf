/**
 * The 都道府県計画 and 事後評価 in the national layout: the plan's narrative
 * kept as versions, every 個票 field printed with the demo's values, the
 * money lines of 事業に要する費用の額 adding up, the 区分 notation setting, and
 * the 事後評価's fields.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EMPTY_PLAN_SECTIONS } from '@shared/fund/plan-text';
import type { ReportBlock, TableBlock } from '@shared/report/model';
import { engines } from '@tests/support/engines';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

async function demoCore() {
  const core = await Core.open({
    dbPath: path.join(tempDir(), 'plan.sqlite'),
    osUser: 'tester',
    now: () => new Date('2024-05-31T10:00:00+09:00'),
  });
  await core.call('app.demo.load', {});
  return core;
}

const projectId = async (core: Core, number: string) =>
  (await core.call('fund.projects.list', { side: 'medical' })).find((p) => p.number === number)!.id;

/** The item → value lines of the tables after the heading that starts with `start`, up to the next project. */
function sheetOf(blocks: ReportBlock[], start: string): { items: Map<string, string>; tables: TableBlock[] } {
  const at = blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith(start));
  expect(at, start).toBeGreaterThanOrEqual(0);
  const next = blocks.findIndex((b, i) => i > at && b.pageBreakBefore);
  const tables = blocks.slice(at, next === -1 ? undefined : next).filter((b): b is TableBlock & ReportBlock => b.type === 'table');
  const items = new Map<string, string>();
  for (const t of tables)
    for (const r of t.rows)
      if (typeof r.cells.item === 'string' && typeof r.cells.value === 'string') items.set(r.cells.item, r.cells.value);
  return { items, tables };
}

describe('the plan’s narrative per 年度', () => {
  for (const engine of engines()) {
    it(`keeps each save as a new version, shows the newest, and lists the earlier ones (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      expect(await core.call('fund.planText.get', { fiscalYear: 2024 })).toEqual({
        fiscalYear: 2024,
        current: null,
        versions: [],
        areas: [],
      });
      const first = { ...EMPTY_PLAN_SECTIONS, position: '第1版の位置づけ' };
      await core.call('fund.planText.save', { fiscalYear: 2024, sections: first });
      const second = await core.call('fund.planText.save', {
        fiscalYear: 2024,
        sections: { ...first, position: '改訂した位置づけ', goals: '目標' },
      });
      expect(second.current).toMatchObject({ version: 2, sections: { position: '改訂した位置づけ', goals: '目標' } });
      expect(second.versions.map((v) => v.version)).toEqual([1, 2]);
      // Who saved each, as the audit log names them (on PostgreSQL, the database login).
      const saver = (await core.call('audit.list', { entity: 'fund_plan_text' })).entries[0]!;
      expect(saver.osUser).not.toBe('');
      expect(second.versions.map((v) => v.savedBy)).toEqual([saver.osUser, saver.osUser]);
      expect((await core.call('fund.planText.get', { fiscalYear: 2024 })).versions.map((v) => v.savedBy)).toEqual([
        saver.osUser,
        saver.osUser,
      ]);
      // Saving the same text again adds no version.
      expect((await core.call('fund.planText.save', { fiscalYear: 2024, sections: second.current!.sections })).versions).toHaveLength(2);
      expect((await core.call('fund.planText.get', { fiscalYear: 2024, version: 1 })).current?.sections.position).toBe('第1版の位置づけ');
      expect(await core.dispatch('fund.planText.get', { fiscalYear: 2024, version: 9 })).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: '令和6年度の計画の本文に第9版はありません。版の一覧から選んでください。' },
      });
      expect((await core.call('audit.list', { entity: 'fund_plan_text' })).total).toBe(2);
    });
  }

  it('sets the 区域 from the 台帳’s 二次医療圏 with their municipalities', async () => {
    const core = await demoCore();
    const text = await core.call('fund.planText.get', { fiscalYear: 2023 });
    expect(text.areas.map((a) => a.name)).toEqual(['下越', '新潟', '県央', '中越', '魚沼', '上越', '佐渡']);
    expect(text.areas.find((a) => a.name === '佐渡')?.municipalities).toEqual(['佐渡市']);
    expect(text.current?.sections.evaluationMethod).toContain('事後評価');
    await core.close();
  });
});

describe('the 都道府県計画 in the national layout', () => {
  it('prints the narrative, then a 個票 per project with every national field and the demo’s values', async () => {
    const core = await demoCore();
    const doc = await core.call('report.doc', { name: 'fund.plan', params: { fy: 2023, date: '2024-03-31' } });
    expect(doc.title).toBe('令和5年度 新潟県計画');
    const headings = doc.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text);
    for (const h of [
      '１．計画の基本的事項',
      '(1) 計画の基本的な考え方　①位置づけ',
      '(1) 計画の基本的な考え方　②意義',
      '(1) 計画の基本的な考え方　③実施する事業',
      '(2) 都道府県医療介護総合確保区域の設定',
      '(3) 計画の目標の設定等',
      '(4) 計画期間',
      '２．事業の評価方法',
      '３．計画に基づき実施する事業',
    ])
      expect(headings).toContain(h);
    // The list gives each project's 事業の期間 in the year as its 個票 does, not the year it began (「令和4年度〜」).
    const list = doc.blocks.find((b) => b.type === 'table' && b.columns.some((c) => c.key === 'period')) as TableBlock;
    const periodOf = (number: string) => list.rows.find((r) => r.kind === 'data' && r.cells.number === number)!.cells.period;
    expect([periodOf('Ⅰ-1'), periodOf('Ⅱ-1'), periodOf('Ⅵ-1')]).toEqual([
      '令和5年4月1日～令和6年3月31日',
      '令和5年4月1日～令和6年3月31日',
      '令和5年10月1日～令和6年3月31日',
    ]);
    const areas = doc.blocks.find((b) => b.type === 'table' && b.caption === '医療介護総合確保区域（二次医療圏）') as TableBlock;
    expect(areas.rows).toHaveLength(7);

    const { items, tables } = sheetOf(doc.blocks, 'Ⅱ-1　在宅医療推進センター整備事業');
    expect(Object.fromEntries(items)).toMatchObject({
      事業の区分: '区分Ⅱ 居宅等における医療の提供に関する事業',
      事業名: '【No.Ⅱ-1】在宅医療推進センター整備事業',
      事業の対象となる医療介護総合確保区域: '県全域（下越、新潟、県央、中越、魚沼、上越、佐渡）',
      事業の期間: '令和5年4月1日～令和6年3月31日',
      アウトカム指標: '在宅医療ICTシステムを運用する郡市医師会数　現状値 12医師会（令和5年3月31日） → 目標値 16医師会（令和6年3月31日）',
      アウトプット指標: '在宅医療推進センターの設置数　17箇所',
      備考: '（デモ）令和5年度の基準額は交付要綱別表1による（84,586,000円）。',
    });
    for (const label of ['事業の目標', '事業の実施主体', '背景にある医療・介護ニーズ', '事業の内容', 'アウトカムとアウトプットの関連'])
      expect(items.get(label), label).toMatch(/\S/);
    expect(items.get('事業の目標')).toContain('（デモ）');

    // 事業に要する費用の額: 84,586,000 円 = 国 (A) 56,390,666 + 都道府県 (B) 28,195,334, その他 (C) 0; the 国費 is all 民.
    const cost = tables.find((t) => t.caption === '事業に要する費用の額')!;
    const amount = (item: string) => cost.rows.find((r) => r.cells.item === item)?.cells.amount as number;
    expect(amount('国（Ａ）')).toBe(56_390_666);
    expect(amount('都道府県（Ｂ）')).toBe(28_195_334);
    expect(amount('計（Ａ＋Ｂ）')).toBe(amount('国（Ａ）') + amount('都道府県（Ｂ）'));
    expect(amount('総事業費（Ａ＋Ｂ＋Ｃ）')).toBe(84_586_000);
    expect(amount('総事業費（Ａ＋Ｂ＋Ｃ）')).toBe(
      amount('計（Ａ＋Ｂ）') + (cost.rows.find((r) => r.cells.group === 'その他（Ｃ）')!.cells.amount as number),
    );
    expect([amount('公'), amount('民'), amount('うち受託事業等（再掲）')]).toEqual([0, 56_390_666, 0]);

    // The 9月補正's project: 30,000,000 + その他 10,000,000 = 40,000,000, its own period from October.
    const hours = sheetOf(doc.blocks, 'Ⅵ-1');
    expect(hours.items.get('事業の期間')).toBe('令和5年10月1日～令和6年3月31日');
    const hoursCost = hours.tables.find((t) => t.caption === '事業に要する費用の額')!;
    expect(hoursCost.rows.map((r) => r.cells.amount)).toEqual([
      40_000_000, 20_000_000, 10_000_000, 30_000_000, 10_000_000, 0, 20_000_000, 0,
    ]);
    await core.close();
  });

  it('leaves no national field of the demo’s 令和5年度 計画 or 事後評価 blank, on any project', async () => {
    const core = await demoCore();
    const plan = await core.call('report.doc', { name: 'fund.plan', params: { fy: 2023, date: '2024-03-31' } });
    const evaluation = await core.call('report.doc', { name: 'fund.evaluation', params: { fy: 2023, date: '2024-05-31' } });
    for (const doc of [plan, evaluation]) {
      const blank = doc.blocks.flatMap((b, i) =>
        JSON.stringify(b).includes('（未記入）') ? [`${doc.title} #${i}: ${JSON.stringify(b)}`] : [],
      );
      expect(blank).toEqual([]);
    }
    expect(sheetOf(plan.blocks, 'Ⅰ-1').items.get('アウトカム指標')).toBe(
      '（デモ）県央区域の回復期病床数　現状値 420床（令和5年4月1日） → 目標値 540床（令和6年3月31日）',
    );
    expect(sheetOf(plan.blocks, 'Ⅵ-1').items.get('アウトプット指標')).toBe('（デモ）勤務環境改善設備を整備する病院数　3病院');
    expect(sheetOf(evaluation.blocks, 'Ⅰ-1').items.get('観察できた指標の値')).toBe(
      '（デモ）県央区域の回復期病床数 516床（令和6年3月31日）',
    );
    await core.close();
  });

  it('prints an earlier 年度 with that 年度’s period, no other 年度’s dates, and no other 年度’s 実績値', async () => {
    // The demo's period and indicators are stored once per project, dated in 令和5年度.
    const core = await demoCore();
    const plan = await core.call('report.doc', { name: 'fund.plan', params: { fy: 2022, date: '2023-03-31' } });
    const list = plan.blocks.find((b) => b.type === 'table' && b.columns.some((c) => c.key === 'period')) as TableBlock;
    const periods = new Set(list.rows.filter((r) => r.kind === 'data').map((r) => r.cells.period));
    expect([...periods]).toEqual(['令和4年4月1日～令和5年3月31日']);
    const sheet = sheetOf(plan.blocks, 'Ⅰ-1').items;
    expect(sheet.get('事業の期間')).toBe('令和4年4月1日～令和5年3月31日');
    expect(sheet.get('アウトカム指標')).toBe('（デモ）県央区域の回復期病床数　現状値 420床 → 目標値 540床');

    const evaluation = await core.call('report.doc', { name: 'fund.evaluation', params: { fy: 2022, date: '2023-05-31' } });
    const earlier = sheetOf(evaluation.blocks, 'Ⅰ-1');
    expect(earlier.items.get('事業の期間')).toBe('令和4年4月1日～令和5年3月31日');
    expect(earlier.items.get('アウトカム指標')).toBe('（デモ）県央区域の回復期病床数　現状値 420床 → 目標値 540床');
    const indicators = earlier.tables.find((t) => t.caption === '指標')!;
    expect(indicators.rows.map((r) => [r.cells.baseline, r.cells.target, r.cells.actual, r.cells.achieved])).toEqual([
      [0, 12_000, null, false],
      [42_000, 54_000, null, false],
    ]);
    expect(indicators.notes).toContain(
      '実績値は年度ごとではなく指標ごとに一つ記録しており、その値は事業の期間（令和5年4月1日～令和6年3月31日）の年度のものです。令和4年度の実績値ではないため空欄にしています。',
    );

    // Its own 年度 keeps them.
    const own = await core.call('report.doc', { name: 'fund.evaluation', params: { fy: 2023, date: '2024-05-31' } });
    const current = sheetOf(own.blocks, 'Ⅰ-1').tables.find((t) => t.caption === '指標')!;
    expect(current.rows.map((r) => r.cells.actual)).toEqual([9_600, 51_600]);
    expect(current.notes).toHaveLength(1);
    await core.close();
  });

  it('writes the 区分 as the prefecture does: 区分Ⅱ, or 区分2 once the setting says so', async () => {
    const core = await demoCore();
    await core.call('settings.update', { fundCategoryNotation: 'arabic' });
    const doc = await core.call('report.doc', { name: 'fund.plan', params: { fy: 2023, date: '2024-03-31' } });
    expect(sheetOf(doc.blocks, 'Ⅱ-1').items.get('事業の区分')).toBe('区分2 居宅等における医療の提供に関する事業');
    const list = doc.blocks.find((b) => b.type === 'table' && b.rows.some((r) => r.cells.name === '区分1-1 小計')) as TableBlock;
    expect(list.rows.filter((r) => r.kind === 'subtotal').map((r) => r.cells.name)).toContain('区分6 小計');
    const evaluation = await core.call('report.doc', { name: 'fund.evaluation', params: { fy: 2023, date: '2024-05-31' } });
    expect(
      evaluation.blocks.some((b) => b.type === 'heading' && b.text === 'Ⅱ-1　在宅医療推進センター整備事業（区分2・新潟県医師会）'),
    ).toBe(true);
    await core.close();
  });
});

describe('the 事後評価 in the national layout', () => {
  it('prints 実施状況, the outcome observed or not with the alternative indicator, 有効性・効率性, その他, and planned against executed', async () => {
    const core = await demoCore();
    const doc = await core.call('report.doc', { name: 'fund.evaluation', params: { fy: 2023, date: '2024-05-31' } });
    const center = sheetOf(doc.blocks, 'Ⅱ-1　在宅医療推進センター整備事業');
    expect(Object.fromEntries(center.items)).toMatchObject({
      事業の期間: '令和5年4月1日～令和6年3月31日',
      アウトカム指標の観察: '観察できた',
      観察できた指標の値: '（デモ）在宅医療ICTシステムを運用する郡市医師会数 12医師会（令和6年3月31日）',
      代替的な指標: '―',
    });
    expect(center.items.get('事業の実施状況')).toContain('17センター');
    const money = center.tables.find((t) => t.caption === '事業に要する費用の額（計画額と執行額）')!;
    // Planned 84,586,000; executed is what the 補助金's decisions booked (84,185,000).
    expect(money.rows[0]!.cells).toMatchObject({ planned: 84_586_000, executed: 84_185_000 });
    expect(center.items.get('(1) 事業の有効性')).toMatch(/^（デモ）全圏域にセンター/);
    expect(center.items.get('(2) 事業の効率性')).toMatch(/^（デモ）/);
    expect(center.items.get('その他')).toBe('17か所すべてで相談窓口を運営した。');
    expect(center.tables.map((t) => t.caption)).toContain('事業の有効性・効率性');

    const doctors = sheetOf(doc.blocks, 'Ⅳ-1');
    expect(doctors.items.get('アウトカム指標の観察')).toBe('観察できなかった');
    expect(doctors.items.get('観察できなかった理由')).toContain('年度内には観察できなかった');
    expect(doctors.items.get('代替的な指標')).toBe('（デモ）修学資金の貸与者数 34人（令和6年3月31日）');
    await core.close();
  });

  it('asks for the alternative indicator when the outcome could not be observed, and audits a change', async () => {
    const core = await demoCore();
    const center = await projectId(core, 'Ⅱ-1');
    const before = await core.call('fund.evaluation.get', { projectId: center, fiscalYear: 2023 });
    expect(await core.dispatch('fund.evaluation.save', { ...before, outcomeObserved: false, alternativeIndicator: '' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('代替的な指標を入力してください') },
    });
    const audits = (await core.call('audit.list', { entity: 'fund_evaluation' })).total;
    await core.call('fund.evaluation.save', { ...before, efficiency: '見直した効率性' });
    expect((await core.call('fund.evaluation.get', { projectId: center, fiscalYear: 2023 })).efficiency).toBe('見直した効率性');
    expect((await core.call('audit.list', { entity: 'fund_evaluation' })).total).toBe(audits + 1);
    await core.close();
  });
});

describe('the national fields in the plan workbook', () => {
  it('writes them out, reads them back unchanged, takes an edit and refuses a bad date naming row and column', async () => {
    const core = await demoCore();
    const version = (await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).version!;
    const out = await core.call('fund.import.workbook', { side: 'medical', versionId: version.id });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(Buffer.from(out.data, 'base64')).buffer);
    const sheet = book.getWorksheet('事業一覧')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    let centerRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).text === 'Ⅱ-1') centerRow = n;
    });
    const cell = (name: string) => sheet.getRow(centerRow).getCell(col(name));
    expect(cell('事業の期間（開始日）').text).toBe('令和5年4月1日');
    expect(cell('事業の期間（終了日）').text).toBe('令和6年3月31日');
    expect(cell('事業の対象となる区域').text).toBe('県全域（下越、新潟、県央、中越、魚沼、上越、佐渡）');
    expect(cell('アウトカム指標').text).toBe('在宅医療ICTシステムを運用する郡市医師会数');
    expect([
      cell('アウトカム指標の現状値').text,
      cell('現状値の時点').text,
      cell('アウトカム指標の目標値').text,
      cell('目標値の時点').text,
    ]).toEqual(['12', '令和5年3月31日', '16', '令和6年3月31日']);
    const data = async () => Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const upload = { side: 'medical' as const, versionId: version.id, fileName: '事業一覧.xlsx' };
    expect((await core.call('fund.import.preview', { ...upload, data: await data() })).counts).toEqual({
      new: 0,
      changed: 0,
      unchanged: 4,
      error: 0,
    });

    cell('事業の目標').value = '全圏域で24時間の相談体制を整える';
    cell('目標値の時点').value = '令和6年2月30日';
    const bad = await core.call('fund.import.preview', { ...upload, data: await data() });
    expect(bad.counts.error).toBe(1);
    expect(bad.rows.find((r) => r.status === 'error')).toMatchObject({
      rowNumber: centerRow,
      errors: [{ header: '目標値の時点', message: expect.stringContaining('「令和6年2月30日」は日付として読めません') }],
    });
    expect(await core.dispatch('fund.import.commit', { ...upload, data: await data() })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`「事業一覧.xlsx」にはエラーのある行が 1 行あるため取り込めません（${centerRow}行目:`) },
    });

    cell('目標値の時点').value = '令和6年3月31日';
    const good = await core.call('fund.import.preview', { ...upload, data: await data() });
    expect(good.rows.find((r) => r.status === 'changed')?.changes).toEqual([
      { field: '事業の目標', before: expect.stringContaining('（デモ）'), after: '全圏域で24時間の相談体制を整える' },
    ]);
    await core.call('fund.import.commit', { ...upload, data: await data() });
    const saved = (await core.call('fund.projects.list', { side: 'medical' })).find((p) => p.number === 'Ⅱ-1')!;
    expect(saved.goal).toBe('全圏域で24時間の相談体制を整える');
    // The indicators came back whole: the outcome's days and the 実績値 kept.
    expect(saved.indicators.find((i) => i.kind === 'outcome')).toMatchObject({
      baselineOn: '2023-03-31',
      targetOn: '2024-03-31',
      actual: 1200,
    });
    await core.close();
  });
});
