/**
 * Editing 圏域 and 人口 in the real UI: a demo database made by the CLI, the
 * built app served by `renkei serve`, driven from the keyboard in Debian's Chromium.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { errorNextTo } from '../support/page';

const { demoDbPath, serve, open } = useApp();

/** The browser logs every refused operation (HTTP 409/422) as a console error; those are expected here. */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of (409|422) /.test(p));

/** The text of each cell of the table row whose first cell is `name`. */
async function rowCells(table: Locator, name: string): Promise<string[]> {
  const row = table.locator('tbody tr').filter({ has: table.page().locator('td:first-child', { hasText: new RegExp(`^${name}$`) }) });
  await row.waitFor();
  return row.locator('td').allTextContents();
}

describe('圏域 and 人口 editing in Chromium', () => {
  it('creates a 在宅医療圏 from the keyboard, moving 新潟市 and 聖籠町 out of their areas', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/areas`);
    await page.getByLabel('圏域の種類').selectOption({ label: '在宅医療圏' });
    const table = page.getByRole('table', { name: '在宅医療圏の一覧' });
    expect((await rowCells(table, '新潟'))[1]).toBe('新潟市、五泉市、阿賀野市、阿賀町');

    await page.getByRole('button', { name: '＋ 在宅医療圏を追加' }).press('Enter');
    const drawer = page.getByRole('dialog', { name: '在宅医療圏を追加' });
    await drawer.waitFor();
    // Typing starts in 圏域名; the parent is chosen among the 二次医療圏.
    await page.keyboard.type('新潟北');
    expect(await drawer.getByLabel('圏域名').inputValue()).toBe('新潟北');
    // The 二次医療圏 arrive with the areas list, a moment after the drawer opens.
    await expect
      .poll(() => drawer.getByLabel('上位の圏域').locator('option').allTextContents())
      .toEqual(['（なし）', '下越', '新潟', '県央', '中越', '魚沼', '上越', '佐渡']);
    await drawer.getByLabel('新潟市（現在: 新潟）').press('Space');
    await drawer.getByLabel('聖籠町（現在: 下越）').press('Space');
    expect(await drawer.getByRole('group', { name: '構成市町村（2）' }).isVisible()).toBe(true);
    await drawer.getByLabel('圏域名').press('Enter');
    await page.getByText('新潟北を保存しました').waitFor();
    await drawer.waitFor({ state: 'detached' });

    expect((await rowCells(table, '新潟北')).slice(0, 3)).toEqual(['新潟北', '新潟市、聖籠町', '2']);
    expect((await rowCells(table, '新潟')).slice(0, 3)).toEqual(['新潟', '五泉市、阿賀野市、阿賀町', '3']);
    expect((await rowCells(table, '下越')).slice(0, 3)).toEqual(['下越', '新発田市、村上市、胎内市、関川村、粟島浦村', '5']);

    // Membership is per kind: the 二次医療圏 新潟 keeps 新潟市.
    await page.getByLabel('圏域の種類').selectOption({ label: '二次医療圏' });
    const secondary = page.getByRole('table', { name: '二次医療圏の一覧' });
    expect((await rowCells(secondary, '新潟'))[1]).toBe('新潟市、五泉市、阿賀野市、阿賀町');

    // Reopened, the new area shows its members checked and no longer labels them as belonging elsewhere.
    await page.getByLabel('圏域の種類').selectOption({ label: '在宅医療圏' });
    await table.locator('tbody tr', { hasText: '新潟北' }).press('Enter');
    const edit = page.getByRole('dialog', { name: '在宅医療圏「新潟北」' });
    expect(await edit.getByLabel('新潟市', { exact: true }).isChecked()).toBe(true);
    expect(await edit.getByLabel('聖籠町', { exact: true }).isChecked()).toBe(true);
    expect(await edit.getByLabel('長岡市（現在: 中越）').isChecked()).toBe(false);

    // Deleting an area that still has members is refused with the core's reason.
    await edit.getByRole('button', { name: '削除…' }).press('Enter');
    await page
      .getByRole('dialog', { name: '在宅医療圏「新潟北」を削除しますか？' })
      .getByRole('button', { name: '削除する' })
      .press('Enter');
    await expect.poll(() => edit.getByRole('alert').first().textContent()).toContain('構成市町村 2件（新潟市、聖籠町）');
    expect(await table.locator('tbody tr', { hasText: '新潟北' }).count()).toBe(1);
    expect(unexpected(problems)).toEqual([]);
  });

  it('adds a 人口 figure to 聖籠町, refusing 65歳以上 above 総人口 next to the field', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/municipalities`);
    await page.getByLabel('検索').fill('せいろう');
    await expect.poll(() => page.getByTestId('municipality-count').textContent()).toBe('1 件');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '聖籠町（153079）' });
    await drawer.waitFor();
    const figures = drawer.getByRole('table', { name: '人口' });
    await expect.poll(() => figures.locator('tbody tr').count()).toBe(1);

    const form = drawer.getByRole('form', { name: '人口を追加・上書き' });
    await form.getByLabel('基準日').fill('2025-10-01');
    await form.getByLabel('総人口').fill('13,850');
    await form.getByLabel('65歳以上人口').fill('14000');
    await form.getByLabel('75歳以上人口').fill('2,010');
    await form.getByLabel('85歳以上人口').fill('701');
    await form.getByLabel('面積（㎢）').fill('37.58');
    await form.getByLabel('85歳以上人口').press('Enter');
    const age65 = form.getByLabel('65歳以上人口');
    await expect.poll(() => errorNextTo(age65)).toBe('65歳以上人口が総人口を超えています');
    expect(await age65.getAttribute('aria-invalid')).toBe('true');
    expect(await errorNextTo(form.getByLabel('総人口'))).toBe('');
    expect(await figures.locator('tbody tr').count()).toBe(1);

    await age65.fill('3,702');
    await age65.press('Enter');
    await page.getByText('令和7年10月1日の人口を保存しました').waitFor();
    await expect.poll(() => figures.locator('tbody tr').count()).toBe(2);
    const added = await figures.locator('tbody tr', { hasText: '令和7年10月1日' }).locator('td').allTextContents();
    // 37.58 ㎢ read as 3758 hundredths, not 37.58 × 100 = 3757.99…
    expect(added.slice(0, 6)).toEqual(['令和7年10月1日', '13,850', '3,702（26.7%）', '2,010', '701', '37.58']);
    expect(await errorNextTo(age65)).toBe('');
    expect(await form.getByLabel('基準日').inputValue()).toBe('');

    // Enter on a row loads it into the form with 総人口 focused; saving the same 基準日 overwrites it.
    await figures.locator('tbody tr', { hasText: '令和7年10月1日' }).press('Enter');
    // The row loads on the next render; wait for it (and for the focus) before typing.
    await expect.poll(() => form.getByLabel('基準日').inputValue()).toBe('令和7年10月1日');
    expect(await form.getByLabel('面積（㎢）').inputValue()).toBe('37.58');
    await expect.poll(() => form.getByLabel('総人口').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('１３，９００');
    await page.keyboard.press('Enter');
    await expect.poll(() => figures.locator('tbody tr', { hasText: '令和7年10月1日' }).locator('td').nth(1).textContent()).toBe('13,900');
    expect(await figures.locator('tbody tr').count()).toBe(2);

    // The list behind the drawer now takes the latest figure.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    const list = page.getByRole('table', { name: '市区町村の一覧' });
    await expect.poll(() => list.locator('tbody tr', { hasText: '聖籠町' }).textContent()).toContain('13,900');

    // And the row's 削除, reached with → as the hint above the table says, removes it again after confirmation.
    await list.locator('tbody tr', { hasText: '聖籠町' }).press('Enter');
    expect(await drawer.getByText('行を選ぶ（クリック・Enter）と下の欄に読み込み').textContent()).toContain(
      '行の中の削除ボタンへは ← → で移動します',
    );
    await figures.locator('tbody tr', { hasText: '令和7年10月1日' }).press('ArrowRight');
    const remove = drawer.getByRole('button', { name: '令和7年10月1日の人口を削除' });
    await expect.poll(() => remove.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page
      .getByRole('dialog', { name: '令和7年10月1日の人口を削除しますか？' })
      .getByRole('button', { name: '削除する' })
      .press('Enter');
    await page.getByText('令和7年10月1日の人口を削除しました').waitFor();
    await expect.poll(() => figures.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('令和2年10月1日')]);
    expect(unexpected(problems)).toEqual([]);
  });
});
