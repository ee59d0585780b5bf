import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import { writeXlsx } from '@core/tabular/write';
import type { SurveyFilePreview } from '@shared/contract/survey-io';
import { ACTIVITY_DEFINITIONS } from '@shared/survey/activity';
import { tempDir } from '@tests/support/tmp';

const NOW = new Date('2026-11-23T10:00:00+09:00');
// Loaded once and copied for each test: tempDir() folders go after each test, so this one is kept until all are done.
const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-survey-forms-'));
const template = path.join(templateDir, 'demo.sqlite');
afterAll(() => fs.rmSync(templateDir, { recursive: true, force: true }));

beforeAll(async () => {
  const core = await Core.open({ dbPath: template, osUser: 'tester', now: () => NOW });
  await core.call('app.demo.load', {});
  await core.close();
}, 120_000);

/** The demo prefecture, copied fresh for each test. */
async function demoCore(): Promise<Core> {
  const dbPath = path.join(tempDir(), 'survey.sqlite');
  fs.copyFileSync(template, dbPath);
  return Core.open({ dbPath, osUser: 'tester', now: () => NOW });
}

/** The year's round of the seed-000 surveys (the demo's monthly センター活動実績 rounds share the years). */
async function roundOf(core: Core, fiscalYear: number) {
  const activity = new Set(ACTIVITY_DEFINITIONS.map((d) => d.definition.name));
  const summary = (await core.call('survey.rounds.list', {})).find((r) => r.fiscalYear === fiscalYear && !activity.has(r.definitionName))!;
  return core.call('survey.rounds.get', { id: summary.id });
}

async function open(data: string | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(typeof data === 'string' ? Buffer.from(data, 'base64') : data).buffer);
  return workbook;
}

