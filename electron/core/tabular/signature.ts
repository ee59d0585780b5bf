/**
 * The keyed digest Renkei signs its workbooks with (HMAC-SHA256): a survey
 * form's identifier, the subsidy's exchange workbooks. One way to sign and to
 * check, so a digest read from a file is compared in constant time everywhere.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the text under the key, as 64 hex digits. */
export function keyedDigest(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

/** Whether a digest read from a file is the one `keyedDigest(key, text)` gives. */
export function keyedDigestMatches(key: string, text: string, digest: string): boolean {
  const expected = Buffer.from(keyedDigest(key, text), 'hex');
  const given = /^[0-9a-f]{64}$/.test(digest) ? Buffer.from(digest, 'hex') : null;
  return given !== null && timingSafeEqual(expected, given);
}
