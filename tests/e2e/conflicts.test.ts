/**
 * No lost updates in Chromium: one host on a SQLite file, two pages
 * open on the same record — a 市区町村 of the 台帳, the year's 補助金 要綱,
 * a 基金 amount cell; a survey answer typed in, and a 調査票 being edited.
 * The first saves; the second's save of what it read is refused with the
 * conflict notice (who and when — one OS user, so 「あなた」 in another window —,
 * what was typed kept), 再読み込み brings the first's value into the form, and
 * the second's save then goes through.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../support/app';
import { HUB, typeHubAnswer } from '../support/survey';

const { demoDbPath, serve, open } = useApp();

const CENTER = '在宅医療推進センター整備事業';
/** Chromium logs each refused save (HTTP 409) on the page that made it. */
const REFUSED = 'Failed to load resource: the server responded with a status of 409 (Conflict)';

async function toast(page: Page, text: string) {
  await page.getByText(text).first().waitFor();
}

/** The conflict notice on `page`: its message, then 再読み込み. */
function conflictNotice(page: Page) {
  return page.getByRole('alert').filter({ has: page.getByRole('button', { name: '再読み込み' }) });
}

/** The round's page opened from the survey list, and the missing center's answer drawer from its 未回収 list. */
async function hubDrawer(page: Page) {
  await page
    .getByRole('table', { name: 'センター人員配置状況調査の回' })
    .getByRole('link', { name: '令和5年度 郡市医師会在宅医療推進センター人員配置状況' })
    .click();
  await page.getByRole('list', { name: '未回収のセンター' }).getByRole('button', { name: HUB }).click();
  const drawer = page.getByRole('dialog', { name: `${HUB}の回答` });
  await drawer.getByLabel('会長', { exact: true }).waitFor();
  return drawer;
}

/** The center's answer typed in (its director a 会長, one 看護師 as コーディネーター at `fte`); once checked, 保存する. */
async function fillHub(drawer: Awaited<ReturnType<typeof hubDrawer>>, fte: string) {
  await typeHubAnswer(drawer, fte);
  await expect.poll(() => drawer.getByTestId('survey-answer-status').textContent()).toBe('誤りはありません');
  await drawer.getByRole('button', { name: '保存する' }).click();
}

/** Two pages on the survey, each with the missing center's drawer open; then A's answer (1 常勤換算) saved, B's now stale. */
async function hubSavedByA() {
  const host = await serve(demoDbPath());
  const a = await open(`${host.url}#/survey`);
  const b = await open(`${host.url}#/survey`);
  const drawerA = await hubDrawer(a.page);
  const drawerB = await hubDrawer(b.page);
  await fillHub(drawerA, '1');
  await drawerA.waitFor({ state: 'detached' });
  return { a, b, drawerB };
}

