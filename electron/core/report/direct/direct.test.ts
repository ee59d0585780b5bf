// The PDF the core writes itself, read back as a reader sees it (pdf.js): the demo's pack laid out on the pages the
// browser's print gave it, each report numbered 「1 / n」, a long table's head again on its next page, the figures as
// the demo has them; Japanese lines broken by the rules of 禁則; a character the fonts lack drawn as 〓 and said.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDate } from '@shared/dates';
import type { ReportBlock, ReportDoc, ReportHeader, TableBlock } from '@shared/report/model';
import { reportsWithData } from '@shared/report/pick';
import { type PdfText, readPdf, structureProblems } from '@tests/support/pdf';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../../core';
import { writeDocumentsPdf } from './index';
import { breakLines } from './lines';

/** The demo's pack for 令和5年度 as `renkei report pack --fy 2023 --date 2024-04-01` makes it (without its cover). */
async function demoPackDocs(): Promise<ReportDoc[]> {
  const core = await Core.open({
    dbPath: path.join(tempDir(), 'direct.sqlite'),
    osUser: 'tester',
    now: () => new Date('2026-11-22T10:00:00+09:00'),
  });
  await core.call('app.demo.load', {});
  const names = reportsWithData(await core.call('report.list', {}), 2023, parseIsoDate('2024-04-01'));
  const docs: ReportDoc[] = [];
  for (const name of names) docs.push(await core.call('report.doc', { name, params: { fy: 2023, date: '2024-04-01' } }));
  await core.close();
  return docs;
}

/** A portrait document named 'test' dated 2024-04-01 of `blocks`, with what `header` adds to its head. */
/** A 議事録's 対応事項 table's columns, and an open item of 60 lines, each wrapped in two: taller than a page. */
const TASK_COLUMNS: TableBlock['columns'] = [
  { key: 'no', header: '番号', format: 'text', width: 4 },
  { key: 'content', header: '内容', format: 'text', width: 30 },
  { key: 'owner', header: '担当', format: 'text', width: 30 },
];
const LONG_TASK = Array.from(
  { length: 60 },
  (_, i) => `項目${i + 1}：退院調整の手順を各圏域の病院と診療所と訪問看護ステーションで確認し、結果を次回に報告する`,
).join('\n');

function testDoc(title: string, blocks: ReportBlock[], header: Partial<ReportHeader> = {}): ReportDoc {
  return { name: 'test', title, orientation: 'portrait', header: { date: parseIsoDate('2024-04-01'), ...header }, blocks, params: {} };
}

