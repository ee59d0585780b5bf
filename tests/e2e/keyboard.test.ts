/**
 * An officer who works by keyboard alone, with a Japanese input method on: Escape and ↓ while the input method is
 * still converting belong to it (they cancel the conversion or pick a candidate) and never close a drawer or leave
 * the box. Closing a drawer gives the focus back to the row it was opened from, and deleting its record to the row
 * that takes the deleted one's place, so the next ↓ or Enter goes on from there. A question over the screen keeps Tab
 * on its own two buttons and, answered キャンセル, gives the focus back to the box the officer was typing in. Going to
 * another screen (Ctrl+3, a menu link) puts the focus on its title, so the next Tab is in the screen, not the menu.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { heard } from '../support/page';

const { demoDbPath, serve, open } = useApp();

/** Starts a conversion of `reading` in the focused box, as a Japanese input method does before Enter commits it. */
async function startConverting(page: Page, reading: string): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: reading, selectionStart: reading.length, selectionEnd: reading.length });
  return cdp;
}

/** The focused element's accessible text: its label's, or its own. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const input = el as HTMLInputElement;
    return (input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });

/** The first cell of the focused table row, or what has the focus when it is no row. */
const focusedRow = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el instanceof HTMLTableRowElement ? (el.cells[0]?.textContent ?? '') : `not a row: ${el?.tagName}`;
  });

describe('the keyboard in Chromium', () => {
  it('leaves Escape and ↓ to the input method while it converts', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/masters/institutions`);
    const search = page.getByRole('searchbox', { name: '検索' });
    await page.getByRole('row', { name: /××在宅クリニック（新発田市）/ }).waitFor();

    // ↓ in the search box while converting picks a candidate: the cursor stays in the box.
    await search.focus();
    await startConverting(page, 'しばた');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatch(/^検索/);

    // Escape while converting in a drawer's box cancels the conversion only: the drawer stays, nothing is asked.
    await search.fill('');
    const row = page.getByRole('row', { name: /××在宅クリニック（新発田市）/ });
    await row.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '××在宅クリニック（新発田市）' });
    await drawer.waitFor();
    const address = drawer.getByLabel('所在地');
    await address.focus();
    await page.keyboard.press('End');
    const ime = await startConverting(page, 'しない');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(await drawer.isVisible()).toBe(true);
    expect(await page.getByRole('dialog', { name: '保存していない変更があります' }).count()).toBe(0);

    // Once the conversion is committed, Escape is the drawer's again: it asks, as something was typed.
    await ime.send('Input.insertText', { text: '市内' });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '保存していない変更があります' }).waitFor();
  });

  it('gives the focus back to the row a drawer was opened from, and to the next row once its record is deleted', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/masters/institutions`);
    const first = page.getByRole('row', { name: /××在宅クリニック（新発田市）/ });
    await first.waitFor();
    await page.keyboard.press('Tab');
    while (!(await page.evaluate(() => document.activeElement instanceof HTMLTableRowElement))) await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await focusedRow(page)).toBe('××病院（十日町市）');

    // Opened and closed with Escape: back on its row.
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '××病院（十日町市）' });
    await drawer.waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(await focusedRow(page)).toBe('××病院（十日町市）');

    // Saved with Ctrl+S: back on its row.
    await page.keyboard.press('Enter');
    await drawer.getByLabel('所在地').fill('新潟県十日町市本町（デモ）');
    await page.keyboard.press('Control+s');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => focusedRow(page)).toBe('××病院（十日町市）');

    // Added from 「＋ 医療機関を追加」: back on that button.
    const add = page.getByRole('button', { name: '＋ 医療機関を追加' });
    await add.focus();
    await page.keyboard.press('Enter');
    const made = page.getByRole('dialog', { name: '医療機関を追加' });
    await made.waitFor();
    await page.keyboard.type('××試験クリニック（新発田市）');
    await made.getByLabel('市区町村').selectOption({ label: '新発田市' });
    await page.keyboard.press('Control+s');
    await made.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('＋ 医療機関を追加');

    // Deleted: the row below takes its place and the focus.
    const row = page.getByRole('row', { name: /××試験クリニック（新発田市）/ });
    const names = await page.locator('tbody tr.row-link td:first-child').allTextContents();
    const below = names[names.indexOf('××試験クリニック（新発田市）') + 1];
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: '××試験クリニック（新発田市）' }).getByRole('button', { name: '削除…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '削除する' }).focus();
    await page.keyboard.press('Enter');
    await row.waitFor({ state: 'detached' });
    await expect.poll(() => focusedRow(page)).toBe(below);
  });

  it('keeps Tab inside a question and, answered キャンセル, puts the cursor back where it was', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/masters/institutions`);
    const row = page.getByRole('row', { name: /××在宅クリニック（新発田市）/ });
    await row.focus();
    await page.keyboard.press('Enter');
    const address = page.getByRole('dialog', { name: '××在宅クリニック（新発田市）' }).getByLabel('所在地');
    await address.focus();
    await page.keyboard.type('1番地');
    await page.keyboard.press('Escape');
    const question = page.getByRole('dialog', { name: '保存していない変更があります' });
    await question.waitFor();
    expect(await focused(page)).toBe('キャンセル');

    // Tab and Shift+Tab go round its two buttons, never to the menu behind.
    const stops: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    await page.keyboard.press('Shift+Tab');
    stops.push(await focused(page));
    expect(stops).toEqual(['保存せずに閉じる', 'キャンセル', '保存せずに閉じる', 'キャンセル']);

    // キャンセル: the cursor is back in 所在地, the typing kept, and typing goes on there.
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('所在地');
    await page.keyboard.type('2');
    expect(await address.inputValue()).toBe('新潟県新発田市（デモ）1番地2');
  });

  it('puts the focus on the title of the screen gone to from the menu or with Ctrl+number', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/`);
    const inScreen = () => page.evaluate(() => document.activeElement?.closest('main') !== null);

    await page.keyboard.press('Control+3');
    await page.getByRole('heading', { level: 1, name: '基金' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await focused(page)).toBe('基金');
    // Tab is pressed once the screen has something to take it (its controls come with its first answer).
    await page.getByRole('main').getByRole('combobox').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await inScreen()).toBe(true);

    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: /補助金/ })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '補助金' }).waitFor();
    const year = page.getByLabel('年度', { exact: true });
    await year.waitFor();
    await expect.poll(() => focused(page)).toBe('補助金');
    await page.keyboard.press('Tab');
    expect(await inScreen()).toBe(true);

    // A link inside 補助金 to one center: the section's title stays and takes the focus.
    await year.selectOption('2024');
    const sado = page.getByRole('link', { name: '佐渡市在宅医療推進センター' }).first();
    await sado.focus();
    await page.keyboard.press('Enter');
    await sado.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('補助金');
  });
});

