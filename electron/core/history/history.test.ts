import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupLabel } from '@shared/contract/backup';
import { formatTimestamp } from '@shared/format';
import { tableLabel } from '@shared/glossary';
import { tableSection } from '@shared/sections';
import { NATIONAL_LIST } from '@tests/support/reference';
import { newFundProject, newInstitution, nextYearBudgeted, sapporoAssociation } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import { isJournaled, UNDO_DEPTH } from '../kernel/journal';

const clock = () => new Date('2026-11-22T01:00:00Z');

async function openCore(dbPath = path.join(tempDir(), 'undo.sqlite'), osUser = 'tanaka') {
  return Core.open({ dbPath, osUser, now: clock });
}

async function municipalityCount(core: Core) {
  return (await core.call('masters.municipalities.list', {})).length;
}

describe('元に戻す and やり直す on a fresh database', () => {
  it('reverses a whole import of 1,916 rows and brings it back, each audited with the entries swapped', async () => {
    const core = await openCore();
    const data = fs.readFileSync(NATIONAL_LIST).toString('base64');
    await core.call('masters.import.commit', { kind: 'municipalities', fileName: 'localgovjp-utf8.csv', data });
    expect(await municipalityCount(core)).toBe(1916);
    expect(await core.call('app.history', {})).toMatchObject({ undo: { operation: 'masters.import.commit' }, redo: null });

    expect(await core.call('app.undo', {})).toMatchObject({ operation: 'masters.import.commit' });
    expect(await municipalityCount(core)).toBe(0);
    expect(await core.call('app.history', {})).toMatchObject({ undo: null, redo: { operation: 'masters.import.commit' } });
    const undone = await core.call('audit.list', { limit: 1000 });
    expect(undone.entries.filter((e) => e.operation === 'app.undo')).toHaveLength(1000);
    expect(undone.entries.find((e) => e.operation === 'app.undo' && e.entityId === '151009')).toMatchObject({
      entity: 'municipality',
      before: expect.objectContaining({ name: '新潟市' }),
      after: null,
    });

    await core.call('app.redo', {});
    expect(await municipalityCount(core)).toBe(1916);
    expect((await core.call('masters.municipalities.get', { code: '151009' })).row).toMatchObject({ name: '新潟市' });
    expect(await core.call('app.history', {})).toMatchObject({ undo: { operation: 'masters.import.commit' }, redo: null });
    await core.close();
  });

  it('reverses a bulk institution import recorded as one audit entry, and brings it back with the same ids', async () => {
    const core = await openCore();
    const rows = Array.from({ length: 300 }, (_, i) => `${1310000001 + i},一括診療所${i},東京都千代田区${i}`);
    const data = Buffer.from(['医療機関コード,名称,所在地', ...rows].join('\n')).toString('base64');
    await core.call('masters.import.commit', { kind: 'institutions', fileName: 'list.csv', data });
    const listed = async () => (await core.call('masters.institutions.list', { search: '一括診療所', limit: 1000 })).rows.map((r) => r.id);
    const ids = await listed();
    expect(ids).toHaveLength(300);
    expect(await core.call('app.history', {})).toMatchObject({ undo: { operation: 'masters.import.commit' } });

    await core.call('app.undo', {});
    expect(await listed()).toEqual([]);
    const entries = (await core.call('audit.list', { entity: 'institution', limit: 10 })).entries;
    expect(entries.map((e) => [e.operation, e.before === null, e.after === null])).toEqual([
      ['app.undo', false, true],
      ['masters.import.commit', true, false],
    ]);
    await core.call('app.redo', {});
    expect(await listed()).toEqual(ids);
    await core.close();
  });

  it('reverses a bulk import of several chunks whole, and an institution added after it on its own', async () => {
    const file = path.join(tempDir(), 'undo.sqlite');
    const core = await openCore(file);
    // 2,500 rows: ten chunks of the import's, all inserted under one pause of the journal's trigger.
    const rows = Array.from({ length: 2500 }, (_, i) => `${1320000001 + i},三分割診療所${i},東京都港区${i}`);
    const data = Buffer.from(['医療機関コード,名称,所在地', ...rows].join('\n')).toString('base64');
    await core.call('masters.import.commit', { kind: 'institutions', fileName: 'list.csv', data });
    const count = async () => (await core.call('masters.institutions.list', { search: '三分割診療所', limit: 1 })).total;
    const listed = async () =>
      (await core.call('masters.institutions.list', { search: '三分割診療所', limit: 1000 })).rows.map((r) => r.id);
    const ids = await listed();
    expect(await count()).toBe(2500);
    // The import's 2,500 new rows are one run of rowids in the journal, not a journal row each.
    const journal = new BetterSqlite3(file, { readonly: true });
    expect(
      journal
        .prepare(
          "SELECT row_id_to - row_id + 1 AS n FROM journal_row WHERE change_id = (SELECT max(id) FROM journal_change) AND tbl = 'institution'",
        )
        .all(),
    ).toEqual([{ n: 2500 }]);
    journal.close();
    // The trigger is back once the import's rows are in: a row added by hand afterwards is a change of its own.
    await core.call('masters.institutions.save', newInstitution('三分割診療所（手入力）'));
    expect(await count()).toBe(2501);
    expect(await core.call('app.undo', {})).toMatchObject({ operation: 'masters.institutions.save' });
    expect(await count()).toBe(2500);
    expect(await core.call('app.undo', {})).toMatchObject({ operation: 'masters.import.commit', records: 2500 });
    expect(await count()).toBe(0);
    await core.call('app.redo', {});
    expect(await count()).toBe(2500);
    expect(await listed()).toEqual(ids);
    await core.close();
  });

  it('journals a bulk import as runs of rows: a later edit of one row stands in the way of its undo until that edit is undone', async () => {
    const file = path.join(tempDir(), 'shared.sqlite');
    const tanaka = await openCore(file, 'tanaka');
    const suzuki = await openCore(file, 'suzuki');
    // Rows of the file after existing rows, so the import's ids do not start at 1.
    await tanaka.call('masters.institutions.save', newInstitution('既存の病院', { kind: 'hospital', beds: 20 }));
    const rows = Array.from({ length: 200 }, (_, i) => `${1320000001 + i},一括医院${i},東京都港区${i}`);
    const data = Buffer.from(['医療機関コード,名称,所在地', ...rows].join('\n')).toString('base64');
    await tanaka.call('masters.import.commit', { kind: 'institutions', fileName: 'list.csv', data });
    const listed = async () => (await tanaka.call('masters.institutions.list', { search: '一括医院', limit: 1000 })).rows;
    const middle = (await listed()).find((r) => r.name === '一括医院150')!;
    const { municipalityName: _m, ...saved } = middle;
    await suzuki.call('masters.institutions.save', { ...saved, name: '一括医院150（移転）' });

    expect(await tanaka.dispatch('app.undo', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('suzuki さんが') },
    });
    expect(await listed()).toHaveLength(200);
    await suzuki.call('app.undo', {});
    await tanaka.call('app.undo', {});
    expect(await listed()).toEqual([]);
    expect((await tanaka.call('masters.institutions.list', { search: '', limit: 10 })).rows.map((r) => r.name)).toEqual(['既存の病院']);
    await tanaka.call('app.redo', {});
    expect((await listed()).map((r) => r.id).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => middle.id - 150 + i).sort((a, b) => a - b),
    );
    await suzuki.close();
    await tanaka.close();
  });

  it('reverses a 台帳 save to the values before, and re-applies it; nothing to undo is refused in Japanese', async () => {
    const core = await openCore();
    expect(await core.dispatch('app.undo', {})).toEqual({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('元に戻せる変更がありません') },
    });
    const area = await core.call('masters.areas.save', { kind: 'secondary', name: '下越', parentId: null, sortOrder: 1 });
    await core.call('masters.areas.save', { id: area.id, kind: 'secondary', name: '下越（改）', parentId: null, sortOrder: 2 });
    const name = async () => (await core.call('masters.areas.list', {})).map((a) => `${a.name}:${a.sortOrder}`);
    expect(await name()).toEqual(['下越（改）:2']);

    await core.call('app.undo', {});
    expect(await name()).toEqual(['下越:1']);
    await core.call('app.undo', {});
    expect(await name()).toEqual([]);
    await core.call('app.redo', {});
    await core.call('app.redo', {});
    expect(await name()).toEqual(['下越（改）:2']);
    expect(await core.dispatch('app.redo', {})).toEqual({ ok: false, error: { code: 'refused', message: 'やり直せる変更がありません。' } });

    // A new change after an undo ends what can be redone, as in every editor.
    await core.call('app.undo', {});
    await core.call('settings.update', { organization: '地域医療政策課' });
    expect((await core.call('app.history', {})).redo).toBeNull();
    await core.close();
  });

  it('journals the changes after a refused first change: the triggers the refused one made went with its rollback and are made again', async () => {
    const core = await openCore();
    const refused = await core.dispatch('masters.areas.save', { kind: 'secondary', name: '下越', parentId: 99_999, sortOrder: 1 });
    expect(refused.ok).toBe(false);
    const area = await core.call('masters.areas.save', { kind: 'secondary', name: '下越', parentId: null, sortOrder: 1 });
    await core.call('masters.areas.save', { id: area.id, kind: 'secondary', name: '下越（改）', parentId: null, sortOrder: 2 });
    const name = async () => (await core.call('masters.areas.list', {})).map((a) => `${a.name}:${a.sortOrder}`);
    await core.call('app.undo', {});
    expect(await name()).toEqual(['下越:1']);
    await core.call('app.undo', {});
    expect(await name()).toEqual([]);
    await core.close();
  });

  it('says how many records an undo would take back and what they are, and takes back only the change it was asked about', async () => {
    const core = await openCore();
    const area = await core.call('masters.areas.save', { kind: 'secondary', name: '下越', parentId: null, sortOrder: 1 });
    expect((await core.call('app.history', {})).undo).toMatchObject({ operation: 'masters.areas.save', records: 1, holds: ['圏域'] });
    // A meeting with its 30 attendees is one record to the officer: undoing its save is a small undo.
    const [body] = await core.call('meeting.bodies.list', {});
    const attendees = Array.from({ length: 30 }, (_, i) => ({
      name: `委員${i}`,
      organization: '',
      category: 'medical_association' as const,
      role: '委員',
      attendance: 'present' as const,
      proxyName: '',
    }));
    await core.call('meeting.save', { bodyId: body!.id, number: 1, fiscalYear: 2026, heldOn: '2026-05-16', place: '県庁', attendees });
    expect((await core.call('app.history', {})).undo).toMatchObject({ operation: 'meeting.save', records: 1, holds: ['会議'] });
    await core.call('app.undo', {});

    const rows = Array.from({ length: 300 }, (_, i) => `${1310000001 + i},一括診療所${i},東京都千代田区${i}`);
    const data = Buffer.from(['医療機関コード,名称,所在地', ...rows].join('\n')).toString('base64');
    await core.call('masters.import.commit', { kind: 'institutions', fileName: 'list.csv', data });
    const { undo } = await core.call('app.history', {});
    expect(undo).toMatchObject({ operation: 'masters.import.commit', label: '台帳の取り込み', records: 300, holds: ['医療機関'] });

    // The import is what the user was asked about; a change that came meanwhile (another window) is not taken back instead.
    await core.call('masters.areas.save', { ...area, name: '下越（改）' });
    expect(await core.dispatch('app.undo', { id: undo!.id })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          '元に戻す変更が、確かめている間に「圏域の保存」に変わりました。何も元に戻していません。もう一度 元に戻す を押してください。',
      },
    });
    const institutions = async () => (await core.call('masters.institutions.list', { search: '一括診療所', limit: 1000 })).total;
    expect(await institutions()).toBe(300);
    expect((await core.call('masters.areas.list', {})).map((a) => a.name)).toEqual(['下越（改）']);
    await core.call('app.undo', {});
    expect(await core.call('app.undo', { id: undo!.id })).toMatchObject({ operation: 'masters.import.commit', records: 300 });
    expect(await institutions()).toBe(0);

    // やり直す the same: the import asked about comes back, not another change undone meanwhile.
    const { redo } = await core.call('app.history', {});
    expect(redo).toMatchObject({ operation: 'masters.import.commit', records: 300 });
    const meanwhile = await core.call('app.undo', {});
    expect(await core.dispatch('app.redo', { id: redo!.id })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `やり直す変更が、確かめている間に「${meanwhile.label}」に変わりました。何もやり直していません。もう一度 やり直す を押してください。`,
      },
    });
    await core.call('app.redo', {});
    expect(await core.call('app.redo', { id: redo!.id })).toMatchObject({ operation: 'masters.import.commit', records: 300 });
    expect(await institutions()).toBe(300);
    await core.close();
  });

  it('stops at a restore: nothing from before it is undone or redone, and 元に戻す says how to go back to before the restore', async () => {
    const file = path.join(tempDir(), 'undo.sqlite');
    let core = await openCore(file);
    const names = async () => (await core.call('masters.areas.list', {})).map((a) => a.name);
    const save = (name: string, sortOrder: number) =>
      core.call('masters.areas.save', { kind: 'secondary', name, parentId: null, sortOrder });
    await save('下越', 1);
    await save('佐渡', 2);
    await core.call('app.undo', {});
    // The backup holds a change to undo (下越) and one to redo (佐渡).
    const saved = await core.call('backup.create', {});
    await save('上越', 3);
    const { safetyBackup } = await core.call('backup.restore', { name: saved.name });
    expect(await names()).toEqual(['下越']);
    const message =
      `元に戻せる変更がありません。${formatTimestamp(clock().toISOString())} にバックアップから復元したため、` +
      `それより前の変更は元に戻せません。復元する前の状態に戻すには、設定 › バックアップから復元 で${backupLabel(safetyBackup.name)}を復元してください。`;
    // The top bar says it on its 元に戻す, off.
    expect(await core.call('app.history', {})).toEqual({ undo: null, redo: null, stoppedByRestore: message });
    expect(await core.dispatch('app.undo', {})).toEqual({ ok: false, error: { code: 'refused', message } });
    expect(await core.dispatch('app.redo', {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await names()).toEqual(['下越']);

    // A change made after the restore is undone as ever; then the restore stops 元に戻す again, also once reopened.
    await save('中越', 4);
    await core.call('app.undo', {});
    expect(await names()).toEqual(['下越']);
    expect(await core.dispatch('app.undo', {})).toEqual({ ok: false, error: { code: 'refused', message } });
    await core.close();
    core = await openCore(file);
    expect(await core.dispatch('app.undo', {})).toEqual({ ok: false, error: { code: 'refused', message } });
    expect(await names()).toEqual(['下越']);
    await core.close();
  });

  it('refuses to undo a change someone later changed again, naming who, when and what; undoes it once theirs is undone', async () => {
    const file = path.join(tempDir(), 'shared.sqlite');
    const tanaka = await openCore(file, 'tanaka');
    const suzuki = await openCore(file, 'suzuki');
    await suzuki.call('settings.update', { displayName: '鈴木 花子' });
    const area = await tanaka.call('masters.areas.save', { kind: 'secondary', name: '下越', parentId: null, sortOrder: 1 });
    await suzuki.call('masters.areas.save', { ...area, name: '下越圏域' });

    const refused = await tanaka.dispatch('app.undo', {});
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `「圏域の保存」は元に戻せません。その後、鈴木 花子 さんが ${formatTimestamp(clock().toISOString())} に「圏域の保存」で圏域「下越圏域」を変更しています。必要なら、画面で直接直してください。`,
      },
    });
    expect((await tanaka.call('masters.areas.list', {})).map((a) => a.name)).toEqual(['下越圏域']);

    // Suzuki's own undo is theirs alone: it reverses their area save, not Tanaka's.
    await suzuki.call('app.undo', {});
    await tanaka.call('app.undo', {});
    expect(await tanaka.call('masters.areas.list', {})).toEqual([]);
    expect((await suzuki.call('settings.get', {})).displayName).toBe('鈴木 花子');
    await suzuki.close();
    await tanaka.close();
  });

  it('refuses to undo a new project once someone has booked spending on it, naming their change', async () => {
    const file = path.join(tempDir(), 'shared.sqlite');
    const tanaka = await openCore(file, 'tanaka');
    const suzuki = await openCore(file, 'suzuki');
    const project = await tanaka.call('fund.projects.save', newFundProject('（架空）試しの事業', 2023));
    await suzuki.call('fund.spending.save', {
      projectId: project.id,
      fiscalYear: 2023,
      spentOn: '2023-10-01',
      amount: 300_000,
      payee: '（架空）研修センター',
    });

    const refused = await tanaka.dispatch('app.undo', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('「基金事業の保存」は元に戻せません。その後、suzuki さんが') },
    });
    expect(!refused.ok && refused.error.message).toContain('「基金の執行の保存」で基金の執行を変更しています');
    expect((await tanaka.call('fund.projects.list', { side: 'medical' })).map((p) => p.name)).toContain('（架空）試しの事業');
    await suzuki.close();
    await tanaka.close();
  });

  it('undoes a change journaled before an update added a column: the column keeps its value, the version still moves on', async () => {
    const dbPath = path.join(tempDir(), 'undo.sqlite');
    let core = await openCore(dbPath);
    const { form, association: first } = await sapporoAssociation(core);
    const renamed = await core.call('masters.associations.save', { id: first.id, name: '札幌市医師会X', ...form, version: first.version });
    await core.close();
    // What a row journaled before migration 0018 (no version column then) holds.
    const raw = new BetterSqlite3(dbPath);
    raw
      .prepare(
        "UPDATE journal_row SET old = json_remove(old, '$.version') WHERE tbl = 'medical_association' AND change_id = (SELECT max(id) FROM journal_change)",
      )
      .run();
    raw.close();

    core = await openCore(dbPath);
    expect(await core.call('app.undo', {})).toMatchObject({ operation: 'masters.associations.save' });
    const [undone] = await core.call('masters.associations.list', {});
    expect(undone).toMatchObject({ name: '札幌市医師会' });
    expect(undone!.version).toBeGreaterThan(renamed.version);
    await core.close();
  });

  it('names every table the journal records in Japanese and by its section, for refusals and for asking before a large undo', async () => {
    const dbPath = path.join(tempDir(), 'undo.sqlite');
    await (await openCore(dbPath)).close();
    const raw = new BetterSqlite3(dbPath, { readonly: true });
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    raw.close();
    const journaled = tables.filter(isJournaled);
    expect(journaled).toContain('medical_association');
    expect(journaled.filter((t) => !/[^\x00-\x7f]/.test(tableLabel(t)))).toEqual([]);
    // A table no rule places falls to the 台帳: a new one lands here, to be placed where its screens are.
    expect(journaled.filter((t) => tableSection(t) === 'masters').sort()).toEqual([
      'area',
      'area_member',
      'association_member',
      'center',
      'center_member',
      'designation',
      'designation_partner',
      'institution',
      'linkage_item',
      'medical_association',
      'municipality',
      'population',
      'prefecture',
    ]);
    expect(tableSection('meeting_attendee')).toBe('meeting');
    expect(tableSection('deck_slide')).toBe('report');
  });

  it('keeps what can be undone across closing and opening the database', async () => {
    const file = path.join(tempDir(), 'restart.sqlite');
    const first = await openCore(file);
    await first.call('masters.areas.save', { kind: 'secondary', name: '下越', parentId: null, sortOrder: 1 });
    await first.close();

    const second = await openCore(file);
    expect(await second.call('app.history', {})).toMatchObject({ undo: { operation: 'masters.areas.save' } });
    await second.call('app.undo', {});
    expect(await second.call('masters.areas.list', {})).toEqual([]);
    await second.close();

    const third = await openCore(file);
    await third.call('app.redo', {});
    expect((await third.call('masters.areas.list', {})).map((a) => a.name)).toEqual(['下越']);
    await third.close();
  });

  it(`keeps the last ${UNDO_DEPTH} changes; the ones before can no longer be undone`, async () => {
    const core = await openCore();
    for (let i = 0; i <= UNDO_DEPTH; i += 1) await core.call('settings.update', { organization: `課${i}` });
    for (let i = 0; i < UNDO_DEPTH; i += 1) await core.call('app.undo', {});
    expect((await core.call('settings.get', {})).organization).toBe('課0');
    expect(await core.dispatch('app.undo', {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    await core.close();
  });
});

describe('元に戻す across the domains of the demo prefecture', () => {
  let core: Core;
  const counts = async () => Object.fromEntries((await core.call('app.summary', {})).sections.map((s) => [s.section, s.records]));

  // One database for the whole describe: its folder must outlive each test's temporary folders.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-undo-'));
  beforeAll(async () => {
    core = await openCore(path.join(dir, 'undo.sqlite'));
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reverses the whole demo load, built of other operations, and brings it back', async () => {
    await core.call('app.demo.load', {});
    const loaded = await counts();
    expect(loaded).toMatchObject({ masters: 824, fund: 32, subsidy: 79, survey: 1802 });
    // Asked before it is taken back (renderer/src/components/Undo.tsx): the core says what it would take back and how much.
    const { undo } = await core.call('app.history', {});
    expect(undo).toMatchObject({ operation: 'app.demo.load', holds: ['台帳', '基金', '補助金', '調査', '会議・研修', '帳票', '設定'] });
    // Thousands, as the officer counts them (a meeting with its attendees is one record).
    expect(undo!.records).toBeGreaterThan(2000);
    await core.call('app.undo', {});
    expect(await counts()).toMatchObject({ masters: 0, fund: 0, subsidy: 0, survey: 0, meeting: 0, settings: 0 });
    await core.call('app.redo', {});
    expect(await counts()).toEqual({ ...loaded, audit: expect.any(Number) });
    expect((await core.call('settings.get', {})).displayName).toBe('デモ 担当者');
  });

  it('reverses a 基金 version, and a project deleted with its budget lines', async () => {
    const versions = async () => (await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).versions.map((v) => v.label);
    const before = await versions();
    await core.call('fund.versions.create', {
      side: 'medical',
      fiscalYear: 2023,
      kind: 'transfer',
      datedOn: '2024-01-10',
      reason: '執行見込みによる流用',
    });
    expect(await versions()).toEqual([...before, '流用']);
    await core.call('app.undo', {});
    expect(await versions()).toEqual(before);

    const project = await core.call('fund.projects.save', newFundProject('（架空）試しの事業', 2023));
    const { versions: list } = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const line = {
      projectId: project.id,
      fundAmount: 1_500_000,
      otherAmount: 0,
      publicAmount: 0,
      privateAmount: 1_000_000,
      entrustedAmount: 0,
    };
    await core.call('fund.amounts.save', { versionId: list.at(-1)!.id, lines: [line] });
    const amount = async () => (await core.call('fund.year', { side: 'medical', fiscalYear: 2023 })).amounts[project.id]?.fundAmount;
    expect(await amount()).toBe(1_500_000);
    await core.call('fund.projects.delete', { id: project.id });
    expect(await amount()).toBeUndefined();

    await core.call('app.undo', {});
    expect((await core.call('fund.projects.list', { side: 'medical' })).find((p) => p.id === project.id)).toMatchObject({
      name: '（架空）試しの事業',
    });
    expect(await amount()).toBe(1_500_000);
    await core.call('app.redo', {});
    expect(await amount()).toBeUndefined();
  });

  it('reverses a 補助金 交付決定 together with the 基金 spending row it booked, and books it again on redo', async () => {
    await nextYearBudgeted(core);
    const centerId = (await core.call('subsidy.year', { fiscalYear: 2023 })).rows.find((r) => r.center.name.startsWith('佐渡市'))!.center
      .id;
    const inputs = {
      programs: [{ kind: 'operating' as const, code: 'operating', totalCost: 4_600_000, otherIncome: 100_000, eligibleExpense: 4_500_000 }],
    };
    await core.call('subsidy.steps.add', { centerId, fiscalYear: 2024, kind: 'application', datedOn: '2024-04-12', inputs });
    await core.call('subsidy.steps.add', {
      centerId,
      fiscalYear: 2024,
      kind: 'decision',
      datedOn: '2024-05-17',
      orderNo: '新医政第101号',
      amount: 4_453_000,
    });
    const spending = async () =>
      (await core.call('fund.spending.list', { side: 'medical', fiscalYear: 2024 })).filter((s) => s.source === 'subsidy');
    const status = async () => (await core.call('subsidy.center', { centerId, fiscalYear: 2024 })).state.status;
    const booked = [expect.objectContaining({ amount: 4_453_000, payee: '佐渡市在宅医療推進センター', voucherNo: '新医政第101号' })];
    expect(await spending()).toEqual(booked);

    expect(await core.call('app.history', {})).toMatchObject({ undo: { operation: 'subsidy.steps.add' } });
    await core.call('app.undo', {});
    expect(await status()).toBe('applied');
    expect(await spending()).toEqual([]);
    await core.call('app.redo', {});
    expect(await status()).toBe('decided');
    expect(await spending()).toEqual(booked);
  });
});
