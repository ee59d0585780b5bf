/**
 * React access to the core: the client in context, a query hook that reloads
 * after any mutation (ours, or someone else's on a shared database), and a mutation hook that keeps the last failure for
 * the screen to show (next to its field, or with useErrorToast).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { OpInput, OpName, OpOutput } from '@shared/contract';
import type { OpKind } from '@shared/contract/define';
import { type Question, questionKey } from '@shared/contract/first-questions';
import { type CallOptions, type Client, OpFailure } from './client';

interface ApiContextValue {
  client: Client;
  /** Bumped after every successful mutation or command, so queries refresh. */
  revision: number;
  invalidate(): void;
  /**
   * True once after a mutation succeeded (and no command since): the success
   * message that follows it offers 元に戻す (components/Undo.tsx).
   */
  takeUndoable(): boolean;
  /** @internal useMutation reports what kind of operation just succeeded. */
  succeeded(kind: 'mutation' | 'command'): void;
  /**
   * How many calls of useMutation (saves, mostly) and of 元に戻す are on their way: 元に戻す runs only when none is, or
   * it would reverse the change before them while they still go through (components/Undo.tsx).
   */
  savingNow(): number;
  /** Settles once no call counted by savingNow is on its way. */
  whenSaved(): Promise<void>;
  /**
   * Calls `listener` with true when a call counted by savingNow starts while none was on its way, and with false once
   * none is; returns how to stop (components/WriteWaitNotice.tsx asks why a save takes long only while one does).
   */
  watchSaving(listener: (saving: boolean) => void): () => void;
  /** @internal useMutation (and 元に戻す) reports a call starting; the function returned reports it settled. */
  started(): () => void;
  /** @internal The revision as of now: a change's bump counted before the screens draw it (`revision` after). */
  revisionNow(): number;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ client, children }: { client: Client; children: ReactNode }) {
  const [revision, setRevision] = useState(0);
  // Counted here too, for what asks between a change's answer and the screens' next drawing (App's router-time asks).
  const latest = useRef(0);
  const invalidate = useCallback(() => {
    latest.current += 1;
    setRevision(latest.current);
  }, []);
  const revisionNow = useCallback(() => latest.current, []);
  // Someone else's change on a shared database: the screens refetch as after one of ours.
  useEffect(() => client.transport.onOtherChanges?.(invalidate), [client, invalidate]);
  const undoable = useRef(false);
  const takeUndoable = useCallback(() => {
    const taken = undoable.current;
    undoable.current = false;
    return taken;
  }, []);
  const succeeded = useCallback((kind: 'mutation' | 'command') => {
    undoable.current = kind === 'mutation';
  }, []);
  // A count, not state: no screen draws again because a save started or ended.
  const saving = useRef({ count: 0, waiting: [] as (() => void)[], watchers: new Set<(saving: boolean) => void>() });
  const savingNow = useCallback(() => saving.current.count, []);
  const whenSaved = useCallback(
    () => (saving.current.count === 0 ? Promise.resolve() : new Promise<void>((done) => saving.current.waiting.push(done))),
    [],
  );
  const watchSaving = useCallback((listener: (saving: boolean) => void) => {
    saving.current.watchers.add(listener);
    return () => void saving.current.watchers.delete(listener);
  }, []);
  const started = useCallback(() => {
    saving.current.count += 1;
    if (saving.current.count === 1) for (const watcher of saving.current.watchers) watcher(true);
    return () => {
      saving.current.count -= 1;
      if (saving.current.count > 0) return;
      for (const done of saving.current.waiting.splice(0)) done();
      for (const watcher of saving.current.watchers) watcher(false);
    };
  }, []);
  const value = useMemo(
    () => ({ client, revision, revisionNow, invalidate, takeUndoable, succeeded, savingNow, whenSaved, watchSaving, started }),
    [client, revision, revisionNow, invalidate, takeUndoable, succeeded, savingNow, whenSaved, watchSaving, started],
  );
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('ApiProvider is missing');
  return value;
}

/**
 * Calls in flight by client, revision and question: two screens asking the same
 * thing at the same time (the app bar and the home page both show app.summary)
 * share one call. A mutation bumps the revision, so nothing answers across it.
 */
const inFlight = new WeakMap<Client, Map<string, Promise<unknown>>>();

/**
 * Questions asked before the screen that asks them is drawn: the first screen's
 * (primeQueries, before React draws) and a screen's whose code is still loading
 * (askAhead). Each is kept until the first query that asks the same question at
 * the same revision takes it, and for a few seconds at most, so no answer
 * outlives a change. Once answered, the answer is kept with it: a screen first
 * drawn after it came draws with it at once (and every query of that first
 * drawing too), instead of drawing empty and again when the call's promise settles.
 */
interface PrimedCall {
  call: Promise<unknown>;
  answer?: { data: unknown };
}
/** By client, then by revision and question (`${revision} ${key}`, as calls in flight are known). */
const primed = new WeakMap<Client, Map<string, PrimedCall>>();
const PRIMED_FOR_MS = 10_000;

