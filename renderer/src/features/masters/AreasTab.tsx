/** 圏域: pick an area kind and see its members with population totals and aging rates; add and edit areas. */
import { useState } from 'react';
import { useQuery } from '@renderer/api/hooks';
import { DataTable } from '@renderer/components/DataTable';
import { Field } from '@renderer/components/Field';
import type { AreaSummary } from '@shared/contract';
import { formatNumber, formatRate } from '@shared/format';
import { AREA_KIND_LABELS, AREA_KINDS, type AreaKind } from '@shared/masters/model';
import { AreaDrawer } from './AreaDrawer';

export function AreasTab() {
  const [kind, setKind] = useState<AreaKind>('secondary');
  const [editing, setEditing] = useState<AreaSummary | null | undefined>(undefined);
  const areas = useQuery('masters.areas.list', { kind });
  const municipalities = useQuery('masters.municipalities.list', {});
  const nameOf = new Map(municipalities.data?.map((m) => [m.code, m.name]));
  const rows = areas.data ?? [];
  const sum = (key: keyof AreaSummary['totals']) => rows.reduce((acc, a) => acc + a.totals[key], 0);
  const missing = rows.reduce((acc, a) => acc + a.missing, 0);

  return (
    <>
      <div className="toolbar">
        <Field label="圏域の種類">
          {(p) => (
            <select
              {...p}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as AreaKind);
                setEditing(undefined);
              }}
            >
              {AREA_KINDS.map((k) => (
                <option key={k} value={k}>
                  {AREA_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button data-edit type="button" className="button button--secondary" onClick={() => setEditing(null)}>
          ＋ {AREA_KIND_LABELS[kind]}を追加
        </button>
        <span className="toolbar__note">
          人口は各市町村の最新の基準日の値の合計です。高齢化率＝65歳以上人口÷総人口（小数第2位を四捨五入）。
          {missing > 0 && ` 人口未登録の市町村が ${missing} あります。`}
        </span>
      </div>
      <DataTable
        from={[areas]}
        label={`${AREA_KIND_LABELS[kind]}の一覧`}
        rows={rows}
        rowKey={(a) => a.id}
        onActivate={(a) => setEditing(a)}
        empty={`${AREA_KIND_LABELS[kind]}は登録されていません。`}
        columns={[
          {
            key: 'name',
            header: AREA_KIND_LABELS[kind],
            cell: (a) => <strong>{a.name}</strong>,
            sortValue: (a) => a.sortOrder,
            width: '9rem',
          },
          { key: 'members', header: '構成市町村', cell: (a) => a.municipalityCodes.map((c) => nameOf.get(c) ?? c).join('、') },
          {
            key: 'count',
            header: '市町村数',
            numeric: true,
            cell: (a) => a.municipalityCodes.length,
            sortValue: (a) => a.municipalityCodes.length,
          },
          { key: 'total', header: '総人口', numeric: true, cell: (a) => formatNumber(a.totals.total), sortValue: (a) => a.totals.total },
          { key: 'age65', header: '65歳以上', numeric: true, cell: (a) => formatNumber(a.totals.age65), sortValue: (a) => a.totals.age65 },
          {
            key: 'rate65',
            header: '高齢化率',
            numeric: true,
            cell: (a) => formatRate(a.totals.age65, a.totals.total),
            sortValue: (a) => (a.totals.total ? a.totals.age65 / a.totals.total : 0),
          },
          {
            key: 'rate75',
            header: '75歳以上率',
            numeric: true,
            cell: (a) => formatRate(a.totals.age75, a.totals.total),
            sortValue: (a) => (a.totals.total ? a.totals.age75 / a.totals.total : 0),
          },
          {
            key: 'rate85',
            header: '85歳以上率',
            numeric: true,
            cell: (a) => formatRate(a.totals.age85, a.totals.total),
            sortValue: (a) => (a.totals.total ? a.totals.age85 / a.totals.total : 0),
          },
        ]}
        footer={
          rows.length > 0 && (
            <tr>
              <td>合計</td>
              <td />
              <td className="num">{rows.reduce((acc, a) => acc + a.municipalityCodes.length, 0)}</td>
              <td className="num">{formatNumber(sum('total'))}</td>
              <td className="num">{formatNumber(sum('age65'))}</td>
              <td className="num">{formatRate(sum('age65'), sum('total'))}</td>
              <td className="num">{formatRate(sum('age75'), sum('total'))}</td>
              <td className="num">{formatRate(sum('age85'), sum('total'))}</td>
            </tr>
          )
        }
      />
      {editing !== undefined && <AreaDrawer key={editing?.id ?? 'new'} kind={kind} area={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
