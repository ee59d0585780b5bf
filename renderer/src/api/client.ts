/**
 * The renderer's one way to reach the core: a typed client over a transport.
 * In Electron the transport is the preload bridge (window.renkei); in a
 * browser it is the loopback host's HTTP API with the page's token.
 */
import type { ConnectFailure, ConnectForm, ConnectPageState } from '@shared/connect-form';
import type { OpError, OpInput, OpName, OpOutput, OpResult } from '@shared/contract';
import { FIRST_ANSWERS_ID, type FirstAnswer, questionKey } from '@shared/contract/first-questions';
import { ROLES, type Role } from '@shared/contract/roles';

/** A call named as a job, so its progress can be asked and it can be cancelled (app.jobs.*). */
export interface CallOptions {
  jobId?: string;
}

export interface Transport {
  call(name: string, input: unknown, options?: CallOptions): Promise<OpResult<unknown>>;
  /** 'electron' shows desktop-only actions (file dialogs). */
  readonly kind: 'electron' | 'http';
  /**
   * Calls `listener` whenever someone else changed the shared database (the
   * screens then refetch, as after their own mutations); returns how to stop.
   * Absent where no one else can change it.
   */
  onOtherChanges?(listener: () => void): () => void;
}

/** The desktop shell's 共有データベースに接続 (window.renkei.shared). */
export interface SharedBridge {
  state(): Promise<ConnectPageState | null>;
  connect(form: ConnectForm): Promise<{ ok: true } | { ok: false; error?: OpError; failure?: ConnectFailure }>;
  openLocal(): Promise<void>;
  cancel(): Promise<void>;
}

/** What the preload script exposes on window.renkei. */
export interface RenkeiBridge {
  call(name: string, input: unknown, jobId?: string): Promise<OpResult<unknown>>;
  pickDatabaseFile(mode: 'open' | 'create'): Promise<string | null>;
  /** Absent in a browser (the loopback host signs in with SignInPage instead). */
  shared?: SharedBridge;
  /** The 編集 menu's 元に戻す / やり直し; returns how to stop listening. */
  onEditCommand(listener: (command: 'undo' | 'redo') => void): () => void;
  /** Someone else changed the shared database (the shell sends it only then); returns how to stop listening. */
  onOtherChanges(listener: () => void): () => void;
}

declare global {
  interface Window {
    renkei?: RenkeiBridge;
  }
}

/** An operation's failure, carrying the core's typed error. */
export class OpFailure extends Error {
  constructor(readonly error: OpError) {
    super(error.message);
    this.name = 'OpFailure';
  }
}

/** Waited before the event stream is opened again after it ended (the host restarted, the network dropped). */
const RECONNECT_MS = 3_000;

/**
 * The host's /events stream, read line by line: each `data:` line is a
 * change someone else committed. Opened again when it ends, and that counts
 * as a change (something may have been missed meanwhile).
 */
function listenToHost(token: string, listener: () => void): () => void {
  const stop = new AbortController();
  const open = async (again: boolean) => {
    try {
      const response = await fetch('./events', { method: 'POST', headers: { 'x-renkei-token': token }, signal: stop.signal });
      if (!response.ok || !response.body) return;
      if (again) listener();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += value;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        if (lines.some((line) => line.startsWith('data:'))) listener();
      }
    } catch {
      // Ended or unreachable: tried again below unless the page stopped listening.
    }
    if (!stop.signal.aborted) setTimeout(() => void open(true), RECONNECT_MS);
  };
  void open(false);
  return () => stop.abort();
}

/**
 * Others' changes listened for from now — as the transport is made, before
 * the page asks its first questions (main.tsx) — rather than from when React
 * first draws and the screens start listening: a notice that came in between
 * is passed on to the first listener when it comes (at once, as it
 * subscribes: one refetch), not lost until the next change.
 */
function listeningFromNow(start: (notice: () => void) => unknown): (listener: () => void) => () => void {
  const listeners = new Set<() => void>();
  let missed = false;
  try {
    start(() => {
      if (listeners.size === 0) missed = true;
      for (const listener of [...listeners]) listener();
    });
  } catch {
    // Run as the page loads: a transport that cannot listen leaves the screens without others' notices, not the page
    // without its screens.
  }
  return (listener) => {
    listeners.add(listener);
    if (missed) {
      missed = false;
      listener();
    }
    return () => void listeners.delete(listener);
  };
}

