import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { ACTIVITY_SAME_MONTHS_NOTE, ACTIVITY_SOURCES, ACTIVITY_THEMES } from '@shared/survey/activity';
import type { Answers } from '@shared/survey/answers';
import { engines } from '@tests/support/engines';
import { readWorkbook } from '@tests/support/files';
import { newCenter } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { MIGRATIONS } from '../kernel/db/migrations';

/** A month's answer: counts by source and by theme in the definition's order. */
function month(sources: number[], themes: number[], extra: { meetings?: number; trainings?: number; homeDeaths?: number } = {}): Answers {
  const answers: Answers = { meetings_held: extra.meetings ?? 0, trainings_held: extra.trainings ?? 0 };
  ACTIVITY_SOURCES.forEach((s, i) => (answers[s.code] = sources[i]!));
  ACTIVITY_THEMES.forEach((t, i) => (answers[t.code] = themes[i]!));
  if (extra.homeDeaths !== undefined) answers.home_deaths = extra.homeDeaths;
  return answers;
}

async function twoCenters(core: Core): Promise<{ a: string; b: string }> {
  const save = (name: string) => core.call('masters.centers.save', newCenter(name));
  return { a: String((await save('（架空）A在宅医療推進センター')).id), b: String((await save('（架空）B在宅医療推進センター')).id) };
}

async function monthRound(core: Core, fiscalYear: number, referenceDate: string): Promise<number> {
  const summary = await core.call('survey.activity.summary', { fiscalYear });
  return summary.months.find((m) => m.month === referenceDate)!.roundId!;
}

/** The 回答 cell beside a question, found by reading the 設問 column as a center's clerk would. */
function answerCell(workbook: ExcelJS.Workbook, label: string): ExcelJS.Cell {
  const sheet = workbook.getWorksheet('回答')!;
  for (let row = 1; row <= sheet.rowCount; row += 1)
    if (String(sheet.getCell(row, 2).value ?? '').startsWith(label)) return sheet.getCell(row, 3);
  throw new Error(`no question ${label}`);
}

