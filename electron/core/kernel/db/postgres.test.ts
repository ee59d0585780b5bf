/**
 * Shared mode on a real PostgreSQL server (RENKEI_TEST_PG; skipped, saying so,
 * without one): the same migrations and operations as on a file, yen past
 * 4-byte integers kept exact, and what shared mode cannot do yet refused in
 * words. Each test has a database of its own.
 */
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { engines, freshPgDatabase, skipWithoutPg, TEST_PG_URL } from '@tests/support/engines';
import { cuttableRelay } from '@tests/support/relay';
import { sapporoAssociation } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../../core';
import { MIGRATIONS } from './migrations';
import { describeConnectFailure, exactInteger, openPostgresEngine, parsePgServer, parsePgUrl, unreachable } from './postgres';

describe('a PostgreSQL database', () => {
  if (skipWithoutPg()) return;

  it('is migrated when empty, with yen columns as bigint and ids numbered by the server; reopening applies nothing', async () => {
    const { connection, drop } = await freshPgDatabase();
    try {
      const engine = await openPostgresEngine(connection);
      expect(engine.applied).toEqual(Object.keys(MIGRATIONS));
      const { rows } = await sql<{ table: string; column: string; type: string }>`
        SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns
        WHERE table_schema = current_schema() AND (column_name IN ('amount', 'fund_amount', 'national_contribution', 'opening_balance') OR (table_name = 'center' AND column_name = 'id'))
        ORDER BY table_name, column_name`.execute(engine.db);
      expect(rows).toEqual([
        { table: 'center', column: 'id', type: 'integer' },
        { table: 'fund_budget_amount', column: 'fund_amount', type: 'bigint' },
        { table: 'fund_spending', column: 'amount', type: 'bigint' },
        { table: 'fund_year', column: 'national_contribution', type: 'bigint' },
        { table: 'fund_year', column: 'opening_balance', type: 'bigint' },
        { table: 'subsidy_step', column: 'amount', type: 'bigint' },
      ]);
      await engine.close();
      const again = await openPostgresEngine(connection);
      expect(again.applied).toEqual(Object.keys(MIGRATIONS));
      await again.close();
    } finally {
      await drop();
    }
  });

  it('is refused when it holds another program’s tables, or migrations of a newer Renkei', async () => {
    const { connection, drop } = await freshPgDatabase();
    try {
      const engine = await openPostgresEngine(connection);
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')`.execute(engine.db);
      await engine.close();
      await expect(openPostgresEngine(connection)).rejects.toMatchObject({
        code: 'newer_database',
        message: expect.stringContaining('Renkei を最新版に更新'),
      });
    } finally {
      await drop();
    }
    const other = await freshPgDatabase();
    try {
      const engine = await openPostgresEngine(other.connection, { migrations: {} });
      await sql`CREATE TABLE invoices (id integer)`.execute(engine.db);
      await engine.close();
      await expect(openPostgresEngine(other.connection)).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringContaining('Renkei 以外の表がある'),
      });
    } finally {
      await other.drop();
    }
  });

  it('keeps 2,900,000,000 円 (a prefecture’s 医療分, past int4) exact and refuses a figure past 2^53 rather than rounding it', async () => {
    const [, postgres] = engines();
    const core = await postgres!.open({ osUser: 'tester' });
    const saved = await core.call('fund.years.save', {
      side: 'medical',
      fiscalYear: 2023,
      openingBalance: null,
      nationalContribution: 2_900_000_000,
      prefecturalContribution: 1_450_000_000,
      investmentIncome: 0,
    });
    const year = saved.years.find((y) => y.fiscalYear === 2023)!;
    expect(year).toMatchObject({ nationalContribution: 2_900_000_000, prefecturalContribution: 1_450_000_000 });
    expect((await core.call('fund.balance', { side: 'medical' })).years.find((y) => y.fiscalYear === 2023)).toMatchObject({
      nationalContribution: 2_900_000_000,
    });

    // 2^53 + 1 cannot be a JS number; written behind Renkei's back, it is refused when read.
    await sql`UPDATE fund_year SET investment_income = 9007199254740993`.execute(core.database);
    await expect(core.call('fund.balance', { side: 'medical' })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('9007199254740993'),
    });
    expect(exactInteger('-9007199254740991')).toBe(-9_007_199_254_740_991);
  });

  it('runs the masters through Core.open({ connection }), each save audited with who made it', async () => {
    const [, postgres] = engines();
    const core = await postgres!.open({ osUser: 'tanaka' });
    expect(core.databaseInfo()).toMatchObject({
      path: expect.stringMatching(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/renkei_test_/),
      migrations: Object.keys(MIGRATIONS).length,
    });
    const { form, association } = await sapporoAssociation(core);
    const renamed = await core.call('masters.associations.save', { id: association.id, name: '一般社団法人 札幌市医師会', ...form });
    expect(renamed).toMatchObject({ id: association.id, name: '一般社団法人 札幌市医師会' });
    expect(await core.call('masters.associations.list', {})).toEqual([
      expect.objectContaining({ id: association.id, name: '一般社団法人 札幌市医師会', municipalityCodes: ['011002'] }),
    ]);
    // A reference to a record that is not there is refused in words, as on a file.
    await expect(
      core.call('masters.associations.save', { name: '架空医師会', kind: 'county', municipalityCodes: ['999999'] }),
    ).rejects.toMatchObject({ code: 'validation' });
    await core.call('masters.associations.delete', { id: association.id });
    expect(await core.call('masters.associations.list', {})).toEqual([]);

    const { entries, total } = await core.call('audit.list', {});
    expect(total).toBe(4);
    // The signed-in login (the database's session user) is recorded, not the OS account ('tanaka').
    const login = parsePgUrl(TEST_PG_URL!).user;
    expect(entries.map((e) => [e.operation, e.entity, e.osUser])).toEqual([
      ['masters.associations.delete', 'association', login],
      ['masters.associations.save', 'association', login],
      ['masters.associations.save', 'association', login],
      ['masters.municipalities.save', 'municipality', login],
    ]);
  });

  it('loads the demo and shows 令和5年度 with the center at 84,586,000 円 (seed 000), as on a file', async () => {
    const [, postgres] = engines();
    const core = await postgres!.open({ osUser: 'tester' });
    await core.call('app.demo.load', {});
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const center = (await core.call('fund.projects.list', { side: 'medical' })).find((p) => p.number === 'Ⅱ-1')!.id;
    // 84,586,000 × 2/3 = 56,390,666.67 → 国 56,390,666, 県 the remaining 28,195,334.
    expect(year.amounts[center]).toMatchObject({ fundAmount: 84_586_000, national: 56_390_666, prefectural: 28_195_334 });
    expect(year.view.total.fundAmount).toBe(84_586_000 + 80_000_000 + 52_800_000 + 30_000_000);
    expect(year.view.groups.find((g) => g.categoryCode === 'Ⅱ')!.subtotal.spent).toBe(84_185_000);
  }, 180_000);

  it('answers how long a save has waited for a row another login is writing, and null once it is through', async () => {
    const { connection, drop } = await freshPgDatabase();
    const core = await Core.open({ connection, workDir: tempDir() });
    const other = new pg.Client({ ...connection, ssl: false });
    try {
      await core.call('settings.update', { displayName: '最初の名前' });
      expect(await core.call('app.writeWait', {})).toBeNull();
      await other.connect();
      await other.query('BEGIN');
      await other.query(`UPDATE setting SET value = '"ほかの人の名前"' WHERE key = 'displayName'`);
      const saving = core.dispatch('settings.update', { displayName: '待った名前' });
      await expect.poll(() => core.call('app.writeWait', {}), { timeout: 5_000 }).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await core.call('app.writeWait', {}))!.waitedMs).toBeGreaterThanOrEqual(500);
      await other.query('COMMIT');
      expect(await saving).toMatchObject({ ok: true });
      expect(await core.call('app.writeWait', {})).toBeNull();
      expect((await core.call('settings.get', {})).displayName).toBe('待った名前');
    } finally {
      await other.end();
      await core.close();
      await drop();
    }
  });

  it('gives up a save that waits past its time on a row another login holds, saying so, with nothing written', async () => {
    const { connection, drop } = await freshPgDatabase();
    // A wait of a second here; a save waits five minutes (WRITE_WAIT_MS), as on a file.
    const core = await Core.open({ connection, workDir: tempDir(), writeWaitMs: 1_000 });
    const other = new pg.Client({ ...connection, ssl: false });
    try {
      await core.call('settings.update', { displayName: '最初の名前' });
      const logged = (await core.call('audit.list', {})).total;
      await other.connect();
      await other.query('BEGIN');
      await other.query(`UPDATE setting SET value = '"ほかの人の名前"' WHERE key = 'displayName'`);
      const saving = core.dispatch('settings.update', { displayName: '待った名前' });
      const outcome = await Promise.race([saving, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 15_000))]);
      expect(outcome).toMatchObject({
        ok: false,
        error: {
          code: 'unavailable',
          message: expect.stringContaining('ほかの人が同じデータを保存している途中のため、保存できませんでした'),
        },
      });
      expect((outcome as { error: { message: string } }).error.message).toContain('もう一度保存してください');
      expect(await core.call('app.writeWait', {})).toBeNull();
      await other.query('ROLLBACK');
      expect((await core.call('settings.get', {})).displayName).toBe('最初の名前');
      expect((await core.call('audit.list', {})).total).toBe(logged);
      // Once the other save is over, the same save goes through.
      await core.call('settings.update', { displayName: '待った名前' });
      expect((await core.call('settings.get', {})).displayName).toBe('待った名前');
    } finally {
      await other.end();
      await core.close();
      await drop();
    }
  });

  it('tells a save that deadlocked with another login’s that it collided, nothing written, to save again', async () => {
    const { connection, drop } = await freshPgDatabase();
    const logged: unknown[] = [];
    const core = await Core.open({ connection, workDir: tempDir(), logError: (error) => logged.push(error) });
    const other = new pg.Client({ ...connection, ssl: false });
    try {
      await core.call('settings.update', { displayName: '最初の名前', organization: '最初の所属' });
      const entries = (await core.call('audit.list', {})).total;
      await other.connect();
      // The other login looks for the deadlock long after the save does, so the server gives up the save, not it.
      await other.query(`SET deadlock_timeout = '60s'`);
      await other.query('BEGIN');
      await other.query(`UPDATE setting SET value = '"ほかの人の所属"' WHERE key = 'organization'`);
      // The save writes displayName, then waits for organization, which the other login holds ...
      const saving = core.dispatch('settings.update', { displayName: '重なった名前', organization: '重なった所属' });
      await expect
        .poll(
          async () =>
            (
              await other.query(
                `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
              )
            ).rows[0].n,
          { timeout: 10_000 },
        )
        .toBe(1);
      // ... and the other login then waits for displayName, which the save holds: each waits for the other.
      const othersWrite = other.query(`UPDATE setting SET value = '"ほかの人の名前"' WHERE key = 'displayName'`);
      const outcome = await Promise.race([saving, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 15_000))]);
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringContaining('ほかの人の保存と重なったため、保存できませんでした') },
      });
      expect((outcome as { error: { message: string } }).error.message).toContain('もう一度保存してください');
      expect(logged).toEqual([]);
      // The save rolled back: the other login's write went through, and nothing of the save is in the database.
      await othersWrite;
      await other.query('ROLLBACK');
      expect(await core.call('settings.get', {})).toMatchObject({ displayName: '最初の名前', organization: '最初の所属' });
      expect((await core.call('audit.list', {})).total).toBe(entries);
      await core.call('settings.update', { displayName: '重なった名前', organization: '重なった所属' });
      expect(await core.call('settings.get', {})).toMatchObject({ displayName: '重なった名前', organization: '重なった所属' });
    } finally {
      await other.end();
      await core.close();
      await drop();
    }
  });

  it('refuses what only a file can do — undo, backups — saying so in Japanese, and who backs the server up', async () => {
    const [, postgres] = engines();
    const core = await postgres!.open({ osUser: 'tester' });
    await sapporoAssociation(core);
    expect(await core.call('app.history', {})).toEqual({ undo: null, redo: null });
    await expect(core.call('app.undo', {})).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('共有データベース（PostgreSQL）では、元に戻す・やり直すはまだ使えません'),
    });
    // Not 「まだ」: the server's backups are the server administrator's (pg_dump), for good.
    await expect(core.backup('manual')).rejects.toMatchObject({
      code: 'refused',
      message:
        '共有データベース（PostgreSQL）では、バックアップはできません。共有データベースのバックアップは、サーバーの管理者がサーバーで取ります（pg_dump）。' +
        'ある時点の内容を手元に残すときは、設定 › この PC に写しを作る を使ってください。',
    });
    await expect(core.restore('renkei-20240401-000000-manual.sqlite')).rejects.toMatchObject({
      code: 'refused',
      message:
        '共有データベース（PostgreSQL）では、バックアップからの復元はできません。共有データベースのバックアップは、サーバーの管理者がサーバーで取ります（pg_dump）。' +
        '以前の状態に戻したいときは、サーバーの管理者に相談してください。',
    });
  });

  it('refuses 会議用に持ち出す naming the way that works: a copy on this PC first, then the meeting copy from it', async () => {
    const [, postgres] = engines();
    const core = await postgres!.open({ osUser: 'tester' });
    const refused = await core.call('deck.meetingCopy', { path: path.join(tempDir(), '会議用.sqlite'), leaveOut: [] }).then(
      () => null,
      (error: Error) => error,
    );
    expect(refused).toMatchObject({ code: 'refused', message: expect.stringContaining('会議用のコピーはできません') });
    const message = refused?.message ?? '';
    expect(message).toContain('設定 › この PC に写しを作る');
    expect(message).toContain('renkei shared copy --from postgres://… --to ファイル');
    expect(message).toContain('renkei meeting-copy --db ファイル');
    expect(message).not.toContain('pg_dump');
  });

  it('says the server is lost — not an internal error — when it stops answering mid-work, and that nothing was saved', async () => {
    const { connection, drop } = await freshPgDatabase();
    // The server as the core sees it, through a relay this test can cut: a stopped server, without stopping the shared one.
    const relay = await cuttableRelay(connection);
    const { port } = relay;
    const core = await Core.open({ connection: { ...connection, port }, osUser: 'tester', workDir: tempDir(), logError: () => undefined });
    try {
      expect(await core.dispatch('masters.municipalities.list', {})).toMatchObject({ ok: true });
      await relay.cut();
      const saved = await core.dispatch('settings.update', { governorName: '停止中に入力' });
      expect(saved).toEqual({
        ok: false,
        error: {
          code: 'unavailable',
          message:
            `共有データベースのサーバー（127.0.0.1:${port}/${connection.database}）に接続できません。入力は保存されていません。` +
            'サーバーの管理者に確認し、しばらくしてから再読み込みしてください。',
        },
      });
      expect(await core.dispatch('masters.municipalities.list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await core.close();
      await drop();
    }
  });

  it('says a password was not given when none came (no PGPASSWORD, no .pgpass), in place of the driver’s SCRAM words', () => {
    const connection = parsePgUrl('postgres://renkei@db.pref.example/renkei');
    // pg's own words when the server asks for a password (SCRAM) and it has none.
    const refusal = unreachable(connection, new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'));
    expect(refusal.message).toBe(
      '共有データベース「postgres://renkei@db.pref.example:5432/renkei」に接続できません。パスワードが渡されていません。' +
        '環境変数 PGPASSWORD か .pgpass ファイルでパスワードを渡してください。',
    );
  });

  it('reads a connection from a URL and never takes a password from it', async () => {
    expect(parsePgUrl('postgres://renkei@db.pref.example:6543/renkei')).toEqual({
      host: 'db.pref.example',
      port: 6543,
      database: 'renkei',
      user: 'renkei',
    });
    expect(() => parsePgUrl('postgres://renkei:secret@db.pref.example/renkei')).toThrow(/PGPASSWORD/);
    await expect(Core.open({ connection: parsePgUrl('postgres://nobody@127.0.0.1:1/none'), workDir: tempDir() })).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('共有データベース「postgres://nobody@127.0.0.1:1/none」に接続できません'),
    });
  });
});

describe('why a connection failed, for each audience', () => {
  const { server } = parsePgServer('postgres://db.pref.example:5432/renkei');
  const causes = [
    { code: '28P01', message: 'password authentication failed for user "yamada"' },
    { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.5:5432' },
    { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.pref.example' },
    { message: 'Connection terminated due to connection timeout' },
    { code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed certificate in certificate chain' },
    { message: 'The server does not support SSL connections' },
    { code: '3D000', message: 'database "renkei" does not exist' },
    { code: '53300', message: 'sorry, too many clients already' },
  ];

  it('tells the sign-in page what happened and whom to ask, never the driver’s words, a code or PGPASSWORD', () => {
    const words = causes.map((cause) => describeConnectFailure(server, 'yamada', cause, 'sign-in').message);
    for (const [i, message] of words.entries()) {
      expect(message).not.toMatch(
        /PGPASSWORD|pgpass|環境変数|[A-Z_]{5,}|\d{2}[A-Z]\d{2}|connect|timeout|certificate|SSL connections|too many/,
      );
      expect(message, String(causes[i]!.code)).toMatch(/入力し直してください|情報システム担当/);
    }
    expect(words[0]).toMatch(/^ユーザー名またはパスワードが違います（ユーザー名「yamada」）。/);
    expect(words[1]).toMatch(/^共有データベースのサーバーから応答がないため、サインインできません。/);
    expect(words[2]).toContain('サーバー「db.pref.example」が見つからないため');
    expect(words[3]).toBe(words[1]);
    expect(words[6]).toContain('「renkei」というデータベースがないため');
  });

  it('gives the CLI the driver’s words and where a password comes from', () => {
    const refused = describeConnectFailure(server, 'yamada', causes[1]!, 'cli');
    expect(refused.message).toBe(
      '共有データベース「postgres://yamada@db.pref.example:5432/renkei」に接続できません（connect ECONNREFUSED 10.0.0.5:5432）。' +
        'サーバーから応答がありません。サーバー名とポートが正しいか、サーバーが動いているかを確かめてください。',
    );
    expect(describeConnectFailure(server, 'yamada', causes[7]!, 'cli').message).toContain(
      '（sorry, too many clients already）。サーバー名・ポート・データベース名・ユーザー名と、パスワード（環境変数 PGPASSWORD か .pgpass ファイル）を確かめてください。',
    );
  });
});