describe('the demo pack written without a browser', () => {
  let docs: ReportDoc[];
  let pages: number[];
  let read: PdfText;
  let bytes: Buffer;
  /** The text of a document's n-th page (from 0). */
  const pageOf = (doc: number, n: number) => read.pages[pages.slice(0, doc).reduce((s, p) => s + p, 0) + n]!.text;
  const indexOf = (name: string) => docs.findIndex((d) => d.name === name);

  beforeAll(async () => {
    docs = await demoPackDocs();
    const written = await writeDocumentsPdf(docs, '令和5年度 厚生局提出資料一式');
    pages = written.pages;
    expect(written.missing).toEqual([]);
    bytes = written.pdf;
    read = await readPdf(written.pdf);
  }, 60_000);

  it('lays each report out on as many pages as the browser’s print of it', () => {
    // Counted from Chromium's print of the same pack (lead 6fe4859): the cover's contents list these.
    expect(Object.fromEntries(docs.map((d, i) => [d.name, pages[i]]))).toEqual({
      'masters.designations.byArea': 2,
      'masters.designations.byFunction': 2,
      'masters.linkage': 3,
      'fund.plan': 7,
      'fund.execution': 2,
      'fund.evaluation': 4,
      'subsidy.calculation': 17,
      'subsidy.settlement': 4,
      'subsidy.year': 1,
      'subsidy.decisions': 1,
      'survey.activity': 10,
      'survey.staffing': 5,
      'meeting.minutes': 2,
      'meeting.attendance': 1,
      'meeting.trainings': 2,
    });
    expect(read.pages).toHaveLength(63);
  });

  it('numbers each report’s own pages 「n / N」 at their foot, on its own paper', () => {
    docs.forEach((doc, i) => {
      for (let n = 0; n < pages[i]!; n += 1)
        expect(pageOf(i, n).split('\n').at(-1), `${doc.name} p.${n + 1}`).toBe(`${n + 1} / ${pages[i]}`);
      const first = read.pages[pages.slice(0, i).reduce((s, p) => s + p, 0)]!;
      expect([first.width, first.height]).toEqual(doc.orientation === 'portrait' ? [595.92, 842.88] : [842.88, 595.92]);
    });
  });

  it('draws each report’s head: its date in 和暦, its sender and its title; the outline lists the titles', async () => {
    const first = pageOf(indexOf('fund.plan'), 0);
    expect(first).toContain('令和6年4月1日現在');
    expect(first).toContain('新潟県 福祉保健部 地域医療政策課（デモ）');
    expect(first).toContain('令和5年度 新潟県計画');
    expect(read.outline).toEqual(docs.map((d) => d.title));
    expect(read.title).toBe('令和5年度 厚生局提出資料一式');
    // Tagged on every page, for a screen reader, by the rules the browser's tagged print is held to.
    expect(read.tagged).toBe(true);
    expect(read.structured).toBe(read.pages.length);
    expect(await structureProblems(bytes)).toEqual([]);
  });

  it('repeats a table’s head on the page it continues on, and splits it only between rows', () => {
    const byArea = indexOf('masters.designations.byArea');
    const second = pageOf(byArea, 1).split('\n');
    expect(second[0]).toMatch(/^圏域 在宅医療の機能 連携先/);
    expect(pageOf(byArea, 1)).toContain('医療機関名');
    // The second page has no title: it continues the table.
    expect(pageOf(byArea, 1)).not.toContain('第1表');
  });

  it('sets a report’s key figures in one row where the print does: six boxes of at least 38 mm across A4 landscape', () => {
    const first = pages.slice(0, indexOf('survey.activity')).reduce((s, p) => s + p, 0);
    const items = read.pages[first]!.items;
    const y = (label: string) => items.find((i) => i.str === label)?.y;
    expect(y('相談件数')).toBeDefined();
    expect(y('在宅看取り数（報告分）')).toBe(y('相談件数'));
  });

  it('breaks a page between the rows the print breaks it between: the 議事録’s 対応事項 continue with 引2', () => {
    // Chromium draws a 0.5pt border as one device pixel (0.75pt), in each row's height: 0.25pt a row, a row a page.
    const minutes = indexOf('meeting.minutes');
    expect(pageOf(minutes, 0)).toContain('引1');
    expect(pageOf(minutes, 0)).not.toContain('引2');
    expect(pageOf(minutes, 1)).toContain('引2');
  });

  it('prints the figures as the demo has them: R5 基準額 84,586,000円, 千円 columns in 千円', () => {
    const plan = indexOf('fund.plan');
    const text = Array.from({ length: pages[plan]! }, (_, n) => pageOf(plan, n)).join('\n');
    expect(text).toContain('令和5年度の基準額は交付要綱別表1による（84,586,000円）');
    const execution = pageOf(indexOf('fund.execution'), 0);
    expect(execution).toContain('単位：千円（千円未満切り捨て）');
    expect(execution).toMatch(/合計\s*297,386\s*247,386\s*144,685\s*152,701\s*48\.7%/);
  });
});

describe('Japanese lines', () => {
  const advance = () => 10;

  it('never starts a line with 。、）」 nor ends one with （「, and keeps a figure whole', () => {
    // 5 characters a line: 「。」 would start the second line, so 「た」 goes down with it.
    expect(breakLines('ああああた。いい', 50, advance).map((l) => l.text)).toEqual(['ああああ', 'た。いい']);
    expect(breakLines('ああああ「い」', 50, advance).map((l) => l.text)).toEqual(['ああああ', '「い」']);
    expect(breakLines('金額は84,586,000円', 100, advance).map((l) => l.text)).toEqual(['金額は', '84,586,000', '円']);
  });

  it('indents a paragraph’s first line and sets a closing bracket at a line’s end half-width when it then fits', () => {
    expect(breakLines('ああああ', 40, advance, 10).map((l) => l.text)).toEqual(['あああ', 'あ']);
    expect(breakLines('ああああ）', 45, advance).map((l) => l.text)).toEqual(['ああああ）']);
  });
});

