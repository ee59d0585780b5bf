/**
 * The institutions' stored search keys folded again now that searchKey() reads the が of a place name between kanji
 * as ケ (霞が関 is 霞ケ関 and 霞ヶ関): a key stored before kept it as が and would not be found by 霞ヶ関. Only keys
 * holding a が can change (a ガ was stored as が), so only those rows are read and written.
 */
import type { Kysely } from 'kysely';
import { rekeyInstitutions } from './rekey';

export async function up(db: Kysely<unknown>): Promise<void> {
  await rekeyInstitutions(db, ['%が%']);
}

export async function down(): Promise<void> {
  // Not undone: a folded key is found by every query an older one was, but 霞が関 typed to an older Renkei.
}
