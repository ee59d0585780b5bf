/**
 * The read-only meeting copy (会議用に持ち出す): the open database copied with
 * SQLite's online backup API (a consistent snapshot while others may write),
 * trimmed by the caller if asked, marked inside with the day it is as of, then
 * vacuumed (so what was trimmed is not left in free pages) and put in place
 * under its final name in one rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { RenkeiError } from '@shared/contract';
import type { ReadOnlyCopyInfo } from '@shared/contract/home';
import { parseIsoDate } from '@shared/dates';
import { formatWareki } from '@shared/wareki';
import { openRaw } from '../db/open';
import type { Database, Db, Reader } from '../db/schema';
import { heldFileAdvice, renameSettled } from '../output';
import { removeTemp, tempPath } from './files';

export interface SnapshotRequest {
  /** Where the copy goes (replaced if it exists). */
  target: string;
  /** The mark written inside it. */
  mark: ReadOnlyCopyInfo;
  /** Removes what the copy should not hold, on the copy itself. */
  trim: (copy: Db) => Promise<void>;
}

/** The mark of a meeting copy, or null for a working database. */
export async function readCopyMark(db: Reader): Promise<ReadOnlyCopyInfo | null> {
  const row = await db.selectFrom('readOnlyCopy').selectAll().executeTakeFirst();
  if (!row) return null;
  return { asOf: row.asOf, takenAt: row.takenAt, source: row.source, leftOut: JSON.parse(row.leftOut) as string[] };
}

/** The words every refused change in a meeting copy ends with. */
export function readOnlyRefusal(mark: ReadOnlyCopyInfo): RenkeiError {
  return new RenkeiError(
    'refused',
    `このファイルは会議用の閲覧専用コピー（${formatWareki(parseIsoDate(mark.asOf))}時点）のため、変更できません。` +
      `変更は元のデータベース（${mark.source}）を開いて行ってください。`,
  );
}

export async function writeSnapshot(
  raw: BetterSqlite3.Database,
  dbPath: string,
  nativeBinding: string | undefined,
  request: SnapshotRequest,
): Promise<number> {
  const target = path.resolve(request.target);
  if (!fs.existsSync(path.dirname(target))) {
    throw new RenkeiError('io', `保存先のフォルダー「${path.dirname(target)}」がありません。フォルダーを確かめてください。`, {
      path: ['path'],
    });
  }
  const temp = tempPath(dbPath, 'meeting-copy');
  try {
    await raw.backup(temp);
    const copy = openRaw(temp, nativeBinding);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: copy }), plugins: [new CamelCasePlugin()] });
    try {
      // One file to carry: no WAL beside it.
      copy.pragma('journal_mode = DELETE');
      await request.trim(db);
      await db.deleteFrom('readOnlyCopy').execute();
      await db
        .insertInto('readOnlyCopy')
        .values({ ...request.mark, leftOut: JSON.stringify(request.mark.leftOut) })
        .execute();
      copy.exec('VACUUM');
    } finally {
      await db.destroy();
    }
    await moveInto(temp, target);
  } catch (error) {
    removeTemp(temp);
    if (error instanceof RenkeiError) throw error;
    const held = heldFileAdvice(error);
    throw new RenkeiError('io', `会議用のコピーを「${target}」に書き出せません${held ? `。${held}` : `: ${(error as Error).message}`}`, {
      path: ['path'],
    });
  }
  return fs.statSync(target).size;
}

/** A rename where it can be one (same disk); otherwise a copy to a temporary name beside the target, then a rename. */
async function moveInto(temp: string, target: string): Promise<void> {
  try {
    await renameSettled(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const beside = `${target}.partial`;
    fs.copyFileSync(temp, beside);
    await renameSettled(beside, target);
    removeTemp(temp);
  }
}
