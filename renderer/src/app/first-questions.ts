/**
 * What a window asks before React draws (main.tsx): the frame's questions, and the home's when it opens on the home —
 * as those screens will ask them, so the answers are on their way meanwhile.
 */
import { FRAME_QUESTIONS, HOME_ADDRESS, HOME_QUESTIONS, type Question } from '@shared/contract/first-questions';
import type { Role } from '@shared/contract/roles';
import type { Client } from '../api/client';
import { primedCall, primeQueries } from '../api/hooks';
import { may } from '../components/Permitted';

/**
 * The frame's questions, and the home's when the page opens on the home. The home's questions are the prefecture's
 * home's: not for a role the page knows may not read them (the association, whose home is its own).
 */
export function firstQueries(hash: string, role: Role | null): readonly Question[] {
  const home = HOME_ADDRESS.test(hash) && (role === null || may(role, 'app.home'));
  return home ? [...FRAME_QUESTIONS, ...HOME_QUESTIONS] : FRAME_QUESTIONS;
}

/**
 * Asks the first questions of a page opened at `hash`, whose role the page says (`role`) or not (null). The served
 * page says it on a shared database (the loopback host writes it in) and on a file asks at once, its role being
 * 県・担当. The desktop window's page is there before its core (maybe on a shared database) has started, so it says no
 * role: it asks the home's questions once the session's answer says the role may read them, as the served page would.
 */
export function askFirstQuestions(client: Client, hash: string, role: Role | null): void {
  if (role !== null || client.transport.kind !== 'electron') {
    primeQueries(client, firstQueries(hash, role));
    return;
  }
  primeQueries(client, FRAME_QUESTIONS);
  const home = firstQueries(hash, null).slice(FRAME_QUESTIONS.length);
  if (home.length === 0) return;
  primedCall(client, 'accounts.session', {})?.then(
    (session) => {
      if (may(session.role, 'app.home')) primeQueries(client, home);
    },
    // The frame's query asks again and shows why; the home asks its own once it knows the role.
    () => undefined,
  );
}
