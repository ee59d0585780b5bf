/**
 * The institutions' stored search keys folded again now that searchKey() reads the が of a place name between kanji
 * as ケ (霞が関 is 霞ケ関 and 霞ヶ関): a key stored before kept it as が and would not be found by 霞ヶ関. Only keys
 * holding a が can change (a ガ was stored as が), so only those rows are read and written.
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
    WHERE i.search_key LIKE ${'%が%'}`.execute(db);
  for (const r of rows) {
    const key = institutionSearchKey(r, r.place === null ? null : { name: r.place, kana: r.reading ?? '' });
    if (key !== r.stored) await sql`UPDATE institution SET search_key = ${key} WHERE id = ${r.id}`.execute(db);
  }
}

export async function down(): Promise<void> {
  // Not undone: a folded key is found by every query an older one was, but 霞が関 typed to an older Renkei.
}
