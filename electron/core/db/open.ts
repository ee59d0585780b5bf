/**
 * Opening a database file: pragmas, the refusal of a newer schema, backups
 * before a migration and once a day, then Kysely's Migrator.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, type Migration, Migrator, SqliteDialect } from 'kysely';
import { RenkeiError } from '../../../shared/contract';
import type { Database, Db } from './schema';
import { MIGRATIONS } from './migrations';

export interface OpenOptions {
  /** Path of a better-sqlite3 build for this runtime (Electron has its own ABI). */
  nativeBinding?: string;
  /** Called before pending migrations are applied to a database that has data. */
  beforeMigrate?: (raw: BetterSqlite3.Database) => Promise<void>;
  /** The migrations this program knows; tests add one to exercise an upgrade. */
  migrations?: Readonly<Record<string, Migration>>;
}

export interface OpenDatabase {
  raw: BetterSqlite3.Database;
  db: Db;
  /** Names of the migrations applied, oldest first. */
  applied: string[];
}

const MIGRATION_TABLE = 'kysely_migration';

function appliedMigrations(raw: BetterSqlite3.Database): string[] {
  const table = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATION_TABLE);
  if (!table) return [];
  return (raw.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function openRaw(file: string, nativeBinding: string | undefined): BetterSqlite3.Database {
  try {
    return new BetterSqlite3(file, nativeBinding ? { nativeBinding } : {});
  } catch (error) {
    throw new RenkeiError('io', `データベース「${file}」を開けません: ${(error as Error).message}`);
  }
}

/** Opens (creating if needed) and migrates the database at `file`. */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const migrations = options.migrations ?? MIGRATIONS;
  const raw = openRaw(file, options.nativeBinding);
  try {
    const quick = raw.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new RenkeiError('io', `データベース「${file}」が壊れています（${String(quick)}）。バックアップから復元してください。`);
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');

    const before = appliedMigrations(raw);
    const unknown = before.filter((name) => !(name in migrations));
    if (unknown.length > 0) {
      throw new RenkeiError(
        'newer_database',
        `このデータベースは新しいバージョンの Renkei で更新されています（${unknown.join(', ')}）。` +
          'このまま開くとデータを損なうおそれがあるため開きません。Renkei を最新版に更新してから開いてください。',
      );
    }
    const pending = Object.keys(migrations).filter((name) => !before.includes(name));
    if (pending.length > 0 && before.length > 0 && options.beforeMigrate) await options.beforeMigrate(raw);

    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), plugins: [new CamelCasePlugin()] });
    if (pending.length > 0) {
      const { error, results } = await new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } }).migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '不明';
        throw new RenkeiError('internal', `データベースの更新（${failed}）に失敗しました: ${(error as Error).message}`);
      }
    }
    return { raw, db, applied: appliedMigrations(raw) };
  } catch (error) {
    raw.close();
    if (error instanceof RenkeiError) throw error;
    throw new RenkeiError(
      'io',
      `データベース「${file}」を開けません。Renkei のデータベースではないか、壊れています（${(error as Error).message}）。`,
    );
  }
}
