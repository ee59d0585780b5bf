/**
 * What every command of `renkei` shares: the command's shape, printing to a
 * pipe that may close, opening the core for one command, and the options
 * read the same everywhere
 * (--db, --fy, dates).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { RenkeiError } from '@shared/contract';
import { parseDateText, parseFiscalYearWareki } from '@shared/wareki';
import { Core } from '../core';
import { defaultUserDataDir, resolveDatabase } from '../kernel/config';

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals?: boolean;
  /**
   * `started` says the start of a command that runs on (serve) is done: the code it ran so far is then kept compiled
   * for its next start (cli/start.ts); other commands' code is kept as it is loaded.
   */
  run(args: { values: Record<string, unknown>; positionals: string[]; started: () => void }): Promise<void>;
}

export const dbOption = { db: { type: 'string' as const } };

/** Set when whoever reads our output has gone (`renkei audit | head -1`): the command finishes its work, printing nothing more. */
let outputClosed = false;

export function print(line = ''): void {
  if (!outputClosed) process.stdout.write(`${line}\n`);
}

/**
 * A closed pipe is not an error of ours: the reader took what it wanted.
 * Without a listener, Node turns the EPIPE into an uncaught exception.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    outputClosed = true;
  });
}

export function readInputFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new RenkeiError('io', `ファイル「${file}」を読めません（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）`);
  }
}

/**
 * The refusal of a database file `--db` names that is not there: only `renkei init` makes one. Any other command on a
 * mistyped path would otherwise work on a new empty database — a backup of nothing reported as made, an app served
 * with all the data seemingly gone.
 */
export function refuseMissingDatabase(dbPath: string): void {
  if (fs.existsSync(dbPath)) return;
  throw new RenkeiError(
    'not_found',
    `データベースファイル「${dbPath}」はありません。--db のファイル名を確かめてください（新しく作るときは renkei init --db ${dbPath}）。`,
  );
}

/** Opens the database `--db` names (or the app's own) for one command; only `create` (renkei init) makes a file that is not there. */
export async function withCore<T>(
  values: Record<string, unknown>,
  fn: (core: Core) => Promise<T>,
  options: { create?: boolean } = {},
): Promise<T> {
  const target = resolveDatabase(defaultUserDataDir(), values.db as string | undefined);
  if (target.dbPath && !options.create) refuseMissingDatabase(target.dbPath);
  // What goes wrong beside the command (the daily backup) is said in the officer's words, its stack kept for what Renkei did not foresee.
  const logError = (error: unknown) =>
    process.stderr.write(`${error instanceof RenkeiError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  const core = await Core.open({ ...target, create: options.create === true, logError });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** The built renderer, the app's screens that `renkei serve` serves. */
export const rendererDir = () => path.join(__dirname, '..', 'renderer');

/** --fy as 2025, 令和7年度 or R7 — the same reader as the 年度 fields and imports. */
export function fiscalYearOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseFiscalYearWareki(String(value));
  } catch {
    throw new RenkeiError('bad_request', `--fy には年度を指定してください（例: 2025、令和7年度、R7）: ${String(value)}`);
  }
}

/** --port: a port number (full-width digits too); 0 or none, a free one. */
export function portOption(value: unknown): number {
  if (value === undefined) return 0;
  const text = String(value).normalize('NFKC').trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new RenkeiError(
      'bad_request',
      `--port の「${String(value)}」はポート番号ではありません（0〜65535 の数字。省略すると空いている番号を使います）`,
    );
  }
  return port;
}

/** A host that could not listen on the port asked for: said in words the officer can act on. */
export function portInUse(error: unknown, port: number): unknown {
  if ((error as { code?: unknown }).code !== 'EADDRINUSE') return error;
  return new RenkeiError(
    'unavailable',
    `ポート ${port} はほかのプログラム（別の renkei serve など）が使っています。別の番号を --port で指定するか、--port を省いて空いている番号を使ってください。`,
  );
}

/** A date option (--date, --from, --to) as 2025-04-01, 令和7年4月1日 or R7.4.1, passed on as YYYY-MM-DD. */
export function dateOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDateText(String(value));
  } catch (error) {
    throw new RenkeiError('bad_request', `日付のオプション: ${(error as Error).message}`);
  }
}

/**
 * An option naming one of a list as the screens name it (医療機関, 補助金) or by its key (institution, subsidy); anything
 * else is refused with the Japanese names to choose from.
 * @example choiceOption('医療機関', 'entity', ['institution', 'center'], entityLabel) // 'institution'
 */
export function choiceOption<T extends string>(
  value: unknown,
  option: string,
  choices: readonly T[],
  label: (choice: T) => string,
): T | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const chosen = choices.find((c) => c === text || label(c) === text);
  if (chosen === undefined) {
    throw new RenkeiError(
      'bad_request',
      `--${option} には次のどれかを指定してください: ${choices.map(label).join('、')}（「${text}」はありません）`,
    );
  }
  return chosen;
}

/** Excel's last row: a range past it names no row of any file. */
const LAST_ROW = 1_048_576;

/**
 * Row numbers (--exclude) as people type them: 3,4,6 or ３、４、６, a range 3-5, spaces between; a piece that is not a
 * row number is refused by name.
 * @example rowNumbersOption('3,４、6-8', 'exclude') // [3, 4, 6, 7, 8]
 */
export function rowNumbersOption(value: unknown, option: string): number[] {
  if (value === undefined) return [];
  const rows: number[] = [];
  for (const piece of String(value)
    .normalize('NFKC')
    .split(/[,、\s]+/)) {
    if (piece === '') continue;
    const range = /^(\d+)(?:[-~〜](\d+))?$/.exec(piece);
    const from = Number(range?.[1]);
    const to = Number(range?.[2] ?? range?.[1]);
    if (!range || from < 1 || to < from || to > LAST_ROW)
      throw new RenkeiError('bad_request', `--${option} の「${piece}」は行番号ではありません（例: --${option} 3,4,6 や 3-5）`);
    for (let n = from; n <= to; n += 1) rows.push(n);
  }
  return rows;
}
