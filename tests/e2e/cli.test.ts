/** The `renkei` command line from dist/, on real database files. */

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runRenkei, startServeProcess } from '../support/serve';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function workDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-cli-'));
  dirs.push(dir);
  return dir;
}

const renkei = runRenkei;

/** The command that runs Node as `nobody` (setpriv, util-linux). */
const AS_NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath];

/**
 * Root writes anywhere, so as root the commands run as `nobody`, as an officer's account would — where `nobody` can
 * reach Node and the built CLI (a clone in a folder only root may enter, as mktemp makes, cannot: those tests skip).
 */
const asOfficer =
  process.getuid?.() !== 0
    ? 'self'
    : spawnSync('setpriv', [...AS_NOBODY, '-e', `require('fs').accessSync(${JSON.stringify(CLI)}, require('fs').constants.R_OK)`])
          .status === 0
      ? 'setpriv'
      : null;

/** `renkei` as the officer, in a work folder they may enter; what is theirs to write is made so by the test. */
function officer(dir: string): (...args: string[]) => { code: number | null; out: string; err: string } {
  fs.chmodSync(dir, 0o755);
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  fs.chmodSync(home, 0o777);
  const env = { ...process.env, HOME: home, XDG_CACHE_HOME: home, RENKEI_USER_DATA: path.join(home, 'user-data') };
  const [command, prefix] = asOfficer === 'setpriv' ? ['setpriv', [...AS_NOBODY, CLI]] : [process.execPath, [CLI]];
  return (...args) => {
    const result = spawnSync(command, [...prefix, ...args], { encoding: 'utf8', env, timeout: 60_000 });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
}

/**
 * `file` put by `put` into a new folder `name` of `dir` that the officer may read but not write (a colleague's share
 * with read rights only), the file itself open to all.
 */
function inReadOnlyFolder(dir: string, name: string, file: string, put: (file: string) => void) {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  const placed = path.join(folder, file);
  put(placed);
  fs.chmodSync(placed, 0o666);
  fs.chmodSync(folder, 0o755);
  return { folder, file: placed };
}

/** `file` put by `put` into a new folder `name` of `dir` that the officer may write, the file marked read-only. */
function markedReadOnly(dir: string, name: string, file: string, put: (file: string) => void): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  fs.chmodSync(folder, 0o777);
  const placed = path.join(folder, file);
  put(placed);
  fs.chmodSync(placed, 0o444);
  return placed;
}

