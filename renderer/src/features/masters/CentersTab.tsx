/**
 * 医師会・センター: which municipalities each center covers and, for a fiscal
 * year, which (ア)〜(ク) items each municipality entrusts to it — with the
 * headline "N of M municipalities entrust work to a center".
 */
import { useEffect, useState } from 'react';
import { formatFiscalYear, fiscalYear } from '../../../../shared/fiscal-year';
import { CENTER_ROLE_LABELS, LINKAGE_ITEMS, LINKAGE_MODE_LABELS, type LinkageItem, SUBSIDY_CLASS_LABELS } from '../../../../shared/masters/model';
import { useQuery } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';

/** One character per cell: 委 to a center, 他 to another body, 広 joint, 直 direct. */
function chipOf(item: LinkageItem): { text: string; className: string } {
  if (item.mode === 'entrusted') return item.centerId !== null ? { text: '委', className: 'chip chip--entrusted' } : { text: '他', className: 'chip chip--other' };
  return item.mode === 'joint' ? { text: '広', className: 'chip chip--joint' } : { text: '直', className: 'chip chip--direct' };
}

export function CentersTab() {
  const years = useQuery('masters.linkage.years', {});
  const [year, setYear] = useState<number | undefined>();
  useEffect(() => {
    if (year === undefined && years.data) setYear(years.data[0] ?? new Date().getFullYear());
  }, [years.data, year]);
  const fy = year ?? 2000;
  const centers = useQuery('masters.centers.list', { fiscalYear: fy });
  const linkage = useQuery('masters.linkage.list', { fiscalYear: fy });
  const municipalities = useQuery('masters.municipalities.list', {});
  const nameOf = new Map(municipalities.data?.map((m) => [m.code, m.name]));
  const centerName = new Map(centers.data?.map((c) => [c.id, c.name]));

  const byMunicipality = new Map<string, LinkageItem[]>();
  for (const item of linkage.data ?? []) byMunicipality.set(item.municipalityCode, [...(byMunicipality.get(item.municipalityCode) ?? []), item]);
  const entrusting = new Set((linkage.data ?? []).filter((i) => i.mode === 'entrusted' && i.centerId !== null).map((i) => i.municipalityCode));
  const total = municipalities.data?.length ?? 0;

  return (
    <>
      <div className="toolbar">
        <Field label="年度">
          {(p) => (
            <select {...p} value={fy} onChange={(e) => setYear(Number(e.target.value))}>
              {(years.data?.length ? years.data : [fy]).map((y) => (
                <option key={y} value={y}>
                  {formatFiscalYear(fiscalYear(y))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="key-figure" data-testid="entrust-summary">
          <span>{formatFiscalYear(fiscalYear(fy))}、</span>
          <strong>{entrusting.size}</strong>
          <span>/ {total} 市町村が在宅医療・介護連携推進事業をセンターに委託</span>
        </div>
      </div>
      {centers.error && <ErrorNotice error={centers.error} />}
      <DataTable
        label="センターの一覧"
        rows={centers.data ?? []}
        rowKey={(c) => c.id}
        columns={[
          { key: 'name', header: 'センター', cell: (c) => <strong>{c.name}</strong>, sortValue: (c) => c.id },
          { key: 'role', nowrap: true, header: '区分', cell: (c) => <span className="badge">{CENTER_ROLE_LABELS[c.role]}</span>, sortValue: (c) => c.role },
          { key: 'operator', header: '運営主体', cell: (c) => c.operatorName ?? '—', sortValue: (c) => c.operatorName ?? '' },
          { key: 'entrusted', header: '病院への委託', cell: (c) => c.entrustedTo || '—', sortValue: (c) => c.entrustedTo },
          { key: 'class', nowrap: true, header: '補助区分', cell: (c) => SUBSIDY_CLASS_LABELS[c.subsidyClass], sortValue: (c) => c.subsidyClass },
          {
            key: 'members',
            header: '対象市町村',
            cell: (c) => (c.role === 'core' ? `県全域（${c.municipalityCodes.length}）` : c.municipalityCodes.map((m) => nameOf.get(m) ?? m).join('、')),
          },
          { key: 'entrusting', header: '委託元', numeric: true, cell: (c) => `${c.entrustingCodes.length} 市町村`, sortValue: (c) => c.entrustingCodes.length },
        ]}
      />

      <h2 style={{ margin: '2rem 0 0.5rem' }}>市町村の在宅医療・介護連携推進事業（{formatFiscalYear(fiscalYear(fy))}）</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        <span className="chip chip--entrusted">委</span> センターに委託　<span className="chip chip--other">他</span> 他の団体に委託　<span className="chip chip--joint">広</span> 広域（共同実施）　
        <span className="chip chip--direct">直</span> 直営
      </p>
      <div className="table-wrap">
        <table className="table matrix" aria-label="連携推進事業の実施方法">
          <thead>
            <tr>
              <th>市町村</th>
              {LINKAGE_ITEMS.map((i) => (
                <th key={i.code} title={i.label}>
                  {i.label.slice(0, 3)}
                </th>
              ))}
              <th>委託先センター</th>
            </tr>
          </thead>
          <tbody>
            {(municipalities.data ?? []).map((m) => {
              const items = byMunicipality.get(m.code) ?? [];
              const centersUsed = [...new Set(items.filter((i) => i.mode === 'entrusted' && i.centerId).map((i) => centerName.get(i.centerId!) ?? ''))];
              return (
                <tr key={m.code}>
                  <td>
                    <strong>{m.name}</strong>
                  </td>
                  {LINKAGE_ITEMS.map((li) => {
                    const item = items.find((i) => i.item === li.code);
                    return (
                      <td key={li.code}>
                        {item ? (
                          <span
                            className={chipOf(item).className}
                            title={`${li.label}: ${LINKAGE_MODE_LABELS[item.mode]}${item.entrustedBody ? `（${item.entrustedBody}）` : ''}${item.note ? ` ${item.note}` : ''}`}
                          >
                            {chipOf(item).text}
                          </span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    );
                  })}
                  <td style={{ textAlign: 'left' }}>{centersUsed.join('、') || <span className="muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
