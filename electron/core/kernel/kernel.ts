/**
 * The kernel: one open database and the single path every operation takes —
 * validate with the shared schema, run the handler (mutations in one
 * transaction with their audit entries), and turn failures into typed errors.
 * Operations run one at a time, so a restore never races a query.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type AuditEntity,
  type BackupInfo,
  type DatabaseInfo,
  isOpName,
  type OpInput,
  type OpName,
  type OpOutput,
  type OpResult,
  operations,
  parseInput,
  RenkeiError,
  type Session,
  type WriteWait,
} from '@shared/contract';
import type { BackupReason, MoveResult } from '@shared/contract/backup';
import type { ReadOnlyCopyInfo } from '@shared/contract/home';
import { refusalFor } from '@shared/contract/permissions';
import { isoDateOfLocal } from '@shared/dates';
import { readCopyMark, readOnlyRefusal, type SnapshotRequest, writeSnapshot } from './backup/copy';
import { backupPath, listBackups, pruneBackups, refuseBackupAsDatabase, removeLeftovers, removeTemp, writeBackup } from './backup/files';
import { checkRestorable, replaceContent, stageBackup } from './backup/restore';
import type { Actor, AuditRecord, CoreControl, MutationContext } from './context';
import { busyRefusal } from './db/dialect';
import { notInSharedMode } from './db/engine';
import { journalModeFor, withExclusiveHold } from './db/hold';
import { fileIdentity, sameFile } from './db/identity';
import { MIGRATIONS } from './db/migrations';
import { copyFileToServer, copyServerToFile, refuseExisting } from './db/move';
import { announceChange, listenForChanges, type StopListening } from './db/notify';
import { missingFileError, type OpenOptions, openRaw } from './db/open';
import {
  deadlockRefusal,
  lockWaitRefusal,
  lostServerRefusal,
  openPostgresEngine,
  type PgConnection,
  type PostgresEngine,
  sharedWorkPath,
} from './db/postgres';
import { deniedRefusal, readSession } from './db/roles';
import type { Db, Reader } from './db/schema';
import { openSqliteEngine, type SqliteEngine } from './db/sqlite';
import type { Registry } from './handlers';
import { type Job, JobBoard } from './jobs/job';
import { readStepOf } from './jobs/read-first';
import type { ChangeJournal } from './journal';
import type { Printer } from './printer';
import { checkReferences, foreignKeyRefusal } from './references';
import { readSettings } from './settings';
import { APP_VERSION } from './version';
import { savingAs } from './versions';

/** What shared mode says instead of a backup or a restore: the server's data is backed up on the server. */
/** Why Renkei makes no backup of a shared database, as the home page says it: the server's administrator does. */
const BACKED_UP_ON_SERVER = '共有データベースのバックアップは、サーバーの管理者がサーバーで取ります（pg_dump）。';
const NO_SHARED_BACKUP = `${BACKED_UP_ON_SERVER}ある時点の内容を手元に残すときは、設定 › この PC に写しを作る を使ってください。`;
const NO_SHARED_RESTORE = `${BACKED_UP_ON_SERVER}以前の状態に戻したいときは、サーバーの管理者に相談してください。`;

/**
 * Which database to open: a file (`dbPath`, embedded SQLite, the default) or
 * a server (`connection`, shared PostgreSQL). Exactly one of the two.
 */
export interface CoreOptions {
  dbPath?: string;
  /** A PostgreSQL database shared by a team, instead of a file. */
  connection?: PgConnection;
  /** Shared mode: the folder under which outputs go (there is no database file to put them beside); ~/Renkei by default. */
  workDir?: string;
  /** better-sqlite3 build for this runtime; the shell passes Electron's. */
  nativeBinding?: string;
  /** OS user recorded in the audit log; defaults to the logged-in user. */
  osUser?: string;
  /** Clock, replaceable in tests. */
  now?: () => Date;
  /** Called whenever a database file has been opened (start-up, switch, restore); not for a shared database. */
  onOpen?: (dbPath: string) => void;
  /** Where unexpected errors are reported (stack traces never reach the user). */
  logError?: (error: unknown) => void;
  /** Replaces the program's migrations (tests of an upgrade). */
  migrations?: OpenOptions['migrations'];
  /** Overrides the detection of a network share (tests). */
  networkLocation?: boolean;
  /** Shared mode: how long a save waits for a row another login is writing before it gives up (WRITE_WAIT_MS; tests shorten it). */
  writeWaitMs?: number;
  /**
   * Whether a `dbPath` not there becomes a new database (true unless said: a start makes its database, as the first
   * one does). The desktop gives false for the file it remembers, so a moved folder is reported, not replaced by an
   * empty database.
   */
  create?: boolean;
}