describe('hyphens', () => {
  const advance = () => 10;

  it('breaks a URL after a hyphen, not before it, and keeps a telephone number whole', () => {
    // 30 characters a line: the URL is 39.
    expect(breakLines('https://example.jp/zaitaku-iryo-suishin', 300, advance).map((l) => l.text)).toEqual([
      'https://example.jp/zaitaku-',
      'iryo-suishin',
    ]);
    expect(breakLines('電話番号は025-280-5000です', 120, advance).map((l) => l.text)).toEqual(['電話番号は', '025-280-5000', 'です']);
  });

  it('sets a soft hyphen typed into the data as nothing', () => {
    // pdf.js reads a drawn soft hyphen as nothing, so the line the page draws is what is checked.
    const [line] = breakLines('Zaitaku\u00ADiryo の推進', 300, advance);
    expect(line).toEqual({ text: 'Zaitakuiryo の推進', width: 150 });
  });
});

describe('a character the fonts lack', () => {
  it('is drawn as 〓 and named; a rare kanji comes from the second file', async () => {
    const doc = testDoc('髙橋医院', [{ type: 'paragraph', text: '私用\u{E000}文字' }]);
    const written = await writeDocumentsPdf([doc]);
    // Named with where it is: the page of the PDF and the text that holds it.
    expect(written.missing).toEqual([
      { name: 'test', title: '髙橋医院', characters: ['\u{E000}'], pages: [1], texts: ['私用\u{E000}文字'] },
    ]);
    const text = (await readPdf(written.pdf)).pages[0]!.text;
    expect(text).toContain('髙橋医院');
    expect(text).toContain('私用〓文字');
  });

  it('is none of the 常用 and 人名用 kanji beyond Shift_JIS, nor the JIS X 0213 kanji of a name (鷗 𩸽 𪚲)', async () => {
    const names = '剝 頰 塡 𠮟 鷗 𩸽 𪚲';
    const doc = testDoc(
      names,
      [
        {
          type: 'table',
          columns: [{ key: 'name', header: '氏名', format: 'text', width: 20 }],
          rows: [{ kind: 'data', cells: { name: names } }],
        },
      ],
      { addressee: `${names} 殿` },
    );
    const written = await writeDocumentsPdf([doc]);
    expect(written.missing).toEqual([]);
    const text = (await readPdf(written.pdf)).pages[0]!.text;
    expect(text).not.toContain('〓');
    expect(text.split('\n').filter((line) => line.includes('剝 頰 塡 𠮟 鷗 𩸽 𪚲'))).toHaveLength(3);
  });

  it('is no character that draws nothing: a variation selector, ZWJ, ZWNJ, a BOM, a soft hyphen, a stray CR are left out', async () => {
    const doc = testDoc('\uFEFF葛\u{E0100}飾区', [
      { type: 'paragraph', text: '辻\uFE00堂\u200d医院\u200cの\u2060在宅\u00ad医療\r\n二行目\u200b' },
      {
        type: 'table',
        columns: [{ key: 'name', header: '名称\r', format: 'text', width: 20 }],
        rows: [{ kind: 'data', cells: { name: '葛\u{E0100}西\r' } }],
      },
    ]);
    const written = await writeDocumentsPdf([doc]);
    expect(written.missing).toEqual([]);
    const read = await readPdf(written.pdf);
    const lines = read.pages[0]!.text.split('\n');
    expect(read.pages[0]!.text).not.toContain('〓');
    expect(lines).toContain('葛飾区');
    expect(lines).toContain('辻堂医院の在宅医療');
    expect(lines).toContain('二行目');
    expect(lines).toContain('葛西');
    expect(read.outline).toEqual(['葛飾区']);
  });
});