async function saved(workbook: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const text = (cell: ExcelJS.Cell) => String(cell.value ?? '');

/** The 回答 cell beside a question, found the way a person would: by reading the 設問 column. */
function answerFor(workbook: ExcelJS.Workbook, label: string, option?: string): ExcelJS.Cell {
  const sheet = workbook.getWorksheet('回答')!;
  for (let row = 1; row <= sheet.rowCount; row += 1) {
    if (!text(sheet.getCell(row, 2)).startsWith(label)) continue;
    if (option === undefined) return sheet.getCell(row, 3);
    for (let r = row + 1; r <= sheet.rowCount; r += 1) if (text(sheet.getCell(r, 2)) === option) return sheet.getCell(r, 3);
  }
  throw new Error(`no question ${label} ${option ?? ''}`);
}

/** A roster cell: the entry's row (1-based) under the column whose head starts with `header`. */
function rosterCell(workbook: ExcelJS.Workbook, entry: number, header: string): ExcelJS.Cell {
  const sheet = workbook.getWorksheet('配置職員')!;
  for (let col = 1; col <= sheet.columnCount; col += 1)
    if (text(sheet.getCell(3, col)).startsWith(header)) return sheet.getCell(4 + entry, col);
  throw new Error(`no column ${header}`);
}

type Roster = [
  job: string,
  employment: string,
  fte: number | string,
  role: string,
  hire?: string,
  previousJob?: string,
  qualification?: string,
][];

function fillRoster(workbook: ExcelJS.Workbook, rows: Roster, from = 1): void {
  rows.forEach(([job, employment, fte, role, hire, previousJob, qualification], i) => {
    const entry = from + i;
    rosterCell(workbook, entry, '職種').value = job;
    rosterCell(workbook, entry, '勤務形態').value = employment;
    rosterCell(workbook, entry, '常勤換算').value = fte;
    rosterCell(workbook, entry, '役割').value = role;
    if (hire) rosterCell(workbook, entry, '採用区分').value = hire;
    if (previousJob) rosterCell(workbook, entry, '前職').value = previousJob;
    if (qualification) rosterCell(workbook, entry, '保有資格').value = qualification;
  });
}

const KIKAN = '新潟県医師会在宅医療推進センター';

/** The 基幹 center's blank form (it has not answered the demo round). */
async function kikanForm(core: Core) {
  const round = await roundOf(core, 2023);
  const target = round.targets.find((t) => t.name === KIKAN)!;
  const form = await core.call('survey.forms.file', { roundId: round.id, targetId: target.id });
  return { round, target, form, workbook: await open(form.data) };
}

function at(preview: SurveyFilePreview, severity: 'errors' | 'warnings') {
  return preview[severity].map((p) => [p.sheet, p.cell]);
}

describe('forms out', () => {
  it('writes one locked, validated form per center of 令和5年度 into one zip, pre-filled with what each sent, and marks them sent', async () => {
    const core = await demoCore();
    const round = await roundOf(core, 2023);
    const out = await core.call('survey.forms.zip', { roundId: round.id });
    expect(out.file).toMatchObject({ fileName: 'センター人員配置状況調査_令和5年度_調査票.zip', mimeType: 'application/zip' });
    expect(out.files).toHaveLength(17);
    expect(out.sentOn).toBe('2026-11-23');
    const zip = await JSZip.loadAsync(Buffer.from(out.file.data, 'base64'));
    expect(Object.keys(zip.files).sort()).toEqual(out.files.map((f) => f.fileName).sort());
    expect(out.files.find((f) => f.targetName === KIKAN)).toMatchObject({
      fileName: `センター人員配置状況調査_令和5年度_${KIKAN}.xlsx`,
      prefill: null,
    });
    expect(out.files.filter((f) => f.prefill?.kind === 'current')).toHaveLength(16);

    const answered = out.files.find((f) => f.prefill?.kind === 'current')!;
    const stored = (await core.call('survey.answers.get', { roundId: round.id, targetId: answered.targetId })).current!.answers;
    const workbook = await open(await zip.file(answered.fileName)!.async('nodebuffer'));
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['記入方法', 'visible'],
      ['回答', 'visible'],
      ['配置職員', 'visible'],
      ['_renkei', 'veryHidden'],
    ]);
    const sheet = workbook.getWorksheet('回答')!;
    expect(text(sheet.getCell('C4'))).toBe(answered.targetName);
    expect(sheet.getCell('C4').protection?.locked).not.toBe(false);
    expect((sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const director = answerFor(workbook, 'センター長の医師会内役職');
    expect(director.address).toBe('C9');
    expect(director.protection).toMatchObject({ locked: false });
    expect(director.dataValidation).toMatchObject({ type: 'list', formulae: ["'_renkei'!$D$1:$D$6"] });
    const hidden = workbook.getWorksheet('_renkei')!;
    expect([1, 2, 3, 4, 5, 6].map((r) => text(hidden.getCell(r, 4)))).toEqual(['会長', '副会長', '理事', '顧問', '病院医師', 'その他']);
    const labels: Record<string, string> = {
      chairman: '会長',
      vice_chairman: '副会長',
      director: '理事',
      adviser: '顧問',
      hospital_doctor: '病院医師',
    };
    expect(text(director)).toBe(labels[stored.director_post as string]);

    // The roster: 20 numbered rows, pre-filled with the stored staff, 常勤換算 as a decimal with its range.
    const staff = stored.staff as Record<string, unknown>[];
    expect(text(rosterCell(workbook, 1, '職種'))).toBe(
      { nurse: '看護師', public_health_nurse: '保健師', social_worker: '社会福祉士', care_manager: '介護支援専門員', clerk: '事務職' }[
        staff[0]!.job as string
      ],
    );
    const fte = rosterCell(workbook, 1, '常勤換算');
    expect(fte.value).toBe((staff[0]!.fte as number) / 100);
    expect(fte.numFmt).toBe('0.00');
    expect(fte.dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0.01, 2] });
    const roster = workbook.getWorksheet('配置職員')!;
    expect(text(roster.getCell('A24'))).toBe('20');
    expect(text(roster.getCell('A25'))).toBe('');
    expect(text(workbook.getWorksheet('記入方法')!.getCell('B1'))).toBe('センター人員配置状況調査　記入方法');

    const after = await core.call('survey.rounds.get', { id: round.id });
    expect(after.targets.every((t) => t.sentAt === '2026-11-23')).toBe(true);
    expect(after.tracker).toMatchObject({ sent: 17, label: '16 / 17 回答' });
    await core.close();
  });

  it('pre-fills a new round of the clinic survey with each clinic’s 令和4年度 answers, choices by label and multiple choices as ○', async () => {
    const core = await demoCore();
    const r4 = await roundOf(core, 2022);
    const doing = [];
    for (const t of r4.targets.filter((t) => t.status === 'valid')) {
      const answers = (await core.call('survey.answers.get', { roundId: r4.id, targetId: t.id })).current!.answers;
      if (answers.visits_now === 'both' && (answers.helps as string[] | undefined)?.length) doing.push({ target: t, answers });
      if (doing.length === 2) break;
    }
    const definitionId = r4.definitionId;
    const r6 = await core.call('survey.rounds.create', {
      definitionId,
      fiscalYear: 2024,
      referenceDate: '2024-10-01',
      targetIds: doing.map((d) => d.target.id),
    });
    const out = await core.call('survey.forms.zip', { roundId: r6.id, markSent: false });
    expect(out.sentOn).toBeNull();
    expect(out.files.map((f) => f.prefill)).toEqual([
      { kind: 'previous', roundId: r4.id, fiscalYear: 2022 },
      { kind: 'previous', roundId: r4.id, fiscalYear: 2022 },
    ]);
    const zip = await JSZip.loadAsync(Buffer.from(out.file.data, 'base64'));
    for (const { target, answers } of doing) {
      const file = out.files.find((f) => f.targetId === target.id)!;
      expect(file.fileName).toBe(`在宅医療提供体制に関する実態調査（診療所）_令和6年度_${target.name}.xlsx`);
      const workbook = await open(await zip.file(file.fileName)!.async('nodebuffer'));
      expect(text(answerFor(workbook, '訪問診療や往診を行っているか（現在）'))).toBe('両方');
      expect(answerFor(workbook, '訪問診療・往診を担当している医師数（60歳代）').value).toBe(answers.doctors_60s);
      expect(answerFor(workbook, '訪問診療・往診を担当している医師数（60歳代）').dataValidation).toMatchObject({
        type: 'whole',
        formulae: [0, 99],
      });
      expect(text(answerFor(workbook, '訪問診療の提供件数を増やすために', '薬局との連携'))).toBe(
        (answers.helps as string[]).includes('pharmacy') ? '○' : '',
      );
      expect(text(answerFor(workbook, '訪問診療の提供件数を増やすために', '訪問看護ステーションとの連携'))).toBe(
        (answers.helps as string[]).includes('nursing_station') ? '○' : '',
      );
      expect(answerFor(workbook, '訪問診療の提供件数を増やすために', '病院との連携').dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"○"'],
      });
    }
    expect((await core.call('survey.rounds.get', { id: r6.id })).tracker.sent).toBe(0);
    await core.close();
  });

  it('writes the forms into a new folder, refuses a folder that is not empty, and defaults to 調査票/ beside the database', async () => {
    const core = await demoCore();
    const round = await roundOf(core, 2023);
    const dir = path.join(tempDir(), '送付', '調査票');
    const written = await core.call('survey.forms.write', {
      roundId: round.id,
      dir,
      targetIds: [round.targets[0]!.id, round.targets[1]!.id],
      sentOn: '2026-11-20',
    });
    expect(fs.readdirSync(dir).sort()).toEqual(written.files.map((f) => f.fileName).sort());
    expect(written.files[0]!.path).toBe(path.join(dir, written.files[0]!.fileName));
    expect(fs.statSync(written.files[0]!.path).size).toBe(written.files[0]!.bytes);
    expect((await core.call('survey.rounds.get', { id: round.id })).targets.filter((t) => t.sentAt === '2026-11-20')).toHaveLength(2);

    const again = await core.dispatch('survey.forms.write', { roundId: round.id, dir });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!again.ok && again.error.message).toContain('空ではありません');
    expect(await core.dispatch('survey.forms.zip', { roundId: round.id, targetIds: ['999'] })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: '対象「999」はこの回の対象ではありません。回の対象を確かめてください。' },
    });

    const byDefault = await core.call('survey.forms.write', { roundId: round.id, targetIds: [round.targets[0]!.id] });
    expect(byDefault.dir).toBe(path.join(path.dirname(core.dbPath), '調査票', 'センター人員配置状況調査_令和5年度_2026-11-23'));
    const second = await core.call('survey.forms.write', { roundId: round.id, targetIds: [round.targets[0]!.id] });
    expect(second.dir).toBe(`${byDefault.dir}_2`);
    await core.close();
  });
});

