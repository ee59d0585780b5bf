/**
 * A long import as a job, through core.dispatch as the host and IPC call it:
 * while its file is read (on a worker, off the queue) a query and a save
 * complete; its progress is answered at once; cancelling it ends it with the
 * one cancellation message and nothing written — also once the file is read
 * and its rows are being checked. And what the worker refuses comes back as
 * the same Japanese error as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { JOB_CANCELLED_MESSAGE } from '@shared/contract';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

async function openCore() {
  return Core.open({ dbPath: path.join(tempDir(), 'jobs.sqlite'), osUser: 'tester' });
}

/** An institution list of `rows` rows as a workbook, base64 as the renderer sends it. */
async function institutionBook(rows: number): Promise<string> {
  const file = path.join(tempDir(), '医療機関.xlsx');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = book.addWorksheet('医療機関');
  sheet.addRow(['医療機関コード', '名称', '種別', '住所']).commit();
  for (let i = 1; i <= rows; i++) sheet.addRow([`15${String(10_000_000 + i)}`, `医療機関${i}`, '診療所', `新潟市中央区${i}番地`]).commit();
  sheet.commit();
  await book.commit();
  return fs.readFileSync(file).toString('base64');
}

describe('a long import as a job', () => {
  it('lets a query and a save complete while it reads, answers its progress at once, and when cancelled writes nothing', {
    timeout: 180_000,
  }, async () => {
    const core = await openCore();
    const data = await institutionBook(60_000);
    let importEnded = false;
    const importing = core.dispatch(
      'masters.import.commit',
      { kind: 'institutions', fileName: '医療機関.xlsx', data, excludeRows: [] },
      { jobId: 'import-1' },
    );
    void importing.then(() => (importEnded = true));

    // Both go through the queue the import would have held.
    const saved = await core.call('settings.update', { displayName: '田中 一郎' });
    const summary = await core.call('app.summary', {});
    expect(saved.displayName).toBe('田中 一郎');
    expect(summary.sections.find((s) => s.section === 'masters')).toBeDefined();
    expect(importEnded).toBe(false);

    const progress = await core.call('app.jobs.progress', { jobId: 'import-1' });
    expect(progress?.label).toMatch(/ファイルを/);
    expect(await core.call('app.jobs.cancel', { jobId: 'import-1' })).toEqual({ cancelled: true });
    expect(await importing).toEqual({ ok: false, error: { code: 'refused', message: JOB_CANCELLED_MESSAGE } });
    expect(JOB_CANCELLED_MESSAGE).toBe('中止しました。何も書き込んでいません。');

    expect(await core.call('masters.institutions.list', {})).toMatchObject({ total: 0 });
    const audit = await core.call('audit.list', {});
    expect(audit.entries.map((e) => e.operation)).toEqual(['settings.update']);
    // Ended: nothing to report, nothing to cancel.
    expect(await core.call('app.jobs.progress', { jobId: 'import-1' })).toBeNull();
    expect(await core.call('app.jobs.cancel', { jobId: 'import-1' })).toEqual({ cancelled: false });
    await core.close();
  });

  it('stops checking a large file’s rows when its preview is cancelled, with the cancellation message', { timeout: 180_000 }, async () => {
    const core = await openCore();
    const lines = ['医療機関コード,名称,住所'];
    for (let i = 1; i <= 80_000; i++) lines.push(`15${String(10_000_000 + i)},医療機関${i},新潟市中央区${i}番地`);
    const data = Buffer.from(lines.join('\r\n')).toString('base64');
    const previewing = core.dispatch(
      'masters.import.preview',
      { kind: 'institutions', fileName: '医療機関.csv', data },
      { jobId: 'check-1' },
    );
    // The file is read (on the worker); the rows are being checked on the core's thread.
    for (;;) {
      const progress = await core.call('app.jobs.progress', { jobId: 'check-1' });
      if (progress?.label === '内容を確かめています' && progress.done > 0) break;
      expect(progress, 'the check ended before it could be cancelled').not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await core.call('app.jobs.cancel', { jobId: 'check-1' })).toEqual({ cancelled: true });
    expect(await previewing).toEqual({ ok: false, error: { code: 'refused', message: JOB_CANCELLED_MESSAGE } });
    expect(await core.call('app.jobs.progress', { jobId: 'check-1' })).toBeNull();
    await core.close();
  });

  it('imports the same file whole when not cancelled, reading it on the worker', { timeout: 180_000 }, async () => {
    const core = await openCore();
    const data = await institutionBook(2_000);
    const preview = await core.call('masters.import.preview', { kind: 'institutions', fileName: '医療機関.xlsx', data });
    expect(preview).toMatchObject({ source: 'Excel（シート「医療機関」）', totalRows: 2_000, counts: { new: 2_000, error: 0 } });
    expect(await core.call('masters.import.commit', { kind: 'institutions', fileName: '医療機関.xlsx', data })).toMatchObject({
      created: 2_000,
    });
    await core.close();
  });

  it('refuses a cancelled call that had not arrived yet, before reading anything', async () => {
    const core = await openCore();
    expect(await core.call('app.jobs.cancel', { jobId: 'early' })).toEqual({ cancelled: false });
    const data = Buffer.from('医療機関コード,名称\r\n1510000001,A病院\r\n').toString('base64');
    expect(await core.dispatch('masters.import.commit', { kind: 'institutions', fileName: 'a.csv', data }, { jobId: 'early' })).toEqual({
      ok: false,
      error: { code: 'refused', message: JOB_CANCELLED_MESSAGE },
    });
    await core.close();
  });

  it('gives the reader’s refusal of a file over the limits as the operation’s error', { timeout: 120_000 }, async () => {
    const core = await openCore();
    const line = `${Array.from({ length: 30 }, (_, i) => i).join(',')}\r\n`;
    const data = Buffer.from(line.repeat(100_001)).toString('base64');
    const result = await core.dispatch('masters.import.preview', { kind: 'institutions', fileName: '全部.csv', data });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!result.ok && result.error.message).toContain('ファイル「全部.csv」はセルが 3,000,000 個を超え');
    await core.close();
  });
});
