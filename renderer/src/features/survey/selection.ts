/** Ticked rows kept as a set of keys: the targets to send to, the files to take, the targets a round goes to. */

/**
 * A copy of `set` with `key` in it (`on`) or out of it.
 * @example withToggled(new Set(['1']), '2', true) // Set {'1', '2'}
 */
export function withToggled<T>(set: ReadonlySet<T>, key: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}