describe('returned files', () => {
  it('takes back the 基幹 center’s form filled in Excel: labels become codes, the answer is saved from the file and a second file replaces it into the history', async () => {
    const core = await demoCore();
    const { round, target, form, workbook } = await kikanForm(core);
    answerFor(workbook, 'センター長の医師会内役職').value = '理事';
    fillRoster(workbook, [
      ['看護師', '常勤', 1, 'コーディネーター', '新規採用', undefined, '看護師'],
      ['社会福祉士', '非常勤', '０．５', 'コーディネーター', '異動', '市役所 地域包括支援センター', '社会福祉士、精神保健福祉士'],
      ['事務職', '非常勤', 0.8, '事務'],
    ]);
    const file = { fileName: form.fileName, data: await saved(workbook) };
    const preview = await core.call('survey.files.preview', { roundId: round.id, files: [file] });
    expect(preview.counts).toEqual({ accepted: 1, warnings: 0, unchanged: 0, errors: 0, refused: 0 });
    expect(preview.files[0]).toMatchObject({
      status: 'accepted',
      refusal: null,
      target: { id: target.id, name: KIKAN },
      replaces: null,
      errors: [],
      warnings: [],
    });
    const expected = {
      director_post: 'director',
      staff: [
        { job: 'nurse', employment: 'full_time', fte: 100, role: 'coordinator', hire: 'new', qualification: '看護師' },
        {
          job: 'social_worker',
          employment: 'part_time',
          fte: 50,
          role: 'coordinator',
          hire: 'transfer',
          previous_job: '市役所 地域包括支援センター',
          qualification: '社会福祉士、精神保健福祉士',
        },
        { job: 'clerk', employment: 'part_time', fte: 80, role: 'clerical' },
      ],
    };
    expect(preview.files[0]!.answers).toEqual(expected);

    const committed = await core.call('survey.files.commit', { roundId: round.id, files: [file] });
    expect(committed.saved).toHaveLength(1);
    expect(committed.saved[0]).toMatchObject({
      fileName: form.fileName,
      replaced: false,
      record: { source: 'file', fileName: form.fileName, answers: expected },
    });
    expect(committed.skipped).toEqual([]);
    expect(committed.tracker.label).toBe('17 / 17 回答');

    answerFor(workbook, 'センター長の医師会内役職').value = '会長';
    const corrected = { fileName: '基幹センター（訂正）.xlsx', data: await saved(workbook) };
    const second = await core.call('survey.files.preview', { roundId: round.id, files: [corrected] });
    expect(second.files[0]!.replaces).toMatchObject({ source: 'file', fileName: form.fileName, withErrors: false });
    expect((await core.call('survey.files.commit', { roundId: round.id, files: [corrected] })).saved[0]!.replaced).toBe(true);
    const detail = await core.call('survey.answers.get', { roundId: round.id, targetId: target.id });
    expect(detail.current).toMatchObject({ source: 'file', fileName: '基幹センター（訂正）.xlsx', answers: { director_post: 'chairman' } });
    expect(detail.history.map((h) => [h.source, h.fileName, h.answers.director_post])).toEqual([['file', form.fileName, 'director']]);
    const audit = await core.call('audit.list', { entity: 'survey_answer' });
    expect(audit.entries.some((e) => e.entityId === `${round.id}:${target.id}` && e.operation === 'survey.files.commit')).toBe(true);
    await core.close();
  });

  it('tells a form sent again with the answer already taken apart: not offered to replace it, nothing saved, nothing audited', async () => {
    const core = await demoCore();
    const { round, target, form, workbook } = await kikanForm(core);
    answerFor(workbook, 'センター長の医師会内役職').value = '理事';
    fillRoster(workbook, [['看護師', '常勤', 1, 'コーディネーター', '新規採用', undefined, '看護師']]);
    const file = { fileName: form.fileName, data: await saved(workbook) };
    await core.call('survey.files.commit', { roundId: round.id, files: [file] });
    const auditBefore = (await core.call('audit.list', { entity: 'survey_answer' })).total;

    // The clinic sends the same answers again, the file opened and saved once more under another name.
    const again = { fileName: '基幹センター（再送）.xlsx', data: await saved(await open(file.data)) };
    const preview = await core.call('survey.files.preview', { roundId: round.id, files: [again] });
    expect(preview.counts).toEqual({ accepted: 0, warnings: 0, unchanged: 1, errors: 0, refused: 0 });
    expect(preview.files[0]).toMatchObject({ status: 'unchanged', target: { id: target.id } });
    expect(preview.files[0]!.refusal).toMatch(
      new RegExp(`^この回答は取り込み済みと同じ内容です（.+に「${form.fileName}」から取り込み）。取り込み直す必要はありません。$`),
    );

    const committed = await core.call('survey.files.commit', { roundId: round.id, files: [again] });
    expect(committed.saved).toEqual([]);
    expect(committed.skipped).toEqual([{ fileName: again.fileName, status: 'unchanged', reason: preview.files[0]!.refusal }]);
    const detail = await core.call('survey.answers.get', { roundId: round.id, targetId: target.id });
    expect(detail.current).toMatchObject({ source: 'file', fileName: form.fileName });
    expect(detail.history).toEqual([]);
    expect((await core.call('audit.list', { entity: 'survey_answer' })).total).toBe(auditBefore);
    await core.close();
  });

  it('shows every error and warning of a center’s form at its sheet and cell, and saves nothing from it', async () => {
    const core = await demoCore();
    const { round, form, workbook } = await kikanForm(core);
    fillRoster(workbook, [['看護師', '常勤', 3, 'コーディネーター', '新規採用', undefined, 'あ'.repeat(101)]]);
    // Entry 2 left blank; entry 3 typed past the drop-downs.
    fillRoster(workbook, [['ナース', '非常勤', 1.2, 'コーディネーター', '新規採用', '病院 地域医療連携室']], 3);
    const preview = (
      await core.call('survey.files.preview', { roundId: round.id, files: [{ fileName: form.fileName, data: await saved(workbook) }] })
    ).files[0]!;
    expect(preview.status).toBe('errors');
    // In the order a person reads the form: sheet by sheet, row by row.
    expect(preview.errors.map((e) => [e.sheet, e.cell, e.message])).toEqual([
      ['回答', 'C9', '「センター長の医師会内役職」が未回答です。回答を入力してください。'],
      ['配置職員', 'D5', '「配置職員」1行目の「常勤換算」は0.01以上2以下で入力してください（入力: 3）。'],
      ['配置職員', 'H5', '「配置職員」1行目の「保有資格」は100文字以内で入力してください（101文字あります）。'],
      ['配置職員', 'B6', '「配置職員」の2行目が空欄です。上の行から詰めて記入するか、空欄の行を削除してください。'],
      [
        '配置職員',
        'B7',
        '「配置職員」3行目 「職種」の「ナース」: 選択肢にありません。看護師・保健師・社会福祉士・MSW・介護支援専門員・事務職・PT・その他から選んでください。',
      ],
    ]);
    expect(at(preview, 'warnings')).toEqual([
      ['配置職員', 'D7'],
      ['配置職員', 'G7'],
    ]);
    expect(preview.warnings[0]!.message).toContain('「配置職員」3行目の「常勤換算」が1を超えています（入力: 1.2）');
    expect(preview.warnings[0]).toMatchObject({ question: 'staff', row: 2, column: 'fte' });

    const committed = await core.call('survey.files.commit', {
      roundId: round.id,
      files: [{ fileName: form.fileName, data: await saved(workbook) }],
    });
    expect(committed.saved).toEqual([]);
    expect(committed.skipped[0]).toMatchObject({ fileName: form.fileName, status: 'errors' });
    expect(committed.skipped[0]!.reason).toMatch(/^誤りが5件あるため取り込みませんでした（シート「回答」C9: /);
    expect(committed.tracker.label).toBe('16 / 17 回答');
    await core.close();
  });

  it('reports a date-formatted cell holding a number too large for a date at its cell, instead of failing the batch', async () => {
    const core = await demoCore();
    const { round, form, workbook } = await kikanForm(core);
    answerFor(workbook, 'センター長の医師会内役職').value = '会長';
    fillRoster(workbook, [['看護師', '常勤', 1, 'コーディネーター', '新規採用']]);
    const fte = rosterCell(workbook, 1, '常勤換算');
    fte.value = 1e9;
    fte.numFmt = 'yyyy/mm/dd';
    const preview = (
      await core.call('survey.files.preview', { roundId: round.id, files: [{ fileName: form.fileName, data: await saved(workbook) }] })
    ).files[0]!;
    expect(preview.status).toBe('errors');
    expect(preview.errors.map((e) => [e.sheet, e.cell, e.message])).toEqual([
      ['配置職員', 'D5', '「配置職員」1行目 「常勤換算」の日付として読めない値です。日付か数字を入力し直してください。'],
    ]);
    await core.close();
  });

  it('refuses a hidden control or right-to-left override character in an answer at its cell', async () => {
    const core = await demoCore();
    const { round, form, workbook } = await kikanForm(core);
    answerFor(workbook, 'センター長の医師会内役職').value = '会\u202e長';
    fillRoster(workbook, [['看護師', '常勤', 1, 'コーディネーター', '新規採用']]);
    const preview = (
      await core.call('survey.files.preview', { roundId: round.id, files: [{ fileName: form.fileName, data: await saved(workbook) }] })
    ).files[0]!;
    expect(preview.status).toBe('errors');
    expect(preview.errors.map((e) => [e.sheet, e.message])).toEqual([
      [
        '回答',
        '「センター長の医師会内役職」の2文字目に見えない制御文字（U+202E）があります。Excel でその文字を消してから読み込み直してください。',
      ],
    ]);
    await core.close();
  });

  it('reads a clinic’s numbers, conditional answers and ○ marks, with each mistake at its cell', async () => {
    const core = await demoCore();
    const r4 = await roundOf(core, 2022);
    let missing = null;
    for (const t of r4.targets.filter((t) => t.status === 'missing')) {
      if ((await core.call('survey.answers.get', { roundId: r4.id, targetId: t.id })).previous === null) {
        missing = t;
        break;
      }
    }
    const form = await core.call('survey.forms.file', { roundId: r4.id, targetId: missing!.id });
    expect(form.prefill).toBeNull();
    const workbook = await open(form.data);
    answerFor(workbook, '訪問診療や往診を行っているか（現在）').value = '訪問のみ';
    answerFor(workbook, '訪問診療や往診を行っているか（5年後の意向）').value = '行っていない';
    answerFor(workbook, '訪問診療・往診を担当している医師数（39歳以下）').value = 120;
    answerFor(workbook, '訪問診療・往診を担当している医師数（40歳代）').value = 'ふたり';
    for (const band of ['60歳代', '70歳代', '80歳以上']) answerFor(workbook, `訪問診療・往診を担当している医師数（${band}）`).value = 1;
    answerFor(workbook, '時間外のファーストコール', '医師').value = 'x';
    answerFor(workbook, '訪問診療の提供件数を増やすために', '薬局との連携').value = '〇';
    const preview = (
      await core.call('survey.files.preview', { roundId: r4.id, files: [{ fileName: form.fileName, data: await saved(workbook) }] })
    ).files[0]!;
    expect(preview.errors.map((e) => [e.cell, e.message])).toEqual([
      ['C11', '「訪問診療・往診を担当している医師数（39歳以下）」は0人以上99人以下で入力してください（入力: 120人）。'],
      ['C12', '「訪問診療・往診を担当している医師数（40歳代）」の「ふたり」: 整数で入力してください。'],
      ['C13', '「訪問診療・往診を担当している医師数（50歳代）」が未回答です。回答を入力してください。'],
      [
        'C18',
        '「時間外のファーストコールに対応している職員（複数回答）」の「医師」の欄には「○」を入れるか、空欄にしてください（入力: x）。',
      ],
    ]);

    answerFor(workbook, '訪問診療・往診を担当している医師数（39歳以下）').value = 0;
    answerFor(workbook, '訪問診療・往診を担当している医師数（40歳代）').value = '２';
    answerFor(workbook, '訪問診療・往診を担当している医師数（50歳代）').value = 0;
    answerFor(workbook, '時間外のファーストコール', '医師').value = '○';
    const fixed = (
      await core.call('survey.files.preview', { roundId: r4.id, files: [{ fileName: form.fileName, data: await saved(workbook) }] })
    ).files[0]!;
    expect(fixed.status).toBe('accepted');
    expect(fixed.answers).toEqual({
      visits_now: 'visit_only',
      visits_in_5_years: 'none',
      doctors_39: 0,
      doctors_40s: 2,
      doctors_50s: 0,
      doctors_60s: 1,
      doctors_70s: 1,
      doctors_80: 1,
      first_call: ['doctor'],
      helps: ['pharmacy'],
    });
    await core.close();
  });

  it('reads 「1人」「２名」 in a count cell as the form’s own hint writes them, and says to write 0 for 「なし」 or 「-」', async () => {
    const core = await demoCore();
    const r4 = await roundOf(core, 2022);
    const target = r4.targets.find((t) => t.status === 'valid')!;
    const form = await core.call('survey.forms.file', { roundId: r4.id, targetId: target.id });
    const workbook = await open(form.data);
    const doctors = (band: string) => answerFor(workbook, `訪問診療・往診を担当している医師数（${band}）`);
    answerFor(workbook, '訪問診療や往診を行っているか（現在）').value = '両方';
    doctors('39歳以下').value = '1人';
    doctors('40歳代').value = '２名';
    doctors('50歳代').value = 'なし';
    doctors('60歳代').value = '-';
    doctors('70歳代').value = ' ３ 人';
    doctors('80歳以上').value = 0;
    const read = async () =>
      (await core.call('survey.files.preview', { roundId: r4.id, files: [{ fileName: form.fileName, data: await saved(workbook) }] }))
        .files[0]!;
    expect((await read()).errors.map((e) => [e.cell, e.message])).toEqual([
      ['C13', '「訪問診療・往診を担当している医師数（50歳代）」の「なし」: 数ではありません。該当がなければ 0 を記入してください。'],
      ['C14', '「訪問診療・往診を担当している医師数（60歳代）」の「-」: 数ではありません。該当がなければ 0 を記入してください。'],
    ]);
    doctors('50歳代').value = 0;
    doctors('60歳代').value = '０';
    const fixed = await read();
    expect(fixed.status).toBe('accepted');
    expect(fixed.answers).toMatchObject({ doctors_39: 1, doctors_40s: 2, doctors_50s: 0, doctors_60s: 0, doctors_70s: 3, doctors_80: 0 });
    await core.close();
  });

  it('holds back a form whose 回答者 was overwritten with another clinic’s name or code, naming both, and saves nothing from it', async () => {
    const core = await demoCore();
    const r4 = await roundOf(core, 2022);
    const [sent, other] = r4.targets.filter((t) => t.status === 'valid');
    const form = await core.call('survey.forms.file', { roundId: r4.id, targetId: sent!.id });
    // Another clinic got this one's form, took the sheet's protection off and wrote itself in.
    const byOther = await open(form.data);
    byOther.getWorksheet('回答')!.unprotect();
    byOther.getWorksheet('回答')!.getCell('C4').value = other!.name;
    const code = await open(form.data);
    code.getWorksheet('回答')!.unprotect();
    code.getWorksheet('回答')!.getCell('C5').value = '159999999';
    // Taking the protection off alone, or writing the name in full-width or with spaces, is no other clinic.
    const same = await open(form.data);
    same.getWorksheet('回答')!.unprotect();
    same.getWorksheet('回答')!.getCell('C4').value = ` ${sent!.name.normalize('NFKC').replace('）', ') ')}`;
    const files = [
      { fileName: `${other!.name}.xlsx`, data: await saved(byOther) },
      { fileName: 'コード.xlsx', data: await saved(code) },
    ];
    const preview = await core.call('survey.files.preview', { roundId: r4.id, files });
    // The demo clinic is named with its municipality already: it is not written twice.
    const place = `「${sent!.name}」`;
    // Not also told 「そのまま読み込みます」 about the protection taken off: it is not read.
    expect(preview.files.map((f) => f.warnings)).toEqual([[], []]);
    expect(preview.files.map((f) => [f.status, f.errors.map((e) => [e.sheet, e.cell, e.message])])).toEqual([
      [
        'errors',
        [
          [
            '回答',
            'C4',
            `回答者が「${other!.name}」に書き換えられています。この調査票は${place}にお送りしたものです。ほかの医療機関が記入したのかもしれません。記入した医療機関に確かめ、その医療機関の調査票に記入し直してもらってください。`,
          ],
        ],
      ],
      [
        'errors',
        [
          [
            '回答',
            'C5',
            `医療機関コードが「159999999」に書き換えられています。この調査票は${place}にお送りしたものです。ほかの医療機関が記入したのかもしれません。記入した医療機関に確かめ、その医療機関の調査票に記入し直してもらってください。`,
          ],
        ],
      ],
    ]);
    const kept = (
      await core.call('survey.files.preview', { roundId: r4.id, files: [{ fileName: 'そのまま.xlsx', data: await saved(same) }] })
    ).files[0]!;
    // Read as this clinic's: the answer it was sent pre-filled with, its own already.
    expect(kept.errors).toEqual([]);
    expect(kept.status).toBe('unchanged');
    const before = await core.call('survey.answers.get', { roundId: r4.id, targetId: sent!.id });
    const committed = await core.call('survey.files.commit', { roundId: r4.id, files });
    expect(committed.saved).toEqual([]);
    expect(committed.skipped.map((s) => s.reason)).toEqual([
      `誤りが1件あるため取り込みませんでした（シート「回答」C4: 回答者が「${other!.name}」に書き換えられています。この調査票は${place}にお送りしたものです。ほかの医療機関が記入したのかもしれません。記入した医療機関に確かめ、その医療機関の調査票に記入し直してもらってください。）。直した調査票を返送してもらってください。`,
      expect.stringContaining('シート「回答」C5: 医療機関コードが「159999999」に書き換えられています。'),
    ]);
    expect((await core.call('survey.answers.get', { roundId: r4.id, targetId: sent!.id })).current).toEqual(before.current);
    await core.close();
  });

  it('lays out a defined survey’s dates, text and a table with a multiple-choice column, and reads them back', async () => {
    const core = await demoCore();
    const defined = await core.call('survey.definitions.save', {
      definition: {
        name: '研修会の実施状況調査',
        targetKind: 'municipality',
        questions: [
          { code: 'started_on', label: '事業の開始日', type: 'date', required: true, min: '2020-04-01', max: '2025-03-31' },
          { code: 'memo', label: '備考', type: 'text', maxLength: 10 },
          {
            code: 'events',
            label: '研修会',
            type: 'table',
            maxRows: 3,
            columns: [
              { code: 'held_on', label: '開催日', type: 'date', required: true },
              {
                code: 'audience',
                label: '対象',
                type: 'multi',
                choices: [
                  { code: 'doctors', label: '医師' },
                  { code: 'nurses', label: '看護職' },
                  { code: 'care', label: '介護職' },
                ],
              },
            ],
          },
        ],
      },
    });
    const round = await core.call('survey.rounds.create', {
      definitionId: defined.id,
      fiscalYear: 2025,
      referenceDate: '2025-04-01',
      targetIds: ['151009', '152021'],
    });
    const form = await core.call('survey.forms.file', { roundId: round.id, targetId: '151009' });
    expect(form.fileName).toBe('研修会の実施状況調査_令和7年度_新潟市.xlsx');
    const workbook = await open(form.data);
    expect(text(workbook.getWorksheet('回答')!.getCell('C5'))).toBe('151009');
    const events = workbook.getWorksheet('研修会')!;
    expect([2, 3, 4, 5].map((c) => text(events.getCell(3, c)))).toEqual(['開催日（必須）', '対象：医師', '対象：看護職', '対象：介護職']);
    expect(events.getCell('B5').dataValidation).toMatchObject({ type: 'date' });
    answerFor(workbook, '事業の開始日').value = new Date(Date.UTC(2019, 4, 1));
    answerFor(workbook, '備考').value = 'あいうえおかきくけこさ';
    events.getCell('B5').value = '令和6年4月1日';
    events.getCell('C5').value = '○';
    events.getCell('E5').value = '○';
    events.getCell('B6').value = new Date(Date.UTC(2024, 9, 10));
    events.getCell('D6').value = '○';
    const preview = (
      await core.call('survey.files.preview', { roundId: round.id, files: [{ fileName: form.fileName, data: await saved(workbook) }] })
    ).files[0]!;
    expect(preview.errors.map((e) => [e.cell, e.message])).toEqual([
      ['C9', '「事業の開始日」は令和2年4月1日以降、令和7年3月31日以前の日付で入力してください（入力: 令和元年5月1日）。'],
      ['C10', '「備考」は10文字以内で入力してください（11文字あります）。'],
    ]);
    expect(preview.answers).toEqual({
      events: [
        { held_on: '2024-04-01', audience: ['doctors', 'care'] },
        { held_on: '2024-10-10', audience: ['nurses'] },
      ],
    });
    await core.close();
  });
});