describe('the document’s head', () => {
  it('wraps a long 担当 line and a long 文書番号 at the page’s width, right-aligned, never past its left margin', async () => {
    // personInCharge may be 80 characters (settings); with its phone and e-mail it is wider than 180 mm of 10pt 明朝.
    const person = `地域医療政策課 在宅医療推進係 主任 山田 太郎 電話 025-280-5000（内線 2345） 電子メール zaitaku-iryo@pref.niigata.example.jp`;
    const doc = testDoc('交付申請書', [], {
      formNumber: '様式第1号',
      documentNumber: `新医薬第${'1'.repeat(60)}号 在宅医療推進センター整備事業補助金 交付申請に係る文書`,
      submitter: ['新潟県知事', `（担当：${person}）`],
    });
    const page = (await readPdf((await writeDocumentsPdf([doc])).pdf)).pages[0]!;
    const left = 15 * (72 / 25.4);
    const right = page.width - left;
    const head = page.items.filter((i) => i.y > page.height - 200 && i.str.trim() !== '');
    for (const item of head) {
      expect(item.x, item.str).toBeGreaterThanOrEqual(left - 0.5);
      expect(item.x + item.width, item.str).toBeLessThanOrEqual(right + 0.5);
    }
    // Every character is there, on more lines than given, each ending at the right margin.
    expect(page.text.replace(/\s/g, '')).toContain(`（担当：${person}）`.replace(/\s/g, ''));
    const lines = head.filter((i) => i.str !== '様式第1号' && !i.str.includes('交付申請書'));
    expect(lines.length).toBeGreaterThan(5);
    for (const item of lines) expect(Math.abs(item.x + item.width - right), item.str).toBeLessThan(1);
  });
});

describe('a table row taller than a page', () => {
  it('goes on over the next pages a slice of its lines each, under the table’s head, none lost under the footer', async () => {
    // An open 対応事項 of 60 lines, each wrapped in two: moved whole to the next page, it still does not fit there.
    const row = (no: string, text: string, owner = '事務局') => ({ kind: 'data' as const, cells: { no, content: text, owner } });
    const doc = testDoc('議事録', [
      {
        type: 'table',
        caption: '対応事項',
        columns: TASK_COLUMNS,
        rows: [row('1', '研修会の案内を送る'), row('引1', LONG_TASK, '委員E'), row('2', '活動計画書を取りまとめる')],
      },
    ]);
    const read = await readPdf((await writeDocumentsPdf([doc])).pdf);
    expect(read.pages).toHaveLength(3);
    const bottomMargin = 17 * (72 / 25.4);
    read.pages.forEach((page, n) => {
      expect(page.text.split('\n').at(-1)).toBe(`${n + 1} / 3`);
      // Each page but the first continues the table under its head.
      expect(page.text, `p.${n + 1}`).toMatch(/番号 内容 担当/);
      for (const item of page.items.filter((i) => i.str.startsWith('項目')))
        expect(item.y, `${item.str} p.${n + 1}`).toBeGreaterThan(bottomMargin);
    });
    const items = read.pages.map((p) => p.items.filter((i) => /^項目\d+：/.test(i.str)).map((i) => Number(/\d+/.exec(i.str)![0])));
    expect(items.flat()).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(items.map((p) => [p[0], p.at(-1)])).toEqual([
      [undefined, undefined],
      [1, 33],
      [34, 60],
    ]);
    expect(read.pages[2]!.text).toContain('活動計画書を取りまとめる');
    // Its other cells are at the top of its first slice, blank on the next.
    expect(read.pages[1]!.text.split('\n')[1]).toMatch(/^引1 項目1：.*委員E$/);
    expect(read.pages[2]!.text).not.toMatch(/引1|委員E/);
  });
});

