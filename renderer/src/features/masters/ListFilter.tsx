/**
 * Search and area filter for the 台帳 lists that are read whole (centers,
 * associations, the 連携推進事業 matrix, designations): the same
 * kana/width-insensitive match as the large lists, applied on screen.
 */
import { useState } from 'react';
import { useQuery } from '@renderer/api/hooks';
import { Field } from '@renderer/components/Field';
import { Options } from '@renderer/components/Options';
import { AREA_KIND_LABELS, type AreaKind } from '@shared/masters/model';
import { matchesSearch } from '@shared/text/normalize';

export function useListFilter(kind: AreaKind) {
  const [search, setSearch] = useState('');
  const [areaId, setAreaId] = useState<number | undefined>();
  const areas = useQuery('masters.areas.list', { kind });
  const members = new Set(areas.data?.find((a) => a.id === areaId)?.municipalityCodes ?? []);
  return {
    kind,
    search,
    setSearch,
    areaId,
    setAreaId,
    areas: areas.data ?? [],
    /** Every word of the search is in one of `fields`. */
    matches: (fields: readonly (string | null | undefined)[]) =>
      matchesSearch(
        search,
        fields.filter((f): f is string => Boolean(f)),
      ),
    /** No area chosen, or one of `codes` lies in it. */
    inArea: (codes: readonly string[]) => areaId === undefined || codes.some((c) => members.has(c)),
  };
}

export type ListFilter = ReturnType<typeof useListFilter>;

export function ListFilterFields({ filter, hint }: { filter: ListFilter; hint: string }) {
  return (
    <>
      <Field label="検索" hint={hint}>
        {(p) => <input {...p} type="search" value={filter.search} onChange={(e) => filter.setSearch(e.target.value)} />}
      </Field>
      <AreaSelect kind={filter.kind} value={filter.areaId} onChange={filter.setAreaId} />
    </>
  );
}

/** A filter by one area of `kind`, 「すべて」 for none. */
export function AreaSelect({
  kind,
  value,
  onChange,
}: {
  kind: AreaKind;
  value: number | undefined;
  onChange(areaId: number | undefined): void;
}) {
  const areas = useQuery('masters.areas.list', { kind });
  return (
    <Field label={AREA_KIND_LABELS[kind]}>
      {(p) => (
        <select {...p} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">すべて</option>
          <Options items={areas.data} value={(a) => a.id} label={(a) => a.name} />
        </select>
      )}
    </Field>
  );
}
