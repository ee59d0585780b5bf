/**
 * The loopback host: serves the built renderer and the core's operations at
 * POST /api/<operation> on 127.0.0.1 only. A random per-run token is written
 * into the served page; a request without it, from another origin or for
 * another host name is refused before anything runs.
 *
 * On a shared database named without a login, each person signs in
 * (POST /session/signin) with their own login and password: the host opens a
 * core for them, kept under a random secret in a cookie of this host alone,
 * and closed when they sign out. POST /events streams a line whenever someone
 * else changed the database, so the screens refetch.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HTTP_STATUS, type OpError } from '@shared/contract';
import { normalizeLogin } from '@shared/contract/accounts';
import { FIRST_ANSWERS_ID, type FirstAnswer, FRAME_QUESTIONS, HOME_QUESTIONS, questionKey } from '@shared/contract/first-questions';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';
import type { Core } from '../core';
import { connectCause, describeConnectFailure, type PgConnection, type PgServer, pgServerLabel } from '../kernel/db/postgres';
import { encodingFor, isCompressible, ServedFiles } from './compress';
import { FirstScreen, firstScreenFile, firstScreenHead } from './first-screen';

export const TOKEN_HEADER = 'x-renkei-token';
/** Names the call as a job the page may ask about and cancel (app.jobs.progress / app.jobs.cancel). */
export const JOB_HEADER = 'x-renkei-job';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.mjs': 'text/javascript; charset=utf-8',
};

/** A shared database each person signs in to with their own login. */
export interface SignInOptions {
  server: PgServer;
  /** Opens a core as one person; closed when they sign out or the host stops. */
  open(connection: PgConnection): Promise<Core>;
}

export interface HostOptions {
  /** The one core every page uses; or `signIn`, a core per signed-in person. */
  core?: Core;
  signIn?: SignInOptions;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
  /** The built drawing of the first screen; beside staticDir by default (first-screen.ts). */
  firstScreenFile?: string;
}

export interface Host {
  url: string;
  token: string;
  server: http.Server;
  /** Settled once the page's first questions, asked once as the host starts listening, have been answered. */
  warmed: Promise<void>;
  /**
   * Settled once the host's start is done: the start's own asking of the first questions has drawn the home, or the
   * first page has been sent (whatever it held); never if the host closes before. What each start runs again has run
   * then, so the CLI keeps the code compiled by then (cli/start.ts).
   */
  started: Promise<void>;
  close(): Promise<void>;
}

/** The page's heartbeat on /events, so a proxy or the browser never takes the quiet stream for a dead one. */
const KEEPALIVE_MS = 25_000;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: OpError): void {
  sendJson(res, HTTP_STATUS[error.code], { ok: false, error });
}

function tokensEqual(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const TOO_LARGE = `送られたデータが大きすぎます（上限 ${MAX_BODY_BYTES / 1024 / 1024} MB）。ファイルを分けるか小さくしてから、もう一度お試しください。`;
const MALFORMED_ADDRESS = 'アドレスに読めない文字の並び（% の後に16進数2桁がないなど）があります。アドレスを確かめてください。';

/** A body read whole, or null when it is over the limit (the rest is drained, never kept). */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Refuses a body over the limit with 413 and reads the rest of it into
 * nothing: closing the connection while the client still sends would reset
 * it, and the client would see a broken connection instead of the reason.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader('connection', 'close');
  sendJson(res, 413, { ok: false, error: { code: 'bad_request', message: TOO_LARGE } });
  req.resume();
}

/** A percent-encoded path as text, or null when it does not decode (「/%」「/%E0%A4%A」). */
function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The page with its token and, on a host people sign in to, either the server
 * to sign in to (the page then shows the sign-in screen) or the mark that
 * someone is signed in (the header then offers サインアウト); on a shared
 * database, the signed-in person's role.
 */
