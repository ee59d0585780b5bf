/** `renkei init`, `migrate`, `backup`, `restore` and `meeting-copy`: the database file itself. */
import { RenkeiError } from '@shared/contract';
import { BACKUP_REASON_LABELS, backupLabel } from '@shared/contract/backup';
import { COPY_LEAVE_OUT_LABELS } from '@shared/contract/deck';
import { parseIsoDate } from '@shared/dates';
import { formatBytes, formatTimestamp } from '@shared/format';
import { formatWareki } from '@shared/wareki';
import { type Command, dbOption, print, withCore } from '../command';

export const databaseCommands: Record<string, Command> = {
  init: {
    summary: 'データベースを作成する（--demo でデモの県を読み込む）',
    usage: 'renkei init [--db PATH] [--demo]',
    options: { ...dbOption, demo: { type: 'boolean' } },
    async run({ values }) {
      await withCore(
        values,
        async (core) => {
          if (values.demo) await core.call('app.demo.load', {});
          const info = core.databaseInfo();
          print(`データベースを用意しました: ${info.path}（スキーマ ${info.schemaVersion}）`);
          if (values.demo) print('デモデータを読み込みました。');
        },
        { create: true },
      );
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
        print(`${backupLabel(info.name)}を作成しました（${info.name}）。`);
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
        const result = await core.call('backup.restore', { name }).catch((error: unknown) => {
          // The list shows a date and time beside each name; restore takes the name.
          if (!(error instanceof RenkeiError) || error.code !== 'not_found') throw error;
          throw new RenkeiError(
            'not_found',
            `${error.message}renkei backup --list の一覧の1列目の名前（例: 20260401T000000000Z-daily.sqlite）で指定してください。`,
          );
        });
        print(
          `${backupLabel(result.restored.name)}から復元しました。復元前の状態は${backupLabel(result.safetyBackup.name)}（${result.safetyBackup.name}）に保存しました。`,
        );
      });
    },
  },
  'meeting-copy': {
    summary: '会議用に持ち出す: 閲覧専用のコピーを書き出す（--no-institution-answers で医療機関ごとの調査回答を除く）',
    usage: 'renkei meeting-copy [--db PATH] [--no-institution-answers] <保存先のファイル>',
    options: { ...dbOption, 'no-institution-answers': { type: 'boolean' } },
    positionals: true,
    async run({ values, positionals }) {
      const target = positionals[0];
      if (!target) throw new RenkeiError('bad_request', '書き出す先のファイルを指定してください（例: renkei meeting-copy 会議用.sqlite）');
      await withCore(values, async (core) => {
        const done = await core.call('deck.meetingCopy', {
          path: target,
          leaveOut: values['no-institution-answers'] ? ['institution_answers'] : [],
        });
        print(
          `会議用のコピー（閲覧専用・${formatWareki(parseIsoDate(done.asOf))}時点、${formatBytes(done.sizeBytes)}）を書き出しました: ${done.path}`,
        );
        if (done.leftOut.length > 0) print(`含めなかったもの: ${done.leftOut.map((l) => COPY_LEAVE_OUT_LABELS[l]).join('、')}`);
      });
    },
  },
};
