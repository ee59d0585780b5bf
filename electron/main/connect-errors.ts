/**
 * Why a shared database did not open, in words for the person at the desk:
 * the core's describeConnectFailure for the desktop's connect form, read from
 * the code under the core's message (a PostgreSQL SQLSTATE, Node's network
 * code, or a certificate's). The core's own message is written for the CLI
 * (PGPASSWORD, .pgpass). The connect page shows every failure with the offer
 * to go back to この PC のデータベース.
 */
import type { ConnectFailure } from '@shared/connect-form';
import { describeConnectFailure, parsePgServer } from '../core/kernel/db/postgres';

export type { ConnectFailure };

/**
 * The failure to show for a connection to `url` that did not open.
 * `error.code` is the code under the core's message (CoreOpenError), absent
 * when there is none; `error.message` is the core's own message.
 */
export function connectFailure(url: string, error: { message: string; code?: string | undefined }): ConnectFailure {
  const { server, user } = parsePgServer(url);
  return describeConnectFailure(server, user, error, 'desktop');
}
