/**
 * Typing as officers do in Excel with the IME on, in every section at 1366×768:
 * full-width digits, commas, 円 and 千円, △ for a negative, and dates as
 * 令和5年4月1日, R6.4.1, ５．１０．１ or 平成31年5月1日 — saved through the real core
 * and read back from the screen. The 和暦 date field's calendar is driven with
 * the keyboard alone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { yenIn } from '../support/page';

const { demoDbPath, serve, open } = useApp();

const CENTER_PROJECT = '在宅医療推進センター整備事業';
const SHIBATA = 'しばた地域医療介護連携センター';
const SADO = '佐渡市在宅医療推進センター';

async function openAt1366(url: string): Promise<Page> {
  const { page } = await open(url);
  await page.setViewportSize({ width: 1366, height: 768 });
  page.setDefaultTimeout(20_000);
  return page;
}

async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.toast', { hasText: text }).first().waitFor();
}

describe('typing numbers and dates with the IME on', () => {
  it('基金: full-width digits, commas, 千円 and △ in the year table; ５．１０．１ and 千円 in the spending form', async () => {
    const host = await serve(demoDbPath());
    const page = await openAt1366(`${host.url}#/fund`);
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    const table = page.getByRole('table', { name: '年度の事業と金額' });
    await table.waitFor();
    const fund = page.getByLabel(`${CENTER_PROJECT} 基金充当額`);
    await expect.poll(() => fund.inputValue()).toBe('84,586,000');
    const row = table.locator('tbody tr', { hasText: CENTER_PROJECT });

    // 85,419千円 is 85,419,000円 exactly.
    await fund.focus();
    await page.keyboard.type('85,419千円');
    await page.keyboard.press('Tab');
    await expect.poll(() => fund.inputValue()).toBe('85,419,000');
    await expect.poll(() => yenIn(row.locator('[data-field="totalCost"]'))).toBe(85_419_000);

    // △ is a negative in 公会計; a 基金充当額 cannot be one, and the cell says so.
    await fund.focus();
    await page.keyboard.type('△1,000');
    await page.keyboard.press('Enter');
    const refusal = fund.locator('xpath=..').getByRole('alert');
    await expect.poll(() => refusal.textContent()).toBe('基金充当額はマイナスにはできません（0以上で入力してください）');
    // Escape puts the figure back selected at once, so what is typed next replaces it whole.
    await page.keyboard.press('Escape');

    // Full-width digits and commas with 円, as the IME gives them.
    await page.keyboard.type('８４，５８６，０００円');
    await page.keyboard.press('Tab');
    await expect.poll(() => yenIn(row.locator('[data-field="totalCost"]'))).toBe(84_586_000);
    // The cell keeps what was typed until the save is answered, then shows the figure saved.
    await expect.poll(() => fund.inputValue()).toBe('84,586,000');

    // Spending: a date with no era is in the era of the list's 年度 (令和5年度); 1,000千円 = 1,000,000円.
    await table.getByRole('button', { name: CENTER_PROJECT }).click();
    const project = page.getByRole('dialog', { name: new RegExp(CENTER_PROJECT) });
    const spending = project.getByRole('form', { name: '執行を追加' });
    await spending.getByLabel('日付').fill('５．１０．１');
    expect(await spending.locator('.date-field__line').textContent()).toBe('令和5年10月1日（日）');
    await spending.getByLabel('金額（円）').fill('1,000千円');
    await spending.getByLabel('支払先').fill('（架空）印刷会社');
    await spending.getByRole('button', { name: '執行を追加' }).click();
    const list = project.getByRole('table', { name: '執行の一覧' });
    await expect.poll(() => list.textContent()).toContain('令和5年10月1日');
    expect(await list.locator('tr', { hasText: '（架空）印刷会社' }).textContent()).toContain('1,000,000');
  });

  it('台帳: 平成31年5月1日 is saved as 令和元年5月1日, and the calendar is used with the keyboard alone', async () => {
    const host = await serve(demoDbPath());
    const page = await openAt1366(`${host.url}#/masters/centers`);
    const row = page.getByRole('table', { name: 'センターの一覧' }).locator('tbody tr', { hasText: SHIBATA });
    await row.click();
    const drawer = page.getByRole('dialog', { name: SHIBATA });
    await drawer.waitFor();
    const start = drawer.getByLabel('開始日');
    expect(await start.inputValue()).toBe('平成27年10月1日');

    await start.fill('平成31年5月1日');
    expect(await drawer.locator('.date-field__line').textContent()).toBe('令和元年5月1日（水）');
    // The calendar opens on the typed day; → and Enter pick the next one; Escape closes it and not the drawer.
    await start.press('Alt+ArrowDown');
    const calendar = page.getByRole('dialog', { name: '令和元年（2019年）5月' });
    await calendar.waitFor();
    expect(await calendar.getByRole('columnheader').allTextContents()).toEqual(['日', '月', '火', '水', '木', '金', '土']);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    expect(await start.inputValue()).toBe('令和元年5月2日');
    await start.press('Alt+ArrowDown');
    await calendar.waitFor();
    await page.keyboard.press('PageDown');
    await page.getByRole('dialog', { name: '令和元年（2019年）6月' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '令和元年（2019年）6月' }).waitFor({ state: 'detached' });
    expect(await drawer.isVisible()).toBe(true);

    await start.fill('平成31年5月1日');
    await drawer.getByLabel('連絡先').press('Enter');
    await toast(page, `${SHIBATA}を保存しました`);
    await page.reload();
    await row.click();
    await drawer.waitFor();
    expect(await drawer.getByLabel('開始日').inputValue()).toBe('令和元年5月1日');
  });

  it('補助金: an application typed with 和暦, full-width digits, 円 and 千円', async () => {
    const host = await serve(demoDbPath());
    const page = await openAt1366(`${host.url}#/fund`);
    // 基金: 令和6年度 当初, dated R6.4.1, with the center project at 84,586千円.
    await page.getByLabel('年度', { exact: true }).selectOption('2024');
    await page.getByRole('button', { name: '版を追加' }).click();
    const version = page.getByRole('form', { name: '版を追加' });
    await version.getByLabel('日付').fill('R6.4.1');
    await version.getByLabel('理由').fill('令和6年度当初予算');
    await version.getByRole('button', { name: '作成する' }).click();
    const join = page.getByRole('form', { name: 'この版に事業を加える' });
    await join.getByLabel('この版にない事業').selectOption({ label: `Ⅱ-1 ${CENTER_PROJECT}` });
    await join.getByRole('button', { name: 'この版に事業を加える' }).click();
    const fund = page.getByLabel(`${CENTER_PROJECT} 基金充当額`);
    await expect.poll(() => fund.inputValue()).toBe('0');
    await fund.fill('84,586千円');
    await fund.press('Enter');
    await expect.poll(() => yenIn(page.getByTestId('total').locator('[data-field="fundAmount"]'))).toBe(84_586_000);

    await page.getByRole('link', { name: '補助金', exact: true }).click();
    await page.getByLabel('年度', { exact: true }).selectOption('2024');
    await page.getByRole('link', { name: '要綱', exact: true }).click();
    await page.getByRole('button', { name: '令和5年度の要綱を写して始める' }).click();
    await expect.poll(() => page.getByLabel('在宅医療推進センター運営事業 郡市医師会（上記以外） 基準額').inputValue()).toBe('4,453,000');
    await page.getByRole('link', { name: '一覧・センター' }).click();
    await page.getByRole('table', { name: '令和6年度のセンター別交付状況' }).getByRole('link', { name: SADO }).click();
    await expect.poll(() => page.getByTestId('center-name').textContent()).toBe(SADO);

    const form = page.getByRole('form', { name: '交付申請を入力' });
    await form.getByLabel('日付').fill('令和６年４月１５日');
    expect(await form.locator('.date-field__line').textContent()).toBe('令和6年4月15日（月）');
    const operating = form.getByRole('group', { name: '在宅医療推進センター運営事業' });
    await operating.getByLabel('総事業費（円）').fill('５，０００，０００円');
    await operating.getByLabel('寄付金その他収入額（円）').fill('100千円');
    await operating.getByLabel('対象経費の支出予定額（円）').fill('4,800,000円');
    await form.getByRole('button', { name: '交付申請を記録する' }).click();
    await toast(page, `${SADO}の交付申請（申請額 4,453,000円）を記録しました`);
    const sheet = page.getByRole('table', { name: '交付額の算定' });
    // 5,000,000 − 100,000 = 4,900,000: 100千円 was read as 100,000円.
    expect(await yenIn(sheet.locator('[data-cell="application:operating:netCost"]'))).toBe(4_900_000);
  });

  it('調査: a round created for R7 with its 基準日 typed in full-width 和暦', async () => {
    const host = await serve(demoDbPath());
    const page = await openAt1366(`${host.url}#/survey`);
    await page.getByRole('button', { name: '＋ この調査の回を作成' }).first().click();
    const form = page.getByRole('form', { name: '調査の回' });
    // Typed on the 年度 picker: R7 is 令和7年度（2025）.
    await form.getByLabel('年度').focus();
    await page.keyboard.type('R7');
    expect(await form.getByLabel('年度').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('令和7年度（2025）');
    await form.getByLabel('基準日').fill('令和７年１０月１日');
    await page.getByRole('button', { name: '回を作成する' }).click();
    await toast(page, '令和7年度の回を作成しました');
    await page.getByText('令和7年10月1日').first().waitFor();
  });
});
