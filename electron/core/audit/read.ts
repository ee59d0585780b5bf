/** Reading the audit log with filters (the kernel writes it: kernel/audit.ts). */
import { type SelectQueryBuilder, sql } from 'kysely';
import { type AuditEntity, type AuditEntry, type AuditFilter, entitiesOfSection } from '@shared/contract';
import type { Database, Db } from '../kernel/db/schema';

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

/** 担当者 as the filter names them: the display name, or the OS user when there was none. */
const personOf = sql<string>`CASE WHEN display_name <> '' THEN display_name ELSE os_user END`;

function filtered(db: Db, filter: AuditFilter): SelectQueryBuilder<Database, 'auditLog', object> {
  let q = db.selectFrom('auditLog');
  if (filter.person) q = q.where(personOf, '=', filter.person);
  if (filter.section) q = q.where('entity', 'in', entitiesOfSection(filter.section));
  if (filter.entity) q = q.where('entity', '=', filter.entity);
  if (filter.entityId) q = q.where('entityId', '=', filter.entityId);
  if (filter.from) q = q.where('at', '>=', dayStartUtc(filter.from));
  if (filter.to) q = q.where('at', '<', nextDayStartUtc(filter.to));
  return q;
}

export async function countOf(db: Db, filter: AuditFilter): Promise<number> {
  const [{ total }] = (await filtered(db, filter).select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
  return total;
}

export async function entriesOf(db: Db, filter: AuditFilter, limit: number, offset = 0): Promise<AuditEntry[]> {
  const rows = await filtered(db, filter).selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => ({
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
}

/** One page of the filtered log, newest first, with how many entries the filter finds in all. */
export async function auditPage(
  db: Db,
  { limit, offset, ...filter }: AuditFilter & { limit: number; offset?: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  return { entries: await entriesOf(db, filter, limit, offset), total: await countOf(db, filter) };
}

/** The kinds of record the log holds, for the filter's choices. */
export async function auditEntities(db: Db): Promise<AuditEntity[]> {
  const rows = await db.selectFrom('auditLog').select('entity').distinct().orderBy('entity').execute();
  return rows.map((r) => r.entity as AuditEntity);
}

/** Everyone who has changed something, as the filter names them. */
export async function auditPeople(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('auditLog').select(personOf.as('person')).distinct().orderBy('person').execute();
  return rows.map((r) => r.person);
}
