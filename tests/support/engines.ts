/**
 * The engines a core test can run on: SQLite always, PostgreSQL when
 * RENKEI_TEST_PG names a server (postgres://user@host:port/database, a role
 * that may create databases; scripts/pg-test-cluster.sh starts one). Each
 * PostgreSQL core gets a database of its own, dropped when the test ends.
 *
 * @example
 * for (const engine of engines()) {
 *   it(`saves a fund year (${engine.name})`, async () => {
 *     const core = await engine.open({ osUser: 'tester' });
 *     …
 *   });
 * }
 */
import path from 'node:path';
import { it, onTestFinished } from 'vitest';
import { Core, type CoreOptions } from '@core/core';
import type { PgConnection } from '@core/kernel/db/postgres';
import { createPgDatabase } from './pg-database';
import { tempDir } from './tmp';

/** The server for PostgreSQL tests, or undefined (then they are skipped, saying so). */
export const TEST_PG_URL = process.env.RENKEI_TEST_PG || undefined;

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** A core on a new, empty database of this engine; closed (and its database dropped) when the test ends. */
  open(options?: Omit<CoreOptions, 'dbPath' | 'connection'>): Promise<Core>;
}

const sqlite: TestEngine = {
  name: 'sqlite',
  async open(options = {}) {
    const core = await Core.open({ ...options, dbPath: path.join(tempDir(), 'renkei.sqlite') });
    onTestFinished(() => core.close());
    return core;
  },
};

/** A new database on the test server, and how to drop it (with any connection still on it). */
export function freshPgDatabase(): Promise<{ connection: PgConnection; drop: () => Promise<void> }> {
  return createPgDatabase(TEST_PG_URL!);
}

/**
 * One new database of `engine` that several cores open, as several people share one: the cores it opened are closed,
 * the last first, and then the PostgreSQL database dropped, when the test ends. `connection` is undefined on SQLite.
 * @example const { open } = await sharedDatabase('sqlite'); const [yamada, tanaka] = [await open('yamada'), await open('tanaka')];
 */
export async function sharedDatabase(engine: TestEngine['name']) {
  const { connection, drop } = engine === 'postgres' ? await freshPgDatabase() : { connection: undefined, drop: async () => {} };
  const dbPath = path.join(tempDir(), 'shared.sqlite');
  const opened: Core[] = [];
  onTestFinished(async () => {
    for (const core of opened.reverse()) await core.close();
    await drop();
  });
  return {
    connection,
    /** A core on the database; `osUser` is who works on the SQLite file (on PostgreSQL the login says who). */
    async open(osUser: string, options: Omit<CoreOptions, 'dbPath' | 'connection' | 'osUser'> = {}): Promise<Core> {
      const core = await (connection
        ? Core.open({ ...options, connection, workDir: tempDir() })
        : Core.open({ ...options, dbPath, osUser }));
      opened.push(core);
      return core;
    },
  };
}

/** Two cores on one new database of `engine` (山田's, then 田中's), both closed and the database dropped when the test ends. */
export async function twoCores(engine: TestEngine['name']): Promise<[Core, Core]> {
  const { open } = await sharedDatabase(engine);
  return [await open('yamada'), await open('tanaka')];
}

const postgres: TestEngine = {
  name: 'postgres',
  async open(options = {}) {
    const { connection, drop } = await freshPgDatabase();
    let core: Core | undefined;
    onTestFinished(async () => {
      await core?.close();
      await drop();
    });
    core = await Core.open({ ...options, connection, workDir: tempDir() });
    return core;
  },
};

/** SQLite, and PostgreSQL when a test server is given. */
export function engines(): TestEngine[] {
  return TEST_PG_URL ? [sqlite, postgres] : [sqlite];
}

/** A visible skipped test in place of PostgreSQL-only tests when no server is given. */
export function skipWithoutPg(): boolean {
  if (TEST_PG_URL) return false;
  // biome-ignore lint/suspicious/noSkippedTests: the skip is the point: the run shows that the PostgreSQL tests did not run.
  it.skip('skipped: RENKEI_TEST_PG not set', () => undefined);
  return true;
}
