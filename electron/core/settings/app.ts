/** Settings' operations: read with defaults (the kernel's reader), update with an audit entry. */
import { handlers } from '../kernel/handlers';
import { readSettings } from '../kernel/settings';
import { updateSettings } from './write';

export const settingsHandlers = handlers({
  'settings.get': async (_input, { db }) => readSettings(db),
  'settings.update': async (input, ctx) => updateSettings(ctx, input),
});
