/**
 * The Electron shell: one window over the core, which runs in its own process
 * (core-process.ts). It serves the built renderer on app://renkei with the
 * app's CSP, relays IPC to the core, prints for it, refuses every navigation
 * that leaves the app, and remembers the window's place.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, type IpcMainInvokeEvent, ipcMain, Menu, net, protocol, safeStorage, screen, shell } from 'electron';
import type { RenkeiError } from '@shared/contract';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';
import { backupDirFor } from '../core/kernel/backup/files';
import { defaultDbPath, readMachineConfig, resolveDbPath, updateMachineConfig } from '../core/kernel/config';
import { CoreClient, CoreOpenError } from '../core/process/client';
import { type ConnectFailure, connectFailure } from './connect-errors';
import { type CoreLaunch, chooseAtStart, coreLaunch, type DatabaseChoice, INSTEAD_AT_START, notOpenedAtStartBox } from './core-launch';
import { forkCoreProcess } from './core-process';
import { afterCoreExit, CORE_CLOSE_LIMIT_MS, CORE_RESTARTED, closedWithin, coreGaveUp, restartFailure } from './core-restart';
import { contextMenuFor } from './edit-menu';
import { buildMenu } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, appFileUrl, decideNavigation, isAppUrl } from './navigation';
import { ElectronPrinter } from './printer';
import { OTHER_CHANGES_CHANNEL, otherChangesRelay, REFUSED_CALL, relayCall } from './relay';
import {
  type ConnectForm,
  connectionFor,
  connectionUrl,
  formFor,
  keptPasswordFor,
  keychainOf,
  readConnectForm,
  saveConnection,
} from './shared-connection';
import {
  connectWindowOptions,
  mainWindowOptions,
  PAGE_HOLDS_UNSAVED,
  placementOnDisplays,
  UNSAVED_CLOSE_BOX,
  UNSAVED_CLOSE_GO,
  UNSAVED_SWITCH_BOX,
} from './window-options';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');
let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;
/**
 * The window's first core has started (start()): the window is opened and its page loads while the core starts,
 * and what the page or the menu asks of the core meanwhile waits for it here.
 */
let firstCoreStarted!: () => void;
/** The last window was closed: the app is ending (a core still starting is closed once it has started, not reported). */
let quitting = false;
const firstCore = new Promise<void>((resolve) => {
  firstCoreStarted = resolve;
});
let userData = '';
const printer = new ElectronPrinter();
/** Other people's changes to the shared database, on to the window (its screens refetch). */
const otherChanges = otherChangesRelay(() => {
  liveWindow()?.webContents.send(OTHER_CHANGES_CHANNEL);
});

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Electron's own better-sqlite3 build: beside the app when packaged, from `npm start` in development. */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return path.join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return process.env.RENKEI_SQLITE_BINDING;
}

function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileUrl(rendererDir, request.url);
    if (!file) return new Response('見つかりません', { status: 404 });
    const response = await net.fetch(file);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

