/**
 * Choices this browser remembers for the user (localStorage), not the
 * database: remembering them is no change of the user's data, so it is
 * neither recorded in the audit log nor taken back by 元に戻す. Storage may be
 * unavailable or hold anything; a list reads as empty then.
 */

/** The strings stored under `key`, or [] when there are none (or they cannot be read). */
export function readStoredList(key: string): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers `list` under `key`; without storage it is simply not remembered. */
export function storeList(key: string, list: readonly string[]): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(list));
  } catch {
    // Nothing depends on it: the choice is offered afresh next time.
  }
}
