/**
 * 医師会・センター: the centers and the associations that run them, and for a
 * fiscal year which (ア)〜(ク) items each municipality entrusts to a center —
 * with the headline "N of M municipalities entrust work to a center". Rows
 * open the detail drawers.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@renderer/api/hooks';
import { DataTable } from '@renderer/components/DataTable';
import { Field } from '@renderer/components/Field';
import { fiscalYearLabel } from '@renderer/components/FiscalYearSelect';
import { useRole } from '@renderer/components/Permitted';
import type { CenterRow, MunicipalityRow } from '@shared/contract';
import type { LinkageItem, MedicalAssociation } from '@shared/contract/masters';
import { setsCenterTerms } from '@shared/contract/permissions';
import { isoDateOfLocal } from '@shared/dates';
import { fiscalYear, fiscalYearOf, formatFiscalYear } from '@shared/fiscal-year';
import { ASSOCIATION_KIND_LABELS, CENTER_ROLE_LABELS, LINKAGE_ITEMS, linkageItemText, SUBSIDY_CLASS_LABELS } from '@shared/masters/model';
import { AssociationDrawer } from './AssociationDrawer';
import { CenterDrawer } from './CenterDrawer';
import { LinkageDrawer } from './LinkageDrawer';
import { ListFilterFields, useListFilter } from './ListFilter';

/** One character per cell: 委 to a center, 他 to another body, 広 joint, 直 direct. */
function chipOf(item: LinkageItem): { text: string; className: string } {
  if (item.mode === 'entrusted')
    return item.centerId !== null ? { text: '委', className: 'chip chip--entrusted' } : { text: '他', className: 'chip chip--other' };
  return item.mode === 'joint' ? { text: '広', className: 'chip chip--joint' } : { text: '直', className: 'chip chip--direct' };
}

