/**
 * センター活動実績 in Chromium against the demo prefecture: from 調査 to the
 * activity screen, which opens on 令和5年度 (the newest 年度 with monthly
 * rounds) and shows the figures the core sums from the 17 centers' monthly
 * answers — 相談件数 with 前年度比, 令和6年3月 at 15 / 17, every 二次医療圏 and
 * center — and leads to the formal report of the same 年度.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { formatNumber, formatRate } from '@shared/format';
import { ACTIVITY_SAME_MONTHS_NOTE } from '@shared/survey/activity';
import { useApp } from '../support/app';

const { demoDbPath, serve, open, tempDir } = useApp();

describe('センター活動実績 in Chromium', () => {
  it('shows the demo centers’ 令和5年度 activity summed, by 圏域 and by center, with 前年度比 and the report link', async () => {
    const dbPath = demoDbPath();
    // The expected figures, read by the core from a copy of the same database.
    const copy = path.join(tempDir(), 'copy.sqlite');
    fs.copyFileSync(dbPath, copy);
    const core = await Core.open({ dbPath: copy, osUser: 'tester' });
    const expected = await core.call('survey.activity.summary', { fiscalYear: 2023 });
    await core.close();
    const whole = expected.prefecture;
    expect(whole.current.total.consultations).toBeGreaterThan(whole.consultations.previous);
    // 令和6年3月 is 15 / 17: the previous 年度 is counted over the months each center reported.
    expect(whole.consultations.previous).toBeLessThan(whole.previous.total.consultations);

    const host = await serve(dbPath);
    const { page, problems } = await open(`${host.url}#/survey`);
    await page.getByRole('link', { name: 'センター活動実績', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'センター活動実績' }).waitFor();
    const figures = page.getByTestId('activity-figures');
    await figures.waitFor();
    const text = await figures.textContent();
    expect(text).toContain(`相談件数${formatNumber(whole.current.total.consultations)}件`);
    expect(text).toContain(`令和4年度（同じ月分）${formatNumber(whole.consultations.previous)}件`);
    expect(text).toContain(`前年度比${formatRate(whole.consultations.ratio!.numerator, whole.consultations.ratio!.denominator)}`);

    const months = page.getByRole('table', { name: '月次報告の状況' });
    expect(await months.locator('tbody tr', { hasText: '令和6年3月' }).textContent()).toContain('15 / 17');
    const areas = page.getByRole('table', { name: '二次医療圏別の活動実績' });
    // The 7 areas and the 基幹 center's own row (it covers the whole prefecture).
    expect(await areas.locator('tbody tr').allTextContents()).toHaveLength(8);
    expect(await areas.locator('tbody tr').last().textContent()).toContain('県全域（基幹）');
    const kaetsu = expected.areas.find((a) => a.name === '下越')!;
    expect(await areas.locator('tbody tr', { hasText: '下越' }).locator('td').nth(1).textContent()).toBe(
      formatNumber(kaetsu.consultations.current),
    );
    const centers = page.getByRole('table', { name: 'センター別の活動実績' });
    expect(await centers.locator('tbody tr').count()).toBe(17);
    const mitsuke = centers.locator('tbody tr', { hasText: '見附市' }).locator('td');
    expect(await mitsuke.nth(3).textContent()).toBe('293');
    expect(await mitsuke.nth(4).textContent()).toBe('+11');
    expect(await page.getByText(ACTIVITY_SAME_MONTHS_NOTE).count()).toBe(3);
    expect(await page.getByTestId('activity-chart-sources').getAttribute('aria-label')).toContain(
      `令和5年度: 本人・家族 ${formatNumber(whole.current.total.bySource[0]!)}件`,
    );

    // The same charts for one 圏域, then one center, with their own figures; the heading names what is shown.
    const target = page.getByLabel('グラフの対象');
    const chartsTitle = page.locator('#activity-charts-title');
    const sources = page.getByTestId('activity-chart-sources');
    await target.selectOption({ label: '下越' });
    await expect.poll(() => chartsTitle.textContent()).toBe('グラフ（下越）');
    await expect
      .poll(() => sources.getAttribute('aria-label'))
      .toContain(`令和5年度: 本人・家族 ${formatNumber(kaetsu.current.total.bySource[0]!)}件`);
    expect(await sources.getAttribute('aria-label')).toContain(
      `令和4年度（同じ月分）: 本人・家族 ${formatNumber(kaetsu.comparable.bySource[0]!)}件`,
    );
    const center = expected.centers.find((c) => c.name === '佐渡市在宅医療推進センター')!;
    await target.selectOption({ label: center.name });
    await expect.poll(() => chartsTitle.textContent()).toBe(`グラフ（${center.name}）`);
    const monthly = center.current.months.map((m) => m.consultations);
    await expect
      .poll(() => page.getByTestId('activity-chart-months').getAttribute('aria-label'))
      .toContain(`令和5年度: 4月 ${formatNumber(monthly[0]!)}件、5月 ${formatNumber(monthly[1]!)}件`);
    await target.selectOption({ label: '全センター' });
    await expect.poll(() => chartsTitle.textContent()).toBe('グラフ（全センター）');

    expect(await page.getByRole('link', { name: '帳票（PDF・Excel）' }).getAttribute('href')).toBe('#/report/view/survey.activity?fy=2023');
    expect(problems).toEqual([]);
    // Making the demo database (renkei init --demo) takes a while on a busy machine.
  }, 240_000);
  it('asks a month’s 相談件数 in two rows, each under the form’s own heading', async () => {
    const dbPath = demoDbPath();
    const copy = path.join(tempDir(), 'copy.sqlite');
    fs.copyFileSync(dbPath, copy);
    const core = await Core.open({ dbPath: copy, osUser: 'tester' });
    const round = (await core.call('survey.rounds.list', {})).find((r) => r.title === '令和6年3月分 センター活動実績')!;
    await core.close();

    const host = await serve(dbPath);
    const { page, problems } = await open(`${host.url}#/survey/rounds/${round.id}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    const missing = page.getByRole('list', { name: '未回収のセンター' }).getByRole('button');
    await missing.first().click();
    const drawer = page.getByRole('dialog', { name: /の回答$/ });
    const groups = drawer.locator('fieldset.survey-number-group');
    await groups.first().waitFor();
    const legends = await groups.locator('legend').allTextContents();
    expect(legends.slice(0, 2)).toEqual(['相談件数（相談者別）（件）必須', '相談件数（相談内容別）（件）必須']);
    expect(await groups.first().getByLabel('本人・家族', { exact: true }).count()).toBe(1);
    expect(await groups.nth(1).getByLabel('退院支援', { exact: true }).count()).toBe(1);
    // The 相談内容別 boxes start below the 相談者別 ones.
    const bySource = (await groups.first().boundingBox())!;
    const byTheme = (await groups.nth(1).boundingBox())!;
    expect(byTheme.y).toBeGreaterThanOrEqual(bySource.y + bySource.height);
    await page.screenshot({ path: process.env.RENKEI_SHOT ?? path.join(tempDir(), 'activity-answer.png') });
    expect(problems).toEqual([]);
  }, 240_000);
});
