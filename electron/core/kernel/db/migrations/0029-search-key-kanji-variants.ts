/**
 * The institutions' stored search keys folded again now that searchKey() reads the old and variant forms of kanji as
 * their common form (髙田 is 高田): a key stored before kept the variant and would not be found by 高田.
 * Only keys holding one of those forms can change, so only those rows are read and written.
 */
import { type Kysely, sql } from 'kysely';
import { institutionSearchKey } from '@shared/masters/model';
import { KANJI_VARIANTS } from '@shared/text/kanji-variants';

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
    WHERE ${sql.join(
      [...KANJI_VARIANTS.keys()].map((variant) => sql`i.search_key LIKE ${`%${variant}%`}`),
      sql` OR `,
    )}`.execute(db);
  for (const r of rows) {
    const key = institutionSearchKey(r, r.place === null ? null : { name: r.place, kana: r.reading ?? '' });
    if (key !== r.stored) await sql`UPDATE institution SET search_key = ${key} WHERE id = ${r.id}`.execute(db);
  }
}

export async function down(): Promise<void> {
  // Not undone: a folded key is found by every query an older one was, but 髙田 typed to an older Renkei.
}
