/**
 * 研修: a 年度's trainings with their participants and questionnaire
 * figures, totals per profession and in all, and the editor in a drawer
 * (participants per profession — the total is their sum —, where the
 * participant list is kept, 回答数 and 満足…不満). The year's list prints
 * as 研修実施状況. A save over someone else's newer one is refused; 再読み込み
 * brings theirs into the drawer.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { OpFailure } from '@renderer/api/client';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { DataTable } from '@renderer/components/DataTable';
import { Drawer, DrawerFooter } from '@renderer/components/Drawer';
import { Field, FieldErrors, FormErrorNotice, useFieldError, useFocusFirstError } from '@renderer/components/Field';
import { MissingCharactersNotice } from '@renderer/components/MissingCharactersNotice';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { countOf } from '@renderer/lib/counts';
import { saveFile } from '@renderer/lib/files';
import { type IssuePath, issuesOf } from '@renderer/lib/formErrors';
import type { OpInput } from '@shared/contract';
import type { Training } from '@shared/contract/meeting';
import type { IsoDate } from '@shared/dates';
import type { FiscalYear } from '@shared/fiscal-year';
import { formatRate } from '@shared/format';
import {
  DEFAULT_PROFESSIONS,
  DEFAULT_TRAINING_KINDS,
  EVALUATION_FIELDS,
  participantsByProfession,
  participantTotal,
  satisfactionOf,
} from '@shared/meeting/records';
import { formatWarekiWithWeekday } from '@shared/wareki';
import { HeldOnField } from './HeldOnField';
import { enterMovesOn } from './keys';

type EvaluationKey = (typeof EVALUATION_FIELDS)[number][0];

interface Draft {
  title: string;
  kind: string;
  heldOn: string;
  organizer: string;
  target: string;
  place: string;
  counts: Record<string, string>;
  roster: string;
  evaluation: Record<EvaluationKey, string>;
  note: string;
}

/** The words a count of people is typed with (「12名」「15人」), read as part of it in every box of people. */
const PEOPLE = ['名', '人'] as const;

/** The word shown after each questionnaire box; 回答数 is read with 件 (「20件」), the others as people. */
const COUNTER: Record<EvaluationKey, string> = {
  responses: '件',
  satisfied: '人',
  fairlySatisfied: '人',
  fairlyDissatisfied: '人',
  dissatisfied: '人',
};
const readAs = (k: EvaluationKey) => (k === 'responses' ? COUNTER[k] : PEOPLE);

/** Where each figure goes in the input sent, so its refusal shows beside its box. */
const evaluationPath = (k: EvaluationKey): IssuePath => ['evaluation', k];
const participantPath = (sent: OpInput<'meeting.trainings.save'> | null, profession: string): IssuePath | undefined => {
  const i = sent?.participants?.findIndex((p) => p.profession === profession) ?? -1;
  return i < 0 ? undefined : ['participants', i, 'count'];
};

function draftOf(t: Training | null): Draft {
  return {
    title: t?.title ?? '',
    kind: t?.kind ?? DEFAULT_TRAINING_KINDS[1],
    heldOn: t?.heldOn ?? '',
    organizer: t?.organizer ?? '',
    target: t?.target ?? '',
    place: t?.place ?? '',
    counts: Object.fromEntries((t?.participants ?? []).map((p) => [p.profession, String(p.count)])),
    roster: t?.roster ?? '',
    evaluation: Object.fromEntries(EVALUATION_FIELDS.map(([k]) => [k, t?.evaluation ? String(t.evaluation[k]) : ''])) as Record<
      EvaluationKey,
      string
    >,
    note: t?.note ?? '',
  };
}

function inputOf(d: Draft, read: Training | null, fy: FiscalYear): OpInput<'meeting.trainings.save'> {
  const hasEvaluation = EVALUATION_FIELDS.some(([k]) => d.evaluation[k].trim() !== '');
  // Unreadable text goes as NaN, which the core refuses naming the box.
  const number = (text: string, counter: string | readonly string[]) => (text.trim() === '' ? 0 : countOf(text, counter));
  return {
    ...(read ? { id: read.id, version: read.version } : {}),
    title: d.title,
    kind: d.kind,
    fiscalYear: fy,
    heldOn: d.heldOn,
    organizer: d.organizer,
    target: d.target,
    place: d.place,
    participants: Object.entries(d.counts)
      .filter(([, c]) => c.trim() !== '')
      .map(([profession, c]) => ({ profession, count: number(c, PEOPLE) })),
    roster: d.roster,
    evaluation: hasEvaluation
      ? (Object.fromEntries(EVALUATION_FIELDS.map(([k]) => [k, number(d.evaluation[k], readAs(k))])) as Record<EvaluationKey, number>)
      : null,
    note: d.note,
  };
}