describe('files refused, each on its own', () => {
  it('refuses another round’s form, a changed identifier, a CSV named .xlsx, an empty file, other files and moved cells — and still takes the good file of the batch', async () => {
    const core = await demoCore();
    const { round, form, workbook } = await kikanForm(core);
    answerFor(workbook, 'センター長の医師会内役職').value = '会長';
    fillRoster(workbook, [['保健師', '常勤', 1, 'コーディネーター']]);
    const good = { fileName: '基幹.xlsx', data: await saved(workbook) };

    const r2 = await roundOf(core, 2020);
    const clinic = await core.call('survey.forms.file', { roundId: r2.id, targetId: r2.targets[0]!.id });

    const tampered = await open(good.data);
    tampered.getWorksheet('_renkei')!.getCell('B3').value = round.targets.find((t) => t.name !== KIKAN)!.id;
    const unprotected = await open(good.data);
    for (const sheet of unprotected.worksheets) sheet.unprotect();
    const moved = await open(good.data);
    moved.getWorksheet('回答')!.unprotect();
    moved.getWorksheet('回答')!.spliceRows(9, 0, []);
    const column = await open(good.data);
    column.getWorksheet('配置職員')!.unprotect();
    column.getWorksheet('配置職員')!.spliceColumns(3, 0, []);
    const csv = Buffer.from(new TextEncoder().encode('センター名,職種\n新潟県医師会,看護師\n'));
    const plain = await writeXlsx([{ name: '回答', columns: [{ key: 'a', header: '設問' }], rows: [{ a: 'センター長' }] }]);

    const files = [
      { fileName: '令和2年度.xlsx', data: clinic.data },
      { fileName: '書き換え.xlsx', data: await saved(tampered) },
      { fileName: 'CSV.xlsx', data: csv.toString('base64') },
      { fileName: 'ほかのブック.xlsx', data: plain.toString('base64') },
      { fileName: '壊れた.xlsx', data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]).toString('base64') },
      { fileName: '空.xlsx', data: '' },
      { fileName: '行を挿入.xlsx', data: await saved(moved) },
      { fileName: '列を挿入.xlsx', data: await saved(column) },
      { fileName: '保護解除.xlsx', data: await saved(unprotected) },
      good,
    ];
    const preview = await core.call('survey.files.preview', { roundId: round.id, files });
    expect(preview.counts).toEqual({ accepted: 1, warnings: 1, unchanged: 0, errors: 0, refused: 8 });
    const byName = new Map(preview.files.map((f) => [f.fileName, f]));
    expect(byName.get('令和2年度.xlsx')!.refusal).toBe(
      '「令和2年度.xlsx」は「在宅医療提供体制に関する実態調査（診療所）」令和2年度の調査票で、この回（「センター人員配置状況調査」令和5年度（令和5年度 郡市医師会在宅医療推進センター人員配置状況））のものではありません。その回を開いて取り込んでください。',
    );
    expect(byName.get('書き換え.xlsx')!.refusal).toBe(
      '「書き換え.xlsx」は調査票を見分けるための情報が書き換えられているか、別のデータベースで作成された調査票です。この対象の調査票を作り直して送り、記入してもらってください。',
    );
    expect(byName.get('CSV.xlsx')!.refusal).toContain('Excel ブック（.xlsx）ではなく、CSV などの文字のファイルです');
    expect(byName.get('ほかのブック.xlsx')!.refusal).toContain('Renkei で作成した調査票ではありません');
    expect(byName.get('壊れた.xlsx')!.refusal).toContain('Excel ブック（.xlsx）として読めません');
    expect(byName.get('空.xlsx')!.refusal).toBe('「空.xlsx」は空のファイルです。記入した調査票（.xlsx）を選んでください。');
    // Why, once, and each cell that moved in its own line beside its place — not both in the reason and cell by cell.
    const rows = byName.get('行を挿入.xlsx')!;
    expect(rows.refusal).toBe(
      '「行を挿入.xlsx」は記入欄の位置が調査票と違うため読み込めません（シート「回答」の保護が解除され、行や列の挿入・削除、セルの移動がされています）。お送りした調査票に記入し直してもらうか、元の位置に戻して保存してから取り込んでください。',
    );
    expect(rows.target?.name).toBe(KIKAN);
    expect(rows.errors[0]).toMatchObject({ sheet: '回答', cell: 'A9', message: '「問1」のはずが空欄です。' });
    const columns = byName.get('列を挿入.xlsx')!;
    expect(columns.refusal).not.toContain('勤務形態');
    expect(columns.errors.map((e) => [e.sheet, e.cell, e.message])).toContainEqual([
      '配置職員',
      'C3',
      '「勤務形態（必須）」のはずが空欄です。',
    ]);
    expect(byName.get('保護解除.xlsx')).toMatchObject({ status: 'warnings', sameTargetAs: ['基幹.xlsx'] });
    expect(byName.get('保護解除.xlsx')!.warnings[0]!.message).toBe(
      'シート「回答」「配置職員」の保護が解除されていました。記入欄の位置は調査票のとおりなので、そのまま読み込みます。',
    );
    expect(byName.get('基幹.xlsx')).toMatchObject({ status: 'accepted', sameTargetAs: ['保護解除.xlsx'] });

    const twice = await core.dispatch('survey.files.commit', { roundId: round.id, files });
    expect(twice).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!twice.ok && twice.error.message).toBe(
      `「保護解除.xlsx」と「基幹.xlsx」は同じ対象（${KIKAN}）の調査票です。取り込むファイルをどちらか一方にしてください。何も保存していません。`,
    );
    const committed = await core.call('survey.files.commit', {
      roundId: round.id,
      files: files.filter((f) => f.fileName !== '保護解除.xlsx'),
    });
    expect(committed.saved.map((s) => s.fileName)).toEqual(['基幹.xlsx']);
    expect(committed.skipped.map((s) => [s.fileName, s.status])).toEqual([
      ['令和2年度.xlsx', 'refused'],
      ['書き換え.xlsx', 'refused'],
      ['CSV.xlsx', 'refused'],
      ['ほかのブック.xlsx', 'refused'],
      ['壊れた.xlsx', 'refused'],
      ['空.xlsx', 'refused'],
      ['行を挿入.xlsx', 'refused'],
      ['列を挿入.xlsx', 'refused'],
    ]);
    expect(form.fileName).toContain(KIKAN);
    await core.close();
  });
});

