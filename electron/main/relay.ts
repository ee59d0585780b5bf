/**
 * What the shell relays from the page to the core's process: a call from the
 * app's own page with an operation name, its input and an optional job id.
 * Anything else is refused here, before it reaches the core.
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
