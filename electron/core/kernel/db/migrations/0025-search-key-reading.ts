/**
 * The institutions' stored search keys now hold their municipality's reading (ながおかし for 長岡市), so the list's
 * search 「ながおか」 finds them as the municipality list does: the keys stored before are built again. Only rows
 * placed in a municipality with a reading can change, so only those are read, and only changed keys written. This also
 * gives back the municipality's name to the keys migration 0022 folded (it read the name under a column name the
 * migrator's db renames, and dropped it).
 */
import { type Kysely, sql } from 'kysely';
import { institutionSearchKey } from '@shared/masters/model';

/** A row as read: one-word names, as the migrator's db (CamelCasePlugin) hands back municipality_name as municipalityName. */
interface Stored {
  id: number;
  name: string;
  code: string | null;
  address: string;
  place: string;
  reading: string;
  stored: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<Stored>`
    SELECT i.id, i.name, i.code, i.address, m.name AS place, m.kana AS reading, i.search_key AS stored
    FROM institution i JOIN municipality m ON m.code = i.municipality_code
    WHERE m.kana <> ''`.execute(db);
  for (const r of rows) {
    const key = institutionSearchKey(r, { name: r.place, kana: r.reading });
    if (key !== r.stored) await sql`UPDATE institution SET search_key = ${key} WHERE id = ${r.id}`.execute(db);
  }
}

export async function down(): Promise<void> {
  // The longer keys find everything the old ones did.
}
