/**
 * How every form behaves for an officer, at a laptop's 1366×768: a 交付申請
 * with a negative 総事業費 and a 対象経費 that is not a number reports both at
 * once next to their fields and puts the cursor in the first; the 要綱 editor
 * shows no internal code and places its errors on its fields; Ctrl+S saves a
 * 台帳 drawer; Escape with unsaved changes asks first and without them just
 * closes; a success message goes away by itself and only one shows at a time.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { errorNextTo } from '../support/page';

const { demoDbPath, serve, open } = useApp();

const SADO = '佐渡市在宅医療推進センター';
/** Codes the 要綱 keeps for its programs, 種目 and 補助区分; an officer never sees them. */
const CODES = ['operating', 'ict', 'system', 'tablet', 'large_county', 'other_county', 'prefectural', 'item1'];

const isFocused = (control: Locator) => control.evaluate((el) => el === document.activeElement);

/** Everything the page shows as text or holds in a box the officer can read. */
const visibleWords = (page: Page) =>
  page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is what is shown; textContent would include hidden text.
    const shown = document.body.innerText;
    return [
      shown,
      ...[...document.querySelectorAll<HTMLInputElement>('input:not([type=checkbox]):not([type=radio]), textarea')].map((i) => i.value),
    ].join('\n');
  });

async function setViewport(page: Page) {
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('forms in Chromium', () => {
  it('reports every wrong figure of a 交付申請 and of the 要綱 at once, next to its field, and shows the 要綱 without codes', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/subsidy`);
    await setViewport(page);
    await page.getByLabel('年度', { exact: true }).selectOption('2024');
    await page.getByRole('link', { name: '要綱', exact: true }).click();
    await page.getByRole('button', { name: '令和5年度の要綱を写して始める' }).click();
    const base = page.getByLabel('在宅医療推進センター運営事業 郡市医師会（上記以外） 基準額');
    await expect.poll(() => base.inputValue()).toBe('4,453,000');

    // No internal code anywhere in the editor's text or boxes.
    const words = await visibleWords(page);
    for (const code of CODES) expect(words, code).not.toMatch(new RegExp(`\\b${code}\\b`));

    // Two wrong figures far apart: both reported at their fields, the first (higher up) focused.
    const rounding = page.getByLabel('端数処理の単位（円）');
    await rounding.fill('千円');
    await base.fill('−5');
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => errorNextTo(rounding))
      .toBe('端数処理の単位は金額として読めません（例: 84,586,000、８４５８６０００円、85,419千円）');
    expect(await errorNextTo(base)).toBe('基準額はマイナスにはできません（0以上で入力してください）');
    expect(await isFocused(rounding)).toBe(true);
    expect(await page.locator('.toast--error').count()).toBe(0);

    // 交付申請 of 佐渡: 総事業費 −100 and 対象経費 "abc".
    await page.getByRole('button', { name: '変更を取り消す' }).click();
    await page.getByRole('link', { name: '一覧・センター' }).click();
    await page.getByRole('link', { name: SADO }).click();
    const form = page.getByRole('form', { name: '交付申請を入力' });
    const operating = form.getByRole('group', { name: '在宅医療推進センター運営事業' });
    const total = operating.getByLabel('総事業費（円）');
    const expense = operating.getByLabel('対象経費の支出予定額（円）');
    await total.fill('−100');
    await expense.fill('abc');
    await form.getByRole('button', { name: '交付申請を記録する' }).click();
    await expect.poll(() => errorNextTo(total)).toBe('総事業費はマイナスにはできません（0以上で入力してください）');
    expect(await errorNextTo(expense)).toBe('対象経費は金額として読めません（例: 84,586,000、８４５８６０００円、85,419千円）');
    expect(await isFocused(total)).toBe(true);
    // Each message once, and none of them in a toast.
    expect((await form.textContent())!.split('金額として読めません').length - 1).toBe(1);
    expect(await page.locator('.toast--error').count()).toBe(0);
  });

  it('saves a 台帳 drawer with Ctrl+S, asks before Escape loses typing, and shows one success message at a time that goes away', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/masters/areas`);
    await setViewport(page);
    const table = page.getByRole('table', { name: '二次医療圏の一覧' });
    await table.waitFor();

    // Ctrl+S saves a new area.
    await page.getByRole('button', { name: '＋ 二次医療圏を追加' }).click();
    let drawer = page.getByRole('dialog', { name: '二次医療圏を追加' });
    await drawer.getByLabel('圏域名').fill('試験圏');
    await page.keyboard.press('Control+s');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.toast').textContent()).toContain('試験圏を保存しました');
    await table.locator('tbody tr', { hasText: '試験圏' }).waitFor();

    // Unchanged: Escape just closes.
    await table.getByText('佐渡', { exact: true }).click();
    drawer = page.getByRole('dialog', { name: '二次医療圏「佐渡」' });
    await drawer.waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // Typed: Escape asks; キャンセル keeps the drawer and the typing; 保存せずに閉じる closes without saving.
    await table.getByText('佐渡', { exact: true }).click();
    await drawer.getByLabel('圏域名').fill('佐渡島');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: '保存していない変更があります' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'キャンセル' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await drawer.getByLabel('圏域名').inputValue()).toBe('佐渡島');
    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: '保存せずに閉じる' }).click();
    await drawer.waitFor({ state: 'detached' });
    expect(await table.locator('tbody tr', { hasText: '佐渡島' }).count()).toBe(0);

    // Typed back to what it was: nothing to lose, Escape closes.
    await table.getByText('佐渡', { exact: true }).click();
    await drawer.getByLabel('圏域名').fill('佐渡島');
    await drawer.getByLabel('圏域名').fill('佐渡');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // A second save replaces the first message rather than stacking; then it leaves by itself.
    await table.getByText('試験圏', { exact: true }).click();
    drawer = page.getByRole('dialog', { name: '二次医療圏「試験圏」' });
    await drawer.getByLabel('表示順').fill('99');
    await drawer.getByRole('button', { name: '保存する' }).click();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.toast').count()).toBe(1);
    await page.getByRole('button', { name: '＋ 二次医療圏を追加' }).click();
    drawer = page.getByRole('dialog', { name: '二次医療圏を追加' });
    await drawer.getByLabel('圏域名').fill('試験圏2');
    await page.keyboard.press('Control+s');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.toast').textContent()).toContain('試験圏2を保存しました');
    expect(await page.locator('.toast').count()).toBe(1);
    // The message sits clear of the table and its totals.
    const toastBox = (await page.locator('.toast').boundingBox())!;
    const tableBox = (await table.boundingBox())!;
    expect(toastBox.y + toastBox.height).toBeLessThan(tableBox.y);
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 15_000 });
  });
});
