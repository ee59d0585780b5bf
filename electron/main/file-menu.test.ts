import { describe, expect, it } from 'vitest';
import { fileMenu } from './file-menu';

describe('the ファイル menu', () => {
  const calls: string[] = [];
  const actions = {
    openDatabase: (mode: 'open' | 'create') => calls.push(mode),
    connectShared: () => calls.push('connect'),
    openLocal: () => calls.push('local'),
  };
  const items = (shared: boolean) => fileMenu(actions, shared).submenu as { label?: string; enabled?: boolean; click?: () => void }[];
  const item = (shared: boolean, label: string) => items(shared).find((i) => i.label === label)!;

  it('offers a shared database beside the files of this PC', () => {
    expect(items(false).map((i) => i.label ?? '—')).toEqual([
      'データベースを開く…',
      '新しいデータベースを作成…',
      '—',
      '共有データベースに接続…',
      'この PC のデータベースを開く',
      '—',
      '終了',
    ]);
    item(false, '共有データベースに接続…').click!();
    item(false, 'データベースを開く…').click!();
    expect(calls).toEqual(['connect', 'open']);
  });

  it('offers the way back to この PC のデータベース only while a shared database is open', () => {
    expect(item(false, 'この PC のデータベースを開く').enabled).toBe(false);
    expect(item(true, 'この PC のデータベースを開く').enabled).toBe(true);
    item(true, 'この PC のデータベースを開く').click!();
    expect(calls.at(-1)).toBe('local');
  });
});
