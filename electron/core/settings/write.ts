/** Updating the settings kept in the database, one row per changed key, with an audit entry naming the keys. */
import type { Settings } from '@shared/contract';
import type { MutationContext } from '../kernel/context';
import { readSettings } from '../kernel/settings';

export async function updateSettings({ db, audit }: Pick<MutationContext, 'db' | 'audit'>, input: Partial<Settings>): Promise<Settings> {
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
}
