/**
 * `renkei shared setup | migrate | copy`: what the IT department runs for
 * shared mode. setup prepares an empty PostgreSQL database (the tables, the
 * group roles with their GRANTs and row-level security, the first 県・担当);
 * migrate moves a file into an empty one; copy writes a server's data into a
 * new file. Passwords come from PGPASSWORD or .pgpass (the connection) and
 * RENKEI_NEW_PASSWORD or a prompt (a new account), never from the command line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RenkeiError } from '@shared/contract';
import { loginSchema, passwordSchema, ROLE_LABELS } from '@shared/contract/accounts';
import type { MoveResult } from '@shared/contract/backup';
import { formatBytes } from '@shared/format';
import { Core } from '../../core';
import { type PgConnection, parsePgUrl } from '../../kernel/db/postgres';
import { groupRoles, setupSharedRoles } from '../../kernel/db/roles';
import { type Command, print } from '../command';

const USAGE = [
  'renkei shared setup --db postgres://管理者@サーバー/データベース [--user ログイン名 [--name 氏名]] [--role-prefix 接頭辞]',
  '       renkei shared migrate --from ファイル --to postgres://管理者@サーバー/データベース',
  '       renkei shared copy --from postgres://ユーザー@サーバー/データベース --to ファイル',
].join('\n');

function connectionOption(value: unknown, option: string): PgConnection {
  if (typeof value !== 'string' || !value)
    throw new RenkeiError(
      'bad_request',
      `--${option} に共有データベースを postgres://ユーザー名@サーバー名:ポート/データベース名 の形で指定してください。`,
    );
  return parsePgUrl(value);
}

async function withShared<T>(connection: PgConnection, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await Core.open({ connection });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** A password typed without echo (twice, so a typo does not lock the person out), or RENKEI_NEW_PASSWORD when set. */
async function newPassword(login: string): Promise<string> {
  const fromEnv = process.env.RENKEI_NEW_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY)
    throw new RenkeiError(
      'bad_request',
      `「${login}」の初期パスワードを環境変数 RENKEI_NEW_PASSWORD で渡すか、端末から実行して入力してください。`,
    );
  const first = await askHidden(`「${login}」の初期パスワード（10文字以上）: `);
  const second = await askHidden('もう一度入力してください: ');
  if (first !== second) throw new RenkeiError('validation', '2回入力したパスワードが一致しません。もう一度実行してください。');
  return first;
}

/** What the schema says of a login or password given for the first account, said before any setup work. */
function checked(schema: typeof loginSchema | typeof passwordSchema, value: string, what: string): string {
  const result = schema.safeParse(value);
  if (!result.success) throw new RenkeiError('validation', `${what}: ${result.error.issues[0]!.message}。`);
  return result.data;
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new RenkeiError('refused', '中止しました。何も変えていません。'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    stdin.on('data', onData);
  });
}

const LEFT_OUT_REASONS: Record<string, string> = {
  account: '利用者はサーバーのログインなので、移行のあと renkei shared setup と「利用者」画面で登録します',
  journal_change: '元に戻すの履歴は、作られたデータベースの中だけで使えます',
  journal_row: '元に戻すの履歴は、作られたデータベースの中だけで使えます',
};

/** The move's comparison, one line per table, as the IT department checks it. */
function printChecks(result: MoveResult): void {
  const width = Math.max(...result.tables.map((t) => t.table.length), 4);
  print(`${'表'.padEnd(width - 1)}  元の行数  写しの行数  元のチェックサム    写しのチェックサム  一致`);
  for (const t of result.tables) {
    print(
      `${t.table.padEnd(width)}  ${String(t.sourceRows).padStart(8)}  ${String(t.targetRows).padStart(10)}  ${t.sourceChecksum}  ${t.targetChecksum}    ${t.same ? '○' : '×'}`,
    );
  }
  const rows = result.tables.reduce((n, t) => n + t.targetRows, 0);
  print(`${result.tables.length} 表、${rows.toLocaleString('ja-JP')} 行を写し、すべて元と一致しました。`);
  for (const table of result.leftOut) print(`写さなかった表: ${table}（${LEFT_OUT_REASONS[table] ?? '写す対象外'}）`);
}