/** The client's questions asked ahead, made at its first. */
function primedCalls(client: Client): Map<string, PrimedCall> {
  let calls = primed.get(client);
  if (!calls) {
    calls = new Map();
    primed.set(client, calls);
  }
  return calls;
}

/**
 * Asks a screen's questions now, at `revision`, for its queries to take when it
 * draws: its answers are on their way while its code loads, not once it ran. A
 * question already asked (and not yet taken) at this revision is not asked again.
 * Returns the calls it made (a refusal is left to the screen's query).
 */
export function askAhead(client: Client, revision: number, questions: readonly Question[]): Promise<unknown>[] {
  const calls = primedCalls(client);
  const asked: [string, PrimedCall][] = [];
  for (const { name, input } of questions) {
    const id = `${revision} ${questionKey(name, input)}`;
    // Asked already: ahead, by a query now (its call in flight), or answered on screen.
    if (calls.has(id) || inFlight.get(client)?.has(id) || shownAnswer(client, id)) continue;
    const primedCall: PrimedCall = { call: client.call(name, input as never) };
    const held = calls;
    primedCall.call.then(
      (data) => (primedCall.answer = { data }),
      // A refusal or a failed call is not kept: the screen's query asks again (a question nobody takes — another
      // route, another role — leaves nothing unhandled).
      () => {
        if (held.get(id) === primedCall) held.delete(id);
      },
    );
    calls.set(id, primedCall);
    asked.push([id, primedCall]);
  }
  if (asked.length === 0) return [];
  const held = calls;
  setTimeout(() => {
    for (const [id, primedCall] of asked) if (held.get(id) === primedCall) held.delete(id);
  }, PRIMED_FOR_MS);
  return asked.map(([, primedCall]) => primedCall.call);
}

/**
 * Asks the first screen's questions now, while the page is still being set up
 * (main.tsx, before React draws): their answers are on their way instead of
 * waiting for the screen to draw, and for the role that decides what it draws.
 */
export function primeQueries(client: Client, queries: readonly Question[]): void {
  askAhead(client, 0, queries);
}

/**
 * The first screen's answers already in hand, kept as answered first questions: its first drawing draws with them.
 * For the loopback host's drawing of the first screen (first-screen.server.tsx), which draws once and waits for nothing.
 */
export function primeAnswered(client: Client, answers: ReadonlyMap<string, unknown>): void {
  const calls = primedCalls(client);
  for (const [key, data] of answers) calls.set(`0 ${key}`, { call: Promise.resolve(data), answer: { data } });
}

/** The call of a first question (primeQueries) still waiting for its query, to act on its answer too; not taken. */
export function primedCall<N extends OpName>(client: Client, name: N, input: OpInput<N>): Promise<OpOutput<N>> | undefined {
  return primed.get(client)?.get(`0 ${questionKey(name, input)}`)?.call as Promise<OpOutput<N>> | undefined;
}

/** The call asked ahead for the question at this revision, taken: no one else gets it. */
function takePrimed(client: Client, key: string, revision: number): PrimedCall | undefined {
  const calls = primed.get(client);
  const id = `${revision} ${key}`;
  const found = calls?.get(id);
  calls?.delete(id);
  return found;
}

/** The answer asked ahead if it came, looked at (`take` false: a first drawing's queries all draw with it) or taken. */
function primedAnswer(client: Client, key: string, revision: number, take: boolean): { data: unknown } | undefined {
  const answer = primed.get(client)?.get(`${revision} ${key}`)?.answer;
  if (answer && take) takePrimed(client, key, revision);
  return answer;
}

function sharedCall<N extends OpName>(client: Client, name: N, key: string, revision: number): Promise<OpOutput<N>> {
  let calls = inFlight.get(client);
  if (!calls) {
    calls = new Map();
    inFlight.set(client, calls);
  }
  const id = `${revision} ${key}`;
  let call = calls.get(id) as Promise<OpOutput<N>> | undefined;
  if (!call) {
    const made =
      (takePrimed(client, key, revision)?.call as Promise<OpOutput<N>> | undefined) ??
      client.call(name, JSON.parse(key.slice(name.length + 1)) as OpInput<N>);
    call = made;
    calls.set(id, made);
    void made.then(
      () => calls.delete(id),
      () => calls.delete(id),
    );
  }
  return call;
}

/**
 * Answers on screen by client, revision and question, with how many queries
 * show each: a screen that mounts while another still shows the same answer
 * (the app bar's app.summary and the home page's; every screen's role) takes
 * it rather than asking again — it is no older than what is already shown.
 * Gone once nothing shows it, and a mutation's revision asks afresh.
 */
const onScreen = new WeakMap<Client, Map<string, { data: unknown; shownBy: number }>>();

function shownAnswer(client: Client, id: string): { data: unknown } | undefined {
  return onScreen.get(client)?.get(id);
}

/** Marks an answer shown by one more query; returns the release for when that query stops showing it. */
function show(client: Client, id: string, data: unknown): () => void {
  let shown = onScreen.get(client);
  if (!shown) {
    shown = new Map();
    onScreen.set(client, shown);
  }
  const entry = shown.get(id) ?? { data, shownBy: 0 };
  entry.shownBy += 1;
  shown.set(id, entry);
  return () => {
    entry.shownBy -= 1;
    if (entry.shownBy === 0 && shown.get(id) === entry) shown.delete(id);
  };
}

