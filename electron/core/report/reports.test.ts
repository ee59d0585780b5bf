import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, JOB_CANCELLED_MESSAGE, type RenderedReport } from '@shared/contract';
import { parseIsoDate } from '@shared/dates';
import { bureauAddressee, regionalBureauOf } from '@shared/report/bureaus';
import type { TableBlock } from '@shared/report/model';
import { reportsWithData } from '@shared/report/pick';
import { readWorkbook } from '@tests/support/files';
import { readPdf } from '@tests/support/pdf';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import { printerMissing } from '../kernel/printer';
import { addressee, type ReportContext, submitterLines } from '../kernel/report-definition';

async function demoCore() {
  const core = await Core.open({
    dbPath: path.join(tempDir(), 'reports.sqlite'),
    osUser: 'tester',
    now: () => new Date('2026-11-22T10:00:00+09:00'),
  });
  await core.call('masters.demo.load', {});
  return core;
}

/** The report's document as the engine builds it, without printing. */
function docOf(core: Core, name: string, params: { fy?: number; date?: string }) {
  return core.call('report.doc', { name, params });
}

const tableOf = (blocks: { type: string }[]) => blocks.find((b) => b.type === 'table') as TableBlock;

describe('the regional bureau a prefecture reports to', () => {
  it('follows the 地方厚生局 jurisdictions, by prefecture code', () => {
    expect(regionalBureauOf('15')).toBe('関東信越厚生局'); // 新潟県
    expect(regionalBureauOf('150002')).toBe('関東信越厚生局');
    expect(regionalBureauOf('01')).toBe('北海道厚生局');
    expect(regionalBureauOf('18')).toBe('近畿厚生局'); // 福井県
    expect(regionalBureauOf('17')).toBe('東海北陸厚生局'); // 石川県
    expect(regionalBureauOf('37')).toBe('四国厚生支局'); // 香川県
    expect(regionalBureauOf('47')).toBe('九州厚生局'); // 沖縄県
    expect(regionalBureauOf('48')).toBeNull();
    expect(bureauAddressee('関東信越厚生局')).toBe('関東信越厚生局長 殿');
    expect(bureauAddressee('関東信越厚生局長')).toBe('関東信越厚生局長 殿');
    expect(bureauAddressee('四国厚生支局長 殿')).toBe('四国厚生支局長 殿');
  });
});

describe('the report catalog', () => {
  it('lists the engine sample and 台帳 reports with what each needs', async () => {
    const core = await demoCore();
    const list = await core.call('report.list', {});
    expect(list.map((r) => r.name)).toEqual([
      'summary',
      'masters.designations.byArea',
      'masters.designations.byFunction',
      'masters.linkage',
      'fund.plan',
      'fund.execution',
      'fund.evaluation',
      'subsidy.calculation',
      'subsidy.settlement',
      'subsidy.year',
      'subsidy.register',
      'subsidy.decisions',
      'survey.activity',
      'survey.staffing',
      'survey.clinics',
      'meeting.minutes',
      'meeting.attendance',
      'meeting.trainings',
    ]);
    expect(list.find((r) => r.name === 'masters.linkage')).toMatchObject({
      needsFiscalYear: true,
      orientation: 'landscape',
      section: 'masters',
    });
    await core.close();
  });

  it('refuses an unknown report and a yearly report without a year — in Japanese', async () => {
    const core = await demoCore();
    expect(await core.dispatch('report.render', { name: 'nothing', format: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: '「nothing」という帳票はありません（renkei report list で一覧）' },
    });
    expect(await core.dispatch('report.render', { name: 'masters.linkage', format: 'xlsx' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: '「在宅医療・介護連携推進事業の実施状況」は年度ごとの帳票です。年度を指定してください。' },
    });
    await core.close();
  });
});

