/**
 * The institutions' stored search keys folded again now that searchKey() reads the small ヶ and ヵ as ケ (駒ヶ根 is
 * 駒ケ根): a key stored before kept them as ゖ and ゕ and would not be found by 駒ケ根. Only keys holding one of those
 * can change, so only those rows are read and written.
 */
import type { Kysely } from 'kysely';
import { rekeyInstitutions } from './rekey';

export async function up(db: Kysely<unknown>): Promise<void> {
  await rekeyInstitutions(db, ['%\u3095%', '%\u3096%']);
}

export async function down(): Promise<void> {
  // The folded keys find everything the old ones did.
}
