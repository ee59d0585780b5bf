/**
 * The institutions' stored search keys folded again now that searchKey() reads the small ヶ and ヵ as ケ (駒ヶ根 is
 * 駒ケ根): a key stored before kept them as ゖ and ゕ and would not be found by 駒ケ根. Only keys holding one of those
 * can change, so only those rows are read and written.
 */
import { type Kysely, sql } from 'kysely';
import { institutionSearchKey } from '@shared/masters/model';

/** A row as read: one-word names, as the migrator's db (CamelCasePlugin) hands back municipality_name as municipalityName. */
interface Stored {
  id: number;
  name: string;
  code: string | null;
  address: string;
  place: string | null;
  reading: string | null;
  stored: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<Stored>`
    SELECT i.id, i.name, i.code, i.address, m.name AS place, m.kana AS reading, i.search_key AS stored
    FROM institution i LEFT JOIN municipality m ON m.code = i.municipality_code
    WHERE i.search_key LIKE ${'%\u3095%'} OR i.search_key LIKE ${'%\u3096%'}`.execute(db);
  for (const r of rows) {
    const key = institutionSearchKey(r, r.place === null ? null : { name: r.place, kana: r.reading ?? '' });
    if (key !== r.stored) await sql`UPDATE institution SET search_key = ${key} WHERE id = ${r.id}`.execute(db);
  }
}

export async function down(): Promise<void> {
  // The folded keys find everything the old ones did.
}