describe('台帳 reports', () => {
  it('lays out seed 004’s designation tables as of a day, and refuses a day with none', async () => {
    const core = await demoCore();
    const designations = await core.call('masters.designations.list', {});
    const byArea = await docOf(core, 'masters.designations.byArea', { date: '2024-04-01' });
    expect(byArea).toMatchObject({
      title: '第1表　「在宅医療において積極的役割を担う医療機関」一覧',
      subtitle: '＜在宅医療圏別＞',
      orientation: 'landscape',
    });
    expect(byArea.header).toMatchObject({ date: '2024-04-01', dateSuffix: '現在', submitter: ['新潟県'] });
    const table = tableOf(byArea.blocks);
    expect(table.rows).toHaveLength(designations.length);
    // Seed 004's headings under 「在宅医療の機能」, word for word.
    expect(table.columns.filter((c) => c.group === '在宅医療の機能').map((c) => c.header)).toEqual([
      '他医療機関に対する医師不在時等の支援',
      '医療・介護・障がいサービス等との連携',
      '家族等へ負担軽減に繋がるサービスを紹介',
      '在宅医療に関する研修の機会の確保',
      '災害対応に係る計画を策定 他の医療機関の策定を支援',
    ]);
    // Each 在宅医療圏 and its members written once, on the first row of its group.
    const areas = table.rows.map((r) => r.cells.homeCare);
    expect(areas.filter((a) => a !== '')).toEqual([...new Set(designations.map((d) => d.areaName))]);
    expect(table.rows.filter((r) => r.cells.homeCare === '').every((r) => r.cells.members === '' && r.cells.secondary === '')).toBe(true);
    expect(table.rows.every((r) => r.cells.f1 === true && r.cells.f2 === true && r.cells.f3 === true)).toBe(true);

    const byFunctionDoc = await docOf(core, 'masters.designations.byFunction', { date: '2024-04-01' });
    expect(byFunctionDoc).toMatchObject({
      title: '第2表　「在宅医療において積極的役割を担う医療機関」一覧',
      subtitle: '＜積極的役割の機能別＞',
    });
    const byFunction = tableOf(byFunctionDoc.blocks);
    expect(byFunction.rows[0]!.cells.function).toBe('他医療機関に対する医師不在時等の支援');
    const met = designations.reduce((n, d) => n + d.requirements.filter(Boolean).length, 0);
    expect(byFunction.rows.filter((r) => r.kind === 'data')).toHaveLength(met);
    expect(byFunction.rows.filter((r) => r.kind === 'subtotal').map((r) => r.cells.institution)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `${designations.filter((d) => d.requirements[i]).length} 機関`),
    );

    expect(
      await core.dispatch('report.render', { name: 'masters.designations.byArea', format: 'xlsx', params: { date: '2024-03-31' } }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message: '令和6年3月31日現在で有効な指定がありません（最初の指定は令和6年4月1日です）。日付を確かめてください。',
      },
    });
    await core.close();
  });

  it('counts each 在宅医療・介護連携推進事業 item by 直営・委託・広域 for the year, and refuses a year with no record', async () => {
    const core = await demoCore();
    const items = await core.call('masters.linkage.list', { fiscalYear: 2023 });
    const doc = await docOf(core, 'masters.linkage', { fy: 2023, date: '2024-03-29' });
    expect(doc.subtitle).toBe('令和5年度');
    const table = tableOf(doc.blocks);
    expect(table.rows.filter((r) => r.kind === 'data')).toHaveLength(30);
    const entrusted = table.rows.find((r) => r.cells.name === '委託の市町村数')!;
    expect(entrusted.cells.item_a).toBe(items.filter((i) => i.item === 'a' && i.mode === 'entrusted').length);
    // Every municipality does every item one way: the three totals add up to the 30 municipalities.
    const totals = table.rows.filter((r) => r.kind === 'total');
    expect(totals.reduce((n, r) => n + (r.cells.item_a as number), 0)).toBe(30);
    const chart = doc.blocks.find((b) => b.type === 'chart');
    expect(chart).toMatchObject({ kind: 'stackedBar', series: [{ label: '直営' }, { label: '委託' }, { label: '広域' }] });

    expect(await core.dispatch('report.render', { name: 'masters.linkage', format: 'xlsx', params: { fy: 2022 } })).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message: '令和4年度の在宅医療・介護連携推進事業の記録がありません。年度を確かめるか、台帳で入力してください。',
      },
    });
    await core.close();
  });

  it('names a file with its 年度 once, where the title already says it too', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'whole-demo.sqlite'), osUser: 'tester' });
    await core.call('app.demo.load', {});
    for (const name of ['fund.plan', 'survey.activity']) {
      const out = await core.call('report.render', { name, format: 'xlsx', params: { fy: 2023, date: '2024-03-29' } });
      expect(out.fileName.split('令和5年度').length - 1, out.fileName).toBe(1);
    }
    await core.close();
  });

  it('writes a report as a workbook without a printer (the chart as its data table)', async () => {
    const core = await demoCore();
    const items = await core.call('masters.linkage.list', { fiscalYear: 2023 });
    const out = await core.call('report.render', { name: 'masters.linkage', format: 'xlsx', params: { fy: 2023, date: '2024-03-29' } });
    expect(out.fileName).toBe('在宅医療・介護連携推進事業の実施状況_令和5年度_2024-03-29.xlsx');
    expect(out.pages).toBeNull();
    const wb = await readWorkbook(out.data);
    const sheet = wb.worksheets[0]!;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    expect(texts).toContain('在宅医療・介護連携推進事業の実施状況');
    expect(texts).toContain('令和6年3月29日');
    expect(texts).toContain('委託の市町村数');
    // The totals are numbers Excel can sum, not text.
    let entrustedRow = 0;
    sheet.eachRow((row, n) =>
      row.eachCell((cell) => {
        if (cell.text === '委託の市町村数') entrustedRow = n;
      }),
    );
    expect(sheet.getRow(entrustedRow).values).toEqual(
      expect.arrayContaining([items.filter((i) => i.item === 'a' && i.mode === 'entrusted').length]),
    );
    expect(texts).toContain('事業項目ごとの実施方法（市町村数）');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    await core.close();
  });
});

