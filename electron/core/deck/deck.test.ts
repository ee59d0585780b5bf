/**
 * Decks saved, reordered and undone with their audit entries; handouts laid 1,
 * 2 and 4 to a sheet; and the read-only meeting copy: its mark, what it leaves
 * out, and the kernel refusing every mutation the contract declares.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { type OpName, operations } from '@shared/contract';
import type { SlideInput } from '@shared/contract/deck';
import type { PrintJob } from '@shared/report/print';
import { displayWidth } from '@shared/text/width';
import { engines } from '@tests/support/engines';
import { readPdf } from '@tests/support/pdf';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import type { Printer } from '../kernel/printer';
import { cellLayout, NOTE_LINE_GAP_MM, sheetCells } from './handout';

const FIVE: SlideInput[] = [
  { kind: 'text', title: '議題', lines: ['基金の執行状況', '補助金の交付状況', '調査の結果'] },
  { kind: 'block', block: 'fund.execution', fiscalYear: 2023 },
  { kind: 'block', block: 'subsidy.year', fiscalYear: 2023 },
  { kind: 'block', block: 'survey.staffing' },
  { kind: 'text', title: '決定事項', lines: ['次回は令和6年5月に開催する'] },
];

describe('decks', () => {
  for (const engine of engines()) {
    it(`saves a deck, reorders its slides, audits both and undoes the reorder (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tanaka', now: () => new Date('2024-02-15T01:00:00Z') });
      const saved = await core.call('deck.save', { title: '第3回 運営会議', slides: FIVE.slice(0, 2) });
      expect(saved).toMatchObject({ title: '第3回 運営会議', meetingId: null, slides: 2 });
      expect(saved.content.map((s) => s.kind)).toEqual(['text', 'block']);

      const bodyId = (await core.call('meeting.bodies.list', {})).find((b) => b.name === '運営会議')!.id;
      const meeting = await core.call('meeting.save', { bodyId, number: 3, fiscalYear: 2023, heldOn: '2024-02-20' });
      const reordered = await core.call('deck.save', {
        id: saved.id,
        title: '第3回 運営会議',
        meetingId: meeting.id,
        slides: [FIVE[1]!, FIVE[0]!],
      });
      expect(reordered.content.map((s) => s.kind)).toEqual(['block', 'text']);
      expect(reordered.meeting).toEqual({
        id: meeting.id,
        title: '第3回 運営会議（令和6年2月20日）',
        fiscalYear: 2023,
        heldOn: '2024-02-20',
      });
      const listed = {
        id: saved.id,
        title: '第3回 運営会議',
        meetingId: meeting.id,
        meeting: reordered.meeting,
        slides: 2,
        updatedAt: '2024-02-15T01:00:00.000Z',
      };
      expect(await core.call('deck.list', {})).toEqual([listed]);
      expect(await core.call('deck.list', { meetingId: meeting.id })).toEqual([listed]);

      const audit = await core.call('audit.list', { entity: 'deck' });
      expect(audit.entries.map((e) => e.operation)).toEqual(['deck.save', 'deck.save']);
      const latest = audit.entries[0]!;
      expect((latest.before as { slides: { kind: string }[] }).slides.map((s) => s.kind)).toEqual(['text', 'block']);
      expect((latest.after as { slides: { kind: string }[] }).slides.map((s) => s.kind)).toEqual(['block', 'text']);

      // 元に戻す runs on the SQLite engine only, so far (kernel/journal.ts).
      if (engine.name === 'sqlite') {
        await core.call('app.undo', {});
        const back = await core.call('deck.get', { id: saved.id });
        expect(back.content.map((s) => s.kind)).toEqual(['text', 'block']);
        expect(back.meetingId).toBeNull();
      }
    });

    it(`lists a meeting's decks on its own, refuses an unknown meeting, and keeps a deck whose meeting is deleted (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tanaka', now: () => new Date('2024-02-15T01:00:00Z') });
      const bodyId = (await core.call('meeting.bodies.list', {})).find((b) => b.name === '運営会議')!.id;
      const first = await core.call('meeting.save', { bodyId, number: 1, fiscalYear: 2023, heldOn: '2023-05-16' });
      const second = await core.call('meeting.save', { bodyId, number: 2, fiscalYear: 2023, heldOn: '2023-08-29' });
      const a = await core.call('deck.save', { title: '第1回の資料', meetingId: first.id, slides: FIVE.slice(0, 1) });
      await core.call('deck.save', { title: '第2回の資料', meetingId: second.id, slides: FIVE.slice(0, 1) });
      await core.call('deck.save', { title: '会議なしの資料', slides: [] });
      expect((await core.call('deck.list', { meetingId: first.id })).map((d) => d.title)).toEqual(['第1回の資料']);
      expect((await core.call('deck.list', {})).map((d) => d.title).sort()).toEqual(['会議なしの資料', '第1回の資料', '第2回の資料']);

      const unknown = await core.dispatch('deck.save', { title: 'x', meetingId: 99_999, slides: [] });
      expect(unknown).toMatchObject({
        ok: false,
        error: { code: 'validation', path: ['meetingId'], message: expect.stringContaining('指定された会議（id 99999）はありません') },
      });

      await core.call('meeting.delete', { id: first.id });
      expect(await core.call('deck.get', { id: a.id })).toMatchObject({ title: '第1回の資料', meetingId: null, meeting: null, slides: 1 });
      expect(await core.call('deck.list', { meetingId: first.id })).toEqual([]);
    });
  }

  it('refuses a block the registry does not have, naming the field', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'deck.sqlite') });
    await expect(core.call('deck.save', { title: 'x', slides: [{ kind: 'block', block: 'no.such' }] })).rejects.toMatchObject({
      code: 'validation',
      message: '「no.such」という集計はスライドにできません。一覧から選び直してください。',
    });
    await core.close();
  });

  it('names the slide in each refusal about one, at the path of its field', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'deck.sqlite') });
    const blank: SlideInput = { kind: 'text', title: '', lines: [] };
    const refusal = core.call('deck.save', {
      title: '第3回 運営会議',
      slides: [blank, FIVE[1]!, { ...blank, lines: ['あ'.repeat(81)], notes: 'メ'.repeat(401) }, { kind: 'block', block: '' }],
    });
    await expect(refusal).rejects.toMatchObject({
      code: 'validation',
      message: '1枚目のスライドの見出しを入力してください',
      path: ['slides', 0, 'title'],
      issues: [
        { path: ['slides', 0, 'title'], message: '1枚目のスライドの見出しを入力してください' },
        { path: ['slides', 2, 'title'], message: '3枚目のスライドの見出しを入力してください' },
        { path: ['slides', 2, 'lines', 0], message: '3枚目のスライドの箇条書きは1行80文字以内で入力してください' },
        { path: ['slides', 2, 'notes'], message: '3枚目のスライドのメモは400文字以内で入力してください' },
        { path: ['slides', 3, 'block'], message: '4枚目のスライドの集計を選んでください' },
      ],
    });
    // The editor's preview shows one slide, not a deck: the slide is the one on screen.
    await expect(core.call('deck.preview', { slide: { ...blank, title: '見'.repeat(41) } })).rejects.toMatchObject({
      message: 'このスライドの見出しは40文字以内で入力してください',
    });
    await core.close();
  });

  it('titles every block slide on one line of the stage (a 64-pixel title over its 1728 pixels holds 26 全角)', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'deck.sqlite') });
    const long = (await core.call('deck.blocks', {})).filter((b) => displayWidth(b.label) > 52).map((b) => b.label);
    expect(long).toEqual([]);
    await core.close();
  });

  it('names each function on the designations slide beside its count of institutions, as the report counts them', async () => {
    // The demo's designations start on 令和6年4月1日.
    const core = await Core.open({ dbPath: path.join(tempDir(), 'deck.sqlite'), now: () => new Date('2024-06-03T01:00:00Z') });
    await core.call('app.demo.load', {});
    const shown = await core.call('deck.preview', { slide: { kind: 'block', block: 'masters.designations' } });
    const [table] = shown.blocks;
    if (table?.type !== 'table') throw new Error('the slide shows no table');
    expect(table.columns.map((c) => c.header)).toEqual(['在宅医療の機能', '医療機関数']);
    // The report's 「計」 rows, one a function in ①〜⑤'s order, each with its count.
    const report = await core.call('report.doc', { name: 'masters.designations.byFunction', params: {} });
    const reportTable = report.blocks.find((b) => b.type === 'table');
    const counts =
      reportTable?.type === 'table' ? reportTable.rows.filter((r) => r.kind === 'subtotal').map((r) => r.cells.institution) : [];
    expect(table.rows.map((r) => [r.cells.function, r.cells.institution])).toEqual([
      ['①医師不在時・急変時等の診療の支援', counts[0]],
      ['②必要な医療・介護・障害福祉サービスの確保の働きかけ', counts[1]],
      ['③地域包括支援センター等と協働したサービスの紹介', counts[2]],
      ['④臨床研修（地域医療研修）の機会の確保', counts[3]],
      ['⑤災害時等の医療提供計画の策定', counts[4]],
    ]);
    expect(counts).toEqual(['8 機関', '8 機関', '8 機関', '2 機関', '4 機関']);
    await core.close();
  });

  it('shows a block slide with the report’s own figures, and says why when a year has none', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'deck.sqlite'), now: () => new Date('2024-02-15T01:00:00Z') });
    await core.call('app.demo.load', {});
    const { id } = await core.call('deck.save', {
      title: '運営会議',
      slides: [FIVE[1]!, { kind: 'block', block: 'fund.execution', fiscalYear: 2019 }],
    });
    const first = await core.call('deck.slide', { id, index: 0 });
    expect(first).toMatchObject({ index: 0, count: 2, slide: { title: '基金の執行状況（区分ごとのグラフ）', subtitle: '令和5年度' } });
    // The same 執行額 the home page and fund.year show: 144,685,000円 (home.test.ts).
    const figures = first.slide.blocks.find((b) => b.type === 'figures');
    expect(figures?.type === 'figures' && figures.items.map((i) => i.value)).toEqual([
      297_386_000,
      144_685_000,
      { numerator: 144_685_000, denominator: 297_386_000 },
    ]);
    expect(first.slide.blocks.map((b) => b.type)).toEqual(['figures', 'chart']);
    const empty = await core.call('deck.slide', { id, index: 1 });
    expect(empty.slide.blocks).toEqual([]);
    expect(empty.slide.problem).toContain('令和元年度');
    await expect(core.call('deck.slide', { id, index: 2 })).rejects.toMatchObject({ code: 'not_found' });

    // The demo's deck, saved with the year's last 運営会議: its agenda and decisions, and live blocks that all have figures.
    const [demo] = await core.call('deck.list', { meetingId: (await core.call('meeting.list', { fiscalYear: 2023 }))[5]!.id });
    expect(demo).toMatchObject({ title: '令和5年度 第4回 在宅医療推進センター運営会議', slides: 5 });
    expect(demo!.meeting?.title).toBe('第4回 運営会議（令和6年2月27日）');
    const shown = await Promise.all([0, 1, 2, 3, 4].map((index) => core.call('deck.slide', { id: demo!.id, index })));
    expect(shown.map((s) => s.slide.title)).toEqual([
      '本日の議題',
      '基金の執行状況（区分ごとのグラフ）',
      '補助金の交付状況',
      '在宅医療推進センターの活動実績（相談者別）',
      'ご確認いただきたいこと',
    ]);
    expect(shown[0]!.slide.lines).toEqual(['1. 令和5年度の活動報告（見込み）について', '2. 令和6年度の活動計画の作成について']);
    expect(shown[4]!.slide.lines).toEqual(['令和6年度の活動計画書は4月19日までに提出する。']);
    expect(shown.every((s) => s.slide.problem === undefined)).toBe(true);
    // The activity slide's figures are the printed report's own.
    const activity = await core.call('report.doc', { name: 'survey.activity', params: { fy: 2023 } });
    expect(shown[3]!.slide.blocks[0]).toEqual(activity.blocks.find((b) => b.type === 'figures'));
    expect(shown[3]!.slide.blocks.map((b) => b.type)).toEqual(['figures', 'chart']);
    await core.close();
  }, 120_000);
});

/** A printer port making one real landscape page per slide, its number written on it. */
function slidePrinter(): Printer {
  return {
    async print(job: PrintJob) {
      const pdf = await PDFDocument.create();
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      for (const doc of job.docs) {
        pdf.addPage([842, 595]).drawText(`slide ${doc.params.slide} dated ${doc.header.date}`, { x: 200, y: 300, size: 28, font });
      }
      return { pdf: Buffer.from(await pdf.save()), outcome: { charts: [] } };
    },
    async close() {},
  };
}

