/**
 * The loopback host: serves the built renderer and the core's operations at
 * POST /api/<operation> on 127.0.0.1 only. A random per-run token is written
 * into the served page; a request without it, from another origin or for
 * another host name is refused before anything runs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HTTP_STATUS, type OpError } from '@shared/contract';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';
import type { Core } from '../core';

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

export interface HostOptions {
  core: Core;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface Host {
  url: string;
  token: string;
  server: http.Server;
  close(): Promise<void>;
}

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

function injectToken(html: string, token: string): string {
  return html.replace('</head>', `<meta name="renkei-token" content="${token}"></head>`);
}

/** What one running host's request handlers share. */
interface Site {
  core: Core;
  token: string;
  /** The built renderer's folder; nothing outside it is served. */
  root: string;
  indexFile: string;
  /** The Host headers answered (127.0.0.1 and localhost on the port), known once the host listens. */
  allowedHosts: string[];
}

async function handle(site: Site, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (!site.allowedHosts.includes(req.headers.host ?? '')) {
    sendError(res, { code: 'bad_request', message: 'このホスト名からの接続は受け付けません' });
    return;
  }
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const pathname = decodePath(url.pathname);
  if (pathname === null) {
    sendError(res, { code: 'bad_request', message: MALFORMED_ADDRESS });
    return;
  }
  if (pathname.startsWith('/api/')) return handleApi(site, req, res, pathname.slice(5));
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, { code: 'bad_request', message: 'この方法の要求には対応していません' });
    return;
  }
  serveStatic(site, pathname, res);
}

async function handleApi(site: Site, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, { code: 'bad_request', message: '操作は POST で呼び出してください' });
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !site.allowedHosts.some((h) => origin === `http://${h}`)) {
    sendError(res, { code: 'unauthorized', message: '他のサイトからの操作は受け付けません' });
    return;
  }
  if (!tokensEqual(req.headers[TOKEN_HEADER] as string | undefined, site.token)) {
    sendError(res, { code: 'unauthorized', message: '認証トークンがないか正しくありません。画面を開き直してください。' });
    return;
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendError(res, { code: 'bad_request', message: '本文は JSON（Content-Type: application/json）で送ってください' });
    return;
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    refuseTooLarge(req, res);
    return;
  }
  let input: unknown;
  try {
    const text = await readBody(req);
    if (text === null) {
      refuseTooLarge(req, res);
      return;
    }
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    sendError(res, { code: 'bad_request', message: '本文が JSON として読めません' });
    return;
  }
  const jobId = req.headers[JOB_HEADER];
  const result = await site.core.dispatch(name, input, typeof jobId === 'string' && jobId !== '' ? { jobId } : {});
  if (result.ok) sendJson(res, 200, result);
  else sendError(res, result.error);
}

function serveStatic(site: Site, pathname: string, res: http.ServerResponse): void {
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
    res.writeHead(200, { ...headers, 'cache-control': 'no-store' });
    res.end(injectToken(fs.readFileSync(file, 'utf8'), site.token));
    return;
  }
  res.writeHead(200, { ...headers, 'cache-control': 'public, max-age=31536000, immutable' });
  fs.createReadStream(file).pipe(res);
}

export function startHost(options: HostOptions): Promise<Host> {
  const root = path.resolve(options.staticDir);
  const site: Site = {
    core: options.core,
    token: options.token ?? crypto.randomBytes(32).toString('hex'),
    root,
    indexFile: path.join(root, 'index.html'),
    allowedHosts: [],
  };
  if (!fs.existsSync(site.indexFile)) {
    return Promise.reject(new Error(`画面のファイルがありません（${site.indexFile}）。先に npm run build を実行してください。`));
  }

  const server = http.createServer((req, res) => {
    void handle(site, req, res).catch((error: unknown) => {
      sendError(res, { code: 'internal', message: `内部エラー: ${(error as Error).message}` });
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      site.allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      resolve({
        url: `http://127.0.0.1:${port}/`,
        token: site.token,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
