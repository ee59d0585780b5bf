/**
 * The main window's options as a checked constant. The security settings are
 * applied last so nothing passed in can weaken them; a test pins each one.
 * Free of `electron` imports so tests can load it without the shell.
 */

export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const);

export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const DEFAULT_PLACEMENT: WindowPlacement = { width: 1360, height: 860 };

/** A display's work area (Electron's screen.getAllDisplays()[i].workArea). */
export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the window opens: where it was, unless no display's work area shows any of it (a monitor no longer
 * attached, the laptop undocked) — then its size only, which Electron centres on the primary display.
 */
export function placementOnDisplays(saved: WindowPlacement | undefined, displays: readonly WorkArea[]): WindowPlacement {
  if (!saved) return DEFAULT_PLACEMENT;
  const { x, y, width, height } = saved;
  if (x === undefined || y === undefined) return { width, height };
  const overlaps = displays.some((d) => x < d.x + d.width && x + width > d.x && y < d.y + d.height && y + height > d.y);
  return overlaps ? saved : { width, height };
}

export function mainWindowOptions(preload: string, placement: WindowPlacement = DEFAULT_PLACEMENT) {
  return {
    ...placement,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Renkei 在宅医療推進 事業管理',
    backgroundColor: '#f2f2f2',
    autoHideMenuBar: false,
    webPreferences: { preload, ...SECURE_WEB_PREFERENCES },
  };
}

/**
 * The 共有データベースに接続 window: small, over the main window (modal to it
 * when there is one), on the app's own connect page, with the same locked-down
 * settings and preload.
 */
export function connectWindowOptions(preload: string) {
  return {
    width: 560,
    height: 760,
    minWidth: 480,
    minHeight: 560,
    show: false,
    title: '共有データベースに接続 — Renkei',
    backgroundColor: '#f2f2f2',
    autoHideMenuBar: true,
    minimizable: false,
    webPreferences: { preload, ...SECURE_WEB_PREFERENCES },
  };
}

/**
 * The question before the window's page is unloaded with unsaved typing (its beforeunload asked): ✕, 終了,
 * 再読み込み, another database. The answer at UNSAVED_CLOSE_GO lets it go ahead.
 */
export const UNSAVED_CLOSE_BOX = Object.freeze({
  type: 'question' as const,
  title: '保存していない変更があります',
  message: '保存していない変更があります。保存せずに閉じますか？',
  detail: '閉じると、入力した内容は失われます。',
  buttons: ['保存せずに閉じる', 'キャンセル'],
  defaultId: 1,
  cancelId: 1,
  noLink: true,
});
export const UNSAVED_CLOSE_GO = 0;

/** The same question before another database (a file, a shared server) replaces what the window shows. */
export const UNSAVED_SWITCH_BOX = Object.freeze({
  ...UNSAVED_CLOSE_BOX,
  message: '保存していない変更があります。保存せずにデータベースを切り替えますか？',
  detail: '切り替えると、入力した内容は失われます。保存するときは「キャンセル」を選んで、画面で保存してください。',
  buttons: ['保存せずに切り替える', 'キャンセル'],
});

/**
 * Run in the page: whether it holds unsaved typing — its beforeunload listener (LeaveGuard) cancels the event then.
 * Asked before a database switch, which must not reload a page that then stays on screen over the other database.
 */
export const PAGE_HOLDS_UNSAVED = "!window.dispatchEvent(new Event('beforeunload', { cancelable: true }))";
