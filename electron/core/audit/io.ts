/** The audit log exported to Excel: the filtered entries, each changed field on its own line. */

import { AUDIT_KIND_LABELS, auditPerson, describeAuditEntry } from '@shared/audit-log';
import { AUDIT_ENTITY_SECTIONS, type AuditEntity, type AuditFilter, operationLabel, RenkeiError } from '@shared/contract';
import { isoDateOfLocal } from '@shared/dates';
import { entityLabel } from '@shared/glossary';
import { sectionLabel } from '@shared/sections';
import type { Db } from '../kernel/db/schema';
import { cellDateTime, DATE_TIME_FORMAT, writeXlsx, XLSX_MIME } from '../tabular/write';
import { countOf, entriesOf } from './read';

/** More rows than this make a workbook too slow to write and to open; the user narrows the filter. */
const EXPORT_LIMIT = 100_000;

/** The filtered log as a workbook: one row per entry, newest first, each changed field on its own line. */
export async function exportLog(db: Db, filter: AuditFilter, today: Date) {
  const total = await countOf(db, filter);
  if (total > EXPORT_LIMIT) {
    throw new RenkeiError(
      'refused',
      `記録が ${total.toLocaleString('ja-JP')} 件あり、一度に書き出せるのは ${EXPORT_LIMIT.toLocaleString('ja-JP')} 件までです。期間や対象で絞り込んでから書き出してください。`,
    );
  }
  const rows = (await entriesOf(db, filter, EXPORT_LIMIT)).map((e) => {
    const d = describeAuditEntry(e);
    return {
      no: e.id,
      // A date-time cell, so Excel sorts and filters by it (12月 after 2月).
      at: cellDateTime(new Date(e.at)),
      person: auditPerson(e),
      operation: operationLabel(e.operation),
      section: e.entity in AUDIT_ENTITY_SECTIONS ? sectionLabel(AUDIT_ENTITY_SECTIONS[e.entity as AuditEntity]) : '',
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
        { key: 'at', header: '日時', numFmt: DATE_TIME_FORMAT },
        { key: 'person', header: '担当者' },
        { key: 'operation', header: '操作' },
        // 区分 and 対象の種類 as the screen's filters name them.
        { key: 'section', header: '区分' },
        { key: 'entity', header: '対象の種類' },
        { key: 'subject', header: '対象' },
        { key: 'kind', header: '追加・変更・削除' },
        { key: 'changes', header: '変更内容', width: 60 },
      ],
      rows,
    },
  ]);
  return { fileName: `監査ログ_${date.replaceAll('-', '')}.xlsx`, mimeType: XLSX_MIME, data: data.toString('base64') };
}
