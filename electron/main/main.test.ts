/**
 * The shell's main.ts itself, run under a stand-in for `electron`: windows, web contents, the app and the core's
 * utility process are EventEmitters that behave as Electron documents (a destroyed window throws "Object has been
 * destroyed"); the core process answers the open message as the core does for the file it names. Each test loads
 * main.ts afresh on a user-data folder of its own.
 */
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { readMachineConfig, updateMachineConfig } from '../core/kernel/config';
import { CORE_CLOSE_LIMIT_MS } from './core-restart';

interface Box {
  message: string;
  detail?: string;
  buttons: string[];
}
type FakeWebContents = EventEmitter & { reload: ReturnType<typeof vi.fn>; executeJavaScript: ReturnType<typeof vi.fn> };
type FakeWindow = EventEmitter & { webContents: FakeWebContents; close(): void; options: { x?: number; width: number } };

const fake = vi.hoisted(() => ({
  userData: '',
  windows: [] as unknown[],
  app: null as unknown as import('node:events').EventEmitter & { exit: ReturnType<typeof vi.fn>; quit: ReturnType<typeof vi.fn> },
  /** Files the core process will not open (damaged). */
  broken: new Set<string>(),
  /** The open messages the core processes got. */
  opened: [] as { dbPath: string; create?: boolean }[],
  /** The core keeps its close waiting (a file another program holds). */
  closeHangs: false,
  /** What each message box answers (the button's index), by its buttons; the first when not said. */
  answer: (_box: Box): number => 0,
  boxes: [] as Box[],
  /** What the open and save dialogs choose. */
  chosen: '',
  displays: [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }],
  popups: [] as unknown[],
  /** The page holds unsaved typing (its beforeunload listener cancels the event). */
  unsaved: false,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const nodeFs = await import('node:fs');
  const destroyedGuard = <T extends object>(target: T, isDestroyed: () => boolean): T =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver);
        if (typeof value !== 'function' || key === 'isDestroyed' || !isDestroyed()) return value;
        if (['on', 'once', 'emit', 'removeListener', 'listenerCount', 'listeners'].includes(String(key))) return value;
        return () => {
          throw new TypeError('Object has been destroyed');
        };
      },
    });
  class WebContents extends Emitter {
    send = vi.fn();
    reload = vi.fn();
    executeJavaScript = vi.fn(async () => fake.unsaved);
    setWindowOpenHandler = vi.fn();
  }
  class BrowserWindow extends Emitter {
    static fromWebContents(contents: unknown) {
      return (fake.windows as BrowserWindow[]).find((w) => w.webContents === contents) ?? null;
    }
    destroyed = false;
    webContents = new WebContents();
    constructor(readonly options: unknown) {
      super();
      const self = destroyedGuard(this, () => this.destroyed);
      fake.windows.push(self);
      queueMicrotask(() => app.emit('web-contents-created', {}, this.webContents));
      // biome-ignore lint/correctness/noConstructorReturn: Electron's objects throw once destroyed; the proxy does.
      return self;
    }
    loadURL = vi.fn(async () => undefined);
    show() {}
    maximize() {}
    isMaximized() {
      return false;
    }
    isVisible() {
      return true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    setMenu() {}
    getNormalBounds() {
      return { x: 0, y: 0, width: 1360, height: 860 };
    }
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      this.emit('close', { preventDefault() {} });
      this.destroyed = true;
      this.emit('closed');
      if ((fake.windows as BrowserWindow[]).every((w) => w.destroyed)) app.emit('window-all-closed');
    }
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    getPath: () => fake.userData,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  fake.app = app;
  const utilityProcess = {
    fork: () => {
      const child = Object.assign(new Emitter(), {
        // As the core answers: a damaged file fails, a file not there fails unless it is to be made, else it opens.
        postMessage(message: { type: string; dbPath: string; create?: boolean }) {
          const reply = (m: unknown) => setTimeout(() => child.emit('message', m), 2);
          if (message.type === 'open') {
            fake.opened.push({ dbPath: message.dbPath, create: message.create });
            if (fake.broken.has(message.dbPath))
              reply({
                type: 'failed',
                message: `データベース「${message.dbPath}」を開けません。Renkei のデータベースではないか、壊れています。`,
              });
            else if (!nodeFs.existsSync(message.dbPath) && message.create === false)
              reply({ type: 'failed', message: `ファイルが見つかりません: ${message.dbPath}。` });
            else {
              reply({ type: 'opened', dbPath: message.dbPath });
              reply({ type: 'ready' });
            }
          }
          if (message.type === 'close' && !fake.closeHangs) setTimeout(() => child.emit('exit', 0), 2);
        },
        kill() {
          setTimeout(() => child.emit('exit', 0), 1);
        },
      });
      // A failed open ends the process, as the core's does.
      child.on('message', (m: { type: string }) => {
        if (m.type === 'failed') setTimeout(() => child.emit('exit', 1), 1);
      });
      return child;
    },
  };
  const answer = (...args: unknown[]) => {
    const box = args.at(-1) as Box;
    fake.boxes.push(box);
    return fake.answer(box);
  };
  return {
    app,
    BrowserWindow,
    utilityProcess,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn() },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template, popup: () => fake.popups.push(template) }),
      setApplicationMenu: vi.fn(),
    },
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async () => ({})),
      showMessageBoxSync: vi.fn(answer),
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [fake.chosen] })),
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: fake.chosen })),
    },
    net: { fetch: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    screen: { getAllDisplays: () => fake.displays },
    shell: { openExternal: vi.fn(), openPath: vi.fn(async () => '') },
    default: {},
  };
});