describe('characters that share a glyph', () => {
  it('are each copied as written: ～ and 〜, ① and ➀, ・ and ‧', async () => {
    const lines = ['事業期間 令和5年4月～令和6年3月', '事業期間 令和5年4月〜令和6年3月', '①計画➀評価', '訪問・相談‧調整'];
    // Each both ways round: which of two characters is drawn first no longer decides what both copy as.
    const doc = testDoc(
      '事業期間',
      [...lines, ...lines.slice().reverse()].map((text) => ({ type: 'paragraph', text })),
    );
    const written = await writeDocumentsPdf([doc]);
    const file = path.join(tempDir(), 'shared.pdf');
    fs.writeFileSync(file, written.pdf);
    // Poppler's pdftotext, as a reader's copy and search.
    const copied = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(copied.slice(2, 10)).toEqual([...lines, ...lines.slice().reverse()]);
    // pdf.js too (it reads ‧ as ・ of itself, so without that line).
    const read = (await readPdf(written.pdf)).pages[0]!.text.split('\n');
    expect(read.slice(2, 5)).toEqual(lines.slice(0, 3));
    expect(read.slice(7, 10)).toEqual(lines.slice(0, 3).reverse());
  });
});

describe('a table whose first row is taller than a page', () => {
  it('keeps its caption with the row’s first slice, as a heading with what follows', async () => {
    const doc = testDoc('議事録', [
      { type: 'paragraph', text: Array.from({ length: 30 }, (_, i) => `協議の経過${i + 1}`).join('\n') },
      {
        type: 'table',
        caption: '対応事項',
        columns: TASK_COLUMNS,
        rows: [{ kind: 'data', cells: { no: '引1', content: LONG_TASK, owner: '委員E' } }],
      },
    ]);
    const read = await readPdf((await writeDocumentsPdf([doc])).pdf);
    const captionPage = read.pages.findIndex((p) => p.text.split('\n').includes('対応事項'));
    expect(captionPage).toBeGreaterThanOrEqual(0);
    const lines = read.pages[captionPage]!.text.split('\n');
    // Under the caption: the table's head, then the row's first lines — on the same page.
    expect(lines[lines.indexOf('対応事項') + 1]).toMatch(/^番号 内容 担当/);
    expect(lines[lines.indexOf('対応事項') + 2]).toMatch(/^引1 項目1：/);
    const bottomMargin = 17 * (72 / 25.4);
    const items = read.pages.flatMap((page, n) =>
      page.items.filter((i) => /^項目\d+：/.test(i.str)).map((i) => ({ n: Number(/\d+/.exec(i.str)![0]), y: i.y, page: n })),
    );
    expect(items.map((i) => i.n)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const item of items) expect(item.y, `項目${item.n} p.${item.page + 1}`).toBeGreaterThan(bottomMargin);
  });
});

describe('a table’s notes taller than a page', () => {
  it('go on over the next page as a paragraph does, every line above the bottom margin', async () => {
    const notes = Array.from({ length: 90 }, (_, i) => `注${i + 1}：補助対象経費は交付要綱別表1の区分による。`);
    const doc = testDoc('所要額調書', [
      {
        type: 'table',
        caption: '第1表',
        columns: [{ key: 'name', header: '事業名', format: 'text', width: 20 }],
        rows: [{ kind: 'data', cells: { name: '在宅医療連携推進事業' } }],
        notes,
      },
    ]);
    const read = await readPdf((await writeDocumentsPdf([doc])).pdf);
    const bottomMargin = 17 * (72 / 25.4);
    const items = read.pages.flatMap((page, n) =>
      page.items.filter((i) => /^注\d+：/.test(i.str)).map((i) => ({ n: Number(/\d+/.exec(i.str)![0]), y: i.y, page: n })),
    );
    expect(items.map((i) => i.n)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    for (const item of items) expect(item.y, `注${item.n} p.${item.page + 1}`).toBeGreaterThan(bottomMargin);
    // They start under the table, on its page.
    expect(read.pages[0]!.text).toContain('在宅医療連携推進事業');
    expect(items[0]!.page).toBe(0);
    expect(read.pages).toHaveLength(2);
  });
});

describe('a closing bracket set half-width', () => {
  it('moves what follows it left as the print does: 「（確定額）　金」 and 「（上記以外））」 as narrow as Chromium sets them', async () => {
    // The 記 of a 通知書 and its 根拠 line, as letterBody gives them.
    const doc = testDoc(
      '追加交付通知書',
      [
        {
          type: 'notes',
          lines: [
            '1　補助金額（確定額）　金4,210,000円',
            '（根拠：新潟県在宅医療推進センター整備事業補助金交付要綱第4条）　村上地域在宅医療推進センター（郡市医師会（上記以外））',
          ],
        },
      ],
      { date: parseIsoDate('2024-05-20') },
    );
    const file = path.join(tempDir(), 'brackets.pdf');
    fs.writeFileSync(file, (await writeDocumentsPdf([doc])).pdf);
    // Poppler's words with their boxes, as Chromium's print of the same letter measures them (lead, tax_credit and additional_notice).
    const words = [
      ...execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).matchAll(
        /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<\/word>/g,
      ),
    ].map(([, x0, x1, text]) => ({ x0: Number(x0), x1: Number(x1), text: text! }));
    const word = (text: string) => words.find((w) => w.text === text)!;
    // 「）」 before 「　」: half of its 9pt em trimmed, the space a whole em — 4.5pt between the words.
    expect(word('金4,210,000円').x0 - word('補助金額（確定額）').x1).toBeCloseTo(4.5, 1);
    const cause = word('（根拠：新潟県在宅医療推進センター整備事業補助金交付要綱第4条）');
    expect(word('村上地域在宅医療推進センター（郡市医師会（上記以').x0 - cause.x1).toBeCloseTo(4.5, 1);
    // 「外））」: the first 「）」 half-width (22.5pt as Chromium prints it, not 27).
    const end = word('外））');
    expect(end.x1 - end.x0).toBeCloseTo(22.5, 1);
  });
});

