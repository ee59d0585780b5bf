/** The audit log: reading it, and writing the entries a mutation recorded. */
import { sql } from 'kysely';
import type { AuditEntry } from '../../../shared/contract';
import type { Actor, AuditRecord } from '../context';
import type BetterSqlite3 from 'better-sqlite3';
import { handlers } from '../handlers';

/** Local calendar day → the UTC instants bounding it, for date filters. */
function dayStartUtc(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

function nextDayStartUtc(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).toISOString();
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

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

export const auditHandlers = handlers({
  'audit.list': async (input, { db }) => {
    let q = db.selectFrom('auditLog');
    if (input.entity) q = q.where('entity', '=', input.entity);
    if (input.from) q = q.where('at', '>=', dayStartUtc(input.from));
    if (input.to) q = q.where('at', '<', nextDayStartUtc(input.to));
    const [{ total }] = (await q.select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
    const rows = await q.selectAll().orderBy('id', 'desc').limit(input.limit).offset(input.offset).execute();
    const entries: AuditEntry[] = rows.map((r) => ({
      id: r.id,
      at: r.at,
      osUser: r.osUser,
      displayName: r.displayName,
      operation: r.operation,
      entity: r.entity,
      entityId: r.entityId,
      before: parseJson(r.beforeJson),
      after: parseJson(r.afterJson),
    }));
    return { entries, total };
  },
  'audit.entities': async (_input, { db }) => {
    const rows = await db.selectFrom('auditLog').select('entity').distinct().orderBy('entity').execute();
    return rows.map((r) => r.entity);
  },
});
