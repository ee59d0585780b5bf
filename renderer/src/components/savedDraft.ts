/**
 * What a form shows once its save is answered. The saved record becomes what the form compares its typing with
 * (and its version the one the next save names), but it replaces the draft only if the draft is still what was sent:
 * what was typed while the save was on its way stays on screen, unsaved, for the next save.
 */

/** Whether two drafts hold the same values (a draft is plain data: strings, numbers, arrays, objects). */
export function sameDraft<D>(a: D, b: D): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The draft after a save of `sent` was answered with `saved` (as a form), for a state setter.
 *
 * @example
 * const sent = draft;
 * const record = await save.run(inputOf(sent));
 * if (record) {
 *   setInitial(draftOf(record));
 *   setDraft(draftAfterSave(sent, draftOf(record)));
 *   setVersion(record.version);
 * }
 */
export function draftAfterSave<D>(sent: D, saved: D): (draft: D) => D {
  return (draft) => (sameDraft(draft, sent) ? saved : draft);
}
