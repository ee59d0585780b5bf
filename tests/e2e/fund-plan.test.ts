/**
 * 県計画（本文） in Chromium against the demo prefecture: the 令和5年度 text
 * opened from the year view, 計画の目標 rewritten and saved with Ctrl+S as
 * the second version (who and when listed), leaving with unsaved text asked
 * about first, the text still there after a reload, the first version read
 * and copied back (and the copy taken back), and the printed plan
 * (the PDF as saved from the report screen) carrying it; and a save taken
 * back with 元に戻す, the form following it and the next save going through.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { holdAnswer, useApp, watchFailures } from '../support/app';
import { dialogsDismissed } from '../support/page';
import { readPdf } from '../support/pdf';

const { demoDbPath, serve, open } = useApp();

const GOAL = '在宅療養支援診療所を令和7年度までに各二次医療圏で2か所以上とし、訪問診療を受ける患者を1割増やす。';

describe('県計画（本文） in Chromium', () => {
  it('edits 計画の目標, saves it as a version with Ctrl+S, keeps it across a reload and prints it in the plan', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/fund`);
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    await page.getByRole('link', { name: '県計画（本文）' }).click();
    await page.waitForURL(/#\/fund\/plan\/2023$/);
    const form = page.getByRole('form', { name: '令和5年度の県計画の本文' });
    await form.waitFor();
    const versions = page.getByRole('region', { name: '版の履歴' });
    expect(await versions.locator('li').count()).toBe(1);
    // The 区域 come from the 台帳, read-only, under their section.
    expect(await form.getByRole('table').textContent()).toContain('佐渡市');
    expect(await form.textContent()).toContain('台帳から印字します');

    const goals = form.getByLabel('(3) 計画の目標の設定等');
    await goals.fill(GOAL);
    expect(await page.getByText('保存していない変更があります').count()).toBe(1);

    // Leaving with the text unsaved asks first; staying keeps it.
    await page.getByRole('link', { name: '台帳', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '保存していない変更があります' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    expect(page.url()).toMatch(/#\/fund\/plan\/2023$/);
    expect(await goals.inputValue()).toBe(GOAL);

    await goals.focus();
    await page.keyboard.press('Control+s');
    await page.getByText('令和5年度の計画の本文を第2版として保存しました').waitFor();
    await expect.poll(() => versions.locator('li').count()).toBe(2);
    expect(await versions.locator('li').first().textContent()).toContain('第2版');
    expect(await page.getByText('保存済み').count()).toBe(1);

    await page.reload();
    await form.waitFor();
    expect(await form.getByLabel('(3) 計画の目標の設定等').inputValue()).toBe(GOAL);

    // The first version's text is there to read, and to copy back into the form; taking the copy back leaves the saved text.
    await versions.getByRole('button', { name: '表示' }).click();
    const old = page.getByRole('dialog', { name: '令和5年度の県計画の本文 第1版' });
    await expect.poll(() => old.textContent()).toContain('（デモ）');
    await old.getByRole('button', { name: 'この版の文章を編集欄に写す' }).click();
    expect(await form.getByLabel('(3) 計画の目標の設定等').inputValue()).not.toBe(GOAL);
    await page.getByRole('button', { name: '変更を取り消す' }).click();
    expect(await form.getByLabel('(3) 計画の目標の設定等').inputValue()).toBe(GOAL);

    // Saved, so the way to the printed plan is open without a question.
    await page.getByRole('link', { name: '県計画を印刷（PDF）' }).click();
    await page.waitForURL(/#\/report\/view\/fund\.plan\?fy=2023/);
    await expect.poll(() => page.getByTestId('page-count').textContent(), { timeout: 60_000 }).toMatch(/^全\d+ページ$/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PDF を保存' }).click();
    const file = await (await download).path();
    const pdf = await readPdf(fs.readFileSync(file!));
    const text = pdf.pages
      .map((p) => p.text)
      .join('\n')
      .replace(/\s/g, '');
    expect(text).toContain('(3)計画の目標の設定等');
    expect(text).toContain(GOAL);
    expect(problems).toEqual([]);
  }, 240_000);

  it('puts the 基金 of a 県-run project typed in the year view to 公 in the plan, and of a 民間 one to 民 (QA: both went to 民 and うち受託)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/fund`);
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    await page.getByRole('table', { name: '年度の事業と金額' }).waitFor();
    const projects = [
      { number: 'Ⅱ-8', name: '（架空）県立病院の在宅医療研修事業', operator: '県' },
      { number: 'Ⅱ-9', name: '（架空）訪問看護ステーション開設支援事業', operator: '民間' },
    ];
    for (const p of projects) {
      await page.getByRole('button', { name: '事業を追加' }).click();
      const drawer = page.getByRole('dialog', { name: '事業を追加' });
      await drawer.getByLabel('事業番号').fill(p.number);
      await drawer.getByLabel('事業名').fill(p.name);
      await drawer.getByLabel('区分').selectOption('Ⅱ');
      await drawer.getByLabel('事業主体の種類').selectOption({ label: p.operator });
      await drawer.getByRole('button', { name: '保存する' }).click();
      await drawer.waitFor({ state: 'detached' });
      const fund = page.getByLabel(`${p.name} 基金充当額`);
      await expect.poll(() => fund.inputValue()).toBe('0');
      await fund.focus();
      await page.keyboard.type('5,000,000');
      await page.keyboard.press('Enter');
      await expect.poll(() => fund.inputValue()).toBe('5,000,000');
    }

    // The plan's table as it prints (千円: 3,333,333円 is 3,333).
    const row = async (name: string) => {
      const plan = await host.call('report.doc', { name: 'fund.plan', params: { fy: 2023 } });
      const table = plan.blocks.find((b: { columns?: { key: string }[] }) => b.columns?.some((c) => c.key === 'publicAmount'));
      return table.rows.find((r: { cells: { name: string } }) => r.cells.name === name)?.cells;
    };
    await expect
      .poll(() => row(projects[0]!.name))
      .toMatchObject({ national: 3_333_333, publicAmount: 3_333_333, privateAmount: 0, entrustedAmount: 0 });
    await expect
      .poll(() => row(projects[1]!.name))
      .toMatchObject({ national: 3_333_333, publicAmount: 0, privateAmount: 3_333_333, entrustedAmount: 0 });
    expect(problems).toEqual([]);
  });

  it('shows the text 元に戻す took back as saved, and the next save goes through (QA: the undone text stayed and the save blamed another person)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/fund/plan/2023`);
    const form = page.getByRole('form', { name: '令和5年度の県計画の本文' });
    await form.waitFor();
    const versions = page.getByRole('region', { name: '版の履歴' });
    const position = form.getByLabel('(1) 計画の基本的な考え方　①位置づけ');
    const first = await position.inputValue();

    await position.fill('位置づけを書き直した文章');
    await page.keyboard.press('Control+s');
    await page.getByText('令和5年度の計画の本文を第2版として保存しました').waitFor();
    await page.locator('.undo-buttons').getByRole('button', { name: '元に戻す' }).click();
    await expect.poll(() => versions.locator('li').count()).toBe(1);
    // The form holds the first version again, and nothing counts as unsaved.
    await expect.poll(() => position.inputValue()).toBe(first);
    expect(await page.getByText('保存済み').count()).toBe(1);

    // Another section, saved: the second version again, with no conflict.
    const goals = form.getByLabel('(3) 計画の目標の設定等');
    await goals.fill(GOAL);
    await page.keyboard.press('Control+s');
    await expect.poll(() => versions.locator('li').count()).toBe(2);
    expect(await page.getByRole('button', { name: '再読み込み' }).count()).toBe(0);
    expect(await page.getByText('保存済み').count()).toBe(1);
    await page.reload();
    await form.waitFor();
    expect(await goals.inputValue()).toBe(GOAL);
    expect(await position.inputValue()).toBe(first);

    expect(problems).toEqual([]);
  });

  it('asks before a reload (or the window closing) discards unsaved text, keeps it on キャンセル, and does not ask once saved', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/fund/plan/2023`);
    const goals = page.getByRole('form', { name: '令和5年度の県計画の本文' }).getByLabel('(3) 計画の目標の設定等');
    await goals.fill(GOAL);
    const asked = dialogsDismissed(page);
    // As 表示 › 再読み込み does; the page's own beforeunload asks (in the desktop shell, its will-prevent-unload dialog).
    await page.evaluate(() => window.location.reload());
    await expect.poll(() => asked).toEqual(['beforeunload']);
    expect(await goals.inputValue()).toBe(GOAL);

    await goals.focus();
    await page.keyboard.press('Control+s');
    await page.getByText('令和5年度の計画の本文を第2版として保存しました').waitFor();
    await page.reload();
    await goals.waitFor();
    expect(asked).toEqual(['beforeunload']);
    expect(problems).toEqual([]);
  });

  it('keeps a section typed while the previous version’s save is on its way, and saves it as the next version', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/fund/plan/2023`);
    const failures = await watchFailures(page);
    const form = page.getByRole('form', { name: '令和5年度の県計画の本文' });
    await form.waitFor();
    await form.getByLabel('(1) 計画の基本的な考え方　①位置づけ').fill('位置づけを書き直した文章');
    // The save reaches the core at once; its answer is held, as on a slow shared drive, while the officer types on.
    const held = await holdAnswer(page, 'fund.planText.save');
    await page.keyboard.press('Control+s');
    await expect.poll(() => held.length).toBe(1);
    const goals = form.getByLabel('(3) 計画の目標の設定等');
    await goals.fill(GOAL);
    held.shift()!();
    await page.getByText('令和5年度の計画の本文を第2版として保存しました').waitFor();
    expect(await goals.inputValue()).toBe(GOAL);
    expect(await page.getByText('保存していない変更があります').count()).toBe(1);
    await goals.press('Control+s');
    await page.getByText('令和5年度の計画の本文を第3版として保存しました').waitFor();
    const stored = await host.call('fund.planText.get', { fiscalYear: 2023 });
    expect(stored.current.sections.goals).toBe(GOAL);
    expect(stored.current.sections.position).toBe('位置づけを書き直した文章');
    expect(await failures()).toEqual([]);
  });
});
