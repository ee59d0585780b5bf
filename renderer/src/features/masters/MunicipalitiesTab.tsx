/** 市区町村: search (kana/width-insensitive), filter by area, sort; a keyboard-usable detail form. */
import { type FormEvent, type RefObject, useId, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { Breakable } from '@renderer/components/Breakable';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { DataTable, focusFirstRowOnArrowDown } from '@renderer/components/DataTable';
import { DateField } from '@renderer/components/DateField';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { RecordDrawer } from '@renderer/components/RecordDrawer';
import { useToast } from '@renderer/components/Toast';
import { countOf } from '@renderer/lib/counts';
import type { MunicipalityRow } from '@shared/contract';
import type { PopulationFigure } from '@shared/contract/masters';
import { formatNumber, formatRate } from '@shared/format';
import { AREA_KIND_LABELS, AREA_KINDS, type AreaKind, MUNICIPALITY_TYPES, type MunicipalityType } from '@shared/masters/model';
import { parseHundredthsText } from '@shared/numbers';
import { formatWareki } from '@shared/wareki';
import { AreaSelect } from './ListFilter';

interface Draft {
  code: string;
  name: string;
  kana: string;
  type: MunicipalityType;
  designatedCity: boolean;
  coreCity: boolean;
  areas: Partial<Record<AreaKind, number | null>>;
}

function draftOf(row: MunicipalityRow | null): Draft {
  if (!row) return { code: '', name: '', kana: '', type: '市', designatedCity: false, coreCity: false, areas: {} };
  return {
    code: row.code,
    name: row.name,
    kana: row.kana,
    type: row.type,
    designatedCity: row.designatedCity,
    coreCity: row.coreCity,
    areas: Object.fromEntries(Object.entries(row.areas).map(([k, a]) => [k, a?.id ?? null])),
  };
}

interface PopulationDraft {
  baseDate: string;
  total: string;
  age65: string;
  age75: string;
  age85: string;
  area: string;
}

const EMPTY_POPULATION: PopulationDraft = { baseDate: '', total: '', age65: '', age75: '', age85: '', area: '' };

/** 面積 in ㎢ as integer hundredths; `null` for empty, `undefined` for unreadable. */
function centiKm2Of(text: string): number | null | undefined {
  try {
    return parseHundredthsText(text);
  } catch {
    return undefined;
  }
}

/** Add or overwrite one 基準日's figures of a municipality; the list above shows the result. */
function PopulationForm({
  municipalityCode,
  draft,
  onChange,
  totalRef,
}: {
  municipalityCode: string;
  draft: PopulationDraft;
  onChange(d: PopulationDraft): void;
  /** The 総人口 field, focused when a row is taken into the form to be corrected. */
  totalRef: RefObject<HTMLInputElement | null>;
}) {
  const save = useMutation('masters.populations.save');
  const toast = useToast();
  const [areaProblem, setAreaProblem] = useState<string | undefined>();
  const headingId = useId();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, areaProblem ?? save.error);
  const set = (key: keyof PopulationDraft) => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...draft, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const areaCentiKm2 = centiKm2Of(draft.area);
    if (areaCentiKm2 === undefined) {
      save.reset();
      setAreaProblem('面積は小数第2位までの0以上の数で入力してください（例: 726.45）');
      return;
    }
    setAreaProblem(undefined);
    const saved = await save.run({
      municipalityCode,
      baseDate: draft.baseDate,
      total: countOf(draft.total),
      age65: countOf(draft.age65),
      age75: countOf(draft.age75),
      age85: countOf(draft.age85),
      areaCentiKm2,
    });
    if (saved) {
      toast(`${formatWareki(saved.baseDate)}の人口を保存しました`, 'success');
      onChange(EMPTY_POPULATION);
    }
  };
  const count = (key: 'total' | 'age65' | 'age75' | 'age85', label: string) => (
    <Field label={label} error={fieldError(error, key)}>
      {(p) => (
        <input
          {...p}
          ref={key === 'total' ? totalRef : undefined}
          name={key}
          value={draft[key]}
          inputMode="numeric"
          autoComplete="off"
          onChange={set(key)}
        />
      )}
    </Field>
  );

  return (
    <form ref={formRef} className="form-grid" aria-labelledby={headingId} onSubmit={submit} style={{ marginTop: '1.25rem' }}>
      <h4 id={headingId} className="span-2" style={{ margin: 0 }}>
        人口を追加・上書き
      </h4>
      <Field label="基準日" hint="同じ基準日の数値があれば上書きします" error={fieldError(error, 'baseDate')}>
        {(p) => <DateField {...p} name="baseDate" value={draft.baseDate} onChange={(v) => onChange({ ...draft, baseDate: v })} />}
      </Field>
      <Field label="面積（㎢）" hint="任意。小数第2位まで" error={areaProblem ?? fieldError(error, 'areaCentiKm2')}>
        {(p) => (
          <input
            {...p}
            name="area"
            value={draft.area}
            inputMode="decimal"
            autoComplete="off"
            placeholder="例: 726.45"
            onChange={set('area')}
          />
        )}
      </Field>
      {count('total', '総人口')}
      {count('age65', '65歳以上人口')}
      {count('age75', '75歳以上人口')}
      {count('age85', '85歳以上人口')}
      <FormErrorNotice error={error} fields={['baseDate', 'areaCentiKm2', 'total', 'age65', 'age75', 'age85']} className="span-2" />
      <div className="span-2 actions">
        <button type="submit" className="button button--secondary" disabled={save.pending}>
          人口を保存
        </button>
      </div>
    </form>
  );
}

