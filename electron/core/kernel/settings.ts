/** Settings kept in the database, read with their defaults (written by the settings domain's operation). */
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '@shared/contract';
import type { Reader } from './db/schema';

export async function readSettings(db: Reader): Promise<Settings> {
  const rows = await db.selectFrom('setting').select(['key', 'value']).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
  return merged.success ? merged.data : DEFAULT_SETTINGS;
}

/**
 * Whether the settings name who works here (氏名・所属・担当者): then the database is already the officer's own,
 * and the demo would write over it (app.demo.load refuses; ホーム does not offer it).
 */
export function namesTheOfficer(settings: Settings): boolean {
  return Boolean(settings.displayName || settings.organization || settings.personInCharge);
}
