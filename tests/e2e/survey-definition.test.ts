/**
 * 調査票を編集 in Chromium against the demo prefecture: the centers' staffing
 * survey, whose 第1版 has rounds, edited from the 調査 page — a 見出し, a
 * column's 最大 typed as a decimal, a question added (its code given by the
 * app), moved up with ↑ from the keyboard, one deleted and one refused for
 * the condition leaning on it, a bound that is not a number and a 見出し left
 * empty each refused beside its box — saved with Ctrl+S as 第2版, the old
 * rounds keeping 第1版, and taken back with Ctrl+Z; leaving with unsaved
 * changes asks first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { toast } from '../support/page';

const { demoDbPath, serve, open } = useApp();

const SURVEY = 'センター人員配置状況調査';

async function openEditor(page: Page) {
  await page.getByRole('region', { name: SURVEY }).getByRole('link', { name: '調査票を編集' }).click();
  await page.getByRole('heading', { level: 1, name: `調査票を編集: ${SURVEY}` }).waitFor();
}

describe('調査票を編集 in Chromium', () => {
  it('edits, adds, moves and deletes questions, saves them as 第2版 with Ctrl+S, and Ctrl+Z takes the save back', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openEditor(page);
    expect(await page.getByTestId('survey-editor-version').textContent()).toBe(
      '第1版にはすでに回があるため、保存すると第2版になります。これまでの回と回答は第1版のまま残ります。',
    );
    const first = page.getByRole('listitem', { name: '問1「センター長の医師会内役職」' });
    // A decimal column's bounds read as decimals (stored as hundredths: 1 and 200).
    const fte = page.getByRole('listitem', { name: '列3「常勤換算」' });
    expect([await fte.getByLabel('最小（任意）').inputValue(), await fte.getByLabel('最大（任意）').inputValue()]).toEqual(['0.01', '2']);

    // A built-in survey's question feeds Renkei's 集計 and 帳票 by its code: its deletion is refused, saying what may change
    // (what a condition leans on is refused the same way in a survey of the officer's own: shared/survey/definition.test.ts).
    await first.getByRole('button', { name: '問1「センター長の医師会内役職」を削除' }).click();
    expect(await first.getByRole('alert').textContent()).toBe(
      '「センター長の医師会内役職」は Renkei の集計・帳票が使う設問のため削除できません（Renkei に組み込まれた調査票です。見出し・説明・必須・単位の変更と、設問・選択肢の追加はできます）。',
    );
    expect(await page.getByRole('listitem', { name: /^問2「/ }).getAttribute('aria-label')).toBe('問2「センター長の役職（その他の場合）」');

    await first.getByLabel('見出し', { exact: true }).fill('センター長の役職');
    await page.getByRole('textbox', { name: '問1「センター長の役職」 選択肢6' }).fill('その他の役職');
    await fte.getByLabel('最大（任意）').fill('1.5');
    await fte.getByLabel('単位').fill('人');

    const second = page.getByRole('listitem', { name: '問2「センター長の役職（その他の場合）」' });
    await second.getByRole('button', { name: '問2「センター長の役職（その他の場合）」を削除' }).click();
    expect(await second.getByRole('alert').textContent()).toBe(
      '「センター長の役職（その他の場合）」は Renkei の集計・帳票が使う設問のため削除できません（Renkei に組み込まれた調査票です。見出し・説明・必須・単位の変更と、設問・選択肢の追加はできます）。',
    );

    // A 整数 question added: its code is the app's, the cursor in its 見出し.
    await page.getByLabel('追加する設問の種類').selectOption({ label: '整数' });
    await page.getByRole('button', { name: '＋ 設問を追加' }).click();
    await page.keyboard.type('コーディネーターの人数');
    const added = page.getByRole('listitem', { name: '問4「コーディネーターの人数」' });
    expect(await added.getAttribute('id')).toBe('survey-question-q4');
    await added.getByLabel('単位').fill('人');
    await added.getByLabel('最大（任意）').fill('abc');
    // ↑ from the keyboard: Enter on the focused button, the cursor stays on the moved question's ↑… at the top, its ↓.
    await added.getByRole('button', { name: /を上へ$/ }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('問3「コーディネーターの人数」を上へ');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('問2「コーディネーターの人数」を上へ');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('問1「コーディネーターの人数」を下へ');

    // Ctrl+S: the bound that is not a number is refused by the form, beside its box.
    await page.keyboard.press('Control+s');
    const moved = page.getByRole('listitem', { name: '問1「コーディネーターの人数」' });
    await expect.poll(() => moved.getByLabel('最大（任意）').getAttribute('aria-invalid')).toBe('true');
    expect(await moved.getByRole('alert').textContent()).toBe('「abc」は整数ではありません');
    await moved.getByLabel('最大（任意）').fill('30');
    // An empty 見出し is refused by the core, beside its box.
    await moved.getByLabel('見出し', { exact: true }).fill('');
    await page.keyboard.press('Control+s');
    const unnamed = page.getByRole('listitem', { name: '問1「見出しなし」' });
    await expect.poll(() => unnamed.getByLabel('見出し', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await unnamed.getByRole('alert').textContent()).toBe('設問の見出しを入力してください');
    await unnamed.getByLabel('見出し', { exact: true }).fill('コーディネーターの人数');

    // Leaving with unsaved changes asks first.
    await page.getByRole('link', { name: '← 調査の一覧' }).click();
    const ask = page.getByRole('dialog', { name: '保存していない変更があります' });
    await ask.getByRole('button', { name: 'キャンセル' }).click();
    await ask.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+s');
    await toast(page, '調査票を保存しました。第2版になりました');
    await expect
      .poll(() => page.getByTestId('survey-editor-version').textContent())
      .toBe('第2版を使う回はまだないため、保存すると第2版をそのまま書き換えます。');
    expect(await page.getByText('保存済み').count()).toBe(1);
    // The form reads back what was stored: 1.5 (150 hundredths) shown as typed.
    expect(await fte.getByLabel('最大（任意）').inputValue()).toBe('1.5');

    // The 調査 page lists 第2版's questions, and the old rounds keep 第1版.
    await page.getByRole('link', { name: '← 調査の一覧' }).click();
    const card = page.getByRole('region', { name: SURVEY });
    await card.getByText('設問（4問）と版（2版）を見る').click();
    expect(await card.locator('.survey-definition__questions li strong').allTextContents()).toEqual([
      'コーディネーターの人数',
      'センター長の役職',
      'センター長の役職（その他の場合）',
      '配置職員',
    ]);
    expect(await card.locator('.survey-definition__questions li').first().textContent()).toContain('〜30人');
    expect(
      await card
        .getByRole('table', { name: `${SURVEY}の回` })
        .locator('tbody tr')
        .first()
        .textContent(),
    ).toContain('第1版');

    // 元に戻す: the save goes back, and 第2版 with it.
    await page.keyboard.press('Control+z');
    await expect.poll(() => card.getByText(/設問（\d問）と版（\d版）を見る/).textContent()).toBe('設問（3問）と版（1版）を見る');
    expect(await card.locator('.survey-definition__questions li strong').first().textContent()).toBe('センター長の医師会内役職');
    // The one refusal asked for (the empty 見出し) is all the browser logged.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
  });

  it('keeps a change typed while the previous save is on its way and saves it next, starting from that save, with no 「他の人」 refusal', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openEditor(page);
    const heading = page.getByRole('listitem', { name: /^問1「/ }).getByLabel('見出し', { exact: true });
    // The first save is held, as on a slow shared drive, while the officer types on and presses Ctrl+S again.
    const held: (() => Promise<void>)[] = [];
    let saves = 0;
    await page.route(/\/api\/survey\.definitions\.save$/, (route) =>
      saves++ === 0 ? held.push(() => route.continue()) : route.continue(),
    );
    await heading.fill('センター長の役職');
    await page.keyboard.press('Control+s');
    await expect.poll(() => held.length).toBe(1);
    await heading.fill('センター長の医師会での役職');
    // Ctrl+S while the save is on its way is no second save (its button is disabled): the typing waits, kept.
    await page.keyboard.press('Control+s');
    await held.shift()!();
    await toast(page, '調査票を保存しました。第2版になりました');
    expect(await heading.inputValue()).toBe('センター長の医師会での役職');
    await expect.poll(() => page.getByText('保存していない変更があります').count()).toBe(1);
    await heading.press('Control+s');
    await toast(page, '調査票を保存しました（第2版）');
    await expect.poll(() => page.getByText('保存済み').count()).toBe(1);
    expect(await page.getByText('保存できませんでした').count()).toBe(0);
    // Saved, not refused: read afresh, the second 見出し is the one kept.
    await page.reload();
    await expect.poll(() => heading.inputValue()).toBe('センター長の医師会での役職');
    expect(problems).toEqual([]);
  });

  it('is drawn whole at 1366×768 and 1920×1080 (screenshots for a person to look at)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openEditor(page);
    const dir = path.resolve('test-results/survey-editor');
    fs.mkdirSync(dir, { recursive: true });
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(dir, `editor-top-${width}x${height}.png`) });
      await page.getByRole('listitem', { name: '列3「常勤換算」' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(dir, `editor-${width}x${height}.png`) });
      // Nothing sticks out sideways: the page never scrolls left and right.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    expect(problems).toEqual([]);
  });
});
