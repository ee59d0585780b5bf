/**
 * 帳票 from the UI, on the demo prefecture behind the real loopback host:
 * the gallery's thumbnails, a report's preview page by page, saving it as a
 * workbook, and the 厚生局提出資料一式 — whose files are then read back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { REPORTS } from '@core/report';
import { isoDateOfLocal } from '@shared/dates';
import { formatWareki } from '@shared/wareki';
import { useApp } from '../support/app';
import { readPdf } from '../support/pdf';

const app = useApp();

describe('帳票 screens', () => {
  it('shows every report with a thumbnail of its first page, and previews one page by page', async () => {
    const host = await app.serve(app.demoDbPath());
    const { page, problems } = await app.open(`${host.url}#/report`);
    await expect.poll(() => page.locator('.report-card').count()).toBe(Object.keys(REPORTS).length);
    // The yearly report's thumbnail is of its newest year with data (令和5年度), not an error.
    const linkage = page.getByRole('article', { name: '在宅医療・介護連携推進事業の実施状況' });
    await linkage.getByRole('img', { name: '在宅医療・介護連携推進事業の実施状況の1ページ目' }).waitFor({ timeout: 40_000 });
    expect(await linkage.getByText('見本を作れませんでした').count()).toBe(0);

    await linkage.getByRole('link', { name: /プレビュー/ }).click();
    await expect.poll(() => page.getByTestId('page-count').textContent(), { timeout: 30_000 }).toBe('全3ページ');
    expect(await page.getByLabel('年度').inputValue()).toBe('2023');
    await expect.poll(() => page.getByRole('img', { name: / \/ 3 ページ$/ }).count()).toBe(3);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Excel で保存' }).click();
    const file = path.join(app.tempDir(), 'linkage.xlsx');
    await (await download).saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0]!.pageSetup.orientation).toBe('landscape');
    // Its chart's picture beside the data.
    expect(wb.worksheets[0]!.getImages()).toHaveLength(1);

    // The year list says which years have no data; a changed form saves nothing until it is shown.
    expect(await page.getByLabel('年度').locator('option[value="2021"]').textContent()).toBe('令和3年度（2021）　データなし');
    expect(await page.getByLabel('年度').locator('option[value="2023"]').textContent()).toBe('令和5年度（2023）');
    await page.getByLabel('年度').selectOption('2022');
    expect(await page.getByRole('button', { name: 'Excel で保存' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'PDF を保存' }).isDisabled()).toBe(true);
    expect(await page.locator('.report-params__status').textContent()).toContain('「表示」を押すと、その条件で保存できます');
    await page.getByLabel('年度').selectOption('2023');
    expect(await page.getByRole('button', { name: 'Excel で保存' }).isDisabled()).toBe(false);
    // A date that cannot be read is not taken as today's: 表示 waits for a real one.
    const dateField = page.getByLabel(/^(作成日|基準日)$/);
    const before = await dateField.inputValue();
    await dateField.fill('令和5年2月30日');
    await page.getByRole('button', { name: '表示' }).click();
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: 'PDF を保存' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('page-count').textContent()).toBe('全3ページ');
    await dateField.fill(before);

    // A year without data says so, in Japanese, instead of printing an empty page.
    await page.getByLabel('年度').selectOption('2021');
    await page.getByRole('button', { name: '表示' }).click();
    await page.getByText('令和3年度の在宅医療・介護連携推進事業の記録がありません。').waitFor();
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });

  it('on a new database shows each yearly report as having no data yet, not as a failure', async () => {
    const host = await app.serve();
    const { page, problems } = await app.open(`${host.url}#/report`);
    await expect.poll(() => page.locator('.report-card').count()).toBeGreaterThan(0);
    // The 登録状況の概要 has no year: it is still printed, so the gallery is past it once its picture is there.
    await page.getByRole('img', { name: '登録状況の概要の1ページ目' }).waitFor({ timeout: 40_000 });
    const shown = await page.locator('.report-card h3').allTextContents();
    const yearly = Object.values(REPORTS).filter((r) => r.needsFiscalYear && shown.includes(r.title));
    expect(yearly.length).toBeGreaterThan(10);
    for (const report of yearly) {
      const card = page.getByRole('article', { name: report.title });
      await expect.poll(() => card.locator('.report-thumb').textContent(), { timeout: 10_000 }).toMatch(/^データがありません/);
      expect(await card.getByText('見本を作れませんでした').count()).toBe(0);
    }
    expect(
      await page
        .getByRole('article', { name: '都道府県計画（医療介護総合確保促進法に基づく計画）' })
        .locator('.report-thumb')
        .textContent(),
    ).toBe('データがありません（基金の画面で入力すると見本が出ます）');
    // The lists of 医療機関 as of today have no year: with none designated they have no data yet either, and are not printed.
    const lists = page.locator('.report-card', { hasText: '「在宅医療において積極的役割を担う医療機関」一覧' });
    await expect.poll(() => lists.count()).toBe(2);
    for (const list of await lists.all()) {
      await expect
        .poll(() => list.locator('.report-thumb').textContent(), { timeout: 10_000 })
        .toBe('データがありません（台帳の画面で入力すると見本が出ます）');
    }
    // The narrow boxes break the sentence between its phrases, never inside one (「見本が出ま」 and 「す）」).
    await page
      .getByRole('img', { name: /の1ページ目$/ })
      .first()
      .waitFor();
    await page.evaluate(() => document.fonts.ready);
    const lines = await page.locator('.report-thumb__paper--empty > span').evaluateAll((boxes) =>
      boxes.flatMap((box) => {
        const byTop = new Map<number, string>();
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
          for (let i = 0; i < text.length; i++) {
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            byTop.set(top, (byTop.get(top) ?? '') + text.data[i]);
          }
        }
        return [...byTop.values()];
      }),
    );
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line, line).toMatch(/^(データがありません|（.+?の|画面で|入力すると|見本が出ます）)/);
    expect(problems).toEqual([]);
  });

  it('makes the 厚生局提出資料一式 from the picked reports, remembers the pick, and writes matching files', async () => {
    const host = await app.serve(app.demoDbPath());
    const { page } = await app.open(`${host.url}#/report/pack`);
    const before = { history: await host.call('app.history', {}), logged: (await host.call('audit.list', {})).total };
    await page.getByLabel('文書番号（任意）').fill('新医薬第77号');
    // The demo has no 連携推進事業 records for 令和4年度: the list says so beside it before anything is made.
    const linkage = page.locator('.checklist__items li', { hasText: '在宅医療・介護連携推進事業の実施状況' });
    await linkage.waitFor();
    expect(await linkage.getByText('この年度のデータなし').count()).toBe(0);
    await page.getByLabel('年度', { exact: true }).selectOption('2022');
    expect(await linkage.getByText('この年度のデータなし').count()).toBe(1);
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    await page.getByRole('button', { name: 'すべて解除' }).click();
    await page.getByLabel(/登録状況の概要/).check();
    await page.getByLabel(/在宅医療・介護連携推進事業の実施状況/).check();
    await page.getByRole('button', { name: '作成する' }).click();
    await page.getByRole('heading', { name: '作成しました' }).waitFor({ timeout: 60_000 });

    const dir = (await page.getByTestId('pack-dir').textContent())!.trim();
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.reports.map((r: { name: string }) => r.name)).toEqual(['summary', 'masters.linkage']);
    expect(manifest.documentNumber).toBe('新医薬第77号');
    for (const f of manifest.files) {
      expect(
        crypto
          .createHash('sha256')
          .update(fs.readFileSync(path.join(dir, f.fileName)))
          .digest('hex'),
      ).toBe(f.sha256);
    }
    const pdf = await readPdf(fs.readFileSync(path.join(dir, manifest.files[0].fileName)));
    expect(pdf.pages[0]!.text).toContain('新医薬第77号');
    expect(pdf.pages).toHaveLength(1 + manifest.reports.reduce((n: number, r: { pages: number }) => n + r.pages, 0));

    // The pack is recorded in the audit log — 年度, 作成日, 文書番号 and each file with its SHA-256 — but is no change
    // of the data, nor is remembering the pick (QA: 元に戻す then offered 「設定の変更」, the tick-boxes):
    // 元に戻す still acts on the change before the pack.
    expect(await host.call('app.history', {})).toEqual(before.history);
    const log = await host.call('audit.list', {});
    expect(log.total).toBe(before.logged + 1);
    expect(log.entries[0]).toMatchObject({
      operation: 'report.pack',
      entity: 'pack',
      entityId: '2023',
      after: { fiscalYear: 2023, date: manifest.date, documentNumber: '新医薬第77号', folder: dir },
    });
    const recorded = (log.entries[0]!.after as { files: string[] }).files;
    const manifestSha = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(dir, 'manifest.json')))
      .digest('hex');
    expect(recorded).toEqual([
      ...manifest.files.map((f: { fileName: string; sha256: string }) => `${f.fileName} ${f.sha256}`),
      `manifest.json ${manifestSha}`,
    ]);
    const undo = page.locator('.undo-buttons').getByRole('button', { name: '元に戻す' });
    expect(await undo.getAttribute('title')).toBe(`元に戻す: ${before.history.undo.label}`);
    await page.goto(`${host.url}#/audit`);
    const row = page.locator('tbody tr').first();
    await row.getByText('提出資料一式の出力').waitFor();
    expect(await row.getByText('令和5年度 厚生局提出資料一式').count()).toBe(1);
    expect(await row.getByText(manifest.files[0].sha256, { exact: false }).count()).toBe(1);

    // Where the year's figures are changed, a calm word that what was sent would now differ; not on another year.
    const made = formatWareki(isoDateOfLocal(new Date(log.entries[0]!.at)));
    const said = `令和5年度の提出資料一式は${made}に作成済みです。ここを変えると、提出済みの資料と数値が変わります。`;
    await page.goto(`${host.url}#/subsidy/2023/rules`);
    await expect.poll(() => page.getByTestId('sent-pack-notice').textContent()).toBe(said);
    await page.goto(`${host.url}#/subsidy/2023`);
    await expect.poll(() => page.getByTestId('sent-pack-notice').textContent()).toBe(said);
    await page.goto(`${host.url}#/fund`);
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    await expect.poll(() => page.getByTestId('sent-pack-notice').textContent()).toBe(said);
    // No notice while 2022's packs are still being asked proves nothing: its answer is read first, and drawn.
    const packs2022 = page.waitForResponse((r) => /\/api\/report\.packs$/.test(r.url()) && r.request().postDataJSON()?.fy === 2022);
    await page.getByLabel('年度', { exact: true }).selectOption('2022');
    await page.getByTestId('fund-version').locator('strong', { hasText: '令和4年度' }).waitFor();
    await (await packs2022).finished();
    await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
    expect(await page.getByTestId('sent-pack-notice').count()).toBe(0);
    await page.goto(`${host.url}#/report/pack`);

    // The pick is remembered for next time.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel(/登録状況の概要/).isChecked()).toBe(true);
    expect(await page.getByLabel(/機能別・概要版/).isChecked()).toBe(false);
  });

  it('says which characters the pack’s PDF prints as 〓, where they are and what to do', async () => {
    const host = await app.serve(app.demoDbPath());
    // 𰻞 (biangbiang) is in no font the app ships: typed into the 担当者, it goes onto the cover's 担当 line.
    await host.call('settings.update', { personInCharge: '在宅医療推進係 𰻞田 太郎（内線 2345）' });
    const { page, problems } = await app.open(`${host.url}#/report/pack`);
    await page.getByRole('button', { name: 'すべて解除' }).click();
    await page.getByLabel(/登録状況の概要/).check();
    await page.getByRole('button', { name: '作成する' }).click();
    await page.getByRole('heading', { name: '作成しました（〓 と印刷された字があります）' }).waitFor({ timeout: 60_000 });
    const notice = page.getByTestId('pack-warnings');
    expect(await notice.getByRole('paragraph').allTextContents()).toEqual([
      '「令和5年度 提出資料の送付について」の PDF 1ページ目、「（担当：在宅医療推進係 𰻞田 太郎（内線 2345））」の「𰻞」は、アプリのフォントにない字のため 〓 と印刷されています。元の入力（提出者・担当者・宛先は設定画面、名称は台帳）でこの字を一般的な字体かかなに置き換えてから、もう一度作成してください。',
    ]);
    // What it names is what the PDF has: 〓 on its first page, in that line.
    const dir = (await page.getByTestId('pack-dir').textContent())!.trim();
    const pdf = fs.readdirSync(dir).find((f) => f.endsWith('.pdf'))!;
    expect((await readPdf(fs.readFileSync(path.join(dir, pdf)))).pages[0]!.text).toContain(
      '（担当：在宅医療推進係 〓田 太郎（内線 2345））',
    );
    expect(problems).toEqual([]);
  });

  it('says above a report’s preview where its PDF prints a character as 〓 and what to change', async () => {
    const host = await app.serve(app.demoDbPath());
    // 𰻞 (biangbiang) is in no font the app ships: typed into a center's name in the 台帳, the 交付状況一覧 lists it.
    const biang = String.fromCodePoint(0x30ede);
    const [center] = await host.call('masters.centers.list', { fiscalYear: 2023 });
    const { operatorName: _o, entrustingCodes: _e, ...saved } = center;
    await host.call('masters.centers.save', { ...saved, name: `${biang}川地域在宅医療推進センター` });
    const { page, problems } = await app.open(`${host.url}#/report/view/subsidy.year?fy=2023&date=2025-03-31`);
    const notice = page.getByTestId('report-warnings');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.getByRole('paragraph').allTextContents()).toEqual([
      'この PDF には 〓 と印刷された字があります。',
      `「交付状況一覧」の PDF 1ページ目、「${biang}川地域在宅医療推進センター」の「${biang}」は、アプリのフォントにない字のため 〓 と印刷されています。元の入力（提出者・担当者・宛先は設定画面、名称は台帳）でこの字を一般的な字体かかなに置き換えてから、もう一度作成してください。`,
    ]);
    // The PDF saved is the one the notice is of.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PDF を保存' }).click();
    const file = path.join(app.tempDir(), 'year.pdf');
    await (await download).saveAs(file);
    expect((await readPdf(fs.readFileSync(file))).pages[0]!.text).toContain('〓川地域在宅医療推進センター');
    expect(problems).toEqual([]);
  });

  it("ticks the reports with data for the 年度 chosen until the officer picks, so a closed year's pack takes its 補助金 reports", async () => {
    const host = await app.serve(app.demoDbPath());
    // The new year begun: an empty 当初 of 令和6年度 makes it the newest year with data, the one the pack opens on.
    await host.call('fund.versions.create', { side: 'medical', fiscalYear: 2024, kind: 'initial', datedOn: '2024-04-01', reason: '' });
    const { page } = await app.open(`${host.url}#/report/pack`);
    const status = page.getByLabel(/補助金 交付状況一覧/);
    const plan = page.getByLabel(/都道府県計画/);
    await status.waitFor();
    expect(await page.getByLabel('年度', { exact: true }).inputValue()).toBe('2024');
    expect(await status.isChecked()).toBe(false);
    expect(await plan.isChecked()).toBe(true);

    // 令和5年度, the closed year: its 補助金 reports are ticked with the rest of what it has.
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    await expect.poll(() => status.isChecked()).toBe(true);
    expect(await page.getByLabel(/補助金 精算書/).isChecked()).toBe(true);
    expect(await page.getByLabel(/事後評価/).isChecked()).toBe(true);

    // Once the officer picks, the pick stays whatever the year.
    await plan.uncheck();
    await page.getByLabel('年度', { exact: true }).selectOption('2024');
    await page.getByLabel('年度', { exact: true }).selectOption('2023');
    expect(await plan.isChecked()).toBe(false);
    expect(await status.isChecked()).toBe(true);
  });

  it('on a new 台帳 with no 指定 ticks neither list of 医療機関, says why, and names both when they are ticked', async () => {
    const dbPath = app.newDbPath();
    const core = await Core.open({ dbPath, osUser: 'tester' });
    await core.call('masters.prefecture.save', { code: '20', name: '長野県', version: 0 });
    for (const [code, name] of [
      ['202011', '長野市'],
      ['202029', '松本市'],
    ]) {
      await core.call('masters.municipalities.save', {
        ...{ code: code!, name: name!, kana: '', type: '市', designatedCity: false, coreCity: false },
        ...{ areas: {}, isNew: true, version: 0 },
      });
    }
    await core.close();
    const host = await app.serve(dbPath);
    const { page, problems } = await app.open(`${host.url}#/report/pack`);
    const lists = page.locator('.checklist__items li', { hasText: '「在宅医療において積極的役割を担う医療機関」一覧' });
    await expect.poll(() => lists.count()).toBe(2);
    for (const list of await lists.all()) {
      expect(await list.getByRole('checkbox').isChecked()).toBe(false);
      expect(await list.getByText('データなし', { exact: true }).count()).toBe(1);
    }

    // Ticked anyway, both are named at once, with what to do.
    await page.getByRole('button', { name: 'すべて解除' }).click();
    await page.getByLabel(/圏域別・詳細版/).check();
    await page.getByLabel(/機能別・概要版/).check();
    await page.getByRole('button', { name: '作成する' }).click();
    const refusal = page.locator('.checklist').getByRole('alert');
    await refusal.waitFor({ timeout: 30_000 });
    const said = await refusal.textContent();
    expect(said).toContain('（圏域別・詳細版）、「在宅医療において積極的役割を担う医療機関」一覧（機能別・概要版）を作れません');
    expect(said).toContain('指定がまだ登録されていません（台帳 › 積極的役割を担う医療機関）');
    expect(said).not.toContain('「「');
    expect(said).not.toContain('日付を確かめて');
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });

  it('shows which report the pack is making, and 中止 stops it leaving no folder', async () => {
    const dbPath = app.demoDbPath();
    const host = await app.serve(dbPath);
    const { page } = await app.open(`${host.url}#/report/pack`);
    // The reports with data for the 年度 shown, as the screen picks them at first (once the list is drawn).
    await page.locator('.checklist__items input').first().waitFor();
    const count = await page.locator('.checklist__items input:checked').count();
    expect(count).toBeGreaterThan(1);
    await page.getByRole('button', { name: '作成する' }).click();

    const progress = page.getByRole('status', { name: '処理の進み具合' });
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toMatch(new RegExp(`^\\d+ / ${count} 帳票（いま: .+）`));
    await progress.getByRole('button', { name: '中止' }).click();
    await page.getByText('中止しました。', { exact: false }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('heading', { name: '作成しました' }).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    // Nothing written where the pack goes by default (beside the database), not even a half-written folder.
    const packs = path.join(path.dirname(dbPath), '提出資料');
    expect(fs.existsSync(packs) ? fs.readdirSync(packs) : []).toEqual([]);

    // Made again (the right 年度 this time), it is made whole: the browser closed by 中止 starts again.
    await page.getByRole('button', { name: '作成する' }).click();
    await page.getByRole('heading', { name: '作成しました' }).waitFor({ timeout: 60_000 });
    expect(await page.getByText('中止しました。', { exact: false }).count()).toBe(0);
    expect(fs.readdirSync(packs)).toHaveLength(1);
  });
});
