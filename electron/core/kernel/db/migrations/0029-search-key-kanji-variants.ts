/**
 * The institutions' stored search keys folded again now that searchKey() reads the old and variant forms of kanji as
 * their common form (髙田 is 高田): a key stored before kept the variant and would not be found by 高田.
 * Only keys holding one of those forms can change, so only those rows are read and written.
 */
import type { Kysely } from 'kysely';
import { KANJI_VARIANTS } from '@shared/text/kanji-variants';
import { rekeyInstitutions } from './rekey';

export async function up(db: Kysely<unknown>): Promise<void> {
  await rekeyInstitutions(
    db,
    [...KANJI_VARIANTS.keys()].map((variant) => `%${variant}%`),
  );
}

export async function down(): Promise<void> {
  // Not undone: a folded key is found by every query an older one was, but 髙田 typed to an older Renkei.
}
