/**
 * When the core's process ends unexpectedly: start it again on the same
 * database, unless it keeps ending — then the app tells the user and stops,
 * rather than failing every save in a loop — in words that fit where the
 * database is (a file, or a server that IT runs).
 */
import { pgLocation } from '../core/kernel/db/postgres';
import { CoreOpenError } from '../core/process/client';
import type { OpenRequest } from '../core/process/protocol';
import { connectFailure } from './connect-errors';

/** More ends than this within CRASH_WINDOW_MS and the app gives up. */
export const RESTARTS_ALLOWED = 2;
export const CRASH_WINDOW_MS = 60_000;

/** The ends to remember (those within the window, this one included) and whether to start again. */
export function afterCoreExit(earlier: readonly number[], now: number): { crashes: number[]; restart: boolean } {
  const crashes = [...earlier.filter((at) => now - at < CRASH_WINDOW_MS), now];
  return { crashes, restart: crashes.length <= RESTARTS_ALLOWED };
}

/**
 * How long the app waits for its core to finish and close the database when the window is closed. A core waiting on
 * a file another program holds (up to its busy timeout, for each save queued) would otherwise keep Renkei running,
 * windowless, for minutes — and a start meanwhile would only reach that process.
 */
export const CORE_CLOSE_LIMIT_MS = 10_000;

/** Settles when `closing` does, or after `limitMs` whatever it does. */
export function closedWithin(closing: Promise<unknown>, limitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
  });
  const closed = closing.then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([closed, limit]).finally(() => clearTimeout(timer));
}

export const CORE_RESTARTED = {
  title: 'データを扱う処理を再起動しました',
  message:
    'データを扱う処理が予期せず終了したため、同じデータベースで起動し直しました。直前の操作が保存されたかどうかを画面で確かめてください。',
};

/** The message when the app gives up on a core on a database file (on this PC or a shared folder). */
export const CORE_GAVE_UP = {
  title: 'Renkei を続けられません',
  message:
    'データを扱う処理が短い間に繰り返し終了したため、アプリを終了します。データベースのファイルがある場所（共有フォルダーなど）につながっているか確かめてから、アプリを起動し直してください。',
};

/** The same on a shared database: the server, not a folder, is what to check, and IT is who can help. */
export const CORE_GAVE_UP_SHARED = {
  title: 'Renkei を続けられません',
  message:
    'データを扱う処理が短い間に繰り返し終了したため、アプリを終了します。共有データベースのサーバーにつながらなくなっているかもしれません。' +
    'この PC が庁内のネットワークにつながっているかを確かめてから、アプリを起動し直してください。' +
    'それでも続くときは、サーバーが止まっていないか情報システム担当に確かめてください。',
};

/** What to tell the user when the app gives up, by where the core's database is. */
export const coreGaveUp = (shared: boolean) => (shared ? CORE_GAVE_UP_SHARED : CORE_GAVE_UP);

/** Shown, before the app ends, when the core would not start again after it ended. */
export interface RestartFailure {
  title: string;
  message: string;
}

/**
 * Why the core would not start again: on a file, the core's own message; on a
 * shared database, what the connect page says of the same failure (the server
 * unreachable, the password changed meanwhile …) rather than the core's words
 * for the CLI (PGPASSWORD, .pgpass).
 */
export function restartFailure(shared: OpenRequest['connection'], error: Error): RestartFailure {
  if (!shared) return { title: 'データベースを開けません', message: error.message };
  const failure = connectFailure(pgLocation(shared), error instanceof CoreOpenError ? error : { message: error.message });
  return {
    title: failure.title,
    message: `${failure.message}\nこのままでは続けられないため、アプリを終了します。起動し直すと、もう一度接続を試みます。`,
  };
}
