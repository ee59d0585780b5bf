/**
 * The PostgreSQL engine (shared mode): a team's database on a server the IT
 * department runs, through Kysely's PostgresDialect and a `pg` pool. The same
 * migrations and queries as SQLite; what differs is here: the connection
 * (TLS on unless the server is this machine; the password from PGPASSWORD or
 * a .pgpass file, never from Renkei's settings), 64-bit integers read back as
 * JS numbers only while exact, the port's write counter and bulk insert, and
 * why a connection failed, in words for the CLI, the desktop and the sign-in
 * page (describeConnectFailure).
 * The change journal, file backups and file identity are SQLite's own and are
 * refused here with a message (see notInSharedMode).
 */
import os from 'node:os';
import path from 'node:path';
import { CamelCasePlugin, type Insertable, Kysely, type Migration, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { ConnectFailure, ConnectFailureKind } from '@shared/connect-form';
import { RenkeiError } from '@shared/contract';
import { isLoopbackHost } from '@shared/security/loopback';
import { kyselyAuditWriter } from '../audit';
import { noJournal } from '../journal';
import { WRITE_WAIT_MS } from './dialect';
import type { Engine } from './engine';
import { MIGRATION_TABLE } from './identity';
import { MIGRATIONS } from './migrations';
import type { Database, Trx } from './schema';

/** A PostgreSQL database to open instead of a file. */
export interface PgConnection {
  host: string;
  /** 5432 when absent. */
  port?: number;
  database: string;
  user: string;
  /**
   * Only for callers that hold it for the session (the shell, from the OS
   * keychain); never stored by Renkei. Absent: PGPASSWORD, then ~/.pgpass
   * (%APPDATA%\postgresql\pgpass.conf on Windows), as psql does.
   */
  password?: string;
  /** TLS, verifying the server's certificate. On by default; off by default only for a server on this machine (loopback). */
  ssl?: boolean;
}

export interface PgOpenOptions {
  /** The migrations this program knows; tests add one to exercise an upgrade. */
  migrations?: Readonly<Record<string, Migration>>;
  /** How long (ms) a statement waits for a row another session holds before it gives up (WRITE_WAIT_MS; tests shorten it). */
  writeWaitMs?: number;
}

export interface PostgresEngine extends Engine {
  readonly kind: 'postgres';
  readonly connection: PgConnection;
}

/** A server and database, before anyone signs in to it. */
export type PgServer = Omit<PgConnection, 'user' | 'password'>;

/**
 * The server and, when the URL names one, the login of a
 * `postgres://[user@]host:port/database[?sslmode=…]` URL. A password in the
 * URL is refused: it would end up in shell histories and process lists.
 * `sslmode=disable` turns TLS off (for a server on this machine or a test
 * server); `require` or `verify-full` turn it on; otherwise TLS is on except
 * for a loopback server.
 *
 * @example parsePgServer('postgres://db.pref.example/renkei') // { server: { host: 'db.pref.example', database: 'renkei' }, user: null }
 */
export function parsePgServer(url: string): { server: PgServer; user: string | null } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RenkeiError(
      'bad_request',
      `「${url}」は共有データベースの指定として読めません。postgres://ユーザー名@サーバー名:ポート/データベース名 の形で指定してください。`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new RenkeiError('bad_request', `「${url}」は共有データベースの指定ではありません。postgres:// で始めてください。`);
  }
  if (parsed.password) {
    throw new RenkeiError(
      'bad_request',
      'パスワードを URL に書かないでください（画面の履歴などに残ります）。環境変数 PGPASSWORD か .pgpass ファイルで渡してください。',
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database || !parsed.hostname)
    throw new RenkeiError(
      'bad_request',
      `「${url}」にはサーバー名とデータベース名が要ります（postgres://ユーザー名@サーバー名:ポート/データベース名）。`,
    );
  const ssl = parsed.searchParams.get('sslmode');
  const server: PgServer = {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    ...(parsed.port ? { port: Number(parsed.port) } : {}),
    database,
    ...(ssl === 'disable' ? { ssl: false } : ssl === 'require' || ssl === 'verify-full' ? { ssl: true } : {}),
  };
  return { server, user: parsed.username ? decodeURIComponent(parsed.username) : null };
}

/**
 * A connection from a `postgres://user@host:port/database` URL (the CLI's and
 * the tests' way of naming one), which must name the login.
 *
 * @example parsePgUrl('postgres://renkei@db.pref.example:5432/renkei')
 */
export function parsePgUrl(url: string): PgConnection {
  const { server, user } = parsePgServer(url);
  if (!user)
    throw new RenkeiError(
      'bad_request',
      `「${url}」にはユーザー名とデータベース名が要ります（postgres://ユーザー名@サーバー名:ポート/データベース名）。`,
    );
  return { ...server, user };
}

/** Whether `--db` names a shared database (a postgres:// URL) rather than a file. */
export function isPgUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

/** db.pref.example:5432/renkei — the server as the sign-in screen shows it. */
export function pgServerLabel(s: PgServer): string {
  return `${s.host.includes(':') ? `[${s.host}]` : s.host}:${s.port ?? 5432}/${s.database}`;
}

/** postgres://user@host:port/database — how the connection is shown (never with a password). */
export function pgLocation(c: PgConnection): string {
  return `postgres://${encodeURIComponent(c.user)}@${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port ?? 5432}/${encodeURIComponent(c.database)}`;
}

/**
 * Where outputs go in shared mode, which has no database file to put them
 * beside: a folder per database under the user's Renkei folder. The kernel
 * gives this as `dbPath`, so output folders are `path.dirname(dbPath)/…`.
 */
export function sharedWorkPath(c: PgConnection, workDir = path.join(os.homedir(), 'Renkei')): string {
  return path.join(workDir, `${c.database}@${c.host.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * An integer from the server as a JS number, or a refusal when it is past
 * 2^53 (a number would silently round it). Yen columns are bigint; so are
 * count(*) and sum().
 */
export function exactInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RenkeiError(
      'refused',
      `データベースに、Renkei が正確に扱える範囲（±9,007,199,254,740,991）を超える整数 ${text} があります。読み込むと値が変わるため、読み込みをやめました。` +
        'データベースの管理者に連絡してください。',
    );
  }
  return value;
}

/** Type parsers of this pool alone (pg's global ones stay as they are for any other user of the module). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return exactInteger;
    // sum() of a bigint column is numeric: whole numbers exactly or refused; anything else (avg) as SQLite gives it, a float.
    if (oid === NUMERIC) return (text: string) => (/^-?\d+$/.test(text) ? exactInteger(text) : Number(text));
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** How `pg` connects to the server: the pool's connections and the one that listens for changes (db/notify.ts). */
export function clientConfig(c: PgConnection): pg.ClientConfig {
  return {
    host: c.host,
    port: c.port ?? 5432,
    database: c.database,
    user: c.user,
    ...(c.password !== undefined ? { password: c.password } : {}),
    ssl: c.ssl ?? !isLoopbackHost(c.host),
    application_name: 'Renkei',
    connectionTimeoutMillis: 15_000,
    types,
  };
}

/** The server's process id of a connection (pg reads it from the server's BackendKeyData; its types leave it out). */
const backendOf = (client: pg.PoolClient) => (client as pg.PoolClient & { processID: number | null }).processID;

/**
 * A pool for the engine, with the server's process ids of its connections (to find their lock waits in pg_locks).
 * A statement waits for a row another session holds (a colleague's save, a long import) at most `writeWaitMs`, as a
 * save on a file waits for its write lock: without a limit a save behind a transaction left open waited for ever.
 */
function poolFor(c: PgConnection, writeWaitMs: number): { pool: pg.Pool; backends: ReadonlySet<number> } {
  const pool = new pg.Pool({
    ...clientConfig(c),
    // The kernel runs one operation at a time; a few connections leave room for reads beside a long job.
    max: 4,
    lock_timeout: writeWaitMs,
  });
  const backends = new Set<number>();
  // An idle connection the server dropped (a restart, a timeout) is replaced at the next use; it must not end the program.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    // Nor one dropped while taken out for an operation, between its statements: the operation's next statement fails
    // instead (lostServerRefusal), and the pool discards the connection when it comes back.
    client.on('error', () => undefined);
    const id = backendOf(client);
    if (id !== null) backends.add(id);
  });
  pool.on('remove', (client) => {
    const id = backendOf(client);
    if (id !== null) backends.delete(id);
  });
  return { pool, backends };
}

/**
 * How long (ms) a connection among `backends` has been waiting for a lock
 * another session holds (a row another Renkei is writing), or null while none
 * waits. pg_locks is readable by every login; it needs no lock itself.
 */
async function lockWaited(db: Kysely<Database>, backends: ReadonlySet<number>): Promise<number | null> {
  if (backends.size === 0) return null;
  try {
    const { rows } = await sql<{ waiting: number; waited: number }>`
      SELECT count(*) AS waiting,
        (EXTRACT(EPOCH FROM clock_timestamp() - coalesce(min(waitstart), clock_timestamp())) * 1000)::bigint AS waited
      FROM pg_locks WHERE NOT granted AND pid = ANY(${[...backends]}::int[])`.execute(db);
    return rows[0]!.waiting > 0 ? rows[0]!.waited : null;
  } catch {
    // A server that does not answer now cannot say: the save that waits meets the same and says so itself.
    return null;
  }
}

/** The refusal to show when the server cannot be reached or signed in to; the driver's error stays as its cause (the shell reads its code). */
export function unreachable(c: PgConnection, error: unknown): RenkeiError {
  const cause = connectCause(error) ?? { message: String(error) };
  const failure = describeConnectFailure(c, c.user, cause, 'cli');
  const refusal = new RenkeiError(SIGN_IN_REFUSED.has(cause.code ?? '') ? 'unauthorized' : 'io', failure.message);
  refusal.cause = error;
  return refusal;
}

/** What a connection failed on: the driver's or Node's code (a SQLSTATE, ECONNREFUSED, a certificate's) and its words. */
export interface ConnectCause {
  code?: string | undefined;
  message: string;
}

/**
 * The driver's error under the core's refusal (the innermost error that is
 * not a RenkeiError), or null when the refusal is the core's own (a database
 * of another program, a login with no account).
 *
 * @example connectCause(unreachable(connection, refused))?.code // 'ECONNREFUSED'
 */
export function connectCause(error: unknown): ConnectCause | null {
  let found: ConnectCause | null = null;
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (!(e instanceof RenkeiError)) found = { ...(typeof code === 'string' ? { code } : {}), message: e.message };
  }
  return found;
}

/** Who reads why a connection failed: the CLI's user (IT staff: PGPASSWORD, .pgpass, the driver's words), the desktop's connect form, the browser's sign-in page. */
export type ConnectAudience = 'cli' | 'desktop' | 'sign-in';

/** SQLSTATEs of a refused sign-in: a wrong password, or a login the server does not know (told apart to nobody). */
const SIGN_IN_REFUSED = new Set(['28P01', '28000']);
/** The server is not there: refused, no such name, no route, no answer. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
/** The server's certificate could not be trusted (Node's TLS codes). */
const CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What went wrong, read from the code (and, where `pg` has none, its words). */
type FailureReason = 'password' | 'no-password' | 'no-host' | 'no-answer' | 'tls' | 'no-tls' | 'database' | 'other';

function reasonOf({ code = '', message }: ConnectCause): FailureReason {
  if (SIGN_IN_REFUSED.has(code)) return 'password';
  // pg asks SCRAM for a password it never got (none given, no PGPASSWORD, no .pgpass line) in these words.
  if (/client password must be a string/.test(message)) return 'no-password';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no-host';
  if (UNREACHABLE.has(code) || /timeout/i.test(message)) return 'no-answer';
  if (CERTIFICATE.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return 'tls';
  if (/does not support SSL/i.test(message)) return 'no-tls';
  if (code === '3D000') return 'database';
  return 'other';
}

const KIND: Record<FailureReason, ConnectFailureKind> = {
  password: 'password',
  'no-password': 'password',
  'no-host': 'unreachable',
  'no-answer': 'unreachable',
  tls: 'tls',
  'no-tls': 'no-tls',
  database: 'database',
  other: 'other',
};

const TITLE: Record<FailureReason, string> = {
  password: 'ユーザー名またはパスワードが違います',
  'no-password': 'パスワードが渡されていません',
  'no-host': '共有データベースのサーバーに接続できません',
  'no-answer': '共有データベースのサーバーに接続できません',
  tls: 'サーバーの証明書を確かめられません',
  'no-tls': 'サーバーが暗号化（TLS）に対応していません',
  database: 'データベースが見つかりません',
  other: '共有データベースを開けません',
};

/**
 * Why a connection to `server` as `user` did not open, in words for
 * `audience`: what happened and what to do. The CLI may name PGPASSWORD and
 * .pgpass and quote the driver; the desktop speaks of its connect form; the
 * sign-in page, whose server the IT department chose, of the login name, the
 * password and asking 情報システム担当 — never of environment variables or
 * raw codes.
 *
 * @example describeConnectFailure(server, 'yamada', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.5:5432' }, 'sign-in').kind // 'unreachable'
 */
export function describeConnectFailure(
  server: PgServer,
  user: string | null,
  cause: ConnectCause,
  audience: ConnectAudience,
): ConnectFailure {
  const reason = reasonOf(cause);
  const where = pgServerLabel(server);
  const words = { cli: cliWords, desktop: desktopWords, 'sign-in': signInWords }[audience];
  return { kind: KIND[reason], title: TITLE[reason], message: words(reason, { server, where, user: user ?? '', cause }) };
}

interface FailureFacts {
  server: PgServer;
  /** host:port/database */
  where: string;
  user: string;
  cause: ConnectCause;
}

function cliWords(reason: FailureReason, { server, where, user, cause }: FailureFacts): string {
  const location = pgLocation({ ...server, user });
  if (reason === 'password')
    return (
      `ユーザー名またはパスワードが違います（${user}、${where}）。入力し直してください。` +
      'パスワードを忘れたときは県の担当者にリセットを依頼してください。'
    );
  if (reason === 'no-password')
    return `共有データベース「${location}」に接続できません。パスワードが渡されていません。環境変数 PGPASSWORD か .pgpass ファイルでパスワードを渡してください。`;
  const failed = `共有データベース「${location}」に接続できません（${cause.message}）。`;
  if (reason === 'no-host') return `${failed}サーバー名「${server.host}」が見つかりません。サーバー名を確かめてください。`;
  if (reason === 'no-answer')
    return `${failed}サーバーから応答がありません。サーバー名とポートが正しいか、サーバーが動いているかを確かめてください。`;
  if (reason === 'tls')
    return `${failed}サーバーの証明書を信頼できません。サーバーの証明書と、この PC に登録した認証局の証明書を確かめてください。`;
  if (reason === 'no-tls')
    return `${failed}サーバーが暗号化（TLS）した接続を受け付けていません。サーバーに TLS を設定してください（サーバーがこの PC の中にあるときだけ、URL の末尾に ?sslmode=disable を付けて接続できます）。`;
  if (reason === 'database')
    return `${failed}サーバーに「${server.database}」というデータベースがありません。データベース名を確かめてください。`;
  return `${failed}サーバー名・ポート・データベース名・ユーザー名と、パスワード（環境変数 PGPASSWORD か .pgpass ファイル）を確かめてください。`;
}

function desktopWords(reason: FailureReason, { server, where, user, cause }: FailureFacts): string {
  switch (reason) {
    case 'password':
    case 'no-password':
      return (
        `共有データベース（${where}）に、ユーザー名「${user}」でサインインできませんでした。` +
        'ユーザー名とパスワードを確かめて入力し直してください（保存したパスワードが古いときも、入力し直して保存すると置き換わります）。' +
        'パスワードを忘れたときは、県の担当者（Renkei の利用者を管理する人）にリセットを依頼してください。'
      );
    case 'no-host':
    case 'no-answer':
      return (
        `${reason === 'no-host' ? `サーバー名「${server.host}」が見つかりません` : 'サーバーから応答がありません'}（${where}）。` +
        'サーバー名とポートが正しいか、この PC が庁内のネットワークにつながっているかを確かめてから、もう一度接続してください。' +
        'それでも接続できないときは、サーバーが止まっていないか情報システム担当に確かめてください。'
      );
    case 'tls':
      return (
        `通信を暗号化（TLS）するためのサーバーの証明書が、この PC では信頼できないか、期限切れか、サーバー名「${server.host}」と合っていません（${cause.code}）。` +
        '情報システム担当に、サーバーの証明書とこの PC に登録する認証局の証明書を確かめてもらってください。' +
        '暗号化をやめて接続すると、パスワードとデータが読める形でネットワークを流れるため、庁内のサーバーでは外さないでください。'
      );
    case 'no-tls':
      return (
        `共有データベースのサーバー（${where}）は、暗号化（TLS）した接続を受け付けていません。` +
        '庁内のサーバーなら、情報システム担当に TLS の設定を依頼してください。' +
        'サーバーがこの PC の中にあるときだけ、「通信を暗号化する（TLS）」を外して接続できます。'
      );
    case 'database':
      return `サーバーに「${server.database}」というデータベースがありません。データベース名を確かめて入力し直してください（情報システム担当から受け取った名前です）。`;
    case 'other':
      return cause.message;
  }
}

function signInWords(reason: FailureReason, { server, user }: FailureFacts): string {
  // The page shows the server above the form: the words do not repeat it.
  const ask = '続くときは、情報システム担当に確かめてください。';
  switch (reason) {
    case 'password':
    case 'no-password':
      return (
        `ユーザー名またはパスワードが違います（ユーザー名「${user}」）。ユーザー名とパスワードを確かめて、入力し直してください。` +
        'パスワードを忘れたときは、県の担当者（Renkei の利用者を管理する人）にリセットを依頼してください。'
      );
    case 'no-host':
      return `共有データベースのサーバー「${server.host}」が見つからないため、サインインできません。しばらくしてから、もう一度サインインしてください。${ask}`;
    case 'no-answer':
      return `共有データベースのサーバーから応答がないため、サインインできません。しばらくしてから、もう一度サインインしてください。続くときは、サーバーが止まっていないか情報システム担当に確かめてください。`;
    case 'tls':
      return `共有データベースのサーバーの証明書を確かめられないため、サインインできません。情報システム担当に、サーバーの証明書を確かめてもらってください。`;
    case 'no-tls':
      return `共有データベースのサーバーが暗号化（TLS）した接続を受け付けていないため、サインインできません。情報システム担当に TLS の設定を依頼してください。`;
    case 'database':
      return `サーバーに「${server.database}」というデータベースがないため、サインインできません。情報システム担当に、Renkei の共有データベースの名前を確かめてください。`;
    case 'other':
      return `共有データベースに接続できないため、サインインできません。しばらくしてから、もう一度サインインしてください。${ask}`;
  }
}

/** Node's codes for a server that is gone or does not answer. */
const LOST_NETWORK = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
/** SQLSTATEs of a server shutting down (57P01–57P03); class 08 is a connection exception. */
const LOST_SQLSTATE = new Set(['57P01', '57P02', '57P03']);

/**
 * A server lost while working (stopped, restarted, unreachable) as the user
 * meets it: nothing was saved, ask the administrator, reload later — not an
 * internal error with the driver's words. Null for any other error. `pg`
 * says a connection dropped mid-query only in its message.
 *
 * @example lostServerRefusal({ code: 'ECONNREFUSED' }, connection)?.code // 'unavailable'
 */
export function lostServerRefusal(error: unknown, server: PgServer): RenkeiError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as { message?: unknown } | null)?.message;
  const lost =
    typeof code === 'string'
      ? LOST_NETWORK.has(code) || LOST_SQLSTATE.has(code) || /^08[0-9A-Z]{3}$/.test(code)
      : typeof message === 'string' && /^Connection terminated|connection error and is not queryable/i.test(message);
  if (!lost) return null;
  return new RenkeiError(
    'unavailable',
    `共有データベースのサーバー（${pgServerLabel(server)}）に接続できません。入力は保存されていません。` +
      'サーバーの管理者に確認し、しばらくしてから再読み込みしてください。',
  );
}

/** SQLSTATE lock_not_available: the wait for a row another session holds ran past lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * A save given up after waiting for a row another session holds as the user meets it: someone else is saving,
 * nothing was saved (the transaction rolled back), try again — not an internal error. Null for any other error.
 * @example lockWaitRefusal({ code: '55P03' })?.code // 'unavailable'
 */
export function lockWaitRefusal(error: unknown): RenkeiError | null {
  if ((error as { code?: unknown } | null)?.code !== LOCK_NOT_AVAILABLE) return null;
  return new RenkeiError(
    'unavailable',
    'ほかの人が同じデータを保存している途中のため、保存できませんでした。入力は保存されていません。しばらく待ってから、もう一度保存してください。',
  );
}

/** SQLSTATE deadlock_detected: two sessions each waited for a row the other held, and the server gave one of them up. */
const DEADLOCK_DETECTED = '40P01';

/**
 * A save the server gave up because it and another session (a colleague's save, an import) each waited for a row
 * the other held, as the user meets it: the saves collided, nothing was saved (the transaction rolled back), save
 * again — the other save went through, so the same save now does too. Null for any other error.
 * @example deadlockRefusal({ code: '40P01' })?.code // 'unavailable'
 */
export function deadlockRefusal(error: unknown): RenkeiError | null {
  if ((error as { code?: unknown } | null)?.code !== DEADLOCK_DETECTED) return null;
  return new RenkeiError(
    'unavailable',
    'ほかの人の保存と重なったため、保存できませんでした。入力は保存されていません。内容を確かめて、もう一度保存してください。',
  );
}

/** Opens the database on the server, refuses one that is another program's or a newer Renkei's, and migrates it. */
export async function openPostgresEngine(connection: PgConnection, options: PgOpenOptions = {}): Promise<PostgresEngine> {
  const migrations = options.migrations ?? MIGRATIONS;
  const location = pgLocation(connection);
  const { pool, backends } = poolFor(connection, options.writeWaitMs ?? WRITE_WAIT_MS);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  try {
    let tables: string[];
    try {
      tables = (
        await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
          db,
        )
      ).rows.map((r) => r.name);
    } catch (error) {
      throw unreachable(connection, error);
    }
    const applied = async () =>
      (await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)} ORDER BY name`.execute(db)).rows.map((r) => r.name);
    if (tables.length > 0 && !tables.includes(MIGRATION_TABLE)) {
      throw new RenkeiError(
        'refused',
        `共有データベース「${location}」には Renkei 以外の表があるため、開きません。中身は変えていません。Renkei 専用の空のデータベースを用意してください。`,
      );
    }
    const before = tables.length > 0 ? await applied() : [];
    const unknown = before.filter((name) => !(name in migrations));
    if (unknown.length > 0) {
      throw new RenkeiError(
        'newer_database',
        `共有データベース「${location}」は新しいバージョンの Renkei で更新されています（${unknown.join(', ')}）。` +
          'このまま開くとデータを損なうおそれがあるため開きません。Renkei を最新版に更新してから開いてください。',
      );
    }
    if (Object.keys(migrations).some((name) => !before.includes(name))) {
      // Kysely's migrator takes an advisory lock and runs in one transaction: two Renkei starting together migrate once.
      const { error, results } = await new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } }).migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '不明';
        throw new RenkeiError('internal', `共有データベースの更新（${failed}）に失敗しました: ${(error as Error).message}`);
      }
    }
    const withId = new Set(
      (
        await sql<{
          name: string;
        }>`SELECT table_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id'`.execute(
          db,
        )
      ).rows.map((r) => r.name),
    );
    return {
      kind: 'postgres',
      db,
      connection,
      location,
      // No migrations at all (a test's empty list) leave no migration table to read.
      applied: Object.keys(migrations).length > 0 || before.length > 0 ? await applied() : [],
      journal: noJournal,
      writeAudit: kyselyAuditWriter,
      // Whether the transaction has written at all: it is given an id at its first write.
      writeMark: async (trx: Trx) => {
        const { rows } = await sql<{ n: number }>`SELECT CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN 0 ELSE 1 END AS n`.execute(
          trx,
        );
        return rows[0]!.n;
      },
      bulkInsert: (trx, table, rows) => bulkInsert(trx, table, rows, withId.has(snake(table))),
      writeWaited: () => lockWaited(db, backends),
      close: () => db.destroy(),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Parameters per statement stay under PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

async function bulkInsert<T extends keyof Database & string>(
  trx: Trx,
  table: T,
  rows: Iterable<Insertable<Database[T]>>,
  returnsId: boolean,
): Promise<number[]> {
  // The table is named at run time; the row type was checked against it by the caller's signature.
  const db = trx as unknown as Kysely<Record<string, { id: number }>>;
  const ids: number[] = [];
  const insert = async (values: Insertable<{ id: number }>[]) => {
    // The ids are paired with the rows by position (each one's audit entry names its id). PostgreSQL returns a multi-row
    // VALUES insert's rows in VALUES order, though it does not promise it: issue 19 owes a test of the pairing on a large import.
    if (returnsId) ids.push(...(await db.insertInto(table).values(values).returning('id').execute()).map((r) => r.id));
    else await db.insertInto(table).values(values).execute();
  };
  // Taken a statement's worth at a time, as the rows may be made as they are taken.
  let values: Insertable<{ id: number }>[] = [];
  let chunk = 0;
  for (const row of rows) {
    if (chunk === 0) chunk = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(row).length));
    values.push(row as Insertable<{ id: number }>);
    if (values.length === chunk) {
      await insert(values);
      values = [];
    }
  }
  if (values.length > 0) await insert(values);
  return ids;
}
