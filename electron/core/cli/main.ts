/**
 * `renkei` — the command line over the same core: create and migrate a
 * database, back it up and restore it, read the audit log, serve the app on
 * loopback. Errors go to stderr in Japanese with a non-zero exit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AUDIT_ENTITIES, AUDIT_SECTIONS, type AuditEntity, type AuditSection, EXPORT_KINDS, IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind, RenkeiError } from '@shared/contract';
import { auditLine } from '@shared/audit-log';
import { BACKUP_REASON_LABELS } from '@shared/contract/backup';
import { entityLabel } from '@shared/glossary';
import { reportsWithData } from '@shared/report/pick';
import { SECTIONS } from '@shared/sections';
import { formatBytes, formatTimestamp } from '@shared/format';
import { parseDateText, parseFiscalYearWareki } from '@shared/wareki';
import { defaultUserDataDir, resolveDbPath, updateMachineConfig } from '../kernel/config';
import { Core } from '../core';
import { openInBrowser } from '../host/open-browser';
import { startHost } from '../host/server';
import { writeFileAtomic } from '../kernel/output';
import { reportInfos } from '../report/build';
import { ChromiumPrinter } from '../report/chromium';
import { calculateFile } from '../subsidy';

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals?: boolean;
  run(args: { values: Record<string, unknown>; positionals: string[] }): Promise<void>;
}

const dbOption = { db: { type: 'string' as const } };

/** Set when whoever reads our output has gone (`renkei audit | head -1`): the command finishes its work, printing nothing more. */
let outputClosed = false;

function print(line = ''): void {
  if (!outputClosed) process.stdout.write(`${line}\n`);
}

/**
 * A closed pipe is not an error of ours: the reader took what it wanted.
 * Without a listener, Node turns the EPIPE into an uncaught exception.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    outputClosed = true;
  });
}

function readInputFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new RenkeiError('io', `ファイル「${file}」を読めません（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）`);
  }
}

async function withCore<T>(values: Record<string, unknown>, fn: (core: Core) => Promise<T>): Promise<T> {
  const dbPath = resolveDbPath(defaultUserDataDir(), values.db as string | undefined);
  const core = await Core.open({ dbPath });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** The built renderer, which holds the print page as well as the app. */
const rendererDir = () => path.join(__dirname, '..', 'renderer');

/** The exit code of a process ended by each signal a user or a terminal sends (128 + its number). */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Ends the process on Ctrl+C, kill or a closed terminal with `stop` run first:
 * exiting runs playwright's exit hook, which kills Chromium and removes its
 * profile, so no browser outlives the command.
 */
function exitOnSignals(stop: () => Promise<void> = async () => undefined, exitCode?: number): () => void {
  const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
    const handler = () => void stop().finally(() => process.exit(exitCode ?? code));
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

/** Reports print in headless Chromium on the app's print page, served on loopback for the command's duration. */
async function withPrinting<T>(core: Core, fn: () => Promise<T>): Promise<T> {
  const host = await startHost({ core, staticDir: rendererDir() });
  core.usePrinter(new ChromiumPrinter(host.url));
  const release = exitOnSignals();
  try {
    return await fn();
  } finally {
    release();
    await core.printer?.close();
    core.usePrinter(null);
    await host.close();
  }
}

/** --fy as 2025, 令和7年度 or R7 — the same reader as the 年度 fields and imports. */
function fiscalYearOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseFiscalYearWareki(String(value));
  } catch {
    throw new RenkeiError('bad_request', `--fy には年度を指定してください（例: 2025、令和7年度、R7）: ${String(value)}`);
  }
}

/** A date option (--date, --from, --to) as 2025-04-01, 令和7年4月1日 or R7.4.1, passed on as YYYY-MM-DD. */
function dateOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDateText(String(value));
  } catch (error) {
    throw new RenkeiError('bad_request', `日付のオプション: ${(error as Error).message}`);
  }
}