describe('a workbook saved with a password, and one in the old .xls format', () => {
  // tests/fixtures: a workbook written by exceljs, then encrypted with the password 1234 as Excel does
  // (officecrypto-tool), and the same saved as .xls by LibreOffice Calc.
  const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../../tests/fixtures', name)).toString('base64');

  it('says which of the two each is and what to do about it, instead of one message for both', async () => {
    const core = await demoCore();
    const round = await roundOf(core, 2023);
    const preview = await core.call('survey.files.preview', {
      roundId: round.id,
      files: [
        { fileName: 'パスワード付き.xlsx', data: fixture('password-1234.xlsx') },
        { fileName: '古い形式.xls', data: fixture('old-excel.xls') },
      ],
    });
    expect(preview.files.map((f) => [f.status, f.refusal])).toEqual([
      [
        'refused',
        '「パスワード付き.xlsx」はパスワードを付けて保存されたブックのため読めません。パスワードがわかれば Excel で開き、「ファイル」→「情報」→「ブックの保護」→「パスワードを使用して暗号化」でパスワードを消して保存してから取り込んでください。わからなければ、パスワードを付けずに保存し直して返送してもらってください。',
      ],
      [
        'refused',
        '「古い形式.xls」は古い形式の Excel ブック（.xls）のため読めません。Excel で開き、「名前を付けて保存」で「Excel ブック（.xlsx）」を選んで保存し直してから取り込んでください。',
      ],
    ]);
    await core.close();
  });
});

