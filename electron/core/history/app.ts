/** 元に戻す / やり直す and what they would act on; the work is the journal's (journal.ts). */
import type { ChangeSummary } from '@shared/contract/history';
import type { MutationContext } from '../kernel/context';
import { handlers } from '../kernel/handlers';

export const historyHandlers = handlers({
  'app.history': async (_input, { core }) => core.journal.state(),
  'app.undo': async (_input, ctx) => reverse('undo', ctx),
  'app.redo': async (_input, ctx) => reverse('redo', ctx),
});

function reverse(direction: 'undo' | 'redo', { core, audit }: MutationContext): Promise<ChangeSummary> {
  const { target, records } = core.journal.reverse(direction);
  for (const record of records) audit(record);
  return Promise.resolve(target);
}
