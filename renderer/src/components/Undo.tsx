/**
 * 元に戻す / やり直す everywhere: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y, the 編集
 * menu, the buttons in the top bar and the 元に戻す beside each success
 * message. Inside a text field with typing not yet saved the keys stay the
 * field's own (as inside an Excel cell); elsewhere they reverse the last saved
 * change in the core, and every screen reloads. One at a time: reversing a large
 * import takes seconds, and a press meanwhile would reverse the change before it
 * too, so it is ignored while the top bar says what is running. Nor while a save is
 * on its way: it would reverse the change before it, and the save would then go
 * through all the same; the top bar says to wait for it. An undo or a redo that
 * would change many records (the demo data, an import) asks first, naming what
 * and how many, with キャンセル the answer a stray Enter gives; a small one does not.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ChangeSummary } from '@shared/contract/history';
import { LARGE_UNDO, NO_SHARED_UNDO } from '@shared/contract/history-words';
import { formatNumber } from '@shared/format';
import { OpFailure } from '../api/client';
import { useApi, useQuery } from '../api/hooks';
import { ConfirmDialog } from './ConfirmDialog';
import { ToastDefaults, useToast } from './Toast';

type Direction = 'undo' | 'redo';

interface UndoState {
  run(direction: Direction): Promise<void>;
  /** The undo or redo under way, if any. */
  running: Direction | null;
  /** An undo or redo pressed while a save was on its way, and so not run: said in the top bar until the save ends. */
  heldBySave: Direction | null;
}

const UndoContext = createContext<UndoState | null>(null);

const RUNNING_LABELS: Record<Direction, string> = { undo: '元に戻しています…', redo: 'やり直しています…' };
const HELD_LABELS: Record<Direction, string> = {
  undo: '保存中です。保存が終わってから元に戻してください',
  redo: '保存中です。保存が終わってからやり直してください',
};

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number', '']);