describe('renkei CLI', () => {
  it('creates a database with the demo settings and prints the audit log', () => {
    const dir = workDir();
    const db = path.join(dir, 'demo.sqlite');
    const init = renkei(dir, 'init', '--db', db, '--demo');
    expect(init.code).toBe(0);
    expect(init.out).toContain(`データベースを用意しました: ${db}`);
    // The demo runs hundreds of operations inside one; none may leave Node's warnings on the officer's screen.
    expect(init.err).toBe('');
    const audit = renkei(dir, 'audit', '--db', db, '--entity', 'settings', '--json');
    expect(audit.code).toBe(0);
    const log = JSON.parse(audit.out);
    // The demo is one operation; its settings change is audited under it.
    expect(log.entries.find((e: { operation: string }) => e.operation === 'app.demo.load').after.organization).toContain('新潟県');
  });

  it('prints the audit log as Japanese lines, filtered, and exports it to Excel', () => {
    const dir = workDir();
    const db = path.join(dir, 'demo.sqlite');
    expect(renkei(dir, 'init', '--db', db, '--demo').code).toBe(0);
    // The section by the name the screen shows (補助金), as well as by its key.
    const audit = renkei(dir, 'audit', '--db', db, '--section', '補助金', '--limit', '3');
    expect(audit.code).toBe(0);
    const lines = audit.out.trim().split('\n');
    expect(lines[0]).toMatch(/^監査ログ \d+ 件中 3 件（新しい順）$/);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/^令和\d+年\d+月\d+日 \d\d:\d\d　.+　デモデータの読み込み　補助金の手続き「.+」　追加　/);
      expect(line).not.toMatch(/app\.demo\.load|subsidy_step|[{}"]/);
    }
    const out = path.join(dir, '監査ログ.xlsx');
    expect(renkei(dir, 'audit', '--db', db, '--entity', 'settings', '--out', out).out).toContain('書き出しました');
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    expect(renkei(dir, 'audit', '--db', db, '--entity', 'nonsense').err).toContain(
      '--entity には次のどれかを指定してください: 都道府県、市区町村',
    );
  });

  it('stops quietly when the reader of its output goes away (renkei audit | head -1)', () => {
    const dir = workDir();
    const db = path.join(dir, 'demo.sqlite');
    expect(renkei(dir, 'init', '--db', db, '--demo').code).toBe(0);
    // 1,000 lines are far more than a pipe holds, so the CLI writes on after head has exited.
    const piped = spawnSync(
      'bash',
      ['-c', 'set -o pipefail; "$0" "$1" audit --db "$2" --limit 1000 | head -1', process.execPath, CLI, db],
      {
        encoding: 'utf8',
        env: { ...process.env, RENKEI_USER_DATA: path.join(dir, 'user-data') },
      },
    );
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toMatch(/^監査ログ \d+ 件中 1000 件（新しい順）\n$/);
  });

  it('uses renkei.sqlite in the user-data folder when no --db is given', () => {
    const dir = workDir();
    expect(renkei(dir, 'init').code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'user-data', 'renkei.sqlite'))).toBe(true);
  });

  it('backs up, lists and restores', () => {
    const dir = workDir();
    const db = path.join(dir, 'b.sqlite');
    renkei(dir, 'init', '--db', db);
    const backup = renkei(dir, 'backup', '--db', db);
    expect(backup.code).toBe(0);
    const name = /(\d{8}T\d{9}Z-manual\.sqlite)/.exec(backup.out)![1]!;
    expect(renkei(dir, 'backup', '--db', db, '--list').out).toContain(name);
    const restore = renkei(dir, 'restore', '--db', db, name);
    expect(restore.code).toBe(0);
    // Named as the list names it (local time and 種類), the file name given only where the CLI takes it as an argument.
    expect(backup.out).toMatch(/^令和\d+年\d+月\d+日 \d\d:\d\d の手動バックアップを作成しました（\d{8}T\d{9}Z-manual\.sqlite）。/);
    expect(restore.out).toMatch(/^令和\d+年\d+月\d+日 \d\d:\d\d の手動バックアップから復元しました。/);
    expect(restore.out).not.toContain(`${name} から`);
    expect(renkei(dir, 'migrate', '--db', db).out).toContain('最新の形式です');
  });

  // Node 22.8+ keeps the compiled code itself, as each module is compiled (cli/start.ts): no such files then.
  it.skipIf(typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function')(
    'keeps the host’s compiled code after its first page, with the code its start ran, and compiles from it at the next start without writing it again',
    async () => {
      const dir = workDir();
      const db = path.join(dir, 'served.sqlite');
      renkei(dir, 'init', '--db', db, '--demo');
      const cache = path.join(dir, 'xdg-cache');
      const env = { XDG_CACHE_HOME: cache };
      const root = path.join(cache, 'renkei', 'compile-cache');
      const kept = (): Record<string, { size: number; mtimeMs: number }> =>
        fs.existsSync(root)
          ? Object.fromEntries(
              (fs.readdirSync(root, { recursive: true }) as string[])
                .filter((name) => name.endsWith('.bin'))
                .map((name) => {
                  const { size, mtimeMs } = fs.statSync(path.join(root, name));
                  return [
                    name
                      .split(path.sep)
                      .join('/')
                      .replace(/\.cjs-.*/, '.cjs'),
                    { size, mtimeMs },
                  ];
                }),
            )
          : {};
      const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
      // A serve that only prints its help keeps nothing of the host's; another command keeps its code as it is loaded.
      expect(cli('serve', '--help').status).toBe(0);
      expect(Object.keys(kept())).toEqual([]);
      expect(cli('--help').status).toBe(0);
      expect(Object.keys(kept())).toEqual(['cli-commands.cjs']);

      // startServeProcess reads the page; read again while waiting, should the first one's answers have come too late
      // to draw the home (a busy machine).
      const first = await startServeProcess(db, undefined, undefined, true, env);
      try {
        await expect
          .poll(
            async () => {
              await (await fetch(first.url)).text();
              return Object.keys(kept()).sort();
            },
            { timeout: 20_000, interval: 500 },
          )
          .toEqual(['cli-commands.cjs', 'first-screen.cjs', 'serve/cli-commands.cjs']);
      } finally {
        await first.stop();
      }
      const written = kept();
      // Kept after the host's start, the code holds the functions it ran (opening the file, the first answers, the host),
      // which code kept as the bundle is loaded leaves out.
      expect(written['serve/cli-commands.cjs']!.size).toBeGreaterThan(written['cli-commands.cjs']!.size + 100_000);
      const second = await startServeProcess(db, undefined, undefined, true, env);
      try {
        expect((await second.call('app.summary', {})) as { database: { path: string } }).toMatchObject({ database: { path: db } });
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      } finally {
        await second.stop();
      }
      expect(kept()).toEqual(written);
    },
  );

  it('refuses to restore while `renkei serve` has the file open, and the served app keeps saving into the same file', async () => {
    const dir = workDir();
    const db = path.join(dir, 'live.sqlite');
    renkei(dir, 'init', '--db', db);
    const name = /(\d{8}T\d{9}Z-manual\.sqlite)/.exec(renkei(dir, 'backup', '--db', db).out)![1]!;
    const served = await startServeProcess(db);
    const save = async (displayName: string) =>
      (
        await fetch(`${served.url}api/settings.update`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-renkei-token': served.token },
          body: JSON.stringify({ displayName }),
        })
      ).json();
    try {
      expect(await save('復元の前')).toMatchObject({ ok: true });
      const restore = renkei(dir, 'restore', '--db', db, name);
      expect(restore.code).toBe(1);
      expect(restore.err).toContain('ほかの Renkei');
      expect(restore.err).toContain('復元できません');
      expect(await save('復元を断ったあと')).toMatchObject({ ok: true });
    } finally {
      await served.stop();
    }
    const audit = JSON.parse(renkei(dir, 'audit', '--db', db, '--entity', 'settings', '--json').out);
    expect(audit.entries[0].after).toMatchObject({ displayName: '復元を断ったあと' });
    expect(renkei(dir, 'restore', '--db', db, name).code).toBe(0);
  });

  it("refuses to migrate another program's SQLite file and leaves it as it was", () => {
    const dir = workDir();
    const foreign = path.join(dir, 'kakeibo.sqlite');
    const raw = new BetterSqlite3(foreign);
    raw.exec("CREATE TABLE expense (day TEXT, yen INTEGER); INSERT INTO expense VALUES ('2026-04-01', 1200)");
    raw.close();
    const before = fs.readFileSync(foreign);
    const migrate = renkei(dir, 'migrate', '--db', foreign);
    expect(migrate.code).toBe(1);
    expect(migrate.err).toContain('Renkei のデータベースではない');
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);
  });

  it.skipIf(asOfficer === null)(
    'refuses a database in a read-only folder, or itself read-only, saying so and what to do, and leaves it as it was',
    () => {
      const dir = workDir();
      const run = officer(dir);
      const init = (file: string) => expect(renkei(dir, 'init', '--db', file).code).toBe(0);
      const { folder, file: inFolder } = inReadOnlyFolder(dir, '閲覧のみ', '県 計画.sqlite', init);
      // A file marked read-only in a folder the officer may write (copied from a disc, or 読み取り専用 ticked).
      const readOnly = markedReadOnly(dir, '書ける', '県.sqlite', init);
      for (const [file, place] of [
        [inFolder, folder],
        [readOnly, readOnly],
      ] as const) {
        const before = fs.readFileSync(file);
        for (const args of [['backup'], ['audit', '--limit', '1']]) {
          const refused = run(args[0]!, '--db', file, ...args.slice(1));
          expect(refused.code, `${args[0]} ${file}`).toBe(1);
          expect(refused.err).toBe(
            `データベース「${file}」に書き込めないため、開けません（「${place}」が読み取り専用か、書き込む権限がありません）。` +
              '中身は変えていません。読み取り専用を外すか、書き込めるフォルダーにコピーしてから開いてください。\n',
          );
          expect(refused.err).not.toContain('壊れています');
        }
        expect(fs.readFileSync(file).equals(before)).toBe(true);
        expect(fs.readdirSync(path.dirname(file)).filter((n) => /-(wal|shm)$|-backups$/.test(n))).toEqual([]);
      }
    },
  );

  it.skipIf(asOfficer === null)(
    'opens a meeting copy in a read-only folder, or itself read-only, for reading: changes refused as on any copy, nothing written',
    () => {
      const dir = workDir();
      const run = officer(dir);
      const db = path.join(dir, '県.sqlite');
      expect(renkei(dir, 'init', '--db', db).code).toBe(0);
      const copy = path.join(dir, '会議用.sqlite');
      expect(renkei(dir, 'meeting-copy', '--db', db, copy).code).toBe(0);
      // The meeting's shared folder with read rights only, and a copy marked read-only in a folder the officer may write.
      const put = (file: string) => fs.copyFileSync(copy, file);
      const { folder: share, file: inShare } = inReadOnlyFolder(dir, '会議 共有', '会議用.sqlite', put);
      const marked = markedReadOnly(dir, '手元', '会議用.sqlite', put);
      const fixture = path.resolve(__dirname, '../fixtures/niigata-municipalities-cp932.csv');
      for (const file of [inShare, marked]) {
        const before = fs.readFileSync(file);
        const read = run('audit', '--db', file, '--limit', '1');
        expect(read.err, file).toBe('');
        expect(read.code).toBe(0);
        expect(read.out).toMatch(/^監査ログ \d+ 件中 1 件（新しい順）\n/);
        const change = run('import', '--db', file, 'municipalities', fixture);
        expect(change.code).toBe(1);
        expect(change.err).toMatch(/^このファイルは会議用の閲覧専用コピー（令和\d+年\d+月\d+日時点）のため、変更できません。/);
        expect(fs.readFileSync(file).equals(before)).toBe(true);
        expect(fs.readdirSync(path.dirname(file))).toEqual(['会議用.sqlite']);
      }
      // A working database there is still refused: its saves would fail one by one.
      fs.chmodSync(share, 0o777);
      const working = path.join(share, '県.sqlite');
      fs.copyFileSync(db, working);
      fs.chmodSync(working, 0o444);
      expect(run('audit', '--db', working).err).toContain(`データベース「${working}」に書き込めないため、開けません`);
    },
  );

  it.skipIf(asOfficer === null)(
    'says in one Japanese line why a backup could not be made, and the daily one does not stop the command',
    () => {
      const dir = workDir();
      const run = officer(dir);
      const folder = path.join(dir, '医務課 共有');
      fs.mkdirSync(folder);
      fs.chmodSync(folder, 0o777);
      const db = path.join(folder, '県.sqlite');
      expect(renkei(dir, 'init', '--db', db).code).toBe(0);
      fs.chmodSync(db, 0o666);
      // The backups' folder made by someone else, for reading only.
      const backups = path.join(folder, '県-backups');
      fs.mkdirSync(backups);
      fs.chmodSync(backups, 0o555);
      const cannot = `バックアップを「${backups}」に作成できません: フォルダーが読み取り専用か、書き込む権限がありません。フォルダーの権限を確かめてください。データベースはそのままです。`;
      const list = run('backup', '--list', '--db', db);
      expect(list.code).toBe(0);
      expect(list.out).toBe('バックアップはありません。\n');
      expect(list.err).toBe(`起動時の毎日の自動バックアップを作成できませんでした。${cannot}\n`);
      const manual = run('backup', '--db', db);
      expect(manual.code).toBe(1);
      expect(manual.err.split('\n').filter(Boolean)).toEqual([`起動時の毎日の自動バックアップを作成できませんでした。${cannot}`, cannot]);
      expect(fs.readdirSync(backups)).toEqual([]);
    },
  );

  it('imports with a dry run first, then for real, and exports what it imported', () => {
    const dir = workDir();
    const db = path.join(dir, 'io.sqlite');
    const fixture = path.resolve(__dirname, '../fixtures/niigata-municipalities-cp932.csv');
    expect(renkei(dir, 'init', '--db', db).code).toBe(0);
    const dry = renkei(dir, 'import', '--db', db, '--dry-run', 'municipalities', fixture);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('niigata-municipalities-cp932.csv（CSV（Shift_JIS））: 30 行 — 新規 30、変更 0、変更なし 0、エラー 0');
    expect(dry.out).toContain('何も書き込んでいません');
    const real = renkei(dir, 'import', '--db', db, 'municipalities', fixture);
    expect(real.out).toContain('取り込みました: 新規 30・更新 0・除外 0・変更なし 0');
    const out = path.join(dir, '市町村.xlsx');
    expect(renkei(dir, 'export', '--db', db, 'municipalities', out).code).toBe(0);
    const again = renkei(dir, 'import', '--db', db, '--dry-run', 'municipalities', out);
    expect(again.out).toContain('30 行 — 新規 0、変更 0、変更なし 30、エラー 0');
  });

  it('takes only the own prefecture’s rows of the national municipality list with --own-prefecture, the others excluded', () => {
    const dir = workDir();
    const db = path.join(dir, 'demo.sqlite');
    const national = path.resolve(__dirname, '../../../shared/reference/data/localgovjp/localgovjp-utf8.csv');
    expect(renkei(dir, 'init', '--demo', '--db', db).code).toBe(0);
    const dry = renkei(dir, 'import', '--db', db, '--dry-run', 'municipalities', national);
    expect(dry.out).toContain(
      '他の都道府県の行 1,878 行（団体コードの都道府県番号が15以外）: このまま取り込むと新潟県以外の分も台帳に入ります',
    );
    expect(dry.out).toContain('新潟県の行だけを取り込むには --own-prefecture を付けてください');
    const own = renkei(dir, 'import', '--db', db, '--own-prefecture', 'municipalities', national);
    expect(own.code).toBe(0);
    expect(own.out).toContain('38 行 — 新規 8、変更 0、変更なし 30、エラー 0');
    expect(own.out).toContain('新潟県以外の行 1,878 行は取り込みません（2行目（札幌市）、');
    expect(own.out).toContain('取り込みました: 新規 8・更新 0・除外 1,878・変更なし 30');
    expect(renkei(dir, 'import', '--db', db, '--dry-run', 'municipalities', national).out).toContain('新規 1878、変更 0、変更なし 38');
  });

  it('refuses an import with errors, printing row and column, and writes nothing', () => {
    const dir = workDir();
    const db = path.join(dir, 'bad.sqlite');
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, '団体コード,市区町村名\n151009,新潟市\n151008,間違い市\n');
    expect(renkei(dir, 'init', '--db', db).code).toBe(0);
    const result = renkei(dir, 'import', '--db', db, 'municipalities', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain('3行目 A列「団体コード」: 団体コード「151008」の検査数字が正しくありません（正しくは 151009）');
    expect(result.err).toContain('エラーのある行が 1 行あるため取り込めません');
    expect(renkei(dir, 'import', '--db', db, '--exclude', '３、abc', 'municipalities', file).err).toContain(
      '--exclude の「abc」は行番号ではありません',
    );
    expect(renkei(dir, 'import', '--db', db, '--exclude', '３', 'municipalities', file).out).toContain(
      '取り込みました: 新規 1・更新 0・除外 1・変更なし 0',
    );
    expect(renkei(dir, 'import', '--db', db, 'towns', file).err).toContain(
      '「towns」という種類はありません。取り込む種類は次のとおりです（municipalities=市区町村、',
    );
    expect(renkei(dir, 'import', '--db', db, 'institution', file).err).toContain(
      '「institution」という種類はありません。institutions のことでしたら、そう指定してください。',
    );
    expect(renkei(dir, 'export', '--db', db, 'institution', path.join(dir, 'out.csv')).err).toContain(
      '「institution」という種類はありません。institutions のことでしたら',
    );
    expect(renkei(dir, 'import', '--db', db).err).toContain('取り込む種類を指定してください（municipalities=市区町村、');
    expect(renkei(dir, 'export', '--db', db, 'municipalities', path.join(dir, 'out.txt')).err).toContain('.xlsx か .csv');
  });

  it('refuses a short first password for `renkei shared setup` before it touches the server', () => {
    const dir = workDir();
    process.env.RENKEI_NEW_PASSWORD = 'short';
    try {
      // Nothing listens on port 1: had setup started, the answer would be that the server cannot be reached.
      const setup = renkei(dir, 'shared', 'setup', '--db', 'postgres://admin@127.0.0.1:1/renkei', '--user', 'yamada');
      expect(setup.code).not.toBe(0);
      expect(setup.err.trim()).toBe('初期パスワード: パスワードは10文字以上にしてください。');
      expect(setup.out).toBe('');
    } finally {
      delete process.env.RENKEI_NEW_PASSWORD;
    }
  });

  it('refuses to serve a --db that is not there, saying how to make one; a first start without --db makes its database', async () => {
    const dir = workDir();
    const db = path.join(dir, 'タイプミス', 'renkei.sqlite');
    // Bounded: a serve that started would run until stopped.
    const served = spawnSync(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, RENKEI_USER_DATA: path.join(dir, 'user-data') },
    });
    expect(served.status).toBe(1);
    expect(served.stderr.trim()).toBe(
      `データベースファイル「${db}」はありません。--db のファイル名を確かめてください（新しく作るときは renkei init --db ${db}）。`,
    );
    expect(served.stdout).not.toContain('http://127.0.0.1');
    expect(fs.existsSync(path.dirname(db))).toBe(false);

    // npm start / npm run serve on a new PC: no --db, and the database is made in the user-data folder.
    const first = await startServeProcess(null, undefined, path.join(dir, 'user-data'));
    try {
      expect(first.dbPath).toBe(path.join(dir, 'user-data', 'renkei.sqlite'));
      expect(first.output()).toContain(`データベース: ${first.dbPath}`);
      expect(fs.existsSync(first.dbPath)).toBe(true);
    } finally {
      await first.stop();
    }
  });

  it('serves the last file even when the machine configuration cannot be written, and says so on the console', async () => {
    const dir = workDir();
    const userData = path.join(dir, 'user-data');
    expect(renkei(dir, 'init', '--db', path.join(userData, 'renkei.sqlite')).code).toBe(0);
    // Something in the configuration file's place (here a folder; on Windows, the file held by another program).
    fs.mkdirSync(path.join(userData, 'renkei-config.json'));
    const served = await startServeProcess(null, undefined, userData);
    try {
      expect((await served.call('app.summary', {})).database.path).toBe(path.join(userData, 'renkei.sqlite'));
      // Written once the host has tried to remember the file, off its own thread: a loaded machine takes its time.
      await expect.poll(() => served.output(), { timeout: 15_000 }).toContain('次回開くファイルとして記録できませんでした。');
    } finally {
      await served.stop();
    }
  });

  it('refuses a --port that is no port, and one another program listens on, in words the officer can act on', async () => {
    const dir = workDir();
    const db = path.join(dir, 'a.sqlite');
    expect(renkei(dir, 'init', '--db', db).code).toBe(0);
    const bad = spawnSync(process.execPath, [CLI, 'serve', '--db', db, '--port', 'abc'], { encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('--port の「abc」はポート番号ではありません（0〜65535 の数字。省略すると空いている番号を使います）');
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      // Bounded: a serve that started would run until stopped. Asynchronous: the port's holder is this process.
      const busy = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', `${port}`], { timeout: 30_000 });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += String(d);
        });
        child.on('close', (status) => resolve({ status, stderr }));
      });
      expect(busy.status).toBe(1);
      expect(busy.stderr.trim()).toBe(
        `ポート ${port} はほかのプログラム（別の renkei serve など）が使っています。別の番号を --port で指定するか、--port を省いて空いている番号を使ってください。`,
      );
    } finally {
      taken.close();
    }
  });

  it('answers --help for every command', () => {
    const dir = workDir();
    const commands = ['init', 'migrate', 'backup', 'restore', 'meeting-copy', 'audit', 'import', 'export', 'report'];
    commands.push('subsidy', 'serve', 'shared');
    for (const command of commands) {
      const help = renkei(dir, command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.out, command).toContain(`使い方: renkei ${command}`);
      // Placeholders in the officer's words, as the other commands write them (ファイル, not FILE).
      expect(help.out, command).not.toMatch(/\bFILE\b/);
    }
    const top = renkei(dir, '--help').out;
    // Every command's summary starts in one column, the longest name (meeting-copy) too.
    const listed = top.split('\n').filter((line) => commands.some((c) => line.startsWith(`  ${c} `)));
    expect(listed.map((line) => line.slice(2).split(' ')[0])).toEqual(commands);
    expect(new Set(listed.map((line) => line.search(/ [^ ]/) + 1)).size).toBe(1);
    // A subcommand mistyped is named, with the ones there are.
    const shared = renkei(dir, 'shared', 'stup');
    expect(shared.code).toBe(1);
    expect(shared.err).toContain('「stup」というサブコマンドはありません。setup・migrate・copy のどれかを指定してください。');
    const subsidy = renkei(dir, 'subsidy', 'clac', '--fy', '2023');
    expect(subsidy.code).toBe(1);
    expect(subsidy.err).toContain('「clac」というサブコマンドはありません。サブコマンド calc を指定してください');
  });

  it('reports errors on stderr in Japanese with a non-zero exit', () => {
    const dir = workDir();
    // An option the command does not have: named, with where to look, and no English from Node's parser.
    const option = renkei(dir, 'meeting-copy', '--db', path.join(dir, 'x.sqlite'), '--out', 'y.sqlite');
    expect(option.code).toBe(1);
    expect(option.err).toContain('オプション「--out」はありません。使えるオプションは renkei meeting-copy --help で確かめてください。');
    expect(option.err).not.toMatch(/Unknown|positional/);
    const db = path.join(dir, 'e.sqlite');
    const unknown = renkei(dir, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('「frobnicate」というコマンドはありません');
    const badOption = renkei(dir, 'audit', '--db', db, '--colour');
    expect(badOption.code).toBe(1);
    expect(badOption.err).toContain('オプション「--colour」はありません');
    const badDate = renkei(dir, 'audit', '--db', db, '--from', '2025-02-30');
    expect(badDate.code).toBe(1);
    expect(badDate.err).toContain('「2025-02-30」は存在しない日付です');
    // A mistyped --db: said so, and no new empty database made (a backup of it would have been reported as made).
    for (const args of [['backup'], ['backup', '--list'], ['restore', 'x.sqlite'], ['audit']]) {
      const typo = renkei(dir, args[0]!, '--db', db, ...args.slice(1));
      expect(typo.code, args.join(' ')).toBe(1);
      expect(typo.err).toContain(
        `データベースファイル「${db}」はありません。--db のファイル名を確かめてください（新しく作るときは renkei init --db ${db}）。`,
      );
      expect(fs.existsSync(db)).toBe(false);
    }
    expect(renkei(dir, 'init', '--db', db).code).toBe(0);
    const missing = renkei(dir, 'restore', '--db', db, 'no-such-backup.sqlite');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      'バックアップ「no-such-backup.sqlite」はありません（削除されたか、名前が違います）。現在のデータはそのままです。' +
        'renkei backup --list の一覧の1列目の名前（例: 20260401T000000000Z-daily.sqlite）で指定してください。\n',
    );
    // The list's date and time are what it shows, but the name is what restore takes: said the same way.
    expect(renkei(dir, 'restore', '--db', db, '令和8年12月6日 03:11').err).toContain('renkei backup --list の一覧の1列目の名前');
    fs.writeFileSync(path.join(dir, 'junk.sqlite'), 'x'.repeat(4096));
    const junk = renkei(dir, 'migrate', '--db', path.join(dir, 'junk.sqlite'));
    expect(junk.code).toBe(1);
    expect(junk.err).toContain('Renkei のデータベースではないか、壊れています');
  });
});