describe('a drawer over the screen', () => {
  it('keeps the screen behind out of reach while it is open, and gives it back when it closes', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/survey`);
    const add = page.getByRole('button', { name: '＋ 回を作成' }).first();
    await add.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '調査の回を作成' });
    await drawer.getByLabel('調査', { exact: true }).waitFor();
    const inDrawer = () => page.evaluate(() => document.activeElement?.closest('.drawer') !== null);

    // A click on the drawer's title (no control) leaves the focus nowhere; Shift+Tab and Tab from there stay in the drawer.
    await drawer.getByRole('heading', { name: '調査の回を作成' }).click();
    await page.keyboard.press('Shift+Tab');
    expect(await inDrawer()).toBe(true);
    await drawer.getByRole('heading', { name: '調査の回を作成' }).click();
    await page.keyboard.press('Tab');
    expect(await inDrawer()).toBe(true);
    // Nor does a screen reader walk into the list behind it; the menu stays, to go to another screen (which asks first).
    expect(await heard(page, 'button', '＋ 新しい調査票を作る')).toBe(false);
    expect(await heard(page, 'button', '＋ 回を作成')).toBe(false);
    expect(await heard(page, 'navigation', 'メインメニュー')).toBe(true);
    expect(await heard(page, 'button', '回を作成する')).toBe(true);

    // Closed with Escape: the screen is back, with the focus on the button that opened the drawer.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('＋ 回を作成');
    await expect.poll(() => heard(page, 'button', '＋ 新しい調査票を作る')).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focused(page)).toBe('＋ 新しい調査票を作る');
  });
});
