/** The audit log: reading it, and writing the entries a mutation recorded. */
import { sql } from 'kysely';
import type { AuditEntry } from '../../../shared/contract';
import type { Actor, AuditRecord } from '../context';
import type { Trx } from '../db/schema';
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

export async function writeAuditEntries(
  trx: Trx,
  operation: string,
  actor: Actor,
  at: Date,
  records: readonly AuditRecord[],
): Promise<void> {
  // Chunked: SQLite limits the parameters of one statement, and an import can record 100,000 changes.
  for (let start = 0; start < records.length; start += 1000) {
    await insertAuditChunk(trx, operation, actor, at, records.slice(start, start + 1000));
  }
}

async function insertAuditChunk(trx: Trx, operation: string, actor: Actor, at: Date, records: readonly AuditRecord[]): Promise<void> {
  await trx
    .insertInto('auditLog')
    .values(
      records.map((r) => ({
        at: at.toISOString(),
        osUser: actor.osUser,
        displayName: actor.displayName,
        operation,
        entity: r.entity,
        entityId: String(r.entityId),
        beforeJson: r.before === null || r.before === undefined ? null : JSON.stringify(r.before),
        afterJson: r.after === null || r.after === undefined ? null : JSON.stringify(r.after),
      })),
    )
    .execute();
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
