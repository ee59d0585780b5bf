/**
 * What the shared-mode benchmark checks of its saves, apart from the running:
 * that no accepted save was lost, that every refusal was the version conflict
 * in its Japanese words, and the latency percentiles.
 */

/** An accepted save: the state the client read (its marker) and the one it wrote. */
export interface AcceptedSave {
  basedOn: string;
  wrote: string;
}

/**
 * Accepted saves the final state does not descend from. Every accepted save
 * was made on what its client read, so without lost updates the saves form
 * one chain from the initial state, each based on the one before, ending in
 * the final state. Walking back from the final state to the initial one, any
 * accepted save off that path was lost: two saves accepted on the same read
 * (one did not see the other's change), or a save written over by a change
 * no one accepted. A final state that leads back to no initial state loses
 * every save.
 * @example lostUpdates('a', [{ basedOn: 'a', wrote: 'b' }, { basedOn: 'a', wrote: 'c' }], 'c') // 1: c was saved over b unseen
 */
export function lostUpdates(initial: string, accepted: readonly AcceptedSave[], final: string): number {
  const madeOn = new Map(accepted.map((save) => [save.wrote, save.basedOn]));
  let kept = 0;
  for (let state = final; state !== initial; kept += 1) {
    const before = madeOn.get(state);
    // A state no accepted save wrote (or a loop): the final state is not the outcome of the accepted saves.
    if (before === undefined || kept >= accepted.length) return accepted.length;
    state = before;
  }
  return accepted.length - kept;
}

/**
 * The Japanese refusal of a save over a newer change (kernel/versions.ts, refuseStale): made by 他の人, or by the
 * same user in another window (the benchmark's clients may all be one OS user or one login).
 */
export const CONFLICT_MESSAGE =
  /は、(他の人|この画面を開いたあとに、元に戻す操作または別の画面で、あなた).*変更しました。今の入力は保存していません。再読み込みしてください。$/;

/** Whether a refusal is the version conflict with its message; anything else is a failure of the benchmark. */
export function isConflictRefusal(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'conflict' && typeof e.message === 'string' && CONFLICT_MESSAGE.test(e.message);
}

/** The p-th percentile (nearest rank) of the values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
