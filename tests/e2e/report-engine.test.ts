/**
 * The report engine end to end with nothing stood in: a real core on a SQLite
 * file, the real loopback host serving the built print page, Debian's
 * Chromium printing it, and pdf.js reading the PDF back.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { type Host, startHost } from '@core/host/server';
import { ChromiumPrinter, printReport } from '@core/report';
import { writeDocumentsPdf } from '@core/report/direct';
import { isoDate } from '@shared/dates';
import { DECK_SLIDE_REPORT } from '@shared/deck/slide-type';
import { yen } from '@shared/money';
import type { ReportDoc, TableBlock } from '@shared/report/model';
import { readPdf } from '../support/pdf';
import { ROOT } from '../support/serve';
import { tempDir } from '../support/tmp';

let core: Core;
let host: Host;

beforeAll(async () => {
  process.env.CHROMIUM_PATH ??= '/usr/bin/chromium';
  core = await Core.open({ dbPath: path.join(tempDir('renkei-engine-'), 'engine.sqlite'), osUser: 'tester' });
  host = await startHost({ core, staticDir: path.join(ROOT, 'dist', 'renderer') });
  core.usePrinter(new ChromiumPrinter(host.url));
});

afterAll(async () => {
  await host?.close();
  await core?.close();
});

/** A4 is 210 × 297 mm = 595.3 × 841.9 pt; Chromium rounds the paper to whole hundredths of an inch. */
function a4(page: { width: number; height: number }): 'portrait' | 'landscape' | 'other' {
  const near = (a: number, b: number) => Math.abs(a - b) < 1.5;
  if (near(page.width, 595.3) && near(page.height, 841.9)) return 'portrait';
  if (near(page.width, 841.9) && near(page.height, 595.3)) return 'landscape';
  return 'other';
}

/** 120 projects with awkward amounts, so the table runs over several pages. */
function longDoc(): ReportDoc {
  const rows = Array.from({ length: 120 }, (_, i) => ({
    kind: 'data' as const,
    cells: {
      no: i + 1,
      name: `事業${String(i + 1).padStart(3, '0')} 在宅医療連携推進`,
      amount: yen(85_419_999 + i * 1_001),
      done: i % 3 === 0,
    },
  }));
  const total = rows.reduce((sum, r) => sum + r.cells.amount, 0);
  return {
    name: 'engine.test',
    title: '事業別の所要額',
    orientation: 'portrait',
    params: { date: '2025-04-01' },
    header: {
      formNumber: '様式第1号',
      documentNumber: '新医薬第123号',
      date: '2025-04-01' as never,
      addressee: '関東信越厚生局長 殿',
      submitter: ['新潟県知事'],
    },
    blocks: [
      {
        type: 'table',
        caption: '事業一覧',
        columns: [
          { key: 'no', header: '番号', format: 'count', width: 6 },
          { key: 'name', header: '事業名', format: 'text', width: 40 },
          { key: 'amount', header: '所要額', group: '金額', format: 'thousandYen', width: 14 },
          { key: 'done', header: '完了', group: '金額', format: 'mark', width: 6 },
        ],
        rows: [...rows, { kind: 'total', cells: { name: '合計', amount: total } }],
      },
    ],
  };
}