describe('saving over someone else’s newer change', () => {
  it('is refused with who and when in three forms, and goes through after 再読み込み', async () => {
    const host = await serve(demoDbPath());
    const a = await open(`${host.url}#/masters/municipalities`);
    const b = await open(`${host.url}#/masters/municipalities`);

    // 台帳: both open 長岡市; A changes its よみがな first.
    const drawerOf = async (page: Page) => {
      await page.getByLabel('検索').fill('ながおか');
      await expect.poll(() => page.getByTestId('municipality-count').textContent()).toBe('1 件');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const drawer = page.getByRole('dialog', { name: '長岡市（152021）' });
      await drawer.waitFor();
      await expect.poll(() => drawer.getByLabel('よみがな').inputValue()).toContain('ながおか');
      return drawer;
    };
    const drawerA = await drawerOf(a.page);
    const drawerB = await drawerOf(b.page);
    await drawerA.getByLabel('よみがな').fill('ながおかし（山田）');
    await drawerA.getByRole('button', { name: '保存する' }).click();
    await toast(a.page, '長岡市を保存しました');

    await drawerB.getByLabel('よみがな').fill('ながおかし（田中）');
    await drawerB.getByRole('button', { name: '保存する' }).click();
    const notice = conflictNotice(b.page);
    await expect
      .poll(() => notice.textContent())
      .toMatch(
        /保存できませんでした。 市区町村「長岡市」は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（.+）が \d\d:\d\d に変更しました。/,
      );
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => drawerB.getByLabel('よみがな').inputValue()).toBe('ながおかし（山田）');
    // What B had typed stays on screen, to be copied into the reloaded form.
    expect(await drawerB.locator('.conflict-notice__unsaved').textContent()).toContain('よみがな: ながおかし（田中）');
    await drawerB.getByLabel('よみがな').fill('ながおかし（田中）');
    await drawerB.getByRole('button', { name: '保存する' }).click();
    await toast(b.page, '長岡市を保存しました');

    // 補助金: both open the 令和5年度 要綱; A renames it first.
    for (const { page } of [a, b]) {
      await page.goto(`${host.url}#/subsidy/2023/rules`);
      await page.getByLabel('要綱の名前').waitFor();
    }
    const original = await a.page.getByLabel('要綱の名前').inputValue();
    await a.page.getByLabel('要綱の名前').fill(`${original}（山田）`);
    await a.page.getByRole('button', { name: '要綱を保存する' }).click();
    await toast(a.page, '令和5年度の要綱を保存しました');

    await b.page.getByLabel('要綱の名前').fill(`${original}（田中）`);
    await b.page.getByRole('button', { name: '要綱を保存する' }).click();
    const rulesNotice = conflictNotice(b.page);
    await expect
      .poll(() => rulesNotice.textContent())
      .toMatch(
        /令和5年度の補助金の要綱は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（.+）が \d\d:\d\d に変更しました。/,
      );
    await rulesNotice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => b.page.getByLabel('要綱の名前').inputValue()).toBe(`${original}（山田）`);
    await b.page.getByLabel('要綱の名前').fill(`${original}（田中）`);
    await b.page.getByRole('button', { name: '要綱を保存する' }).click();
    await toast(b.page, '令和5年度の要綱を保存しました');

    // 基金: both show 令和5年度; A types a new 基金充当額 for the center project first.
    for (const { page } of [a, b]) {
      await page.goto(`${host.url}#/fund`);
      await page.getByLabel('年度', { exact: true }).selectOption('2023');
      await expect.poll(() => page.getByLabel(`${CENTER} 基金充当額`).inputValue()).toBe('84,586,000');
    }
    const typeInto = async (page: Page, figure: string) => {
      const cell = page.getByLabel(`${CENTER} 基金充当額`);
      await cell.focus();
      // The cell turns to the plain figure for editing one render after the focus: type only then.
      await expect.poll(() => cell.inputValue()).toMatch(/^\d+$/);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(figure);
      await expect.poll(() => cell.inputValue()).toBe(figure);
      await page.keyboard.press('Enter');
    };
    const savedA = a.page.waitForResponse(/\/api\/fund\.amounts\.save$/);
    await typeInto(a.page, '90000000');
    await expect.poll(() => a.page.getByTestId('subtotal-Ⅱ').locator('[data-field="fundAmount"]').textContent()).not.toBe('84,586,000');
    // The subtotal moves at once, ahead of the save: B types only once A's figure is stored.
    expect((await savedA).ok()).toBe(true);

    const totalB = b.page.getByTestId('total').locator('[data-field="fundAmount"]');
    const readB = await totalB.textContent();
    await typeInto(b.page, '95000000');
    const fundNotice = conflictNotice(b.page);
    await expect
      .poll(() => fundNotice.textContent())
      .toMatch(
        new RegExp(
          `「${CENTER}」の.+の金額は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（.+）が \\d\\d:\\d\\d に変更しました。`,
        ),
      );
    // Refused: the total B was shown at once, ahead of the save, goes back to the figures B read.
    await expect.poll(() => totalB.textContent()).toBe(readB);
    await fundNotice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => b.page.getByLabel(`${CENTER} 基金充当額`).inputValue()).toBe('90,000,000');
    const subtotalB = b.page.getByTestId('subtotal-Ⅱ').locator('[data-field="fundAmount"]');
    const reloaded = await subtotalB.textContent();
    const answered = b.page.waitForResponse(/\/api\/fund\.amounts\.save$/);
    await typeInto(b.page, '95000000');
    // Saved: the subtotal moves by B's 5,000,000 over A's figure (at once, ahead of the save), the save is answered
    // (not refused), and no refusal is left on the page.
    await expect.poll(() => subtotalB.textContent()).not.toBe(reloaded);
    expect((await answered).ok()).toBe(true);
    expect(await b.page.getByText('保存できませんでした。').count()).toBe(0);
    // Stored: A sees B's figure after reloading.
    await a.page.reload();
    await a.page.getByLabel('年度', { exact: true }).selectOption('2023');
    await expect.poll(() => a.page.getByLabel(`${CENTER} 基金充当額`).inputValue()).toBe('95,000,000');

    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([REFUSED, REFUSED, REFUSED]);
  });

  it('is refused for a municipality’s 連携推進事業 of a year (its items saved together), and goes through after 再読み込み', async () => {
    const host = await serve(demoDbPath());
    const a = await open(`${host.url}#/masters/centers`);
    const b = await open(`${host.url}#/masters/centers`);
    // Both open 聖籠町's 令和5年度 items; A writes a 備考 on (ア) first.
    const drawerOf = async (page: Page) => {
      const seiro = page.getByRole('table', { name: '連携推進事業の実施方法' }).locator('tbody tr', { hasText: '聖籠町' });
      await seiro.focus();
      await page.keyboard.press('Enter');
      const drawer = page.getByRole('dialog', { name: '聖籠町の連携推進事業（令和5年度）' });
      const note = drawer.getByRole('group', { name: '(ア) 地域の医療・介護の資源の把握' }).getByLabel('備考');
      await note.waitFor();
      return { drawer, note };
    };
    const mine = await drawerOf(a.page);
    const theirs = await drawerOf(b.page);
    await mine.note.fill('山田の備考');
    await mine.drawer.getByRole('button', { name: '保存する' }).click();
    await toast(a.page, '聖籠町の連携推進事業（令和5年度）を保存しました');

    await theirs.note.fill('田中の備考');
    await theirs.drawer.getByRole('button', { name: '保存する' }).click();
    const notice = conflictNotice(b.page);
    await expect
      .poll(() => notice.textContent())
      .toMatch(
        /保存できませんでした。 聖籠町の令和5年度の連携推進事業は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（.+）が \d\d:\d\d に変更しました。/,
      );
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => theirs.note.inputValue()).toBe('山田の備考');
    await theirs.note.fill('田中の備考');
    await theirs.drawer.getByRole('button', { name: '保存する' }).click();
    await toast(b.page, '聖籠町の連携推進事業（令和5年度）を保存しました');

    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([REFUSED]);
  });

  it('is refused for a survey answer typed in by two people, and goes through after 再読み込み', async () => {
    // Both open the missing center's form of the 令和5年度 round.
    const { a, b, drawerB } = await hubSavedByA();
    await fillHub(drawerB, '0.5');
    const notice = conflictNotice(b.page);
    await expect
      .poll(() => notice.textContent())
      .toMatch(
        new RegExp(`${HUB}の回答は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（.+）が \\d\\d:\\d\\d に変更しました。`),
      );
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => drawerB.getByLabel('1行目の常勤換算').inputValue()).toBe('1.00');
    // What B typed is kept as B would retype it: choices by label, the roster a line a row, 常勤換算 as a decimal.
    expect(await drawerB.getByRole('alert').filter({ hasText: '保存できなかった入力' }).locator('pre').textContent()).toBe(
      'センター長の医師会内役職: 会長\n配置職員:\n1行目 看護師・常勤・0.50・コーディネーター・―・―・―',
    );
    await drawerB.getByLabel('1行目の常勤換算').fill('0.5');
    await drawerB.getByRole('button', { name: '保存する' }).click();
    await drawerB.waitFor({ state: 'detached' });

    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([REFUSED]);
  });

  it('takes typing after 再読み込み, before the drawer’s own reading of the answer caught up, for the officer’s own', async () => {
    const { a, b, drawerB } = await hubSavedByA();
    await fillHub(drawerB, '0.5');
    const notice = conflictNotice(b.page);
    await notice.waitFor();
    // 再読み込み reads the answer itself (passed), then the screen reads it again (held, as on a slow shared drive).
    const held: (() => void)[] = [];
    let reads = 0;
    await b.page.route(/\/api\/survey\.answers\.get$/, async (route) => {
      reads += 1;
      if (reads !== 2) return route.continue();
      const answer = await route.fetch();
      held.push(() => void route.fulfill({ response: answer }));
    });
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => drawerB.getByLabel('1行目の常勤換算').inputValue()).toBe('1.00');
    await expect.poll(() => held.length).toBe(1);
    await drawerB.getByLabel('1行目の常勤換算').fill('0.5');
    // The answer B read at 再読み込み is the newest: no colleague changed it since, and the form stands.
    expect(await drawerB.getByRole('alert').filter({ hasText: 'ほかの人' }).count()).toBe(0);
    held[0]!();
    await expect.poll(() => drawerB.getByLabel('1行目の常勤換算').inputValue()).toBe('0.5');
    await drawerB.getByRole('button', { name: '保存する' }).click();
    await drawerB.waitFor({ state: 'detached' });
    await toast(b.page, `${HUB}の回答を保存しました`);

    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([REFUSED]);
  });

  it('keeps of a refused survey answer only what was typed: no empty roster', async () => {
    const { a, b, drawerB } = await hubSavedByA();

    // B chose the role only, its roster left empty, and keeps it as 要確認: refused, A saved first.
    await drawerB.getByLabel('副会長', { exact: true }).check();
    await drawerB.getByRole('button', { name: '保存する' }).click();
    await drawerB.getByRole('button', { name: '誤りを残して保存（要確認）' }).click();
    const notice = conflictNotice(b.page);
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => drawerB.getByLabel('1行目の常勤換算').inputValue()).toBe('1.00');
    expect(await drawerB.getByRole('alert').filter({ hasText: '保存できなかった入力' }).locator('pre').textContent()).toBe(
      'センター長の医師会内役職: 副会長',
    );
    expect(a.problems).toEqual([]);
    // The first 保存する is refused for the empty roster (422), which offers 要確認.
    expect(b.problems).toEqual([expect.stringContaining('status of 422'), REFUSED]);
  });

  it('is refused for a 調査票 edited by two people, keeping what was typed, and goes through after 再読み込み', async () => {
    const SURVEY = 'センター人員配置状況調査';
    const host = await serve(demoDbPath());
    const a = await open(`${host.url}#/survey`);
    const b = await open(`${host.url}#/survey`);
    // Both open the survey's editor; A renames its first question first.
    const headingOf = async (page: Page) => {
      await page.getByRole('region', { name: SURVEY }).getByRole('link', { name: '調査票を編集' }).click();
      const heading = page.getByRole('listitem', { name: /^問1「/ }).getByLabel('見出し', { exact: true });
      await expect.poll(() => heading.inputValue()).toBe('センター長の医師会内役職');
      return heading;
    };
    const headingA = await headingOf(a.page);
    const headingB = await headingOf(b.page);
    await headingA.fill('センター長の役職（山田）');
    await a.page.getByRole('button', { name: '調査票を保存する' }).click();
    await toast(a.page, '調査票を保存しました。第2版になりました');

    await headingB.fill('センター長の役職（田中）');
    await b.page.getByRole('button', { name: '調査票を保存する' }).click();
    const notice = conflictNotice(b.page);
    await expect
      .poll(() => notice.textContent())
      .toMatch(
        new RegExp(
          `調査票「${SURVEY}」は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（.+）が \\d\\d:\\d\\d に変更しました。`,
        ),
      );
    // Refused: B's typing stays in the form, and A's save is what is stored.
    expect(await headingB.inputValue()).toBe('センター長の役職（田中）');
    await a.page.reload();
    await expect.poll(() => headingA.inputValue()).toBe('センター長の役職（山田）');

    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => headingB.inputValue()).toBe('センター長の役職（山田）');
    await expect
      .poll(() => b.page.getByTestId('survey-editor-version').textContent())
      .toBe('第2版を使う回はまだないため、保存すると第2版をそのまま書き換えます。');
    // What B typed is kept, a line a question changed, to be copied into the reloaded form.
    expect(await b.page.getByRole('alert').filter({ hasText: '保存できなかった入力' }).locator('pre').textContent()).toBe(
      '問1（選択（1つ））: センター長の役職（田中） ／ 必須 ／ 選択肢: 会長・副会長・理事・顧問・病院医師・その他',
    );
    await headingB.fill('センター長の役職（田中）');
    await b.page.getByRole('button', { name: '調査票を保存する' }).click();
    await toast(b.page, '調査票を保存しました（第2版）');

    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([REFUSED]);
  });

  it('is refused for deleting a 医療機関 someone changed since the drawer opened, with 再読み込み bringing the change', async () => {
    const TOKAMACHI = '××病院（十日町市）';
    const host = await serve(demoDbPath());
    const a = await open(`${host.url}#/masters/institutions`);
    const b = await open(`${host.url}#/masters/institutions`);
    const drawerOf = async (page: Page) => {
      await page.getByLabel('検索', { exact: true }).fill('××病院');
      await page.getByRole('table', { name: '医療機関の一覧' }).locator('tbody tr', { hasText: TOKAMACHI }).click();
      const drawer = page.getByRole('dialog', { name: TOKAMACHI });
      await expect.poll(() => drawer.getByLabel('病床数').inputValue()).toBe('96');
      return drawer;
    };
    const drawerA = await drawerOf(a.page);
    const drawerB = await drawerOf(b.page);
    await drawerA.getByLabel('病床数').fill('120');
    await drawerA.getByRole('button', { name: '保存する' }).click();
    await toast(a.page, `${TOKAMACHI}を保存しました`);

    await drawerB.getByRole('button', { name: '削除…' }).click();
    await b.page
      .getByRole('dialog', { name: `${TOKAMACHI}を削除しますか？` })
      .getByRole('button', { name: '削除する' })
      .click();
    const notice = conflictNotice(b.page);
    await expect
      .poll(() => notice.textContent())
      .toMatch(
        new RegExp(
          `^削除できませんでした。 .*${TOKAMACHI}.*は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（.+）が \\d\\d:\\d\\d に変更しました。何も削除していません。再読み込みしてください。`,
        ),
      );
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => drawerB.getByLabel('病床数').inputValue()).toBe('120');
    expect(await conflictNotice(b.page).count()).toBe(0);

    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([REFUSED]);
  });

  it('is refused for withdrawing a survey answer someone replaced since the drawer opened, and goes through after 再読み込み', async () => {
    const host = await serve(demoDbPath());
    const a = await open(`${host.url}#/survey`);
    const b = await open(`${host.url}#/survey`);
    const openRound = async (page: Page) =>
      page
        .getByRole('table', { name: 'センター人員配置状況調査の回' })
        .getByRole('link', { name: '令和5年度 郡市医師会在宅医療推進センター人員配置状況' })
        .click();
    await openRound(b.page);
    const opener = b.page.getByRole('button', { name: /の回答を開く$/ }).first();
    const center = (await opener.getAttribute('aria-label'))!.replace(/の回答を開く$/, '');
    await opener.click();
    const drawerB = b.page.getByRole('dialog', { name: `${center}の回答` });
    await drawerB.getByLabel('1行目の常勤換算').waitFor();
    // B starts to change the answer read now; A then saves a newer one B has not seen.
    await drawerB.getByLabel('1行目の常勤換算').fill('0.75');
    await openRound(a.page);
    await a.page.getByRole('button', { name: `${center}の回答を開く` }).click();
    const drawerA = a.page.getByRole('dialog', { name: `${center}の回答` });
    await drawerA.getByLabel('1行目の常勤換算').fill('1.23');
    await drawerA.getByRole('button', { name: '保存する' }).click();
    await drawerA.waitFor({ state: 'detached' });

    await drawerB.getByRole('button', { name: '回答を取り下げる…' }).click();
    await b.page
      .getByRole('dialog', { name: `${center}の回答を取り下げますか？` })
      .getByRole('button', { name: '取り下げる' })
      .click();
    const notice = conflictNotice(b.page);
    await expect
      .poll(() => notice.textContent())
      .toMatch(
        new RegExp(
          `取り下げられませんでした。 ${center}の回答は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（.+）が \\d\\d:\\d\\d に変更しました。回答を取り下げていません。再読み込みしてください。`,
        ),
      );
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => drawerB.getByLabel('1行目の常勤換算').inputValue()).toBe('1.23');
    // Now B has seen what is withdrawn: it goes through.
    await drawerB.getByRole('button', { name: '回答を取り下げる…' }).click();
    await b.page
      .getByRole('dialog', { name: `${center}の回答を取り下げますか？` })
      .getByRole('button', { name: '取り下げる' })
      .click();
    await toast(b.page, `${center}の回答を取り下げました（履歴に残ります）`);
    await drawerB.waitFor({ state: 'detached' });

    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([REFUSED]);
  });
});