describe('when no browser can print', () => {
  it('still writes the PDF and the workbook with the charts’ pictures: the core draws both itself', async () => {
    const core = await demoCore();
    // A printer that finds no browser, as the CLI's does on a PC without Chromium, Chrome or Edge.
    core.usePrinter({
      print: async () => {
        throw printerMissing();
      },
      close: async () => undefined,
    });
    const params = { fy: 2023, date: '2024-03-29' };
    const xlsx = await core.call('report.render', { name: 'masters.linkage', format: 'xlsx', params });
    const wb = await readWorkbook(xlsx.data);
    expect(wb.worksheets[0]!.getImages()).toHaveLength(1);
    const pdf = await core.call('report.render', { name: 'masters.linkage', format: 'pdf', params });
    expect(pdf.fileName).toBe('在宅医療・介護連携推進事業の実施状況_令和5年度_2024-03-29.pdf');
    const read = await readPdf(Buffer.from(pdf.data, 'base64'));
    expect(read.pages).toHaveLength(pdf.pages!);
    expect(read.pages[0]!.text).toContain('在宅医療・介護連携推進事業の実施状況');
    expect(read.pages.map((p) => p.text.split('\n').at(-1))).toEqual(read.pages.map((_, n) => `${n + 1} / ${read.pages.length}`));
    // The chart's own words, drawn as text in the PDF.
    expect(read.pages.map((p) => p.text).join('\n')).toContain('事業項目ごとの実施方法（市町村数）');
    await core.close();
  });
});

