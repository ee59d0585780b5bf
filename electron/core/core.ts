/**
 * The core: one open database and the single path every operation takes —
 * validate with the shared schema, run the handler (mutations in one
 * transaction with their audit entries), and turn failures into typed errors.
 * Operations run one at a time, so a restore never races a query.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import {
  type BackupInfo,
  type DatabaseInfo,
  isOpName,
  type OpName,
  type OpOutput,
  type OpInput,
  type OpResult,
  operations,
  parseInput,
  RenkeiError,
} from '../../shared/contract';
import type { BackupReason } from '../../shared/contract/backup';
import { isoDateOfLocal } from '../../shared/dates';
import { type AuditWriter, auditWriter } from './audit/app';
import { backupPath, listBackups, pruneBackups, writeBackup } from './backup/files';
import type { AuditRecord, MutationContext } from './context';
import { MIGRATIONS } from './db/migrations';
import { Job, JobBoard } from './jobs/job';
import { readStepOf } from './jobs/read-first';
import { openDatabase, type OpenOptions } from './db/open';
import type { Db, Trx } from './db/schema';
import { registry } from './registry';
import type { Printer } from './report/printer';
import { readSettings } from './settings/app';
import { APP_VERSION } from './version';

export interface CoreOptions {
  dbPath: string;
  /** better-sqlite3 build for this runtime; the shell passes Electron's. */
  nativeBinding?: string;
  /** OS user recorded in the audit log; defaults to the logged-in user. */
  osUser?: string;
  /** Clock, replaceable in tests. */
  now?: () => Date;
  /** Called whenever a database file has been opened (start-up, switch, restore). */
  onOpen?: (dbPath: string) => void;
  /** Where unexpected errors are reported (stack traces never reach the user). */
  logError?: (error: unknown) => void;
  /** Replaces the program's migrations (tests of an upgrade). */
  migrations?: OpenOptions['migrations'];
}

type Handler = (input: unknown, ctx: unknown) => Promise<unknown>;

/** Answered at once, never queued: they are about an operation that may hold the queue. */
const ANSWERED_AT_ONCE: ReadonlySet<string> = new Set<OpName>(['app.jobs.progress', 'app.jobs.cancel']);

/** Refuses a backup this program cannot open (damaged, or from a newer Renkei) before it replaces anything. */
function checkRestorable(file: string, name: string, nativeBinding: string | undefined, migrations: CoreOptions['migrations']): void {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
    if (db.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('quick_check');
    const known = migrations ?? MIGRATIONS;
    const applied = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get()
      ? (db.prepare('SELECT name FROM kysely_migration').pluck().all() as string[])
      : [];
    const unknown = applied.filter((m) => !(m in known));
    if (unknown.length > 0) {
      throw new RenkeiError('newer_database', `バックアップ「${name}」は新しいバージョンの Renkei で作られているため、このバージョンでは復元できません。現在のデータはそのままです。`);
    }
  } catch (error) {
    if (error instanceof RenkeiError) throw error;
    throw new RenkeiError('io', `バックアップ「${name}」は壊れているため復元できません。現在のデータはそのままです。`);
  } finally {
    db?.close();
  }
}

function defaultOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? '不明';
  }
}

async function totalChanges(db: Trx): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(db);
  return rows[0]!.n;
}

export class Core {
  readonly appVersion = APP_VERSION;
  private raw!: BetterSqlite3.Database;
  private writeAudit!: AuditWriter;
  private database!: Db;
  private path: string;
  private applied: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private changes = 0;
  private readonly now: () => Date;
  private readonly osUser: string;
  private reportPrinter: Printer | null = null;
  /** Operations running as jobs, to report their progress and cancel them. */
  readonly jobs = new JobBoard();

  private constructor(private readonly options: CoreOptions) {
    this.path = path.resolve(options.dbPath);
    this.now = options.now ?? (() => new Date());
    this.osUser = options.osUser ?? defaultOsUser();
  }

  /** Opens the database (creating and migrating it as needed) and takes the daily backup. */
  static async open(options: CoreOptions): Promise<Core> {
    const core = new Core(options);
    await core.load(core.path);
    return core;
  }

  get dbPath(): string {
    return this.path;
  }

  /**
   * Counts committed mutations, commands and database switches, so an
   * in-memory index can tell it is stale.
   */
  get revision(): number {
    return this.changes;
  }

  /** The time now, by the clock the core was given (tests fix it). */
  clock(): Date {
    return this.now();
  }

