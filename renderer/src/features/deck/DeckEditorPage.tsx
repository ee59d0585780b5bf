/**
 * One deck: its name and slides in order, the selected slide's content and a
 * preview as the room will see it. Keyboard: ↑↓ choose a slide in the list,
 * Alt+↑↓ move it, Delete removes it; a slide added takes the typing in its
 * first field; Ctrl+S saves. 発表する saves and goes
 * full screen; 配布資料 prints the deck 1, 2 or 4 slides to an A4 sheet.
 * A save over someone else's newer one is refused; 再読み込み brings theirs in. What is typed while a save is
 * on its way stays, unsaved (useSavedDraft); a saved deck is drawn once it is read, so nothing is typed over an empty form.
 */
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { OpFailure } from '@renderer/api/client';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, FieldErrors, FormErrorNotice, useFocusFirstError } from '@renderer/components/Field';
import { LeaveGuard } from '@renderer/components/LeaveGuard';
import { pathLeft, pathNow, useMover } from '@renderer/components/Navigation';
import { PageHeader } from '@renderer/components/PageHeader';
import { useReadOnly } from '@renderer/components/ReadOnly';
import { useSavedDraft } from '@renderer/components/savedDraft';
import { useToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import { type FieldIssue, type IssuePath, issuesOf } from '@renderer/lib/formErrors';
import type { Deck, DeckBlockInfo, DeckMeeting, HandoutLayout, SlideInput } from '@shared/contract/deck';
import { HANDOUT_LAYOUTS } from '@shared/contract/deck';
import { textSlideType, tooMuchText } from '@shared/deck/slide-type';
import { deckTitleFor } from '@shared/deck/title';
import { formatFiscalYearWareki, formatWareki } from '@shared/wareki';
import { ScaledStage, SlideContent } from './SlideStage';
import './deck.css';

function slideLabel(slide: SlideInput, blocks: readonly DeckBlockInfo[]): string {
  if (slide.kind === 'text') return slide.title || '（見出しなし）';
  const block = blocks.find((b) => b.id === slide.block);
  return `${block?.label ?? slide.block}${slide.fiscalYear ? `（${formatFiscalYearWareki(slide.fiscalYear)}）` : ''}`;
}

function Preview({ slide }: { slide: SlideInput }) {
  if (slide.kind === 'text' && !slide.title.trim()) {
    return (
      <div className="deck-preview deck-preview--empty" data-testid="deck-preview">
        見出しを入力すると、ここに下見を表示します。
      </div>
    );
  }
  return <LivePreview slide={slide} />;
}

/** The slide as shown, and below it each 「（続き）」 slide its long table goes on in. */
function LivePreview({ slide }: { slide: SlideInput }) {
  const shown = useQuery('deck.preview', { slide }, { keepPreviousWhileLoading: true });
  const [parts, setParts] = useState(1);
  return (
    <div className="deck-previews">
      <div className="deck-preview" data-testid="deck-preview">
        {shown.error ? (
          <ErrorNotice error={shown.error} title="下見を表示できません。" />
        ) : (
          <ScaledStage>
            {shown.data ? <SlideContent slide={shown.data} onParts={setParts} /> : <div className="slide slide--waiting">読み込み中…</div>}
          </ScaledStage>
        )}
      </div>
      {shown.data &&
        !shown.error &&
        Array.from({ length: parts - 1 }, (_, i) => (
          <div key={i} className="deck-preview" data-testid="deck-preview-continued">
            <ScaledStage>
              <SlideContent slide={shown.data!} part={i + 1} />
            </ScaledStage>
          </div>
        ))}
    </div>
  );
}

function SlideForm({
  slide,
  index,
  blocks,
  readOnly,
  onChange,
}: {
  slide: SlideInput;
  /** Its place in the deck: where a refused save's issues about it sit. */
  index: number;
  blocks: readonly DeckBlockInfo[];
  readOnly: boolean;
  onChange: (slide: SlideInput) => void;
}) {
  const at = (field: string): IssuePath => ['slides', index, field];
  if (slide.kind === 'text') {
    // Said as it is typed, before a save the core would refuse with the same words.
    const tooMuch = tooMuchText(textSlideType({ title: slide.title, lines: slide.lines ?? [] }));
    return (
      <div className="form">
        <Field label="見出し" hint="例: 議題、本日の決定事項" path={at('title')}>
          {(p) => (
            <input
              {...p}
              name="slideTitle"
              value={slide.title}
              readOnly={readOnly}
              onChange={(e) => onChange({ ...slide, title: e.target.value })}
            />
          )}
        </Field>
        <Field label="箇条書き（1行に1項目、8行まで）" error={tooMuch ? `このスライドは${tooMuch}` : undefined} path={at('lines')}>
          {(p) => (
            <textarea
              {...p}
              name="slideLines"
              rows={6}
              readOnly={readOnly}
              value={(slide.lines ?? []).join('\n')}
              onChange={(e) => onChange({ ...slide, lines: e.target.value.split('\n') })}
            />
          )}
        </Field>
        <NotesField slide={slide} path={at('notes')} readOnly={readOnly} onChange={onChange} />
      </div>
    );
  }
  const block = blocks.find((b) => b.id === slide.block);
  return (
    <div className="form">
      <Field label="表示する集計" path={at('block')}>
        {(p) => (
          <select
            {...p}
            name="slideBlock"
            value={slide.block}
            disabled={readOnly}
            onChange={(e) => onChange({ kind: 'block', block: e.target.value, notes: slide.notes })}
          >
            {blocks.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {block && <p className="deck-form__hint">{block.description}</p>}
      {block?.needsFiscalYear && (
        <Field label="年度" hint="「最新の年度」にすると、会議の日にデータのある最新の年度を表示します。" path={at('fiscalYear')}>
          {(p) => (
            <select
              {...p}
              name="slideYear"
              value={slide.fiscalYear ?? ''}
              disabled={readOnly}
              onChange={(e) => onChange({ ...slide, fiscalYear: e.target.value ? Number(e.target.value) : undefined })}
            >
              <option value="">最新の年度</option>
              {block.fiscalYears.map((y) => (
                <option key={y} value={y}>
                  {formatFiscalYearWareki(y)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <NotesField slide={slide} path={at('notes')} readOnly={readOnly} onChange={onChange} />
    </div>
  );
}

function NotesField({
  slide,
  path,
  readOnly,
  onChange,
}: {
  slide: SlideInput;
  path: IssuePath;
  readOnly: boolean;
  onChange: (slide: SlideInput) => void;
}) {
  return (
    <Field label="話すことのメモ（映しません）" path={path}>
      {(p) => (
        <textarea
          {...p}
          name="slideNotes"
          rows={2}
          readOnly={readOnly}
          value={slide.notes ?? ''}
          onChange={(e) => onChange({ ...slide, notes: e.target.value })}
        />
      )}
    </Field>
  );
}

function Handouts({ deckId, disabled }: { deckId: number | null; disabled: boolean }) {
  const handout = useMutation('deck.handout');
  const [perPage, setPerPage] = useState<HandoutLayout>(4);
  const [noteLines, setNoteLines] = useState(false);
  const toast = useToast();
  const print = async () => {
    if (deckId === null) return;
    const file = await handout.run({ id: deckId, perPage, noteLines });
    if (file) {
      saveFile(file);
      toast(`配布資料（A4 ${file.pages}枚）を保存しました: ${file.fileName}`, 'success');
    }
  };
  return (
    <section className="card deck-handout" aria-labelledby="handout-heading">
      <h2 id="handout-heading">配布資料（PDF）</h2>
      <div className="deck-handout__row">
        <fieldset className="deck-handout__layouts">
          <legend>A4 1枚に</legend>
          {HANDOUT_LAYOUTS.map((n) => (
            <label key={n} className="check">
              <input type="radio" name="perPage" checked={perPage === n} onChange={() => setPerPage(n)} />
              {n}枚
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={noteLines} onChange={(e) => setNoteLines(e.target.checked)} />
          メモ欄の罫線をつける
        </label>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void print()}
          disabled={disabled || handout.pending}
          data-view
        >
          {handout.pending ? '作成中…' : '配布資料を保存'}
        </button>
      </div>
      {disabled && <p className="deck-form__hint">保存してから出力できます。</p>}
      {handout.error && <ErrorNotice error={handout.error} title="配布資料を作れませんでした。" />}
    </section>
  );
}

/** Which meeting the deck is for, linked to its page. */
function ForMeeting({ meeting }: { meeting: DeckMeeting | null }) {
  return (
    <p className="deck-editor__meeting" data-testid="deck-meeting">
      {meeting ? (
        <>
          会議: <Link to={`/meeting/${meeting.fiscalYear}/m/${meeting.id}`}>{meeting.title}</Link> の資料
        </>
      ) : (
        'どの会議の資料でもありません（会議の画面の「会議資料（スライド）」から作ると、その会議の資料になります）。'
      )}
    </p>
  );
}

/** The meeting a new deck is for, read once: named on the page, and handed to `onRead` for the deck's first name. */
function ForNewMeeting({ id, onRead }: { id: number; onRead(meeting: { title: string; fiscalYear: number }): void }) {
  const meeting = useQuery('meeting.get', { id });
  const m = meeting.data;
  useEffect(() => {
    if (m) onRead(m);
  }, [m, onRead]);
  return (
    <ForMeeting meeting={m ? { id, title: `${m.title}（${formatWareki(m.heldOn)}）`, fiscalYear: m.fiscalYear, heldOn: m.heldOn } : null} />
  );
}

/** A saved deck as read for the editor: the deck, or why it could not be read. */
interface DeckRead {
  id: number;
  data: Deck | undefined;
  error: OpFailure | undefined;
}

export function DeckEditorPage() {
  const { deckId } = useParams();
  const id = deckId && deckId !== 'new' ? Number(deckId) : null;
  const [read, setRead] = useState<DeckRead>();
  const current = read?.id === id ? read : undefined;
  // One editor for a new deck and, once its first save moves the page to the deck's address, for the saved deck: what was
  // typed while that save was on its way stays in the form (an editor made anew would start from the deck as saved).
  // Any other move (another deck, or a new one) makes it anew.
  const [editor, setEditor] = useState({ id, key: 0 });
  const [made, setMade] = useState<{ key: number; id: number }>();
  // Come back from the show (Esc): 発表する takes the focus again once the deck is drawn, not the title.
  const [presented] = useState(() => pathLeft()?.startsWith('/present/') ?? false);
  const goesOn = made?.key === editor.key && made.id === id;
  // An address cut short or typed by hand (「abc」 for the number) names no deck, and says so as for one since deleted
  // (its NaN, never equal to itself, would make a new editor at every drawing).
  if (id !== null && !Number.isSafeInteger(id)) {
    return (
      <>
        <PageHeader title="会議資料" />
        <div className="notice notice--error" role="alert">
          会議資料（{deckId}）はありません。一覧を開き直してください。
        </div>
      </>
    );
  }
  if (editor.id !== id) setEditor({ id, key: goesOn ? editor.key : editor.key + 1 });
  return (
    <>
      {id !== null && <ReadDeck id={id} onRead={setRead} />}
      {current?.error ? (
        <>
          <PageHeader title="会議資料" />
          <ErrorNotice error={current.error} />
        </>
      ) : id === null || current?.data || goesOn ? (
        <DeckEditor
          key={editor.key}
          id={id}
          loaded={current?.data}
          presented={presented && editor.key === 0}
          onMade={(madeId) => setMade({ key: editor.key, id: madeId })}
        />
      ) : (
        <>
          <PageHeader title="会議資料" />
          <p className="muted">読み込み中…</p>
        </>
      )}
    </>
  );
}

function ReadDeck({ id, onRead }: { id: number; onRead(read: DeckRead): void }) {
  const { data, error } = useQuery('deck.get', { id });
  useEffect(() => onRead({ id, data, error }), [id, data, error, onRead]);
  return null;
}

/** The deck as a form: its name and its slides. */
interface DeckDraft {
  title: string;
  slides: SlideInput[];
}

const draftOf = (deck: Deck | null): DeckDraft => ({ title: deck?.title ?? '', slides: deck?.content ?? [] });

function DeckEditor({
  id,
  loaded,
  presented,
  onMade,
}: {
  id: number | null;
  /** The deck as read now (undefined for a new one, and right after its first save): a newer reading is taken up while nothing is typed. */
  loaded?: Deck;
  /** Come back from presenting this deck: 発表する takes the focus once there are slides to present. */
  presented: boolean;
  /** Told the id of the deck a new deck's first save made, before the page moves to it. */
  onMade(id: number): void;
}) {
  const blocks = useQuery('deck.blocks', {});
  const save = useMutation('deck.save');
  const remove = useMutation('deck.delete');
  const mover = useMover();
  const toast = useToast();
  const readOnly = useReadOnly();
  // A new deck made from a meeting's page (?meeting=5) is saved with that meeting, also after its first save moved the page.
  const [search] = useSearchParams();
  const [meetingAsked] = useState(() => Number(search.get('meeting')) || null);
  const meetingId = loaded ? loaded.meetingId : meetingAsked;
  // The deck as last read or saved (its version goes with the save), and the form typed over it.
  const form = useSavedDraft<Deck | null, DeckDraft>(loaded ?? null, draftOf);
  const { title, slides } = form.draft;
  const { dirty } = form;
  const [selected, setSelected] = useState(0);
  // Set once the deck is deleted: what was typed in it went with it, so leaving is not asked about.
  const deleted = useRef(false);
  // A new deck for a meeting is named after it once the meeting is read (a suggestion, not typing), unless a name was typed meanwhile.
  const named = useRef(false);
  const { fillIn } = form;
  const nameAfterMeeting = useCallback(
    (meeting: { title: string; fiscalYear: number }) => {
      if (named.current) return;
      named.current = true;
      fillIn((d) => (d.title ? d : { ...d, title: deckTitleFor(meeting) }));
    },
    [fillIn],
  );
  const { client } = useApi();
  const list = useRef<HTMLSelectElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const presentButton = useRef<HTMLButtonElement>(null);
  const backOnPresent = useRef(presented);
  useEffect(() => {
    if (!backOnPresent.current || slides.length === 0) return;
    backOnPresent.current = false;
    presentButton.current?.focus();
  }, [slides.length]);
  // A refused save's issues, each at its slide's place then. What the officer has changed since is no longer marked; a slide
  // added, moved or removed would leave them all on the wrong one, so they go.
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [refused, setRefused] = useState<FieldIssue[]>();
  useEffect(() => {
    const found = isVersionConflict(save.error?.error) ? [] : issuesOf(save.error?.error);
    setIssues(found);
    setRefused(found.length > 0 ? found : undefined);
    // The first slide at fault is brought up, its field marked, so the officer sees which of several blank ones it is.
    const slide = found.map((issue) => issue.path).find((path) => path[0] === 'slides' && typeof path[1] === 'number')?.[1];
    if (typeof slide === 'number') setSelected(slide);
  }, [save.error]);
  useFocusFirstError(formRef, refused);
  const settle = (...at: IssuePath) => setIssues((list) => list.filter((issue) => !at.every((part, n) => issue.path[n] === part)));

  // A newer reading (元に戻す, やり直す, a save in another window) is taken up while nothing is typed; over typing, the
  // next save is refused as someone else's change and 再読み込み offered. An older one (read before a save) is not.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newer reading of the deck is followed, with the form as it is then.
  useEffect(() => {
    if (!loaded || (form.record && loaded.version <= form.record.version) || form.dirtyNow()) return;
    form.take(loaded);
  }, [loaded]);
  const reload = async () => {
    if (id === null) return;
    form.take(await client.call('deck.get', { id }));
    save.reset();
  };

  const change = (next: SlideInput[], select = selected) => {
    form.setDraft((d) => ({ ...d, slides: next }));
    setSelected(Math.min(Math.max(select, 0), Math.max(next.length - 1, 0)));
  };
  // Slides added, moved or removed: their places change.
  const restructure = (next: SlideInput[], select: number) => {
    setIssues([]);
    change(next, select);
  };
  // Slides just added: the first one's first field takes the focus once it is on screen, so what is typed next goes into
  // it (the button that added it would otherwise keep it, and the typing be lost).
  const slideForm = useRef<HTMLDivElement>(null);
  const focusAdded = useRef(false);
  useEffect(() => {
    if (!focusAdded.current) return;
    focusAdded.current = false;
    slideForm.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [slides, selected]);
  const insert = (made: SlideInput[]) => {
    focusAdded.current = true;
    restructure([...slides.slice(0, selected + 1), ...made, ...slides.slice(selected + 1)], slides.length ? selected + 1 : 0);
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= slides.length) return;
    const next = [...slides];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    restructure(next, to);
  };
  // Text slides from the deck's meeting as recorded: its agenda or its decisions, 8 lines a slide as a slide holds.
  const addFromMeeting = async (what: 'agenda' | 'decisions') => {
    if (meetingId === null) return;
    let lines: string[];
    try {
      const m = await client.call('meeting.get', { id: meetingId });
      lines = what === 'agenda' ? m.agenda.map((a, i) => `${i + 1}. ${a.title}`) : m.decisions.map((d) => d.text);
    } catch (e) {
      toast(`会議を読めませんでした: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return;
    }
    const title = what === 'agenda' ? '本日の議題' : '決定事項';
    if (lines.length === 0) {
      toast(`この会議には${what === 'agenda' ? '議題' : '決定事項'}がまだ記録されていません`, 'error');
      return;
    }
    const made: SlideInput[] = [];
    for (let i = 0; i < lines.length; i += 8) made.push({ kind: 'text', title, lines: lines.slice(i, i + 8) });
    insert(made);
  };
  const removeAt = (i: number) =>
    restructure(
      slides.filter((_, n) => n !== i),
      i >= slides.length - 1 ? i - 1 : i,
    );

  const saveDeck = async (): Promise<number | null> => {
    // A save on its way is not sent again: a new deck would be saved twice.
    if (save.pending) return null;
    const from = pathNow();
    const saved = await form.save((sent, read) =>
      save.run({ ...(read ? { id: read.id, version: read.version } : {}), title: sent.title, slides: sent.slides, meetingId }),
    );
    if (!saved) return null;
    toast(`「${saved.title}」を保存しました（スライド ${saved.slides} 枚）`, 'success');
    if (id === null) {
      onMade(saved.id);
      mover.goIfStill(from, `/report/decks/${saved.id}`, { replace: true });
    }
    return saved.id;
  };
  const present = async () => {
    const target = readOnly || !dirty ? id : await saveDeck();
    if (target === null) return;
    // Full screen needs the user's own click; asked here, before the page changes.
    await document.documentElement.requestFullscreen?.().catch(() => undefined);
    mover.go(`/present/${target}?slide=${selected + 1}`);
  };

  const onListKey = (e: KeyboardEvent<HTMLSelectElement>) => {
    // ↑↓ alone are the list's own; with Alt they carry the slide along.
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && e.altKey && !readOnly) {
      move(selected, selected + (e.key === 'ArrowDown' ? 1 : -1));
      e.preventDefault();
    } else if (e.key === 'Delete' && !readOnly && slides.length > 0) {
      removeAt(selected);
      e.preventDefault();
    }
  };

  const blockList = blocks.data ?? [];
  const current = slides[selected];
  return (
    <form
      ref={formRef}
      className="stack deck-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly) void saveDeck();
      }}
    >
      <FieldErrors issues={issues}>
        <LeaveGuard dirty={() => !deleted.current && form.dirtyNow() && !readOnly} what={title || '新しい会議資料'} />
        <PageHeader
          title={id === null ? '新しい会議資料' : title || '会議資料'}
          lead="スライドは一覧で選び、Alt+↑↓ で並べ替え、Delete で外せます。保存は Ctrl+S。"
          actions={
            <>
              <button type="button" className="button button--secondary" onClick={() => mover.go('/report/decks')}>
                一覧へ
              </button>
              {!readOnly && (
                <button type="submit" className="button button--secondary" disabled={save.pending}>
                  保存
                </button>
              )}
              <button
                ref={presentButton}
                type="button"
                className="button"
                onClick={() => void present()}
                disabled={slides.length === 0}
                data-testid="deck-present"
              >
                発表する（全画面）
              </button>
            </>
          }
        />
        <FormErrorNotice error={issues} fields={[]} />
        <ConflictNotice
          error={save.error?.error}
          unsaved={[
            `資料の名前: ${title}`,
            ...slides.map((s, i) => `${i + 1}枚目: ${slideLabel(s, blocks.data ?? [])}${s.notes ? `（メモ: ${s.notes}）` : ''}`),
          ].join('\n')}
          onReload={reload}
        />
        {loaded || meetingId === null ? (
          <ForMeeting meeting={loaded?.meeting ?? null} />
        ) : (
          <ForNewMeeting id={meetingId} onRead={nameAfterMeeting} />
        )}
        <div className="deck-editor__title">
          <Field label="資料の名前" hint="例: 令和5年度 第3回 在宅医療推進センター運営会議" path={['title']}>
            {(p) => (
              <input
                {...p}
                name="deckTitle"
                value={title}
                readOnly={readOnly}
                onChange={(e) => {
                  const typed = e.target.value;
                  form.setDraft((d) => ({ ...d, title: typed }));
                  settle('title');
                }}
              />
            )}
          </Field>
        </div>
        <div className="deck-editor__grid">
          <section className="card deck-slides" aria-labelledby="slides-heading">
            <h2 id="slides-heading">スライド（{slides.length} 枚）</h2>
            <select
              ref={list}
              className="deck-slides__list"
              size={Math.min(Math.max(slides.length, 5), 14)}
              aria-label="スライドの並び（Alt+↑↓で並べ替え、Deleteで外す）"
              value={slides.length ? String(selected) : ''}
              onChange={(e) => setSelected(Number(e.target.value))}
              onKeyDown={onListKey}
              data-testid="deck-slides"
            >
              {slides.map((s, i) => (
                <option key={i} value={i}>
                  {`${i + 1}. ［${s.kind === 'text' ? '文字' : '集計'}］ ${slideLabel(s, blockList)}`}
                </option>
              ))}
            </select>
            {!readOnly && (
              <div className="deck-slides__actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => insert([{ kind: 'text', title: '', lines: [] }])}
                >
                  ＋ 文字のスライド
                </button>
                {meetingId !== null && (
                  <>
                    <button type="button" className="button button--secondary button--small" onClick={() => void addFromMeeting('agenda')}>
                      ＋ 議題から
                    </button>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => void addFromMeeting('decisions')}
                    >
                      ＋ 決定事項から
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={blockList.length === 0}
                  onClick={() => insert([{ kind: 'block', block: blockList[0]!.id }])}
                >
                  ＋ 集計のスライド
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={selected === 0}
                  onClick={() => move(selected, selected - 1)}
                >
                  ↑ 上へ
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={selected >= slides.length - 1}
                  onClick={() => move(selected, selected + 1)}
                >
                  ↓ 下へ
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={!current}
                  onClick={() => removeAt(selected)}
                >
                  外す
                </button>
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="slide-heading">
            <h2 id="slide-heading">{current ? `${selected + 1} 枚目` : 'スライド'}</h2>
            {current ? (
              <div className="deck-editor__slide" ref={slideForm}>
                <SlideForm
                  slide={current}
                  index={selected}
                  blocks={blockList}
                  readOnly={readOnly}
                  onChange={(s) => {
                    for (const [field, value] of Object.entries(s)) {
                      if (value !== (current as Record<string, unknown>)[field]) settle('slides', selected, field);
                    }
                    change(slides.map((x, i) => (i === selected ? s : x)));
                  }}
                />
                <Preview slide={current} />
              </div>
            ) : (
              <p>左の「＋ 文字のスライド」「＋ 集計のスライド」で加えてください。</p>
            )}
          </section>
        </div>
        <Handouts deckId={id} disabled={id === null || dirty} />
        {form.record && !readOnly && (
          <div className="actions">
            <button
              type="button"
              className="button button--danger button--small"
              onClick={async () => {
                const deck = form.record;
                if (!deck || !window.confirm(`「${title}」を削除しますか？（元に戻すで取り消せます）`)) return;
                const from = pathNow();
                if (!(await remove.run({ id: deck.id, version: deck.version }))) return;
                deleted.current = true;
                mover.goIfStill(from, '/report/decks');
              }}
            >
              この資料を削除
            </button>
          </div>
        )}
      </FieldErrors>
    </form>
  );
}
