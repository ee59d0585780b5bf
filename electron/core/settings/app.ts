/** Settings kept in the database: read with defaults, update with an audit entry. */
import type { Settings } from '@shared/contract';
import { readSettings } from '../kernel/settings';
import { handlers } from '../kernel/handlers';

export const settingsHandlers = handlers({
  'settings.get': async (_input, { db }) => readSettings(db),
  'settings.update': async (input, { db, audit }) => {
    const before = await readSettings(db);
    const after: Settings = { ...before, ...input };
    const changed = (Object.keys(input) as (keyof Settings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    for (const key of changed) {
      const value = JSON.stringify(after[key]);
      await db
        .insertInto('setting')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
    if (changed.length > 0) {
      audit({
        entity: 'settings',
        entityId: changed.join(','),
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
    }
    return after;
  },
});
