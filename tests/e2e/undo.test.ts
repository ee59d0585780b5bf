/**
 * 元に戻す / やり直す in Chromium against the demo prefecture: in each section
 * (台帳, 基金, 補助金, 調査) something is saved, Ctrl+Z takes it back on
 * screen and Ctrl+Shift+Z brings it back. Inside a text field with unsaved
 * typing Ctrl+Z stays the field's own; the success message's 元に戻す and
 * the top bar's buttons do the same as the keys. Taking back a large change
 * (the demo data itself) asks first, and so does bringing it back; a small one does not.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type HomeSummary, type OpName, operationLabel } from '@shared/contract';
import { formatNumber } from '@shared/format';
import { holdAnswer, useApp } from '../support/app';
import { toast } from '../support/page';
import { HUB, typeHubAnswer } from '../support/survey';

const { demoDbPath, serve, open } = useApp();

/** Ctrl+Z takes back `operation`, `shown` reading `before` again and the message saying so; Ctrl+Shift+Z brings `after` back. */
async function undoThenRedo(page: Page, shown: Locator, operation: OpName, before: string, after: string) {
  await page.keyboard.press('Control+z');
  await expect.poll(() => shown.textContent()).toBe(before);
  await toast(page, `元に戻しました: ${operationLabel(operation)}`);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => shown.textContent()).toBe(after);
}

/** On 台帳 › 圏域: a new 在宅医療圏 新潟北 saved from its drawer; its row, once listed. */
async function addNiigataKita(page: Page): Promise<Locator> {
  await page.getByLabel('圏域の種類').selectOption({ label: '在宅医療圏' });
  const added = page.getByRole('table', { name: '在宅医療圏の一覧' }).locator('tbody tr', { hasText: '新潟北' });
  await page.getByRole('button', { name: '＋ 在宅医療圏を追加' }).click();
  const drawer = page.getByRole('dialog', { name: '在宅医療圏を追加' });
  await drawer.getByLabel('圏域名').fill('新潟北');
  await drawer.getByLabel('圏域名').press('Enter');
  await drawer.waitFor({ state: 'detached' });
  await added.waitFor();
  return added;
}

