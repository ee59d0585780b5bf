/**
 * When the core's process ends unexpectedly: start it again on the same
 * database, unless it keeps ending — then the app tells the user and stops,
 * rather than failing every save in a loop.
 */

/** More ends than this within CRASH_WINDOW_MS and the app gives up. */
export const RESTARTS_ALLOWED = 2;
export const CRASH_WINDOW_MS = 60_000;

/** The ends to remember (those within the window, this one included) and whether to start again. */
export function afterCoreExit(earlier: readonly number[], now: number): { crashes: number[]; restart: boolean } {
  const crashes = [...earlier.filter((at) => now - at < CRASH_WINDOW_MS), now];
  return { crashes, restart: crashes.length <= RESTARTS_ALLOWED };
}

export const CORE_RESTARTED = {
  title: 'データを扱う処理を再起動しました',
  message:
    'データを扱う処理が予期せず終了したため、同じデータベースで起動し直しました。直前の操作が保存されたかどうかを画面で確かめてください。',
};

export const CORE_GAVE_UP = {
  title: 'Renkei を続けられません',
  message:
    'データを扱う処理が短い間に繰り返し終了したため、アプリを終了します。データベースのファイルがある場所（共有フォルダーなど）につながっているか確かめてから、アプリを起動し直してください。',
};