function injectMeta(html: string, site: Site, req: http.IncomingMessage): string {
  let meta = `<meta name="renkei-token" content="${site.token}">`;
  const core = coreFor(site, req);
  // The server named either way: a page whose session ends (利用停止) shows the sign-in screen for it again.
  if (site.signIn)
    meta += `<meta name="${core ? 'renkei-signed-in' : 'renkei-sign-in'}" content="${attribute(pgServerLabel(site.signIn.server))}">`;
  // Only a shared database announces others' changes; on a file the page opens no change stream at all. Its role too, so
  // the page asks ahead only what the role may read (the association's home is its own, without app.home).
  if (core?.session.shared) meta += `<meta name="renkei-live" content="true"><meta name="renkei-role" content="${core.session.role}">`;
  // A function, not a string: a $ in the meta (a database's name) is no replacement pattern.
  return html.replace('</head>', () => `${meta}</head>`);
}

/** What one running host's request handlers share. */
interface Site {
  /** The one core; null when people sign in (then `sessions`). */
  core: Core | null;
  signIn: SignInOptions | null;
  /** Signed-in people's cores by their session secret. */
  sessions: Map<string, Core>;
  /** Open /events streams, ended when the host stops. */
  streams: Set<http.ServerResponse>;
  /** Set when the host stops: a page reconnecting its stream then is not let in, or the server would never close. */
  closing: boolean;
  /** Set by the first request: the start's own asking of the first questions (warmFirstAnswers) then stops. */
  asked: boolean;
  /** Settles Host.started. */
  markStarted: () => void;
  /** The session cookie's name: cookies are per host name, not per port, so two hosts on 127.0.0.1 keep theirs apart. */
  cookie: string;
  token: string;
  /** The built renderer's folder; nothing outside it is served. */
  root: string;
  indexFile: string;
  /** The renderer's files as they are sent, read (and compressed) once (compress.ts). */
  files: ServedFiles;
  /** The home drawn into the page (first-screen.ts). */
  firstScreen: FirstScreen;
  /** The Host headers answered (127.0.0.1 and localhost on the port), known once the host listens. */
  allowedHosts: string[];
}

async function handle(site: Site, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (!site.allowedHosts.includes(req.headers.host ?? '')) {
    sendError(res, { code: 'bad_request', message: 'このホスト名からの接続は受け付けません' });
    return;
  }
  site.asked = true;
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const pathname = decodePath(url.pathname);
  if (pathname === null) {
    sendError(res, { code: 'bad_request', message: MALFORMED_ADDRESS });
    return;
  }
  if (pathname.startsWith('/api/')) return handleApi(site, req, res, pathname.slice(5));
  if (pathname === '/events') return handleEvents(site, req, res);
  if (pathname === '/session/signin' || pathname === '/session/signout') return handleSession(site, req, res, pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, { code: 'bad_request', message: 'この方法の要求には対応していません' });
    return;
  }
  await serveStatic(site, req, pathname, res);
}

/** A POST from this host's own page (its origin and token), or false once the refusal is sent. */
function fromOwnPage(site: Site, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.method !== 'POST') {
    sendError(res, { code: 'bad_request', message: '操作は POST で呼び出してください' });
    return false;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !site.allowedHosts.some((h) => origin === `http://${h}`)) {
    sendError(res, { code: 'unauthorized', message: '他のサイトからの操作は受け付けません' });
    return false;
  }
  if (!tokensEqual(req.headers[TOKEN_HEADER] as string | undefined, site.token)) {
    sendError(res, { code: 'unauthorized', message: '認証トークンがないか正しくありません。画面を開き直してください。' });
    return false;
  }
  return true;
}

/** The request's JSON body, or undefined once the refusal is sent. */
async function readJson(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendError(res, { code: 'bad_request', message: '本文は JSON（Content-Type: application/json）で送ってください' });
    return undefined;
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    refuseTooLarge(req, res);
    return undefined;
  }
  try {
    const text = await readBody(req);
    if (text === null) {
      refuseTooLarge(req, res);
      return undefined;
    }
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    sendError(res, { code: 'bad_request', message: '本文が JSON として読めません' });
    return undefined;
  }
}

/** The session secret the request's cookie carries, if any. */
function sessionSecret(site: Site, req: http.IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === site.cookie && value) return value;
  }
  return undefined;
}

/** The core this request works on: the host's one, or the signed-in person's. */
function coreFor(site: Site, req: http.IncomingMessage): Core | null {
  if (site.core) return site.core;
  const secret = sessionSecret(site, req);
  return secret === undefined ? null : (site.sessions.get(secret) ?? null);
}

