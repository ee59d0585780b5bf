/**
 * The core process's side of the channel: opens the core when the shell says
 * which database, runs each call through `Core.dispatch` (the kernel's queue
 * and its answered-at-once job operations work as in one process), and prints
 * through the shell. Kept apart from the entry (main.ts) so the transport is
 * the only thing that differs between Electron and Node.
 */
import { RenkeiError } from '@shared/contract';
import type { PrintJob, PrintOutcome } from '@shared/report/print';
import { Core } from '../core';
import { connectCause } from '../kernel/db/postgres';
import type { Printer } from '../kernel/printer';
import { warmInstitutionIndex } from '../masters';
import type { FromCore, Port, ToCore } from './protocol';

type CorePort = Port<FromCore, ToCore>;
type Printed = Extract<ToCore, { type: 'printed' }>;

const NOT_OPEN_MESSAGE = 'データベースをまだ開いていません。しばらく待ってからもう一度お試しください。';

/** A Printer that asks the shell to print and waits for the PDF. */
export class RemotePrinter implements Printer {
  private next = 1;
  private readonly waiting = new Map<number, (answer: Printed) => void>();

  constructor(private readonly port: CorePort) {}

  async print(job: PrintJob, started?: () => void): Promise<{ pdf: Buffer; outcome: PrintOutcome }> {
    const id = this.next++;
    const answer = await new Promise<Printed>((resolve) => {
      this.waiting.set(id, resolve);
      this.port.post({ type: 'print', id, job });
      // The shell prints on its own thread: this one is free for what goes alongside at once.
      started?.();
    });
    if (!answer.ok) throw new RenkeiError(answer.error.code, answer.error.message);
    return { pdf: Buffer.from(answer.pdf, 'base64'), outcome: answer.outcome };
  }

  /** The shell's answer to one print request. */
  settle(answer: Printed): void {
    this.waiting.get(answer.id)?.(answer);
    this.waiting.delete(answer.id);
  }

  async close(): Promise<void> {
    this.port.post({ type: 'printer-close' });
  }
}

/**
 * Serves the shell on `port` until it asks to close. The last message
 * (`closed`, or `failed` when the database will not open) goes through
 * `end`, which sends it and then ends the process the transport's way.
 */
export function serveCore(port: CorePort, end: (last: FromCore, code: number) => void, logError?: (error: unknown) => void): void {
  const printer = new RemotePrinter(port);
  let opening: Promise<Core | null> = Promise.resolve(null);
  let core: Core | null = null;
  const answers = new Set<Promise<void>>();

  port.onMessage((message) => {
    switch (message.type) {
      case 'open':
        opening = Core.open({
          ...(message.connection ? { connection: message.connection } : { dbPath: message.dbPath }),
          nativeBinding: message.nativeBinding,
          create: message.create,
          onOpen: (dbPath) => port.post({ type: 'opened', dbPath }),
          logError,
        }).then(
          (opened) => {
            opened.usePrinter(printer);
            // Only a shared database has other writers; the kernel stops listening if the core switches to a file.
            if (message.connection) opened.onOtherChanges(() => port.post({ type: 'other-changes' }));
            core = opened;
            port.post({ type: 'ready' });
            warmInstitutionIndex(opened.database, opened);
            return opened;
          },
          (error: unknown) => {
            const cause = connectCause(error)?.code;
            end({ type: 'failed', message: error instanceof Error ? error.message : String(error), ...(cause ? { cause } : {}) }, 1);
            return null;
          },
        );
        return;
      case 'call': {
        const { id, name, input, jobId } = message;
        if (!core) {
          port.post({ type: 'result', id, result: { ok: false, error: { code: 'unavailable', message: NOT_OPEN_MESSAGE } } });
          return;
        }
        // Dispatched at once, in arrival order: the kernel queues what must wait and answers job progress/cancel meanwhile.
        const answer = core.dispatch(name, input, jobId ? { jobId } : {}).then((result) => port.post({ type: 'result', id, result }));
        answers.add(answer);
        void answer.finally(() => answers.delete(answer));
        return;
      }
      case 'printed':
        printer.settle(message);
        return;
      case 'close':
        core = null;
        void (async () => {
          // Kernel.close cancels running jobs and waits for the queue; the answers already owed still go out.
          await (await opening)?.close();
          await Promise.allSettled(answers);
          end({ type: 'closed' }, 0);
        })();
        return;
    }
  });
}
