/** 監査ログ: every change, newest first, filterable by entity and date. */
import { useState } from 'react';
import type { AuditEntry } from '../../../../shared/contract';
import { formatTimestamp } from '../../../../shared/format';
import { entityLabel, fieldLabel, operationLabel } from '../../../../shared/glossary';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field, fieldError } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { DateField } from '../../components/DateField';

const PAGE_SIZE = 50;

function show(value: unknown): string {
  if (value === '' || value === null || value === undefined) return '（空）';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One line per field, named as the user knows it. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return show(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${fieldLabel(k)}: ${show(v)}`)
    .join('\n');
}

function Row({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <td style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(entry.at)}</td>
      <td style={{ whiteSpace: 'nowrap' }}>
        {entry.displayName || '—'}
        <div className="muted mono">{entry.osUser}</div>
      </td>
      <td>{operationLabel(entry.operation)}</td>
      <td>
        {entityLabel(entry.entity)}
        <div className="muted mono">{entry.entityId.split(',').map(fieldLabel).join('、')}</div>
      </td>
      <td className="diff diff--before">{describe(entry.before)}</td>
      <td className="diff diff--after">{describe(entry.after)}</td>
    </tr>
  );
}

export function AuditPage() {
  const [entity, setEntity] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(0);
  const entities = useQuery('audit.entities', {});
  const log = useQuery('audit.list', {
    ...(entity ? { entity } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  });
  const error = log.error?.error;
  const total = log.data?.total ?? 0;

  return (
    <>
      <PageHeader title="監査ログ" lead="誰が・いつ・何を変更したかの記録です。記録は削除・変更できません。" />
      <div className="filters" role="search" aria-label="監査ログの絞り込み">
        <Field label="対象">
          {(p) => (
            <select {...p} name="entity" value={entity} onChange={(e) => { setEntity(e.target.value); setPage(0); }}>
              <option value="">すべて</option>
              {entities.data?.map((name) => (
                <option key={name} value={name}>
                  {entityLabel(name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="開始日" error={fieldError(error, 'from')}>
          {(p) => <DateField {...p} name="from" value={from} onChange={(v) => { setFrom(v); setPage(0); }} />}
        </Field>
        <Field label="終了日" error={fieldError(error, 'to')}>
          {(p) => <DateField {...p} name="to" value={to} onChange={(v) => { setTo(v); setPage(0); }} />}
        </Field>
      </div>
      {log.error && !fieldError(error, 'from') && !fieldError(error, 'to') && <ErrorNotice error={log.error} />}
      {log.data && log.data.entries.length === 0 && <div className="card empty">条件に合う記録はありません。</div>}
      {log.data && log.data.entries.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table" aria-label="監査ログ">
              <thead>
                <tr>
                  <th>日時</th>
                  <th>担当者</th>
                  <th>操作</th>
                  <th>対象</th>
                  <th>変更前</th>
                  <th>変更後</th>
                </tr>
              </thead>
              <tbody>
                {log.data.entries.map((entry) => (
                  <Row key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={total} page={page} pageSize={PAGE_SIZE} onPage={setPage} testId="audit-total" />
        </>
      )}
    </>
  );
}
