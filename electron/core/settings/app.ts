/** Settings kept in the database: read with defaults, update with an audit entry. */
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '../../../shared/contract';
import type { Db, Trx } from '../db/schema';
import { handlers } from '../handlers';

export async function readSettings(db: Db | Trx): Promise<Settings> {
  const rows = await db.selectFrom('setting').select(['key', 'value']).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
  return merged.success ? merged.data : DEFAULT_SETTINGS;
}

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
