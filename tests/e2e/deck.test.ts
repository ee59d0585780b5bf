/**
 * 会議資料 in Chromium on the demo prefecture: a 5-slide deck built and
 * reordered with the keyboard, shown full screen and stepped through with the
 * presenter keys (→ Space PageUp Home End, B for black, 3+Enter), its 4-up
 * handout printed and read back, text slides made from its meeting's agenda
 * and decisions, and a meeting copy taken and opened: the
 * header says 閲覧専用 with its date, and a change is refused by the core.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cellLayout, sheetCells } from '@core/deck/handout';
import { isoDateOfLocal } from '@shared/dates';
import { formatWareki } from '@shared/wareki';
import { holdAnswer, useApp, watchFailures } from '../support/app';
import { pressUntilSent } from '../support/page';
import { readPdf } from '../support/pdf';
import { MAIN_SCREENS, offeredEdits, sweep, typableFormBoxes } from '../support/readOnly';
import { addCenters } from '../support/seed';

const { demoDbPath, serve, open, tempDir } = useApp();

async function toast(page: Page, text: string) {
  await expect.poll(() => page.locator('.toasts').textContent(), { timeout: 60_000 }).toContain(text);
}

async function slideNumber(page: Page): Promise<string | null> {
  return page.getByTestId('present-number').textContent();
}

/**
 * A deck ending on a table too long for its slide (the 補助金 of 令和5年度, the demo's 17 centers and 30 more), after a
 * text slide 「議題」, presented from its slide `slide`: its title, and the first row of the part shown.
 */
async function presentEndingOnLongTable(slide: 1 | 2) {
  const host = await serve(demoDbPath());
  await addCenters(host.call, 30);
  const deck = await host.call('deck.save', {
    title: '長い表で終わる資料',
    slides: [
      { kind: 'text', title: '議題', lines: ['補助金の交付状況'] },
      { kind: 'block', block: 'subsidy.year', fiscalYear: 2023 },
    ],
  });
  const { page, problems } = await open(`${host.url}#/report/decks/${deck.id}`);
  await page.goto(`${host.url}#/present/${deck.id}?slide=${slide}`);
  const title = page.locator('.slide__title');
  const firstRow = () => page.locator('.slide__table tbody tr').first().textContent();
  return { page, problems, title, firstRow };
}

