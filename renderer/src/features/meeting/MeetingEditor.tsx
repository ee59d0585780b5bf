/**
 * One meeting, recorded on one page: the outline (会議体, 回 — the next one
 * suggested —, date, time, place, the 圏域 it concerns), the members with
 * their attendance, the agenda with minutes per item, decisions, the
 * meeting's own action items, and the open items carried in from the body's
 * earlier meetings (a status set here is the item's status everywhere).
 * Ctrl+S saves; Enter moves to the next box; the 議事録 and 出欠表 print from here
 * (typing not yet saved is saved first, so what prints is what is on screen).
 * A save over someone else's newer one is refused; 再読み込み brings theirs in.
 * The meeting as stored now (after 元に戻す, やり直す, a save elsewhere) replaces an
 * untouched form; over typing, a notice says so.
 * Leaving with unsaved typing asks first.
 */
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { OpFailure } from '@renderer/api/client';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { DateField } from '@renderer/components/DateField';
import { Field, FieldErrors, FormErrorNotice, useFieldError, useFocusFirstError } from '@renderer/components/Field';
import { LeaveGuard } from '@renderer/components/LeaveGuard';
import { MissingCharactersNotice } from '@renderer/components/MissingCharactersNotice';
import { pathNow, useMover } from '@renderer/components/Navigation';
import { ReadOnlyFields } from '@renderer/components/ReadOnly';
import { useSavedDraft } from '@renderer/components/savedDraft';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import { issuesOf } from '@renderer/lib/formErrors';
import type { OpError, OpInput } from '@shared/contract';
import type { ActionItem, MeetingDetail } from '@shared/contract/meeting';
import { type FiscalYear, fiscalYearStart } from '@shared/fiscal-year';
import {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  type ActionStatus,
  ATTENDANCE_LABELS,
  ATTENDANCES,
  type Attendance,
  attendanceCounts,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  type MemberCategory,
} from '@shared/meeting/records';
import { formatWareki } from '@shared/wareki';
import { HeldOnField } from './HeldOnField';
import { enterMovesOn } from './keys';
import { MeetingDecks } from './MeetingDecks';
import { meetingPath } from './paths';

interface AttendeeDraft {
  key: number;
  name: string;
  organization: string;
  category: MemberCategory;
  role: string;
  attendance: Attendance;
  proxyName: string;
}
interface ActionDraft {
  key: number;
  id?: number;
  content: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
}
interface Draft {
  bodyId: number | null;
  number: string;
  heldOn: string;
  startTime: string;
  endTime: string;
  place: string;
  online: boolean;
  areaIds: number[];
  municipalityCodes: string[];
  attendees: AttendeeDraft[];
  agenda: { key: number; title: string; minutes: string }[];
  decisions: { key: number; text: string }[];
  actionItems: ActionDraft[];
  /** The statuses of carried-in items the officer changed here (the others are sent as they are: not at all). */
  carried: Record<number, ActionStatus>;
}

let nextKey = 1;
const key = () => nextKey++;

function draftOf(m: MeetingDetail | null, bodyId: number | null): Draft {
  return {
    bodyId: m?.bodyId ?? bodyId,
    number: m ? String(m.number) : '',
    heldOn: m?.heldOn ?? '',
    startTime: m?.startTime ?? '',
    endTime: m?.endTime ?? '',
    place: m?.place ?? '',
    online: m?.online ?? false,
    areaIds: m?.areas.map((a) => a.id) ?? [],
    municipalityCodes: m?.municipalities.map((x) => x.code) ?? [],
    attendees: (m?.attendees ?? []).map((a) => ({ ...a, key: key() })),
    agenda: (m?.agenda ?? []).map((a) => ({ ...a, key: key() })),
    decisions: (m?.decisions ?? []).map((d) => ({ ...d, key: key() })),
    actionItems: (m?.actionItems ?? []).map((a) => ({
      key: key(),
      id: a.id,
      content: a.content,
      owner: a.owner,
      dueOn: a.dueOn ?? '',
      status: a.status,
    })),
    carried: {},
  };
}

/**
 * Whether two forms look the same to the user: the rows' keys left out (they only tell React the rows apart) and the
 * 圏域 and 市町村 ticked in any order.
 */
function sameForm(a: Draft, b: Draft): boolean {
  const shown = (d: Draft) =>
    JSON.stringify({ ...d, areaIds: [...d.areaIds].sort(), municipalityCodes: [...d.municipalityCodes].sort() }, (name, value) =>
      name === 'key' ? undefined : value,
    );
  return shown(a) === shown(b);
}

/**
 * The form as a save left it: what was sent, its new 対応事項 with the ids the save gave them (the core answers the items
 * in the order sent), so that the next save keeps those rows instead of deleting and adding them again.
 */
