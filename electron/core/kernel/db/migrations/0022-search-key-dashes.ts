/**
 * The institutions' stored search keys folded again now that searchKey() reads the dashes of an address as one
 * hyphen (３ー１１, 3−11 and 3‐11 are 3-11): a key stored before would not be found by 3-11. Only keys holding one of
 * those dashes can change (－ was already '-'), so only those rows are read and written.
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
  const dashed = ['%ー%', '%\u2010%', '%\u2011%', '%\u2012%', '%\u2013%', '%\u2212%'];
  const { rows } = await sql<Stored>`
    SELECT i.id, i.name, i.code, i.address, m.name AS place, m.kana AS reading, i.search_key AS stored
    FROM institution i LEFT JOIN municipality m ON m.code = i.municipality_code
    WHERE ${sql.join(
      dashed.map((d) => sql`i.search_key LIKE ${d}`),
      sql` OR `,
    )}`.execute(db);
  for (const r of rows) {
    const key = institutionSearchKey(r, r.place === null ? null : { name: r.place, kana: r.reading ?? '' });
    if (key !== r.stored) await sql`UPDATE institution SET search_key = ${key} WHERE id = ${r.id}`.execute(db);
  }
}

export async function down(): Promise<void> {
  // The folded keys find everything the old ones did.
}
