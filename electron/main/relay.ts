/**
 * What the shell relays from the page to the core's process: a call from the
 * app's own page with an operation name, its input and an optional job id.
 * Anything else is refused here, before it reaches the core. And the other
 * way: the core's notices of other people's changes, on to the window.
 */
import type { OpResult } from '@shared/contract';
import { isAppUrl } from './navigation';

export interface RelayedCall {
  name: string;
  input: unknown;
  options: { jobId?: string };
}

export const REFUSED_CALL: OpResult<never> = { ok: false, error: { code: 'unauthorized', message: 'この画面からの操作は受け付けません' } };

/** The call to pass on, or null to answer REFUSED_CALL. */
export function relayCall(senderUrl: string | undefined, name: unknown, input: unknown, jobId: unknown): RelayedCall | null {
  if (senderUrl === undefined || !isAppUrl(senderUrl) || typeof name !== 'string') return null;
  return { name, input, options: typeof jobId === 'string' && jobId !== '' ? { jobId } : {} };
}

/** The IPC event the window hears when someone else changed the shared database (window.renkei.onOtherChanges). */
export const OTHER_CHANGES_CHANNEL = 'renkei:other-changes';

/** A burst of notices within this reaches the window as two: one at its start, one after it. */
export const OTHER_CHANGES_QUIET_MS = 300;

/**
 * Passes the core's notices of other people's changes on to the window, a
 * burst (the twenty saves of a colleague's busy minute) as one refetch at its
 * start and one after it rather than one per save; the last one always goes,
 * so the screens end up showing the last change. `stop` drops one still owed
 * (the window or its core is going).
 */
export function otherChangesRelay(send: () => void, quietMs = OTHER_CHANGES_QUIET_MS): { notice(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let owed = false;
  const quiet = () => {
    timer = undefined;
    if (!owed) return;
    owed = false;
    send();
    timer = setTimeout(quiet, quietMs);
  };
  return {
    notice() {
      if (timer) {
        owed = true;
        return;
      }
      send();
      timer = setTimeout(quiet, quietMs);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      owed = false;
    },
  };
}
