/**
 * 調査 in Chromium against the demo prefecture: the centers' staffing round
 * of 令和5年度 — the job composition of seed 000 (34/12/15/2/37% of n = 41)
 * and 「16 / 17 回答」 — then the missing 基幹 center's answers typed in the
 * form with a roster row, an out-of-range 常勤換算 refused in Japanese next
 * to its cell, fixed, saved, and counted; the clinic survey's 令和4年度
 * round with 262 clinics, 312 doctors and 前回比 0.83, whose 700 clinics
 * stay drawn and in place when the 600th is ticked; and a returned
 * workbook — downloaded from the screen, filled in with exceljs as a center
 * would in Excel, uploaded beside a CSV renamed to .xlsx — taken back and
 * counted while the impostor is refused; two forms from one center left for the user to choose;
 * and a round without answers deleted from its page.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp, watchFailures } from '../support/app';
import { HUB, typeHubAnswer } from '../support/survey';

const { demoDbPath, serve, open } = useApp();

const CENTER_ROUND = '令和5年度 郡市医師会在宅医療推進センター人員配置状況';
const CLINIC_ROUND = '令和4年度 在宅医療提供体制に関する実態調査（診療所）';

/** Each choice's prefecture-wide cell of a result table, 「14（34%）」, by choice code. */
async function wholeCells(table: Locator): Promise<Record<string, string>> {
  await table.waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      Object.fromEntries(rows.map((tr) => [tr.getAttribute('data-choice'), tr.querySelector('td[data-column="*"]')?.textContent ?? ''])),
    );
}

