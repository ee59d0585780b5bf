/**
 * The core in its own process, driven over the channel the desktop shell
 * uses: the real entry (main.ts, bundled as the build bundles it, with the
 * file-reading worker beside it) forked with child_process.fork over a temp
 * database. Calls come back as the same typed OpResult; a long import's
 * progress is answered while it runs; a print goes back to a printer in this
 * process; closing finishes the queue; a process that dies under a call
 * answers it with a Japanese error and starts again on the same database;
 * on a shared database, another core's committed change comes through as a message.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BuildOptions, buildSync } from 'esbuild';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportDoc } from '@shared/report/model';
import { freshPgDatabase, skipWithoutPg } from '@tests/support/engines';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import type { Printer } from '../kernel/printer';
import { CORE_STOPPED_MESSAGE, CoreClient, CoreOpenError, type CoreProcess } from './client';
import type { FromCore } from './protocol';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-core-process-'));
afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

/**
 * The entry and the worker, side by side as scripts/build.mjs writes them into dist/core, with the PDF writer's fonts
 * beside them — without the small worker of kernel/jobs/ahead.ts, so the long import below also shows a core with no
 * such bundle folding its keys itself.
 */
const entry = (() => {
  const options = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    external: ['better-sqlite3', 'electron', 'playwright-core', 'esbuild'],
  } satisfies BuildOptions;
  buildSync({ ...options, entryPoints: [path.join(__dirname, 'main.ts')], outfile: path.join(bundleDir, 'core-process.cjs') });
  buildSync({
    ...options,
    entryPoints: [path.join(__dirname, '..', 'worker.ts')],
    outfile: path.join(bundleDir, 'worker.cjs'),
  });
  const fonts = path.join(ROOT, 'resources', 'fonts');
  fs.mkdirSync(path.join(bundleDir, 'fonts'));
  for (const file of fs.readdirSync(fonts).filter((f) => f.endsWith('.ttf')))
    fs.copyFileSync(path.join(fonts, file), path.join(bundleDir, 'fonts', file));
  return path.join(bundleDir, 'core-process.cjs');
})();

