/**
 * Which database the window's core opens, and how its process is started for
 * it. A file: as before. A shared database: the connection (login, server,
 * database, TLS) goes in the open message, and its password only in the
 * process's environment as PGPASSWORD, which the `pg` driver reads — never
 * on a command line (other users' process lists show those) and never in a
 * file. Free of `electron` so the tests run it.
 */
import { defaultDbPath, readMachineConfig, resolveDbPath } from '../core/kernel/config';
import { isPgUrl, parsePgUrl } from '../core/kernel/db/postgres';
import type { OpenRequest } from '../core/process/protocol';
import type { SavedConnection } from './shared-connection';

/**
 * What to open: a file, or a shared database by its URL (with what was kept of
 * it, if anything) and the file to go back to (この PC のデータベース).
 */
export type DatabaseChoice =
  | { kind: 'file'; dbPath: string; create: boolean }
  | { kind: 'shared'; url: string; saved: SavedConnection | null; localFile: string };

/**
 * What the window opens at start: `--db` wins (a file, or a postgres:// URL
 * whose password then comes from PGPASSWORD or .pgpass, as for the CLI); then
 * the last database used — the shared one when the app was last on it, else
 * the file last opened (renkei.sqlite in the user-data folder at first).
 * Only that first file is made when it is not there: a file named or
 * remembered that has gone (its folder moved) is reported, not replaced by an
 * empty database.
 */
export function chooseAtStart(userData: string, explicit?: string): DatabaseChoice {
  const localFile = resolveDbPath(userData, explicit && !isPgUrl(explicit) ? explicit : undefined);
  if (explicit && isPgUrl(explicit)) return { kind: 'shared', url: explicit, saved: null, localFile: resolveDbPath(userData) };
  const config = readMachineConfig(userData);
  if (!explicit && config.startWith === 'shared' && config.shared)
    return { kind: 'shared', url: config.shared.url, saved: config.shared, localFile };
  return { kind: 'file', dbPath: localFile, create: localFile === defaultDbPath(userData) };
}

/** How the core's process is started: its arguments, its environment, and the open message. */
export interface CoreLaunch {
  args: string[];
  env: Record<string, string>;
  open: OpenRequest;
}

/**
 * The shell's own environment as the process gets it. The shell never puts a
 * password in its own environment, so a password held for one launch never
 * reaches another; a PGPASSWORD here is the user's own (set before starting
 * the app), which a terminal's `--db postgres://…` and 共有データベースへ移行 use.
 */
function inherited(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) kept[key] = value;
  return kept;
}

/**
 * The launch for a file, or for the shared database `url` with `password`
 * (from the form or the keychain; undefined: the user's own PGPASSWORD or
 * .pgpass, as `--db postgres://…` from a terminal). `localFile` is the file
 * the core goes back to when asked for この PC のデータベース.
 */
export function coreLaunch(
  target:
    | { kind: 'file'; dbPath: string; create: boolean }
    | { kind: 'shared'; url: string; password: string | undefined; localFile: string },
  env: NodeJS.ProcessEnv,
): CoreLaunch {
  if (target.kind === 'file') return { args: [], env: inherited(env), open: { dbPath: target.dbPath, create: target.create } };
  const { password: _never, ...connection } = parsePgUrl(target.url);
  return {
    args: [],
    env: { ...inherited(env), ...(target.password !== undefined ? { PGPASSWORD: target.password } : {}) },
    open: { dbPath: target.localFile, connection },
  };
}

/** What the person can do when the file chosen at start will not open, in the order of the box's buttons. */
export const INSTEAD_AT_START = ['open', 'create', 'backups', 'quit'] as const;
export type InsteadAtStart = (typeof INSTEAD_AT_START)[number];

/**
 * The box shown when the file chosen at start will not open (damaged, gone, another app's): which file, why, where
 * its backups are and how to go back to one — rather than ending the app, which would end it again at every start.
 */
export function notOpenedAtStartBox(file: string, why: string, backupDir: string) {
  return {
    type: 'error' as const,
    title: 'データベースを開けません',
    message: `データベース「${file}」を開けませんでした。`,
    detail:
      `${why}\n\n` +
      `このファイルのバックアップは「${backupDir}」にあります。バックアップから戻すには、そのフォルダーのファイルをフォルダーの外にコピーし、` +
      '「別のファイルを開く…」でそのコピーを開いてください。',
    buttons: ['別のファイルを開く…', '新しく作成…', 'バックアップのフォルダーを開く', '終了'],
    defaultId: 0,
    cancelId: INSTEAD_AT_START.indexOf('quit'),
    noLink: true,
  };
}