function savedFormOf(sent: Draft, saved: MeetingDetail): Draft {
  return {
    ...sent,
    actionItems: sent.actionItems.map((a, i) => ({ ...a, id: saved.actionItems[i]?.id })),
    // The statuses set are the saved meeting's own now: none is changed any more.
    carried: {},
  };
}

/**
 * Typing kept over a save's answer, with the ids of the 対応事項 that save added (rows told apart by their keys), and
 * the carried-in statuses it saved no longer counted as changed (one changed meanwhile still is).
 */
function keptOver(draft: Draft, sent: Draft, form: Draft): Draft {
  const ids = new Map(form.actionItems.map((a) => [a.key, a.id]));
  return {
    ...draft,
    actionItems: draft.actionItems.map((a) => (a.id === undefined && ids.has(a.key) ? { ...a, id: ids.get(a.key) } : a)),
    carried: Object.fromEntries(Object.entries(draft.carried).filter(([itemId, status]) => sent.carried[Number(itemId)] !== status)),
  };
}

/** Half-width, as the core expects: 「１４：００」 typed with the IME on becomes 14:00; 「930」 becomes 09:30. */
function normalizeTime(text: string): string {
  const t = text.normalize('NFKC').replace(/[時.]/g, ':').replace(/分$/, '').trim();
  if (/^\d{3,4}$/.test(t)) return `${t.slice(0, -2).padStart(2, '0')}:${t.slice(-2)}`;
  const m = /^(\d{1,2}):(\d{2})$/.exec(t);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : t;
}

function inputOf(d: Draft, read: MeetingDetail | null, fy: FiscalYear): OpInput<'meeting.save'> {
  return {
    ...(read ? { id: read.id, version: read.version } : {}),
    fiscalYear: fy,
    bodyId: d.bodyId ?? 0,
    number: d.number.trim() === '' ? Number.NaN : Number(d.number.normalize('NFKC')),
    heldOn: d.heldOn,
    startTime: d.startTime,
    endTime: d.endTime,
    place: d.place,
    online: d.online,
    areaIds: d.areaIds,
    municipalityCodes: d.municipalityCodes,
    attendees: d.attendees.map(({ key: _k, ...a }) => a),
    agenda: d.agenda.map(({ key: _k, ...a }) => a),
    decisions: d.decisions.map(({ key: _k, ...x }) => x),
    actionItems: d.actionItems.map(({ key: _k, dueOn, id: itemId, ...a }) => ({
      ...(itemId ? { id: itemId } : {}),
      ...a,
      dueOn: dueOn || null,
    })),
    // Only what differs from the meeting as read: an item a new date or body no longer carries in is then left alone.
    carried: Object.entries(d.carried)
      .map(([itemId, status]) => ({ id: Number(itemId), status }))
      .filter((c) => read?.carried.find((a) => a.id === c.id)?.status !== c.status),
  };
}

/** What the user had typed that a reload would replace, for copying back: the outline and the texts. */
function unsavedText(d: Draft): string {
  return [
    `回: ${d.number}`,
    `開催日: ${d.heldOn}`,
    `時間: ${d.startTime}～${d.endTime}`,
    `会場: ${d.place}`,
    ...d.agenda.flatMap((a) => [`議題: ${a.title}`, ...(a.minutes ? [`議事の記録: ${a.minutes}`] : [])]),
    ...d.decisions.map((x) => `決定事項: ${x.text}`),
    ...d.actionItems.map((a) => `対応事項: ${a.content}${a.owner ? `（${a.owner}）` : ''}`),
  ].join('\n');
}

/** A cell's input with its error (read from the form's issues) under it. */
function Cell({ path, children }: { path: (string | number)[]; children: (invalid: boolean) => React.ReactNode }) {
  const error = useFieldError(path);
  return (
    <>
      {children(Boolean(error))}
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

function RowButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button data-edit type="button" className="button button--secondary button--small" onClick={onClick} aria-label={label} title={label}>
      削除
    </button>
  );
}

/** A saved meeting as read for the editor: the meeting, or why it could not be read. */
interface MeetingRead {
  id: number;
  data: MeetingDetail | undefined;
  error: OpFailure | undefined;
}

/** The meeting's own documents, printed from its record. */
const MEETING_PRINTS: readonly { report: 'meeting.minutes' | 'meeting.attendance'; format: 'pdf' | 'xlsx'; label: string }[] = [
  { report: 'meeting.minutes', format: 'pdf', label: '議事録（PDF）' },
  { report: 'meeting.minutes', format: 'xlsx', label: '議事録（Excel）' },
  { report: 'meeting.attendance', format: 'pdf', label: '出欠表（PDF）' },
];

