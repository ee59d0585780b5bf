/**
 * Screens that use the room they have: tables are compact (Excel-like rows) by
 * default, a setting makes them comfortable again, and at 1366×768 the 補助金
 * list shows most of its 17 centers without scrolling sideways.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

const app = useApp();
const VIEW_HEIGHT = 768;

describe('table density', () => {
  it('shows the 補助金 year compact by default, all columns within a 1366 px window, and keeps the comfortable setting across a reload', async () => {
    const host = await app.serve(app.demoDbPath());
    const { page, problems } = await app.open(host.url);
    await page.setViewportSize({ width: 1366, height: VIEW_HEIGHT });
    await page.goto(`${host.url}#/subsidy`);
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(17);
    expect(await page.evaluate(() => document.documentElement.dataset.density)).toBe('compact');

    const fold = async () => {
      const boxes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().bottom));
      return boxes.filter((bottom) => bottom <= VIEW_HEIGHT).length;
    };
    const compactRows = await fold();
    // Before the compact rows, four centers showed above the fold at this size.
    expect(compactRows).toBeGreaterThanOrEqual(7);
    const wrap = page.locator('.table-wrap').first();
    expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

    await page.goto(`${host.url}#/settings`);
    await page.getByRole('radio', { name: /ゆったり表示/ }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.density)).toBe('comfortable');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.density)).toBe('comfortable');
    expect(await page.getByRole('radio', { name: /ゆったり表示/ }).isChecked()).toBe(true);

    await page.goto(`${host.url}#/subsidy`);
    await expect.poll(() => rows.count()).toBe(17);
    expect(await fold()).toBeLessThan(compactRows);
    expect(problems).toEqual([]);
  });
});

describe('date fields', () => {
  it('draw the calendar button as tall as the date input beside it, compact and comfortable (会議 開催日)', async () => {
    const host = await app.serve(app.demoDbPath());
    const { page, problems } = await app.open(host.url);
    await page.setViewportSize({ width: 1366, height: VIEW_HEIGHT });
    const heights = async () => {
      await page.goto(`${host.url}#/meeting/2025/m/new`);
      const field = page.locator('.date-field').filter({ has: page.getByRole('textbox', { name: '開催日' }) });
      const input = field.getByRole('textbox', { name: '開催日' });
      const button = field.getByRole('button', { name: /カレンダー/ });
      await button.waitFor();
      const [a, b] = [(await input.boundingBox())!, (await button.boundingBox())!];
      return { input: a.height, button: b.height, top: b.y - a.y };
    };
    expect(await heights()).toEqual({ input: 36, button: 36, top: 0 });
    await page.goto(`${host.url}#/settings`);
    await page.getByRole('radio', { name: /ゆったり表示/ }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.density)).toBe('comfortable');
    expect(await heights()).toEqual({ input: 44, button: 44, top: 0 });
    expect(problems).toEqual([]);
  });
});
