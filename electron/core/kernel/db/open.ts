/**
 * Opening a database file: recognising it as Renkei's, pragmas (the journal
 * mode follows where the file is), the refusal of a newer schema, then
 * Kysely's Migrator under an exclusive hold with a backup first.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, type Migration, Migrator } from 'kysely';
import { RenkeiError } from '@shared/contract';
import { ImmediateSqliteDialect, type WriteWait } from './dialect';
import { BUSY_TIMEOUT_MS, type JournalMode, journalModeFor, setJournalMode, withExclusiveHold } from './hold';
import { appliedMigrations, type DatabaseKind, type FileIdentity, fileIdentity, identifyDatabase, stampRenkei } from './identity';
import { isNetworkLocation, locationFacts } from './location';
import { MIGRATIONS } from './migrations';
import type { Database, Db } from './schema';

export interface OpenOptions {
  /** Path of a better-sqlite3 build for this runtime (Electron has its own ABI). */
  nativeBinding?: string;
  /** Called before pending migrations are applied to a database that has data. */
  beforeMigrate?: (raw: BetterSqlite3.Database) => Promise<void>;
  /** The migrations this program knows; tests add one to exercise an upgrade. */
  migrations?: Readonly<Record<string, Migration>>;
  /** Overrides the detection of a network share (tests; the OS decides otherwise). */
  networkLocation?: boolean;
  /**
   * A file not there becomes a new database (and its folder is made): a start on the default file, 新しいデータベースを
   * 作成, `renkei init`. Otherwise it is refused — a slip in a path must not look like all the data gone.
   */
  create?: boolean;
}

export interface OpenDatabase {
  raw: BetterSqlite3.Database;
  db: Db;
  /** Names of the migrations applied, oldest first. */
  applied: string[];
  /** The file is on a network share, so it runs without WAL. */
  networkLocation: boolean;
  /** Which file was opened, to notice later if another is put in its place. */
  identity: FileIdentity;
  /** Since when a write has waited for another connection's (see beginImmediate). */
  writeWait: WriteWait;
}

