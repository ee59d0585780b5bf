/**
 * The Electron shell: one window over the core, which runs in its own process
 * (core-process.ts). It serves the built renderer on app://renkei with the
 * app's CSP, relays IPC to the core, prints for it, refuses every navigation
 * that leaves the app, and remembers the window's place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';
import { readMachineConfig, resolveDbPath, updateMachineConfig } from '../core/kernel/config';
import { CoreClient } from '../core/process/client';
import { forkCoreProcess } from './core-process';
import { afterCoreExit, CORE_GAVE_UP, CORE_RESTARTED } from './core-restart';
import { buildMenu } from './menu';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME, decideNavigation, isAppUrl } from './navigation';
import { ElectronPrinter } from './printer';
import { REFUSED_CALL, relayCall } from './relay';
import { mainWindowOptions } from './window-options';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;

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
    const url = new URL(request.url);
    const file = path.resolve(rendererDir, decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html');
    if (url.host !== APP_HOST || !file.startsWith(rendererDir + path.sep) || !fs.existsSync(file)) {
      return new Response('見つかりません', { status: 404 });
    }
    const response = await net.fetch(`file://${file}`);
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
  const win = mainWindow;
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
    if (!call || !core) return REFUSED_CALL;
    return core.dispatch(call.name, call.input, call.options);
  });
  ipcMain.handle('renkei:pick-database', async (event, mode: unknown) => {
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) return null;
    return chooseDatabase(mode === 'create' ? 'create' : 'open');
  });
}

function createWindow(userData: string): BrowserWindow {
  const saved = readMachineConfig(userData).window;
  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs'), saved ?? undefined));
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    updateMachineConfig(userData, { window: { ...win.getNormalBounds(), maximized: win.isMaximized() } });
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Every web contents: no navigation away from the app, no new windows; web links go to the OS browser. */
function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
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
  const decision = afterCoreExit(crashes, Date.now());
  crashes = decision.crashes;
  if (!decision.restart || !core) {
    dialog.showErrorBox(CORE_GAVE_UP.title, CORE_GAVE_UP.message);
    app.exit(1);
    return;
  }
  void core.restart().then(
    () => void dialog.showMessageBox({ type: 'warning', title: CORE_RESTARTED.title, message: CORE_RESTARTED.message }),
    (error: unknown) => {
      dialog.showErrorBox('データベースを開けません', (error as Error).message);
      app.exit(1);
    },
  );
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const printer = new ElectronPrinter();
  try {
    core = await CoreClient.start({
      dbPath: resolveDbPath(userData, argValue('--db')),
      nativeBinding: nativeBinding(),
      spawn: forkCoreProcess,
      printer,
      onOpen: (dbPath) => updateMachineConfig(userData, { dbPath }),
      onCrash: onCoreCrash,
    });
  } catch (error) {
    dialog.showErrorBox('データベースを開けません', (error as Error).message);
    app.exit(1);
    return;
  }
  serveApp();
  wireIpc();
  guardWebContents();
  const openDatabase = (mode: 'open' | 'create') =>
    void chooseDatabase(mode).then(async (file) => {
      if (!file || !core) return;
      const result = await core.dispatch('database.open', { path: file });
      if (!result.ok) dialog.showErrorBox('データベースを開けません', result.error.message);
      else mainWindow?.webContents.reload();
    });
  Menu.setApplicationMenu(buildMenu(() => mainWindow, openDatabase));
  mainWindow = createWindow(userData);
  // The hidden print window would otherwise keep the app running after the user closes it.
  mainWindow.on('closed', () => void printer.close());
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    void core?.close().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