describe('last round’s form filled in again', () => {
  it('refuses it without sending the officer to take it into last round, which would replace last year’s answer', async () => {
    const core = await demoCore();
    const [r2, r4] = [await roundOf(core, 2020), await roundOf(core, 2022)];
    const target = r2.targets.find((t) => t.status === 'valid')!;
    const old = await core.call('survey.forms.file', { roundId: r2.id, targetId: target.id });
    const preview = await core.call('survey.files.preview', { roundId: r4.id, files: [{ fileName: '前回の様式.xlsx', data: old.data }] });
    expect(preview.files[0]).toMatchObject({ status: 'refused' });
    expect(preview.files[0]!.refusal).toBe(
      '「前回の様式.xlsx」は前の回（「在宅医療提供体制に関する実態調査（診療所）」令和2年度）の調査票で、この回（「在宅医療提供体制に関する実態調査（診療所）」令和4年度）のものではありません。前の回の調査票に今回の回答が記入されたのなら、この回の調査票を送って記入し直してもらってください。前の回で取り込むと、令和2年度の回答が置き換わります。',
    );
    await core.close();
  });
});

describe('what clinics do to a form before they send it back', () => {
  /** The 基幹 center's form with its 回答 answered, altered as a clinic would, read back as the officer does. */
  async function returned(alter: (workbook: ExcelJS.Workbook) => void) {
    const core = await demoCore();
    const { round, workbook } = await kikanForm(core);
    answerFor(workbook, 'センター長の医師会内役職').value = '理事';
    alter(workbook);
    const preview = await core.call('survey.files.preview', {
      roundId: round.id,
      files: [{ fileName: '返送.xlsx', data: await saved(workbook) }],
    });
    await core.close();
    return preview.files[0]!;
  }

  it('reads an answer cell merged with its note, and names a merge over several answer cells instead of reading one value into each', async () => {
    const widened = await returned((workbook) => {
      const sheet = workbook.getWorksheet('回答')!;
      sheet.unprotect();
      sheet.mergeCells('C9:D9');
      fillRoster(workbook, [['看護師', '常勤', 1, 'コーディネーター']]);
    });
    expect(widened.errors).toEqual([]);
    expect(widened.answers).toEqual({
      director_post: 'director',
      staff: [{ job: 'nurse', employment: 'full_time', fte: 100, role: 'coordinator' }],
    });

    const joined = await returned((workbook) => {
      const sheet = workbook.getWorksheet('配置職員')!;
      sheet.unprotect();
      sheet.mergeCells('B5:D5');
      sheet.getCell('B5').value = '看護師 常勤 1';
    });
    expect(joined.status).toBe('errors');
    expect(joined.errors.map((e) => [e.sheet, e.cell, e.message])).toEqual([
      [
        '配置職員',
        'B5',
        'シート「配置職員」の B5:D5 のセルが結合されているため、3つの記入欄を読み分けられません。セルの結合を解除し、1つのセルに1つの回答を記入して保存してから取り込んでください。',
      ],
    ]);
    expect(joined.answers).toEqual({ director_post: 'director' });
  });

  /** A sheet copied as Excel's 「移動またはコピー」 copies it: its merged ranges and values, under a new name. */
  function copySheet(workbook: ExcelJS.Workbook, name: string, copyName: string): ExcelJS.Worksheet {
    const from = workbook.getWorksheet(name)!;
    const copy = workbook.addWorksheet(copyName);
    for (const range of (from.model as { merges: string[] }).merges) copy.mergeCells(range);
    from.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.master.address === cell.address) copy.getCell(r, c).value = cell.value;
      }),
    );
    return copy;
  }

  it('reads a form whose 記入方法 tab was renamed, as its own sheet', async () => {
    const preview = await returned((workbook) => {
      fillRoster(workbook, [['看護師', '常勤', 1, 'コーディネーター']]);
      workbook.getWorksheet('記入方法')!.name = '記入方法（読みました）';
    });
    expect(preview.errors).toEqual([]);
    expect(preview.warnings.filter((w) => w.sheet === '記入方法（読みました）')).toEqual([]);
    expect(preview.answers).toEqual({
      director_post: 'director',
      staff: [{ job: 'nurse', employment: 'full_time', fte: 100, role: 'coordinator' }],
    });
  });

  it('names an entry typed in the answer cells of a copied 配置職員, counting none of the form’s printed text', async () => {
    const preview = await returned((workbook) => {
      fillRoster(workbook, [['看護師', '常勤', 1, 'コーディネーター']]);
      copySheet(workbook, '配置職員', '配置職員 (2)').getCell('B5').value = '理学療法士';
      copySheet(workbook, '記入方法', '記入方法 (2)');
    });
    expect(preview.status).toBe('errors');
    expect(preview.errors.map((e) => [e.sheet, e.cell, e.message])).toEqual([
      [
        '配置職員 (2)',
        'B5',
        'シート「配置職員 (2)」は調査票にないシート（シート「配置職員」の写し）のため、B5 の記入を読み込めません。回答は、シート「回答」「配置職員」の黄色のセルに記入して保存してから取り込んでください。',
      ],
    ]);
    expect(preview.warnings.filter((w) => w.sheet !== null && w.sheet !== '回答')).toEqual([]);
  });

  it('reads a form with a note sheet of the clinic’s own, naming the sheet whose text is not read', async () => {
    const preview = await returned((workbook) => {
      fillRoster(workbook, [['看護師', '常勤', 1, 'コーディネーター']]);
      const note = workbook.addWorksheet('メモ');
      note.getCell('A1').value = '4月から看護師1名増員予定';
      note.getCell('B5').value = '担当：佐藤';
      workbook.addWorksheet('Sheet1');
    });
    expect(preview.errors).toEqual([]);
    expect(preview.status).toBe('warnings');
    expect(preview.answers).toEqual({
      director_post: 'director',
      staff: [{ job: 'nurse', employment: 'full_time', fte: 100, role: 'coordinator' }],
    });
    expect(preview.warnings.filter((w) => w.sheet === 'メモ' || w.sheet === 'Sheet1').map((w) => [w.sheet, w.cell, w.message])).toEqual([
      [
        'メモ',
        'A1',
        'シート「メモ」は調査票にないシートのため、A1 ほか 1 か所の記入は読み込みません。回答でなければ（メモなど）このまま取り込めます。回答なら、シート「回答」「配置職員」の黄色のセルに記入して保存してから取り込んでください。',
      ],
    ]);
  });

  it('reads a form whose sheets were renamed, saying so and naming each problem’s sheet as the file names it', async () => {
    const preview = await returned((workbook) => {
      fillRoster(workbook, [['看護師', '常勤', 3, 'コーディネーター']]);
      workbook.getWorksheet('回答')!.name = '回答（記入済）';
      workbook.getWorksheet('配置職員')!.name = '職員';
    });
    expect(preview.refusal).toBeNull();
    expect(preview.answers).toEqual({
      director_post: 'director',
      staff: [{ job: 'nurse', employment: 'full_time', role: 'coordinator' }],
    });
    expect(preview.errors.map((e) => [e.sheet, e.cell, e.message])).toEqual([
      ['職員', 'D5', '「配置職員」1行目の「常勤換算」は0.01以上2以下で入力してください（入力: 3）。'],
    ]);
    expect(preview.warnings.map((e) => [e.sheet, e.cell, e.message])).toEqual([
      [
        '回答（記入済）',
        null,
        'シート「回答」の名前が「回答（記入済）」に変えられていました。記入欄の位置は調査票のとおりなので、そのまま読み込みます。',
      ],
      ['職員', null, 'シート「配置職員」の名前が「職員」に変えられていました。記入欄の位置は調査票のとおりなので、そのまま読み込みます。'],
    ]);
  });
});

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => fs.existsSync(p));