  /**
   * What prints reports to PDF: headless Chromium behind the loopback host and
   * the CLI, Electron's printToPDF in the desktop app. Without one, PDF output
   * is refused with a message saying why. Closed with the core.
   */
  usePrinter(printer: Printer | null): void {
    this.reportPrinter = printer;
  }

  get printer(): Printer | null {
    return this.reportPrinter;
  }

  databaseInfo(): DatabaseInfo {
    const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
    return {
      path: this.path,
      sizeBytes: size(this.path) + size(`${this.path}-wal`),
      schemaVersion: this.applied.at(-1) ?? '',
      migrations: this.applied.length,
    };
  }

  /**
   * Runs an operation by name; never throws. This is what IPC and the host call.
   * With a `jobId`, its progress can be asked and it can be cancelled; an
   * operation that reads files first (readFirst) reads them off the queue.
   */
  dispatch(name: string, rawInput: unknown, options: { jobId?: string } = {}): Promise<OpResult<unknown>> {
    const job = this.jobs.start(options.jobId);
    const result = async (work: () => Promise<unknown>): Promise<OpResult<unknown>> => {
      try {
        return { ok: true, value: await work() };
      } catch (error) {
        if (error instanceof RenkeiError) return { ok: false, error: error.toOpError() };
        (this.options.logError ?? console.error)(error);
        return {
          ok: false,
          error: { code: 'internal', message: `処理中に予期しないエラーが発生しました（${(error as Error).message}）。操作は取り消されました。` },
        };
      }
    };
    const counted = async () => {
      job.report(operations[name as OpName]?.kind === 'query' ? '内容を確かめています' : '書き込んでいます');
      const done = await result(() => this.execute(name, rawInput, job));
      if (operations[name as OpName]?.kind !== 'query') this.changes += 1;
      return done;
    };
    const enqueue = () => {
      job.report('ほかの処理が終わるのを待っています');
      const next = this.queue.then(counted, counted);
      this.queue = next;
      return next;
    };
    const read = isOpName(name) ? readStepOf(registry[name]) : null;
    const answer = ANSWERED_AT_ONCE.has(name)
      ? result(() => this.execute(name, rawInput, job))
      : read
        ? result(async () => {
            job.ahead = { value: await read(parseInput(operations[name as OpName], rawInput), job) };
          }).then((ahead) => (ahead.ok ? enqueue() : ahead))
        : enqueue();
    return answer.finally(() => this.jobs.end(job));
  }