describe('the document header', () => {
  it('addresses the pack to the prefecture’s bureau and signs it from the governor unless 設定 says otherwise', () => {
    const niigata = { prefecture: { code: '15', name: '新潟県' }, settings: DEFAULT_SETTINGS } as ReportContext;
    expect(addressee(niigata)).toBe('関東信越厚生局長 殿');
    expect(submitterLines(niigata)).toEqual(['新潟県知事']);
    const changed = {
      ...niigata,
      settings: {
        ...DEFAULT_SETTINGS,
        submitter: '新潟県福祉保健部長',
        personInCharge: '地域医療政策課 山田（025-280-0000）',
        regionalBureau: '東北厚生局',
      },
    };
    expect(addressee(changed)).toBe('東北厚生局長 殿');
    expect(submitterLines(changed)).toEqual(['新潟県福祉保健部長', '（担当：地域医療政策課 山田（025-280-0000））']);
    expect(addressee({ ...niigata, prefecture: null })).toBeUndefined();
  });

  it('names the report a pack cannot make, and says the others can be made without it', async () => {
    const core = await demoCore();
    const outDir = path.join(tempDir(), 'pack');
    const result = await core.dispatch('report.pack', { fy: 2022, reports: ['summary', 'masters.linkage'], outDir });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message:
          '「在宅医療・介護連携推進事業の実施状況」を作れません: 令和4年度の在宅医療・介護連携推進事業の記録がありません。年度を確かめるか、台帳で入力してください。（この帳票を一式から外すと、ほかの帳票は作れます）',
      },
    });
    expect(fs.existsSync(outDir)).toBe(false);
    await core.close();
  });

  it('names every report a pack cannot make at once, on a new 台帳 with no 指定, and ticks none of them by default', async () => {
    const core = await Core.open({
      dbPath: path.join(tempDir(), 'nagano.sqlite'),
      osUser: 'tester',
      now: () => new Date('2026-12-05T10:00:00+09:00'),
    });
    await core.call('masters.prefecture.save', { code: '20', name: '長野県', version: 0 });
    await core.call('masters.municipalities.save', {
      ...{ code: '202011', name: '長野市', kana: 'ながのし', type: '市', designatedCity: false, coreCity: true },
      ...{ areas: {}, isNew: true, version: 0 },
    });
    const list = await core.call('report.list', {});
    expect(list.find((r) => r.name === 'masters.designations.byArea')?.dataSince).toBeNull();
    expect(reportsWithData(list, 2026, parseIsoDate('2026-12-05'))).not.toContain('masters.designations.byArea');
    expect(reportsWithData(list, 2026, parseIsoDate('2026-12-05'))).not.toContain('masters.designations.byFunction');

    const outDir = path.join(tempDir(), 'pack');
    const reports = ['masters.designations.byArea', 'masters.designations.byFunction', 'masters.linkage'];
    const result = await core.dispatch('report.pack', { fy: 2026, reports, outDir });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message:
          '「在宅医療において積極的役割を担う医療機関」一覧（圏域別・詳細版）、「在宅医療において積極的役割を担う医療機関」一覧（機能別・概要版）を作れません: 積極的役割を担う医療機関の指定がまだ登録されていません（台帳 › 積極的役割を担う医療機関）。指定を登録してから作成してください。' +
          '「在宅医療・介護連携推進事業の実施状況」を作れません: 令和8年度の在宅医療・介護連携推進事業の記録がありません。年度を確かめるか、台帳で入力してください。' +
          '（これらの帳票を一式から外すと、ほかの帳票は作れます）',
      },
    });
    expect(fs.existsSync(outDir)).toBe(false);
    await core.close();
  });

  it('writes the pack without a browser: the cover, then each report numbering its own pages', async () => {
    const core = await demoCore();
    const outDir = path.join(tempDir(), 'pack');
    const reports = ['summary', 'masters.linkage'];
    const result = await core.call('report.pack', { fy: 2023, reports, outDir, date: '2024-04-01' });
    const pdf = fs.readFileSync(result.files.find((f) => f.fileName.endsWith('.pdf'))!.path);
    const read = await readPdf(pdf);
    const [summary, linkage] = result.contents;
    expect(summary).toMatchObject({ name: 'summary', firstPage: 2 });
    expect(linkage).toMatchObject({ name: 'masters.linkage', firstPage: 2 + summary!.pages });
    expect(read.pages).toHaveLength(1 + summary!.pages + linkage!.pages);
    // The cover lists where each starts, as the pages are.
    expect(read.pages[0]!.text).toContain('令和5年度 提出資料の送付について');
    expect(read.pages[0]!.text).toContain(`${linkage!.firstPage}〜${linkage!.firstPage + linkage!.pages - 1}`);
    expect(read.pages[linkage!.firstPage - 1]!.text).toContain('在宅医療・介護連携推進事業の実施状況');
    expect(read.pages[linkage!.firstPage - 1]!.text.split('\n').at(-1)).toBe(`1 / ${linkage!.pages}`);
    expect(read.outline).toHaveLength(3);
    expect(read.outline[0]).toBe('令和5年度 提出資料の送付について');
    expect(read.outline[2]).toBe('在宅医療・介護連携推進事業の実施状況');
    expect(result.missingCharacters).toEqual([]);
    expect(result.warnings).toEqual([]);
    await core.close();
  });

  it('tells which characters of which report print as 〓, in the result and the manifest', async () => {
    const core = await demoCore();
    // 𰻞 (biangbiang) is in no font the app ships; 鷗 and 葛󠄀 (with its variation selector) print as written.
    await core.call('settings.update', { personInCharge: '地域医療政策課 𰻞田 鷗 葛\u{E0100}西' });
    const outDir = path.join(tempDir(), 'pack');
    const result = await core.call('report.pack', { fy: 2023, reports: ['summary'], outDir, date: '2024-04-01' });
    expect(result.missingCharacters).toEqual(['𰻞']);
    // Which characters, where (the PDF's page, the text that holds them, as printed), and what to do.
    expect(result.warnings).toEqual([
      '「令和5年度 提出資料の送付について」の PDF 1ページ目、「（担当：地域医療政策課 𰻞田 鷗 葛西）」の「𰻞」は、アプリのフォントにない字のため 〓 と印刷されています。元の入力（提出者・担当者・宛先は設定画面、名称は台帳）でこの字を一般的な字体かかなに置き換えてから、もう一度作成してください。',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
    expect(manifest.missingCharacters).toEqual(['𰻞']);
    const read = await readPdf(fs.readFileSync(result.files.find((f) => f.fileName.endsWith('.pdf'))!.path));
    expect(read.pages[0]!.text).toContain('地域医療政策課 〓田 鷗 葛西');
    await core.close();
  });
});

