/** 圏域の編集: name, parent area, display order and member municipalities of one area, in a side panel. */
import { type FormEvent, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { Drawer, DrawerFooter } from '@renderer/components/Drawer';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { Options } from '@renderer/components/Options';
import { useToast } from '@renderer/components/Toast';
import type { AreaSummary } from '@shared/contract';
import { AREA_KIND_LABELS, type AreaKind } from '@shared/masters/model';

/** The kind an area of each kind may sit under (Hokkaido: 在宅医療圏 → 第二次医療圏 → 第三次医療圏). */
const PARENT_KIND: Partial<Record<AreaKind, AreaKind>> = { home_care: 'secondary', secondary: 'tertiary' };

interface Draft {
  name: string;
  parentId: string;
  sortOrder: string;
  members: string[];
}

function draftOf(area: AreaSummary | null): Draft {
  return {
    name: area?.name ?? '',
    parentId: area?.parentId ? String(area.parentId) : '',
    sortOrder: area ? String(area.sortOrder) : '',
    members: area?.municipalityCodes ?? [],
  };
}

export function AreaDrawer({ kind, area, onClose }: { kind: AreaKind; area: AreaSummary | null; onClose(): void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(area));
  // Set once the area exists, so that a retry after a failed member update does not create it twice.
  const [savedId, setSavedId] = useState(area?.id);
  // The version last read or saved: a save over someone else's newer change is refused (ConflictNotice).
  const [version, setVersion] = useState(area?.version);
  const { client } = useApi();
  const municipalities = useQuery('masters.municipalities.list', {});
  const allAreas = useQuery('masters.areas.list', {});
  const save = useMutation('masters.areas.save');
  const setMembers = useMutation('masters.areas.setMembers');
  const remove = useMutation('masters.areas.delete');
  const toast = useToast();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);
  const membersError = setMembers.error;
  const parentKind = PARENT_KIND[kind];
  const parents = parentKind ? (allAreas.data ?? []).filter((a) => a.kind === parentKind) : [];
  const kindLabel = AREA_KIND_LABELS[kind];
  const shownName = area?.name ?? draft.name;
  // An empty 表示順 puts the area after the others of its kind.
  const lastSortOrder = (allAreas.data ?? [])
    .filter((a) => a.kind === kind && a.id !== savedId)
    .reduce((max, a) => Math.max(max, a.sortOrder), 0);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setMembers.reset();
    const saved = await save.run({
      ...(savedId ? { id: savedId, version } : {}),
      kind,
      name: draft.name,
      parentId: parentKind && draft.parentId ? Number(draft.parentId) : null,
      sortOrder: draft.sortOrder.trim() === '' ? lastSortOrder + 1 : Number(draft.sortOrder),
    });
    if (!saved) return;
    setSavedId(saved.id);
    setVersion(saved.version);
    // The members change claims the version the save just gave: a colleague's change in between is refused too.
    const members = await setMembers.run({ id: saved.id, municipalityCodes: draft.members, version: saved.version });
    if (!members) return;
    setVersion(members.version);
    toast(`${saved.name}を保存しました`, 'success');
    onClose();
  };
  const doDelete = async () => {
    setConfirmDelete(false);
    if ((await remove.run({ id: savedId!, version })) !== undefined) {
      toast(`${shownName}を削除しました`, 'success');
      onClose();
    }
  };
  const toggle = (code: string, on: boolean) =>
    setDraft({ ...draft, members: on ? [...draft.members, code] : draft.members.filter((c) => c !== code) });

  return (
    <Drawer
      title={area ? `${kindLabel}「${area.name}」` : `${kindLabel}を追加`}
      onClose={onClose}
      footer={
        <DrawerFooter
          formId="area-form"
          onDelete={savedId ? () => setConfirmDelete(true) : undefined}
          onCancel={onClose}
          saving={save.pending || setMembers.pending}
        />
      }
    >
      {remove.error && !isVersionConflict(remove.error.error) && (
        <div className="notice notice--error" role="alert">
          {remove.error.message}
        </div>
      )}
      <form ref={formRef} id="area-form" className="form-grid" onSubmit={submit}>
        <div className="span-2">
          <Field label="圏域名" error={fieldError(error, 'name')}>
            {(p) => (
              <input {...p} name="name" value={draft.name} maxLength={40} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            )}
          </Field>
        </div>
        {parentKind && (
          <Field
            label="上位の圏域"
            hint={
              parents.length > 0 ? `${AREA_KIND_LABELS[parentKind]}から選びます` : `${AREA_KIND_LABELS[parentKind]}が登録されていません`
            }
            error={fieldError(error, 'parentId')}
          >
            {(p) => (
              <select {...p} value={draft.parentId} onChange={(e) => setDraft({ ...draft, parentId: e.target.value })}>
                <option value="">（なし）</option>
                <Options items={parents} value={(a) => a.id} label={(a) => a.name} />
              </select>
            )}
          </Field>
        )}
        <Field label="表示順" hint="一覧で小さい順に並びます。空欄なら末尾" error={fieldError(error, 'sortOrder')}>
          {(p) => (
            <input
              {...p}
              name="sortOrder"
              type="number"
              min={0}
              max={9999}
              value={draft.sortOrder}
              placeholder={String(lastSortOrder + 1)}
              onChange={(e) => setDraft({ ...draft, sortOrder: e.target.value })}
            />
          )}
        </Field>
        <fieldset className="span-2" style={{ border: 'none', margin: 0, padding: 0, minWidth: 0 }}>
          <legend style={{ fontWeight: 700, padding: 0, marginBottom: '0.35rem' }}>構成市町村（{draft.members.length}）</legend>
          <p className="field__hint" style={{ margin: '0 0 0.5rem' }}>
            ほかの{kindLabel}に属している市町村を選ぶと、保存したときにこちらへ移ります。
          </p>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))', gap: '0.4rem 1rem' }}>
            {municipalities.data?.map((m) => {
              const current = m.areas[kind];
              const elsewhere = current && current.id !== savedId ? current.name : null;
              return (
                <label key={m.code} className="check">
                  <input type="checkbox" checked={draft.members.includes(m.code)} onChange={(e) => toggle(m.code, e.target.checked)} />
                  <span>
                    {m.name}
                    {elsewhere && <span className="muted">（現在: {elsewhere}）</span>}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        <ConflictNotice
          deleteError={remove.error?.error}
          error={error ?? membersError?.error}
          className="span-2"
          unsaved={[`圏域名: ${draft.name}`, `表示順: ${draft.sortOrder}`, `構成市町村: ${draft.members.join('、')}`].join('\n')}
          onReload={async () => {
            const fresh = (await client.call('masters.areas.list', { kind })).find((a) => a.id === savedId) ?? null;
            setVersion(fresh?.version);
            setDraft(draftOf(fresh));
            save.reset();
            remove.reset();
            setMembers.reset();
          }}
        />
        <FormErrorNotice
          error={isVersionConflict(error) ? undefined : error}
          fields={['name', 'parentId', 'sortOrder']}
          className="span-2"
        />
        {membersError && !isVersionConflict(membersError.error) && (
          <div className="notice notice--error span-2" role="alert">
            {savedId && !area
              ? `${kindLabel}は登録しましたが、構成市町村を保存できませんでした。${membersError.message}`
              : membersError.message}
          </div>
        )}
      </form>
      {confirmDelete && (
        <ConfirmDialog
          title={`${kindLabel}「${shownName}」を削除しますか？`}
          confirmLabel="削除する"
          danger
          onConfirm={doDelete}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>
            構成市町村がある圏域や、下位の圏域・指定から参照されている圏域は削除できません。先に構成市町村の選択をすべて外して保存してください。
          </p>
        </ConfirmDialog>
      )}
    </Drawer>
  );
}