describe('a form saved by LibreOffice Calc', () => {
  it.skipIf(!soffice)(
    'imports as the same answers once LibreOffice has saved it as .xlsx',
    async () => {
      const core = await demoCore();
      const { round, form, workbook } = await kikanForm(core);
      answerFor(workbook, 'センター長の医師会内役職').value = '病院医師';
      fillRoster(workbook, [
        ['看護師', '常勤', 1, 'コーディネーター', '異動', '病院 地域医療連携室', '看護師'],
        ['事務職', '非常勤', 0.75, '事務'],
      ]);
      const dir = tempDir();
      const source = path.join(dir, 'filled.xlsx');
      fs.writeFileSync(source, Buffer.from(await saved(workbook), 'base64'));
      const out = path.join(dir, 'lo');
      // A profile of its own, so a LibreOffice already running elsewhere on the machine does not take the job.
      execFileSync(
        soffice!,
        [
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          out,
          source,
        ],
        {
          timeout: 180_000,
          stdio: 'ignore',
        },
      );
      const bytes = fs.readFileSync(path.join(out, 'filled.xlsx'));
      expect(bytes.equals(fs.readFileSync(source))).toBe(false);
      const preview = (
        await core.call('survey.files.preview', {
          roundId: round.id,
          files: [{ fileName: 'LibreOffice.xlsx', data: bytes.toString('base64') }],
        })
      ).files[0]!;
      expect(preview.refusal).toBeNull();
      expect(preview.errors).toEqual([]);
      expect(preview.answers).toEqual({
        director_post: 'hospital_doctor',
        staff: [
          {
            job: 'nurse',
            employment: 'full_time',
            fte: 100,
            role: 'coordinator',
            hire: 'transfer',
            previous_job: '病院 地域医療連携室',
            qualification: '看護師',
          },
          { job: 'clerk', employment: 'part_time', fte: 75, role: 'clerical' },
        ],
      });
      expect(form.targetId).toBe(preview.target!.id);
      await core.close();
    },
    240_000,
  );
});

