/**
 * What a window asks before it can draw its data: the frame's questions on
 * every screen, the home screen's besides when it opens on the home. The page
 * asks them before React draws (renderer main.tsx); the loopback host answers
 * them inside the page it serves (electron/core/host/server.ts), so a page
 * starts with its first screen's data instead of asking for it once its code ran.
 */
import type { OpInput, OpName } from './index';

/** One question, as the screen's own query asks it. */
export type Question = { [N in OpName]: { name: N; input: OpInput<N> } }[OpName];

export const FRAME_QUESTIONS: readonly Question[] = [
  { name: 'app.summary', input: {} },
  { name: 'settings.get', input: {} },
  { name: 'accounts.session', input: {} },
  { name: 'app.history', input: {} },
];

export const HOME_QUESTIONS: readonly Question[] = [{ name: 'app.home', input: {} }];

/** The address after # of a page at the home: none, `#` or `#/` (the page's router, and the loopback host's guard). */
export const HOME_ADDRESS = /^(#\/?)?$/;

/** The question a query asks, as answers and calls in flight know it. */
export function questionKey(name: string, input: unknown): string {
  return `${name} ${JSON.stringify(input)}`;
}

/** The element of the served page holding its first answers (a JSON list of {@link FirstAnswer}). */
export const FIRST_ANSWERS_ID = 'renkei-first-answers';

/** A question answered in the page: only answers given, never a refusal (the page asks again for those). */
export interface FirstAnswer {
  key: string;
  value: unknown;
}

/**
 * The loopback host's drawing of the home (renderer/src/first-screen.server.tsx, built into dist/first-screen): the
 * markup of the page's root drawn with the answers the page carries, all of the frame's and the home's.
 */
export type DrawFirstScreen = (answers: readonly FirstAnswer[]) => string;