describe('printing a report to PDF', () => {
  it('prints a Japanese public document: 様式番号, 文書番号, 和暦 date, 宛先, unit line, totals, page numbers', async () => {
    const printed = await printReport(core.printer, longDoc());
    const pdf = await readPdf(printed.pdf);
    expect(pdf.pages.length).toBe(printed.pages);
    expect(printed.pages).toBeGreaterThanOrEqual(3);
    const first = pdf.pages[0]!;
    expect(a4(first)).toBe('portrait');
    for (const text of [
      '様式第1号',
      '新医薬第123号',
      '令和7年4月1日',
      '関東信越厚生局長 殿',
      '新潟県知事',
      '事業別の所要額',
      '単位：千円（千円未満切り捨て）',
    ]) {
      expect(first.text).toContain(text);
    }
    // 85,419,999 円 shows as 85,419 千円, rounded down.
    expect(first.text).toContain('85,419');
    expect(first.text).not.toContain('85,420');
    // The total is summed in yen, then rounded down: Σ = 120 × 85,419,999 + 1,001 × (0+…+119) = 10,257,547,020 円 → 10,257,547 千円.
    expect(pdf.pages.at(-1)!.text).toContain('10,257,547');
    pdf.pages.forEach((page, i) => expect(page.text).toContain(`${i + 1} / ${printed.pages}`));
  });

  it('repeats the table head on every page and never splits a row across pages', async () => {
    const printed = await printReport(core.printer, longDoc());
    const pdf = await readPdf(printed.pdf);
    for (const page of pdf.pages) {
      expect(page.text).toContain('事業名');
      expect(page.text).toContain('所要額');
    }
    for (let n = 1; n <= 120; n += 1) {
      const name = `事業${String(n).padStart(3, '0')} 在宅医療連携推進`;
      const holding = pdf.pages.filter((p) => p.text.includes(name));
      expect(holding, name).toHaveLength(1);
      // The row's number and its name sit on the same line of the same page.
      const line = holding[0]!.text.split('\n').find((l) => l.includes(name))!;
      expect(line.startsWith(String(n))).toBe(true);
    }
  });

  it('keeps a line break typed into a text cell, and keeps a figure on one line', async () => {
    const doc: ReportDoc = {
      ...longDoc(),
      blocks: [
        {
          type: 'table',
          columns: [
            { key: 'name', header: '事業の内容', format: 'text', width: 40 },
            { key: 'amount', header: '所要額', format: 'yen', width: 20 },
          ],
          rows: [{ kind: 'data', cells: { name: '訪問診療の研修を行う。\n多職種の連携会議を開く。', amount: yen(12_345_678) } }],
        },
      ],
    };
    const lines = (await readPdf((await printReport(core.printer, doc)).pdf)).pages[0]!.text.split('\n');
    const first = lines.find((l) => l.includes('訪問診療の研修を行う。'))!;
    expect(first).not.toContain('多職種');
    expect(lines.some((l) => l.includes('多職種の連携会議を開く。'))).toBe(true);
    expect(lines.some((l) => l.includes('12,345,678'))).toBe(true);
  });

  it('widens a figure column to its widest figure: a total in the billions stays inside its cell, lined up with the rows', async () => {
    // 交付状況一覧 at 850 centers: 申請額's total is thirteen characters in a column laid out for ten.
    const doc: ReportDoc = {
      ...longDoc(),
      orientation: 'landscape',
      blocks: [
        {
          type: 'table',
          columns: [
            { key: 'name', header: 'センター', format: 'text', width: 36 },
            { key: 'class', header: '補助区分', format: 'text', width: 16 },
            { key: 'area', header: '二次医療圏', format: 'text', width: 10 },
            ...['applied', 'decided', 'paid', 'final', 'refund', 'additional'].map((key) => ({
              key,
              header: key,
              format: 'yen' as const,
              width: 10,
            })),
            { key: 'status', header: '状況', format: 'text', width: 28 },
          ],
          rows: [
            {
              kind: 'data',
              cells: { name: '佐渡市在宅医療推進センター', applied: yen(4_453_000), decided: yen(84_483_000), status: '申請済' },
            },
            { kind: 'total', cells: { name: '合計', applied: yen(4_229_197_000), decided: yen(84_483_000) } },
          ],
        },
      ],
    };
    const page = (await readPdf((await printReport(core.printer, doc)).pdf)).pages[0]!;
    const item = (str: string, nth = 0) => page.items.filter((i) => i.str === str)[nth]!;
    const total = item('4,229,197,000');
    const row = item('4,453,000');
    const next = item('84,483,000', 1);
    // Right-aligned with the row above (the same right edge), and ending before the next column's figure starts.
    expect(total.x + total.width).toBeCloseTo(row.x + row.width, 0);
    expect(total.x + total.width).toBeLessThan(next.x);
  });

  it('wraps a heading or a paragraph with no place to break (a long URL, a run of letters) within the page', async () => {
    const letters = 'A'.repeat(100);
    const url = `https://www.pref.niigata.lg.jp/${'zaitaku_iryo_suishin_center_katsudou_houkoku_'.repeat(3)}shiryou.html`;
    const doc: ReportDoc = {
      ...longDoc(),
      blocks: [
        { type: 'heading', text: `1　${letters}` },
        { type: 'paragraph', text: `資料は ${url} を参照。` },
      ],
    };
    const page = (await readPdf((await printReport(core.printer, doc)).pdf)).pages[0]!;
    const lines = page.text.split('\n');
    // Each runs on over a second line instead of off the right margin, nothing lost.
    const letterLines = lines.filter((l) => /AAAA/.test(l));
    expect(letterLines.length).toBeGreaterThanOrEqual(2);
    expect(letterLines.join('').replace(/[^A]/g, '')).toBe(letters);
    const urlLines = lines.filter((l) => /zaitaku|shiryou|https/.test(l));
    expect(urlLines.length).toBeGreaterThanOrEqual(2);
    expect(urlLines.join('').replace(/\s/g, '')).toContain(url);
  });

  it('draws a kanji beyond the app’s own text in the app’s face, from its second file, not in a system font', async () => {
    // 鑓 is written nowhere in the app's sources, so it is in the -more files (scripts/fonts.mjs, styles/fonts.css).
    const doc: ReportDoc = {
      ...longDoc(),
      blocks: [
        {
          type: 'table',
          columns: [{ key: 'name', header: '医療機関名', format: 'text', width: 40 }],
          rows: [{ kind: 'data', cells: { name: '鑓水クリニック' } }],
        },
      ],
    };
    const printed = await printReport(core.printer, doc);
    expect((await readPdf(printed.pdf)).pages[0]!.text).toContain('鑓水クリニック');
    const file = path.join(tempDir('renkei-fonts-'), 'fonts.pdf');
    fs.writeFileSync(file, printed.pdf);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((line) => line.split(/\s+/)[0]!)
      .filter((name) => name && name !== '[none]');
    // Both files of Noto Sans JP 400 (each a subset of its own), and nothing of the system's fonts.
    expect(fonts.filter((name) => name.endsWith('+NotoSansJP-Regular'))).toHaveLength(2);
    expect(fonts.map((name) => name.replace(/^[A-Z]{6}\+/, '')).filter((name) => !/^Noto(Sans|Serif)JP-/.test(name))).toEqual([]);
  });

  it('prints landscape reports on A4 landscape', async () => {
    const printed = await printReport(core.printer, { ...longDoc(), orientation: 'landscape' });
    const page = (await readPdf(printed.pdf)).pages[0]!;
    expect(a4(page)).toBe('landscape');
  });

  it('numbers a page 「n / N」 where the core’s own PDF numbers it: the same baseline and centre, on either paper', async () => {
    // The core writes reports' PDFs itself (report/direct) in the print page's place: its footer sits where the print's
    // does. Read by pdf.js (the baseline; a box from pdftotext -bbox would differ by the two fonts' boxes, not by the ink).
    for (const orientation of ['portrait', 'landscape'] as const) {
      const doc = { ...longDoc(), orientation };
      const footerOf = async (pdf: Buffer) => {
        const page = (await readPdf(pdf)).pages[0]!;
        const item = page.items.find((i) => /^1 \/ \d+$/.test(i.str))!;
        return { baseline: item.y, centre: item.x + item.width / 2, size: item.size, middle: page.width / 2 };
      };
      const printed = await footerOf((await printReport(core.printer, doc)).pdf);
      const written = await footerOf((await writeDocumentsPdf([doc])).pdf);
      // Centred in the 17 mm bottom margin: 8pt type whose baseline is 20.6pt above the paper's foot.
      expect(Math.abs(written.baseline - printed.baseline), orientation).toBeLessThan(0.5);
      expect(Math.abs(written.centre - printed.centre), orientation).toBeLessThan(0.5);
      expect(written.size).toBeCloseTo(printed.size, 1);
      expect(written.centre).toBeCloseTo(written.middle, 0);
    }
  });

  it('prints a deck slide’s table with its rounding note in the table’s small type, not as the slide’s bullet lines', async () => {
    const table: TableBlock = {
      type: 'table',
      columns: [
        { key: 'name', header: '事業名', format: 'text', width: 30 },
        { key: 'spent', header: '執行額', format: 'thousandYen', width: 12 },
      ],
      rows: [
        { kind: 'subtotal', cells: { name: '区分Ⅱ 小計', spent: yen(84_185_400) } },
        { kind: 'total', cells: { name: '合計', spent: yen(144_685_000) } },
      ],
    };
    const slide: ReportDoc = {
      name: DECK_SLIDE_REPORT,
      title: '基金の執行状況（区分ごとの小計）',
      orientation: 'landscape',
      header: { date: isoDate(2024, 2, 27) },
      blocks: [table],
      params: { date: '2024-02-27', slide: 1 },
      pageNumbers: false,
    };
    const page = (await readPdf((await printReport(core.printer, slide)).pdf)).pages[0]!;
    const size = (text: string) => page.items.find((i) => i.str.includes(text))?.size;
    expect(page.text).toContain('金額は円単位で集計してから千円未満を切り捨てている');
    expect(page.text).not.toContain('■');
    expect(size('金額は円単位')).toBeLessThanOrEqual(size('区分Ⅱ 小計')!);
  });
});