describe('元に戻す and やり直す in Chromium', () => {
  it('台帳: a new 在宅医療圏 goes with Ctrl+Z and comes back with Ctrl+Shift+Z; typing in a field is undone as text', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/areas`);
    await page.getByLabel('圏域の種類').selectOption({ label: '在宅医療圏' });
    const table = page.getByRole('table', { name: '在宅医療圏の一覧' });
    const added = table.locator('tbody tr', { hasText: '新潟北' });
    await table.waitFor();

    await page.getByRole('button', { name: '＋ 在宅医療圏を追加' }).press('Enter');
    const drawer = page.getByRole('dialog', { name: '在宅医療圏を追加' });
    await drawer.waitFor();
    // Unsaved typing: Ctrl+Z is the field's own text undo (the last character typed), and nothing saved is touched.
    await page.keyboard.type('新潟北');
    await page.keyboard.press('Control+z');
    await expect.poll(() => drawer.getByLabel('圏域名').inputValue()).toBe('新潟');
    expect(await page.locator('.toasts').textContent()).not.toContain('元に戻しました');
    await page.keyboard.type('北');
    await drawer.getByLabel('圏域名').press('Enter');
    await toast(page, '新潟北を保存しました');
    await drawer.waitFor({ state: 'detached' });
    await added.waitFor();

    await page.keyboard.press('Control+z');
    await toast(page, `元に戻しました: ${operationLabel('masters.areas.save')}`);
    await added.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Shift+z');
    await toast(page, `やり直しました: ${operationLabel('masters.areas.save')}`);
    await added.waitFor();

    // The 元に戻す beside a success message and the top bar's やり直す do the same.
    await page.locator('.toasts').getByRole('button', { name: '元に戻す' }).click();
    await added.waitFor({ state: 'detached' });
    const redo = page.locator('.undo-buttons').getByRole('button', { name: 'やり直す' });
    await expect.poll(() => redo.getAttribute('title')).toBe(`やり直す: ${operationLabel('masters.areas.save')}`);
    // A screen reader hears the keys that do the same as each button.
    expect(await redo.getAttribute('aria-keyshortcuts')).toBe('Control+Y Control+Shift+Z');
    expect(await page.locator('.undo-buttons').getByRole('button', { name: '元に戻す' }).getAttribute('aria-keyshortcuts')).toBe(
      'Control+Z',
    );
    await redo.click();
    await added.waitFor();
    expect(problems).toEqual([]);
  });

  it('asks before taking back the demo data, キャンセル and Esc leaving everything; a small change goes at once (QA: one Ctrl+Z on the home emptied the database)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/`);
    const undo = page.locator('.undo-buttons').getByRole('button', { name: '元に戻す' });
    await expect.poll(() => undo.getAttribute('title')).toBe(`元に戻す: ${operationLabel('app.demo.load')}`);
    const records = async () => ((await host.call('app.summary', {})) as HomeSummary).sections.filter((s) => s.section !== 'audit');
    const loaded = await records();
    const { records: count } = (await host.call('app.history', {})).undo!;
    const dialog = page.getByRole('dialog', { name: `「${operationLabel('app.demo.load')}」を元に戻しますか？` });

    await page.keyboard.press('Control+z');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      `デモデータの読み込み（台帳、基金、補助金、調査、会議・研修、帳票、設定の${formatNumber(count)}件）を取り消します。`,
    );
    // キャンセル has the focus as soon as the question is there: a stray Enter takes nothing back, nor does another
    // Ctrl+Z while it asks.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('キャンセル');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await records()).toEqual(loaded);
    expect(await page.locator('.toasts').textContent()).not.toContain('元に戻しました');
    await expect.poll(() => undo.getAttribute('title')).toBe(`元に戻す: ${operationLabel('app.demo.load')}`);

    // The top bar's 元に戻す asks the same; 元に戻す in the question takes the demo data back.
    await undo.click();
    await dialog.getByRole('button', { name: '元に戻す' }).click();
    await toast(page, `元に戻しました: ${operationLabel('app.demo.load')}`);
    await dialog.waitFor({ state: 'detached' });
    expect((await records()).map((s) => s.records)).toEqual(loaded.map(() => 0));
    // Bringing it back is as large: asked the same way (its own test below).
    await page.keyboard.press('Control+y');
    const again = page.getByRole('dialog', { name: `「${operationLabel('app.demo.load')}」をやり直しますか？` });
    await again.getByRole('button', { name: 'やり直す' }).click();
    await toast(page, `やり直しました: ${operationLabel('app.demo.load')}`);
    expect(await records()).toEqual(loaded);

    // A change of one record is taken back at once, without a question.
    await page.goto(`${host.url}#/masters/areas`);
    const added = await addNiigataKita(page);
    await page.keyboard.press('Control+z');
    await toast(page, `元に戻しました: ${operationLabel('masters.areas.save')}`);
    await added.waitFor({ state: 'detached' });
    expect(await dialog.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('asks before bringing the demo data back with やり直す as 元に戻す asks before taking it back (review: a large redo never asked)', async () => {
    const host = await serve(demoDbPath());
    const { undo: demo } = await host.call('app.history', {});
    await host.call('app.undo', { id: demo.id });
    const { page, problems } = await open(`${host.url}#/`);
    const records = async () =>
      ((await host.call('app.summary', {})) as HomeSummary).sections
        .filter((s) => s.section !== 'audit')
        .reduce((n, s) => n + s.records, 0);
    expect(await records()).toBe(0);
    const redo = page.locator('.undo-buttons').getByRole('button', { name: 'やり直す' });
    await expect.poll(() => redo.getAttribute('title')).toBe(`やり直す: ${operationLabel('app.demo.load')}`);
    const dialog = page.getByRole('dialog', { name: `「${operationLabel('app.demo.load')}」をやり直しますか？` });

    // Ctrl+Y asks, naming what and how many; キャンセル has the focus, and Escape leaves everything as it was.
    await page.keyboard.press('Control+y');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      `デモデータの読み込み（台帳、基金、補助金、調査、会議・研修、帳票、設定の${formatNumber(demo.records)}件）をもう一度行います。`,
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('キャンセル');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await records()).toBe(0);
    expect(await page.locator('.toasts').textContent()).not.toContain('やり直しました');

    // The top bar's やり直す asks the same; やり直す in the question brings the demo data back.
    await redo.click();
    await dialog.getByRole('button', { name: 'やり直す' }).click();
    await toast(page, `やり直しました: ${operationLabel('app.demo.load')}`);
    await dialog.waitFor({ state: 'detached' });
    expect(await records()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('says on the top bar’s 元に戻す why it is off after a restore, as Ctrl+Z does (review: the button was off with no word)', async () => {
    const host = await serve(demoDbPath());
    const saved = await host.call('backup.create', {});
    await host.call('masters.areas.save', { kind: 'secondary', name: '復元前に加えた圏域', parentId: null, sortOrder: 99 });
    await host.call('backup.restore', { name: saved.name });
    const { page, problems } = await open(`${host.url}#/`);
    const undo = page.locator('.undo-buttons').getByRole('button', { name: '元に戻す' });
    await expect.poll(() => undo.getAttribute('title')).toContain('バックアップから復元したため、それより前の変更は元に戻せません');
    expect(await undo.isDisabled()).toBe(true);
    // The same words as Ctrl+Z's refusal (read first: while Ctrl+Z runs, the button says so instead).
    const why = (await undo.getAttribute('title'))!;
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.toasts').textContent()).toContain(why);
    // The refusal is the one answer that fails (the browser logs its status).
    expect(problems).toEqual([expect.stringContaining('Failed to load resource')]);
  });

  it('undoes one change at a time: while it runs the top bar says so, and a press meanwhile is ignored (QA: a second Ctrl+Z took back the demo data too)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/areas`);
    const added = await addNiigataKita(page);
    const bar = page.locator('.undo-buttons');
    const undo = bar.getByRole('button', { name: '元に戻す' });
    const redo = bar.getByRole('button', { name: 'やり直す' });
    await expect.poll(() => undo.getAttribute('title')).toBe(`元に戻す: ${operationLabel('masters.areas.save')}`);

    // The host holds the undo until released: as long as a 100,000-row import's undo takes, for as long as the test needs.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let undos = 0;
    await page.route('**/api/app.undo', async (route) => {
      undos += 1;
      await held;
      await route.continue();
    });
    // Two presses in the same moment (a double tap), then one more while the first still runs.
    await page.evaluate(() => {
      for (let i = 0; i < 2; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }));
    });
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('元に戻しています…');
    expect(await undo.isDisabled()).toBe(true);
    expect(await redo.isDisabled()).toBe(true);
    expect(await undo.getAttribute('title')).toBe('元に戻しています…');
    await page.keyboard.press('Control+z');
    release();

    await toast(page, `元に戻しました: ${operationLabel('masters.areas.save')}`);
    await added.waitFor({ state: 'detached' });
    await bar.getByRole('status').waitFor({ state: 'detached' });
    // Only the 在宅医療圏 went: the demo prefecture is still there, next in line to undo.
    await expect.poll(() => undo.getAttribute('title')).toBe(`元に戻す: ${operationLabel('app.demo.load')}`);
    expect(undos).toBe(1);
    expect(await page.locator('.toasts').textContent()).not.toContain(operationLabel('app.demo.load'));
    expect(problems).toEqual([]);
  });

  it('takes nothing back while a save is on its way, and says to wait for it (QA: Ctrl+Z took back the 設定 saved before, then the plan text was saved all the same)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/settings`);
    await page.getByLabel('表示名').fill('新潟 花子');
    await page.keyboard.press('Control+s');
    await toast(page, '設定を保存しました');
    await page.goto(`${host.url}#/fund/plan/2023`);
    const form = page.getByRole('form', { name: '令和5年度の県計画の本文' });
    await form.waitFor();
    await form.getByLabel('(3) 計画の目標の設定等').fill('目標を書き直した');
    // The save reaches the core at once; its answer is held, as on a slow shared drive.
    const held = await holdAnswer(page, 'fund.planText.save');
    await page.keyboard.press('Control+s');
    await expect.poll(() => held.length).toBe(1);
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Control+z');
    const bar = page.locator('.undo-buttons');
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('保存中です。保存が終わってから元に戻してください');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: process.env.RENKEI_SHOT ?? '/tmp/undo-while-saving.png' });
    held.shift()!();
    await toast(page, '令和5年度の計画の本文を第2版として保存しました');
    await bar.getByRole('status').waitFor({ state: 'detached' });
    // Nothing was taken back: the 設定 and the plan text are both as saved.
    expect((await host.call('settings.get', {})).displayName).toBe('新潟 花子');
    expect((await host.call('fund.planText.get', { fiscalYear: 2023 })).current.sections.goals).toBe('目標を書き直した');
    expect(await page.locator('.toasts').textContent()).not.toContain('元に戻しました');
    // Once it is saved, Ctrl+Z takes back that save, the last change.
    await page.keyboard.press('Control+z');
    await toast(page, `元に戻しました: ${operationLabel('fund.planText.save')}`);
    expect((await host.call('settings.get', {})).displayName).toBe('新潟 花子');
    expect(problems).toEqual([]);
  });

  it('takes nothing back while a 基金 cell’s save is on its way either (review: the table saves without a form)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/fund`);
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    const fund = page.getByLabel('在宅医療推進センター整備事業 基金充当額');
    await fund.focus();
    const held = await holdAnswer(page, 'fund.amounts.save');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('85419000');
    await page.keyboard.press('Enter');
    await expect.poll(() => held.length).toBe(1);
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Control+z');
    const bar = page.locator('.undo-buttons');
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('保存中です。保存が終わってから元に戻してください');
    held.shift()!();
    await bar.getByRole('status').waitFor({ state: 'detached' });
    // Nothing was taken back: the figure is as saved.
    await page.reload();
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    await expect.poll(() => page.getByLabel('在宅医療推進センター整備事業 基金充当額').inputValue()).toBe('85,419,000');
    expect(problems).toEqual([]);
  });

  it('基金: a year’s 積立（国） goes back with Ctrl+Z and forward with Ctrl+Shift+Z, and the balance follows', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/fund`);
    const balance = page.getByRole('table', { name: '基金残高の推移' });
    const closing = balance.locator('tr[data-year="2023"] [data-field="closing"]');
    await expect.poll(() => closing.textContent()).toBe('75,873,000');
    await balance.getByRole('button', { name: '令和5年度の積立・運用益を入力' }).click();
    const form = page.getByRole('form', { name: '令和5年度の積立・運用益' });
    await form.getByLabel('積立（国）（円）').fill('120,000,000');
    await form.getByRole('button', { name: '保存する' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => closing.textContent()).toBe('85,873,000');

    await undoThenRedo(page, closing, 'fund.years.save', '75,873,000', '85,873,000');
    expect(problems).toEqual([]);
  });

  it('shows the message below the top bar at 1366×768, so 元に戻す and やり直す stay where a click lands (QA: the message covered 元に戻す)', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/fund`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    const fund = page.getByLabel('在宅医療推進センター整備事業 基金充当額');
    await fund.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('90000000');
    await page.keyboard.press('Enter');
    const undo = page.locator('.undo-buttons').getByRole('button', { name: '元に戻す' });
    await expect.poll(() => undo.getAttribute('title')).toBe(`元に戻す: ${operationLabel('fund.amounts.save')}`);
    await page.keyboard.press('Control+z');
    await toast(page, `元に戻しました: ${operationLabel('fund.amounts.save')}`);
    // What a click at the middle of each top-bar button would hit: the button itself, not the message.
    const hits = await page.locator('.topbar button').evaluateAll((buttons) =>
      buttons.map((b) => {
        const r = b.getBoundingClientRect();
        return { button: b.textContent, hit: b.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)) };
      }),
    );
    expect(hits.map((h) => h.button)).toEqual(expect.arrayContaining(['元に戻す', 'やり直す']));
    expect(hits.filter((h) => !h.hit)).toEqual([]);
  });

  it('補助金: a 要綱 copied into 令和6年度 goes with Ctrl+Z and comes back with Ctrl+Y', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/subsidy/2024/rules`);
    const none = page.getByRole('heading', { name: '令和6年度の要綱はまだありません' });
    await none.waitFor();
    await page.getByRole('button', { name: '令和5年度の要綱を写して始める' }).click();
    const otherCounty = page.getByLabel('在宅医療推進センター運営事業 郡市医師会（上記以外） 基準額');
    await expect.poll(() => otherCounty.inputValue()).toBe('4,453,000');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await none.waitFor();
    await toast(page, `元に戻しました: ${operationLabel('subsidy.rules.copy')}`);
    await page.keyboard.press('Control+y');
    await expect.poll(() => otherCounty.inputValue()).toBe('4,453,000');
    expect(problems).toEqual([]);
  });

  it('調査: an answer typed in for the missing center goes with Ctrl+Z and comes back with Ctrl+Shift+Z', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await page
      .getByRole('table', { name: 'センター人員配置状況調査の回' })
      .getByRole('link', { name: '令和5年度 郡市医師会在宅医療推進センター人員配置状況' })
      .click();
    const label = page.getByTestId('survey-tracker-label');
    await expect.poll(() => label.textContent()).toBe('16 / 17 回答');

    await page.getByRole('list', { name: '未回収のセンター' }).getByRole('button', { name: HUB }).click();
    const drawer = page.getByRole('dialog', { name: `${HUB}の回答` });
    await typeHubAnswer(drawer, '1');
    await expect.poll(() => drawer.getByTestId('survey-answer-status').textContent()).toBe('誤りはありません');
    await drawer.getByRole('button', { name: '保存する' }).click();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => label.textContent()).toBe('17 / 17 回答');

    await undoThenRedo(page, label, 'survey.answers.save', '16 / 17 回答', '17 / 17 回答');
    expect(problems).toEqual([]);
  });
});