const subcommands: Record<string, (values: Record<string, unknown>) => Promise<void>> = {
  async setup(values) {
    const connection = connectionOption(values.db, 'db');
    // The first account's login and password are checked before the tables and roles are set up, not after.
    const login = values.user === undefined ? undefined : checked(loginSchema, values.user as string, '--user');
    const password = login === undefined ? undefined : checked(passwordSchema, await newPassword(login), '初期パスワード');
    await withShared(connection, async (core) => {
      const info = core.databaseInfo();
      print(`共有データベース ${info.path} の表を用意しました（スキーマ ${info.schemaVersion}、${info.migrations} 件の更新を適用済み）。`);
      const prefix = (values['role-prefix'] as string | undefined) ?? '';
      await core.database.transaction().execute((trx) => setupSharedRoles(trx, { rolePrefix: prefix }));
      const groups = groupRoles(prefix);
      print('役割（グループロール）と権限・行単位のセキュリティを設定しました:');
      for (const [role, group] of Object.entries(groups)) print(`  ${group.padEnd(24)} ${ROLE_LABELS[role as keyof typeof groups]}`);
      if (!login || !password) {
        print('利用者は追加していません。最初の県・担当は --user ログイン名 で追加できます。');
        return;
      }
      const existing = (await core.call('accounts.list', {})).find((a) => a.login === login);
      if (existing) {
        print(`利用者「${login}」（${ROLE_LABELS[existing.role]}）はすでに登録されています。パスワードは変えていません。`);
        return;
      }
      const added = await core.call('accounts.add', {
        login,
        displayName: (values.name as string | undefined) ?? login,
        password,
        role: 'pref_staff',
        associationId: null,
      });
      print(
        `最初の県・担当「${added.displayName}」（ログイン名 ${added.login}）を登録しました。ほかの方は、この方が Renkei の「利用者」画面で追加します。`,
      );
    });
  },

  async migrate(values) {
    const from = values.from as string | undefined;
    if (!from) throw new RenkeiError('bad_request', '--from に移行するデータベースファイルを指定してください。');
    if (!fs.existsSync(from)) throw new RenkeiError('io', `ファイル「${path.resolve(from)}」がありません。ファイル名を確かめてください。`);
    const to = connectionOption(values.to, 'to');
    const core = await Core.open({ dbPath: path.resolve(from), create: false });
    try {
      print(`「${core.dbPath}」を共有データベースへ移行しています…`);
      const result = await core.call('backup.moveToShared', to);
      print(`移行先: ${result.target}`);
      printChecks(result);
      print('次に renkei shared setup --db … --user … で役割と最初の県・担当を用意してください。');
    } finally {
      await core.close();
    }
  },

  async copy(values) {
    const from = connectionOption(values.from, 'from');
    const to = values.to as string | undefined;
    if (!to) throw new RenkeiError('bad_request', '--to に写しを書き出すファイル名を指定してください（例: --to 写し.sqlite）。');
    await withShared(from, async (core) => {
      print(`${core.databaseInfo().path} の写しを作っています…`);
      const result = await core.call('backup.copyToFile', { path: to });
      print(`写し: ${result.target}（${formatBytes(result.sizeBytes)}）`);
      printChecks(result);
      print('写しは普通の Renkei のファイルとして開けます（元の共有データベースとは別物です）。');
    });
  },
};

export const sharedCommands: Record<string, Command> = {
  shared: {
    summary: '共有データベース（PostgreSQL）の準備・移行・写し（setup / migrate / copy）',
    usage: USAGE,
    options: {
      db: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      'role-prefix': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
    positionals: true,
    async run({ values, positionals }) {
      const sub = subcommands[positionals[0] ?? ''];
      if (!sub) {
        const slip = positionals[0] === undefined ? '' : `「${positionals[0]}」というサブコマンドはありません。`;
        throw new RenkeiError('bad_request', `${slip}setup・migrate・copy のどれかを指定してください。\n使い方: ${USAGE}`);
      }
      await sub(values);
    },
  },
};