beforeEach(() => {
  // main.ts afresh; the stand-in stays, so the app forgets the listeners of the one loaded before.
  vi.resetModules();
  fake.app?.removeAllListeners();
  fake.app?.quit.mockClear();
  fake.app?.exit.mockClear();
  fake.userData = tempDir();
  fake.windows = [];
  fake.broken.clear();
  fake.opened = [];
  fake.closeHangs = false;
  fake.answer = () => 0;
  fake.boxes = [];
  fake.popups = [];
  fake.unsaved = false;
  fake.displays = [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }];
});

afterEach(() => {
  vi.useRealTimers();
});

/** main.ts loaded (as Electron starts it) and its first core started; the main window. */
async function started(): Promise<FakeWindow> {
  await import('./main');
  await vi.waitFor(() => expect(fake.windows.length).toBeGreaterThan(0));
  await new Promise((r) => setTimeout(r, 50));
  return fake.windows[0] as FakeWindow;
}

describe('the window with unsaved typing', () => {
  it('asks 「保存せずに閉じますか？」 when the page holds its unload (✕, 終了, 再読み込み), and lets it go only on 保存せずに閉じる', async () => {
    const win = await started();
    const unload = () => {
      const event = { preventDefault: vi.fn() };
      win.webContents.emit('will-prevent-unload', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    fake.answer = (box) => box.buttons.indexOf('キャンセル');
    expect(unload()).toBe(false);
    expect(fake.boxes.at(-1)).toMatchObject({
      message: '保存していない変更があります。保存せずに閉じますか？',
      buttons: ['保存せずに閉じる', 'キャンセル'],
    });
    fake.answer = (box) => box.buttons.indexOf('保存せずに閉じる');
    expect(unload()).toBe(true);
  });
});

describe('another database over unsaved typing', () => {
  /** The menu item as the person clicks it. */
  const clickMenu = async (label: string) => {
    const { Menu } = await import('electron');
    const template = vi.mocked(Menu.setApplicationMenu).mock.calls.at(-1)?.[0] as unknown as {
      template: { submenu?: { label?: string; click?: () => void }[] }[];
    };
    const item = template.template.flatMap((m) => m.submenu ?? []).find((i) => i.label === label);
    item!.click!();
  };

  it('asks before データベースを開く… while the page holds unsaved typing; キャンセル opens nothing, and nothing is asked when all is saved', async () => {
    await started();
    const { dialog } = await import('electron');
    const chooser = vi.mocked(dialog.showOpenDialog);
    chooser.mockClear();
    fake.unsaved = true;
    fake.answer = (box) => box.buttons.indexOf('キャンセル');
    await clickMenu('データベースを開く…');
    await vi.waitFor(() =>
      expect(fake.boxes.at(-1)?.message).toBe('保存していない変更があります。保存せずにデータベースを切り替えますか？'),
    );
    await new Promise((r) => setTimeout(r, 20));
    // Kept: no file was chosen, the core was not switched, the page stays with its typing.
    expect(chooser).not.toHaveBeenCalled();

    fake.answer = (box) => box.buttons.indexOf('保存せずに切り替える');
    await clickMenu('データベースを開く…');
    await vi.waitFor(() => expect(chooser).toHaveBeenCalledTimes(1));

    fake.unsaved = false;
    const asked = fake.boxes.length;
    await clickMenu('データベースを開く…');
    await vi.waitFor(() => expect(chooser).toHaveBeenCalledTimes(2));
    expect(fake.boxes.length).toBe(asked);
  });
});

describe('the right-click menu', () => {
  it('pops up 切り取り・コピー・貼り付け・すべて選択 over a field, and nothing over plain text', async () => {
    const win = await started();
    const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
    win.webContents.emit('context-menu', {}, { isEditable: true, selectionText: '', editFlags: flags });
    win.webContents.emit('context-menu', {}, { isEditable: false, selectionText: '', editFlags: flags });
    expect(fake.popups).toHaveLength(1);
    expect((fake.popups[0] as { label?: string }[]).map((i) => i.label).filter(Boolean)).toEqual([
      '切り取り',
      'コピー',
      '貼り付け',
      'すべて選択',
    ]);
  });
});

describe('the database chosen at start', () => {
  it('makes the default file at the very first start, and never makes again a remembered file that has gone', async () => {
    await started();
    expect(fake.opened[0]).toEqual({ dbPath: path.join(fake.userData, 'renkei.sqlite'), create: true });
  });

  it('keeps the window when the last file is damaged, names it and its backups, and opens the file chosen instead', async () => {
    const broken = path.join(fake.userData, '県.sqlite');
    fs.writeFileSync(broken, 'not a database');
    fake.broken.add(broken);
    updateMachineConfig(fake.userData, { dbPath: broken });
    const other = path.join(fake.userData, '別.sqlite');
    fs.writeFileSync(other, '');
    fake.chosen = other;
    fake.answer = (box) => box.buttons.indexOf('別のファイルを開く…');
    await started();
    await vi.waitFor(() => expect(fake.opened.map((o) => o.dbPath)).toEqual([broken, other]));

    expect(fake.app.exit).not.toHaveBeenCalled();
    const box = fake.boxes[0]!;
    expect(box.message).toBe(`データベース「${broken}」を開けませんでした。`);
    expect(box.detail).toContain('壊れています');
    expect(box.detail).toContain(path.join(fake.userData, '県-backups'));
    expect(box.buttons).toEqual(['別のファイルを開く…', '新しく作成…', 'バックアップのフォルダーを開く', '終了']);
    // The file chosen is the one opened next time; the damaged one is no longer.
    await vi.waitFor(() => expect(readMachineConfig(fake.userData).dbPath).toBe(other));
  });

  it('says a remembered file has gone (its folder moved) instead of making an empty one, and ends only when asked to', async () => {
    const gone = path.join(fake.userData, 'moved', '県.sqlite');
    updateMachineConfig(fake.userData, { dbPath: gone });
    fake.answer = (box) => box.buttons.indexOf('終了');
    await started();
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1));
    expect(fake.opened).toEqual([{ dbPath: gone, create: false }]);
    expect(fake.boxes[0]!.detail).toContain(`ファイルが見つかりません: ${gone}`);
    expect(fs.existsSync(path.dirname(gone))).toBe(false);
  });
});

describe('after the window is closed', () => {
  it('does not throw when Renkei is started again (second-instance) while the app is still ending', async () => {
    const win = await started();
    fake.closeHangs = true;
    win.close();
    expect(() => fake.app.emit('second-instance', {}, ['Renkei.exe'], fake.userData)).not.toThrow();
  });

  it('ends the app within a time limit even when the core cannot finish closing the file', async () => {
    const win = await started();
    fake.closeHangs = true;
    vi.useFakeTimers();
    win.close();
    await vi.advanceTimersByTimeAsync(CORE_CLOSE_LIMIT_MS - 100);
    expect(fake.app.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(fake.app.quit).toHaveBeenCalled();
  });
});

describe('the window restored where it was', () => {
  it('opens on the screen there is when it was last on a monitor no longer attached', async () => {
    updateMachineConfig(fake.userData, { window: { x: 2100, y: 80, width: 1360, height: 860, maximized: false } });
    const win = await started();
    expect(win.options.x).toBeUndefined();
    expect(win.options.width).toBe(1360);
  });
});
