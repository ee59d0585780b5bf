/**
 * 医師会・センター in Chromium against the demo prefecture: entrusting a
 * linkage item to a center from the keyboard, the refusal of 委託 without a
 * 委託先, editing a center and the refusal to delete an association in use.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';

const { demoDbPath, serve, open } = useApp();

const SUMMARY = (n: number) => `令和5年度、${n}/ 30 市町村が在宅医療・介護連携推進事業をセンターに委託`;
const SHIBATA = 'しばた地域医療介護連携センター';

describe('医師会・センター in Chromium', () => {
  it('entrusts (オ) of 聖籠町 to the しばた center from the keyboard, after refusing 委託 without a 委託先', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/centers`);
    const summary = page.getByTestId('entrust-summary');
    await expect.poll(() => summary.textContent()).toBe(SUMMARY(15));
    const centers = page.getByRole('table', { name: 'センターの一覧' });
    const shibataRow = centers.locator('tbody tr', { hasText: SHIBATA });
    expect(await shibataRow.textContent()).toContain('0 市町村');

    const matrix = page.getByRole('table', { name: '連携推進事業の実施方法' });
    const seiro = matrix.locator('tbody tr', { hasText: '聖籠町' });
    expect(await seiro.locator('.chip--direct').count()).toBe(8);
    await seiro.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '聖籠町の連携推進事業（令和5年度）' });
    await drawer.waitFor();
    const first = drawer.getByRole('group', { name: '(ア) 地域の医療・介護の資源の把握' }).getByLabel('実施方法');
    await expect.poll(async () => await first.evaluate((e) => e === document.activeElement)).toBe(true);

    // (オ) 相談支援: 直営 → 委託, then the first center offered, which is the one covering 聖籠町.
    const consult = drawer.getByRole('group', { name: '(オ) 在宅医療・介護連携に関する相談支援' });
    await consult.getByLabel('実施方法').focus();
    await page.keyboard.press('ArrowDown');
    expect(await consult.getByLabel('実施方法').inputValue()).toBe('entrusted');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => consult.getByLabel('委託先センター').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe(SHIBATA);

    // (カ) 研修: 委託 with neither a center nor a body, submitted with Enter.
    const training = drawer.getByRole('group', { name: '(カ) 医療・介護関係者の研修' });
    await training.getByLabel('実施方法').focus();
    await page.keyboard.press('ArrowDown');
    await training.getByLabel('備考').focus();
    await page.keyboard.press('Enter');
    const refusal = training.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toBe('委託の場合は委託先（センターまたは団体名）を入力してください');
    expect(await training.getByLabel('委託先団体').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await consult.getByRole('alert').count()).toBe(0);
    expect(await summary.textContent()).toBe(SUMMARY(15));

    // Back to 直営 and save with Enter: the headline and the matrix follow without a reload.
    await training.getByLabel('実施方法').focus();
    await page.keyboard.press('ArrowUp');
    expect(await training.getByLabel('実施方法').inputValue()).toBe('direct');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await training.getByLabel('備考').getAttribute('id'));
    await page.keyboard.press('Enter');
    await page.getByText('聖籠町の連携推進事業（令和5年度）を保存しました').waitFor();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => summary.textContent()).toBe(SUMMARY(16));
    expect(await seiro.textContent()).toContain(SHIBATA);
    expect(await seiro.locator('.chip--entrusted').count()).toBe(1);
    expect(await seiro.locator('.chip--entrusted').getAttribute('title')).toBe(
      `(オ) 在宅医療・介護連携に関する相談支援: 委託（${SHIBATA}）`,
    );
    expect(await shibataRow.textContent()).toContain('1 市町村');

    // Stored, not just shown: after a reload the drawer reads it back.
    await page.reload();
    await expect.poll(() => summary.textContent()).toBe(SUMMARY(16));
    await seiro.focus();
    await page.keyboard.press('Enter');
    await drawer.waitFor();
    expect(await consult.getByLabel('実施方法').inputValue()).toBe('entrusted');
    expect(await consult.getByLabel('委託先センター').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(SHIBATA);
    expect(await training.getByLabel('実施方法').inputValue()).toBe('direct');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    // The browser logs the refused request's HTTP status; that one refusal is the only thing logged.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
  });

  it("saves a center's 連絡先 and shows it in the list", async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/centers`);
    const row = page.getByRole('table', { name: 'センターの一覧' }).locator('tbody tr', { hasText: SHIBATA });
    expect(await row.textContent()).toContain('0254-00-0002（デモ）');
    await row.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: SHIBATA });
    await drawer.waitFor();
    expect(await drawer.getByLabel('運営主体').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(
      '新発田北蒲原医師会',
    );
    expect(await drawer.getByLabel('開始日').inputValue()).toBe('平成27年10月1日');
    expect(await drawer.getByRole('group', { name: '対象市町村' }).getByRole('checkbox', { checked: true }).count()).toBe(4);

    await drawer.getByLabel('連絡先').fill('0254-22-3333（在宅医療係）');
    await drawer.getByLabel('連絡先').press('Enter');
    await page.getByText(`${SHIBATA}を保存しました`).waitFor();
    await expect.poll(() => row.textContent()).toContain('0254-22-3333（在宅医療係）');

    await page.reload();
    await expect.poll(() => row.textContent()).toContain('0254-22-3333（在宅医療係）');
    await row.click();
    await drawer.waitFor();
    expect(await drawer.getByLabel('連絡先').inputValue()).toBe('0254-22-3333（在宅医療係）');
    expect(await drawer.getByLabel('開始日').inputValue()).toBe('平成27年10月1日');
    expect(await drawer.getByRole('group', { name: '対象市町村' }).getByRole('checkbox', { checked: true }).count()).toBe(4);
    expect(problems).toEqual([]);
  });

  it('refuses to delete an association that runs a center, and says which', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/masters/centers`);
    const row = page.getByRole('table', { name: '医師会の一覧' }).locator('tbody tr', { hasText: '新発田北蒲原医師会' });
    await expect.poll(() => row.textContent()).toContain('新発田市、阿賀野市、胎内市、聖籠町');
    await row.click();
    const drawer = page.getByRole('dialog', { name: '新発田北蒲原医師会' });
    await drawer.getByRole('button', { name: '削除…' }).click();
    await page.getByRole('dialog', { name: '新発田北蒲原医師会を削除しますか？' }).getByRole('button', { name: '削除する' }).click();
    await expect
      .poll(() => drawer.getByRole('alert').textContent())
      .toBe(
        `「新発田北蒲原医師会」は次から参照されているため削除できません: センター（運営主体） 1件（${SHIBATA}）。先に参照を外してください。`,
      );
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(await row.count()).toBe(1);
  });
});