/** One figure of the drawer's grids: its name, the box and its unit, with the core's refusal of it beside it. */
function CountBox({
  name,
  label,
  unit,
  value,
  path,
  onChange,
}: {
  name: string;
  label: string;
  unit: string;
  value: string;
  path: IssuePath | undefined;
  onChange(value: string): void;
}) {
  const error = useFieldError(path);
  const errorId = useId();
  return (
    <label className="meeting-count">
      <span>{name}</span>
      <input
        inputMode="numeric"
        aria-label={label}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="muted">{unit}</span>
      {error && (
        <span className="field__error meeting-count__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

function TrainingDrawer({
  training: opened,
  fy,
  kinds,
  onClose,
}: {
  training: Training | null;
  fy: FiscalYear;
  kinds: string[];
  onClose(): void;
}) {
  // The training as last read: 再読み込み after a conflict replaces it (and its version) with the one saved since.
  const [training, setTraining] = useState(opened);
  const [draft, setDraft] = useState(() => draftOf(opened));
  // The input last sent: a refusal's participants[i] is the i-th profession of it.
  const [sent, setSent] = useState<OpInput<'meeting.trainings.save'> | null>(null);
  const { client } = useApi();
  // A saved training stays in its own 年度; a new one is filed in the year on screen.
  const year = (training?.fiscalYear as FiscalYear | undefined) ?? fy;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = useMutation('meeting.trainings.save');
  const remove = useMutation('meeting.trainings.delete');
  const toast = useToast();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);
  const professions = [...new Set([...DEFAULT_PROFESSIONS, ...Object.keys(draft.counts)])];
  const [extra, setExtra] = useState('');
  const typed = Object.values(draft.counts)
    .filter((c) => c.trim() !== '')
    .map((c) => countOf(c, PEOPLE));
  const total = participantTotal(typed.filter(Number.isFinite).map((count) => ({ count })));
  const unreadable = typed.filter((n) => !Number.isFinite(n)).length;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    // A save on its way is not sent again: a new training would be recorded twice.
    if (save.pending) return;
    const input = inputOf(draft, training, year);
    setSent(input);
    const saved = await save.run(input);
    if (saved) {
      toast(`${saved.title}を保存しました（参加者 ${saved.total.toLocaleString('ja-JP')}名）`, 'success');
      onClose();
    }
  };

  return (
    <Drawer
      title={training ? training.title : '研修を記録'}
      onClose={onClose}
      className="meeting-drawer"
      footer={
        <DrawerFooter
          formId="training-form"
          onDelete={training ? () => setConfirmDelete(true) : undefined}
          onCancel={onClose}
          saving={save.pending}
        />
      }
    >
      <FieldErrors issues={issuesOf(save.error?.error)}>
        <form ref={formRef} id="training-form" className="form-grid" onSubmit={submit} onKeyDown={enterMovesOn}>
          <Field label="研修名" path={['title']}>
            {(p) => <input {...p} value={draft.title} onChange={(e) => set({ title: e.target.value })} />}
          </Field>
          <Field label="種類" hint="一覧にない種類も入力できます" path={['kind']}>
            {(p) => <input {...p} list="training-kinds" value={draft.kind} onChange={(e) => set({ kind: e.target.value })} />}
          </Field>
          <datalist id="training-kinds">
            {kinds.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          <HeldOnField year={year} value={draft.heldOn} onChange={(v) => set({ heldOn: v })} />
          <Field label="主催" path={['organizer']}>
            {(p) => <input {...p} value={draft.organizer} onChange={(e) => set({ organizer: e.target.value })} />}
          </Field>
          <Field label="対象" path={['target']}>
            {(p) => <input {...p} value={draft.target} onChange={(e) => set({ target: e.target.value })} />}
          </Field>
          <Field label="会場" path={['place']}>
            {(p) => <input {...p} value={draft.place} onChange={(e) => set({ place: e.target.value })} />}
          </Field>
          <fieldset className="span-2 meeting-counts-grid">
            <legend>
              職種別の参加者数{' '}
              <strong data-testid="training-total">
                計 {total.toLocaleString('ja-JP')}名{unreadable > 0 && `（数として読めない${unreadable}欄を除く）`}
              </strong>
            </legend>
            {professions.map((profession) => (
              <CountBox
                key={profession}
                name={profession}
                label={`${profession}の参加者数`}
                unit="名"
                value={draft.counts[profession] ?? ''}
                path={participantPath(sent, profession)}
                onChange={(v) => set({ counts: { ...draft.counts, [profession]: v } })}
              />
            ))}
            <span className="meeting-count meeting-count--add">
              <input placeholder="ほかの職種" aria-label="職種を追加" value={extra} onChange={(e) => setExtra(e.target.value)} />
              <button
                data-edit
                type="button"
                className="button button--secondary button--small"
                disabled={extra.trim() === ''}
                onClick={() => {
                  set({ counts: { ...draft.counts, [extra.trim()]: draft.counts[extra.trim()] ?? '' } });
                  setExtra('');
                }}
              >
                職種を追加
              </button>
            </span>
          </fieldset>
          <fieldset className="span-2 meeting-counts-grid">
            <legend>アンケート（任意）</legend>
            {EVALUATION_FIELDS.map(([k, label]) => (
              <CountBox
                key={k}
                name={label}
                label={label}
                unit={COUNTER[k]}
                value={draft.evaluation[k]}
                path={evaluationPath(k)}
                onChange={(v) => set({ evaluation: { ...draft.evaluation, [k]: v } })}
              />
            ))}
          </fieldset>
          <Field label="参加者名簿（保管場所、または1行に1人）" path={['roster']}>
            {(p) => <textarea {...p} className="span-2" rows={3} value={draft.roster} onChange={(e) => set({ roster: e.target.value })} />}
          </Field>
          <Field label="備考" path={['note']}>
            {(p) => <textarea {...p} rows={2} value={draft.note} onChange={(e) => set({ note: e.target.value })} />}
          </Field>
          <ConflictNotice
            error={save.error?.error}
            className="span-2"
            unsaved={[
              `研修名: ${draft.title}`,
              `開催日: ${draft.heldOn ? formatWarekiWithWeekday(draft.heldOn as IsoDate) : ''}`,
              `会場: ${draft.place}`,
              ...Object.entries(draft.counts)
                .filter(([, c]) => c.trim() !== '')
                .map(([profession, c]) => `${profession}: ${c.trim()}`),
              `参加者名簿: ${draft.roster}`,
              `備考: ${draft.note}`,
            ].join('\n')}
            onReload={async () => {
              if (!training) return;
              const fresh = (await client.call('meeting.trainings.list', { fiscalYear: training.fiscalYear })).find(
                (t) => t.id === training.id,
              );
              setTraining(fresh ?? null);
              setDraft(draftOf(fresh ?? null));
              save.reset();
            }}
          />
          <FormErrorNotice
            error={isVersionConflict(save.error?.error) ? undefined : save.error?.error}
            fields={[
              'title',
              'kind',
              'heldOn',
              'organizer',
              'target',
              'place',
              'roster',
              'note',
              ...(sent?.participants ?? []).map((p) => participantPath(sent, p.profession)!),
              ...EVALUATION_FIELDS.map(([k]) => evaluationPath(k)),
            ]}
            className="span-2"
          />
        </form>
      </FieldErrors>
      {remove.error && (
        <div className="notice notice--error" role="alert">
          {remove.error.message}
        </div>
      )}
      {confirmDelete && training && (
        <ConfirmDialog
          title={`${training.title}を削除しますか？`}
          confirmLabel="削除する"
          danger
          onConfirm={async () => {
            setConfirmDelete(false);
            if ((await remove.run({ id: training.id, version: training.version })) !== undefined) {
              toast(`${training.title}を削除しました`, 'success');
              onClose();
            }
          }}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>参加者数とアンケートの記録も消えます。</p>
        </ConfirmDialog>
      )}
    </Drawer>
  );
}

/** 「92.6%」, from the integers (as the 研修実施状況 report shows it); 「―」 without answers. */
function satisfaction(t: Training): string {
  const rate = satisfactionOf(t.evaluation);
  return rate ? formatRate(rate.numerator, rate.denominator) : '―';
}

export function TrainingsPage({ fy }: { fy: FiscalYear }) {
  const { client } = useApi();
  const list = useQuery('meeting.trainings.list', { fiscalYear: fy });
  const all = useQuery('meeting.trainings.list', {});
  const [open, setOpen] = useState<Training | 'new' | null>(null);
  const [printError, setPrintError] = useState<OpFailure | undefined>();
  useErrorToast(printError);
  // The PDF just saved, when it prints characters as 〓: where, and what to change.
  const [printed, setPrinted] = useState<{ made: string; warnings: string[] } | null>(null);
  const rows = list.data ?? [];
  const byProfession = participantsByProfession(rows);
  const total = participantTotal(byProfession);
  const kinds = [...new Set([...DEFAULT_TRAINING_KINDS, ...(all.data ?? []).map((t) => t.kind)])];

  const print = async (format: 'pdf' | 'xlsx') => {
    setPrintError(undefined);
    setPrinted(null);
    try {
      const file = await client.call('report.render', { name: 'meeting.trainings', params: { fy }, format });
      saveFile(file);
      setPrinted({ made: file.fileName, warnings: file.warnings });
    } catch (error) {
      setPrintError(error instanceof OpFailure ? error : new OpFailure({ code: 'internal', message: String(error) }));
    }
  };

  return (
    <div className="meeting-trainings">
      <div className="actions meeting-page__actions">
        <button data-edit type="button" className="button" onClick={() => setOpen('new')}>
          研修を記録
        </button>
        <button type="button" className="button button--secondary" disabled={rows.length === 0} onClick={() => print('pdf')}>
          研修実施状況（PDF）
        </button>
        <button type="button" className="button button--secondary" disabled={rows.length === 0} onClick={() => print('xlsx')}>
          研修実施状況（Excel）
        </button>
      </div>
      {printed && (
        <MissingCharactersNotice
          warnings={printed.warnings}
          lead={`${printed.made} を保存しました。〓 と印刷された字があります。`}
          testId="trainings-print-warnings"
        />
      )}
      <DataTable<Training>
        label="研修の一覧"
        from={[list]}
        rows={rows}
        rowKey={(t) => t.id}
        onActivate={(t) => setOpen(t)}
        empty="この年度の研修はまだ記録されていません。「研修を記録」から始めてください。"
        columns={[
          { key: 'heldOn', header: '開催日', cell: (t) => formatWarekiWithWeekday(t.heldOn), sortValue: (t) => t.heldOn, nowrap: true },
          { key: 'title', header: '研修名', cell: (t) => t.title, sortValue: (t) => t.title },
          { key: 'kind', header: '種類', cell: (t) => t.kind, sortValue: (t) => t.kind, nowrap: true },
          { key: 'organizer', header: '主催', cell: (t) => t.organizer || '―' },
          {
            key: 'total',
            header: '参加者',
            cell: (t) => `${t.total.toLocaleString('ja-JP')}名`,
            sortValue: (t) => t.total,
            numeric: true,
            nowrap: true,
          },
          {
            key: 'responses',
            header: '回答数',
            cell: (t) => (t.evaluation ? `${t.evaluation.responses}件` : '―'),
            numeric: true,
            nowrap: true,
          },
          { key: 'satisfaction', header: '満足度', cell: satisfaction, numeric: true, nowrap: true },
        ]}
        footer={
          rows.length > 0 && (
            <tr>
              <th colSpan={4}>合計（{rows.length}回）</th>
              <td className="num nowrap">{total.toLocaleString('ja-JP')}名</td>
              <td colSpan={2} />
            </tr>
          )
        }
      />
      {byProfession.length > 0 && (
        <section className="card meeting-professions" aria-labelledby="meeting-professions-title">
          <h2 id="meeting-professions-title">職種別の参加者数（延べ）</h2>
          <ul className="meeting-professions__list">
            {byProfession.map((p) => (
              <li key={p.profession}>
                <span>{p.profession}</span>
                <strong>{p.count.toLocaleString('ja-JP')}名</strong>
              </li>
            ))}
          </ul>
          <p className="muted">満足度は「満足」「やや満足」の回答の合計を回答数で割ったもの（小数第2位を四捨五入）です。</p>
        </section>
      )}
      {open && <TrainingDrawer training={open === 'new' ? null : open} fy={fy} kinds={kinds} onClose={() => setOpen(null)} />}
    </div>
  );
}