const SIGN_IN_FIRST: OpError = {
  code: 'unauthorized',
  message: 'サインインしていないか、サインインが切れています。画面を開き直して、サインインしてください。',
};

async function handleApi(site: Site, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  if (!fromOwnPage(site, req, res)) return;
  const core = coreFor(site, req);
  if (!core) {
    sendError(res, SIGN_IN_FIRST);
    return;
  }
  const input = await readJson(req, res);
  if (input === undefined) return;
  const jobId = req.headers[JOB_HEADER];
  const result = await core.dispatch(name, input, typeof jobId === 'string' && jobId !== '' ? { jobId } : {});
  if (result.ok) sendJson(res, 200, result);
  else sendError(res, result.error);
}

/** A line `data: change` each time someone else changed the database, until the page goes. */
function handleEvents(site: Site, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (!fromOwnPage(site, req, res)) return;
  if (site.closing) {
    res.writeHead(503, { connection: 'close' }).end();
    return;
  }
  const core = coreFor(site, req);
  if (!core) {
    sendError(res, SIGN_IN_FIRST);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  res.write(': renkei\n\n');
  const stop = core.onOtherChanges(() => res.write('data: change\n\n'));
  const beat = setInterval(() => res.write(': \n\n'), KEEPALIVE_MS);
  beat.unref();
  site.streams.add(res);
  res.on('close', () => {
    site.streams.delete(res);
    stop();
    clearInterval(beat);
  });
}

const cookieFor = (site: Site, secret: string, maxAge?: number) =>
  `${site.cookie}=${secret}; Path=/; HttpOnly; SameSite=Strict${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

/** Signs a person in (a core on their own login) or out (their core closed). */
async function handleSession(site: Site, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
  if (!fromOwnPage(site, req, res)) return;
  if (!site.signIn) {
    sendError(res, { code: 'bad_request', message: 'このサーバーではサインインは要りません。' });
    return;
  }
  const input = await readJson(req, res);
  if (input === undefined) return;
  if (pathname === '/session/signout') {
    const secret = sessionSecret(site, req);
    const core = secret === undefined ? undefined : site.sessions.get(secret);
    if (secret !== undefined) site.sessions.delete(secret);
    await core?.close();
    res.setHeader('set-cookie', cookieFor(site, '', 0));
    sendJson(res, 200, { ok: true, value: null });
    return;
  }
  const { user, password } = (input ?? {}) as { user?: unknown; password?: unknown };
  if (typeof user !== 'string' || user.trim() === '' || typeof password !== 'string' || password === '') {
    sendError(res, { code: 'validation', message: 'ユーザー名とパスワードを入力してください。' });
    return;
  }
  const login = normalizeLogin(user);
  let core: Core;
  try {
    core = await site.signIn.open({ ...site.signIn.server, user: login, password });
  } catch (error) {
    sendError(res, signInRefusal(site.signIn.server, login, error));
    return;
  }
  // Signed in again on a page whose session had ended: the old one goes.
  const previous = sessionSecret(site, req);
  const ended = previous === undefined ? undefined : site.sessions.get(previous);
  if (previous !== undefined) site.sessions.delete(previous);
  await ended?.close();
  const secret = crypto.randomBytes(32).toString('hex');
  site.sessions.set(secret, core);
  res.setHeader('set-cookie', cookieFor(site, secret));
  sendJson(res, 200, { ok: true, value: core.session });
}

/**
 * Why a sign-in failed, for the person at the sign-in page: the core's own
 * refusal (a login with no account, a database of another program) as it is;
 * a connection that failed (the server not answering, a wrong password) in
 * the sign-in page's words, without the CLI's PGPASSWORD or the driver's codes.
 */
function signInRefusal(server: PgServer, login: string, error: unknown): OpError {
  const own = (error as { toOpError?: () => OpError }).toOpError?.() ?? { code: 'io', message: '' };
  const cause = connectCause(error);
  if (!cause && own.message) return own;
  const failure = describeConnectFailure(server, login, cause ?? { message: String(error) }, 'sign-in');
  return { code: own.code, message: failure.message };
}

/**
 * How long the page's body waits for its first answers (20–60 ms on the national list here, more on a slow PC or a
 * loaded machine): a core busy with a long job (an import, a pack) is not waited for.
 */
const FIRST_ANSWERS_WAIT_MS = 400;

/**
 * The page: its head at once — the browser fetches the code it names
 * meanwhile — then its body with the answers to its first questions
 * (shared/contract/first-questions.ts) as the core gives them now, so the page
 * draws its first screen without asking for it once its code has run, and with
 * every answer the home drawn into its root (first-screen.ts), shown as the
 * body is read. (The address after # never reaches the host: the home's answer
 * comes on every screen, unused on the others.) What has not come within
 * FIRST_ANSWERS_WAIT_MS is left out, as is any refusal: the page asks those.
 * No answers for a page to sign in on (no core yet) nor on a shared database:
 * there the page starts listening for others' changes before it asks its
 * first questions (renderer client.ts, listeningFromNow), and answers written
 * here would be older than its listening.
 */
async function sendPage(
  core: Core | null,
  firstScreen: FirstScreen,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  html: string,
): Promise<void> {
  const body = html.indexOf('<body');
  const end = html.lastIndexOf('</body>');
  if (!core || core.session.shared || req.method === 'HEAD' || body < 0 || end < body) {
    res.end(html);
    return;
  }
  // The home drawn here unless an answer is missing (then the page draws it itself, without what it asks for ahead).
  const head = firstScreen.available() && html.includes(EMPTY_ROOT) ? firstScreenHead(html.slice(0, body)) : null;
  res.write(head ?? html.slice(0, body));
  const answers = await firstAnswers(core, res);
  const json = answersJson(answers);
  let rest = html.slice(body, end);
  if (head !== null && json !== null && answers.length === FIRST_QUESTIONS.length) {
    // Drawn from the answers as the page reads them back (what JSON keeps), so the page draws the same.
    const root = firstScreen.root(JSON.parse(json) as FirstAnswer[]);
    if (root) rest = rest.replace(EMPTY_ROOT, () => root);
  }
  const script = json === null ? '' : `<script type="application/json" id="${FIRST_ANSWERS_ID}">${json}</script>`;
  res.end(`${rest}${script}${html.slice(end)}`);
}

const FIRST_QUESTIONS = [...FRAME_QUESTIONS, ...HOME_QUESTIONS];
/** The page's root element as index.html has it, empty. */
const EMPTY_ROOT = '<div id="root"></div>';

/** The first questions' answers, as many as came in time; stops asking once the page's request is gone. */
async function firstAnswers(core: Core, res: http.ServerResponse): Promise<FirstAnswer[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      expired = true;
      resolve('late');
    }, FIRST_ANSWERS_WAIT_MS);
  });
  const answers: FirstAnswer[] = [];
  try {
    for (const { name, input } of FIRST_QUESTIONS) {
      // Between two answers the host reads what else came: the code the page's head names, asked meanwhile, goes now.
      await nextTurn();
      if (res.destroyed) return [];
      if (expired) break;
      const result = await Promise.race([core.dispatch(name, input, {}).catch(() => null), late]);
      if (result === 'late') break;
      if (result?.ok) answers.push({ key: questionKey(name, input), value: result.value });
    }
    return answers;
  } finally {
    clearTimeout(timer);
  }
}

/** The answers as JSON for a script element, or null (an answer that does not serialize: the page asks). */
function answersJson(answers: readonly FirstAnswer[]): string | null {
  try {
    // JSON in a script element: a "<" in a string could end the element early.
    return JSON.stringify(answers).replace(/</g, '\\u003c');
  } catch {
    return null;
  }
}

/**
 * Asks the page's first questions once as the host starts listening, the answers dropped: each operation's first run
 * (its schemas built, its code compiled, the database's pages read) then falls while the browser is still opening its
 * window, not while the page waits for its body (a fresh host's first page: ~50 → ~10 ms on the national list here).
 */
async function warmFirstAnswers(site: Site, core: Core): Promise<void> {
  if (core.session.shared) return;
  const answers: FirstAnswer[] = [];
  // Between two steps the host reads what came: once the page has asked, it does this work itself and no step waits
  // for a step of this one (the page's head went out only after all of them: ~100-250 ms on a slow start).
  const stop = async () => {
    await nextTurn();
    // A host closing asks no more: its core is closed once close() has waited for this.
    return site.closing || site.asked;
  };
  // The first screen's drawing first (its code loaded: a page that asks meanwhile finds it loaded), then the answers,
  // then a first drawing with them, its code compiled here, not in the page's wait.
  if (await stop()) return;
  const drawing = site.firstScreen.load();
  for (const { name, input } of FIRST_QUESTIONS) {
    if (await stop()) return;
    const result = await core.dispatch(name, input, {});
    if (result.ok) answers.push({ key: questionKey(name, input), value: result.value });
  }
  if (drawing && answers.length === FIRST_QUESTIONS.length && !(await stop())) {
    site.firstScreen.root(answers);
    site.markStarted();
  }
}

/** Settles once the event loop has read what came meanwhile (requests, their bodies). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function serveStatic(site: Site, req: http.IncomingMessage, pathname: string, res: http.ServerResponse): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(site.root, relative);
  if (!file.startsWith(site.root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('見つかりません');
    return;
  }
  const headers: http.OutgoingHttpHeaders = {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (file === site.indexFile) {
    // Read before the head goes: a failure after it can only cut the answer short (handle()'s catch).
    const html = injectMeta(fs.readFileSync(file, 'utf8'), site, req);
    res.writeHead(200, { ...headers, 'cache-control': 'no-store' });
    await sendPage(coreFor(site, req), site.firstScreen, req, res, html);
    site.markStarted();
    return;
  }
  // Pages (print.html) keep their names across versions: only the hashed assets they load are cached for good.
  headers['cache-control'] = file.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable';
  if (isCompressible(file)) headers.vary = 'accept-encoding';
  const encoding = encodingFor(file, req.headers['accept-encoding']);
  const body = await site.files.get(file, encoding);
  res.writeHead(200, { ...headers, ...(encoding ? { 'content-encoding': encoding } : {}), 'content-length': body.length });
  res.end(body);
}

export function startHost(options: HostOptions): Promise<Host> {
  const root = path.resolve(options.staticDir);
  if ((options.core === undefined) === (options.signIn === undefined))
    return Promise.reject(new Error('HostOptions: give either core or signIn'));
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const site: Site = {
    core: options.core ?? null,
    signIn: options.signIn ?? null,
    sessions: new Map(),
    streams: new Set(),
    closing: false,
    asked: false,
    markStarted,
    cookie: 'renkei-session',
    token: options.token ?? crypto.randomBytes(32).toString('hex'),
    root,
    indexFile: path.join(root, 'index.html'),
    files: new ServedFiles(),
    firstScreen: new FirstScreen(options.firstScreenFile ?? firstScreenFile(root)),
    allowedHosts: [],
  };
  if (!fs.existsSync(site.indexFile)) {
    return Promise.reject(new Error(`画面のファイルがありません（${site.indexFile}）。先に npm run build を実行してください。`));
  }

  const server = http.createServer((req, res) => {
    void handle(site, req, res).catch((error: unknown) => {
      // Failing after the page's head went (sendPage): the answer can only be cut short.
      if (res.headersSent) res.destroy(error as Error);
      else sendError(res, { code: 'internal', message: `内部エラー: ${(error as Error).message}` });
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      site.allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      site.cookie = `renkei-session-${port}`;
      site.files.warm(root, site.indexFile);
      const warmed = site.core ? warmFirstAnswers(site, site.core).catch(() => undefined) : Promise.resolve();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        token: site.token,
        server,
        warmed,
        started,
        close: async () => {
          // Open event streams (and the keep-alive sockets a page would reconnect them on) would hold the server open.
          site.closing = true;
          for (const stream of site.streams) stream.end();
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          // A request still being answered gets two seconds; then its connection is cut, so stopping never hangs.
          const cut = setTimeout(() => server.closeAllConnections(), 2000);
          await closed;
          clearTimeout(cut);
          // Whoever closes the core next finds no question of the start still asked.
          await warmed;
          const cores = [...site.sessions.values()];
          site.sessions.clear();
          for (const core of cores) await core.close();
        },
      });
    });
  });
}
