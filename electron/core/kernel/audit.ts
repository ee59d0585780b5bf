/** Writing the audit entries a mutation recorded, in its own transaction. */
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEntity } from '@shared/contract';
import { formatNumber } from '@shared/format';
import type { Reader } from './db/schema';

/** Who made a change, as the audit log records them (a step's 入力者). */
export interface Actor {
  osUser: string;
  displayName: string;
}

/** One change a mutation recorded: what, and its state before and after. */
export interface AuditRecord {
  entity: AuditEntity;
  entityId: string | number;
  before: unknown;
  after: unknown;
}

/** 3-7, 9, 12-13: ids as runs, so a record of 97,000 inserted rows stays a short line. */
export function idRuns(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    runs.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/**
 * One audit entry for rows added in bulk (an import of the national list):
 * how many and which ids. The rows themselves are in their table and the
 * change journal can undo them; a JSON copy of each cost more space than
 * the data it described.
 */
export function bulkAddedRecord(entity: AuditEntity, ids: readonly number[]): AuditRecord {
  return {
    entity,
    entityId: `一括追加 ${ids.length}件`,
    before: null,
    after: { name: `一括追加 ${formatNumber(ids.length)}件`, added: ids.length, ids: idRuns(ids) },
  };
}

export type AuditWriter = (db: Reader, operation: string, actor: Actor, at: Date, records: readonly AuditRecord[]) => Promise<void>;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * SQLite: writes audit entries with one prepared statement on the connection
 * the open transaction runs on, so they commit or roll back with the change.
 * Prepared once per database: an import can record 100,000 changes, and
 * building each INSERT anew cost more than the import's own writes.
 */
export function sqliteAuditWriter(raw: BetterSqlite3.Database): AuditWriter {
  const insert = raw.prepare(
    'INSERT INTO audit_log (at, os_user, display_name, operation, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return async (_db, operation, actor, at, records) => {
    const when = at.toISOString();
    for (const r of records)
      insert.run(when, actor.osUser, actor.displayName, operation, r.entity, String(r.entityId), json(r.before), json(r.after));
  };
}

/** Rows per INSERT: 8 parameters each, well under PostgreSQL's 65,535 per statement. */
const AUDIT_CHUNK = 1000;

/** Any engine: multi-row INSERTs through the transaction itself (PostgreSQL, where a round trip costs more than building the query). */
export const kyselyAuditWriter: AuditWriter = async (db, operation, actor, at, records) => {
  const when = at.toISOString();
  for (let from = 0; from < records.length; from += AUDIT_CHUNK) {
    const rows = records.slice(from, from + AUDIT_CHUNK).map((r) => ({
      at: when,
      osUser: actor.osUser,
      displayName: actor.displayName,
      operation,
      entity: r.entity,
      entityId: String(r.entityId),
      beforeJson: json(r.before),
      afterJson: json(r.after),
    }));
    await db.insertInto('auditLog').values(rows).execute();
  }
};
