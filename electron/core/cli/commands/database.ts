/** `renkei init`, `migrate`, `backup` and `restore`: the database file itself. */
import { RenkeiError } from '@shared/contract';
import { BACKUP_REASON_LABELS } from '@shared/contract/backup';
import { formatBytes, formatTimestamp } from '@shared/format';
import { type Command, dbOption, print, withCore } from '../command';

export const databaseCommands: Record<string, Command> = {
  init: {
    summary: 'データベースを作成する（--demo でデモの県を読み込む）',
    usage: 'renkei init [--db PATH] [--demo]',
    options: { ...dbOption, demo: { type: 'boolean' } },
    async run({ values }) {
      await withCore(values, async (core) => {
        if (values.demo) await core.call('app.demo.load', {});
        const info = core.databaseInfo();
        print(`データベースを用意しました: ${info.path}（スキーマ ${info.schemaVersion}）`);
        if (values.demo) print('デモデータを読み込みました。');
      });
    },
  },
  migrate: {
    summary: 'データベースを最新の形式に更新する（更新前に自動バックアップ）',
    usage: 'renkei migrate [--db PATH]',
    options: dbOption,
    async run({ values }) {
      await withCore(values, async (core) => {
        const info = core.databaseInfo();
        print(`最新の形式です: ${info.path}（スキーマ ${info.schemaVersion}、${info.migrations} 件の更新を適用済み）`);
      });
    },
  },
  backup: {
    summary: 'いますぐバックアップを作成する（--list で一覧）',
    usage: 'renkei backup [--db PATH] [--list]',
    options: { ...dbOption, list: { type: 'boolean' } },
    async run({ values }) {
      await withCore(values, async (core) => {
        if (values.list) {
          const list = await core.call('backup.list', {});
          if (list.length === 0) print('バックアップはありません。');
          for (const b of list) {
            print(`${b.name}\t${formatTimestamp(b.createdAt)}\t${BACKUP_REASON_LABELS[b.reason]}\t${formatBytes(b.sizeBytes)}`);
          }
          return;
        }
        const info = await core.call('backup.create', {});
        print(`バックアップを作成しました: ${info.name}`);
      });
    },
  },
  restore: {
    summary: 'バックアップから復元する（現在のファイルは先にバックアップ）',
    usage: 'renkei restore [--db PATH] <バックアップ名>',
    options: dbOption,
    positionals: true,
    async run({ values, positionals }) {
      const name = positionals[0];
      if (!name) throw new RenkeiError('bad_request', '復元するバックアップ名を指定してください（renkei backup --list で一覧）');
      await withCore(values, async (core) => {
        const result = await core.call('backup.restore', { name });
        print(`${result.restored.name} から復元しました。復元前の状態は ${result.safetyBackup.name} に保存しました。`);
      });
    },
  },
};
