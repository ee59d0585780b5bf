import { describe, expect, it } from 'vitest';
import { contextMenuFor, type EditCommand, editMenu } from './edit-menu';

describe('the 編集 menu', () => {
  const sent: EditCommand[] = [];
  const menu = editMenu((command) => sent.push(command));
  const items = menu.submenu as { label?: string; role?: string; click?: unknown }[];
  const item = (label: string) => items.find((i) => i.label === label)!;

  it('sends 元に戻す and やり直す to the page instead of the text-only built-in roles', () => {
    expect(item('元に戻す')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(item('やり直す').role).toBeUndefined();
    expect(item('元に戻す').role).toBeUndefined();
    (item('元に戻す').click as () => void)();
    (item('やり直す').click as () => void)();
    expect(sent).toEqual(['undo', 'redo']);
  });

  it('names やり直す as the top bar’s button does and shows Ctrl+Y, the key Windows users press (the page handles it)', () => {
    expect(items[1]).toMatchObject({ label: 'やり直す', accelerator: 'CmdOrCtrl+Y', registerAccelerator: false });
  });

  it('keeps cut, copy, paste and select-all as the text roles', () => {
    expect(['切り取り', 'コピー', '貼り付け', 'すべて選択'].map((l) => item(l).role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });
});

describe('the right-click menu', () => {
  const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
  const shown = (menu: ReturnType<typeof contextMenuFor>) => menu.map((i) => (i.type === 'separator' ? '—' : `${i.label}:${i.role}`));

  it('offers 切り取り・コピー・貼り付け・すべて選択 in a field, by the text roles, greyed where the field cannot', () => {
    const menu = contextMenuFor({ isEditable: true, selectionText: '', editFlags: { ...flags, canCut: false, canCopy: false } });
    expect(shown(menu)).toEqual(['切り取り:cut', 'コピー:copy', '貼り付け:paste', '—', 'すべて選択:selectAll']);
    expect(menu.map((i) => i.enabled)).toEqual([false, false, true, undefined, true]);
  });

  it('offers コピー over selected text outside a field, and no menu elsewhere', () => {
    expect(shown(contextMenuFor({ isEditable: false, selectionText: '佐渡市', editFlags: flags }))).toEqual(['コピー:copy']);
    expect(contextMenuFor({ isEditable: false, selectionText: '', editFlags: flags })).toEqual([]);
  });
});