const commands: Record<string, Command> = {
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
  audit: {
    summary: '監査ログを表示する（--out で Excel に書き出す）',
    usage: `renkei audit [--db PATH] [--person 担当者] [--section ${AUDIT_SECTIONS.join('|')}] [--entity 対象 [--id 記録]] [--from 日付] [--to 日付] [--limit N] [--json | --out ファイル.xlsx]`,
    options: {
      ...dbOption,
      person: { type: 'string' },
      section: { type: 'string' },
      entity: { type: 'string' },
      id: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    },
    async run({ values }) {
      const section = values.section as string | undefined;
      if (section !== undefined && !(AUDIT_SECTIONS as readonly string[]).includes(section)) {
        throw new RenkeiError('bad_request', `--section には ${AUDIT_SECTIONS.map((s) => `${s}=${SECTIONS.find((x) => x.id === s)!.label}`).join('、')} のどれかを指定してください`);
      }
      const entity = values.entity as string | undefined;
      if (entity !== undefined && !(AUDIT_ENTITIES as readonly string[]).includes(entity)) {
        throw new RenkeiError('bad_request', `--entity には次のどれかを指定してください: ${AUDIT_ENTITIES.map((e) => `${e}=${entityLabel(e)}`).join('、')}`);
      }
      const filter = {
        person: values.person as string | undefined,
        section: section as AuditSection | undefined,
        entity: entity as AuditEntity | undefined,
        entityId: values.id as string | undefined,
        from: dateOption(values.from),
        to: dateOption(values.to),
      };
      const out = values.out as string | undefined;
      if (out !== undefined && !/\.xlsx$/i.test(out)) throw new RenkeiError('bad_request', '--out には書き出すファイル名を .xlsx で指定してください');
      await withCore(values, async (core) => {
        if (out) {
          const file = await core.call('audit.export', filter);
          writeFileAtomic(out, Buffer.from(file.data, 'base64'));
          print(`書き出しました: ${path.resolve(out)}`);
          return;
        }
        const limit = values.limit === undefined ? 100 : Number(values.limit);
        const { entries, total } = await core.call('audit.list', { ...filter, limit });
        if (values.json) {
          print(JSON.stringify({ total, entries }, null, 2));
          return;
        }
        print(`監査ログ ${total} 件中 ${entries.length} 件（新しい順）`);
        for (const e of entries) print(auditLine(e));
      });
    },
  },
  import: {
    summary: '台帳を Excel・CSV から取り込む（--dry-run で確認だけ）',
    usage: `renkei import [--db PATH] [--dry-run] [--exclude 行番号,…] <${IMPORT_KINDS.join('|')}> <ファイル>`,
    options: { ...dbOption, 'dry-run': { type: 'boolean' }, exclude: { type: 'string' } },
    positionals: true,
    async run({ values, positionals }) {
      const [kind, file] = positionals;
      if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
        throw new RenkeiError('bad_request', `取り込む種類を指定してください（${IMPORT_KINDS.map((k) => `${k}=${IMPORT_KIND_LABELS[k]}`).join('、')}）`);
      }
      if (!file) throw new RenkeiError('bad_request', '取り込むファイルを指定してください');
      const input = { kind: kind as ImportKind, fileName: path.basename(file), data: readInputFile(file).toString('base64') };
      const excludeRows = values.exclude ? String(values.exclude).split(',').map((n) => Number(n.trim())) : [];
      await withCore(values, async (core) => {
        const preview = await core.call('masters.import.preview', input);
        print(`${preview.fileName}（${preview.source}）: ${preview.totalRows} 行 — 新規 ${preview.counts.new}、変更 ${preview.counts.changed}、変更なし ${preview.counts.unchanged}、エラー ${preview.counts.error}`);
        for (const note of preview.notes) print(`  ・${note}`);
        for (const row of preview.rows.filter((r) => r.status === 'error')) {
          for (const e of row.errors) print(`  ${row.rowNumber}行目${e.column ? ` ${e.column}列` : ''}${e.header ? `「${e.header}」` : ''}: ${e.message}`);
        }
        if (values['dry-run']) {
          print('確認のみ（--dry-run）のため、何も書き込んでいません。');
          return;
        }
        const result = await core.call('masters.import.commit', { ...input, excludeRows });
        print(`取り込みました: 新規 ${result.created}、更新 ${result.updated}、変更なし ${result.unchanged}、除外 ${result.excluded}`);
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
        throw new RenkeiError('bad_request', `書き出す種類を指定してください（${EXPORT_KINDS.join('、')}）`);
      }
      if (!file || !/\.(xlsx|csv)$/i.test(file)) throw new RenkeiError('bad_request', '書き出すファイル名を .xlsx か .csv で指定してください');
      await withCore(values, async (core) => {
        const out = await core.call('masters.export', { kind: kind as (typeof EXPORT_KINDS)[number], format: file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx' });
        writeFileAtomic(file, Buffer.from(out.data, 'base64'));
        print(`書き出しました: ${path.resolve(file)}`);
      });
    },
  },
  report: {
    summary: '帳票を PDF・Excel に出力する（list で一覧、pack で厚生局提出資料一式）',
    usage: [
      'renkei report list',
      'renkei report [--db PATH] <帳票名> [--fy 年度] [--date 日付] --format pdf|xlsx --out ファイル',
      'renkei report [--db PATH] pack --fy 年度 --out フォルダー [--date 日付] [--reports 帳票名,…] [--document-number 文書番号]',
    ].join('\n       '),
    options: {
      ...dbOption,
      fy: { type: 'string' },
      date: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      reports: { type: 'string' },
      'document-number': { type: 'string' },
    },
    positionals: true,
    async run({ values, positionals }) {
      const [name] = positionals;
      if (!name) throw new RenkeiError('bad_request', '帳票名か list・pack を指定してください（renkei report list で一覧）');
      if (name === 'list') {
        for (const r of await reportInfos()) print(`${r.name}\t${r.title}\t${r.needsFiscalYear ? '年度別' : '—'}\t${r.orientation === 'landscape' ? 'A4横' : 'A4縦'}`);
        return;
      }
      const out = values.out as string | undefined;
      const fy = fiscalYearOption(values.fy);
      const date = dateOption(values.date);
      if (name === 'pack') {
        if (fy === undefined) throw new RenkeiError('bad_request', '--fy で年度を指定してください（例: --fy 2025）');
        if (!out) throw new RenkeiError('bad_request', '--out で書き出すフォルダーを指定してください');
        await withCore(values, (core) =>
          withPrinting(core, async () => {
            const infos = await core.call('report.list', {});
            // The pick remembered from the app, less any report this version no longer has; when none was picked, every report with data for the 年度.
            const remembered = (await core.call('settings.get', {})).packReports.filter((name) => infos.some((r) => r.name === name));
            const reports = values.reports ? String(values.reports).split(',').map((r) => r.trim()) : remembered;
            const result = await core.call('report.pack', {
              fy,
              reports: reports.length > 0 ? reports : reportsWithData(infos, fy),
              outDir: path.resolve(out),
              ...(date ? { date } : {}),
              ...(values['document-number'] ? { documentNumber: String(values['document-number']) } : {}),
            });
            print(`厚生局提出資料一式を書き出しました: ${result.dir}`);
            for (const c of result.contents) print(`  ${String(c.firstPage).padStart(3)}ページ〜 ${c.title}（${c.pages}ページ）`);
            for (const f of result.files) print(`  ${f.fileName}\t${formatBytes(f.bytes)}\tSHA-256 ${f.sha256}`);
          }),
        );
        return;
      }
      const format = values.format as string | undefined;
      if (format !== 'pdf' && format !== 'xlsx') throw new RenkeiError('bad_request', '--format で pdf か xlsx を指定してください');
      if (!out) throw new RenkeiError('bad_request', '--out で書き出すファイルを指定してください');
      await withCore(values, (core) =>
        withPrinting(core, async () => {
          const rendered = await core.call('report.render', { name, format, params: { ...(fy !== undefined ? { fy } : {}), ...(date ? { date } : {}) } });
          writeFileAtomic(out, Buffer.from(rendered.data, 'base64'));
          print(`書き出しました: ${path.resolve(out)}${rendered.pages ? `（${rendered.pages}ページ）` : ''}`);
        }),
      );
    },
  },
  subsidy: {
    summary: '補助金の交付額を算定し、すべての列を JSON で表示する（calc）',
    usage: 'renkei subsidy calc --input FILE.json | renkei subsidy calc --fy 2023 [--db PATH]',
    options: { ...dbOption, input: { type: 'string' }, fy: { type: 'string' } },
    positionals: true,
    async run({ values, positionals }) {
      if (positionals[0] !== 'calc') throw new RenkeiError('bad_request', 'サブコマンド calc を指定してください（例: renkei subsidy calc --input 算定.json）');
      if (values.input !== undefined) {
        print(JSON.stringify(calculateFile(String(values.input)), null, 2));
        return;
      }
      const fy = fiscalYearOption(values.fy);
      if (fy === undefined) throw new RenkeiError('bad_request', '--input で JSON ファイルを指定するか、--fy で年度を指定してください（例: --fy 2023）');
      await withCore(values, async (core) => print(JSON.stringify(await core.call('subsidy.calc', { fiscalYear: fy }), null, 2)));
    },
  },
  serve: {
    summary: 'アプリを 127.0.0.1 で提供し、ブラウザで使えるようにする',
    usage: 'renkei serve [--db PATH] [--port N] [--open]',
    options: { ...dbOption, port: { type: 'string' }, open: { type: 'boolean' } },
    async run({ values }) {
      const userData = defaultUserDataDir();
      const explicit = values.db as string | undefined;
      // Without --db, a file opened in the app becomes the default next time, as in the desktop app.
      const core = await Core.open({
        dbPath: resolveDbPath(userData, explicit),
        onOpen: explicit ? undefined : (dbPath) => updateMachineConfig(userData, { dbPath }),
      });
      const host = await startHost({
        core,
        staticDir: rendererDir(),
        port: values.port === undefined ? 0 : Number(values.port),
      });
      core.usePrinter(new ChromiumPrinter(host.url));
      print(`Renkei を ${host.url} で提供しています（データベース: ${core.dbPath}）`);
      print('終了するには Ctrl+C を押してください。');
      if (values.open && !openInBrowser(host.url)) print('ブラウザを自動で開けませんでした。上の URL をブラウザで開いてください。');
      // Stopping the host is its normal end: exit code 0.
      exitOnSignals(async () => {
        await host.close();
        await core.close();
      }, 0);
      await new Promise(() => undefined);
    },
  },
};

function helpText(): string {
  const lines = ['使い方: renkei <コマンド> [オプション]', '', 'コマンド:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(8)} ${c.summary}`);
  lines.push('', '共通オプション:', '  --db PATH  使うデータベースファイル（省略時は前回開いたファイル、なければユーザーデータフォルダの renkei.sqlite）');
  lines.push('  --help     コマンドの説明を表示する');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    print(helpText());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`「${name}」というコマンドはありません。\n\n${helpText()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    print(`${command.summary}\n\n使い方: ${command.usage}`);
    return 0;
  }
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: command.positionals ?? false, strict: true });
    await command.run({ values: parsed.values as Record<string, unknown>, positionals: parsed.positionals });
    return 0;
  } catch (error) {
    const message =
      error instanceof RenkeiError
        ? error.message
        : (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
          ? `オプションが正しくありません: ${(error as Error).message}\n使い方: ${command.usage}`
          : `エラー: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  void main(process.argv.slice(2)).then((code) => {
    if (code !== 0) process.exitCode = code;
  });
}
