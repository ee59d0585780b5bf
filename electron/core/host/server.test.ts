import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@shared/contract';
import {
  type DrawFirstScreen,
  FIRST_ANSWERS_ID,
  type FirstAnswer,
  FRAME_QUESTIONS,
  HOME_QUESTIONS,
  questionKey,
} from '@shared/contract/first-questions';
import { FIRST_SCREEN_GUARD } from '@shared/security/csp';
import { AHEAD_MARK } from '@shared/served-files';
import { freshPgDatabase, skipWithoutPg } from '@tests/support/engines';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import type { PgServer } from '../kernel/db/postgres';
import { type Host, startHost } from './server';

let host: Host | undefined;
let core: Core | undefined;

afterEach(async () => {
  await host?.close();
  await core?.close();
  host = undefined;
  core = undefined;
});

/** A built renderer stand-in: an index page and one asset. */
function staticFiles(dir: string): string {
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  return staticDir;
}

async function start() {
  const dir = tempDir();
  const staticDir = staticFiles(dir);
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  core = await Core.open({ dbPath: path.join(dir, 'h.sqlite') });
  host = await startHost({ core, staticDir });
  // The first questions asked as it started are answered: what a test counts from here is its own.
  await host.warmed;
  return host;
}

/** The loopback host's drawing of the first screen as `npm test` builds it before the tests. */
const BUILT_FIRST_SCREEN = path.resolve(import.meta.dirname, '../../../dist/first-screen/first-screen.cjs');

/** A built renderer stand-in whose page asks ahead, as index.html does, and has the app's empty root. */
function pageWithAhead(dir: string): string {
  const staticDir = staticFiles(dir);
  fs.writeFileSync(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html><head><script async src="./assets/w.js" data-ahead></script><title>t</title>' +
      '<link rel="stylesheet" href="./assets/a.css">' +
      '<link rel="preload" as="font" type="font/woff2" crossorigin href="./assets/f.woff2" data-ahead></head>' +
      '<body><div id="root"></div><script type="module" src="./assets/app.js"></script></body></html>',
  );
  return staticDir;
}

/** The answers a served page carries, by question. */
function firstAnswers(page: string): Map<string, unknown> {
  const open = `<script type="application/json" id="${FIRST_ANSWERS_ID}">`;
  const at = page.indexOf(open);
  if (at < 0) return new Map();
  const text = page.slice(at + open.length, page.indexOf('</script>', at));
  return new Map((JSON.parse(text) as FirstAnswer[]).map((a) => [a.key, a.value]));
}

function post(h: Host, op: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${h.url}api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-renkei-token': h.token, ...headers },
    body,
  });
}

/** fetch() may not set Host, so a DNS-rebinding request is made with node:http. */
function postWithHost(h: Host, op: string, hostHeader: string): Promise<number> {
  const url = new URL(`${h.url}api/${op}`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { host: hostHeader, 'content-type': 'application/json', 'x-renkei-token': h.token },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('{"displayName":"x"}');
  });
}