function draftOfFigure(p: PopulationFigure): PopulationDraft {
  return {
    baseDate: p.baseDate,
    total: String(p.total),
    age65: String(p.age65),
    age75: String(p.age75),
    age85: String(p.age85),
    area: p.areaCentiKm2 === null ? '' : (p.areaCentiKm2 / 100).toFixed(2),
  };
}

/** A municipality's population by 基準日: a row loads into the form below to be corrected; each may be deleted (asked first). */
function Populations({ row }: { row: MunicipalityRow }) {
  const detail = useQuery('masters.municipalities.get', { code: row.code });
  const removePopulation = useMutation('masters.populations.delete');
  const [population, setPopulation] = useState<PopulationDraft>(EMPTY_POPULATION);
  const [populationToDelete, setPopulationToDelete] = useState<PopulationFigure | null>(null);
  const populationTotalRef = useRef<HTMLInputElement>(null);
  const toast = useToast();
  const doDeletePopulation = async () => {
    const figure = populationToDelete!;
    setPopulationToDelete(null);
    if ((await removePopulation.run({ municipalityCode: figure.municipalityCode, baseDate: figure.baseDate })) !== undefined) {
      toast(`${formatWareki(figure.baseDate)}の人口を削除しました`, 'success');
    }
  };

  return (
    <>
      {detail.data && (
        <section style={{ marginTop: '1.5rem' }}>
          <h3 style={{ marginBottom: '0.25rem' }}>人口（基準日ごと）</h3>
          <p className="field__hint" style={{ margin: '0 0 0.5rem' }}>
            行を選ぶ（クリック・Enter）と下の欄に読み込み、直して上書きできます。
            {/* A line of its own: the drawer is narrow, and 「削除ボタン」 would break in the middle. */}
            <span data-edit style={{ display: 'block' }}>
              行の中の削除ボタンへは ← → で移動します。
            </span>
          </p>
          <DataTable
            label="人口"
            rows={detail.data.populations}
            rowKey={(p) => p.baseDate}
            onActivate={(p) => {
              setPopulation(draftOfFigure(p));
              populationTotalRef.current?.focus();
            }}
            empty="人口は登録されていません。"
            columns={[
              { key: 'date', header: '基準日', cell: (p) => <Breakable parts={formatWareki(p.baseDate).split(/(?<=年)/)} /> },
              { key: 'total', header: '総人口', numeric: true, cell: (p) => formatNumber(p.total) },
              {
                key: 'age65',
                header: '65歳以上',
                numeric: true,
                cell: (p) => <Breakable parts={[formatNumber(p.age65), `（${formatRate(p.age65, p.total)}）`]} />,
              },
              { key: 'age75', header: '75歳以上', numeric: true, cell: (p) => formatNumber(p.age75) },
              { key: 'age85', header: '85歳以上', numeric: true, cell: (p) => formatNumber(p.age85) },
              {
                key: 'area',
                header: '面積（㎢）',
                numeric: true,
                cell: (p) => (p.areaCentiKm2 === null ? '—' : (p.areaCentiKm2 / 100).toFixed(2)),
              },
              {
                key: 'delete',
                header: '',
                cell: (p) => (
                  // Its own click and Enter, not the row's (which loads the figures into the form).
                  <button
                    data-edit
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={`${formatWareki(p.baseDate)}の人口を削除`}
                    onClick={(e) => {
                      e.stopPropagation();
                      setPopulationToDelete(p);
                    }}
                  >
                    削除
                  </button>
                ),
              },
            ]}
          />
          {removePopulation.error && (
            <div className="notice notice--error" role="alert" style={{ marginTop: '0.75rem' }}>
              {removePopulation.error.message}
            </div>
          )}
          <PopulationForm municipalityCode={row.code} draft={population} onChange={setPopulation} totalRef={populationTotalRef} />
        </section>
      )}
      {populationToDelete && (
        <ConfirmDialog
          title={`${formatWareki(populationToDelete.baseDate)}の人口を削除しますか？`}
          confirmLabel="削除する"
          danger
          onConfirm={doDeletePopulation}
          onCancel={() => setPopulationToDelete(null)}
        >
          <p>
            {row.name}のこの基準日の数値（総人口 {formatNumber(populationToDelete.total)}{' '}
            人ほか）を削除します。圏域の人口には、残った基準日のうち最新の数値が使われます。
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function MunicipalityDrawer({ row: opened, onClose }: { row: MunicipalityRow | null; onClose(): void }) {
  // The record as last read: 再読み込み after a conflict replaces it (and its version) with the one saved since.
  const [row, setRow] = useState(opened);
  const [draft, setDraft] = useState(() => draftOf(opened));
  const { client } = useApi();
  const areas = useQuery('masters.areas.list', {});
  const save = useMutation('masters.municipalities.save');
  const remove = useMutation('masters.municipalities.delete');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const saved = await save.run({ ...draft, isNew: row === null, ...(row ? { version: row.version } : {}) });
    if (saved) {
      toast(`${saved.name}を保存しました`, 'success');
      onClose();
    }
  };
  const kindsInUse = AREA_KINDS.filter((k) => areas.data?.some((a) => a.kind === k));

  return (
    <RecordDrawer
      title={row ? `${row.name}（${row.code}）` : '市区町村を追加'}
      formId="municipality-form"
      formRef={formRef}
      save={save}
      remove={remove}
      onSubmit={submit}
      onClose={onClose}
      deletion={
        row && {
          title: `${row.name}を削除しますか？`,
          note: '人口の数値も一緒に削除されます。ほかの台帳から参照されている場合は削除できません。',
          run: () => remove.run({ code: row.code, version: row.version }),
          done: `${row.name}を削除しました`,
        }
      }
      unsaved={[`市区町村名: ${draft.name}`, `よみがな: ${draft.kana}`, `種別: ${draft.type}`].join('\n')}
      reload={async () => {
        const fresh = row ? (await client.call('masters.municipalities.get', { code: row.code })).row : null;
        setRow(fresh);
        setDraft(draftOf(fresh));
      }}
      fields={['code', 'kana', 'name', 'type']}
      after={row && <Populations row={row} />}
    >
      <Field label="団体コード（6桁）" error={fieldError(error, 'code')} hint="検査数字を含む全国地方公共団体コード">
        {(p) => (
          <input
            {...p}
            name="code"
            value={draft.code}
            readOnly={row !== null}
            inputMode="numeric"
            maxLength={6}
            onChange={(e) => setDraft({ ...draft, code: e.target.value })}
          />
        )}
      </Field>
      <Field label="種別" error={fieldError(error, 'type')}>
        {(p) => (
          <select {...p} value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value as MunicipalityType })}>
            {MUNICIPALITY_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="市区町村名" error={fieldError(error, 'name')}>
        {(p) => <input {...p} name="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field label="よみがな" error={fieldError(error, 'kana')}>
        {(p) => <input {...p} name="kana" value={draft.kana} onChange={(e) => setDraft({ ...draft, kana: e.target.value })} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={draft.designatedCity} onChange={(e) => setDraft({ ...draft, designatedCity: e.target.checked })} />
        政令指定都市
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.coreCity} onChange={(e) => setDraft({ ...draft, coreCity: e.target.checked })} />
        中核市
      </label>
      {kindsInUse.map((kind) => (
        <Field key={kind} label={AREA_KIND_LABELS[kind]}>
          {(p) => (
            <select
              {...p}
              value={draft.areas[kind] ?? ''}
              onChange={(e) => setDraft({ ...draft, areas: { ...draft.areas, [kind]: e.target.value ? Number(e.target.value) : null } })}
            >
              <option value="">（なし）</option>
              {areas.data
                ?.filter((a) => a.kind === kind)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
      ))}
    </RecordDrawer>
  );
}

export function MunicipalitiesTab() {
  const [search, setSearch] = useState('');
  const [areaId, setAreaId] = useState<number | undefined>();
  const [editing, setEditing] = useState<MunicipalityRow | null | undefined>(undefined);
  const list = useQuery('masters.municipalities.list', { search, ...(areaId ? { areaId } : {}) }, { keepPreviousWhileLoading: true });
  const rows = list.data ?? [];

  return (
    <>
      <div className="toolbar">
        <Field label="検索" hint="名前・よみ・コード（ひらがな・カタカナ・半角どれでも）。↓で一覧へ">
          {(p) => (
            <input
              {...p}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="例: にいがた"
              onKeyDown={focusFirstRowOnArrowDown('市区町村の一覧')}
              autoFocus
            />
          )}
        </Field>
        <AreaSelect kind="secondary" value={areaId} onChange={setAreaId} />
        <button data-edit type="button" className="button button--secondary" onClick={() => setEditing(null)}>
          ＋ 市区町村を追加
        </button>
        <span className="toolbar__note" data-testid="municipality-count">
          {formatNumber(rows.length)} 件
        </span>
      </div>
      <DataTable
        from={[list]}
        label="市区町村の一覧"
        rows={rows}
        rowKey={(m) => m.code}
        onActivate={(m) => setEditing(m)}
        columns={[
          { key: 'code', header: '団体コード', cell: (m) => <span className="mono">{m.code}</span>, sortValue: (m) => m.code },
          { key: 'name', header: '市区町村', cell: (m) => <strong>{m.name}</strong>, sortValue: (m) => m.kana || m.name },
          { key: 'kana', header: 'よみ', cell: (m) => m.kana, sortValue: (m) => m.kana },
          {
            key: 'type',
            header: '種別',
            cell: (m) => `${m.type}${m.designatedCity ? '（政令市）' : m.coreCity ? '（中核市）' : ''}`,
            sortValue: (m) => m.type,
          },
          {
            key: 'secondary',
            header: '二次医療圏',
            cell: (m) => m.areas.secondary?.name ?? '—',
            sortValue: (m) => m.areas.secondary?.name ?? '',
          },
          {
            key: 'pop',
            header: '総人口',
            numeric: true,
            cell: (m) => (m.population ? formatNumber(m.population.total) : '—'),
            sortValue: (m) => m.population?.total ?? -1,
          },
          {
            key: 'rate',
            header: '高齢化率',
            numeric: true,
            cell: (m) => (m.population ? formatRate(m.population.age65, m.population.total) : '—'),
            sortValue: (m) => (m.population ? m.population.age65 / m.population.total : -1),
          },
        ]}
      />
      {editing !== undefined && <MunicipalityDrawer row={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
