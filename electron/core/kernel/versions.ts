/**
 * Optimistic concurrency: a record a screen edits carries a version; a save
 * names the version the screen read, and is refused when someone saved the
 * record since — with who and when, from the audit log — instead of
 * silently writing over their change. A save without a version (the demo,
 * the CLI) is not checked but still moves it, so a screen holding the record
 * notices.
 */
import { type AuditEntity, RenkeiError } from '@shared/contract';
import type { Trx } from './db/schema';

/** Tables with a `version` column (migration 0014). */
export type VersionedTable = 'fundProject';

export interface VersionClaim {
  table: VersionedTable;
  id: number;
  /** The version the screen read; undefined = not checked. */
  expected: number | undefined;
  /** The record as the audit log names it, for the message. */
  entity: AuditEntity;
  /** What the user calls it: 基金事業「在宅医療推進事業」. */
  what: string;
}

/** hh:mm of an instant in local time, with the date when it is not today. */
function when(at: string, now: Date): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === now.toDateString() ? time : `${d.getMonth() + 1}月${d.getDate()}日 ${time}`;
}

/** Bumps the record's version, refusing when it is no longer the one the screen read. Returns the new version. */
export async function claimVersion(db: Trx, claim: VersionClaim, now: Date): Promise<number> {
  let update = db
    .updateTable(claim.table)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', claim.id);
  if (claim.expected !== undefined) update = update.where('version', '=', claim.expected);
  const bumped = await update.returning('version').executeTakeFirst();
  if (bumped) return bumped.version;
  const exists = await db.selectFrom(claim.table).select('id').where('id', '=', claim.id).executeTakeFirst();
  if (!exists)
    throw new RenkeiError('not_found', `${claim.what}が見つかりません（ほかの人が削除した可能性があります）。再読み込みしてください。`);
  const last = await db
    .selectFrom('auditLog')
    .select(['at', 'osUser', 'displayName'])
    .where('entity', '=', claim.entity)
    .where('entityId', '=', String(claim.id))
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const who = last ? `他の人（${last.displayName || last.osUser}）が ${when(last.at, now)} に` : '他の人が';
  throw new RenkeiError('conflict', `${claim.what}は、${who}変更しました。今の入力は保存していません。再読み込みしてください。`, {
    path: ['version'],
  });
}

/** A record as the audit log keeps it: the version is bookkeeping, not a change the user made. */
export function withoutVersion<T extends { version?: number }>(record: T): Omit<T, 'version'> {
  const { version: _version, ...rest } = record;
  return rest;
}