describe('会議資料', () => {
  it('builds a 5-slide deck, presents it with the keyboard, and prints 4-up handouts', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/report/decks/new`);
    await page.getByLabel('資料の名前').fill('第3回 在宅医療推進センター運営会議');

    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    await page.getByLabel('見出し').fill('議題');
    await page.getByLabel('箇条書き（1行に1項目、8行まで）').fill('基金の執行状況\n補助金の交付状況\n人員配置の調査結果');
    await page.getByRole('button', { name: '＋ 集計のスライド' }).click();
    await page.getByRole('button', { name: '＋ 集計のスライド' }).click();
    await page.getByLabel('表示する集計').selectOption({ label: '補助金の交付状況' });
    await page.getByRole('button', { name: '＋ 集計のスライド' }).click();
    await page.getByLabel('表示する集計').selectOption({ label: '人員配置状況調査（職種別の構成）' });
    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    await page.getByLabel('見出し').fill('決定事項');
    await page.getByLabel('箇条書き（1行に1項目、8行まで）').fill('次回は5月に開催する');
    // The preview draws the slide as the room will see it.
    await expect.poll(() => page.getByTestId('deck-preview').textContent()).toContain('次回は5月に開催する');

    // Keyboard: the last slide up one with Alt+↑, and back down with Alt+↓.
    const list = page.getByTestId('deck-slides');
    await list.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(() => list.locator('option').allTextContents())
      .toEqual([
        '1. ［文字］ 議題',
        '2. ［集計］ 基金の執行状況（区分ごとのグラフ）',
        '3. ［集計］ 補助金の交付状況',
        '4. ［文字］ 決定事項',
        '5. ［集計］ 人員配置状況調査（職種別の構成）',
      ]);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => list.locator('option').nth(4).textContent()).toBe('5. ［文字］ 決定事項');
    await page.keyboard.press('Control+s');
    await toast(page, '「第3回 在宅医療推進センター運営会議」を保存しました（スライド 5 枚）');
    await expect.poll(() => page.url()).toMatch(/#\/report\/decks\/\d+$/);

    await list.selectOption('0');
    await page.getByTestId('deck-present').click();
    await page.getByTestId('present').waitFor();
    const fullScreen = () => page.evaluate(() => document.fullscreenElement !== null);
    await expect.poll(fullScreen).toBe(true);
    await expect.poll(() => slideNumber(page)).toBe('1 / 5');
    await expect.poll(() => page.locator('.slide__title').textContent()).toBe('議題');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slideNumber(page)).toBe('2 / 5');
    await expect.poll(() => page.locator('.slide__title').textContent()).toBe('基金の執行状況（区分ごとのグラフ）');
    await page.keyboard.press('Space');
    await expect.poll(() => slideNumber(page)).toBe('3 / 5');
    await page.keyboard.press('PageUp');
    await expect.poll(() => slideNumber(page)).toBe('2 / 5');
    await page.keyboard.press('End');
    await expect.poll(() => slideNumber(page)).toBe('5 / 5');
    await expect.poll(() => page.locator('.slide__title').textContent()).toBe('決定事項');
    await page.keyboard.press('Home');
    await expect.poll(() => slideNumber(page)).toBe('1 / 5');
    await page.keyboard.press('b');
    await page.getByTestId('present-black').waitFor();
    await page.keyboard.press('b');
    await page.getByTestId('present-black').waitFor({ state: 'detached' });
    await page.keyboard.press('3');
    await expect.poll(() => page.getByTestId('present-typed').textContent()).toBe('3 → Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => slideNumber(page)).toBe('3 / 5');
    await expect.poll(() => page.locator('.slide__title').textContent()).toBe('補助金の交付状況');
    // Every key above was taken in full screen; Esc leaves it and the presentation.
    expect(await fullScreen()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(fullScreen).toBe(false);
    await page.getByRole('heading', { name: '第3回 在宅医療推進センター運営会議', level: 1 }).waitFor();
    // Back on the button that started the show, so Enter starts it again, as in presentation software.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('発表する（全画面）');

    // 4 slides a sheet: 5 slides on 2 A4 sheets, numbered, the slides' titles readable in the PDF.
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: '配布資料を保存' }).click();
    const file = path.join(tempDir(), 'handout.pdf');
    await (await download).saveAs(file);
    const pdf = await readPdf(fs.readFileSync(file));
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.title).toBe('第3回 在宅医療推進センター運営会議');
    // The sheets' own numbers are the only 「n / m」 a reader or a screen reader finds: no slide's text says
    // 「1 / 1」 under its picture (the slide's print numbered its page, hidden by the sheet).
    expect(pdf.pages.map((p) => p.text.match(/\d+\s*\/\s*\d+/g))).toEqual([['1 / 2'], ['2 / 2']]);
    for (const title of ['議題', '基金の執行状況（区分ごとのグラフ）', '補助金の交付状況', '人員配置状況調査（職種別の構成）']) {
      expect(pdf.pages[0]!.text.replace(/\s/g, '')).toContain(title);
    }
    expect(pdf.pages[1]!.text.replace(/\s/g, '')).toContain('次回は5月に開催する');
    // A text slide's lines stay readable a quarter of their size: over 5 pt as placed on the sheet (the stage's 48 px
    // printed as the stage wraps them, its 1728 px across the page's 267 mm: 21 pt on the page). The line is
    // found by its row of text in the left column (slide 1), where pdf.js gives it a few characters an item.
    const left = pdf.pages[0]!.items.filter((i) => i.x < pdf.pages[0]!.width / 2);
    const rowY = [...new Set(left.map((i) => Math.round(i.y)))].find((y) =>
      left
        .filter((i) => Math.round(i.y) === y)
        .sort((a, b) => a.x - b.x)
        .map((i) => i.str)
        .join('')
        .includes('人員配置の調査結果'),
    );
    expect(rowY).toBeDefined();
    const agendaLine = left.filter((i) => Math.round(i.y) === rowY && i.str.trim() !== '');
    expect(Math.min(...agendaLine.map((i) => i.size))).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  }, 300_000);

  it('shows a text slide as full as the editor takes it whole on the stage and in the handout, and says what to cut from a fuller one', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/report/decks/new`);
    await page.getByLabel('資料の名前').fill('人員配置の報告');
    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    // The QA's slide: a 40-character 見出し and 8 lines of 47, which ran off the stage from line 5 at 48 px.
    const title = '令和９年度に向けた在宅医療推進センターの人員配置と補助金の交付状況についての報告';
    const lines = Array.from(
      { length: 8 },
      (_, i) => `項目${i + 1}：在宅医療推進センターの人員配置状況を各圏域で確認し、必要に応じて補助金の増額を検討する`,
    );
    await page.getByLabel('見出し').fill(title);
    const box = page.getByLabel('箇条書き（1行に1項目、8行まで）');

    // Fuller still (8 lines of 80 全角): the editor says so as it is typed, and the save is refused with the slide's number.
    await box.fill(Array.from({ length: 8 }, () => '在宅医療'.repeat(20)).join('\n'));
    const advice = '文字が多すぎて収まりません。8行目以降を次のスライドに分けてください';
    await expect.poll(() => page.locator('.field__error').textContent()).toBe(`このスライドは${advice}`);
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: '保存できませんでした' }).textContent())
      .toContain(`1枚目のスライドは${advice}`);

    await box.fill(lines.join('\n'));
    await expect.poll(() => page.locator('.field__error').count()).toBe(0);
    await page.keyboard.press('Control+s');
    await toast(page, '「人員配置の報告」を保存しました（スライド 1 枚）');
    await expect.poll(() => page.url()).toMatch(/#\/report\/decks\/\d+$/);

    await page.getByTestId('deck-present').click();
    await page.getByTestId('present').waitFor();
    const shown = page.locator('.present .slide__lines li');
    await expect.poll(() => shown.count()).toBe(8);
    // The last line ends inside the slide's body (and so above the stage's bottom and the slide number), as drawn in the window.
    const [last, body, stage] = await Promise.all(
      [shown.last(), page.locator('.present .slide__body'), page.locator('.present .stage')].map((l) => l.boundingBox()),
    );
    expect(last!.y + last!.height).toBeLessThanOrEqual(body!.y + body!.height);
    expect(body!.y + body!.height).toBeLessThan(stage!.y + stage!.height);
    expect(await shown.last().textContent()).toBe(lines[7]);
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: '人員配置の報告', level: 1 }).waitFor();

    // One slide a sheet: every line in the PDF, and every text of the slide inside the slide's box on the sheet.
    await page.getByRole('radio', { name: '1枚' }).check();
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: '配布資料を保存' }).click();
    const file = path.join(tempDir(), 'handout.pdf');
    await (await download).saveAs(file);
    const [sheet] = (await readPdf(fs.readFileSync(file))).pages;
    const text = sheet!.text.replace(/\s/g, '');
    for (const line of [title, ...lines]) expect(text).toContain(line);
    const slide = cellLayout(sheetCells(1)[0]!, false).slide;
    const mm = 72 / 25.4;
    const outside = sheet!.items.filter((i) => i.str.trim() !== '' && (i.y < slide.y * mm || i.y > (slide.y + slide.height) * mm));
    // Outside the slide, the sheet's own number alone (the slide's print numbered its page too, hidden by the sheet).
    expect(outside.map((i) => i.str.trim())).toEqual(['1 / 1']);
    // The one refused save, and nothing else.
    expect(problems).toEqual([expect.stringContaining('422')]);
  }, 300_000);

  it('keeps a slide typed while the deck’s save is on its way: not overwritten by the saved deck, asked about on leaving, saved next', async () => {
    const host = await serve(demoDbPath());
    const [deck] = await host.call('deck.list', {});
    const { page } = await open(`${host.url}#/report/decks/${deck.id}`);
    const failures = await watchFailures(page);
    const title = page.getByLabel('資料の名前');
    await expect.poll(() => title.inputValue()).not.toBe('');
    await title.fill('名前を直した資料');
    // The save reaches the core at once; its answer is held, as on a slow shared drive, while the officer types on.
    const held = await holdAnswer(page, 'deck.save');
    await page.keyboard.press('Control+s');
    await expect.poll(() => held.length).toBe(1);
    await page.getByLabel('見出し').fill('保存中に直した見出し');
    // The deck is read again after the save: that reading does not replace the slide typed meanwhile.
    const reread = page.waitForResponse(/\/api\/deck\.get$/);
    held.shift()!();
    await toast(page, '「名前を直した資料」を保存しました');
    await reread;
    expect(await page.getByLabel('見出し').inputValue()).toBe('保存中に直した見出し');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '基金' }).click();
    await page.getByRole('dialog', { name: '保存していない変更があります' }).getByRole('button', { name: 'キャンセル' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await host.call('deck.get', { id: deck.id })).content[0].title).toBe('保存中に直した見出し');
    expect((await host.call('deck.get', { id: deck.id })).title).toBe('名前を直した資料');
    expect(await failures()).toEqual([]);
  });

  it('offers a saved deck’s form only once the deck is read, so nothing is typed over an empty one (its save would have named no version)', async () => {
    const host = await serve(demoDbPath());
    const [deck] = await host.call('deck.list', {});
    const { page, problems } = await open(`${host.url}#/report/decks`);
    // The deck's reading is held, as on a slow shared drive, while the officer is already at its page.
    const held = await holdAnswer(page, 'deck.get');
    await page.getByRole('link', { name: deck.title }).click();
    await expect.poll(() => held.length).toBe(1);
    await page.getByText('読み込み中…').waitFor();
    expect(await page.getByLabel('資料の名前').count()).toBe(0);
    held.shift()!();
    const title = page.getByLabel('資料の名前');
    await expect.poll(() => title.inputValue()).toBe(deck.title);
    expect(await page.getByTestId('deck-slides').locator('option').count()).toBe(deck.slides);
    expect(problems).toEqual([]);
  });

  it('puts what is typed right after 「＋ 文字のスライド」 or 「＋ 集計のスライド」 into the new slide', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/report/decks/new`);
    await page.getByLabel('資料の名前').fill('キーボードで作る資料');
    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    await page.keyboard.type('在宅医療の現状について');
    await page.keyboard.press('Tab');
    await page.keyboard.type('訪問診療の件数');
    expect(await page.getByLabel('見出し').inputValue()).toBe('在宅医療の現状について');
    expect(await page.getByLabel('箇条書き（1行に1項目、8行まで）').inputValue()).toBe('訪問診療の件数');

    // A 集計 slide's first field is the 集計 it shows: ↓ picks the next one.
    await page.getByRole('button', { name: '＋ 集計のスライド' }).click();
    const block = page.getByLabel('表示する集計');
    expect(await block.evaluate((box) => box === document.activeElement)).toBe(true);
    const first = await block.inputValue();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => block.inputValue()).not.toBe(first);

    await page.keyboard.press('Control+s');
    await toast(page, '「キーボードで作る資料」を保存しました（スライド 2 枚）');
    const saved = (await host.call('deck.list', {})).find((d: { title: string }) => d.title === 'キーボードで作る資料');
    const { content } = await host.call('deck.get', { id: saved.id });
    expect(content[0]).toMatchObject({ kind: 'text', title: '在宅医療の現状について', lines: ['訪問診療の件数'] });
    expect(content[1].block).not.toBe(first);
    expect(problems).toEqual([]);
  });

  it('keeps what was typed during a new deck’s first save, when the page moves to the saved deck’s address', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/report/decks/new`);
    const failures = await watchFailures(page);
    await page.getByLabel('資料の名前').fill('初めて保存する資料');
    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    await page.getByLabel('見出し').fill('議題');
    const held = await holdAnswer(page, 'deck.save');
    await page.keyboard.press('Control+s');
    await expect.poll(() => held.length).toBe(1);
    await page.getByLabel('見出し').fill('保存中に直した見出し');
    // The saved deck is read at its address: that reading does not replace the heading typed meanwhile.
    const read = page.waitForResponse(/\/api\/deck\.get$/);
    held.shift()!();
    await toast(page, '「初めて保存する資料」を保存しました（スライド 1 枚）');
    await read;
    const saved = (await host.call('deck.list', {})).find((d: { title: string }) => d.title === '初めて保存する資料');
    expect(new URL(page.url()).hash).toBe(`#/report/decks/${saved.id}`);
    expect(await page.getByLabel('見出し').inputValue()).toBe('保存中に直した見出し');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await host.call('deck.get', { id: saved.id })).content[0].title).toBe('保存中に直した見出し');
    expect(await failures()).toEqual([]);
  });

  it('leaves a user who went elsewhere during the first save where they went, not on the saved deck', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/report/decks/new`);
    await page.getByLabel('資料の名前').fill('会議のあとで直す資料');
    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    await page.getByLabel('見出し').fill('議題');
    // The save's answer is held, as on a slow shared drive: the user moves on before it comes.
    const held: (() => void)[] = [];
    await page.route(/\/api\/deck\.save$/, (route) => held.push(() => void route.continue()));
    await pressUntilSent(page, held);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '基金' }).click();
    // The editor asks first (its slides are not saved yet), and the user leaves all the same.
    await page.getByRole('button', { name: '保存せずに移動する' }).click();
    await page.getByRole('table', { name: '年度の事業と金額' }).waitFor();
    const answered = page.waitForResponse(/\/api\/deck\.save$/);
    held.shift()!();
    expect((await answered).ok()).toBe(true);
    // Saved (the toast says so), and the user is still on 基金: the editor's "go to the saved deck" came too late to apply.
    await toast(page, '「会議のあとで直す資料」を保存しました（スライド 1 枚）');
    expect(new URL(page.url()).hash).toBe('#/fund');
    await page.getByRole('table', { name: '年度の事業と金額' }).waitFor();
  });

  it('brings up the slide a save is refused for, its field marked with the slide’s number, one blank slide after another', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/report/decks/new`);
    await page.getByLabel('資料の名前').fill('見出しを忘れた資料');
    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    await page.getByRole('button', { name: '＋ 集計のスライド' }).click();
    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    const list = page.getByTestId('deck-slides');
    const heading = page.getByLabel('見出し');
    await list.selectOption('1');
    await page.getByRole('button', { name: '保存', exact: true }).click();

    // Slides 1 and 3 are both blank: the notice names both, and slide 1 comes up with its 見出し marked and the cursor in it.
    await expect
      .poll(() => page.locator('.notice--error').textContent())
      .toBe('保存できませんでした。 1枚目のスライドの見出しを入力してください 3枚目のスライドの見出しを入力してください');
    await expect.poll(() => list.inputValue()).toBe('0');
    await expect.poll(() => heading.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field__error').allTextContents()).toEqual(['1枚目のスライドの見出しを入力してください']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('slideTitle');

    // Typed in, slide 1 is no longer marked; slide 3 is still named.
    await heading.fill('議題');
    expect(await page.locator('.field__error').count()).toBe(0);
    expect(await page.locator('.notice--error').textContent()).toBe('保存できませんでした。 3枚目のスライドの見出しを入力してください');
    await page.keyboard.press('Control+s');
    await expect.poll(() => list.inputValue()).toBe('2');
    await expect.poll(() => page.locator('.field__error').allTextContents()).toEqual(['3枚目のスライドの見出しを入力してください']);

    await heading.fill('決定事項');
    await page.keyboard.press('Control+s');
    await toast(page, '「見出しを忘れた資料」を保存しました（スライド 3 枚）');
    expect(await page.locator('.field__error, .notice--error').count()).toBe(0);
  });

  it('presents a new deck straight from the editor: saved first, then shown', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/report/decks/new`);
    await page.getByLabel('資料の名前').fill('すぐに発表する資料');
    await page.getByRole('button', { name: '＋ 文字のスライド' }).click();
    await page.getByLabel('見出し').fill('本日の議題');
    await page.getByTestId('deck-present').click();
    await page.getByTestId('present').waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#\/present\/\d+\?slide=1$/);
    await expect.poll(() => page.locator('.slide__title').textContent()).toBe('本日の議題');
    await toast(page, '「すぐに発表する資料」を保存しました（スライド 1 枚）');
    expect(problems).toEqual([]);
  });

  it('deletes a deck with unsaved typing in it and goes to the list without asking about that typing', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/report/decks/new`);
    await page.getByLabel('資料の名前').fill('消す資料');
    await page.keyboard.press('Control+s');
    await toast(page, '「消す資料」を保存しました（スライド 0 枚）');
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/report\/decks\/\d+$/);
    await page.getByLabel('資料の名前').fill('消す資料（直しかけ）');
    const failures = await watchFailures(page);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'この資料を削除' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/report/decks');
    const decks = page.getByTestId('deck-list').locator('tbody tr');
    await expect.poll(() => decks.count()).toBeGreaterThan(0);
    expect(await decks.allTextContents()).not.toContainEqual(expect.stringContaining('消す資料'));
    expect(await page.getByRole('dialog', { name: '保存していない変更があります' }).count()).toBe(0);
    // The editor is gone before anything reloads: the deleted deck is not asked for again (a 404, and an error in its place).
    expect(await failures()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('presents the demo deck’s activity slide with six figures, each number on one line with its unit', async () => {
    const host = await serve(demoDbPath());
    const call = host.call;
    const meeting = (await call('meeting.list', { fiscalYear: 2023 })).find((m: { title: string }) => m.title === '第4回 運営会議');
    const [deck] = await call('deck.list', { meetingId: meeting.id });
    const { page, problems } = await open(`${host.url}#/report/decks/${deck.id}`);
    await page.goto(`${host.url}#/present/${deck.id}?slide=4`);
    await expect.poll(() => page.locator('.slide__title').textContent()).toBe('在宅医療推進センターの活動実績（相談者別）');
    const values = page.locator('.slide__figure-value');
    await expect.poll(() => values.count()).toBe(6);
    // Stage pixels (before the stage is scaled to the window): a wrapped 「7,451 件」 is two lines high.
    const lines = await values.evaluateAll((els) =>
      els.map((el) => Math.round((el as HTMLElement).offsetHeight / Number.parseFloat(getComputedStyle(el).lineHeight))),
    );
    expect(lines).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await values.first().textContent()).toMatch(/^[\d,]+件$/);
    expect(problems).toEqual([]);
  }, 240_000);

  it('carries a table longer than the slide on to 「（続き）」 slides when presenting and in the preview, every center shown', async () => {
    const host = await serve(demoDbPath());
    const call = host.call;
    // The demo's 17 centers fit one slide; 30 more do not.
    await addCenters(call, 30);
    const centers: string[] = (await call('masters.centers.list', { fiscalYear: 2023 })).map((c: { name: string }) => c.name);
    const deck = await call('deck.save', {
      title: '長い表の資料',
      slides: [
        { kind: 'block', block: 'subsidy.year', fiscalYear: 2023 },
        { kind: 'text', title: '決定事項', lines: ['次回は5月に開催する'] },
      ],
    });
    const { page, problems } = await open(`${host.url}#/report/decks/${deck.id}`);
    await page.goto(`${host.url}#/present/${deck.id}?slide=1`);
    const title = page.locator('.slide__title');
    await expect.poll(() => title.textContent()).toBe('補助金の交付状況');
    /** The rows drawn within their slide's stage, and whether any row is drawn past its foot. */
    const rowsShown = () =>
      page.locator('.slide__table tbody tr').evaluateAll((trs) => {
        const within = (tr: Element) => tr.getBoundingClientRect().bottom <= tr.closest('.stage')!.getBoundingClientRect().bottom + 0.5;
        const inside = trs.filter(within);
        return { names: inside.map((tr) => tr.textContent ?? ''), cut: inside.length < trs.length };
      });
    const seen: string[] = [];
    const titles: string[] = [];
    for (;;) {
      const shown = await rowsShown();
      expect(shown.cut).toBe(false);
      seen.push(...shown.names);
      titles.push((await title.textContent()) ?? '');
      await page.keyboard.press('ArrowRight');
      // The next slide, or the table's next part (its first row another).
      const next = async () => (await title.textContent()) === '決定事項' || (await rowsShown()).names[0] !== shown.names[0];
      await expect.poll(next).toBe(true);
      if ((await title.textContent()) === '決定事項') break;
    }
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(titles.slice(1).every((t) => t === '補助金の交付状況（続き）')).toBe(true);
    for (const name of centers)
      expect(
        seen.filter((row) => row.includes(name)),
        name,
      ).toHaveLength(1);
    expect(seen.filter((row) => row.includes('合計'))).toHaveLength(1);
    expect(await slideNumber(page)).toBe('2 / 2');
    // Back from the next slide: the table's last part, then the one before it.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => title.textContent()).toBe(titles.at(-1));
    expect((await rowsShown()).names.some((row) => row.includes('合計'))).toBe(true);

    // The editor's preview shows the slide and each of its 「（続き）」 slides.
    await page.goto(`${host.url}#/report/decks/${deck.id}`);
    await page.getByTestId('deck-preview').locator('.slide__title').waitFor();
    await expect.poll(() => page.getByTestId('deck-preview-continued').count()).toBe(titles.length - 1);
    const previewed = await page
      .locator('.deck-previews .slide__table tbody tr')
      .evaluateAll((trs) =>
        trs
          .filter((tr) => tr.getBoundingClientRect().bottom <= tr.closest('.stage')!.getBoundingClientRect().bottom + 0.5)
          .map((tr) => tr.textContent ?? ''),
      );
    for (const name of centers)
      expect(
        previewed.filter((row) => row.includes(name)),
        name,
      ).toHaveLength(1);
    expect(problems).toEqual([]);
  }, 240_000);

  it('stays on the last 「（続き）」 part of the last slide when → is pressed there', async () => {
    const { page, problems, title, firstRow } = await presentEndingOnLongTable(2);
    await expect.poll(() => title.textContent()).toBe('補助金の交付状況');
    // Through the parts to the one with the total, remembering the first row of each.
    const firstRows: string[] = [];
    for (;;) {
      const shown = (await firstRow()) ?? '';
      firstRows.push(shown);
      if ((await page.locator('.slide__table tbody tr', { hasText: '合計' }).count()) > 0) break;
      await page.keyboard.press('ArrowRight');
      await expect.poll(firstRow).not.toBe(shown);
    }
    expect(firstRows.length).toBeGreaterThanOrEqual(2);
    expect(await title.textContent()).toBe('補助金の交付状況（続き）');

    // → at the deck's end changes nothing: ← then goes to the part before the last, not to the first slide.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await title.textContent()) === '議題' || (await firstRow()) !== firstRows.at(-1)).toBe(true);
    expect(await title.textContent()).not.toBe('議題');
    expect(await firstRow()).toBe(firstRows.at(-2));
    expect(await slideNumber(page)).toBe('2 / 2');
    expect(problems).toEqual([]);
  }, 240_000);

  it('goes with End to the last 「（続き）」 part of the last slide, from anywhere, and with Home to the first slide', async () => {
    const { page, problems, title, firstRow } = await presentEndingOnLongTable(1);
    await expect.poll(() => title.textContent()).toBe('議題');
    const total = page.locator('.slide__table tbody tr', { hasText: '合計' });

    await page.keyboard.press('End');
    await total.waitFor();
    expect(await title.textContent()).toBe('補助金の交付状況（続き）');
    expect(await slideNumber(page)).toBe('2 / 2');
    const last = await firstRow();

    // Back one part, then End again: the last part, not the slide's first.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(firstRow).not.toBe(last);
    await page.keyboard.press('End');
    await expect.poll(firstRow).toBe(last);
    expect(await total.count()).toBe(1);
    expect(await title.textContent()).toBe('補助金の交付状況（続き）');

    await page.keyboard.press('Home');
    await expect.poll(() => title.textContent()).toBe('議題');
    expect(await slideNumber(page)).toBe('1 / 2');
    expect(problems).toEqual([]);
  }, 240_000);

  it('makes text slides from its meeting’s agenda and decisions as recorded', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/meeting/2023`);
    await page.getByRole('table', { name: '運営会議の会議' }).locator('tbody tr', { hasText: '第4回' }).click();
    // The link says what it makes: a screen reader going from link to link hears more than 「作る」.
    await page
      .locator('section[aria-labelledby="meeting-decks"]')
      .getByRole('link', { name: '第4回 運営会議の資料を作る', exact: true })
      .click({ timeout: 10_000 });
    // Named after its meeting as the app names a meeting of that 年度, ready to save or to change.
    await expect.poll(() => page.getByLabel('資料の名前').inputValue()).toBe('令和5年度 第4回 運営会議 資料');
    await page.getByRole('button', { name: '＋ 議題から' }).click();
    // The new slide's 見出し has the focus, to be worded from the keyboard.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('本日の議題');
    await page.getByRole('button', { name: '＋ 決定事項から' }).click();
    const list = page.getByTestId('deck-slides');
    await expect.poll(() => list.locator('option').allTextContents()).toEqual(['1. ［文字］ 本日の議題', '2. ［文字］ 決定事項']);
    await list.selectOption('0');
    await expect.poll(() => page.getByTestId('deck-preview').textContent()).toContain('2. 令和6年度の活動計画の作成について');
    await list.selectOption('1');
    await expect.poll(() => page.getByTestId('deck-preview').textContent()).toContain('令和6年度の活動計画書は4月19日までに提出する。');
    await page.keyboard.press('Control+s');
    await toast(page, '「令和5年度 第4回 運営会議 資料」を保存しました（スライド 2 枚）');

    // Its slides are dated the day of the meeting they are for, not the day they were printed.
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: '配布資料を保存' }).click();
    const file = path.join(tempDir(), 'handout.pdf');
    await (await download).saveAs(file);
    const [sheet] = (await readPdf(fs.readFileSync(file))).pages;
    const dates = sheet!.text.replace(/\s/g, '').match(/令和\d+年\d+月\d+日/g);
    expect(dates).toEqual(['令和6年2月27日', '令和6年2月27日']);
    expect(problems).toEqual([]);
  }, 240_000);

  it('takes a meeting copy that opens read-only: 閲覧専用 with its date, no edit on any screen, and a change refused', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/report/decks`);
    const copyPath = path.join(tempDir(), '運営会議用.sqlite');
    await page.getByLabel('保存先のファイル').fill(copyPath);
    await page.getByRole('button', { name: '書き出す' }).click();
    const asOf = formatWareki(isoDateOfLocal(new Date()));
    await toast(page, `会議用のコピー（${asOf}時点`);
    expect(fs.existsSync(copyPath)).toBe(true);

    const copyHost = await serve(copyPath);
    const copy = await open(`${copyHost.url}#/`);
    // Nothing is asked of any other place than the copy's own host: it works on a laptop with no network.
    const elsewhere: string[] = [];
    copy.page.on('request', (r) => {
      if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(copyHost.url)) elsewhere.push(r.url());
    });
    const banner = copy.page.getByTestId('readonly-banner');
    await expect.poll(() => banner.textContent()).toContain(`閲覧専用・${asOf}時点`);
    await expect.poll(() => copy.page.title()).toContain(`【閲覧専用・${asOf}時点】`);
    // The home does not promise a daily backup the copy never makes.
    await expect
      .poll(() => copy.page.getByTestId('last-backup').textContent())
      .toBe('会議用の閲覧専用コピーのため、自動のバックアップは作成しません。元のデータベースのバックアップをお使いください。');

    // Every main screen, the demo meeting with its deck, and that deck: nothing to save, add, delete or import.
    const api = async (name: string, input: unknown) => {
      const res = await fetch(`${copyHost.url}api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-renkei-token': copyHost.token },
        body: JSON.stringify(input),
      });
      return res.json();
    };
    const meeting = (await api('meeting.list', { fiscalYear: 2023 })).value.find((m: { title: string }) => m.title === '第4回 運営会議');
    const [deck] = (await api('deck.list', { meetingId: meeting.id })).value;
    const [round] = (await api('survey.rounds.list', {})).value;
    const [center] = (await api('masters.centers.list', { fiscalYear: 2023 })).value;
    const offered = await sweep(copy.page, copyHost.url, [
      ...MAIN_SCREENS,
      `/meeting/2023/m/${meeting.id}`,
      `/report/decks/${deck.id}`,
      `/survey/rounds/${round.id}`,
      `/subsidy/2023/centers/${center.id}`,
    ]);
    expect(offered).toEqual([]);
    expect(elsewhere).toEqual([]);
    // A load the page's policy refused would be no request but an error on the console.
    expect(copy.problems).toEqual([]);

    // 設定 shows its values as text, and a 基金 project opens to be read: no box takes typing.
    await copy.page.goto(`${copyHost.url}#/settings`);
    await copy.page.getByLabel('表示名').waitFor();
    expect(await copy.page.getByLabel('表示名').getAttribute('readonly')).not.toBeNull();
    expect(await typableFormBoxes(copy.page)).toEqual([]);
    await copy.page.goto(`${copyHost.url}#/fund`);
    await copy.page.getByLabel('年度', { exact: true }).selectOption('2023');
    const table = copy.page.getByRole('table', { name: '年度の事業と金額' });
    await table.locator('tbody tr button').first().click();
    await copy.page.locator('.drawer').waitFor();
    expect(await typableFormBoxes(copy.page)).toEqual([]);
    expect(await offeredEdits(copy.page)).toEqual([]);
    expect(await table.locator('input:not([readonly])').count()).toBe(0);

    // The meeting's page still lists its deck to present and print.
    await copy.page.goto(`${copyHost.url}#/meeting/2023/m/${meeting.id}`);
    await expect.poll(() => copy.page.getByTestId('meeting-decks').textContent()).toContain('令和5年度 第4回 在宅医療推進センター運営会議');
    expect(await copy.page.getByRole('button', { name: /を発表（全画面）$/ }).count()).toBe(1);

    // The core refuses a change through the API all the same.
    const refused = await api('settings.update', { displayName: '会議室のPC' });
    expect(refused.error.message).toContain(`このファイルは会議用の閲覧専用コピー（${asOf}時点）のため、変更できません。`);
    const deckRefused = await api('deck.delete', { id: deck.id });
    expect(deckRefused.error.message).toContain('閲覧専用コピー');
    expect((await api('deck.list', {})).value).toHaveLength(1);
  }, 300_000);

  it('says a deck address that names no deck is not there, as for one since deleted (an 「abc」 in it crashed the page)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/report/decks/abc`);
    const notice = page.getByRole('alert');
    await expect.poll(() => notice.textContent()).toBe('会議資料（abc）はありません。一覧を開き直してください。');
    expect(problems).toEqual([]);
    await page.goto(`${host.url}#/report/decks/99999`);
    await expect.poll(() => notice.textContent()).toContain('会議資料（番号 99999）はありません。一覧を開き直してください。');
  });
});
