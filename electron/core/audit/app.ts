/** The audit log: reading it with filters and exporting it to Excel (the kernel writes it: kernel/audit.ts). */
import { sql, type SelectQueryBuilder } from 'kysely';
import { type AuditEntity, type AuditEntry, type AuditFilter, entitiesOfSection, operationLabel, RenkeiError } from '@shared/contract';
import { AUDIT_KIND_LABELS, auditPerson, describeAuditEntry } from '@shared/audit-log';
import { formatTimestamp } from '@shared/format';
import { entityLabel } from '@shared/glossary';
import type { Database, Db } from '../kernel/db/schema';
import { handlers } from '../kernel/handlers';
import { writeXlsx, XLSX_MIME } from '../tabular/write';
import { isoDateOfLocal } from '@shared/dates';

/** More rows than this make a workbook too slow to write and to open; the user narrows the filter. */
const EXPORT_LIMIT = 100_000;

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

async function countOf(db: Db, filter: AuditFilter): Promise<number> {
  const [{ total }] = (await filtered(db, filter).select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
  return total;
}

async function entriesOf(db: Db, filter: AuditFilter, limit: number, offset = 0): Promise<AuditEntry[]> {
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

/** The filtered log as a workbook: one row per entry, newest first, each changed field on its own line. */
async function exportLog(db: Db, filter: AuditFilter, today: Date) {
  const total = await countOf(db, filter);
  if (total > EXPORT_LIMIT) {
    throw new RenkeiError('refused', `記録が ${total.toLocaleString('ja-JP')} 件あり、一度に書き出せるのは ${EXPORT_LIMIT.toLocaleString('ja-JP')} 件までです。期間や対象で絞り込んでから書き出してください。`);
  }
  const rows = (await entriesOf(db, filter, EXPORT_LIMIT)).map((e) => {
    const d = describeAuditEntry(e);
    return {
      no: e.id,
      at: formatTimestamp(e.at),
      person: auditPerson(e),
      operation: operationLabel(e.operation),
      entity: entityLabel(e.entity),
      subject: d.subject,
      kind: AUDIT_KIND_LABELS[d.kind],
      changes: d.fields.map((f) => (f.before === undefined ? `${f.label}: ${f.value}` : `${f.label}: ${f.before} → ${f.value}`)).join('\n'),
    };
  });
  const date = isoDateOfLocal(today);
  const data = await writeXlsx([
    {
      name: '監査ログ',
      columns: [
        { key: 'no', header: '記録番号', align: 'right' },
        { key: 'at', header: '日時' },
        { key: 'person', header: '担当者' },
        { key: 'operation', header: '操作' },
        { key: 'entity', header: '対象の種類' },
        { key: 'subject', header: '対象' },
        { key: 'kind', header: '区分' },
        { key: 'changes', header: '変更内容', width: 60 },
      ],
      rows,
    },
  ]);
  return { fileName: `監査ログ_${date.replaceAll('-', '')}.xlsx`, mimeType: XLSX_MIME, data: data.toString('base64') };
}

export const auditHandlers = handlers({
  'audit.list': async ({ limit, offset, ...filter }, { db }) => ({ entries: await entriesOf(db, filter, limit, offset), total: await countOf(db, filter) }),
  'audit.entities': async (_input, { db }) => {
    const rows = await db.selectFrom('auditLog').select('entity').distinct().orderBy('entity').execute();
    return rows.map((r) => r.entity as AuditEntity);
  },
  'audit.people': async (_input, { db }) => {
    const rows = await db.selectFrom('auditLog').select(personOf.as('person')).distinct().orderBy('person').execute();
    return rows.map((r) => r.person);
  },
  'audit.export': async (input, { db, core }) => exportLog(db, input, core.clock()),
});
