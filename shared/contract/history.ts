/**
 * 元に戻す / やり直す: every mutation is one change; undo reverses this user's
 * latest change as a new audited change, redo reverses that undo.
 */

import { emptyInput } from './common';
import { mutation, query } from './define';

/** A change as the buttons name it: 「元に戻す: 事業の保存」. */
export interface ChangeSummary {
  id: number;
  /** The operation the user made (for a redo, the one re-applied). */
  operation: string;
  /** Its name as the buttons and the toast say it (「事業の保存」): the screen needs no list of operations for it. */
  label: string;
  /** ISO instant (UTC). */
  at: string;
}

export interface UndoState {
  undo: ChangeSummary | null;
  redo: ChangeSummary | null;
}

export { NO_SHARED_UNDO } from './history-words';

export const historyOperations = {
  /** What 元に戻す and やり直す would act on now, for this user. */
  'app.history': query<UndoState>('元に戻せる変更の表示')(emptyInput),
  /** Reverses this user's latest change; refused when a later change touched the same records. */
  'app.undo': mutation<ChangeSummary>('元に戻す')(emptyInput),
  /** Re-applies what this user's latest 元に戻す reversed. */
  'app.redo': mutation<ChangeSummary>('やり直し')(emptyInput),
};
