/**
 * The only bridge between the page and the app: window.renkei, whose calls go
 * to the core over IPC. Nothing else of Node or Electron reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { listenTo } from './listen';

contextBridge.exposeInMainWorld('renkei', {
  call: (name: string, input: unknown, jobId?: string) => ipcRenderer.invoke('renkei:call', name, input, jobId),
  pickDatabaseFile: (mode: 'open' | 'create') => ipcRenderer.invoke('renkei:pick-database', mode),
  // 共有データベースに接続 (renderer/src/app/ConnectPage.tsx; electron/main/main.ts): the form goes to the shell, which starts the core.
  shared: {
    state: () => ipcRenderer.invoke('renkei:shared-form'),
    connect: (form: unknown) => ipcRenderer.invoke('renkei:shared-connect', form),
    openLocal: () => ipcRenderer.invoke('renkei:shared-local'),
    cancel: () => ipcRenderer.invoke('renkei:shared-cancel'),
  },
  // 編集 › 元に戻す / やり直し from the menu (electron/main/edit-menu.ts).
  onEditCommand: (listener: (command: 'undo' | 'redo') => void) =>
    listenTo(ipcRenderer, 'renkei:edit', (command) => {
      if (command === 'undo' || command === 'redo') listener(command);
    }),
  // Someone else changed the shared database (electron/main/relay.ts OTHER_CHANGES_CHANNEL): the screens refetch.
  onOtherChanges: (listener: () => void) => listenTo(ipcRenderer, 'renkei:other-changes', () => listener()),
});
