/**
 * An officer who works by keyboard alone, with a Japanese input method on: Escape and ↓ while the input method is
 * still converting belong to it (they cancel the conversion or pick a candidate) and never close a drawer or leave
 * the box.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

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
});