async function chooseDatabase(mode: 'open' | 'create'): Promise<string | null> {
  const options = {
    title: mode === 'open' ? 'データベースを開く' : '新しいデータベースを作成',
    filters: [{ name: 'Renkei データベース', extensions: ['sqlite', 'db'] }],
  };
  const win = liveWindow();
  if (mode === 'open') {
    const result = win
      ? await dialog.showOpenDialog(win, { ...options, properties: ['openFile'] })
      : await dialog.showOpenDialog({ ...options, properties: ['openFile'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  const result = win
    ? await dialog.showSaveDialog(win, { ...options, defaultPath: 'renkei.sqlite' })
    : await dialog.showSaveDialog({ ...options, defaultPath: 'renkei.sqlite' });
  return result.canceled || !result.filePath ? null : result.filePath;
}

function wireIpc(): void {
  ipcMain.handle('renkei:call', async (event, name: unknown, input: unknown, jobId: unknown) => {
    const call = relayCall(event.senderFrame?.url, name, input, jobId);
    if (!call) return REFUSED_CALL;
    await firstCore;
    if (!core) return REFUSED_CALL;
    return core.dispatch(call.name, call.input, call.options);
  });
  ipcMain.handle('renkei:pick-database', async (event, mode: unknown) => {
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) return null;
    return chooseDatabase(mode === 'create' ? 'create' : 'open');
  });
  // The 共有データベースに接続 page (renderer/src/app/ConnectPage.tsx).
  const fromApp = (event: IpcMainInvokeEvent) => event.senderFrame?.url !== undefined && isAppUrl(event.senderFrame.url);
  ipcMain.handle('renkei:shared-form', (event) => (fromApp(event) ? connectPageState() : null));
  ipcMain.handle('renkei:shared-connect', async (event, input: unknown) => {
    const form = readConnectForm(input);
    if (!fromApp(event) || !form) return REFUSED_CALL;
    await firstCore;
    return connectShared(form);
  });
  ipcMain.handle('renkei:shared-local', async (event) => {
    if (!fromApp(event)) return;
    await firstCore;
    await openLocal();
  });
  ipcMain.handle('renkei:shared-cancel', (event) => {
    if (fromApp(event)) connectWindow?.close();
  });
}

// ─── Shared mode: which database the window's core has open ───────────────────────────────────

const keychain = () => keychainOf(safeStorage, process.platform);

/** The core for a launch, its process started with the launch's arguments and environment. */
function startCore(launch: CoreLaunch): Promise<CoreClient> {
  let self: CoreClient | null = null;
  const starting = CoreClient.start({
    ...launch.open,
    nativeBinding: nativeBinding(),
    spawn: () => forkCoreProcess(launch.args, launch.env),
    printer,
    // A file opened by this core once it is the window's (a switch from the page) becomes what opens at the next start.
    onOpen: (dbPath) => {
      updateMachineConfig(userData, { dbPath, ...(self !== null && self === core ? { startWith: 'file' as const } : {}) });
      if (self !== null && self === core) refreshMenu();
    },
    // Only the window's core speaks for what the window shows (not one being replaced, nor one still starting).
    onOtherChanges: () => {
      if (self !== null && self === core) otherChanges.notice();
    },
    onCrash: onCoreCrash,
  });
  return starting.then((client) => (self = client));
}

/** Starts a core for `launch` and, once it is open, puts it in place of the window's one, which is closed. */
async function replaceCore(launch: CoreLaunch): Promise<void> {
  const next = await startCore(launch);
  const previous = core;
  core = next;
  crashes = [];
  // The page is loaded again below: it fetches everything anew.
  otherChanges.stop();
  await previous?.close();
  refreshMenu();
  reloadAfterSwitch();
}

/**
 * Whether the window may give up its page for another database: asked while the page holds unsaved typing, before
 * the switch — once the core is on the other database, a page kept (キャンセル on its reload) would save there.
 */
async function mayLeavePage(): Promise<boolean> {
  const win = liveWindow();
  if (!win) return true;
  const holds = await win.webContents.executeJavaScript(PAGE_HOLDS_UNSAVED).catch(() => false);
  if (holds !== true) return true;
  return dialog.showMessageBoxSync(win, UNSAVED_SWITCH_BOX) === UNSAVED_CLOSE_GO;
}

/** The page's reload after a switch, asked about before it (mayLeavePage): its unload is let go without a second question. */
let switching = false;
function reloadAfterSwitch(): void {
  const win = liveWindow();
  if (!win) return;
  switching = true;
  win.webContents.once('did-finish-load', () => {
    switching = false;
  });
  win.webContents.reload();
}

/** Whether the window's core is on a shared database. */
const onShared = () => core?.sharedConnection !== undefined;

function refreshMenu(): void {
  Menu.setApplicationMenu(
    buildMenu(
      liveWindow,
      {
        openDatabase: (mode) => void openDatabase(mode),
        connectShared: () => openConnectWindow(null),
        openLocal: () => void firstCore.then(async () => (await mayLeavePage()) && openLocal()),
      },
      onShared(),
    ),
  );
}

let connectWindow: BrowserWindow | null = null;
/** Why the form was opened for the user rather than by them (the last database would not open at start), to show on it. */
let connectReason: ConnectFailure | null = null;
/** The URL the form is about when it is not the one kept (`--db postgres://…` that failed at start). */
let connectUrl: string | null = null;

/**
 * A small renderer page of its own rather than the loopback host's sign-in
 * page: that page signs in to a server the host was started on (user and
 * password only, over the host's HTTP session), while here the person chooses
 * the server, its database and TLS, and whether the keychain keeps the
 * password — and the window has no HTTP host to sign in through.
 */
function openConnectWindow(reason: ConnectFailure | null): void {
  connectReason = reason;
  if (connectWindow) {
    connectWindow.webContents.reload();
    connectWindow.focus();
    return;
  }
  const parent = liveWindow() ?? undefined;
  const win = new BrowserWindow({ ...connectWindowOptions(preloadPath), ...(parent ? { parent, modal: true } : {}) });
  win.setMenu(null);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    connectWindow = null;
    connectReason = null;
  });
  void win.loadURL(`${APP_ENTRY_URL}#/connect`);
  connectWindow = win;
}

/** What the connect page shows first: the kept settings (never the password), and why it was opened if it was not asked for. */
function connectPageState() {
  const saved = readMachineConfig(userData).shared;
  const url = connectUrl ?? saved?.url;
  const kept = saved && saved.url === url ? saved : url ? { url, sealedPassword: null } : undefined;
  return {
    form: formFor(kept),
    passwordKept: kept?.sealedPassword != null,
    canKeepPassword: keychain().isEncryptionAvailable(),
    onShared: onShared(),
    reason: connectReason,
  };
}

/** The password for `url`: the one typed, else the one kept for the same login and database, else none. */
function passwordFor(url: string, typed: string): string | undefined {
  return typed !== '' ? typed : keptPasswordFor(readMachineConfig(userData).shared, url, keychain());
}

/** 接続する on the connect page: start a core on the server; on success keep the settings (the password sealed if asked) and show it. */
async function connectShared(form: ConnectForm) {
  let url: string;
  try {
    url = connectionUrl(form);
  } catch (error) {
    return { ok: false as const, error: (error as RenkeiError).toOpError() };
  }
  const password = passwordFor(url, form.password);
  if (password === undefined) {
    return {
      ok: false as const,
      error: {
        code: 'validation' as const,
        message: 'パスワードを入力してください。',
        issues: [{ path: ['password'], message: 'パスワードを入力してください' }],
      },
    };
  }
  if (!(await mayLeavePage())) {
    const failure: ConnectFailure = {
      kind: 'other',
      title: '接続しませんでした',
      message: '元の画面に保存していない入力があります。画面で保存してから、もう一度接続してください。',
    };
    return { ok: false as const, failure };
  }
  try {
    await replaceCore(coreLaunch({ kind: 'shared', url, password, localFile: resolveDbPath(userData) }, process.env));
  } catch (error) {
    const failure = connectFailure(url, error instanceof CoreOpenError ? error : { message: (error as Error).message });
    return { ok: false as const, failure };
  }
  updateMachineConfig(userData, { shared: saveConnection(url, form.savePassword ? password : '', keychain()), startWith: 'shared' });
  connectUrl = null;
  connectWindow?.close();
  return { ok: true as const };
}

/**
 * この PC のデータベースを開く: the file last opened, in a new core (the shared one's process and its password end).
 * Only the first start's file, or one asked for by 新しいデータベースを作成, is made when it is not there.
 */
async function openLocal(file = resolveDbPath(userData), create = file === defaultDbPath(userData)): Promise<void> {
  if (!onShared() && core?.dbPath === file) {
    // Already open (the shared one failed at start): the person chose it for the next start too.
    updateMachineConfig(userData, { startWith: 'file' });
    connectWindow?.close();
    return;
  }
  try {
    await replaceCore(coreLaunch({ kind: 'file', dbPath: file, create }, process.env));
  } catch (error) {
    dialog.showErrorBox('データベースを開けません', (error as Error).message);
    return;
  }
  updateMachineConfig(userData, { startWith: 'file' });
  connectWindow?.close();
}

/** データベースを開く… / 新しいデータベースを作成…: the core switches files; from a shared database, a new core on the file. */
async function openDatabase(mode: 'open' | 'create'): Promise<void> {
  if (!(await mayLeavePage())) return;
  const file = await chooseDatabase(mode);
  await firstCore;
  if (!file || !core) return;
  if (onShared()) return openLocal(path.resolve(file), mode === 'create');
  const result = await core.dispatch('database.open', { path: file, create: mode === 'create' });
  if (!result.ok) dialog.showErrorBox('データベースを開けません', result.error.message);
  else reloadAfterSwitch();
}

function createWindow(): BrowserWindow {
  const saved = readMachineConfig(userData).window;
  // Not where no display shows it any more (the second monitor of a docking station, the laptop now undocked).
  const placement = placementOnDisplays(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow(mainWindowOptions(preloadPath, placement));
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    updateMachineConfig(userData, { window: { ...win.getNormalBounds(), maximized: win.isMaximized() } });
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/**
 * Every web contents: no navigation away from the app, no new windows; web links go to the OS browser. A page with
 * unsaved typing (its beforeunload) is asked about before it goes: ✕, 終了, 再読み込み, another database.
 */
function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-prevent-unload', (event) => {
      if (switching) return event.preventDefault();
      const win = BrowserWindow.fromWebContents(contents);
      const answer = win ? dialog.showMessageBoxSync(win, UNSAVED_CLOSE_BOX) : dialog.showMessageBoxSync(UNSAVED_CLOSE_BOX);
      if (answer === UNSAVED_CLOSE_GO) event.preventDefault();
    });
    // Electron has no right-click menu of its own.
    contents.on('context-menu', (_event, params) => {
      const items = contextMenuFor(params);
      if (items.length > 0) Menu.buildFromTemplate(items).popup();
    });
    contents.on('will-navigate', (event, url) => {
      const decision = decideNavigation(url);
      if (decision === 'allow') return;
      event.preventDefault();
      if (decision === 'open-externally') void shell.openExternal(url);
    });
    contents.on('will-redirect', (event, url) => {
      if (decideNavigation(url) !== 'allow') event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (decideNavigation(url) === 'open-externally') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** The core's process ended unexpectedly: start it again on the same database, unless it keeps ending. */
let crashes: number[] = [];
function onCoreCrash(): void {
  if (quitting) return;
  const decision = afterCoreExit(crashes, Date.now());
  crashes = decision.crashes;
  if (!decision.restart || !core) {
    const gaveUp = coreGaveUp(onShared());
    dialog.showErrorBox(gaveUp.title, gaveUp.message);
    app.exit(1);
    return;
  }
  void core.restart().then(
    () => {
      // Others may have saved while no one was listening: the screens refetch.
      if (onShared()) otherChanges.notice();
      void dialog.showMessageBox({ type: 'warning', title: CORE_RESTARTED.title, message: CORE_RESTARTED.message });
    },
    (error: unknown) => {
      const failure = restartFailure(core?.sharedConnection, error as Error);
      dialog.showErrorBox(failure.title, failure.message);
      app.exit(1);
    },
  );
}

/**
 * The core for the database chosen at start (core-launch.ts). When the last
 * shared database will not open (its password not kept, the server
 * unreachable, the password changed), the file of this PC opens instead and
 * the connect window says why and what to do, with the way back to the file;
 * what opens at the next start stays as it was until the person chooses.
 */
async function startFirstCore(choice: DatabaseChoice): Promise<ConnectFailure | null> {
  if (choice.kind === 'file') {
    core = await startCore(coreLaunch(choice, process.env));
    return null;
  }
  let reason: ConnectFailure;
  try {
    const password = choice.saved ? connectionFor(choice.saved, keychain()).password : undefined;
    core = await startCore(coreLaunch({ ...choice, password }, process.env));
    return null;
  } catch (error) {
    reason =
      error instanceof CoreOpenError
        ? connectFailure(choice.url, error)
        : { kind: 'password', title: 'パスワードを入力してください', message: (error as Error).message };
  }
  if (!choice.saved) connectUrl = choice.url;
  const localFile = choice.localFile;
  core = await startCore(coreLaunch({ kind: 'file', dbPath: localFile, create: localFile === defaultDbPath(userData) }, process.env));
  return { ...reason, message: `${reason.message}\nいまは、この PC のデータベースを開いています。` };
}

/** The main window while it is there (closed, it is gone for good: Electron throws on any use of it). */
function liveWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

/**
 * The file chosen at start will not open: the window stays and a box in front of it says which file, why, and where
 * its backups are; the person opens another file, makes a new one or looks in the backups folder, until one opens —
 * or ends the app (null). The file opened instead becomes the one remembered (onOpen); the broken one stays
 * remembered only until then.
 */
async function openInsteadAtStart(failed: string, why: string): Promise<CoreClient | null> {
  let file = failed;
  let reason = why;
  for (;;) {
    const box = notOpenedAtStartBox(file, reason, backupDirFor(file));
    const win = liveWindow();
    const choice = INSTEAD_AT_START[win ? dialog.showMessageBoxSync(win, box) : dialog.showMessageBoxSync(box)] ?? 'quit';
    if (choice === 'quit' || quitting) return null;
    if (choice === 'backups') {
      await shell.openPath(backupDirFor(file));
      continue;
    }
    const chosen = await chooseDatabase(choice);
    if (!chosen) continue;
    try {
      return await startCore(coreLaunch({ kind: 'file', dbPath: path.resolve(chosen), create: choice === 'create' }, process.env));
    } catch (error) {
      file = path.resolve(chosen);
      reason = (error as Error).message;
    }
  }
}

/**
 * The window opens at once and its page loads (its code, its first frame)
 * while the first core starts — its process, the database, the day's backup
 * — rather than after it: the page's first questions wait for the core
 * (firstCore), not the window for both.
 */
async function start(): Promise<void> {
  userData = app.getPath('userData');
  serveApp();
  wireIpc();
  guardWebContents();
  refreshMenu();
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    // Gone for good: a later start of Renkei (second-instance) or a late core must not reach it.
    mainWindow = null;
    otherChanges.stop();
    // The hidden print window would otherwise keep the app running after the user closes it.
    void printer.close();
  });
  const choice = chooseAtStart(userData, argValue('--db'));
  let reason: ConnectFailure | null = null;
  try {
    reason = await startFirstCore(choice);
  } catch (error) {
    if (quitting) return;
    core = await openInsteadAtStart(choice.kind === 'file' ? choice.dbPath : choice.localFile, (error as Error).message);
    if (!core) {
      app.exit(1);
      return;
    }
  }
  // The window was closed while the core started: the app is quitting, and this core with it.
  if (quitting) {
    void core?.close();
    return;
  }
  firstCoreStarted();
  // On a shared database the menu offers この PC のデータベースを開く.
  refreshMenu();
  const win = liveWindow();
  if (reason && win) {
    const why = reason;
    // A form the person opened from the menu meanwhile is left as it is (not reloaded over what they typed).
    if (connectWindow) connectReason = why;
    // A window restored maximized is shown at once, and then never sends 'ready-to-show'.
    else if (win.isVisible()) openConnectWindow(why);
    else win.once('ready-to-show', () => openConnectWindow(why));
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = liveWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    quitting = true;
    // Closed while the first core was still starting: there is none to close yet (start() closes it once started).
    // A file held by another program (a sync client, an antivirus) may keep the core's close waiting: the app ends anyway.
    void closedWithin(core?.close() ?? Promise.resolve(), CORE_CLOSE_LIMIT_MS).finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
