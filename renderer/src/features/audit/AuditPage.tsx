/**
 * 監査ログ: every change, newest first, read like a ledger — who, when, what,
 * which record, and only the fields that changed (old → new). Filters by
 * 担当者, 区分, 対象 (a kind, or one record) and dates; the same list to Excel.
 */
import { useEffect, useRef, useState } from 'react';
import { OpFailure } from '@renderer/api/client';
import { useApi, useQuery } from '@renderer/api/hooks';
import { DateField } from '@renderer/components/DateField';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, fieldError } from '@renderer/components/Field';
import { PageHeader } from '@renderer/components/PageHeader';
import { Pager } from '@renderer/components/Pager';
import { saveFile } from '@renderer/lib/files';
import { AUDIT_KIND_LABELS, describeAuditEntry } from '@shared/audit-log';
import {
  AUDIT_ENTITY_SECTIONS,
  AUDIT_SECTIONS,
  type AuditEntity,
  type AuditEntry,
  type AuditSection,
  operationLabel,
} from '@shared/contract';
import { formatTimestamp } from '@shared/format';
import { entityLabel } from '@shared/glossary';
import { sectionLabel } from '@shared/sections';

const PAGE_SIZE = 50;
/** More changed fields than this fold behind 「ほか n 項目」. */
const FIELDS_SHOWN = 6;

interface Filter {
  person: string;
  section: AuditSection | '';
  entity: AuditEntity | '';
  entityId: string;
  /** The record of `entityId` as its rows name it (「新潟市民病院」), for the notice above the list. */
  subject: string;
  from: string;
  to: string;
}

const NO_FILTER: Filter = { person: '', section: '', entity: '', entityId: '', subject: '', from: '', to: '' };

