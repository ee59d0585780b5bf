/**
 * 元に戻す / やり直す: every mutation is one change; undo reverses this user's
 * latest change as a new audited change, redo reverses that undo.
 */

import { z } from 'zod';
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
  /** How many records (rows of data, each counted once) reversing it touches: 元に戻す and やり直す ask first when they are many (`LARGE_UNDO`). */
  records: number;
  /**
   * What those records are, as the user names them: the kind when they are all of one (「医療機関」), otherwise the
   * sections whose screens show them, in the sidebar's order (「台帳」「基金」…).
   */
  holds: string[];
}

export interface UndoState {
  undo: ChangeSummary | null;
  redo: ChangeSummary | null;
  /**
   * Why there is nothing to undo when a backup's restore is the reason: when it was and which backup holds what it
   * replaced, in the words 元に戻す is refused with. The top bar's button says it where it is off.
   */
  stoppedByRestore?: string;
}

export { LARGE_UNDO, NO_SHARED_UNDO } from './history-words';

export const historyOperations = {
  /** What 元に戻す and やり直す would act on now, for this user. */
  'app.history': query<UndoState>('元に戻せる変更の表示')(() => emptyInput),
  /**
   * Reverses this user's latest change; refused when a later change touched the same records. `id`: the change the
   * user was asked about (a large one), refused if another has become the latest meanwhile.
   */
  'app.undo': mutation<ChangeSummary>('元に戻す')(() => z.object({ id: z.number().int().positive().optional() }).strict()),
  /**
   * Re-applies what this user's latest 元に戻す reversed. `id`: the change the user was asked about (a large one),
   * refused if another has become the one to redo meanwhile.
   */
  'app.redo': mutation<ChangeSummary>('やり直し')(() => z.object({ id: z.number().int().positive().optional() }).strict()),
};
