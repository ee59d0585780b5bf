import { describe, expect, it } from 'vitest';
import { type EditCommand, editMenu } from './edit-menu';

describe('the 編集 menu', () => {
  const sent: EditCommand[] = [];
  const menu = editMenu((command) => sent.push(command));
  const items = menu.submenu as { label?: string; role?: string; click?: unknown }[];
  const item = (label: string) => items.find((i) => i.label === label)!;

  it('sends 元に戻す and やり直し to the page instead of the text-only built-in roles', () => {
    expect(item('元に戻す')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(item('やり直し')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false });
    expect(item('元に戻す').role).toBeUndefined();
    expect(item('やり直し').role).toBeUndefined();
    (item('元に戻す').click as () => void)();
    (item('やり直し').click as () => void)();
    expect(sent).toEqual(['undo', 'redo']);
  });

  it('keeps cut, copy, paste and select-all as the text roles', () => {
    expect(['切り取り', 'コピー', '貼り付け', 'すべて選択'].map((l) => item(l).role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });
});