/** Each progress a job reports, in order, as the screen's polling would see it if it never missed one. */
function watchJob(core: Core, jobId: string, onReport: (label: string) => void = () => undefined): string[] {
  const seen: string[] = [];
  const start = core.jobs.start.bind(core.jobs);
  core.jobs.start = (id) => {
    const job = start(id);
    if (id !== jobId) return job;
    const report = job.report.bind(job);
    job.report = (label, done, total) => {
      seen.push(`${label} ${done}/${total}`);
      report(label, done, total);
      onReport(label);
    };
    return job;
  };
  return seen;
}

describe('the pack as a job', () => {
  const picked = ['summary', 'masters.linkage', 'masters.designations.byArea'];

  it('reports each report as it is made, in the order of the list, then the print', async () => {
    const core = await demoCore();
    const titles = new Map((await core.call('report.list', {})).map((r) => [r.name, r.title]));
    const seen = watchJob(core, 'pack-1');
    const result = await core.dispatch(
      'report.pack',
      { fy: 2023, reports: picked, outDir: path.join(tempDir(), 'pack') },
      { jobId: 'pack-1' },
    );
    expect(result).toMatchObject({ ok: true });
    expect(seen.filter((s) => !s.startsWith('内容を') && !s.startsWith('ほかの'))).toEqual([
      `1 / 3 帳票（いま: ${titles.get('summary')}） 0/4`,
      `2 / 3 帳票（いま: ${titles.get('masters.linkage')}） 1/4`,
      `3 / 3 帳票（いま: ${titles.get('masters.designations.byArea')}） 2/4`,
      '3 / 3 帳票（いま: 表紙と目次をつけて PDF・Excel にまとめています） 3/4',
    ]);
    await core.close();
  });

  it('stops a pack cancelled while it reads the reports, before it writes anything or records a pack', async () => {
    const core = await demoCore();
    // 中止 pressed as the second report is being read.
    const seen = watchJob(core, 'pack-3', (label) => label.startsWith('2 / 3') && core.jobs.cancel('pack-3'));
    const parent = tempDir();
    const packing = core.dispatch('report.pack', { fy: 2023, reports: picked, outDir: path.join(parent, 'pack') }, { jobId: 'pack-3' });
    expect(await packing).toEqual({ ok: false, error: { code: 'refused', message: JOB_CANCELLED_MESSAGE } });
    expect(seen.at(-1)).toMatch(/^2 \/ 3 帳票/);
    // No folder, and no pack in the 年度's list of packs made (the audit log's).
    expect(fs.readdirSync(parent)).toEqual([]);
    expect(await core.call('report.packs', { fy: 2023 })).toEqual([]);
    await core.close();
  });
});