type Handler = (input: unknown, ctx: unknown) => Promise<unknown>;

/** Answered at once, never queued: they are about an operation that may hold the queue. */
const ANSWERED_AT_ONCE: ReadonlySet<string> = new Set<OpName>(['app.jobs.progress', 'app.jobs.cancel', 'app.writeWait']);

function defaultOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? '不明';
  }
}

/** What to open: a file (made if not there only when `create`), or a server. */
type Target = { file: string; create?: boolean } | { connection: PgConnection };

export class Kernel implements CoreControl {
  readonly appVersion = APP_VERSION;
  /** The open database behind the port (db/engine.ts). */
  private engine!: SqliteEngine | PostgresEngine;
  /** Who works: on a file its one user (県・担当), on a server the signed-in login (db/roles.ts). */
  private who!: Session;
  private path: string;
  private queue: Promise<unknown> = Promise.resolve();
  private changes = 0;
  /** The revision at which each kind of record was last written (its audit entity), and at which a command last acted on the whole file. */
  private readonly entityChanges = new Map<AuditEntity, number>();
  private wholeChange = 0;
  /** The entities the mutation now committing recorded changes to. */
  private committing: Set<AuditEntity> | null = null;
  private readonly now: () => Date;
  private readonly osUser: string;
  private reportPrinter: Printer | null = null;
  /** Set when the open file is a read-only meeting copy: every change is refused. */
  private copyMark: ReadOnlyCopyInfo | null = null;
  /** The daily backup's failure at start-up, said on the home until a backup succeeds. */
  private dailyBackupFailure: string | null = null;
  /** Operations running as jobs, to report their progress and cancel them. */
  readonly jobs = new JobBoard();
  /** Shared mode: this core's name on the changes channel (its own announcements are not news to it), and how to stop hearing the others'. */
  private readonly origin = crypto.randomBytes(8).toString('hex');
  private stopListening: StopListening | null = null;
  private readonly changeListeners = new Set<() => void>();
  /** Set when the signed-in person's account was stopped while they worked: their connections are closed, every call answers this. */
  private ended: RenkeiError | null = null;

  private constructor(
    private readonly options: CoreOptions,
    /** Every operation's handler, composed by the registry (the kernel knows no domain itself). */
    private readonly registry: Registry,
  ) {
    if ((options.dbPath === undefined) === (options.connection === undefined))
      throw new Error('CoreOptions: give either dbPath or connection');
    this.path = options.connection ? sharedWorkPath(options.connection, options.workDir) : path.resolve(options.dbPath!);
    this.now = options.now ?? (() => new Date());
    this.osUser = options.osUser ?? defaultOsUser();
  }

  /** Opens the database (creating and migrating it as needed) and takes the daily backup. */
  static async open(options: CoreOptions, registry: Registry): Promise<Kernel> {
    const core = new Kernel(options, registry);
    await core.load(options.connection ? { connection: options.connection } : { file: core.path, create: options.create ?? true });
    return core;
  }

  /** The open database's change journal (元に戻す / やり直す). */
  get journal(): ChangeJournal {
    return this.engine.journal;
  }

  /** The open database (the kernel's own reads and the tests). */
  get database(): Db {
    return this.engine.db;
  }

  /**
   * The database file; in shared mode, a place in the work folder (no file
   * there) whose folder holds the outputs.
   */
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

  /**
   * The revision at which records of these kinds (audit entities) last
   * changed, or any command acted on the whole database: an index of one
   * kind of record stays valid across writes to others.
   */
  revisionOf(...entities: AuditEntity[]): number {
    let at = this.wholeChange;
    for (const entity of entities) at = Math.max(at, this.entityChanges.get(entity) ?? 0);
    return at;
  }