for (const engine of engines()) {
  describe(`センター活動実績 (${engine.name})`, () => {
    it('opens a 年度 as 12 monthly rounds plus the 活動計画書 and 活動報告書, once', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await twoCenters(core);
      const opened = await core.call('survey.activity.openYear', { fiscalYear: 2023 });
      expect(opened.created).toBe(14);
      expect(opened.summary.months.map((m) => m.label)).toEqual([
        ...['4', '5', '6', '7', '8', '9', '10', '11', '12'].map((m) => `令和5年${m}月`),
        ...['1', '2', '3'].map((m) => `令和6年${m}月`),
      ]);
      expect(opened.summary.months.every((m) => m.roundId !== null && m.targets === 2 && m.valid === 0)).toBe(true);
      expect(opened.summary.planRoundId).not.toBeNull();
      expect(opened.summary.reportRoundId).not.toBeNull();
      expect((await core.call('survey.activity.openYear', { fiscalYear: 2023 })).created).toBe(0);
      const titles = (await core.call('survey.rounds.list', {})).map((r) => r.title);
      expect(titles).toContain('令和5年4月分 センター活動実績');
      expect(titles).toContain('令和5年度 センター活動計画書');
    });

    it('sums the months per center and for all centers, and compares with the previous 年度 as an exact ratio', async () => {
      const core = await engine.open({ osUser: 'tester' });
      const { a, b } = await twoCenters(core);
      await core.call('survey.activity.openYear', { fiscalYear: 2022 });
      await core.call('survey.activity.openYear', { fiscalYear: 2023 });
      const april = await monthRound(core, 2023, '2023-04-01');
      const may = await monthRound(core, 2023, '2023-05-01');
      const lastApril = await monthRound(core, 2022, '2022-04-01');
      await core.call('survey.answers.saveMany', {
        roundId: april,
        entries: [
          { targetId: a, answers: month([3, 5, 4, 6, 2, 1, 0], [8, 6, 3, 2, 2], { meetings: 2, trainings: 1, homeDeaths: 4 }) },
          { targetId: b, answers: month([1, 2, 0, 3, 1, 0, 1], [3, 2, 1, 1, 1], { meetings: 1 }) },
        ],
      });
      await core.call('survey.answers.save', {
        roundId: may,
        targetId: a,
        answers: month([2, 2, 2, 2, 2, 2, 2], [4, 4, 2, 2, 2], { meetings: 1, homeDeaths: 2 }),
      });
      await core.call('survey.answers.save', { roundId: lastApril, targetId: a, answers: month([20, 0, 0, 0, 0, 0, 0], [20, 0, 0, 0, 0]) });
      // Saved as 要確認 (the totals differ): returned, but not counted.
      await core.call('survey.answers.save', {
        roundId: may,
        targetId: b,
        answers: month([9, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0]),
        incomplete: true,
      });

      const summary = await core.call('survey.activity.summary', { fiscalYear: 2023 });
      const total = summary.prefecture.current.total;
      expect(total.bySource).toEqual([6, 9, 6, 11, 5, 3, 3]);
      expect(total.byTheme).toEqual([15, 12, 6, 5, 5]);
      expect(total).toMatchObject({ consultations: 43, meetings: 4, trainings: 1, homeDeaths: 6, homeDeathReports: 2, reports: 3 });
      expect(summary.prefecture.current.months.map((m) => m.consultations)).toEqual([29, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(summary.months[1]).toMatchObject({ valid: 1, withErrors: 1, targets: 2 });
      expect(summary.prefecture.consultations).toEqual({
        current: 43,
        previous: 20,
        difference: 23,
        ratio: { numerator: 43, denominator: 20 },
      });
      const [ca, cb] = [a, b].map((id) => summary.centers.find((c) => c.key === id)!);
      expect(ca!.consultations).toEqual({ current: 35, previous: 20, difference: 15, ratio: { numerator: 7, denominator: 4 } });
      expect(cb!.consultations).toEqual({ current: 8, previous: 0, difference: 8, ratio: null });
      expect(summary.previousRounds).toBe(12);
      // Every report of the previous 年度 has its month reported this 年度: nothing left out, nothing to say.
      expect(summary.sameMonthsOnly).toBe(false);
      // No 圏域 set for these centers: they fall in 圏域未設定, which holds everything.
      expect(summary.areas.map((x) => [x.name, x.current.total.consultations])).toEqual([['（圏域未設定）', 43]]);
    });

    it('starts a month’s form blank, not from the month before, and a form returned untouched is not taken as an answer', async () => {
      const core = await engine.open({ osUser: 'tester' });
      const { a } = await twoCenters(core);
      await core.call('survey.activity.openYear', { fiscalYear: 2023 });
      const april = await monthRound(core, 2023, '2023-04-01');
      const may = await monthRound(core, 2023, '2023-05-01');
      await core.call('survey.answers.save', { roundId: april, targetId: a, answers: APRIL });

      // Neither the answer drawer nor the file offers April's counts for May.
      expect((await core.call('survey.answers.get', { roundId: may, targetId: a })).previous).toBeNull();
      const { form, workbook, untouched } = await monthForm(core, may, a);
      expect(form.prefill).toBeNull();
      for (const label of ['相談件数（相談者別）: 本人・家族', '相談件数（相談内容別）: 退院支援', '会議の開催回数', '在宅看取り数'])
        expect(answerCell(workbook, label).value, label).toBeNull();
      expect(untouched).toMatchObject({ status: 'errors', answers: {} });
      expect(untouched.errors[0]).toMatchObject({
        cell: answerCell(workbook, '相談件数（相談者別）: 本人・家族').address,
        message: '「相談件数（相談者別）: 本人・家族」が未回答です。回答を入力してください。',
      });
      const committed = await core.call('survey.files.commit', { roundId: may, files: [{ fileName: form.fileName, data: form.data }] });
      expect(committed.saved).toEqual([]);
      expect((await core.call('survey.rounds.get', { id: may })).tracker).toMatchObject({ valid: 0, withErrors: 0 });
    });

    it('refuses a month whose 相談者別 and 相談内容別 totals differ, naming both totals and the fields', async () => {
      const core = await engine.open({ osUser: 'tester' });
      const { a } = await twoCenters(core);
      await core.call('survey.activity.openYear', { fiscalYear: 2023 });
      const april = await monthRound(core, 2023, '2023-04-01');
      await expect(
        core.call('survey.answers.save', { roundId: april, targetId: a, answers: month([3, 5, 4, 6, 2, 1, 0], [8, 6, 3, 2, 1]) }),
      ).rejects.toMatchObject({
        message: expect.stringContaining(
          '相談件数の検算: 相談者別の合計（21件）と相談内容別の合計（20件）が一致しません（差 1件）。相談者別（相談件数（相談者別）: 本人・家族・',
        ),
      });
    });

    it('takes a month back from a workbook filled in as a center would: preview shows the 検算 error at its cell, the corrected file is committed and summed', async () => {
      const core = await engine.open({ osUser: 'tester', now: () => new Date('2023-05-10T10:00:00+09:00') });
      const { a } = await twoCenters(core);
      await core.call('survey.activity.openYear', { fiscalYear: 2023 });
      const april = await monthRound(core, 2023, '2023-04-01');
      const form = await core.call('survey.forms.file', { roundId: april, targetId: a });
      expect(form.fileName).toBe('センター活動実績（月次）_令和5年度_（架空）A在宅医療推進センター.xlsx');

      const workbook = await readWorkbook(form.data);
      const sources = [12, 9, 7, 8, 3, 2, 1];
      const themes = [15, 10, 6, 7, 3];
      ACTIVITY_SOURCES.forEach((s, i) => (answerCell(workbook, `相談件数（相談者別）: ${s.label}`).value = sources[i]!));
      ACTIVITY_THEMES.forEach((t, i) => (answerCell(workbook, `相談件数（相談内容別）: ${t.label}`).value = themes[i]!));
      answerCell(workbook, '会議の開催回数').value = 3;
      answerCell(workbook, '研修の開催回数').value = 1;
      answerCell(workbook, '在宅看取り数').value = 5;
      const file = async () => ({ fileName: '4月分_A.xlsx', data: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') });

      // 42 by source, but その他 by theme typed 3 instead of 4: 41.
      const bad = await core.call('survey.files.preview', { roundId: april, files: [await file()] });
      expect(bad.files[0]!.status).toBe('errors');
      expect(bad.files[0]!.errors).toEqual([
        expect.objectContaining({
          sheet: '回答',
          cell: answerCell(workbook, '相談件数（相談内容別）: 退院支援').address,
          message: expect.stringContaining('相談件数の検算: 相談者別の合計（42件）と相談内容別の合計（41件）が一致しません（差 1件）'),
        }),
      ]);
      expect((await core.call('survey.activity.summary', { fiscalYear: 2023 })).prefecture.current.total.consultations).toBe(0);

      answerCell(workbook, '相談件数（相談内容別）: その他').value = 4;
      const good = await core.call('survey.files.preview', { roundId: april, files: [await file()] });
      expect(good.files[0]).toMatchObject({ status: 'accepted', errors: [] });
      const committed = await core.call('survey.files.commit', { roundId: april, files: [await file()] });
      expect(committed.saved.map((x) => x.target.id)).toEqual([a]);

      const summary = await core.call('survey.activity.summary', { fiscalYear: 2023 });
      expect(summary.months[0]).toMatchObject({ valid: 1, targets: 2 });
      expect(summary.prefecture.current.total).toMatchObject({
        bySource: sources,
        byTheme: [15, 10, 6, 7, 4],
        consultations: 42,
        meetings: 3,
        trainings: 1,
        homeDeaths: 5,
        homeDeathReports: 1,
      });
    });
  });
}

/** A month's form for a center: its note, the workbook, and the form as the center would send it back untouched. */
async function monthForm(core: Core, roundId: number, targetId: string) {
  const form = await core.call('survey.forms.file', { roundId, targetId });
  const workbook = await readWorkbook(form.data);
  const untouched = await core.call('survey.files.preview', { roundId, files: [{ fileName: form.fileName, data: form.data }] });
  return { form, workbook, untouched: untouched.files[0]! };
}

const APRIL = month([3, 5, 4, 6, 2, 1, 0], [8, 6, 3, 2, 2], { meetings: 2, trainings: 1, homeDeaths: 4 });

describe('a database made before the monthly form stopped carrying the month before over (migration 0023)', () => {
  it('sends the monthly form blank once this Renkei opens it; the clinic and staffing surveys still carry over', async () => {
    const dbPath = path.join(tempDir(), 'before.sqlite');
    const beforeMigration = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0023'));
    const earlier = await Core.open({ dbPath, osUser: 'tester', migrations: beforeMigration });
    const { a } = await twoCenters(earlier);
    await earlier.call('survey.activity.openYear', { fiscalYear: 2023 });
    const april = await monthRound(earlier, 2023, '2023-04-01');
    const may = await monthRound(earlier, 2023, '2023-05-01');
    await earlier.call('survey.answers.save', { roundId: april, targetId: a, answers: APRIL });
    await earlier.close();
    // The definition as an earlier Renkei stored it: no word on carrying over, so it did.
    const raw = new BetterSqlite3(dbPath);
    raw.exec(`UPDATE survey_definition_version SET body = replace(body, ',"carryOver":false', '')`);
    raw.close();
    const old = await Core.open({ dbPath, osUser: 'tester', migrations: beforeMigration });
    expect((await old.call('survey.forms.file', { roundId: may, targetId: a })).prefill).toMatchObject({ kind: 'previous' });
    await old.close();

    const core = await Core.open({ dbPath, osUser: 'tester' });
    const { form, untouched } = await monthForm(core, may, a);
    expect(form.prefill).toBeNull();
    expect(untouched.status).toBe('errors');
    const others = (await core.call('survey.definitions.list', {})).filter((d) => !d.name.startsWith('センター活動実績（月次）'));
    for (const d of others) expect((await core.call('survey.definitions.get', { id: d.id })).definition.carryOver).toBe(true);
    await core.close();
  });
});

describe('the demo prefecture (17 fictional centers, 令和4・5年度)', () => {
  it('has every month of both years, 15 / 17 for 令和6年3月, by-source = by-theme everywhere, tens a month per center and a 前年度比 per 圏域', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'demo.sqlite'), osUser: 'tester' });
    await core.call('app.demo.load', {});
    const summary = await core.call('survey.activity.summary', { fiscalYear: 2023 });
    expect(summary.centers).toHaveLength(17);
    expect(summary.months.map((m) => m.valid)).toEqual([...Array(11).fill(17), 15]);
    expect(summary.previousRounds).toBe(12);
    expect(summary.areas.map((a) => a.name)).toEqual(['下越', '新潟', '県央', '中越', '魚沼', '上越', '佐渡', '県全域（基幹）']);
    for (const unit of [summary.prefecture, ...summary.areas, ...summary.centers]) {
      const { bySource, byTheme, consultations } = unit.current.total;
      expect(bySource.reduce((a, b) => a + b, 0)).toBe(consultations);
      expect(byTheme.reduce((a, b) => a + b, 0)).toBe(consultations);
    }
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(summary.areas.map((a) => a.current.total.consultations))).toBe(summary.prefecture.current.total.consultations);
    for (const c of summary.centers) {
      const perMonth = c.current.total.consultations / c.current.total.reports;
      expect(perMonth).toBeGreaterThanOrEqual(10);
      expect(perMonth).toBeLessThan(100);
    }
    expect(summary.prefecture.consultations.difference).toBeGreaterThan(0);
    expect(summary.planRoundId).not.toBeNull();

    // 見附 and 佐渡 have not reported 3月: last year is counted over the same 11 months, so both read as growing.
    const named = (prefix: string) => summary.centers.find((c) => c.name.startsWith(prefix))!;
    const [mitsuke, sado] = [named('見附'), named('佐渡')];
    expect(mitsuke.current.months[11]!.reports).toBe(0);
    expect(mitsuke.previous.total.consultations).toBe(317);
    expect(mitsuke.consultations).toEqual({ current: 304, previous: 293, difference: 11, ratio: { numerator: 304, denominator: 293 } });
    expect(sado.consultations).toEqual({ current: 326, previous: 298, difference: 28, ratio: { numerator: 163, denominator: 149 } });
    expect(summary.sameMonthsOnly).toBe(true);
    // 圏域 and all centers: each center's own months, then summed.
    for (const whole of [summary.prefecture, ...summary.areas]) {
      const inIt = summary.centers.filter((c) => whole === summary.prefecture || c.areaName === whole.name);
      expect(whole.consultations.previous).toBe(sum(inIt.map((c) => c.consultations.previous)));
      expect(whole.comparable.bySource.reduce((a, b) => a + b, 0)).toBe(whole.consultations.previous);
    }
    const leftOut = mitsuke.previous.months[11]!.consultations + sado.previous.months[11]!.consultations;
    expect(summary.prefecture.consultations.previous).toBe(summary.prefecture.previous.total.consultations - leftOut);

    // The report says so and prints the same figures.
    const report = await core.call('report.doc', { name: 'survey.activity', params: { fy: 2023 } });
    const figures = report.blocks.find((b) => b.type === 'figures')!;
    expect(figures.items[1]).toMatchObject({ label: '令和4年度（同じ月分）', value: summary.prefecture.consultations.previous });
    const centers = report.blocks.findLast((b) => b.type === 'table')!;
    expect(centers.rows.find((r) => r.cells.name === mitsuke.name)!.cells).toMatchObject({
      current: 304,
      previous: 293,
      difference: 11,
      ratio: { numerator: 304, denominator: 293 },
    });
    expect(centers.notes).toContain(ACTIVITY_SAME_MONTHS_NOTE);
    await core.close();
  }, 120_000);
});