describe('200 files at once', () => {
  it('previews and commits 200 returned clinic forms in one batch', async () => {
    const core = await demoCore();
    const r4 = await roundOf(core, 2022);
    const ids = r4.targets.slice(0, 200).map((t) => t.id);
    const round = await core.call('survey.rounds.create', {
      definitionId: r4.definitionId,
      fiscalYear: 2024,
      referenceDate: '2024-10-01',
      targetIds: ids,
    });
    const out = await core.call('survey.forms.zip', { roundId: round.id });
    const zip = await JSZip.loadAsync(Buffer.from(out.file.data, 'base64'));
    const files = [];
    for (const [i, f] of out.files.entries()) {
      const workbook = await open(await zip.file(f.fileName)!.async('nodebuffer'));
      const doing = i % 5 !== 0;
      answerFor(workbook, '訪問診療や往診を行っているか（現在）').value = doing ? '両方' : '行っていない';
      for (const band of ['39歳以下', '40歳代', '50歳代', '60歳代', '70歳代', '80歳以上']) {
        answerFor(workbook, `訪問診療・往診を担当している医師数（${band}）`).value = doing ? (band === '60歳代' ? 2 : 0) : null;
      }
      // A clinic that stopped has its 令和4年度 first-call answers cleared, as the form asks.
      if (!doing)
        for (const who of ['医師', '自院看護師', '事務職', 'その他']) answerFor(workbook, '時間外のファーストコール', who).value = null;
      files.push({ fileName: f.fileName, data: await saved(workbook) });
    }
    const preview = await core.call('survey.files.preview', { roundId: round.id, files });
    expect(preview.counts).toEqual({ accepted: 200, warnings: 0, unchanged: 0, errors: 0, refused: 0 });
    const committed = await core.call('survey.files.commit', { roundId: round.id, files });
    expect(committed.saved).toHaveLength(200);
    expect(committed.tracker.label).toBe('200 / 200 回答');
    const results = await core.call('survey.aggregate', { roundId: round.id });
    expect(results.aggregate.whole.indicators.clinics_doing!.value).toBe(160);
    expect(results.aggregate.whole.indicators.doctors!.value).toBe(320);
    await core.close();
  }, 300_000);
});

describe('a commit after its preview', () => {
  it('takes the preview’s reading of the very same files, and reads them again when an answer was saved in between', async () => {
    const core = await demoCore();
    const r4 = await roundOf(core, 2022);
    const round = await core.call('survey.rounds.create', {
      definitionId: r4.definitionId,
      fiscalYear: 2024,
      referenceDate: '2024-10-01',
      targetIds: r4.targets.slice(0, 3).map((t) => t.id),
    });
    // Pre-filled from 令和4年度 and sent back as they came.
    const out = await core.call('survey.forms.zip', { roundId: round.id });
    const zip = await JSZip.loadAsync(Buffer.from(out.file.data, 'base64'));
    const files = await Promise.all(
      out.files.map(async (f) => ({ fileName: f.fileName, data: (await zip.file(f.fileName)!.async('nodebuffer')).toString('base64') })),
    );
    const preview = await core.call('survey.files.preview', { roundId: round.id, files });
    expect(preview.counts.accepted).toBe(3);
    expect(preview.files.map((f) => f.replaces)).toEqual([null, null, null]);

    // Saved on the screen after the preview, the form's answer otherwise: the commit must see it, and move it to the history.
    const first = out.files[0]!.targetId;
    await core.call('survey.answers.save', {
      roundId: round.id,
      targetId: first,
      answers: { ...preview.files[0]!.answers!, helps: ['clinics'] },
    });
    const committed = await core.call('survey.files.commit', { roundId: round.id, files });
    expect(committed.saved.map((s) => s.replaced)).toEqual([true, false, false]);
    expect((await core.call('survey.answers.get', { roundId: round.id, targetId: first })).history).toHaveLength(1);

    // The same files previewed and committed again over unchanged data: each is the answer just saved from it, and none is saved again.
    expect((await core.call('survey.files.preview', { roundId: round.id, files })).counts.unchanged).toBe(3);
    const again = await core.call('survey.files.commit', { roundId: round.id, files });
    expect(again.saved).toEqual([]);
    expect(again.skipped.map((s) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.tracker.label).toBe('3 / 3 回答');
    await core.close();
  }, 120_000);
});
