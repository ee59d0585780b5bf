/** The Japanese application menu. */
import { app, type BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { EDIT_COMMAND_CHANNEL, editMenu } from './edit-menu';
import { type FileMenuActions, fileMenu } from './file-menu';

export function buildMenu(getWindow: () => BrowserWindow | null, actions: FileMenuActions, shared: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [
    fileMenu(actions, shared),
    editMenu((command) => getWindow()?.webContents.send(EDIT_COMMAND_CHANNEL, command)),
    {
      label: '表示',
      submenu: [
        { label: '再読み込み', role: 'reload' },
        { type: 'separator' },
        { label: '拡大', role: 'zoomIn' },
        { label: '縮小', role: 'zoomOut' },
        { label: '実際のサイズ', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全画面表示', role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ label: '開発者ツール', role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: 'ヘルプ',
      submenu: [
        {
          label: 'Renkei について',
          click: () => {
            const win = getWindow();
            const options = {
              type: 'info' as const,
              title: 'Renkei について',
              message: `Renkei 在宅医療推進 事業管理\nバージョン ${app.getVersion()}`,
              detail: shared
                ? '共有データベース（PostgreSQL）に接続して動作しています。'
                : 'ネットワークを使わずに、この PC のデータベースだけで動作します。',
            };
            void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
