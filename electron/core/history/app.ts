/** 元に戻す / やり直す and what they would act on; the work is the journal's (kernel/journal.ts). */
import { handlers } from '../kernel/handlers';
import { reverse } from './write';

export const historyHandlers = handlers({
  'app.history': async (_input, { core }) => core.journal.state(),
  'app.undo': async (input, ctx) => reverse('undo', ctx, input.id),
  'app.redo': async (input, ctx) => reverse('redo', ctx, input.id),
});
