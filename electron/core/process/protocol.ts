/**
 * The messages between the desktop shell and the core running in its own
 * process (a utilityProcess in Electron, a forked Node process in tests). The
 * shell calls operations as `Core.dispatch` does and gets the same OpResult;
 * the core asks the shell to print, because the printer (Electron's
 * printToPDF) lives beside the windows. Every message is plain data, so it
 * crosses Electron's structured clone and Node's JSON channel alike.
 */
import type { OpError, OpResult } from '@shared/contract';
import type { PrintJob, PrintOutcome } from '@shared/report/print';
import type { PgConnection } from '../kernel/db/postgres';

/** What the core process needs to open the database, as Core.open takes it. */
export interface OpenRequest {
  /** The file to open; unused when `connection` is given. */
  dbPath: string;
  /**
   * A shared database to open instead of the file. Never with a password: the
   * shell gives that through the process's environment (PGPASSWORD), so it is
   * in no message, argument or file.
   */
  connection?: Omit<PgConnection, 'password'>;
  /** better-sqlite3 built for the runtime the core process runs in (Electron's). */
  nativeBinding?: string;
  /** Whether `dbPath` not there becomes a new database (Core.open's `create`; a first start's default file). */
  create?: boolean;
}

export type ToCore =
  | ({ type: 'open' } & OpenRequest)
  | { type: 'call'; id: number; name: string; input: unknown; jobId?: string }
  | ({ type: 'printed'; id: number } & ({ ok: true; pdf: string; outcome: PrintOutcome } | { ok: false; error: OpError }))
  /** Finish the queue, close the database, and end the process. */
  | { type: 'close' };

export type FromCore =
  | { type: 'ready' }
  /**
   * The database could not be opened; the message is the user's. `cause` is the
   * code of the error underneath (a PostgreSQL SQLSTATE such as 28P01, a Node
   * code such as ECONNREFUSED or a certificate's), for the shell to say what to do. The process ends.
   */
  | { type: 'failed'; message: string; cause?: string }
  /** A database file has been opened (start-up, switch, restore): the shell remembers it. */
  | { type: 'opened'; dbPath: string }
  | { type: 'result'; id: number; result: OpResult<unknown> }
  /** Print these reports to one PDF (base64 back in a `printed`). */
  | { type: 'print'; id: number; job: PrintJob }
  /**
   * Someone else committed a change to the shared database (their core's
   * NOTIFY, heard by this one's LISTEN): the window's screens refetch. Never
   * sent on a file, where no one else writes.
   */
  | { type: 'other-changes' }
  /** The core gave up on its printer (closed with it, or after a stuck page): close the print window. */
  | { type: 'printer-close' }
  /** The database is closed and every answer sent; the process ends. */
  | { type: 'closed' };

/** One end of the channel, over whichever transport the process has. */
export interface Port<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
