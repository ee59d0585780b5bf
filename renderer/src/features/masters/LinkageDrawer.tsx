/**
 * One municipality's 在宅医療・介護連携推進事業 for one fiscal year: for each
 * item (ア)〜(ク), how it is run (直営・委託・広域) and by or with whom. The
 * year's items are saved together, so the core checks them as one set.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { Drawer, DrawerFooter } from '@renderer/components/Drawer';
import { Field } from '@renderer/components/Field';
import { Options } from '@renderer/components/Options';
import { useToast } from '@renderer/components/Toast';
import type { CenterRow, MunicipalityRow, OpError } from '@shared/contract';
import type { LinkageItem } from '@shared/contract/masters';
import { formatFiscalYear, fiscalYear as toFiscalYear } from '@shared/fiscal-year';
import { fieldLabel } from '@shared/glossary';
import { LINKAGE_ITEMS, LINKAGE_MODE_LABELS, LINKAGE_MODES, type LinkageMode, linkageItemLabel } from '@shared/masters/model';
import { MunicipalityChecks } from './AssociationDrawer';

interface ItemDraft {
  item: string;
  label: string;
  mode: LinkageMode;
  /** The center select's value: a center id, or '' for a body other than a center. */
  centerId: string;
  entrustedBody: string;
  jointWith: string[];
  note: string;
}

/** The eight standard items in order (直営 where nothing is recorded), then any local items the year already has. */
function draftOf(saved: LinkageItem[]): ItemDraft[] {
  const rowOf = (item: string, label: string): ItemDraft => {
    const s = saved.find((i) => i.item === item);
    return {
      item,
      label,
      mode: s?.mode ?? 'direct',
      centerId: s?.centerId === null || s?.centerId === undefined ? '' : String(s.centerId),
      entrustedBody: s?.entrustedBody ?? '',
      jointWith: s?.jointWith ?? [],
      note: s?.note ?? '',
    };
  };
  const standard = new Set<string>(LINKAGE_ITEMS.map((i) => i.code));
  return [
    ...LINKAGE_ITEMS.map((i) => rowOf(i.code, i.label)),
    ...saved.filter((i) => !standard.has(i.item)).map((i) => rowOf(i.item, linkageItemLabel(i.item))),
  ];
}

/** Only what the chosen mode uses is sent; the core would drop the rest anyway. */
function toInput(d: ItemDraft) {
  return {
    item: d.item,
    mode: d.mode,
    centerId: d.mode === 'entrusted' && d.centerId !== '' ? Number(d.centerId) : null,
    entrustedBody: d.mode === 'entrusted' ? d.entrustedBody : '',
    jointWith: d.mode === 'joint' ? d.jointWith : [],
    note: d.note,
  };
}

/**
 * The core's message for `field` of the item at `index`. The core prefixes a
 * message that does not name its field with the path (「事業項目 › 8行目 › …: 」);
 * next to the item that prefix only confuses, so it is dropped.
 */
function itemError(error: OpError | undefined, index: number, field: string): string | undefined {
  const issue = error?.issues?.find((i) => i.path[0] === 'items' && i.path[1] === index && i.path[2] === field);
  if (!issue) return undefined;
  const prefix = `${issue.path.map(fieldLabel).join(' › ')}: `;
  return issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
}

const aboutItem = (error: OpError | undefined) =>
  Boolean(error?.issues?.some((i) => i.path[0] === 'items' && typeof i.path[1] === 'number'));

/** Centers covering the municipality first (地域 before 基幹), the others after. */
function centerGroups(centers: CenterRow[], municipalityCode: string): { label: string; centers: CenterRow[] }[] {
  const covering = centers
    .filter((c) => c.municipalityCodes.includes(municipalityCode))
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'regional' ? -1 : 1));
  const others = centers.filter((c) => !c.municipalityCodes.includes(municipalityCode));
  return [
    { label: 'この市町村を担当するセンター', centers: covering },
    { label: 'その他のセンター', centers: others },
  ].filter((g) => g.centers.length > 0);
}