describe('handouts', () => {
  it('lays 5 slides on 5, 3 and 2 A4 sheets at 1, 2 and 4 a sheet, numbered', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'deck.sqlite'), now: () => new Date('2024-02-15T01:00:00Z') });
    core.usePrinter(slidePrinter());
    const texts = FIVE.map((_, i): SlideInput => ({ kind: 'text', title: `議題${i + 1}`, lines: [] }));
    const { id } = await core.call('deck.save', { title: '第3回 運営会議', slides: texts });
    for (const [perPage, sheets] of [
      [1, 5],
      [2, 3],
      [4, 2],
    ] as const) {
      const out = await core.call('deck.handout', { id, perPage, noteLines: perPage === 2 });
      expect(out.pages).toBe(sheets);
      expect(out.fileName).toBe(`第3回運営会議_配布資料_${perPage}枚割付_2024-02-15.pdf`);
      const pdf = await readPdf(Buffer.from(out.data, 'base64'));
      expect(pdf.pages).toHaveLength(sheets);
      // A4 portrait, each sheet numbered 「n / N」, the slides in order on them.
      expect(pdf.pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual(Array(sheets).fill([595, 842]));
      expect(pdf.pages.map((p, i) => p.text.includes(`${i + 1} / ${sheets}`))).toEqual(Array(sheets).fill(true));
      const onSheets = pdf.pages.map((p) => [...p.text.matchAll(/slide (\d)/g)].map((m) => Number(m[1])));
      expect(onSheets).toEqual({ 1: [[1], [2], [3], [4], [5]], 2: [[1, 2], [3, 4], [5]], 4: [[1, 2, 3, 4], [5]] }[perPage]);
    }
    await core.close();
  });

  it('dates the slides of a meeting’s deck the day of the meeting, and those of a deck for no meeting the day they print', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'deck.sqlite'), now: () => new Date('2024-02-15T01:00:00Z') });
    core.usePrinter(slidePrinter());
    const bodyId = (await core.call('meeting.bodies.list', {})).find((b) => b.name === '運営会議')!.id;
    const meeting = await core.call('meeting.save', { bodyId, number: 4, fiscalYear: 2023, heldOn: '2024-02-27' });
    const texts = FIVE.slice(0, 2).map((_, i): SlideInput => ({ kind: 'text', title: `議題${i + 1}`, lines: [] }));
    const forMeeting = await core.call('deck.save', { title: '第4回の資料', meetingId: meeting.id, slides: texts });
    const forNone = await core.call('deck.save', { title: '勉強会の資料', slides: texts });
    const dates = async (id: number) => {
      const out = await core.call('deck.handout', { id, perPage: 4, noteLines: false });
      const [sheet] = (await readPdf(Buffer.from(out.data, 'base64'))).pages;
      return [...sheet!.text.matchAll(/dated ([\d-]+)/g)].map((m) => m[1]);
    };
    expect(await dates(forMeeting.id)).toEqual(['2024-02-27', '2024-02-27']);
    expect(await dates(forNone.id)).toEqual(['2024-02-15', '2024-02-15']);
    await core.close();
  });

  it('puts each slide at the top of its cell with room for at least 7 note lines beside or under it, inside the cell', () => {
    for (const perPage of [1, 2, 4] as const) {
      for (const cell of sheetCells(perPage)) {
        const { slide, notes } = cellLayout(cell, true);
        expect(slide.y + slide.height).toBeCloseTo(cell.y + cell.height, 6);
        expect(slide.x).toBeGreaterThanOrEqual(cell.x);
        expect(slide.x + slide.width).toBeLessThanOrEqual(cell.x + cell.width + 1e-9);
        expect(notes!.y).toBeGreaterThanOrEqual(cell.y);
        expect(notes!.x + notes!.width).toBeLessThanOrEqual(cell.x + cell.width + 1e-9);
        // Beside the slide (2 a sheet) or wholly under it (1 and 4 a sheet).
        if (perPage === 2) expect(notes!.x).toBeGreaterThan(slide.x + slide.width);
        else expect(notes!.y + notes!.height).toBeLessThan(slide.y);
        expect(Math.floor(notes!.height / NOTE_LINE_GAP_MM)).toBeGreaterThanOrEqual(7);
      }
      // Without notes the slide fills the cell's width at its top.
      const [first] = sheetCells(perPage);
      const bare = cellLayout(first!, false);
      expect(bare.notes).toBeNull();
      expect(bare.slide.y + bare.slide.height).toBeCloseTo(first!.y + first!.height, 6);
    }
  });
});

