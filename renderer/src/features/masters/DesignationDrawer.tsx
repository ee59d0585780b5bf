/**
 * The form for one 積極的役割を担う医療機関 designation: the institution, its 在宅医療圏,
 * requirements ①〜⑤ and the partners, each chosen from a searched, limited list so it
 * stays usable with 100,000 institutions.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { DateField } from '@renderer/components/DateField';
import { Field, fieldError } from '@renderer/components/Field';
import { converting } from '@renderer/components/ime';
import { Options } from '@renderer/components/Options';
import { PlaceAfterName } from '@renderer/components/PlaceAfterName';
import { RecordDrawer } from '@renderer/components/RecordDrawer';
import { useToast } from '@renderer/components/Toast';
import type { DesignationRow, InstitutionRow, OpError } from '@shared/contract';
import { isoDateOfLocal } from '@shared/dates';
import { formatNumber } from '@shared/format';
import { DESIGNATION_REQUIREMENTS, INSTITUTION_KIND_LABELS, type InstitutionKind } from '@shared/masters/model';

/** How many matches of each kind a chooser shows; beyond that the user narrows the search. */
const CHOICE_LIMIT = 50;

const MEDICAL_KINDS: readonly InstitutionKind[] = ['hospital', 'clinic'];
/** Stations first; hospitals and clinics too, since seed 004 lists them among partner 訪問看護事業所 (みなし訪問看護). */
const STATION_KINDS: readonly InstitutionKind[] = ['nursing_station', 'hospital', 'clinic'];

type Requirements = [boolean, boolean, boolean, boolean, boolean];

interface Choice {
  id: number;
  name: string;
}

interface Draft {
  institution: Choice | null;
  areaId: number | null;
  designatedOn: string;
  requirements: Requirements;
  partnerInstitutions: Choice[];
  partnerStations: Choice[];
}

function draftOf(row: DesignationRow | null): Draft {
  if (!row) {
    return {
      institution: null,
      areaId: null,
      designatedOn: isoDateOfLocal(new Date()),
      requirements: [false, false, false, false, false],
      partnerInstitutions: [],
      partnerStations: [],
    };
  }
  const zip = (ids: number[], names: string[]) => ids.map((id, i) => ({ id, name: names[i] ?? '' }));
  return {
    institution: { id: row.institutionId, name: row.institutionName },
    areaId: row.areaId,
    designatedOn: row.designatedOn,
    requirements: [...row.requirements],
    partnerInstitutions: zip(row.partnerInstitutionIds, row.partnerInstitutionNames),
    partnerStations: zip(row.partnerStationIds, row.partnerStationNames),
  };
}

/** The core's message for requirement `index` (path ['requirements', index]), if it refused it. */
function requirementError(error: OpError | undefined, index: number): string | undefined {
  return fieldError(error, ['requirements', index]);
}

