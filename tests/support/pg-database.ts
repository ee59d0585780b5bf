/**
 * A throwaway database on a PostgreSQL server, for the tests (engines.ts) and
 * the shared-mode benchmark alike: created empty, dropped with any connection
 * still on it. No test runner here, so a script can import it.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { type PgConnection, parsePgUrl } from '@core/kernel/db/postgres';

/**
 * A new database on the server of `url` (postgres://user@host:port/database, a role that may create databases), named `prefix_` and random hex.
 * @example const { connection, drop } = await createPgDatabase(process.env.RENKEI_TEST_PG!, 'renkei_bench');
 */
export async function createPgDatabase(
  url: string,
  prefix = 'renkei_test',
): Promise<{ connection: PgConnection; drop: () => Promise<void> }> {
  const admin = parsePgUrl(url);
  const database = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  const run = async (text: string) => {
    const client = new pg.Client({ ...admin, ssl: admin.ssl ?? false });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  // Collation C sorts text by code point, as SQLite does.
  await run(`CREATE DATABASE ${database} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  return { connection: { ...admin, database }, drop: () => run(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}
