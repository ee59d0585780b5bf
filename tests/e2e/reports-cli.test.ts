/**
 * `renkei report` from dist/ on the demo prefecture: single reports as PDF
 * and XLSX, the 厚生局提出資料一式, and the refusals — every output read back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { CHART_SIZE_PT } from '@shared/report/chart-draw';
import { readPdf } from '../support/pdf';
import { CLI, runRenkei } from '../support/serve';
import { compareWithReference, pagePng } from '../support/visual';

let dir: string;
let db: string;

const renkei = (...args: string[]) => runRenkei(dir, ...args);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-reports-'));
  db = path.join(dir, 'demo.sqlite');
  expect(renkei('init', '--db', db, '--demo').code).toBe(0);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('renkei report', () => {
  it('lists every report', () => {
    const list = renkei('report', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toContain('summary\t登録状況の概要');
    expect(list.out).toContain('masters.linkage\t在宅医療・介護連携推進事業の実施状況\t年度別\tA4横');
  });

  it('prints the engine’s sample report with the 和暦 date, the prefecture and 「1 / 1」', async () => {
    const out = path.join(dir, 'summary.pdf');
    const run = renkei('report', '--db', db, 'summary', '--date', '2026-04-01', '--format', 'pdf', '--out', out);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('（1ページ）');
    const pdf = await readPdf(fs.readFileSync(out));
    expect(pdf.pages).toHaveLength(1);
    const text = pdf.pages[0]!.text;
    for (const expected of [
      '登録状況の概要',
      '令和8年4月1日現在',
      '新潟県 福祉保健部 地域医療政策課（デモ）',
      '区分ごとの登録件数',
      '合計',
      '1 / 1',
    ])
      expect(text).toContain(expected);
  });

  it('prints a yearly report on A4 landscape, its chart on a page of its own', async () => {
    const out = path.join(dir, 'linkage.pdf');
    const run = renkei('report', '--db', db, 'masters.linkage', '--fy', '2023', '--date', '2024-03-29', '--format', 'pdf', '--out', out);
    expect(run.code, run.err).toBe(0);
    const pdf = await readPdf(fs.readFileSync(out));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.pages[0]!.width).toBeGreaterThan(pdf.pages[0]!.height);
    expect(pdf.pages[0]!.text).toContain('令和5年度');
    expect(pdf.pages[0]!.text).toContain('令和6年3月29日');
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('委託の市町村数');
    expect(pdf.pages.at(-1)!.text).toContain('事業項目ごとの実施方法（市町村数）');
    // The chart is drawn as lines and text, not a picture: its legend and axis can be found in the page's text.
    expect(pdf.pages.at(-1)!.text).toMatch(/直営[\s\S]*委託[\s\S]*広域/);
    expect(pdf.pages.at(-1)!.text).toContain('（市町村）');
  });

  it('prints the 交付状況一覧 one line to a center, 「確定済（返還・追加交付待ち）」 whole in its 状況', async () => {
    const out = path.join(dir, 'subsidy-year.pdf');
    const run = renkei('report', '--db', db, 'subsidy.year', '--fy', '2023', '--date', '2025-03-31', '--format', 'pdf', '--out', out);
    expect(run.code, run.err).toBe(0);
    const pdf = await readPdf(fs.readFileSync(out));
    expect(pdf.pages).toHaveLength(1);
    const lines = pdf.pages[0]!.text.split('\n');
    const mitsuke = lines.find((l) => l.startsWith('見附市在宅医療推進センター'));
    expect(mitsuke).toMatch(/55,000 ?0 ?確定済（返還・追加交付待ち）$/);
    // Every center's name, 補助区分 and amounts on the row's one line: none wraps onto a second.
    expect(lines.filter((l) => /センター.*(県医師会|郡市医師会).*\d{1,3}(,\d{3})+/.test(l))).toHaveLength(17);
  });

  it('prints the 文書番号台帳 one line to a letter, a 返還命令書’s 返還期限 in a column of its own', async () => {
    // The demo numbers no letter yet: its 交付決定通知書 and 変更交付決定通知書 go into 令和5年度's register, the 額の確定通知書
    // and 返還命令書, dated in 令和6年度, into that year's.
    const copy = path.join(dir, 'register.sqlite');
    fs.copyFileSync(db, copy);
    const core = await Core.open({ dbPath: copy, osUser: 'tester' });
    for (const [kind, date] of [
      ['decision', '2023-05-19'],
      ['change_decision', '2023-11-02'],
      ['settlement', '2024-05-20'],
      ['refund_order', '2024-05-20'],
    ] as const)
      await core.call('subsidy.letters.issue', { fiscalYear: 2023, kind, date });
    await core.close();
    /**
     * The register's table as the page's lines, after its header: one a row when no cell wraps onto a second line (the
     * text read back has 「様」's 全角 space as a plain one).
     */
    const printed = async (fy: string) => {
      const out = path.join(dir, `register-${fy}.pdf`);
      const run = renkei('report', '--db', copy, 'subsidy.register', '--fy', fy, '--date', '2024-05-31', '--format', 'pdf', '--out', out);
      expect(run.code, run.err).toBe(0);
      const pdf = await readPdf(fs.readFileSync(out));
      expect(pdf.pages).toHaveLength(1);
      expect(pdf.pages[0]!.width).toBeGreaterThan(pdf.pages[0]!.height);
      const lines = pdf.pages[0]!.text.split('\n');
      const head = lines.findIndex((l) => l.startsWith('番号'));
      expect(lines[head]).toMatch(/^番号 ?日付 ?文書 ?返還期限 ?宛先 ?センター ?備考$/);
      return lines.slice(
        head + 1,
        lines.findIndex((l) => l.startsWith('発番')),
      );
    };

    // 17 decisions and 2 changes, 「十日町市中魚沼郡医師会長 様」 and 「五泉市東蒲原郡医師会在宅医療推進センター」 whole.
    const decided = await printed('2023');
    expect(decided).toHaveLength(19);
    for (const row of decided)
      expect(row).toMatch(/^新医薬第\d{4}号 ?令和5年(5月19日 ?交付決定通知書|11月2日 ?変更交付決定通知書) ?\S+医師会長 様 ?\S+$/);
    expect(decided.filter((l) => l.includes('十日町市中魚沼郡医師会長 様 つまり医療介護連携センター'))).toHaveLength(2);
    expect(decided.filter((l) => l.endsWith('五泉市東蒲原郡医師会長 様 五泉市東蒲原郡医師会在宅医療推進センター'))).toHaveLength(1);

    // The 返還期限 whole in its column, where it wrapped mid-date inside 文書 (「（返還期限 令和6年6 / 月9日）」).
    const settled = await printed('2024');
    expect(settled).toHaveLength(5);
    for (const row of settled) expect(row).toMatch(/^新医薬第\d{4}号 ?令和6年5月20日 ?(額の確定通知書|返還命令書)（令和5年度分） /);
    expect(settled.filter((l) => l.includes('返還命令書'))).toEqual([
      expect.stringMatching(
        /^新医薬第1004号 ?令和6年5月20日 ?返還命令書（令和5年度分） ?令和6年6月9日 ?燕市医師会長 様 ?燕・弥彦医療・介護センター$/,
      ),
      expect.stringMatching(
        /^新医薬第1005号 ?令和6年5月20日 ?返還命令書（令和5年度分） ?令和6年6月9日 ?見附市南蒲原郡医師会長 様 ?見附市在宅医療推進センター$/,
      ),
    ]);
  });

  it('prints seed 004’s designation table with its own headings, its table number and each area once', async () => {
    const out = path.join(dir, 'designations.pdf');
    const run = renkei('report', '--db', db, 'masters.designations.byArea', '--date', '2024-04-01', '--format', 'pdf', '--out', out);
    expect(run.code, run.err).toBe(0);
    const text = (await readPdf(fs.readFileSync(out))).pages
      .map((p) => p.text)
      .join('\n')
      .replace(/\s/g, '');
    for (const expected of [
      '第1表',
      '＜在宅医療圏別＞',
      '在宅医療の機能',
      '他医療機関に対する医師不在時等の支援',
      '医療・介護・障がいサービス等との連携',
      '家族等へ負担軽減に繋がるサービスを紹介',
      '在宅医療に関する研修の機会の確保',
      '災害対応に係る計画を策定他の医療機関の策定を支援',
    ])
      expect(text).toContain(expected);
    // The demo designates two institutions in 中越: the area and its members are written once, on the first.
    expect(text.match(/長岡市、/g)).toHaveLength(1);
  });

  it('puts the chart’s picture into the workbook beside its data', async () => {
    const out = path.join(dir, 'linkage.xlsx');
    expect(renkei('report', '--db', db, 'masters.linkage', '--fy', '2023', '--format', 'xlsx', '--out', out).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const images = wb.worksheets[0]!.getImages();
    expect(images).toHaveLength(1);
    // The landscape page's chart at twice the pixels the sheet shows it at (16 cm at 96 dpi, 605 px), its bars and
    // words drawn on white.
    const png = PNG.sync.read(Buffer.from(wb.getImage(Number(images[0]!.imageId)).buffer as ArrayBuffer));
    const shown = Math.round((16 / 2.54) * 96);
    expect(png.width).toBe(2 * shown);
    expect(Math.abs(png.height - (CHART_SIZE_PT.landscape.height * 2 * shown) / CHART_SIZE_PT.landscape.width)).toBeLessThanOrEqual(1);
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 200) ink++;
    expect(ink).toBeGreaterThan(10_000);
  });

  it('says in Japanese that the workbook cannot be made when its chart worker fails, and writes nothing, rather than waiting', () => {
    // A copy of the built core beside dist/core (so better-sqlite3 is found) whose resvg WebAssembly is damaged: the
    // pack's chart worker, started with the CLI, fails to compile it. Unhandled failures only warn, as in the desktop
    // app's core process: the failure must come back as an answer, not end the worker.
    const copy = path.join(path.dirname(CLI), '..', `core-broken-${process.pid}`);
    fs.cpSync(path.dirname(CLI), copy, { recursive: true, filter: (from) => !from.endsWith('.map') });
    try {
      fs.writeFileSync(path.join(copy, 'resvg.wasm'), fs.readFileSync(path.join(copy, 'resvg.wasm')).subarray(0, 1000));
      const out = path.join(dir, 'pack-broken');
      const run = spawnSync(
        process.execPath,
        [path.join(copy, 'cli.cjs'), 'report', '--db', db, 'pack', '--fy', '2023', '--date', '2024-04-01', '--out', out],
        {
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...process.env,
            NODE_OPTIONS: '--unhandled-rejections=warn-with-error-code',
            RENKEI_USER_DATA: path.join(dir, 'user-data'),
          },
        },
      );
      expect(run.signal).toBeNull();
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Excel のファイルを作れませんでした');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('says a name that is no report before asking for the options a report needs', () => {
    const run = renkei('report', '--db', db, 'foo');
    expect(run.code).toBe(1);
    expect(run.err).toContain('「foo」という帳票はありません（renkei report list で一覧）');
    expect(run.err).not.toContain('--format');
  });

  it('writes a report and a set of letters that print a character as 〓, and says on stderr where and what to change', async () => {
    // 𰻞 (biangbiang) is in no font the app ships: typed into the 知事's name in 設定, it goes onto every 申請書's 宛先.
    const biang = String.fromCodePoint(0x30ede);
    const copy = path.join(dir, 'missing.sqlite');
    fs.copyFileSync(db, copy);
    const core = await Core.open({ dbPath: copy, osUser: 'tester' });
    await core.call('settings.update', { governorName: `${biang}角　英世` });
    // …and into a center's name in the 台帳, onto the 交付状況一覧.
    const [center] = await core.call('masters.centers.list', { fiscalYear: 2023 });
    const { operatorName: _o, entrustingCodes: _e, ...saved } = center!;
    await core.call('masters.centers.save', { ...saved, name: `${biang}川地域在宅医療推進センター` });
    await core.close();
    const what =
      'は、アプリのフォントにない字のため 〓 と印刷されています。元の入力（提出者・担当者・宛先は設定画面、名称は台帳）でこの字を一般的な字体かかなに置き換えてから、もう一度作成してください。';

    const report = path.join(dir, 'missing-year.pdf');
    const run = renkei('report', '--db', copy, 'subsidy.year', '--fy', '2023', '--date', '2025-03-31', '--format', 'pdf', '--out', report);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`書き出しました: ${report}（1ページ）`);
    expect(run.err).toBe(`注意: 「交付状況一覧」の PDF 1ページ目、「${biang}川地域在宅医療推進センター」の「${biang}」${what}\n`);
    expect((await readPdf(fs.readFileSync(report))).pages[0]!.text).toContain('〓川地域在宅医療推進センター');

    const letters = path.join(dir, 'missing-letters.pdf');
    const set = renkei('report', '--db', copy, 'subsidy.letter.application', '--fy', '2023', '--format', 'pdf', '--out', letters);
    expect(set.code, set.err).toBe(0);
    const pdf = await readPdf(fs.readFileSync(letters));
    expect(set.out).toContain(`書き出しました: ${letters}（${pdf.pages.length}ページ）`);
    // Seventeen letters, one line: the first pages and texts, the renamed center's letter first in the 台帳's order.
    expect(set.err).toBe(
      `注意: 「令和5年度新潟県在宅医療推進センター整備事業補助金交付申請書」の PDF 1・2・3ページ目ほか、「新潟県知事　${biang}角　英世　様」、「${biang}川地域在宅医療推進センター」ほか2か所の「${biang}」${what}\n`,
    );
    expect(pdf.pages[0]!.text).toContain('新潟県知事 〓角 英世 様');
  });

  it('refuses a year with no data, and writes no file', () => {
    const out = path.join(dir, 'none.pdf');
    const run = renkei('report', '--db', db, 'masters.linkage', '--fy', '2021', '--format', 'pdf', '--out', out);
    expect(run.code).toBe(1);
    expect(run.err).toContain('令和3年度の在宅医療・介護連携推進事業の記録がありません');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('writes the 厚生局提出資料一式: one PDF with a cover, one workbook, and a manifest whose hashes match', async () => {
    const out = path.join(dir, 'pack');
    const run = renkei(
      'report',
      '--db',
      db,
      'pack',
      '--fy',
      '2023',
      '--date',
      '2024-04-01',
      '--document-number',
      '新医薬第45号',
      '--out',
      out,
      '--reports',
      'summary,masters.linkage,masters.designations.byArea',
    );
    expect(run.code, run.err).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(fs.readdirSync(out).sort()).toEqual(['manifest.json', '厚生局提出資料一式_令和5年度.pdf', '厚生局提出資料一式_令和5年度.xlsx']);
    for (const file of manifest.files) {
      const bytes = fs.readFileSync(path.join(out, file.fileName));
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    expect(manifest).toMatchObject({
      fiscalYear: 2023,
      fiscalYearLabel: '令和5年度',
      documentNumber: '新医薬第45号',
      database: { path: db },
    });
    expect(manifest.reports.map((r: { name: string }) => r.name)).toEqual(['summary', 'masters.linkage', 'masters.designations.byArea']);

    const pdf = await readPdf(fs.readFileSync(path.join(out, '厚生局提出資料一式_令和5年度.pdf')));
    const pages = manifest.reports.reduce((n: number, r: { pages: number }) => n + r.pages, 0);
    expect(pdf.pages).toHaveLength(1 + pages);
    const cover = pdf.pages[0]!.text;
    for (const expected of [
      '新医薬第45号',
      '令和6年4月1日',
      '関東信越厚生局長 殿',
      '新潟県知事',
      '（担当：在宅医療推進係 デモ 担当者）',
      '令和5年度 提出資料の送付について',
    ]) {
      expect(cover).toContain(expected);
    }
    // Each report starts on the page the cover says it does.
    for (const r of manifest.reports as { title: string; firstPage: number }[]) {
      expect(pdf.pages[r.firstPage - 1]!.text.replace(/\s/g, '')).toContain(r.title.split(' ')[0]!.replace(/\s/g, ''));
    }
    expect(manifest.reports[0]).toMatchObject({ firstPage: 2 });
    // Tagged, with the cover and each report as bookmarks; no trace of the untagged print that measured the reports.
    expect(pdf.tagged).toBe(true);
    expect(pdf.outline.slice(0, 1 + manifest.reports.length)).toEqual([
      '令和5年度 提出資料の送付について',
      ...manifest.reports.map((r: { title: string }) => r.title.split(' ')[0]),
    ]);
    expect(pdf.links).toEqual([]);
    // Every character drawn in the app's own faces (resources/fonts), none in a system font the PC happens to have.
    const fonts = execFileSync('pdffonts', [path.join(out, '厚生局提出資料一式_令和5年度.pdf')], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
      .filter((name) => name && name !== '[none]');
    expect([...new Set(fonts)].sort()).toEqual(['NotoSansJP-Bold', 'NotoSansJP-Regular', 'NotoSerifJP-Regular']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '厚生局提出資料一式_令和5年度.xlsx'));
    expect(wb.worksheets).toHaveLength(4);
    expect(wb.worksheets[0]!.name).toBe('送付状');
    // Each report's chart (the summary's and the 実施状況's) as a picture beside its data, drawn on the pack's chart
    // worker; the cover and the designation table have none.
    expect(wb.worksheets.map((sheet) => sheet.getImages().length)).toEqual([0, 1, 1, 0]);
  });

  it("keeps a table's notes whole and with its last rows: 第1表's legend is not split onto a page of its own", async () => {
    const out = path.join(dir, 'notes');
    const run = renkei(
      'report',
      '--db',
      db,
      'pack',
      '--fy',
      '2023',
      '--date',
      '2024-04-01',
      '--reports',
      'masters.designations.byArea',
      '--out',
      out,
    );
    expect(run.code, run.err).toBe(0);
    const pdf = await readPdf(fs.readFileSync(path.join(out, '厚生局提出資料一式_令和5年度.pdf')));
    const texts = pdf.pages.map((p) => p.text.replace(/\s/g, ''));
    // The legend's last line, its first line and the table's last row (佐渡) on one page.
    const last = texts.filter((t) => t.includes('⑤災害時等の医療提供計画の策定'));
    expect(last).toHaveLength(1);
    expect(last[0]).toContain('○は、在宅医療において積極的役割を担う医療機関として担う機能');
    expect(last[0]).toContain('〇〇診療所（佐渡市）');
  });

  it('looks as it did: the first page of the cover and of each report matches its reference picture', () => {
    const out = path.join(dir, 'visual');
    // A fixed date and the demo data; the summary's database path and backup time still differ a little from run to run.
    expect(renkei('report', '--db', db, 'pack', '--fy', '2023', '--date', '2024-04-01', '--out', out).code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const pdf = path.join(out, manifest.files[0].fileName);
    const pages: [string, number][] = [
      ['pack.cover', 1],
      ...manifest.reports.map((r: { name: string; firstPage: number }) => [r.name, r.firstPage] as [string, number]),
    ];
    for (const [name, page] of pages) {
      const diff = compareWithReference(name, pagePng(pdf, page));
      expect(diff.ratio, `${name}: ${(diff.ratio * 100).toFixed(2)}% of pixels differ from ${diff.reference}`).toBeLessThan(0.01);
    }
  });

  it('keeps the compiled code of a pack and of its chart worker, and reads it at the next pack without writing it again', () => {
    // V8 refuses code kept under other flags, and a pack sets one for resvg: kept before that flag was set, the code
    // of the commands was refused and compiled again at every pack.
    const cache = path.join(dir, 'xdg-cache');
    const pack = (name: string) =>
      spawnSync(process.execPath, [CLI, 'report', '--db', db, 'pack', '--fy', '2023', '--out', path.join(dir, name)], {
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: cache, RENKEI_USER_DATA: path.join(dir, 'user-data') },
      });
    const root = path.join(cache, 'renkei', 'compile-cache');
    const kept = () =>
      Object.fromEntries(
        (fs.readdirSync(root, { recursive: true }) as string[])
          .filter((name) => fs.statSync(path.join(root, name)).isFile())
          .map((name) => [name, fs.statSync(path.join(root, name)).mtimeMs]),
      );
    expect(pack('kept-1').status).toBe(0);
    const first = kept();
    expect(Object.keys(first).some((name) => /^chart-worker\.cjs-.*\.bin$/.test(name))).toBe(true);
    expect(Object.keys(first).some((name) => name.startsWith(`baseline-wasm${path.sep}`))).toBe(true);
    expect(pack('kept-2').status).toBe(0);
    expect(kept()).toEqual(first);
  });

  it('refuses a place it cannot write to or would overwrite, leaving nothing behind', () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const under = path.join(blocker, 'pack');
    const run = renkei('report', '--db', db, 'pack', '--fy', '2023', '--reports', 'summary', '--out', under);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`フォルダー「${under}」に書き出せません（ENOTDIR）`);

    // A folder holding an earlier pack is not overwritten: its files stay as they were.
    const earlier = path.join(dir, 'earlier');
    fs.mkdirSync(earlier);
    fs.writeFileSync(path.join(earlier, 'manifest.json'), '{}');
    const again = renkei('report', '--db', db, 'pack', '--fy', '2023', '--reports', 'summary', '--out', earlier);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`フォルダー「${earlier}」は空ではありません`);
    expect(fs.readdirSync(earlier)).toEqual(['manifest.json']);

    // The PDF is printed and written beside the target, but the target is a folder: the rename fails and no partial file stays.
    const taken = path.join(dir, 'taken.pdf');
    fs.mkdirSync(taken);
    const single = renkei('report', '--db', db, 'summary', '--format', 'pdf', '--out', taken);
    expect(single.code).toBe(1);
    expect(single.err).toContain(`ファイル「${taken}」に書き出せません`);
    expect(fs.existsSync(`${taken}.partial`)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