/** Forks the core as the shell's utilityProcess would start it, keeping each child for the test to look at. */
function forker(children: ChildProcess[] = [], env: NodeJS.ProcessEnv = process.env): () => CoreProcess {
  return () => {
    const child = fork(entry, [], {
      cwd: ROOT,
      env: { ...env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    return {
      // A message to a process that just died is dropped (its exit answers the calls it held), never thrown.
      post: (message) => void (child.connected && child.send(message, () => undefined)),
      onMessage: (listener) => child.on('message', (message) => listener(message as FromCore)),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    };
  };
}

/** A printer standing in for Electron's printToPDF: a real two-page PDF, and the documents it was given. */
function fakePrinter(): Printer & { docs: ReportDoc[]; closed: number } {
  return {
    docs: [],
    closed: 0,
    async print(job) {
      this.docs.push(...job.docs);
      const pdf = await PDFDocument.create();
      pdf.addPage();
      pdf.addPage();
      return { pdf: Buffer.from(await pdf.save()), outcome: { charts: [] } };
    },
    async close() {
      this.closed += 1;
    },
  };
}

/** An institution list of `rows` rows as CSV, base64 as the renderer sends it. */
function institutionCsv(rows: number): string {
  const lines = ['医療機関コード,名称,種別,住所'];
  for (let i = 1; i <= rows; i++) lines.push(`15${String(10_000_000 + i)},医療機関${i},診療所,新潟市中央区${i}番地`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`).toString('base64');
}

describe('the core in its own process', () => {
  it('answers queries and saves, progress during a long import, writes a report’s PDF, and closes cleanly', {
    timeout: 180_000,
  }, async () => {
    const dbPath = path.join(tempDir(), 'channel.sqlite');
    const opened: string[] = [];
    const printer = fakePrinter();
    const children: ChildProcess[] = [];
    const core = await CoreClient.start({ dbPath, spawn: forker(children), printer, onOpen: (file) => opened.push(file) });
    expect(children[0]!.pid).not.toBe(process.pid);
    expect(opened).toEqual([dbPath]);

    expect(await core.dispatch('masters.institutions.list', {})).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
    expect(await core.dispatch('app.demo.load', {})).toMatchObject({ ok: true, value: { prefecture: expect.any(String) } });
    const demo = await core.dispatch('masters.institutions.list', {});
    const demoInstitutions = (demo as { value: { total: number } }).value.total;
    expect(demoInstitutions).toBeGreaterThan(0);
    const saved = await core.dispatch('masters.areas.save', { kind: 'secondary', name: '試験圏域', parentId: null, sortOrder: 0 });
    expect(saved).toMatchObject({ ok: true, value: { name: '試験圏域', kind: 'secondary' } });
    expect(await core.dispatch('masters.areas.save', { kind: 'secondary', name: '', parentId: null, sortOrder: 0 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await core.dispatch('no.such.operation', {})).toEqual({
      ok: false,
      error: { code: 'unknown_operation', message: '「no.such.operation」という操作はありません' },
    });

    // The import's file is read on the core's worker thread, so the core process keeps answering its progress.
    const rows = 20_000;
    let imported: Awaited<ReturnType<CoreClient['dispatch']>> | null = null;
    const importing = core.dispatch(
      'masters.import.commit',
      { kind: 'institutions', fileName: '医療機関.csv', data: institutionCsv(rows), excludeRows: [] },
      { jobId: 'big' },
    );
    void importing.then((result) => (imported = result));
    const whileRunning: unknown[] = [];
    while (imported === null) {
      const progress = await core.dispatch('app.jobs.progress', { jobId: 'big' });
      if (imported === null && progress.ok) whileRunning.push(progress.value);
    }
    expect(await importing).toMatchObject({ ok: true, value: { created: rows } });
    expect(whileRunning.length).toBeGreaterThan(0);
    expect(whileRunning[0]).toMatchObject({ label: expect.any(String) });
    expect(await core.dispatch('app.jobs.progress', { jobId: 'big' })).toEqual({ ok: true, value: null });
    expect(await core.dispatch('masters.institutions.list', {})).toMatchObject({ ok: true, value: { total: demoInstitutions + rows } });

    // The report is built and its PDF written in the core process: the shell's printer is not asked.
    const pdf = await core.dispatch('report.render', { name: 'summary', format: 'pdf' });
    // 登録状況の概要 is one page.
    expect(pdf).toMatchObject({ ok: true, value: { mimeType: 'application/pdf', pages: 1 } });
    expect(printer.docs).toHaveLength(0);
    const printedBack = await PDFDocument.load(Buffer.from((pdf as { value: { data: string } }).value.data, 'base64'));
    expect(printedBack.getPageCount()).toBe(1);

    const exited = new Promise<number | null>((resolve) => children[0]!.once('exit', (code) => resolve(code)));
    await core.close();
    await exited;
    expect(await core.dispatch('masters.institutions.list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    // The kernel closed its printer with it: the shell is told to close the print window.
    expect(printer.closed).toBeGreaterThanOrEqual(1);

    // Closed cleanly: the file opens in this process with everything saved over the channel.
    const again = await Core.open({ dbPath, osUser: 'tester' });
    expect(await again.call('masters.institutions.list', {})).toMatchObject({ total: demoInstitutions + rows });
    expect((await again.call('masters.areas.list', {})).map((a) => a.name)).toContain('試験圏域');
    await again.close();
  });

  it('answers a call with a Japanese error when its process dies, and starts again on the same database', {
    timeout: 120_000,
  }, async () => {
    const dbPath = path.join(tempDir(), 'crash.sqlite');
    const children: ChildProcess[] = [];
    const crashes: (number | null)[] = [];
    const core = await CoreClient.start({ dbPath, spawn: forker(children), onCrash: (code) => crashes.push(code) });
    expect(await core.dispatch('masters.areas.save', { kind: 'secondary', name: '中越', parentId: null, sortOrder: 0 })).toMatchObject({
      ok: true,
    });

    const held = core.dispatch(
      'masters.import.commit',
      { kind: 'institutions', fileName: '医療機関.csv', data: institutionCsv(20_000), excludeRows: [] },
      { jobId: 'held' },
    );
    children[0]!.kill('SIGKILL');
    expect(await held).toEqual({ ok: false, error: { code: 'unavailable', message: CORE_STOPPED_MESSAGE } });
    expect(crashes).toEqual([null]);

    await core.restart();
    expect(children).toHaveLength(2);
    const areas = await core.dispatch('masters.areas.list', {});
    expect(areas).toMatchObject({ ok: true });
    expect((areas as { value: { name: string }[] }).value.map((a) => a.name)).toEqual(['中越']);
    expect(await core.dispatch('masters.institutions.list', {})).toMatchObject({ ok: true, value: { total: 0 } });
    await core.close();
    expect(crashes).toEqual([null]);
  });

  it('reports a database that will not open with the core’s own message, as the shell shows it', async () => {
    const folder = tempDir();
    await expect(CoreClient.start({ dbPath: folder, spawn: forker() })).rejects.toThrow(`データベース「${folder}」を開けません`);
  });

  it('reports a shared database it cannot reach with the code underneath, for the shell to say what to do', {
    timeout: 60_000,
  }, async () => {
    // Nothing listens on port 1 of this machine: the driver's ECONNREFUSED comes back beside the core's message.
    const failure = CoreClient.start({
      dbPath: path.join(tempDir(), 'unused.sqlite'),
      connection: { host: '127.0.0.1', port: 1, database: 'renkei', user: 'yamada' },
      spawn: forker(),
    });
    await expect(failure).rejects.toBeInstanceOf(CoreOpenError);
    await expect(failure).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      message: expect.stringContaining('共有データベース「postgres://yamada@127.0.0.1:1/renkei」に接続できません'),
    });
  });

  it('opens a shared database named in the open message, which carries no password (the shell gives it as PGPASSWORD)', {
    timeout: 120_000,
    skip: skipWithoutPg(),
  }, async () => {
    const { connection, drop } = await freshPgDatabase();
    const { password: _none, ...named } = connection;
    const core = await CoreClient.start({
      dbPath: path.join(tempDir(), 'local.sqlite'),
      connection: named,
      spawn: forker([], { ...process.env, PGPASSWORD: 'given-in-the-environment' }),
    });
    try {
      expect(core.sharedConnection).toEqual(named);
      expect(await core.dispatch('masters.areas.save', { kind: 'secondary', name: '上越', parentId: null, sortOrder: 0 })).toMatchObject({
        ok: true,
      });
      expect(await core.dispatch('masters.areas.list', {})).toMatchObject({ ok: true, value: [{ name: '上越' }] });
      // Saved on the server: a core in this process reads it back.
      const again = await Core.open({ connection, workDir: tempDir() });
      expect((await again.call('masters.areas.list', {})).map((a) => a.name)).toEqual(['上越']);
      await again.close();
    } finally {
      await core.close();
      await drop();
    }
  });

  it('passes on a change another core committed to the shared database, and not its own', {
    timeout: 120_000,
    skip: skipWithoutPg(),
  }, async () => {
    const { connection, drop } = await freshPgDatabase();
    const { password: _none, ...named } = connection;
    let heard = 0;
    let arrived: () => void = () => undefined;
    const core = await CoreClient.start({
      dbPath: path.join(tempDir(), 'local.sqlite'),
      connection: named,
      spawn: forker([], { ...process.env, ...(connection.password ? { PGPASSWORD: connection.password } : {}) }),
      onOtherChanges: () => {
        heard += 1;
        arrived();
      },
    });
    // Someone else's Renkei on the same server (a core in this process).
    const other = await Core.open({ connection, workDir: tempDir() });
    try {
      const next = () => new Promise<void>((resolve) => (arrived = resolve));
      let waiting = next();
      await other.call('masters.areas.save', { kind: 'secondary', name: '佐渡', parentId: null, sortOrder: 0 });
      await waiting;
      expect(heard).toBe(1);
      // The screens refetch and see it.
      expect(await core.dispatch('masters.areas.list', {})).toMatchObject({ ok: true, value: [{ name: '佐渡' }] });

      // Its own save is no news to it. Notices come in commit order, so one for its own save would have come before
      // the other core's next one, and counted one more by the time that one has surely arrived.
      expect(await core.dispatch('masters.areas.save', { kind: 'secondary', name: '魚沼', parentId: null, sortOrder: 1 })).toMatchObject({
        ok: true,
      });
      waiting = next();
      await other.call('settings.update', { displayName: '田中' });
      await waiting;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(heard).toBe(2);
    } finally {
      await other.close();
      await core.close();
      await drop();
    }
  });

  it('writes a report’s PDF itself when the shell has no printer', { timeout: 60_000 }, async () => {
    const core = await CoreClient.start({ dbPath: path.join(tempDir(), 'noprinter.sqlite'), spawn: forker() });
    const pdf = await core.dispatch('report.render', { name: 'summary', format: 'pdf' });
    expect(pdf).toMatchObject({ ok: true, value: { mimeType: 'application/pdf' } });
    const read = await PDFDocument.load(Buffer.from((pdf as { value: { data: string } }).value.data, 'base64'));
    expect(read.getPageCount()).toBeGreaterThan(0);
    await core.close();
  });
});