/** ↑↓ move between the checkboxes of a list, as they do between radio buttons. */
function moveBetweenChecks(e: KeyboardEvent<HTMLElement>) {
  if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || !(e.target instanceof HTMLInputElement) || e.target.type !== 'checkbox') return;
  const boxes = [...e.currentTarget.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  const next = boxes[boxes.indexOf(e.target) + (e.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/** One kind's matches for a search, as radio buttons (one choice) or checkboxes (several). */
function KindChoices({
  kind,
  search,
  multiple,
  name,
  selected,
  exclude,
  onToggle,
}: {
  kind: InstitutionKind;
  search: string;
  multiple: boolean;
  name: string;
  selected: ReadonlySet<number>;
  exclude: number | undefined;
  onToggle(row: InstitutionRow, on: boolean): void;
}) {
  const list = useQuery('masters.institutions.list', { search, kind, limit: CHOICE_LIMIT });
  const headId = useId();
  const rows = (list.data?.rows ?? []).filter((r) => r.id !== exclude);
  const total = list.data?.total ?? 0;
  if (list.error)
    return (
      <p className="field__error">
        {INSTITUTION_KIND_LABELS[kind]}を読み込めませんでした。{list.error.message}
      </p>
    );
  if (!list.data) return null;
  return (
    <div role="group" aria-labelledby={headId} style={{ marginBottom: '0.5rem' }}>
      <div id={headId} className="field__hint">
        {INSTITUTION_KIND_LABELS[kind]}
        {rows.length === 0 && '：該当なし'}
      </div>
      <ul className="plain-list">
        {rows.map((r) => (
          <li key={r.id}>
            <label className="check">
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={name}
                checked={selected.has(r.id)}
                onChange={(e) => onToggle(r, e.target.checked)}
              />
              <span>
                {r.name}
                <PlaceAfterName name={r.name} municipalityName={r.municipalityName} />
              </span>
            </label>
          </li>
        ))}
      </ul>
      {total > list.data.rows.length && (
        <p className="field__hint" style={{ margin: 0 }}>
          ほか {formatNumber(total - list.data.rows.length)} 件。名称や市町村で絞り込んでください。
        </p>
      )}
    </div>
  );
}

/**
 * A searchable choice among institutions of some kinds: a search box, a kind filter,
 * the matches of each kind (limited) and what is chosen so far, which stays visible
 * whatever the search.
 */
function InstitutionChooser({
  label,
  hint,
  kinds,
  allLabel,
  multiple,
  selected,
  exclude,
  error,
  onChange,
  onPick,
}: {
  label: string;
  hint: string;
  /** Kinds offered, in the order they are listed. */
  kinds: readonly InstitutionKind[];
  /** The kind filter's option for all of `kinds`. */
  allLabel: string;
  multiple: boolean;
  selected: Choice[];
  exclude?: number;
  error?: string;
  onChange(selected: Choice[]): void;
  /** Called with the full row when one is chosen (the drawer uses its municipality). */
  onPick?(row: InstitutionRow): void;
}) {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<InstitutionKind | ''>('');
  const headId = useId();
  const errorId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const selectedIds = new Set(selected.map((c) => c.id));
  const toggle = (row: InstitutionRow, on: boolean) => {
    const choice = { id: row.id, name: row.name };
    if (!multiple) onChange([choice]);
    else onChange(on ? [...selected, choice] : selected.filter((c) => c.id !== row.id));
    if (on) onPick?.(row);
  };
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (converting(e)) return;
    // Esc first clears a search; only on an empty one does it reach the drawer and close it.
    if (e.key === 'Escape' && search !== '') {
      e.preventDefault();
      e.stopPropagation();
      setSearch('');
      return;
    }
    if (e.key !== 'ArrowDown') return;
    const list = listRef.current;
    const first = list?.querySelector<HTMLInputElement>('input:checked') ?? list?.querySelector<HTMLInputElement>('input');
    if (first) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="span-2" role="group" aria-labelledby={headId} aria-describedby={error ? errorId : undefined}>
      <h3 id={headId}>{label}</h3>
      <p className="field__hint" style={{ margin: '0.15rem 0 0.5rem' }}>
        {hint}
      </p>
      <div style={{ marginBottom: '0.5rem' }}>
        {selected.length === 0 ? (
          <span className="muted">{multiple ? '選ばれていません' : '未選択'}</span>
        ) : (
          <ul className="plain-list chips" aria-label={`選択中の${label}`}>
            {selected.map((c) => (
              <li key={c.id} className="badge">
                {c.name}
                {multiple && (
                  <button
                    type="button"
                    className="sort-button"
                    aria-label={`${c.name}を外す`}
                    onClick={() => onChange(selected.filter((s) => s.id !== c.id))}
                    style={{ marginLeft: '0.35rem' }}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="toolbar" style={{ marginBottom: '0.5rem' }}>
        <div className="field--grow">
          <Field label="検索" hint="名称・市町村（かな・半角可）。↓で候補へ、Escで消去">
            {(p) => (
              <input
                {...p}
                aria-invalid={Boolean(error)}
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                onKeyDown={onSearchKey}
              />
            )}
          </Field>
        </div>
        <Field label="種別">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as InstitutionKind | '')}>
              <option value="">{allLabel}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {INSTITUTION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys pressed on the checkboxes inside bubble up to here. */}
      <div
        ref={listRef}
        className="table-wrap"
        style={{ maxHeight: '13rem', overflowY: 'auto', padding: '0.5rem 0.75rem' }}
        onKeyDown={moveBetweenChecks}
      >
        {(kind ? [kind] : kinds).map((k) => (
          <KindChoices
            key={k}
            kind={k}
            search={search}
            multiple={multiple}
            name={headId}
            selected={selectedIds}
            exclude={exclude}
            onToggle={toggle}
          />
        ))}
      </div>
      {error && (
        <span className="field__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function DesignationDrawer({ row: opened, onClose }: { row: DesignationRow | null; onClose(): void }) {
  // The record as last read: 再読み込み after a conflict replaces it (and its version) with the one saved since.
  const [row, setRow] = useState(opened);
  const [draft, setDraft] = useState(() => draftOf(opened));
  const { client } = useApi();
  const [missing, setMissing] = useState<{ institution?: string; area?: string }>({});
  const areas = useQuery('masters.areas.list', { kind: 'home_care' });
  const save = useMutation('masters.designations.save');
  const remove = useMutation('masters.designations.delete');
  const toast = useToast();
  const error = save.error?.error;
  const requirementsId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // A refusal may concern a control scrolled out of sight: take the user to the first one at fault.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error, missing]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const { institution, areaId } = draft;
    const problems = {
      ...(institution ? {} : { institution: '指定する医療機関を選んでください' }),
      ...(areaId ? {} : { area: '在宅医療圏を選んでください' }),
    };
    setMissing(problems);
    if (!institution || !areaId) return;
    const saved = await save.run({
      ...(row ? { id: row.id, version: row.version } : {}),
      institutionId: institution.id,
      areaId,
      designatedOn: draft.designatedOn,
      requirements: draft.requirements,
      partnerInstitutionIds: draft.partnerInstitutions.map((c) => c.id),
      partnerStationIds: draft.partnerStations.map((c) => c.id),
    });
    if (saved) {
      toast(row ? `${institution.name}の指定を保存しました` : `${institution.name}を指定しました`, 'success');
      onClose();
    }
  };
  /** Enter on a checkbox or radio submits too, as it does in a text box. */
  const submitOnEnter = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement && (e.target.type === 'checkbox' || e.target.type === 'radio')) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  };
  const chooseInstitution = ([choice]: Choice[]) => {
    if (!choice) return;
    const notSelf = (c: Choice) => c.id !== choice.id;
    setDraft((d) => ({
      ...d,
      institution: choice,
      partnerInstitutions: d.partnerInstitutions.filter(notSelf),
      partnerStations: d.partnerStations.filter(notSelf),
    }));
  };
  // A new designation starts in the 在宅医療圏 the chosen institution lies in; a chosen area is kept.
  const areaOf = (picked: InstitutionRow) => {
    const area = areas.data?.find((a) => picked.municipalityCode !== null && a.municipalityCodes.includes(picked.municipalityCode));
    if (area) setDraft((d) => (d.areaId === null ? { ...d, areaId: area.id } : d));
  };
  const setRequirement = (index: number, met: boolean) =>
    setDraft((d) => ({ ...d, requirements: d.requirements.map((v, i) => (i === index ? met : v)) as Requirements }));

  return (
    <RecordDrawer
      title={row ? `${row.institutionName}の指定` : '積極的役割を担う医療機関を指定'}
      formId="designation-form"
      formRef={formRef}
      save={save}
      remove={remove}
      onSubmit={submit}
      onKeyDown={submitOnEnter}
      onClose={onClose}
      deletion={
        row && {
          title: `${row.institutionName}の指定を削除しますか？`,
          note: '要件と連携先の記録も一緒に削除されます。医療機関そのものは台帳に残ります。',
          run: () => remove.run({ id: row.id, version: row.version }),
          done: `${row.institutionName}の指定を削除しました`,
        }
      }
      unsaved={[
        `医療機関: ${draft.institution?.name ?? ''}`,
        `指定日: ${draft.designatedOn}`,
        `連携している医療機関: ${draft.partnerInstitutions.map((c) => c.name).join('、')}`,
        `連携している訪問看護事業所: ${draft.partnerStations.map((c) => c.name).join('、')}`,
      ].join('\n')}
      reload={async () => {
        const fresh = (await client.call('masters.designations.list', {})).find((d) => d.id === row?.id) ?? null;
        setRow(fresh);
        setDraft(draftOf(fresh));
      }}
      fields={['areaId', 'designatedOn', 'institutionId', 'partnerInstitutionIds', 'partnerStationIds', 'requirements']}
    >
      <InstitutionChooser
        label="医療機関"
        hint="指定する病院・診療所（訪問看護ステーションは指定できません）"
        kinds={MEDICAL_KINDS}
        allLabel="病院・診療所"
        multiple={false}
        selected={draft.institution ? [draft.institution] : []}
        error={(draft.institution ? undefined : missing.institution) ?? fieldError(error, 'institutionId')}
        onChange={chooseInstitution}
        onPick={areaOf}
      />
      <Field label="在宅医療圏" error={(draft.areaId ? undefined : missing.area) ?? fieldError(error, 'areaId')}>
        {(p) => (
          <select
            {...p}
            value={draft.areaId ?? ''}
            onChange={(e) => setDraft({ ...draft, areaId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">（選んでください）</option>
            <Options items={areas.data} value={(a) => a.id} label={(a) => a.name} />
          </select>
        )}
      </Field>
      <Field label="指定日" error={fieldError(error, 'designatedOn')}>
        {(p) => <DateField {...p} value={draft.designatedOn} onChange={(v) => setDraft({ ...draft, designatedOn: v })} />}
      </Field>
      <div className="span-2" role="group" aria-labelledby={requirementsId}>
        <h3 id={requirementsId}>要件</h3>
        <p className="field__hint" style={{ margin: '0.15rem 0 0.5rem' }}>
          必須要件①〜③をすべて満たす場合に指定できます。④⑤は任意要件です。
        </p>
        <ul className="plain-list" style={{ display: 'grid', gap: '0.4rem' }} onKeyDown={moveBetweenChecks}>
          {DESIGNATION_REQUIREMENTS.map((r, i) => {
            // Once checked again, the refusal no longer applies to what is on screen.
            const problem = draft.requirements[i] ? undefined : requirementError(error, i);
            const problemId = `${requirementsId}-${i}-error`;
            return (
              <li key={r.no}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={draft.requirements[i]}
                    aria-invalid={Boolean(problem)}
                    aria-describedby={problem ? problemId : undefined}
                    onChange={(e) => setRequirement(i, e.target.checked)}
                  />
                  <span>{r.label}</span>
                  <span className={r.required ? 'badge' : 'badge badge--gray'}>{r.required ? '必須' : '任意'}</span>
                </label>
                {problem && (
                  <span className="field__error" id={problemId} role="alert" style={{ display: 'block', marginLeft: '1.75rem' }}>
                    {problem}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <InstitutionChooser
        label="連携している医療機関"
        hint="指定する医療機関のほかの病院・診療所"
        kinds={MEDICAL_KINDS}
        allLabel="病院・診療所"
        multiple
        selected={draft.partnerInstitutions}
        exclude={draft.institution?.id}
        error={fieldError(error, 'partnerInstitutionIds')}
        onChange={(partnerInstitutions) => setDraft((d) => ({ ...d, partnerInstitutions }))}
      />
      <InstitutionChooser
        label="連携している訪問看護事業所"
        hint="訪問看護ステーションのほか、訪問看護を行う病院・診療所も選べます"
        kinds={STATION_KINDS}
        allLabel="すべて"
        multiple
        selected={draft.partnerStations}
        exclude={draft.institution?.id}
        error={fieldError(error, 'partnerStationIds')}
        onChange={(partnerStations) => setDraft((d) => ({ ...d, partnerStations }))}
      />
    </RecordDrawer>
  );
}