/** The 基幹 center's form as downloaded from the round's page, filled in as the center would: the director's post, one person on 配置職員. */
async function filledHubForm(page: Page, post: string): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: `${HUB}の調査票をダウンロード` }).click();
  const form = await download;
  expect(form.suggestedFilename()).toBe(`センター人員配置状況調査_令和5年度_${HUB}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(fs.readFileSync(await form.path())).buffer);
  book.getWorksheet('回答')!.eachRow((row) => {
    if (row.getCell(2).text === 'センター長の医師会内役職（必須）') row.getCell(3).value = post;
  });
  const roster = book.getWorksheet('配置職員')!;
  const headers = (roster.getRow(3).values as unknown[]).map((v) => String(v ?? ''));
  const person: Record<string, string | number> = {
    '職種（必須）': '保健師',
    '勤務形態（必須）': '常勤',
    '常勤換算（必須）': 1,
    '役割（必須）': 'コーディネーター',
    採用区分: '新規採用',
    保有資格: '保健師、看護師',
  };
  for (const [header, value] of Object.entries(person)) roster.getRow(5).getCell(headers.indexOf(header)).value = value;
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function openCenterRound(page: Page): Promise<void> {
  await page.getByRole('table', { name: 'センター人員配置状況調査の回' }).getByRole('link', { name: CENTER_ROUND }).click();
  await page.getByRole('heading', { level: 1, name: CENTER_ROUND }).waitFor();
}

describe('調査 in Chromium', () => {
  it('downloads an already sent center’s form again without changing the day it was sent', async () => {
    const MURAKAMI = '村上地域在宅医療推進センター';
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openCenterRound(page);
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: `${MURAKAMI}の調査票をダウンロード` }) });
    expect(await row.textContent()).toContain('令和5年4月10日');
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: `${MURAKAMI}の調査票をダウンロード` }).click();
    expect((await download).suggestedFilename()).toBe(`センター人員配置状況調査_令和5年度_${MURAKAMI}.xlsx`);
    // The round's page read again (as after any change): still the day the form went out.
    await page.reload();
    await row.waitFor();
    expect(await row.textContent()).toContain('令和5年4月10日');
    expect(problems).toEqual([]);
  });

  it('shows the centers’ staffing composition, and takes a missing center’s answers from the form', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    const rounds = page.getByRole('table', { name: 'センター人員配置状況調査の回' });
    expect(await rounds.locator('tbody tr', { hasText: CENTER_ROUND }).textContent()).toContain('16 / 17 回答');
    await openCenterRound(page);
    const label = page.getByTestId('survey-tracker-label');
    await expect.poll(() => label.textContent()).toBe('16 / 17 回答');
    expect(await page.getByTestId('survey-tracker-sent').textContent()).toBe('17');
    expect(await page.getByRole('list', { name: '未回収のセンター' }).textContent()).toBe(`${HUB}（新潟市）`);

    // Seed 000: 看護師 34%, 保健師 12%, 社会福祉士 15%, 介護支援専門員 2%, 事務職 37% of n = 41.
    await page.getByRole('link', { name: /集計結果/ }).click();
    const jobs = page.getByTestId('survey-result-staff-job');
    expect(await wholeCells(jobs)).toEqual({
      nurse: '14（34%）',
      public_health_nurse: '5（12%）',
      social_worker: '6（15%）',
      msw: '0（0%）',
      care_manager: '1（2%）',
      clerk: '15（37%）',
      pt: '0（0%）',
      other: '0（0%）',
    });
    expect(await page.getByTestId('survey-result-staff-job-n').textContent()).toBe('41');
    expect(await jobs.locator('xpath=../following-sibling::ul[1]').textContent()).toContain('最大剰余法');
    expect(await page.getByTestId('survey-chart-staff-job').getAttribute('aria-label')).toContain(
      '（n = 41人）。看護師 34%（14人）、保健師 12%（5人）、社会福祉士 15%（6人）',
    );

    // The 基幹 center answers by phone: typed in, with the roster's 常勤換算 out of range first.
    await page.getByRole('link', { name: /回答状況/ }).click();
    await page.getByRole('list', { name: '未回収のセンター' }).getByRole('button', { name: HUB }).click();
    const drawer = page.getByRole('dialog', { name: `${HUB}の回答` });
    await typeHubAnswer(drawer, '3');
    const outOfRange = '「配置職員」1行目の「常勤換算」は0.01以上2以下で入力してください（入力: 3）。';
    const cellError = drawer.getByRole('alert').filter({ hasText: outOfRange });
    await cellError.waitFor();
    expect(await drawer.getByLabel('1行目の常勤換算').getAttribute('aria-invalid')).toBe('true');

    // 保存する refuses it in the core's words, and nothing is saved.
    await drawer.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => drawer.getByRole('alert').filter({ hasText: '保存できませんでした' }).textContent()).toContain(outOfRange);
    expect(await label.textContent()).toBe('16 / 17 回答');

    // Fixed as typed on a Japanese keyboard, and a second person added.
    await drawer.getByLabel('1行目の常勤換算').fill('１．００');
    await expect.poll(() => cellError.count()).toBe(0);
    await drawer.getByRole('button', { name: '＋ 行を追加' }).click();
    await drawer.getByLabel('2行目の職種').selectOption({ label: '事務職' });
    await drawer.getByLabel('2行目の勤務形態').selectOption({ label: '非常勤' });
    await drawer.getByLabel('2行目の常勤換算').fill('0.5');
    await drawer.getByLabel('2行目の役割').selectOption({ label: '事務' });
    await expect.poll(() => drawer.getByTestId('survey-answer-status').textContent()).toBe('誤りはありません');
    await drawer.getByRole('button', { name: '保存する' }).click();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => label.textContent()).toBe('17 / 17 回答');
    expect(await page.getByTestId('survey-tracker-missing').textContent()).toBe('0');
    expect(await page.getByRole('table', { name: '送り先と回答' }).locator('tbody tr', { hasText: HUB }).textContent()).toContain(
      '画面で入力',
    );

    // Counted: 看護師 15 and 事務職 16 of n = 43 → 35/12/14/2/37%.
    await page.getByRole('link', { name: /集計結果/ }).click();
    await expect.poll(() => page.getByTestId('survey-result-staff-job-n').textContent()).toBe('43');
    expect(await wholeCells(page.getByTestId('survey-result-staff-job'))).toMatchObject({
      nurse: '15（35%）',
      public_health_nurse: '5（12%）',
      social_worker: '6（14%）',
      care_manager: '1（2%）',
      clerk: '16（37%）',
    });
    // The one refusal reaches the page as an HTTP 422, which Chromium logs; nothing else may.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
  });

  it('shows the clinic survey’s 令和4年度 round against 令和2年度: 262 clinics, 312 doctors, 前回比 0.83', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    const rounds = page.getByRole('table', { name: '在宅医療提供体制に関する実態調査（診療所）の回' });
    expect(await rounds.locator('tbody tr', { hasText: CLINIC_ROUND }).textContent()).toContain('640 / 700 回答');
    await rounds.locator('tbody tr', { hasText: CLINIC_ROUND }).getByRole('link', { name: '集計結果' }).click();

    const clinics = page.getByTestId('survey-indicator-clinics_doing');
    const doctors = page.getByTestId('survey-indicator-doctors');
    await expect.poll(() => doctors.locator('[data-field="value"]').textContent()).toBe('312');
    expect(await clinics.locator('[data-field="value"]').textContent()).toBe('262');
    expect(await doctors.locator('[data-field="ratio"]').textContent()).toBe('0.83');
    expect(await doctors.textContent()).toContain('前回 376人');
    expect(await clinics.textContent()).toContain('前回 332施設');

    // By 二次医療圏: the prefecture's row and 新潟's, now, before and 前回比.
    const byArea = page.getByTestId('survey-indicator-table');
    const cells = (name: string) =>
      byArea
        .locator('tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) })
        .locator('td')
        .allTextContents();
    expect((await cells('県全体')).slice(0, 6)).toEqual(['262', '332', '0.79', '312', '376', '0.83']);
    expect((await cells('新潟')).slice(0, 6)).toEqual(['98', '132', '0.74', '115', '152', '0.76']);

    // The doctors' age bands as 100% bars per area and round; 現在 and 5年後 side by side.
    // Read until the earlier round's figures have come too: the charts draw this round's first (a read at once failed once
    // in CI with 令和2年度 not yet there).
    const ages = () => page.getByTestId('survey-chart-doctors').getAttribute('aria-label');
    await expect.poll(ages).toContain('県全体 令和2年度（n = 376人）');
    expect(await ages()).toContain(
      '県全体 令和4年度（n = 312人）: 39歳以下 1%、40歳代 9%、50歳代 19%、60歳代 36%、70歳代 25%、80歳以上 10%',
    );
    // Seed 000's 令和2年度 shares of n = 675: 両方 33%, 訪問のみ 5%, 往診のみ 11%, 行っていない 51%.
    await expect
      .poll(() => page.getByTestId('survey-chart-visits_now-visits_in_5_years').getAttribute('aria-label'))
      .toContain('現在 令和2年度（n = 675件）: 両方 33%、訪問のみ 5%、往診のみ 11%、行っていない 51%');
    // The question's table: 両方 now, in 令和2年度, and 前回比.
    const both = await page.getByTestId('survey-result-visits_now').locator('tbody tr[data-choice="both"] td').allTextContents();
    expect(both.slice(0, 3)).toEqual(['176（27%）', '223（33%）', '0.79']);
    // The formal result of the same 年度, one click away.
    expect(await page.getByRole('link', { name: /在宅医療提供体制に関する実態調査 結果/ }).getAttribute('href')).toBe(
      '#/report/view/survey.clinics?fy=2022',
    );
    expect(problems).toEqual([]);
  });

  it('aggregates by an area kind the 台帳 has none of as the prefecture only, said once, with no 「（圏域未設定）」 column', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openCenterRound(page);
    await page.getByRole('link', { name: /集計結果/ }).click();
    const jobs = page.getByTestId('survey-result-staff-job');
    await jobs.waitFor();
    // The demo has no 保険者 areas.
    await page.getByLabel('圏域別の集計').selectOption({ label: '保険者別' });
    const none = page.getByTestId('survey-results-no-areas');
    await none.waitFor();
    expect(await none.textContent()).toBe('保険者が台帳に未登録のため、県全体のみです。台帳 › 圏域で登録すると、保険者別にも集計します。');
    await expect.poll(() => jobs.locator('thead th').allTextContents()).not.toContain('（圏域未設定）');
    expect(await page.getByText('（圏域未設定）').count()).toBe(0);
    expect((await wholeCells(jobs)).public_health_nurse).toBe('5（12%）');
    expect(problems).toEqual([]);
  });

  it('takes one Tab into 送り先と回答, the arrow keys between its rows and each row’s box and buttons', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openCenterRound(page);
    const table = page.getByRole('table', { name: '送り先と回答' });
    await table.locator('tbody tr', { hasText: HUB }).waitFor();
    const focused = () =>
      page.evaluate(() => {
        const at = document.activeElement!;
        const row = at.closest('tbody tr');
        return {
          inTable: at.closest('table[aria-label="送り先と回答"]') !== null,
          row: row?.querySelector('td:nth-child(2)')?.firstChild?.textContent ?? null,
          what: at.tagName === 'TR' ? 'row' : (at.getAttribute('aria-label') ?? at.textContent),
        };
      });
    // Of the body's rows, boxes and buttons, one is reached by Tab (17 rows of three controls each before), once the
    // table has taken its rows' controls out of the Tab order after drawing them.
    await expect
      .poll(() =>
        table
          .locator('tbody')
          .evaluate((body) => [...body.querySelectorAll<HTMLElement>('tr, button, input')].filter((el) => el.tabIndex >= 0).length),
      )
      .toBe(1);
    // How to reach them is said: to a screen reader as the table's description, to everyone beside the table's title.
    const arrows = '行の中のチェックボックスやボタンへは ← → で移動します';
    await expect
      .poll(() =>
        table.evaluate((t) =>
          (t.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        ),
      )
      .toBe(arrows);
    expect(await page.getByRole('region', { name: '送り先と回答' }).locator('.card__head').textContent()).toContain(arrows);

    await page.getByRole('button', { name: '表示中の 17 件を選ぶ' }).focus();
    // Past the headers' sort buttons, into the rows.
    for (let i = 0; i < 10 && (await focused()).row === null; i += 1) await page.keyboard.press('Tab');
    const first = await focused();
    expect(first).toMatchObject({ inTable: true, what: 'row' });
    await page.keyboard.press('Tab');
    expect((await focused()).inTable).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toEqual(first);

    await page.keyboard.press('ArrowDown');
    const second = (await focused()).row!;
    expect(second).not.toBe(first.row);
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ row: second, what: `${second}を選ぶ` });
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('region', { name: '調査票を送る' }).textContent()).toContain('対象: 選んだ 1 件');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ row: second, what: `${second}の調査票をダウンロード` });
    await page.keyboard.press('ArrowRight');
    const answer = (await focused()).what!;
    expect(answer).toMatch(new RegExp(`^${second}の回答を(入力|開く)$`));
    // Up from the button: the row above's same button.
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toMatchObject({ row: first.row, what: expect.stringMatching(new RegExp(`^${first.row}の回答を(入力|開く)$`)) });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: '回答' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '回答' }).waitFor({ state: 'detached' });
    // The table is still one Tab stop, now the row last in use.
    await page.getByRole('button', { name: '表示中の 17 件を選ぶ' }).focus();
    for (let i = 0; i < 10 && (await focused()).row === null; i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ inTable: true, row: second, what: 'row' });
    expect(problems).toEqual([]);
  });

  it('keeps the focus in the answer drawer while its answers are read and on its first field after, then gives it back to the row (QA: it fell to nowhere)', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openCenterRound(page);
    const focused = () =>
      page.evaluate(() => {
        const at = document.activeElement as HTMLInputElement | null;
        return {
          dialog: at?.closest('[role="dialog"]')?.getAttribute('aria-label') ?? null,
          what: at?.labels?.[0]?.textContent ?? at?.getAttribute('aria-label') ?? at?.textContent ?? null,
        };
      });
    // The answers held back, as on a busy shared database: the drawer shows 「読み込み中…」 first.
    const held: (() => void)[] = [];
    await page.route(/\/api\/survey\.answers\.get$/, (route) => held.push(() => void route.continue()));
    const opener = page.getByRole('button', { name: `${HUB}の回答を入力` });
    await opener.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: '回答', exact: true }).getByText('読み込み中…').waitFor();
    await expect.poll(focused).toEqual({ dialog: '回答', what: '回答' });
    await expect.poll(() => held.length).toBe(1);
    held.shift()!();

    const drawer = page.getByRole('dialog', { name: `${HUB}の回答` });
    await drawer.getByRole('form', { name: '回答' }).waitFor();
    await expect.poll(focused).toEqual({ dialog: `${HUB}の回答`, what: '会長' });
    // Keys go on into the form: Space ticks the focused choice, Tab goes to the next.
    await page.keyboard.press('Space');
    expect(await drawer.getByLabel('会長', { exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused()).dialog).toBe(`${HUB}の回答`);

    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '保存していない変更があります' }).getByRole('button', { name: '保存せずに閉じる' }).click();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => opener.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('keeps all 700 clinics drawn when a clinic far down the list is ticked', async () => {
    // A long table draws the rows the window shows first and the rest after that frame; a tick redraws the screen with
    // the same rows in a new array, which once took the table back to its first rows on every tick, and the user's place
    // with them.
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await page
      .getByRole('table', { name: '在宅医療提供体制に関する実態調査（診療所）の回' })
      .getByRole('link', { name: CLINIC_ROUND })
      .click();
    await page.getByRole('heading', { level: 1, name: CLINIC_ROUND }).waitFor();
    const rows = page.getByRole('table', { name: '送り先と回答' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(700);

    const pick = rows.nth(599).getByRole('checkbox');
    const name = await pick.getAttribute('aria-label');
    const ticked = page.getByRole('table', { name: '送り先と回答' }).getByLabel(name!, { exact: true });
    expect(await ticked.count()).toBe(1);
    await pick.scrollIntoViewIfNeeded();
    // From here on, the fewest rows the table holds after any change to it.
    // The whole table is watched, so a body or table drawn anew counts as much as rows taken out of it.
    await page.evaluate(() => {
      const table = document.querySelector('table[aria-label="送り先と回答"]')!;
      const count = () => document.querySelectorAll('table[aria-label="送り先と回答"] tbody tr').length;
      const seen = window as unknown as { __fewestRows: number };
      seen.__fewestRows = count();
      new MutationObserver(() => {
        seen.__fewestRows = Math.min(seen.__fewestRows, count());
      }).observe(table.parentElement!, { childList: true, subtree: true });
    });
    await pick.click();

    // Settled: the tick counted, and a frame painted and its timers run, as the rows below the first stage would be drawn after.
    await expect.poll(() => page.getByRole('region', { name: '調査票を送る' }).textContent()).toContain('対象: 選んだ 1 件');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    expect(await ticked.isChecked()).toBe(true);
    expect(await rows.count()).toBe(700);
    expect(await page.evaluate(() => (window as unknown as { __fewestRows: number }).__fewestRows)).toBe(700);
    // Still where the user ticked it.
    const onScreen = await ticked.evaluate((box) => {
      const { top, bottom } = box.getBoundingClientRect();
      return top >= 0 && bottom <= innerHeight;
    });
    expect(onScreen).toBe(true);
    expect(problems).toEqual([]);
  });

  it('takes returned forms in with the keyboard and puts the focus on what was taken in (QA: the focus went nowhere)', async () => {
    const host = await serve(demoDbPath());
    const { page } = await open(`${host.url}#/survey`);
    await openCenterRound(page);
    await page
      .getByLabel('回収した調査票（.xlsx、複数選べます）')
      .setInputFiles([
        { name: '基幹センター_回答.xlsx', mimeType: 'application/octet-stream', buffer: await filledHubForm(page, '副会長') },
      ]);
    const take = page.getByRole('button', { name: '選んだ 1 ファイルを取り込む' });
    await take.focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('survey-files-result');
    await result.waitFor();
    // The button is gone with the list of files: the focus is on the result, read out from there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('survey-files-result');
    expect(await result.textContent()).toContain(`${HUB}（新潟市）: 「基幹センター_回答.xlsx」`);
  });

  it('takes back a form downloaded from the screen and filled in Excel, and refuses a CSV renamed to .xlsx', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openCenterRound(page);
    const label = page.getByTestId('survey-tracker-label');
    await expect.poll(() => label.textContent()).toBe('16 / 17 回答');

    const filled = await filledHubForm(page, '副会長');
    await page.getByLabel('回収した調査票（.xlsx、複数選べます）').setInputFiles([
      { name: '基幹センター_回答.xlsx', mimeType: 'application/octet-stream', buffer: filled },
      { name: '人員配置.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('職種,人数\r\n看護師,3\r\n', 'utf8') },
    ]);
    const counts = page.getByTestId('survey-files-counts');
    await expect
      .poll(() => counts.textContent())
      .toBe('取り込めます 1取り込めます（警告あり） 0いまの回答と同じ 0誤りがあります 0取り込めません 1');
    const files = page.getByRole('table', { name: '取り込むファイル' });
    // Named with its place, as the lists below name it: a prefecture has several clinics of one name.
    expect(await files.locator('tr[data-file="基幹センター_回答.xlsx"] td.survey-file__target').textContent()).toBe(`${HUB}（新潟市）`);
    expect(await files.locator('tr[data-file="人員配置.xlsx"]').textContent()).toContain('CSV などの文字のファイルです');
    expect(await files.getByLabel('人員配置.xlsxを取り込む').isDisabled()).toBe(true);

    await page.getByRole('button', { name: '選んだ 1 ファイルを取り込む' }).click();
    await expect.poll(() => page.getByTestId('survey-files-result').textContent()).toContain('1ファイルを取り込みました（17 / 17 回答）');
    expect(await page.getByTestId('survey-files-result').textContent()).toContain(`${HUB}（新潟市）: 「基幹センター_回答.xlsx」`);
    await expect.poll(() => label.textContent()).toBe('17 / 17 回答');
    expect(await page.getByRole('table', { name: '送り先と回答' }).locator('tbody tr', { hasText: HUB }).textContent()).toContain(
      'ファイルから取り込み',
    );

    // The same form chosen again: told apart from a new answer, not offered to replace the one it is.
    await page
      .getByLabel('回収した調査票（.xlsx、複数選べます）')
      .setInputFiles([{ name: '基幹センター_回答.xlsx', mimeType: 'application/octet-stream', buffer: filled }]);
    await expect
      .poll(() => counts.textContent())
      .toBe('取り込めます 0取り込めます（警告あり） 0いまの回答と同じ 1誤りがあります 0取り込めません 0');
    const again = files.locator('tr[data-file="基幹センター_回答.xlsx"]');
    expect(await again.textContent()).toMatch(/この回答は取り込み済みと同じ内容です（.+に「基幹センター_回答.xlsx」から取り込み）。/);
    expect(await again.textContent()).not.toContain('置き換えます');
    expect(await files.getByLabel('基幹センター_回答.xlsxを取り込む').isDisabled()).toBe(true);

    // Counted: 保健師 6 of n = 42.
    await page.getByRole('link', { name: /集計結果/ }).click();
    await expect.poll(() => page.getByTestId('survey-result-staff-job-n').textContent()).toBe('42');
    expect((await wholeCells(page.getByTestId('survey-result-staff-job'))).public_health_nurse).toBe('6（14%）');
    expect(problems).toEqual([]);
  });

  it('says a batch that failed after another was saved failed, with why, and not that nothing was written', async () => {
    const MURAKAMI = '村上地域在宅医療推進センター';
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openCenterRound(page);
    // Two forms of about 13 MB (a picture pasted in, say) go to the core in two requests; the second one fails.
    const padded = async (form: Buffer) => {
      const zip = await JSZip.loadAsync(form);
      zip.file('customXml/picture.bin', crypto.randomBytes(13 * 1024 * 1024));
      return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    };
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `${MURAKAMI}の調査票をダウンロード` }).click();
    const murakami = new ExcelJS.Workbook();
    await murakami.xlsx.load(new Uint8Array(fs.readFileSync(await (await download).path())).buffer);
    murakami.getWorksheet('回答')!.eachRow((row) => {
      if (row.getCell(2).text === 'センター長の医師会内役職（必須）') row.getCell(3).value = '顧問';
    });
    await page.getByLabel('回収した調査票（.xlsx、複数選べます）').setInputFiles([
      { name: '基幹センター.xlsx', mimeType: 'application/octet-stream', buffer: await padded(await filledHubForm(page, '理事')) },
      {
        name: '村上センター.xlsx',
        mimeType: 'application/octet-stream',
        buffer: await padded(Buffer.from(await murakami.xlsx.writeBuffer())),
      },
    ]);
    const commitButton = page.getByRole('button', { name: '選んだ 2 ファイルを取り込む' });
    await commitButton.waitFor({ timeout: 60_000 });
    let commits = 0;
    await page.route(/\/api\/survey\.files\.commit$/, (route) => (++commits === 1 ? route.continue() : route.abort()));
    await commitButton.click();

    const result = page.getByTestId('survey-files-result');
    await expect.poll(() => result.textContent(), { timeout: 60_000 }).toContain('1ファイルを取り込みました');
    expect(await result.textContent()).toContain('途中でエラーになったため（');
    expect(await result.textContent()).toContain(
      '1 ファイル（「村上センター.xlsx」）は取り込んでいません。一覧に残しましたので、もう一度取り込んでください。',
    );
    // Not 「何も書き込んでいません」 beside a result that says one file was taken.
    expect(await page.locator('.toast--error').count()).toBe(0);
    expect(await page.getByRole('table', { name: '取り込むファイル' }).getByLabel('村上センター.xlsxを取り込む').isChecked()).toBe(true);
    expect(problems.filter((p) => !/ERR_FAILED|Failed to fetch|net::/.test(p))).toEqual([]);
  }, 180_000);

  it('ticks neither of two forms from one center and says on each which file it repeats, so the re-sent copy is not passed over', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    await openCenterRound(page);
    const first = await filledHubForm(page, '理事');
    const resent = await filledHubForm(page, '副会長');
    await page.getByLabel('回収した調査票（.xlsx、複数選べます）').setInputFiles([
      { name: '基幹センター.xlsx', mimeType: 'application/octet-stream', buffer: first },
      { name: '基幹センター_訂正.xlsx', mimeType: 'application/octet-stream', buffer: resent },
    ]);
    const files = page.getByRole('table', { name: '取り込むファイル' });
    await files.waitFor();
    // Neither is ticked (the list's order says nothing of which is right), and each row names the other.
    expect(await files.getByLabel('基幹センター.xlsxを取り込む').isChecked()).toBe(false);
    expect(await files.getByLabel('基幹センター_訂正.xlsxを取り込む').isChecked()).toBe(false);
    expect(await files.locator('tr[data-file="基幹センター.xlsx"]').textContent()).toContain(
      '「基幹センター_訂正.xlsx」と同じ送り先です。どちらかを選んでください。',
    );
    expect(await files.locator('tr[data-file="基幹センター_訂正.xlsx"]').textContent()).toContain(
      '「基幹センター.xlsx」と同じ送り先です。どちらかを選んでください。',
    );
    expect(await page.getByRole('button', { name: '選んだ 0 ファイルを取り込む' }).isDisabled()).toBe(true);

    await files.getByLabel('基幹センター_訂正.xlsxを取り込む').check();
    await page.getByRole('button', { name: '選んだ 1 ファイルを取り込む' }).click();
    await expect
      .poll(() => page.getByTestId('survey-files-result').textContent())
      .toContain(`${HUB}（新潟市）: 「基幹センター_訂正.xlsx」`);
    expect(problems).toEqual([]);
  });

  it('deletes a round without answers from its page and goes back to the list without the round', async () => {
    const host = await serve(demoDbPath());
    const { page, problems } = await open(`${host.url}#/survey`);
    const rounds = page.getByRole('table', { name: 'センター人員配置状況調査の回' }).locator('tbody tr');
    await expect.poll(() => rounds.count()).toBeGreaterThan(0);
    const before = await rounds.allTextContents();
    await page.getByRole('button', { name: '＋ この調査の回を作成' }).first().click();
    await page.getByRole('button', { name: '回を作成する' }).click();
    await page.getByRole('button', { name: 'この回を削除…' }).click();
    const failures = await watchFailures(page);
    await page.getByRole('dialog').getByRole('button', { name: '削除する' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/survey');
    await expect.poll(() => rounds.allTextContents()).toEqual(before);
    // The round's page is gone before anything reloads: the deleted round is not asked for again (a 404, and an error in its place).
    expect(await failures()).toEqual([]);
    expect(problems).toEqual([]);
  });
});
