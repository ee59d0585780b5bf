/**
 * 医師会の詳細: name, 県医師会/郡市医師会 and the municipalities it covers.
 * Also home of `MunicipalityChecks`, the checkbox list of municipalities the
 * center and linkage forms use too.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { Field, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { RecordDrawer } from '@renderer/components/RecordDrawer';
import { useToast } from '@renderer/components/Toast';
import type { MunicipalityRow } from '@shared/contract';
import type { MedicalAssociation } from '@shared/contract/masters';
import { ASSOCIATION_KIND_LABELS, ASSOCIATION_KINDS, type AssociationKind } from '@shared/masters/model';

/**
 * One checkbox per municipality, as a labelled group; `bulk` adds 「すべて選択」「すべて解除」.
 * `value` keeps the order of `municipalities`.
 */
export function MunicipalityChecks({
  legend,
  municipalities,
  value,
  onChange,
  error,
  bulk = false,
  disabled = false,
}: {
  legend: string;
  municipalities: readonly Pick<MunicipalityRow, 'code' | 'name'>[];
  value: readonly string[];
  onChange(codes: string[]): void;
  error?: string | undefined;
  bulk?: boolean;
  /** Shown to read, not to change (what the role may not set). */
  disabled?: boolean;
}) {
  const chosen = new Set(value);
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    onChange(municipalities.filter((m) => next.has(m.code)).map((m) => m.code));
  };
  return (
    <fieldset
      className="span-2"
      disabled={disabled}
      aria-invalid={Boolean(error)}
      style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
    >
      <legend style={{ fontWeight: 700, padding: 0, marginBottom: '0.35rem' }}>{legend}</legend>
      <div className="actions" style={{ marginBottom: '0.5rem' }}>
        <span className="muted">
          {value.length} / {municipalities.length} 選択
        </span>
        {bulk && (
          <>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onChange(municipalities.map((m) => m.code))}
            >
              すべて選択
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => onChange([])}>
              すべて解除
            </button>
          </>
        )}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(8.5rem, 1fr))', gap: '0.4rem 1rem' }}>
        {municipalities.map((m) => (
          <label key={m.code} className="check">
            <input type="checkbox" checked={chosen.has(m.code)} onChange={(e) => toggle(m.code, e.target.checked)} />
            {m.name}
          </label>
        ))}
      </div>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

interface Draft {
  name: string;
  kind: AssociationKind;
  municipalityCodes: string[];
}

function draftOf(row: MedicalAssociation | null): Draft {
  return { name: row?.name ?? '', kind: row?.kind ?? 'county', municipalityCodes: row?.municipalityCodes ?? [] };
}

export function AssociationDrawer({ row: opened, onClose }: { row: MedicalAssociation | null; onClose(): void }) {
  // The record as last read: 再読み込み after a conflict replaces it (and its version) with the one saved since.
  const [row, setRow] = useState(opened);
  const [draft, setDraft] = useState<Draft>(() => draftOf(opened));
  const { client } = useApi();
  const municipalities = useQuery('masters.municipalities.list', {});
  const save = useMutation('masters.associations.save');
  const remove = useMutation('masters.associations.delete');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const saved = await save.run({ ...(row ? { id: row.id, version: row.version } : {}), ...draft });
    if (saved) {
      toast(`${saved.name}を保存しました`, 'success');
      onClose();
    }
  };

  return (
    <RecordDrawer
      title={row ? row.name : '医師会を追加'}
      formId="association-form"
      formRef={formRef}
      save={save}
      remove={remove}
      onSubmit={submit}
      onClose={onClose}
      deletion={
        row && {
          title: `${row.name}を削除しますか？`,
          note: 'センターの運営主体になっている医師会は削除できません。先にセンターの運営主体を変えてください。',
          run: () => remove.run({ id: row.id, version: row.version }),
          done: `${row.name}を削除しました`,
        }
      }
      unsaved={[`医師会名: ${draft.name}`, `構成市町村: ${draft.municipalityCodes.join('、')}`].join('\n')}
      reload={async () => {
        const fresh = (await client.call('masters.associations.list', {})).find((a) => a.id === row?.id) ?? null;
        setRow(fresh);
        setDraft(draftOf(fresh));
      }}
      fields={['kind', 'municipalityCodes', 'name']}
    >
      <Field label="名称" error={fieldError(error, 'name')}>
        {(p) => <input {...p} name="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field label="区分" error={fieldError(error, 'kind')}>
        {(p) => (
          <select {...p} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as AssociationKind })}>
            {ASSOCIATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {ASSOCIATION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <MunicipalityChecks
        legend="対象市町村"
        bulk
        municipalities={municipalities.data ?? []}
        value={draft.municipalityCodes}
        onChange={(codes) => setDraft({ ...draft, municipalityCodes: codes })}
        error={fieldError(error, 'municipalityCodes')}
      />
    </RecordDrawer>
  );
}
