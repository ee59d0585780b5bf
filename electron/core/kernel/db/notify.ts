/**
 * Other people's changes in shared mode: a committed mutation announces what
 * it changed on the channel `renkei_changes` (PostgreSQL's NOTIFY, sent inside
 * its transaction, so only a commit is ever announced), and every core LISTENs
 * on a connection of its own and hears the others' announcements. A lost
 * connection is opened again, and whatever happened meanwhile counts as a
 * change of everything.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { AuditEntity } from '@shared/contract';
import { clientConfig, type PgConnection } from './postgres';
import type { Trx } from './schema';

export const CHANGES_CHANNEL = 'renkei_changes';

/** What a notification carries: who sent it (a core's random id, to ignore its own) and the kinds of record it changed; null = anything. */
export interface ChangeNotice {
  origin: string;
  entities: AuditEntity[] | null;
}

/** Announces, on commit of `trx`, that these kinds of record changed (null: a command that may have changed anything). */
export async function announceChange(trx: Trx, origin: string, entities: readonly AuditEntity[] | null): Promise<void> {
  const notice: ChangeNotice = { origin, entities: entities ? [...new Set(entities)] : null };
  let payload = JSON.stringify(notice);
  // NOTIFY's payload is capped at 8000 bytes; past it, "anything changed" says enough.
  if (Buffer.byteLength(payload) > 7900) payload = JSON.stringify({ origin, entities: null } satisfies ChangeNotice);
  await sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${payload})`.execute(trx);
}

/** Stops listening and closes the connection. */
export type StopListening = () => Promise<void>;

const RETRY_MS = 5_000;

/**
 * Listens for the other cores' announcements on the database, calling
 * `onChange` with the kinds of record each one changed (null = anything).
 */
export async function listenForChanges(
  connection: PgConnection,
  origin: string,
  onChange: (entities: AuditEntity[] | null) => void,
): Promise<StopListening> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client(clientConfig(connection));
    next.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      let notice: ChangeNotice;
      try {
        notice = JSON.parse(message.payload) as ChangeNotice;
      } catch {
        return;
      }
      if (notice.origin !== origin) onChange(notice.entities);
    });
    next.on('error', () => {
      // The server restarted or the network dropped: listen again, and whatever was missed counts as a change of everything.
      void next.end().catch(() => undefined);
      if (client === next) client = null;
      if (!stopped) retry = setTimeout(reconnect, RETRY_MS);
    });
    await next.connect();
    await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    client = next;
  };
  const reconnect = () => {
    if (stopped) return;
    connect().then(
      () => onChange(null),
      () => {
        if (!stopped) retry = setTimeout(reconnect, RETRY_MS);
      },
    );
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
    client = null;
  };
}
