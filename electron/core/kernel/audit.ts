/** Writing the audit entries a mutation recorded, in its own transaction. */
import type BetterSqlite3 from 'better-sqlite3';
import type { Actor, AuditRecord } from './context';

export type AuditWriter = (operation: string, actor: Actor, at: Date, records: readonly AuditRecord[]) => void;

/**
 * Writes audit entries with one prepared statement on the connection the
 * open transaction runs on, so they commit or roll back with the change.
 * Prepared once per database: an import can record 100,000 changes, and
 * building each INSERT anew cost more than the import's own writes.
 */
export function auditWriter(raw: BetterSqlite3.Database): AuditWriter {
  const insert = raw.prepare(
    'INSERT INTO audit_log (at, os_user, display_name, operation, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return (operation, actor, at, records) => {
    const when = at.toISOString();
    for (const r of records) insert.run(when, actor.osUser, actor.displayName, operation, r.entity, String(r.entityId), json(r.before), json(r.after));
  };
}
