/**
 * The 編集 menu and the right-click menu. 元に戻す and やり直す go to the page, which decides: inside a
 * text field with unsaved typing it is the field's own undo (as inside an
 * Excel cell), otherwise the app's undo of the last saved change. Their keys
 * are shown but not registered here: the page handles them, so one key press
 * never triggers both.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type EditCommand = 'undo' | 'redo';

/** The IPC channel the shell sends an EditCommand on (preload: onEditCommand). */
export const EDIT_COMMAND_CHANNEL = 'renkei:edit';

export function editMenu(send: (command: EditCommand) => void): MenuItemConstructorOptions {
  return {
    label: '編集',
    submenu: [
      { label: '元に戻す', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => send('undo') },
      // Named as the top bar's button; the key shown is the one Windows users press (the page takes Ctrl+Shift+Z as well).
      { label: 'やり直す', accelerator: 'CmdOrCtrl+Y', registerAccelerator: false, click: () => send('redo') },
      { type: 'separator' },
      { label: '切り取り', role: 'cut' },
      { label: 'コピー', role: 'copy' },
      { label: '貼り付け', role: 'paste' },
      { label: 'すべて選択', role: 'selectAll' },
    ],
  };
}

/** What the page says about the place right-clicked (Electron's context-menu params, the part used here). */
export interface ContextMenuPlace {
  isEditable: boolean;
  selectionText: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

/**
 * The right-click menu, which Electron does not give by itself: in a field 切り取り・コピー・貼り付け・すべて選択,
 * over selected text コピー; elsewhere none (an empty list: no menu).
 */
export function contextMenuFor(place: ContextMenuPlace): MenuItemConstructorOptions[] {
  const { editFlags } = place;
  if (place.isEditable)
    return [
      { label: '切り取り', role: 'cut', enabled: editFlags.canCut },
      { label: 'コピー', role: 'copy', enabled: editFlags.canCopy },
      { label: '貼り付け', role: 'paste', enabled: editFlags.canPaste },
      { type: 'separator' },
      { label: 'すべて選択', role: 'selectAll', enabled: editFlags.canSelectAll },
    ];
  if (place.selectionText.trim() !== '') return [{ label: 'コピー', role: 'copy' }];
  return [];
}