export function MeetingEditor({ fy }: { fy: FiscalYear }) {
  const { id: idText } = useParams();
  const id = idText === 'new' ? null : Number(idText);
  const [read, setRead] = useState<MeetingRead>();
  const current = read?.id === id ? read : undefined;
  // One editor for a new meeting and, once its first save moves the page to the meeting's address, for the saved
  // meeting: what was typed while that save was on its way stays in the form (an editor made anew would start from the
  // meeting as saved). Any other move makes it anew.
  const [editor, setEditor] = useState({ id, key: 0 });
  const [made, setMade] = useState<{ key: number; id: number }>();
  const goesOn = made?.key === editor.key && made.id === id;
  // An address cut short or typed by hand (「abc」 for the id) names no meeting, and says so as for one since deleted (its
  // NaN, never equal to itself, would make a new editor at every drawing).
  if (id !== null && !Number.isSafeInteger(id))
    return <Missing message={`会議（${idText}）が見つかりません。一覧を開き直してください。`} />;
  if (editor.id !== id) setEditor({ id, key: goesOn ? editor.key : editor.key + 1 });
  return (
    <>
      {id !== null && <ReadMeeting id={id} onRead={setRead} />}
      {current?.error ? (
        <Missing message={current.error.message} />
      ) : id === null || current?.data || goesOn ? (
        <Editor key={editor.key} fy={fy} meeting={current?.data ?? null} onMade={(madeId) => setMade({ key: editor.key, id: madeId })} />
      ) : (
        <p className="muted">読み込み中…</p>
      )}
    </>
  );
}

/** Why there is no meeting to show: not found, or not readable. */
function Missing({ message }: { message: string }) {
  return (
    <div className="notice notice--error" role="alert">
      {message}
    </div>
  );
}

function ReadMeeting({ id, onRead }: { id: number; onRead(read: MeetingRead): void }) {
  const { data, error } = useQuery('meeting.get', { id });
  useEffect(() => onRead({ id, data, error }), [id, data, error, onRead]);
  return null;
}

/**
 * Said over a form with typing when the stored meeting changes under it: 元に戻す or やり直す here, a save in another
 * window, or a colleague's on a shared database.
 */
const CHANGED_MEANWHILE: { heading: string; error: OpError } = {
  heading: '会議の記録が変わりました。',
  error: {
    code: 'conflict',
    path: ['version'],
    message:
      '入力の途中で、元に戻す・やり直す、または別の画面での保存がありました。今の入力はまだ保存していません。「再読み込み」で最新の内容にしてから、必要なら下に残る入力を写して保存してください。',
  },
};

