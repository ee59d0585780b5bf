/**
 * The sections walked with the keyboard alone (調査, 会議, 帳票, 監査ログ, 設定): what an officer presses Enter on
 * keeps the focus, or hands it somewhere sensible, while its work runs and once it is done, so the next Tab goes on
 * from there and a screen reader says where they are.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

const { demoDbPath, serve, open } = useApp();

/** The focused element's accessible text: its aria-label, its label's, or its own. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(nowhere)';
    const input = el as HTMLInputElement;
    return (el.getAttribute('aria-label') ?? input.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
  });

/** What a screen reader says after each 「この時点に復元」 button's name: its description, as Chromium gives it. */
async function restoreButtonsHeard(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored && n.role?.value === 'button' && n.name?.value === 'この時点に復元')
    .map((n) => String(n.description?.value ?? ''));
}

describe('設定 with the keyboard', () => {
  it('keeps the focus on 今すぐバックアップ and この時点に復元 through their work, and says which backup each restores', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/settings`);
    const now = page.getByRole('button', { name: '今すぐバックアップ' });
    await now.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('バックアップを作成しました').waitFor();
    await expect.poll(() => focused(page)).toBe('今すぐバックアップ');

    // Each 「この時点に復元」 says which backup it restores: a screen reader, going from button to button, hears when and which kind.
    await expect.poll(() => restoreButtonsHeard(page)).toHaveLength(2);
    const heard = await restoreButtonsHeard(page);
    expect(heard[0]).toMatch(/^令和\d+年\d+月\d+日 \d\d:\d\d 手動$/);
    expect(new Set(heard).size).toBe(2);

    // The backup just made is the list's first; restored from it, the focus is back on its button.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/この時点に復元/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'バックアップから復元しますか？' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('復元する');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(/から復元しました/)
      .waitFor();
    await expect.poll(() => focused(page)).toMatch(/この時点に復元/);
  });
});

describe('監査ログ with the keyboard', () => {
  it('says which record the list is narrowed to, and keeps the focus through 「すべての記録に戻す」', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/audit`);
    const record = page.getByRole('table', { name: '監査ログ' }).getByRole('button', { name: '第2回 協議の場' }).first();
    await record.focus();
    await page.keyboard.press('Enter');
    // The list drawn again for the one record: the focus is on the notice that says so, the next Tab on its button.
    await page.getByTestId('audit-record-filter').waitFor();
    await expect.poll(() => focused(page)).toBe('会議「第2回 協議の場」の履歴だけを表示しています。すべての記録に戻す');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('すべての記録に戻す');

    // Back to every record of 会議: the focus is on 対象, which still says 会議.
    await page.keyboard.press('Enter');
    await page.getByTestId('audit-record-filter').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('対象');
    expect(await page.getByLabel('対象').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('会議');
  });
});

describe('監査ログ: the changes folded behind 「ほか n 項目を表示」', () => {
  it('says whether they are shown, and keeps the focus on the button that shows them', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/audit`);
    const entry = page.getByRole('table', { name: '監査ログ' }).getByRole('row').filter({ hasText: '第2回 協議の場' }).first();
    const more = entry.getByRole('button', { name: 'ほか 5 項目を表示', expanded: false });
    await more.focus();
    await page.keyboard.press('Enter');
    const fold = entry.getByRole('button', { name: '閉じる', expanded: true });
    await fold.waitFor();
    expect(await fold.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await entry.textContent()).toContain('議題');
  });
});