describe('a batch of letters as a job', () => {
  const letters = { name: 'subsidy.letter.application', fy: 2023, format: 'pdf' } as const;

  async function subsidyDemo() {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'letters.sqlite'), osUser: 'tester' });
    await core.call('app.demo.load', {});
    const centers = (await core.call('subsidy.letters.data', { fiscalYear: 2023, kind: 'application' })).map((l) => l.center.name);
    return { core, centers };
  }

  it('counts each letter as it is made, in the order of the 台帳, then writes them without a browser', async () => {
    // The core has no printer: a print through one would be refused, and the batch with it.
    const { core, centers } = await subsidyDemo();
    const seen = watchJob(core, 'letters-1');
    const result = await core.dispatch('report.set', letters, { jobId: 'letters-1' });
    if (!result.ok) throw new Error(result.error.message);
    const made = result.value as RenderedReport;
    const n = centers.length;
    // The kernel's own (waiting for its turn, checking the input) aside, as the pack's test leaves them.
    expect(seen.filter((s) => !s.startsWith('内容を') && !s.startsWith('ほかの'))).toEqual([
      '交付申請書を作成しています undefined/undefined',
      ...centers.map((name, i) => `${i + 1} / ${n} 通（いま: ${name}） ${i}/${n + 1}`),
      `${n} / ${n} 通（いま: PDF にまとめています） ${n}/${n + 1}`,
    ]);
    // Each 申請書 its two pages, numbered on their own 「1 / 2」「2 / 2」, its center named on its first.
    const pdf = await readPdf(Buffer.from(made.data, 'base64'));
    expect(made.pages).toBe(2 * n);
    expect(pdf.pages).toHaveLength(2 * n);
    pdf.pages.forEach((page, p) => expect(page.text.split('\n').at(-1)).toBe(`${(p % 2) + 1} / 2`));
    expect(pdf.pages.filter((_, p) => p % 2 === 0).map((page) => centers.find((name) => page.text.includes(name)))).toEqual(centers);
    await core.close();
  });

  it('tells where the letters print a character as 〓, once for the whole set', async () => {
    const { core } = await subsidyDemo();
    // 𰻞 (biangbiang) is in no font the app ships. Typed into the 知事's name, it goes onto every 申請書's 宛先; into a
    // 医師会's 会長, onto that center's 申請書 alone.
    const biang = String.fromCodePoint(0x30ede);
    const [first, second] = await core.call('subsidy.letters.data', { fiscalYear: 2023, kind: 'application' });
    const association = second!.sender[0]!.split('　')[0]!;
    await core.call('settings.update', { governorName: `${biang}角　英世`, associationPresidents: { [association]: `${biang}田　太郎` } });
    const made = await core.call('report.set', { ...letters, centerIds: [first!.center.id, second!.center.id] });
    expect(made.missingCharacters).toEqual([biang]);
    const what =
      'は、アプリのフォントにない字のため 〓 と印刷されています。元の入力（提出者・担当者・宛先は設定画面、名称は台帳）でこの字を一般的な字体かかなに置き換えてから、もう一度作成してください。';
    // One paragraph for the set: both letters' pages, the texts in the order the letters print them.
    expect(made.warnings).toEqual([
      `「令和5年度新潟県在宅医療推進センター整備事業補助金交付申請書」の PDF 1・3ページ目、「新潟県知事　${biang}角　英世　様」、「${association}　会長　${biang}田　太郎」の「${biang}」${what}`,
    ]);
    // What it names is what the PDF has: 〓 on the two letters' first pages, in those lines.
    const pdf = await readPdf(Buffer.from(made.data, 'base64'));
    // (The text read back has the 全角 spaces as half-width ones.)
    expect(pdf.pages[0]!.text).toContain('新潟県知事 〓角 英世 様');
    expect(pdf.pages[2]!.text).toContain(`${association} 会長 〓田 太郎`);
    // The workbook: Excel draws the character with the system's fonts, nothing to tell.
    const book = await core.call('report.set', { ...letters, centerIds: [first!.center.id], format: 'xlsx' });
    expect(book.warnings).toEqual([]);
    await core.close();
  });

  it('tells where a single report’s PDF prints a character as 〓, and says nothing of its workbook', async () => {
    const { core } = await subsidyDemo();
    // 𰻞 typed into a center's name in the 台帳: the 交付状況一覧 lists it.
    const biang = String.fromCodePoint(0x30ede);
    const [center] = await core.call('masters.centers.list', { fiscalYear: 2023 });
    const { operatorName: _o, entrustingCodes: _e, ...saved } = center!;
    await core.call('masters.centers.save', { ...saved, name: `${biang}川地域在宅医療推進センター` });
    const request = { name: 'subsidy.year', params: { fy: 2023, date: '2024-03-31' } } as const;
    const made = await core.call('report.render', { ...request, format: 'pdf' });
    expect(made.missingCharacters).toEqual([biang]);
    expect(made.warnings).toEqual([
      `「交付状況一覧」の PDF 1ページ目、「${biang}川地域在宅医療推進センター」の「${biang}」は、アプリのフォントにない字のため 〓 と印刷されています。元の入力（提出者・担当者・宛先は設定画面、名称は台帳）でこの字を一般的な字体かかなに置き換えてから、もう一度作成してください。`,
    ]);
    expect((await readPdf(Buffer.from(made.data, 'base64'))).pages[0]!.text).toContain('〓川地域在宅医療推進センター');
    const book = await core.call('report.render', { ...request, format: 'xlsx' });
    expect(book).toMatchObject({ missingCharacters: [], warnings: [] });
    await core.close();
  });

  it('stops a batch cancelled while it makes the letters, before it puts them into a PDF or a workbook', async () => {
    const { core, centers } = await subsidyDemo();
    // 中止 pressed as the third letter is being made.
    const seen = watchJob(core, 'letters-3', (label) => label.startsWith('3 / ') && core.jobs.cancel('letters-3'));
    for (const format of ['pdf', 'xlsx'] as const) {
      const from = seen.length;
      const result = await core.dispatch('report.set', { ...letters, format }, { jobId: 'letters-3' });
      expect(result).toEqual({ ok: false, error: { code: 'refused', message: JOB_CANCELLED_MESSAGE } });
      // Its progress the first three letters and no more: neither the other letters nor the step that writes the file.
      expect(seen.slice(from).filter((s) => s.includes(' 通'))).toEqual(
        centers.slice(0, 3).map((name, i) => `${i + 1} / ${centers.length} 通（いま: ${name}） ${i}/${centers.length + 1}`),
      );
    }
    await core.close();
  });
});