  /** Typed call for the CLI and tests: the result, or a thrown RenkeiError. */
  async call<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
    const result = await this.dispatch(name, input);
    if (!result.ok) throw new RenkeiError(result.error.code, result.error.message, { path: result.error.path, issues: result.error.issues });
    return result.value as OpOutput<N>;
  }

  async close(): Promise<void> {
    this.jobs.cancelAll();
    await this.queue.catch(() => undefined);
    await this.reportPrinter?.close();
    await this.database.destroy();
  }

  /** A backup of the open database now; prunes old ones to the kept number. */
  async backup(reason: BackupReason): Promise<BackupInfo> {
    const info = await writeBackup(this.raw, this.path, reason, this.now());
    pruneBackups(this.path, Math.max((await readSettings(this.database)).backupKeep, 1));
    await this.recordCommand('backup.create', { entity: 'backup', entityId: info.name, before: null, after: info });
    return info;
  }

  /** Replaces the open database with a backup, after backing up the current one. */
  async restore(name: string): Promise<{ restored: BackupInfo; safetyBackup: BackupInfo }> {
    const source = backupPath(this.path, name);
    const restored = listBackups(this.path).find((b) => b.name === name)!;
    const safetyBackup = await writeBackup(this.raw, this.path, 'restore', this.now());
    const staged = `${this.path}.restoring`;
    fs.copyFileSync(source, staged);
    try {
      checkRestorable(staged, name, this.options.nativeBinding, this.options.migrations);
    } catch (error) {
      fs.rmSync(staged, { force: true });
      throw error;
    }
    await this.database.destroy();
    const replace = (file: string) => {
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${this.path}${suffix}`, { force: true });
      fs.renameSync(file, this.path);
    };
    replace(staged);
    try {
      await this.load(this.path);
    } catch (error) {
      // Put back what was there, so a failed restore never leaves the user without a database.
      const back = `${this.path}.restoring`;
      fs.copyFileSync(backupPath(this.path, safetyBackup.name), back);
      replace(back);
      await this.load(this.path);
      throw error;
    }
    await this.recordCommand('backup.restore', {
      entity: 'database',
      entityId: path.basename(this.path),
      before: { backup: safetyBackup.name },
      after: { restoredFrom: name },
    });
    return { restored, safetyBackup };
  }

  /** Closes this database and opens another file (created if missing). */
  async switchTo(file: string): Promise<void> {
    const target = path.resolve(file);
    if (target === this.path) return;
    const previous = this.path;
    await this.database.destroy();
    try {
      await this.load(target);
    } catch (error) {
      await this.load(previous);
      throw error;
    }
  }

  private async load(file: string): Promise<void> {
    const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
    const opened = await openDatabase(file, {
      nativeBinding: this.options.nativeBinding,
      migrations: this.options.migrations,
      beforeMigrate: async (raw) => {
        await writeBackup(raw, file, 'migration', this.now());
      },
    });
    this.raw = opened.raw;
    this.insertStatements.clear();
    this.writeAudit = auditWriter(opened.raw);
    this.database = opened.db;
    this.path = file;
    this.applied = opened.applied;
    if (existed) await this.dailyBackup();
    this.options.onOpen?.(file);
  }

  private async dailyBackup(): Promise<void> {
    const today = isoDateOfLocal(this.now());
    const last = listBackups(this.path)[0];
    if (last && isoDateOfLocal(new Date(last.createdAt)) === today) return;
    await this.backup('daily');
  }

  private async execute(name: string, rawInput: unknown, job: Job): Promise<unknown> {
    if (!isOpName(name)) throw new RenkeiError('unknown_operation', `「${name}」という操作はありません`);
    job.throwIfCancelled();
    const def = operations[name];
    const input = parseInput(def, rawInput);
    const handler = registry[name] as Handler;
    if (def.kind === 'query') return handler(input, { db: this.database, core: this, job });
    if (def.kind === 'command') return handler(input, { core: this });
    return this.mutate(name, handler, input, job);
  }

  private async mutate(name: OpName, handler: Handler, input: unknown, job: Job): Promise<unknown> {
    return this.database.transaction().execute(async (trx) => {
      const actor = { osUser: this.osUser, displayName: (await readSettings(trx)).displayName };
      const records: AuditRecord[] = [];
      const changesBefore = await totalChanges(trx);
      const ctx: MutationContext = { db: trx, core: this, actor, audit: (r: AuditRecord) => records.push(r), bulkInsert: this.bulkInsert, ops: { call: (n, i) => this.nested(n, i, ctx) }, job };
      const value = await handler(input, ctx);
      // Cancelled while it ran: the transaction rolls back, nothing is written.
      job.throwIfCancelled();
      if ((await totalChanges(trx)) > changesBefore && records.length === 0) {
        throw new Error(`操作「${name}」が監査ログなしで書き込もうとしました`);
      }
      this.writeAudit(name, actor, this.now(), records);
      return value;
    });
  }

  /** An operation run by another inside its transaction (MutationContext.ops). */
  private async nested<N extends OpName>(name: N, rawInput: unknown, ctx: MutationContext): Promise<OpOutput<N>> {
    const def = operations[name];
    const input = parseInput(def, rawInput);
    const handler = registry[name] as Handler;
    const job = ctx.job.inner();
    if (def.kind === 'query') return (await handler(input, { db: ctx.db, core: this, job })) as OpOutput<N>;
    // Who is working is read again: an earlier step of the same operation may have set it (the demo's settings).
    if (def.kind === 'mutation') return (await handler(input, { ...ctx, job, actor: { ...ctx.actor, displayName: (await readSettings(ctx.db)).displayName } })) as OpOutput<N>;
    throw new Error(`操作「${name}」はデータベース全体に働くため、ほかの操作の中からは呼べません`);
  }

  private readonly insertStatements = new Map<string, BetterSqlite3.Statement>();

  /** See MutationContext.bulkInsert; runs on the connection the open transaction holds. */
  private readonly bulkInsert = (table: string, rows: readonly Record<string, unknown>[]): number[] => {
    if (rows.length === 0) return [];
    const columns = Object.keys(rows[0]!);
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const text = `INSERT INTO ${snake(table)} (${columns.map(snake).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    let statement = this.insertStatements.get(text);
    if (!statement) {
      statement = this.raw.prepare(text);
      this.insertStatements.set(text, statement);
    }
    const insert = statement;
    return rows.map((row) => Number(insert.run(...columns.map((c) => row[c] ?? null)).lastInsertRowid));
  };

  private async recordCommand(operation: string, record: AuditRecord): Promise<void> {
    const actor = { osUser: this.osUser, displayName: (await readSettings(this.database)).displayName };
    this.writeAudit(operation, actor, this.now(), [record]);
  }
}
