/**
 * The institutions' stored search keys folded again now that searchKey() reads the dashes of an address as one
 * hyphen (３ー１１, 3−11 and 3‐11 are 3-11): a key stored before would not be found by 3-11. Only keys holding one of
 * those dashes can change (－ was already '-'), so only those rows are read and written.
 */
import type { Kysely } from 'kysely';
import { rekeyInstitutions } from './rekey';

export async function up(db: Kysely<unknown>): Promise<void> {
  await rekeyInstitutions(db, ['%ー%', '%\u2010%', '%\u2011%', '%\u2012%', '%\u2013%', '%\u2212%']);
}

export async function down(): Promise<void> {
  // The folded keys find everything the old ones did.
}