/** Sends the sign-in (or sign-out) to the host; the page is loaded again afterwards. */
async function postSession(token: string, what: 'signin' | 'signout', body: unknown): Promise<OpResult<unknown>> {
  try {
    const response = await fetch(`./session/${what}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-renkei-token': token },
      body: JSON.stringify(body),
    });
    return (await response.json()) as OpResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'io', message: 'Renkei のサーバーに接続できません。サーバーが起動しているか確かめてください。' } };
  }
}

/**
 * The role of the person this page is signed in as, when the loopback host
 * wrote it into the page (a shared database); null otherwise (a file, the
 * desktop window), where the session's answer tells.
 */
export function pageRole(): Role | null {
  const role = document.querySelector<HTMLMetaElement>('meta[name="renkei-role"]')?.content;
  return ROLES.find((r) => r === role) ?? null;
}

function pageToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="renkei-token"]')?.content ?? '';
}

/**
 * The loopback host's sign-in, where each person signs in to the shared
 * database with their own login: the server it names when no one is signed in
 * on this page (the page shows the sign-in screen), or whether someone is.
 */
export const hostSignIn = {
  server: (): string | null => document.querySelector<HTMLMetaElement>('meta[name="renkei-sign-in"]')?.content ?? null,
  signedIn: (): boolean => document.querySelector('meta[name="renkei-signed-in"]') !== null,
  /** The server this page is signed in to (to sign in again when the session ends), or null. */
  signedInTo: (): string | null => document.querySelector<HTMLMetaElement>('meta[name="renkei-signed-in"]')?.content ?? null,
  signIn: (user: string, password: string) => postSession(pageToken(), 'signin', { user, password }),
  signOut: () => postSession(pageToken(), 'signout', {}),
};

/**
 * The answers the loopback host wrote into this page for its first questions
 * (shared/contract/first-questions.ts), each given once to a call made in the
 * page's first turn (main.tsx asks them there) and then thrown away, so none
 * answers a later question with data older than the question.
 */
function pageAnswers(): Map<string, unknown> {
  const answers = new Map<string, unknown>();
  const text = document.getElementById(FIRST_ANSWERS_ID)?.textContent;
  try {
    for (const answer of JSON.parse(text || '[]') as FirstAnswer[]) answers.set(answer.key, answer.value);
  } catch {
    // Unreadable: the page asks.
  }
  setTimeout(() => answers.clear(), 0);
  return answers;
}

function httpTransport(token: string): Transport {
  const given = pageAnswers();
  return {
    kind: 'http',
    // The host marks a page whose database is shared; a file has no one else's changes to stream.
    onOtherChanges: document.querySelector('meta[name="renkei-live"]')
      ? listeningFromNow((notice) => listenToHost(token, notice))
      : undefined,
    async call(name, input, options = {}) {
      const key = questionKey(name, input ?? {});
      if (!options.jobId && given.has(key)) {
        const value = given.get(key);
        given.delete(key);
        return { ok: true, value };
      }
      let response: Response;
      try {
        response = await fetch(`./api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-renkei-token': token,
            ...(options.jobId ? { 'x-renkei-job': options.jobId } : {}),
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: { code: 'io', message: 'Renkei のサーバーに接続できません。サーバーが起動しているか確かめてください。' },
        };
      }
      return (await response.json()) as OpResult<unknown>;
    },
  };
}

export function bridgeTransport(bridge: RenkeiBridge): Transport {
  return {
    kind: 'electron',
    call: (name, input, options = {}) => bridge.call(name, input, options.jobId),
    // The shell passes on its core's notices only while that core is on a shared database (electron/main/relay.ts).
    onOtherChanges: listeningFromNow((notice) => bridge.onOtherChanges(notice)),
  };
}

export function detectTransport(): Transport {
  if (window.renkei) return bridgeTransport(window.renkei);
  return httpTransport(pageToken());
}

export interface Client {
  readonly transport: Transport;
  call<N extends OpName>(name: N, input: OpInput<N>, options?: CallOptions): Promise<OpOutput<N>>;
}

export function createClient(transport: Transport): Client {
  return {
    transport,
    async call(name, input, options) {
      const result = await transport.call(name, input, options);
      if (!result.ok) throw new OpFailure(result.error);
      return result.value as never;
    },
  };
}
