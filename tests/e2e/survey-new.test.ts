/**
 * 新しい調査票を作る in Chromium against the demo prefecture: the clinic survey copied as a survey of the
 * 訪問看護ステーション — a name already taken refused at 調査名 first —, opened in the editor, a question renamed and
 * saved, then a round made of it going to the stations only; a blank survey made, its question turned into a choice,
 * and deleted from the list after a confirm, 元に戻す bringing it back.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { toast } from '../support/page';

const { demoDbPath, serve, open } = useApp();

const CLINIC = '在宅医療提供体制に関する実態調査（診療所）';
const STATIONS = '在宅医療提供体制に関する実態調査（訪問看護ステーション）';

describe('新しい調査票を作る in Chromium', () => {
  it('copies the clinic survey for the 訪問看護ステーション, renames a question, saves it and makes a round going to the stations', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await page.getByRole('button', { name: '＋ 新しい調査票を作る' }).click();
    const drawer = page.getByRole('dialog', { name: '新しい調査票を作る' });
    await drawer.getByLabel('複製する調査票').selectOption({ label: `${CLINIC}（第1版）` });
    // The copy is offered a name of its own, and keeps the survey's 対象 and its kind of 医療機関 till changed.
    await expect.poll(() => drawer.getByLabel('調査名').inputValue()).toBe(`${CLINIC}（複製）`);
    expect(await drawer.getByLabel('対象').inputValue()).toBe('institution');
    await expect.poll(() => drawer.getByRole('checkbox', { name: '診療所' }).isChecked()).toBe(true);

    // A name another survey has is refused beside 調査名.
    await drawer.getByLabel('調査名').fill(CLINIC);
    await drawer.getByRole('button', { name: '作成して編集する' }).click();
    await expect.poll(() => drawer.getByLabel('調査名').getAttribute('aria-invalid')).toBe('true');
    expect(await drawer.getByRole('alert').first().textContent()).toBe(
      `調査名「${CLINIC}」の調査票はすでにあります。別の調査名にしてください。`,
    );

    await drawer.getByLabel('調査名').fill(STATIONS);
    await drawer.getByRole('checkbox', { name: '診療所' }).uncheck();
    await drawer.getByRole('checkbox', { name: '訪問看護ステーション' }).check();
    await drawer.getByRole('button', { name: '作成して編集する' }).click();
    await page.getByRole('heading', { level: 1, name: `調査票を編集: ${STATIONS}` }).waitFor();
    expect(await page.getByTestId('survey-editor-version').textContent()).toBe(
      '第1版を使う回はまだないため、保存すると第1版をそのまま書き換えます。',
    );

    // The copy is the officer's own: its question renamed and saved in the editor every survey uses. Its type stays:
    // the other questions' conditions lean on it.
    const first = page.getByRole('listitem', { name: '問1「訪問診療や往診を行っているか（現在）」' });
    expect(await first.getByRole('combobox', { name: /の種類$/ }).count()).toBe(0);
    await first.getByLabel('見出し', { exact: true }).fill('訪問看護で在宅看取りに対応しているか（現在）');
    await page.keyboard.press('Control+s');
    await toast(page, '調査票を保存しました（第1版）');

    await page.getByRole('link', { name: '← 調査の一覧' }).click();
    const card = page.getByRole('region', { name: STATIONS });
    await card.getByText('設問（10問）と版（1版）を見る').click();
    expect(await card.locator('.survey-definition__questions li strong').first().textContent()).toBe(
      '訪問看護で在宅看取りに対応しているか（現在）',
    );
    await card.getByRole('button', { name: '＋ この調査の回を作成' }).click();
    const round = page.getByRole('dialog', { name: '調査の回を作成' });
    expect(await round.getByLabel('調査', { exact: true }).locator('option:checked').textContent()).toBe(`${STATIONS}（第1版）`);
    // The round goes to the stations of the 台帳, not to its clinics.
    await expect.poll(() => round.locator('legend').first().textContent()).toBe('送り先の医療機関（訪問看護ステーション）');
    await expect.poll(() => round.getByTestId('survey-targets-count').textContent()).toMatch(/^([1-9]\d*) \/ \1 件に送ります$/);
    const count = Number((await round.getByTestId('survey-targets-count').textContent())!.split(' ')[0]);
    await round.getByRole('button', { name: '回を作成する' }).click();
    await toast(page, `回を作成しました（送り先 ${count} 件）`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`${STATIONS}$`) }).waitFor();
    await expect.poll(() => page.getByTestId('survey-tab-tracker').textContent()).toBe(`0 / ${count} 回答`);
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });

  it('makes a blank survey of the 市町村 and deletes it from the list after a confirm; 元に戻す brings it back', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await page.getByRole('button', { name: '＋ 新しい調査票を作る' }).click();
    const drawer = page.getByRole('dialog', { name: '新しい調査票を作る' });
    await drawer.getByLabel('白紙から作る（設問1つから始めます）').check();
    await drawer.getByLabel('調査名').fill('在宅医療・介護連携推進事業の取組状況調査');
    await drawer.getByLabel('対象').selectOption({ label: '市町村' });
    await drawer.getByRole('button', { name: '作成して編集する' }).click();
    await page.getByRole('heading', { level: 1, name: '調査票を編集: 在宅医療・介護連携推進事業の取組状況調査' }).waitFor();
    expect(await page.getByRole('listitem', { name: /^問\d/ }).getAttribute('aria-label')).toBe('問1「設問1」');

    // No round asks it yet: the blank question becomes a choice of the officer's.
    const first = page.getByRole('listitem', { name: '問1「設問1」' });
    await first.getByLabel('見出し', { exact: true }).fill('入退院支援ルールの運用');
    const question = page.getByRole('listitem', { name: '問1「入退院支援ルールの運用」' });
    await question.getByLabel('問1「入退院支援ルールの運用」の種類').selectOption({ label: '選択（1つ）' });
    await question.getByRole('textbox', { name: '問1「入退院支援ルールの運用」 選択肢1' }).fill('運用している');
    await question.getByRole('textbox', { name: '問1「入退院支援ルールの運用」 選択肢2' }).fill('未着手');
    await page.keyboard.press('Control+s');
    await toast(page, '調査票を保存しました（第1版）');

    await page.getByRole('link', { name: '← 調査の一覧' }).click();
    const card = page.getByRole('region', { name: '在宅医療・介護連携推進事業の取組状況調査' });
    await card.getByText('対象: 市町村').waitFor();
    await card.getByText('設問（1問）と版（1版）を見る').click();
    expect(await card.locator('.survey-definition__questions li').textContent()).toBe(
      '入退院支援ルールの運用選択（1つ） 運用している・未着手',
    );
    // Renkei's own surveys offer no deletion; the one just made, with no round, does.
    expect(await page.getByRole('region', { name: CLINIC }).getByRole('button', { name: '調査票を削除…' }).count()).toBe(0);
    await card.getByRole('button', { name: '調査票を削除…' }).click();
    const ask = page.getByRole('dialog', { name: '調査票「在宅医療・介護連携推進事業の取組状況調査」を削除しますか？' });
    await ask.getByRole('button', { name: '削除する' }).click();
    await toast(page, '調査票「在宅医療・介護連携推進事業の取組状況調査」を削除しました');
    await card.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+z');
    await card.getByText('対象: 市町村').waitFor();
    expect(problems).toEqual([]);
  });
});
