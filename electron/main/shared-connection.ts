/**
 * The desktop shell's shared database: the URL it connects to (with the login,
 * never the password) and the password sealed by the OS keychain through
 * Electron's safeStorage (DPAPI on Windows, the Keychain on a Mac, the
 * secret service on Linux). Kept in the machine config beside the window's
 * place; without a keychain the password is not kept at all and is asked for
 * at each start. Electron itself is passed in, so this runs in the tests.
 */
import { RenkeiError } from '@shared/contract';
import { type PgConnection, parsePgUrl } from '../core/kernel/db/postgres';

/** The part of Electron's safeStorage used here. */
export interface Keychain {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/** As the machine config keeps it: the URL and the sealed password (base64), or null when it is to be asked for. */
export interface SavedConnection {
  url: string;
  sealedPassword: string | null;
}

/**
 * What to keep of a connection the user entered in the connection dialog:
 * the URL is checked (login and database named, no password in it) and the
 * password sealed, or left out when this PC has no keychain.
 */
export function saveConnection(url: string, password: string, keychain: Keychain): SavedConnection {
  parsePgUrl(url);
  if (password === '' || !keychain.isEncryptionAvailable()) return { url, sealedPassword: null };
  return { url, sealedPassword: keychain.encryptString(password).toString('base64') };
}

/**
 * The connection to open from what was kept; the password from the keychain,
 * or `asked` (the dialog's) when none was kept or it can no longer be unsealed
 * (the OS account's keychain was reset).
 */
export function connectionFor(saved: SavedConnection, keychain: Keychain, asked?: string): PgConnection {
  const connection = parsePgUrl(saved.url);
  if (asked !== undefined) return { ...connection, password: asked };
  if (saved.sealedPassword === null || !keychain.isEncryptionAvailable())
    throw new RenkeiError(
      'unauthorized',
      `共有データベース「${saved.url}」のパスワードを入力してください（この PC には保存されていません）。`,
    );
  try {
    return { ...connection, password: keychain.decryptString(Buffer.from(saved.sealedPassword, 'base64')) };
  } catch {
    throw new RenkeiError(
      'unauthorized',
      `保存したパスワードを読み出せませんでした（Windows のアカウントやキーチェーンが変わった可能性があります）。共有データベース「${saved.url}」のパスワードを入力し直してください。`,
    );
  }
}