export function LinkageDrawer({
  municipality,
  fiscalYear,
  onClose,
}: {
  municipality: MunicipalityRow;
  fiscalYear: number;
  onClose(): void;
}) {
  const saved = useQuery('masters.linkage.list', { fiscalYear, municipalityCode: municipality.code });
  const centers = useQuery('masters.centers.list', { fiscalYear });
  const municipalities = useQuery('masters.municipalities.list', {});
  const save = useMutation('masters.linkage.save');
  const toast = useToast();
  const [draft, setDraft] = useState<ItemDraft[] | null>(null);
  // The year's items share one version (0: none saved yet), sent with the save; 再読み込み after a conflict takes the new one.
  const [version, setVersion] = useState(0);
  const { client } = useApi();
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.error?.error;
  const yearLabel = formatFiscalYear(toFiscalYear(fiscalYear));

  useEffect(() => {
    if (draft === null && saved.data) {
      setDraft(draftOf(saved.data));
      setVersion(saved.data[0]?.version ?? 0);
    }
  }, [draft, saved.data]);

  // The drawer opens before the items have loaded, so the first field gets the cursor once they have.
  const loaded = draft !== null;
  useEffect(() => {
    if (loaded) formRef.current?.querySelector<HTMLElement>('select')?.focus();
  }, [loaded]);

  // After a refusal, put the cursor where the first message is, so a keyboard user lands on what to fix.
  useEffect(() => {
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid?.matches('fieldset') ? invalid.querySelector<HTMLElement>('input') : invalid)?.focus();
  }, [save.error]);

  const update = (index: number, patch: Partial<ItemDraft>) =>
    setDraft((d) => (d ? d.map((item, i) => (i === index ? { ...item, ...patch } : item)) : d));

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!draft) return;
    const result = await save.run({ municipalityCode: municipality.code, fiscalYear, items: draft.map(toInput), version });
    if (result) {
      toast(`${municipality.name}の連携推進事業（${yearLabel}）を保存しました`, 'success');
      onClose();
    }
  };

  const groups = centerGroups(centers.data ?? [], municipality.code);
  const partners = (municipalities.data ?? []).filter((m) => m.code !== municipality.code);

  return (
    <Drawer
      title={`${municipality.name}の連携推進事業（${yearLabel}）`}
      onClose={onClose}
      footer={<DrawerFooter formId="linkage-form" onCancel={onClose} saving={save.pending || draft === null} />}
    >
      {saved.error && (
        <div className="notice notice--error" role="alert">
          {saved.error.message}
        </div>
      )}
      <ConflictNotice
        error={error}
        unsaved={(draft ?? []).map((d) => `${d.label}: ${LINKAGE_MODE_LABELS[d.mode]} ${d.entrustedBody} ${d.note}`.trim()).join('\n')}
        onReload={async () => {
          const fresh = await client.call('masters.linkage.list', { fiscalYear, municipalityCode: municipality.code });
          setDraft(draftOf(fresh));
          setVersion(fresh[0]?.version ?? 0);
          save.reset();
        }}
      />
      {save.error && !aboutItem(error) && !isVersionConflict(error) && (
        <div className="notice notice--error" role="alert">
          {save.error.message}
        </div>
      )}
      {draft === null ? (
        !saved.error && <p className="muted">読み込み中…</p>
      ) : (
        <form id="linkage-form" ref={formRef} onSubmit={submit}>
          {draft.map((d, index) => (
            <fieldset
              key={d.item}
              style={{ border: 0, borderTop: index === 0 ? 0 : '1px solid var(--c-border)', padding: '1rem 0', margin: 0, minWidth: 0 }}
            >
              <legend style={{ fontWeight: 700, padding: 0, float: 'left', width: '100%', marginBottom: '0.75rem' }}>{d.label}</legend>
              <div className="form-grid" style={{ clear: 'both' }}>
                <Field label="実施方法" error={itemError(error, index, 'mode')}>
                  {(p) => (
                    <select {...p} value={d.mode} onChange={(e) => update(index, { mode: e.target.value as LinkageMode })}>
                      {LINKAGE_MODES.map((m) => (
                        <option key={m} value={m}>
                          {LINKAGE_MODE_LABELS[m]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {d.mode === 'entrusted' && (
                  <Field label="委託先センター" error={itemError(error, index, 'centerId')}>
                    {(p) => (
                      // Long center names would otherwise widen the select past the drawer.
                      <select
                        {...p}
                        value={d.centerId}
                        style={{ width: '100%' }}
                        onChange={(e) => update(index, { centerId: e.target.value })}
                      >
                        <option value="">（センター以外に委託）</option>
                        {groups.map((g) => (
                          <optgroup key={g.label} label={g.label}>
                            <Options items={g.centers} value={(c) => c.id} label={(c) => c.name} />
                          </optgroup>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
                {d.mode === 'entrusted' && (d.centerId === '' || d.entrustedBody !== '') && (
                  <Field label="委託先団体" hint="センター以外に委託するときの団体名" error={itemError(error, index, 'entrustedBody')}>
                    {(p) => (
                      <input
                        {...p}
                        value={d.entrustedBody}
                        placeholder="例: 地域包括支援センター"
                        onChange={(e) => update(index, { entrustedBody: e.target.value })}
                      />
                    )}
                  </Field>
                )}
                <Field label="備考" error={itemError(error, index, 'note')}>
                  {(p) => <input {...p} value={d.note} onChange={(e) => update(index, { note: e.target.value })} />}
                </Field>
                {d.mode === 'joint' && (
                  <MunicipalityChecks
                    legend="共同で実施する市町村"
                    municipalities={partners}
                    value={d.jointWith}
                    onChange={(codes) => update(index, { jointWith: codes })}
                    error={itemError(error, index, 'jointWith')}
                  />
                )}
              </div>
            </fieldset>
          ))}
        </form>
      )}
    </Drawer>
  );
}