export function CentersTab() {
  const years = useQuery('masters.linkage.years', {});
  const thisYear = fiscalYearOf(isoDateOfLocal(new Date()));
  // The years on record, and this fiscal year so its items can be entered before any exist.
  const yearChoices = [...new Set([...(years.data ?? []), thisYear])].sort((a, b) => b - a);
  const [year, setYear] = useState<number | undefined>();
  useEffect(() => {
    if (year === undefined && years.data) setYear(years.data[0] ?? thisYear);
  }, [years.data, year, thisYear]);
  // Until the years on record answer, this year's lists are asked for, but no year is named on screen.
  const fy = year ?? thisYear;
  const centers = useQuery('masters.centers.list', { fiscalYear: fy });
  const linkage = useQuery('masters.linkage.list', { fiscalYear: fy });
  const municipalities = useQuery('masters.municipalities.list', {});
  const associations = useQuery('masters.associations.list', {});
  const [editingCenter, setEditingCenter] = useState<CenterRow | null | undefined>(undefined);
  const role = useRole();
  const [editingAssociation, setEditingAssociation] = useState<MedicalAssociation | null | undefined>(undefined);
  const [linkageOf, setLinkageOf] = useState<MunicipalityRow | undefined>(undefined);
  const filter = useListFilter('secondary');
  const nameOf = new Map(municipalities.data?.map((m) => [m.code, m.name]));
  const centerName = new Map(centers.data?.map((c) => [c.id, c.name]));

  const byMunicipality = new Map<string, LinkageItem[]>();
  for (const item of linkage.data ?? [])
    byMunicipality.set(item.municipalityCode, [...(byMunicipality.get(item.municipalityCode) ?? []), item]);
  const entrusting = new Set(
    (linkage.data ?? []).filter((i) => i.mode === 'entrusted' && i.centerId !== null).map((i) => i.municipalityCode),
  );
  // The association records the items of the municipalities its centers cover (the database shows it no others).
  const covered =
    role !== undefined && !setsCenterTerms(role) ? new Set(centers.data?.flatMap((c) => c.municipalityCodes) ?? []) : undefined;
  const linkageRows = (municipalities.data ?? []).filter((m) => covered === undefined || covered.has(m.code));
  const total = municipalities.data?.length ?? 0;
  const namesOf = (codes: string[]) =>
    codes.length === total && total > 0 ? `県全域（${total}）` : codes.map((m) => nameOf.get(m) ?? m).join('、');

  return (
    <>
      <div className="toolbar">
        {year !== undefined && (
          <Field label="年度">
            {(p) => (
              <select {...p} value={year} onChange={(e) => setYear(Number(e.target.value))}>
                {yearChoices.map((y) => (
                  <option key={y} value={y}>
                    {fiscalYearLabel(fiscalYear(y))}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <ListFilterFields filter={filter} hint="センター・医師会・市町村の名前（かな・半角どれでも）" />
        {year !== undefined && (
          // Its place is kept while it loads (hidden, unnamed): the lists below do not move under a click when it comes.
          <div
            className="key-figure"
            {...(linkage.data && municipalities.data
              ? { 'data-testid': 'entrust-summary' }
              : { 'aria-hidden': true, style: { visibility: 'hidden' as const } })}
          >
            <span>{formatFiscalYear(fiscalYear(year))}、</span>
            <strong>{entrusting.size}</strong>
            <span>
              / {covered === undefined ? `${total} 市町村` : `${covered.size} 市町村（センターの対象市町村）`}
              が在宅医療・介護連携推進事業をセンターに委託
            </span>
          </div>
        )}
      </div>

      <div className="card__head">
        <h2>在宅医療推進センター</h2>
        {/* The prefecture adds centers: their terms (補助区分 and the rest) are its to set. */}
        {(role === undefined || setsCenterTerms(role)) && (
          <button data-edit type="button" className="button button--secondary" onClick={() => setEditingCenter(null)}>
            ＋ センターを追加
          </button>
        )}
      </div>
      <DataTable
        label="センターの一覧"
        from={[years, centers]}
        rows={(centers.data ?? []).filter(
          (c) => filter.matches([c.name, c.operatorName, c.entrustedTo, c.contact]) && filter.inArea(c.municipalityCodes),
        )}
        rowKey={(c) => c.id}
        onActivate={(c) => setEditingCenter(c)}
        empty="センターは登録されていません。"
        columns={[
          { key: 'name', header: 'センター', cell: (c) => <strong>{c.name}</strong>, sortValue: (c) => c.id },
          {
            key: 'role',
            nowrap: true,
            header: '区分',
            cell: (c) => <span className="badge">{CENTER_ROLE_LABELS[c.role]}</span>,
            sortValue: (c) => c.role,
          },
          { key: 'operator', header: '運営主体', cell: (c) => c.operatorName ?? '—', sortValue: (c) => c.operatorName ?? '' },
          { key: 'entrusted', header: '病院への委託', cell: (c) => c.entrustedTo || '—', sortValue: (c) => c.entrustedTo },
          {
            key: 'class',
            nowrap: true,
            header: '補助区分',
            cell: (c) => SUBSIDY_CLASS_LABELS[c.subsidyClass],
            sortValue: (c) => c.subsidyClass,
          },
          { key: 'members', header: '対象市町村', cell: (c) => namesOf(c.municipalityCodes) },
          { key: 'contact', header: '連絡先', cell: (c) => c.contact || '—' },
          {
            key: 'entrusting',
            header: '委託元',
            numeric: true,
            cell: (c) => `${c.entrustingCodes.length} 市町村`,
            sortValue: (c) => c.entrustingCodes.length,
          },
        ]}
      />

      <div className="card__head" style={{ marginTop: '2rem' }}>
        <h2>医師会</h2>
        <button data-edit type="button" className="button button--secondary" onClick={() => setEditingAssociation(null)}>
          ＋ 医師会を追加
        </button>
      </div>
      <DataTable
        from={[associations]}
        label="医師会の一覧"
        rows={(associations.data ?? []).filter((a) => filter.matches([a.name]) && filter.inArea(a.municipalityCodes))}
        rowKey={(a) => a.id}
        onActivate={(a) => setEditingAssociation(a)}
        empty="医師会は登録されていません。"
        columns={[
          { key: 'name', header: '名称', cell: (a) => <strong>{a.name}</strong>, sortValue: (a) => a.id },
          {
            key: 'kind',
            nowrap: true,
            header: '区分',
            cell: (a) => <span className="badge">{ASSOCIATION_KIND_LABELS[a.kind]}</span>,
            sortValue: (a) => a.kind,
          },
          { key: 'members', header: '対象市町村', cell: (a) => namesOf(a.municipalityCodes) || '—' },
        ]}
      />

      <h2 style={{ margin: '2rem 0 0.5rem' }}>
        市町村の在宅医療・介護連携推進事業{year !== undefined && `（${formatFiscalYear(fiscalYear(year))}）`}
      </h2>
      <p className="muted" style={{ marginTop: 0 }}>
        <span className="chip chip--entrusted">委</span> センターに委託　<span className="chip chip--other">他</span> 他の団体に委託　
        <span className="chip chip--joint">広</span> 広域（共同実施）　
        <span className="chip chip--direct">直</span> 直営　— 市町村の行を選ぶ（Enter）と実施方法を編集できます
      </p>
      <DataTable
        from={[years, municipalities, linkage, centers]}
        label="連携推進事業の実施方法"
        rows={linkageRows.filter((m) => filter.matches([m.name, m.kana, m.code]) && filter.inArea([m.code]))}
        rowKey={(m) => m.code}
        onActivate={(m) => setLinkageOf(m)}
        columns={[
          { key: 'name', header: '市町村', cell: (m) => <strong>{m.name}</strong> },
          ...LINKAGE_ITEMS.map((li) => ({
            key: li.code,
            header: li.label.slice(0, 3),
            cell: (m: MunicipalityRow) => {
              const item = byMunicipality.get(m.code)?.find((i) => i.item === li.code);
              if (!item) return <span className="muted">—</span>;
              const chip = chipOf(item);
              const target = item.centerId !== null ? centerName.get(item.centerId) : item.entrustedBody || undefined;
              return (
                <span className={chip.className} title={`${li.label}: ${linkageItemText(item.mode, target ? [target] : [], item.note)}`}>
                  {chip.text}
                </span>
              );
            },
          })),
          {
            key: 'centers',
            header: '委託先センター',
            cell: (m) => {
              const used = new Set(
                (byMunicipality.get(m.code) ?? [])
                  .filter((i) => i.mode === 'entrusted' && i.centerId !== null)
                  .map((i) => centerName.get(i.centerId!) ?? ''),
              );
              return [...used].join('、') || <span className="muted">—</span>;
            },
          },
        ]}
      />

      {editingCenter !== undefined && <CenterDrawer row={editingCenter} onClose={() => setEditingCenter(undefined)} />}
      {editingAssociation !== undefined && <AssociationDrawer row={editingAssociation} onClose={() => setEditingAssociation(undefined)} />}
      {linkageOf && <LinkageDrawer municipality={linkageOf} fiscalYear={fy} onClose={() => setLinkageOf(undefined)} />}
    </>
  );
}