function Editor({
  fy,
  meeting: opened,
  onMade,
}: {
  fy: FiscalYear;
  meeting: MeetingDetail | null;
  /** Told the id of the meeting a new meeting's first save made, before the page moves to it. */
  onMade(id: number): void;
}) {
  // The meeting as last read or saved (its version goes with the save), and the form typed over it, which is compared
  // with the form as saved plus what the page fills in by itself. `opened` is the live query: a newer reading of it
  // (after 元に戻す, やり直す or someone else's save) is taken up below while nothing is typed.
  const form = useSavedDraft(opened, (m) => draftOf(m, null), sameForm);
  const { record: meeting, draft, setDraft, fillIn } = form;
  const mover = useMover();
  const { client } = useApi();
  const toast = useToast();
  const bodies = useQuery('meeting.bodies.list', {});
  const areas = useQuery('masters.areas.list', { kind: 'secondary' });
  const municipalities = useQuery('masters.municipalities.list', {});
  const organizations = useQuery('meeting.organizations', {});
  // Set while the meeting is being deleted (and after): what is typed then goes with it, so leaving is not asked about.
  const deleting = useRef(false);
  // As of now, not as drawn, so that a move right after a save or a deletion is not asked about.
  const dirty = () => !deleting.current && form.dirtyNow();
  // A saved meeting stays in its own 年度 (it may be opened from another year's list of open items); a new one is filed in the year on screen.
  const yearOf = (m: MeetingDetail | null) => (m?.fiscalYear as FiscalYear | undefined) ?? fy;
  const year = yearOf(meeting);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = useMutation('meeting.save');
  const remove = useMutation('meeting.delete');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [printError, setPrintError] = useState<OpFailure | undefined>();
  const [printing, setPrinting] = useState<string | null>(null);
  // The PDF just saved, when it prints characters as 〓 (a 委員's rare 人名漢字): where, and what to change.
  const [printed, setPrinted] = useState<{ made: string; warnings: string[] } | null>(null);
  useErrorToast(printError);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);
  const issues = issuesOf(save.error?.error);

  const [changedMeanwhile, setChangedMeanwhile] = useState(false);
  /** Puts the meeting as read now in the form, and forgets a refusal of the form it replaces. */
  const take = (fresh: MeetingDetail) => {
    form.take(fresh);
    save.reset();
    setChangedMeanwhile(false);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newer reading of the meeting is followed, with the form as it is then.
  useEffect(() => {
    if (!opened || !meeting || opened.version <= meeting.version) return;
    if (dirty()) setChangedMeanwhile(true);
    else take(opened);
  }, [opened]);

  // A new meeting: the first body, and the 回 after the body's last in the date's 年度 (until the officer types one).
  const [numberTyped, setNumberTyped] = useState(meeting !== null);
  // While the first save is on its way, no 回 is suggested, and one asked for before is dropped: the core may have
  // stored the meeting already, and would suggest the 回 after it. A refused save suggests again.
  const [firstSaveSent, setFirstSaveSent] = useState(false);
  useEffect(() => {
    const first = bodies.data?.[0];
    if (!first) return;
    fillIn((d) => (d.bodyId === null ? { ...d, bodyId: first.id } : d));
  }, [bodies.data, fillIn]);
  useEffect(() => {
    if (numberTyped || firstSaveSent || draft.bodyId === null) return;
    const heldOn = /^\d{4}-\d{2}-\d{2}$/.test(draft.heldOn) ? draft.heldOn : fiscalYearStart(fy);
    let live = true;
    void client.call('meeting.nextNumber', { bodyId: draft.bodyId, heldOn }).then((n) => {
      if (!live) return;
      // The suggested 回 is the page's, not the officer's typing (the body or date it follows from may be).
      fillIn((d) => ({ ...d, number: String(n) }));
    });
    return () => {
      live = false;
    };
  }, [client, draft.bodyId, draft.heldOn, numberTyped, firstSaveSent, fy, fillIn]);

  // Items carried in, as of the body and date on screen: known for a saved meeting; a new one shows them after saving.
  const carried: ActionItem[] = meeting?.carried ?? [];
  const counts = useMemo(() => attendanceCounts(draft.attendees), [draft.attendees]);
  const orgCategory = (name: string) => organizations.data?.find((o) => o.name === name)?.category;

  /** Saves the form, saying so with `done`; the meeting as saved, or undefined when refused (the form shows why). */
  const saveForm = async (done: (title: string) => string): Promise<MeetingDetail | undefined> => {
    const from = pathNow();
    if (!meeting) setFirstSaveSent(true);
    const saved = await form.save((sent, read) => save.run(inputOf(sent, read, yearOf(read))), savedFormOf, keptOver);
    if (!saved && !meeting) setFirstSaveSent(false);
    if (saved) {
      if (!meeting) {
        // The 回 is the meeting's own now, no longer the page's suggestion.
        setNumberTyped(true);
        onMade(saved.id);
      }
      setChangedMeanwhile(false);
      toast(done(saved.title), 'success');
      if (!meeting || saved.fiscalYear !== fy) mover.goIfStill(from, meetingPath.meeting(saved.fiscalYear, saved.id), { replace: true });
    }
    return saved;
  };
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    await saveForm((title) => `${title}を保存しました`);
  };

  const copyPreviousMembers = async () => {
    if (draft.bodyId === null) return;
    const list = await client.call('meeting.list', { bodyId: draft.bodyId });
    const before = list.filter((m) => m.id !== meeting?.id && (!draft.heldOn || m.heldOn <= draft.heldOn)).at(-1);
    if (!before) {
      toast('この会議体の前の会議がありません', 'error');
      return;
    }
    const detail = await client.call('meeting.get', { id: before.id });
    set({ attendees: detail.attendees.map((a) => ({ ...a, attendance: 'present' as const, proxyName: '', key: key() })) });
    toast(`${detail.title}の委員${detail.attendees.length}名を写しました（出欠は「出席」にしてあります）`, 'success');
  };

  const print = async (name: 'meeting.minutes' | 'meeting.attendance', format: 'pdf' | 'xlsx') => {
    if (!meeting) return;
    setPrinting(`${name}.${format}`);
    setPrintError(undefined);
    setPrinted(null);
    try {
      // What prints is what is stored: typing not yet saved is saved first, and a refused save prints nothing.
      const printed = dirty() ? await saveForm((title) => `出力の前に、${title}の入力を保存しました`) : meeting;
      if (!printed) return;
      const params = { fy: printed.fiscalYear as FiscalYear, subject: printed.id };
      const file = await client.call('report.render', { name, params, format });
      saveFile(file);
      setPrinted({ made: file.fileName, warnings: file.warnings });
    } catch (error) {
      setPrintError(error instanceof OpFailure ? error : new OpFailure({ code: 'internal', message: String(error) }));
    } finally {
      setPrinting(null);
    }
  };

  const doDelete = async () => {
    setConfirmDelete(false);
    const from = pathNow();
    if (!meeting) return;
    deleting.current = true;
    if ((await remove.run({ id: meeting.id, version: meeting.version })) !== undefined) {
      toast(`${meeting.title}を削除しました`, 'success');
      mover.goIfStill(from, meetingPath.year(fy));
    } else deleting.current = false;
  };

  const addAttendee = () => {
    set({
      attendees: [
        ...draft.attendees,
        { key: key(), name: '', organization: '', category: 'medical_association', role: '委員', attendance: 'present', proxyName: '' },
      ],
    });
    focusLast('.meeting-attendees tbody tr:last-child input');
  };
  const updateAttendee = (k: number, patch: Partial<AttendeeDraft>) =>
    set({ attendees: draft.attendees.map((a) => (a.key === k ? { ...a, ...patch } : a)) });

  const title = meeting ? meeting.title : '会議を記録';
  const printTitle = dirty() ? '保存していない入力を保存してから出力します' : undefined;
  return (
    <FieldErrors issues={issues}>
      <LeaveGuard dirty={dirty} what={meeting ? meeting.title : '新しい会議の記録'} />
      <form ref={formRef} className="meeting-editor" onSubmit={submit} onKeyDown={enterMovesOn} data-save-shortcut aria-label={title}>
        <div className="meeting-editor__head">
          <h2>{title}</h2>
          <div className="actions">
            {meeting &&
              MEETING_PRINTS.map(({ report, format, label }) => (
                <button
                  key={`${report}-${format}`}
                  type="button"
                  className="button button--secondary"
                  disabled={printing !== null || save.pending}
                  title={printTitle}
                  onClick={() => print(report, format)}
                >
                  {label}
                </button>
              ))}
          </div>
        </div>
        {printed && (
          <MissingCharactersNotice
            warnings={printed.warnings}
            lead={`${printed.made} を保存しました。〓 と印刷された字があります。`}
            testId="meeting-print-warnings"
          />
        )}

        <ReadOnlyFields>
          <section className="card meeting-section" aria-labelledby="meeting-outline">
            <h3 id="meeting-outline">開催概要</h3>
            <div className="meeting-outline">
              <Field label="会議体" path={['bodyId']}>
                {(p) => (
                  <select {...p} value={draft.bodyId ?? ''} onChange={(e) => set({ bodyId: Number(e.target.value) })}>
                    {(bodies.data ?? []).map((b) => (
                      <option key={b.id} value={b.id}>
                        {b.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="回" hint={numberTyped ? undefined : '次の回を入れてあります'} path={['number']}>
                {(p) => (
                  <span className="meeting-number">
                    第
                    <input
                      {...p}
                      inputMode="numeric"
                      value={draft.number}
                      onChange={(e) => {
                        setNumberTyped(true);
                        set({ number: e.target.value });
                      }}
                    />
                    回
                  </span>
                )}
              </Field>
              <HeldOnField year={year} value={draft.heldOn} onChange={(v) => set({ heldOn: v })} />
              <Field label="時間" hint="例: 14:00 ～ 16:00" path={['startTime']}>
                {(p) => (
                  <span className="meeting-time">
                    <input
                      {...p}
                      aria-label="開始時刻"
                      placeholder="14:00"
                      value={draft.startTime}
                      onChange={(e) => set({ startTime: e.target.value })}
                      onBlur={(e) => set({ startTime: normalizeTime(e.target.value) })}
                    />
                    ～
                    <input
                      aria-label="終了時刻"
                      aria-invalid={issues.some((i) => i.path[0] === 'endTime')}
                      placeholder="16:00"
                      value={draft.endTime}
                      onChange={(e) => set({ endTime: e.target.value })}
                      onBlur={(e) => set({ endTime: normalizeTime(e.target.value) })}
                    />
                  </span>
                )}
              </Field>
              <div className="meeting-place">
                <Field label="会場" path={['place']}>
                  {(p) => <input {...p} value={draft.place} onChange={(e) => set({ place: e.target.value })} />}
                </Field>
              </div>
              <label className="check meeting-online">
                <input type="checkbox" checked={draft.online} onChange={(e) => set({ online: e.target.checked })} />
                オンライン（併用を含む）
              </label>
            </div>
            <fieldset className="meeting-areas">
              <legend>対象の圏域（選ばなければ県全域）</legend>
              {(areas.data ?? []).map((a) => (
                <label key={a.id} className="check">
                  <input
                    type="checkbox"
                    checked={draft.areaIds.includes(a.id)}
                    onChange={(e) =>
                      set({ areaIds: e.target.checked ? [...draft.areaIds, a.id] : draft.areaIds.filter((x) => x !== a.id) })
                    }
                  />
                  {a.name}
                </label>
              ))}
              {areas.data?.length === 0 && (
                <p className="muted">
                  二次医療圏がまだ登録されていません。<Link to="/masters/areas">台帳 › 圏域</Link>で作成すると、ここで選べます。
                </p>
              )}
            </fieldset>
            {/* Open at first when the meeting concerns some municipalities; the wards of a 政令市 are its city's. */}
            <details className="meeting-municipalities" open={(opened?.municipalities.length ?? 0) > 0 || undefined}>
              <summary>
                対象の市町村
                {draft.municipalityCodes.length > 0 && `（${draft.municipalityCodes.length}件）`}
              </summary>
              <fieldset className="meeting-areas" aria-label="対象の市町村">
                {(municipalities.data ?? [])
                  .filter((x) => x.type !== '区')
                  .map((x) => (
                    <label key={x.code} className="check">
                      <input
                        type="checkbox"
                        checked={draft.municipalityCodes.includes(x.code)}
                        onChange={(e) =>
                          set({
                            municipalityCodes: e.target.checked
                              ? [...draft.municipalityCodes, x.code]
                              : draft.municipalityCodes.filter((c) => c !== x.code),
                          })
                        }
                      />
                      {x.name}
                    </label>
                  ))}
                {municipalities.data?.length === 0 && (
                  <p className="muted">
                    市区町村がまだ登録されていません。<Link to="/masters/import">台帳の「Excel・CSV から取り込む」</Link>
                    で市区町村の一覧を取り込むと、ここで選べます。
                  </p>
                )}
              </fieldset>
            </details>
          </section>
        </ReadOnlyFields>
        {meeting && <MeetingDecks meetingId={meeting.id} meetingTitle={meeting.title} />}
        <ReadOnlyFields>
          <section className="card meeting-section" aria-labelledby="meeting-attendees">
            <div className="meeting-section__head">
              <h3 id="meeting-attendees">出席者</h3>
              <span className="meeting-counts" data-testid="attendance-counts">
                出席 {counts.total.attending}名／委員 {counts.total.members}名
                {counts.total.proxy > 0 && `（うち代理 ${counts.total.proxy}名）`}
                {counts.others.listed > 0 && `、ほか事務局・オブザーバー ${counts.others.attending}名`}
                {counts.byCategory.length > 0 && (
                  <span className="muted">
                    {' '}
                    ― {counts.byCategory.map((c) => `${MEMBER_CATEGORY_LABELS[c.category]} ${c.present + c.proxy}/${c.members}`).join('、')}
                  </span>
                )}
              </span>
            </div>
            <datalist id="meeting-organizations">
              {(organizations.data ?? []).map((o) => (
                <option key={`${o.category}:${o.name}`} value={o.name} />
              ))}
            </datalist>
            <div className="table-wrap">
              <table className="table meeting-grid meeting-attendees" aria-label="出席者">
                <thead>
                  <tr>
                    <th style={{ width: '3rem' }}>番号</th>
                    <th style={{ width: '22%' }}>所属（台帳から選ぶか入力）</th>
                    <th style={{ width: '9rem' }}>区分</th>
                    <th style={{ width: '8rem' }}>役職</th>
                    <th>氏名</th>
                    <th style={{ width: '6.5rem' }}>出欠</th>
                    <th>代理出席者</th>
                    <th style={{ width: '4.5rem' }} />
                  </tr>
                </thead>
                <tbody>
                  {draft.attendees.map((a, i) => (
                    <tr key={a.key}>
                      <td className="num">{i + 1}</td>
                      <td>
                        <Cell path={['attendees', i, 'organization']}>
                          {(invalid) => (
                            <input
                              aria-label={`${i + 1}行目の所属`}
                              aria-invalid={invalid}
                              list="meeting-organizations"
                              value={a.organization}
                              onChange={(e) => {
                                const category = orgCategory(e.target.value);
                                updateAttendee(a.key, { organization: e.target.value, ...(category ? { category } : {}) });
                              }}
                            />
                          )}
                        </Cell>
                      </td>
                      <td>
                        <select
                          aria-label={`${i + 1}行目の区分`}
                          value={a.category}
                          onChange={(e) => updateAttendee(a.key, { category: e.target.value as MemberCategory })}
                        >
                          {MEMBER_CATEGORIES.map((c) => (
                            <option key={c} value={c}>
                              {MEMBER_CATEGORY_LABELS[c]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          aria-label={`${i + 1}行目の役職`}
                          value={a.role}
                          onChange={(e) => updateAttendee(a.key, { role: e.target.value })}
                        />
                      </td>
                      <td>
                        <Cell path={['attendees', i, 'name']}>
                          {(invalid) => (
                            <input
                              aria-label={`${i + 1}行目の氏名`}
                              aria-invalid={invalid}
                              value={a.name}
                              onChange={(e) => updateAttendee(a.key, { name: e.target.value })}
                            />
                          )}
                        </Cell>
                      </td>
                      <td>
                        <select
                          aria-label={`${i + 1}行目の出欠`}
                          className={`meeting-attendance meeting-attendance--${a.attendance}`}
                          value={a.attendance}
                          onChange={(e) => updateAttendee(a.key, { attendance: e.target.value as Attendance })}
                        >
                          {ATTENDANCES.map((x) => (
                            <option key={x} value={x}>
                              {ATTENDANCE_LABELS[x]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          aria-label={`${i + 1}行目の代理出席者`}
                          value={a.proxyName}
                          disabled={a.attendance !== 'proxy'}
                          placeholder={a.attendance === 'proxy' ? '氏名' : ''}
                          onChange={(e) => updateAttendee(a.key, { proxyName: e.target.value })}
                        />
                      </td>
                      <td>
                        <RowButton
                          label={`${i + 1}行目の出席者を削除`}
                          onClick={() => set({ attendees: draft.attendees.filter((x) => x.key !== a.key) })}
                        />
                      </td>
                    </tr>
                  ))}
                  {draft.attendees.length === 0 && (
                    <tr>
                      <td colSpan={8} className="empty">
                        委員を「行を追加」で加えるか、「前回の委員を写す」で同じ会議体の前回から写してください。
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            <div className="actions">
              <button data-edit type="button" className="button button--secondary button--small" onClick={addAttendee}>
                行を追加
              </button>
              <button data-edit type="button" className="button button--secondary button--small" onClick={copyPreviousMembers}>
                前回の委員を写す
              </button>
            </div>
          </section>

          <section className="card meeting-section" aria-labelledby="meeting-agenda">
            <h3 id="meeting-agenda">議事</h3>
            <ol className="meeting-agenda">
              {draft.agenda.map((item, i) => (
                <li key={item.key}>
                  <div className="meeting-agenda__title">
                    <Cell path={['agenda', i, 'title']}>
                      {(invalid) => (
                        <input
                          aria-label={`議題${i + 1}`}
                          aria-invalid={invalid}
                          placeholder="議題"
                          value={item.title}
                          onChange={(e) =>
                            set({ agenda: draft.agenda.map((x) => (x.key === item.key ? { ...x, title: e.target.value } : x)) })
                          }
                        />
                      )}
                    </Cell>
                    <RowButton
                      label={`議題${i + 1}を削除`}
                      onClick={() => set({ agenda: draft.agenda.filter((x) => x.key !== item.key) })}
                    />
                  </div>
                  <textarea
                    aria-label={`議題${i + 1}の議事の記録`}
                    placeholder="説明・意見・結論など（改行で段落を分けます）"
                    rows={4}
                    value={item.minutes}
                    onChange={(e) => set({ agenda: draft.agenda.map((x) => (x.key === item.key ? { ...x, minutes: e.target.value } : x)) })}
                  />
                </li>
              ))}
            </ol>
            <button
              data-edit
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                set({ agenda: [...draft.agenda, { key: key(), title: '', minutes: '' }] });
                focusLast('.meeting-agenda li:last-child input');
              }}
            >
              議題を追加
            </button>
          </section>

          <section className="card meeting-section" aria-labelledby="meeting-decisions">
            <h3 id="meeting-decisions">決定事項</h3>
            <ol className="meeting-decisions">
              {draft.decisions.map((d, i) => (
                <li key={d.key}>
                  <Cell path={['decisions', i, 'text']}>
                    {(invalid) => (
                      <input
                        aria-label={`決定事項${i + 1}`}
                        aria-invalid={invalid}
                        value={d.text}
                        onChange={(e) =>
                          set({ decisions: draft.decisions.map((x) => (x.key === d.key ? { ...x, text: e.target.value } : x)) })
                        }
                      />
                    )}
                  </Cell>
                  <RowButton
                    label={`決定事項${i + 1}を削除`}
                    onClick={() => set({ decisions: draft.decisions.filter((x) => x.key !== d.key) })}
                  />
                </li>
              ))}
            </ol>
            <button
              data-edit
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                set({ decisions: [...draft.decisions, { key: key(), text: '' }] });
                focusLast('.meeting-decisions li:last-child input');
              }}
            >
              決定事項を追加
            </button>
          </section>

          <section className="card meeting-section" aria-labelledby="meeting-actions">
            <h3 id="meeting-actions">対応事項</h3>
            {carried.length > 0 && (
              <>
                <h4 className="meeting-subhead">前回までの会議から引き継いだ事項（ここで状況を変えると、元の対応事項が変わります）</h4>
                <div className="table-wrap">
                  <table className="table meeting-grid" aria-label="引き継いだ対応事項">
                    <thead>
                      <tr>
                        <th>内容</th>
                        <th style={{ width: '14rem' }}>提起した会議</th>
                        <th style={{ width: '10rem' }}>担当</th>
                        <th style={{ width: '11rem' }}>期限</th>
                        <th style={{ width: '8rem' }}>状況</th>
                      </tr>
                    </thead>
                    <tbody>
                      {carried.map((a) => (
                        <tr key={a.id}>
                          <td>{a.content}</td>
                          <td>{a.meetingTitle}</td>
                          <td>{a.owner || '―'}</td>
                          <td className="nowrap">{a.dueOn ? formatWareki(a.dueOn) : '―'}</td>
                          <td>
                            <select
                              aria-label={`${a.content}の状況`}
                              className={`meeting-status-select meeting-status-select--${draft.carried[a.id] ?? a.status}`}
                              value={draft.carried[a.id] ?? a.status}
                              onChange={(e) => {
                                const { [a.id]: _was, ...others } = draft.carried;
                                const status = e.target.value as ActionStatus;
                                set({ carried: status === a.status ? others : { ...others, [a.id]: status } });
                              }}
                            >
                              {ACTION_STATUSES.map((s) => (
                                <option key={s} value={s}>
                                  {ACTION_STATUS_LABELS[s]}
                                </option>
                              ))}
                            </select>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <h4 className="meeting-subhead">この会議の対応事項</h4>
              </>
            )}
            <div className="table-wrap">
              <table className="table meeting-grid meeting-actions" aria-label="この会議の対応事項">
                <thead>
                  <tr>
                    <th>内容</th>
                    <th style={{ width: '11rem' }}>担当</th>
                    <th style={{ width: '14rem' }}>期限</th>
                    <th style={{ width: '8rem' }}>状況</th>
                    <th style={{ width: '4.5rem' }} />
                  </tr>
                </thead>
                <tbody>
                  {draft.actionItems.map((a, i) => {
                    const update = (patch: Partial<ActionDraft>) =>
                      set({ actionItems: draft.actionItems.map((x) => (x.key === a.key ? { ...x, ...patch } : x)) });
                    return (
                      <tr key={a.key}>
                        <td>
                          <Cell path={['actionItems', i, 'content']}>
                            {(invalid) => (
                              <input
                                aria-label={`対応事項${i + 1}の内容`}
                                aria-invalid={invalid}
                                value={a.content}
                                onChange={(e) => update({ content: e.target.value })}
                              />
                            )}
                          </Cell>
                        </td>
                        <td>
                          <input
                            aria-label={`対応事項${i + 1}の担当`}
                            value={a.owner}
                            onChange={(e) => update({ owner: e.target.value })}
                          />
                        </td>
                        <td>
                          <Cell path={['actionItems', i, 'dueOn']}>
                            {(invalid) => (
                              <DateField
                                aria-label={`対応事項${i + 1}の期限`}
                                aria-invalid={invalid}
                                value={a.dueOn}
                                onChange={(v) => update({ dueOn: v })}
                                placeholder="例: R6.3.31"
                              />
                            )}
                          </Cell>
                        </td>
                        <td>
                          <select
                            aria-label={`対応事項${i + 1}の状況`}
                            className={`meeting-status-select meeting-status-select--${a.status}`}
                            value={a.status}
                            onChange={(e) => update({ status: e.target.value as ActionStatus })}
                          >
                            {ACTION_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {ACTION_STATUS_LABELS[s]}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <RowButton
                            label={`対応事項${i + 1}を削除`}
                            onClick={() => set({ actionItems: draft.actionItems.filter((x) => x.key !== a.key) })}
                          />
                        </td>
                      </tr>
                    );
                  })}
                  {draft.actionItems.length === 0 && (
                    <tr>
                      <td colSpan={5} className="empty">
                        この会議で決まった宿題はまだありません。
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            <button
              data-edit
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                set({ actionItems: [...draft.actionItems, { key: key(), content: '', owner: '', dueOn: '', status: 'open' }] });
                focusLast('.meeting-actions tbody tr:last-child input');
              }}
            >
              対応事項を追加
            </button>
          </section>

          <ConflictNotice
            {...(isVersionConflict(save.error?.error)
              ? { error: save.error?.error }
              : changedMeanwhile
                ? CHANGED_MEANWHILE
                : { error: undefined })}
            unsaved={unsavedText(draft)}
            onReload={async () => {
              if (meeting) take(await client.call('meeting.get', { id: meeting.id }));
            }}
          />
          <FormErrorNotice
            error={isVersionConflict(save.error?.error) ? undefined : save.error?.error}
            fields={['bodyId', 'number', 'heldOn', 'startTime', 'place', 'attendees', 'agenda', 'decisions', 'actionItems']}
          />
          {remove.error && (
            <div className="notice notice--error" role="alert">
              {remove.error.message}
            </div>
          )}
        </ReadOnlyFields>
        <div className="meeting-savebar">
          {meeting && (
            <button
              data-edit
              type="button"
              className="button button--secondary"
              onClick={() => setConfirmDelete(true)}
              style={{ marginRight: 'auto' }}
            >
              削除
            </button>
          )}
          <span className="muted" data-edit>
            Ctrl+S で保存・Enter で次の欄へ
          </span>
          <button type="button" className="button button--secondary" onClick={() => mover.go(meetingPath.year(fy))}>
            一覧へ戻る
          </button>
          <button type="submit" className="button" disabled={save.pending}>
            保存
          </button>
        </div>
      </form>
      {confirmDelete && meeting && (
        <ConfirmDialog
          title={`${meeting.title}を削除しますか？`}
          confirmLabel="削除する"
          danger
          onConfirm={doDelete}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>出席者・議事・決定事項とこの会議の対応事項も消えます。ほかの会議から引き継いで完了にした対応事項は完了のまま残ります。</p>
        </ConfirmDialog>
      )}
    </FieldErrors>
  );
}

/** After adding a row: put the cursor in its first box, once React has drawn it. */
function focusLast(selector: string) {
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>(selector)?.focus());
}
