/**
 * 医療機関・訪問看護ステーション in Chromium against the demo prefecture: the
 * search by a municipality's reading, the drawer's 病床数 typed as officers
 * type it, and what the drawer keeps when someone leaves it with unsaved typing.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

const { demoDbPath, serve, open } = useApp();

const TOKAMACHI = '××病院（十日町市）';

/** The institution tab at 1366×768, searched for ××病院, and 十日町市's hospital opened from its row. */
async function tokamachiDrawer() {
  const host = await serve(demoDbPath());
  const { page, problems } = await open(`${host.url}#/masters/institutions`);
  await page.setViewportSize({ width: 1366, height: 768 });
  page.setDefaultTimeout(15_000);
  const row = page.getByRole('table', { name: '医療機関の一覧' }).locator('tbody tr', { hasText: TOKAMACHI });
  await page.getByLabel('検索', { exact: true }).fill('××病院');
  await row.click();
  const drawer = page.getByRole('dialog', { name: TOKAMACHI });
  await drawer.waitFor();
  return { page, problems, row, drawer };
}

/**
 * Run in the page: keeps in `window.said` each new text of its polite live regions that holds a count (件), as a screen
 * reader would hear them.
 */
function watchPoliteCounts(): void {
  const said: string[] = [];
  (window as unknown as { said: string[] }).said = said;
  new MutationObserver(() => {
    for (const region of document.querySelectorAll('[role="status"], [aria-live="polite"]')) {
      const text = region.textContent ?? '';
      if (text.includes('件') && said.at(-1) !== text) said.push(text);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

describe('医療機関 in Chromium', () => {
  it('finds the institutions of 十日町市 by its reading, in kana of either width', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/institutions`);
    const list = page.getByRole('table', { name: '医療機関の一覧' });
    // Every row listed is in 十日町市 (the list before the search has all of them), the hospital among them.
    const inTokamachi = async () => {
      const rows = await list.locator('tbody tr').allTextContents();
      return rows.every((row) => row.includes('十日町市')) && rows.some((row) => row.includes(TOKAMACHI));
    };
    for (const typed of ['とおかまち', 'ﾄｵｶﾏﾁ 病院']) {
      await page.getByLabel('検索', { exact: true }).fill(typed);
      await expect.poll(inTokamachi, { message: typed }).toBe(true);
    }
    expect(problems).toEqual([]);
  });

  it('draws first the rows that fill the window, then the rest of the page after that frame', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/`);
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${host.url}#/`);
      await page.locator('html[data-live]').waitFor({ state: 'attached' });
      // Counted as the total shows (the same drawing as the first rows), before the next frame draws the rest.
      const first = await page.evaluate(
        () =>
          new Promise<{ rows: number; bottom: number; window: number }>((resolve) => {
            const observer = new MutationObserver(() => {
              if (!document.querySelector('[data-testid="institution-total"]')?.textContent?.includes('全 725 件')) return;
              observer.disconnect();
              const rows = document.querySelectorAll('table[aria-label="医療機関の一覧"] tbody tr');
              resolve({ rows: rows.length, bottom: rows[rows.length - 1]!.getBoundingClientRect().bottom, window: innerHeight });
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            window.location.hash = '#/masters/institutions';
          }),
      );
      // The window is full, and not many rows more were drawn before the first frame than it shows.
      expect(first.bottom, `${width}×${height}`).toBeGreaterThanOrEqual(first.window);
      expect(first.rows, `${width}×${height}`).toBeLessThan(Math.ceil(first.window / 27) + 3);
      await expect.poll(() => page.locator('table[aria-label="医療機関の一覧"] tbody tr').count()).toBe(100);
    }
    expect(problems).toEqual([]);
  });

  it('tells a screen reader the list’s new 全 N 件 once the search has settled, not at every key typed', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/institutions`);
    const total = page.getByTestId('institution-total');
    await expect.poll(() => total.textContent()).toMatch(/^全 [\d,]+ 件中/);
    const before = await total.textContent();
    // What the page's polite live regions come to say, each change of their text as it happens.
    await page.evaluate(watchPoliteCounts);
    const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said);
    // The list's first draw is not said: the officer asked for nothing by a change yet.
    await page.waitForTimeout(1_500);
    expect(await page.getByRole('status').filter({ hasText: '件' }).count()).toBe(0);
    await page.getByLabel('検索', { exact: true }).pressSequentially('とおかまち', { delay: 80 });
    // Each key typed asks for its own list: the count said is the last one's, as the core counts it.
    const found = await host.call('masters.institutions.list', { search: 'とおかまち', sort: 'name', limit: 100, offset: 0 });
    const after = `全 ${found.total} 件中 1〜${Math.min(found.total, 100)} 件`;
    await expect.poll(said).toEqual([after]);
    await expect.poll(() => total.textContent()).toBe(after);
    // Back to the whole list: said again, once.
    await page.getByLabel('検索', { exact: true }).fill('');
    await expect.poll(said).toEqual([after, before]);
    expect(problems).toEqual([]);
  });

  it('says nothing of the list’s first draw when its first read takes longer than the count takes to settle', async () => {
    const host = await serve(demoDbPath());
    // The first list answered after 1.5 s, as from a slow shared drive; the page's polite live regions watched from
    // its first draw.
    const { page, problems } = await open(`${host.url}#/masters/institutions`, async (p) => {
      await p.route(/\/api\/masters\.institutions\.list$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue();
      });
      await p.addInitScript(watchPoliteCounts);
    });
    const total = page.getByTestId('institution-total');
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).toMatch(/^全 [\d,]+ 件中/);
    await page.waitForTimeout(1_500);
    expect(await page.evaluate(() => (window as unknown as { said: string[] }).said)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refuses 「abc」 in 病床数 without saving, and reads 「１２０床」 as 120', async () => {
    const { page, problems, row, drawer } = await tokamachiDrawer();
    const beds = drawer.getByLabel('病床数');
    expect(await beds.inputValue()).toBe('96');

    await beds.fill('abc');
    await beds.press('Enter');
    const refusal = drawer.locator('.field', { hasText: '病床数' }).getByRole('alert');
    await expect.poll(() => refusal.textContent()).toBe('病床数は数値で入力してください（例: 120）');
    expect(await beds.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.toast').count()).toBe(0);
    const stored = await page.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="renkei-token"]')!.content;
      const answer = await fetch('./api/masters.institutions.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-renkei-token': token },
        body: JSON.stringify({ search: '××病院' }),
      });
      return ((await answer.json()) as { value: { rows: { beds: number | null }[] } }).value.rows.map((r) => r.beds);
    });
    expect(stored).toEqual([96]);

    await beds.fill('１２０床');
    await beds.press('Enter');
    await page.locator('.toast', { hasText: '保存しました' }).first().waitFor();
    await drawer.waitFor({ state: 'detached' });
    // The drawer opens with the row's figures: the list, read again after the save, is waited for first.
    await expect.poll(() => row.locator('td').allTextContents()).toContain('120');
    await row.click();
    await drawer.waitFor();
    expect(await drawer.getByLabel('病床数').inputValue()).toBe('120');
    expect(problems).toEqual([]);
  });

  it('keeps Tab inside the drawer, and asks before a menu link or Ctrl+3 throws away the typing', async () => {
    const { page, problems, row, drawer } = await tokamachiDrawer();
    await drawer.getByLabel('病床数').fill('97');

    // Round the drawer twice each way: focus never reaches the menu behind it.
    const inDrawer = () => page.evaluate(() => Boolean(document.activeElement?.closest('.drawer')));
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press(key);
        expect(await inDrawer()).toBe(true);
      }
    }
    await drawer.getByRole('button', { name: '閉じる（Esc）' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('保存する');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('閉じる（Esc）');

    // Ctrl+3 (基金) asks; キャンセル keeps the drawer and what was typed.
    const question = page.getByRole('dialog', { name: '保存していない変更があります' });
    await page.keyboard.press('Control+3');
    await question.waitFor();
    expect(await question.textContent()).toContain(`「${TOKAMACHI}」に入力した内容は保存されていません`);
    await question.getByRole('button', { name: 'キャンセル' }).click();
    await question.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/#\/masters\/institutions$/);
    expect(await drawer.getByLabel('病床数').inputValue()).toBe('97');

    // The menu link asks too; 保存せずに移動する goes, and nothing was saved.
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '基金' }).click();
    await question.getByRole('button', { name: '保存せずに移動する' }).click();
    await page.getByRole('heading', { level: 1, name: '基金' }).waitFor();
    await page.goBack();
    await page.getByLabel('検索', { exact: true }).fill('××病院');
    await row.click();
    expect(await drawer.getByLabel('病床数').inputValue()).toBe('96');

    // With nothing typed, the drawer does not stand in the way.
    await page.keyboard.press('Control+3');
    await page.getByRole('heading', { level: 1, name: '基金' }).waitFor();
    expect(problems).toEqual([]);
  });
});
