/** `renkei import` and `export`: the 台帳 from and to Excel or CSV. */
import path from 'node:path';
import { EXPORT_KINDS, IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind, RenkeiError } from '@shared/contract';
import { formatImportCounts, formatNumber } from '@shared/format';
import { readUploadsHere } from '../../kernel/jobs/uploads';
import { writeFileAtomic } from '../../kernel/output';
import { type Command, dbOption, print, readInputFile, rowNumbersOption, withCore } from '../command';

/**
 * What is said for a kind missing or not among `kinds`: an unknown one by name, with the kind it most likely meant
 * (「institution」 for institutions: the singular, or a kind it begins).
 */
function kindAsked(kind: string | undefined, kinds: readonly string[], verb: string): string {
  if (!kind) return `${verb}種類を指定してください`;
  const meant = kinds.find((k) => k.startsWith(kind.toLowerCase()) || kind.toLowerCase().startsWith(k.replace(/s$/, '')));
  return `「${kind}」という種類はありません。${meant ? `${meant} のことでしたら、そう指定してください。` : ''}${verb}種類は次のとおりです`;
}

export const mastersCommands: Record<string, Command> = {
  import: {
    summary: '台帳を Excel・CSV から取り込む（--dry-run で確認だけ、--own-prefecture で自県の行だけ）',
    usage: `renkei import [--db PATH] [--dry-run] [--exclude 行番号,…] [--own-prefecture] <${IMPORT_KINDS.join('|')}> <ファイル>`,
    options: { ...dbOption, 'dry-run': { type: 'boolean' }, exclude: { type: 'string' }, 'own-prefecture': { type: 'boolean' } },
    positionals: true,
    async run({ values, positionals }) {
      const [kind, file] = positionals;
      if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
        throw new RenkeiError(
          'bad_request',
          `${kindAsked(kind, IMPORT_KINDS, '取り込む')}（${IMPORT_KINDS.map((k) => `${k}=${IMPORT_KIND_LABELS[k]}`).join('、')}）`,
        );
      }
      if (!file) throw new RenkeiError('bad_request', '取り込むファイルを指定してください');
      readUploadsHere();
      const input = {
        kind: kind as ImportKind,
        fileName: path.basename(file),
        data: readInputFile(file).toString('base64'),
        ownPrefectureOnly: values['own-prefecture'] === true,
      };
      const excludeRows = rowNumbersOption(values.exclude, 'exclude');
      await withCore(values, async (core) => {
        const preview = await core.call('masters.import.preview', input);
        print(
          `${preview.fileName}（${preview.source}）: ${preview.totalRows} 行 — 新規 ${preview.counts.new}、変更 ${preview.counts.changed}、変更なし ${preview.counts.unchanged}、エラー ${preview.counts.error}`,
        );
        for (const note of preview.notes) print(`  ・${note}`);
        if (preview.outside && !preview.outside.leftOut)
          print(`  ${preview.outside.own}の行だけを取り込むには --own-prefecture を付けてください（他の都道府県の行は除外します）。`);
        const shown = preview.rows.filter((r) => r.status === 'error');
        for (const row of shown) {
          for (const e of row.errors)
            print(`  ${row.rowNumber}行目${e.column ? ` ${e.column}列` : ''}${e.header ? `「${e.header}」` : ''}: ${e.message}`);
        }
        if (shown.length < preview.counts.error)
          print(`  ほか ${formatNumber(preview.counts.error - shown.length)} 行のエラーは省略しました`);
        if (values['dry-run']) {
          print('確認のみ（--dry-run）のため、何も書き込んでいません。');
          return;
        }
        const result = await core.call('masters.import.commit', { ...input, excludeRows });
        print(`取り込みました: ${formatImportCounts(result)}・変更なし ${formatNumber(result.unchanged)}`);
      });
    },
  },
  export: {
    summary: '台帳を Excel（.xlsx）または CSV に書き出す',
    usage: `renkei export [--db PATH] <${EXPORT_KINDS.join('|')}> <ファイル.xlsx|ファイル.csv>`,
    options: dbOption,
    positionals: true,
    async run({ values, positionals }) {
      const [kind, file] = positionals;
      if (!kind || !(EXPORT_KINDS as readonly string[]).includes(kind)) {
        throw new RenkeiError('bad_request', `${kindAsked(kind, EXPORT_KINDS, '書き出す')}（${EXPORT_KINDS.join('、')}）`);
      }
      if (!file || !/\.(xlsx|csv)$/i.test(file))
        throw new RenkeiError('bad_request', '書き出すファイル名を .xlsx か .csv で指定してください');
      await withCore(values, async (core) => {
        const out = await core.call('masters.export', {
          kind: kind as (typeof EXPORT_KINDS)[number],
          format: file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx',
        });
        await writeFileAtomic(file, Buffer.from(out.data, 'base64'));
        print(`書き出しました: ${path.resolve(file)}`);
      });
    },
  },
};
