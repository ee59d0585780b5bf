/** What end-to-end tests read off a screen the same way in every section: a field's error, a toast, what a screen reader hears. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The message shown next to a form control (the error its aria-describedby points at), or ''. */
export async function errorNextTo(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((node) => node?.classList.contains('field__error'))
      .map((node) => node!.textContent)
      .join(''),
  );
}

/** A figure as a cell shows it in 円 (84,586,000; −1,000) as a number. */
export async function yenIn(cell: Locator): Promise<number> {
  return Number((await cell.textContent())!.replace(/[^\d-]/g, ''));
}

/** Waits until the toasts of `page` say `text`. */
export async function toast(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('.toasts').textContent()).toContain(text);
}

/**
 * Whether the page's accessibility tree, as a screen reader walks it, holds an element of `role` named `name` (a
 * toast's words are a `StaticText` named by them).
 */
export async function heard(page: Page, role: string, name: string | RegExp): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const named = (said: string) => (typeof name === 'string' ? said === name : name.test(said));
  return nodes.some((n) => !n.ignored && n.role?.value === role && named(String(n.name?.value ?? '')));
}

/** The kinds of dialog `page` raises from now on (a reload's `beforeunload`), each dismissed as キャンセル would. */
export function dialogsDismissed(page: Page): string[] {
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  return asked;
}

/**
 * Ctrl+S until the save is on its way (held): on a loaded machine a first press can come before the form listens.
 * A press while the save is already on its way is the same save, which is what the test that uses this checks.
 */
export async function pressUntilSent(page: Page, held: unknown[]) {
  for (let attempt = 0; attempt < 3 && held.length === 0; attempt += 1) {
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => held.length, { timeout: 4_000 })
      .toBe(1)
      .catch(() => undefined);
  }
  expect(held).toHaveLength(1);
}
