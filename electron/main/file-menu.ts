/**
 * The ファイル menu: a file of this PC (open, create), a shared database
 * (共有データベースに接続…), and the way back to この PC のデータベース while
 * a shared one is open. Types only from `electron`, so the tests build it.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface FileMenuActions {
  openDatabase(mode: 'open' | 'create'): void;
  connectShared(): void;
  openLocal(): void;
}

/** `shared`: a shared database is open (この PC のデータベースを開く is offered). */
export function fileMenu(actions: FileMenuActions, shared: boolean): MenuItemConstructorOptions {
  return {
    label: 'ファイル',
    submenu: [
      { label: 'データベースを開く…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDatabase('open') },
      { label: '新しいデータベースを作成…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.openDatabase('create') },
      { type: 'separator' },
      { label: '共有データベースに接続…', click: () => actions.connectShared() },
      { label: 'この PC のデータベースを開く', enabled: shared, click: () => actions.openLocal() },
      { type: 'separator' },
      { label: '終了', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
}
