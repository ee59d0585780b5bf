/** 元に戻す / やり直す: the journal reverses the change (journal.ts); each record it reverses is audited as a change of its own. */
import type { ChangeSummary } from '@shared/contract/history';
import type { MutationContext } from '../kernel/context';

/** `expected`: the change the user was asked about (a large one); refused if another is the one to act on now. */
export function reverse(
  direction: 'undo' | 'redo',
  { core, audit }: Pick<MutationContext, 'core' | 'audit'>,
  expected?: number,
): Promise<ChangeSummary> {
  const { target, records } = core.journal.reverse(direction, expected);
  for (const record of records) audit(record);
  return Promise.resolve(target);
}
