/** 在宅医療において積極的役割を担う医療機関: the designations by 在宅医療圏, with ○ per requirement, as of a date; add, edit, delete. */
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@renderer/api/hooks';
import { DataTable } from '@renderer/components/DataTable';
import { DateField } from '@renderer/components/DateField';
import { Field } from '@renderer/components/Field';
import type { DesignationRow } from '@shared/contract';
import type { IsoDate } from '@shared/dates';
import { DESIGNATION_REQUIREMENTS } from '@shared/masters/model';
import { formatWareki } from '@shared/wareki';
import { DesignationDrawer } from './DesignationDrawer';
import { ListFilterFields, useListFilter } from './ListFilter';

export function DesignationsTab() {
  const [asOf, setAsOf] = useState('');
  const [editing, setEditing] = useState<DesignationRow | null | undefined>(undefined);
  const list = useQuery('masters.designations.list', asOf ? { asOf } : {});
  const filter = useListFilter('home_care');
  // Stable, so the drawer does not take focus back each time the list reloads behind it.
  const close = useCallback(() => setEditing(undefined), []);
  // The 帳票 takes the same 時点 as its 基準日; blank leaves it to today.
  const reportLink = (name: string) => `/report/view/${name}${asOf ? `?date=${asOf}` : ''}`;
  return (
    <>
      <div className="toolbar">
        <ListFilterFields filter={filter} hint="医療機関・連携先の名前（かな・半角どれでも）" />
        <Field label="時点" hint="この日までに指定されたもの（空欄はすべて）">
          {(p) => <DateField {...p} value={asOf} onChange={setAsOf} />}
        </Field>
        <button data-edit type="button" className="button button--secondary" onClick={() => setEditing(null)}>
          ＋ 指定を追加
        </button>
        <Link to={reportLink('masters.designations.byArea')} className="button button--secondary">
          圏域別（詳細版）を表示
        </Link>
        <Link to={reportLink('masters.designations.byFunction')} className="button button--secondary">
          機能別（概要版）を表示
        </Link>
        <span className="toolbar__note">①②③は必須要件、④⑤は任意要件です。○は要件を満たしていることを示します。</span>
      </div>
      <DataTable
        from={[list]}
        label="積極的役割を担う医療機関の一覧"
        rows={(list.data ?? []).filter(
          (d) =>
            filter.matches([d.institutionName, d.areaName, ...d.partnerInstitutionNames, ...d.partnerStationNames]) &&
            (filter.areaId === undefined || d.areaId === filter.areaId),
        )}
        rowKey={(d) => d.id}
        onActivate={(d) => setEditing(d)}
        empty="指定はありません。"
        columns={[
          { key: 'area', nowrap: true, header: '在宅医療圏', cell: (d) => d.areaName, sortValue: (d) => d.areaName },
          { key: 'name', header: '医療機関', cell: (d) => <strong>{d.institutionName}</strong>, sortValue: (d) => d.institutionName },
          ...DESIGNATION_REQUIREMENTS.map((r, i) => ({
            key: `r${r.no}`,
            header: r.label.slice(0, 1),
            cell: (d: DesignationRow) =>
              d.requirements[i] ? (
                <span className="maru" role="img" aria-label="該当">
                  ○
                </span>
              ) : (
                ''
              ),
          })),
          { key: 'partners', header: '連携している医療機関', cell: (d) => d.partnerInstitutionNames.join('、') || '—' },
          { key: 'stations', header: '連携している訪問看護事業所', cell: (d) => d.partnerStationNames.join('、') || '—' },
          {
            key: 'date',
            nowrap: true,
            header: '指定日',
            cell: (d) => formatWareki(d.designatedOn as IsoDate),
            sortValue: (d) => d.designatedOn,
          },
        ]}
      />
      {editing !== undefined && <DesignationDrawer row={editing} onClose={close} />}
    </>
  );
}