function isTextField(element: Element | null): element is HTMLElement {
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

/** Whether 元に戻す can take a change back here: not on a shared database, which keeps no change journal yet. */
export function useUndoable(): boolean {
  return useQuery('accounts.session', {}).data?.shared !== true;
}

export function UndoProvider({ children }: { children: ReactNode }) {
  const { client, invalidate, revision, takeUndoable, savingNow, whenSaved, started } = useApi();
  const toast = useToast();
  // A shared database keeps no change journal yet (the core refuses 元に戻す there): no success offers it, and a key press is told so.
  const undoable = useUndoable();
  // Fields typed in since the last save: there, Ctrl+Z is the browser's text undo.
  const typed = useRef(new WeakSet<Element>());

  // Forgotten as the save's answer is drawn, not in an effect after the paint: a Ctrl+Z pressed in between would be the
  // field's text undo, of typing already saved.
  useLayoutEffect(() => {
    typed.current = new WeakSet();
  }, [revision]);
  // A ref, not only state: two presses within one frame must not both start.
  const busy = useRef(false);
  const [running, setRunning] = useState<Direction | null>(null);
  const [heldBySave, setHeldBySave] = useState<Direction | null>(null);
  /** A large change 元に戻す would take back or やり直す bring back, asked about; and what had the focus, to give it back. */
  const [asking, setAsking] = useState<{ direction: Direction; change: ChangeSummary; focus: Element | null } | null>(null);

  const run = useCallback(
    async (direction: Direction, confirmed?: number) => {
      if (busy.current) return;
      // Said here, the same for every role: asking the core would answer the association with its role's refusal instead.
      if (!undoable) {
        toast(NO_SHARED_UNDO, 'error');
        return;
      }
      if (savingNow() > 0) {
        setHeldBySave(direction);
        void whenSaved().then(() => setHeldBySave(null));
        return;
      }
      busy.current = true;
      setRunning(direction);
      // A change on its way like a save: told about when it waits for another program's write (WriteWaitNotice).
      const settled = started();
      try {
        let id = confirmed;
        if (id === undefined) {
          // Asked now, not taken from the top bar's answer: another window may have saved since.
          const target = (await client.call('app.history', {}))[direction];
          if (target && target.records > LARGE_UNDO) {
            setAsking({ direction, change: target, focus: document.activeElement });
            return;
          }
          id = target?.id;
        }
        const change = await client.call(direction === 'undo' ? 'app.undo' : 'app.redo', id ? { id } : {});
        invalidate();
        const { label } = change;
        const again: Direction = direction === 'undo' ? 'redo' : 'undo';
        toast(direction === 'undo' ? `元に戻しました: ${label}` : `やり直しました: ${label}`, 'success', {
          action: { label: again === 'undo' ? '元に戻す' : 'やり直す', run: () => void run(again) },
        });
      } catch (error) {
        toast(error instanceof OpFailure ? error.message : String(error), 'error');
      } finally {
        settled();
        busy.current = false;
        setRunning(null);
      }
    },
    [client, invalidate, toast, undoable, savingNow, whenSaved, started],
  );

  /** The menu's command or a key press: the field's own undo while it holds unsaved typing. */
  const command = useCallback(
    (direction: Direction): boolean => {
      // A question on screen (復元しますか？) waits for its answer: nothing may change behind it.
      if (document.querySelector('.dialog[aria-modal="true"]')) return true;
      const focused = document.activeElement;
      if (isTextField(focused) && typed.current.has(focused)) return false;
      void run(direction);
      return true;
    },
    [run],
  );

  useEffect(() => {
    const onInput = (e: Event) => {
      if (e.target instanceof Element) typed.current.add(e.target);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const direction: Direction | null = key === 'z' ? (e.shiftKey ? 'redo' : 'undo') : key === 'y' && !e.shiftKey ? 'redo' : null;
      if (direction && command(direction)) e.preventDefault();
    };
    document.addEventListener('input', onInput, true);
    window.addEventListener('keydown', onKey);
    const stopMenu = window.renkei?.onEditCommand((direction) => {
      if (!command(direction)) document.execCommand(direction);
    });
    return () => {
      document.removeEventListener('input', onInput, true);
      window.removeEventListener('keydown', onKey);
      stopMenu?.();
    };
  }, [command]);

  const successOptions = useCallback(
    () => (takeUndoable() && undoable ? { action: { label: '元に戻す', run: () => void run('undo') } } : undefined),
    [takeUndoable, run, undoable],
  );

  const answer = useCallback(
    (go: boolean) => {
      if (!asking) return;
      setAsking(null);
      if (asking.focus instanceof HTMLElement) asking.focus.focus();
      if (go) void run(asking.direction, asking.change.id);
    },
    [asking, run],
  );

  const state = useMemo(() => ({ run, running, heldBySave }), [run, running, heldBySave]);
  return (
    <UndoContext.Provider value={state}>
      <ToastDefaults successOptions={successOptions}>{children}</ToastDefaults>
      {asking && <LargeChangeQuestion direction={asking.direction} change={asking.change} onAnswer={answer} />}
    </UndoContext.Provider>
  );
}

/** What the question before a large change says, for each way: what happens, and how to go back right after. */
const LARGE_CHANGE_WORDS: Record<Direction, { verb: string; ask: string; does: string; effect: string; back: string }> = {
  undo: {
    verb: '元に戻す',
    ask: '元に戻しますか？',
    does: 'を取り消します。',
    effect: 'この変更で加えたデータは削除され、変えたデータは変更前に戻ります。',
    back: '取り消したあとでも、すぐに「やり直す」（Ctrl+Y）を押せば元どおりになります。',
  },
  redo: {
    verb: 'やり直す',
    ask: 'やり直しますか？',
    does: 'をもう一度行います。',
    effect: '元に戻したときに削除されたデータはふたたび加わり、戻したデータは変更後の内容になります。',
    back: 'やり直したあとでも、すぐに「元に戻す」（Ctrl+Z）を押せば元どおりになります。',
  },
};

/**
 * 「デモデータの読み込み（台帳、基金…の2,998件）を取り消します。」 — before a large change is taken back, and
 * 「…をもう一度行います。」 before it is brought back.
 */
function LargeChangeQuestion({
  direction,
  change,
  onAnswer,
}: {
  direction: Direction;
  change: ChangeSummary;
  onAnswer(go: boolean): void;
}) {
  const cancel = useCallback(() => onAnswer(false), [onAnswer]);
  const words = LARGE_CHANGE_WORDS[direction];
  return (
    <ConfirmDialog
      title={`「${change.label}」を${words.ask}`}
      confirmLabel={words.verb}
      danger
      onConfirm={() => onAnswer(true)}
      onCancel={cancel}
    >
      <p>
        {`${change.label}（${change.holds.join('、')}の${formatNumber(change.records)}件）${words.does}${words.effect}よろしいですか？`}
      </p>
      <p>{words.back}</p>
    </ConfirmDialog>
  );
}

/**
 * 「元に戻す」「やり直す」 in the top bar, each naming the change it would act on; none on a shared database (no journal).
 * While one runs both are off, and beside them it says so. 元に戻す off after a backup's restore says why, as Ctrl+Z does.
 */
export function UndoButtons() {
  const undo = useContext(UndoContext);
  const { data } = useQuery('app.history', {});
  const undoable = useUndoable();
  if (!undo) throw new Error('UndoProvider is missing');
  if (!undoable) return null;
  const { run, running, heldBySave } = undo;
  const title = (verb: string, label: string | undefined, none: string) =>
    running ? RUNNING_LABELS[running] : label ? `${verb}: ${label}` : none;
  return (
    <div className="undo-buttons">
      {running && (
        <span className="undo-buttons__running" role="status">
          <progress aria-hidden="true" />
          {RUNNING_LABELS[running]}
        </span>
      )}
      {heldBySave && !running && (
        <span className="undo-buttons__running" role="status">
          {HELD_LABELS[heldBySave]}
        </span>
      )}
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={!data?.undo || running !== null}
        aria-keyshortcuts="Control+Z"
        title={title('元に戻す', data?.undo?.label, data?.stoppedByRestore ?? '元に戻せる変更はありません')}
        onClick={() => void run('undo')}
      >
        元に戻す
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={!data?.redo || running !== null}
        aria-keyshortcuts="Control+Y Control+Shift+Z"
        title={title('やり直す', data?.redo?.label, 'やり直せる変更はありません')}
        onClick={() => void run('redo')}
      >
        やり直す
      </button>
    </div>
  );
}
