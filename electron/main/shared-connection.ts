/**
 * The desktop shell's shared database: the URL it connects to (with the login,
 * never the password) and the password sealed by the OS keychain through
 * Electron's safeStorage (DPAPI on Windows, the Keychain on a Mac, the
 * secret service on Linux). Kept in the machine config beside the window's
 * place; without a keychain the password is not kept at all and is asked for
 * at each start. Electron itself is passed in, so this runs in the tests.
 */

import { z } from 'zod';
import type { ConnectForm } from '@shared/connect-form';
import { RenkeiError } from '@shared/contract';
import { sharedTargetSchema } from '@shared/contract/backup';
import type { SavedConnection } from '../core/kernel/config';
import { type PgConnection, parsePgServer, parsePgUrl, pgLocation } from '../core/kernel/db/postgres';

export type { ConnectForm, SavedConnection };

/** The part of Electron's safeStorage used here. */
export interface Keychain {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * What to keep of a connection the user entered in the connection dialog:
 * the URL is checked (login and database named, no password in it) and the
 * password sealed, or left out when this PC has no keychain or the user did
 * not ask to keep it (pass '').
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

/** What the form opens with: the last shared database's settings, or empty with TLS on. */
export function formFor(saved: SavedConnection | undefined): Omit<ConnectForm, 'password'> {
  if (!saved) return { host: '', port: '5432', database: '', user: '', savePassword: true, tls: true };
  const { server, user } = parsePgServer(saved.url);
  return {
    host: server.host,
    port: String(server.port ?? 5432),
    database: server.database,
    user: user ?? '',
    savePassword: saved.sealedPassword !== null,
    tls: server.ssl !== false,
  };
}

/** A field as typed with a Japanese IME: full-width (５４３２, ｒｅｎｋｅｉ) read as ASCII, without spaces around it. */
const typed = (text: string) => text.normalize('NFKC').trim();

/**
 * The URL to keep for what the form holds: postgres://user@host:port/database
 * with `sslmode=require` (TLS, the server's certificate verified) or
 * `sslmode=disable` when the user turned TLS off. The password is not in it.
 * A form that is not filled in is refused with the field's Japanese message.
 */
export function connectionUrl(form: ConnectForm): string {
  const port = typed(form.port) === '' ? 5432 : Number(typed(form.port));
  const parsed = sharedTargetSchema.safeParse({
    host: typed(form.host),
    port: Number.isInteger(port) ? port : -1,
    database: typed(form.database),
    user: typed(form.user),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.path[0] === 'port' ? 'ポートは 1〜65535 の数にしてください' : i.message,
    }));
    throw new RenkeiError('validation', issues.map((i) => i.message).join('。'), { issues });
  }
  const { host, database, user } = parsed.data;
  const url = `${pgLocation({ host, port, database, user })}?sslmode=${form.tls ? 'require' : 'disable'}`;
  parsePgUrl(url);
  return url;
}

const connectFormSchema = z
  .object({
    host: z.string(),
    port: z.string(),
    database: z.string(),
    user: z.string(),
    password: z.string(),
    savePassword: z.boolean(),
    tls: z.boolean(),
  })
  .strict();

/** The form as the page sent it over IPC (the page is not trusted to send the right shape), or null. */
export function readConnectForm(input: unknown): ConnectForm | null {
  const parsed = connectFormSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

/** The part of Electron's safeStorage the shell hands over. */
export interface SafeStorage extends Keychain {
  getSelectedStorageBackend?(): string;
}

/**
 * Electron's safeStorage as the Keychain: on Linux without a secret service
 * (GNOME Keyring, KWallet) it "seals" with a key written in Chromium itself
 * ('basic_text'), which is no protection, so the password is then not kept.
 */
export function keychainOf(storage: SafeStorage, platform: NodeJS.Platform): Keychain {
  return {
    isEncryptionAvailable: () =>
      storage.isEncryptionAvailable() && !(platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text'),
    encryptString: (text) => storage.encryptString(text),
    decryptString: (sealed) => storage.decryptString(sealed),
  };
}

/**
 * The password kept for the database `url` names, when the form's password
 * was left empty: the kept one if it is for the same login on the same server
 * and database (TLS turned on or off does not matter), else undefined (then
 * the form asks for it).
 */
export function keptPasswordFor(saved: SavedConnection | undefined, url: string, keychain: Keychain): string | undefined {
  if (!saved || saved.sealedPassword === null) return undefined;
  const a = parsePgUrl(saved.url);
  const b = parsePgUrl(url);
  if (a.host !== b.host || (a.port ?? 5432) !== (b.port ?? 5432) || a.database !== b.database || a.user !== b.user) return undefined;
  try {
    return connectionFor(saved, keychain).password;
  } catch {
    return undefined;
  }
}
