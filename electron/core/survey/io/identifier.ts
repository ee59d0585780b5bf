/**
 * The hidden identifier a form carries: which round, target and definition
 * version it was made for, and a digest of those keyed with the round
 * target's random token, which stays in the database and never goes out in
 * the file. A returned file finds its round and target by the ids; an id
 * changed by hand, or a form made by another database, no longer matches
 * its digest and is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Reader } from '@core/kernel/db/schema';

/** Written in the hidden sheet's first cell; a later layout would bump it. */
export const FORM_FORMAT = 'renkei.survey.form/1';

export interface FormIdentity {
  roundId: number;
  targetId: string;
  versionId: number;
}

/** The identifier's rows on the hidden sheet (A: key, B: value). */
export const IDENTITY_ROWS = { format: 1, roundId: 2, targetId: 3, versionId: 4, digest: 5 } as const;

/** HMAC-SHA256 of the ids, keyed with the round target's token (hex). */
export function formDigest(identity: FormIdentity, token: string): string {
  return createHmac('sha256', token).update(`${FORM_FORMAT}|${identity.roundId}|${identity.targetId}|${identity.versionId}`).digest('hex');
}

/** The token of a round's target, or null when the database has no such round target. */
export async function targetToken(db: Reader, roundId: number, targetId: string): Promise<string | null> {
  const row = await db
    .selectFrom('surveyRoundTarget')
    .select('token')
    .where('roundId', '=', roundId)
    .where('targetId', '=', targetId)
    .executeTakeFirst();
  return row?.token ?? null;
}

/** Every token of a round by target, for writing its forms in one read. */
export async function roundTokens(db: Reader, roundId: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom('surveyRoundTarget').select(['targetId', 'token']).where('roundId', '=', roundId).execute();
  return new Map(rows.map((r) => [r.targetId, r.token]));
}

/** Whether a digest read from a file is the one this database would write. */
export function digestMatches(identity: FormIdentity, token: string, digest: string): boolean {
  const expected = Buffer.from(formDigest(identity, token), 'hex');
  const given = /^[0-9a-f]{64}$/.test(digest) ? Buffer.from(digest, 'hex') : null;
  return given !== null && timingSafeEqual(expected, given);
}
