/** 医療機関・訪問看護ステーション: search, filter by kind and area, sort, page; a detail form. */
import { type FormEvent, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { DataTable, focusFirstRowOnArrowDown } from '@renderer/components/DataTable';
import { Field, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { Options } from '@renderer/components/Options';
import { Pager } from '@renderer/components/Pager';
import { RecordDrawer } from '@renderer/components/RecordDrawer';
import { useToast } from '@renderer/components/Toast';
import { countOf } from '@renderer/lib/counts';
import type { InstitutionRow } from '@shared/contract';
import { formatNumber } from '@shared/format';
import { INSTITUTION_KIND_LABELS, INSTITUTION_KINDS, type InstitutionKind } from '@shared/masters/model';
import { AreaSelect } from './ListFilter';
import { INSTITUTION_AREA_KIND, INSTITUTION_PAGE, type InstitutionSort, institutionListInput } from './questions';

interface Draft {
  code: string;
  name: string;
  kind: InstitutionKind;
  municipalityCode: string;
  address: string;
  homeCareSupport: boolean;
  enhanced: boolean;
  beds: string;
}

function draftOf(row: InstitutionRow | null): Draft {
  return {
    code: row?.code ?? '',
    name: row?.name ?? '',
    kind: row?.kind ?? 'clinic',
    municipalityCode: row?.municipalityCode ?? '',
    address: row?.address ?? '',
    homeCareSupport: row?.homeCareSupport ?? false,
    enhanced: row?.enhanced ?? false,
    beds: row?.beds === null || row?.beds === undefined ? '' : String(row.beds),
  };
}

function InstitutionDrawer({ row: opened, onClose }: { row: InstitutionRow | null; onClose(): void }) {
  // The record as last read: 再読み込み after a conflict replaces it (and its version) with the one saved since.
  const [row, setRow] = useState(opened);
  const [draft, setDraft] = useState<Draft>(() => draftOf(opened));
  const { client } = useApi();
  const municipalities = useQuery('masters.municipalities.list', {});
  const save = useMutation('masters.institutions.save');
  const remove = useMutation('masters.institutions.delete');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  const [bedsProblem, setBedsProblem] = useState<string | undefined>();
  useFocusFirstError(formRef, bedsProblem ?? save.error);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    // A save on its way is not sent again: a new institution would be added twice.
    if (save.pending) return;
    // Checked here: unreadable text would travel as null, which this field saves as 「空欄」.
    const beds = draft.beds.trim() === '' ? null : countOf(draft.beds, '床');
    if (Number.isNaN(beds)) {
      save.reset();
      setBedsProblem('病床数は数値で入力してください（例: 120）');
      return;
    }
    setBedsProblem(undefined);
    const saved = await save.run({
      ...(row ? { id: row.id, version: row.version } : {}),
      code: draft.code.trim() === '' ? null : draft.code.trim(),
      name: draft.name,
      kind: draft.kind,
      municipalityCode: draft.municipalityCode || null,
      address: draft.address,
      homeCareSupport: draft.homeCareSupport,
      enhanced: draft.enhanced,
      beds,
    });
    if (saved) {
      toast(`${saved.name}を保存しました`, 'success');
      onClose();
    }
  };
  const set = (key: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [key]: e.target.value });

  return (
    <RecordDrawer
      title={row ? row.name : '医療機関を追加'}
      formId="institution-form"
      formRef={formRef}
      save={save}
      remove={remove}
      onSubmit={submit}
      onClose={onClose}
      deletion={
        row && {
          title: `${row.name}を削除しますか？`,
          note: '指定や連携先として参照されている場合は削除できません。',
          run: () => remove.run({ id: row.id, version: row.version }),
          done: `${row.name}を削除しました`,
        }
      }
      unsaved={[`名称: ${draft.name}`, `医療機関コード: ${draft.code}`, `所在地: ${draft.address}`, `病床数: ${draft.beds}`].join('\n')}
      reload={async () => {
        const fresh = row ? await client.call('masters.institutions.get', { id: row.id }) : null;
        setRow(fresh);
        setDraft(draftOf(fresh));
      }}
      fields={['address', 'beds', 'code', 'kind', 'municipalityCode', 'name']}
    >
      <Field label="名称" error={fieldError(error, 'name')}>
        {(p) => <input {...p} name="name" value={draft.name} onChange={set('name')} />}
      </Field>
      <Field label="種別" error={fieldError(error, 'kind')}>
        {(p) => (
          <select {...p} value={draft.kind} onChange={set('kind')}>
            {INSTITUTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {INSTITUTION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="医療機関コード" hint="わかる場合のみ（数字7〜10桁）" error={fieldError(error, 'code')}>
        {(p) => <input {...p} name="code" value={draft.code} inputMode="numeric" onChange={set('code')} />}
      </Field>
      <Field label="市区町村" error={fieldError(error, 'municipalityCode')}>
        {(p) => (
          <select {...p} value={draft.municipalityCode} onChange={set('municipalityCode')}>
            <option value="">（未設定）</option>
            <Options items={municipalities.data} value={(m) => m.code} label={(m) => m.name} />
          </select>
        )}
      </Field>
      <div className="span-2">
        <Field label="所在地" error={fieldError(error, 'address')}>
          {(p) => <input {...p} name="address" value={draft.address} onChange={set('address')} />}
        </Field>
      </div>
      <Field label="病床数" error={bedsProblem ?? fieldError(error, 'beds')}>
        {(p) => <input {...p} name="beds" value={draft.beds} inputMode="numeric" onChange={set('beds')} />}
      </Field>
      <div style={{ display: 'grid', gap: '0.5rem', alignContent: 'end' }}>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.homeCareSupport}
            onChange={(e) => setDraft({ ...draft, homeCareSupport: e.target.checked })}
          />
          在宅療養支援診療所・病院
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.enhanced} onChange={(e) => setDraft({ ...draft, enhanced: e.target.checked })} />
          機能強化型
        </label>
      </div>
    </RecordDrawer>
  );
}

export function InstitutionsTab() {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<InstitutionKind | ''>('');
  const [areaId, setAreaId] = useState<number | undefined>();
  const [sort, setSort] = useState<InstitutionSort>('name');
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<InstitutionRow | null | undefined>(undefined);
  const list = useQuery('masters.institutions.list', institutionListInput({ search, sort, page, kind, areaId }), {
    keepPreviousWhileLoading: true,
  });
  const total = list.data?.total ?? 0;
  const reset =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      setPage(0);
    };

  return (
    <>
      <div className="toolbar">
        <Field label="検索" hint="名称・コード・所在地・市町村（かな・半角どれでも）。↓で一覧へ">
          {(p) => (
            <input
              {...p}
              type="search"
              value={search}
              onChange={(e) => reset(setSearch)(e.target.value)}
              placeholder="例: ﾎｰﾑｹｱ"
              onKeyDown={focusFirstRowOnArrowDown('医療機関の一覧')}
              autoFocus
            />
          )}
        </Field>
        <Field label="種別">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => reset(setKind)(e.target.value as InstitutionKind | '')}>
              <option value="">すべて</option>
              {INSTITUTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {INSTITUTION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AreaSelect kind={INSTITUTION_AREA_KIND} value={areaId} onChange={reset(setAreaId)} />
        <Field label="並べ替え">
          {(p) => (
            <select {...p} value={sort} onChange={(e) => reset(setSort)(e.target.value as InstitutionSort)}>
              <option value="name">名称</option>
              <option value="code">医療機関コード</option>
              <option value="municipality">市区町村</option>
              <option value="kind">種別</option>
            </select>
          )}
        </Field>
        <button data-edit type="button" className="button button--secondary" onClick={() => setEditing(null)}>
          ＋ 医療機関を追加
        </button>
      </div>
      <DataTable
        from={[list]}
        label="医療機関の一覧"
        rows={list.data?.rows ?? []}
        rowKey={(r) => r.id}
        onActivate={(r) => setEditing(r)}
        empty="条件に合う医療機関はありません。"
        columns={[
          { key: 'name', header: '名称', cell: (r) => <strong>{r.name}</strong> },
          { key: 'kind', header: '種別', cell: (r) => INSTITUTION_KIND_LABELS[r.kind] },
          { key: 'code', header: '医療機関コード', cell: (r) => <span className="mono">{r.code ?? '—'}</span> },
          { key: 'municipality', header: '市区町村', cell: (r) => r.municipalityName ?? '—' },
          { key: 'flags', header: '在宅療養支援', cell: (r) => (r.homeCareSupport ? (r.enhanced ? '機能強化型' : '○') : '') },
          { key: 'beds', header: '病床数', numeric: true, cell: (r) => (r.beds === null ? '—' : formatNumber(r.beds)) },
          { key: 'address', header: '所在地', cell: (r) => r.address },
        ]}
      />
      <Pager total={total} loading={list.loading} page={page} pageSize={INSTITUTION_PAGE} onPage={setPage} testId="institution-total" />
      {editing !== undefined && <InstitutionDrawer row={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