export function openRaw(file: string, nativeBinding: string | undefined, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  try {
    return new BetterSqlite3(file, { ...options, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    throw new RenkeiError('io', `データベース「${file}」を開けません: ${(error as Error).message}`);
  }
}

/**
 * A journal left behind: the last process to use the file did not close it
 * (or another has it open now). Only then is the quick check worth its time.
 */
function leftJournal(file: string): boolean {
  const size = (suffix: string) => fs.statSync(`${file}${suffix}`, { throwIfNoEntry: false })?.size ?? 0;
  return size('-wal') > 0 || size('-journal') > 0;
}

/** The refusal of a database file that is not there (opening never makes one unless asked to create). */
export function missingFileError(file: string): RenkeiError {
  return new RenkeiError('not_found', `ファイルが見つかりません: ${file}。場所を確かめるか、新しいデータベースを作成してください。`, {
    path: ['path'],
  });
}

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The refusal of a database Renkei may not write: the file read-only (copied from a disc, 読み取り専用 ticked) or
 * its folder, where SQLite keeps its journal beside it (a share with read rights only). Said before SQLite is
 * asked, so a read-only file is not half-opened (its saves failing one by one, its backup waiting on a lock it
 * cannot take) and a read-only folder is not taken for a damaged file.
 */
function notWritableError(file: string): RenkeiError {
  const place = writable(file) ? path.dirname(file) : file;
  return new RenkeiError(
    'refused',
    `データベース「${file}」に書き込めないため、開けません（「${place}」が読み取り専用か、書き込む権限がありません）。` +
      '中身は変えていません。読み取り専用を外すか、書き込めるフォルダーにコピーしてから開いてください。',
    { path: ['path'] },
  );
}

/** Opens (creating it only when asked) and migrates the database at `file`; refuses a file that is not Renkei's. */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  if (!fs.existsSync(file)) {
    if (!options.create) throw missingFileError(file);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  } else if (!writable(file)) {
    return openMeetingCopyReadOnly(file, options);
  }
  const migrations = options.migrations ?? MIGRATIONS;
  const unclean = leftJournal(file);
  const raw = openRaw(file, options.nativeBinding);
  try {
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const kind = identifyDatabase(raw, migrations);
    if (kind === 'foreign') {
      throw new RenkeiError(
        'refused',
        `「${file}」は Renkei のデータベースではないため、開きません（ほかのアプリのファイルの可能性があります）。` +
          '中身は変えていません。ファイルを確かめてください。新しく始めるときは、まだないファイル名を指定してください。',
      );
    }
    if (unclean) {
      const quick = raw.pragma('quick_check', { simple: true });
      if (quick !== 'ok')
        throw new RenkeiError('io', `データベース「${file}」が壊れています（${String(quick)}）。バックアップから復元してください。`);
    }
    const networkLocation = options.networkLocation ?? isNetworkLocation(locationFacts(file));
    const journalMode = journalModeFor(networkLocation);
    setJournalMode(raw, journalMode);
    raw.pragma('foreign_keys = ON');

    const unknown = appliedMigrations(raw).filter((name) => !(name in migrations));
    if (unknown.length > 0) {
      throw new RenkeiError(
        'newer_database',
        `このデータベースは新しいバージョンの Renkei で更新されています（${unknown.join(', ')}）。` +
          'このまま開くとデータを損なうおそれがあるため開きません。Renkei を最新版に更新してから開いてください。',
      );
    }
    const dialect = new ImmediateSqliteDialect(raw);
    const db = new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
    if (Object.keys(migrations).some((name) => !appliedMigrations(raw).includes(name))) {
      await migrateAlone(raw, db, file, kind, journalMode, migrations, options.beforeMigrate);
    } else if (kind !== 'renkei') {
      stampRenkei(raw);
    }
    return {
      raw,
      db,
      applied: appliedMigrations(raw),
      networkLocation,
      identity: fileIdentity(file)!,
      writeWait: dialect.writeWait,
    };
  } catch (error) {
    raw.close();
    if (error instanceof RenkeiError) throw error;
    // The file may be written but not its folder (a share with read rights only): SQLite says so at the first write.
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_READONLY')) return openMeetingCopyReadOnly(file, options);
    throw new RenkeiError(
      'io',
      `データベース「${file}」を開けません。Renkei のデータベースではないか、壊れています（${(error as Error).message}）。`,
    );
  }
}

/** The file is an SQLite database in rollback-journal mode (its header's read and write versions are 1, WAL's are 2). */
function rollbackJournalFile(file: string): boolean {
  const header = Buffer.alloc(20);
  try {
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, header, 0, 20, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  return header.subarray(0, 16).toString('latin1') === 'SQLite format 3\0' && header[18] === 1 && header[19] === 1;
}

/**
 * A file Renkei may not write, opened only if it is a meeting copy of this version's schema: a review meeting opens
 * the copy from a shared folder with read rights only, or from a file marked read-only, and a copy changes nothing
 * anyway (the kernel refuses every change on it). SQLite is asked to read only, so nothing is written beside it —
 * no journal, no -wal, no backups folder. Any other file is refused as before: its saves would fail one by one.
 */
function openMeetingCopyReadOnly(file: string, options: OpenOptions): OpenDatabase {
  // A copy is written with the rollback journal; a file in WAL mode is no copy, and SQLite would leave its -wal and
  // -shm beside it even when only reading.
  if (!rollbackJournalFile(file)) throw notWritableError(file);
  const raw = openRaw(file, options.nativeBinding, { readonly: true, fileMustExist: true });
  try {
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const migrations = options.migrations ?? MIGRATIONS;
    const applied = appliedMigrations(raw);
    const isCopy =
      identifyDatabase(raw, migrations) === 'renkei' &&
      Object.keys(migrations).every((name) => applied.includes(name)) &&
      applied.every((name) => name in migrations) &&
      raw.prepare('SELECT 1 FROM read_only_copy LIMIT 1').get() !== undefined;
    if (!isCopy) throw notWritableError(file);
    const dialect = new ImmediateSqliteDialect(raw);
    return {
      raw,
      db: new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] }),
      applied,
      networkLocation: options.networkLocation ?? isNetworkLocation(locationFacts(file)),
      identity: fileIdentity(file)!,
      writeWait: dialect.writeWait,
    };
  } catch (error) {
    raw.close();
    if (error instanceof RenkeiError) throw error;
    throw notWritableError(file);
  }
}

/**
 * Applies pending migrations with the file to ourselves, so no other process
 * (perhaps an older Renkei) works on a schema changing under it.
 */
async function migrateAlone(
  raw: BetterSqlite3.Database,
  db: Db,
  file: string,
  kind: DatabaseKind,
  journalMode: JournalMode,
  migrations: Readonly<Record<string, Migration>>,
  beforeMigrate: OpenOptions['beforeMigrate'],
): Promise<void> {
  await withExclusiveHold(raw, file, 'データベースの形式を更新', journalMode, async () => {
    // Read again under the hold: another process may have migrated it meanwhile.
    const before = appliedMigrations(raw);
    if (Object.keys(migrations).every((name) => before.includes(name))) return;
    if (before.length > 0 && beforeMigrate) await beforeMigrate(raw);
    const { error, results } = await new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '不明';
      throw new RenkeiError('internal', `データベースの更新（${failed}）に失敗しました: ${(error as Error).message}`);
    }
    if (kind !== 'renkei') stampRenkei(raw);
  });
}
