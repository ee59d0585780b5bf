/**
 * A form that keeps what the officer types while its save is on its way. It holds the draft, the record as last read
 * or saved (the next save starts from it: its version, or what it sends as changed) and that record as a form. A save's
 * answer becomes what the form compares its typing with, but it replaces the draft only if the draft is still what was
 * sent: what was typed meanwhile stays on screen, unsaved, for the next save. A save asked for while another is on its
 * way waits for it, and starts from the record that one's answer gave (else it would name the version the first one
 * replaced, and be refused as someone else's change).
 */
import { type Dispatch, type SetStateAction, useCallback, useRef, useState } from 'react';

/** Whether two drafts hold the same values (a draft is plain data: strings, numbers, arrays, objects). */
export function sameDraft<D>(a: D, b: D): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export interface SavedDraft<R, D> {
  /** The record as last read or saved, as drawn. */
  record: R;
  /** The record as a form: what the draft is compared with, and what 変更を取り消す returns to. */
  saved: D;
  draft: D;
  setDraft: Dispatch<SetStateAction<D>>;
  /** Whether the draft differs from the form as saved. */
  dirty: boolean;
  /** The same, with the form as saved as of now, not as drawn: a move right after a save is not asked about. */
  dirtyNow(): boolean;
  /** Puts a reading of the record in the form: in place of the typing, or with `draft` shown instead (typing kept). */
  take(record: R, draft?: D): void;
  /**
   * What the page fills in by itself (a suggested value), put in the draft and in the form as saved alike: no typing.
   * The same function at every drawing, for an effect to depend on.
   */
  fillIn(fill: (form: D) => D): void;
  /**
   * Sends the draft as it is now with `send`, after any save still on its way, from the record as of then. Its answer
   * (undefined: refused) becomes the record; the form as saved is `savedForm` of it, by default the record as a form.
   * A draft typed over meanwhile stays, or becomes `kept` of it: what the save made that the typing must go on with
   * (the ids of rows it added), given the draft, what was sent and the form as saved.
   */
  save<A extends R>(
    send: (sent: D, from: R) => Promise<A | undefined>,
    savedForm?: (sent: D, saved: A) => D,
    kept?: (draft: D, sent: D, form: D) => D,
  ): Promise<A | undefined>;
}

/**
 * A form's draft beside the record it was read from, with a save that keeps what is typed while it is on its way.
 *
 * @example
 * const form = useSavedDraft(record, draftOf);
 * const submit = () =>
 *   form.save((sent, from) => save.run({ ...inputOf(sent), version: from.version }));
 * <SaveBar dirty={form.dirty} onRevert={() => form.setDraft(form.saved)} />
 */
export function useSavedDraft<R, D>(opened: R, formOf: (record: R) => D, same: (a: D, b: D) => boolean = sameDraft): SavedDraft<R, D> {
  const [base, setBase] = useState(() => ({ record: opened, saved: formOf(opened) }));
  const [draft, setDraft] = useState(base.saved);
  // As of now, not as drawn: a save queued behind another starts from what that one's answer gave.
  const now = useRef(base);
  const rebase = useCallback((next: { record: R; saved: D }) => {
    now.current = next;
    setBase(next);
  }, []);
  const fillIn = useCallback(
    (fill: (form: D) => D) => {
      rebase({ ...now.current, saved: fill(now.current.saved) });
      setDraft(fill);
    },
    [rebase],
  );
  // Saves go one after another.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  return {
    record: base.record,
    saved: base.saved,
    draft,
    setDraft,
    dirty: !same(draft, base.saved),
    dirtyNow: () => !same(draft, now.current.saved),
    take(record, shown) {
      const saved = formOf(record);
      rebase({ record, saved });
      setDraft(shown ?? saved);
    },
    fillIn,
    save(send, savedForm, kept) {
      const sent = draft;
      const done = queue.current.then(async () => {
        const saved = await send(sent, now.current.record);
        if (saved !== undefined) {
          const form = savedForm ? savedForm(sent, saved) : formOf(saved);
          rebase({ record: saved, saved: form });
          setDraft((d) => (same(d, sent) ? form : (kept?.(d, sent, form) ?? d)));
        }
        return saved;
      });
      queue.current = done.catch(() => undefined);
      return done;
    },
  };
}
