/**
 * 積極的役割を担う医療機関 in the real UI: designating a demo clinic from the drawer,
 * the core's refusal of a missing 必須要件 shown beside it, and deleting after confirming.
 */
import { describe, expect, it } from 'vitest';
import type { DesignationRow } from '@shared/contract';
import { useApp } from '../support/app';
import { newInstitution } from '../support/seed';
import type { ServeProcess } from '../support/serve';

const { demoDbPath, serve, open } = useApp();

/** What the core holds, read past the UI. */
async function storedDesignations(host: ServeProcess): Promise<DesignationRow[]> {
  return (await host.call('masters.designations.list', {})) as DesignationRow[];
}

const CLINIC = '☆☆内科クリニック（長岡市）';
const PARTNER = '□□病院（柏崎市）';
const STATION = '訪問看護ステーション□□（長岡市）';
const REFUSAL = '必須要件「②必要な医療・介護・障害福祉サービスの確保の働きかけ」を満たしていないため指定できません';

describe('積極的役割を担う医療機関 in Chromium', () => {
  it('refuses a designation missing ② beside it, saves it once ② is met, and deletes it after confirming', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/masters/designations`);
    const table = page.getByRole('table', { name: '積極的役割を担う医療機関の一覧' });
    const rows = table.locator('tbody tr');
    const designatedNames = () => rows.locator('td:nth-child(2)').allTextContents();
    await expect.poll(() => rows.count()).toBe(8);
    expect(await designatedNames()).not.toContain(CLINIC);

    await page.getByRole('button', { name: '＋ 指定を追加' }).press('Enter');
    const drawer = page.getByRole('dialog', { name: '積極的役割を担う医療機関を指定' });
    await drawer.waitFor();

    const institution = drawer.getByRole('group', { name: '医療機関', exact: true });
    // Nursing stations cannot be designated: of the five □□ institutions, the station in 長岡市 is not offered.
    await institution.getByLabel('検索').fill('□□');
    await expect.poll(() => institution.getByRole('radio').count()).toBe(4);
    expect(await institution.getByLabel(STATION).count()).toBe(0);
    await institution.getByLabel('検索').fill('☆☆内科');
    await expect.poll(() => institution.getByRole('radio').count()).toBe(1);
    await institution.getByLabel(CLINIC).check();
    // The 在宅医療圏 follows the clinic's municipality.
    await expect.poll(() => drawer.getByLabel('在宅医療圏').locator('option:checked').textContent()).toBe('中越');
    // Esc clears the search and keeps the drawer and the choice.
    await institution.getByLabel('検索').press('Escape');
    await expect.poll(() => institution.getByLabel('検索').inputValue()).toBe('');
    expect(await institution.getByRole('list', { name: '選択中の医療機関' }).textContent()).toBe(CLINIC);

    const partners = drawer.getByRole('group', { name: '連携している医療機関' });
    await partners.getByLabel(PARTNER).check();
    expect(await partners.getByLabel(CLINIC).count()).toBe(0);
    const stations = drawer.getByRole('group', { name: '連携している訪問看護事業所' });
    const firstOffered = await stations
      .getByRole('checkbox')
      .first()
      .evaluate((box) => box.closest('label')?.textContent ?? '');
    expect(firstOffered).toContain('訪問看護ステーション');
    await stations.getByLabel(STATION).check();

    const requirement = (n: string) => drawer.getByRole('checkbox', { name: new RegExp(`^${n}`) });
    await requirement('①').check();
    await requirement('③').check();
    await requirement('③').press('Enter');

    const second = requirement('②');
    await expect.poll(() => second.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await second.getAttribute('aria-describedby');
    expect(await drawer.locator(`[id="${describedBy}"]`).textContent()).toBe(REFUSAL);
    expect(await second.evaluate((box) => box === document.activeElement)).toBe(true);
    expect(await drawer.getByRole('alert').allTextContents()).toEqual([REFUSAL]);
    expect(await storedDesignations(host)).toHaveLength(8);

    await second.press('Space');
    await second.press('Enter');
    await page.getByText(`${CLINIC}を指定しました`).waitFor();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(9);
    const added = rows.filter({ has: page.locator('td:nth-child(2)', { hasText: CLINIC }) });
    const cells = await added.locator('td').allTextContents();
    expect(cells.slice(0, 9)).toEqual(['中越', CLINIC, '○', '○', '○', '', '', PARTNER, STATION]);
    const stored = (await storedDesignations(host)).find((d) => d.institutionName === CLINIC);
    expect(stored?.requirements).toEqual([true, true, true, false, false]);

    await added.press('Enter');
    const editing = page.getByRole('dialog', { name: `${CLINIC}の指定` });
    await editing.getByRole('button', { name: '削除…' }).click();
    const confirm = page.getByRole('dialog', { name: `${CLINIC}の指定を削除しますか？` });
    await confirm.waitFor();
    expect(await storedDesignations(host)).toHaveLength(9);
    await confirm.getByRole('button', { name: '削除する' }).click();
    await page.getByText(`${CLINIC}の指定を削除しました`).waitFor();
    await expect.poll(() => rows.count()).toBe(8);
    expect(await designatedNames()).not.toContain(CLINIC);
    expect((await storedDesignations(host)).map((d) => d.institutionName)).not.toContain(CLINIC);

    // The refusal reaches the page as an HTTP 422, which Chromium logs; nothing else may.
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
  });

  it('names a choice with its municipality as the 調査 screens do: after a name that begins with it, not after one that ends with it', async () => {
    const host = await serve(demoDbPath());
    for (const name of ['新発田市在宅クリニック', '△△在宅クリニック（新発田市）'])
      await host.call('masters.institutions.save', newInstitution(name, { municipalityCode: '152064' }));
    const { page, problems } = await open(`${host.url}#/masters/designations`);
    await page.getByRole('button', { name: '＋ 指定を追加' }).press('Enter');
    const drawer = page.getByRole('dialog', { name: '積極的役割を担う医療機関を指定' });
    const institution = drawer.getByRole('group', { name: '医療機関', exact: true });
    await institution.getByLabel('検索').fill('在宅クリニック');
    await institution.getByLabel('△△在宅クリニック（新発田市）', { exact: true }).waitFor();
    expect(await institution.getByLabel('新発田市在宅クリニック（新発田市）', { exact: true }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
