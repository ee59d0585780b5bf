/**
 * The desktop shell's shared mode without Electron: how the core's process is
 * launched for a shared database (the password only in its environment), what
 * is kept in the settings file (never the password), what opens at start, and
 * the Japanese message for each way a connection fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { readMachineConfig, updateMachineConfig } from '../core/kernel/config';
import { connectFailure } from './connect-errors';
import { chooseAtStart, coreLaunch } from './core-launch';
import {
  type ConnectForm,
  connectionFor,
  connectionUrl,
  formFor,
  type Keychain,
  keptPasswordFor,
  keychainOf,
  readConnectForm,
  saveConnection,
} from './shared-connection';

const PASSWORD = 'correct-horse-battery';

function keychain(): Keychain {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text: string) => Buffer.from(`sealed:${[...text].reverse().join('')}`),
    decryptString: (sealed: Buffer) => [...sealed.toString().replace(/^sealed:/, '')].reverse().join(''),
  };
}

const FORM: ConnectForm = {
  host: 'renkei.pref.example',
  port: '5432',
  database: 'renkei',
  user: 'yamada',
  password: PASSWORD,
  savePassword: true,
  tls: true,
};

describe('the connection form', () => {
  it('becomes a URL with the login and TLS, never the password', () => {
    expect(connectionUrl(FORM)).toBe('postgres://yamada@renkei.pref.example:5432/renkei?sslmode=require');
    expect(connectionUrl({ ...FORM, host: '127.0.0.1', port: '', tls: false })).toBe(
      'postgres://yamada@127.0.0.1:5432/renkei?sslmode=disable',
    );
    expect(connectionUrl({ ...FORM, user: 'sato@ishikai', database: '連携' })).toBe(
      'postgres://sato%40ishikai@renkei.pref.example:5432/%E9%80%A3%E6%90%BA?sslmode=require',
    );
  });

  it('refuses a form not filled in, naming each field in Japanese', () => {
    expect(() => connectionUrl({ ...FORM, host: ' ', user: '' })).toThrow(/サーバー名を入力してください.*ユーザー名を入力してください/);
    try {
      connectionUrl({ ...FORM, port: 'abc' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'validation', issues: [{ path: ['port'], message: 'ポートは 1〜65535 の数にしてください' }] });
    }
  });

  it('opens empty with TLS on, or with the last database’s settings (no password)', () => {
    expect(formFor(undefined)).toEqual({ host: '', port: '5432', database: '', user: '', savePassword: true, tls: true });
    const saved = saveConnection(connectionUrl({ ...FORM, tls: false }), '', keychain());
    expect(formFor(saved)).toEqual({
      host: 'renkei.pref.example',
      port: '5432',
      database: 'renkei',
      user: 'yamada',
      savePassword: false,
      tls: false,
    });
  });
});

describe('what the page sends and the keychain', () => {
  it('takes the form only in its exact shape', () => {
    expect(readConnectForm(FORM)).toEqual(FORM);
    expect(readConnectForm({ ...FORM, savePassword: 'yes' })).toBeNull();
    expect(readConnectForm({ ...FORM, url: 'postgres://x' })).toBeNull();
    expect(readConnectForm(null)).toBeNull();
  });

  it('keeps no password on Linux without a secret service (safeStorage’s basic_text is no protection)', () => {
    const storage = (backend: string) => ({ ...keychain(), getSelectedStorageBackend: () => backend });
    expect(keychainOf(storage('basic_text'), 'linux').isEncryptionAvailable()).toBe(false);
    expect(keychainOf(storage('gnome_libsecret'), 'linux').isEncryptionAvailable()).toBe(true);
    expect(keychainOf(keychain(), 'win32').isEncryptionAvailable()).toBe(true);
    expect(saveConnection(connectionUrl(FORM), PASSWORD, keychainOf(storage('basic_text'), 'linux')).sealedPassword).toBeNull();
  });
});

describe('launching the core for a database', () => {
  const env = { PATH: '/usr/bin', HOME: '/home/yamada', UNSET: undefined };

  it('gives a shared database’s password only through the environment, never in the arguments or the open message', () => {
    const launch = coreLaunch({ kind: 'shared', url: connectionUrl(FORM), password: PASSWORD, localFile: '/data/renkei.sqlite' }, env);
    expect(launch.env).toEqual({ PATH: '/usr/bin', HOME: '/home/yamada', PGPASSWORD: PASSWORD });
    expect(launch.open).toEqual({
      dbPath: '/data/renkei.sqlite',
      connection: { host: 'renkei.pref.example', port: 5432, database: 'renkei', user: 'yamada', ssl: true },
    });
    expect(JSON.stringify(launch.args)).not.toContain(PASSWORD);
    expect(JSON.stringify(launch.open)).not.toContain(PASSWORD);
  });

  it('opens a file with the shell’s own environment: a password held for a shared launch reaches no other', () => {
    expect(coreLaunch({ kind: 'file', dbPath: '/data/renkei.sqlite', create: false }, env)).toEqual({
      args: [],
      env: { PATH: '/usr/bin', HOME: '/home/yamada' },
      open: { dbPath: '/data/renkei.sqlite', create: false },
    });
  });

  it('leaves the user’s own PGPASSWORD or .pgpass to a postgres:// URL given with --db', () => {
    const launch = coreLaunch(
      { kind: 'shared', url: 'postgres://yamada@127.0.0.1:55432/renkei', password: undefined, localFile: '/data/renkei.sqlite' },
      { ...env, PGPASSWORD: 'from-the-terminal' },
    );
    expect(launch.env.PGPASSWORD).toBe('from-the-terminal');
    expect(launch.open.connection).toEqual({ host: '127.0.0.1', port: 55432, database: 'renkei', user: 'yamada' });
  });
});

describe('the settings kept between starts', () => {
  it('keep the URL and the sealed password, and never the password itself', () => {
    const userData = tempDir();
    const saved = saveConnection(connectionUrl(FORM), PASSWORD, keychain());
    updateMachineConfig(userData, { shared: saved, startWith: 'shared' });
    const file = fs.readFileSync(path.join(userData, 'renkei-config.json'), 'utf8');
    expect(file).not.toContain(PASSWORD);
    expect(JSON.parse(file)).toEqual({
      shared: { url: 'postgres://yamada@renkei.pref.example:5432/renkei?sslmode=require', sealedPassword: expect.any(String) },
      startWith: 'shared',
    });
    const kept = readMachineConfig(userData).shared!;
    expect(connectionFor(kept, keychain()).password).toBe(PASSWORD);
  });

  it('give the kept password to a form left empty for the same login and database, whatever its TLS', () => {
    const saved = saveConnection(connectionUrl(FORM), PASSWORD, keychain());
    expect(keptPasswordFor(saved, connectionUrl({ ...FORM, tls: false }), keychain())).toBe(PASSWORD);
    expect(keptPasswordFor(saved, connectionUrl({ ...FORM, user: 'sato' }), keychain())).toBeUndefined();
    expect(keptPasswordFor(saved, connectionUrl({ ...FORM, database: 'renkei_test' }), keychain())).toBeUndefined();
    expect(keptPasswordFor(undefined, connectionUrl(FORM), keychain())).toBeUndefined();
    expect(keptPasswordFor(saveConnection(connectionUrl(FORM), '', keychain()), connectionUrl(FORM), keychain())).toBeUndefined();
  });

  it('keep no password when 「パスワードを保存する」 is not ticked (it is asked for at the next start)', () => {
    const saved = saveConnection(connectionUrl(FORM), '', keychain());
    expect(saved).toEqual({ url: connectionUrl(FORM), sealedPassword: null });
    expect(() => connectionFor(saved, keychain())).toThrow('パスワードを入力してください');
  });
});

describe('what opens at start', () => {
  it('is the file at first (made if not there), and the last file opened (never made again where it was)', () => {
    const userData = tempDir();
    expect(chooseAtStart(userData)).toEqual({ kind: 'file', dbPath: path.join(userData, 'renkei.sqlite'), create: true });
    updateMachineConfig(userData, { dbPath: '/data/2026.sqlite' });
    expect(chooseAtStart(userData)).toEqual({ kind: 'file', dbPath: '/data/2026.sqlite', create: false });
  });

  it('is the shared database when it was the last used, with the file to go back to', () => {
    const userData = tempDir();
    const saved = saveConnection(connectionUrl(FORM), PASSWORD, keychain());
    updateMachineConfig(userData, { dbPath: '/data/2026.sqlite', shared: saved, startWith: 'shared' });
    expect(chooseAtStart(userData)).toEqual({ kind: 'shared', url: saved.url, saved, localFile: '/data/2026.sqlite' });
    // After 「この PC のデータベースを開く」 the file again; the shared settings stay for the form.
    updateMachineConfig(userData, { startWith: 'file' });
    expect(chooseAtStart(userData)).toEqual({ kind: 'file', dbPath: '/data/2026.sqlite', create: false });
    expect(readMachineConfig(userData).shared).toEqual(saved);
  });

  it('is what --db names, a file or a shared database', () => {
    const userData = tempDir();
    updateMachineConfig(userData, { shared: saveConnection(connectionUrl(FORM), PASSWORD, keychain()), startWith: 'shared' });
    expect(chooseAtStart(userData, '/tmp/other.sqlite')).toEqual({ kind: 'file', dbPath: '/tmp/other.sqlite', create: false });
    expect(chooseAtStart(userData, 'postgres://sato@127.0.0.1/renkei')).toEqual({
      kind: 'shared',
      url: 'postgres://sato@127.0.0.1/renkei',
      saved: null,
      localFile: path.join(userData, 'renkei.sqlite'),
    });
  });
});

describe('a connection that failed', () => {
  const url = connectionUrl(FORM);
  const core = (message: string) => `共有データベース「postgres://yamada@renkei.pref.example:5432/renkei」に接続できません（${message}）。`;

  it('says the password is wrong (28P01) and to type it again or ask for a reset', () => {
    const failure = connectFailure(url, { code: '28P01', message: 'ユーザー名またはパスワードが違います' });
    expect(failure.kind).toBe('password');
    expect(failure.title).toBe('ユーザー名またはパスワードが違います');
    expect(failure.message).toMatch(/ユーザー名「yamada」.*入力し直してください.*リセットを依頼してください/);
  });

  it('says the server cannot be reached (ECONNREFUSED, an unknown name, a timeout) and what to check', () => {
    const refused = connectFailure(url, { code: 'ECONNREFUSED', message: core('connect ECONNREFUSED 10.0.0.5:5432') });
    expect(refused.kind).toBe('unreachable');
    expect(refused.message).toMatch(/サーバーから応答がありません（renkei\.pref\.example:5432\/renkei）.*ネットワークにつながっているか/);
    expect(connectFailure(url, { code: 'ENOTFOUND', message: core('getaddrinfo ENOTFOUND') }).message).toContain(
      'サーバー名「renkei.pref.example」が見つかりません',
    );
    expect(connectFailure(url, { message: core('timeout expired') }).kind).toBe('unreachable');
  });

  it('says the server’s certificate is not trusted (TLS) and not to turn TLS off', () => {
    for (const code of [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ]) {
      const failure = connectFailure(url, { code, message: core('self-signed certificate') });
      expect(failure.kind).toBe('tls');
      expect(failure.message).toContain(`（${code}）`);
      expect(failure.message).toMatch(/情報システム担当.*外さないでください/);
    }
    const noTls = connectFailure(url, { message: core('The server does not support SSL connections') });
    expect(noTls.kind).toBe('no-tls');
    expect(noTls.message).toContain('この PC の中にあるときだけ');
  });

  it('says a database that is not there (3D000), and otherwise shows the core’s own message', () => {
    expect(connectFailure(url, { code: '3D000', message: 'x' }).message).toContain('「renkei」というデータベースがありません');
    expect(connectFailure(url, { message: '共有データベースには Renkei 以外の表があるため、開きません。' })).toEqual({
      kind: 'other',
      title: '共有データベースを開けません',
      message: '共有データベースには Renkei 以外の表があるため、開きません。',
    });
  });
});