describe('the read-only meeting copy', () => {
  async function demoWithCopy(leaveOut: 'institution_answers'[] = []) {
    const dir = tempDir();
    const core = await Core.open({
      dbPath: path.join(dir, 'renkei.sqlite'),
      osUser: 'tanaka',
      now: () => new Date('2024-02-15T01:00:00Z'),
    });
    await core.call('app.demo.load', {});
    const copyPath = path.join(dir, '会議用.sqlite');
    const result = await core.call('deck.meetingCopy', { path: copyPath, leaveOut });
    return { core, copyPath, result };
  }

  it('is marked inside with its date, refuses every mutation of the contract, and leaves the original writable', async () => {
    const { core, copyPath, result } = await demoWithCopy();
    expect(result).toMatchObject({ path: copyPath, asOf: '2024-02-15', leftOut: [] });
    expect(fs.statSync(copyPath).size).toBe(result.sizeBytes);
    expect(core.databaseInfo().readOnlyCopy).toBeNull();

    const copy = await Core.open({ dbPath: copyPath, osUser: 'suzuki', now: () => new Date('2024-03-01T01:00:00Z') });
    expect(copy.databaseInfo().readOnlyCopy).toEqual({
      asOf: '2024-02-15',
      takenAt: '2024-02-15T01:00:00.000Z',
      source: 'renkei.sqlite',
      leftOut: [],
    });
    const message =
      'このファイルは会議用の閲覧専用コピー（令和6年2月15日時点）のため、変更できません。変更は元のデータベース（renkei.sqlite）を開いて行ってください。';
    const mutations = (Object.keys(operations) as OpName[]).filter((n) => operations[n].kind === 'mutation');
    expect(mutations.length).toBeGreaterThan(40);
    for (const name of mutations) {
      const result = await copy.dispatch(name, {});
      expect(result, name).toEqual({ ok: false, error: { code: 'refused', message } });
    }
    // Nothing written: the copy's audit log is the original's less the entry recording the copy, and no backup appeared beside it.
    const copied = await core.call('audit.list', { limit: 1 });
    expect(copied.entries[0]).toMatchObject({ operation: 'deck.meetingCopy', entity: 'database', entityId: 'renkei.sqlite' });
    expect((await copy.call('audit.list', {})).total).toBe(copied.total - 1);
    await expect(copy.call('backup.restore', { name: '20240215T010000000Z-daily.sqlite' })).rejects.toMatchObject({ message });
    expect(fs.existsSync(path.join(path.dirname(copyPath), '会議用-backups'))).toBe(false);
    // Every report and deck still reads.
    expect((await copy.call('report.doc', { name: 'subsidy.year', params: { fy: 2023 } })).blocks.length).toBeGreaterThan(0);
    await copy.close();
    await core.close();
  }, 180_000);

  it('refuses a file that is already there, leaving it as it was (another database, an earlier copy)', async () => {
    const dir = tempDir();
    const core = await Core.open({ dbPath: path.join(dir, 'renkei.sqlite'), osUser: 'tanaka' });
    const other = path.join(dir, 'other.sqlite');
    fs.writeFileSync(other, 'another database');
    await expect(core.call('deck.meetingCopy', { path: other, leaveOut: [] })).rejects.toMatchObject({
      code: 'validation',
      message: `「${other}」はすでにあります。上書きはしません。別のファイル名を指定してください。`,
    });
    expect(fs.readFileSync(other, 'utf8')).toBe('another database');
    await core.close();
  });

  it('can leave out institution-level survey answers, keeping the centers’ own', async () => {
    const { core, copyPath, result } = await demoWithCopy(['institution_answers']);
    expect(result.leftOut).toEqual(['institution_answers']);
    const answersByKind = async (c: Core) =>
      Object.fromEntries(
        (
          await c.database
            .selectFrom('surveyAnswer as a')
            .innerJoin('surveyRound as r', 'r.id', 'a.roundId')
            .innerJoin('surveyDefinitionVersion as v', 'v.id', 'r.versionId')
            .select(['v.targetKind', (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy('v.targetKind')
            .execute()
        ).map((r) => [r.targetKind, Number(r.n)]),
      );
    // The demo: 16 centers answered the staffing survey, and the centers' monthly activity; 640 + the earlier round's
    // clinics answered theirs (home.test.ts).
    const original = await answersByKind(core);
    expect(original.center).toBeGreaterThan(16);
    expect(original.institution).toBeGreaterThanOrEqual(640);
    const copy = await Core.open({ dbPath: copyPath });
    expect(await answersByKind(copy)).toEqual({ center: original.center });
    expect(copy.databaseInfo().readOnlyCopy?.leftOut).toEqual(['institution_answers']);
    await copy.close();
    expect(await answersByKind(core)).toEqual(original);
    await core.close();
  }, 180_000);
});