/** The filter as the operation takes it: empty choices left out. */
function asInput(f: Filter) {
  return {
    ...(f.person ? { person: f.person } : {}),
    ...(f.section ? { section: f.section } : {}),
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.entity && f.entityId ? { entityId: f.entityId } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

function Changes({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const d = describeAuditEntry(entry);
  const shown = open ? d.fields : d.fields.slice(0, FIELDS_SHOWN);
  return (
    <div className="audit-changes">
      <span className={`badge audit-kind audit-kind--${d.kind}`}>{AUDIT_KIND_LABELS[d.kind]}</span>
      {d.fields.length === 0 && <span className="muted">（変わった項目はありません）</span>}
      <dl className="audit-fields">
        {shown.map((f) => (
          <div key={f.field} className="audit-field">
            <dt>{f.label}</dt>
            <dd>
              {f.before !== undefined && (
                <>
                  <span className="audit-old">{f.before}</span>
                  <span className="audit-arrow" role="img" aria-label="から">
                    →
                  </span>
                </>
              )}
              <span className={f.before !== undefined ? 'audit-new' : undefined}>{f.value}</span>
            </dd>
          </div>
        ))}
      </dl>
      {d.fields.length > FIELDS_SHOWN && (
        <button type="button" className="button button--secondary button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '閉じる' : `ほか ${d.fields.length - FIELDS_SHOWN} 項目を表示`}
        </button>
      )}
    </div>
  );
}

function Row({ entry, onRecord }: { entry: AuditEntry; onRecord: (entity: AuditEntity, id: string, subject: string) => void }) {
  const subject = describeAuditEntry(entry).subject;
  const known = entry.entity in AUDIT_ENTITY_SECTIONS;
  return (
    <tr>
      <td className="nowrap">{formatTimestamp(entry.at)}</td>
      <td className="nowrap">
        {entry.displayName || entry.osUser}
        {entry.displayName && <div className="muted audit-sub">{entry.osUser}</div>}
      </td>
      <td>{operationLabel(entry.operation)}</td>
      <td>
        <div className="muted audit-sub">{entityLabel(entry.entity)}</div>
        {known ? (
          <button
            type="button"
            className="audit-record"
            title="この記録の履歴だけを表示"
            onClick={() => onRecord(entry.entity as AuditEntity, entry.entityId, subject)}
          >
            {subject}
          </button>
        ) : (
          subject
        )}
      </td>
      <td>
        <Changes entry={entry} />
      </td>
    </tr>
  );
}

export function AuditPage() {
  const { client } = useApi();
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [page, setPage] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<OpFailure>();
  const entities = useQuery('audit.entities', {});
  const people = useQuery('audit.people', {});
  const log = useQuery('audit.list', { ...asInput(filter), limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const error = log.error?.error;
  const total = log.data?.total ?? 0;
  const set = (change: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...change }));
    setPage(0);
  };
  // The list drawn again for one record, or for every record again, drops the button pressed: the focus goes to the
  // notice that says which record (read out, the next Tab on 「すべての記録に戻す」), or back to 対象, which still names the kind.
  const focusNext = useRef<'notice' | 'entity' | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const entitySelect = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const to = focusNext.current;
    focusNext.current = null;
    (to === 'notice' ? notice.current : to === 'entity' ? entitySelect.current : null)?.focus();
  }, [filter.entityId]);
  const shownEntities = (entities.data ?? []).filter((e) => !filter.section || AUDIT_ENTITY_SECTIONS[e] === filter.section);

  const exportExcel = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      saveFile(await client.call('audit.export', asInput(filter)));
    } catch (e) {
      setExportError(
        e instanceof OpFailure
          ? e
          : new OpFailure({ code: 'internal', message: `Excel に書き出せませんでした（${e instanceof Error ? e.message : String(e)}）` }),
      );
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader title="監査ログ" lead="誰が・いつ・何を変更したかの記録です。記録は削除・変更できません。" />
      <div className="filters" role="search" aria-label="監査ログの絞り込み">
        <Field label="担当者">
          {(p) => (
            <select {...p} name="person" value={filter.person} onChange={(e) => set({ person: e.target.value })}>
              <option value="">すべて</option>
              {people.data?.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="区分">
          {(p) => (
            <select
              {...p}
              name="section"
              value={filter.section}
              onChange={(e) => set({ section: e.target.value as AuditSection | '', entity: '', entityId: '', subject: '' })}
            >
              <option value="">すべて</option>
              {AUDIT_SECTIONS.map((s) => (
                <option key={s} value={s}>
                  {sectionLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="対象">
          {(p) => (
            <select
              {...p}
              ref={entitySelect}
              name="entity"
              value={filter.entity}
              onChange={(e) => set({ entity: e.target.value as AuditEntity | '', entityId: '', subject: '' })}
            >
              <option value="">すべて</option>
              {shownEntities.map((name) => (
                <option key={name} value={name}>
                  {entityLabel(name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="開始日" error={fieldError(error, 'from')}>
          {(p) => <DateField {...p} name="from" value={filter.from} onChange={(v) => set({ from: v })} />}
        </Field>
        <Field label="終了日" error={fieldError(error, 'to')}>
          {(p) => <DateField {...p} name="to" value={filter.to} onChange={(v) => set({ to: v })} />}
        </Field>
        <button type="button" className="button button--secondary" onClick={exportExcel} disabled={exporting || total === 0}>
          {exporting ? '書き出し中…' : 'Excel に書き出す'}
        </button>
      </div>
      {filter.entity && filter.entityId && (
        <p className="audit-record-filter" data-testid="audit-record-filter" ref={notice} tabIndex={-1}>
          {entityLabel(filter.entity)}「{filter.subject}」の履歴だけを表示しています。
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              focusNext.current = 'entity';
              set({ entityId: '', subject: '' });
            }}
          >
            すべての記録に戻す
          </button>
        </p>
      )}
      {exportError && <ErrorNotice error={exportError} title="書き出せませんでした。" />}
      {log.error && !fieldError(error, 'from') && !fieldError(error, 'to') && <ErrorNotice error={log.error} />}
      {log.data && log.data.entries.length === 0 && <div className="card empty">条件に合う記録はありません。</div>}
      {log.data && log.data.entries.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table audit-table" aria-label="監査ログ">
              <thead>
                <tr>
                  <th>日時</th>
                  <th>担当者</th>
                  <th>操作</th>
                  <th>対象</th>
                  <th>変更内容</th>
                </tr>
              </thead>
              <tbody>
                {log.data.entries.map((entry) => (
                  <Row
                    key={entry.id}
                    entry={entry}
                    onRecord={(entity, entityId, subject) => {
                      focusNext.current = 'notice';
                      set({ section: '', entity, entityId, subject });
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={total} loading={log.loading} page={page} pageSize={PAGE_SIZE} onPage={setPage} testId="audit-total" />
        </>
      )}
    </>
  );
}
