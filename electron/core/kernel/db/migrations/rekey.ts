/**
 * The institutions' stored search keys made again by today's searchKey(), for the migrations that fold one more
 * difference of writing into it (0022 dashes, 0027 small ケ, 0028 が of a place, 0029 old forms of kanji). Only rows
 * whose stored key matches one of `stale` (LIKE patterns of what is now folded) can change, so only those are read,
 * and only those whose key does change are written.
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

export async function rekeyInstitutions(db: Kysely<unknown>, stale: readonly string[]): Promise<void> {
  const { rows } = await sql<Stored>`
    SELECT i.id, i.name, i.code, i.address, m.name AS place, m.kana AS reading, i.search_key AS stored
    FROM institution i LEFT JOIN municipality m ON m.code = i.municipality_code
    WHERE ${sql.join(
      stale.map((pattern) => sql`i.search_key LIKE ${pattern}`),
      sql` OR `,
    )}`.execute(db);
  for (const r of rows) {
    const key = institutionSearchKey(r, r.place === null ? null : { name: r.place, kana: r.reading ?? '' });
    if (key !== r.stored) await sql`UPDATE institution SET search_key = ${key} WHERE id = ${r.id}`.execute(db);
  }
}