/** The folder of Chromium's single-instance lock for a profile (its SingletonSocket links into it). */
function singletonLock(profile: string): string {
  return path.dirname(fs.readlinkSync(path.join(profile, 'SingletonSocket')));
}

/** The printing Chromium's processes that use a profile of ours, by the folder each was started with. */
/** The printing Chromium this test process started (another test file's, printing meanwhile, is not counted). */
function printingChromium(): Array<{ pid: number; profile: string }> {
  const found: Array<{ pid: number; profile: string }> = [];
  const parentOf = (pid: string) =>
    Number(
      fs
        .readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ')[1],
    );
  const prefix = `--user-data-dir=${path.join(os.tmpdir(), 'renkei-print-')}`;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const profile = args.find((a) => a.startsWith(prefix));
      if (profile && !args.some((a) => a.startsWith('--type=')) && parentOf(entry) === process.pid)
        found.push({ pid: Number(entry), profile: profile.split('=')[1]! });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

describe('the printing browser', () => {
  it("answers a document the page cannot draw with the page's own message, and prints the next one", async () => {
    const printer = new ChromiumPrinter(host.url);
    try {
      const broken = { ...longDoc(), blocks: [{ type: 'table', columns: null, rows: null }] } as unknown as ReportDoc;
      const failed = await printReport(printer, broken).catch((error: Error) => error);
      expect((failed as Error).message).toMatch(
        /^帳票を印刷用に描画できませんでした（.+）。帳票の内容を確かめてから、もう一度出力してください。$/,
      );
      const printed = await printReport(printer, longDoc());
      expect((await readPdf(printed.pdf)).pages[0]!.text).toContain('事業別の所要額');
    } finally {
      await printer.close();
    }
  });

  it('says the print page could not be loaded when nothing answers at its address, without waiting out the time limit', async () => {
    // A port of this machine nothing listens on: the host's, once it has stopped.
    const gone = await startHost({ core, staticDir: path.join(ROOT, 'dist', 'renderer') });
    const url = gone.url;
    await gone.close();
    const printer = new ChromiumPrinter(url);
    try {
      const failed = (await printReport(printer, longDoc()).catch((error: Error) => error)) as Error;
      expect(failed.message).toBe(
        `印刷用の画面を開けませんでした（${new URL('print.html', url)} を読み込めませんでした）。もう一度お試しください。続く場合は npm run build でアプリを組み立て直してください。`,
      );
    } finally {
      await printer.close();
    }
  });

  it('starts Chromium again after it was killed, and on close ends it and removes its profile folder', async () => {
    const before = new Set(printingChromium().map((p) => p.pid));
    const printer = new ChromiumPrinter(host.url);
    try {
      await printReport(printer, longDoc());
      const [first] = printingChromium().filter((p) => !before.has(p.pid));
      expect(first).toBeDefined();
      expect(fs.existsSync(first!.profile)).toBe(true);
      // Chromium's single-instance lock, in a folder of its own that Chromium removes only when it quits.
      const firstLock = singletonLock(first!.profile);
      expect(fs.existsSync(firstLock)).toBe(true);
      process.kill(first!.pid, 'SIGKILL');
      await expect.poll(() => fs.existsSync(first!.profile), { timeout: 10_000 }).toBe(false);
      expect(fs.existsSync(firstLock)).toBe(false);

      const printed = await printReport(printer, { ...longDoc(), title: '別の帳票' });
      expect((await readPdf(printed.pdf)).pages[0]!.text).toContain('別の帳票');
      const [second] = printingChromium().filter((p) => !before.has(p.pid));
      expect(second!.pid).not.toBe(first!.pid);
      const secondLock = singletonLock(second!.profile);
      await printer.close();
      expect(printingChromium().filter((p) => !before.has(p.pid))).toEqual([]);
      expect(fs.existsSync(second!.profile)).toBe(false);
      expect(fs.existsSync(secondLock)).toBe(false);
    } finally {
      await printer.close();
    }
  });
});