  /**
   * Calls `listener` whenever someone else committed a change to the shared
   * database (the screens refetch); returns how to stop. Never called on a file.
   */
  onOtherChanges(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  /** Another core's announced change: indexes of those records are stale, and the screens are told. */
  private otherChanged(entities: AuditEntity[] | null): void {
    this.changes += 1;
    if (entities === null) this.wholeChange = this.changes;
    else for (const entity of entities) this.entityChanges.set(entity, this.changes);
    // 利用停止 and a new role apply at once to whoever is signed in: read before the screens' refetch (queued behind it).
    if (entities === null || entities.includes('account')) {
      const reread = this.queue.then(
        () => this.readSessionAgain(),
        () => this.readSessionAgain(),
      );
      this.queue = reread.catch((error) => (this.options.logError ?? console.error)(error));
    }
    for (const listener of this.changeListeners) listener();
  }

  /**
   * Shared mode: who is signed in, read again (their role may have changed).
   * An account stopped meanwhile ends the session: its connections are
   * closed and every later call is refused with readSession's message.
   */
  private async readSessionAgain(): Promise<void> {
    if (this.ended) throw this.ended;
    if (this.engine.kind !== 'postgres') return;
    try {
      this.who = await readSession(this.engine.db, this.osUser);
    } catch (error) {
      if (!(error instanceof RenkeiError) || error.code !== 'unauthorized') throw error;
      this.ended = error;
      await this.closeEngine();
      for (const listener of this.changeListeners) listener();
      throw error;
    }
  }

  /** Whether the signed-in person's session ended (their account was stopped while they worked). */
  get sessionEnded(): boolean {
    return this.ended !== null;
  }

  /** Who is signed in, and in which role. */
  get session(): Session {
    return this.who;
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

  /** A save waiting for another program's write to the database, and for how long; null when none waits. */
  async writeWait(): Promise<WriteWait | null> {
    const waited = await this.engine.writeWaited();
    return waited === null ? null : { waitedMs: waited };
  }

  backupFailure(): string | null {
    return this.dailyBackupFailure;
  }

  databaseInfo(): DatabaseInfo {
    const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
    const { engine } = this;
    return {
      path: engine.location,
      // The server's size is the IT department's to watch (pg_database_size); a file's is the user's.
      sizeBytes: engine.kind === 'sqlite' ? size(this.path) + size(`${this.path}-wal`) : 0,
      schemaVersion: engine.applied.at(-1) ?? '',
      migrations: engine.applied.length,
      networkLocation: engine.kind === 'sqlite' && engine.networkLocation,
      readOnlyCopy: this.copyMark,
    };
  }

  /**
   * The open database file, for what only a file can do (backups, restores,
   * the same-file check); in shared mode, a refusal naming `doing` and what
   * to do `instead`.
   */
  private fileEngine(doing: string, instead: string): SqliteEngine {
    if (this.engine.kind === 'postgres') throw notInSharedMode(doing, instead);
    return this.engine;
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
        const refused =
          foreignKeyRefusal(error) ??
          busyRefusal(error) ??
          (this.engine.kind === 'postgres'
            ? (lostServerRefusal(error, this.engine.connection) ?? lockWaitRefusal(error) ?? deadlockRefusal(error))
            : null) ??
          deniedRefusal(error, isOpName(name) ? operations[name].label : name, this.who);
        if (refused) return { ok: false, error: refused.toOpError() };
        (this.options.logError ?? console.error)(error);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `処理中に予期しないエラーが発生しました（${(error as Error).message}）。操作は取り消されました。`,
          },
        };
      }
    };
    const counted = async () => {
      job.report(operations[name as OpName]?.kind === 'query' ? '内容を確かめています' : '書き込んでいます');
      this.committing = null;
      const done = await result(() => this.execute(name, rawInput, job));
      const kind = operations[name as OpName]?.kind;
      if (kind !== 'query') {
        this.changes += 1;
        // A command (restore, switch, demo) may change anything; a mutation changed what it audited.
        // (Set by mutate() during the await above; TypeScript cannot see that.)
        const touched = this.committing as Set<AuditEntity> | null;
        if (kind !== 'mutation') this.wholeChange = this.changes;
        // A refused mutation rolled back: nothing changed.
        else for (const entity of touched ?? []) this.entityChanges.set(entity, this.changes);
      }
      this.committing = null;
      return done;
    };
    const enqueue = () => {
      job.report('ほかの処理が終わるのを待っています');
      const next = this.queue.then(counted, counted);
      this.queue = next;
      return next;
    };
    // A meeting copy refuses a change before it reads any file for it (execute says so).
    const refused = this.copyMark !== null && isOpName(name) && operations[name].kind === 'mutation';
    const read = isOpName(name) && !refused ? readStepOf(this.registry[name]) : null;
    const answer = ANSWERED_AT_ONCE.has(name)
      ? result(() => this.execute(name, rawInput, job))
      : read
        ? result(async () => {
            const input = parseInput(operations[name as OpName], rawInput);
            job.ahead = { input, value: await read(input, job) };
          }).then((ahead) => (ahead.ok ? enqueue() : ahead))
        : enqueue();
    return answer.finally(() => this.jobs.end(job));
  }

  /** Typed call for the CLI and tests: the result, or a thrown RenkeiError. */
  async call<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
    const result = await this.dispatch(name, input);
    if (!result.ok)
      throw new RenkeiError(result.error.code, result.error.message, { path: result.error.path, issues: result.error.issues });
    return result.value as OpOutput<N>;
  }

  async close(): Promise<void> {
    this.jobs.cancelAll();
    await this.queue.catch(() => undefined);
    await this.reportPrinter?.close();
    // An ended session's connections are closed already.
    if (!this.ended) await this.closeEngine();
  }

  private async closeEngine(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
    await this.engine.close();
  }

  /** A backup of the open database now; prunes old ones to the kept number. */
  async backup(reason: BackupReason): Promise<BackupInfo> {
    const { raw } = this.fileEngine('バックアップ', NO_SHARED_BACKUP);
    await this.checkSameFile();
    const info = await writeBackup(raw, this.path, reason, this.now());
    this.dailyBackupFailure = null;
    pruneBackups(this.path, Math.max((await readSettings(this.engine.db)).backupKeep, 1));
    await this.recordCommand('backup.create', { entity: 'backup', entityId: info.name, before: null, after: info });
    return info;
  }

  /**
   * Replaces the open database's content with a backup's, after backing up the
   * current one. Refused while another process has the file open; the file
   * itself stays in place (see backup/restore.ts).
   */
  async restore(name: string): Promise<{ restored: BackupInfo; safetyBackup: BackupInfo }> {
    if (this.copyMark) throw readOnlyRefusal(this.copyMark);
    const { raw: current, networkLocation } = this.fileEngine('バックアップからの復元', NO_SHARED_RESTORE);
    await this.checkSameFile();
    const source = backupPath(this.path, name);
    const restored = listBackups(this.path).find((b) => b.name === name)!;
    const migrations = this.options.migrations ?? MIGRATIONS;
    const staged = stageBackup(source, this.path, name);
    const mode = journalModeFor(networkLocation);
    const restorer = await this.actor(this.engine.db);
    let safetyBackup: BackupInfo;
    try {
      checkRestorable(staged, name, this.options.nativeBinding, migrations);
      safetyBackup = await withExclusiveHold(current, this.path, '復元', mode, async () => {
        // Under the hold, so the safety backup holds every save confirmed before the restore.
        const safety = await writeBackup(current, this.path, 'restore', this.now());
        replaceContent(current, staged, { history: 'drop' });
        return safety;
      });
    } finally {
      removeTemp(staged);
    }
    await this.engine.close();
    try {
      await this.load({ file: this.path });
    } catch (error) {
      // An older backup that will not migrate: put back what was there, so the user is never left without a database.
      const back = stageBackup(backupPath(this.path, safetyBackup.name), this.path, safetyBackup.name);
      const raw = openRaw(this.path, this.options.nativeBinding);
      try {
        await withExclusiveHold(raw, this.path, '復元', mode, () => replaceContent(raw, back, { history: 'keep' }));
      } finally {
        raw.close();
        removeTemp(back);
      }
      await this.load({ file: this.path });
      throw error;
    }
    // The entries made after the backup point left the log with the rest; the entry names the backup that keeps them.
    // The journal marks the restore with it: 元に戻す stops there and names that backup.
    const record = {
      entity: 'database',
      entityId: path.basename(this.path),
      before: {},
      after: { restoredFrom: name, backup: safetyBackup.name },
    } as const;
    const engine = this.fileEngine('バックアップからの復元', NO_SHARED_RESTORE);
    await engine.db.transaction().execute(async (trx) => {
      await engine.writeAudit(trx, 'backup.restore', restorer, this.now(), [record]);
      engine.journal.restored(restorer, this.now());
    });
    return { restored, safetyBackup };
  }

  /**
   * 会議用に持ち出す: a consistent copy of the open database at `target`,
   * trimmed as asked and marked read-only as of today. The open database is
   * not changed; the copy is recorded in its audit log.
   */
  async meetingCopy(
    target: string,
    leftOut: string[],
    trim: SnapshotRequest['trim'],
  ): Promise<{ path: string; asOf: string; sizeBytes: number }> {
    const { raw } = this.fileEngine(
      '会議用のコピー',
      'まず県・担当が 設定 › この PC に写しを作る（または renkei shared copy --from postgres://… --to ファイル）でこの PC に写しを作り、' +
        'その写しを開いて 帳票 › 会議資料 から（または renkei meeting-copy --db ファイル 保存先）会議用に持ち出してください。',
    );
    await this.checkSameFile();
    const file = path.resolve(target);
    const existing = fileIdentity(file);
    if (file === this.path || (existing && sameFile(existing, fileIdentity(this.path)))) {
      throw new RenkeiError('validation', '開いているデータベースそのものには書き出せません。別のファイル名を指定してください。', {
        path: ['path'],
      });
    }
    refuseExisting(file);
    const now = this.now();
    const mark: ReadOnlyCopyInfo = { asOf: isoDateOfLocal(now), takenAt: now.toISOString(), source: path.basename(this.path), leftOut };
    const sizeBytes = await writeSnapshot(raw, this.path, this.options.nativeBinding, { target: file, mark, trim });
    await this.recordCommand('deck.meetingCopy', {
      entity: 'database',
      entityId: path.basename(this.path),
      before: null,
      after: { copy: file, ...mark },
    });
    return { path: file, asOf: mark.asOf, sizeBytes };
  }

  /**
   * 共有データベースへ移行: copies the open file into the empty PostgreSQL
   * database `connection` (migrating it first), compares every table, and
   * records the move in the file's audit log. The file stays open and as it was.
   */
  async moveToShared(connection: PgConnection): Promise<MoveResult> {
    if (this.copyMark) throw readOnlyRefusal(this.copyMark);
    const { raw } = this.fileEngine(
      '共有データベースへの移行',
      '開いているのがすでに共有データベースです。移行するファイルを開いてから行ってください。',
    );
    await this.checkSameFile();
    const target = await openPostgresEngine(connection, { migrations: this.options.migrations, writeWaitMs: this.options.writeWaitMs });
    let result: MoveResult;
    try {
      result = await copyFileToServer(raw, target);
    } finally {
      await target.close();
    }
    await this.recordCommand('backup.moveToShared', {
      entity: 'database',
      entityId: path.basename(this.path),
      before: null,
      after: { movedTo: result.target, tables: result.tables.length },
    });
    return result;
  }

  /**
   * この PC に写しを作る: a new Renkei file at `target` holding the open shared
   * database, compared table by table; recorded in the server's audit log.
   */
  async copyToFile(target: string): Promise<MoveResult & { sizeBytes: number }> {
    if (this.engine.kind !== 'postgres')
      throw new RenkeiError(
        'refused',
        'この PC のファイルを開いているときは「この PC に写しを作る」は要りません。ファイルの写しはバックアップか「会議用に持ち出す」で作ってください。',
      );
    const result = await copyServerToFile(this.engine.db, target, { nativeBinding: this.options.nativeBinding });
    await this.recordCommand('backup.copyToFile', {
      entity: 'database',
      entityId: this.engine.location,
      before: null,
      after: { copy: result.target, tables: result.tables.length },
    });
    return result;
  }

  /** Closes this database and opens another file: one that is there, or a new one when `create` (新しいデータベースを作成). */
  async switchTo(file: string, options: { create?: boolean } = {}): Promise<void> {
    const target = path.resolve(file);
    if (this.engine.kind === 'sqlite' && target === this.path) return;
    // Refused before the open database is closed: nothing to undo for a slip in the path.
    if (!options.create && !fs.existsSync(target)) throw missingFileError(target);
    const previous: Target = this.engine.kind === 'sqlite' ? { file: this.path } : { connection: this.engine.connection };
    const previousPath = this.path;
    await this.closeEngine();
    try {
      await this.load({ file: target, create: options.create });
    } catch (error) {
      this.path = previousPath;
      await this.load(previous);
      throw error;
    }
  }

  private async load(target: Target): Promise<void> {
    if ('file' in target) refuseBackupAsDatabase(target.file);
    // Whatever was read from the database before may be stale now.
    this.changes += 1;
    this.wholeChange = this.changes;
    if ('connection' in target) {
      const engine = await openPostgresEngine(target.connection, {
        migrations: this.options.migrations,
        writeWaitMs: this.options.writeWaitMs,
      });
      try {
        this.who = await readSession(engine.db, this.osUser);
      } catch (error) {
        await engine.close();
        throw error;
      }
      this.engine = engine;
      this.path = sharedWorkPath(target.connection, this.options.workDir);
      this.copyMark = null;
      this.stopListening = await listenForChanges(target.connection, this.origin, (entities) => this.otherChanged(entities));
      return;
    }
    const { file } = target;
    const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
    this.engine = await openSqliteEngine(file, this.osUser, {
      create: target.create,
      nativeBinding: this.options.nativeBinding,
      migrations: this.options.migrations,
      networkLocation: this.options.networkLocation,
      beforeMigrate: async (raw) => {
        await writeBackup(raw, file, 'migration', this.now());
      },
    });
    this.path = file;
    this.copyMark = await readCopyMark(this.engine.db);
    this.who = await readSession(this.engine.db, this.osUser);
    removeLeftovers(file);
    // A meeting copy is a snapshot to look at: nothing in it changes, so nothing to back up beside it.
    if (existed && !this.copyMark) await this.dailyBackup();
    this.options.onOpen?.(file);
  }

  private async dailyBackup(): Promise<void> {
    this.dailyBackupFailure = null;
    const today = isoDateOfLocal(this.now());
    try {
      const last = listBackups(this.path)[0];
      if (last && isoDateOfLocal(new Date(last.createdAt)) === today) return;
      await this.backup('daily');
    } catch (error) {
      // The daily backup is a safety net, not a reason to keep the user out: the home says so until a backup is
      // made, and the next start tries again.
      this.dailyBackupFailure = error instanceof RenkeiError ? error.message : `（${(error as Error).message}）`;
      const said =
        error instanceof RenkeiError
          ? new RenkeiError(error.code, `起動時の毎日の自動バックアップを作成できませんでした。${error.message}`)
          : error;
      (this.options.logError ?? console.error)(said);
    }
  }

  private async execute(name: string, rawInput: unknown, job: Job): Promise<unknown> {
    if (!isOpName(name)) throw new RenkeiError('unknown_operation', `「${name}」という操作はありません`);
    job.throwIfCancelled();
    const def = operations[name];
    if (this.ended) throw this.ended;
    // Whoever changes something is who they are now: stopped or given another role since they signed in.
    if (def.kind === 'mutation') await this.readSessionAgain();
    // Here, not in the screens: whatever calls the core (window, CLI, loopback host) meets the same refusal, before any check of the input.
    if (def.kind === 'mutation' && this.copyMark) throw readOnlyRefusal(this.copyMark);
    // Checked once: an operation that read its file first checked its input then (the national list's 14 MB of base64
    // took a scan for hidden characters each time).
    const input = job.ahead ? job.ahead.input : parseInput(def, rawInput);
    const refused = refusalFor(name, def.label, this.who.role, input);
    if (refused) throw new RenkeiError('refused', refused);
    const handler = this.registry[name] as Handler;
    if (def.kind === 'query') return handler(input, { db: this.engine.db, core: this, job });
    if (def.kind === 'command') return handler(input, { core: this });
    return this.mutate(name, handler, input, job);
  }

  /**
   * Refuses to write when the file at our path is no longer the one we opened:
   * deleted (the connection would write into a file nobody sees again) or put
   * in place by another program (then the new one is opened, and the user
   * looks before saving again). A stat per save is cheap.
   */
  private async checkSameFile(): Promise<void> {
    // A server's database cannot be swapped under a connection the way a file can.
    if (this.engine.kind === 'postgres') return;
    const { raw, identity } = this.engine;
    const now = fileIdentity(this.path);
    if (sameFile(identity, now)) return;
    // Our WAL still sits at the path's "-wal"; SQLite would replay its frames onto whatever file is there now
    // (it keeps a moved file's WAL on close). Moving them into our own, detached file first leaves it empty.
    try {
      raw.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // The journal is not WAL, or the share is gone; then there is nothing to empty.
    }
    if (now === null) {
      throw new RenkeiError(
        'unavailable',
        `データベースのファイル「${this.path}」が見つかりません（移動・削除されたか、共有フォルダーにつながっていません）。保存していません。` +
          'ファイルを元の場所に戻すか、設定画面でデータベースを開き直してください。',
      );
    }
    await this.engine.close();
    await this.load({ file: this.path });
    throw new RenkeiError(
      'conflict',
      `データベースのファイル「${this.path}」がほかのプログラムによって置き換えられていたため、開き直しました。今の操作は保存していません。` +
        '画面の内容を確かめてから、もう一度操作してください。',
    );
  }

  private async mutate(name: OpName, handler: Handler, input: unknown, job: Job): Promise<unknown> {
    await this.checkSameFile();
    const { engine } = this;
    return engine.db.transaction().execute(async (trx) => {
      const actor = await this.actor(trx);
      const records: AuditRecord[] = [];
      engine.journal.begin(name, actor, this.now());
      const changesBefore = await engine.writeMark(trx);
      const bulkInsert: MutationContext['bulkInsert'] = (table, rows) => engine.bulkInsert(trx, table, rows);
      const ctx: MutationContext = {
        db: trx,
        core: this,
        actor,
        audit: (r: AuditRecord) => records.push(r),
        bulkInsert,
        ops: { call: (n, i) => this.nested(n, i, ctx) },
        job,
      };
      await checkReferences(trx, name, input);
      const value = await savingAs(actor, () => handler(input, ctx));
      // Cancelled while it ran: the transaction rolls back, nothing is written.
      job.throwIfCancelled();
      if ((await engine.writeMark(trx)) > changesBefore && records.length === 0) {
        throw new Error(`操作「${name}」が監査ログなしで書き込もうとしました`);
      }
      await engine.writeAudit(trx, name, actor, this.now(), records);
      if (engine.kind === 'postgres' && records.length > 0)
        await announceChange(
          trx,
          this.origin,
          records.map((r) => r.entity),
        );
      engine.journal.end();
      this.committing = new Set(records.map((r) => r.entity));
      return value;
    });
  }

  /** An operation run by another inside its transaction (MutationContext.ops). */
  private async nested<N extends OpName>(name: N, rawInput: unknown, ctx: MutationContext): Promise<OpOutput<N>> {
    const def = operations[name];
    const input = parseInput(def, rawInput);
    const handler = this.registry[name] as Handler;
    const job = ctx.job.inner();
    if (def.kind === 'query') return (await handler(input, { db: ctx.db, core: this, job })) as OpOutput<N>;
    // Who is working is read again: an earlier step of the same operation may have set it (the demo's settings).
    if (def.kind === 'mutation') await checkReferences(ctx.db, name, input);
    if (def.kind === 'mutation') {
      const actor = await this.actor(ctx.db);
      return (await savingAs(actor, () => handler(input, { ...ctx, job, actor }))) as OpOutput<N>;
    }
    throw new Error(`操作「${name}」はデータベース全体に働くため、ほかの操作の中からは呼べません`);
  }

  /**
   * Who the audit log names: on a file the OS user with the settings' 表示名;
   * on a server the signed-in login (the database's session user) with their
   * account's name, the settings' 表示名 for an administrator without one.
   */
  private async actor(db: Reader): Promise<Actor> {
    const { displayName } = await readSettings(db);
    if (!this.who.shared) return { osUser: this.osUser, displayName };
    return { osUser: this.who.login, displayName: this.who.displayName || displayName };
  }

  async recordOutput(operation: OpName, record: AuditRecord): Promise<void> {
    await this.recordCommand(operation, record, undefined, [record.entity]);
    // Indexes and screens of that kind of record read it again; nothing else changed.
    this.changes += 1;
    this.entityChanges.set(record.entity, this.changes);
  }

  /**
   * `by`: who did it, when the database read now no longer says so (a restore brings back the backup's 表示名).
   * `touched`: what others on a shared database read again; a command may have changed anything.
   */
  private async recordCommand(operation: string, record: AuditRecord, by?: Actor, touched: AuditEntity[] | null = null): Promise<void> {
    // A meeting copy stays as it was taken: a backup made of it is not written into it.
    if (this.copyMark) return;
    await this.checkSameFile();
    const actor = by ?? (await this.actor(this.engine.db));
    const { engine } = this;
    if (engine.kind === 'postgres')
      await engine.db.transaction().execute(async (trx) => {
        await engine.writeAudit(trx, operation, actor, this.now(), [record]);
        await announceChange(trx, this.origin, touched);
      });
    else await engine.writeAudit(engine.db, operation, actor, this.now(), [record]);
  }
}