describe('loopback host', () => {
  it('listens on 127.0.0.1 only and hands the token to the page it serves', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(h.url);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain(`<meta name="renkei-token" content="${h.token}">`);
  });

  it('serves the page with the answers to its first questions, as the operations give them, a "<" kept inside the JSON', async () => {
    const h = await start();
    const renamed = await post(h, 'settings.update', JSON.stringify({ displayName: '</script><b>県</b>' }));
    expect(renamed.status).toBe(200);
    const page = await (await fetch(h.url)).text();
    // In the body, the page's head (and the code it names) sent before it; no "<" inside the element but its end.
    const element = page.slice(page.indexOf(`<script type="application/json" id="${FIRST_ANSWERS_ID}">`));
    expect(page.indexOf(element)).toBeGreaterThan(page.indexOf('<body'));
    expect(element.slice(element.indexOf('>') + 1, element.indexOf('</script>'))).not.toContain('<');
    const answers = firstAnswers(page);
    const questions = [...FRAME_QUESTIONS, ...HOME_QUESTIONS];
    expect([...answers.keys()]).toEqual(questions.map((q) => questionKey(q.name, q.input)));
    for (const q of questions) {
      const asked = (await (await post(h, q.name, JSON.stringify(q.input))).json()) as { value: unknown };
      expect(answers.get(questionKey(q.name, q.input)), q.name).toEqual(asked.value);
    }
    expect((answers.get('settings.get {}') as { displayName: string }).displayName).toBe('</script><b>県</b>');
    // Replacement patterns in the data stay as they are.
    expect((await post(h, 'settings.update', JSON.stringify({ displayName: "A$$B$&C$`D$'E" }))).status).toBe(200);
    expect(firstAnswers(await (await fetch(h.url)).text()).get('settings.get {}')).toMatchObject({ displayName: "A$$B$&C$`D$'E" });
    // Only the page: a HEAD asks nothing of the core and other files carry no answers.
    let asked = 0;
    const dispatch = core!.dispatch.bind(core!);
    core!.dispatch = (...args) => {
      asked += 1;
      return dispatch(...args);
    };
    expect((await fetch(h.url, { method: 'HEAD' })).status).toBe(200);
    expect(await (await fetch(`${h.url}assets/app.js`)).text()).toBe('console.log(1)');
    expect(asked).toBe(0);
  });

  it('draws the home into the page of a file with the answers it carries, the guard first in its head, and none of what the page asks ahead', async () => {
    const dir = tempDir();
    const staticDir = pageWithAhead(dir);
    const dbPath = path.join(dir, 'h.sqlite');
    core = await Core.open({ dbPath });
    host = await startHost({ core, staticDir, firstScreenFile: BUILT_FIRST_SCREEN });
    await host.warmed;
    const page = await (await fetch(host.url)).text();
    const head = page.slice(0, page.indexOf('<body'));
    expect(head).not.toContain(AHEAD_MARK);
    // The guard first, before the styles it works with; the page's own head otherwise as built.
    expect(head).toContain(`<head><script>${FIRST_SCREEN_GUARD}</script><title>t</title><link rel="stylesheet" href="./assets/a.css">`);
    const root = /<div id="root">(.*?)<\/div><script type="module"/s.exec(page);
    // The app's own home, drawn from the answers the page carries: the file it has open, the home's cards.
    const { renderFirstScreen } = createRequire(import.meta.url)(BUILT_FIRST_SCREEN) as { renderFirstScreen: DrawFirstScreen };
    const answers = [...firstAnswers(page)].map(([key, value]) => ({ key, value }));
    expect(answers).toHaveLength(FRAME_QUESTIONS.length + HOME_QUESTIONS.length);
    expect(page).toContain(`<div id="root">${renderFirstScreen(answers)}</div>`);
    expect(root![1]).toContain(`data-testid="db-path">${dbPath}<`);
    expect(root![1]).toMatch(/<h1[^>]*>ホーム<\/h1>/);
    // Drawn markup goes through the policy as it is: no style attribute (style-src 'self' refuses inline styles).
    expect(root![1]).not.toMatch(/\sstyle=/);
  });

  it('says its start is done once its first page is answered and drawn: by its own asking, or else for the first page served', async () => {
    const dir = tempDir();
    const staticDir = pageWithAhead(dir);
    core = await Core.open({ dbPath: path.join(dir, 'h.sqlite') });
    const settled = (promise: Promise<void>, ms = 5_000) =>
      Promise.race([promise.then(() => 'settled'), new Promise((resolve) => setTimeout(() => resolve('not yet'), ms))]);
    host = await startHost({ core, staticDir, firstScreenFile: BUILT_FIRST_SCREEN });
    expect(await settled(host.started)).toBe('settled');
    await host.close();
    // Where the start's own asking draws nothing (no drawing built here), the first page served says it.
    host = await startHost({ core, staticDir, firstScreenFile: path.join(dir, 'none.cjs') });
    await host.warmed;
    expect(await settled(host.started, 300)).toBe('not yet');
    expect(await (await fetch(host.url)).text()).toContain('<div id="root"></div>');
    expect(await settled(host.started)).toBe('settled');
  });

  it('sends the page as built where nothing draws the home: no drawing built, a drawing that fails', async () => {
    const dir = tempDir();
    const staticDir = pageWithAhead(dir);
    core = await Core.open({ dbPath: path.join(dir, 'h.sqlite') });
    host = await startHost({ core, staticDir, firstScreenFile: path.join(dir, 'none.cjs') });
    await host.warmed;
    const plain = await (await fetch(host.url)).text();
    expect(plain).toContain('<div id="root"></div>');
    expect(plain.slice(0, plain.indexOf('<body')).match(/data-ahead/g)).toHaveLength(2);
    expect(plain).not.toContain(FIRST_SCREEN_GUARD);
    expect(firstAnswers(plain).size).toBe(FRAME_QUESTIONS.length + HOME_QUESTIONS.length);
    await host.close();
    // A drawing that throws, or leaves a part for the page to draw (React's mark of a part that failed on the server).
    const drawing = path.join(dir, 'drawing.cjs');
    const drawWith = (body: string, at: number) => {
      fs.writeFileSync(drawing, `exports.renderFirstScreen = () => { ${body} };`);
      fs.utimesSync(drawing, at, at);
    };
    const rootOf = async () => /<div id="root">(.*?)<\/div><script type="module"/s.exec(await (await fetch(host!.url)).text())?.[1];
    drawWith('throw new Error("描けません");', 1_000);
    host = await startHost({ core, staticDir, firstScreenFile: drawing });
    await host.warmed;
    expect(await rootOf()).toBe('');
    drawWith('return "<main><!--$!--><template></template><!--/$--></main>";', 2_000);
    expect(await rootOf()).toBe('');
    // A build under the running host: its new drawing is the one used.
    drawWith('return "<main>一</main>";', 3_000);
    expect(await rootOf()).toBe('<main>一</main>');
    drawWith('return "<main>二</main>";', 4_000);
    expect(await rootOf()).toBe('<main>二</main>');
    // An answer missing (the core refused one): nothing drawn, the page draws its home from what it asks.
    const dispatch = core.dispatch.bind(core);
    core.dispatch = (name, ...rest) =>
      name === 'app.home' ? Promise.resolve({ ok: false, error: { code: 'internal', message: '試験' } }) : dispatch(name, ...rest);
    const partial = await (await fetch(host.url)).text();
    expect(firstAnswers(partial).size).toBe(FRAME_QUESTIONS.length + HOME_QUESTIONS.length - 1);
    expect(partial).toContain('<div id="root"></div>');
  });

  it('asks the page’s first questions once as it starts listening, changing nothing, and still answers a page afresh', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'h.sqlite');
    core = await Core.open({ dbPath });
    const dispatch = core.dispatch.bind(core);
    const asked: string[] = [];
    // The database's files as they are: a question writes nothing (no audit, no journal, no settings).
    const files = () =>
      ['', '-wal'].map((end) => fs.statSync(`${dbPath}${end}`, { throwIfNoEntry: false })).map((f) => `${f?.size} ${f?.mtimeMs}`);
    const before = files();
    core.dispatch = (name, ...rest) => {
      asked.push(name);
      return dispatch(name, ...rest);
    };
    const revision = core.revision;
    host = await startHost({ core, staticDir: staticFiles(dir) });
    await host.warmed;
    const questions = [...FRAME_QUESTIONS, ...HOME_QUESTIONS].map((q) => q.name);
    expect(asked).toEqual(questions);
    expect(core.revision).toBe(revision);
    expect(files()).toEqual(before);
    const page = await (await fetch(host.url)).text();
    expect(firstAnswers(page).size).toBe(questions.length);
    expect(asked).toEqual([...questions, ...questions]);
  });

  it('stops asking the core once the page that asked is gone', async () => {
    const h = await start();
    const dispatch = core!.dispatch.bind(core!);
    let asked = 0;
    // Each answer takes 25 ms: all five would come within the page's wait.
    core!.dispatch = async (...args) => {
      asked += 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
      return dispatch(...args);
    };
    await new Promise<void>((resolve) => {
      const req = http.get(h.url, (res) =>
        res.once('data', () => {
          req.destroy();
          resolve();
        }),
      );
      req.on('error', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(asked).toBeLessThanOrEqual(2);
  });

  it('does not hold the page for a core busy with something else: what has not come is left out, for the page to ask', async () => {
    const h = await start();
    const dispatch = core!.dispatch.bind(core!);
    // The first question is answered, the next waits behind a long job.
    let asked = 0;
    core!.dispatch = (...args) => (++asked === 1 ? dispatch(...args) : new Promise(() => undefined));
    const page = await (await fetch(h.url)).text();
    expect([...firstAnswers(page).keys()]).toEqual([questionKey(FRAME_QUESTIONS[0]!.name, FRAME_QUESTIONS[0]!.input)]);
    expect(page).toMatch(/<\/script><\/body><\/html>$/);
    expect(asked).toBe(2);
  });

  it('runs an operation with the token', async () => {
    const h = await start();
    const res = await post(h, 'settings.update', JSON.stringify({ displayName: '佐藤' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, displayName: '佐藤' } });
  });

  it('refuses a request without the token, or with a wrong one, and writes nothing', async () => {
    const h = await start();
    const none = await post(h, 'settings.update', '{"displayName":"侵入"}', { 'x-renkei-token': '' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('トークン') } });
    const wrong = await post(h, 'settings.update', '{"displayName":"侵入"}', { 'x-renkei-token': 'f'.repeat(64) });
    expect(wrong.status).toBe(401);
    expect((await core!.call('settings.get', {})).displayName).toBe('');
    expect((await core!.call('audit.list', {})).total).toBe(0);
  });

  it('refuses another origin and another host name even with the token', async () => {
    const h = await start();
    const cross = await post(h, 'settings.update', '{"displayName":"x"}', { origin: 'http://evil.example' });
    expect(cross.status).toBe(401);
    expect(await postWithHost(h, 'settings.update', `evil.example:${new URL(h.url).port}`)).toBe(400);
    expect((await core!.call('settings.get', {})).displayName).toBe('');
  });

  it('answers unknown operations, malformed bodies and invalid input with clear 4xx errors', async () => {
    const h = await start();
    const unknown = await post(h, 'nothing.here', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_operation', message: '「nothing.here」という操作はありません' } });

    const malformed = await post(h, 'settings.update', '{"displayName":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'bad_request', message: '本文が JSON として読めません' } });

    const notJson = await post(h, 'settings.get', '{}', { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(400);

    const invalid = await post(h, 'settings.update', '{"backupKeep":"many"}');
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      error: { code: 'validation', path: ['backupKeep'], message: 'バックアップ保持数は数値で入力してください' },
    });

    const get = await fetch(`${h.url}api/settings.get`);
    expect(get.status).toBe(400);
    expect((await core!.call('audit.list', {})).total).toBe(0);
  });

  it('serves only files inside the renderer folder', async () => {
    const h = await start();
    expect((await fetch(`${h.url}assets/app.js`)).status).toBe(200);
    expect((await fetch(`${h.url}..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${h.url}assets/%2e%2e/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it('sends scripts compressed for a browser that accepts it, the same bytes once decoded, and as they are otherwise', async () => {
    const dir = tempDir();
    const staticDir = staticFiles(dir);
    const script = 'console.log("在宅医療");\n'.repeat(200);
    fs.writeFileSync(path.join(staticDir, 'assets', 'big.js'), script);
    core = await Core.open({ dbPath: path.join(dir, 'h.sqlite') });
    const h = await startHost({ core, staticDir });
    host = h;
    const raw = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${h.url}assets/big.js`, { headers: { 'accept-encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const br = await raw('gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.body.length).toBeLessThan(script.length / 10);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);
    const gz = await raw('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);
    const plain = await raw('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('sends the brotli copy the build wrote beside a script as it is, and compresses the script itself when that copy is older', async () => {
    const dir = tempDir();
    const staticDir = staticFiles(dir);
    const file = path.join(staticDir, 'assets', 'built.js');
    const script = 'export const 在宅 = "医療";\n'.repeat(300);
    fs.writeFileSync(file, script);
    // Written by the build at brotli's best: not what the host makes (quality 5), so the bytes tell which was sent.
    const copy = zlib.brotliCompressSync(script, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    fs.writeFileSync(`${file}.br`, copy);
    const stale = path.join(staticDir, 'assets', 'stale.js');
    fs.writeFileSync(`${stale}.br`, zlib.brotliCompressSync('export const old = 1;\n'));
    fs.writeFileSync(stale, script);
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(`${stale}.br`, past, past);
    core = await Core.open({ dbPath: path.join(dir, 'h.sqlite') });
    const h = await startHost({ core, staticDir });
    host = h;
    const brotliOf = (name: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        http
          .get(`${h.url}assets/${name}`, { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const built = await brotliOf('built.js');
    expect(built.encoding).toBe('br');
    expect(built.body.equals(copy)).toBe(true);
    const recompressed = await brotliOf('stale.js');
    expect(recompressed.encoding).toBe('br');
    expect(zlib.brotliDecompressSync(recompressed.body).toString()).toBe(script);
  });

  it('answers an address that does not decode with 400 and a Japanese message, not an internal error', async () => {
    const h = await start();
    for (const [method, address] of [
      ['GET', '%'],
      ['GET', '%E0%A4%A'],
      ['POST', 'api/%'],
      ['POST', 'api/settings.update%E0%A4%A'],
    ] as const) {
      const res = await fetch(`${h.url}${address}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-renkei-token': h.token },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(res.status, address).toBe(400);
      expect(await res.json(), address).toEqual({
        ok: false,
        error: {
          code: 'bad_request',
          message: 'アドレスに読めない文字の並び（% の後に16進数2桁がないなど）があります。アドレスを確かめてください。',
        },
      });
    }
  });

  it('answers a body over 64 MB with 413 and says why, whether its length is announced or not, and runs nothing', async () => {
    const h = await start();
    const tooLarge = {
      ok: false,
      error: {
        code: 'bad_request',
        message: '送られたデータが大きすぎます（上限 64 MB）。ファイルを分けるか小さくしてから、もう一度お試しください。',
      },
    };
    const body = `{"displayName":"${'x'.repeat(64 * 1024 * 1024)}"}`;
    const announced = await post(h, 'settings.update', body);
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual(tooLarge);

    // Sent in chunks without a length: the host finds out only while reading, and still answers.
    const url = new URL(`${h.url}api/settings.update`);
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-renkei-token': h.token, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        },
      );
      req.on('error', reject);
      const piece = Buffer.alloc(1024 * 1024, 'x');
      req.write('{"displayName":"');
      for (let i = 0; i < 65; i++) req.write(piece);
      req.end('"}');
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toEqual(tooLarge);
    expect((await core!.call('settings.get', {})).displayName).toBe('');
    expect((await core!.call('audit.list', {})).total).toBe(0);
  });
});

describe('loopback host on a shared database that does not answer', () => {
  it('says at sign-in that the server does not answer and to ask 情報システム担当, without the driver’s code or PGPASSWORD', async () => {
    // Port 1 on this machine: nothing listens there, so the connection is refused (ECONNREFUSED).
    const server: PgServer = { host: '127.0.0.1', port: 1, database: 'renkei', ssl: false };
    const h = await startHost({
      signIn: { server, open: (c) => Core.open({ connection: c, workDir: tempDir() }) },
      staticDir: staticFiles(tempDir()),
    });
    host = h;
    const answer = await fetch(`${h.url}session/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-renkei-token': h.token },
      body: JSON.stringify({ user: 'yamada', password: 'whatever-it-is' }),
    });
    const { error } = await answer.json();
    expect(error.message).toBe(
      '共有データベースのサーバーから応答がないため、サインインできません。しばらくしてから、もう一度サインインしてください。' +
        '続くときは、サーバーが止まっていないか情報システム担当に確かめてください。',
    );
    expect(error.message).not.toMatch(/ECONNREFUSED|PGPASSWORD|pgpass|環境変数/);
  });
});

describe('loopback host on a shared database people sign in to', () => {
  if (skipWithoutPg()) return;

  it('shows the sign-in screen, opens a core per person, streams the others’ changes and signs out', async () => {
    const { connection, drop } = await freshPgDatabase();
    const { user, password: _none, ...server } = connection;
    const other = await Core.open({ connection, workDir: tempDir() });
    const signIn = { server: server as PgServer, open: (c: typeof connection) => Core.open({ connection: c, workDir: tempDir() }) };
    const h = await startHost({ signIn, staticDir: staticFiles(tempDir()) });
    host = h;
    try {
      const page = await (await fetch(h.url)).text();
      expect(page).toContain(`<meta name="renkei-sign-in" content="${server.host}:${server.port ?? 5432}/${server.database}">`);
      // No one signed in: no answers in the page.
      expect(page).not.toContain(FIRST_ANSWERS_ID);
      const refused = await post(h, 'accounts.session', '{}');
      expect(refused.status).toBe(401);
      expect((await refused.json()).error.message).toContain('サインインしてください');

      const session = (body: unknown, cookie = '') =>
        fetch(`${h.url}session/signin`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-renkei-token': h.token, cookie },
          body: JSON.stringify(body),
        });
      const unknown = await session({ user: 'nobody_here', password: 'whatever-it-is' });
      expect(unknown.status).toBe(401);
      expect((await unknown.json()).error.message).toBe(
        'ユーザー名またはパスワードが違います（ユーザー名「nobody_here」）。ユーザー名とパスワードを確かめて、入力し直してください。' +
          'パスワードを忘れたときは、県の担当者（Renkei の利用者を管理する人）にリセットを依頼してください。',
      );
      expect((await session({ user, password: '' })).status).toBe(422);

      const signedIn = await session({ user, password: 'trusted-on-loopback' });
      expect(signedIn.status).toBe(200);
      expect((await signedIn.json()).value).toMatchObject({ login: user, role: 'pref_staff', shared: true });
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
      expect(signedIn.headers.get('set-cookie')).toMatch(/^renkei-session-\d+=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict$/);
      const signedInPage = await (await fetch(h.url, { headers: { cookie } })).text();
      expect(signedInPage).toContain(`<meta name="renkei-signed-in" content="${server.host}:${server.port ?? 5432}/${server.database}">`);
      // Its role, so the page asks ahead only what the role may read.
      expect(signedInPage).toContain('<meta name="renkei-role" content="pref_staff">');
      // On a shared database the page asks for its data itself, after it listens for others' changes.
      expect(signedInPage).not.toContain(FIRST_ANSWERS_ID);
      const asked = await post(h, 'accounts.session', '{}', { cookie });
      expect((await asked.json()).value.login).toBe(user);

      // Another person's save arrives on the page's event stream.
      const events = await fetch(`${h.url}events`, { method: 'POST', headers: { 'x-renkei-token': h.token, cookie } });
      expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const reader = events.body!.getReader();
      const decoder = new TextDecoder();
      let received = decoder.decode((await reader.read()).value);
      await other.call('settings.update', { displayName: '別の人' });
      while (!received.includes('data: change')) received += decoder.decode((await reader.read()).value);
      await reader.cancel();

      const out = await fetch(`${h.url}session/signout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-renkei-token': h.token, cookie },
        body: '{}',
      });
      expect(out.headers.get('set-cookie')).toMatch(/=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
      expect((await post(h, 'accounts.session', '{}', { cookie })).status).toBe(401);
    } finally {
      await h.close();
      host = undefined;
      await other.close();
      await drop();
    }
  });
});
