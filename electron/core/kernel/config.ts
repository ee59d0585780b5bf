/**
 * Machine-local configuration, outside the database: which database file to
 * open and where the window was. Lives in the same user-data folder Electron
 * uses, so the desktop app, the CLI and the loopback host agree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { lazySchema } from '@shared/contract/define';
import { isPgUrl, type PgConnection, parsePgUrl } from './db/postgres';
import { type RenameIo, writeFileAtomic, writeFileAtomicSync } from './output';

export const APP_DIR_NAME = 'Renkei';

const boundsSchema = lazySchema(() =>
  z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(400),
    height: z.number().int().min(300),
    maximized: z.boolean(),
  }),
);

/** The desktop's shared database: the URL with the login (never a password) and the password sealed by the OS keychain, or null. */
const savedConnectionSchema = lazySchema(() =>
  z.object({
    url: z.string(),
    /** base64 of Electron's safeStorage sealing; null when not kept (not asked to, or no keychain on this PC). */
    sealedPassword: z.string().nullable(),
  }),
);

const machineConfigSchema = lazySchema(() =>
  z.object({
    dbPath: z.string().optional(),
    window: boundsSchema.optional(),
    /** The shared database last connected to from the desktop app (electron/main/shared-connection.ts). */
    shared: savedConnectionSchema.optional(),
    /** What the desktop app opens at start: the last database used, the file (dbPath) or the shared one. */
    startWith: z.enum(['file', 'shared']).optional(),
  }),
);

export type WindowBounds = z.infer<typeof boundsSchema>;
export type SavedConnection = z.infer<typeof savedConnectionSchema>;
export type MachineConfig = z.infer<typeof machineConfigSchema>;

/** The folder Electron's app.getPath('userData') gives for this app; RENKEI_USER_DATA overrides it. */
export function defaultUserDataDir(): string {
  if (process.env.RENKEI_USER_DATA) return path.resolve(process.env.RENKEI_USER_DATA);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

function configFile(userDataDir: string): string {
  return path.join(userDataDir, 'renkei-config.json');
}

export function readMachineConfig(userDataDir: string): MachineConfig {
  try {
    const parsed = machineConfigSchema.safeParse(JSON.parse(fs.readFileSync(configFile(userDataDir), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Merges `patch` into the config file (written to a temporary file, then renamed). */
export function updateMachineConfig(userDataDir: string, patch: Partial<MachineConfig>): void {
  const next = { ...readMachineConfig(userDataDir), ...patch };
  fs.mkdirSync(userDataDir, { recursive: true });
  writeFileAtomicSync(configFile(userDataDir), `${JSON.stringify(next, null, 2)}\n`);
}

/** The last write of rememberMachineConfig, so the next reads what it wrote. */
let remembering: Promise<void> = Promise.resolve();

/**
 * updateMachineConfig for the loopback host, which serves every tab from one thread: written without holding it (a
 * rename Windows refuses while antivirus software scans the file is tried again on timers, where the synchronous
 * write waited up to 2.5 s in place and froze every tab), one write after another. A write that fails is the
 * caller's to report: it only decides what opens next time, never whether this database opens.
 *
 * @example void rememberMachineConfig(userData, { dbPath }).catch(report);
 */
export function rememberMachineConfig(userDataDir: string, patch: Partial<MachineConfig>, io: RenameIo = {}): Promise<void> {
  const write = remembering.then(async () => {
    const next = { ...readMachineConfig(userDataDir), ...patch };
    await fs.promises.mkdir(userDataDir, { recursive: true });
    await writeFileAtomic(configFile(userDataDir), `${JSON.stringify(next, null, 2)}\n`, io);
  });
  remembering = write.catch(() => undefined);
  return write;
}

/** Resolves when every write of rememberMachineConfig asked so far has ended (written or failed): awaited before exiting. */
export function machineConfigSettled(): Promise<void> {
  return remembering;
}

/** The database a first start makes: renkei.sqlite in the user-data folder. */
export function defaultDbPath(userDataDir: string): string {
  return path.join(userDataDir, 'renkei.sqlite');
}

/** `--db` wins, then the file last opened in the app, then renkei.sqlite in the user-data folder. */
export function resolveDbPath(userDataDir: string, explicit?: string): string {
  if (explicit) return path.resolve(explicit);
  return readMachineConfig(userDataDir).dbPath ?? defaultDbPath(userDataDir);
}

/** What `--db` opens: a file, or a shared database named by a postgres:// URL (the login's password from PGPASSWORD or .pgpass). */
export type DatabaseTarget = { dbPath: string; connection?: undefined } | { connection: PgConnection; dbPath?: undefined };

/** `--db` as a file path or a postgres://user@host:port/database URL; without it, as resolveDbPath. */
export function resolveDatabase(userDataDir: string, explicit?: string): DatabaseTarget {
  if (explicit && isPgUrl(explicit)) return { connection: parsePgUrl(explicit) };
  return { dbPath: resolveDbPath(userDataDir, explicit) };
}
