/**
 * The shell's side of the channel: starts the core's process, calls
 * operations on it with the same `dispatch(name, input, { jobId })` → OpResult
 * as the core in one process, prints what the core asks to print, and closes
 * it. How the process is started is given (Electron's utilityProcess.fork in
 * the shell, child_process.fork in tests), so this logic runs under test.
 */
import { type OpResult, RenkeiError } from '@shared/contract';
import type { PgConnection } from '../kernel/db/postgres';
import type { Printer } from '../kernel/printer';
import { printerMissing } from '../kernel/printer';
import type { FromCore, OpenRequest, Port, ToCore } from './protocol';

/** The database would not open: the core's (Japanese) message, and the code of the error underneath when there is one. */
export class CoreOpenError extends Error {
  constructor(
    message: string,
    /** A PostgreSQL SQLSTATE (28P01), a Node code (ECONNREFUSED) or a certificate's (SELF_SIGNED_CERT_IN_CHAIN). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CoreOpenError';
  }
}

/** A started core process, seen from the shell. */
export interface CoreProcess extends Port<ToCore, FromCore> {
  /** Called once when the process has ended, whatever the reason. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface CoreClientOptions extends OpenRequest {
  /** Starts a new core process (the first one, and again on restart). */
  spawn(): CoreProcess;
  /** Prints what the core asks for; without one, PDF output is refused as in one process. */
  printer?: Printer | null;
  /** A database file has been opened (start-up, switch, restore); not a shared database. */
  onOpen?(dbPath: string): void;
  /** Someone else changed the shared database (the window's screens refetch); never called on a file. */
  onOtherChanges?(): void;
  /** The process ended without being asked to; the calls it held have been answered with CORE_STOPPED_MESSAGE. */
  onCrash?(code: number | null): void;
}

/** The connection as the open message carries it: whatever was passed, never a password. */
function withoutPassword(connection: NonNullable<OpenRequest['connection']>): NonNullable<OpenRequest['connection']> {
  const { password: _never, ...rest } = connection as PgConnection;
  return rest;
}

/** What a call gets when the core's process ends under it. The last save may or may not have been written. */
export const CORE_STOPPED_MESSAGE =
  'データを扱う処理が途中で止まりました。直前の操作が保存されたかどうかを画面で確かめてから、必要ならもう一度操作してください。';

const stopped = (message = CORE_STOPPED_MESSAGE): OpResult<unknown> => ({ ok: false, error: { code: 'unavailable', message } });

export class CoreClient {
  private process: CoreProcess | null = null;
  private ready: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, (result: OpResult<unknown>) => void>();
  private next = 1;
  private closing = false;
  private exited: Promise<void> = Promise.resolve();
  private path: string;
  private connection: OpenRequest['connection'];
  /** Whether the file is made if it is not there: at the first start only, as asked. */
  private create: boolean | undefined;

  private constructor(private readonly options: CoreClientOptions) {
    this.path = options.dbPath;
    this.connection = options.connection;
    this.create = options.create;
  }

  /** Starts the core's process on the database; rejects with the core's own (Japanese) message when it will not open. */
  static async start(options: CoreClientOptions): Promise<CoreClient> {
    const client = new CoreClient(options);
    await client.connect();
    return client;
  }

  /** The database file the core has open (followed across switches, for a restart). */
  get dbPath(): string {
    return this.path;
  }

  /** The shared database the core has open, or undefined once it has switched to a file (or never had one). */
  get sharedConnection(): OpenRequest['connection'] {
    return this.connection;
  }

  /** Starts a new process on the database last opened, after one ended unexpectedly. */
  restart(): Promise<void> {
    return this.connect();
  }

  /** Runs an operation in the core's process; never throws, like Core.dispatch. */
  async dispatch(name: string, input: unknown, options: { jobId?: string } = {}): Promise<OpResult<unknown>> {
    try {
      await this.ready;
    } catch (error) {
      return stopped((error as Error).message);
    }
    const child = this.process;
    if (!child || this.closing) return stopped();
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      child.post({ type: 'call', id, name, input, ...(options.jobId ? { jobId: options.jobId } : {}) });
    });
  }

  /** Lets the core finish its queue and close the database, then ends its process. */
  async close(): Promise<void> {
    this.closing = true;
    await this.ready.catch(() => undefined);
    this.process?.post({ type: 'close' });
    await this.exited;
    await this.options.printer?.close();
  }

  private connect(): Promise<void> {
    const child = this.options.spawn();
    this.process = child;
    this.closing = false;
    let settle!: { resolve: () => void; reject: (error: Error) => void };
    this.ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    this.ready.catch(() => undefined);
    let started = false;
    this.exited = new Promise((resolve) =>
      child.onExit((code) => {
        if (this.process === child) this.process = null;
        for (const answer of this.pending.values()) answer(stopped());
        this.pending.clear();
        if (!started)
          settle.reject(new Error(`データを扱う処理を起動できませんでした（終了コード ${code}）。アプリを起動し直してください。`));
        else if (!this.closing) this.options.onCrash?.(code);
        resolve();
      }),
    );
    child.onMessage((message) => {
      switch (message.type) {
        case 'ready':
          started = true;
          // Made (if it was to be) by now: a restart opens what is there.
          this.create = false;
          settle.resolve();
          return;
        case 'failed':
          settle.reject(new CoreOpenError(message.message, message.cause));
          child.kill();
          return;
        case 'opened':
          this.path = message.dbPath;
          this.connection = undefined;
          this.options.onOpen?.(message.dbPath);
          return;
        case 'result':
          this.pending.get(message.id)?.(message.result);
          this.pending.delete(message.id);
          return;
        case 'print':
          void this.print(child, message.id, message.job);
          return;
        case 'other-changes':
          this.options.onOtherChanges?.();
          return;
        case 'printer-close':
          void this.options.printer?.close();
          return;
        case 'closed':
          child.kill();
          return;
      }
    });
    child.post({
      type: 'open',
      dbPath: this.path,
      // Never the password, even if one was passed: it goes through the process's environment.
      ...(this.connection ? { connection: withoutPassword(this.connection) } : {}),
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      ...(this.create !== undefined ? { create: this.create } : {}),
    });
    return this.ready;
  }

  private async print(child: CoreProcess, id: number, job: Extract<FromCore, { type: 'print' }>['job']): Promise<void> {
    try {
      if (!this.options.printer) throw printerMissing();
      const { pdf, outcome } = await this.options.printer.print(job);
      child.post({ type: 'printed', id, ok: true, pdf: Buffer.from(pdf).toString('base64'), outcome });
    } catch (error) {
      const opError = error instanceof RenkeiError ? error.toOpError() : { code: 'internal' as const, message: (error as Error).message };
      child.post({ type: 'printed', id, ok: false, error: opError });
    }
  }
}
