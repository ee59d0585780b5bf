/**
 * `renkei` — the command line over the same core: create and migrate a
 * database, back it up and restore it, read the audit log, import and export
 * the 台帳, print reports, calculate subsidies, serve the app on loopback.
 * Each group of commands lives in commands/; errors go to stderr in Japanese
 * with a non-zero exit.
 */
import { parseArgs } from 'node:util';
import { RenkeiError } from '@shared/contract';
import { type EarlyChartWorker, offerChartWorker } from '../report';
import { type Command, print, quietOnClosedPipe } from './command';
import { auditCommands } from './commands/audit';
import { databaseCommands } from './commands/database';
import { mastersCommands } from './commands/masters';
import { reportCommands } from './commands/report';
import { serveCommands } from './commands/serve';
import { sharedCommands } from './commands/shared';
import { subsidyCommands } from './commands/subsidy';

/** In the order the help lists them. */
const commands: Record<string, Command> = {
  ...databaseCommands,
  ...auditCommands,
  ...mastersCommands,
  ...reportCommands,
  ...subsidyCommands,
  ...serveCommands,
  ...sharedCommands,
};

function helpText(): string {
  const lines = ['使い方: renkei <コマンド> [オプション]', '', 'コマンド:'];
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(width)}  ${c.summary}`);
  lines.push(
    '',
    '共通オプション:',
    '  --db PATH  使うデータベースファイル（省略時は前回開いたファイル、なければユーザーデータフォルダの renkei.sqlite）',
    '  --db postgres://ユーザー名@サーバー名:ポート/データベース名',
    '           共有データベース（PostgreSQL）を使う。パスワードは環境変数 PGPASSWORD か .pgpass ファイルで渡す。',
    '           通信は TLS で暗号化する（この PC のサーバーを除く）。暗号化しないときは ?sslmode=disable を付ける',
  );
  lines.push('  --help     コマンドの説明を表示する');
  return lines.join('\n');
}

export async function main(argv: string[], started: () => void = () => undefined): Promise<number> {
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
    await command.run({ values: parsed.values as Record<string, unknown>, positionals: parsed.positionals, started });
    return 0;
  } catch (error) {
    const message =
      error instanceof RenkeiError
        ? error.message
        : (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
          ? `${parseArgsMessage(error as Error & { code: string }, name)}\n使い方: ${command.usage}`
          : `エラー: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

/** Node's parseArgs refusal (English) in the officer's words, naming the option and where the help is. */
function parseArgsMessage(error: Error & { code: string }, command: string): string {
  const named = /'([^']+)'/.exec(error.message)?.[1]?.split(' ')[0] ?? '';
  const help = `使えるオプションは renkei ${command} --help で確かめてください。`;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `オプション「${named}」はありません。${help}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `オプション「${named}」の値が正しくないか、ありません。${help}`;
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `「${named}」は余分です（オプションの値なら、その前にオプション名を付けてください）。${help}`;
  return `オプションが正しくありません。${help}`;
}

/**
 * Runs `renkei` with its arguments, as cli/start.ts calls it; `chartWorker` is the pack's chart worker it started
 * before the commands loaded (for `report pack`); `keepCompiled` keeps the commands' compiled code for the next run,
 * called by `serve` once its start is done (cli/start.ts).
 */
export async function run(
  argv: string[],
  chartWorker: EarlyChartWorker | null = null,
  keepCompiled: () => unknown = () => undefined,
): Promise<void> {
  offerChartWorker(chartWorker);
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const code = await main(argv, () => void keepCompiled());
  if (code !== 0) process.exitCode = code;
}
