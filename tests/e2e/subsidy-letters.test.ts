/**
 * The subsidy's letters from the subsidy screen, in Chromium against the demo
 * prefecture: all centers' 交付決定通知書 as one PDF, numbered consecutively
 * from the 文書番号 register, read back with pdf.js; a second batch (額の確定)
 * continues the numbers; a year's numbering set from full-width digits.
 * Pages and screens go to /tmp/shots-letters to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { readPdf } from '../support/pdf';

const { demoDbPath, serve, open, tempDir } = useApp();
const SHOTS = '/tmp/shots-letters';

describe('文書を作成 on the subsidy screen', () => {
  it("makes all centers' 交付決定通知書 as one PDF with register numbers in order, and a second batch continues them", async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/subsidy/2023`);
    const panel = page.getByRole('region', { name: '文書を作成' });
    await panel.getByLabel('文書', { exact: true }).selectOption('decision');
    await panel.getByLabel('文書の日付').fill('令和5年5月19日');
    await panel.getByLabel('文書の日付').press('Tab');
    await page.setViewportSize({ width: 1366, height: 768 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'year-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(SHOTS, 'year-1920.png') });

    const download = page.waitForEvent('download', { timeout: 240_000 });
    await panel.getByRole('button', { name: '文書を作成（PDF）' }).click();
    const file = path.join(tempDir(), 'decisions.pdf');
    await (await download).saveAs(file);
    const pdf = await readPdf(fs.readFileSync(file));
    const numbers = pdf.pages.flatMap((p) => p.text.match(/新医薬第\d+号/g) ?? []);
    expect(numbers.length).toBe(17);
    expect(numbers).toEqual(Array.from({ length: 17 }, (_, i) => `新医薬第${1001 + i}号`));
    const first = pdf.pages[0]!.text;
    expect(first).toContain('交付決定通知書');
    expect(first).toContain('令和5年5月19日');
    expect(first).toContain('医師会長');
    expect(first).toContain('交付の条件');
    expect(first).toContain('要綱第4条');
    expect(pdf.pages.some((p) => p.text.includes('4,453,000円'))).toBe(true);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(SHOTS, 'decision')]);

    // 額の確定通知書 for all, dated in 令和6年度: numbered from 令和6年度's register, which the demo sets too.
    await panel.getByLabel('文書', { exact: true }).selectOption('settlement');
    await panel.getByLabel('文書の日付').fill('令和6年5月17日');
    await panel.getByLabel('文書の日付').press('Tab');
    await expect.poll(() => panel.textContent()).toContain('次の番号：令和6年度の新医薬第1001号');
    expect(await panel.getByRole('form', { name: '文書番号の設定' }).count()).toBe(0);
    await page.setViewportSize({ width: 1366, height: 768 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'settlement-series-1366.png') });
    const second = page.waitForEvent('download', { timeout: 240_000 });
    await panel.getByRole('button', { name: '文書を作成（PDF）' }).click();
    const settled = path.join(tempDir(), 'settlements.pdf');
    await (await second).saveAs(settled);
    const again = await readPdf(fs.readFileSync(settled));
    expect(again.pages[0]!.text).toContain('新医薬第1001号');
    // 令和6年度's register lists them, saying which year they concern; 令和5年度's ends with the decisions.
    expect((await host.call('subsidy.register.get', { fiscalYear: 2023 })).nextNumber).toBe(1018);
    expect(again.pages[0]!.text).toContain('額の確定通知書');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', settled, path.join(SHOTS, 'settlement')]);

    // 実績報告書 (センターが提出) with its 精算額調書, for the screenshots of its pages.
    await panel.getByLabel('文書', { exact: true }).selectOption('actual_report');
    const third = page.waitForEvent('download', { timeout: 240_000 });
    await panel.getByRole('button', { name: '文書を作成（PDF）' }).click();
    const reports = path.join(tempDir(), 'reports.pdf');
    await (await third).saveAs(reports);
    const report = await readPdf(fs.readFileSync(reports));
    expect(report.pages.some((p) => p.text.includes('精算額調書') && p.text.includes('(D) 差引額'))).toBe(true);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', reports, path.join(SHOTS, 'actual')]);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  }, 600_000);
  // A batch written by the core (no browser) takes well under a second here, before the screen's first look at its
  // progress: its 中止 is tested in the core, cancelled between letters (report/reports.test.ts, 「stops a batch
  // cancelled while it makes the letters」).
  it('makes the largest batch of the demo whole, one 様式第1号 per center', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/subsidy/2023`);
    const panel = page.getByRole('region', { name: '文書を作成' });
    // Every center's 交付申請書 (様式第1号, with its 事業計画書 and 収支予算書): the largest batch of the demo.
    await panel.getByLabel('文書', { exact: true }).selectOption('application');
    const centers = (await host.call('subsidy.letters.data', { fiscalYear: 2023, kind: 'application' })).length;
    expect(centers).toBeGreaterThan(10);
    const download = page.waitForEvent('download', { timeout: 240_000 });
    await panel.getByRole('button', { name: '文書を作成（PDF）' }).click();
    const file = path.join(tempDir(), 'applications.pdf');
    await (await download).saveAs(file);
    const pdf = await readPdf(fs.readFileSync(file));
    expect(pdf.pages.filter((p) => p.text.includes('様式第1号')).length).toBe(centers);
    expect(await panel.getByRole('alert').count()).toBe(0);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  }, 600_000);

  it('sets a year’s 文書番号 from a next number typed in full-width digits, and says under the field what it cannot read (QA: 「１００１」 was refused)', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const host = await serve(demoDbPath());
    await host.call('subsidy.rules.copy', { from: 2023, to: 2025 });
    const { page, problems } = await open(`${host.url}#/subsidy/2025`);
    const panel = page.getByRole('region', { name: '文書を作成' });
    const series = panel.getByRole('form', { name: '文書番号の設定' });
    await series.getByLabel('頭書き').fill('新医薬第');
    const next = series.getByLabel('次の番号');

    // Unreadable: said under the field, nothing sent.
    await next.fill('千一');
    await series.getByRole('button', { name: '文書番号を設定' }).click();
    await expect.poll(() => series.getByRole('alert').textContent()).toBe('「千一」は0以上の整数ではありません');
    expect((await host.call('subsidy.register.get', { fiscalYear: 2025 })).prefix).toBeNull();

    await next.fill('１，００１');
    await page.setViewportSize({ width: 1366, height: 768 });
    await series.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'series-1366.png') });
    await series.getByRole('button', { name: '文書番号を設定' }).click();
    await expect.poll(() => panel.textContent()).toContain('次の番号：新医薬第1001号');
    expect(await host.call('subsidy.register.get', { fiscalYear: 2025 })).toMatchObject({ prefix: '新医薬第', nextNumber: 1001 });
    expect(problems).toEqual([]);
  });

  it('takes the first 文書番号 as typed into 次の番号, which starts empty (QA: 1001 typed after a pre-filled 1 became 第11001号)', async () => {
    const host = await serve(demoDbPath());
    await host.call('subsidy.rules.copy', { from: 2023, to: 2025 });
    const { page, problems } = await open(`${host.url}#/subsidy/2025`);
    const series = page.getByRole('region', { name: '文書を作成' }).getByRole('form', { name: '文書番号の設定' });
    await series.getByLabel('頭書き').click();
    await page.keyboard.type('長医政第');
    const next = series.getByLabel('次の番号');
    await next.click();
    await page.keyboard.type('1001');
    expect(await next.inputValue()).toBe('1001');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: '文書を作成' }).textContent()).toContain('次の番号：長医政第1001号');
    expect(await host.call('subsidy.register.get', { fiscalYear: 2025 })).toMatchObject({ prefix: '長医政第', nextNumber: 1001 });

    // Nothing typed: said under the field, nothing sent.
    await host.call('subsidy.rules.copy', { from: 2023, to: 2026 });
    await page.goto(`${host.url}#/subsidy/2026`);
    const empty = page.getByRole('region', { name: '文書を作成' }).getByRole('form', { name: '文書番号の設定' });
    await empty.getByRole('button', { name: '文書番号を設定' }).click();
    await expect.poll(() => empty.getByRole('alert').textContent()).toBe('次の番号を入力してください（例: 1001）');
    expect((await host.call('subsidy.register.get', { fiscalYear: 2026 })).prefix).toBeNull();
    expect(problems).toEqual([]);
  });

  it("starts a letter's date at its step's, refuses one before the step, and says when a numbered letter keeps its date", async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/subsidy/2023`);
    await page.getByRole('link', { name: /^燕/ }).click();
    const panel = page.getByRole('region', { name: '文書を作成' });
    const date = panel.getByLabel('文書の日付');
    const settledOn = await page.locator('.subsidy-history tr', { hasText: '額の確定' }).last().textContent();
    // Not today (令和8年 on this machine or later): the day of the 額の確定 the letter reports.
    await panel.getByLabel('文書', { exact: true }).selectOption('settlement');
    const shown = await date.inputValue();
    expect(shown).toMatch(/^令和6年/);
    expect(settledOn).toContain(shown);

    // A day of 令和5年度 (whose register the demo has), before the 額の確定.
    await date.fill('令和6年3月1日');
    await date.press('Tab');
    await panel.getByRole('button', { name: 'Excel で作成' }).click();
    await expect.poll(() => panel.getByRole('alert').first().textContent()).toContain(`額の確定の日付より前です`);
    expect(await panel.getByRole('alert').first().textContent()).toContain(`${shown}以降の日付にしてください`);
    expect(await panel.locator('.subsidy-letters__note').textContent()).toContain('次の番号：新医薬第1001号');
    await page.setViewportSize({ width: 1366, height: 768 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'refused-1366.png') });

    // The 交付決定通知書 on its decision's day, then again with a later date: the number and date stay, and it says so.
    await panel.getByLabel('文書', { exact: true }).selectOption('decision');
    const decidedOn = await date.inputValue();
    const first = page.waitForEvent('download', { timeout: 240_000 });
    await panel.getByRole('button', { name: 'Excel で作成' }).click();
    await first;
    await expect.poll(() => panel.getByRole('status').count()).toBe(0);
    await date.fill('令和6年3月29日');
    await date.press('Tab');
    const second = page.waitForEvent('download', { timeout: 240_000 });
    await panel.getByRole('button', { name: 'Excel で作成' }).click();
    await second;
    const note = panel.getByRole('status').filter({ hasText: '作成済み' });
    await expect.poll(() => note.textContent()).toMatch(new RegExp(`^作成済み：${decidedOn}付け 新医薬第1001号のまま作成しました`));
    expect(await note.textContent()).toContain('令和6年3月29日 は使っていません');
    await page.setViewportSize({ width: 1366, height: 768 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'kept-1366.png') });
    // The one refused issue.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([expect.stringContaining('status of 422')]);
  }, 600_000);

  it('prints a numbered letter again with a date of a 年度 that has no 文書番号 set, and refuses only a letter that needs a new number', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/subsidy/2023`);
    await page.getByRole('link', { name: /^燕/ }).click();
    const panel = page.getByRole('region', { name: '文書を作成' });
    const date = panel.getByLabel('文書の日付');
    await panel.getByLabel('文書', { exact: true }).selectOption('decision');
    const decidedOn = await date.inputValue();
    const first = page.waitForEvent('download', { timeout: 240_000 });
    await panel.getByRole('button', { name: 'Excel で作成' }).click();
    await first;

    // 令和7年度 has no numbers set (the demo sets 令和5年度's and 令和6年度's): the letter numbered before still prints, with its number and date.
    await date.fill('令和7年4月10日');
    await date.press('Tab');
    await expect.poll(() => panel.getByRole('form', { name: '文書番号の設定' }).textContent()).toContain('令和7年度の文書番号');
    const told = (await panel.textContent())!;
    expect(told).toContain('作成済みの文書は、前の日付・文書番号のまま作成できます');
    // Said once: the note under it does not repeat it.
    expect(told.split('作成済みの文書').length - 1).toBe(1);
    const again = page.waitForEvent('download', { timeout: 240_000 });
    await panel.getByRole('button', { name: 'Excel で作成' }).click();
    await again;
    const note = panel.getByRole('status').filter({ hasText: '作成済み' });
    await expect.poll(() => note.textContent()).toMatch(new RegExp(`^作成済み：${decidedOn}付け 新医薬第1001号のまま作成しました`));

    // The 額の確定通知書 has no number yet: refused, saying which year's numbers to set.
    await panel.getByLabel('文書', { exact: true }).selectOption('settlement');
    await date.fill('令和7年6月10日');
    await date.press('Tab');
    await panel.getByRole('button', { name: 'Excel で作成' }).click();
    await expect.poll(() => panel.textContent()).toContain('令和7年度の文書番号の設定がありません');
    expect(await panel.textContent()).toContain('燕');
    expect((await host.call('subsidy.register.get', { fiscalYear: 2025 })).entries).toEqual([]);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([expect.stringContaining('status of 422')]);
  }, 600_000);

  it('says where a letter prints a character as 〓 and what to change, and still saves the PDF', async () => {
    const host = await serve(demoDbPath());
    // 𰻞 (biangbiang) is in no font the app ships: typed into the 知事's name in 設定, it goes onto each 申請書's 宛先.
    const biang = String.fromCodePoint(0x30ede);
    await host.call('settings.update', { governorName: `${biang}角　英世` });
    const [center] = (await host.call('masters.centers.list', { fiscalYear: 2023 })) as { id: number; name: string }[];
    const { page, problems } = await open(`${host.url}#/subsidy/2023/centers/${center!.id}`);
    const panel = page.getByRole('region', { name: '文書を作成' });
    await panel.getByLabel('文書', { exact: true }).selectOption('application');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await panel.getByRole('button', { name: '文書を作成（PDF）' }).click();
    const file = path.join(tempDir(), 'application.pdf');
    await (await download).saveAs(file);
    const notice = panel.getByTestId('letters-warnings');
    await notice.waitFor();
    const said = await notice.getByRole('paragraph').allTextContents();
    expect(said[0]).toMatch(new RegExp(`^${center!.name}の交付申請書を作成しました（.+\\.pdf）。〓 と印刷された字があります。$`));
    expect(said.slice(1)).toEqual([
      `「令和5年度新潟県在宅医療推進センター整備事業補助金交付申請書」の PDF 1ページ目、「新潟県知事　${biang}角　英世　様」の「${biang}」は、アプリのフォントにない字のため 〓 と印刷されています。元の入力（提出者・担当者・宛先は設定画面、名称は台帳）でこの字を一般的な字体かかなに置き換えてから、もう一度作成してください。`,
    ]);
    // What it names is what the PDF has.
    expect((await readPdf(fs.readFileSync(file))).pages[0]!.text).toContain('新潟県知事 〓角 英世 様');
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await notice.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `missing-${width}.png`) });
    }
    // Another letter made: the notice is of the last one only.
    await panel.getByLabel('文書', { exact: true }).selectOption('actual_report');
    expect(await panel.getByTestId('letters-warnings').count()).toBe(0);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  }, 300_000);
});
