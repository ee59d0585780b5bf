/** The shell's kept connection: the password only ever sealed by the OS keychain, asked for again when it cannot be unsealed. */
import { describe, expect, it } from 'vitest';
import { connectionFor, connectionUrl, type Keychain, saveConnection } from './shared-connection';

/** A keychain that seals by reversing and marking the bytes: enough to see that what is kept is not the password. */
function keychain(available = true): Keychain & { broken: boolean } {
  const k = {
    broken: false,
    isEncryptionAvailable: () => available,
    encryptString: (text: string) => Buffer.from(`sealed:${[...text].reverse().join('')}`),
    decryptString: (sealed: Buffer) => {
      if (k.broken) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...sealed.toString().replace(/^sealed:/, '')].reverse().join('');
    },
  };
  return k;
}

const URL = 'postgres://yamada@renkei.pref.example:5432/renkei';

describe('the desktop shell’s shared database connection', () => {
  it('keeps the URL and the password sealed by the keychain, never the password itself', () => {
    const k = keychain();
    const saved = saveConnection(URL, 'correct-horse-battery', k);
    expect(saved.url).toBe(URL);
    expect(JSON.stringify(saved)).not.toContain('correct-horse-battery');
    expect(connectionFor(saved, k)).toEqual({
      host: 'renkei.pref.example',
      port: 5432,
      database: 'renkei',
      user: 'yamada',
      password: 'correct-horse-battery',
    });
  });

  it('keeps no password on a PC without a keychain, and asks for it at each start', () => {
    const k = keychain(false);
    const saved = saveConnection(URL, 'correct-horse-battery', k);
    expect(saved.sealedPassword).toBeNull();
    expect(() => connectionFor(saved, k)).toThrow('パスワードを入力してください（この PC には保存されていません）');
    expect(connectionFor(saved, k, 'typed-at-start').password).toBe('typed-at-start');
  });

  it('asks again when the sealed password can no longer be read, and refuses a URL carrying a password', () => {
    const k = keychain();
    const saved = saveConnection(URL, 'correct-horse-battery', k);
    k.broken = true;
    expect(() => connectionFor(saved, k)).toThrow(/保存したパスワードを読み出せませんでした.*入力し直してください/);
    expect(() => saveConnection('postgres://yamada:secret@renkei.pref.example/renkei', 'x', k)).toThrow(/PGPASSWORD/);
  });
});

describe('共有データベースに接続: the form as a Japanese IME types it', () => {
  it('reads a full-width port, server, database and login, with spaces around them, as the ASCII they stand for', () => {
    const form = {
      host: ' renkei-db.pref.example.lg.jp　',
      port: '５４３２',
      database: 'ｒｅｎｋｅｉ',
      user: 'yamada ',
      password: '',
      savePassword: false,
      tls: true,
    };
    expect(connectionUrl(form)).toBe('postgres://yamada@renkei-db.pref.example.lg.jp:5432/renkei?sslmode=require');
  });
});
