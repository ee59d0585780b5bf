/**
 * What a person who may change nothing (県・閲覧, or anyone on a meeting copy)
 * is still offered on a screen: the read-only sweep both the meeting-copy test
 * and the shared-mode viewer test walk every main route with.
 */
import type { Page } from 'playwright-core';

/** The screens with no record in their address, as the main menu and its tabs reach them. */
export const MAIN_SCREENS = [
  '/',
  '/masters/municipalities',
  '/masters/areas',
  '/masters/centers',
  '/masters/institutions',
  '/masters/designations',
  '/masters/import',
  '/fund',
  '/fund/plan',
  '/subsidy',
  '/subsidy/2023/rules',
  '/subsidy/2023/simulate',
  '/survey',
  '/survey/activity',
  '/meeting/2023',
  '/meeting/2023/trainings',
  '/meeting/2023/bodies',
  '/report',
  '/report/pack',
  '/report/templates',
  '/report/decks',
  '/audit',
  '/settings',
];

/**
 * A label that changes data. Read actions never carry these words: 表示, 閉じる,
 * 一覧へ戻る, 印刷, 書き出す, …のダウンロード, PDF を保存 (a file, marked data-view);
 * nor do the domain's nouns they sit beside (追加交付, 変更交付決定, 額の確定, 登録状況).
 */
export const EDIT_LABEL =
  /保存|追加(?!交付)|削除|取り込|取込|登録(?!状況)|記録する|新し|作る|加える|外す|変える|変更(?!交付|前|後)|直す|入力|発行する|確定する|元に戻す|条件に戻す|復元|今すぐバックアップ|取り下げ|写す|読み込む|移行|停止|再開|再設定/;

/**
 * Every visible, enabled button in the page's main area or a drawer whose label is an edit (one marked data-view only shows
 * or prints). Buttons are what look like one: a table's sort header or an audit entry's record link is not offered as an action.
 */
export async function offeredEdits(page: Page): Promise<string[]> {
  const controls = page.locator('main, .drawer').locator('.button:visible:enabled, input[type=file]:visible, [role=button]:visible');
  const labels = await controls.evaluateAll((els) =>
    els
      .filter((e) => !e.hasAttribute('data-view'))
      .map((e) => `${(e.textContent ?? '').trim()} ${e.getAttribute('aria-label') ?? ''}`.trim()),
  );
  return labels.filter((label) => EDIT_LABEL.test(label));
}

/** Every box of the page's main area that takes typing (not a filter, search or year choice: those sit outside a form). */
export async function typableFormBoxes(page: Page): Promise<string[]> {
  return page
    .locator('main form:not(:has([type=submit][data-view])), .drawer form')
    .locator('input:visible:enabled:not([readonly]), textarea:visible:enabled:not([readonly]), select:visible:enabled')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.getAttribute('name') ?? e.id));
}

/** Opens each screen and lists, per screen, the edits still offered there. */
export async function sweep(page: Page, baseUrl: string, screens: readonly string[]): Promise<string[]> {
  const offered: string[] = [];
  for (const screen of screens) {
    await page.goto(`${baseUrl}#${screen}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // A shared database's change feed keeps a request open: there the screen gets a moment to draw its data instead.
    await Promise.race([page.waitForLoadState('networkidle'), page.waitForTimeout(1500)]);
    await page.locator('main').getByText('読み込み中…').first().waitFor({ state: 'hidden' });
    for (const label of await offeredEdits(page)) offered.push(`${screen}: ${label}`);
  }
  return offered;
}