describe('a table’s total row', () => {
  it('has the rule above it Chromium prints for its 2pt double border: one solid 1.5pt bar over the table’s width', async () => {
    const doc = testDoc('所要額', [
      {
        type: 'table',
        columns: [
          { key: 'name', header: '事業名', format: 'text', width: 30 },
          { key: 'amount', header: '金額', format: 'yen', width: 12 },
        ],
        rows: [
          { kind: 'data', cells: { name: '在宅医療連携推進事業', amount: 1000 } },
          { kind: 'total', cells: { name: '合計', amount: 1000 } },
        ],
      },
    ]);
    const file = path.join(tempDir(), 'total.pdf');
    fs.writeFileSync(file, (await writeDocumentsPdf([doc])).pdf);
    // 600 dpi, grey: a pixel is 0.12pt. The 合計 row's top is its word's top less the cell's padding.
    const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const totalTop = Number(/yMin="([\d.]+)"[^>]*>合計</.exec(bbox)![1]);
    const dpi = 600;
    const px = (pt: number) => Math.round((pt * dpi) / 72);
    const from = px(totalTop - 8);
    const pgm = execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-gray',
      '-y',
      String(from),
      '-H',
      String(px(8)),
      '-W',
      String(px(595)),
      file,
    ]);
    const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(pgm.toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const data = pgm.subarray(header[0].length);
    const dark = (x: number, y: number) => data[y * w + x]! < 128;
    /** The dark runs down a column of pixels, as [from, length]. */
    const runs = (x: number) => {
      const found: [number, number][] = [];
      for (let y = 0; y < h; y += 1)
        if (dark(x, y)) found.at(-1) && found.at(-1)![0] + found.at(-1)![1] === y ? found.at(-1)![1]++ : found.push([y, 1]);
      return found;
    };
    // In the middle of the 事業名 column: the rule alone, one bar 1.5pt (12.5 px) tall.
    const middle = runs(px(200));
    expect(middle).toHaveLength(1);
    expect(middle[0]![1]).toBeGreaterThanOrEqual(12);
    expect(middle[0]![1]).toBeLessThanOrEqual(13);
    // Across the table to its outer borders' outer edges, and no further.
    const y = middle[0]![0] + 6;
    const row = Array.from({ length: w }, (_, x) => dark(x, y));
    const left = row.indexOf(true);
    const right = row.lastIndexOf(true);
    const margin = 15 * (72 / 25.4);
    expect(Math.abs(left - px(margin - 0.375))).toBeLessThanOrEqual(1);
    expect(Math.abs(right - px(margin + 180 * (72 / 25.4) + 0.375))).toBeLessThanOrEqual(1);
  });
});