export interface QueryState<T> {
  data: T | undefined;
  error: OpFailure | undefined;
  loading: boolean;
}

/** Runs a query and re-runs it when its input changes or after a mutation. */
export function useQuery<N extends OpName>(
  name: N,
  input: OpInput<N>,
  options: { keepPreviousWhileLoading?: boolean } = {},
): QueryState<OpOutput<N>> {
  const { client, revision } = useApi();
  const key = questionKey(name, input);
  // The answer remembers which question it answers: after a mutation the old
  // answer stays on screen until the new one comes, but after the question
  // changes (another area kind) the old answer is not shown — except for
  // search-as-you-type lists, which keep the last results until the new ones arrive.
  // A query first drawn asks at once, not in its effect: the call is on its way before the browser lays the screen
  // out and fetches the fonts it draws with, which would otherwise take every connection to the host first.
  const early = useRef<{ id: string; call: Promise<OpOutput<N>> } | null>(null);
  const [state, setState] = useState<QueryState<OpOutput<N>> & { key: string }>(() => {
    const id = `${revision} ${key}`;
    // Shown already, or primed and answered: drawn with it (the effect takes it, once every query of this drawing drew).
    const known = shownAnswer(client, id) ?? primedAnswer(client, key, revision, false);
    if (known) return { key, data: known.data as OpOutput<N>, error: undefined, loading: false };
    const call = sharedCall(client, name, key, revision);
    // Answered in the effect; a screen drawn but never shown (a section still loading) leaves nothing unhandled.
    call.catch(() => undefined);
    early.current = { id, call };
    return { key, data: undefined, error: undefined, loading: true };
  });
  useEffect(() => {
    const id = `${revision} ${key}`;
    const asked = early.current?.id === id ? early.current.call : undefined;
    early.current = null;
    const known = shownAnswer(client, id) ?? primedAnswer(client, key, revision, true);
    if (known) {
      const data = known.data as OpOutput<N>;
      setState((s) => (s.key === key && s.data === data && !s.loading ? s : { key, data, error: undefined, loading: false }));
      return show(client, id, data);
    }
    let live = true;
    let release: (() => void) | undefined;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    (asked ?? sharedCall(client, name, key, revision)).then(
      (data) => {
        if (!live) return;
        release = show(client, id, data);
        setState({ key, data, error: undefined, loading: false });
      },
      (error: unknown) =>
        live &&
        setState({
          key,
          data: undefined,
          error: error instanceof OpFailure ? error : new OpFailure({ code: 'internal', message: String(error) }),
          loading: false,
        }),
    );
    return () => {
      live = false;
      release?.();
    };
  }, [client, name, key, revision]);
  if (state.key !== key && !options.keepPreviousWhileLoading) return { data: undefined, error: undefined, loading: true };
  return { data: state.data, error: state.error, loading: state.loading };
}

/**
 * An operation's kind, from the list of operations, loaded at the first need: it holds every operation's schemas,
 * which the first screen does not draw with (the screens that check their input load it with them). Null if the list
 * could not be loaded.
 */
async function kindOf(name: OpName): Promise<OpKind | null> {
  try {
    return (await import('@shared/contract')).operations[name].kind;
  } catch {
    return null;
  }
}

/** Sent on the window after each change the core accepted: what a drawer's form held is now saved. */
export const SAVED_EVENT = 'renkei:saved';

/**
 * Calls an operation on demand (a button, a form). After a mutation or a
 * command every query on screen reloads; a query run this way (a PDF, the
 * submission pack) changes nothing, so nothing reloads.
 */
export function useMutation<N extends OpName>(name: N) {
  const { client, invalidate, succeeded, started } = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<OpFailure | undefined>();
  const run = useCallback(
    async (input: OpInput<N>, options?: CallOptions): Promise<OpOutput<N> | undefined> => {
      setPending(true);
      setError(undefined);
      // Counted as a save on its way (元に戻す waits for it) unless the operation turns out to be a query (a PDF, the pack).
      let settled: (() => void) | undefined = started();
      const release = () => {
        settled?.();
        settled = undefined;
      };
      void kindOf(name).then((kind) => kind === 'query' && release());
      try {
        const value = await client.call(name, input, options);
        const kind = await kindOf(name);
        if (kind === null) {
          // Not known: the screens reload (never stale), but nothing is offered to undo and no form counts as saved.
          succeeded('command');
          invalidate();
        } else if (kind !== 'query') {
          succeeded(kind);
          invalidate();
          window.dispatchEvent(new Event(SAVED_EVENT));
        }
        return value;
      } catch (e) {
        setError(e instanceof OpFailure ? e : new OpFailure({ code: 'internal', message: String(e) }));
        return undefined;
      } finally {
        release();
        setPending(false);
      }
    },
    [client, name, invalidate, succeeded, started],
  );
  return { run, pending, error, reset: () => setError(undefined) };
}
