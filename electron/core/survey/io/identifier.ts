/**
 * The hidden identifier a form carries: which round, target and definition
 * version it was made for, and a digest of those keyed with the round
 * target's random token, which stays in the database and never goes out in
 * the file. A returned file finds its round and target by the ids; an id
 * changed by hand, or a form made by another database, no longer matches
 * its digest and is refused.
 */
import type { Reader } from '@core/kernel/db/schema';
import { keyedDigest, keyedDigestMatches } from '@core/tabular/signature';

/** Written in the hidden sheet's first cell; a later layout would bump it. */
export const FORM_FORMAT = 'renkei.survey.form/1';

export interface FormIdentity {
  roundId: number;
  targetId: string;
  versionId: number;
}

/** The identifier's rows on the hidden sheet (A: key, B: value). */
export const IDENTITY_ROWS = { format: 1, roundId: 2, targetId: 3, versionId: 4, digest: 5 } as const;

const identityText = (identity: FormIdentity) => `${FORM_FORMAT}|${identity.roundId}|${identity.targetId}|${identity.versionId}`;

/** HMAC-SHA256 of the ids, keyed with the round target's token (hex). */
export function formDigest(identity: FormIdentity, token: string): string {
  return keyedDigest(token, identityText(identity));
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
  return keyedDigestMatches(token, identityText(identity), digest);
}
