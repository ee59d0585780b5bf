/** 元に戻す / やり直す: the journal reverses the change (journal.ts); each record it reverses is audited as a change of its own. */
import type { ChangeSummary } from '@shared/contract/history';
import type { MutationContext } from '../kernel/context';

export function reverse(direction: 'undo' | 'redo', { core, audit }: Pick<MutationContext, 'core' | 'audit'>): Promise<ChangeSummary> {
  const { target, records } = core.journal.reverse(direction);
  for (const record of records) audit(record);
  return Promise.resolve(target);
}
